/*
 * view_search.c - the search page: one box over organisations and people,
 * accent-, case- and ligature-insensitive, acronyms and names in every
 * language, by relevance.
 */
#include "web/views.h"

#include <string.h>

void view_search(struct request *r, const struct route_match *m)
{
	(void)m;
	const char *q = params_get(&r->query, "q");
	const char *after = params_get(&r->query, "after");
	struct viewer v = request_viewer(r);
	struct search_hit *hits = NULL;
	size_t count = 0;
	const char *next = NULL;
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	int rc = q ? store_search(r->store, &r->arena, &v, q, 30, after, &hits, &count, &next, &errors) : STORE_OK;
	struct html h = page_writer(r);
	page_begin(&h, r, T(&h, N_("Search")));
	html_raw(&h, "<h1>");
	html_t(&h, N_("Search"));
	if (q && *q) {
		html_t(&h, N_(": "));
		html_raw(&h, "«&#160;");
		html_text(&h, q);
		html_raw(&h, "&#160;»");
	}
	html_raw(&h, "</h1>");
	if (rc == STORE_INVALID) {
		r->res.status = 400;
		html_raw(&h, "<p class=\"error-text\" role=\"alert\">");
		html_message(&h, errors.items[0].message, errors.items[0].detail);
		html_raw(&h, "</p>");
	} else if (rc != STORE_OK) {
		r->res.status = 500;
		html_raw(&h, "<p class=\"error-text\" role=\"alert\">");
		html_t(&h, N_("The database could not answer. Try again."));
		html_raw(&h, "</p>");
	} else if (q && count == 0) {
		html_raw(&h, "<p class=\"empty\">");
		html_t(&h, N_("Nothing matches."));
		html_raw(&h, "</p>");
	} else if (count) {
		html_raw(&h, "<ol class=\"hits\">");
		for (size_t i = 0; i < count; i++) {
			html_raw(&h, "<li><a");
			html_attr_url(&h, "href", arena_printf(&r->arena, "/%s/%lld", hits[i].kind->plural, (long long)hits[i].id));
			html_raw(&h, ">");
			html_text(&h, hits[i].title);
			html_raw(&h, "</a> <span class=\"kind\">");
			html_t(&h, hits[i].kind->label);
			html_raw(&h, "</span>");
			if (hits[i].subtitle) {
				html_raw(&h, "<br><span class=\"subtitle\">");
				html_text(&h, hits[i].subtitle);
				html_raw(&h, "</span>");
			}
			html_raw(&h, "</li>");
		}
		html_raw(&h, "</ol>");
	}
	if (next) {
		html_raw(&h, "<nav class=\"pager\"><a rel=\"next\"");
		html_attr_url(&h, "href", arena_printf(&r->arena, "/search?q=%s&after=%s", url_encode(&r->arena, q),
						       url_encode(&r->arena, next)));
		html_raw(&h, ">");
		html_t(&h, N_("Next page"));
		html_raw(&h, " →</a></nav>");
	}
	page_end(&h, r);
}
