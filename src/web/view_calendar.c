/*
 * view_calendar.c - calendars: the page where a user makes and revokes
 * secret addresses for their own calendar or a team's (/calendar), the
 * feed such an address serves (/calendar/feed/:token, no session: the
 * token is the key; the feed shows what its maker may see), and one
 * meeting as an .ics file (/interactions/:id/ics).  Meetings keep their
 * time zone; follow-up deadlines are all-day events.
 */
#include "web/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "io/ical.h"
#include "store/activity.h"
#include "store/auth.h"

/* The host named in UIDs: stable for a site (PASSERELLE_PUBLIC_URL's host). */
static const char *uid_host(void)
{
	const char *u = getenv("PASSERELLE_PUBLIC_URL");
	const char *p = u ? strstr(u, "://") : NULL;
	if (!p)
		return "passerelle.invalid";
	static __thread char host[128];
	size_t n = strcspn(p + 3, "/:");
	snprintf(host, sizeof(host), "%.*s", (int)(n < sizeof(host) ? n : sizeof(host) - 1), p + 3);
	return host;
}

/* One record as a calendar item: a meeting in its zone, a follow-up as an
 * all-day deadline. */
static void to_item(struct request *r, const struct record *rec, struct ical_item *it)
{
	memset(it, 0, sizeof(*it));
	it->uid = arena_printf(&r->arena, "%s-%lld@%s", rec->kind->name, (long long)rec->id, uid_host());
	it->stamp = rec->updated_at;
	it->url = arena_printf(&r->arena, "%s/%s/%lld", getenv("PASSERELLE_PUBLIC_URL") ? getenv("PASSERELLE_PUBLIC_URL") : "",
			       rec->kind->plural, (long long)rec->id);
	if (strncmp(it->url, "http", 4) != 0)
		it->url = NULL;
	if (rec->kind == &model_interaction) {
		it->summary = record_title(rec);
		it->start = record_get_by_name(rec, "starts_at");
		it->end = record_get_by_name(rec, "ends_at");
		it->tzid = record_get_by_name(rec, "timezone");
		it->location = record_get_by_name(rec, "place");
		if (!it->location)
			it->location = record_get_by_name(rec, "link");
		it->description = record_get_by_name(rec, "summary");
		it->status = "CONFIRMED";
		it->categories = display_value(r, model_field(rec->kind, "type"), record_get_by_name(rec, "type"));
	} else {
		struct html h = {.lang = r->lang, .arena = &r->arena};
		it->summary = arena_printf(&r->arena, "%s%s%s", T(&h, N_("Due")), T(&h, N_(": ")), record_title(rec));
		it->start = record_get_by_name(rec, "due_date");
		it->description = record_get_by_name(rec, "details");
		it->categories = T(&h, model_followup.label);
	}
}

static void send_calendar(struct request *r, const char *name, struct record **items, size_t n, const char *filename)
{
	struct ical_item *list = arena_alloc(&r->arena, (n + 1) * sizeof(*list));
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (record_get_by_name(items[i], items[i]->kind == &model_interaction ? "starts_at" : "due_date"))
			to_item(r, items[i], &list[m++]);
	struct buf out = BUF_INIT;
	char err[256];
	if (ical_write(&out, name, list, m, err, sizeof(err)) != 0) {
		buf_release(&out);
		fprintf(stderr, "passerelle: calendar: %s\n", err);
		router_error(r, 500, NULL, N_("The calendar could not be written."));
		return;
	}
	r->res.status = 200;
	r->res.content_type = "text/calendar; charset=utf-8";
	buf_reset(&r->res.body);
	buf_append(&r->res.body, out.data, out.len);
	buf_release(&out);
	if (filename)
		response_header(r, "Content-Disposition", content_disposition(r, filename));
	response_header(r, "Cache-Control", "private, max-age=300");
}

void view_interaction_ics(struct request *r, const struct route_match *m)
{
	struct viewer v = request_viewer(r);
	struct record *rec;
	int rc = store_get(r->store, &r->arena, &v, &model_interaction, m->id, 0, &rec);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	send_calendar(r, record_title(rec), &rec, 1, arena_printf(&r->arena, "interaction-%lld.ics", (long long)rec->id));
}

void view_calendar_feed(struct request *r, const struct route_match *m)
{
	const char *token = m->rest;
	size_t len = token ? strlen(token) : 0;
	if (len > 4 && strcmp(token + len - 4, ".ics") == 0)
		token = arena_strndup(&r->arena, token, len - 4);
	struct calendar_feed feed;
	struct auth_account acc;
	if (store_calendar_feed_open(r->store, &r->arena, token, &feed) != STORE_OK ||
	    auth_account_by_id(r->store, &r->arena, feed.account_id, &acc) != AUTH_OK) {
		router_error(r, 404, NULL, N_("This calendar address is unknown or was revoked."));
		return;
	}
	/* A team's feed closes for whoever has left the team. */
	int member = feed.team_id == 0;
	for (size_t i = 0; i < acc.nteams && !member; i++)
		member = acc.teams[i] == feed.team_id;
	if (!member) {
		router_error(r, 404, NULL, N_("This calendar address is unknown or was revoked."));
		return;
	}
	struct viewer v = auth_viewer(&acc, "calendar", r->address);
	char since[11];
	clock_local_date(clock_now(), -90, since);
	struct record **items;
	size_t n;
	if (store_calendar_records(r->store, &r->arena, &v, feed.account_id, feed.team_id, since, &items, &n) != STORE_OK) {
		router_error(r, 500, NULL, N_("The database could not answer. Try again."));
		return;
	}
	send_calendar(r, feed.name, items, n, NULL);
}

