/*
 * store/activity.h - what the working desk keeps beside the records:
 * attachments (attachments.c), internal transmissions (transmissions.c),
 * timelines and the desk's lists (timeline.c), secret calendar addresses
 * (calendar.c) and the mail outbox (outbox.c).  Every read takes a viewer
 * and answers only about records the viewer may see.
 */
#ifndef PASSERELLE_STORE_ACTIVITY_H
#define PASSERELLE_STORE_ACTIVITY_H

#include "store/store.h"

/* ---- Attachments: files by SHA-256, under the names they were given. */

/* Do records of kind k carry files?  The desk's kinds (those with a
 * timeline date or a workflow): a meeting's, a note's, a document's. */
int store_kind_takes_files(const struct kind *k);

/* The largest file accepted, in bytes. */
#define ATTACHMENT_MAX_BYTES (20 * 1024 * 1024)

struct attachment {
	int64_t id;
	const char *kind;
	int64_t record_id;
	const char *filename;
	const char *mime;
	const char *sha256;
	int64_t size;
	const char *created_at;
};

/* Attach data (of the type found in its content, `mime`) to k/id under
 * `filename`, with `text` (may be NULL) extracted for search.  The viewer
 * must be allowed to change the record (and, for a kind with a workflow,
 * the record must be in an editable state).  Identical contents are
 * stored once.  The record's history and search entry are updated.  The
 * caller checks the size and the type; filename problems (empty, too
 * long, control characters, a path) are reported on "file". */
int store_attach(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
		 const char *filename, const char *mime, const void *data, size_t len, const char *text,
		 int64_t *attachment_id, struct field_errors *errors);
/* The attachments of k/id, oldest first. */
int store_attachments(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
		      struct attachment **list, size_t *count);
/* One attachment and its bytes (in a), if the viewer may see its record. */
int store_attachment_read(struct store *s, struct arena *a, const struct viewer *v, int64_t attachment_id,
			  struct attachment *out, const void **data, size_t *len);
/* Remove an attachment from its record (the bytes stay while another
 * attachment uses them). */
int store_detach(struct store *s, struct arena *a, const struct viewer *v, int64_t attachment_id);

/* ---- Internal transmission of a record to colleagues. */

struct transmission {
	int64_t id;
	const char *kind;
	int64_t record_id;
	const char *title;           /* of the record */
	int64_t account_id;
	const char *account_label;
	const char *sent_by_label;
	const char *message;
	const char *sent_at;
	const char *acknowledged_at; /* or NULL */
};
/* Pass k/id to the accounts listed (at least one; each must exist and be
 * able to see the record), with an optional message. */
int store_transmit(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
		   const int64_t *accounts, size_t naccounts, const char *message, struct field_errors *errors);
/* The transmissions of k/id, oldest first. */
int store_transmissions(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
			struct transmission **list, size_t *count);
/* What v has been passed and not yet acknowledged, oldest first. */
int store_to_acknowledge(struct store *s, struct arena *a, const struct viewer *v, int limit,
			 struct transmission **list, size_t *count);
/* v acknowledges transmission `id` (theirs); STORE_NOT_FOUND when it is
 * not theirs or was acknowledged already. */
int store_acknowledge(struct store *s, const struct viewer *v, int64_t id);
/* v acknowledges everything of k/id passed to them. */
int store_acknowledge_record(struct store *s, const struct viewer *v, const struct kind *k, int64_t id);

/* ---- Timelines and the desk. */

struct timeline_item {
	const struct kind *kind;
	int64_t id;
	const char *date;   /* the kind's timeline_date value */
	const char *title;
	const char *state;  /* a follow-up's status, a note's state, or NULL */
	struct record *record;
};
/* The records of the kinds with a timeline date that refer to k/id (any
 * FT_REF field, scalar or multi-valued), newest first, at most `limit`. */
int store_timeline(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
		   int limit, struct timeline_item **items, size_t *count);

/* Follow-ups owned by `owner` (an account; 0: anyone's), open or in
 * progress, due on or before `until` (YYYY-MM-DD; NULL for all), soonest
 * first. */
int store_followups_due(struct store *s, struct arena *a, const struct viewer *v, int64_t owner, const char *until,
			int limit, struct record ***items, size_t *count);
/* Documents received, not answered, with an answer due (the register's
 * deadlines), soonest first. */
int store_documents_to_answer(struct store *s, struct arena *a, const struct viewer *v, int limit,
			      struct record ***items, size_t *count);

/* ---- Calendar feeds: secret addresses, per account or per team. */

struct calendar_feed {
	int64_t id;
	int64_t account_id;
	int64_t team_id;      /* 0: the account's own calendar */
	const char *name;
	const char *created_at, *last_used_at, *revoked_at;
};
/* Create a feed for v (team 0: v's own; else a team v belongs to); the
 * secret token (shown once) is written to token[44]. */
int store_calendar_feed_create(struct store *s, const struct viewer *v, int64_t team_id, const char *name,
			       char token[44], int64_t *id, struct field_errors *errors);
int store_calendar_feeds(struct store *s, struct arena *a, const struct viewer *v, struct calendar_feed **list,
			 size_t *count);
int store_calendar_feed_revoke(struct store *s, const struct viewer *v, int64_t id);
/* The feed a token opens (not revoked), its use recorded; STORE_NOT_FOUND
 * otherwise. */
int store_calendar_feed_open(struct store *s, struct arena *a, const char *token, struct calendar_feed *out);
/* Interactions in which `account` took part (or, with team, any member of
 * the team) from `since` on, and follow-ups they own not done, as seen by
 * v: at most 2,000 of each, those nearest to today. */
int store_calendar_records(struct store *s, struct arena *a, const struct viewer *v, int64_t account, int64_t team,
			   const char *since, struct record ***items, size_t *count);

/* ---- Mail outbox. */

struct outbox_mail {
	int64_t id;
	const char *to_address, *to_name, *subject, *body, *purpose;
	int attempts;
};
int store_outbox_add(struct store *s, const char *to_address, const char *to_name, const char *subject,
		     const char *body, const char *purpose, int64_t *id);
/* Mails not yet sent with fewer than `max_attempts` attempts, oldest first. */
int store_outbox_pending(struct store *s, struct arena *a, int max_attempts, int limit, struct outbox_mail **list,
			 size_t *count);
/* Record the outcome of one attempt (error NULL: sent). */
int store_outbox_done(struct store *s, int64_t id, const char *error);
/* Claim `day` (YYYY-MM-DD) for the digest: 1 when this call claimed it,
 * 0 when it was prepared already (by this server or `passerelle digest`). */
int store_digest_claim(struct store *s, const char *day);
/* Record how many mails the digest of `day` queued. */
int store_digest_prepared(struct store *s, const char *day, size_t mails);
/* Accounts that may receive a digest: not disabled, with an email. */
struct digest_account {
	int64_t id;
	const char *email, *name, *language;
};
int store_digest_accounts(struct store *s, struct arena *a, struct digest_account **list, size_t *count);

#endif
