/*
 * view_duplicates.c - likely duplicates and their merge: the list of pairs
 * of a kind, likeliest first (/duplicates?kind=organizations|people); the
 * two records side by side, a choice per field, what will move
 * (/duplicates/merge?kind=&keep=&drop=); the merge itself (POST), undoing
 * it (POST /merges/:id/undo); the pairs as JSON (/api/v1/duplicates).
 * The finding and merging is the store's (store/duplicates.h).
 *
 * The merge form names each field's choice `choose.<field>`: "keep" (the
 * kept record's values), "drop" (the other's), "both" (lists joined).  A
 * field left out takes the default: keep's value, or the other's when
 * keep has none; lists joined.
 */
#include "web/views.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "store/duplicates.h"

#define PAGE_SIZE 50
#define RECENT_MERGES 10

/* The kind named by `kind` (organizations when absent), if it has
 * duplicates; NULL otherwise. */
static const struct kind *kind_param(const char *plural)
{
	const struct kind *k = model_kind_by_plural(plural && *plural ? plural : "organizations");
	return k == &model_organization || k == &model_person ? k : NULL;
}

/* A positive record id, or 0. */
static int64_t id_param(const char *text)
{
	if (!text || !*text || strlen(text) > 18)
		return 0;
	char *end;
	errno = 0;
	long long n = strtoll(text, &end, 10);
	return *end || errno || n <= 0 ? 0 : n;
}

/* Merging bins a record: those who may update and delete records (not
 * partners, who keep their own organisation only).  0, or -1 after
 * answering 403. */
static int may_merge(struct request *r)
{
	enum role role = r->viewer.role;
	if (permission_allows(role, &model_organization, ACT_UPDATE) && permission_allows(role, &model_organization, ACT_DELETE))
		return 0;
	router_error(r, 403, NULL, N_("Your role does not allow this."));
	return -1;
}

static void record_link(struct html *h, const struct kind *k, int64_t id, const char *title)
{
	html_raw(h, "<a");
	html_attr_url(h, "href", arena_printf(h->arena, "/%s/%lld", k->plural, (long long)id));
	html_raw(h, ">");
	html_text(h, title);
	html_raw(h, "</a>");
}

/* What a pair has in common, as people read it: "SIREN 732829320". */
static const char *pair_detail(struct html *h, const struct kind *k, const struct duplicate_pair *p)
{
	if (!p->detail)
		return NULL;
	const struct field *f = p->field ? model_field(k, p->field) : NULL;
	return f ? arena_printf(h->arena, "%s%s%s", T(h, f->label), T(h, N_(": ")), p->detail) : p->detail;
}

static void kind_tabs(struct html *h, const struct kind *current)
{
	static const struct kind *const kinds[] = {&model_organization, &model_person};
	html_raw(h, "<nav class=\"tabs\"");
	html_attr(h, "aria-label", T(h, N_("Kind of record")));
	html_raw(h, "><ul>");
	for (size_t i = 0; i < 2; i++) {
		html_raw(h, "<li><a");
		html_attr_url(h, "href", arena_printf(h->arena, "/duplicates?kind=%s", kinds[i]->plural));
		if (kinds[i] == current)
			html_raw(h, " aria-current=\"page\"");
		html_raw(h, ">");
		html_t(h, kinds[i]->label_plural);
		html_raw(h, "</a></li>");
	}
	html_raw(h, "</ul></nav>");
}

/* The button that undoes merge `id`. */
static void undo_form(struct html *h, struct request *r, int64_t id)
{
	post_form_open(h, r, arena_printf(h->arena, "/merges/%lld/undo", (long long)id), "inline-form");
	html_raw(h, "<button type=\"submit\">");
	html_t(h, N_("Undo the merge"));
	html_raw(h, "</button></form>");
}

