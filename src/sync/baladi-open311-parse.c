/* baladi-open311-parse.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading GeoReport v2 lists, JSON or XML, from servers we do not know,
 * into records: flat tables of name → text, the shape every GeoReport list
 * has. Nothing in the answer is trusted. Both formats are capped in size,
 * must be valid UTF-8, and may hold at most so many items of so long
 * values. JSON numbers too large to be read exactly are refused (json-glib
 * 1.6 reads them as -1), and its depth is checked before parsing. XML is
 * read by libxml2 without network access, without loading or expanding
 * any entity, and a document type declaration, which GeoReport never
 * needs and which is how entity bombs and external entities come in, is
 * refused outright. Empty elements, empty strings and nulls all read as
 * absent; numbers and booleans read as their text. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <string.h>

#include "baladi-open311-parse.h"
#include "baladi-sync-json.h"

/* The value of a member that is a list or an object, or an element with
 * elements inside: ignored unless the importer needs that member. */
static const char not_text[] = "(not text)";

static void
value_free (gpointer value)
{
  if (value != not_text)
    g_free (value);
}

static GHashTable *
record_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, value_free);
}

static gboolean
bad (GError     **error,
     const char  *format,
     ...) G_GNUC_PRINTF (2, 3);

static gboolean
bad (GError     **error,
     const char  *format,
     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE, "The Open311 answer %s", message);
  return FALSE;
}

const char *
baladi_open311_format_to_string (BaladiOpen311Format format)
{
  return format == BALADI_OPEN311_FORMAT_XML ? "xml" : "json";
}

gboolean
baladi_open311_format_from_string (const char          *text,
                                   BaladiOpen311Format *format)
{
  if (g_strcmp0 (text, "json") == 0)
    *format = BALADI_OPEN311_FORMAT_JSON;
  else if (g_strcmp0 (text, "xml") == 0)
    *format = BALADI_OPEN311_FORMAT_XML;
  else
    return FALSE;

  return TRUE;
}

/* Adds @text, trimmed, to @record; empty text is no value at all. */
static gboolean
record_add (GHashTable  *record,
            const char  *name,
            const char  *text,
            gsize        len,
            GError     **error)
{
  g_autofree char *value = NULL;

  if (len > BALADI_OPEN311_MAX_VALUE)
    return bad (error, "has a value of %" G_GSIZE_FORMAT " bytes in “%.64s”", len, name);

  value = g_strstrip (g_strndup (text, len));
  if (*value == '\0')
    g_hash_table_remove (record, name);
  else
    g_hash_table_replace (record, g_strdup (name), g_steal_pointer (&value));

  return TRUE;
}

/* json-glib 1.6 reads an integer too large for 64 bits as -1: refuse any
 * integer of more than 18 digits before it gets the chance. */
static gboolean
has_huge_number (const char *data,
                 gsize       len)
{
  gboolean in_string = FALSE;
  guint digits = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      if (g_ascii_isdigit (c))
        {
          if (++digits > 18)
            return TRUE;
        }
      else
        {
          digits = 0;
        }
    }

  return FALSE;
}

static gboolean
json_member_to_record (GHashTable  *record,
                       const char  *name,
                       JsonNode    *node,
                       GError     **error)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_hash_table_remove (record, name);
      return TRUE;

    case JSON_NODE_OBJECT:
    case JSON_NODE_ARRAY:
      g_hash_table_replace (record, g_strdup (name), (gpointer) not_text);
      return TRUE;

    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);

        return record_add (record, name, text, strlen (text), error);
      }
    case G_TYPE_INT64:
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      if (!isfinite (json_node_get_double (node)))
        return bad (error, "has a number out of range in “%.64s”", name);
      g_ascii_dtostr (number, sizeof number, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_strlcpy (number, json_node_get_boolean (node) ? "true" : "false", sizeof number);
      break;
    default:
      return bad (error, "has a value of an unknown type in “%.64s”", name);
    }

  return record_add (record, name, number, strlen (number), error);
}

