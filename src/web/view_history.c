/*
 * view_history.c - a record's history: who changed what, when and from
 * where, each field's old and new values; restoring a previous version
 * (recorded as a new change); the same as JSON for the API.
 */
#include "web/views.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/workflow.h"
#include "store/history.h"

static const char *action_label(const char *action);

/* An action of the history as its readers name it: a workflow's step by
 * its transition's label, a file attached or removed, a record passed on,
 * with the name that follows the action's code. */
static void show_action(struct html *h, const struct kind *k, const char *action)
{
	static const struct {
		const char *prefix, *label;
	} named[] = {
		{"attach ", N_("file attached:")},
		{"detach ", N_("file removed:")},
		{"transmit ", N_("passed to")},
	};
	if (k->workflow && strncmp(action, "workflow:", 9) == 0) {
		const struct workflow_transition *t = workflow_transition(k->workflow, action + 9);
		html_t(h, t ? t->label : action + 9);
		return;
	}
	for (size_t i = 0; i < sizeof(named) / sizeof(*named); i++) {
		size_t n = strlen(named[i].prefix);
		if (strncmp(action, named[i].prefix, n) == 0) {
			html_t(h, named[i].label);
			html_raw(h, " ");
			html_text(h, action + n);
			return;
		}
	}
	html_t(h, action_label(action));
}

static const char *action_label(const char *action)
{
	static const struct {
		const char *code, *label;
	} labels[] = {
		{"create", N_("created")},       {"update", N_("changed")},     {"delete", N_("moved to the bin")},
		{"restore", N_("restored")},     {"restore-version", N_("previous version restored")},
		{"erase", N_("personal data erased")},   {"merge", N_("merged")},
		{"unmerge", N_("merge undone")},         {"undo-import", N_("import undone")},
	};
	for (size_t i = 0; i < sizeof(labels) / sizeof(*labels); i++)
		if (strcmp(labels[i].code, action) == 0)
			return labels[i].label;
	return action;
}

/* A field's JSON values as people read them on the record's page
 * (labels, names, dates): "a · b", or "—". */
static const char *json_as_text(struct request *r, const struct field *f, const char *json, int erased)
{
	struct arena *a = &r->arena;
	if (erased)
		return i18n_gettext(r->lang, N_("(erased)"));
	json_t *j = json_loads(json, JSON_DECODE_ANY, NULL);
	struct buf b = BUF_INIT;
	if (json_is_string(j)) {
		buf_puts(&b, f ? display_value(r, f, json_string_value(j)) : json_string_value(j));
	} else if (json_is_array(j)) {
		size_t i;
		json_t *item;
		json_array_foreach(j, i, item) {
			const char *text = json_is_string(item) ? json_string_value(item)
								 : json_string_value(json_object_get(item, "value"));
			const char *l = json_is_object(item) ? json_string_value(json_object_get(item, "lang")) : NULL;
			buf_printf(&b, "%s%s", i ? " · " : "", text ? (f ? display_value(r, f, text) : text) : "");
			if (l)
				buf_printf(&b, " (%s)", l);
		}
	}
	json_decref(j);
	const char *out = arena_strdup(a, b.len ? buf_str(&b) : "—");
	buf_release(&b);
	return out;
}

