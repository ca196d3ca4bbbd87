/*
 * interaction.c - the declaration of an interaction: a meeting, a phone or
 * video call, a visit, an exchange of letters or emails, with its date and
 * time in a time zone, its place or link, who took part (people,
 * organisations, accounts) and the records it concerns.  It dates the
 * timelines of everything it refers to.
 */
#include "model/model.h"
#include "model/record.h"
#include "model/check.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct enum_value interaction_types[] = {
	{"meeting", N_("Meeting"), NULL},
	{"call", N_("Phone call"), NULL},
	{"video", N_("Video call"), NULL},
	{"visit", N_("Visit"), NULL},
	{"letter", N_("Exchange of letters"), NULL},
	{"email", N_("Exchange of emails"), NULL},
};
static const struct enum_def interaction_type_enum = {"interaction_type", interaction_types, COUNT(interaction_types)};

static const struct field fields[] = {
	{"subject", FT_TEXT, N_("Subject"), NULL, F_REQUIRED | F_TITLE | F_NAME | F_LIST | F_PUBLIC, 200, 0, 0, NULL, NULL, NULL, "objet|sujet|subject|asunto"},
	{"type", FT_ENUM, N_("Type"), NULL, F_REQUIRED | F_LIST | F_FILTER | F_PUBLIC, 0, 0, 0, &interaction_type_enum, NULL, NULL, "type|nature|tipo"},
	{"starts_at", FT_DATETIME, N_("Starts"), N_("Date and time, in the time zone below."), F_REQUIRED | F_LIST | F_PUBLIC, 0, 0, 0, NULL, NULL, N_("When and where"), "debut|date|start|inicio|fecha"},
	{"ends_at", FT_DATETIME, N_("Ends"), NULL, F_PUBLIC, 0, 0, 0, NULL, NULL, N_("When and where"), "fin|end"},
	{"timezone", FT_ENUM, N_("Time zone"), NULL, F_REQUIRED | F_PUBLIC, 0, 0, 0, &model_timezones, NULL, N_("When and where"), "fuseau|time zone|zona horaria"},
	{"place", FT_TEXT, N_("Place"), NULL, F_SEARCH | F_PUBLIC, 300, 0, 0, NULL, NULL, N_("When and where"), "lieu|place|lugar"},
	{"link", FT_URL, N_("Link"), N_("Of the video call, or of the online document."), F_PUBLIC, 0, 0, 0, NULL, NULL, N_("When and where"), "lien|link|enlace"},
	{"organizations", FT_REF, N_("Organisations"), N_("One per line."), F_MULTI | F_FILTER, 0, 0, 100, NULL, "organization", N_("Who"), "organisations|organizations|organizaciones"},
	{"people", FT_REF, N_("People"), N_("One per line."), F_MULTI | F_FILTER, 0, 0, 200, NULL, "person", N_("Who"), "participants|personnes|people|personas"},
	{"participants", FT_REF, N_("Colleagues"), N_("The accounts of the colleagues who took part, one per line."), F_MULTI | F_FILTER, 0, 0, 50, NULL, "account", N_("Who"), NULL},
	{"summary", FT_LONGTEXT, N_("Summary"), NULL, F_SEARCH, 20000, 0, 0, NULL, NULL, NULL, "resume|compte rendu|summary|resumen"},
	{"working_group", FT_REF, N_("Working group"), NULL, F_FILTER, 0, 0, 0, NULL, "working_group", N_("What it serves"), NULL},
	{"roadmap_actions", FT_REF, N_("Roadmap actions"), N_("One per line."), F_MULTI | F_FILTER, 0, 0, 20, NULL, "roadmap_action", N_("What it serves"), NULL},
	MODEL_VISIBILITY_FIELDS,
};

static void interaction_check(const struct record *r, struct field_errors *errors)
{
	check_date_order(r, "starts_at", "ends_at", errors);
}

const struct kind model_interaction = {
	.name = "interaction",
	.plural = "interactions",
	.label = N_("Interaction"),
	.label_plural = N_("Interactions"),
	.fields = fields,
	.nfields = COUNT(fields),
	.index = 6,
	.searchable = 1,
	.has_visibility = 1,
	.check = interaction_check,
	.timeline_date = "starts_at",
};