static GPtrArray *
parse_json (GBytes  *body,
            GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) records = NULL;
  JsonArray *items = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  if (has_huge_number (data, len))
    {
      bad (error, "has a number too large to be read exactly");
      return NULL;
    }

  root = baladi_sync_parse (body, error);
  if (root == NULL)
    return NULL;

  /* GeoReport lists are bare arrays; some servers wrap them in an object
   * of one member. */
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      items = json_node_get_array (root);
    }
  else if (JSON_NODE_HOLDS_OBJECT (root) && json_object_get_size (json_node_get_object (root)) == 1)
    {
      g_autoptr(GList) members = json_object_get_values (json_node_get_object (root));

      if (JSON_NODE_HOLDS_ARRAY (members->data))
        items = json_node_get_array (members->data);
    }
  if (items == NULL)
    {
      bad (error, "is not a list");
      return NULL;
    }
  if (json_array_get_length (items) > BALADI_OPEN311_MAX_ITEMS)
    {
      bad (error, "has more than %d items", BALADI_OPEN311_MAX_ITEMS);
      return NULL;
    }

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      g_autoptr(GHashTable) record = record_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          bad (error, "has an item %u that is not an object", i + 1);
          return NULL;
        }

      json_object_iter_init (&iter, json_node_get_object (item));
      while (json_object_iter_next (&iter, &name, &member))
        if (!json_member_to_record (record, name, member, error))
          return NULL;

      g_ptr_array_add (records, g_steal_pointer (&record));
    }

  return g_steal_pointer (&records);
}

/* The text of a field element: its text and CDATA, or not_text when it
 * holds elements. An entity reference is refused: none was declared. */
static gboolean
xml_field_to_record (GHashTable  *record,
                     xmlNode     *field,
                     GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *name = (const char *) field->name;

  for (xmlNode *child = field->children; child != NULL; child = child->next)
    {
      switch (child->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (child->content != NULL)
            g_string_append (text, (const char *) child->content);
          if (text->len > BALADI_OPEN311_MAX_VALUE)
            return bad (error, "has a value of more than %d bytes in “%.64s”", BALADI_OPEN311_MAX_VALUE, name);
          break;

        case XML_ELEMENT_NODE:
          g_hash_table_replace (record, g_strdup (name), (gpointer) not_text);
          return TRUE;

        case XML_ENTITY_REF_NODE:
        case XML_ENTITY_NODE:
          return bad (error, "uses an entity in “%.64s”", name);

        default:
          break;
        }
    }

  return record_add (record, name, text->str, text->len, error);
}

