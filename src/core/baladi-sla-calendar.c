/* baladi-sla-calendar.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The calendar against which the time limits of requests are counted: the
 * working week of Bahrain's government (Sunday to Thursday; Friday and
 * Saturday are the weekend), its working hours, in Asia/Bahrain time, less
 * the public holidays.
 *
 * Time limits come in working hours or working days. Both are counted in
 * working seconds, which makes pauses simple: the time a request waited on
 * the citizen or on another agency moves its due time out by exactly the
 * working time it covered. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "baladi-sla-calendar.h"

/* The ministry's working hours, in minutes after local midnight. */
#define DEFAULT_OPENS_AT  (7 * 60)
#define DEFAULT_CLOSES_AT (14 * 60)

/* No time limit is longer than a year of working days; a search that runs
 * past this many days means a calendar with no working days left. */
#define MAX_DAYS_SEARCHED (366 * 10)

struct _BaladiSlaCalendar
{
  GObject     parent_instance;

  GTimeZone  *time_zone;
  guint       opens_at;
  guint       closes_at;
  /* Julian day number → holiday name */
  GHashTable *holidays;
};

G_DEFINE_FINAL_TYPE (BaladiSlaCalendar, baladi_sla_calendar, G_TYPE_OBJECT)

G_DEFINE_QUARK (baladi-sla-calendar-error-quark, baladi_sla_calendar_error)

/* Bahrain's public holidays. The Islamic holidays follow the Hijri calendar
 * and are announced each year after the sighting of the moon, so the dates
 * below are those announced for past years and the expected ones for later
 * years; deployments load the official announcements on top with
 * baladi_sla_calendar_load_holidays(). */
static const struct {
  guint16     year;
  guint8      month;
  guint8      day;
  const char *name;
} builtin_holidays[] = {
#define NEW_YEAR     N_("New Year’s Day")
#define LABOUR_DAY   N_("Labour Day")
#define EID_AL_FITR  N_("Eid al-Fitr")
#define ARAFAT       N_("Arafat Day")
#define EID_AL_ADHA  N_("Eid al-Adha")
#define HIJRI_NEW    N_("Islamic New Year")
#define ASHURA       N_("Ashura")
#define MAWLID       N_("Prophet’s Birthday")
#define NATIONAL_DAY N_("National Day")
  { 2024, 1, 1, NEW_YEAR }, { 2024, 4, 10, EID_AL_FITR }, { 2024, 4, 11, EID_AL_FITR },
  { 2024, 4, 12, EID_AL_FITR }, { 2024, 5, 1, LABOUR_DAY }, { 2024, 6, 15, ARAFAT },
  { 2024, 6, 16, EID_AL_ADHA }, { 2024, 6, 17, EID_AL_ADHA }, { 2024, 6, 18, EID_AL_ADHA },
  { 2024, 7, 7, HIJRI_NEW }, { 2024, 7, 15, ASHURA }, { 2024, 7, 16, ASHURA },
  { 2024, 9, 15, MAWLID }, { 2024, 12, 16, NATIONAL_DAY }, { 2024, 12, 17, NATIONAL_DAY },

  { 2025, 1, 1, NEW_YEAR }, { 2025, 3, 30, EID_AL_FITR }, { 2025, 3, 31, EID_AL_FITR },
  { 2025, 4, 1, EID_AL_FITR }, { 2025, 5, 1, LABOUR_DAY }, { 2025, 6, 5, ARAFAT },
  { 2025, 6, 6, EID_AL_ADHA }, { 2025, 6, 7, EID_AL_ADHA }, { 2025, 6, 8, EID_AL_ADHA },
  { 2025, 6, 26, HIJRI_NEW }, { 2025, 7, 4, ASHURA }, { 2025, 7, 5, ASHURA },
  { 2025, 9, 4, MAWLID }, { 2025, 12, 16, NATIONAL_DAY }, { 2025, 12, 17, NATIONAL_DAY },

  { 2026, 1, 1, NEW_YEAR }, { 2026, 3, 20, EID_AL_FITR }, { 2026, 3, 21, EID_AL_FITR },
  { 2026, 3, 22, EID_AL_FITR }, { 2026, 5, 1, LABOUR_DAY }, { 2026, 5, 26, ARAFAT },
  { 2026, 5, 27, EID_AL_ADHA }, { 2026, 5, 28, EID_AL_ADHA }, { 2026, 5, 29, EID_AL_ADHA },
  { 2026, 6, 16, HIJRI_NEW }, { 2026, 6, 24, ASHURA }, { 2026, 6, 25, ASHURA },
  { 2026, 8, 25, MAWLID }, { 2026, 12, 16, NATIONAL_DAY }, { 2026, 12, 17, NATIONAL_DAY },

  { 2027, 1, 1, NEW_YEAR }, { 2027, 3, 9, EID_AL_FITR }, { 2027, 3, 10, EID_AL_FITR },
  { 2027, 3, 11, EID_AL_FITR }, { 2027, 5, 1, LABOUR_DAY }, { 2027, 5, 15, ARAFAT },
  { 2027, 5, 16, EID_AL_ADHA }, { 2027, 5, 17, EID_AL_ADHA }, { 2027, 5, 18, EID_AL_ADHA },
  { 2027, 6, 6, HIJRI_NEW }, { 2027, 6, 14, ASHURA }, { 2027, 6, 15, ASHURA },
  { 2027, 8, 14, MAWLID }, { 2027, 12, 16, NATIONAL_DAY }, { 2027, 12, 17, NATIONAL_DAY },

  { 2028, 1, 1, NEW_YEAR }, { 2028, 2, 26, EID_AL_FITR }, { 2028, 2, 27, EID_AL_FITR },
  { 2028, 2, 28, EID_AL_FITR }, { 2028, 5, 1, LABOUR_DAY }, { 2028, 5, 4, ARAFAT },
  { 2028, 5, 5, EID_AL_ADHA }, { 2028, 5, 6, EID_AL_ADHA }, { 2028, 5, 7, EID_AL_ADHA },
  { 2028, 5, 25, HIJRI_NEW }, { 2028, 6, 2, ASHURA }, { 2028, 6, 3, ASHURA },
  { 2028, 8, 3, MAWLID }, { 2028, 12, 16, NATIONAL_DAY }, { 2028, 12, 17, NATIONAL_DAY },
#undef NEW_YEAR
#undef LABOUR_DAY
#undef EID_AL_FITR
#undef ARAFAT
#undef EID_AL_ADHA
#undef HIJRI_NEW
#undef ASHURA
#undef MAWLID
#undef NATIONAL_DAY
};

