/*
 * view_import.c - the import pages: upload a spreadsheet, confirm how it
 * is read, say what each column holds, check it (a dry run in the
 * background, with its progress), decide what to do with the duplicates,
 * import, and undo.  One page per batch shows the steps in order.
 */
#include "web/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "domain/import.h"
#include "io/encoding.h"

static const struct kind *importable(const char *plural)
{
	const struct kind *k = plural ? model_kind_by_plural(plural) : NULL;
	return k == &model_organization || k == &model_person ? k : NULL;
}

static const char *state_label(const char *state)
{
	if (!state)
		return "";
	if (strcmp(state, "uploaded") == 0)
		return N_("to check");
	if (strcmp(state, "checked") == 0)
		return N_("checked, ready to import");
	if (strcmp(state, "committed") == 0)
		return N_("imported");
	if (strcmp(state, "undone") == 0)
		return N_("undone");
	return N_("failed");
}

/* The batch's mapping, or NULL after answering 500. */
static struct import_mapping *mapping_of(struct request *r, const struct import_batch *b)
{
	char err[200];
	struct import_mapping *mp = b->mapping ? import_mapping_parse(&r->arena, b->mapping, err, sizeof(err)) : NULL;
	if (!mp)
		view_error_page(r, 500, N_("This import has no valid mapping."));
	return mp;
}

/* Back to the batch's page, where its steps are. */
static void back_to_batch(struct request *r, int64_t id)
{
	response_redirect(r, arena_printf(&r->arena, "/imports/%lld", (long long)id));
}

/* May the viewer see this batch?  Its file may hold personal data: the
 * account that made it, and administrators. */
static int own_batch(const struct request *r, const struct import_batch *b)
{
	return r->viewer.role == ROLE_ADMIN || r->viewer.role == ROLE_SYSTEM || b->account_id == r->viewer.account_id;
}

void view_imports(struct request *r, const struct route_match *m)
{
	(void)m;
	struct import_batch *batches;
	size_t n = 0;
	import_batch_list(r->store, &r->arena, 50, &batches, &n);
	struct html h = page_writer(r);
	page_begin(&h, r, T(&h, N_("Imports")));
	html_raw(&h, "<h1>");
	html_t(&h, N_("Import a spreadsheet"));
	html_raw(&h, "</h1><p>");
	html_t(&h, N_("CSV (from Excel or LibreOffice, in any encoding, with , ; or tab) or XLSX. Nothing is written before you have checked the file and chosen what to do with the duplicates."));
	html_raw(&h, "</p><form method=\"post\" action=\"/imports\" enctype=\"multipart/form-data\" class=\"record-form\" novalidate>"
		     "<input type=\"hidden\" name=\"csrf\"");
	html_attr(&h, "value", r->csrf);
	html_raw(&h, "><div class=\"field\"><label for=\"import-file\">");
	html_t(&h, N_("File"));
	html_raw(&h, "</label><input id=\"import-file\" name=\"file\" type=\"file\" accept=\".csv,.txt,.xlsx,text/csv\" required></div>"
		     "<div class=\"field\"><label for=\"import-kind\">");
	html_t(&h, N_("What it lists"));
	html_raw(&h, "</label><select id=\"import-kind\" name=\"kind\"><option value=\"organizations\">");
	html_t(&h, N_("Organisations"));
	html_raw(&h, "</option><option value=\"people\">");
	html_t(&h, N_("People"));
	html_raw(&h, "</option></select></div><div class=\"actions\"><button type=\"submit\" class=\"primary\">");
	html_t(&h, N_("Read the file"));
	html_raw(&h, "</button></div></form>");
	if (n) {
		html_raw(&h, "<h2>");
		html_t(&h, N_("Earlier imports"));
		html_raw(&h, "</h2><table class=\"records\"><thead><tr><th scope=\"col\">");
		html_t(&h, N_("File"));
		html_raw(&h, "</th><th scope=\"col\">");
		html_t(&h, N_("State"));
		html_raw(&h, "</th><th scope=\"col\">");
		html_t(&h, N_("Rows"));
		html_raw(&h, "</th><th scope=\"col\">");
		html_t(&h, N_("Created"));
		html_raw(&h, "</th></tr></thead><tbody>");
		for (size_t i = 0; i < n; i++) {
			if (!own_batch(r, &batches[i]))
				continue;
			html_raw(&h, "<tr><th scope=\"row\"><a");
			html_attr_url(&h, "href", arena_printf(&r->arena, "/imports/%lld", (long long)batches[i].id));
			html_raw(&h, ">");
			html_text(&h, batches[i].file_name);
			html_raw(&h, "</a></th><td>");
			html_t(&h, state_label(batches[i].state));
			html_raw(&h, "</td><td>");
			html_int(&h, batches[i].rows_total);
			html_raw(&h, "</td><td>");
			html_text(&h, display_time(r, batches[i].created_at));
			html_raw(&h, "</td></tr>");
		}
		html_raw(&h, "</tbody></table>");
	}
	page_end(&h, r);
}