static void recent_merges(struct html *h, struct request *r, const struct kind *k)
{
	struct viewer v = request_viewer(r);
	struct merge_info *merges;
	size_t n;
	if (store_recent_merges(r->store, &r->arena, &v, k, RECENT_MERGES, &merges, &n) != STORE_OK || n == 0)
		return;
	html_raw(h, "<section class=\"related\"><h2>");
	html_t(h, N_("Recent merges"));
	html_raw(h, "</h2><ul class=\"merges\">");
	for (size_t i = 0; i < n; i++) {
		const char *kept = store_title(r->store, &r->arena, &v, k, merges[i].keep);
		struct record *gone;
		const char *dropped = store_get(r->store, &r->arena, &v, k, merges[i].drop, 1, &gone) == STORE_OK
			? display_title(r, gone) : NULL;
		html_raw(h, "<li>");
		if (kept)
			record_link(h, k, merges[i].keep, kept);
		html_raw(h, " ← ");
		if (dropped)
			record_link(h, k, merges[i].drop, dropped);
		html_raw(h, " <span class=\"meta\">");
		html_text(h, display_time(r, merges[i].at));
		html_raw(h, " · ");
		html_text(h, merges[i].actor);
		html_raw(h, "</span> ");
		undo_form(h, r, merges[i].id);
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul></section>");
}

void view_duplicates(struct request *r, const struct route_match *m)
{
	(void)m;
	if (may_merge(r) != 0)
		return;
	const struct kind *k = kind_param(params_get(&r->query, "kind"));
	if (!k) {
		view_error_page(r, 404, N_("Page not found."));
		return;
	}
	const char *page_text = params_get(&r->query, "page");
	int64_t page = page_text ? id_param(page_text) : 1;
	if (!page || page > 100000) {
		view_error_page(r, 400, N_("Not a valid page number."));
		return;
	}
	struct viewer v = request_viewer(r);
	struct duplicate_pair *pairs;
	size_t n, total;
	int rc = store_find_duplicates_page(r->store, &r->arena, &v, k, (size_t)(page - 1) * PAGE_SIZE, PAGE_SIZE, &pairs, &n,
					    &total);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	struct html h = page_writer(r);
	page_begin(&h, r, arena_printf(&r->arena, "%s%s%s", T(&h, N_("Duplicates")), T(&h, N_(": ")), T(&h, k->label_plural)));
	html_raw(&h, "<h1>");
	html_t(&h, N_("Duplicates"));
	html_raw(&h, "</h1>");
	kind_tabs(&h, k);
	if (params_get(&r->query, "undone")) {
		html_raw(&h, "<p class=\"notice\" role=\"status\">");
		html_t(&h, N_("The merge was undone."));
		html_raw(&h, "</p>");
	}
	if (total == 0) {
		html_raw(&h, "<p class=\"empty\">");
		html_t(&h, N_("No likely duplicates."));
		html_raw(&h, "</p>");
	} else {
		html_raw(&h, "<p>");
		if (total == 1)
			html_t(&h, N_("One pair of records that are probably the same."));
		else
			html_message(&h, N_("{} pairs of records that are probably the same, the likeliest first."),
				     arena_printf(&r->arena, "%zu", total));
		html_raw(&h, "</p>");
	}
	int territories = model_field(k, "territory") != NULL;
	if (n) {
		html_raw(&h, "<table class=\"records duplicates\"><thead><tr><th scope=\"col\">");
		html_t(&h, N_("Likelihood"));
		html_raw(&h, "</th><th scope=\"col\">");
		html_t(&h, N_("Why"));
		html_raw(&h, "</th><th scope=\"col\">");
		html_t(&h, k->label);
		html_raw(&h, "</th><th scope=\"col\">");
		html_t(&h, N_("Probably the same as"));
		html_raw(&h, "</th>");
		if (territories) {
			html_raw(&h, "<th scope=\"col\">");
			html_t(&h, N_("Territory"));
			html_raw(&h, "</th>");
		}
		html_raw(&h, "<th scope=\"col\"><span class=\"visually-hidden\">");
		html_t(&h, N_("Actions"));
		html_raw(&h, "</span></th></tr></thead><tbody>");
		const struct field *territory = model_field(k, "territory");
		for (size_t i = 0; i < n; i++) {
			const struct duplicate_pair *p = &pairs[i];
			html_raw(&h, "<tr><td class=\"score\">");
			html_int(&h, p->score);
			html_raw(&h, "</td><td>");
			html_t(&h, p->reason_msgid);
			const char *detail = pair_detail(&h, k, p);
			if (detail) {
				html_raw(&h, " <span class=\"subtitle\">");
				html_text(&h, detail);
				html_raw(&h, "</span>");
			}
			html_raw(&h, "</td><th scope=\"row\">");
			record_link(&h, k, p->a, p->title_a);
			html_raw(&h, "</th><td>");
			record_link(&h, k, p->b, p->title_b);
			html_raw(&h, "</td>");
			if (territories) {
				html_raw(&h, "<td>");
				if (p->territory)
					html_text(&h, display_value(r, territory, p->territory));
				html_raw(&h, "</td>");
			}
			html_raw(&h, "<td><a class=\"button small\"");
			html_attr_url(&h, "href", arena_printf(&r->arena, "/duplicates/merge?kind=%s&keep=%lld&drop=%lld", k->plural,
							       (long long)p->a, (long long)p->b));
			html_raw(&h, ">");
			html_t(&h, N_("Compare and merge"));
			html_raw(&h, "</a></td></tr>");
		}
		html_raw(&h, "</tbody></table>");
	}
	size_t shown_to = (size_t)(page - 1) * PAGE_SIZE + n;
	if (page > 1 || shown_to < total) {
		html_raw(&h, "<nav class=\"pager\">");
		if (page > 1) {
			html_raw(&h, "<a rel=\"prev\"");
			html_attr_url(&h, "href", arena_printf(&r->arena, "/duplicates?kind=%s&page=%lld", k->plural, (long long)page - 1));
			html_raw(&h, ">← ");
			html_t(&h, N_("Previous page"));
			html_raw(&h, "</a> ");
		}
		if (shown_to < total) {
			html_raw(&h, "<a rel=\"next\"");
			html_attr_url(&h, "href", arena_printf(&r->arena, "/duplicates?kind=%s&page=%lld", k->plural, (long long)page + 1));
			html_raw(&h, ">");
			html_t(&h, N_("Next page"));
			html_raw(&h, " →</a>");
		}
		html_raw(&h, "</nav>");
	}
	recent_merges(&h, r, k);
	page_end(&h, r);
}

/* ------------------------------------------------------------- the form */

enum pick { PICK_KEEP, PICK_DROP, PICK_BOTH };

static int same_value(const struct value *x, const struct value *y)
{
	return strcmp(x->text, y->text) == 0 && ((!x->lang && !y->lang) || (x->lang && y->lang && strcmp(x->lang, y->lang) == 0));
}

static int same_values(const struct field_values *x, const struct field_values *y)
{
	if (x->count != y->count)
		return 0;
	for (size_t i = 0; i < x->count; i++)
		if (!same_value(&x->items[i], &y->items[i]))
			return 0;
	return 1;
}

/* keep's value, or drop's when keep has none; lists joined. */
static enum pick default_pick(const struct field *f, const struct field_values *kv, const struct field_values *dv)
{
	if ((f->flags & F_MULTI) && kv->count && dv->count)
		return PICK_BOTH;
	return kv->count || !dv->count ? PICK_KEEP : PICK_DROP;
}

static enum pick chosen_pick(struct request *r, const struct field *f, const struct field_values *kv,
			     const struct field_values *dv)
{
	const char *c = params_get(&r->form, arena_printf(&r->arena, "choose.%s", f->name));
	if (c && strcmp(c, "keep") == 0)
		return PICK_KEEP;
	if (c && strcmp(c, "drop") == 0)
		return PICK_DROP;
	if (c && strcmp(c, "both") == 0 && (f->flags & F_MULTI))
		return PICK_BOTH;
	return default_pick(f, kv, dv);
}

/* The values keep takes, from the choices posted. */
static struct record *chosen_values(struct request *r, const struct record *keep, const struct record *drop)
{
	const struct kind *k = keep->kind;
	struct record *chosen = record_new(&r->arena, k);
	chosen->id = keep->id;
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field_values *kv = &keep->values[i], *dv = &drop->values[i];
		enum pick pick = chosen_pick(r, &k->fields[i], kv, dv);
		if (pick == PICK_KEEP || same_values(kv, dv))
			continue;
		record_clear(chosen, (int)i);
		if (pick == PICK_BOTH)
			for (size_t j = 0; j < kv->count; j++)
				record_add(chosen, (int)i, kv->items[j].text, kv->items[j].lang, kv->items[j].acronym);
		for (size_t j = 0; j < dv->count; j++) {
			int seen = 0;
			for (size_t x = 0; x < chosen->values[i].count && !seen; x++)
				seen = same_value(&chosen->values[i].items[x], &dv->items[j]);
			if (!seen)
				record_add(chosen, (int)i, dv->items[j].text, dv->items[j].lang, dv->items[j].acronym);
		}
	}
	return chosen;
}

