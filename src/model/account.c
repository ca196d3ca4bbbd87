/*
 * account.c - the declarations of an account (someone who signs in) and of
 * a team.  Passwords, second factors and sessions are not fields: they
 * live in their own tables, written only by the authentication code
 * (store/auth.c), never shown, never exported.
 */
#include "model/model.h"
#include "model/record.h"
#include "model/permission.h"
#include "model/check.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct enum_value languages[] = {
	{"fr", N_("French"), NULL},
	{"en", N_("English"), NULL},
	{"es", N_("Spanish"), NULL},
};
static const struct enum_def language_enum = {"interface_language", languages, COUNT(languages)};

static const struct field account_fields[] = {
	{"email", FT_EMAIL, N_("Email"), N_("Used to sign in."), F_REQUIRED | F_UNIQUE | F_LIST | F_SEARCH | F_PERSONAL, 254, 0, 0, NULL, NULL, NULL, NULL},
	{"display_name", FT_TEXT, N_("Name"), NULL, F_REQUIRED | F_NAME | F_TITLE | F_PERSONAL, 120, 0, 0, NULL, NULL, NULL, NULL},
	{"role", FT_ENUM, N_("Role"), N_("Administrators manage accounts; validators also validate and approve; editors write; readers read; partners see public records and edit their own organisation."),
	 F_REQUIRED | F_LIST | F_FILTER, 0, 0, 0, &model_roles, NULL, NULL, NULL},
	{"teams", FT_REF, N_("Teams"), N_("One per line."), F_MULTI | F_FILTER, 0, 0, 20, NULL, "team", NULL, NULL},
	{"organization", FT_REF, N_("Organisation"), N_("For a partner: the organisation whose profile they keep."), F_FILTER, 0, 0, 0, NULL, "organization", NULL, NULL},
	{"language", FT_ENUM, N_("Language of the interface"), NULL, F_REQUIRED, 0, 0, 0, &language_enum, NULL, NULL, NULL},
	{"disabled", FT_BOOL, N_("Disabled"), N_("A disabled account cannot sign in; its sessions and tokens stop working."), F_LIST | F_FILTER, 0, 0, 0, NULL, NULL, NULL, NULL},
};

static void account_check(const struct record *r, struct field_errors *errors)
{
	check_partner_organization(r, errors);
}

const struct kind model_account = {
	.name = "account",
	.plural = "accounts",
	.label = N_("Account"),
	.label_plural = N_("Accounts"),
	.fields = account_fields,
	.nfields = COUNT(account_fields),
	.index = 4,
	.searchable = 1,
	.has_visibility = 0,
	.access = ACCESS_ADMIN,
	.check = account_check,
};

static const struct field team_fields[] = {
	{"name", FT_TEXT, N_("Name"), NULL, F_REQUIRED | F_UNIQUE | F_NAME | F_TITLE | F_LIST, 120, 0, 0, NULL, NULL, NULL, NULL},
	{"description", FT_LONGTEXT, N_("Description"), NULL, F_SEARCH, 2000, 0, 0, NULL, NULL, NULL, NULL},
};

const struct kind model_team = {
	.name = "team",
	.plural = "teams",
	.label = N_("Team"),
	.label_plural = N_("Teams"),
	.fields = team_fields,
	.nfields = COUNT(team_fields),
	.index = 5,
	.searchable = 1,
	.has_visibility = 0,
	.access = ACCESS_ADMIN,
	.check = NULL,
};
