/*
 * view_roadmap.c - the roadmap (feuille de route) at a glance: each axis
 * with its actions' average progress as a bar, how many are planned, in
 * progress, done, late or abandoned, and each action with its owner,
 * deadline, progress and indicator, and how many interactions, notes,
 * documents and follow-ups carry it out.
 */
#include "web/views.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "store/activity.h"

/* A progress bar as SVG (no script, no inline style). */
static void bar(struct html *h, int percent, const char *label)
{
	if (percent < 0)
		percent = 0;
	if (percent > 100)
		percent = 100;
	html_raw(h, "<svg class=\"bar\" viewBox=\"0 0 100 8\" width=\"160\" height=\"12\" role=\"img\"");
	html_attr(h, "aria-label", label);
	html_raw(h, "><rect width=\"100\" height=\"8\" rx=\"2\" fill=\"#e3e7ec\"/><rect height=\"8\" rx=\"2\" fill=\"#1f6f50\"");
	html_attr(h, "width", arena_printf(h->arena, "%d", percent));
	html_raw(h, "/></svg> ");
	html_text(h, arena_printf(h->arena, "%d %%", percent));
}

static struct store_page actions_of(struct request *r, int64_t axis)
{
	struct viewer v = request_viewer(r);
	struct store_query q = {.limit = STORE_MAX_LIMIT};
	q.filters[q.nfilters++] = (struct store_filter){"axis", arena_printf(&r->arena, "%lld", (long long)axis)};
	struct store_page page = {0};
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	store_list(r->store, &r->arena, &v, &model_roadmap_action, &q, &page, &errors);
	return page;
}

static int progress_of(const struct record *a)
{
	const char *status = record_get_by_name(a, "status"), *p = record_get_by_name(a, "progress");
	if (status && strcmp(status, "done") == 0)
		return 100;
	return p ? atoi(p) : 0;
}