void view_import_upload(struct request *r, const struct route_match *m)
{
	(void)m;
	const struct kind *k = importable(params_get(&r->form, "kind"));
	if (!r->upload.present || !k) {
		router_error(r, 400, "file", N_("Choose a file, and what it lists."));
		return;
	}
	if (r->upload.data.len == 0) {
		router_error(r, 422, "file", N_("The file is empty."));
		return;
	}
	const char *format, *encoding;
	char separator;
	import_detect(r->upload.data.data, r->upload.data.len, &format, &encoding, &separator);
	char sep[2] = {separator, 0};
	char err[300];
	struct import_table *t = import_table_open(r->upload.data.data, r->upload.data.len, format, encoding, separator, 0,
						   err, sizeof(err));
	if (!t) {
		/* Say why: the reader's message names the byte, line or cell. */
		r->res.status = 422;
		buf_reset(&r->res.body);
		struct html h = page_writer(r);
		page_begin(&h, r, T(&h, N_("Import a spreadsheet")));
		html_raw(&h, "<h1>");
		html_t(&h, N_("This file cannot be read as a spreadsheet (CSV or XLSX)."));
		html_raw(&h, "</h1><p class=\"error-text\" role=\"alert\">");
		html_message(&h, N_("This file cannot be read: {}."), err);
		html_raw(&h, "</p><p><a href=\"/imports\">");
		html_t(&h, N_("Import a spreadsheet"));
		html_raw(&h, "</a></p>");
		page_end(&h, r);
		return;
	}
	const char *const *cells;
	size_t count = 0;
	int got = import_table_next(t, &cells, &count);
	struct import_mapping *mapping = got == 1 ? import_suggest(&r->arena, k, cells, count) : NULL;
	import_table_close(t);
	if (!mapping) {
		view_error_page(r, 422, N_("The file holds no heading row."));
		return;
	}
	int64_t id;
	const char *name = r->upload.filename && *r->upload.filename ? r->upload.filename : "import";
	if (import_batch_create(r->store, &r->viewer, k->plural, name, r->upload.data.data, r->upload.data.len, format,
				encoding, separator ? sep : NULL, &id) != STORE_OK) {
		view_error_page(r, 500, N_("The database could not answer. Try again."));
		return;
	}
	struct import_batch b;
	if (import_batch_get(r->store, &r->arena, id, &b) == STORE_OK) {
		b.mapping = import_mapping_json(&r->arena, mapping);
		import_batch_save(r->store, &b);
	}
	back_to_batch(r, id);
}

/* The batch of the route, or NULL after answering 404. */
static int load(struct request *r, int64_t id, struct import_batch *b)
{
	if (import_batch_get(r->store, &r->arena, id, b) != STORE_OK || !own_batch(r, b)) {
		router_error(r, 404, NULL, N_("Page not found."));
		return -1;
	}
	return 0;
}

static void step(struct html *h, int n, const char *msgid)
{
	html_raw(h, "<section class=\"import-step\"><h2>");
	html_int(h, n);
	html_raw(h, ". ");
	html_t(h, msgid);
	html_raw(h, "</h2>");
}

