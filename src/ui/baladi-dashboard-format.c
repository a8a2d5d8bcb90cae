/* baladi-dashboard-format.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Numbers and dates of the dashboard, in the language of the interface,
 * with the digits the reader chose (the `dashboard-digits` setting):
 * those of the language (Arabic-Indic in Arabic), Arabic-Indic always, or
 * Western always. ICU does the work: its Arabic knows the Arabic decimal
 * separator and percent sign, and its Islamic Umm al-Qura calendar gives
 * the Hijri dates that Bahrain prints beside the Gregorian ones.
 *
 * The formatters are made once and kept: the dashboard formats a few
 * thousand cells at a time, on the main thread. */

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/unum.h>

#include "baladi-dashboard-format.h"

typedef enum {
  FORMAT_COUNT,
  FORMAT_DECIMAL,
  FORMAT_PERCENT,
  FORMAT_WHOLE_PERCENT,
  N_FORMATS,
} Format;

static UNumberFormat *formats[N_FORMATS];
/* "skeleton calendar" → UDateFormat: opening one costs half a millisecond. */
static GHashTable *date_formats;

static const char *
ui_language (void)
{
  /* Translators: the code of this translation's language: "ar" for Arabic */
  return C_("language code", "en");
}

/**
 * baladi_dashboard_format_uses_arabic_digits:
 *
 * Returns: whether numbers are written with Arabic-Indic digits (٠١٢…)
 */
gboolean
baladi_dashboard_format_uses_arabic_digits (void)
{
  static GSettings *settings;
  g_autofree char *digits = NULL;

  if (settings == NULL)
    settings = g_settings_new (APPLICATION_ID);
  digits = g_settings_get_string (settings, "dashboard-digits");

  if (g_str_equal (digits, "arabic-indic"))
    return TRUE;
  if (g_str_equal (digits, "western"))
    return FALSE;
  return g_str_equal (ui_language (), "ar");
}

/* The ICU locale of the interface with @calendar and the chosen digits. */
static char *
icu_locale (const char *calendar)
{
  return g_strdup_printf ("%s@calendar=%s;numbers=%s", ui_language (), calendar,
                          baladi_dashboard_format_uses_arabic_digits () ? "arab" : "latn");
}

/**
 * baladi_dashboard_format_reset:
 *
 * Forgets the formatters, after the digits setting changed.
 */
void
baladi_dashboard_format_reset (void)
{
  for (guint i = 0; i < N_FORMATS; i++)
    g_clear_pointer (&formats[i], unum_close);
  if (date_formats != NULL)
    g_hash_table_remove_all (date_formats);
}

static UNumberFormat *
get_format (Format format)
{
  if (formats[format] == NULL)
    {
      g_autofree char *locale = icu_locale ("gregorian");
      UErrorCode status = U_ZERO_ERROR;
      gboolean percent = format == FORMAT_PERCENT || format == FORMAT_WHOLE_PERCENT;
      int decimals = format == FORMAT_DECIMAL || format == FORMAT_PERCENT ? 1 : 0;
      UNumberFormat *number = unum_open (percent ? UNUM_PERCENT : UNUM_DECIMAL, NULL, 0, locale, NULL, &status);

      if (U_FAILURE (status))
        {
          g_warning ("Cannot format numbers for %s: %s", locale, u_errorName (status));
          return NULL;
        }
      unum_setAttribute (number, UNUM_MIN_FRACTION_DIGITS, decimals);
      unum_setAttribute (number, UNUM_MAX_FRACTION_DIGITS, decimals);
      formats[format] = number;
    }

  return formats[format];
}

static char *
format_number (Format format,
               double value)
{
  UNumberFormat *number = get_format (format);
  UChar buffer[64];
  UErrorCode status = U_ZERO_ERROR;
  int32_t length;

  if (number == NULL)
    return g_strdup_printf ("%g", value);

  length = unum_formatDouble (number, value, buffer, G_N_ELEMENTS (buffer), NULL, &status);
  if (U_FAILURE (status))
    return g_strdup_printf ("%g", value);

  return g_utf16_to_utf8 (buffer, length, NULL, NULL, NULL);
}

/**
 * baladi_dashboard_format_count:
 *
 * Returns: @value with digit grouping: "1,234" or "١٬٢٣٤"
 */
char *
baladi_dashboard_format_count (gint64 value)
{
  return format_number (FORMAT_COUNT, value);
}

/**
 * baladi_dashboard_format_decimal:
 *
 * Returns: @value with one decimal: "3.5" or "٣٫٥"
 */
