/*
 * workflow.c - the workflow engine.  See store/workflow.h.
 */
#include "store/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "store/store_internal.h"

const char *store_workflow_state(const struct record *r)
{
	const struct workflow *w = r->kind->workflow;
	if (!w)
		return NULL;
	const char *state = record_get_by_name(r, w->state_field);
	return state && *state ? state : w->initial;
}

static int64_t ref_value(const struct record *r, const char *field)
{
	const char *v = field ? record_get_by_name(r, field) : NULL;
	return v ? strtoll(v, NULL, 10) : 0;
}

static int in_team(const struct viewer *v, int64_t team)
{
	for (size_t i = 0; i < v->nteams; i++)
		if (v->teams[i] == team)
			return 1;
	return 0;
}

/* The actor rule alone, without the state. */
static int actor_may(struct store *s, struct db *db, const struct viewer *v, const struct record *r,
		     const struct workflow_transition *t, const char **why)
{
	const struct workflow *w = r->kind->workflow;
	int64_t author = ref_value(r, w->author_field);
	if (v->role == ROLE_SYSTEM)
		return 1;
	if ((t->flags & WT_NOT_AUTHOR) && author && author == v->account_id) {
		*why = N_("No one validates their own note: another validator must do it.");
		return 0;
	}
	int admin = v->role == ROLE_ADMIN;
	switch (t->actor) {
	case WF_CONTRIBUTOR:
		if (store_may_write(s, db, v, r, ACT_UPDATE))
			return 1;
		*why = N_("Your role may not change this record.");
		return 0;
	case WF_AUTHOR:
		if (admin || (author && author == v->account_id) ||
		    (!author && store_may_write(s, db, v, r, ACT_UPDATE)))
			return 1;
		*why = N_("Only its author may do this.");
		return 0;
	case WF_ASSIGNEE: {
		if (admin)
			return 1;
		if (!permission_allows(v->role, r->kind, ACT_VALIDATE)) {
			*why = N_("Only a validator may do this.");
			return 0;
		}
		int64_t assignee = ref_value(r, w->assignee_field), team = ref_value(r, w->assignee_team_field);
		if ((!assignee && !team) || (assignee && assignee == v->account_id) || (team && in_team(v, team)))
			return 1;
		*why = N_("Only the validator it was submitted to, or a validator of the team named, may do this.");
		return 0;
	}
	}
	return 0;
}

static int may_fire(struct store *s, struct db *db, const struct viewer *v, const struct record *r,
		    const struct workflow_transition *t, const char **why)
{
	const char *ignored;
	if (!why)
		why = &ignored;
	if (!workflow_leaves_from(t, store_workflow_state(r))) {
		*why = N_("Not possible in its present state.");
		return 0;
	}
	return actor_may(s, db, v, r, t, why);
}

int store_workflow_may(struct store *s, const struct viewer *v, const struct record *r,
		       const struct workflow_transition *t, const char **why)
{
	struct db *db = store_reader(s);
	return db && r->kind->workflow && may_fire(s, db, v, r, t, why);
}

int store_workflow_on_create(const struct viewer *v, struct record *r, struct field_errors *errors)
{
	const struct workflow *w = r->kind->workflow;
	if (!w)
		return STORE_OK;
	int sf = model_field_index(r->kind, w->state_field);
	const char *given = record_get(r, sf);
	if (given && *given && strcmp(given, w->initial) != 0) {
		field_errors_add(errors, w->state_field, N_("The status changes only through the workflow's actions."), given);
		return STORE_INVALID;
	}
	record_set(r, sf, w->initial);
	/* The author is who creates it; only the program itself (the demo,
	 * the command line) records another. */
	int af = model_field_index(r->kind, w->author_field);
	if (af >= 0 && v && v->role != ROLE_SYSTEM) {
		const char *named = record_get(r, af);
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)v->account_id);
		if (named && *named && strcmp(named, id) != 0) {
			field_errors_add(errors, w->author_field, N_("The author is whoever writes it: this field is set by Passerelle."), named);
			return STORE_INVALID;
		}
		record_set(r, af, v->account_id ? id : NULL);
	}
	return STORE_OK;
}

