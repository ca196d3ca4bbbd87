/*
 * view_export.c - "export what I see": any list, with its search and
 * filters, to CSV (French Excel's ';', byte-order mark, dd/mm/yyyy as
 * options), XLSX, JSON, GeoJSON or vCard (people), streamed page by page
 * into a temporary file that is then sent: memory does not grow with the
 * number of rows.  Only what the viewer may see is exported, and the
 * export is recorded in the history.
 */
#include "web/views.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/clock.h"
#include "io/export.h"
#include "store/history.h"

static enum export_type type_of(const struct field *f)
{
	if (f->flags & F_MULTI)
		return EXPORT_LIST;
	switch (f->type) {
	case FT_REAL:
		return EXPORT_NUMBER;
	case FT_INT:
	case FT_REF:
		return EXPORT_INTEGER;
	case FT_DATE:
		return EXPORT_DATE;
	case FT_BOOL:
		return EXPORT_BOOL;
	default:
		return EXPORT_TEXT;
	}
}

/* Exported fields: all but the lists of who may see the record. */
static int exported(const struct field *f)
{
	return strcmp(f->name, "visibility_teams") != 0 && strcmp(f->name, "visibility_users") != 0;
}

/* One value as exported: labels in the page's language for enumerations,
 * "code — name" for sectors and SDGs, names for territories; the rest as
 * stored. */
static const char *cell_text(struct request *r, const struct field *f, const char *v)
{
	if (f->type == FT_ENUM)
		return display_value(r, f, v);
	if (f->type == FT_CODE && strcmp(f->ref, "territory") == 0)
		return display_value(r, f, v);
	if (f->type == FT_CODE)
		return arena_printf(&r->arena, "%s — %s", v, display_value(r, f, v));
	return v;
}

int export_records(struct request *r, const struct kind *k, struct store_query *q, int format,
		 const struct export_options *o, const char *path, size_t *rows, char *err, size_t errlen)
{
	/* Columns: the id, every field, and for people their current positions. */
	int person = k == &model_person;
	size_t ncols = 0;
	struct export_column *cols = arena_alloc(&r->arena, (k->nfields + 5) * sizeof(*cols));
	cols[ncols++] = (struct export_column){"id", "id", EXPORT_INTEGER};
	for (size_t i = 0; i < k->nfields; i++)
		if (exported(&k->fields[i]))
			cols[ncols++] = (struct export_column){k->fields[i].name, i18n_gettext(r->lang, k->fields[i].label),
							       type_of(&k->fields[i])};
	if (person) {
		cols[ncols++] = (struct export_column){"organization", i18n_gettext(r->lang, N_("Organisations")), EXPORT_LIST};
		cols[ncols++] = (struct export_column){"title", i18n_gettext(r->lang, N_("Positions")), EXPORT_LIST};
	}
	cols[ncols++] = (struct export_column){"updated_at", i18n_gettext(r->lang, N_("Updated")), EXPORT_DATETIME};
	struct export_writer *w = export_open(path, format, o, cols, ncols, err, errlen);
	if (!w)
		return STORE_ERROR;
	struct export_value *cells = arena_alloc(&r->arena, ncols * sizeof(*cells));
	char today[21];
	clock_now_iso(today);
	today[10] = '\0';
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	int rc = STORE_OK;
	*rows = 0;
	q->limit = STORE_MAX_LIMIT;
	do {
		struct arena page_arena = ARENA_INIT;
		struct store_page page;
		rc = store_list(r->store, &page_arena, &r->viewer, k, q, &page, &errors);
		for (size_t i = 0; rc == STORE_OK && i < page.count; i++) {
			const struct record *rec = page.items[i];
			size_t c = 0;
			const char **id = arena_alloc(&page_arena, sizeof(*id));
			id[0] = arena_printf(&page_arena, "%lld", (long long)rec->id);
			cells[c++] = (struct export_value){id, 1};
			for (size_t f = 0; f < k->nfields; f++) {
				if (!exported(&k->fields[f]))
					continue;
				const struct field_values *fv = &rec->values[f];
				const char **items = arena_alloc(&page_arena, (fv->count ? fv->count : 1) * sizeof(*items));
				/* Contact cards want language tags ("fr"), not names. */
				for (size_t j = 0; j < fv->count; j++)
					items[j] = format == EXPORT_VCARD ? fv->items[j].text : cell_text(r, &k->fields[f], fv->items[j].text);
				cells[c++] = (struct export_value){items, fv->count};
			}
			if (person) {
				struct store_query pq = {.limit = 20};
				pq.filters[0] = (struct store_filter){"person", id[0]};
				pq.nfilters = 1;
				struct store_page positions = {0};
				const char **orgs = arena_alloc(&page_arena, 20 * sizeof(*orgs)), **titles = arena_alloc(&page_arena, 20 * sizeof(*titles));
				size_t n = 0;
				if (store_list(r->store, &page_arena, &r->viewer, &model_position, &pq, &positions, &errors) == STORE_OK)
					for (size_t j = 0; j < positions.count && n < 20; j++) {
						const struct record *p = positions.items[j];
						const char *end = record_get_by_name(p, "end_date");
						if (end && strcmp(end, today) < 0)
							continue; /* ended: a position ending later is current */
						const char *org = store_title(r->store, &page_arena, &r->viewer, &model_organization,
									      strtoll(record_get_by_name(p, "organization"), NULL, 10));
						if (!org)
							continue;
						orgs[n] = org;
						titles[n++] = record_get_by_name(p, "title") ? record_get_by_name(p, "title") : "";
					}
				cells[c++] = (struct export_value){orgs, n};
				cells[c++] = (struct export_value){titles, n};
			}
			const char **updated = arena_alloc(&page_arena, sizeof(*updated));
			updated[0] = rec->updated_at;
			cells[c++] = (struct export_value){updated, rec->updated_at ? 1 : 0};
			if (export_row(w, cells) != 0)
				rc = STORE_ERROR;
			(*rows)++;
		}
		/* The display texts live in the request's arena: keep it small. */
		q->after = page.next ? arena_strdup(&r->arena, page.next) : NULL;
		arena_release(&page_arena);
	} while (rc == STORE_OK && q->after);
	if (export_close(w, err, errlen) != 0 && rc == STORE_OK)
		rc = STORE_ERROR;
	if (rc == STORE_INVALID && errors.count)
		snprintf(err, errlen, "%s: %s", errors.items[0].field,
			 message_format(&r->arena, r->lang, errors.items[0].message, errors.items[0].detail));
	if (rc != STORE_OK) {
		unlink(path);
	} else {
		/* The record of the export says what was exported: format, rows,
		 * search and filters. */
		struct buf what = BUF_INIT;
		buf_printf(&what, "export %s, %zu rows", export_extension(format), *rows);
		/* The search text is not kept: it may be a person's name, and
		 * the history outlives an erasure. */
		if (q->q && *q->q)
			buf_puts(&what, ", with a search");
		for (size_t i = 0; i < q->nfilters; i++)
			buf_printf(&what, ", %s=%s", q->filters[i].field, q->filters[i].value);
		store_history_note(r->store, &r->viewer, k, arena_strdup(&r->arena, buf_str(&what)));
		buf_release(&what);
	}
	return rc;
}

