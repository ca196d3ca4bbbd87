/*
 * mailer.h - the mail that leaves Passerelle: one thread sends what the
 * outbox holds through the configured SMTP server (io/smtp.c), tries each
 * mail again up to five times, and prepares the daily digest once a day
 * at the configured hour.  Without an SMTP server nothing is sent: mails
 * stay in the outbox, and distributions are recorded all the same.
 *
 * Configuration, from the environment:
 *   PASSERELLE_SMTP_URL        smtp://host:port or smtps://host:port
 *   PASSERELLE_SMTP_USER, PASSERELLE_SMTP_PASSWORD
 *   PASSERELLE_SMTP_FROM       "Passerelle <passerelle@example.org>"
 *   PASSERELLE_SMTP_TLS        "required" for STARTTLS required
 *   PASSERELLE_DIGEST_HOUR     0-23, local time (TZ); default 7
 */
#ifndef PASSERELLE_MAILER_H
#define PASSERELLE_MAILER_H

#include <stddef.h>

struct store;

/* Prepare the digest of `day` (YYYY-MM-DD): one mail per account with
 * follow-ups due that day or overdue, queued.  Supplied by the web layer
 * (web/mail_compose.c), which knows the languages. */
int mail_digest_prepare(struct store *s, const char *day, size_t *mails);

/* Start the sending thread (a no-op without PASSERELLE_SMTP_URL); 0 or -1. */
int mailer_start(struct store *s);
void mailer_stop(void);
/* Send what waits now rather than at the next round. */
void mailer_wake(void);
/* Prepare today's digest if not done yet, then send everything that waits,
 * in the calling thread (the command `passerelle digest`).  *sent and
 * *failed count the mails.  0, or -1 when SMTP is not configured. */
int mailer_run_once(struct store *s, int force_digest, size_t *queued, size_t *sent, size_t *failed);

#endif
