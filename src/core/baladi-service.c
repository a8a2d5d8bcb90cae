/* baladi-service.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A service of the catalogue (Sila): what a call-centre clerk needs to
 * answer a caller, in Arabic and in English. Bilingual text is a pair of
 * properties, NAME-ar and NAME-en; lists of words are string arrays. */

#include "config.h"

#include <string.h>

#include "baladi-service.h"

G_DEFINE_BOXED_TYPE (BaladiFee, baladi_fee, baladi_fee_copy, baladi_fee_free)

BaladiFee *
baladi_fee_new (gint64      fils,
                const char *label_ar,
                const char *label_en)
{
  BaladiFee *fee = g_new0 (BaladiFee, 1);

  g_return_val_if_fail (fils >= 0, fee);

  fee->fils = fils;
  fee->label_ar = g_strdup (label_ar);
  fee->label_en = g_strdup (label_en);
  return fee;
}

BaladiFee *
baladi_fee_copy (const BaladiFee *fee)
{
  return baladi_fee_new (fee->fils, fee->label_ar, fee->label_en);
}

void
baladi_fee_free (BaladiFee *fee)
{
  if (fee == NULL)
    return;

  g_free (fee->label_ar);
  g_free (fee->label_en);
  g_free (fee);
}

/**
 * baladi_fils_parse_bhd:
 * @bhd: an amount as the API writes it: "25.000"
 * @fils: (out): the amount in fils
 *
 * Returns: whether @bhd is a well-formed amount (digits, a point, three
 *   digits of fils)
 */
gboolean
baladi_fils_parse_bhd (const char *bhd,
                       gint64     *fils)
{
  const char *point;
  guint64 dinars, rest;
  g_autofree char *whole = NULL;

  if (bhd == NULL || (point = strchr (bhd, '.')) == NULL || strlen (point + 1) != 3 || point == bhd)
    return FALSE;

  whole = g_strndup (bhd, point - bhd);
  if (!g_ascii_string_to_unsigned (whole, 10, 0, 999999999, &dinars, NULL) ||
      !g_ascii_string_to_unsigned (point + 1, 10, 0, 999, &rest, NULL) ||
      !g_ascii_isdigit (point[1]))
    return FALSE;

  *fils = (gint64) (dinars * 1000 + rest);
  return TRUE;
}

/**
 * baladi_fils_format_bhd:
 *
 * Returns: (transfer full): @fils as the API writes amounts: "25.000"
 */
char *
baladi_fils_format_bhd (gint64 fils)
{
  g_return_val_if_fail (fils >= 0, NULL);

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%03d", fils / 1000, (int) (fils % 1000));
}

#define N_TEXT 12
#define N_LISTS 8

struct _BaladiService
{
  GObject        parent_instance;

  char          *text[N_TEXT];
  GStrv          lists[N_LISTS];
  BaladiSector   sector;
  guint          duration_value;
  BaladiSlaUnit  duration_unit;
  gboolean       e_service;
  GPtrArray     *fees;
};

G_DEFINE_FINAL_TYPE (BaladiService, baladi_service, G_TYPE_OBJECT)

/* Text properties, in the order of self->text. */
static const char *text_names[] = {
  "code", "category", "version", "e-service-url",
  "name-ar", "name-en", "directorate-ar", "directorate-en",
  "description-ar", "description-en", "eligibility-ar", "eligibility-en",
};

/* String array properties, in the order of self->lists. */
static const char *list_names[] = {
  "documents-ar", "documents-en", "steps-ar", "steps-en",
  "keywords-ar", "keywords-en", "channels", "related",
};

G_STATIC_ASSERT (G_N_ELEMENTS (text_names) == N_TEXT);
G_STATIC_ASSERT (G_N_ELEMENTS (list_names) == N_LISTS);

enum {
  PROP_0,
  PROP_FIRST_TEXT,
  PROP_FIRST_LIST = PROP_FIRST_TEXT + N_TEXT,
  PROP_SECTOR = PROP_FIRST_LIST + N_LISTS,
  PROP_DURATION_VALUE,
  PROP_DURATION_UNIT,
  PROP_E_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
baladi_service_finalize (GObject *object)
{
  BaladiService *self = (BaladiService *)object;

  for (guint i = 0; i < N_TEXT; i++)
    g_free (self->text[i]);
  for (guint i = 0; i < N_LISTS; i++)
    g_strfreev (self->lists[i]);
  g_ptr_array_unref (self->fees);

  G_OBJECT_CLASS (baladi_service_parent_class)->finalize (object);
}

static void
baladi_service_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BaladiService *self = BALADI_SERVICE (object);

  if (prop_id >= PROP_FIRST_TEXT && prop_id < PROP_FIRST_LIST)
    g_value_set_string (value, self->text[prop_id - PROP_FIRST_TEXT]);
  else if (prop_id >= PROP_FIRST_LIST && prop_id < PROP_SECTOR)
    g_value_set_boxed (value, self->lists[prop_id - PROP_FIRST_LIST]);
  else if (prop_id == PROP_SECTOR)
    g_value_set_enum (value, self->sector);
  else if (prop_id == PROP_DURATION_VALUE)
    g_value_set_uint (value, self->duration_value);
  else if (prop_id == PROP_DURATION_UNIT)
    g_value_set_enum (value, self->duration_unit);
  else if (prop_id == PROP_E_SERVICE)
    g_value_set_boolean (value, self->e_service);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strv_equal (a, b);
}

