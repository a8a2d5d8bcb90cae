/* test-service-list.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* BaladiServiceList over the demo catalogue in a real cache: browsing by
 * sector and category, the services as objects, search results in rank
 * order, and items-changed that says exactly what changed when the
 * catalogue does, checked against a mirror kept from the signals alone. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "baladi-service-list.h"
#include "baladi-store-lookups.h"
#include "baladi-store-services.h"
#include "baladi-store-sync.h"
#include "baladi-test-catalogue.h"

static char *dir;
static BaladiStore *store;
static GPtrArray *catalogue;  /* JsonObject */
static char *demo;            /* data/demo */

typedef struct {
  GPtrArray *codes;    /* the model as told by its signals */
  GArray    *signals;  /* Signal */
} Mirror;

typedef struct {
  guint position;
  guint removed;
  guint added;
} Signal;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Mirror     *mirror)
{
  Signal signal = { position, removed, added };

  g_array_append_val (mirror->signals, signal);
  g_assert_cmpuint (position + removed, <=, mirror->codes->len);
  g_ptr_array_remove_range (mirror->codes, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(BaladiService) service = g_list_model_get_item (model, position + i);

      g_assert_nonnull (service);
      g_ptr_array_insert (mirror->codes, position + i, g_strdup (baladi_service_get_code (service)));
    }
  g_assert_cmpuint (mirror->codes->len, ==, g_list_model_get_n_items (model));
}

static Mirror *
mirror_new (BaladiServiceList *list)
{
  Mirror *mirror = g_new0 (Mirror, 1);

  mirror->codes = g_ptr_array_new_with_free_func (g_free);
  mirror->signals = g_array_new (FALSE, FALSE, sizeof (Signal));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(BaladiService) service = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_ptr_array_add (mirror->codes, g_strdup (baladi_service_get_code (service)));
    }
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), mirror);
  return mirror;
}

static void
mirror_free (Mirror *mirror)
{
  g_ptr_array_unref (mirror->codes);
  g_array_unref (mirror->signals);
  g_free (mirror);
}

/* The mirror, built from the signals only, is the model; and the signals
 * since the last check were @expected ("position,removed,added ..."). */
static void
assert_signals (BaladiServiceList *list,
                Mirror            *mirror,
                const char        *expected)
{
  g_autoptr(GString) seen = g_string_new (NULL);

  g_assert_cmpuint (mirror->codes->len, ==, g_list_model_get_n_items (G_LIST_MODEL (list)));
  for (guint i = 0; i < mirror->codes->len; i++)
    {
      g_autoptr(BaladiService) service = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpstr (baladi_service_get_code (service), ==, g_ptr_array_index (mirror->codes, i));
    }

  for (guint i = 0; i < mirror->signals->len; i++)
    {
      Signal *signal = &g_array_index (mirror->signals, Signal, i);

      g_string_append_printf (seen, "%s%u,%u,%u", i > 0 ? " " : "", signal->position, signal->removed, signal->added);
    }
  g_array_set_size (mirror->signals, 0);
  if (expected != NULL)
    g_assert_cmpstr (seen->str, ==, expected);
}

static guint
position_of (BaladiServiceList *list,
             const char        *code)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(BaladiService) service = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_str_equal (baladi_service_get_code (service), code))
        return i;
    }

  return G_MAXUINT;
}

static JsonObject *
catalogue_service (const char *code)
{
  for (guint i = 0; i < catalogue->len; i++)
    if (g_str_equal (json_object_get_string_member (g_ptr_array_index (catalogue, i), "code"), code))
      return g_ptr_array_index (catalogue, i);

  g_assert_not_reached ();
}

