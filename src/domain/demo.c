/* demo.c - see demo.h. */
#include "domain/demo.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "base/embedded.h"
#include "io/json_record.h"
#include "store/activity.h"
#include "store/auth.h"
#include "store/store.h"
#include "store/workflow.h"

struct key_map {
	json_t *ids; /* key → id, for each kind */
};

/* The id a key stands for in kind `ref`, or NULL with a message. */
static json_t *key_id(json_t *ids_by_kind, const char *ref, json_t *key, const struct kind *k, const char *field,
		      char *err, size_t errlen)
{
	json_t *id = json_is_string(key) ? json_object_get(json_object_get(ids_by_kind, ref), json_string_value(key)) : NULL;
	if (!id)
		snprintf(err, errlen, "%s: unknown key \"%s\" in %s", k->name, json_is_string(key) ? json_string_value(key) : "?", field);
	return id;
}

/* Replace the keys of reference fields (one, or a list) by the ids they
 * stand for. */
static int resolve_refs(json_t *obj, const struct kind *k, json_t *ids_by_kind, char *err, size_t errlen)
{
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		if (f->type != FT_REF)
			continue;
		json_t *v = json_object_get(obj, f->name);
		if (json_is_string(v)) {
			json_t *id = key_id(ids_by_kind, f->ref, v, k, f->name, err, errlen);
			if (!id)
				return -1;
			json_object_set(obj, f->name, id);
		} else if (json_is_array(v)) {
			size_t j;
			json_t *item;
			json_array_foreach(v, j, item) {
				json_t *id = key_id(ids_by_kind, f->ref, item, k, f->name, err, errlen);
				if (!id)
					return -1;
				json_array_set(v, j, id);
			}
		}
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

/* The viewer of the demo account `key` (its id in ids_by_kind.account). */
static int account_viewer(struct store *s, struct arena *a, json_t *ids_by_kind, json_t *key, struct viewer *out)
{
	json_t *id = json_is_string(key) ? json_object_get(json_object_get(ids_by_kind, "account"), json_string_value(key)) : NULL;
	struct auth_account acc;
	if (!id || auth_account_by_id(s, a, json_integer_value(id), &acc) != AUTH_OK)
		return -1;
	*out = auth_viewer(&acc, "demo", NULL);
	return 0;
}

/* Fire the notes' transitions, as their actors, in order. */
static int load_transitions(struct store *s, json_t *root, json_t *ids, char *err, size_t errlen)
{
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(root, "transitions"), i, t) {
		struct arena a = ARENA_INIT;
		struct viewer v;
		json_t *note = json_object_get(json_object_get(ids, "note"), json_string_value(json_object_get(t, "note")) ?: "");
		json_t *rcpt = json_object_get(t, "recipients");
		struct workflow_request q = {.kind = &model_note, .id = note ? json_integer_value(note) : 0,
					     .transition = json_string_value(json_object_get(t, "transition")),
					     .comment = json_string_value(json_object_get(t, "comment"))};
		const char **list = arena_alloc(&a, (json_array_size(rcpt) + 1) * sizeof(*list));
		size_t j;
		json_t *r;
		json_array_foreach(rcpt, j, r) {
			/* "person:<key>" or "account:<key>" */
			const char *spec = json_string_value(r), *colon = spec ? strchr(spec, ':') : NULL;
			const char *kind = colon ? arena_strndup(&a, spec, (size_t)(colon - spec)) : "";
			json_t *id = colon ? json_object_get(json_object_get(ids, kind), colon + 1) : NULL;
			if (id)
				list[q.nrecipients++] = arena_printf(&a, "%s:%lld", kind, (long long)json_integer_value(id));
		}
		q.recipients = list;
		struct field_errors errors;
		field_errors_init(&errors, &a);
		int rc = note && account_viewer(s, &a, ids, json_object_get(t, "by"), &v) == 0
				 ? store_transition(s, &a, &v, &q, NULL, &errors) : STORE_NOT_FOUND;
		if (rc != STORE_OK)
			snprintf(err, errlen, "demo transitions #%zu (%s): %s", i, q.transition ? q.transition : "?",
				 errors.count ? errors.items[0].message : "unknown note or account");
		arena_release(&a);
		if (rc != STORE_OK)
			return -1;
	}
	return 0;
}