int store_workflow_on_update(const struct record *before, const struct record *patch, struct field_errors *errors)
{
	const struct workflow *w = before->kind->workflow;
	if (!w)
		return STORE_OK;
	int sf = model_field_index(before->kind, w->state_field);
	const char *state = store_workflow_state(before);
	if (patch->values[sf].present) {
		const char *wanted = record_get(patch, sf);
		if (wanted && *wanted && strcmp(wanted, state) != 0) {
			field_errors_add(errors, w->state_field, N_("The status changes only through the workflow's actions."), wanted);
			return STORE_INVALID;
		}
	}
	int af = model_field_index(before->kind, w->author_field);
	if (af >= 0 && patch->values[af].present) {
		const char *wanted = record_get(patch, af), *author = record_get(before, af);
		if (!wanted || !author || strcmp(wanted, author) != 0) {
			field_errors_add(errors, w->author_field, N_("The author is whoever writes it: this field is set by Passerelle."),
					 wanted ? wanted : "");
			return STORE_INVALID;
		}
	}
	if (!workflow_state_in(w->editable, state)) {
		field_errors_add(errors, "", N_("It can no longer be changed in its present state ({}): return or reopen it first."), state);
		return STORE_CONFLICT;
	}
	return STORE_OK;
}

/* A recipient "person:12" or "account:3" that v may see: its label and
 * email.  0, or -1 after adding an error. */
static int read_recipient(struct store *s, struct db *db, struct arena *a, const struct viewer *v, const char *spec,
			  const char **kind_out, int64_t *id_out, const char **label, const char **email,
			  struct field_errors *errors)
{
	const char *colon = spec ? strchr(spec, ':') : NULL;
	const struct kind *k = NULL;
	if (colon && (size_t)(colon - spec) == 6 && strncmp(spec, "person", 6) == 0)
		k = &model_person;
	else if (colon && (size_t)(colon - spec) == 7 && strncmp(spec, "account", 7) == 0)
		k = &model_account;
	char *end;
	long long id = colon ? strtoll(colon + 1, &end, 10) : 0;
	/* Accounts are named by those who may not list them: that they exist
	 * is all that is asked, as for a record's visibility. */
	struct viewer system = store_system_viewer("store");
	struct record *r;
	if (!k || id <= 0 || *end ||
	    store_read_record(s, db, a, k == &model_account ? &system : v, k, id, 0, &r) != STORE_OK) {
		field_errors_add(errors, "recipients", N_("No such recipient: {}."), spec ? spec : "");
		return -1;
	}
	*kind_out = k->name;
	*id_out = id;
	*label = record_title(r);
	*email = record_get_by_name(r, k == &model_account ? "email" : "emails");
	return 0;
}

struct transition_ctx {
	struct arena *a;
	const struct viewer *v;
	const struct workflow_request *q;
	int64_t step_id;
	struct field_errors *errors;
};

static int insert_step(struct db *db, const struct viewer *v, const struct workflow_request *q, const char *from,
		       const char *to, int64_t history_id, const char *at, int64_t *step_id)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO workflow_step (kind, record_id, transition, from_state, to_state,"
					    " account_id, actor, comment, history_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, q->kind->name);
	db_bind_int(st, 2, q->id);
	db_bind_text(st, 3, q->transition);
	db_bind_text(st, 4, from);
	db_bind_text(st, 5, to);
	if (v->account_id)
		db_bind_int(st, 6, v->account_id);
	else
		db_bind_null(st, 6);
	db_bind_text(st, 7, v->label ? v->label : v->role == ROLE_SYSTEM ? "system" : "anonymous");
	db_bind_text(st, 8, q->comment && *q->comment ? q->comment : NULL);
	db_bind_int(st, 9, history_id);
	db_bind_text(st, 10, at);
	int rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
	db_stmt_done(st);
	*step_id = db_last_insert_id(db);
	return rc;
}

static int64_t last_history_id(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT last_id FROM history_head");
	int64_t id = st && db_step(st) == DB_ROW ? db_column_int(st, 0) : 0;
	if (st)
		db_stmt_done(st);
	return id;
}

