/* baladi-request.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A request from a citizen: a complaint, a suggestion, an inquiry, a note
 * or a compliment, with who filed it, where, what it says and where it
 * stands against its time limit. Most of its fields are plain text, so
 * those properties are described by one table instead of one block of
 * code each. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "baladi-request.h"
#include "baladi-validate.h"

#define MAX_SHORT_TEXT 200
#define MAX_TEXT 4000

struct _BaladiRequest
{
  GObject              parent_instance;

  char                *id;
  char                *reference;
  char                *category;
  char                *service_code;
  char                *language;
  char                *subject;
  char                *description;
  char                *citizen_name;
  char                *citizen_phone;
  char                *citizen_email;
  char                *citizen_cpr;
  char                *address_building;
  char                *address_road;
  char                *address_block;
  char                *address_area;
  char                *assignee;
  char                *merged_into;
  char                *version;

  BaladiRequestType    type;
  BaladiChannel        channel;
  BaladiRequestStatus  status;
  BaladiPriority       priority;
  BaladiSector         sector;
  BaladiMunicipality   municipality;
  BaladiLocalState     local_state;

  GDateTime           *created;
  GDateTime           *updated;
  GDateTime           *first_reply;
  GDateTime           *due;
  GDateTime           *closed;

  gboolean             has_location;
  double               latitude;
  double               longitude;

  GPtrArray           *attachments;
};

G_DEFINE_BOXED_TYPE (BaladiAttachment, baladi_attachment, baladi_attachment_copy, baladi_attachment_free)

BaladiAttachment *
baladi_attachment_new (const char *name,
                       const char *mime_type,
                       gint64      size,
                       const char *sha256)
{
  BaladiAttachment *attachment = g_new0 (BaladiAttachment, 1);

  attachment->name = g_strdup (name);
  attachment->mime_type = g_strdup (mime_type);
  attachment->size = size;
  attachment->sha256 = g_strdup (sha256);
  return attachment;
}

BaladiAttachment *
baladi_attachment_copy (const BaladiAttachment *attachment)
{
  return baladi_attachment_new (attachment->name, attachment->mime_type, attachment->size, attachment->sha256);
}

void
baladi_attachment_free (BaladiAttachment *attachment)
{
  if (attachment == NULL)
    return;

  g_free (attachment->name);
  g_free (attachment->mime_type);
  g_free (attachment->sha256);
  g_free (attachment);
}

G_DEFINE_FINAL_TYPE (BaladiRequest, baladi_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  /* Text */
  PROP_ID,
  PROP_REFERENCE,
  PROP_CATEGORY,
  PROP_SERVICE_CODE,
  PROP_LANGUAGE,
  PROP_SUBJECT,
  PROP_DESCRIPTION,
  PROP_CITIZEN_NAME,
  PROP_CITIZEN_PHONE,
  PROP_CITIZEN_EMAIL,
  PROP_CITIZEN_CPR,
  PROP_ADDRESS_BUILDING,
  PROP_ADDRESS_ROAD,
  PROP_ADDRESS_BLOCK,
  PROP_ADDRESS_AREA,
  PROP_ASSIGNEE,
  PROP_MERGED_INTO,
  PROP_VERSION,
  /* Enums */
  PROP_TYPE,
  PROP_CHANNEL,
  PROP_STATUS,
  PROP_PRIORITY,
  PROP_SECTOR,
  PROP_MUNICIPALITY,
  PROP_LOCAL_STATE,
  /* Times */
  PROP_CREATED,
  PROP_UPDATED,
  PROP_FIRST_REPLY,
  PROP_DUE,
  PROP_CLOSED,
  /* Location */
  PROP_HAS_LOCATION,
  PROP_LATITUDE,
  PROP_LONGITUDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *name;
  gsize       offset;
} text_properties[] = {
  [PROP_ID] = { "id", G_STRUCT_OFFSET (BaladiRequest, id) },
  [PROP_REFERENCE] = { "reference", G_STRUCT_OFFSET (BaladiRequest, reference) },
  [PROP_CATEGORY] = { "category", G_STRUCT_OFFSET (BaladiRequest, category) },
  [PROP_SERVICE_CODE] = { "service-code", G_STRUCT_OFFSET (BaladiRequest, service_code) },
  [PROP_LANGUAGE] = { "language", G_STRUCT_OFFSET (BaladiRequest, language) },
  [PROP_SUBJECT] = { "subject", G_STRUCT_OFFSET (BaladiRequest, subject) },
  [PROP_DESCRIPTION] = { "description", G_STRUCT_OFFSET (BaladiRequest, description) },
  [PROP_CITIZEN_NAME] = { "citizen-name", G_STRUCT_OFFSET (BaladiRequest, citizen_name) },
  [PROP_CITIZEN_PHONE] = { "citizen-phone", G_STRUCT_OFFSET (BaladiRequest, citizen_phone) },
  [PROP_CITIZEN_EMAIL] = { "citizen-email", G_STRUCT_OFFSET (BaladiRequest, citizen_email) },
  [PROP_CITIZEN_CPR] = { "citizen-cpr", G_STRUCT_OFFSET (BaladiRequest, citizen_cpr) },
  [PROP_ADDRESS_BUILDING] = { "address-building", G_STRUCT_OFFSET (BaladiRequest, address_building) },
  [PROP_ADDRESS_ROAD] = { "address-road", G_STRUCT_OFFSET (BaladiRequest, address_road) },
  [PROP_ADDRESS_BLOCK] = { "address-block", G_STRUCT_OFFSET (BaladiRequest, address_block) },
  [PROP_ADDRESS_AREA] = { "address-area", G_STRUCT_OFFSET (BaladiRequest, address_area) },
  [PROP_ASSIGNEE] = { "assignee", G_STRUCT_OFFSET (BaladiRequest, assignee) },
  [PROP_MERGED_INTO] = { "merged-into", G_STRUCT_OFFSET (BaladiRequest, merged_into) },
  [PROP_VERSION] = { "version", G_STRUCT_OFFSET (BaladiRequest, version) },
};

