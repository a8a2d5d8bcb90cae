/* baladi-category.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A category of requests and its time limit ("a time period set by the
 * type of complaint"). Categories come from the server's lookups and do
 * not change on the desk, so the object is immutable. */

#include "config.h"

#include "baladi-category.h"

struct _BaladiCategory
{
  GObject        parent_instance;

  char          *code;
  char          *name_ar;
  char          *name_en;
  BaladiSector   sector;
  guint          sla_value;
  BaladiSlaUnit  sla_unit;
};

G_DEFINE_FINAL_TYPE (BaladiCategory, baladi_category, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME_AR,
  PROP_NAME_EN,
  PROP_SECTOR,
  PROP_SLA_VALUE,
  PROP_SLA_UNIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
baladi_category_finalize (GObject *object)
{
  BaladiCategory *self = (BaladiCategory *)object;

  g_free (self->code);
  g_free (self->name_ar);
  g_free (self->name_en);

  G_OBJECT_CLASS (baladi_category_parent_class)->finalize (object);
}

static void
baladi_category_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BaladiCategory *self = BALADI_CATEGORY (object);

  switch (prop_id)
    {
    case PROP_CODE: g_value_set_string (value, self->code); break;
    case PROP_NAME_AR: g_value_set_string (value, self->name_ar); break;
    case PROP_NAME_EN: g_value_set_string (value, self->name_en); break;
    case PROP_SECTOR: g_value_set_enum (value, self->sector); break;
    case PROP_SLA_VALUE: g_value_set_uint (value, self->sla_value); break;
    case PROP_SLA_UNIT: g_value_set_enum (value, self->sla_unit); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baladi_category_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BaladiCategory *self = BALADI_CATEGORY (object);

  switch (prop_id)
    {
    case PROP_CODE: self->code = g_value_dup_string (value); break;
    case PROP_NAME_AR: self->name_ar = g_value_dup_string (value); break;
    case PROP_NAME_EN: self->name_en = g_value_dup_string (value); break;
    case PROP_SECTOR: self->sector = g_value_get_enum (value); break;
    case PROP_SLA_VALUE: self->sla_value = g_value_get_uint (value); break;
    case PROP_SLA_UNIT: self->sla_unit = g_value_get_enum (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baladi_category_class_init (BaladiCategoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = baladi_category_finalize;
  object_class->get_property = baladi_category_get_property;
  object_class->set_property = baladi_category_set_property;

  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME_AR] = g_param_spec_string ("name-ar", NULL, NULL, NULL, flags);
  properties[PROP_NAME_EN] = g_param_spec_string ("name-en", NULL, NULL, NULL, flags);
  properties[PROP_SECTOR] = g_param_spec_enum ("sector", NULL, NULL, BALADI_TYPE_SECTOR,
                                               BALADI_SECTOR_MUNICIPALITIES, flags);
  properties[PROP_SLA_VALUE] = g_param_spec_uint ("sla-value", NULL, NULL, 1, 365, 5, flags);
  properties[PROP_SLA_UNIT] = g_param_spec_enum ("sla-unit", NULL, NULL, BALADI_TYPE_SLA_UNIT,
                                                 BALADI_SLA_UNIT_WORKING_DAYS, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
baladi_category_init (BaladiCategory *self)
{
}

BaladiCategory *
baladi_category_new (const char    *code,
                     BaladiSector   sector,
                     const char    *name_ar,
                     const char    *name_en,
                     guint          sla_value,
                     BaladiSlaUnit  sla_unit)
{
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (sla_value > 0, NULL);

  return g_object_new (BALADI_TYPE_CATEGORY,
                       "code", code,
                       "sector", sector,
                       "name-ar", name_ar,
                       "name-en", name_en,
                       "sla-value", sla_value,
                       "sla-unit", sla_unit,
                       NULL);
}

const char *
baladi_category_get_code (BaladiCategory *self)
{
  g_return_val_if_fail (BALADI_IS_CATEGORY (self), NULL);

  return self->code;
}

/**
 * baladi_category_get_name:
 * @language: "ar" or "en"
 *
 * Returns: the name in @language, or in English when @language is another
 */
const char *
baladi_category_get_name (BaladiCategory *self,
                          const char     *language)
{
  g_return_val_if_fail (BALADI_IS_CATEGORY (self), NULL);

  return g_strcmp0 (language, "ar") == 0 ? self->name_ar : self->name_en;
}

BaladiSector
baladi_category_get_sector (BaladiCategory *self)
{
  g_return_val_if_fail (BALADI_IS_CATEGORY (self), BALADI_SECTOR_MUNICIPALITIES);

  return self->sector;
}

/**
 * baladi_category_compute_due:
 *
 * The due time of a request of this category: see
 * baladi_sla_calendar_compute_due().
 *
 * Returns: (transfer full) (nullable): the due time in UTC
 */
GDateTime *
baladi_category_compute_due (BaladiCategory       *self,
                             BaladiSlaCalendar    *calendar,
                             GDateTime            *received,
                             const BaladiSlaPause *pauses,
                             gsize                 n_pauses,
                             GDateTime            *now)
{
  g_return_val_if_fail (BALADI_IS_CATEGORY (self), NULL);

  return baladi_sla_calendar_compute_due (calendar, received, self->sla_value, self->sla_unit,
                                          pauses, n_pauses, now);
}
