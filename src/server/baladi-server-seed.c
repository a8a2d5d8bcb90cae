/* baladi-server-seed.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The demo data of `baladi-server --seed-demo`: the ministry's four
 * municipalities and three sectors, request categories with their time
 * limits, staff of every role, and the service catalogue read from
 * data/demo/ (JSON files); and the reply templates every database starts
 * with. */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "baladi-server-auth.h"
#include "baladi-server-catalogue.h"
#include "baladi-server-db.h"
#include "baladi-server-seed.h"

static const struct {
  const char *code, *prefix, *name_ar, *name_en;
} municipalities[] = {
  { "capital", "CAP", "أمانة العاصمة", "Capital Secretariat" },
  { "muharraq", "MUH", "بلدية المحرق", "Muharraq Municipality" },
  { "northern", "NOR", "بلدية المنطقة الشمالية", "Northern Area Municipality" },
  { "southern", "SOU", "بلدية المنطقة الجنوبية", "Southern Area Municipality" },
};

static const struct {
  const char *code, *name_ar, *name_en;
} sectors[] = {
  { "municipalities", "شؤون البلديات", "Municipalities Affairs" },
  { "urban-planning", "التخطيط العمراني", "Urban Planning" },
  { "agriculture-marine", "الثروة الزراعية والبحرية", "Agriculture and Marine Resources" },
};

/* Time limits: hours for what endangers health or safety today, days for
 * what needs an inspection or a decision. */
static const struct {
  const char *code, *sector, *name_ar, *name_en;
  int sla_value;
  const char *sla_unit;
} categories[] = {
  { "cleanliness", "municipalities", "النظافة العامة والمخلفات", "Cleanliness and waste", 8, "working_hours" },
  { "street-lighting", "municipalities", "إنارة الشوارع", "Street lighting", 2, "working_days" },
  { "road-damage", "municipalities", "الحفر وأضرار الطرق الداخلية", "Potholes and road damage", 5, "working_days" },
  { "stray-animals", "municipalities", "الحيوانات السائبة", "Stray animals", 2, "working_days" },
  { "pest-control", "municipalities", "مكافحة الحشرات والقوارض", "Pest control", 3, "working_days" },
  { "parks", "municipalities", "الحدائق والمتنزهات", "Parks and gardens", 5, "working_days" },
  { "building-violations", "municipalities", "مخالفات البناء", "Building violations", 10, "working_days" },
  { "building-permits", "municipalities", "تراخيص البناء", "Building permits", 7, "working_days" },
  { "advertisements", "municipalities", "الإعلانات واللوحات", "Advertisements and signs", 5, "working_days" },
  { "zoning-inquiry", "urban-planning", "استفسارات التصنيف والتخطيط", "Zoning and planning inquiries", 5, "working_days" },
  { "subdivision", "urban-planning", "فرز الأراضي ودمجها", "Land subdivision and merging", 15, "working_days" },
  { "planning-objection", "urban-planning", "الاعتراض على المخططات", "Objections to plans", 15, "working_days" },
  { "fishing-licences", "agriculture-marine", "رخص الصيد والقوارب", "Fishing and boat licences", 5, "working_days" },
  { "marine-violations", "agriculture-marine", "المخالفات البحرية", "Marine violations", 8, "working_hours" },
  { "veterinary", "agriculture-marine", "الخدمات البيطرية", "Veterinary services", 2, "working_days" },
  { "agricultural-support", "agriculture-marine", "الدعم والإرشاد الزراعي", "Agricultural support and extension", 10, "working_days" },
};

/* Demo accounts, all with the password BALADI_DEMO_PASSWORD (see
 * docs/api.md). Never seed these into a production database. */