static void
test_browse (void)
{
  g_autoptr(BaladiServiceList) list = baladi_service_list_new (store);
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiService) first = NULL, last = NULL;
  guint total = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == BALADI_TYPE_SERVICE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 108);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 108));
  g_assert_null (baladi_service_list_get_query (list));
  g_assert_null (baladi_service_list_get_hit (list, 0));

  /* Sector by sector, in the ministry's order, then by category. */
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  last = g_list_model_get_item (G_LIST_MODEL (list), 107);
  g_assert_cmpstr (baladi_service_get_code (first), ==, "MUN-039");  /* addresses */
  g_assert_true (g_str_has_prefix (baladi_service_get_code (last), "AGR-"));
  baladi_service_list_set_sector (list, "municipalities");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 49);
  baladi_service_list_set_sector (list, "urban-planning");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 31);
  g_object_set (list, "sector", "agriculture-marine", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 28);
  baladi_service_list_set_category (list, "fishing-licences");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
  baladi_service_list_set_category (list, "building-licensing");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  baladi_service_list_set_sector (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 9);
  baladi_service_list_set_category (list, "");
  g_assert_null (baladi_service_list_get_category (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 108);

  /* Sectors and their categories, with counts. */
  groups = baladi_store_list_service_groups (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < groups->len; i++)
    {
      BaladiServiceGroup *group = g_ptr_array_index (groups, i);

      total += group->n_services;
      if (g_str_equal (group->category, "building-licensing"))
        {
          g_assert_cmpstr (group->sector, ==, "municipalities");
          g_assert_cmpuint (group->n_services, ==, 9);
          g_assert_cmpstr (group->directorate_en, ==, "Building Licensing Directorate");
          g_assert_cmpstr (group->directorate_ar, ==, "إدارة تراخيص البناء");
        }
      /* Three directorates share it: the one with most services names it. */
      if (g_str_equal (group->category, "building-regulations"))
        {
          g_assert_cmpuint (group->n_services, ==, 4);
          g_assert_cmpstr (group->directorate_en, ==, "Urban Design Directorate");
        }
    }
  g_assert_cmpuint (total, ==, 108);
  g_assert_cmpstr (((BaladiServiceGroup *) g_ptr_array_index (groups, 0))->sector, ==, "municipalities");
  g_assert_cmpstr (((BaladiServiceGroup *) g_ptr_array_index (groups, groups->len - 1))->sector, ==, "agriculture-marine");
  for (guint i = 0; i < groups->len; i++)
    {
      g_assert_null (((BaladiServiceGroup *) g_ptr_array_index (groups, i))->name_ar);
      g_assert_null (((BaladiServiceGroup *) g_ptr_array_index (groups, i))->name_en);
    }
  g_clear_pointer (&groups, g_ptr_array_unref);

  /* Their names are the lookups' service_categories of their sector; a
   * name given for another sector, or empty, is none. */
  {
    static const char *names[][2] = {
      { "building-licensing", "{\"code\": \"building-licensing\", \"sector\": \"municipalities\", "
                              "\"name\": {\"ar\": \"تراخيص البناء\", \"en\": \"Building Licences\"}}" },
      { "zoning", "{\"code\": \"zoning\", \"sector\": \"municipalities\", \"name\": {\"ar\": \"تصنيف\", \"en\": \"Zoning\"}}" },
      { "boats", "{\"code\": \"boats\", \"sector\": \"agriculture-marine\", \"name\": {\"ar\": \"\", \"en\": \"Boats\"}}" },
    };
    guint n_named = 0;

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        baladi_store_put_lookup (store, "service_categories", names[i][0], names[i][1], &error);
        g_assert_no_error (error);
      }
    groups = baladi_store_list_service_groups (store, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < groups->len; i++)
      {
        BaladiServiceGroup *group = g_ptr_array_index (groups, i);

        if (g_str_equal (group->category, "building-licensing"))
          {
            g_assert_cmpstr (group->name_ar, ==, "تراخيص البناء");
            g_assert_cmpstr (group->name_en, ==, "Building Licences");
            n_named++;
          }
        else if (g_str_equal (group->category, "boats"))
          {
            g_assert_null (group->name_ar);
            g_assert_cmpstr (group->name_en, ==, "Boats");
          }
        else
          {
            g_assert_null (group->name_ar);
            g_assert_null (group->name_en);
          }
      }
    g_assert_cmpuint (n_named, ==, 1);
    {
      g_autofree char *en = baladi_store_get_service_category_name (store, "building-licensing", "en");
      g_autofree char *ar = baladi_store_get_service_category_name (store, "building-licensing", "ar");
      g_autofree char *empty = baladi_store_get_service_category_name (store, "boats", "ar");
      g_autofree char *unknown = baladi_store_get_service_category_name (store, "payments", "en");

      g_assert_cmpstr (en, ==, "Building Licences");
      g_assert_cmpstr (ar, ==, "تراخيص البناء");
      g_assert_null (empty);
      g_assert_null (unknown);
    }
    g_assert_true (baladi_store_clear_lookups (store, "service_categories", &error));
    g_assert_no_error (error);
  }
}