static const struct {
  const char *name;
  gsize       offset;
} time_properties[] = {
  { "created", G_STRUCT_OFFSET (BaladiRequest, created) },
  { "updated", G_STRUCT_OFFSET (BaladiRequest, updated) },
  { "first-reply", G_STRUCT_OFFSET (BaladiRequest, first_reply) },
  { "due", G_STRUCT_OFFSET (BaladiRequest, due) },
  { "closed", G_STRUCT_OFFSET (BaladiRequest, closed) },
};

static int *
enum_field (BaladiRequest *self,
            guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_TYPE: return (int *) &self->type;
    case PROP_CHANNEL: return (int *) &self->channel;
    case PROP_STATUS: return (int *) &self->status;
    case PROP_PRIORITY: return (int *) &self->priority;
    case PROP_SECTOR: return (int *) &self->sector;
    case PROP_MUNICIPALITY: return (int *) &self->municipality;
    case PROP_LOCAL_STATE: return (int *) &self->local_state;
    default: g_assert_not_reached ();
    }
}

/* g_set_str() is newer than GLib 2.74. */
static gboolean
set_text (char       **field,
          const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
baladi_request_finalize (GObject *object)
{
  BaladiRequest *self = (BaladiRequest *)object;

  for (guint i = PROP_ID; i <= PROP_VERSION; i++)
    g_clear_pointer (&G_STRUCT_MEMBER (char *, self, text_properties[i].offset), g_free);
  for (guint i = 0; i < G_N_ELEMENTS (time_properties); i++)
    g_clear_pointer (&G_STRUCT_MEMBER (GDateTime *, self, time_properties[i].offset), g_date_time_unref);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);

  G_OBJECT_CLASS (baladi_request_parent_class)->finalize (object);
}

static void
baladi_request_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BaladiRequest *self = BALADI_REQUEST (object);

  if (prop_id >= PROP_ID && prop_id <= PROP_VERSION)
    g_value_set_string (value, G_STRUCT_MEMBER (char *, self, text_properties[prop_id].offset));
  else if (prop_id >= PROP_TYPE && prop_id <= PROP_LOCAL_STATE)
    g_value_set_enum (value, *enum_field (self, prop_id));
  else if (prop_id >= PROP_CREATED && prop_id <= PROP_CLOSED)
    g_value_set_boxed (value, G_STRUCT_MEMBER (GDateTime *, self, time_properties[prop_id - PROP_CREATED].offset));
  else if (prop_id == PROP_HAS_LOCATION)
    g_value_set_boolean (value, self->has_location);
  else if (prop_id == PROP_LATITUDE)
    g_value_set_double (value, self->latitude);
  else if (prop_id == PROP_LONGITUDE)
    g_value_set_double (value, self->longitude);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