static int do_transition(struct store *s, void *p)
{
	struct transition_ctx *c = p;
	const struct workflow_request *q = c->q;
	const struct workflow *w = q->kind->workflow;
	const struct workflow_transition *t = workflow_transition(w, q->transition);
	struct db *db = s->writer;
	struct record *before, *after;
	if (!t) {
		field_errors_add(c->errors, "transition", N_("Unknown action: {}."), q->transition ? q->transition : "");
		return STORE_NOT_FOUND;
	}
	int rc = store_read_record(s, db, c->a, c->v, q->kind, q->id, 0, &before);
	if (rc != STORE_OK)
		return rc;
	const char *state = store_workflow_state(before), *why = NULL;
	if (!workflow_leaves_from(t, state)) {
		field_errors_add(c->errors, w->state_field, N_("Not possible in its present state ({})."), state);
		return STORE_CONFLICT;
	}
	if (!actor_may(s, db, c->v, before, t, &why)) {
		field_errors_add(c->errors, "", why, NULL);
		return STORE_FORBIDDEN;
	}
	size_t nerrors = c->errors->count;
	int has_comment = q->comment && q->comment[strspn(q->comment, " \t\r\n")];
	if ((t->flags & WT_COMMENT_REQUIRED) && !has_comment)
		field_errors_add(c->errors, "comment", N_("Say why in a comment."), NULL);
	if (has_comment && !(t->flags & (WT_COMMENT | WT_COMMENT_REQUIRED)))
		field_errors_add(c->errors, "comment", N_("This action takes no comment."), NULL);
	if (has_comment && strlen(q->comment) > 5000)
		field_errors_add(c->errors, "comment", N_("Too long: at most {} characters."), "5000");
	if ((t->flags & WT_NEEDS_ASSIGNEE) && !ref_value(before, w->assignee_field) && !ref_value(before, w->assignee_team_field))
		field_errors_add(c->errors, w->assignee_field, N_("Name the validator, or the validating team, first."), NULL);
	if ((t->flags & WT_RECIPIENTS) && q->nrecipients == 0)
		field_errors_add(c->errors, "recipients", N_("Choose at least one recipient."), NULL);
	if (!(t->flags & WT_RECIPIENTS) && q->nrecipients > 0)
		field_errors_add(c->errors, "recipients", N_("This action has no recipients."), NULL);
	if (q->nrecipients > 500)
		field_errors_add(c->errors, "recipients", N_("Too many values: at most {}."), "500");
	struct recipient {
		const char *kind, *label, *email;
		int64_t id;
	} *rcpt = q->nrecipients && q->nrecipients <= 500 ? arena_alloc(c->a, q->nrecipients * sizeof(*rcpt)) : NULL;
	for (size_t i = 0; rcpt && i < q->nrecipients; i++)
		read_recipient(s, db, c->a, c->v, q->recipients[i], &rcpt[i].kind, &rcpt[i].id, &rcpt[i].label,
			       &rcpt[i].email, c->errors);
	if (c->errors->count > nerrors)
		return STORE_INVALID;

	/* The state changes through the ordinary write: validated, indexed,
	 * in the history; a transition to the same state is recorded too. */
	rc = store_read_record(s, db, c->a, c->v, q->kind, q->id, 0, &after);
	if (rc != STORE_OK)
		return rc;
	record_set(after, model_field_index(q->kind, w->state_field), t->to);
	char action[80];
	snprintf(action, sizeof(action), "workflow:%s", t->name);
	rc = store_write_existing(s, c->a, c->v, before, after, action);
	if (rc != STORE_OK)
		return rc;
	char at[21];
	clock_now_iso(at);
	rc = insert_step(db, c->v, q, state, t->to, last_history_id(db), at, &c->step_id);
	for (size_t i = 0; rc == STORE_OK && rcpt && i < q->nrecipients; i++) {
		int dup = 0;
		for (size_t j = 0; j < i && !dup; j++)
			dup = rcpt[j].id == rcpt[i].id && strcmp(rcpt[j].kind, rcpt[i].kind) == 0;
		if (dup)
			continue;
		struct db_stmt *st = db_prepare(db, "INSERT INTO distribution (step_id, kind, record_id, recipient_kind, recipient_id,"
						    " recipient_label, email, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
		if (!st)
			return STORE_ERROR;
		db_bind_int(st, 1, c->step_id);
		db_bind_text(st, 2, q->kind->name);
		db_bind_int(st, 3, q->id);
		db_bind_text(st, 4, rcpt[i].kind);
		db_bind_int(st, 5, rcpt[i].id);
		db_bind_text(st, 6, rcpt[i].label ? rcpt[i].label : "");
		db_bind_text(st, 7, rcpt[i].email);
		db_bind_text(st, 8, at);
		rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
		db_stmt_done(st);
	}
	return rc;
}

int store_transition(struct store *s, struct arena *a, const struct viewer *v, const struct workflow_request *q,
		     int64_t *step_id, struct field_errors *errors)
{
	if (!q->kind->workflow) {
		field_errors_add(errors, "transition", N_("Unknown action: {}."), q->transition ? q->transition : "");
		return STORE_NOT_FOUND;
	}
	struct transition_ctx c = {.a = a, .v = v, .q = q, .errors = errors};
	int rc = store_in_write(s, do_transition, &c);
	if (rc == STORE_OK && step_id)
		*step_id = c.step_id;
	return rc;
}

static const char *column_text_or_null(struct arena *a, struct db_stmt *st, int col)
{
	return db_column_is_null(st, col) ? NULL : arena_strdup(a, db_column_text(st, col));
}

int store_workflow_steps(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
			 struct workflow_step **steps, size_t *count)
{
	*steps = NULL;
	*count = 0;
	struct db *db;
	int rc = store_team_reader(s, a, v, k, id, &db);
	if (rc != STORE_OK)
		return rc;
	struct db_stmt *st = db_prepare(db, "SELECT id, transition, from_state, to_state, actor, account_id, comment,"
					    " history_id, at FROM workflow_step WHERE kind = ?1 AND record_id = ?2 ORDER BY id");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, k->name);
	db_bind_int(st, 2, id);
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		*steps = arena_grow(a, *steps, *count, &cap, sizeof(**steps));
		struct workflow_step *w = &(*steps)[(*count)++];
		w->id = db_column_int(st, 0);
		w->transition = arena_strdup(a, db_column_text(st, 1));
		w->from_state = arena_strdup(a, db_column_text(st, 2));
		w->to_state = arena_strdup(a, db_column_text(st, 3));
		w->actor = arena_strdup(a, db_column_text(st, 4));
		w->account_id = db_column_int(st, 5);
		w->comment = column_text_or_null(a, st, 6);
		w->history_id = db_column_int(st, 7);
		w->at = arena_strdup(a, db_column_text(st, 8));
	}
	db_stmt_done(st);
	return STORE_OK;
}