void view_export(struct request *r, const struct route_match *m)
{
	const struct kind *k = m->kind;
	enum export_format format = EXPORT_CSV;
	const char *fname = params_get(&r->query, "format");
	struct field_errors bad;
	field_errors_init(&bad, &r->arena);
	if (fname && export_parse_format(fname, &format) != 0)
		field_errors_add(&bad, "format", N_("Unknown value: {}."), fname);
	else if (format == EXPORT_VCARD && k != &model_person)
		field_errors_add(&bad, "format", N_("Only people can be exported as contact cards."), NULL);
	else if (format == EXPORT_GEOJSON && !model_field(k, "latitude"))
		field_errors_add(&bad, "format", N_("Only records with coordinates can be exported as GeoJSON."), NULL);
	if (bad.count) {
		router_problem(r, 400, N_("Some parameters are not valid."), &bad);
		if (strncmp(r->path, "/api/", 5) != 0) {
			buf_reset(&r->res.body);
			view_error_page(r, 400, bad.items[0].message);
		}
		return;
	}
	struct store_query q;
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	if (list_query(r, k, &q, &errors) != 0) {
		router_problem(r, 400, N_("Some parameters are not valid."), &errors);
		return;
	}
	q.after = NULL;
	struct export_options o = {0};
	const char *sep = params_get(&r->query, "sep");
	o.separator = sep && strcmp(sep, ",") == 0 ? ',' : sep && strcmp(sep, "tab") == 0 ? '\t' : ';';
	o.bom = !params_get(&r->query, "bom") || strcmp(params_get(&r->query, "bom"), "0") != 0;
	o.french_dates = !params_get(&r->query, "dates") || strcmp(params_get(&r->query, "dates"), "iso") != 0;
	o.vcard_version = params_get(&r->query, "vcard") && strcmp(params_get(&r->query, "vcard"), "3") == 0 ? 3 : 4;
	o.sheet_name = i18n_gettext(r->lang, k->label_plural);
	char path[] = "/tmp/passerelle-export-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) {
		router_error(r, 500, NULL, N_("The export could not be written."));
		return;
	}
	close(fd);
	char err[300];
	size_t rows;
	int rc = export_records(r, k, &q, format, &o, path, &rows, err, sizeof(err));
	if (rc != STORE_OK) {
		fprintf(stderr, "passerelle: export: %s\n", err);
		router_error(r, rc == STORE_INVALID ? 400 : 500, NULL, rc == STORE_INVALID ? N_("Some parameters are not valid.")
										   : N_("The export could not be written."));
		return;
	}
	fd = open(path, O_RDONLY);
	unlink(path); /* the open file lives until it is sent */
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		router_error(r, 500, NULL, N_("The export could not be written."));
		return;
	}
	char day[21];
	clock_now_iso(day);
	day[10] = '\0';
	r->res.content_type = export_content_type(format);
	response_header(r, "Content-Disposition", arena_printf(&r->arena, "attachment; filename=\"%s-%s.%s\"", k->plural, day,
							       export_extension(format)));
	r->res.file_fd = fd;
	r->res.file_size = (size_t)st.st_size;
}