char *
baladi_dashboard_format_decimal (double value)
{
  return format_number (FORMAT_DECIMAL, value);
}

/**
 * baladi_dashboard_format_percent:
 * @value: a percentage, 0–100
 * @decimals: 0 or 1
 *
 * Returns: @value with @decimals decimals and the percent sign of the
 *   language
 */
char *
baladi_dashboard_format_percent (double value,
                                 guint  decimals)
{
  return format_number (decimals > 0 ? FORMAT_PERCENT : FORMAT_WHOLE_PERCENT, value / 100.0);
}

/**
 * baladi_dashboard_format_date:
 * @skeleton: an ICU skeleton of the fields wanted, e.g. "yMMMd"
 * @hijri: whether to write the date in the Hijri (Umm al-Qura) calendar
 *
 * Returns: @time as a date in Bahrain, in the language of the interface
 */
char *
baladi_dashboard_format_date (GDateTime  *time,
                              const char *skeleton,
                              gboolean    hijri)
{
  g_autofree char *key = g_strdup_printf ("%s %d", skeleton, hijri);
  UChar result[256];
  UErrorCode status = U_ZERO_ERROR;
  UDateFormat *format;
  int32_t length;

  g_return_val_if_fail (time != NULL, NULL);

  if (date_formats == NULL)
    date_formats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) udat_close);
  format = g_hash_table_lookup (date_formats, key);
  if (format == NULL)
    {
      g_autofree char *locale = icu_locale (hijri ? "islamic-umalqura" : "gregorian");
      g_autofree gunichar2 *skeleton16 = g_utf8_to_utf16 (skeleton, -1, NULL, NULL, NULL);
      static const UChar zone[] = { 'A', 's', 'i', 'a', '/', 'B', 'a', 'h', 'r', 'a', 'i', 'n', 0 };
      UDateTimePatternGenerator *generator;
      UChar pattern[128];

      generator = udatpg_open (locale, &status);
      length = udatpg_getBestPattern (generator, skeleton16, -1, pattern, G_N_ELEMENTS (pattern), &status);
      udatpg_close (generator);
      if (U_FAILURE (status))
        return g_date_time_format (time, "%F");
      format = udat_open (UDAT_PATTERN, UDAT_PATTERN, locale, zone, -1, pattern, length, &status);
      if (U_FAILURE (status))
        return g_date_time_format (time, "%F");
      g_hash_table_insert (date_formats, g_steal_pointer (&key), format);
    }

  length = udat_format (format, g_date_time_to_unix (time) * 1000.0, result, G_N_ELEMENTS (result), NULL, &status);
  if (U_FAILURE (status))
    return g_date_time_format (time, "%F");

  return g_utf16_to_utf8 (result, length, NULL, NULL, NULL);
}

/**
 * baladi_dashboard_format_digits:
 *
 * Returns: @text with its Western digits written as the reader chose
 */
char *
baladi_dashboard_format_digits (const char *text)
{
  GString *result;

  g_return_val_if_fail (text != NULL, NULL);

  if (!baladi_dashboard_format_uses_arabic_digits ())
    return g_strdup (text);

  result = g_string_sized_new (strlen (text) * 2);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_unichar (result, 0x0660 + (*p - '0'));
      else
        g_string_append_c (result, *p);
    }

  return g_string_free (result, FALSE);
}

/**
 * baladi_dashboard_format_period:
 * @key: a week's first day (YYYY-MM-DD) or a month (YYYY-MM), as the
 *   dashboard's tables name them
 * @long_form: whether to write the year too
 *
 * Returns: the period in words, e.g. "Mar 1" or "March 2026"
 */
char *
baladi_dashboard_format_period (const char *key,
                                gboolean    long_form)
{
  int year = 0, month = 0, day = 1;
  g_autoptr(GTimeZone) bahrain = g_time_zone_new_offset (3 * 3600);
  g_autoptr(GDateTime) time = NULL;
  gboolean is_month;

  g_return_val_if_fail (key != NULL, NULL);

  is_month = strlen (key) == 7;
  if (sscanf (key, is_month ? "%d-%d" : "%d-%d-%d", &year, &month, &day) < 2)
    return g_strdup (key);
  time = g_date_time_new (bahrain, year, month, day, 12, 0, 0);
  if (time == NULL)
    return g_strdup (key);

  if (is_month)
    return baladi_dashboard_format_date (time, long_form ? "yMMMM" : "MMMy", FALSE);
  return baladi_dashboard_format_date (time, long_form ? "yMMMd" : "MMMd", FALSE);
}