static int read_distributions(struct db *db, struct arena *a, struct db_stmt *st, struct distribution **rows,
			      size_t *count)
{
	(void)db;
	size_t cap = 0;
	*rows = NULL;
	*count = 0;
	while (db_step(st) == DB_ROW) {
		*rows = arena_grow(a, *rows, *count, &cap, sizeof(**rows));
		struct distribution *d = &(*rows)[(*count)++];
		d->step_id = db_column_int(st, 0);
		d->recipient_kind = arena_strdup(a, db_column_text(st, 1));
		d->recipient_id = db_column_int(st, 2);
		d->label = arena_strdup(a, db_column_text(st, 3));
		d->email = column_text_or_null(a, st, 4);
		d->outbox_id = db_column_int(st, 5);
		d->sent_at = column_text_or_null(a, st, 6);
		d->at = arena_strdup(a, db_column_text(st, 7));
	}
	db_stmt_done(st);
	return STORE_OK;
}

#define DISTRIBUTION_COLUMNS \
	"SELECT d.step_id, d.recipient_kind, d.recipient_id, d.recipient_label, d.email, d.outbox_id, o.sent_at, d.at" \
	" FROM distribution d LEFT JOIN outbox o ON o.id = d.outbox_id "

int store_distributions(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
			struct distribution **rows, size_t *count)
{
	*rows = NULL;
	*count = 0;
	struct db *db;
	int rc = store_team_reader(s, a, v, k, id, &db);
	if (rc != STORE_OK)
		return rc;
	struct db_stmt *st = db_prepare(db, DISTRIBUTION_COLUMNS "WHERE d.kind = ?1 AND d.record_id = ?2 ORDER BY d.id");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, k->name);
	db_bind_int(st, 2, id);
	return read_distributions(db, a, st, rows, count);
}

int store_step_distributions(struct store *s, struct arena *a, int64_t step_id, struct distribution **rows,
			     size_t *count)
{
	struct db *db = store_reader(s);
	struct db_stmt *st = db ? db_prepare(db, DISTRIBUTION_COLUMNS "WHERE d.step_id = ?1 ORDER BY d.id") : NULL;
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, step_id);
	return read_distributions(db, a, st, rows, count);
}

struct outbox_link_ctx {
	int64_t step_id, recipient_id, outbox_id;
	const char *recipient_kind;
};