static void settings_form(struct html *h, struct request *r, const struct import_batch *b)
{
	post_form_open(h, r, arena_printf(h->arena, "/imports/%lld/settings", (long long)b->id), "filters");
	if (strcmp(b->format, "csv") == 0) {
		static const char *encodings[] = {"UTF-8", "UTF-8 (BOM)", "Windows-1252", "ISO-8859-1"};
		html_raw(h, "<div class=\"field\"><label for=\"imp-enc\">");
		html_t(h, N_("Encoding"));
		html_raw(h, "</label><select id=\"imp-enc\" name=\"encoding\">");
		for (size_t i = 0; i < 4; i++) {
			html_raw(h, "<option");
			html_attr(h, "value", encodings[i]);
			if (b->encoding && strcmp(b->encoding, encodings[i]) == 0)
				html_raw(h, " selected");
			html_raw(h, ">");
			html_text(h, encodings[i]);
			html_raw(h, "</option>");
		}
		html_raw(h, "</select></div><div class=\"field\"><label for=\"imp-sep\">");
		html_t(h, N_("Separator"));
		html_raw(h, "</label><select id=\"imp-sep\" name=\"separator\">");
		static const char *seps[] = {";", ",", "tab"};
		for (size_t i = 0; i < 3; i++) {
			const char *cur = b->separator && b->separator[0] == '\t' ? "tab" : b->separator;
			html_raw(h, "<option");
			html_attr(h, "value", seps[i]);
			if (cur && strcmp(cur, seps[i]) == 0)
				html_raw(h, " selected");
			html_raw(h, ">");
			html_text(h, seps[i]);
			html_raw(h, "</option>");
		}
		html_raw(h, "</select></div>");
	} else {
		html_raw(h, "<div class=\"field\"><label for=\"imp-sheet\">");
		html_t(h, N_("Sheet"));
		html_raw(h, "</label><input id=\"imp-sheet\" name=\"sheet\" type=\"number\" min=\"1\"");
		html_attr(h, "value", arena_printf(h->arena, "%d", b->sheet + 1));
		html_raw(h, "></div>");
	}
	html_raw(h, "<div class=\"actions\"><button type=\"submit\">");
	html_t(h, N_("Read again"));
	html_raw(h, "</button></div></form>");
}

/* The preview of the first rows and, above each column, what it holds. */
static void mapping_form(struct html *h, struct request *r, const struct import_batch *b, const struct import_mapping *mp)
{
	const void *data;
	size_t size;
	if (import_batch_file(r->store, &r->arena, b->id, &data, &size) != STORE_OK)
		return;
	char err[300];
	struct import_table *t = import_table_open(data, size, b->format, b->encoding, b->separator ? b->separator[0] : ';', b->sheet,
						   err, sizeof(err));
	if (!t) {
		html_raw(h, "<p class=\"error-text\" role=\"alert\">");
		html_message(h, N_("This file cannot be read: {}."), err);
		html_raw(h, "</p>");
		return;
	}
	const struct kind *k = mp->kind;
	post_form_open(h, r, arena_printf(h->arena, "/imports/%lld/mapping", (long long)b->id), NULL);
	html_raw(h, "<div class=\"table-scroll\"><table class=\"records preview\"><thead><tr>");
	const char *const *cells;
	size_t count = 0;
	int rows = 0;
	while (rows < 7 && import_table_next(t, &cells, &count) == 1) {
		if (rows == 0) {
			for (size_t c = 0; c < count; c++) {
				const struct import_column *col = c < mp->ncolumns ? &mp->columns[c] : NULL;
				const char *id = arena_printf(h->arena, "col-%zu", c);
				html_raw(h, "<th scope=\"col\"><label");
				html_attr(h, "for", id);
				html_raw(h, ">");
				html_text(h, cells[c]);
				html_raw(h, "</label><select");
				html_attr(h, "id", id);
				html_attr(h, "name", arena_printf(h->arena, "col.%zu", c));
				html_raw(h, "><option value=\"\">");
				html_t(h, N_("(ignore)"));
				html_raw(h, "</option>");
				for (size_t f = 0; f < k->nfields; f++) {
					if (k->fields[f].type == FT_REF)
						continue;
					html_raw(h, "<option");
					html_attr(h, "value", k->fields[f].name);
					if (col && col->field == (int)f && col->split_field < 0)
						html_raw(h, " selected");
					html_raw(h, ">");
					html_t(h, k->fields[f].label);
					html_raw(h, "</option>");
				}
				if (k == &model_person) {
					html_raw(h, "<option value=\"family_name+given_name\"");
					if (col && col->split_field >= 0)
						html_raw(h, " selected");
					html_raw(h, ">");
					html_t(h, N_("Family name and given name"));
					html_raw(h, "</option>");
				}
				html_raw(h, "</select>");
				if (col && col->field >= 0 && (k->fields[col->field].flags & F_LANG)) {
					html_raw(h, "<select");
					html_attr(h, "name", arena_printf(h->arena, "lang.%zu", c));
					html_attr(h, "aria-label", T(h, N_("Language")));
					html_raw(h, ">");
					for (size_t l = 0; l < model_value_languages.count; l++) {
						html_raw(h, "<option");
						html_attr(h, "value", model_value_languages.values[l].code);
						if (col->lang && strcmp(col->lang, model_value_languages.values[l].code) == 0)
							html_raw(h, " selected");
						html_raw(h, ">");
						html_t(h, model_value_languages.values[l].label);
						html_raw(h, "</option>");
					}
					html_raw(h, "</select>");
				}
				if (col && col->field >= 0 && (k->fields[col->field].flags & F_ACRONYM)) {
					html_raw(h, "<label class=\"check\"><input type=\"checkbox\" value=\"true\"");
					html_attr(h, "name", arena_printf(h->arena, "acronym.%zu", c));
					if (col->acronym)
						html_raw(h, " checked");
					html_raw(h, "> ");
					html_t(h, N_("Acronym"));
					html_raw(h, "</label>");
				}
				html_raw(h, "</th>");
			}
			html_raw(h, "</tr></thead><tbody>");
		} else {
			html_raw(h, "<tr>");
			for (size_t c = 0; c < count; c++) {
				html_raw(h, "<td>");
				html_text(h, cells[c]);
				html_raw(h, "</td>");
			}
			html_raw(h, "</tr>");
		}
		rows++;
	}
	import_table_close(t);
	html_raw(h, "</tbody></table></div><div class=\"field\"><label for=\"imp-values\">");
	html_t(h, N_("Values that mean a code"));
	html_raw(h, "</label><p class=\"help\" id=\"imp-values-help\">");
	html_t(h, N_("One per line: field: value in the file = code. For example \"kind: Asso = association\" or \"territory: Saint-Martin = MF\"."));
	html_raw(h, "</p><textarea id=\"imp-values\" name=\"values\" rows=\"3\" aria-describedby=\"imp-values-help\">");
	struct buf lines = BUF_INIT;
	for (size_t i = 0; i < mp->nvalues; i++)
		buf_printf(&lines, "%s: %s = %s\n", k->fields[mp->values[i].field].name, mp->values[i].from, mp->values[i].to);
	html_text(h, buf_str(&lines));
	buf_release(&lines);
	html_raw(h, "</textarea></div><div class=\"field\"><label for=\"imp-save\">");
	html_t(h, N_("Save this mapping as (to use it again)"));
	html_raw(h, "</label><input id=\"imp-save\" name=\"save_as\" type=\"text\" maxlength=\"80\"></div><div class=\"actions\"><button type=\"submit\">");
	html_t(h, N_("Save the columns"));
	html_raw(h, "</button></div></form>");
	struct import_saved_mapping *saved;
	size_t nsaved = 0;
	import_mapping_list(r->store, &r->arena, k->plural, &saved, &nsaved);
	if (nsaved) {
		post_form_open(h, r, arena_printf(h->arena, "/imports/%lld/mapping", (long long)b->id), "inline-form");
		html_raw(h, "<label for=\"imp-use\">");
		html_t(h, N_("Use a saved mapping"));
		html_raw(h, "</label> <select id=\"imp-use\" name=\"use\">");
		for (size_t i = 0; i < nsaved; i++) {
			html_raw(h, "<option");
			html_attr(h, "value", arena_printf(h->arena, "%lld", (long long)saved[i].id));
			html_raw(h, ">");
			html_text(h, saved[i].name);
			html_raw(h, "</option>");
		}
		html_raw(h, "</select> <button type=\"submit\">");
		html_t(h, N_("Apply"));
		html_raw(h, "</button></form>");
	}
}

