/*
 * visibility.c - who sees which records, for every read path: one SQL
 * condition for lists and search (store_visibility_sql) and its twin in C
 * for single records (store_may_see), and who may change them
 * (store_may_write).
 *
 * Levels: public (everybody, the published directory), internal (every
 * account but partners), team (the accounts of the teams listed in
 * visibility_teams), confidential (the accounts listed in
 * visibility_users).  Administrators and the system see everything.  A
 * partner sees public records and those of its own organisation: the
 * organisation itself and the people who hold a position there.
 * Positions and relationships have no level of their own: they are seen
 * when the records they join are.
 */
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"

int sql_param(struct sql_params *p, const char *text)
{
	if (p->count >= SQL_MAX_PARAMS)
		return 0;
	p->count++;
	p->items[p->count].text = text;
	p->items[p->count].is_number = 0;
	return p->count;
}

int sql_param_number(struct sql_params *p, double number)
{
	if (p->count >= SQL_MAX_PARAMS)
		return 0;
	p->count++;
	p->items[p->count].number = number;
	p->items[p->count].is_number = 1;
	return p->count;
}

void sql_bind(struct db_stmt *st, const struct sql_params *p)
{
	for (int i = 1; i <= p->count; i++) {
		if (p->items[i].is_number)
			db_bind_double(st, i, p->items[i].number);
		else
			db_bind_text(st, i, p->items[i].text);
	}
}

struct viewer store_system_viewer(const char *origin)
{
	struct viewer v = {.role = ROLE_SYSTEM, .label = "system", .origin = origin};
	return v;
}

static int sees_all(const struct viewer *v)
{
	return v && (v->role == ROLE_ADMIN || v->role == ROLE_SYSTEM);
}

/* The condition on one kind with its own visibility, under alias. */
static void level_sql(const struct viewer *v, const struct kind *k, const char *alias, struct buf *sql,
		      struct sql_params *p, struct arena *a)
{
	enum role role = v ? v->role : ROLE_ANONYMOUS;
	if (role == ROLE_ANONYMOUS) {
		buf_printf(sql, " AND %s.visibility = 'public'", alias);
		return;
	}
	if (role == ROLE_PARTNER) {
		int org = sql_param(p, arena_printf(a, "%lld", (long long)v->organization));
		if (k == &model_organization)
			buf_printf(sql, " AND (%s.visibility = 'public' OR %s.id = ?%d)", alias, alias, org);
		else if (k == &model_person)
			buf_printf(sql, " AND (%s.visibility = 'public' OR EXISTS (SELECT 1 FROM position own"
					" WHERE own.person = %s.id AND own.organization = ?%d AND own.deleted_at IS NULL)"
					" OR EXISTS (SELECT 1 FROM history mine WHERE mine.kind = 'person' AND mine.record_id = %s.id"
					" AND mine.action = 'create' AND mine.account_id = ?%d))",
				   alias, alias, org, alias, sql_param(p, arena_printf(a, "%lld", (long long)v->account_id)));
		else
			buf_printf(sql, " AND %s.visibility = 'public'", alias);
		return;
	}
	buf_printf(sql, " AND (%s.visibility IN ('public', 'internal')", alias);
	if (v->nteams) {
		buf_printf(sql, " OR (%s.visibility = 'team' AND EXISTS (SELECT 1 FROM record_value vt WHERE vt.kind = '%s'"
				" AND vt.record_id = %s.id AND vt.field = 'visibility_teams' AND vt.value IN (",
			   alias, k->name, alias);
		for (size_t i = 0; i < v->nteams; i++)
			buf_printf(sql, "%s?%d", i ? ", " : "", sql_param(p, arena_printf(a, "%lld", (long long)v->teams[i])));
		buf_puts(sql, ")))");
	}
	if (v->account_id)
		buf_printf(sql, " OR (%s.visibility = 'confidential' AND EXISTS (SELECT 1 FROM record_value vu WHERE vu.kind = '%s'"
				" AND vu.record_id = %s.id AND vu.field = 'visibility_users' AND vu.value = ?%d))",
			   alias, k->name, alias, sql_param(p, arena_printf(a, "%lld", (long long)v->account_id)));
	buf_puts(sql, ")");
}

