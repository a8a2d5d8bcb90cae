/* baladi-server-demo-text.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The words the demo request generator composes requests from. Written for
 * this project; the places are real areas of Bahrain. */

#include "config.h"

#include "baladi-server-demo-text.h"

const BaladiDemoTopic baladi_demo_topics[] = {
  { "cleanliness",
    { "تراكم المخلفات في {area}", "Rubbish piling up in {area}" },
    { "تتراكم أكياس القمامة بجانب الحاوية على الطريق {road} في المجمع {block} منذ عدة أيام، وبدأت الروائح والقطط تنتشر في المكان. نرجو إرسال فريق النظافة في أقرب وقت.",
      "Bags of rubbish have been piling up next to the container on road {road}, block {block}, for several days, and the smell and stray cats are spreading. Please send the cleaning crew as soon as possible." },
    970 },
  { "street-lighting",
    { "أعمدة إنارة معطلة في {area}", "Street lights out in {area}" },
    { "ثلاثة أعمدة إنارة على الطريق {road} في المجمع {block} لا تعمل منذ أسبوع، والطريق مظلم تمامًا بعد المغرب مما يشكل خطرًا على المشاة والأطفال.",
      "Three street lights on road {road}, block {block}, have not worked for a week. The road is completely dark after sunset, which is dangerous for pedestrians and children." },
    960 },
  { "road-damage",
    { "حفرة في الطريق {road}", "Pothole on road {road}" },
    { "توجد حفرة عميقة في الطريق {road} بالمجمع {block} في {area} تسببت في أضرار لعدد من السيارات، وتتجمع فيها المياه. نأمل إصلاحها ووضع علامة تحذيرية حتى ذلك الحين.",
      "There is a deep pothole on road {road}, block {block}, in {area} that has damaged several cars and collects water. Please repair it and put up a warning sign until then." },
    930 },
  { "stray-animals",
    { "كلاب ضالة في {area}", "Stray dogs in {area}" },
    { "مجموعة من الكلاب الضالة تتجول قرب المدرسة في المجمع {block} صباحًا، وقد طاردت بعض الطلبة. نرجو التدخل العاجل.",
      "A pack of stray dogs roams near the school in block {block} in the mornings and has chased some pupils. We ask for urgent action." },
    950 },
  { "pest-control",
    { "انتشار القوارض في {area}", "Rats in {area}" },
    { "لاحظ سكان المجمع {block} انتشار الفئران حول حاويات القمامة وفي الحديقة المجاورة للطريق {road}. نطلب رش المنطقة ووضع مصائد.",
      "Residents of block {block} have seen rats around the rubbish containers and in the garden next to road {road}. We ask for the area to be treated and traps laid." },
    950 },
  { "parks",
    { "ألعاب مكسورة في حديقة {area}", "Broken play equipment in the {area} park" },
    { "الأرجوحة والزحليقة في الحديقة العامة بالمجمع {block} مكسورة وحوافها حادة، وقد أصيب أحد الأطفال. نرجو إصلاحها أو إزالتها.",
      "The swing and slide in the public garden in block {block} are broken with sharp edges, and a child has been hurt. Please repair or remove them." },
    940 },
  { "building-violations",
    { "بناء مخالف في {area}", "Unlicensed construction in {area}" },
    { "يقوم أحد الجيران في المجمع {block} ببناء ملحق على الارتداد الأمامي وإغلاق جزء من الرصيف على الطريق {road} دون ترخيص ظاهر. نرجو التحقق.",
      "A neighbour in block {block} is building an annexe in the front setback and has closed part of the pavement on road {road} without a visible permit. Please inspect." },
    900 },
  { "building-permits",
    { "تأخر طلب رخصة بناء", "Building permit application delayed" },
    { "قدمت طلب رخصة بناء لمنزل في {area} منذ أكثر من شهر ولم أتلق أي رد، والمقاول ينتظر. أرجو إفادتي بحالة الطلب وما ينقصه.",
      "I applied for a building permit for a house in {area} more than a month ago and have had no reply, and the contractor is waiting. Please tell me the status of the application and what is missing." },
    920 },
  { "advertisements",
    { "لوحة إعلانية خطرة في {area}", "Unsafe billboard in {area}" },
    { "لوحة إعلانية كبيرة عند تقاطع الطريق {road} مائلة ومهددة بالسقوط بعد الرياح الأخيرة. نرجو إزالتها أو تثبيتها.",
      "A large billboard at the junction of road {road} is leaning and could fall after the recent winds. Please remove or secure it." },
    950 },
  { "zoning-inquiry",
    { "استفسار عن تصنيف أرض في {area}", "Zoning of a plot in {area}" },
    { "أرغب في معرفة تصنيف قطعة أرض في المجمع {block} وهل يسمح فيها ببناء عمارة سكنية من أربعة طوابق، وما الاشتراطات التخطيطية المطلوبة.",
      "I would like to know the zoning of a plot in block {block}, whether a four-storey residential building is allowed there, and what planning requirements apply." },
    960 },
  { "subdivision",
    { "طلب فرز أرض في {area}", "Subdividing a plot in {area}" },
    { "أود فرز أرض ورثناها في {area} إلى ثلاث قطع للورثة. ما المستندات المطلوبة وكم يستغرق الطلب؟",
      "We would like to divide an inherited plot in {area} into three plots for the heirs. Which documents are needed and how long does it take?" },
    910 },
  { "planning-objection",
    { "اعتراض على مخطط الطريق {road}", "Objection to the plan for road {road}" },
    { "المخطط التفصيلي الجديد يمرر طريقًا عبر جزء من أرضي في المجمع {block}. أتقدم باعتراض وأطلب اجتماعًا مع المختصين.",
      "The new detailed plan runs a road through part of my plot in block {block}. I am lodging an objection and ask for a meeting with the planners." },
    900 },
  { "fishing-licences",
    { "تجديد رخصة صيد", "Renewing a fishing licence" },
    { "انتهت رخصة الصيد الخاصة بقاربي ولم أتمكن من تجديدها عبر الموقع لظهور خطأ. أرجو المساعدة قبل موسم الروبيان.",
      "My boat's fishing licence has expired and I could not renew it on the website because of an error. Please help before the shrimp season." },
    950 },
  { "marine-violations",
    { "صيد مخالف قرب ساحل {area}", "Illegal fishing off {area}" },
    { "شاهدنا قاربًا يستخدم شباك الجر القاعية قرب الساحل في {area} ليلة أمس رغم الحظر. نرجو متابعة خفر السواحل.",
      "Last night we saw a boat bottom-trawling close to the shore at {area} despite the ban. Please follow it up with the coastguard." },
    960 },
  { "veterinary",
    { "موعد لتطعيم الماشية", "Livestock vaccination appointment" },
    { "لدي عشرون رأسًا من الغنم في مزرعة في {area} وأحتاج إلى موعد لتطعيمها قبل الشتاء.",
      "I keep twenty sheep on a farm in {area} and need an appointment to have them vaccinated before winter." },
    970 },
  { "agricultural-support",
    { "سوسة النخيل في مزرعة في {area}", "Palm weevil on a farm in {area}" },
    { "ظهرت علامات سوسة النخيل الحمراء على عدد من النخيل في مزرعتي في {area}. أطلب زيارة من الإرشاد الزراعي والمعالجة.",
      "Several palms on my farm in {area} show signs of red palm weevil. I ask for a visit from the agricultural extension service and treatment." },
    930 },
};
const guint baladi_demo_n_topics = G_N_ELEMENTS (baladi_demo_topics);

