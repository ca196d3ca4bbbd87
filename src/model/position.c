/* position.c - the declaration of a position: a person at an organisation,
 * with a title and dates.  A person may hold several, past and present. */
#include "model/model.h"
#include "model/record.h"
#include "model/check.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct field fields[] = {
	{"person", FT_REF, N_("Person"), NULL, F_REQUIRED | F_LIST | F_FILTER | F_PUBLIC, 0, 0, 0, NULL, "person", NULL, NULL},
	{"organization", FT_REF, N_("Organisation"), NULL, F_REQUIRED | F_LIST | F_FILTER | F_PUBLIC, 0, 0, 0, NULL, "organization", NULL, NULL},
	{"title", FT_TEXT, N_("Title"), NULL, F_LIST | F_TITLE | F_PUBLIC, 200, 0, 0, NULL, NULL, NULL, NULL},
	{"start_date", FT_DATE, N_("From"), NULL, F_LIST | F_PUBLIC, 0, 0, 0, NULL, NULL, NULL, NULL},
	{"end_date", FT_DATE, N_("Until"), N_("Empty while the position is held."), F_LIST | F_PUBLIC, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static void position_check(const struct record *r, struct field_errors *errors)
{
	check_date_order(r, "start_date", "end_date", errors);
}

const struct kind model_position = {
	.name = "position",
	.plural = "positions",
	.label = N_("Position"),
	.label_plural = N_("Positions"),
	.fields = fields,
	.nfields = COUNT(fields),
	.index = 2,
	.searchable = 0,
	.has_visibility = 0,
	.check = position_check,
};
