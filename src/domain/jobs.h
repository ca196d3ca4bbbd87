/*
 * jobs.h - long work off the request threads: one background worker runs
 * submitted jobs one after the other; a page polls their progress and may
 * ask to cancel.  A job is known by a key (an import batch's id).
 *
 * Jobs live in memory: a server restarted mid-job forgets it, and the
 * batch it worked on says so (its state was never set to done).
 */
#ifndef PASSERELLE_JOBS_H
#define PASSERELLE_JOBS_H

#include <stdatomic.h>
#include <stdint.h>

struct jobs;

struct job_progress {
	atomic_llong done;  /* rows processed */
	atomic_llong total; /* rows expected, 0 while unknown */
	atomic_int cancel;  /* set by jobs_cancel: the job stops and undoes */
};

enum job_state { JOB_NONE = 0, JOB_QUEUED, JOB_RUNNING, JOB_DONE };

struct job_status {
	enum job_state state;
	long long done, total;
};

typedef void job_fn(void *ctx, struct job_progress *progress);

/* Start the worker.  NULL on failure. */
struct jobs *jobs_new(void);
/* Finish the running job, drop the queued ones, stop the worker. */
void jobs_free(struct jobs *j);
/* Queue fn(ctx) under key; ctx is freed with free_ctx after it ran (or
 * was dropped).  -1 when a job with that key is queued or running. */
int jobs_submit(struct jobs *j, int64_t key, job_fn *fn, void *ctx, void (*free_ctx)(void *));
void jobs_status(struct jobs *j, int64_t key, struct job_status *out);
void jobs_cancel(struct jobs *j, int64_t key);

#endif
