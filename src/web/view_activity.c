/*
 * view_activity.c - what the working desk adds to every record page: the
 * downloads (a note as DOCX, ODT, PDF; a meeting as .ics), the workflow
 * panel, the attachments, the internal transmission, and in the side
 * column the timeline with the last contact and what is pending with them.
 * Also the POSTs of attachments and transmissions, and the file download.
 */
#include "web/views.h"
#include "web/form.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/clock.h"
#include "io/extract.h"
#include "io/filetype.h"
#include "store/activity.h"
#include "store/workflow.h"

int record_editable(const struct record *rec)
{
	const struct workflow *w = rec->kind->workflow;
	return !w || workflow_state_in(w->editable, store_workflow_state(rec));
}

static void button_link(struct html *h, const char *href, const char *msgid)
{
	html_raw(h, "<a class=\"button\"");
	html_attr_url(h, "href", href);
	html_raw(h, ">");
	html_t(h, msgid);
	html_raw(h, "</a> ");
}

void activity_actions(struct html *h, struct request *r, const struct record *rec)
{
	const struct kind *k = rec->kind;
	long long id = (long long)rec->id;
	if (k == &model_note) {
		button_link(h, arena_printf(&r->arena, "/notes/%lld/download/docx", id), N_("DOCX"));
		button_link(h, arena_printf(&r->arena, "/notes/%lld/download/odt", id), N_("ODT"));
		button_link(h, arena_printf(&r->arena, "/notes/%lld/download/pdf", id), N_("PDF"));
	}
	if (k == &model_interaction)
		button_link(h, arena_printf(&r->arena, "/interactions/%lld/ics", id), N_("Add to my calendar (.ics)"));
	if (k == &model_interaction && store_may(r->store, &r->viewer, rec, ACT_UPDATE))
		button_link(h, arena_printf(&r->arena, "/follow-ups/new?interaction=%lld", id), N_("New follow-up"));
	if (k == &model_interaction && permission_allows(r->viewer.role, &model_note, ACT_CREATE))
		button_link(h, arena_printf(&r->arena, "/notes/new?interaction=%lld&note_type=minutes", id), N_("Write the minutes"));
}

static const char *size_text(struct request *r, int64_t size)
{
	if (size < 1024)
		return arena_printf(&r->arena, "%lld o", (long long)size);
	if (size < 1024 * 1024)
		return arena_printf(&r->arena, "%.0f ko", size / 1024.0);
	return arena_printf(&r->arena, "%.1f Mo", size / (1024.0 * 1024.0));
}

static void attachments_section(struct html *h, struct request *r, const struct record *rec)
{
	struct viewer v = request_viewer(r);
	struct attachment *list;
	size_t n;
	if (store_attachments(r->store, &r->arena, &v, rec->kind, rec->id, &list, &n) != STORE_OK)
		return;
	int may = store_may(r->store, &r->viewer, rec, ACT_UPDATE) && record_editable(rec);
	if (n == 0 && !may)
		return;
	html_raw(h, "<section class=\"attachments\" aria-labelledby=\"attachments-h\"><h2 id=\"attachments-h\">");
	html_t(h, N_("Attachments"));
	html_raw(h, "</h2>");
	if (n) {
		html_raw(h, "<ul class=\"files\">");
		for (size_t i = 0; i < n; i++) {
			html_raw(h, "<li><a");
			html_attr_url(h, "href", arena_printf(&r->arena, "/attachments/%lld", (long long)list[i].id));
			html_raw(h, ">");
			html_text(h, list[i].filename);
			html_raw(h, "</a> <span class=\"muted\">");
			html_text(h, arena_printf(&r->arena, "%s · %s", list[i].mime, size_text(r, list[i].size)));
			html_raw(h, "</span>");
			if (may) {
				post_form_open(h, r, arena_printf(&r->arena, "/attachments/%lld/delete", (long long)list[i].id), "inline-form");
				html_raw(h, "<button type=\"submit\" class=\"link\">");
				html_t(h, N_("Remove"));
				html_raw(h, "</button></form>");
			}
			html_raw(h, "</li>");
		}
		html_raw(h, "</ul>");
	}
	if (may) {
		html_raw(h, "<form method=\"post\" enctype=\"multipart/form-data\" class=\"upload\"");
		html_attr(h, "action", arena_printf(&r->arena, "/%s/%lld/attachments", rec->kind->plural, (long long)rec->id));
		html_raw(h, "><input type=\"hidden\" name=\"csrf\"");
		html_attr(h, "value", r->csrf);
		html_raw(h, "><label for=\"attachment-file\">");
		html_t(h, N_("Attach a file"));
		html_raw(h, "</label> <input type=\"file\" id=\"attachment-file\" name=\"file\" required aria-describedby=\"attachment-help\"> <button type=\"submit\">");
		html_t(h, N_("Attach"));
		html_raw(h, "</button><p class=\"help\" id=\"attachment-help\">");
		html_message(h, N_("PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, images or emails; at most {} MB."),
			     arena_printf(&r->arena, "%d", ATTACHMENT_MAX_BYTES / (1024 * 1024)));
		html_raw(h, "</p></form>");
	}
	html_raw(h, "</section>");
}