/* The calendars page; with `token`, the address just made, shown once
 * (in the page, never in an address that browsers and logs keep). */
static void calendar_page(struct request *r, const char *token)
{
	struct viewer v = request_viewer(r);
	struct html h = page_writer(r);
	page_begin(&h, r, T(&h, N_("Calendars")));
	html_raw(&h, "<h1>");
	html_t(&h, N_("Calendars"));
	html_raw(&h, "</h1><p>");
	html_t(&h, N_("A secret address lets Outlook, Thunderbird or a phone subscribe to your meetings and follow-up deadlines. Anyone who has the address sees what you see in it: revoke it if it leaks."));
	html_raw(&h, "</p>");
	if (token) {
		html_raw(&h, "<div class=\"notice\" role=\"status\"><p>");
		html_t(&h, N_("Your new address, shown once: copy it into your calendar program."));
		html_raw(&h, "</p><p><code class=\"secret\">");
		const char *base = getenv("PASSERELLE_PUBLIC_URL");
		html_text(&h, arena_printf(&r->arena, "%s/calendar/feed/%s.ics", base ? base : "", token));
		html_raw(&h, "</code></p></div>");
	}
	struct calendar_feed *feeds;
	size_t n;
	if (store_calendar_feeds(r->store, &r->arena, &v, &feeds, &n) == STORE_OK && n) {
		static const char *const headings[] = {N_("Name"), N_("Created"), N_("Last used"), N_("State")};
		table_open(&h, "feeds", headings, 4);
		for (size_t i = 0; i < n; i++) {
			html_raw(&h, "<tr><td>");
			html_text(&h, feeds[i].name);
			html_raw(&h, "</td><td>");
			html_text(&h, display_time(r, feeds[i].created_at));
			html_raw(&h, "</td><td>");
			html_text(&h, feeds[i].last_used_at ? display_time(r, feeds[i].last_used_at) : "—");
			html_raw(&h, "</td><td>");
			if (feeds[i].revoked_at) {
				html_t(&h, N_("revoked"));
			} else {
				post_form_open(&h, r, arena_printf(&r->arena, "/calendar/feeds/%lld/revoke", (long long)feeds[i].id), "inline-form");
				html_raw(&h, "<button type=\"submit\" class=\"danger\">");
				html_t(&h, N_("Revoke"));
				html_raw(&h, "</button></form>");
			}
			html_raw(&h, "</td></tr>");
		}
		html_raw(&h, "</tbody></table>");
	}
	html_raw(&h, "<h2>");
	html_t(&h, N_("New address"));
	html_raw(&h, "</h2>");
	post_form_open(&h, r, "/calendar/feeds", "record-form");
	html_raw(&h, "<div class=\"field\"><label for=\"feed-name\">");
	html_t(&h, N_("Name"));
	html_raw(&h, "</label><input id=\"feed-name\" name=\"name\" type=\"text\" required maxlength=\"100\"");
	html_attr(&h, "value", T(&h, N_("My Passerelle calendar")));
	html_raw(&h, "></div><div class=\"field\"><label for=\"feed-team\">");
	html_t(&h, N_("Whose calendar"));
	html_raw(&h, "</label><select id=\"feed-team\" name=\"team\"><option value=\"0\">");
	html_t(&h, N_("Mine"));
	html_raw(&h, "</option>");
	struct viewer system = store_system_viewer("web");
	for (size_t i = 0; i < v.nteams; i++) {
		const char *t = store_title(r->store, &r->arena, &system, &model_team, v.teams[i]);
		html_raw(&h, "<option");
		html_attr(&h, "value", arena_printf(&r->arena, "%lld", (long long)v.teams[i]));
		html_raw(&h, ">");
		html_text(&h, t ? t : "?");
		html_raw(&h, "</option>");
	}
	html_raw(&h, "</select></div><div class=\"actions\"><button type=\"submit\" class=\"primary\">");
	html_t(&h, N_("Make the address"));
	html_raw(&h, "</button></div></form>");
	page_end(&h, r);
}

void view_calendar(struct request *r, const struct route_match *m)
{
	(void)m;
	calendar_page(r, NULL);
}

void view_calendar_feed_create(struct request *r, const struct route_match *m)
{
	(void)m;
	struct viewer v = request_viewer(r);
	const char *team = params_get(&r->form, "team");
	char *end = NULL;
	long long team_id = team && *team ? strtoll(team, &end, 10) : 0;
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	char token[44];
	int rc = (end && *end) || team_id < 0 ? (field_errors_add(&errors, "team", N_("Unknown value: {}."), team), STORE_INVALID)
					       : store_calendar_feed_create(r->store, &v, team_id, params_get(&r->form, "name"), token, NULL, &errors);
	if (rc == STORE_OK) {
		r->res.status = 201;
		response_header(r, "Cache-Control", "no-store");
		calendar_page(r, token);
		return;
	}
	if (rc != STORE_INVALID) {
		view_store_failure(r, rc);
		return;
	}
	struct html h = page_writer(r);
	r->res.status = 422;
	page_begin(&h, r, T(&h, N_("Calendars")));
	html_raw(&h, "<p class=\"error\" role=\"alert\">");
	html_message(&h, errors.items[0].message, errors.items[0].detail);
	html_raw(&h, "</p><p><a href=\"/calendar\">");
	html_t(&h, N_("Back"));
	html_raw(&h, "</a></p>");
	page_end(&h, r);
}

void view_calendar_feed_revoke(struct request *r, const struct route_match *m)
{
	struct viewer v = request_viewer(r);
	int rc = store_calendar_feed_revoke(r->store, &v, m->id);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	response_redirect(r, "/calendar");
}