void store_visibility_sql(const struct viewer *v, const struct kind *k, const char *alias, struct buf *sql,
			  struct sql_params *p, struct arena *a)
{
	if (sees_all(v))
		return;
	if (k->has_visibility) {
		level_sql(v, k, alias, sql, p, a);
		return;
	}
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		if (f->type != FT_REF || (f->flags & F_MULTI))
			continue;
		const struct kind *target = model_kind(f->ref);
		if (!target || !target->has_visibility)
			continue;
		const char *ra = arena_printf(a, "%s_%s", alias, f->name);
		buf_printf(sql, " AND EXISTS (SELECT 1 FROM %s %s WHERE %s.id = %s.%s AND %s.deleted_at IS NULL", target->name,
			   ra, ra, alias, f->name, ra);
		level_sql(v, target, ra, sql, p, a);
		buf_puts(sql, ")");
	}
}

static int has_value(const struct record *r, const char *field, int64_t id)
{
	int i = model_field_index(r->kind, field);
	if (i < 0)
		return 0;
	char text[24];
	snprintf(text, sizeof(text), "%lld", (long long)id);
	for (size_t j = 0; j < r->values[i].count; j++)
		if (strcmp(r->values[i].items[j].text, text) == 0)
			return 1;
	return 0;
}

/* Does person `person_id` hold a position at organisation `org` (a current
 * one only, when current_only)? */
static int works_at(struct db *db, int64_t person_id, int64_t org, int current_only)
{
	char today[21];
	clock_now_iso(today);
	today[10] = '\0';
	struct db_stmt *st = db_prepare(db, current_only
		? "SELECT 1 FROM position WHERE person = ?1 AND organization = ?2 AND deleted_at IS NULL"
		  " AND (end_date IS NULL OR end_date >= ?3) LIMIT 1"
		: "SELECT 1 FROM position WHERE person = ?1 AND organization = ?2 AND deleted_at IS NULL AND ?3 IS NOT NULL LIMIT 1");
	if (!st)
		return 0;
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, org);
	db_bind_text(st, 3, today);
	int found = db_step(st) == DB_ROW;
	db_stmt_done(st);
	return found;
}

/* Did account `account` create record k/id? */
static int created_by(struct db *db, const struct kind *k, int64_t id, int64_t account)
{
	if (!account)
		return 0;
	struct db_stmt *st = db_prepare(db, "SELECT 1 FROM history WHERE kind = ?1 AND record_id = ?2 AND action = 'create' AND account_id = ?3");
	if (!st)
		return 0;
	db_bind_text(st, 1, k->name);
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, account);
	int found = db_step(st) == DB_ROW;
	db_stmt_done(st);
	return found;
}

/* A partner's own people: those it created, and those working at its
 * organisation (now, to change them; ever, to see them). */
static int partner_person(struct db *db, const struct viewer *v, int64_t person_id, int current_only)
{
	return works_at(db, person_id, v->organization, current_only) || created_by(db, &model_person, person_id, v->account_id);
}

static int level_allows(struct db *db, const struct viewer *v, const struct record *r)
{
	const char *level = record_get_by_name(r, "visibility");
	if (level && strcmp(level, "public") == 0)
		return 1;
	enum role role = v ? v->role : ROLE_ANONYMOUS;
	if (role == ROLE_ANONYMOUS)
		return 0;
	if (role == ROLE_PARTNER) {
		if (r->kind == &model_organization)
			return r->id == v->organization;
		if (r->kind == &model_person)
			return partner_person(db, v, r->id, 0);
		return 0;
	}
	if (level && strcmp(level, "internal") == 0)
		return 1;
	if (level && strcmp(level, "team") == 0) {
		for (size_t i = 0; i < v->nteams; i++)
			if (has_value(r, "visibility_teams", v->teams[i]))
				return 1;
		return 0;
	}
	if (level && strcmp(level, "confidential") == 0)
		return v->account_id && has_value(r, "visibility_users", v->account_id);
	return 0;
}

