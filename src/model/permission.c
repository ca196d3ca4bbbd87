/* permission.c - the table of what each role may do.  See permission.h. */
#include "model/permission.h"

#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct enum_value roles[] = {
	{"administrator", N_("Administrator"), NULL},
	{"validator", N_("Validator"), NULL},
	{"editor", N_("Editor"), NULL},
	{"reader", N_("Reader"), NULL},
	{"partner", N_("Partner"), NULL},
};
const struct enum_def model_roles = {"role", roles, COUNT(roles)};

static const enum role role_of_code[] = {ROLE_ADMIN, ROLE_VALIDATOR, ROLE_EDITOR, ROLE_READER, ROLE_PARTNER};

#define WRITE (ACT_CREATE | ACT_UPDATE | ACT_DELETE)

/* actions[role][access class] */
static const unsigned table[ROLE_COUNT][2] = {
	[ROLE_ANONYMOUS] = {ACT_READ, 0},
	/* A partner writes only what concerns its own organisation: the
	 * store narrows these to that (store_may_write). */
	[ROLE_PARTNER] = {ACT_READ | ACT_CREATE | ACT_UPDATE, 0},
	[ROLE_READER] = {ACT_READ | ACT_HISTORY, 0},
	[ROLE_EDITOR] = {ACT_READ | WRITE | ACT_HISTORY, 0},
	[ROLE_VALIDATOR] = {ACT_READ | WRITE | ACT_HISTORY | ACT_VALIDATE, 0},
	[ROLE_ADMIN] = {ACT_READ | WRITE | ACT_HISTORY | ACT_VALIDATE | ACT_ERASE,
			ACT_READ | WRITE | ACT_HISTORY},
	[ROLE_SYSTEM] = {ACT_READ | WRITE | ACT_HISTORY | ACT_VALIDATE | ACT_ERASE,
			 ACT_READ | WRITE | ACT_HISTORY},
};

int permission_allows(enum role role, const struct kind *k, enum action action)
{
	if ((unsigned)role >= ROLE_COUNT || !k || (unsigned)k->access > ACCESS_ADMIN)
		return 0;
	return (table[role][k->access] & (unsigned)action) != 0;
}

enum role permission_role(const char *code)
{
	for (size_t i = 0; code && i < COUNT(roles); i++)
		if (strcmp(roles[i].code, code) == 0)
			return role_of_code[i];
	return ROLE_ANONYMOUS;
}

const char *permission_role_code(enum role role)
{
	for (size_t i = 0; i < COUNT(roles); i++)
		if (role_of_code[i] == role)
			return roles[i].code;
	return role == ROLE_SYSTEM ? "system" : "anonymous";
}