static const struct {
  const char *username, *name_ar, *name_en, *role, *scope;
} staff[] = {
  { "clerk.capital", "فاطمة عبدالله", "Fatima Abdulla", "clerk", "capital" },
  { "clerk.muharraq", "يوسف المناعي", "Yusuf Al-Mannai", "clerk", "muharraq" },
  { "clerk.northern", "مريم الشهابي", "Maryam Al-Shehabi", "clerk", "northern" },
  { "clerk.southern", "علي الدوسري", "Ali Al-Dosari", "clerk", "southern" },
  { "supervisor.capital", "خالد بوحجي", "Khalid Buhaji", "supervisor", "capital" },
  { "supervisor.north-south", "نورة الجلاهمة", "Noora Al-Jalahma", "supervisor", "northern,southern" },
  { "director", "أحمد الكعبي", "Ahmed Al-Kaabi", "director", "*" },
  { "editor", "زينب العريض", "Zainab Al-Oraid", "catalogue_editor", "*" },
};

/* The reply templates every server starts with (schema 3); supervisors
 * change them through the API. A reply goes out in the citizen's language,
 * so each has both. The variables are those docs/api.md lists. */
static const struct {
  const char *id, *title_ar, *title_en, *body_ar, *body_en;
} templates[] = {
  { "acknowledge", "إشعار بالاستلام", "Acknowledge",
    "السيد/السيدة {citizen} المحترم/ة،\nتلقينا بلاغكم رقم {reference} وهو قيد المعالجة لدى الجهة المختصة، وسنوافيكم بالرد في موعد أقصاه {due}.\nشكرًا لتواصلكم مع وزارة شؤون البلديات.",
    "Dear {citizen},\nWe have received your request {reference}. It is with the responsible section and you will hear from us by {due}.\nThank you for contacting the Ministry of Municipalities Affairs." },
  { "more-details", "طلب تفاصيل إضافية", "Ask for more details",
    "السيد/السيدة {citizen} المحترم/ة،\nبخصوص بلاغكم رقم {reference}، نرجو تزويدنا بالموقع الدقيق (رقم المبنى والطريق والمجمع) وصورة إن أمكن، لنتمكن من متابعته.",
    "Dear {citizen},\nAbout your request {reference}: please send us the exact location (building, road and block numbers) and a photo if you can, so that we can follow it up." },
  { "resolved", "تمت المعالجة", "Resolved",
    "السيد/السيدة {citizen} المحترم/ة،\nنفيدكم بأنه تمت معالجة بلاغكم رقم {reference}. نشكركم على تعاونكم، ويسعدنا تلقي ملاحظاتكم.",
    "Dear {citizen},\nYour request {reference} has been dealt with. Thank you for your help; we welcome your feedback." },
  { "service-requirements", "متطلبات الخدمة", "Service requirements",
    "السيد/السيدة {citizen} المحترم/ة،\nللحصول على خدمة «{service}» يلزم تقديم ما يلي:\n{requirements}\nرقم طلبكم: {reference}.",
    "Dear {citizen},\nFor the service “{service}” please provide:\n{requirements}\nYour reference: {reference}." },
  { "transferred", "أُحيل إلى الجهة المختصة", "Transferred to the competent authority",
    "السيد/السيدة {citizen} المحترم/ة،\nتمت إحالة بلاغكم رقم {reference} إلى الجهة المختصة لاتخاذ اللازم، وسنوافيكم بالمستجدات.",
    "Dear {citizen},\nYour request {reference} has been passed to the competent authority, and we will keep you informed." },
};

