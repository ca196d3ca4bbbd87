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

static const struct kind *const kinds[] = {
	&model_organization,
	&model_person,
	&model_position,
	&model_relationship,
	&model_account,
	&model_team,
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

const struct enum_value *model_enum_value(const struct enum_def *e, const char *code)
{
	if (!e || !code)
		return NULL;
	for (size_t i = 0; i < e->count; i++)
		if (strcmp(e->values[i].code, code) == 0)
			return &e->values[i];
	return NULL;
}
