/*
 * view_workflow.c - the workflow of any kind that declares one, as the
 * record page shows it (state, the actions the viewer may take with their
 * comment and recipients, every step with its version, who received the
 * record), the POST of an action from that page, and the same through the
 * API: POST /api/v1/:kind/:id/transitions/:name (409 when the action is
 * not possible in the record's state) and GET /api/v1/:kind/:id/steps.
 */
#include "web/views.h"
#include "web/form.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "io/json_record.h"
#include "store/activity.h"
#include "store/workflow.h"

const char *workflow_state_label(const struct kind *k, const char *state)
{
	const struct field *f = model_field(k, k->workflow->state_field);
	const struct enum_value *e = f ? model_enum_value(f->enumeration, state) : NULL;
	return e ? e->label : state;
}

static const char *transition_label(const struct kind *k, const char *name)
{
	const struct workflow_transition *t = workflow_transition(k->workflow, name);
	return t ? t->label : name;
}

/* A name of a reference field's record, or NULL. */
static const char *ref_title(struct request *r, const struct record *rec, const char *field)
{
	const struct field *f = field ? model_field(rec->kind, field) : NULL;
	const char *id = field ? record_get_by_name(rec, field) : NULL;
	if (!f || !id)
		return NULL;
	struct viewer system = store_system_viewer("web");
	return store_title(r->store, &r->arena, &system, model_kind(f->ref), strtoll(id, NULL, 10));
}

/* The recipients offered for a distribution: the accounts, then the
 * people the record names and those with a position at the organisations
 * it names, with an email each. */
static void recipients_field(struct html *h, struct request *r, const struct record *rec)
{
	html_raw(h, "<fieldset class=\"recipients\"><legend>");
	html_t(h, N_("Recipients"));
	html_raw(h, "</legend><p class=\"help\">");
	html_t(h, N_("Each recipient is recorded; those with an email address receive the note by email."));
	html_raw(h, "</p>");
	struct digest_account *accounts;
	size_t naccounts;
	if (store_digest_accounts(r->store, &r->arena, &accounts, &naccounts) == STORE_OK)
		for (size_t i = 0; i < naccounts; i++)
			form_checkbox(h, "recipients", arena_printf(&r->arena, "account:%lld", (long long)accounts[i].id),
				      accounts[i].name, accounts[i].email);
	/* The people the record names, then those holding a position at the
	 * organisations it names; each once. */
	struct viewer v = request_viewer(r);
	int64_t seen[400];
	size_t nseen = 0;
	int pi = model_field_index(rec->kind, "people"), oi = model_field_index(rec->kind, "organizations");
	for (size_t j = 0; pi >= 0 && j < rec->values[pi].count && nseen < 400; j++)
		seen[nseen++] = strtoll(rec->values[pi].items[j].text, NULL, 10);
	for (size_t j = 0; oi >= 0 && j < rec->values[oi].count; j++) {
		struct store_query q = {.limit = 100};
		q.filters[q.nfilters++] = (struct store_filter){"organization", rec->values[oi].items[j].text};
		struct store_page page;
		struct field_errors errors;
		field_errors_init(&errors, &r->arena);
		if (store_list(r->store, &r->arena, &v, &model_position, &q, &page, &errors) != STORE_OK)
			continue;
		for (size_t p = 0; p < page.count && nseen < 400; p++) {
			const char *person = record_get_by_name(page.items[p], "person");
			int64_t id = person ? strtoll(person, NULL, 10) : 0;
			int dup = !id || record_get_by_name(page.items[p], "end_date") != NULL;
			for (size_t x = 0; x < nseen && !dup; x++)
				dup = seen[x] == id;
			if (!dup)
				seen[nseen++] = id;
		}
	}
	for (size_t j = 0; j < nseen; j++) {
		const char *title = store_title(r->store, &r->arena, &v, &model_person, seen[j]);
		if (!title)
			continue;
		form_checkbox(h, "recipients", arena_printf(&r->arena, "person:%lld", (long long)seen[j]), title, NULL);
	}
	html_raw(h, "</fieldset>");
}