/* Pass documents to colleagues, some acknowledged. */
static int load_transmissions(struct store *s, json_t *root, json_t *ids, char *err, size_t errlen)
{
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(root, "transmissions"), i, t) {
		struct arena a = ARENA_INIT;
		struct viewer by;
		json_t *doc = json_object_get(json_object_get(ids, "document"), json_string_value(json_object_get(t, "document")) ?: "");
		json_t *to = json_object_get(t, "to");
		int64_t *accounts = arena_alloc(&a, (json_array_size(to) + 1) * sizeof(*accounts));
		size_t n = 0, j;
		json_t *k;
		json_array_foreach(to, j, k) {
			json_t *id = json_object_get(json_object_get(ids, "account"), json_string_value(k) ?: "");
			if (id)
				accounts[n++] = json_integer_value(id);
		}
		struct field_errors errors;
		field_errors_init(&errors, &a);
		int rc = doc && account_viewer(s, &a, ids, json_object_get(t, "by"), &by) == 0
				 ? store_transmit(s, &a, &by, &model_document, json_integer_value(doc), accounts, n,
						  json_string_value(json_object_get(t, "message")), &errors) : STORE_NOT_FOUND;
		if (rc == STORE_OK && json_is_true(json_object_get(t, "acknowledged")))
			for (size_t x = 0; x < json_array_size(to) && rc == STORE_OK; x++) {
				struct viewer them;
				if (account_viewer(s, &a, ids, json_array_get(to, x), &them) == 0)
					rc = store_acknowledge_record(s, &them, &model_document, json_integer_value(doc));
			}
		if (rc != STORE_OK)
			snprintf(err, errlen, "demo transmissions #%zu: %s", i, errors.count ? errors.items[0].message : "unknown document or account");
		arena_release(&a);
		if (rc != STORE_OK)
			return -1;
	}
	return 0;
}

/* A year of the working desk (data/demo/activity.json), when embedded. */
static int load_activity(struct store *s, json_t *ids, size_t *loaded, char *err, size_t errlen)
{
	const struct embedded_file *f = embedded_find("data/demo/activity.json");
	if (!f)
		return 0;
	json_error_t je;
	json_t *root = json_loadb((const char *)f->data, f->size, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		snprintf(err, errlen, "demo activity, line %d: %s", je.line, je.text);
		return -1;
	}
	/* The demo accounts, by key. */
	static const struct {
		const char *key, *email;
	} accounts[] = {
		{"editrice", "editrice@demo.passerelle.invalid"},
		{"validateur", "validateur@demo.passerelle.invalid"},
		{"lecteur", "lecteur@demo.passerelle.invalid"},
	};
	json_t *acc_ids = json_object();
	struct arena a = ARENA_INIT;
	for (size_t i = 0; i < sizeof(accounts) / sizeof(*accounts); i++) {
		struct auth_account acc;
		if (auth_account_by_email(s, &a, accounts[i].email, &acc) == AUTH_OK)
			json_object_set_new(acc_ids, accounts[i].key, json_integer(acc.id));
	}
	arena_release(&a);
	json_object_set_new(ids, "account", acc_ids);
	static const struct {
		const char *section;
		const struct kind *kind;
	} sections[] = {
		{"working_groups", &model_working_group}, {"roadmap_axes", &model_roadmap_axis},
		{"roadmap_actions", &model_roadmap_action}, {"interactions", &model_interaction},
		{"followups", &model_followup},           {"notes", &model_note},
		{"documents", &model_document},
	};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof(sections) / sizeof(*sections); i++)
		rc = load_section(s, root, sections[i].section, sections[i].kind, ids, loaded, err, errlen);
	if (rc == 0)
		rc = load_transitions(s, root, ids, err, errlen);
	if (rc == 0)
		rc = load_transmissions(s, root, ids, err, errlen);
	json_decref(root);
	return rc;
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
	if (rc == 0)
		rc = load_activity(s, ids, loaded, err, errlen);
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