static void progress_block(struct html *h, struct request *r, const struct import_batch *b, const struct job_status *js)
{
	html_raw(h, "<div class=\"notice\" role=\"status\"><p>");
	html_t(h, N_("Working…"));
	html_raw(h, " <progress max=\"100\"");
	long long pct = js->total > 0 ? js->done * 100 / js->total : 0;
	html_attr(h, "value", arena_printf(h->arena, "%lld", pct > 99 ? 99 : pct));
	html_raw(h, "></progress> ");
	html_text(h, arena_printf(h->arena, "%lld", js->done));
	html_raw(h, " ");
	html_t(h, N_("rows"));
	html_raw(h, "</p>");
	post_form_open(h, r, arena_printf(h->arena, "/imports/%lld/cancel", (long long)b->id), "inline-form");
	html_raw(h, "<button type=\"submit\">");
	html_t(h, N_("Cancel"));
	html_raw(h, "</button></form></div>");
}

/* What may be done with a duplicate row, as <option>s. */
static void decision_options(struct html *h)
{
	static const struct {
		const char *code, *label;
	} options[] = {{"skip", N_("skip")}, {"update", N_("update the existing record")}, {"create", N_("create anyway")}};
	for (size_t i = 0; i < sizeof(options) / sizeof(*options); i++) {
		html_raw(h, "<option");
		html_attr(h, "value", options[i].code);
		html_raw(h, ">");
		html_t(h, options[i].label);
		html_raw(h, "</option>");
	}
}

