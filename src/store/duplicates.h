/*
 * duplicates.h - finding the records that are probably the same actor
 * (duplicates.c), and merging two of them into one, undoably (merge.c).
 *
 * Finding never compares every pair: records are grouped by blocking keys
 * (an identifier, an email, a folded name, a canonical name per territory)
 * and compared only within their groups, so 100,000 organisations take
 * seconds, not hours.  Reasons, from the surest:
 *
 *   identifier    100  the same SIREN (also from a SIRET), SIRET, RNA or
 *                      other registry number (85 when two SIRETs of the
 *                      same SIREN differ: two establishments)
 *   email          90  the same address, case ignored (an organisation's
 *                      email, any of a person's emails)
 *   name           80  the same folded name, alternate name or acronym in
 *                      the same territory (70 when one territory is
 *                      unknown or both are acronyms)
 *   similar_name 50-75 names alike once folded, stop words dropped and
 *                      abbreviations expanded ("Asso Les Amis du Port" and
 *                      "Association les amis du port"), or a typo apart,
 *                      in the same territory
 *
 * Only records the viewer may see and that are not in the bin are
 * considered; visitors and partners are matched on public fields only.
 * The result of a search is kept (per kind and viewer) until the next
 * change to the base, so paging through it costs nothing.
 *
 * Merging keeps one record (`keep`), gives it the values chosen field by
 * field, moves to it everything that pointed to the other (`drop`): every
 * reference field of every kind whose target is this kind, a relationship
 * that would join the record to itself going to the bin instead; then
 * `drop` goes to the bin.  All in one transaction, all in the history:
 *
 *   "merge"   on drop, no field changed          - the first entry
 *   "update"  on each record moved, "delete" on each relationship binned
 *             (drop goes to the bin after them, in the same transaction)
 *   "merge"   on keep (its values before and after) - the last entry,
 *             whose id names the merge (/merges/:id/undo)
 *
 * The entries of one merge are consecutive (one transaction under the
 * write lock), so undoing reads them back: drop leaves the bin, every
 * reference goes back, keep gets its previous values ("unmerge" entries).
 * When any of these records changed after the merge, nothing is undone
 * and the records are listed.
 */
#ifndef PASSERELLE_DUPLICATES_H
#define PASSERELLE_DUPLICATES_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

enum duplicate_reason {
	DUP_IDENTIFIER = 0,
	DUP_EMAIL,
	DUP_NAME,
	DUP_SIMILAR_NAME,
};

struct duplicate_pair {
	int64_t a, b;            /* a < b: the older record first */
	int score;               /* 50..100 */
	enum duplicate_reason reason;
	const char *reason_code; /* "identifier", "email", "name", "similar_name" */
	const char *reason_msgid;
	const char *field;       /* the field that matched ("siren", "email", "names"...), or NULL */
	const char *detail;      /* the shared value (the SIREN, the address, the folded name), or NULL */
	const char *territory;   /* code, or NULL */
	const char *title_a, *title_b;
};

/* The `limit` likeliest duplicate pairs of kind k (0: all of them), most
 * likely first.  Kinds without names (positions, relationships) have none.
 * STORE_FORBIDDEN when the viewer may not read k. */
int store_find_duplicates(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, size_t limit,
			  struct duplicate_pair **out, size_t *count);
/* The same, from the offset-th pair; *total receives the number of pairs. */
int store_find_duplicates_page(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k,
			       size_t offset, size_t limit, struct duplicate_pair **out, size_t *count, size_t *total);

/* The text compared for similar names: folded, stop words and legal forms
 * dropped, abbreviations made one ("asso" = "association"), tokens in
 * their order.  Exposed for the tests. */
const char *duplicates_name_key(struct arena *a, const char *name);
/* How alike two such keys are, 0..1 (1: the same words). */
double duplicates_name_similarity(const char *key_a, const char *key_b);

/* What a merge will move, per kind with reference fields to this kind:
 * the records that point to `drop` (moved), those that would then join
 * `keep` to itself (binned instead), and those the viewer may not see or
 * change (which stop the merge). */
struct merge_move {
	const struct kind *kind;
	size_t moved;
	size_t removed;
	size_t hidden;
};
struct merge_preview {
	struct merge_move *moves;
	size_t count;
	size_t hidden; /* sum of moves[].hidden */
};
int store_merge_preview(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t keep_id,
			int64_t drop_id, struct merge_preview *out);

/* The values a merge keeps by default, as a patch for keep: for each
 * field, keep's value, or drop's when keep has none; lists are joined. */
struct record *store_merge_default(struct arena *a, const struct record *keep, const struct record *drop);

/* Merge drop into keep (see above).  `chosen` (may be NULL) holds the
 * values keep takes: its fields marked present replace keep's, the others
 * stay; it is validated like any update (STORE_INVALID with the errors).
 * A record that points to drop and that the viewer may not see or change
 * stops the merge (STORE_FORBIDDEN, listed in errors).  *merge_id (may be
 * NULL) receives the id of the merge: its history entry on keep. */
int store_merge(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t keep_id,
		int64_t drop_id, struct record *chosen, struct field_errors *errors, int64_t *merge_id);

/* One merge, from its id. */
struct merge_info {
	const struct kind *kind;
	int64_t id;        /* the history entry on keep */
	int64_t keep, drop;
	int64_t first_entry; /* the history entry on drop */
	const char *at;
	const char *actor;
	size_t moved;      /* records moved */
	size_t removed;    /* relationships binned */
	int undone;        /* undone already */
};
/* STORE_NOT_FOUND when id is not a merge or the viewer may not see keep. */
int store_merge_info(struct store *s, struct arena *a, const struct viewer *v, int64_t merge_id, struct merge_info *out);

/* The latest merges of kind k (among the last 20,000 changes) that can
 * still be undone and whose kept record the viewer sees, newest first. */
int store_recent_merges(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, size_t limit,
			struct merge_info **out, size_t *count);

/* Undo merge `merge_id`, in one transaction (see above).  STORE_CONFLICT
 * with the records that changed since, each as a problem of field "" whose
 * detail is the record's title; STORE_NOT_FOUND when it is not a merge. */
int store_merge_undo(struct store *s, struct arena *a, const struct viewer *v, int64_t merge_id,
		     struct field_errors *conflicts);

#endif
