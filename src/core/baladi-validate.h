/* baladi-validate.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "baladi-core-enums.h"

G_BEGIN_DECLS

/**
 * BaladiFieldError:
 * @field: the field at fault, e.g. "citizen.phone"; "" for the whole
 * @code: a stable machine-readable code, e.g. "invalid_phone"
 * @description: what is wrong, for people
 *
 * One problem with one field, as the server reports it in a 422 answer
 * and the client shows it beside the field.
 */
typedef struct {
  char *field;
  char *code;
  char *description;
} BaladiFieldError;

void      baladi_field_error_free       (BaladiFieldError   *error);
void      baladi_field_errors_add       (GPtrArray          *errors,
                                         const char         *field,
                                         const char         *code,
                                         const char         *description);
GPtrArray *baladi_field_errors_new      (void);

gboolean  baladi_id_is_valid            (const char         *id);
gboolean  baladi_phone_is_valid         (const char         *phone);
gboolean  baladi_cpr_is_valid           (const char         *cpr);
gboolean  baladi_email_is_valid         (const char         *email);
gboolean  baladi_location_is_in_bahrain (double              latitude,
                                         double              longitude);
char     *baladi_reference_format       (BaladiMunicipality  municipality,
                                         int                 year,
                                         guint               serial);
gboolean  baladi_reference_parse        (const char         *reference,
                                         BaladiMunicipality *municipality,
                                         int                *year,
                                         guint              *serial);

#define BALADI_TEMPLATE_MAX_TITLE 80
#define BALADI_TEMPLATE_MAX_BODY  4000

const char * const *baladi_template_variables (void);
char     *baladi_template_find_unknown_variable (const char *text);
gboolean  baladi_template_id_is_valid   (const char         *id);

guint     baladi_json_nesting_depth     (const char         *data,
                                         gsize               len);

G_END_DECLS
