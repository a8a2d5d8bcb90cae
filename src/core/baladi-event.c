/* baladi-event.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One entry of a request's history: its filing, a reply to the citizen,
 * an internal note, a change of status, of assignee or of municipality, or
 * a merge. Only a reply is public, and that follows from the kind: no
 * caller can make an internal note visible to the citizen by mistake. */

#include "config.h"

#include "baladi-event.h"

struct _BaladiEvent
{
  GObject          parent_instance;

  char            *id;
  char            *request_id;
  BaladiEventKind  kind;
  char            *author;
  GDateTime       *created;
  char            *body;
  char            *old_value;
  char            *new_value;
  char            *reason;
  gboolean         sending;
};

G_DEFINE_FINAL_TYPE (BaladiEvent, baladi_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REQUEST_ID,
  PROP_AUTHOR,
  PROP_BODY,
  PROP_OLD_VALUE,
  PROP_NEW_VALUE,
  PROP_REASON,
  PROP_KIND,
  PROP_CREATED,
  PROP_PUBLIC,
  PROP_SENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
text_field (BaladiEvent *self,
            guint        prop_id)
{
  switch (prop_id)
    {
    case PROP_ID: return &self->id;
    case PROP_REQUEST_ID: return &self->request_id;
    case PROP_AUTHOR: return &self->author;
    case PROP_BODY: return &self->body;
    case PROP_OLD_VALUE: return &self->old_value;
    case PROP_NEW_VALUE: return &self->new_value;
    case PROP_REASON: return &self->reason;
    default: g_assert_not_reached ();
    }
}

static void
baladi_event_finalize (GObject *object)
{
  BaladiEvent *self = (BaladiEvent *)object;

  for (guint i = PROP_ID; i <= PROP_REASON; i++)
    g_clear_pointer (text_field (self, i), g_free);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (baladi_event_parent_class)->finalize (object);
}

static void
baladi_event_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BaladiEvent *self = BALADI_EVENT (object);

  if (prop_id >= PROP_ID && prop_id <= PROP_REASON)
    g_value_set_string (value, *text_field (self, prop_id));
  else if (prop_id == PROP_KIND)
    g_value_set_enum (value, self->kind);
  else if (prop_id == PROP_CREATED)
    g_value_set_boxed (value, self->created);
  else if (prop_id == PROP_PUBLIC)
    g_value_set_boolean (value, baladi_event_is_public (self));
  else if (prop_id == PROP_SENDING)
    g_value_set_boolean (value, self->sending);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
baladi_event_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BaladiEvent *self = BALADI_EVENT (object);

  /* Everything but the body is fixed at construction: history does not
   * change; only a draft's text does. */
  if (prop_id == PROP_BODY)
    baladi_event_set_body (self, g_value_get_string (value));
  else if (prop_id >= PROP_ID && prop_id <= PROP_REASON)
    *text_field (self, prop_id) = g_value_dup_string (value);
  else if (prop_id == PROP_KIND)
    self->kind = g_value_get_enum (value);
  else if (prop_id == PROP_CREATED)
    self->created = g_value_dup_boxed (value);
  else if (prop_id == PROP_SENDING)
    self->sending = g_value_get_boolean (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
baladi_event_class_init (BaladiEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *names[] = { NULL, "id", "request-id", "author", "body", "old-value", "new-value", "reason" };
  GParamFlags fixed = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = baladi_event_finalize;
  object_class->get_property = baladi_event_get_property;
  object_class->set_property = baladi_event_set_property;

  for (guint i = PROP_ID; i <= PROP_REASON; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         i == PROP_BODY
                                         ? G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS
                                         : fixed);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, BALADI_TYPE_EVENT_KIND,
                                             BALADI_EVENT_KIND_CREATED, fixed);
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, fixed);
  properties[PROP_PUBLIC] = g_param_spec_boolean ("public", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Made on this desk and not yet confirmed by the server. */
  properties[PROP_SENDING] = g_param_spec_boolean ("sending", NULL, NULL, FALSE, fixed);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
baladi_event_init (BaladiEvent *self)
{
}

/**
 * baladi_event_new:
 * @author: (nullable): the staff member; %NULL for the citizen or the system
 *
 * Returns: (transfer full): a new event; set the rest with construct
 *   properties through g_object_new() where needed
 */
BaladiEvent *
baladi_event_new (const char      *id,
                  const char      *request_id,
                  BaladiEventKind  kind,
                  const char      *author,
                  GDateTime       *created)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (request_id != NULL, NULL);
  g_return_val_if_fail (created != NULL, NULL);

  return g_object_new (BALADI_TYPE_EVENT,
                       "id", id,
                       "request-id", request_id,
                       "kind", kind,
                       "author", author,
                       "created", created,
                       NULL);
}

const char *
baladi_event_get_id (BaladiEvent *self)
{
  g_return_val_if_fail (BALADI_IS_EVENT (self), NULL);

  return self->id;
}

BaladiEventKind
baladi_event_get_kind (BaladiEvent *self)
{
  g_return_val_if_fail (BALADI_IS_EVENT (self), BALADI_EVENT_KIND_CREATED);

  return self->kind;
}

/**
 * baladi_event_is_public:
 *
 * Returns: whether the citizen sees this event: only replies
 */
gboolean
baladi_event_is_public (BaladiEvent *self)
{
  g_return_val_if_fail (BALADI_IS_EVENT (self), FALSE);

  return self->kind == BALADI_EVENT_KIND_REPLY;
}

const char *
baladi_event_get_body (BaladiEvent *self)
{
  g_return_val_if_fail (BALADI_IS_EVENT (self), NULL);

  return self->body;
}

void
baladi_event_set_body (BaladiEvent *self,
                       const char  *body)
{
  g_return_if_fail (BALADI_IS_EVENT (self));

  if (g_strcmp0 (self->body, body) == 0)
    return;

  g_free (self->body);
  self->body = g_strdup (body);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

/**
 * baladi_event_get_created:
 *
 * Returns: (transfer none): when it happened
 */
GDateTime *
baladi_event_get_created (BaladiEvent *self)
{
  g_return_val_if_fail (BALADI_IS_EVENT (self), NULL);

  return self->created;
}