static void report_block(struct html *h, struct request *r, const struct import_batch *b, const struct import_mapping *mp)
{
	json_t *report = b->report ? json_loads(b->report, 0, NULL) : NULL;
	json_t *problems = json_object_get(report, "problems"), *dups = json_object_get(report, "duplicates");
	html_raw(h, "<p>");
	html_message(h, N_("{} rows read."), arena_printf(h->arena, "%lld", (long long)b->rows_total));
	html_raw(h, " ");
	html_message(h, N_("{} with problems."), arena_printf(h->arena, "%lld", (long long)b->rows_invalid));
	html_raw(h, " ");
	html_message(h, N_("{} probable duplicates."), arena_printf(h->arena, "%lld", (long long)b->rows_duplicate));
	html_raw(h, "</p>");
	if (json_array_size(problems)) {
		html_raw(h, "<h3>");
		html_t(h, N_("Problems"));
		html_raw(h, "</h3>");
		static const char *const headings[] = {N_("Row"), N_("Column"), N_("Problem")};
		table_open(h, "records problems", headings, 3);
		size_t i;
		json_t *p;
		json_array_foreach(problems, i, p) {
			const struct field *f = model_field(mp->kind, json_string_value(json_object_get(p, "field")));
			const char *col = json_string_value(json_object_get(p, "column"));
			const char *msg = json_string_value(json_object_get(p, "message"));
			const char *text = json_string_value(json_object_get(p, "text"));
			/* The message in the page's language, its value put back. */
			const char *detail = NULL;
			const char *hole = msg ? strstr(msg, "{}") : NULL;
			if (hole && text) {
				size_t pre = (size_t)(hole - msg), post = strlen(hole + 2), tl = strlen(text);
				if (tl >= pre + post)
					detail = arena_strndup(h->arena, text + pre, tl - pre - post);
			}
			html_raw(h, "<tr><td>");
			html_int(h, json_integer_value(json_object_get(p, "row")));
			html_raw(h, "</td><td>");
			html_text(h, col ? col : f ? T(h, f->label) : "");
			html_raw(h, "</td><td>");
			if (msg)
				html_message(h, msg, detail);
			html_raw(h, "</td></tr>");
		}
		html_raw(h, "</tbody></table>");
	}
	if (json_array_size(dups)) {
		html_raw(h, "<h3>");
		html_t(h, N_("Probable duplicates"));
		html_raw(h, "</h3>");
	}
	html_raw(h, "<div class=\"commit\">");
	post_form_open(h, r, arena_printf(h->arena, "/imports/%lld/commit", (long long)b->id), NULL);
	if (json_array_size(dups)) {
		static const char *const headings[] = {N_("Row"), N_("In the file"), N_("Already there"), N_("What to do")};
		table_open(h, "records duplicates", headings, 4);
		size_t i;
		json_t *d;
		json_array_foreach(dups, i, d) {
			long row = (long)json_integer_value(json_object_get(d, "row"));
			json_int_t existing = json_integer_value(json_object_get(d, "existing"));
			html_raw(h, "<tr><td>");
			html_int(h, row);
			html_raw(h, "</td><td>");
			html_text(h, json_string_value(json_object_get(d, "title")));
			html_raw(h, "</td><td>");
			if (existing) {
				html_raw(h, "<a");
				html_attr_url(h, "href", arena_printf(h->arena, "/%s/%lld", mp->kind->plural, (long long)existing));
				html_raw(h, ">");
				html_text(h, json_string_value(json_object_get(d, "existing_title")));
				html_raw(h, "</a>");
			} else {
				html_message(h, N_("row {}"), arena_printf(h->arena, "%lld", (long long)json_integer_value(json_object_get(d, "of_row"))));
			}
			html_raw(h, " <span class=\"origin\">(");
			html_t(h, json_string_value(json_object_get(d, "reason")));
			html_raw(h, ")</span></td><td><select");
			html_attr(h, "name", arena_printf(h->arena, "row.%ld", row));
			html_attr(h, "aria-label", arena_printf(h->arena, "%s %ld", T(h, N_("Row")), row));
			html_raw(h, "><option value=\"\">");
			html_t(h, N_("as for all"));
			html_raw(h, "</option>");
			decision_options(h);
			html_raw(h, "</select></td></tr>");
		}
		html_raw(h, "</tbody></table><div class=\"field\"><label for=\"imp-dup\">");
		html_t(h, N_("For all duplicates"));
		html_raw(h, "</label><select id=\"imp-dup\" name=\"on_duplicate\">");
		decision_options(h);
		html_raw(h, "</select></div>");
	}
	if (b->rows_invalid) {
		html_raw(h, "<label class=\"check\"><input type=\"checkbox\" name=\"skip_invalid\" value=\"true\"> ");
		html_t(h, N_("Leave out the rows with problems"));
		html_raw(h, "</label>");
	}
	html_raw(h, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">");
	html_t(h, N_("Import"));
	html_raw(h, "</button></div></form></div>");
	json_decref(report);
}

