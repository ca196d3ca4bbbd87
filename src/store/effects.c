/*
 * effects.c - what a change to a record does beyond itself, in the same
 * transaction: the behaviour declarations cannot say.  One function, one
 * case per kind that needs one.
 */
#include "store/store_internal.h"

#include <string.h>

#include "base/clock.h"

/* A disabled account's sessions end and its API tokens are revoked at
 * once: enabling it again does not bring them back. */
static int account_disabled(struct db *db, int64_t id)
{
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(db, "DELETE FROM session WHERE account_id = ?1");
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, id);
	int rc = db_step(st);
	db_stmt_done(st);
	if (rc != DB_DONE)
		return STORE_ERROR;
	st = db_prepare(db, "UPDATE api_token SET revoked_at = ?1 WHERE account_id = ?2 AND revoked_at IS NULL");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, id);
	rc = db_step(st);
	db_stmt_done(st);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_after_write(struct store *s, struct db *db, const struct record *before, const struct record *after)
{
	(void)s;
	if (after->kind == &model_account) {
		const char *was = before ? record_get_by_name(before, "disabled") : NULL;
		const char *is = record_get_by_name(after, "disabled");
		int now_disabled = is && strcmp(is, "true") == 0, was_disabled = was && strcmp(was, "true") == 0;
		if (now_disabled && !was_disabled)
			return account_disabled(db, after->id);
	}
	return STORE_OK;
}
