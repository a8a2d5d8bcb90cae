/* baladi-test-catalogue.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The demo catalogue (data/demo/services-*.json) into a real cache, the
 * way the sync stores a service of the changes feed: the service's JSON
 * document with its sector and version, through baladi_store_put_service(). */

#include "config.h"

#include "baladi-store-sync.h"
#include "baladi-test-catalogue.h"

/**
 * baladi_test_read_catalogue:
 *
 * Returns: (transfer full) (element-type JsonObject): every service of
 *   the services-*.json files of @dir, each with its "sector"
 */
GPtrArray *
baladi_test_read_catalogue (const char *dir)
{
  GPtrArray *services = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "services-") && g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_ascii_strcasecmp);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root;
      JsonArray *list;

      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      list = json_object_get_array_member (root, "services");
      for (guint j = 0; j < json_array_get_length (list); j++)
        {
          JsonObject *service = json_array_get_object_element (list, j);

          json_object_set_string_member (service, "sector", json_object_get_string_member (root, "sector"));
          g_ptr_array_add (services, json_object_ref (service));
        }
    }

  return services;
}

void
baladi_test_put_service (BaladiStore *store,
                         JsonObject  *service,
                         const char  *version)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), service);
  g_autofree char *document = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (service, "version", version);
  document = json_to_string (node, FALSE);
  baladi_store_put_service (store, json_object_get_string_member (service, "code"),
                            json_object_get_string_member (service, "sector"),
                            json_object_get_string_member (service, "category"),
                            document, version, &error);
  g_assert_no_error (error);
}

/**
 * baladi_test_load_catalogue:
 *
 * Returns: how many services were stored, in one transaction
 */
guint
baladi_test_load_catalogue (BaladiStore *store,
                            const char  *dir)
{
  g_autoptr(GPtrArray) services = baladi_test_read_catalogue (dir);
  g_autoptr(GError) error = NULL;

  baladi_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < services->len; i++)
    baladi_test_put_service (store, g_ptr_array_index (services, i), "1");
  baladi_store_commit (store, &error);
  g_assert_no_error (error);

  return services->len;
}

/**
 * baladi_test_generate_service:
 * @demo: (element-type JsonObject): the demo catalogue
 *
 * A service made from two of the demo catalogue, with a number and a
 * district of its own so that the vocabulary grows as real catalogues'.
 *
 * Returns: (transfer full): the generated service number @k, GEN-0000k
 */
JsonObject *
baladi_test_generate_service (GPtrArray *demo,
                              guint      k)
{
  JsonObject *base = g_ptr_array_index (demo, k % demo->len);
  JsonObject *other = g_ptr_array_index (demo, (k * 7 + 3) % demo->len);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), base);
  g_autofree char *text = json_to_string (node, FALSE);
  JsonObject *service;
  JsonObject *name, *description;
  g_autofree char *code = g_strdup_printf ("GEN-%05u", k);
  g_autofree char *name_ar = NULL, *name_en = NULL, *description_ar = NULL, *description_en = NULL;

  json_parser_load_from_data (parser, text, -1, NULL);
  service = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  name = json_object_get_object_member (service, "name");
  description = json_object_get_object_member (service, "description");

  name_ar = g_strdup_printf ("%s - %s %u منطقة%u", json_object_get_string_member (name, "ar"),
                             json_object_get_string_member (json_object_get_object_member (other, "directorate"), "ar"),
                             k / demo->len, k % 997);
  name_en = g_strdup_printf ("%s - %s %u district%u", json_object_get_string_member (name, "en"),
                             json_object_get_string_member (json_object_get_object_member (other, "directorate"), "en"),
                             k / demo->len, k % 997);
  description_ar = g_strdup_printf ("%s %s", json_object_get_string_member (description, "ar"),
                                    json_object_get_string_member (json_object_get_object_member (other, "description"), "ar"));
  description_en = g_strdup_printf ("%s %s", json_object_get_string_member (description, "en"),
                                    json_object_get_string_member (json_object_get_object_member (other, "description"), "en"));
  json_object_set_string_member (service, "code", code);
  json_object_set_string_member (name, "ar", name_ar);
  json_object_set_string_member (name, "en", name_en);
  json_object_set_string_member (description, "ar", description_ar);
  json_object_set_string_member (description, "en", description_en);

  return service;
}
