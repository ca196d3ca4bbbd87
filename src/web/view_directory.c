/*
 * view_directory.c - what the directory's pages add to the generic record
 * page: an organisation's map, people and relationships both ways; a
 * person's positions.  Also loads what the views need at start (the
 * translations, the world map).
 */
#include "web/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"
#include "web/svgmap.h"

/* Read-only after views_init(). */
static struct svgmap *world_map;

int views_init(char *err, size_t errlen)
{
	static const struct {
		enum i18n_lang lang;
		const char *file;
	} catalogues[] = {{LANG_FR, "po/fr.po"}, {LANG_ES, "po/es.po"}};
	for (size_t i = 0; i < sizeof(catalogues) / sizeof(*catalogues); i++) {
		const struct embedded_file *f = embedded_find(catalogues[i].file);
		char msg[200];
		if (!f || i18n_load(catalogues[i].lang, (const char *)f->data, f->size, msg, sizeof(msg)) != 0) {
			snprintf(err, errlen, "%s: %s", catalogues[i].file, f ? msg : "missing from the binary");
			return -1;
		}
	}
	const struct embedded_file *map = embedded_find("data/map/countries-50m.json");
	if (!map) {
		snprintf(err, errlen, "the world map is missing from the binary");
		return -1;
	}
	world_map = svgmap_new((const char *)map->data, map->size, err, errlen);
	return world_map ? 0 : -1;
}

void views_shutdown(void)
{
	svgmap_free(world_map);
	world_map = NULL;
	i18n_unload_all();
}

static void section_head(struct html *h, const char *msgid, const char *add_href, const char *add_msgid)
{
	html_raw(h, "<section class=\"related\"><div class=\"section-head\"><h2>");
	html_t(h, msgid);
	html_raw(h, "</h2>");
	if (add_href) {
		html_raw(h, "<a class=\"button small\"");
		html_attr_url(h, "href", add_href);
		html_raw(h, ">");
		html_t(h, add_msgid);
		html_raw(h, "</a>");
	}
	html_raw(h, "</div>");
}

static void dates(struct html *h, struct request *req, const struct record *rec)
{
	const char *from = record_get_by_name(rec, "start_date"), *to = record_get_by_name(rec, "end_date");
	if (!from && !to)
		return;
	const struct field *date = model_field(rec->kind, "start_date");
	html_raw(h, " <span class=\"dates\">");
	if (from)
		html_text(h, display_value(req, date, from));
	html_raw(h, " – ");
	if (to)
		html_text(h, display_value(req, date, to));
	html_raw(h, "</span>");
}

/* A page of the records of kind k whose `field` is id. */
static struct store_page related(struct request *r, const struct kind *k, const char *field, int64_t id)
{
	struct viewer v = request_viewer(r);
	struct store_query q = {.limit = 100};
	q.filters[0] = (struct store_filter){field, arena_printf(&r->arena, "%lld", (long long)id)};
	q.nfilters = 1;
	struct store_page page = {0};
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	store_list(r->store, &r->arena, &v, k, &q, &page, &errors);
	return page;
}

static void link_to(struct html *h, const struct kind *k, const char *id_text, const char *title)
{
	html_raw(h, "<a");
	html_attr_url(h, "href", arena_printf(h->arena, "/%s/%s", k->plural, id_text));
	html_raw(h, ">");
	html_text(h, title);
	html_raw(h, "</a>");
}

/* Positions of a person (other = "organization") or at an organisation
 * (other = "person"), current ones first. */