void view_import_show(struct request *r, const struct route_match *m)
{
	struct job_status js;
	jobs_status(r->jobs, m->id, &js); /* before the batch: see view_import_progress */
	struct import_batch b;
	if (load(r, m->id, &b) != 0)
		return;
	struct import_mapping *mp = mapping_of(r, &b);
	if (!mp)
		return;
	int running = js.state == JOB_QUEUED || js.state == JOB_RUNNING;
	if (running)
		response_header(r, "Refresh", "2");
	struct html h = page_writer(r);
	page_begin(&h, r, arena_printf(&r->arena, "%s%s%s", T(&h, N_("Import")), T(&h, N_(": ")), b.file_name));
	html_raw(&h, "<h1>");
	html_t(&h, N_("Import"));
	html_t(&h, N_(": "));
	html_text(&h, b.file_name);
	html_raw(&h, " <span class=\"kind\">");
	html_t(&h, mp->kind->label_plural);
	html_raw(&h, " · ");
	html_t(&h, state_label(b.state));
	html_raw(&h, "</span></h1>");
	if (b.message && !running) {
		html_raw(&h, "<p class=\"error-text\" role=\"alert\">");
		/* Messages are msgids when the import wrote them itself. */
		html_text(&h, strcmp(b.message, "cancelled") == 0 ? T(&h, N_("Cancelled: nothing was written.")) : T(&h, b.message));
		html_raw(&h, "</p>");
	}
	if (running) {
		progress_block(&h, r, &b, &js);
		page_end(&h, r);
		return;
	}
	if (strcmp(b.state, "committed") == 0 || strcmp(b.state, "undone") == 0) {
		html_raw(&h, "<p class=\"notice\" role=\"status\">");
		html_message(&h, N_("{} records created."), arena_printf(&r->arena, "%lld", (long long)b.created));
		html_raw(&h, " ");
		html_message(&h, N_("{} records updated."), arena_printf(&r->arena, "%lld", (long long)b.updated));
		html_raw(&h, " ");
		html_message(&h, N_("{} rows skipped."), arena_printf(&r->arena, "%lld", (long long)b.skipped));
		html_raw(&h, "</p>");
		if (strcmp(b.state, "committed") == 0) {
			post_form_open(&h, r, arena_printf(&r->arena, "/imports/%lld/undo", (long long)b.id), NULL);
			html_raw(&h, "<button type=\"submit\" class=\"danger\">");
			html_t(&h, N_("Undo this import"));
			html_raw(&h, "</button></form>");
		}
		html_raw(&h, "<p><a");
		html_attr_url(&h, "href", arena_printf(&r->arena, "/%s", mp->kind->plural));
		html_raw(&h, ">");
		html_t(&h, mp->kind->label_plural);
		html_raw(&h, "</a></p>");
		page_end(&h, r);
		return;
	}
	step(&h, 1, N_("How the file is read"));
	html_raw(&h, "<p>");
	html_text(&h, strcmp(b.format, "xlsx") == 0 ? "XLSX" : arena_printf(&r->arena, "CSV · %s", b.encoding ? b.encoding : ""));
	html_raw(&h, "</p>");
	settings_form(&h, r, &b);
	html_raw(&h, "</section>");
	step(&h, 2, N_("What each column holds"));
	mapping_form(&h, r, &b, mp);
	html_raw(&h, "</section>");
	step(&h, 3, N_("Check"));
	post_form_open(&h, r, arena_printf(&r->arena, "/imports/%lld/dry-run", (long long)b.id), NULL);
	html_raw(&h, "<button type=\"submit\">");
	html_t(&h, N_("Check the file (nothing is written)"));
	html_raw(&h, "</button></form>");
	if (strcmp(b.state, "checked") == 0 || b.report) {
		html_raw(&h, "</section>");
		step(&h, 4, N_("Import"));
		report_block(&h, r, &b, mp);
	}
	html_raw(&h, "</section>");
	page_end(&h, r);
}