/* The objects carry every field of the catalogue document. */
static void
test_service_objects (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiService) service = baladi_store_get_service (store, "MUN-001", &error);
  g_autoptr(BaladiService) missing = baladi_store_get_service (store, "NOPE-1", &error);
  g_auto(GStrv) documents_en = NULL, steps_ar = NULL, channels = NULL, related = NULL, keywords_ar = NULL;
  g_autofree char *directorate = NULL, *url = NULL, *category = NULL, *version = NULL;
  BaladiSector sector;
  BaladiSlaUnit unit;
  guint duration;
  gboolean online;
  BaladiFee *fee;

  g_assert_no_error (error);
  g_assert_null (missing);
  g_assert_nonnull (service);
  g_object_get (service, "documents-en", &documents_en, "steps-ar", &steps_ar, "channels", &channels,
                "related", &related, "keywords-ar", &keywords_ar, "directorate-en", &directorate,
                "e-service-url", &url, "category", &category, "version", &version, "sector", &sector,
                "duration-value", &duration, "duration-unit", &unit, "e-service", &online, NULL);

  g_assert_cmpstr (baladi_service_get_name (service, "ar"), ==, "رخصة بناء مسكن خاص");
  g_assert_cmpstr (baladi_service_get_name (service, "en"), ==, "Building permit for a private house");
  g_assert_cmpuint (g_strv_length (documents_en), ==, 4);
  g_assert_cmpstr (documents_en[1], ==, "Copy of the property title deed");
  g_assert_cmpuint (g_strv_length (steps_ar), ==, 4);
  g_assert_cmpstr (steps_ar[0], ==, "تقديم الطلب عبر البوابة الوطنية وإرفاق المستندات");
  g_assert_cmpstr (channels[0], ==, "online");
  g_assert_cmpstr (channels[1], ==, "counter");
  g_assert_null (channels[2]);
  g_assert_cmpstr (related[2], ==, "MUN-007");
  g_assert_cmpstr (keywords_ar[3], ==, "بناء فيلا");
  g_assert_cmpstr (directorate, ==, "Building Licensing Directorate");
  g_assert_cmpstr (url, ==, "https://services.bahrain.bh/wps/portal/municipal/building-licensing/mun-001");
  g_assert_cmpstr (category, ==, "building-licensing");
  g_assert_cmpstr (version, ==, "1");
  g_assert_cmpint (sector, ==, BALADI_SECTOR_MUNICIPALITIES);
  g_assert_cmpuint (duration, ==, 10);
  g_assert_cmpint (unit, ==, BALADI_SLA_UNIT_WORKING_DAYS);
  g_assert_true (online);
  g_assert_cmpuint (baladi_service_get_fees (service)->len, ==, 1);
  fee = g_ptr_array_index (baladi_service_get_fees (service), 0);
  g_assert_cmpint (fee->fils, ==, 300);
  g_assert_cmpstr (fee->label_en, ==, "Per square metre of floor area");
  g_assert_cmpstr (fee->label_ar, ==, "رسم لكل متر مربع من مساحة البناء");

  /* Every service of the catalogue reads back whole. */
  for (guint i = 0; i < catalogue->len; i++)
    {
      JsonObject *object = g_ptr_array_index (catalogue, i);
      g_autoptr(BaladiService) read = baladi_store_get_service (store, json_object_get_string_member (object, "code"), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (baladi_service_get_name (read, "en"), ==,
                       json_object_get_string_member (json_object_get_object_member (object, "name"), "en"));
      g_assert_cmpuint (baladi_service_get_fees (read)->len, ==,
                        json_array_get_length (json_object_get_array_member (object, "fees")));
    }
}