static int do_link_outbox(struct store *s, void *p)
{
	struct outbox_link_ctx *c = p;
	struct db_stmt *st = db_prepare(s->writer, "UPDATE distribution SET outbox_id = ?1 WHERE step_id = ?2"
						   " AND recipient_kind = ?3 AND recipient_id = ?4");
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, c->outbox_id);
	db_bind_int(st, 2, c->step_id);
	db_bind_text(st, 3, c->recipient_kind);
	db_bind_int(st, 4, c->recipient_id);
	int rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
	db_stmt_done(st);
	return rc;
}

int store_distribution_set_outbox(struct store *s, int64_t step_id, const char *recipient_kind, int64_t recipient_id,
				  int64_t outbox_id)
{
	struct outbox_link_ctx c = {step_id, recipient_id, outbox_id, recipient_kind};
	return store_in_write(s, do_link_outbox, &c);
}

int store_workflow_waiting(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int limit,
			   struct record ***items, size_t *count)
{
	*items = NULL;
	*count = 0;
	const struct workflow *w = k->workflow;
	struct db *db = store_reader(s);
	if (!w || !w->waiting || !db || v->role == ROLE_ANONYMOUS)
		return w ? (db ? STORE_OK : STORE_ERROR) : STORE_NOT_FOUND;
	struct buf sql = BUF_INIT;
	struct sql_params params = {0};
	buf_printf(&sql, "SELECT t.id FROM %s t WHERE t.deleted_at IS NULL AND t.%s IN (", k->name, w->state_field);
	for (const char *const *st = w->waiting; *st; st++)
		buf_printf(&sql, "%s?%d", st == w->waiting ? "" : ", ", sql_param(&params, *st));
	buf_puts(&sql, ")");
	/* Only the records that may be theirs (the test below decides): not
	 * their own, named to them, to one of their teams, or to no one.
	 * Without this, every record waiting for anyone was read, and those
	 * past the first thousand were never seen. */
	const char *me = arena_printf(a, "%lld", (long long)v->account_id);
	if (w->author_field)
		buf_printf(&sql, " AND (t.%s IS NULL OR t.%s <> ?%d)", w->author_field, w->author_field, sql_param(&params, me));
	if (w->assignee_field || w->assignee_team_field) {
		buf_puts(&sql, " AND (");
		if (w->assignee_field)
			buf_printf(&sql, "t.%s = ?%d OR ", w->assignee_field, sql_param(&params, me));
		if (w->assignee_team_field && v->nteams) {
			buf_printf(&sql, "t.%s IN (", w->assignee_team_field);
			for (size_t i = 0; i < v->nteams; i++)
				buf_printf(&sql, "%s?%d", i ? ", " : "",
					   sql_param(&params, arena_printf(a, "%lld", (long long)v->teams[i])));
			buf_puts(&sql, ") OR ");
		}
		buf_puts(&sql, "(1");
		if (w->assignee_field)
			buf_printf(&sql, " AND t.%s IS NULL", w->assignee_field);
		if (w->assignee_team_field)
			buf_printf(&sql, " AND t.%s IS NULL", w->assignee_team_field);
		buf_puts(&sql, "))");
	}
	store_visibility_sql(v, k, "t", &sql, &params, a);
	buf_puts(&sql, " ORDER BY t.updated_at, t.id");
	struct db_stmt *st = db_prepare(db, buf_str(&sql));
	buf_release(&sql);
	if (!st)
		return STORE_ERROR;
	sql_bind(st, &params);
	size_t cap = 0;
	while (db_step(st) == DB_ROW && *count < (size_t)limit) {
		struct record *r;
		if (store_read_record(s, db, a, v, k, db_column_int(st, 0), 0, &r) != STORE_OK)
			continue;
		/* Theirs: named, or of the team named, or any validator's when
		 * no one is named; never their own. */
		int64_t author = ref_value(r, w->author_field), assignee = ref_value(r, w->assignee_field),
			team = ref_value(r, w->assignee_team_field);
		int mine = (author != v->account_id) &&
			   ((assignee && assignee == v->account_id) || (team && in_team(v, team)) ||
			    (!assignee && !team && permission_allows(v->role, k, ACT_VALIDATE)));
		int can = 0;
		for (size_t i = 0; i < w->ntransitions && mine && !can; i++)
			can = w->transitions[i].actor == WF_ASSIGNEE && may_fire(s, db, v, r, &w->transitions[i], NULL);
		mine = mine && can;
		if (!mine)
			continue;
		*items = arena_grow(a, *items, *count, &cap, sizeof(**items));
		(*items)[(*count)++] = r;
	}
	db_stmt_done(st);
	return STORE_OK;
}
