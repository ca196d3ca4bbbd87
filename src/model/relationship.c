/*
 * relationship.c - the declaration of a typed, two-way relationship between
 * two organisations.  Each type reads one way from the subject ("member
 * of") and the other way from the object ("has member"); symmetric types
 * read the same both ways.
 */
#include "model/model.h"
#include "model/record.h"
#include "model/check.h"

#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct enum_value types[] = {
	{"member_of", N_("member of"), N_("has member")},
	{"partner_of", N_("partner of"), N_("partner of")},
	{"funds", N_("funds"), N_("funded by")},
	{"twinned_with", N_("twinned with"), N_("twinned with")},
	{"part_of", N_("part of"), N_("has part")},
};
static const struct enum_def type_enum = {"relationship_type", types, COUNT(types)};

static const struct field fields[] = {
	{"subject", FT_REF, N_("Organisation"), NULL, F_REQUIRED | F_LIST | F_FILTER | F_PUBLIC, 0, 0, 0, NULL, "organization", NULL, NULL},
	{"type", FT_ENUM, N_("Relationship"), NULL, F_REQUIRED | F_LIST | F_FILTER | F_PUBLIC, 0, 0, 0, &type_enum, NULL, NULL, NULL},
	{"object", FT_REF, N_("Other organisation"), NULL, F_REQUIRED | F_LIST | F_FILTER | F_PUBLIC, 0, 0, 0, NULL, "organization", NULL, NULL},
	{"start_date", FT_DATE, N_("From"), NULL, F_LIST | F_PUBLIC, 0, 0, 0, NULL, NULL, NULL, NULL},
	{"end_date", FT_DATE, N_("Until"), NULL, F_LIST | F_PUBLIC, 0, 0, 0, NULL, NULL, NULL, NULL},
	{"note", FT_LONGTEXT, N_("Note"), NULL, F_PUBLIC, 2000, 0, 0, NULL, NULL, NULL, NULL},
};

static void relationship_check(const struct record *r, struct field_errors *errors)
{
	check_date_order(r, "start_date", "end_date", errors);
	const char *s = record_get_by_name(r, "subject"), *o = record_get_by_name(r, "object");
	if (s && o && strcmp(s, o) == 0)
		field_errors_add(errors, "object", N_("An organisation cannot be related to itself."), NULL);
}

const struct kind model_relationship = {
	.name = "relationship",
	.plural = "relationships",
	.label = N_("Relationship"),
	.label_plural = N_("Relationships"),
	.fields = fields,
	.nfields = COUNT(fields),
	.index = 3,
	.searchable = 0,
	.has_visibility = 0,
	.check = relationship_check,
};