static gboolean
insert_rows (sqlite3     *db,
             const char  *sql,
             guint        n_rows,
             guint        n_columns,
             const char *(*column) (guint row, guint col),
             GError     **error)
{
  g_autoptr(BaladiStmt) stmt = baladi_server_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  for (guint row = 0; row < n_rows; row++)
    {
      sqlite3_reset (stmt);
      for (guint col = 0; col < n_columns; col++)
        sqlite3_bind_text (stmt, col + 1, column (row, col), -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return baladi_server_db_set_error (db, error);
    }

  return TRUE;
}

static const char *
municipality_column (guint row, guint col)
{
  const char *values[] = { municipalities[row].code, municipalities[row].prefix,
                           municipalities[row].name_ar, municipalities[row].name_en };
  return values[col];
}

static const char *
sector_column (guint row, guint col)
{
  const char *values[] = { sectors[row].code, sectors[row].name_ar, sectors[row].name_en };
  return values[col];
}

static const char *
category_column (guint row, guint col)
{
  static char sla[16];
  const char *values[] = { categories[row].code, categories[row].sector, categories[row].name_ar,
                           categories[row].name_en, NULL, categories[row].sla_unit };

  if (col == 4)
    {
      g_snprintf (sla, sizeof sla, "%d", categories[row].sla_value);
      return sla;
    }
  return values[col];
}

static const char *
staff_column (guint row, guint col)
{
  static char *hash;
  const char *values[] = { staff[row].username, staff[row].name_ar, staff[row].name_en,
                           staff[row].role, staff[row].scope, NULL };

  if (col == 5)
    {
      g_free (hash);
      hash = baladi_password_hash (BALADI_DEMO_PASSWORD, baladi_password_default_iterations ());
      return hash;
    }
  return values[col];
}

static const char *
template_column (guint row, guint col)
{
  static char position[16];
  const char *values[] = { templates[row].id, templates[row].title_ar, templates[row].title_en,
                           templates[row].body_ar, templates[row].body_en, NULL };

  if (col == 5)
    {
      g_snprintf (position, sizeof position, "%u", row + 1);
      return position;
    }
  return values[col];
}

/**
 * baladi_server_seed_templates:
 *
 * Inserts the starting reply templates; part of the upgrade to schema 3,
 * so in the caller's transaction, and never again: a template supervisors
 * deleted stays deleted.
 */
gboolean
baladi_server_seed_templates (sqlite3  *db,
                              GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT OR IGNORE INTO reply_templates "
                                          "(id, title_ar, title_en, body_ar, body_en, position, updated_at) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS INTEGER), %" G_GINT64_FORMAT ")",
                                          g_get_real_time () / G_USEC_PER_SEC);

  return insert_rows (db, sql, G_N_ELEMENTS (templates), 6, template_column, error);
}

/**
 * baladi_server_seed_reference:
 *
 * Inserts the municipalities, sectors, categories and demo staff, unless
 * the database already has them.
 */
gboolean
baladi_server_seed_reference (sqlite3  *db,
                              GError  **error)
{
  if (!baladi_server_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!insert_rows (db, "INSERT OR IGNORE INTO municipalities (code, prefix, name_ar, name_en) VALUES (?1, ?2, ?3, ?4)",
                    G_N_ELEMENTS (municipalities), 4, municipality_column, error) ||
      !insert_rows (db, "INSERT OR IGNORE INTO sectors (code, name_ar, name_en) VALUES (?1, ?2, ?3)",
                    G_N_ELEMENTS (sectors), 3, sector_column, error) ||
      !insert_rows (db, "INSERT OR IGNORE INTO categories (code, sector, name_ar, name_en, sla_value, sla_unit) "
                        "VALUES (?1, ?2, ?3, ?4, CAST(?5 AS INTEGER), ?6)",
                    G_N_ELEMENTS (categories), 6, category_column, error) ||
      !insert_rows (db, "INSERT OR IGNORE INTO staff (username, display_name_ar, display_name_en, role, scope, password_hash) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    G_N_ELEMENTS (staff), 6, staff_column, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return baladi_server_db_exec (db, "COMMIT", error);
}

/* The names of the categories of a catalogue file, if it has them: a
 * file's names replace those already stored, as no call changes them. */
static gboolean
seed_categories (sqlite3     *db,
                 JsonObject  *root,
                 const char  *sector,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(BaladiStmt) upsert = NULL;
  JsonNode *list = json_object_get_member (root, "categories");
  JsonArray *names;

  if (list == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: “categories” is not a list", path);
      return FALSE;
    }

  upsert = baladi_server_db_prepare (db,
    "INSERT INTO service_categories (code, sector, name_ar, name_en) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (code) DO UPDATE SET sector = excluded.sector, name_ar = excluded.name_ar, "
    "name_en = excluded.name_en", error);
  if (upsert == NULL)
    return FALSE;

  names = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (names); i++)
    {
      JsonNode *node = json_array_get_element (names, i);
      JsonObject *category = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *code = category != NULL ? json_object_get_string_member_with_default (category, "code", NULL) : NULL;
      JsonObject *name;

      if (code == NULL || *code == '\0' || strlen (code) > 64 ||
          !baladi_server_is_bilingual (json_object_get_member (category, "name")))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: category %u needs a “code” and a “name” in Arabic and English", path, i);
          return FALSE;
        }

      name = json_object_get_object_member (category, "name");
      sqlite3_reset (upsert);
      sqlite3_bind_text (upsert, 1, code, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert, 2, sector, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert, 3, json_object_get_string_member (name, "ar"), -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert, 4, json_object_get_string_member (name, "en"), -1, SQLITE_STATIC);
      if (sqlite3_step (upsert) != SQLITE_DONE)
        return baladi_server_db_set_error (db, error);
    }

  return TRUE;
}