int store_may_see(struct store *s, struct db *db, const struct viewer *v, const struct record *r)
{
	if (sees_all(v))
		return 1;
	if (!permission_allows(v ? v->role : ROLE_ANONYMOUS, r->kind, ACT_READ))
		return 0;
	if (r->kind->has_visibility)
		return level_allows(db, v, r);
	for (size_t i = 0; i < r->kind->nfields; i++) {
		const struct field *f = &r->kind->fields[i];
		const char *ref = record_get(r, (int)i);
		if (f->type != FT_REF || (f->flags & F_MULTI) || !ref)
			continue;
		const struct kind *target = model_kind(f->ref);
		if (!target || !target->has_visibility)
			continue;
		struct arena a = ARENA_INIT;
		struct record *t;
		int rc = store_read_record(s, db, &a, v, target, strtoll(ref, NULL, 10), 0, &t);
		arena_release(&a);
		if (rc != STORE_OK)
			return 0;
	}
	return 1;
}

int store_may_write(struct store *s, struct db *db, const struct viewer *v, const struct record *r, enum action action)
{
	enum role role = v ? v->role : ROLE_ANONYMOUS;
	if (!permission_allows(role, r->kind, action))
		return 0;
	if (role != ROLE_PARTNER)
		return 1;
	/* A partner changes what concerns its own organisation only: the
	 * organisation itself, and its people (those it created, or who work
	 * there now) and their positions there. */
	(void)s;
	if (r->kind == &model_organization)
		return r->id == v->organization && action == ACT_UPDATE;
	if (r->kind == &model_person)
		return r->id ? partner_person(db, v, r->id, 1) : action == ACT_CREATE;
	if (r->kind == &model_position) {
		const char *org = record_get_by_name(r, "organization"), *person = record_get_by_name(r, "person");
		return org && person && strtoll(org, NULL, 10) == v->organization &&
		       partner_person(db, v, strtoll(person, NULL, 10), 1);
	}
	if (r->kind == &model_relationship) {
		const char *subject = record_get_by_name(r, "subject");
		return subject && strtoll(subject, NULL, 10) == v->organization;
	}
	return 0;
}

void store_redact(struct db *db, const struct viewer *v, struct record *r)
{
	enum role role = v ? v->role : ROLE_ANONYMOUS;
	if (role != ROLE_ANONYMOUS && role != ROLE_PARTNER)
		return;
	/* A partner reads its own organisation and its people in full. */
	if (role == ROLE_PARTNER) {
		if (r->kind == &model_organization && r->id == v->organization)
			return;
		if (r->kind == &model_person && partner_person(db, v, r->id, 0))
			return;
	}
	for (size_t i = 0; i < r->kind->nfields; i++)
		if (!(r->kind->fields[i].flags & F_PUBLIC))
			r->values[i].count = 0;
}

int store_may(struct store *s, const struct viewer *v, const struct record *r, enum action action)
{
	struct db *db = store_reader(s);
	return db && store_may_write(s, db, v, r, action);
}

int store_viewer_is_team(const struct viewer *v)
{
	return v && (v->role == ROLE_READER || v->role == ROLE_EDITOR || v->role == ROLE_VALIDATOR || v->role == ROLE_ADMIN ||
		     v->role == ROLE_SYSTEM);
}

int store_team_reader(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
		      struct db **db)
{
	if (!store_viewer_is_team(v))
		return STORE_FORBIDDEN;
	*db = store_reader(s);
	struct record *r;
	return *db ? store_read_record(s, *db, a, v, k, id, 1, &r) : STORE_ERROR;
}
