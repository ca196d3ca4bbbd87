/*
 * api.c - the JSON API under /api/v1/: every kind's list (filters, search,
 * keyset pagination), one record, create, partial update, delete; the
 * cross-kind search; the reference lists.  Errors are RFC 9457
 * problem+json with an `errors` array of {field, message}.
 */
#include "web/views.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/text.h"
#include "io/json_record.h"

void api_send_json(struct request *r, int status, json_t *o)
{
	char *text = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(10));
	r->res.status = status;
	r->res.content_type = "application/json";
	buf_reset(&r->res.body);
	buf_puts(&r->res.body, text ? text : "null");
	buf_putc(&r->res.body, '\n');
	free(text);
	json_decref(o);
}

void api_store_failure(struct request *r, int rc, const struct field_errors *errors)
{
	if (rc == STORE_INVALID)
		router_problem(r, 422, N_("Some values are not valid."), errors);
	else if (rc == STORE_NOT_FOUND)
		router_error(r, 404, NULL, N_("There is no such record, or you may not see it."));
	else if (rc == STORE_CONFLICT && errors && errors->count)
		router_problem(r, 409, N_("Not possible in the record's present state."), errors);
	else if (rc == STORE_CONFLICT)
		router_error(r, 409, NULL, N_("Not possible in the record's present state."));
	else if (rc == STORE_FORBIDDEN)
		router_error(r, 403, NULL, N_("Your role does not allow this."));
	else
		router_error(r, 500, NULL, N_("The database could not answer. Try again."));
}

/* Query parameters a list accepts besides its filters. */
static int is_list_param(const char *name)
{
	return strcmp(name, "q") == 0 || strcmp(name, "limit") == 0 || strcmp(name, "after") == 0 ||
	       strcmp(name, "lang") == 0 || strcmp(name, "deleted") == 0;
}

static int parse_limit(struct request *r, int fallback, int *out, struct field_errors *errors)
{
	const char *limit = params_get(&r->query, "limit");
	*out = fallback;
	if (!limit)
		return 0;
	char *end;
	long n = strtol(limit, &end, 10);
	if (!*limit || *end || n < 1 || n > STORE_MAX_LIMIT) {
		field_errors_add(errors, "limit", N_("Out of range ({})."), arena_printf(&r->arena, "1..%d", STORE_MAX_LIMIT));
		return -1;
	}
	*out = (int)n;
	return 0;
}

/* A page of k for the API: 0, or -1 after answering 400 for the
 * parameters already found wrong (errors) or refused by the store, or the
 * store's failure. */
static int list_page(struct request *r, const struct viewer *v, const struct kind *k, const struct store_query *q,
		     struct store_page *page, struct field_errors *errors)
{
	int rc = errors->count ? STORE_INVALID : store_list(r->store, &r->arena, v, k, q, page, errors);
	if (rc == STORE_INVALID) {
		router_problem(r, 400, N_("Some parameters are not valid."), errors);
		return -1;
	}
	if (rc != STORE_OK) {
		api_store_failure(r, rc, errors);
		return -1;
	}
	return 0;
}

void api_list(struct request *r, const struct route_match *m)
{
	const struct kind *k = m->kind;
	struct viewer v = request_viewer(r);
	struct store_query q;
	memset(&q, 0, sizeof(q));
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	q.q = params_get(&r->query, "q");
	q.after = params_get(&r->query, "after");
	const char *deleted = params_get(&r->query, "deleted");
	q.deleted = deleted && strcmp(deleted, "true") == 0;
	parse_limit(r, 50, &q.limit, &errors);
	for (size_t i = 0; i < r->query.count; i++) {
		const struct param *p = &r->query.items[i];
		if (is_list_param(p->name))
			continue;
		const struct field *f = model_field(k, p->name);
		const char *name = f && (f->flags & F_FILTER) ? f->name : list_date_filter(k, p->name);
		if (!name)
			field_errors_add(&errors, p->name, N_("Unknown filter."), NULL);
		else if (q.nfilters == STORE_MAX_FILTERS)
			field_errors_add(&errors, p->name, N_("Too many filters."), NULL);
		else
			q.filters[q.nfilters++] = (struct store_filter){name, p->value};
	}
	struct store_page page;
	if (list_page(r, &v, k, &q, &page, &errors) != 0)
		return;
	json_t *o = json_object(), *items = json_array();
	for (size_t i = 0; i < page.count; i++)
		json_array_append_new(items, json_from_record(page.items[i]));
	json_object_set_new(o, "items", items);
	json_object_set_new(o, "next", page.next ? json_string(page.next) : json_null());
	api_send_json(r, 200, o);
}