static void
delete_service (const char *code)
{
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store), "DELETE FROM services WHERE code = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
test_items_changed (void)
{
  g_autoptr(BaladiServiceList) list = baladi_service_list_new (store);
  g_autoptr(GError) error = NULL;
  Mirror *mirror = mirror_new (list);
  g_autoptr(BaladiService) kept = g_list_model_get_item (G_LIST_MODEL (list), 40);
  g_autoptr(BaladiService) before = NULL, after = NULL, again = NULL;
  JsonObject *mun_004 = catalogue_service ("MUN-004");
  g_autoptr(JsonObject) added = NULL;
  gint64 revision = baladi_store_get_catalogue_revision (store);
  guint position;

  /* Nothing changed, or the same services again (a full sync): nothing
   * to tell. */
  g_assert_true (baladi_service_list_refresh (list, &error));
  g_assert_no_error (error);
  assert_signals (list, mirror, "");
  baladi_test_load_catalogue (store, demo);
  g_assert_cmpint (baladi_store_get_catalogue_revision (store), ==, revision);
  g_assert_true (baladi_service_list_refresh (list, &error));
  assert_signals (list, mirror, "");

  /* One service edited: that row, and only it, is replaced. */
  position = position_of (list, "MUN-004");
  before = g_list_model_get_item (G_LIST_MODEL (list), position);
  json_object_set_string_member (json_object_get_object_member (mun_004, "name"), "en", "Renewal of a building licence");
  baladi_test_put_service (store, mun_004, "2");
  g_assert_cmpint (baladi_store_get_catalogue_revision (store), >, revision);
  g_assert_true (baladi_service_list_refresh (list, &error));
  {
    g_autofree char *expected = g_strdup_printf ("%u,1,1", position);

    assert_signals (list, mirror, expected);
  }
  after = g_list_model_get_item (G_LIST_MODEL (list), position);
  g_assert_true (before != after);
  g_assert_cmpstr (baladi_service_get_name (after, "en"), ==, "Renewal of a building licence");
  again = g_list_model_get_item (G_LIST_MODEL (list), 40);
  g_assert_true (again == kept);

  /* A new service arrives in its place in the catalogue order; one goes. */
  added = json_object_ref (catalogue_service ("MUN-003"));
  json_object_set_string_member (added, "code", "MUN-003A");
  baladi_test_put_service (store, added, "1");
  g_assert_true (baladi_service_list_refresh (list, &error));
  position = position_of (list, "MUN-003A");
  {
    g_autofree char *expected = g_strdup_printf ("%u,0,1", position);

    g_assert_cmpuint (position, ==, position_of (list, "MUN-003") + 1);
    assert_signals (list, mirror, expected);
  }
  delete_service ("MUN-003A");
  json_object_set_string_member (added, "code", "MUN-003");
  g_assert_true (baladi_service_list_refresh (list, &error));
  {
    g_autofree char *expected = g_strdup_printf ("%u,1,0", position);

    assert_signals (list, mirror, expected);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 108);

  /* Searching: the rows are the hits in rank order, with their
   * highlights, however the results move while typing. */
  {
    const char *typing[] = { "ر", "رخ", "رخص", "رخصة", "رخصة ", "رخصة ب", "رخصة بن", "رخصة بناء",
                             "رخصة بناء مسكن", "رخصة هدم", "building", "xyzzyq", "" };

    for (guint i = 0; i < G_N_ELEMENTS (typing); i++)
      {
        g_autoptr(BaladiServiceSearch) search = baladi_service_search_new (store);
        g_autoptr(GPtrArray) hits = baladi_service_search_find (search, typing[i], 500, &error);

        g_assert_no_error (error);
        baladi_service_list_set_search_text (list, typing[i]);
        g_assert_cmpstr (baladi_service_list_get_search_text (list), ==, *typing[i] != '\0' ? typing[i] : NULL);
        assert_signals (list, mirror, NULL);
        if (*typing[i] == '\0')
          {
            g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 108);
            g_assert_null (baladi_service_list_get_hit (list, 0));
            continue;
          }
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, hits->len);
        for (guint j = 0; j < hits->len; j++)
          {
            BaladiServiceHit *hit = baladi_service_list_get_hit (list, j);

            g_assert_cmpstr (baladi_service_hit_get_code (hit), ==, baladi_service_hit_get_code (g_ptr_array_index (hits, j)));
            g_assert_cmpstr (g_ptr_array_index (mirror->codes, j), ==, baladi_service_hit_get_code (hit));
          }
      }
  }

  /* A search within a sector, and the highlights of a row. */
  baladi_service_list_set_search_text (list, "رخصه");
  baladi_service_list_set_sector (list, "agriculture-marine");
  assert_signals (list, mirror, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (mirror->codes, i), "AGR-"));
  {
    guint n_spans;
    BaladiServiceHit *hit = baladi_service_list_get_hit (list, position_of (list, "AGR-001"));
    const BaladiTextSpan *spans = baladi_service_hit_get_name_spans (hit, "ar", &n_spans);

    /* إصدار رخصة صيد مهنية */
    g_assert_cmpuint (n_spans, ==, 1);
    g_assert_cmpuint (spans[0].start, ==, strlen ("إصدار "));
    g_assert_cmpuint (spans[0].end, ==, strlen ("إصدار رخصة"));
  }

  g_signal_handlers_disconnect_by_data (list, mirror);
  mirror_free (mirror);
}

