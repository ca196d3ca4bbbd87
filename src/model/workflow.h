/*
 * workflow.h - the declaration of a workflow: the states a kind of record
 * goes through, the actions (transitions) that move it between them, who
 * may fire each, and what each records.
 *
 * One engine (store/workflow.c) enforces every workflow: notes now,
 * missions, applications, projects and accompaniments later declare theirs
 * here and get the same checks, history, pages, API and dashboard entries.
 *
 *   - The state lives in the kind's `state_field` (an FT_ENUM); only the
 *     engine changes it.  A new record starts in `initial`.
 *   - The record's other fields may be changed only in the `editable`
 *     states (a submitted note is frozen until it is returned).
 *   - Each transition names the states it leaves from and the one it leads
 *     to (a transition may lead back to its own state: sending a validated
 *     note), and who may fire it.
 *   - Every transition fired is one step: who, when, from, to, the comment,
 *     and the version of the record (its history entry) at that moment.
 */
#ifndef PASSERELLE_WORKFLOW_H
#define PASSERELLE_WORKFLOW_H

#include <stddef.h>

/* Who may fire a transition. */
enum workflow_actor {
	/* Whoever may change the record (its author among them). */
	WF_CONTRIBUTOR,
	/* The record's author, or an administrator. */
	WF_AUTHOR,
	/* A holder of the validation right (ACT_VALIDATE) who is the named
	 * assignee, or a member of the named team, or any validator when none
	 * is named; administrators always. */
	WF_ASSIGNEE,
};

enum workflow_flag {
	WT_COMMENT_REQUIRED = 1 << 0, /* a comment must say why (returning a note) */
	WT_COMMENT = 1 << 1,          /* a comment may be given */
	WT_NEEDS_ASSIGNEE = 1 << 2,   /* the assignee or the assignee team must be named first */
	WT_NOT_AUTHOR = 1 << 3,       /* the author may not fire it (no one validates their own note) */
	WT_RECIPIENTS = 1 << 4,       /* carries a list of recipients, at least one, recorded one by one */
};

struct workflow_transition {
	const char *name;          /* in URLs and the API: "submit" */
	const char *label;         /* msgid of the button */
	const char *const *from;   /* NULL-terminated state codes */
	const char *to;
	enum workflow_actor actor;
	unsigned flags;
	const char *done;          /* msgid shown once it is done */
};

struct workflow {
	const char *state_field;    /* FT_ENUM field holding the state */
	const char *initial;
	const char *const *editable;   /* NULL-terminated */
	const char *author_field;      /* FT_REF account: set to the creator */
	const char *assignee_field;    /* FT_REF account, or NULL */
	const char *assignee_team_field; /* FT_REF team, or NULL */
	/* The states in which the record waits for its assignee (shown on their
	 * desk), NULL-terminated. */
	const char *const *waiting;
	const struct workflow_transition *transitions;
	size_t ntransitions;
};

/* The transition called `name` of w, or NULL. */
const struct workflow_transition *workflow_transition(const struct workflow *w, const char *name);
/* Does t leave from `state`? */
int workflow_leaves_from(const struct workflow_transition *t, const char *state);
/* Is `state` in the NULL-terminated list? */
int workflow_state_in(const char *const *states, const char *state);

#endif
