/*
 * working_group.c - the declaration of a working group, thematic or
 * geographic: its members (people and organisations) and its coordinator.
 * Its meetings, documents, notes and follow-ups are the records that name
 * it, shown on its timeline.
 */
#include "model/model.h"
#include "model/record.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct enum_value scopes[] = {
	{"thematic", N_("Thematic"), NULL},
	{"geographic", N_("Geographic"), NULL},
};
static const struct enum_def scope_enum = {"working_group_scope", scopes, COUNT(scopes)};

static const struct field fields[] = {
	{"name", FT_TEXT, N_("Name"), NULL, F_REQUIRED | F_TITLE | F_NAME | F_LIST | F_PUBLIC, 200, 0, 0, NULL, NULL, NULL, "nom|name|nombre"},
	{"scope", FT_ENUM, N_("Scope"), NULL, F_REQUIRED | F_LIST | F_FILTER | F_PUBLIC, 0, 0, 0, &scope_enum, NULL, NULL, "type|scope|tipo"},
	{"territories", FT_CODE, N_("Territories"), N_("One per line."), F_MULTI | F_FILTER | F_PUBLIC, 0, 0, 50, NULL, "territory", NULL, "territoires|territories|territorios"},
	{"description", FT_LONGTEXT, N_("Description"), NULL, F_SEARCH | F_PUBLIC, 5000, 0, 0, NULL, NULL, NULL, NULL},
	{"coordinator", FT_REF, N_("Coordinator"), NULL, F_LIST | F_FILTER, 0, 0, 0, NULL, "account", NULL, NULL},
	{"member_organizations", FT_REF, N_("Member organisations"), N_("One per line."), F_MULTI | F_FILTER | F_PUBLIC, 0, 0, 200, NULL, "organization", N_("Members"), NULL},
	{"member_people", FT_REF, N_("Member people"), N_("One per line."), F_MULTI | F_FILTER, 0, 0, 300, NULL, "person", N_("Members"), NULL},
	MODEL_VISIBILITY_FIELDS,
};

const struct kind model_working_group = {
	.name = "working_group",
	.plural = "working-groups",
	.label = N_("Working group"),
	.label_plural = N_("Working groups"),
	.fields = fields,
	.nfields = COUNT(fields),
	.index = 10,
	.searchable = 1,
	.has_visibility = 1,
};