static void action_form(struct html *h, struct request *r, const struct record *rec, const struct workflow_transition *t)
{
	const struct kind *k = rec->kind;
	post_form_open(h, r, arena_printf(&r->arena, "/%s/%lld/actions/%s", k->plural, (long long)rec->id, t->name),
		       "workflow-action");
	if (t->flags & (WT_COMMENT | WT_COMMENT_REQUIRED)) {
		const char *id = arena_printf(&r->arena, "comment-%s", t->name);
		html_raw(h, "<label");
		html_attr(h, "for", id);
		html_raw(h, ">");
		html_message(h, (t->flags & WT_COMMENT_REQUIRED) ? N_("Comment on “{}” (required)") : N_("Comment on “{}” (optional)"),
			     T(h, t->label));
		html_raw(h, "</label><textarea name=\"comment\" rows=\"2\"");
		html_attr(h, "id", id);
		if (t->flags & WT_COMMENT_REQUIRED)
			html_raw(h, " required");
		html_raw(h, "></textarea>");
	}
	if (t->flags & WT_RECIPIENTS)
		recipients_field(h, r, rec);
	html_raw(h, "<button type=\"submit\"");
	html_attr(h, "class", strcmp(t->name, "validate") == 0 ? "primary" : NULL);
	html_attr(h, "data-action", t->name);
	html_raw(h, ">");
	html_t(h, t->label);
	html_raw(h, "</button></form>");
}

static void steps_list(struct html *h, struct request *r, const struct record *rec)
{
	struct viewer v = request_viewer(r);
	struct workflow_step *steps;
	size_t n;
	if (store_workflow_steps(r->store, &r->arena, &v, rec->kind, rec->id, &steps, &n) != STORE_OK || n == 0)
		return;
	int history = permission_allows(v.role, rec->kind, ACT_HISTORY);
	html_raw(h, "<h3>");
	html_t(h, N_("Steps"));
	html_raw(h, "</h3><ol class=\"steps\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(h, "<li><span class=\"when\">");
		html_text(h, display_time(r, steps[i].at));
		html_raw(h, "</span> <strong>");
		html_text(h, steps[i].actor);
		html_raw(h, "</strong> · ");
		html_t(h, transition_label(rec->kind, steps[i].transition));
		html_raw(h, " → ");
		html_t(h, workflow_state_label(rec->kind, steps[i].to_state));
		if (history && steps[i].history_id) {
			html_raw(h, " · <a");
			html_attr_url(h, "href", arena_printf(&r->arena, "/%s/%lld/history#entry-%lld", rec->kind->plural,
							      (long long)rec->id, (long long)steps[i].history_id));
			html_raw(h, ">");
			html_t(h, N_("this version"));
			html_raw(h, "</a>");
		}
		if (steps[i].comment) {
			html_raw(h, "<blockquote class=\"comment\">");
			html_text(h, steps[i].comment);
			html_raw(h, "</blockquote>");
		}
		html_raw(h, "</li>");
	}
	html_raw(h, "</ol>");
}