void view_import_progress(struct request *r, const struct route_match *m)
{
	/* The job's state first, then the batch: a job is done only after it
	 * saved the batch, so a batch read after a "done" is the final one.
	 * (Read the other way round, the job could end between the two reads
	 * and a "done" come with the state from before the run.) */
	struct job_status js;
	jobs_status(r->jobs, m->id, &js);
	struct import_batch b;
	if (load(r, m->id, &b) != 0)
		return;
	static const char *states[] = {"idle", "queued", "running", "done"};
	json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "state", b.state, "job", states[js.state], "done",
			      (json_int_t)js.done, "total", (json_int_t)js.total, "rows", (json_int_t)b.rows_total, "invalid",
			      (json_int_t)b.rows_invalid, "duplicates", (json_int_t)b.rows_duplicate);
	char *text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	r->res.content_type = "application/json";
	buf_puts(&r->res.body, text ? text : "{}");
	free(text);
}

void view_import_settings(struct request *r, const struct route_match *m)
{
	struct import_batch b;
	if (load(r, m->id, &b) != 0)
		return;
	const char *enc = params_get(&r->form, "encoding"), *sep = params_get(&r->form, "separator"),
		   *sheet = params_get(&r->form, "sheet");
	enum text_encoding e;
	if (enc && encoding_parse(enc, &e) == 0)
		b.encoding = encoding_name(e);
	if (sep)
		b.separator = strcmp(sep, "tab") == 0 ? "\t" : strcmp(sep, ",") == 0 ? "," : ";";
	if (sheet && atoi(sheet) >= 1)
		b.sheet = atoi(sheet) - 1;
	b.state = "uploaded";
	b.report = NULL;
	b.message = NULL;
	/* The headings may have moved: suggest the columns again. */
	const void *data;
	size_t size;
	char err[300];
	const struct kind *k = importable(b.kind);
	if (k && import_batch_file(r->store, &r->arena, b.id, &data, &size) == STORE_OK) {
		struct import_table *t = import_table_open(data, size, b.format, b.encoding, b.separator ? b.separator[0] : ';', b.sheet,
							   err, sizeof(err));
		const char *const *cells;
		size_t count;
		if (t && import_table_next(t, &cells, &count) == 1)
			b.mapping = import_mapping_json(&r->arena, import_suggest(&r->arena, k, cells, count));
		else
			b.message = arena_strdup(&r->arena, t ? import_table_error(t) : err);
		import_table_close(t);
	}
	import_batch_save(r->store, &b);
	back_to_batch(r, b.id);
}

void view_import_mapping(struct request *r, const struct route_match *m)
{
	struct import_batch b;
	if (load(r, m->id, &b) != 0)
		return;
	struct import_mapping *mp = mapping_of(r, &b);
	if (!mp)
		return;
	const char *use = params_get(&r->form, "use");
	if (use) {
		struct import_saved_mapping *saved;
		size_t n = 0;
		import_mapping_list(r->store, &r->arena, mp->kind->plural, &saved, &n);
		for (size_t i = 0; i < n; i++)
			if (saved[i].id == strtoll(use, NULL, 10))
				b.mapping = saved[i].mapping;
	} else {
		for (size_t c = 0; c < mp->ncolumns; c++) {
			const char *f = params_get(&r->form, arena_printf(&r->arena, "col.%zu", c));
			struct import_column *col = &mp->columns[c];
			col->split_field = -1;
			if (f && strcmp(f, "family_name+given_name") == 0 && mp->kind == &model_person) {
				col->field = model_field_index(mp->kind, "family_name");
				col->split_field = model_field_index(mp->kind, "given_name");
			} else {
				col->field = model_field_index(mp->kind, f);
			}
			const char *lang = params_get(&r->form, arena_printf(&r->arena, "lang.%zu", c));
			if (lang && model_enum_value(&model_value_languages, lang))
				col->lang = lang;
			const char *acr = params_get(&r->form, arena_printf(&r->arena, "acronym.%zu", c));
			if (col->field >= 0 && (mp->kind->fields[col->field].flags & F_ACRONYM))
				col->acronym = acr != NULL;
		}
		/* "field: from = to" lines. */
		const char *values = params_get(&r->form, "values");
		mp->nvalues = 0;
		size_t cap = 64;
		mp->values = arena_alloc(&r->arena, cap * sizeof(*mp->values));
		char *copy = arena_strdup(&r->arena, values ? values : ""), *save = NULL;
		for (char *line = strtok_r(copy, "\r\n", &save); line && mp->nvalues < cap; line = strtok_r(NULL, "\r\n", &save)) {
			char *colon = strchr(line, ':'), *eq = strrchr(line, '=');
			if (!colon || !eq || eq < colon)
				continue;
			*colon = *eq = '\0';
			char *field = line, *from = colon + 1, *to = eq + 1;
			while (*from == ' ')
				from++;
			for (char *e = eq - 1; e >= from && *e == ' '; e--)
				*e = '\0';
			while (*to == ' ')
				to++;
			int fi = model_field_index(mp->kind, field);
			if (fi >= 0 && *from && *to)
				mp->values[mp->nvalues++] = (struct import_value_map){fi, from, to};
		}
		b.mapping = import_mapping_json(&r->arena, mp);
		const char *save_as = params_get(&r->form, "save_as");
		if (save_as && *save_as && strlen(save_as) <= 80)
			import_mapping_save(r->store, &r->viewer, mp->kind->plural, save_as, b.mapping);
	}
	b.state = "uploaded";
	b.report = NULL;
	b.message = NULL;
	import_batch_save(r->store, &b);
	back_to_batch(r, b.id);
}

