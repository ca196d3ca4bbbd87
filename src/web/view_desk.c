/*
 * view_desk.c - the working desk of a signed-in user (/desk): what waits
 * for their validation, their follow-ups due and overdue, what was passed
 * to them to acknowledge, their notes in progress, the register's answers
 * due, the meetings ahead; and the follow-up views "mine" and "overdue"
 * (/follow-ups/mine, /follow-ups/overdue).
 */
#include "web/views.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "store/activity.h"
#include "model/workflow.h"
#include "store/workflow.h"

static void record_link(struct html *h, struct request *r, const struct record *rec)
{
	html_raw(h, "<a");
	html_attr_url(h, "href", arena_printf(&r->arena, "/%s/%lld", rec->kind->plural, (long long)rec->id));
	html_raw(h, ">");
	html_text(h, display_title(r, rec));
	html_raw(h, "</a>");
}

static void field_cell(struct html *h, struct request *r, const struct record *rec, const char *field)
{
	html_raw(h, "<td>");
	html_text(h, display_value(r, model_field(rec->kind, field), record_get_by_name(rec, field)));
	html_raw(h, "</td>");
}

static void section_open(struct html *h, const char *id, const char *msgid, size_t count)
{
	html_raw(h, "<section class=\"desk-box\"");
	html_attr(h, "aria-labelledby", id);
	html_raw(h, "><h2");
	html_attr(h, "id", id);
	html_raw(h, ">");
	html_t(h, msgid);
	html_raw(h, " <span class=\"count\">");
	html_int(h, (long long)count);
	html_raw(h, "</span></h2>");
}

static void empty(struct html *h, const char *msgid)
{
	html_raw(h, "<p class=\"muted\">");
	html_t(h, msgid);
	html_raw(h, "</p>");
}

