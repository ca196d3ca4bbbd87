/*
 * store/workflow.h - the workflow engine: fires the transitions a kind
 * declares (model/workflow.h), keeps every step, and answers who may fire
 * what and what waits for whom.
 *
 * A transition is one write transaction: the state field changes through
 * the ordinary update path (validated, indexed, in the history under the
 * action "workflow:<name>"), then the step is recorded with the history
 * entry that holds the record's version, then its recipients if it has
 * some.  Nothing is written when any check fails:
 *   STORE_NOT_FOUND  the record does not exist for the viewer, or the kind
 *                    has no such transition;
 *   STORE_CONFLICT   the transition does not leave from the present state
 *                    (the error's detail is the state's code);
 *   STORE_FORBIDDEN  the viewer may not fire it (the error says why);
 *   STORE_INVALID    a comment, an assignee or recipients are missing.
 *
 * The engine also guards ordinary writes (records.c calls it): a new record
 * starts in the initial state with its author set; the state field never
 * changes by an update; a record outside its editable states is frozen.
 */
#ifndef PASSERELLE_STORE_WORKFLOW_H
#define PASSERELLE_STORE_WORKFLOW_H

#include "model/workflow.h"
#include "store/store.h"

struct workflow_request {
	const struct kind *kind;
	int64_t id;
	const char *transition;
	const char *comment;        /* NULL or "" for none */
	/* Recipients, "person:12" or "account:3", for WT_RECIPIENTS. */
	const char *const *recipients;
	size_t nrecipients;
};

/* Fire q->transition on q->kind/q->id as v; *step_id (may be NULL)
 * receives the step's id.  See above for the answers. */
int store_transition(struct store *s, struct arena *a, const struct viewer *v, const struct workflow_request *q,
		     int64_t *step_id, struct field_errors *errors);

/* May v fire t on r (read with its multi-valued fields) now?  1 or 0; when
 * 0 and why is not NULL, *why receives a msgid saying why (the state, the
 * role, the author rule). */
int store_workflow_may(struct store *s, const struct viewer *v, const struct record *r,
		       const struct workflow_transition *t, const char **why);

/* The state of r: its state field, or the workflow's initial state. */
const char *store_workflow_state(const struct record *r);

struct workflow_step {
	int64_t id;
	const char *transition, *from_state, *to_state;
	const char *actor;    /* the account's name at the time */
	int64_t account_id;
	const char *comment;  /* or NULL */
	int64_t history_id;   /* the version of the record after the step */
	const char *at;
};
/* The steps of k/id, oldest first, if v may see the record. */
int store_workflow_steps(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
			 struct workflow_step **steps, size_t *count);

struct distribution {
	int64_t step_id;
	const char *recipient_kind; /* "person" or "account" */
	int64_t recipient_id;
	const char *label;
	const char *email;          /* or NULL when none was known */
	int64_t outbox_id;          /* the mail queued for them, or 0 */
	const char *sent_at;        /* when the mail left, or NULL */
	const char *at;
};
/* Who received k/id, oldest first. */
int store_distributions(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
			struct distribution **rows, size_t *count);
/* The recipients of one step (for the mailer). */
int store_step_distributions(struct store *s, struct arena *a, int64_t step_id, struct distribution **rows,
			     size_t *count);
/* Remember the mail queued for a recipient of a step. */
int store_distribution_set_outbox(struct store *s, int64_t step_id, const char *recipient_kind, int64_t recipient_id,
				  int64_t outbox_id);

/* Records of kind k that wait for v (in a `waiting` state of the workflow
 * with v able to fire one of its assignee transitions), oldest first, at
 * most `limit`. */
int store_workflow_waiting(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int limit,
			   struct record ***items, size_t *count);

/* Called by records.c inside the write transaction. */
int store_workflow_on_create(const struct viewer *v, struct record *r, struct field_errors *errors);
int store_workflow_on_update(const struct record *before, const struct record *patch, struct field_errors *errors);

#endif