void view_history(struct request *r, const struct route_match *m)
{
	struct history_entry *entries;
	size_t n;
	int rc = store_history(r->store, &r->arena, &r->viewer, m->kind, m->id, &entries, &n);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	struct record *rec;
	const char *title = store_get(r->store, &r->arena, &r->viewer, m->kind, m->id, 1, &rec) == STORE_OK
		? display_title(r, rec) : NULL;
	struct html h = page_writer(r);
	page_begin(&h, r, arena_printf(&r->arena, "%s%s%s", T(&h, N_("History")), T(&h, N_(": ")), title ? title : ""));
	html_raw(&h, "<h1>");
	html_t(&h, N_("History"));
	html_t(&h, N_(": "));
	html_raw(&h, "<a");
	html_attr_url(&h, "href", arena_printf(&r->arena, "/%s/%lld", m->kind->plural, (long long)m->id));
	html_raw(&h, ">");
	html_text(&h, title ? title : "");
	html_raw(&h, "</a></h1><ol class=\"history\">");
	int may_restore = permission_allows(r->viewer.role, m->kind, ACT_UPDATE);
	for (size_t i = 0; i < n; i++) {
		const struct history_entry *e = &entries[i];
		html_raw(&h, "<li");
		html_attr(&h, "id", arena_printf(&r->arena, "entry-%lld", (long long)e->id));
		html_raw(&h, "><p class=\"history-head\"><strong>");
		html_text(&h, display_time(r, e->at));
		html_raw(&h, "</strong> · ");
		html_text(&h, e->actor);
		html_raw(&h, " · ");
		show_action(&h, m->kind, e->action);
		html_raw(&h, " <span class=\"origin\">(");
		html_text(&h, e->origin);
		if (e->address) {
			html_raw(&h, ", ");
			html_text(&h, e->address);
		}
		html_raw(&h, ")</span></p>");
		if (e->nchanges) {
			static const char *const headings[] = {N_("Field"), N_("Before"), N_("After")};
			table_open(&h, "changes", headings, 3);
			for (size_t c = 0; c < e->nchanges; c++) {
				const struct field *f = model_field(m->kind, e->changes[c].field);
				html_raw(&h, "<tr><th scope=\"row\">");
				html_t(&h, f ? f->label : e->changes[c].field);
				html_raw(&h, "</th><td>");
				html_text(&h, json_as_text(r, f, e->changes[c].old_json, e->changes[c].erased));
				html_raw(&h, "</td><td>");
				html_text(&h, json_as_text(r, f, e->changes[c].new_json, e->changes[c].erased));
				html_raw(&h, "</td></tr>");
			}
			html_raw(&h, "</tbody></table>");
		}
		int erased = 0;
		for (size_t c = 0; c < e->nchanges; c++)
			erased |= e->changes[c].erased;
		if (may_restore && i > 0 && e->nchanges && !erased && strcmp(e->action, "erase") != 0) {
			post_form_open(&h, r, arena_printf(&r->arena, "/%s/%lld/history/%lld/restore", m->kind->plural,
							  (long long)m->id, (long long)e->id), "inline-form");
			html_raw(&h, "<button type=\"submit\">");
			html_t(&h, N_("Restore this version"));
			html_raw(&h, "</button></form>");
		}
		html_raw(&h, "</li>");
	}
	html_raw(&h, "</ol>");
	page_end(&h, r);
}

void view_history_restore(struct request *r, const struct route_match *m)
{
	char *end;
	long long entry = strtoll(m->rest, &end, 10);
	if (*end || entry <= 0) {
		router_error(r, 404, NULL, N_("Page not found."));
		return;
	}
	struct record *version;
	int rc = store_history_version(r->store, &r->arena, &r->viewer, m->kind, m->id, entry, &version);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	rc = store_update_as(r->store, &r->arena, &r->viewer, version, "restore-version", NULL, &errors);
	if (rc == STORE_INVALID) {
		/* The old version no longer holds (a record it referred to is gone). */
		view_error_page(r, 409, N_("This version cannot be restored: some of its values are no longer valid."));
		return;
	}
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	response_redirect(r, arena_printf(&r->arena, "/%s/%lld?saved=1", m->kind->plural, (long long)m->id));
}

void api_history(struct request *r, const struct route_match *m)
{
	struct history_entry *entries;
	size_t n;
	int rc = store_history(r->store, &r->arena, &r->viewer, m->kind, m->id, &entries, &n);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct history_entry *e = &entries[i];
		json_t *changes = json_object();
		for (size_t c = 0; c < e->nchanges; c++) {
			json_t *old = e->changes[c].erased ? json_null() : json_loads(e->changes[c].old_json, JSON_DECODE_ANY, NULL);
			json_t *new_ = e->changes[c].erased ? json_null() : json_loads(e->changes[c].new_json, JSON_DECODE_ANY, NULL);
			json_object_set_new(changes, e->changes[c].field,
					    json_pack("{s:o, s:o, s:b}", "old", old ? old : json_null(), "new", new_ ? new_ : json_null(),
						      "erased", e->changes[c].erased));
		}
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s, s:o}", "id", (json_int_t)e->id, "at", e->at,
						       "actor", e->actor, "origin", e->origin, "address", e->address, "action",
						       e->action, "changes", changes));
	}
	json_t *o = json_pack("{s:o}", "items", items);
	char *text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	r->res.content_type = "application/json";
	buf_puts(&r->res.body, text ? text : "{}");
	free(text);
}