static void distribution_list(struct html *h, struct request *r, const struct record *rec)
{
	struct viewer v = request_viewer(r);
	struct distribution *d;
	size_t n;
	if (store_distributions(r->store, &r->arena, &v, rec->kind, rec->id, &d, &n) != STORE_OK || n == 0)
		return;
	html_raw(h, "<h3>");
	html_t(h, N_("Distribution"));
	html_raw(h, "</h3>");
	html_raw(h, "<ul class=\"distribution\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(h, "<li><strong>");
		html_text(h, d[i].label);
		html_raw(h, "</strong> ");
		if (d[i].email) {
			html_raw(h, "<span class=\"muted\">");
			html_text(h, d[i].email);
			html_raw(h, "</span> ");
		}
		html_raw(h, "· ");
		html_text(h, display_time(r, d[i].at));
		html_raw(h, " · ");
		if (d[i].sent_at)
			html_message(h, N_("email left {}"), display_time(r, d[i].sent_at));
		else if (d[i].outbox_id)
			html_t(h, N_("waiting for the mail server"));
		else if (d[i].email)
			html_t(h, N_("recorded, not sent by email"));
		else
			html_t(h, N_("no email: recorded only"));
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul>");
}

void workflow_panel(struct html *h, struct request *r, const struct record *rec)
{
	const struct kind *k = rec->kind;
	const struct workflow *w = k->workflow;
	if (!w || rec->deleted_at || !store_viewer_is_team(&r->viewer))
		return;
	const char *state = store_workflow_state(rec);
	html_raw(h, "<section class=\"workflow\" aria-labelledby=\"workflow-h\"><h2 id=\"workflow-h\">");
	html_t(h, N_("Validation"));
	html_raw(h, "</h2>");
	const char *done = params_get(&r->query, "done");
	const struct workflow_transition *dt = done ? workflow_transition(w, done) : NULL;
	if (dt) {
		html_raw(h, "<p class=\"notice\" role=\"status\">");
		html_t(h, dt->done);
		html_raw(h, "</p>");
	}
	html_raw(h, "<p>");
	html_t(h, N_("Status"));
	html_t(h, N_(": "));
	html_raw(h, "<strong class=\"state\"");
	html_attr(h, "data-state", state);
	html_raw(h, ">");
	html_t(h, workflow_state_label(k, state));
	html_raw(h, "</strong>");
	const char *assignee = ref_title(r, rec, w->assignee_field), *team = ref_title(r, rec, w->assignee_team_field);
	if (assignee || team) {
		html_raw(h, " · ");
		html_t(h, N_("Validator"));
		html_t(h, N_(": "));
		html_text(h, assignee ? assignee : team);
	}
	html_raw(h, "</p><div class=\"workflow-actions\">");
	struct viewer v = request_viewer(r);
	for (size_t i = 0; i < w->ntransitions; i++)
		if (store_workflow_may(r->store, &v, rec, &w->transitions[i], NULL))
			action_form(h, r, rec, &w->transitions[i]);
	html_raw(h, "</div>");
	steps_list(h, r, rec);
	distribution_list(h, r, rec);
	html_raw(h, "</section>");
}

/* The recipients of a form or a JSON array, into the request's arena. */
static const char *const *form_recipients(struct request *r, size_t *n)
{
	const char **list = arena_alloc(&r->arena, (r->form.count + 1) * sizeof(*list));
	*n = 0;
	for (size_t i = 0; i < r->form.count; i++)
		if (strcmp(r->form.items[i].name, "recipients") == 0 && *r->form.items[i].value)
			list[(*n)++] = r->form.items[i].value;
	return list;
}

void view_transition(struct request *r, const struct route_match *m)
{
	const struct kind *k = m->kind;
	if (!k->workflow) {
		view_error_page(r, 404, N_("There is no such page."));
		return;
	}
	struct viewer v = request_viewer(r);
	struct workflow_request q = {.kind = k, .id = m->id, .transition = m->rest, .comment = params_get(&r->form, "comment")};
	q.recipients = form_recipients(r, &q.nrecipients);
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	int64_t step;
	int rc = store_transition(r->store, &r->arena, &v, &q, &step, &errors);
	if (rc == STORE_OK) {
		notify_step(r, k, m->id, step);
		response_redirect(r, arena_printf(&r->arena, "/%s/%lld?done=%s#workflow-h", k->plural, (long long)m->id, m->rest));
		return;
	}
	if (rc == STORE_ERROR || (rc == STORE_NOT_FOUND && errors.count == 0)) {
		view_store_failure(r, rc);
		return;
	}
	/* The record's page again, with what stopped the action. */
	const struct field_error *e = errors.count ? &errors.items[0] : NULL;
	const char *msgid = e ? e->message : N_("Your role does not allow this.");
	const char *detail = e ? e->detail : NULL;
	if (rc == STORE_CONFLICT) {
		msgid = N_("This action is not possible in its present state: “{}”.");
		detail = i18n_gettext(r->lang, workflow_state_label(k, e && e->detail ? e->detail : ""));
	}
	record_page(r, m, rc == STORE_CONFLICT ? 409 : rc == STORE_FORBIDDEN ? 403 : rc == STORE_NOT_FOUND ? 404 : 422,
		    msgid, detail);
}

static json_t *step_json(const struct workflow_step *s)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:I, s:s}", "id", (json_int_t)s->id, "transition",
			 s->transition, "from", s->from_state, "to", s->to_state, "actor", s->actor, "account",
			 s->account_id ? json_integer(s->account_id) : json_null(), "comment",
			 s->comment ? json_string(s->comment) : json_null(), "version", (json_int_t)s->history_id, "at", s->at);
}