static void positions_section(struct html *h, struct request *r, const struct record *rec, const char *self,
			      const char *other)
{
	struct store_page page = related(r, &model_position, self, rec->id);
	const struct kind *other_kind = model_kind(other);
	const char *add = arena_printf(h->arena, "/positions/new?%s=%lld&back=%s", self, (long long)rec->id,
				       url_encode(h->arena, arena_printf(h->arena, "/%s/%lld", rec->kind->plural, (long long)rec->id)));
	/* Offered only to who could save it: a partner, at its own organisation. */
	int may_add = permission_allows(r->viewer.role, &model_position, ACT_CREATE) && store_may(r->store, &r->viewer, rec, ACT_UPDATE);
	section_head(h, rec->kind == &model_person ? N_("Positions") : N_("People"), may_add ? add : NULL,
		     rec->kind == &model_person ? N_("Add a position") : N_("Add a person"));
	if (page.count == 0) {
		html_raw(h, "<p class=\"empty\">");
		html_t(h, N_("None recorded."));
		html_raw(h, "</p></section>");
		return;
	}
	struct viewer v = request_viewer(r);
	html_raw(h, "<ul class=\"positions\">");
	for (int past = 0; past < 2; past++) {
		for (size_t i = 0; i < page.count; i++) {
			const struct record *p = page.items[i];
			if ((record_get_by_name(p, "end_date") != NULL) != past)
				continue;
			const char *other_id = record_get_by_name(p, other);
			const char *title = store_title(r->store, &r->arena, &v, other_kind, strtoll(other_id, NULL, 10));
			if (!title)
				continue; /* in the bin, or not visible */
			if (past)
				html_raw(h, "<li class=\"past\">");
			else
				html_raw(h, "<li>");
			link_to(h, other_kind, other_id, title);
			if (record_get_by_name(p, "title")) {
				html_raw(h, ", ");
				html_text(h, record_get_by_name(p, "title"));
			}
			dates(h, r, p);
			if (!may_add) {
				html_raw(h, "</li>");
				continue;
			}
			html_raw(h, " <a class=\"edit-link\"");
			html_attr_url(h, "href", arena_printf(h->arena, "/positions/%lld/edit?back=%s", (long long)p->id,
							     url_encode(h->arena, arena_printf(h->arena, "/%s/%lld", rec->kind->plural, (long long)rec->id))));
			html_attr(h, "aria-label", arena_printf(h->arena, "%s: %s", T(h, N_("Edit")), title));
			html_raw(h, ">");
			html_t(h, N_("edit"));
			html_raw(h, "</a></li>");
		}
	}
	html_raw(h, "</ul></section>");
}

static void relationships_section(struct html *h, struct request *r, const struct record *rec)
{
	const char *add = arena_printf(h->arena, "/relationships/new?subject=%lld&back=%s", (long long)rec->id,
				       url_encode(h->arena, arena_printf(h->arena, "/organizations/%lld", (long long)rec->id)));
	int may_add = permission_allows(r->viewer.role, &model_relationship, ACT_CREATE) && store_may(r->store, &r->viewer, rec, ACT_UPDATE);
	section_head(h, N_("Relationships"), may_add ? add : NULL, N_("Add a relationship"));
	const struct field *type = model_field(&model_relationship, "type");
	struct viewer v = request_viewer(r);
	int shown = 0;
	html_raw(h, "<ul class=\"relationships\">");
	for (int inverse = 0; inverse < 2; inverse++) {
		struct store_page page = related(r, &model_relationship, inverse ? "object" : "subject", rec->id);
		for (size_t i = 0; i < page.count; i++) {
			const struct record *rel = page.items[i];
			const char *other_id = record_get_by_name(rel, inverse ? "subject" : "object");
			const char *title = store_title(r->store, &r->arena, &v, &model_organization, strtoll(other_id, NULL, 10));
			if (!title)
				continue;
			const struct enum_value *ev = model_enum_value(type->enumeration, record_get_by_name(rel, "type"));
			html_raw(h, "<li><span class=\"rel-type\">");
			html_t(h, ev ? (inverse ? ev->inverse_label : ev->label) : "?");
			html_raw(h, "</span> ");
			link_to(h, &model_organization, other_id, title);
			dates(h, r, rel);
			if (record_get_by_name(rel, "note")) {
				html_raw(h, " <span class=\"note\">");
				html_text(h, record_get_by_name(rel, "note"));
				html_raw(h, "</span>");
			}
			html_raw(h, "</li>");
			shown++;
		}
	}
	html_raw(h, "</ul>");
	if (!shown) {
		html_raw(h, "<p class=\"empty\">");
		html_t(h, N_("None recorded."));
		html_raw(h, "</p>");
	}
	html_raw(h, "</section>");
}

static void map_section(struct html *h, const struct record *rec)
{
	const char *lat = record_get_by_name(rec, "latitude"), *lon = record_get_by_name(rec, "longitude");
	if (!lat || !lon || !world_map)
		return;
	struct svgmap_point point = {strtod(lat, NULL), strtod(lon, NULL), NULL, 1};
	html_raw(h, "<figure class=\"map\">");
	svgmap_render(world_map, h->out, point.lat, point.lon, 4.0, 320, 200, &point, 1,
		      arena_printf(h->arena, "%s: %s", T(h, N_("Location")), record_title(rec)),
		      record_get_by_name(rec, "territory"));
	html_raw(h, "</figure>");
}

void directory_sections(struct html *h, struct request *r, const struct record *rec)
{
	if (rec->deleted_at)
		return;
	if (rec->kind == &model_organization) {
		map_section(h, rec);
		positions_section(h, r, rec, "organization", "person");
		relationships_section(h, r, rec);
	} else if (rec->kind == &model_person) {
		positions_section(h, r, rec, "person", "organization");
	}
}
