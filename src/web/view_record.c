/*
 * view_record.c - the pages every kind gets from its declaration: the list
 * with search, filters and keyset pagination; the detail page; the create
 * and edit forms; delete with confirmation; the bin and restore.
 */
#include "web/views.h"

#include "base/clock.h"
#include "io/markdown.h"
#include "model/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/form.h"

const char *display_value(struct request *r, const struct field *f, const char *value)
{
	if (!value)
		return NULL;
	switch (f->type) {
	case FT_ENUM: {
		const struct enum_value *ev = model_enum_value(f->enumeration, value);
		return ev ? i18n_gettext(r->lang, ev->label) : value;
	}
	case FT_BOOL:
		return i18n_gettext(r->lang, strcmp(value, "true") == 0 ? N_("yes") : N_("no"));
	case FT_DATE:
		/* 14/03/2025 in French and Spanish, 2025-03-14 in English. */
		if (r->lang != LANG_EN && strlen(value) == 10)
			return arena_printf(&r->arena, "%.2s/%.2s/%.4s", value + 8, value + 5, value);
		return value;
	case FT_DATETIME:
		/* 14/03/2026 10:30 in French and Spanish, 2026-03-14 10:30 in English. */
		if (strlen(value) != 16)
			return value;
		if (r->lang != LANG_EN)
			return arena_printf(&r->arena, "%.2s/%.2s/%.4s %.5s", value + 8, value + 5, value, value + 11);
		return arena_printf(&r->arena, "%.10s %.5s", value, value + 11);
	case FT_CODE:
		return store_ref_label(r->store, f->ref, value, (int)r->lang);
	case FT_REF: {
		const struct kind *k = model_kind(f->ref);
		struct viewer v = request_viewer(r);
		/* Colleagues' and teams' names are no secret to the team (an author,
		 * a validator, an owner), though only administrators manage them. */
		if (k && k->access == ACCESS_ADMIN && r->signed_in && v.role != ROLE_PARTNER)
			v = store_system_viewer("web");
		const char *t = k ? store_title(r->store, &r->arena, &v, k, strtoll(value, NULL, 10)) : NULL;
		return t ? t : arena_printf(&r->arena, "#%s", value);
	}
	default:
		return value;
	}
}

static int read_query(struct request *r, const struct kind *k, struct store_query *q, struct field_errors *errors);

const char *display_time(struct request *r, const char *iso)
{
	if (!iso || strlen(iso) < 16)
		return iso;
	if (r->lang == LANG_EN)
		return arena_printf(&r->arena, "%.10s %.5s UTC", iso, iso + 11);
	return arena_printf(&r->arena, "%.2s/%.2s/%.4s %.5s UTC", iso + 8, iso + 5, iso, iso + 11);
}

const char *display_title(struct request *r, const struct record *rec)
{
	if (rec->kind != &model_relationship)
		return record_title(rec);
	const struct field *type = model_field(rec->kind, "type"), *subject = model_field(rec->kind, "subject"),
			   *object = model_field(rec->kind, "object");
	return arena_printf(&r->arena, "%s · %s · %s", display_value(r, subject, record_get_by_name(rec, "subject")),
			    display_value(r, type, record_get_by_name(rec, "type")),
			    display_value(r, object, record_get_by_name(rec, "object")));
}

/* A link to a record, or its text when it has no page. */
static void record_link(struct html *h, const struct kind *k, int64_t id, const char *text)
{
	html_raw(h, "<a");
	html_attr_url(h, "href", arena_printf(h->arena, "/%s/%lld", k->plural, (long long)id));
	html_raw(h, ">");
	html_text(h, text);
	html_raw(h, "</a>");
}

/* One value as shown on a page: links for web addresses, emails, phones
 * and references. */