const BaladiDemoWord baladi_demo_areas[] = {
  { { "الرفاع", "Riffa" } }, { { "مدينة عيسى", "Isa Town" } }, { { "مدينة حمد", "Hamad Town" } },
  { { "سترة", "Sitra" } }, { { "البديع", "Budaiya" } }, { { "سار", "Saar" } },
  { { "الجفير", "Juffair" } }, { { "المحرق", "Muharraq" } }, { { "الحد", "Hidd" } },
  { { "عراد", "Arad" } }, { { "الزلاق", "Zallaq" } }, { { "عسكر", "Askar" } },
  { { "السنابس", "Sanabis" } }, { { "عالي", "A'ali" } }, { { "الحورة", "Hoora" } },
  { { "الماحوز", "Mahooz" } }, { { "جدحفص", "Jidhafs" } }, { { "الدراز", "Diraz" } },
  { { "سلماباد", "Salmabad" } }, { { "عوالي", "Awali" } },
};
const guint baladi_demo_n_areas = G_N_ELEMENTS (baladi_demo_areas);

const BaladiDemoWord baladi_demo_first_names[] = {
  { { "محمد", "Mohammed" } }, { { "أحمد", "Ahmed" } }, { { "علي", "Ali" } }, { { "حسن", "Hasan" } },
  { { "خالد", "Khalid" } }, { { "يوسف", "Yusuf" } }, { { "عبدالله", "Abdulla" } }, { { "جاسم", "Jassim" } },
  { { "فاطمة", "Fatima" } }, { { "مريم", "Maryam" } }, { { "زينب", "Zainab" } }, { { "نورة", "Noora" } },
  { { "عائشة", "Aysha" } }, { { "شيخة", "Shaikha" } }, { { "هدى", "Huda" } }, { { "سلمان", "Salman" } },
};
const guint baladi_demo_n_first_names = G_N_ELEMENTS (baladi_demo_first_names);