static void transmissions_section(struct html *h, struct request *r, const struct record *rec)
{
	struct viewer v = request_viewer(r);
	struct transmission *list;
	size_t n;
	if (store_transmissions(r->store, &r->arena, &v, rec->kind, rec->id, &list, &n) != STORE_OK)
		return;
	int may = store_may(r->store, &v, rec, ACT_UPDATE) && v.account_id;
	if (n == 0 && !may)
		return;
	html_raw(h, "<section class=\"transmissions\" aria-labelledby=\"transmissions-h\"><h2 id=\"transmissions-h\">");
	html_t(h, N_("Passed to colleagues"));
	html_raw(h, "</h2>");
	if (n) {
		static const char *const headings[] = {N_("Colleague"), N_("Sent"), N_("By"), N_("Message"), N_("Acknowledged")};
		table_open(h, "transmissions", headings, 5);
		for (size_t i = 0; i < n; i++) {
			html_raw(h, "<tr><td>");
			html_text(h, list[i].account_label);
			html_raw(h, "</td><td>");
			html_text(h, display_time(r, list[i].sent_at));
			html_raw(h, "</td><td>");
			html_text(h, list[i].sent_by_label);
			html_raw(h, "</td><td>");
			html_text(h, list[i].message ? list[i].message : "");
			html_raw(h, "</td><td>");
			if (list[i].acknowledged_at) {
				html_text(h, display_time(r, list[i].acknowledged_at));
			} else if (list[i].account_id == v.account_id) {
				post_form_open(h, r, arena_printf(&r->arena, "/transmissions/%lld/acknowledge", (long long)list[i].id), "inline-form");
				html_raw(h, "<button type=\"submit\">");
				html_t(h, N_("Acknowledge"));
				html_raw(h, "</button></form>");
			} else {
				html_t(h, N_("not yet"));
			}
			html_raw(h, "</td></tr>");
		}
		html_raw(h, "</tbody></table>");
	}
	if (may) {
		struct digest_account *accounts;
		size_t na;
		if (store_digest_accounts(r->store, &r->arena, &accounts, &na) != STORE_OK)
			na = 0;
		post_form_open(h, r, arena_printf(&r->arena, "/%s/%lld/transmit", rec->kind->plural, (long long)rec->id), "transmit");
		html_raw(h, "<fieldset><legend>");
		html_t(h, N_("Pass it to"));
		html_raw(h, "</legend>");
		for (size_t i = 0; i < na; i++) {
			if (accounts[i].id == v.account_id)
				continue;
			form_checkbox(h, "accounts", arena_printf(&r->arena, "%lld", (long long)accounts[i].id), accounts[i].name, NULL);
		}
		html_raw(h, "</fieldset><label for=\"transmit-message\">");
		html_t(h, N_("Message (optional)"));
		html_raw(h, "</label><input type=\"text\" id=\"transmit-message\" name=\"message\" maxlength=\"2000\"> <button type=\"submit\">");
		html_t(h, N_("Pass it on"));
		html_raw(h, "</button></form>");
	}
	html_raw(h, "</section>");
}

void activity_sections(struct html *h, struct request *r, const struct record *rec)
{
	if (rec->deleted_at || !store_viewer_is_team(&r->viewer))
		return;
	if (store_kind_takes_files(rec->kind)) {
		attachments_section(h, r, rec);
		transmissions_section(h, r, rec);
	}
}