/* Follow-ups as a table: what, due, status, where they come from. */
static void followups_table(struct html *h, struct request *r, struct record **items, size_t n, const char *today,
			    int with_owner)
{
	static const char *const headings[] = {N_("What"), N_("Due"), N_("Status"), N_("Born from"), N_("Owner")};
	table_open(h, "followups", headings, with_owner ? 5 : 4);
	for (size_t i = 0; i < n; i++) {
		const char *due = record_get_by_name(items[i], "due_date");
		if (due && strcmp(due, today) < 0)
			html_raw(h, "<tr class=\"overdue\"><td>");
		else
			html_raw(h, "<tr><td>");
		record_link(h, r, items[i]);
		html_raw(h, "</td>");
		field_cell(h, r, items[i], "due_date");
		field_cell(h, r, items[i], "status");
		field_cell(h, r, items[i], "interaction");
		if (with_owner)
			field_cell(h, r, items[i], "owner");
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table>");
}

void view_desk(struct request *r, const struct route_match *m)
{
	(void)m;
	struct viewer v = request_viewer(r);
	struct html h = page_writer(r);
	char today[11], week[11];
	clock_today(today);
	clock_local_date(clock_now(), 7, week);
	page_begin(&h, r, T(&h, N_("My desk")));
	html_raw(&h, "<h1>");
	html_t(&h, N_("My desk"));
	html_raw(&h, "</h1><div class=\"desk\">");

	/* What waits for my validation, of every kind with a workflow. */
	size_t nk;
	const struct kind *const *kinds = model_kinds(&nk);
	for (size_t ki = 0; ki < nk; ki++) {
		const struct kind *k = kinds[ki];
		struct record **waiting;
		size_t nwaiting = 0;
		if (!k->workflow || store_workflow_waiting(r->store, &r->arena, &v, k, 50, &waiting, &nwaiting) != STORE_OK ||
		    (!nwaiting && !permission_allows(v.role, k, ACT_VALIDATE)))
			continue;
		section_open(&h, "desk-validate", N_("Waiting for my validation"), nwaiting);
		if (nwaiting) {
			const struct field *typ = model_field(k, "note_type"), *author = model_field(k, k->workflow->author_field);
			const char *headings[] = {k->label, typ ? typ->label : N_("Kind"), author ? author->label : N_("Author"),
						  N_("Waiting since")};
			table_open(&h, "waiting", headings, 4);
			for (size_t i = 0; i < nwaiting; i++) {
				html_raw(&h, "<tr><td>");
				record_link(&h, r, waiting[i]);
				html_raw(&h, "</td><td>");
				if (typ)
					html_text(&h, display_value(r, typ, record_get(waiting[i], model_field_index(k, "note_type"))));
				else
					html_t(&h, k->label);
				html_raw(&h, "</td>");
				field_cell(&h, r, waiting[i], k->workflow->author_field);
				html_raw(&h, "<td>");
				html_text(&h, display_time(r, waiting[i]->updated_at));
				html_raw(&h, "</td></tr>");
			}
			html_raw(&h, "</tbody></table>");
		} else {
			empty(&h, N_("Nothing waits for you."));
		}
		html_raw(&h, "</section>");
	}

	struct record **due;
	size_t ndue = 0;
	if (store_followups_due(r->store, &r->arena, &v, v.account_id, week, 50, &due, &ndue) == STORE_OK) {
		section_open(&h, "desk-followups", N_("My follow-ups due within a week"), ndue);
		if (ndue)
			followups_table(&h, r, due, ndue, today, 0);
		else
			empty(&h, N_("No follow-up due within a week."));
		html_raw(&h, "<p><a href=\"/follow-ups/mine\">");
		html_t(&h, N_("All my follow-ups"));
		html_raw(&h, "</a> · <a href=\"/follow-ups/overdue\">");
		html_t(&h, N_("Overdue follow-ups"));
		html_raw(&h, "</a></p></section>");
	}

	struct transmission *ack;
	size_t nack = 0;
	if (store_to_acknowledge(r->store, &r->arena, &v, 50, &ack, &nack) == STORE_OK) {
		section_open(&h, "desk-acknowledge", N_("To acknowledge"), nack);
		if (!nack)
			empty(&h, N_("Nothing to acknowledge."));
		else
			html_raw(&h, "<ul class=\"plain\">");
		for (size_t i = 0; i < nack; i++) {
			const struct kind *k = model_kind(ack[i].kind);
			html_raw(&h, "<li><a");
			html_attr_url(&h, "href", arena_printf(&r->arena, "/%s/%lld", k->plural, (long long)ack[i].record_id));
			html_raw(&h, ">");
			html_text(&h, ack[i].title);
			html_raw(&h, "</a> <span class=\"muted\">");
			html_text(&h, arena_printf(&r->arena, "%s · %s", ack[i].sent_by_label, display_time(r, ack[i].sent_at)));
			html_raw(&h, "</span>");
			if (ack[i].message) {
				html_raw(&h, " — ");
				html_text(&h, ack[i].message);
			}
			post_form_open(&h, r, arena_printf(&r->arena, "/transmissions/%lld/acknowledge", (long long)ack[i].id), "inline-form");
			html_raw(&h, "<button type=\"submit\">");
			html_t(&h, N_("Acknowledge"));
			html_raw(&h, "</button></form></li>");
		}
		if (nack)
			html_raw(&h, "</ul>");
		html_raw(&h, "</section>");
	}

	struct record **answers;
	size_t nanswers = 0;
	if (store_documents_to_answer(r->store, &r->arena, &v, 20, &answers, &nanswers) == STORE_OK && nanswers) {
		section_open(&h, "desk-answers", N_("Documents awaiting an answer"), nanswers);
		static const char *const headings[] = {N_("Document"), N_("Sender (organisation)"), N_("Answer due")};
		table_open(&h, "answers", headings, 3);
		for (size_t i = 0; i < nanswers; i++) {
			const char *d = record_get_by_name(answers[i], "answer_due");
			if (d && strcmp(d, today) < 0)
				html_raw(&h, "<tr class=\"overdue\"><td>");
			else
				html_raw(&h, "<tr><td>");
			record_link(&h, r, answers[i]);
			html_raw(&h, "</td>");
			field_cell(&h, r, answers[i], "sender_organization");
			field_cell(&h, r, answers[i], "answer_due");
			html_raw(&h, "</tr>");
		}
		html_raw(&h, "</tbody></table></section>");
	}

	/* My notes not yet validated: those in each other state, through the
	 * list's filters. */
	if (v.account_id) {
		static const char *const states[] = {"returned", "draft", "submitted"};
		struct record *mine[150];
		size_t n = 0;
		for (size_t st = 0; st < sizeof(states) / sizeof(*states); st++) {
			struct store_query q = {.limit = 50};
			q.filters[q.nfilters++] = (struct store_filter){"author", arena_printf(&r->arena, "%lld", (long long)v.account_id)};
			q.filters[q.nfilters++] = (struct store_filter){"status", states[st]};
			struct store_page page;
			struct field_errors errors;
			field_errors_init(&errors, &r->arena);
			if (store_list(r->store, &r->arena, &v, &model_note, &q, &page, &errors) == STORE_OK)
				for (size_t i = 0; i < page.count && n < sizeof(mine) / sizeof(*mine); i++)
					mine[n++] = page.items[i];
		}
		section_open(&h, "desk-notes", N_("My notes in progress"), n);
		if (!n)
			empty(&h, N_("No note in progress."));
		else
			html_raw(&h, "<ul class=\"plain\">");
		for (size_t i = 0; i < n; i++) {
			const char *state = store_workflow_state(mine[i]);
			html_raw(&h, "<li>");
			record_link(&h, r, mine[i]);
			html_raw(&h, " <span class=\"badge\" ");
			html_attr(&h, "data-state", state);
			html_raw(&h, ">");
			html_t(&h, workflow_state_label(&model_note, state));
			html_raw(&h, "</span></li>");
		}
		if (n)
			html_raw(&h, "</ul>");
		html_raw(&h, "<p><a class=\"button\" href=\"/notes/new\">");
		html_t(&h, N_("Write a note"));
		html_raw(&h, "</a></p></section>");
	}
	html_raw(&h, "</div>");
	page_end(&h, r);
}

/* A page of follow-ups: mine (open and in progress, all dates) or overdue
 * (everyone's the viewer may see). */
static void followups_page(struct request *r, int mine)
{
	struct viewer v = request_viewer(r);
	struct html h = page_writer(r);
	char today[11], yesterday[11];
	clock_today(today);
	clock_local_date(clock_now(), -1, yesterday);
	const char *title = mine ? N_("My follow-ups") : N_("Overdue follow-ups");
	page_begin(&h, r, T(&h, title));
	html_raw(&h, "<h1>");
	html_t(&h, title);
	html_raw(&h, "</h1><p class=\"tabs\"><a href=\"/follow-ups/mine\"");
	if (mine)
		html_raw(&h, " aria-current=\"page\">");
	else
		html_raw(&h, ">");
	html_t(&h, N_("My follow-ups"));
	html_raw(&h, "</a> <a href=\"/follow-ups/overdue\"");
	if (mine)
		html_raw(&h, ">");
	else
		html_raw(&h, " aria-current=\"page\">");
	html_t(&h, N_("Overdue follow-ups"));
	html_raw(&h, "</a> <a href=\"/follow-ups\">");
	html_t(&h, N_("All follow-ups"));
	html_raw(&h, "</a> <a class=\"button\" href=\"/follow-ups/new\">");
	html_t(&h, N_("New follow-up"));
	html_raw(&h, "</a></p>");
	struct record **items = NULL;
	size_t n = 0;
	int rc;
	if (mine) {
		rc = store_followups_due(r->store, &r->arena, &v, v.account_id, NULL, 500, &items, &n);
	} else {
		/* Every owner's: the desk of a team lead. */
		rc = store_followups_due(r->store, &r->arena, &v, 0, yesterday, 1000, &items, &n);
	}
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	if (n)
		followups_table(&h, r, items, n, today, !mine);
	else
		empty(&h, mine ? N_("No open follow-up.") : N_("No overdue follow-up."));
	page_end(&h, r);
}

void view_followups_mine(struct request *r, const struct route_match *m)
{
	(void)m;
	followups_page(r, 1);
}

void view_followups_overdue(struct request *r, const struct route_match *m)
{
	(void)m;
	followups_page(r, 0);
}