const BaladiDemoWord baladi_demo_family_names[] = {
  { { "الدوسري", "Al-Dosari" } }, { { "المناعي", "Al-Mannai" } }, { { "الشهابي", "Al-Shehabi" } },
  { { "بوحجي", "Buhaji" } }, { { "الجلاهمة", "Al-Jalahma" } }, { { "العريض", "Al-Oraid" } },
  { { "الكعبي", "Al-Kaabi" } }, { { "السيد", "Al-Sayed" } }, { { "الحايكي", "Al-Hayki" } },
  { { "المطوع", "Al-Mutawa" } }, { { "العلوي", "Al-Alawi" } }, { { "البنعلي", "Al-Binali" } },
};
const guint baladi_demo_n_family_names = G_N_ELEMENTS (baladi_demo_family_names);

const BaladiDemoWord baladi_demo_replies[] = {
  { { "شكرًا لتواصلكم. تم تحويل ملاحظتكم إلى القسم المختص، وسيتم التعامل معها خلال الفترة المحددة.",
      "Thank you for contacting us. Your note has been passed to the section concerned and will be dealt with within the set time." } },
  { { "نفيدكم بأنه تمت معاينة الموقع ومعالجة الملاحظة. نشكر لكم حرصكم.",
      "We can confirm that the site was inspected and the problem has been dealt with. Thank you for your care." } },
  { { "نرجو تزويدنا بصورة للموقع ورقم المبنى لنتمكن من متابعة طلبكم.",
      "Please send us a photo of the site and the building number so that we can follow up your request." } },
};
const guint baladi_demo_n_replies = G_N_ELEMENTS (baladi_demo_replies);

const BaladiDemoWord baladi_demo_notes[] = {
  { { "تم التنسيق مع المقاول، والزيارة مجدولة صباح الغد.", "Coordinated with the contractor; the visit is booked for tomorrow morning." } },
  { { "الموقع يتبع مشروعًا قائمًا لوزارة الأشغال، بانتظار رد الجهة المنفذة.", "The site belongs to an ongoing Works project; waiting for the contractor's answer." } },
  { { "تكرار للبلاغ نفسه من الأسبوع الماضي، يرجى المتابعة.", "Same report as last week; please follow up." } },
};
const guint baladi_demo_n_notes = G_N_ELEMENTS (baladi_demo_notes);