baladi_request_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BaladiRequest *self = BALADI_REQUEST (object);
  gboolean changed = FALSE;

  if (prop_id >= PROP_ID && prop_id <= PROP_VERSION)
    {
      changed = set_text (&G_STRUCT_MEMBER (char *, self, text_properties[prop_id].offset),
                          g_value_get_string (value));
    }
  else if (prop_id >= PROP_TYPE && prop_id <= PROP_LOCAL_STATE)
    {
      int *field = enum_field (self, prop_id);

      changed = *field != g_value_get_enum (value);
      *field = g_value_get_enum (value);
    }
  else if (prop_id >= PROP_CREATED && prop_id <= PROP_CLOSED)
    {
      GDateTime **field = &G_STRUCT_MEMBER (GDateTime *, self, time_properties[prop_id - PROP_CREATED].offset);
      GDateTime *time = g_value_get_boxed (value);

      changed = (*field == NULL) != (time == NULL) || (time != NULL && !g_date_time_equal (*field, time));
      if (changed)
        {
          g_clear_pointer (field, g_date_time_unref);
          *field = time != NULL ? g_date_time_ref (time) : NULL;
        }
    }
  else if (prop_id == PROP_HAS_LOCATION)
    {
      changed = self->has_location != g_value_get_boolean (value);
      self->has_location = g_value_get_boolean (value);
    }
  else if (prop_id == PROP_LATITUDE || prop_id == PROP_LONGITUDE)
    {
      double *field = prop_id == PROP_LATITUDE ? &self->latitude : &self->longitude;

      changed = *field != g_value_get_double (value);
      *field = g_value_get_double (value);
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
baladi_request_class_init (BaladiRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = baladi_request_finalize;
  object_class->get_property = baladi_request_get_property;
  object_class->set_property = baladi_request_set_property;

  for (guint i = PROP_ID; i <= PROP_VERSION; i++)
    properties[i] = g_param_spec_string (text_properties[i].name, NULL, NULL, NULL, flags);

  properties[PROP_TYPE] = g_param_spec_enum ("type", NULL, NULL, BALADI_TYPE_REQUEST_TYPE,
                                             BALADI_REQUEST_TYPE_COMPLAINT, flags);
  properties[PROP_CHANNEL] = g_param_spec_enum ("channel", NULL, NULL, BALADI_TYPE_CHANNEL,
                                                BALADI_CHANNEL_TAWASUL_APP, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, BALADI_TYPE_REQUEST_STATUS,
                                               BALADI_REQUEST_STATUS_NEW, flags);
  properties[PROP_PRIORITY] = g_param_spec_enum ("priority", NULL, NULL, BALADI_TYPE_PRIORITY,
                                                 BALADI_PRIORITY_NORMAL, flags);
  properties[PROP_SECTOR] = g_param_spec_enum ("sector", NULL, NULL, BALADI_TYPE_SECTOR,
                                               BALADI_SECTOR_MUNICIPALITIES, flags);
  properties[PROP_MUNICIPALITY] = g_param_spec_enum ("municipality", NULL, NULL, BALADI_TYPE_MUNICIPALITY,
                                                     BALADI_MUNICIPALITY_CAPITAL, flags);

  /* Not the server's: what the desk knows of its own unsent edits. */
  properties[PROP_LOCAL_STATE] = g_param_spec_enum ("local-state", NULL, NULL, BALADI_TYPE_LOCAL_STATE,
                                                    BALADI_LOCAL_STATE_SYNCED, flags);

  for (guint i = PROP_CREATED; i <= PROP_CLOSED; i++)
    properties[i] = g_param_spec_boxed (time_properties[i - PROP_CREATED].name, NULL, NULL, G_TYPE_DATE_TIME, flags);

  properties[PROP_HAS_LOCATION] = g_param_spec_boolean ("has-location", NULL, NULL, FALSE, flags);
  properties[PROP_LATITUDE] = g_param_spec_double ("latitude", NULL, NULL, -90, 90, 0, flags);
  properties[PROP_LONGITUDE] = g_param_spec_double ("longitude", NULL, NULL, -180, 180, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
baladi_request_init (BaladiRequest *self)
{
  self->priority = BALADI_PRIORITY_NORMAL;
  self->language = g_strdup ("ar");
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_attachment_free);
}

/**
 * baladi_request_new:
 *
 * Returns: (transfer full): a new request with a fresh id, as a clerk
 *   starts one: the id is made here so that retrying to file it can never
 *   file it twice
 */
BaladiRequest *
baladi_request_new (void)
{
  g_autofree char *id = g_uuid_string_random ();

  return g_object_new (BALADI_TYPE_REQUEST, "id", id, NULL);
}

const char *
baladi_request_get_id (BaladiRequest *self)
{
  g_return_val_if_fail (BALADI_IS_REQUEST (self), NULL);

  return self->id;
}

const char *
baladi_request_get_reference (BaladiRequest *self)
{
  g_return_val_if_fail (BALADI_IS_REQUEST (self), NULL);

  return self->reference;
}

BaladiRequestStatus
baladi_request_get_status (BaladiRequest *self)
{
  g_return_val_if_fail (BALADI_IS_REQUEST (self), BALADI_REQUEST_STATUS_NEW);

  return self->status;
}

/**
 * baladi_request_set_status:
 *
 * Moves the request to @status if the workflow allows it.
 *
 * Returns: whether the status changed
 */
gboolean
baladi_request_set_status (BaladiRequest       *self,
                           BaladiRequestStatus  status)
{
  g_return_val_if_fail (BALADI_IS_REQUEST (self), FALSE);

  if (!baladi_request_status_can_transition (self->status, status))
    return FALSE;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  return TRUE;
}

BaladiMunicipality
baladi_request_get_municipality (BaladiRequest *self)
{
  g_return_val_if_fail (BALADI_IS_REQUEST (self), BALADI_MUNICIPALITY_CAPITAL);

  return self->municipality;
}

/**
 * baladi_request_get_due:
 *
 * Returns: (transfer none) (nullable): when the first reply is due
 */
GDateTime *
baladi_request_get_due (BaladiRequest *self)
{
  g_return_val_if_fail (BALADI_IS_REQUEST (self), NULL);

  return self->due;
}

/**
 * baladi_request_get_attachments:
 *
 * Returns: (transfer none) (element-type BaladiAttachment): the files
 *   attached to the request
 */
GPtrArray *
baladi_request_get_attachments (BaladiRequest *self)
{
  g_return_val_if_fail (BALADI_IS_REQUEST (self), NULL);

  return self->attachments;
}

/**
 * baladi_request_add_attachment:
 * @attachment: (transfer full): what is known of the file
 */
void
baladi_request_add_attachment (BaladiRequest    *self,
                               BaladiAttachment *attachment)
{
  g_return_if_fail (BALADI_IS_REQUEST (self));
  g_return_if_fail (attachment != NULL);

  g_ptr_array_add (self->attachments, attachment);
}

static void
check_text (GPtrArray  *errors,
            const char *field,
            const char *text,
            gboolean    required,
            glong       max_chars)
{
  if (text == NULL || *text == '\0')
    {
      if (required)
        baladi_field_errors_add (errors, field, "required", _("This field is required."));
    }
  else if (!g_utf8_validate (text, -1, NULL))
    baladi_field_errors_add (errors, field, "invalid_utf8", _("This text is not valid UTF-8."));
  else if (g_utf8_strlen (text, -1) > max_chars)
    baladi_field_errors_add (errors, field, "too_long", _("This field is too long."));
}

/**
 * baladi_request_check:
 *
 * Checks the request the way the server will before filing it, so that a
 * clerk sees every problem at once, beside its field.
 *
 * Returns: (transfer full) (element-type BaladiFieldError): the problems;
 *   empty when the request is valid
 */
GPtrArray *
baladi_request_check (BaladiRequest *self)
{
  GPtrArray *errors = baladi_field_errors_new ();

  g_return_val_if_fail (BALADI_IS_REQUEST (self), errors);

  if (!baladi_id_is_valid (self->id))
    baladi_field_errors_add (errors, "id", "invalid_id", _("The id must be a lowercase UUID."));
  if (self->reference != NULL && !baladi_reference_parse (self->reference, NULL, NULL, NULL))
    baladi_field_errors_add (errors, "reference", "invalid_reference", _("A reference looks like CAP-2026-000123."));
  check_text (errors, "category", self->category, TRUE, 64);
  check_text (errors, "subject", self->subject, TRUE, MAX_SHORT_TEXT);
  check_text (errors, "description", self->description, TRUE, MAX_TEXT);
  check_text (errors, "citizen.name", self->citizen_name, TRUE, MAX_SHORT_TEXT);
  if (g_strcmp0 (self->language, "ar") != 0 && g_strcmp0 (self->language, "en") != 0)
    baladi_field_errors_add (errors, "language", "unknown_value", _("The language is “ar” or “en”."));
  if (self->citizen_phone != NULL && !baladi_phone_is_valid (self->citizen_phone))
    baladi_field_errors_add (errors, "citizen.phone", "invalid_phone", _("A Bahraini number has eight digits, e.g. +973 3612 3456."));
  if (self->citizen_email != NULL && !baladi_email_is_valid (self->citizen_email))
    baladi_field_errors_add (errors, "citizen.email", "invalid_email", _("This is not an e-mail address."));
  if (self->citizen_cpr != NULL && !baladi_cpr_is_valid (self->citizen_cpr))
    baladi_field_errors_add (errors, "citizen.cpr", "invalid_cpr", _("A CPR number has nine digits."));
  for (guint i = 0; i < self->attachments->len; i++)
    {
      BaladiAttachment *attachment = g_ptr_array_index (self->attachments, i);

      if (attachment->name == NULL || *attachment->name == '\0' || attachment->size < 0 ||
          attachment->sha256 == NULL || strlen (attachment->sha256) != 64)
        baladi_field_errors_add (errors, "attachments", "invalid_attachment", _("An attachment has no name, size or checksum."));
    }
  if (self->has_location && !baladi_location_is_in_bahrain (self->latitude, self->longitude))
    baladi_field_errors_add (errors, "address", "outside_bahrain", _("This point is not in Bahrain."));

  return errors;
}
