/*
 * history.h - the history of every change, tamper-evident.
 *
 * Each create, update, delete, restore, erasure and workflow step appends
 * one entry: who (account and name), when, from where (web, api, import,
 * cli, demo, and the address), which record, what action, and each
 * changed field's old and new values.  Entries form a chain: an entry's
 * hash covers the previous entry's hash and a digest of its content, where
 * every value enters through a salted hash of its own.  Erasing a person
 * replaces values by null but keeps their hashes, so the chain still
 * verifies while the erased data are gone.
 */
#ifndef PASSERELLE_HISTORY_H
#define PASSERELLE_HISTORY_H

#include <stdint.h>

#include "store/store.h"

struct history_change {
	const char *field;
	const char *old_json; /* the field's values as JSON, "null" when none or erased */
	const char *new_json;
	int erased;
};

struct history_entry {
	int64_t id;
	const char *at;
	int64_t account_id;
	const char *actor;
	const char *origin;
	const char *address;
	const char *kind;
	int64_t record_id;
	const char *action;
	struct history_change *changes;
	size_t nchanges;
};

/* The entries of one record, newest first, if the viewer may see the
 * record and read histories. */
int store_history(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
		  struct history_entry **out, size_t *count);

/* Record an action on a kind as a whole (an export: "export csv, 120
 * rows"), with record id 0, in its own transaction. */
int store_history_note(struct store *s, const struct viewer *v, const struct kind *k, const char *action);

/* Check the whole chain.  Returns 0 when every entry verifies; otherwise 1
 * with *first_bad set to the first entry that does not and a reason in
 * err; -1 on a database error. */
int store_audit_verify(struct store *s, int64_t *first_bad, int64_t *checked, char *err, size_t errlen);

/* The values of record k/id as they were just after history entry
 * `entry_id` (every field's last value up to that entry), as a record
 * ready for store_update.  STORE_NOT_FOUND when the entry is not about
 * this record. */
int store_history_version(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
			  int64_t entry_id, struct record **out);

#endif
