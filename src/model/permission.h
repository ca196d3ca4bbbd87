/*
 * permission.h - roles, and what each role may do with each access class
 * of kinds, as data (permission.c).
 *
 * This says what a role may do with a kind at all.  Which records a viewer
 * sees (visibility levels, teams, a partner's own organisation) is decided
 * by the store for every read path, and a partner's right to change only
 * its own organisation is checked there too.
 */
#ifndef PASSERELLE_PERMISSION_H
#define PASSERELLE_PERMISSION_H

#include "model/model.h"

enum role {
	ROLE_ANONYMOUS = 0, /* a visitor who has not signed in */
	ROLE_PARTNER,       /* an external account tied to one organisation */
	ROLE_READER,
	ROLE_EDITOR,
	ROLE_VALIDATOR,
	ROLE_ADMIN,
	ROLE_SYSTEM,        /* the program itself: the command line, the demo loader */
	ROLE_COUNT
};

enum action {
	ACT_READ = 1 << 0,
	ACT_CREATE = 1 << 1,
	ACT_UPDATE = 1 << 2,
	ACT_DELETE = 1 << 3,  /* and restore from the bin */
	ACT_HISTORY = 1 << 4, /* read the history, restore a version */
	ACT_ERASE = 1 << 5,   /* erase a person's data (GDPR) */
	ACT_VALIDATE = 1 << 6, /* validate and approve in workflows */
};

/* The roles an account may have, as an enumeration (codes "administrator",
 * "validator", "editor", "reader", "partner"). */
extern const struct enum_def model_roles;

/* May `role` do `action` with records of kind k? */
int permission_allows(enum role role, const struct kind *k, enum action action);
/* The role of a code from model_roles; ROLE_ANONYMOUS for an unknown one. */
enum role permission_role(const char *code);
const char *permission_role_code(enum role role);

#endif
