/* model.c - the registry of kinds and the enumerations shared by several.  See model.h. */
#include "model/model.h"

#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct enum_value language_values[] = {
	{"fr", N_("French"), NULL},
	{"en", N_("English"), NULL},
	{"es", N_("Spanish"), NULL},
	{"nl", N_("Dutch"), NULL},
};
const struct enum_def model_value_languages = {"language", language_values, COUNT(language_values)};

static const struct enum_value visibility_values[] = {
	{"public", N_("Public"), NULL},
	{"internal", N_("Internal"), NULL},
	{"team", N_("Team"), NULL},
	{"confidential", N_("Confidential"), NULL},
};
const struct enum_def model_visibility = {"visibility", visibility_values, COUNT(visibility_values)};

/* Olson names; the labels say where they are kept. */
static const struct enum_value timezone_values[] = {
	{"America/Marigot", N_("Saint-Martin (America/Marigot)"), NULL},
	{"America/Lower_Princes", N_("Sint Maarten (America/Lower_Princes)"), NULL},
	{"America/Guadeloupe", N_("Guadeloupe (America/Guadeloupe)"), NULL},
	{"America/Martinique", N_("Martinique (America/Martinique)"), NULL},
	{"America/Cayenne", N_("French Guiana (America/Cayenne)"), NULL},
	{"America/Puerto_Rico", N_("Puerto Rico, Eastern Caribbean (America/Puerto_Rico)"), NULL},
	{"America/Port_of_Spain", N_("Trinidad and Tobago (America/Port_of_Spain)"), NULL},
	{"America/Barbados", N_("Barbados (America/Barbados)"), NULL},
	{"America/Santo_Domingo", N_("Dominican Republic (America/Santo_Domingo)"), NULL},
	{"America/Port-au-Prince", N_("Haiti (America/Port-au-Prince)"), NULL},
	{"America/Havana", N_("Cuba (America/Havana)"), NULL},
	{"America/Jamaica", N_("Jamaica (America/Jamaica)"), NULL},
	{"America/Panama", N_("Panama (America/Panama)"), NULL},
	{"America/Costa_Rica", N_("Costa Rica (America/Costa_Rica)"), NULL},
	{"America/Bogota", N_("Colombia (America/Bogota)"), NULL},
	{"America/Caracas", N_("Venezuela (America/Caracas)"), NULL},
	{"America/Mexico_City", N_("Mexico (America/Mexico_City)"), NULL},
	{"America/New_York", N_("New York (America/New_York)"), NULL},
	{"Europe/Paris", N_("Paris (Europe/Paris)"), NULL},
	{"Europe/Amsterdam", N_("Amsterdam (Europe/Amsterdam)"), NULL},
	{"Europe/Brussels", N_("Brussels (Europe/Brussels)"), NULL},
	{"Europe/London", N_("London (Europe/London)"), NULL},
	{"Europe/Madrid", N_("Madrid (Europe/Madrid)"), NULL},
	{"Indian/Reunion", N_("La Réunion (Indian/Reunion)"), NULL},
	{"Pacific/Noumea", N_("New Caledonia (Pacific/Noumea)"), NULL},
	{"UTC", N_("Coordinated Universal Time (UTC)"), NULL},
};
const struct enum_def model_timezones = {"timezone", timezone_values, COUNT(timezone_values)};

static const struct kind *const kinds[] = {
	&model_organization,
	&model_person,
	&model_position,
	&model_relationship,
	&model_account,
	&model_team,
	&model_interaction,
	&model_followup,
	&model_note,
	&model_document,
	&model_working_group,
	&model_roadmap_axis,
	&model_roadmap_action,
};

const struct kind *const *model_kinds(size_t *count)
{
	*count = COUNT(kinds);
	return kinds;
}

const struct kind *model_kind(const char *name)
{
	for (size_t i = 0; i < COUNT(kinds); i++)
		if (strcmp(kinds[i]->name, name) == 0 || strcmp(kinds[i]->plural, name) == 0)
			return kinds[i];
	return NULL;
}

const struct kind *model_kind_by_plural(const char *plural)
{
	for (size_t i = 0; i < COUNT(kinds); i++)
		if (strcmp(kinds[i]->plural, plural) == 0)
			return kinds[i];
	return NULL;
}

int model_field_index(const struct kind *k, const char *name)
{
	if (!name)
		return -1;
	for (size_t i = 0; i < k->nfields; i++)
		if (strcmp(k->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

const struct field *model_field(const struct kind *k, const char *name)
{
	int i = model_field_index(k, name);
	return i < 0 ? NULL : &k->fields[i];
}

const struct field *model_list_date(const struct kind *k)
{
	const struct field *f = k->timeline_date ? model_field(k, k->timeline_date) : NULL;
	return f && (f->flags & F_REQUIRED) ? f : NULL;
}

const struct enum_value *model_enum_value(const struct enum_def *e, const char *code)
{
	if (!e || !code)
		return NULL;
	for (size_t i = 0; i < e->count; i++)
		if (strcmp(e->values[i].code, code) == 0)
			return &e->values[i];
	return NULL;
}
