/*
 * gdpr.h - personal-data rights in the storage layer: people kept long
 * without contact (retention), and erasure of a person everywhere,
 * history included, keeping the aggregates that are not personal (the
 * record still counts among the organisation's people, the history chain
 * still verifies).
 */
#ifndef PASSERELLE_GDPR_H
#define PASSERELLE_GDPR_H

#include "store/store.h"

/* People the viewer may see whose record and positions have not changed
 * since `before` (ISO 8601), oldest first, at most `limit`. */
int gdpr_stale_people(struct store *s, struct arena *a, const struct viewer *v, const char *before, int limit,
		      struct record ***out, size_t *count);

/* Erase person `id`: every personal field emptied (the family name becomes
 * "—"), its search entry rewritten, every value of its history replaced
 * by null (their hashes stay), and one "erase" entry recorded without any
 * of the erased data. */
int gdpr_erase_person(struct store *s, const struct viewer *v, int64_t id);

/* The accounts' and people's retention period, in years (default 3,
 * PASSERELLE_RETENTION_YEARS). */
int gdpr_retention_years(void);

#endif