void api_get(struct request *r, const struct route_match *m)
{
	struct viewer v = request_viewer(r);
	struct record *rec;
	int rc = store_get(r->store, &r->arena, &v, m->kind, m->id, 0, &rec);
	if (rc != STORE_OK) {
		api_store_failure(r, rc, NULL);
		return;
	}
	api_send_json(r, 200, json_from_record(rec));
}

/* The request's JSON body as a record of kind k (fields absent from the
 * body stay absent); NULL after answering with the problem. */
static struct record *read_record(struct request *r, const struct kind *k, struct field_errors *errors)
{
	if (!r->content_type || strncmp(r->content_type, "application/json", 16) != 0) {
		router_error(r, 415, "Content-Type", N_("Send JSON, with Content-Type: application/json."));
		return NULL;
	}
	json_t *body = json_parse_object(&r->arena, r->body, r->body_len, errors);
	if (!body) {
		router_problem(r, 400, N_("The body could not be read."), errors);
		return NULL;
	}
	struct record *rec = json_to_record(&r->arena, k, body, errors);
	json_decref(body);
	if (!rec)
		router_problem(r, 422, N_("Some values are not valid."), errors);
	return rec;
}

void api_create(struct request *r, const struct route_match *m)
{
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	struct record *rec = read_record(r, m->kind, &errors);
	if (!rec)
		return;
	struct viewer v = request_viewer(r);
	int rc = store_create(r->store, &r->arena, &v, rec, &errors);
	if (rc != STORE_OK) {
		api_store_failure(r, rc, &errors);
		return;
	}
	struct record *stored;
	if (store_get(r->store, &r->arena, &v, m->kind, rec->id, 0, &stored) != STORE_OK)
		stored = rec;
	response_header(r, "Location", arena_printf(&r->arena, "/api/v1/%s/%lld", m->kind->plural, (long long)rec->id));
	api_send_json(r, 201, json_from_record(stored));
}

void api_update(struct request *r, const struct route_match *m)
{
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	struct record *patch = read_record(r, m->kind, &errors);
	if (!patch)
		return;
	patch->id = m->id;
	struct viewer v = request_viewer(r);
	struct record *stored;
	int rc = store_update(r->store, &r->arena, &v, patch, &stored, &errors);
	if (rc != STORE_OK) {
		api_store_failure(r, rc, &errors);
		return;
	}
	api_send_json(r, 200, json_from_record(stored));
}

void api_delete(struct request *r, const struct route_match *m)
{
	struct viewer v = request_viewer(r);
	int rc = store_delete(r->store, &v, m->kind, m->id);
	if (rc != STORE_OK) {
		api_store_failure(r, rc, NULL);
		return;
	}
	r->res.status = 204;
	buf_reset(&r->res.body);
}

void api_search(struct request *r, const struct route_match *m)
{
	(void)m;
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	int limit;
	parse_limit(r, 10, &limit, &errors);
	const char *q = params_get(&r->query, "q");
	if (!q)
		field_errors_add(&errors, "q", N_("This field is required."), NULL);
	if (errors.count) {
		router_problem(r, 400, N_("Some parameters are not valid."), &errors);
		return;
	}
	struct viewer v = request_viewer(r);
	struct search_hit *hits;
	size_t count;
	const char *next;
	int rc = store_search(r->store, &r->arena, &v, q, limit, params_get(&r->query, "after"), &hits, &count, &next, &errors);
	if (rc == STORE_INVALID) {
		router_problem(r, 400, N_("Some parameters are not valid."), &errors);
		return;
	}
	if (rc != STORE_OK) {
		api_store_failure(r, rc, &errors);
		return;
	}
	json_t *o = json_object(), *items = json_array();
	for (size_t i = 0; i < count; i++) {
		json_t *h = json_object();
		json_object_set_new(h, "kind", json_string(hits[i].kind->name));
		json_object_set_new(h, "kind_label", json_string(i18n_gettext(r->lang, hits[i].kind->label)));
		json_object_set_new(h, "id", json_integer(hits[i].id));
		json_object_set_new(h, "title", json_string(hits[i].title));
		json_object_set_new(h, "subtitle", hits[i].subtitle ? json_string(hits[i].subtitle) : json_null());
		json_object_set_new(h, "url", json_string(arena_printf(&r->arena, "/%s/%lld", hits[i].kind->plural, (long long)hits[i].id)));
		json_array_append_new(items, h);
	}
	json_object_set_new(o, "items", items);
	json_object_set_new(o, "next", next ? json_string(next) : json_null());
	api_send_json(r, 200, o);
}