void api_transition(struct request *r, const struct route_match *m)
{
	const struct kind *k = m->kind;
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	json_error_t je;
	json_t *body = r->body_len ? json_loadb(r->body, r->body_len, 0, &je) : json_object();
	if (!json_is_object(body)) {
		field_errors_add(&errors, "", N_("The body is not a JSON object."), NULL);
		json_decref(body);
		router_problem(r, 400, N_("Some values are not valid."), &errors);
		return;
	}
	struct workflow_request q = {.kind = k, .id = m->id, .transition = m->rest};
	json_t *comment = json_object_get(body, "comment"), *rcpt = json_object_get(body, "recipients");
	if (comment && !json_is_string(comment) && !json_is_null(comment))
		field_errors_add(&errors, "comment", N_("Give a text."), NULL);
	q.comment = json_is_string(comment) ? arena_strdup(&r->arena, json_string_value(comment)) : NULL;
	if (rcpt && !json_is_array(rcpt))
		field_errors_add(&errors, "recipients", N_("Give a list of \"person:ID\" or \"account:ID\"."), NULL);
	size_t nr = json_is_array(rcpt) ? json_array_size(rcpt) : 0;
	const char **list = arena_alloc(&r->arena, (nr + 1) * sizeof(*list));
	for (size_t i = 0; i < nr; i++) {
		json_t *it = json_array_get(rcpt, i);
		if (!json_is_string(it)) {
			field_errors_add(&errors, "recipients", N_("Give a list of \"person:ID\" or \"account:ID\"."), NULL);
			break;
		}
		list[q.nrecipients++] = arena_strdup(&r->arena, json_string_value(it));
	}
	q.recipients = list;
	json_decref(body);
	if (errors.count) {
		router_problem(r, 400, N_("Some values are not valid."), &errors);
		return;
	}
	if (!k->workflow) {
		router_error(r, 404, NULL, N_("This kind of record has no workflow."));
		return;
	}
	struct viewer v = request_viewer(r);
	int64_t step;
	int rc = store_transition(r->store, &r->arena, &v, &q, &step, &errors);
	if (rc == STORE_CONFLICT) {
		router_problem(r, 409, N_("This action is not possible in the record's present state."), &errors);
		return;
	}
	if (rc == STORE_FORBIDDEN || (rc == STORE_NOT_FOUND && errors.count)) {
		router_problem(r, rc == STORE_FORBIDDEN ? 403 : 404,
			       rc == STORE_FORBIDDEN ? N_("You may not do this.") : N_("Unknown action."), &errors);
		return;
	}
	if (rc != STORE_OK) {
		api_store_failure(r, rc, &errors);
		return;
	}
	notify_step(r, k, m->id, step);
	struct record *rec;
	if (store_get(r->store, &r->arena, &v, k, m->id, 0, &rec) != STORE_OK) {
		api_store_failure(r, STORE_ERROR, NULL);
		return;
	}
	api_send_json(r, 200, json_pack("{s:o, s:I}", "record", json_from_record(rec), "step", (json_int_t)step));
}

void api_steps(struct request *r, const struct route_match *m)
{
	struct viewer v = request_viewer(r);
	struct workflow_step *steps;
	struct distribution *d;
	size_t n, nd;
	int rc = store_workflow_steps(r->store, &r->arena, &v, m->kind, m->id, &steps, &n);
	if (rc == STORE_OK)
		rc = store_distributions(r->store, &r->arena, &v, m->kind, m->id, &d, &nd);
	if (rc != STORE_OK) {
		api_store_failure(r, rc, NULL);
		return;
	}
	json_t *items = json_array(), *dist = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, step_json(&steps[i]));
	for (size_t i = 0; i < nd; i++)
		json_array_append_new(dist, json_pack("{s:I, s:s, s:I, s:s, s:o, s:s, s:o}", "step", (json_int_t)d[i].step_id,
						      "recipient_kind", d[i].recipient_kind, "recipient_id",
						      (json_int_t)d[i].recipient_id, "label", d[i].label, "email",
						      d[i].email ? json_string(d[i].email) : json_null(), "at", d[i].at,
						      "email_sent_at", d[i].sent_at ? json_string(d[i].sent_at) : json_null()));
	api_send_json(r, 200, json_pack("{s:o, s:o}", "steps", items, "distribution", dist));
}