static void
baladi_sla_calendar_finalize (GObject *object)
{
  BaladiSlaCalendar *self = (BaladiSlaCalendar *)object;

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->holidays, g_hash_table_unref);

  G_OBJECT_CLASS (baladi_sla_calendar_parent_class)->finalize (object);
}

static void
baladi_sla_calendar_class_init (BaladiSlaCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = baladi_sla_calendar_finalize;
}

static void
baladi_sla_calendar_init (BaladiSlaCalendar *self)
{
  /* Bahrain keeps UTC+3 all year; the fixed offset is only a fallback for
   * systems without tzdata. */
  self->time_zone = g_time_zone_new_identifier ("Asia/Bahrain");
  if (self->time_zone == NULL)
    self->time_zone = g_time_zone_new_offset (3 * 60 * 60);

  self->opens_at = DEFAULT_OPENS_AT;
  self->closes_at = DEFAULT_CLOSES_AT;
  self->holidays = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

/**
 * baladi_sla_calendar_new:
 *
 * Returns: (transfer full): the calendar of Bahrain's government, with the
 *   built-in table of public holidays from 2024 to 2028
 */
BaladiSlaCalendar *
baladi_sla_calendar_new (void)
{
  BaladiSlaCalendar *self = baladi_sla_calendar_new_empty ();

  for (guint i = 0; i < G_N_ELEMENTS (builtin_holidays); i++)
    {
      g_autoptr(GDate) date = g_date_new_dmy (builtin_holidays[i].day,
                                              builtin_holidays[i].month,
                                              builtin_holidays[i].year);

      baladi_sla_calendar_add_holiday (self, date, _(builtin_holidays[i].name));
    }

  return self;
}

/**
 * baladi_sla_calendar_new_empty:
 *
 * Returns: (transfer full): the Bahraini working week and hours with no
 *   public holidays
 */
BaladiSlaCalendar *
baladi_sla_calendar_new_empty (void)
{
  return g_object_new (BALADI_TYPE_SLA_CALENDAR, NULL);
}

/**
 * baladi_sla_calendar_get_time_zone:
 *
 * Returns: (transfer none): the time zone working hours are counted in
 */
GTimeZone *
baladi_sla_calendar_get_time_zone (BaladiSlaCalendar *self)
{
  g_return_val_if_fail (BALADI_IS_SLA_CALENDAR (self), NULL);

  return self->time_zone;
}

/**
 * baladi_sla_calendar_get_opens_at:
 *
 * Returns: the start of the working day, in minutes after local midnight
 */
guint
baladi_sla_calendar_get_opens_at (BaladiSlaCalendar *self)
{
  g_return_val_if_fail (BALADI_IS_SLA_CALENDAR (self), 0);

  return self->opens_at;
}

/**
 * baladi_sla_calendar_get_closes_at:
 *
 * Returns: the end of the working day, in minutes after local midnight
 */
guint
baladi_sla_calendar_get_closes_at (BaladiSlaCalendar *self)
{
  g_return_val_if_fail (BALADI_IS_SLA_CALENDAR (self), 0);

  return self->closes_at;
}

/**
 * baladi_sla_calendar_set_working_hours:
 * @opens_at: minutes after local midnight
 * @closes_at: minutes after local midnight, after @opens_at
 */
void
baladi_sla_calendar_set_working_hours (BaladiSlaCalendar *self,
                                       guint              opens_at,
                                       guint              closes_at)
{
  g_return_if_fail (BALADI_IS_SLA_CALENDAR (self));
  g_return_if_fail (opens_at < closes_at);
  g_return_if_fail (closes_at <= 24 * 60);

  self->opens_at = opens_at;
  self->closes_at = closes_at;
}

/**
 * baladi_sla_calendar_get_working_day_length:
 *
 * Returns: the length of a working day in seconds: one working day of a
 *   time limit is this much working time
 */
gint64
baladi_sla_calendar_get_working_day_length (BaladiSlaCalendar *self)
{
  g_return_val_if_fail (BALADI_IS_SLA_CALENDAR (self), 0);

  return (gint64) (self->closes_at - self->opens_at) * 60;
}

void
baladi_sla_calendar_add_holiday (BaladiSlaCalendar *self,
                                 const GDate       *date,
                                 const char        *name)
{
  g_return_if_fail (BALADI_IS_SLA_CALENDAR (self));
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (name != NULL);

  g_hash_table_insert (self->holidays,
                       GUINT_TO_POINTER (g_date_get_julian (date)),
                       g_strdup (name));
}

gboolean
baladi_sla_calendar_remove_holiday (BaladiSlaCalendar *self,
                                    const GDate       *date)
{
  g_return_val_if_fail (BALADI_IS_SLA_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return g_hash_table_remove (self->holidays,
                              GUINT_TO_POINTER (g_date_get_julian (date)));
}

/**
 * baladi_sla_calendar_get_holiday:
 *
 * Returns: (nullable): the name of the public holiday on @date, if any
 */
const char *
baladi_sla_calendar_get_holiday (BaladiSlaCalendar *self,
                                 const GDate       *date)
{
  g_return_val_if_fail (BALADI_IS_SLA_CALENDAR (self), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_hash_table_lookup (self->holidays,
                              GUINT_TO_POINTER (g_date_get_julian (date)));
}

/**
 * baladi_sla_calendar_load_holidays:
 * @key_file: a key file with a `[holidays]` group of `YYYY-MM-DD=Name`
 *   entries, and optionally a `[working-days]` group of `YYYY-MM-DD=Reason`
 *   entries for days announced as working days after all
 *
 * Adds the holidays of @key_file to the calendar. Nothing is changed if
 * any date is invalid.
 *
 * Returns: %TRUE on success
 */
/* Parses the keys of @group as dates into @dates and, if @names is given,
 * their values into @names. */
static gboolean
parse_date_group (GKeyFile    *key_file,
                  const char  *group,
                  GArray      *dates,
                  GPtrArray   *names,
                  GError     **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (key_file, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      guint year, month, day;
      char trailing;
      GDate date;

      if (sscanf (keys[i], "%4u-%2u-%2u%c", &year, &month, &day, &trailing) != 3 ||
          year > G_MAXUINT16 || month > 12 || day > 31 ||
          !g_date_valid_dmy (day, month, year))
        {
          g_set_error (error, BALADI_SLA_CALENDAR_ERROR,
                       BALADI_SLA_CALENDAR_ERROR_INVALID_DATE,
                       "Invalid date “%s” in group [%s]: expected YYYY-MM-DD",
                       keys[i], group);
          return FALSE;
        }

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, day, month, year);
      g_array_append_val (dates, date);
      if (names != NULL)
        g_ptr_array_add (names, g_key_file_get_string (key_file, group, keys[i], NULL));
    }

  return TRUE;
}

gboolean
baladi_sla_calendar_load_holidays (BaladiSlaCalendar  *self,
                                   GKeyFile           *key_file,
                                   GError            **error)
{
  g_autoptr(GArray) holidays = g_array_new (FALSE, FALSE, sizeof (GDate));
  g_autoptr(GArray) working_days = g_array_new (FALSE, FALSE, sizeof (GDate));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (BALADI_IS_SLA_CALENDAR (self), FALSE);
  g_return_val_if_fail (key_file != NULL, FALSE);

  /* Parse everything first so a bad line leaves the calendar as it was. */
  if (!parse_date_group (key_file, "holidays", holidays, names, error) ||
      !parse_date_group (key_file, "working-days", working_days, NULL, error))
    return FALSE;

  for (guint i = 0; i < holidays->len; i++)
    baladi_sla_calendar_add_holiday (self, &g_array_index (holidays, GDate, i),
                                     g_ptr_array_index (names, i));
  for (guint i = 0; i < working_days->len; i++)
    baladi_sla_calendar_remove_holiday (self, &g_array_index (working_days, GDate, i));

  return TRUE;
}

/**
 * baladi_sla_calendar_is_working_day:
 *
 * Returns: whether @date is a working day: Sunday to Thursday and not a
 *   public holiday
 */
gboolean
baladi_sla_calendar_is_working_day (BaladiSlaCalendar *self,
                                    const GDate       *date)
{
  GDateWeekday weekday;

  g_return_val_if_fail (BALADI_IS_SLA_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  weekday = g_date_get_weekday (date);
  if (weekday == G_DATE_FRIDAY || weekday == G_DATE_SATURDAY)
    return FALSE;

  return baladi_sla_calendar_get_holiday (self, date) == NULL;
}

static int
compare_julian (gconstpointer a,
                gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/**
 * baladi_sla_calendar_dup_fingerprint:
 *
 * What decides the working time between two instants on this calendar, as
 * a short text: the time zone, the working hours and the public holidays
 * that fall on a working day of the week. Two calendars with the same
 * fingerprint count the same working time everywhere; a figure computed
 * ahead of time on one (such as the cache's times to first reply) holds
 * for the other.
 *
 * Returns: (transfer full): the fingerprint, in hexadecimal
 */
char *
baladi_sla_calendar_dup_fingerprint (BaladiSlaCalendar *self)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *hours = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (BALADI_IS_SLA_CALENDAR (self), NULL);

  g_hash_table_iter_init (&iter, self->holidays);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint32 julian = GPOINTER_TO_UINT (key);
      GDate date;
      GDateWeekday weekday;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, julian);
      weekday = g_date_get_weekday (&date);
      if (weekday != G_DATE_FRIDAY && weekday != G_DATE_SATURDAY)
        g_array_append_val (days, julian);
    }
  g_array_sort (days, compare_julian);

  hours = g_strdup_printf ("%s %u-%u", g_time_zone_get_identifier (self->time_zone), self->opens_at, self->closes_at);
  g_checksum_update (checksum, (const guchar *) hours, -1);
  for (guint i = 0; i < days->len; i++)
    {
      char day[16];

      g_snprintf (day, sizeof day, " %u", g_array_index (days, guint32, i));
      g_checksum_update (checksum, (const guchar *) day, -1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* The local date of @instant and the Unix times its working hours begin
 * and end. */
static void
get_local_day (BaladiSlaCalendar *self,
               GDateTime         *instant,
               GDate             *date,
               gint64            *opens,
               gint64            *closes)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (instant, self->time_zone);
  g_autoptr(GDateTime) midnight = NULL;
  int year, month, day;

  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);

  midnight = g_date_time_new (self->time_zone, year, month, day, 0, 0, 0);
  *opens = g_date_time_to_unix (midnight) + (gint64) self->opens_at * 60;
  *closes = g_date_time_to_unix (midnight) + (gint64) self->closes_at * 60;
}

/* The instant of local midnight at the start of the day after @date. */
static GDateTime *
next_day (BaladiSlaCalendar *self,
          const GDate       *date)
{
  GDate next = *date;

  g_date_add_days (&next, 1);

  return g_date_time_new (self->time_zone,
                          g_date_get_year (&next),
                          g_date_get_month (&next),
                          g_date_get_day (&next),
                          0, 0, 0);
}

/**
 * baladi_sla_calendar_working_seconds_between:
 *
 * Returns: the working time between @start and @end, in seconds; 0 if
 *   @end is not after @start
 */
gint64
baladi_sla_calendar_working_seconds_between (BaladiSlaCalendar *self,
                                             GDateTime         *start,
                                             GDateTime         *end)
{
  g_autoptr(GDateTime) cursor = NULL;
  gint64 end_unix;
  gint64 total = 0;

  g_return_val_if_fail (BALADI_IS_SLA_CALENDAR (self), 0);
  g_return_val_if_fail (start != NULL, 0);
  g_return_val_if_fail (end != NULL, 0);

  end_unix = g_date_time_to_unix (end);
  cursor = g_date_time_ref (start);

  while (g_date_time_to_unix (cursor) < end_unix)
    {
      GDate date;
      gint64 opens, closes;
      GDateTime *next;

      get_local_day (self, cursor, &date, &opens, &closes);
      if (baladi_sla_calendar_is_working_day (self, &date))
        {
          gint64 from = MAX (opens, g_date_time_to_unix (cursor));
          gint64 to = MIN (closes, end_unix);

          if (to > from)
            total += to - from;
        }

      next = next_day (self, &date);
      g_date_time_unref (cursor);
      cursor = next;
    }

  return total;
}

/**
 * baladi_sla_calendar_add_working_seconds:
 *
 * Returns: (transfer full) (nullable): the instant @seconds of working time
 *   after @from, in UTC; %NULL if the calendar has no working time left
 *   within ten years
 */
GDateTime *
baladi_sla_calendar_add_working_seconds (BaladiSlaCalendar *self,
                                         GDateTime         *from,
                                         gint64             seconds)
{
  g_autoptr(GDateTime) cursor = NULL;

  g_return_val_if_fail (BALADI_IS_SLA_CALENDAR (self), NULL);
  g_return_val_if_fail (from != NULL, NULL);
  g_return_val_if_fail (seconds >= 0, NULL);

  if (seconds == 0)
    return g_date_time_to_utc (from);

  cursor = g_date_time_ref (from);
  for (guint i = 0; i < MAX_DAYS_SEARCHED; i++)
    {
      GDate date;
      gint64 opens, closes;
      GDateTime *next;

      get_local_day (self, cursor, &date, &opens, &closes);
      if (baladi_sla_calendar_is_working_day (self, &date))
        {
          gint64 window_start = MAX (opens, g_date_time_to_unix (cursor));

          if (window_start < closes)
            {
              /* Reaching the exact end of a working day stays on that day:
               * a limit of one working day ends at closing time. */
              if (seconds <= closes - window_start)
                return g_date_time_new_from_unix_utc (window_start + seconds);
              seconds -= closes - window_start;
            }
        }

      next = next_day (self, &date);
      g_date_time_unref (cursor);
      cursor = next;
    }

  return NULL;
}

/* The opening of the first working day after the day @instant falls on. */
static GDateTime *
opening_of_next_working_day (BaladiSlaCalendar *self,
                             GDateTime         *instant)
{
  GDate date;
  gint64 opens, closes;

  get_local_day (self, instant, &date, &opens, &closes);
  for (guint i = 0; i < MAX_DAYS_SEARCHED; i++)
    {
      g_date_add_days (&date, 1);
      if (baladi_sla_calendar_is_working_day (self, &date))
        {
          g_autoptr(GDateTime) midnight = g_date_time_new (self->time_zone,
                                                           g_date_get_year (&date),
                                                           g_date_get_month (&date),
                                                           g_date_get_day (&date),
                                                           0, 0, 0);

          return g_date_time_add_seconds (midnight, self->opens_at * 60.0);
        }
    }

  return NULL;
}

/**
 * baladi_sla_calendar_compute_due:
 * @received: when the request reached the ministry
 * @value: the time limit of its category
 * @unit: whether @value counts working hours or working days
 * @pauses: (array length=n_pauses) (nullable): when its clock stood still
 * @now: (nullable): the present, needed only if a pause is still open
 *
 * Computes when the first reply to the citizen is due.
 *
 * A limit in working hours counts from the moment of receipt (or from the
 * next opening, outside working hours). A limit of N working days does
 * not count the day of receipt: it ends at closing time on the Nth working
 * day after it, the way "within N working days" is read at a counter.
 * Each pause moves the due time out by the working time it covered after
 * the clock started; a pause still open counts until @now.
 *
 * Returns: (transfer full) (nullable): the due time in UTC, or %NULL if the
 *   calendar has no working time left
 */
GDateTime *
baladi_sla_calendar_compute_due (BaladiSlaCalendar    *self,
                                 GDateTime            *received,
                                 guint                 value,
                                 BaladiSlaUnit         unit,
                                 const BaladiSlaPause *pauses,
                                 gsize                 n_pauses,
                                 GDateTime            *now)
{
  g_autoptr(GDateTime) clock_start = NULL;
  gint64 limit;
  gint64 paused = 0;

  g_return_val_if_fail (BALADI_IS_SLA_CALENDAR (self), NULL);
  g_return_val_if_fail (received != NULL, NULL);
  g_return_val_if_fail (value > 0, NULL);
  g_return_val_if_fail (n_pauses == 0 || pauses != NULL, NULL);

  switch (unit)
    {
    case BALADI_SLA_UNIT_WORKING_HOURS:
      clock_start = g_date_time_ref (received);
      limit = (gint64) value * 60 * 60;
      break;

    case BALADI_SLA_UNIT_WORKING_DAYS:
      clock_start = opening_of_next_working_day (self, received);
      if (clock_start == NULL)
        return NULL;
      limit = (gint64) value * baladi_sla_calendar_get_working_day_length (self);
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  for (gsize i = 0; i < n_pauses; i++)
    {
      GDateTime *end = pauses[i].end != NULL ? pauses[i].end : now;
      GDateTime *start = pauses[i].start;

      g_return_val_if_fail (start != NULL, NULL);
      g_return_val_if_fail (end != NULL, NULL);

      if (g_date_time_compare (start, clock_start) < 0)
        start = clock_start;
      paused += baladi_sla_calendar_working_seconds_between (self, start, end);
    }

  return baladi_sla_calendar_add_working_seconds (self, clock_start, limit + paused);
}

/**
 * baladi_sla_calendar_evaluate:
 * @received: when the request reached the ministry
 * @due: its due time
 * @first_reply: (nullable): when the citizen got the first reply, if yet
 * @paused: whether the request waits on the citizen or another agency now
 * @now: the present
 *
 * A request is on time when its first reply to the citizen came at or
 * before the due time. Before that it is due soon when less than a fifth
 * of its working time, or less than one working hour, is left.
 *
 * Returns: where the request stands against its time limit
 */
BaladiSlaState
baladi_sla_calendar_evaluate (BaladiSlaCalendar *self,
                              GDateTime         *received,
                              GDateTime         *due,
                              GDateTime         *first_reply,
                              gboolean           paused,
                              GDateTime         *now)
{
  gint64 total;
  gint64 left;

  g_return_val_if_fail (BALADI_IS_SLA_CALENDAR (self), BALADI_SLA_STATE_ON_TRACK);
  g_return_val_if_fail (received != NULL, BALADI_SLA_STATE_ON_TRACK);
  g_return_val_if_fail (due != NULL, BALADI_SLA_STATE_ON_TRACK);
  g_return_val_if_fail (now != NULL, BALADI_SLA_STATE_ON_TRACK);

  if (first_reply != NULL)
    return g_date_time_compare (first_reply, due) <= 0
           ? BALADI_SLA_STATE_MET_ON_TIME
           : BALADI_SLA_STATE_MET_LATE;

  if (paused)
    return BALADI_SLA_STATE_PAUSED;

  if (g_date_time_compare (now, due) > 0)
    return BALADI_SLA_STATE_OVERDUE;

  total = baladi_sla_calendar_working_seconds_between (self, received, due);
  left = baladi_sla_calendar_working_seconds_between (self, now, due);
  if (left < 60 * 60 || left * 5 < total)
    return BALADI_SLA_STATE_DUE_SOON;

  return BALADI_SLA_STATE_ON_TRACK;
}