/* A field's values as the record page reads them: "a · b", or "—". */
static const char *values_text(struct request *r, const struct field *f, const struct field_values *fv)
{
	if (!fv->count)
		return "—";
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < fv->count; i++) {
		const struct value *v = &fv->items[i];
		buf_printf(&b, "%s%s", i ? " · " : "", display_value(r, f, v->text));
		if (v->lang)
			buf_printf(&b, " (%s)", v->lang);
	}
	const char *out = arena_strdup(&r->arena, buf_str(&b));
	buf_release(&b);
	return out;
}

static void radio(struct html *h, const struct field *f, const char *which, int checked, const char *text)
{
	const char *id = arena_printf(h->arena, "c-%s-%s", f->name, which);
	html_raw(h, "<input type=\"radio\"");
	html_attr(h, "id", id);
	html_attr(h, "name", arena_printf(h->arena, "choose.%s", f->name));
	html_attr(h, "value", which);
	if (checked)
		html_raw(h, " checked");
	html_raw(h, "> <label");
	html_attr(h, "for", id);
	html_raw(h, ">");
	html_text(h, text);
	html_raw(h, "</label>");
}

static void errors_summary(struct html *h, const struct kind *k, const struct field_errors *errors)
{
	html_raw(h, "<div class=\"error-summary\" role=\"alert\"><ul>");
	for (size_t i = 0; i < errors->count; i++) {
		html_raw(h, "<li>");
		const struct field *f = errors->items[i].field[0] ? model_field(k, errors->items[i].field) : NULL;
		if (f) {
			html_t(h, f->label);
			html_t(h, N_(": "));
		} else if (errors->items[i].field[0]) {
			html_text(h, errors->items[i].field);
			html_t(h, N_(": "));
		}
		html_message(h, errors->items[i].message, errors->items[i].detail);
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul></div>");
}

/* What will move to keep. */
static void preview_section(struct html *h, struct request *r, const struct kind *k, const struct record *keep,
			    const struct record *drop)
{
	struct viewer v = request_viewer(r);
	struct merge_preview preview;
	if (store_merge_preview(r->store, &r->arena, &v, k, keep->id, drop->id, &preview) != STORE_OK)
		return;
	html_raw(h, "<section class=\"merge-preview\"><h2>");
	html_t(h, N_("What moves to the record kept"));
	html_raw(h, "</h2>");
	if (preview.count == 0) {
		html_raw(h, "<p class=\"empty\">");
		html_t(h, N_("Nothing points to the other record."));
		html_raw(h, "</p>");
	} else {
		html_raw(h, "<ul>");
		for (size_t i = 0; i < preview.count; i++) {
			const struct merge_move *mv = &preview.moves[i];
			html_raw(h, "<li>");
			html_t(h, mv->kind->label_plural);
			html_t(h, N_(": "));
			html_message(h, N_("{} moved"), arena_printf(&r->arena, "%zu", mv->moved));
			if (mv->removed) {
				html_raw(h, ", ");
				html_message(h, N_("{} between the two records go to the bin"), arena_printf(&r->arena, "%zu", mv->removed));
			}
			html_raw(h, "</li>");
		}
		html_raw(h, "</ul>");
	}
	if (preview.hidden) {
		html_raw(h, "<p class=\"notice warning\">");
		html_message(h, N_("{} records that point to the other record are hidden from you or not yours to change:"
				   " an administrator can merge these two."), arena_printf(&r->arena, "%zu", preview.hidden));
		html_raw(h, "</p>");
	}
	html_raw(h, "</section>");
}

static void merge_page(struct request *r, const struct kind *k, const struct record *keep, const struct record *drop,
		       const struct field_errors *errors)
{
	struct html h = page_writer(r);
	const char *kept = display_title(r, keep), *dropped = display_title(r, drop);
	page_begin(&h, r, T(&h, N_("Compare and merge")));
	html_raw(&h, "<h1>");
	html_t(&h, N_("Compare and merge"));
	html_raw(&h, "</h1><p>");
	html_message(&h, N_("\"{}\" is kept, with the values chosen below; the other record goes to the bin, and everything"
			    " that pointed to it points to the one kept. The merge can be undone."), kept);
	html_raw(&h, " <a");
	html_attr_url(&h, "href", arena_printf(&r->arena, "/duplicates/merge?kind=%s&keep=%lld&drop=%lld", k->plural,
					       (long long)drop->id, (long long)keep->id));
	html_raw(&h, ">");
	html_t(&h, N_("Keep the other one instead"));
	html_raw(&h, "</a></p>");
	if (errors && errors->count)
		errors_summary(&h, k, errors);
	preview_section(&h, r, k, keep, drop);
	post_form_open(&h, r, "/duplicates/merge", "merge-form");
	html_raw(&h, "<input type=\"hidden\" name=\"kind\"");
	html_attr(&h, "value", k->plural);
	html_raw(&h, "><input type=\"hidden\" name=\"keep\"");
	html_attr(&h, "value", arena_printf(&r->arena, "%lld", (long long)keep->id));
	html_raw(&h, "><input type=\"hidden\" name=\"drop\"");
	html_attr(&h, "value", arena_printf(&r->arena, "%lld", (long long)drop->id));
	html_raw(&h, "><table class=\"changes merge\"><caption>");
	html_t(&h, N_("Choose, field by field, the value to keep."));
	html_raw(&h, "</caption><thead><tr><th scope=\"col\">");
	html_t(&h, N_("Field"));
	html_raw(&h, "</th><th scope=\"col\">");
	record_link(&h, k, keep->id, kept);
	html_raw(&h, " <span class=\"badge\">");
	html_t(&h, N_("kept"));
	html_raw(&h, "</span></th><th scope=\"col\">");
	record_link(&h, k, drop->id, dropped);
	html_raw(&h, " <span class=\"badge\">");
	html_t(&h, N_("to the bin"));
	html_raw(&h, "</span></th><th scope=\"col\">");
	html_t(&h, N_("Both lists"));
	html_raw(&h, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		const struct field_values *kv = &keep->values[i], *dv = &drop->values[i];
		if (!kv->count && !dv->count)
			continue;
		html_raw(&h, "<tr><th scope=\"row\">");
		html_t(&h, f->label);
		html_raw(&h, "</th>");
		const char *kt = values_text(r, f, kv), *dt = values_text(r, f, dv);
		if (same_values(kv, dv)) {
			html_raw(&h, "<td>");
			html_text(&h, kt);
			html_raw(&h, "</td><td>");
			html_text(&h, dt);
			html_raw(&h, "</td><td></td></tr>");
			continue;
		}
		enum pick pick = chosen_pick(r, f, kv, dv);
		html_raw(&h, "<td>");
		radio(&h, f, "keep", pick == PICK_KEEP, kt);
		html_raw(&h, "</td><td>");
		radio(&h, f, "drop", pick == PICK_DROP, dt);
		html_raw(&h, "</td><td>");
		if ((f->flags & F_MULTI) && kv->count && dv->count)
			radio(&h, f, "both", pick == PICK_BOTH, T(&h, N_("both")));
		html_raw(&h, "</td></tr>");
	}
	html_raw(&h, "</tbody></table><div class=\"actions\"><button type=\"submit\" class=\"primary\">");
	html_t(&h, N_("Merge"));
	html_raw(&h, "</button> <a");
	html_attr_url(&h, "href", arena_printf(&r->arena, "/duplicates?kind=%s", k->plural));
	html_raw(&h, ">");
	html_t(&h, N_("Cancel"));
	html_raw(&h, "</a></div></form>");
	page_end(&h, r);
}

/* The kind and both records a merge request names; 0, or -1 after
 * answering. */
static int merge_request(struct request *r, const struct params *p, const struct kind **k, struct record **keep,
			 struct record **drop)
{
	*k = kind_param(params_get(p, "kind"));
	int64_t keep_id = id_param(params_get(p, "keep")), drop_id = id_param(params_get(p, "drop"));
	if (!*k || !keep_id || !drop_id) {
		view_error_page(r, 400, N_("Say which two records to merge."));
		return -1;
	}
	if (keep_id == drop_id) {
		view_error_page(r, 400, N_("A record cannot be merged with itself."));
		return -1;
	}
	struct viewer v = request_viewer(r);
	int rc = store_get(r->store, &r->arena, &v, *k, keep_id, 0, keep);
	if (rc == STORE_OK)
		rc = store_get(r->store, &r->arena, &v, *k, drop_id, 0, drop);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return -1;
	}
	return 0;
}

