/* baladi-server-faults.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Fault injection, for testing clients against a server that misbehaves
 * the way real networks and servers do. Off unless `--faults SPEC` or
 * BALADI_SERVER_FAULTS gives a spec such as
 *
 *   delay=200ms,error-rate=0.2,drop-rate=0.05,truncate-rate=0.05,stale-cursor-rate=0.1,seed=42
 *
 * Each call draws at most one fault, from a random sequence fixed by the
 * seed, so a failing test run can be repeated exactly. */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "baladi-server-faults.h"

struct _BaladiFaults
{
  GRand  *rand;
  guint   delay_ms;
  double  error_rate;
  double  drop_rate;
  double  truncate_rate;
  double  stale_cursor_rate;
};

static gboolean
parse_rate (const char  *value,
            double      *rate,
            GError     **error)
{
  char *end = NULL;

  *rate = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !(*rate >= 0.0 && *rate <= 1.0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a rate between 0 and 1", value);
      return FALSE;
    }

  return TRUE;
}

/**
 * baladi_faults_parse:
 *
 * Returns: (transfer full) (nullable): the faults of @spec
 */
BaladiFaults *
baladi_faults_parse (const char  *spec,
                     GError     **error)
{
  g_autoptr(BaladiFaults) self = g_new0 (BaladiFaults, 1);
  g_auto(GStrv) items = g_strsplit (spec, ",", -1);
  guint64 seed = 1;

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (items[i], "=", 2);
      const char *key = pair[0];
      const char *value = pair[1];
      gboolean ok;

      if (value == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Expected KEY=VALUE, not “%s”", items[i]);
          return NULL;
        }

      if (g_str_equal (key, "delay"))
        {
          g_autofree char *number = g_str_has_suffix (value, "ms") ? g_strndup (value, strlen (value) - 2) : NULL;
          guint64 ms = 0;

          ok = number != NULL && g_ascii_string_to_unsigned (number, 10, 0, 60000, &ms, error);
          if (!ok && error != NULL && *error == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "A delay is in milliseconds, e.g. 200ms");
          self->delay_ms = (guint) ms;
        }
      else if (g_str_equal (key, "error-rate"))
        ok = parse_rate (value, &self->error_rate, error);
      else if (g_str_equal (key, "drop-rate"))
        ok = parse_rate (value, &self->drop_rate, error);
      else if (g_str_equal (key, "truncate-rate"))
        ok = parse_rate (value, &self->truncate_rate, error);
      else if (g_str_equal (key, "stale-cursor-rate"))
        ok = parse_rate (value, &self->stale_cursor_rate, error);
      else if (g_str_equal (key, "seed"))
        ok = g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &seed, error);
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Unknown fault “%s”", key);
          ok = FALSE;
        }

      if (!ok)
        return NULL;
    }

  self->rand = g_rand_new_with_seed ((guint32) seed);

  return g_steal_pointer (&self);
}

void
baladi_faults_free (BaladiFaults *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->rand, g_rand_free);
  g_free (self);
}

guint
baladi_faults_get_delay (BaladiFaults *self)
{
  return self != NULL ? self->delay_ms : 0;
}

/**
 * baladi_faults_draw:
 * @has_cursor: whether the call carries a feed cursor that could go stale
 *
 * Returns: the fault to inflict on the next call, if any
 */
BaladiFault
baladi_faults_draw (BaladiFaults *self,
                    gboolean      has_cursor)
{
  double x;

  if (self == NULL)
    return BALADI_FAULT_NONE;

  /* One draw, split into bands: the rates add up to the chance of any
   * fault at all. */
  x = g_rand_double (self->rand);
  if ((x -= self->error_rate) < 0)
    return BALADI_FAULT_ERROR;
  if ((x -= self->drop_rate) < 0)
    return BALADI_FAULT_DROP;
  if ((x -= self->truncate_rate) < 0)
    return BALADI_FAULT_TRUNCATE;
  if (has_cursor && (x -= self->stale_cursor_rate) < 0)
    return BALADI_FAULT_STALE_CURSOR;

  return BALADI_FAULT_NONE;
}