/* The search index follows every change of the cached catalogue. */
static void
test_index_follows_catalogue (void)
{
  g_autoptr(BaladiServiceSearch) search = baladi_service_search_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) service = json_object_ref (catalogue_service ("MUN-028"));
  g_autoptr(GPtrArray) hits = NULL;
  sqlite3_stmt *stmt;

  hits = baladi_service_search_find (search, "stray dogs ", 1, &error);
  g_assert_cmpstr (baladi_service_hit_get_code (g_ptr_array_index (hits, 0)), ==, "MUN-028");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A word no service had; and the vocabulary knows it at once, to
   * correct its typos. */
  json_object_set_array_member (json_object_get_object_member (service, "keywords"), "en", json_array_new ());
  json_array_add_string_element (json_object_get_array_member (json_object_get_object_member (service, "keywords"), "en"),
                                 "hyena");
  baladi_test_put_service (store, service, "2");
  hits = baladi_service_search_find (search, "hyenna ", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (baladi_service_hit_get_code (g_ptr_array_index (hits, 0)), ==, "MUN-028");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Gone from the catalogue, gone from the index. */
  delete_service ("MUN-028");
  hits = baladi_service_search_find (search, "hyena ", 5, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store),
                                       "SELECT (SELECT count(*) FROM services), (SELECT count(*) FROM service_index), "
                                       "(SELECT count(*) FROM services_search)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 107);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 107);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 107);
  sqlite3_finalize (stmt);

  /* Back, by an UPDATE this time. */
  baladi_test_put_service (store, service, "3");
  g_assert_cmpint (sqlite3_exec (baladi_store_get_db (store),
                                 "UPDATE services SET document = replace (document, 'hyena', 'jackal') WHERE code = 'MUN-028'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  hits = baladi_service_search_find (search, "hyena ", 5, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = baladi_service_search_find (search, "jackal ", 5, &error);
  g_assert_cmpuint (hits->len, ==, 1);

  /* A document that is not JSON does not stop the sync that brings it. */
  baladi_store_put_service (store, "BAD-1", "municipalities", "test", "{not json", "1", &error);
  g_assert_no_error (error);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = baladi_service_search_find (search, "BAD-1 ", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (baladi_service_hit_get_code (g_ptr_array_index (hits, 0)), ==, "BAD-1");
  g_assert_true (baladi_service_hit_matches_all (g_ptr_array_index (hits, 0)));
  {
    g_autoptr(BaladiServiceList) list = baladi_service_list_new (store);
    g_autoptr(BaladiService) bad = NULL;

    baladi_service_list_set_search_text (list, "BAD-1 ");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >=, 1);
    bad = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (baladi_service_get_code (bad), ==, "BAD-1");
  }
  delete_service ("BAD-1");
  json_object_set_string_member (service, "code", "MUN-028");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");

  dir = g_dir_make_tmp ("baladi-service-list-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "cache.db", NULL);
  store = baladi_store_open (path, &error);
  g_assert_no_error (error);
  demo = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", NULL);
  g_assert_cmpuint (baladi_test_load_catalogue (store, demo), ==, 108);
  catalogue = baladi_test_read_catalogue (demo);

  g_test_add_func ("/service-list/browse", test_browse);
  g_test_add_func ("/service-list/service-objects", test_service_objects);
  g_test_add_func ("/service-list/items-changed", test_items_changed);
  g_test_add_func ("/service-list/index-follows-catalogue", test_index_follows_catalogue);

  ret = g_test_run ();

  g_clear_pointer (&catalogue, g_ptr_array_unref);
  g_clear_pointer (&demo, g_free);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  g_free (dir);

  return ret;
}