static void show_value(struct html *h, struct request *r, const struct field *f, const struct value *v)
{
	const char *text = display_value(r, f, v->text);
	switch (f->type) {
	case FT_URL:
		html_raw(h, "<a rel=\"noopener nofollow\"");
		html_attr_url(h, "href", v->text);
		html_raw(h, ">");
		html_text(h, v->text);
		html_raw(h, "</a>");
		break;
	case FT_EMAIL:
		html_raw(h, "<a");
		html_attr_url(h, "href", arena_printf(h->arena, "mailto:%s", v->text));
		html_raw(h, ">");
		html_text(h, v->text);
		html_raw(h, "</a>");
		break;
	case FT_PHONE:
		html_raw(h, "<a");
		html_attr_url(h, "href", arena_printf(h->arena, "tel:%s", v->text));
		html_raw(h, ">");
		html_text(h, v->text);
		html_raw(h, "</a>");
		break;
	case FT_REF:
		if (permission_allows(r->viewer.role, model_kind(f->ref), ACT_READ))
			record_link(h, model_kind(f->ref), strtoll(v->text, NULL, 10), text);
		else
			html_text(h, text);
		break;
	case FT_CODE:
		if (strcmp(f->ref, "sdg") == 0) {
			html_raw(h, "<span class=\"sdg\">");
			html_text(h, arena_printf(h->arena, "%s. %s", v->text, text));
			html_raw(h, "</span>");
		} else {
			html_text(h, text);
			html_raw(h, " <span class=\"code\">");
			html_text(h, v->text);
			html_raw(h, "</span>");
		}
		break;
	case FT_LONGTEXT:
		html_raw(h, "<span class=\"longtext\">");
		html_text(h, text);
		html_raw(h, "</span>");
		break;
	case FT_MARKDOWN:
		html_raw(h, "<div class=\"markdown\">");
		html_markdown(h, v->text);
		html_raw(h, "</div>");
		break;
	default:
		html_text(h, text);
	}
	if (v->lang) {
		html_raw(h, " <span class=\"lang\"");
		html_attr(h, "title", T(h, model_enum_value(&model_value_languages, v->lang)
						   ? model_enum_value(&model_value_languages, v->lang)->label : v->lang));
		html_raw(h, ">");
		html_text(h, v->lang);
		html_raw(h, "</span>");
	}
	if (v->acronym) {
		html_raw(h, " <span class=\"badge\">");
		html_t(h, N_("acronym"));
		html_raw(h, "</span>");
	}
}

const char *list_date_filter(const struct kind *k, const char *param)
{
	if (!model_list_date(k))
		return NULL;
	return strcmp(param, "from") == 0 ? "from" : strcmp(param, "until") == 0 ? "until" : NULL;
}

int list_query(struct request *r, const struct kind *k, struct store_query *q, struct field_errors *errors)
{
	return read_query(r, k, q, errors);
}

/* The filters of a list: every F_FILTER field plus the search text. */
static int read_query(struct request *r, const struct kind *k, struct store_query *q, struct field_errors *errors)
{
	memset(q, 0, sizeof(*q));
	q->q = params_get(&r->query, "q");
	q->after = params_get(&r->query, "after");
	const char *limit = params_get(&r->query, "limit");
	if (limit) {
		char *end;
		long n = strtol(limit, &end, 10);
		if (*end || !*limit || n < 1 || n > STORE_MAX_LIMIT) {
			field_errors_add(errors, "limit", N_("Out of range ({})."), arena_printf(&r->arena, "1..%d", STORE_MAX_LIMIT));
			return -1;
		}
		q->limit = (int)n;
	}
	for (size_t i = 0; i < r->query.count; i++) {
		const struct param *p = &r->query.items[i];
		const struct field *f = model_field(k, p->name);
		const char *name = f && (f->flags & F_FILTER) ? f->name : list_date_filter(k, p->name);
		if (!name || !*p->value)
			continue;
		if (q->nfilters == STORE_MAX_FILTERS) {
			field_errors_add(errors, p->name, N_("Too many filters."), NULL);
			return -1;
		}
		q->filters[q->nfilters].field = name;
		q->filters[q->nfilters].value = p->value;
		q->nfilters++;
	}
	return 0;
}

/* The current query string without `after` (for the next page link and
 * the filter form). */
static const char *query_without_after(struct request *r)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < r->query.count; i++) {
		const struct param *p = &r->query.items[i];
		if (strcmp(p->name, "after") == 0 || !*p->value)
			continue;
		buf_printf(&b, "%s=%s&", url_encode(&r->arena, p->name), url_encode(&r->arena, p->value));
	}
	const char *out = arena_strdup(&r->arena, buf_str(&b));
	buf_release(&b);
	return out;
}

