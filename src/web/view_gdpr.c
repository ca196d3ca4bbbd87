/*
 * view_gdpr.c - personal data (GDPR): the register of processing,
 * generated from the declarations' personal-data flags; everything held
 * about one person (readable page and JSON); erasure; the people to review
 * for retention.
 */
#include "web/views.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/clock.h"
#include "io/json_record.h"
#include "store/gdpr.h"
#include "store/history.h"

void gdpr_register_page(struct request *r, const struct route_match *m)
{
	(void)m;
	struct html h = page_writer(r);
	page_begin(&h, r, T(&h, N_("Personal data")));
	html_raw(&h, "<h1>");
	html_t(&h, N_("Personal data: register of processing"));
	html_raw(&h, "</h1><p>");
	html_t(&h, N_("Passerelle keeps the contacts of the partners of a cooperation network, to work with them: who they are, where they work, how to reach them. Here is what it holds, why, and for how long."));
	html_raw(&h, "</p>");
	size_t nk;
	const struct kind *const *kinds = model_kinds(&nk);
	for (size_t i = 0; i < nk; i++) {
		const struct kind *k = kinds[i];
		int any = 0;
		for (size_t f = 0; f < k->nfields; f++)
			any |= (k->fields[f].flags & F_PERSONAL) != 0;
		if (!any)
			continue;
		html_raw(&h, "<section class=\"related\"><h2>");
		html_t(&h, k->label_plural);
		html_raw(&h, "</h2><p>");
		html_t(&h, N_("Personal data held:"));
		html_raw(&h, "</p><ul>");
		for (size_t f = 0; f < k->nfields; f++)
			if (k->fields[f].flags & F_PERSONAL) {
				html_raw(&h, "<li>");
				html_t(&h, k->fields[f].label);
				html_raw(&h, "</li>");
			}
		html_raw(&h, "</ul><p>");
		html_t(&h, k == &model_person
			? N_("Legal basis: the legitimate interest of the network, or the person's consent, recorded with its date on each person. Recipients: the accounts allowed to see the record (its visibility). Retention: people without any change for the review period are listed for review, then erased or kept with a reason.")
			: N_("Legal basis: the performance of the service (an account is needed to work in Passerelle). Recipients: administrators. Retention: as long as the account exists."));
		html_raw(&h, "</p></section>");
	}
	html_raw(&h, "<section class=\"related\"><h2>");
	html_t(&h, N_("Your rights"));
	html_raw(&h, "</h2><p>");
	html_t(&h, N_("Anyone may ask to see, correct or erase what is held about them: ask the team that runs this Passerelle. The history of every change is kept, tamper-evident; an erasure removes the person's data from it too."));
	html_raw(&h, "</p><p>");
	html_message(&h, N_("Review period: {} years without any change."), arena_printf(&r->arena, "%d", gdpr_retention_years()));
	html_raw(&h, "</p></section>");
	page_end(&h, r);
}

void gdpr_retention_page(struct request *r, const struct route_match *m)
{
	(void)m;
	int years = gdpr_retention_years();
	char before[21];
	clock_iso(clock_now() - (int64_t)years * 365 * 86400, before);
	struct record **people;
	size_t n;
	if (gdpr_stale_people(r->store, &r->arena, &r->viewer, before, 200, &people, &n) != STORE_OK) {
		view_error_page(r, 500, N_("The database could not answer. Try again."));
		return;
	}
	struct html h = page_writer(r);
	page_begin(&h, r, T(&h, N_("Retention review")));
	html_raw(&h, "<h1>");
	html_t(&h, N_("Retention review"));
	html_raw(&h, "</h1><p>");
	html_message(&h, N_("People with no change to their record or positions for {} years. Review each: update it if the contact is still useful, or erase it."),
		     arena_printf(&r->arena, "%d", years));
	html_raw(&h, "</p>");
	if (!n) {
		html_raw(&h, "<p class=\"empty\">");
		html_t(&h, N_("Nobody to review."));
		html_raw(&h, "</p>");
	} else {
		static const char *const headings[] = {N_("Person"), N_("Updated"), N_("Legal basis for keeping these data")};
		table_open(&h, "records", headings, 3);
		const struct field *basis = model_field(&model_person, "legal_basis");
		for (size_t i = 0; i < n; i++) {
			html_raw(&h, "<tr><th scope=\"row\"><a");
			html_attr_url(&h, "href", arena_printf(&r->arena, "/people/%lld", (long long)people[i]->id));
			html_raw(&h, ">");
			html_text(&h, record_title(people[i]));
			html_raw(&h, "</a></th><td>");
			html_text(&h, people[i]->updated_at);
			html_raw(&h, "</td><td>");
			html_text(&h, display_value(r, basis, record_get_by_name(people[i], "legal_basis")));
			html_raw(&h, "</td></tr>");
		}
		html_raw(&h, "</tbody></table>");
	}
	page_end(&h, r);
}

/* Everything held about person id, as JSON: the record, its positions
 * with their organisations, and the history of both. */