/* Is the follow-up open and its due date before today? */
static int overdue(const struct record *f, const char *today)
{
	const char *status = record_get_by_name(f, "status"), *due = record_get_by_name(f, "due_date");
	return status && due && (strcmp(status, "open") == 0 || strcmp(status, "in_progress") == 0) && strcmp(due, today) < 0;
}

static void timeline_item(struct html *h, struct request *r, const struct timeline_item *it, const char *today)
{
	const struct field *df = model_field(it->kind, it->kind->timeline_date);
	html_raw(h, "<li");
	if (it->kind == &model_followup && overdue(it->record, today))
		html_raw(h, " class=\"overdue\"");
	html_raw(h, "><span class=\"when\">");
	html_text(h, display_value(r, df, it->date));
	html_raw(h, "</span> <span class=\"kind\">");
	html_t(h, it->kind->label);
	html_raw(h, "</span> <a");
	html_attr_url(h, "href", arena_printf(&r->arena, "/%s/%lld", it->kind->plural, (long long)it->id));
	html_raw(h, ">");
	html_text(h, it->title);
	html_raw(h, "</a>");
	if (it->state) {
		const struct field *sf = model_field(it->kind, it->kind->workflow ? it->kind->workflow->state_field : "status");
		html_raw(h, " <span class=\"badge\">");
		html_text(h, display_value(r, sf, it->state));
		html_raw(h, "</span>");
	}
	html_raw(h, "</li>");
}

/* Does any kind on timelines refer to kind k? */
static int has_timeline(const struct kind *k)
{
	size_t nk;
	const struct kind *const *kinds = model_kinds(&nk);
	for (size_t i = 0; i < nk; i++)
		for (size_t f = 0; kinds[i]->timeline_date && f < kinds[i]->nfields; f++)
			if (kinds[i]->fields[f].type == FT_REF && kinds[i]->fields[f].ref && strcmp(kinds[i]->fields[f].ref, k->name) == 0)
				return 1;
	return 0;
}

void activity_side(struct html *h, struct request *r, const struct record *rec)
{
	struct viewer v = request_viewer(r);
	workflow_panel(h, r, rec);
	if (!has_timeline(rec->kind) || v.role == ROLE_ANONYMOUS)
		return;
	/* "Last contact" and "pending" speak of partners and groups. */
	int partner = rec->kind == &model_organization || rec->kind == &model_person || rec->kind == &model_working_group;
	struct timeline_item *items;
	size_t n;
	if (rec->deleted_at || store_timeline(r->store, &r->arena, &v, rec->kind, rec->id, 200, &items, &n) != STORE_OK)
		return;
	char today[11];
	clock_today(today);
	/* The last contact: the latest interaction not in the future. */
	const struct timeline_item *last = NULL;
	size_t pending = 0;
	for (size_t i = 0; i < n; i++) {
		if (!last && items[i].kind == &model_interaction && items[i].date && strncmp(items[i].date, today, 10) <= 0)
			last = &items[i];
		const char *st = items[i].kind == &model_followup ? record_get_by_name(items[i].record, "status") : NULL;
		if (st && (strcmp(st, "open") == 0 || strcmp(st, "in_progress") == 0))
			pending++;
	}
	int may_add = permission_allows(v.role, &model_interaction, ACT_CREATE) && partner;
	if (n == 0 && !may_add)
		return;
	html_raw(h, "<section class=\"timeline\" aria-labelledby=\"timeline-h\"><h2 id=\"timeline-h\">");
	html_t(h, N_("Timeline"));
	html_raw(h, "</h2>");
	if (partner) {
		html_raw(h, "<p class=\"summary\">");
		html_t(h, N_("Last contact"));
		html_t(h, N_(": "));
		if (last) {
			html_raw(h, "<a");
			html_attr_url(h, "href", arena_printf(&r->arena, "/interactions/%lld", (long long)last->id));
			html_raw(h, ">");
			html_text(h, display_value(r, model_field(&model_interaction, "starts_at"), last->date));
			html_raw(h, "</a>");
		} else {
			html_t(h, N_("none yet"));
		}
		html_raw(h, " · ");
		html_message(h, N_("Pending with them: {}"), arena_printf(&r->arena, "%zu", pending));
		html_raw(h, "</p>");
	}
	if (may_add) {
		const char *field = rec->kind == &model_organization ? "organizations" : rec->kind == &model_person ? "people" : "working_group";
		html_raw(h, "<p><a class=\"button\"");
		html_attr_url(h, "href", arena_printf(&r->arena, "/interactions/new?%s=%lld", field, (long long)rec->id));
		html_raw(h, ">");
		html_t(h, N_("Record an interaction"));
		html_raw(h, "</a></p>");
	}
	/* What is ahead, soonest first; then what happened, newest first. */
	size_t ahead = 0;
	while (ahead < n && items[ahead].date && strncmp(items[ahead].date, today, 10) > 0)
		ahead++;
	if (ahead) {
		html_raw(h, "<h3>");
		html_t(h, N_("Ahead"));
		html_raw(h, "</h3><ol class=\"timeline-items\">");
		for (size_t i = ahead; i > 0; i--)
			timeline_item(h, r, &items[i - 1], today);
		html_raw(h, "</ol>");
	}
	if (ahead < n) {
		html_raw(h, "<h3>");
		html_t(h, N_("Past"));
		html_raw(h, "</h3><ol class=\"timeline-items\">");
		for (size_t i = ahead; i < n; i++)
			timeline_item(h, r, &items[i], today);
		html_raw(h, "</ol>");
	}
	html_raw(h, "</section>");
}

