/*
 * views.h - the handlers the route table names, by page family:
 * view_page.c (layout, errors, health, static files, language),
 * view_record.c (generic list, detail, forms, bin for every kind),
 * view_directory.c (what organisation and person pages add),
 * view_search.c (the search page), api.c and api_openapi.c (JSON API).
 */
#ifndef PASSERELLE_VIEWS_H
#define PASSERELLE_VIEWS_H

#include "web/html.h"
#include "web/router.h"
#include "store/store.h"

route_handler handle_healthz, handle_static, handle_home, handle_lang;
route_handler view_search, view_bin;
route_handler view_list, view_create, view_new, view_show, view_update, view_edit, view_delete_confirm, view_delete,
	view_restore;
route_handler api_openapi, api_search, api_ref_list, api_ref_get, api_list, api_create, api_get, api_update,
	api_delete;

/* Load what the views need (translations, the world map) before the
 * server starts; 0, or -1 with a message. */
int views_init(char *err, size_t errlen);
void views_shutdown(void);

/* The layout around every page: head, header with the search box and the
 * language switch, navigation; page_end closes it and sets the response. */
void page_begin(struct html *h, struct request *r, const char *title);
void page_end(struct html *h, struct request *r);
/* A whole error page. */
void view_error_page(struct request *r, int status, const char *msgid);
/* A writer over the request's response body. */
struct html page_writer(struct request *r);

/* Who is asking, for the store's visibility rules. */
struct viewer request_viewer(const struct request *r);

/* Sections a kind adds to its detail page, after the generic fields. */
void directory_sections(struct html *h, struct request *r, const struct record *rec);

/* The label of a field value for display: enumeration labels translated,
 * reference codes named in the page's language, booleans as yes/no,
 * references as their record's title. */
const char *display_value(struct request *r, const struct field *f, const char *value);

#endif