/* The reference list a path names: /api/v1/territories → "territory". */
static const char *ref_list_of(const char *path)
{
	if (strncmp(path, "/api/v1/territories", 19) == 0)
		return "territory";
	if (strncmp(path, "/api/v1/sectors", 15) == 0)
		return "sector";
	return "sdg";
}

static json_t *ref_to_json(const struct ref_item *it)
{
	json_t *o = json_object(), *names = json_object();
	json_object_set_new(o, "code", json_string(it->code));
	if (it->parent)
		json_object_set_new(o, "parent", json_string(it->parent));
	if (it->kind)
		json_object_set_new(o, "kind", json_string(it->kind));
	json_object_set_new(names, "fr", json_string(it->name[0]));
	json_object_set_new(names, "en", json_string(it->name[1]));
	json_object_set_new(names, "es", json_string(it->name[2]));
	json_object_set_new(o, "name", names);
	if (it->has_coordinates) {
		json_object_set_new(o, "latitude", json_real(it->lat));
		json_object_set_new(o, "longitude", json_real(it->lon));
	}
	return o;
}

void api_ref_list(struct request *r, const struct route_match *m)
{
	(void)m;
	const char *list = ref_list_of(r->path);
	const char *q = params_get(&r->query, "q");
	const char *folded = q ? text_fold(&r->arena, q) : "";
	size_t flen = strlen(folded), n;
	const struct ref_item *items = store_ref_items(r->store, list, &n);
	json_t *o = json_object(), *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		int keep = flen == 0 || strncasecmp(items[i].code, q, strlen(q)) == 0;
		for (int l = 0; l < 3 && !keep; l++)
			keep = strstr(items[i].folded[l], folded) != NULL;
		if (keep)
			json_array_append_new(arr, ref_to_json(&items[i]));
	}
	json_object_set_new(o, "items", arr);
	json_object_set_new(o, "next", json_null());
	api_send_json(r, 200, o);
}

void api_ref_get(struct request *r, const struct route_match *m)
{
	const struct ref_item *it = store_ref_find(r->store, ref_list_of(r->path), m->rest);
	if (!it) {
		router_error(r, 404, "code", N_("Unknown code or name: {}."));
		return;
	}
	api_send_json(r, 200, ref_to_json(it));
}

void api_suggest(struct request *r, const struct route_match *m)
{
	const struct kind *k = m->kind;
	struct viewer v = request_viewer(r);
	/* The team's accounts and teams are named in forms (an owner, a
	 * validator) by every member of the team, not by partners, though
	 * only administrators manage them. */
	if (k->access == ACCESS_ADMIN) {
		if (v.role == ROLE_PARTNER || v.role == ROLE_ANONYMOUS) {
			router_error(r, 403, NULL, N_("Your role does not allow this."));
			return;
		}
		v = store_system_viewer("web");
	}
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	struct store_query q = {.q = params_get(&r->query, "q")};
	parse_limit(r, 8, &q.limit, &errors);
	if (q.limit > 20)
		q.limit = 20;
	struct store_page page;
	if (list_page(r, &v, k, &q, &page, &errors) != 0)
		return;
	json_t *items = json_array();
	for (size_t i = 0; i < page.count; i++)
		json_array_append_new(items, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)page.items[i]->id, "title",
						       display_title(r, page.items[i]), "kind_label", ""));
	api_send_json(r, 200, json_pack("{s:o}", "items", items));
}