/* ---- POST /:kind/:id/attachments, GET /attachments/:id, POST /attachments/:id/delete */

/* Check and store the uploaded file; 0, or -1 after the response. */
static int attach_upload(struct request *r, const struct kind *k, int64_t id, int64_t *attachment_id,
			 struct field_errors *errors)
{
	const struct upload *u = &r->upload;
	if (!u->present || u->data.len == 0) {
		field_errors_add(errors, "file", N_("Choose a file."), NULL);
		return STORE_INVALID;
	}
	if (u->data.len > ATTACHMENT_MAX_BYTES) {
		field_errors_add(errors, "file", N_("The file is too large: at most {} MB."),
				 arena_printf(&r->arena, "%d", ATTACHMENT_MAX_BYTES / (1024 * 1024)));
		return STORE_INVALID;
	}
	const char *detected = NULL;
	const struct filetype *t = filetype_sniff(u->data.data, u->data.len, &detected);
	if (!t) {
		field_errors_add(errors, "file", N_("This kind of file is not accepted ({}): PDF, office documents, text, images and emails are."),
				 detected ? detected : "?");
		return STORE_INVALID;
	}
	struct buf text = BUF_INIT;
	char err[200];
	if (t->extractable && extract_text(t, u->data.data, u->data.len, &text, 1 << 20, err, sizeof(err)) != 0)
		buf_reset(&text); /* a damaged document is kept, only not searchable */
	struct viewer v = request_viewer(r);
	int rc = store_attach(r->store, &r->arena, &v, k, id, u->filename, t->mime, u->data.data, u->data.len,
			      text.len ? buf_str(&text) : NULL, attachment_id, errors);
	buf_release(&text);
	return rc;
}

void view_attach(struct request *r, const struct route_match *m)
{
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	int64_t id;
	int rc = attach_upload(r, m->kind, m->id, &id, &errors);
	if (rc == STORE_OK) {
		response_redirect(r, arena_printf(&r->arena, "/%s/%lld#attachments-h", m->kind->plural, (long long)m->id));
		return;
	}
	if (rc == STORE_ERROR || (rc != STORE_INVALID && errors.count == 0)) {
		view_store_failure(r, rc);
		return;
	}
	const char *detail = errors.items[0].detail;
	if (rc == STORE_CONFLICT && m->kind->workflow && detail)
		detail = i18n_gettext(r->lang, workflow_state_label(m->kind, detail));
	record_page(r, m, rc == STORE_CONFLICT ? 409 : rc == STORE_FORBIDDEN ? 403 : 422, errors.items[0].message, detail);
}

