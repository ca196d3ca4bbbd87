/*
 * followup.c - the declaration of a follow-up action: what is to be done,
 * by whom, by when, and where it was born (an interaction, a working
 * group, a roadmap action).  Its due date may not fall before the meeting
 * it comes from.
 */
#include "model/model.h"
#include "model/record.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct enum_value followup_statuses[] = {
	{"open", N_("To do"), NULL},
	{"in_progress", N_("In progress"), NULL},
	{"done", N_("Done"), NULL},
	{"cancelled", N_("Cancelled"), NULL},
};
const struct enum_def model_followup_status = {"followup_status", followup_statuses, COUNT(followup_statuses)};

static const struct field fields[] = {
	{"title", FT_TEXT, N_("What"), NULL, F_REQUIRED | F_TITLE | F_NAME | F_LIST | F_PUBLIC, 300, 0, 0, NULL, NULL, NULL, "action|quoi|what|que|titre|title"},
	{"owner", FT_REF, N_("Owner"), N_("The account that carries it."), F_REQUIRED | F_LIST | F_FILTER, 0, 0, 0, NULL, "account", NULL, "responsable|owner|pilote"},
	{"due_date", FT_DATE, N_("Due"), NULL, F_REQUIRED | F_LIST | F_PUBLIC, 0, 0, 0, NULL, NULL, NULL, "echeance|due|date limite|plazo"},
	{"status", FT_ENUM, N_("Status"), NULL, F_REQUIRED | F_LIST | F_FILTER | F_PUBLIC, 0, 0, 0, &model_followup_status, NULL, NULL, "statut|etat|status|estado"},
	{"interaction", FT_REF, N_("Born from"), N_("The meeting or exchange it comes from."), F_FILTER, 0, 0, 0, NULL, "interaction", N_("With whom, for what"), NULL},
	{"organizations", FT_REF, N_("Organisations"), N_("One per line."), F_MULTI | F_FILTER, 0, 0, 20, NULL, "organization", N_("With whom, for what"), NULL},
	{"people", FT_REF, N_("People"), N_("One per line."), F_MULTI | F_FILTER, 0, 0, 20, NULL, "person", N_("With whom, for what"), NULL},
	{"working_group", FT_REF, N_("Working group"), NULL, F_FILTER, 0, 0, 0, NULL, "working_group", N_("With whom, for what"), NULL},
	{"roadmap_actions", FT_REF, N_("Roadmap actions"), N_("One per line."), F_MULTI | F_FILTER, 0, 0, 20, NULL, "roadmap_action", N_("With whom, for what"), NULL},
	{"details", FT_LONGTEXT, N_("Details"), NULL, F_SEARCH, 5000, 0, 0, NULL, NULL, NULL, NULL},
	MODEL_VISIBILITY_FIELDS,
};

static const struct date_bound bounds[] = {
	{"due_date", "interaction", "starts_at", N_("The due date is before the meeting it comes from ({}).")},
};

const struct kind model_followup = {
	.name = "followup",
	.plural = "follow-ups",
	.label = N_("Follow-up"),
	.label_plural = N_("Follow-ups"),
	.fields = fields,
	.nfields = COUNT(fields),
	.index = 7,
	.searchable = 1,
	.has_visibility = 1,
	.timeline_date = "due_date",
	.bounds = bounds,
	.nbounds = COUNT(bounds),
};