static void filter_form(struct html *h, struct request *r, const struct kind *k)
{
	html_raw(h, "<form class=\"filters\" method=\"get\"");
	html_attr_url(h, "action", arena_printf(h->arena, "/%s", k->plural));
	html_raw(h, ">");
	if (k->searchable) {
		html_raw(h, "<div class=\"field\"><label for=\"filter-q\">");
		html_t(h, N_("Search"));
		html_raw(h, "</label><input type=\"search\" id=\"filter-q\" name=\"q\"");
		html_attr(h, "value", params_get(&r->query, "q"));
		html_raw(h, "></div>");
	}
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		if (!(f->flags & F_FILTER) || f->type == FT_REF)
			continue;
		const char *id = arena_printf(h->arena, "filter-%s", f->name);
		const char *current = params_get(&r->query, f->name);
		html_raw(h, "<div class=\"field\"><label");
		html_attr(h, "for", id);
		html_raw(h, ">");
		html_t(h, f->label);
		html_raw(h, "</label>");
		if (f->type == FT_ENUM || f->type == FT_BOOL || (f->type == FT_CODE && strcmp(f->ref, "sdg") == 0)) {
			html_raw(h, "<select");
			html_attr(h, "id", id);
			html_attr(h, "name", f->name);
			html_raw(h, "><option value=\"\">");
			html_t(h, N_("All"));
			html_raw(h, "</option>");
			size_t n = f->type == FT_ENUM ? f->enumeration->count : f->type == FT_BOOL ? 2 : 0;
			const struct ref_item *items = NULL;
			if (f->type == FT_CODE)
				items = store_ref_items(r->store, f->ref, &n);
			for (size_t j = 0; j < n; j++) {
				const char *code = f->type == FT_ENUM ? f->enumeration->values[j].code
						   : f->type == FT_BOOL ? (j == 0 ? "true" : "false") : items[j].code;
				html_raw(h, "<option");
				html_attr(h, "value", code);
				if (current && strcmp(current, code) == 0)
					html_raw(h, " selected");
				html_raw(h, ">");
				if (f->type == FT_CODE)
					html_text(h, arena_printf(h->arena, "%s. ", code));
				html_text(h, display_value(r, f, code));
				html_raw(h, "</option>");
			}
			html_raw(h, "</select>");
		} else {
			html_raw(h, "<input type=\"text\"");
			html_attr(h, "id", id);
			html_attr(h, "name", f->name);
			html_attr(h, "value", current);
			if (f->type == FT_CODE)
				html_attr(h, "placeholder", T(h, N_("code or name")));
			html_raw(h, ">");
		}
		html_raw(h, "</div>");
	}
	/* Dated records: between two days (store_list's "from" and "until"). */
	const struct field *by_date = model_list_date(k);
	const char *bounds[2][2] = {{"from", N_("Dated from")}, {"until", N_("Dated until")}};
	for (int b = 0; by_date && b < 2; b++) {
		const char *id = arena_printf(h->arena, "filter-%s", bounds[b][0]);
		html_raw(h, "<div class=\"field\"><label");
		html_attr(h, "for", id);
		html_raw(h, ">");
		html_t(h, bounds[b][1]);
		html_raw(h, "</label><input type=\"date\"");
		html_attr(h, "id", id);
		html_attr(h, "name", bounds[b][0]);
		html_attr(h, "value", params_get(&r->query, bounds[b][0]));
		html_raw(h, "></div>");
	}
	html_raw(h, "<div class=\"actions\"><button type=\"submit\">");
	html_t(h, N_("Filter"));
	html_raw(h, "</button> <a");
	html_attr_url(h, "href", arena_printf(h->arena, "/%s", k->plural));
	html_raw(h, ">");
	html_t(h, N_("Clear"));
	html_raw(h, "</a></div></form>");
}