void api_attach(struct request *r, const struct route_match *m)
{
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	int64_t id;
	int rc = attach_upload(r, m->kind, m->id, &id, &errors);
	if (rc == STORE_INVALID || (rc == STORE_CONFLICT && errors.count)) {
		router_problem(r, rc == STORE_CONFLICT ? 409 : 422, N_("The file was not attached."), &errors);
		return;
	}
	if (rc != STORE_OK) {
		api_store_failure(r, rc, &errors);
		return;
	}
	response_header(r, "Location", arena_printf(&r->arena, "/attachments/%lld", (long long)id));
	api_send_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

void api_attachments(struct request *r, const struct route_match *m)
{
	struct viewer v = request_viewer(r);
	struct attachment *list;
	size_t n;
	int rc = store_attachments(r->store, &r->arena, &v, m->kind, m->id, &list, &n);
	if (rc != STORE_OK) {
		api_store_failure(r, rc, NULL);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)list[i].id,
						       "filename", list[i].filename, "type", list[i].mime, "size",
						       (json_int_t)list[i].size, "sha256", list[i].sha256, "created_at",
						       list[i].created_at, "href",
						       arena_printf(&r->arena, "/attachments/%lld", (long long)list[i].id)));
	api_send_json(r, 200, json_pack("{s:o}", "items", items));
}

void view_attachment_download(struct request *r, const struct route_match *m)
{
	struct viewer v = request_viewer(r);
	struct attachment att;
	const void *data;
	size_t len;
	int rc = store_attachment_read(r->store, &r->arena, &v, m->id, &att, &data, &len);
	if (rc != STORE_OK) {
		router_error(r, rc == STORE_NOT_FOUND ? 404 : 500, NULL,
			     rc == STORE_NOT_FOUND ? N_("There is no such file, or you may not see it.")
						   : N_("The database could not answer. Try again."));
		return;
	}
	r->res.status = 200;
	r->res.content_type = att.mime;
	buf_reset(&r->res.body);
	buf_append(&r->res.body, data, len);
	response_header(r, "Content-Disposition", content_disposition(r, att.filename));
	response_header(r, "Cache-Control", "private, no-store");
}

void view_detach(struct request *r, const struct route_match *m)
{
	struct viewer v = request_viewer(r);
	struct attachment att;
	const void *data;
	size_t len;
	int rc = store_attachment_read(r->store, &r->arena, &v, m->id, &att, &data, &len);
	if (rc == STORE_OK)
		rc = store_detach(r->store, &r->arena, &v, m->id);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	const struct kind *k = model_kind(att.kind);
	response_redirect(r, arena_printf(&r->arena, "/%s/%lld#attachments-h", k->plural, (long long)att.record_id));
}

/* ---- POST /:kind/:id/transmit, POST /transmissions/:id/acknowledge */

void view_transmit(struct request *r, const struct route_match *m)
{
	size_t n = 0;
	int64_t *ids = arena_alloc(&r->arena, (r->form.count + 1) * sizeof(*ids));
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	for (size_t i = 0; i < r->form.count; i++) {
		if (strcmp(r->form.items[i].name, "accounts") != 0)
			continue;
		char *end;
		long long id = strtoll(r->form.items[i].value, &end, 10);
		if (id <= 0 || *end)
			field_errors_add(&errors, "accounts", N_("No such record: {}."), r->form.items[i].value);
		else
			ids[n++] = id;
	}
	struct viewer v = request_viewer(r);
	int rc = errors.count ? STORE_INVALID
			      : store_transmit(r->store, &r->arena, &v, m->kind, m->id, ids, n, params_get(&r->form, "message"), &errors);
	if (rc == STORE_OK) {
		response_redirect(r, arena_printf(&r->arena, "/%s/%lld#transmissions-h", m->kind->plural, (long long)m->id));
		return;
	}
	if (rc != STORE_INVALID) {
		view_store_failure(r, rc);
		return;
	}
	record_page(r, m, 422, errors.items[0].message, errors.items[0].detail);
}

void view_acknowledge(struct request *r, const struct route_match *m)
{
	struct viewer v = request_viewer(r);
	int rc = store_acknowledge(r->store, &v, m->id);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	const char *back = params_get(&r->form, "back");
	response_redirect(r, back && back[0] == '/' && back[1] != '/' ? back : "/desk");
}