void view_roadmap(struct request *r, const struct route_match *m)
{
	(void)m;
	struct viewer v = request_viewer(r);
	struct store_query q = {.limit = STORE_MAX_LIMIT};
	struct store_page axes;
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	int rc = store_list(r->store, &r->arena, &v, &model_roadmap_axis, &q, &axes, &errors);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	/* Axes in their declared order. */
	for (size_t i = 1; i < axes.count; i++)
		for (size_t j = i; j > 0; j--) {
			const char *a = record_get_by_name(axes.items[j - 1], "number"), *b = record_get_by_name(axes.items[j], "number");
			if ((a ? atoi(a) : 99) <= (b ? atoi(b) : 99))
				break;
			struct record *t = axes.items[j - 1];
			axes.items[j - 1] = axes.items[j];
			axes.items[j] = t;
		}
	char today[11];
	clock_today(today);
	struct html h = page_writer(r);
	page_begin(&h, r, T(&h, N_("Roadmap")));
	html_raw(&h, "<div class=\"page-head\"><h1>");
	html_t(&h, N_("Roadmap"));
	html_raw(&h, "</h1><div class=\"record-actions\">");
	if (permission_allows(v.role, &model_roadmap_action, ACT_CREATE)) {
		html_raw(&h, "<a class=\"button\" href=\"/roadmap-axes/new\">");
		html_t(&h, N_("New axis"));
		html_raw(&h, "</a> <a class=\"button\" href=\"/roadmap-actions/new\">");
		html_t(&h, N_("New action"));
		html_raw(&h, "</a>");
	}
	html_raw(&h, "</div></div>");
	if (axes.count == 0) {
		html_raw(&h, "<p class=\"muted\">");
		html_t(&h, N_("The roadmap has no axis yet."));
		html_raw(&h, "</p>");
	}
	const struct field *status_f = model_field(&model_roadmap_action, "status");
	for (size_t i = 0; i < axes.count; i++) {
		const struct record *axis = axes.items[i];
		struct store_page acts = actions_of(r, axis->id);
		int sum = 0;
		size_t by_status[8] = {0};
		for (size_t j = 0; j < acts.count; j++) {
			sum += progress_of(acts.items[j]);
			const char *st = record_get_by_name(acts.items[j], "status");
			for (size_t e = 0; st && e < model_roadmap_status.count && e < 8; e++)
				by_status[e] += strcmp(model_roadmap_status.values[e].code, st) == 0;
		}
		int avg = acts.count ? sum / (int)acts.count : 0;
		html_raw(&h, "<section class=\"axis\"><h2><a");
		html_attr_url(&h, "href", arena_printf(&r->arena, "/roadmap-axes/%lld", (long long)axis->id));
		html_raw(&h, ">");
		const char *num = record_get_by_name(axis, "number");
		html_text(&h, num ? arena_printf(&r->arena, "%s. %s", num, record_title(axis)) : record_title(axis));
		html_raw(&h, "</a></h2><p class=\"axis-progress\">");
		bar(&h, avg, arena_printf(&r->arena, "%s %d %%", T(&h, N_("Progress")), avg));
		html_raw(&h, " · ");
		for (size_t e = 0; e < model_roadmap_status.count && e < 8; e++) {
			if (!by_status[e])
				continue;
			html_raw(&h, "<span class=\"badge\"");
			html_attr(&h, "data-status", model_roadmap_status.values[e].code);
			html_raw(&h, ">");
			html_text(&h, arena_printf(&r->arena, "%zu %s", by_status[e], T(&h, model_roadmap_status.values[e].label)));
			html_raw(&h, "</span> ");
		}
		html_raw(&h, "</p>");
		if (acts.count) {
			static const char *const headings[] = {N_("Action"), N_("Owner"), N_("Deadline"), N_("Status"), N_("Progress"),
							       N_("Indicator"), N_("Carried out by")};
			table_open(&h, "roadmap-actions", headings, 7);
			for (size_t j = 0; j < acts.count; j++) {
				const struct record *a = acts.items[j];
				const char *deadline = record_get_by_name(a, "deadline"), *st = record_get_by_name(a, "status");
				int late = deadline && strcmp(deadline, today) < 0 && st && strcmp(st, "done") != 0 && strcmp(st, "abandoned") != 0;
				if (late)
					html_raw(&h, "<tr class=\"overdue\"><td><a");
				else
					html_raw(&h, "<tr><td><a");
				html_attr_url(&h, "href", arena_printf(&r->arena, "/roadmap-actions/%lld", (long long)a->id));
				html_raw(&h, ">");
				html_text(&h, record_title(a));
				html_raw(&h, "</a></td><td>");
				html_text(&h, display_value(r, model_field(a->kind, "owner"), record_get_by_name(a, "owner")));
				html_raw(&h, "</td><td>");
				html_text(&h, display_value(r, model_field(a->kind, "deadline"), deadline));
				html_raw(&h, "</td><td>");
				html_text(&h, display_value(r, status_f, st));
				html_raw(&h, "</td><td>");
				bar(&h, progress_of(a), arena_printf(&r->arena, "%d %%", progress_of(a)));
				html_raw(&h, "</td><td>");
				const char *ind = record_get_by_name(a, "indicator"), *target = record_get_by_name(a, "target"),
					   *achieved = record_get_by_name(a, "achieved");
				if (ind)
					html_text(&h, ind);
				if (target)
					html_text(&h, arena_printf(&r->arena, " (%s / %s)", achieved ? achieved : "0", target));
				html_raw(&h, "</td><td>");
				struct timeline_item *items;
				size_t n = 0;
				store_timeline(r->store, &r->arena, &v, &model_roadmap_action, a->id, 200, &items, &n);
				html_int(&h, (long long)n);
				html_raw(&h, "</td></tr>");
			}
			html_raw(&h, "</tbody></table>");
		}
		html_raw(&h, "</section>");
	}
	page_end(&h, r);
}