static json_t *person_data(struct request *r, int64_t id, int *status)
{
	struct record *p;
	int rc = store_get(r->store, &r->arena, &r->viewer, &model_person, id, 1, &p);
	if (rc != STORE_OK) {
		*status = rc;
		return NULL;
	}
	json_t *o = json_object();
	json_object_set_new(o, "person", json_from_record(p));
	struct store_query q = {.limit = 200};
	q.filters[0] = (struct store_filter){"person", arena_printf(&r->arena, "%lld", (long long)id)};
	q.nfilters = 1;
	struct store_page page = {0};
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	json_t *positions = json_array(), *history = json_array();
	if (store_list(r->store, &r->arena, &r->viewer, &model_position, &q, &page, &errors) == STORE_OK)
		for (size_t i = 0; i < page.count; i++) {
			json_t *pj = json_from_record(page.items[i]);
			const char *org = store_title(r->store, &r->arena, &r->viewer, &model_organization,
						      strtoll(record_get_by_name(page.items[i], "organization"), NULL, 10));
			json_object_set_new(pj, "organization_name", org ? json_string(org) : json_null());
			json_array_append_new(positions, pj);
		}
	json_object_set_new(o, "positions", positions);
	for (size_t k = 0; k <= page.count; k++) {
		const struct kind *kind = k == 0 ? &model_person : &model_position;
		int64_t rid = k == 0 ? id : page.items[k - 1]->id;
		struct history_entry *entries;
		size_t n;
		if (store_history(r->store, &r->arena, &r->viewer, kind, rid, &entries, &n) != STORE_OK)
			continue;
		for (size_t i = 0; i < n; i++) {
			json_t *changes = json_object();
			for (size_t c = 0; c < entries[i].nchanges; c++) {
				json_t *old = json_loads(entries[i].changes[c].old_json, JSON_DECODE_ANY, NULL);
				json_t *new_ = json_loads(entries[i].changes[c].new_json, JSON_DECODE_ANY, NULL);
				json_object_set_new(changes, entries[i].changes[c].field,
						    json_pack("{s:o, s:o, s:b}", "old", old ? old : json_null(), "new",
							      new_ ? new_ : json_null(), "erased", entries[i].changes[c].erased));
			}
			json_array_append_new(history, json_pack("{s:s, s:I, s:s, s:s, s:s, s:o}", "kind", kind->name, "record_id",
								 (json_int_t)rid, "at", entries[i].at, "actor", entries[i].actor,
								 "action", entries[i].action, "changes", changes));
		}
	}
	json_object_set_new(o, "history", history);
	char now[21];
	clock_now_iso(now);
	json_object_set_new(o, "exported_at", json_string(now));
	return o;
}

void gdpr_person_json(struct request *r, const struct route_match *m)
{
	int status = 0;
	json_t *o = person_data(r, m->id, &status);
	if (!o) {
		view_store_failure(r, status);
		return;
	}
	char *text = json_dumps(o, JSON_INDENT(2));
	json_decref(o);
	r->res.content_type = "application/json";
	response_header(r, "Content-Disposition", arena_printf(&r->arena, "attachment; filename=\"person-%lld.json\"", (long long)m->id));
	buf_puts(&r->res.body, text ? text : "{}");
	free(text);
}

void gdpr_person_report(struct request *r, const struct route_match *m)
{
	int status = 0;
	json_t *o = person_data(r, m->id, &status);
	if (!o) {
		view_store_failure(r, status);
		return;
	}
	struct html h = page_writer(r);
	const char *title = store_title(r->store, &r->arena, &r->viewer, &model_person, m->id);
	page_begin(&h, r, T(&h, N_("Everything about this person")));
	html_raw(&h, "<h1>");
	html_t(&h, N_("Everything about this person"));
	html_t(&h, N_(": "));
	html_text(&h, title ? title : "");
	html_raw(&h, "</h1><p><a");
	html_attr_url(&h, "href", arena_printf(&r->arena, "/people/%lld/data.json", (long long)m->id));
	html_raw(&h, ">");
	html_t(&h, N_("Download as JSON"));
	html_raw(&h, "</a></p><pre class=\"data-report\">");
	char *text = json_dumps(o, JSON_INDENT(2));
	html_text(&h, text);
	free(text);
	json_decref(o);
	html_raw(&h, "</pre>");
	page_end(&h, r);
}

void gdpr_erase_confirm(struct request *r, const struct route_match *m)
{
	const char *title = store_title(r->store, &r->arena, &r->viewer, &model_person, m->id);
	if (!title) {
		view_store_failure(r, STORE_NOT_FOUND);
		return;
	}
	struct html h = page_writer(r);
	page_begin(&h, r, T(&h, N_("Erase personal data")));
	html_raw(&h, "<h1>");
	html_t(&h, N_("Erase personal data"));
	html_t(&h, N_(": "));
	html_text(&h, title);
	html_raw(&h, "</h1><p class=\"notice warning\">");
	html_t(&h, N_("Names, emails, phones, languages and notes are erased everywhere, the history included. Positions stay, without the name. This cannot be undone."));
	html_raw(&h, "</p>");
	post_form_open(&h, r, arena_printf(&r->arena, "/people/%lld/erase", (long long)m->id), NULL);
	html_raw(&h, "<button type=\"submit\" class=\"danger\">");
	html_t(&h, N_("Erase"));
	html_raw(&h, "</button> <a");
	html_attr_url(&h, "href", arena_printf(&r->arena, "/people/%lld", (long long)m->id));
	html_raw(&h, ">");
	html_t(&h, N_("Cancel"));
	html_raw(&h, "</a></form>");
	page_end(&h, r);
}

void gdpr_erase_post(struct request *r, const struct route_match *m)
{
	int rc = gdpr_erase_person(r->store, &r->viewer, m->id);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	response_redirect(r, arena_printf(&r->arena, "/people/%lld?saved=1", (long long)m->id));
}
