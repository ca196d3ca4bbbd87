/* mailer.c - see mailer.h. */
#include "domain/mailer.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/clock.h"
#include "io/smtp.h"
#include "store/activity.h"

#define MAX_ATTEMPTS 5

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_t thread;
static int running, stopping, kicked;
static struct store *store;

static int config(struct smtp_config *c)
{
	memset(c, 0, sizeof(*c));
	c->url = getenv("PASSERELLE_SMTP_URL");
	if (!c->url || !*c->url)
		return -1;
	c->username = getenv("PASSERELLE_SMTP_USER");
	c->password = getenv("PASSERELLE_SMTP_PASSWORD");
	c->from = getenv("PASSERELLE_SMTP_FROM");
	if (!c->from || !*c->from)
		c->from = "Passerelle <passerelle@localhost>";
	const char *tls = getenv("PASSERELLE_SMTP_TLS");
	c->require_tls = tls && strcmp(tls, "required") == 0;
	c->timeout_seconds = 30;
	return 0;
}

static int digest_hour(void)
{
	const char *h = getenv("PASSERELLE_DIGEST_HOUR");
	char *end = NULL;
	long n = h && *h ? strtol(h, &end, 10) : 7;
	return end && *end ? 7 : n >= 0 && n < 24 ? (int)n : 7;
}

/* Queue today's digest when its hour has come (or when forced) and it was
 * not prepared yet. */
static size_t maybe_digest(struct store *s, int force)
{
	char day[11];
	clock_today(day);
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	if (!force && tm.tm_hour < digest_hour())
		return 0;
	if (store_digest_claim(s, day) != 1)
		return 0;
	size_t mails = 0;
	if (mail_digest_prepare(s, day, &mails) != 0)
		fprintf(stderr, "passerelle: the digest of %s could not be prepared\n", day);
	store_digest_prepared(s, day, mails);
	return mails;
}

static void send_pending(struct store *s, const struct smtp_config *c, size_t *sent, size_t *failed)
{
	struct arena a = ARENA_INIT;
	struct outbox_mail *mails;
	size_t n;
	if (store_outbox_pending(s, &a, MAX_ATTEMPTS, 100, &mails, &n) == STORE_OK)
		for (size_t i = 0; i < n; i++) {
			struct mail m = {.to = mails[i].to_address, .to_name = mails[i].to_name, .subject = mails[i].subject,
					 .text = mails[i].body};
			char err[256] = "";
			int ok = smtp_send(c, &m, err, sizeof(err)) == 0;
			store_outbox_done(s, mails[i].id, ok ? NULL : err);
			if (ok)
				(*sent)++;
			else
				(*failed)++;
		}
	arena_release(&a);
}

static void *loop(void *unused)
{
	(void)unused;
	struct smtp_config c;
	config(&c);
	pthread_mutex_lock(&lock);
	while (!stopping) {
		pthread_mutex_unlock(&lock);
		size_t sent = 0, failed = 0;
		maybe_digest(store, 0);
		send_pending(store, &c, &sent, &failed);
		store_thread_done(store);
		pthread_mutex_lock(&lock);
		if (stopping)
			break;
		if (!kicked) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += 60;
			pthread_cond_timedwait(&wake, &lock, &until);
		}
		kicked = 0;
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

int mailer_start(struct store *s)
{
	struct smtp_config c;
	if (config(&c) != 0)
		return 0;
	smtp_global_init();
	store = s;
	stopping = 0;
	if (pthread_create(&thread, NULL, loop, NULL) != 0)
		return -1;
	running = 1;
	return 0;
}

void mailer_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&lock);
	stopping = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	running = 0;
	smtp_global_cleanup();
}

void mailer_wake(void)
{
	pthread_mutex_lock(&lock);
	kicked = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
}

int mailer_run_once(struct store *s, int force_digest, size_t *queued, size_t *sent, size_t *failed)
{
	*queued = *sent = *failed = 0;
	struct smtp_config c;
	*queued = maybe_digest(s, force_digest);
	if (config(&c) != 0)
		return -1;
	smtp_global_init();
	send_pending(s, &c, sent, failed);
	smtp_global_cleanup();
	return 0;
}