void view_merge_form(struct request *r, const struct route_match *m)
{
	(void)m;
	if (may_merge(r) != 0)
		return;
	const struct kind *k;
	struct record *keep, *drop;
	if (merge_request(r, &r->query, &k, &keep, &drop) != 0)
		return;
	merge_page(r, k, keep, drop, NULL);
}

void view_merge_post(struct request *r, const struct route_match *m)
{
	(void)m;
	if (may_merge(r) != 0)
		return;
	const struct kind *k;
	struct record *keep, *drop;
	if (merge_request(r, &r->form, &k, &keep, &drop) != 0)
		return;
	struct viewer v = request_viewer(r);
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	int64_t merge_id = 0;
	int rc = store_merge(r->store, &r->arena, &v, k, keep->id, drop->id, chosen_values(r, keep, drop), &errors, &merge_id);
	if (rc == STORE_OK) {
		response_redirect(r, arena_printf(&r->arena, "/%s/%lld?merged=%lld", k->plural, (long long)keep->id,
						  (long long)merge_id));
		return;
	}
	if ((rc == STORE_INVALID || rc == STORE_FORBIDDEN) && errors.count) {
		r->res.status = rc == STORE_INVALID ? 422 : 403;
		merge_page(r, k, keep, drop, &errors);
		return;
	}
	view_store_failure(r, rc);
}