static void errors_list(struct html *h, const struct kind *k, const struct field_errors *errors)
{
	html_raw(h, "<div class=\"error-summary\" role=\"alert\"><ul>");
	for (size_t i = 0; i < errors->count; i++) {
		html_raw(h, "<li>");
		if (errors->items[i].field[0]) {
			const struct field *f = model_field(k, errors->items[i].field);
			const char *bound = list_date_filter(k, errors->items[i].field);
			if (f)
				html_t(h, f->label);
			else if (bound)
				html_t(h, strcmp(bound, "from") == 0 ? N_("Dated from") : N_("Dated until"));
			else
				html_text(h, errors->items[i].field);
			html_t(h, N_(": "));
		}
		html_message(h, errors->items[i].message, errors->items[i].detail);
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul></div>");
}

/* The table of a page of records: the title first, linked, then the
 * other F_LIST columns. */
static void records_table(struct html *h, struct request *r, const struct kind *k, const struct store_page *page,
			  int with_restore)
{
	/* The column the list is ordered by says so. */
	const struct field *by_date = page->by_date;
	html_raw(h, "<table class=\"records\"><thead><tr><th scope=\"col\"");
	if (!page->by_relevance && !by_date)
		html_raw(h, " aria-sort=\"ascending\"");
	html_raw(h, ">");
	html_t(h, k->label);
	html_raw(h, "</th>");
	for (size_t i = 0; i < k->nfields; i++) {
		if (!(k->fields[i].flags & F_LIST) || (k->fields[i].flags & F_TITLE))
			continue;
		if (&k->fields[i] == by_date)
			html_raw(h, "<th scope=\"col\" aria-sort=\"descending\">");
		else
			html_raw(h, "<th scope=\"col\">");
		html_t(h, k->fields[i].label);
		html_raw(h, "</th>");
	}
	if (with_restore) {
		html_raw(h, "<th scope=\"col\"><span class=\"visually-hidden\">");
		html_t(h, N_("Actions"));
		html_raw(h, "</span></th>");
	}
	html_raw(h, "</tr></thead><tbody>");
	int names = model_field_index(k, "names");
	for (size_t j = 0; j < page->count; j++) {
		const struct record *rec = page->items[j];
		html_raw(h, "<tr><th scope=\"row\">");
		record_link(h, k, rec->id, display_title(r, rec));
		for (size_t a = 0; names >= 0 && a < rec->values[names].count; a++)
			if (rec->values[names].items[a].acronym) {
				html_raw(h, " <span class=\"acronym\">");
				html_text(h, rec->values[names].items[a].text);
				html_raw(h, "</span>");
				break;
			}
		html_raw(h, "</th>");
		for (size_t i = 0; i < k->nfields; i++) {
			const struct field *f = &k->fields[i];
			if (!(f->flags & F_LIST) || (f->flags & F_TITLE))
				continue;
			html_raw(h, "<td>");
			const char *v = record_get(rec, (int)i);
			if (v && f->type == FT_REF)
				record_link(h, model_kind(f->ref), strtoll(v, NULL, 10), display_value(r, f, v));
			else if (v)
				html_text(h, display_value(r, f, v));
			html_raw(h, "</td>");
		}
		if (with_restore) {
			html_raw(h, "<td>");
			post_form_open(h, r, arena_printf(h->arena, "/%s/%lld/restore", k->plural, (long long)rec->id), NULL);
			html_raw(h, "<button type=\"submit\">");
			html_t(h, N_("Restore"));
			html_raw(h, "</button></form></td>");
		}
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table>");
}

void view_list(struct request *r, const struct route_match *m)
{
	const struct kind *k = m->kind;
	struct viewer v = request_viewer(r);
	struct store_query q;
	struct store_page page = {0};
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	int rc = read_query(r, k, &q, &errors) == 0 ? store_list(r->store, &r->arena, &v, k, &q, &page, &errors)
						    : STORE_INVALID;
	if (rc == STORE_ERROR) {
		view_error_page(r, 500, N_("The database could not answer. Try again."));
		return;
	}
	struct html h = page_writer(r);
	page_begin(&h, r, T(&h, k->label_plural));
	html_raw(&h, "<div class=\"page-head\"><h1>");
	html_t(&h, k->label_plural);
	html_raw(&h, "</h1>");
	if (permission_allows(r->viewer.role, k, ACT_CREATE) && r->viewer.role != ROLE_PARTNER) {
		html_raw(&h, "<a class=\"button primary\"");
		html_attr_url(&h, "href", arena_printf(&r->arena, "/%s/new", k->plural));
		html_raw(&h, ">");
		html_t(&h, N_("New"));
		html_raw(&h, "</a>");
	}
	html_raw(&h, "</div>");
	if (params_get(&r->query, "deleted")) {
		html_raw(&h, "<p class=\"notice\" role=\"status\">");
		html_t(&h, N_("Moved to the bin. It can be restored from there."));
		html_raw(&h, "</p>");
	}
	filter_form(&h, r, k);
	if (rc == STORE_INVALID) {
		r->res.status = 400;
		errors_list(&h, k, &errors);
	} else if (page.count == 0) {
		html_raw(&h, "<p class=\"empty\">");
		html_t(&h, N_("Nothing matches."));
		html_raw(&h, "</p>");
	} else {
		records_table(&h, r, k, &page, 0);
	}
	if (k->access == ACCESS_DIRECTORY && rc == STORE_OK && page.count) {
		/* Export what is on screen: the same search and filters. */
		static const struct {
			const char *format, *label;
		} formats[] = {{"csv", "CSV (Excel)"}, {"xlsx", "XLSX"}, {"json", "JSON"}, {"geojson", "GeoJSON"}, {"vcard", "vCard"}};
		html_raw(&h, "<p class=\"exports\">");
		html_t(&h, N_("Export what is listed:"));
		for (size_t i = 0; i < sizeof(formats) / sizeof(*formats); i++) {
			if ((strcmp(formats[i].format, "vcard") == 0 && k != &model_person) ||
			    (strcmp(formats[i].format, "geojson") == 0 && k != &model_organization))
				continue;
			html_raw(&h, " <a");
			html_attr_url(&h, "href", arena_printf(&r->arena, "/%s/export?%sformat=%s", k->plural, query_without_after(r),
							       formats[i].format));
			html_raw(&h, ">");
			html_text(&h, formats[i].label);
			html_raw(&h, "</a>");
		}
		if (permission_allows(r->viewer.role, k, ACT_CREATE) && (k == &model_organization || k == &model_person)) {
			html_raw(&h, " · <a href=\"/imports\">");
			html_t(&h, N_("Import a spreadsheet"));
			html_raw(&h, "</a>");
		}
		html_raw(&h, "</p>");
	}
	if (page.next) {
		html_raw(&h, "<nav class=\"pager\"><a rel=\"next\"");
		html_attr_url(&h, "href", arena_printf(&r->arena, "/%s?%safter=%s", k->plural, query_without_after(r),
						       url_encode(&r->arena, page.next)));
		html_raw(&h, ">");
		html_t(&h, N_("Next page"));
		html_raw(&h, " →</a></nav>");
	}
	page_end(&h, r);
}

void view_bin(struct request *r, const struct route_match *m)
{
	(void)m;
	struct viewer v = request_viewer(r);
	struct html h = page_writer(r);
	page_begin(&h, r, T(&h, N_("Bin")));
	html_raw(&h, "<h1>");
	html_t(&h, N_("Bin"));
	html_raw(&h, "</h1><p>");
	html_t(&h, N_("Deleted records stay here and can be restored."));
	html_raw(&h, "</p>");
	size_t nk;
	const struct kind *const *kinds = model_kinds(&nk);
	for (size_t i = 0; i < nk; i++) {
		struct store_query q = {.deleted = 1, .limit = 100, .after = NULL};
		struct store_page page;
		struct field_errors errors;
		field_errors_init(&errors, &r->arena);
		if (store_list(r->store, &r->arena, &v, kinds[i], &q, &page, &errors) != STORE_OK || page.count == 0)
			continue;
		html_raw(&h, "<h2>");
		html_t(&h, kinds[i]->label_plural);
		html_raw(&h, "</h2>");
		records_table(&h, r, kinds[i], &page, permission_allows(r->viewer.role, kinds[i], ACT_DELETE));
	}
	page_end(&h, r);
}

void view_show(struct request *r, const struct route_match *m)
{
	record_page(r, m, 200, NULL, NULL);
}

void record_page(struct request *r, const struct route_match *m, int status, const char *error_msgid,
		 const char *error_detail)
{
	const struct kind *k = m->kind;
	struct viewer v = request_viewer(r);
	struct record *rec;
	int rc = store_get(r->store, &r->arena, &v, k, m->id, 1, &rec);
	if (rc != STORE_OK) {
		view_error_page(r, rc == STORE_NOT_FOUND ? 404 : 500,
				rc == STORE_NOT_FOUND ? N_("There is no such record, or you may not see it.")
						      : N_("The database could not answer. Try again."));
		return;
	}
	struct html h = page_writer(r);
	const char *title = display_title(r, rec);
	page_begin(&h, r, title);
	if (params_get(&r->query, "saved")) {
		html_raw(&h, "<p class=\"notice\" role=\"status\">");
		html_t(&h, N_("Saved."));
		html_raw(&h, "</p>");
	}
	if (error_msgid) {
		r->res.status = status;
		html_raw(&h, "<p class=\"error\" role=\"alert\" id=\"page-error\">");
		html_message(&h, error_msgid, error_detail);
		html_raw(&h, "</p>");
	}
	duplicates_merge_notice(&h, r, rec);
	html_raw(&h, "<div class=\"page-head\"><h1>");
	html_text(&h, title);
	html_raw(&h, " <span class=\"kind\">");
	html_t(&h, k->label);
	html_raw(&h, "</span></h1>");
	if (rec->deleted_at) {
		html_raw(&h, "</div><div class=\"notice warning\"><p>");
		html_t(&h, N_("This record is in the bin."));
		html_raw(&h, "</p>");
		post_form_open(&h, r, arena_printf(&r->arena, "/%s/%lld/restore", k->plural, (long long)rec->id), NULL);
		html_raw(&h, "<button type=\"submit\">");
		html_t(&h, N_("Restore"));
		html_raw(&h, "</button></form></div>");
	} else {
		html_raw(&h, "<div class=\"record-actions\">");
		enum role role = r->viewer.role;
		if (store_may(r->store, &r->viewer, rec, ACT_UPDATE) && record_editable(rec)) {
			html_raw(&h, "<a class=\"button\"");
			html_attr_url(&h, "href", arena_printf(&r->arena, "/%s/%lld/edit", k->plural, (long long)rec->id));
			html_raw(&h, ">");
			html_t(&h, N_("Edit"));
			html_raw(&h, "</a> ");
		}
		if (permission_allows(role, k, ACT_HISTORY)) {
			html_raw(&h, "<a class=\"button\"");
			html_attr_url(&h, "href", arena_printf(&r->arena, "/%s/%lld/history", k->plural, (long long)rec->id));
			html_raw(&h, ">");
			html_t(&h, N_("History"));
			html_raw(&h, "</a> ");
		}
		if (k == &model_person && permission_allows(role, k, ACT_ERASE)) {
			html_raw(&h, "<a class=\"button\"");
			html_attr_url(&h, "href", arena_printf(&r->arena, "/people/%lld/data", (long long)rec->id));
			html_raw(&h, ">");
			html_t(&h, N_("Everything about this person"));
			html_raw(&h, "</a> <a class=\"button danger\"");
			html_attr_url(&h, "href", arena_printf(&r->arena, "/people/%lld/erase", (long long)rec->id));
			html_raw(&h, ">");
			html_t(&h, N_("Erase"));
			html_raw(&h, "</a> ");
		}
		if (k == &model_account && role == ROLE_ADMIN) {
			post_form_open(&h, r, arena_printf(&r->arena, "/accounts/%lld/password", (long long)rec->id), "inline-form");
			html_raw(&h, "<button type=\"submit\">");
			html_t(&h, N_("Give a one-time password"));
			html_raw(&h, "</button></form> ");
			post_form_open(&h, r, arena_printf(&r->arena, "/accounts/%lld/totp/disable", (long long)rec->id), "inline-form");
			html_raw(&h, "<button type=\"submit\">");
			html_t(&h, N_("Turn their second factor off"));
			html_raw(&h, "</button></form> ");
		}
		activity_actions(&h, r, rec);
		if (store_may(r->store, &r->viewer, rec, ACT_DELETE) && (record_editable(rec) || role == ROLE_ADMIN)) {
			html_raw(&h, "<a class=\"button danger\"");
			html_attr_url(&h, "href", arena_printf(&r->arena, "/%s/%lld/delete", k->plural, (long long)rec->id));
			html_raw(&h, ">");
			html_t(&h, N_("Delete"));
			html_raw(&h, "</a>");
		}
		html_raw(&h, "</div></div>");
	}
	html_raw(&h, "<div class=\"record\"><div class=\"main-col\"><dl class=\"fields\">");
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		/* The title is the heading; a workflow's state has its panel. */
		if (rec->values[i].count == 0 || (f->flags & F_TITLE && k != &model_position) ||
		    (k->workflow && strcmp(f->name, k->workflow->state_field) == 0))
			continue;
		html_raw(&h, "<dt>");
		html_t(&h, f->label);
		html_raw(&h, "</dt><dd>");
		if (f->flags & F_MULTI) {
			html_raw(&h, "<ul class=\"values\">");
			for (size_t j = 0; j < rec->values[i].count; j++) {
				html_raw(&h, "<li>");
				show_value(&h, r, f, &rec->values[i].items[j]);
				html_raw(&h, "</li>");
			}
			html_raw(&h, "</ul>");
		} else {
			show_value(&h, r, f, &rec->values[i].items[0]);
		}
		html_raw(&h, "</dd>");
	}
	html_raw(&h, "</dl>");
	activity_sections(&h, r, rec);
	html_raw(&h, "</div><div class=\"side\">");
	/* What is happening with them first: validation, last contact, what
	 * is pending; then where they are and who they are with. */
	activity_side(&h, r, rec);
	directory_sections(&h, r, rec);
	html_raw(&h, "</div></div><p class=\"meta\">");
	html_t(&h, N_("Created"));
	html_raw(&h, " ");
	html_text(&h, display_time(r, rec->created_at));
	html_raw(&h, " · ");
	html_t(&h, N_("Updated"));
	html_raw(&h, " ");
	html_text(&h, display_time(r, rec->updated_at));
	html_raw(&h, "</p>");
	page_end(&h, r);
}

/* The form of a record, new or stored; with `preview`, the Markdown
 * fields as they will read, above it. */
static void form_page_with(struct request *r, struct record *rec, const struct field_errors *errors, int preview)
{
	const struct kind *k = rec->kind;
	struct html h = page_writer(r);
	const char *title = rec->id ? arena_printf(&r->arena, "%s%s%s", T(&h, N_("Edit")), T(&h, N_(": ")), display_title(r, rec))
				    : arena_printf(&r->arena, "%s%s%s", T(&h, N_("New")), T(&h, N_(": ")), T(&h, k->label));
	page_begin(&h, r, title);
	html_raw(&h, "<h1>");
	html_text(&h, title);
	html_raw(&h, "</h1>");
	for (size_t i = 0; preview && i < k->nfields; i++) {
		if (k->fields[i].type != FT_MARKDOWN || (errors && field_errors_find(errors, k->fields[i].name)))
			continue;
		html_raw(&h, "<section class=\"preview\" aria-labelledby=\"preview-h\"><h2 id=\"preview-h\">");
		html_t(&h, N_("Preview"));
		html_raw(&h, "</h2><div class=\"markdown\">");
		html_markdown(&h, record_get(rec, (int)i));
		html_raw(&h, "</div></section>");
	}
	const char *action = rec->id ? arena_printf(&r->arena, "/%s/%lld", k->plural, (long long)rec->id)
				     : arena_printf(&r->arena, "/%s", k->plural);
	const char *back = params_get(&r->query, "back");
	if (!back || !html_url_is_safe(back) || back[0] != '/')
		back = rec->id ? action : arena_printf(&r->arena, "/%s", k->plural);
	else
		action = arena_printf(&r->arena, "%s?back=%s", action, url_encode(&r->arena, back));
	form_render(&h, r, rec, errors, action, back);
	page_end(&h, r);
}

static void form_page(struct request *r, struct record *rec, const struct field_errors *errors)
{
	form_page_with(r, rec, errors, 0);
}

/* "Preview" was pressed instead of "Save": the Markdown is checked and
 * shown, nothing is written.  1 when handled. */
static int preview(struct request *r, const struct kind *k, int64_t id)
{
	if (!params_get(&r->form, "_preview"))
		return 0;
	struct record *typed = form_read(r, k);
	typed->id = id;
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	for (size_t i = 0; i < k->nfields; i++) {
		const char *text = record_get(typed, (int)i);
		struct markdown_problem p;
		if (k->fields[i].type == FT_MARKDOWN && text && markdown_check(text, strlen(text), &p) != 0)
			field_errors_add(&errors, k->fields[i].name, p.message, arena_strdup(&r->arena, p.detail));
	}
	if (errors.count)
		r->res.status = 422;
	form_page_with(r, typed, &errors, 1);
	return 1;
}

void view_new(struct request *r, const struct route_match *m)
{
	struct record *rec = record_new(&r->arena, m->kind);
	/* Values given in the address prefill the form: /positions/new?person=12. */
	for (size_t i = 0; i < m->kind->nfields; i++) {
		const char *v = params_get(&r->query, m->kind->fields[i].name);
		/* and /interactions/new?organizations=12 names one of a list. */
		if (v && *v && (!(m->kind->fields[i].flags & F_MULTI) || m->kind->fields[i].type == FT_REF))
			record_add(rec, (int)i, v, NULL, 0);
	}
	int vis = model_field_index(m->kind, "visibility");
	if (vis >= 0 && !record_get(rec, vis))
		record_add(rec, vis, "internal", NULL, 0);
	int basis = model_field_index(m->kind, "legal_basis");
	if (basis >= 0 && !record_get(rec, basis))
		record_add(rec, basis, "legitimate_interest", NULL, 0);
	/* The desk's kinds start dated today, in the first time zone, in their
	 * first status. */
	const struct field *dated = m->kind->timeline_date ? model_field(m->kind, m->kind->timeline_date) : NULL;
	if (dated && dated->type == FT_DATE && !record_get_by_name(rec, dated->name)) {
		char today[11];
		clock_today(today);
		record_add(rec, model_field_index(m->kind, dated->name), today, NULL, 0);
	}
	int tz = model_field_index(m->kind, "timezone");
	if (tz >= 0 && !record_get(rec, tz))
		record_add(rec, tz, model_timezones.values[0].code, NULL, 0);
	int status = model_field_index(m->kind, "status");
	if (status >= 0 && !model_field_managed(m->kind, status) && !record_get(rec, status) &&
	    m->kind->fields[status].enumeration)
		record_add(rec, status, m->kind->fields[status].enumeration->values[0].code, NULL, 0);
	form_page(r, rec, NULL);
}

void view_edit(struct request *r, const struct route_match *m)
{
	struct viewer v = request_viewer(r);
	struct record *rec;
	int rc = store_get(r->store, &r->arena, &v, m->kind, m->id, 0, &rec);
	if (rc != STORE_OK) {
		view_error_page(r, rc == STORE_NOT_FOUND ? 404 : 500, N_("There is no such record, or you may not see it."));
		return;
	}
	if (!store_may(r->store, &v, rec, ACT_UPDATE)) {
		view_error_page(r, 403, N_("Your role does not allow this."));
		return;
	}
	form_page(r, rec, NULL);
}

static void after_save(struct request *r, const struct record *rec)
{
	const char *back = params_get(&r->query, "back");
	if (back && back[0] == '/' && back[1] != '/' && html_url_is_safe(back))
		response_redirect(r, back);
	else
		response_redirect(r, arena_printf(&r->arena, "/%s/%lld?saved=1", rec->kind->plural, (long long)rec->id));
}

void view_create(struct request *r, const struct route_match *m)
{
	if (preview(r, m->kind, 0))
		return;
	struct viewer v = request_viewer(r);
	struct record *rec = form_read(r, m->kind);
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	int rc = store_create(r->store, &r->arena, &v, rec, &errors);
	if (rc == STORE_OK) {
		after_save(r, rec);
		return;
	}
	if (rc != STORE_INVALID) {
		view_store_failure(r, rc);
		return;
	}
	r->res.status = 422;
	form_page(r, form_read(r, m->kind), &errors);
}

void view_update(struct request *r, const struct route_match *m)
{
	if (preview(r, m->kind, m->id))
		return;
	struct viewer v = request_viewer(r);
	struct record *rec = form_read(r, m->kind);
	rec->id = m->id;
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	struct record *stored;
	int rc = store_update(r->store, &r->arena, &v, rec, &stored, &errors);
	if (rc == STORE_OK) {
		after_save(r, stored);
		return;
	}
	if (rc != STORE_INVALID && !(rc == STORE_CONFLICT && errors.count)) {
		view_store_failure(r, rc);
		return;
	}
	r->res.status = rc == STORE_CONFLICT ? 409 : 422;
	/* A frozen record's state, as its users name it. */
	for (size_t i = 0; rc == STORE_CONFLICT && m->kind->workflow && i < errors.count; i++)
		if (errors.items[i].detail)
			errors.items[i].detail = i18n_gettext(r->lang, workflow_state_label(m->kind, errors.items[i].detail));
	struct record *typed = form_read(r, m->kind);
	typed->id = m->id;
	form_page(r, typed, &errors);
}

void view_delete_confirm(struct request *r, const struct route_match *m)
{
	struct viewer v = request_viewer(r);
	struct record *rec;
	if (store_get(r->store, &r->arena, &v, m->kind, m->id, 0, &rec) != STORE_OK) {
		view_error_page(r, 404, N_("There is no such record, or you may not see it."));
		return;
	}
	struct html h = page_writer(r);
	const char *title = display_title(r, rec);
	page_begin(&h, r, T(&h, N_("Delete")));
	html_raw(&h, "<h1>");
	html_t(&h, N_("Delete"));
	html_t(&h, N_(": "));
	html_text(&h, title);
	html_raw(&h, "</h1><p>");
	html_t(&h, N_("The record goes to the bin, from where it can be restored."));
	html_raw(&h, "</p>");
	post_form_open(&h, r, arena_printf(&r->arena, "/%s/%lld/delete", m->kind->plural, (long long)m->id), NULL);
	html_raw(&h, "<button type=\"submit\" class=\"danger\">");
	html_t(&h, N_("Move to the bin"));
	html_raw(&h, "</button> <a");
	html_attr_url(&h, "href", arena_printf(&r->arena, "/%s/%lld", m->kind->plural, (long long)m->id));
	html_raw(&h, ">");
	html_t(&h, N_("Cancel"));
	html_raw(&h, "</a></form>");
	page_end(&h, r);
}

void view_delete(struct request *r, const struct route_match *m)
{
	struct viewer v = request_viewer(r);
	int rc = store_delete(r->store, &v, m->kind, m->id);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	response_redirect(r, arena_printf(&r->arena, "/%s?deleted=%lld", m->kind->plural, (long long)m->id));
}

void view_restore(struct request *r, const struct route_match *m)
{
	struct viewer v = request_viewer(r);
	int rc = store_restore(r->store, &v, m->kind, m->id);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	response_redirect(r, arena_printf(&r->arena, "/%s/%lld?saved=1", m->kind->plural, (long long)m->id));
}
