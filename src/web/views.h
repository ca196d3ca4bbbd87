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
	api_delete, api_history;
route_handler view_history, view_history_restore;
route_handler auth_login_page, auth_login_post, auth_login_code_post, auth_logout, auth_account_page,
	auth_password_post, auth_language_post, auth_sessions_end_post, auth_totp_page, auth_totp_post,
	auth_totp_disable_post, auth_token_post, auth_token_revoke_post, auth_reset_password_post, auth_reset_totp_post;
route_handler view_imports, view_import_upload, view_import_show, view_import_progress, view_import_settings,
	view_import_mapping, view_import_dry_run, view_import_commit, view_import_cancel, view_import_undo;
route_handler view_export;
route_handler view_duplicates, view_merge_form, view_merge_post, view_merge_undo, api_duplicates;
route_handler view_transition, api_transition, api_steps, api_suggest;
route_handler view_attach, api_attach, api_attachments, view_attachment_download, view_detach, view_transmit,
	view_acknowledge;
route_handler view_desk, view_followups_mine, view_followups_overdue, view_roadmap, view_note_download;
route_handler view_calendar, view_calendar_feed_create, view_calendar_feed_revoke, view_calendar_feed,
	view_interaction_ics;
route_handler gdpr_register_page, gdpr_retention_page, gdpr_person_report, gdpr_person_json, gdpr_erase_confirm,
	gdpr_erase_post;

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

/* Who is asking, for the store's visibility rules (set by the router). */
#define request_viewer(r) ((r)->viewer)

/* Open a POST form to action, with the session's CSRF token inside.
 * Every form that changes something opens with this. */
void post_form_open(struct html *h, const struct request *r, const char *action, const char *css_class);

/* Open a table of records: <table class> with a header row of the
 * translated headings (msgids) and an open <tbody>. */
void table_open(struct html *h, const char *css_class, const char *const *headings, size_t count);

/* The answer to a store failure other than STORE_INVALID: 403, 404, 409
 * or 500, as a page or a problem. */
void view_store_failure(struct request *r, int rc);

/* The notice on the kept record's page after a merge, with its undo
 * button (view_duplicates.c), when the address says ?merged=ID. */
void duplicates_merge_notice(struct html *h, struct request *r, const struct record *rec);

/* Sections a kind adds to its detail page, after the generic fields. */
void directory_sections(struct html *h, struct request *r, const struct record *rec);

/* The label of a field value for display: enumeration labels translated,
 * reference codes named in the page's language, booleans as yes/no,
 * references as their record's title. */
const char *display_value(struct request *r, const struct field *f, const char *value);
/* Export the records of kind k that the request's viewer sees through q
 * (every page) to path, in format (view_export.c; the command line uses it
 * too).  *rows receives their number; the export is recorded in the
 * history.  STORE_OK, or a failure with a message in err. */
struct export_options;
enum export_format;
int export_records(struct request *r, const struct kind *k, struct store_query *q, int format,
		 const struct export_options *o, const char *path, size_t *rows, char *err, size_t errlen);
/* The list query of the request (q, after, limit and the kind's filters),
 * as the list page reads it; -1 with errors. */
int list_query(struct request *r, const struct kind *k, struct store_query *q, struct field_errors *errors);
/* "from" or "until" when `param` is one of the date bounds of k's lists
 * (k has a list date, model_list_date), else NULL. */
const char *list_date_filter(const struct kind *k, const char *param);
/* A timestamp (ISO 8601 UTC) as people of the page's language read it. */
const char *display_time(struct request *r, const char *iso);
/* The title of a record as pages show it: its title fields, or for a
 * relationship "A · member of · B". */
const char *display_title(struct request *r, const struct record *rec);

/* The record page (view_show), with a status and a message on top when
 * an action on it failed. */
void record_page(struct request *r, const struct route_match *m, int status, const char *error_msgid,
		 const char *error_detail);
/* What the working desk adds to record pages (view_activity.c,
 * view_workflow.c). */
void activity_actions(struct html *h, struct request *r, const struct record *rec);
void activity_sections(struct html *h, struct request *r, const struct record *rec);
void activity_side(struct html *h, struct request *r, const struct record *rec);
void workflow_panel(struct html *h, struct request *r, const struct record *rec);
const char *workflow_state_label(const struct kind *k, const char *state);
/* May the record's fields be changed in its workflow state? */
int record_editable(const struct record *rec);
/* Queue the mails of a workflow step's recipients (mail_compose.c). */
void notify_step(struct request *r, const struct kind *k, int64_t id, int64_t step_id);
/* A Content-Disposition header for a download under `filename`. */
const char *content_disposition(struct request *r, const char *filename);
/* JSON answers of the API (api.c). */
struct json_t;
void api_send_json(struct request *r, int status, struct json_t *o);
void api_store_failure(struct request *r, int rc, const struct field_errors *errors);

#endif