void view_merge_undo(struct request *r, const struct route_match *m)
{
	if (may_merge(r) != 0)
		return;
	struct viewer v = request_viewer(r);
	struct merge_info info;
	int rc = store_merge_info(r->store, &r->arena, &v, m->id, &info);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	struct field_errors conflicts;
	field_errors_init(&conflicts, &r->arena);
	rc = store_merge_undo(r->store, &r->arena, &v, m->id, &conflicts);
	if (rc == STORE_OK) {
		response_redirect(r, arena_printf(&r->arena, "/duplicates?kind=%s&undone=%lld", info.kind->plural, (long long)m->id));
		return;
	}
	if (rc != STORE_CONFLICT && rc != STORE_INVALID) {
		view_store_failure(r, rc);
		return;
	}
	struct html h = page_writer(r);
	r->res.status = 409;
	page_begin(&h, r, T(&h, N_("The merge cannot be undone")));
	html_raw(&h, "<h1>");
	html_t(&h, N_("The merge cannot be undone"));
	html_raw(&h, "</h1><p>");
	html_t(&h, N_("Undoing it now would lose what was done since. Nothing was changed."));
	html_raw(&h, "</p>");
	errors_summary(&h, info.kind, &conflicts);
	html_raw(&h, "<p><a");
	html_attr_url(&h, "href", arena_printf(&r->arena, "/%s/%lld", info.kind->plural, (long long)info.keep));
	html_raw(&h, ">");
	html_t(&h, N_("Back to the record kept"));
	html_raw(&h, "</a></p>");
	page_end(&h, r);
}