static void start(struct request *r, const struct route_match *m, int dry_run)
{
	struct import_batch b;
	if (load(r, m->id, &b) != 0)
		return;
	if (strcmp(b.state, "committed") == 0 || strcmp(b.state, "undone") == 0) {
		router_error(r, 409, NULL, N_("This import is finished."));
		return;
	}
	if (!dry_run) {
		struct import_mapping *mp = mapping_of(r, &b);
		if (!mp)
			return;
		/* The decisions taken on the page go with the mapping. */
		const char *all = params_get(&r->form, "on_duplicate");
		mp->on_duplicate = import_action(all);
		mp->skip_invalid = params_get(&r->form, "skip_invalid") != NULL;
		mp->decision_rows = arena_alloc(&r->arena, (r->form.count + 1) * sizeof(*mp->decision_rows));
		mp->decisions = arena_alloc(&r->arena, (r->form.count + 1) * sizeof(*mp->decisions));
		mp->ndecisions = 0;
		for (size_t i = 0; i < r->form.count; i++) {
			const struct param *p = &r->form.items[i];
			if (strncmp(p->name, "row.", 4) != 0 || !*p->value)
				continue;
			mp->decision_rows[mp->ndecisions] = strtol(p->name + 4, NULL, 10);
			mp->decisions[mp->ndecisions++] = import_action(p->value);
		}
		b.mapping = import_mapping_json(&r->arena, mp);
		import_batch_save(r->store, &b);
	}
	if (import_start(r->jobs, r->store, &r->viewer, b.id, dry_run) != 0) {
		router_error(r, 409, NULL, N_("This import is already running."));
		return;
	}
	back_to_batch(r, b.id);
}

void view_import_dry_run(struct request *r, const struct route_match *m)
{
	start(r, m, 1);
}

void view_import_commit(struct request *r, const struct route_match *m)
{
	start(r, m, 0);
}

void view_import_cancel(struct request *r, const struct route_match *m)
{
	struct import_batch b;
	if (load(r, m->id, &b) != 0)
		return;
	jobs_cancel(r->jobs, m->id);
	back_to_batch(r, m->id);
}

void view_import_undo(struct request *r, const struct route_match *m)
{
	struct import_batch b;
	if (load(r, m->id, &b) != 0)
		return;
	if (strcmp(b.state, "committed") != 0) {
		router_error(r, 409, NULL, N_("Only a finished import can be undone."));
		return;
	}
	struct field_errors conflicts;
	field_errors_init(&conflicts, &r->arena);
	int rc = import_undo(r->store, &r->arena, &r->viewer, b.id, &conflicts);
	if (rc == STORE_CONFLICT) {
		r->res.status = 409;
		struct html h = page_writer(r);
		page_begin(&h, r, T(&h, N_("Undo this import")));
		html_raw(&h, "<h1>");
		html_t(&h, N_("This import cannot be undone"));
		html_raw(&h, "</h1><p>");
		html_t(&h, N_("These records were changed after the import; undo those changes first, or change them by hand:"));
		html_raw(&h, "</p><ul>");
		for (size_t i = 0; i < conflicts.count; i++) {
			html_raw(&h, "<li>");
			html_message(&h, conflicts.items[i].message, conflicts.items[i].detail);
			html_raw(&h, "</li>");
		}
		html_raw(&h, "</ul>");
		page_end(&h, r);
		return;
	}
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	b.state = "undone";
	import_batch_save(r->store, &b);
	back_to_batch(r, b.id);
}