static GPtrArray *
parse_xml (GBytes  *body,
           GError **error)
{
  g_autoptr(GPtrArray) records = NULL;
  xmlParserCtxtPtr context = NULL;
  xmlDocPtr doc = NULL;
  xmlNode *root;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  if (len == 0 || !g_utf8_validate_len (data, len, NULL))
    {
      bad (error, "is empty or not valid UTF-8");
      return NULL;
    }
  /* Entity bombs ("billion laughs") and external entities need a document
   * type declaration; GeoReport has none. (Valid UTF-8 has no NUL byte, so
   * the search sees the whole answer.) */
  if (g_strstr_len (data, len, "<!DOCTYPE") != NULL || g_strstr_len (data, len, "<!ENTITY") != NULL)
    {
      bad (error, "declares a document type or entities, which Open311 never needs");
      return NULL;
    }

  xmlInitParser ();
  context = xmlNewParserCtxt ();
  if (context == NULL)
    {
      bad (error, "could not be read: out of memory");
      return NULL;
    }

  /* No XML_PARSE_NOENT (entities stay unexpanded), no DTD loading, no
   * network, no XML_PARSE_HUGE (libxml2 keeps its limits on depth and on
   * the size of a text), and the encoding is UTF-8 whatever the document
   * claims. */
  doc = xmlCtxtReadMemory (context, data, (int) len, NULL, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
  if (doc == NULL)
    {
      xmlErrorPtr xml_error = xmlCtxtGetLastError (context);
      g_autofree char *message = g_strdup (xml_error != NULL && xml_error->message != NULL
                                           ? xml_error->message : "unknown error");

      xmlFreeParserCtxt (context);
      bad (error, "is not well-formed XML: %s", g_strstrip (message));
      return NULL;
    }
  xmlFreeParserCtxt (context);

  root = xmlDocGetRootElement (doc);
  if (doc->intSubset != NULL || doc->extSubset != NULL || root == NULL)
    {
      xmlFreeDoc (doc);
      bad (error, "has a document type declaration or no root element");
      return NULL;
    }

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  for (xmlNode *item = root->children; item != NULL; item = item->next)
    {
      g_autoptr(GHashTable) record = NULL;

      if (item->type == XML_ENTITY_REF_NODE)
        {
          xmlFreeDoc (doc);
          bad (error, "uses an entity");
          return NULL;
        }
      if (item->type != XML_ELEMENT_NODE)
        continue;

      if (records->len == BALADI_OPEN311_MAX_ITEMS)
        {
          xmlFreeDoc (doc);
          bad (error, "has more than %d items", BALADI_OPEN311_MAX_ITEMS);
          return NULL;
        }

      record = record_new ();
      for (xmlNode *field = item->children; field != NULL; field = field->next)
        {
          if (field->type == XML_ENTITY_REF_NODE)
            {
              xmlFreeDoc (doc);
              bad (error, "uses an entity");
              return NULL;
            }
          if (field->type == XML_ELEMENT_NODE && !xml_field_to_record (record, field, error))
            {
              xmlFreeDoc (doc);
              return NULL;
            }
        }
      g_ptr_array_add (records, g_steal_pointer (&record));
    }
  xmlFreeDoc (doc);

  return g_steal_pointer (&records);
}

/**
 * baladi_open311_parse_list:
 *
 * Reads a GeoReport list (services, requests, errors) into records.
 *
 * Returns: (transfer full) (element-type GHashTable): one record per item,
 *   or %NULL with @error saying what is wrong
 */
GPtrArray *
baladi_open311_parse_list (GBytes               *body,
                           BaladiOpen311Format   format,
                           GError              **error)
{
  g_return_val_if_fail (body != NULL, NULL);

  if (g_bytes_get_size (body) > BALADI_OPEN311_MAX_RESPONSE)
    {
      bad (error, "is larger than %d bytes", BALADI_OPEN311_MAX_RESPONSE);
      return NULL;
    }

  return format == BALADI_OPEN311_FORMAT_XML ? parse_xml (body, error) : parse_json (body, error);
}

/**
 * baladi_open311_error_description:
 *
 * Returns: (transfer full) (nullable): the description of the first error
 *   of a GeoReport error list, shortened, or %NULL if @body is none
 */
char *
baladi_open311_error_description (GBytes              *body,
                                  BaladiOpen311Format  format)
{
  g_autoptr(GPtrArray) records = baladi_open311_parse_list (body, format, NULL);
  const char *description = NULL;

  if (records == NULL || records->len == 0 ||
      !baladi_open311_record_get_text (g_ptr_array_index (records, 0), "description", 200, &description, NULL) ||
      description == NULL)
    return NULL;

  return g_strdup (description);
}

/**
 * baladi_open311_record_get_text:
 * @max_chars: the most characters the value may have
 * @value: (out) (transfer none) (nullable): the value, %NULL if absent
 *
 * Returns: %FALSE with @error if the member is not text or too long
 */
gboolean
baladi_open311_record_get_text (GHashTable  *record,
                                const char  *name,
                                gsize        max_chars,
                                const char **value,
                                GError     **error)
{
  const char *text = g_hash_table_lookup (record, name);

  *value = NULL;
  if (text == not_text)
    return bad (error, "has a list or an object for “%s”, not text", name);
  if (text != NULL && g_utf8_strlen (text, -1) > (glong) max_chars)
    return bad (error, "has a “%s” longer than %" G_GSIZE_FORMAT " characters", name, max_chars);

  *value = text;
  return TRUE;
}

static gboolean
is_digits (const char *text,
           gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return TRUE;
}

/**
 * baladi_open311_parse_time:
 * @default_zone: the zone of a time that names none
 *
 * Reads the ISO 8601 forms GeoReport servers send: with or without
 * seconds and fractions, with Z, an offset or no zone at all, with T or a
 * space, or a date alone (its midnight).
 *
 * Returns: (transfer full) (nullable): the time, or %NULL if @text is none
 */
GDateTime *
baladi_open311_parse_time (const char *text,
                           GTimeZone  *default_zone)
{
  g_autoptr(GString) normal = NULL;
  gsize len;

  if (text == NULL)
    return NULL;

  len = strlen (text);
  if (len < 10 || len > 40)
    return NULL;

  normal = g_string_new (text);
  if (len == 10)
    {
      g_string_append (normal, "T00:00:00");
    }
  else if (len >= 16 && (text[10] == 'T' || text[10] == 't' || text[10] == ' ') &&
           is_digits (text + 11, 2) && text[13] == ':' && is_digits (text + 14, 2) && text[16] != ':')
    {
      /* hh:mm without seconds, which GLib refuses */
      g_string_insert (normal, 16, ":00");
    }

  return g_date_time_new_from_iso8601 (normal->str, default_zone);
}
