/* demo.c - see demo.h. */
#include "domain/demo.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "base/embedded.h"
#include "io/json_record.h"
#include "store/store.h"

struct key_map {
	json_t *ids; /* key → id, for each kind */
};

/* Replace the keys of reference fields by the ids they stand for. */
static int resolve_refs(json_t *obj, const struct kind *k, json_t *ids_by_kind, char *err, size_t errlen)
{
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		if (f->type != FT_REF)
			continue;
		json_t *v = json_object_get(obj, f->name);
		if (!json_is_string(v))
			continue;
		json_t *id = json_object_get(json_object_get(ids_by_kind, f->ref), json_string_value(v));
		if (!id) {
			snprintf(err, errlen, "%s: unknown key \"%s\" in %s", k->name, json_string_value(v), f->name);
			return -1;
		}
		json_object_set(obj, f->name, id);
	}
	return 0;
}

static int load_section(struct store *s, json_t *root, const char *section, const struct kind *k, json_t *ids_by_kind,
			size_t *loaded, char *err, size_t errlen)
{
	json_t *list = json_object_get(root, section);
	if (!json_is_array(list)) {
		snprintf(err, errlen, "demo: \"%s\" is not a list", section);
		return -1;
	}
	json_t *ids = json_object();
	json_object_set_new(ids_by_kind, k->name, ids);
	struct viewer v = store_system_viewer("demo");
	size_t i;
	json_t *item;
	json_array_foreach(list, i, item) {
		struct arena a = ARENA_INIT;
		json_t *copy = json_deep_copy(item);
		const char *key = json_string_value(json_object_get(copy, "key"));
		char keybuf[128];
		snprintf(keybuf, sizeof(keybuf), "%s", key ? key : "");
		json_object_del(copy, "key");
		int rc = resolve_refs(copy, k, ids_by_kind, err, errlen);
		struct field_errors errors;
		field_errors_init(&errors, &a);
		struct record *r = rc == 0 ? json_to_record(&a, k, copy, &errors) : NULL;
		if (rc == 0 && r && store_create(s, &a, &v, r, &errors) == STORE_OK) {
			if (*keybuf)
				json_object_set_new(ids, keybuf, json_integer(r->id));
			(*loaded)++;
		} else if (rc == 0) {
			snprintf(err, errlen, "demo %s #%zu (%s): %s: %s%s%s", section, i, keybuf,
				 errors.count ? errors.items[0].field : "?", errors.count ? errors.items[0].message : "database error",
				 errors.count && errors.items[0].detail ? " " : "",
				 errors.count && errors.items[0].detail ? errors.items[0].detail : "");
			rc = -1;
		}
		json_decref(copy);
		arena_release(&a);
		if (rc != 0)
			return -1;
	}
	return 0;
}

int demo_load(struct store *s, size_t *loaded, char *err, size_t errlen)
{
	*loaded = 0;
	struct arena a = ARENA_INIT;
	struct viewer v = store_system_viewer("demo");
	struct store_query q = {.limit = 1};
	struct store_page page;
	struct field_errors errors;
	field_errors_init(&errors, &a);
	int rc = store_list(s, &a, &v, &model_organization, &q, &page, &errors);
	size_t existing = page.count;
	arena_release(&a);
	if (rc != STORE_OK) {
		snprintf(err, errlen, "cannot read the directory");
		return -1;
	}
	if (existing)
		return 0;
	const struct embedded_file *f = embedded_find("data/demo/network.json");
	if (!f) {
		snprintf(err, errlen, "the demo network is missing from the binary");
		return -1;
	}
	json_error_t je;
	json_t *root = json_loadb((const char *)f->data, f->size, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		snprintf(err, errlen, "demo network, line %d: %s", je.line, je.text);
		return -1;
	}
	json_t *ids = json_object();
	if (store_batch_begin(s) != STORE_OK) {
		snprintf(err, errlen, "cannot start a transaction");
		json_decref(root);
		json_decref(ids);
		return -1;
	}
	rc = load_section(s, root, "organizations", &model_organization, ids, loaded, err, errlen);
	if (rc == 0)
		rc = load_section(s, root, "people", &model_person, ids, loaded, err, errlen);
	if (rc == 0)
		rc = load_section(s, root, "positions", &model_position, ids, loaded, err, errlen);
	if (rc == 0)
		rc = load_section(s, root, "relationships", &model_relationship, ids, loaded, err, errlen);
	if (store_batch_end(s, rc == 0) != STORE_OK && rc == 0) {
		snprintf(err, errlen, "the demo network could not be committed");
		rc = -1;
	}
	if (rc != 0)
		*loaded = 0;
	json_decref(root);
	json_decref(ids);
	return rc;
}