static gboolean
seed_service_file (sqlite3       *db,
                   sqlite3_stmt  *insert,
                   const char    *path,
                   guint         *n_services,
                   GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *services;
  const char *sector;

  if (!json_parser_load_from_file (parser, path, error))
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      (root = json_node_get_object (json_parser_get_root (parser))) == NULL ||
      (sector = json_object_get_string_member_with_default (root, "sector", NULL)) == NULL ||
      !json_object_has_member (root, "services") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "services")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: expected an object with “sector” and a “services” list", path);
      return FALSE;
    }

  if (!seed_categories (db, root, sector, path, error))
    return FALSE;

  services = json_object_get_array_member (root, "services");
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonNode *node = json_array_get_element (services, i);
      g_autofree char *document = NULL;
      JsonObject *service;
      const char *code;
      const char *category;
      gint64 seq;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (code = json_object_get_string_member_with_default ((service = json_node_get_object (node)), "code", NULL)) == NULL ||
          (category = json_object_get_string_member_with_default (service, "category", NULL)) == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: service %u has no “code” or “category”", path, i);
          return FALSE;
        }

      seq = baladi_server_db_next_seq (db, error);
      if (seq == 0)
        return FALSE;

      document = json_to_string (node, FALSE);
      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, code, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, sector, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, category, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, document, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 5, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_int64 (insert, 6, seq);
      if (sqlite3_step (insert) != SQLITE_DONE)
        return baladi_server_db_set_error (db, error);
      *n_services += sqlite3_changes (db);
    }

  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * baladi_server_seed_services:
 * @directory: a directory of service catalogue files (*.json)
 *
 * Loads every catalogue file of @directory, in name order, in one
 * transaction; services already present are left alone.
 */
gboolean
baladi_server_seed_services (sqlite3     *db,
                             const char  *directory,
                             guint       *n_services,
                             GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BaladiStmt) insert = NULL;
  const char *name;

  *n_services = 0;
  /* A server without a catalogue is still a server: say so and go on. */
  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_printerr ("No service catalogue in %s: no services seeded\n", directory);
      return TRUE;
    }

  dir = g_dir_open (directory, 0, error);
  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  insert = baladi_server_db_prepare (db,
    "INSERT OR IGNORE INTO services (code, sector, category, document, updated_at, seq) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (insert == NULL || !baladi_server_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, g_ptr_array_index (names, i), NULL);

      if (!seed_service_file (db, insert, path, n_services, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return baladi_server_db_exec (db, "COMMIT", error);
}
