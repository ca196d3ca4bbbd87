/* jobs.c - see jobs.h. */
#include "domain/jobs.h"

#include <pthread.h>
#include <stdlib.h>

struct job {
	int64_t key;
	job_fn *fn;
	void *ctx;
	void (*free_ctx)(void *);
	struct job_progress progress;
	enum job_state state;
	struct job *next;
};

struct jobs {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	struct job *head; /* queued, running and recently done jobs */
	int stopping;
};

static struct job *find(struct jobs *j, int64_t key)
{
	for (struct job *x = j->head; x; x = x->next)
		if (x->key == key)
			return x;
	return NULL;
}

static void *worker(void *arg)
{
	struct jobs *j = arg;
	pthread_mutex_lock(&j->lock);
	for (;;) {
		struct job *next = NULL;
		for (struct job *x = j->head; x; x = x->next)
			if (x->state == JOB_QUEUED)
				next = x; /* the oldest: jobs are pushed at the head */
		if (!next) {
			if (j->stopping)
				break;
			pthread_cond_wait(&j->wake, &j->lock);
			continue;
		}
		next->state = JOB_RUNNING;
		pthread_mutex_unlock(&j->lock);
		next->fn(next->ctx, &next->progress);
		pthread_mutex_lock(&j->lock);
		next->state = JOB_DONE;
		if (next->free_ctx)
			next->free_ctx(next->ctx);
		next->ctx = NULL;
	}
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

struct jobs *jobs_new(void)
{
	struct jobs *j = calloc(1, sizeof(*j));
	if (!j)
		return NULL;
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->wake, NULL);
	if (pthread_create(&j->thread, NULL, worker, j) != 0) {
		free(j);
		return NULL;
	}
	return j;
}

void jobs_free(struct jobs *j)
{
	if (!j)
		return;
	pthread_mutex_lock(&j->lock);
	j->stopping = 1;
	for (struct job *x = j->head; x; x = x->next) {
		if (x->state == JOB_QUEUED)
			x->state = JOB_DONE; /* dropped */
		atomic_store(&x->progress.cancel, 1);
	}
	pthread_cond_signal(&j->wake);
	pthread_mutex_unlock(&j->lock);
	pthread_join(j->thread, NULL);
	while (j->head) {
		struct job *x = j->head;
		j->head = x->next;
		if (x->ctx && x->free_ctx)
			x->free_ctx(x->ctx);
		free(x);
	}
	pthread_mutex_destroy(&j->lock);
	pthread_cond_destroy(&j->wake);
	free(j);
}

int jobs_submit(struct jobs *j, int64_t key, job_fn *fn, void *ctx, void (*free_ctx)(void *))
{
	pthread_mutex_lock(&j->lock);
	struct job *old = find(j, key);
	if (old && old->state != JOB_DONE) {
		pthread_mutex_unlock(&j->lock);
		return -1;
	}
	if (old) {
		/* Forget the finished one with this key. */
		struct job **p = &j->head;
		while (*p != old)
			p = &(*p)->next;
		*p = old->next;
		free(old);
	}
	struct job *x = calloc(1, sizeof(*x));
	if (!x) {
		pthread_mutex_unlock(&j->lock);
		return -1;
	}
	x->key = key;
	x->fn = fn;
	x->ctx = ctx;
	x->free_ctx = free_ctx;
	x->state = JOB_QUEUED;
	x->next = j->head;
	j->head = x;
	pthread_cond_signal(&j->wake);
	pthread_mutex_unlock(&j->lock);
	return 0;
}

void jobs_status(struct jobs *j, int64_t key, struct job_status *out)
{
	out->state = JOB_NONE;
	out->done = out->total = 0;
	if (!j)
		return;
	pthread_mutex_lock(&j->lock);
	struct job *x = find(j, key);
	if (x) {
		out->state = x->state;
		out->done = atomic_load(&x->progress.done);
		out->total = atomic_load(&x->progress.total);
	}
	pthread_mutex_unlock(&j->lock);
}

void jobs_cancel(struct jobs *j, int64_t key)
{
	pthread_mutex_lock(&j->lock);
	struct job *x = find(j, key);
	if (x)
		atomic_store(&x->progress.cancel, 1);
	pthread_mutex_unlock(&j->lock);
}