static void
baladi_service_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BaladiService *self = BALADI_SERVICE (object);
  gboolean changed = FALSE;

  if (prop_id >= PROP_FIRST_TEXT && prop_id < PROP_FIRST_LIST)
    {
      char **field = &self->text[prop_id - PROP_FIRST_TEXT];

      if ((changed = g_strcmp0 (*field, g_value_get_string (value)) != 0))
        {
          g_free (*field);
          *field = g_value_dup_string (value);
        }
    }
  else if (prop_id >= PROP_FIRST_LIST && prop_id < PROP_SECTOR)
    {
      GStrv *field = &self->lists[prop_id - PROP_FIRST_LIST];

      if ((changed = !strv_equal ((const char * const *) *field, g_value_get_boxed (value))))
        {
          g_strfreev (*field);
          *field = g_value_dup_boxed (value);
        }
    }
  else if (prop_id == PROP_SECTOR)
    {
      changed = self->sector != (BaladiSector) g_value_get_enum (value);
      self->sector = g_value_get_enum (value);
    }
  else if (prop_id == PROP_DURATION_VALUE)
    {
      changed = self->duration_value != g_value_get_uint (value);
      self->duration_value = g_value_get_uint (value);
    }
  else if (prop_id == PROP_DURATION_UNIT)
    {
      changed = self->duration_unit != (BaladiSlaUnit) g_value_get_enum (value);
      self->duration_unit = g_value_get_enum (value);
    }
  else if (prop_id == PROP_E_SERVICE)
    {
      changed = self->e_service != g_value_get_boolean (value);
      self->e_service = g_value_get_boolean (value);
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
baladi_service_class_init (BaladiServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = baladi_service_finalize;
  object_class->get_property = baladi_service_get_property;
  object_class->set_property = baladi_service_set_property;

  for (guint i = 0; i < N_TEXT; i++)
    properties[PROP_FIRST_TEXT + i] = g_param_spec_string (text_names[i], NULL, NULL, NULL, flags);
  for (guint i = 0; i < N_LISTS; i++)
    properties[PROP_FIRST_LIST + i] = g_param_spec_boxed (list_names[i], NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SECTOR] = g_param_spec_enum ("sector", NULL, NULL, BALADI_TYPE_SECTOR,
                                               BALADI_SECTOR_MUNICIPALITIES, flags);
  properties[PROP_DURATION_VALUE] = g_param_spec_uint ("duration-value", NULL, NULL, 0, 365, 0, flags);
  properties[PROP_DURATION_UNIT] = g_param_spec_enum ("duration-unit", NULL, NULL, BALADI_TYPE_SLA_UNIT,
                                                      BALADI_SLA_UNIT_WORKING_DAYS, flags);
  properties[PROP_E_SERVICE] = g_param_spec_boolean ("e-service", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
baladi_service_init (BaladiService *self)
{
  self->fees = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_fee_free);
}

BaladiService *
baladi_service_new (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return g_object_new (BALADI_TYPE_SERVICE, "code", code, NULL);
}

const char *
baladi_service_get_code (BaladiService *self)
{
  g_return_val_if_fail (BALADI_IS_SERVICE (self), NULL);

  return self->text[0];  /* "code" */
}

/**
 * baladi_service_get_name:
 * @language: "ar" or "en": the caller's language, not necessarily the
 *   interface's
 */
const char *
baladi_service_get_name (BaladiService *self,
                         const char    *language)
{
  g_return_val_if_fail (BALADI_IS_SERVICE (self), NULL);

  /* "name-ar" and "name-en" */
  return self->text[g_strcmp0 (language, "ar") == 0 ? 4 : 5];
}

/**
 * baladi_service_get_fees:
 *
 * Returns: (transfer none) (element-type BaladiFee): the fees, in order
 */
GPtrArray *
baladi_service_get_fees (BaladiService *self)
{
  g_return_val_if_fail (BALADI_IS_SERVICE (self), NULL);

  return self->fees;
}

/**
 * baladi_service_add_fee:
 * @fee: (transfer full): a fee
 */
void
baladi_service_add_fee (BaladiService *self,
                        BaladiFee     *fee)
{
  g_return_if_fail (BALADI_IS_SERVICE (self));
  g_return_if_fail (fee != NULL);

  g_ptr_array_add (self->fees, fee);
}

/**
 * baladi_service_get_total_fils:
 *
 * Returns: what the service costs in all, in fils
 */
gint64
baladi_service_get_total_fils (BaladiService *self)
{
  gint64 total = 0;

  g_return_val_if_fail (BALADI_IS_SERVICE (self), 0);

  for (guint i = 0; i < self->fees->len; i++)
    total += ((BaladiFee *) g_ptr_array_index (self->fees, i))->fils;

  return total;
}