/* The notice on the kept record's page after a merge (?merged=ID), with
 * its "Undo the merge" button.  For view_show (view_record.c). */
void duplicates_merge_notice(struct html *h, struct request *r, const struct record *rec)
{
	int64_t id = id_param(params_get(&r->query, "merged"));
	struct viewer v = request_viewer(r);
	struct merge_info info;
	if (!id || store_merge_info(r->store, &r->arena, &v, id, &info) != STORE_OK || info.kind != rec->kind ||
	    info.keep != rec->id || info.undone)
		return;
	html_raw(h, "<div class=\"notice\" role=\"status\"><p>");
	html_t(h, N_("Merged: the other record is in the bin, and what pointed to it points here."));
	html_raw(h, "</p>");
	undo_form(h, r, id);
	html_raw(h, "</div>");
}

/* ------------------------------------------------------------------ API */

void api_duplicates(struct request *r, const struct route_match *m)
{
	(void)m;
	if (may_merge(r) != 0)
		return;
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	const char *kind = params_get(&r->query, "kind");
	const struct kind *k = kind_param(kind);
	if (!k)
		field_errors_add(&errors, "kind", N_("Unknown value: {}."), kind);
	const char *limit_text = params_get(&r->query, "limit"), *offset_text = params_get(&r->query, "offset");
	int64_t limit = limit_text ? id_param(limit_text) : 50;
	if (!limit || limit > STORE_MAX_LIMIT)
		field_errors_add(&errors, "limit", N_("Out of range ({})."), arena_printf(&r->arena, "1..%d", STORE_MAX_LIMIT));
	int64_t offset = 0;
	if (offset_text && strcmp(offset_text, "0") != 0 && !(offset = id_param(offset_text)))
		field_errors_add(&errors, "offset", N_("Out of range ({})."), "0..");
	if (errors.count) {
		router_problem(r, 422, N_("Some values are not valid."), &errors);
		return;
	}
	struct viewer v = request_viewer(r);
	struct duplicate_pair *pairs;
	size_t n, total;
	int rc = store_find_duplicates_page(r->store, &r->arena, &v, k, (size_t)offset, (size_t)limit, &pairs, &n, &total);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct duplicate_pair *p = &pairs[i];
		json_t *o = json_pack("{s:i, s:s, s:s, s:{s:I, s:s}, s:{s:I, s:s}}", "score", p->score, "reason", p->reason_code,
				      "reason_label", i18n_gettext(r->lang, p->reason_msgid), "a", "id", (json_int_t)p->a, "title",
				      p->title_a, "b", "id", (json_int_t)p->b, "title", p->title_b);
		if (p->field)
			json_object_set_new(o, "field", json_string(p->field));
		if (p->detail)
			json_object_set_new(o, "detail", json_string(p->detail));
		if (p->territory)
			json_object_set_new(o, "territory", json_string(p->territory));
		json_array_append_new(items, o);
	}
	json_t *out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total);
	if ((size_t)offset + n < total)
		json_object_set_new(out, "next_offset", json_integer((json_int_t)((size_t)offset + n)));
	api_send_json(r, 200, out);
}
