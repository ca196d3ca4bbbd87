/* clock.h - wall-clock time as the ISO 8601 strings stored in the database. */
#ifndef PASSERELLE_CLOCK_H
#define PASSERELLE_CLOCK_H

#include <stdint.h>

/* Now in UTC as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void clock_now_iso(char out[21]);
/* The UTC time t as "YYYY-MM-DDTHH:MM:SSZ". */
void clock_iso(int64_t t, char out[21]);
/* The date of day t (seconds since the epoch; offset_days added) in the
 * server's time zone (the TZ environment variable: America/Marigot for a
 * desk in Saint-Martin) as "YYYY-MM-DD": what "today" and "overdue" mean
 * to its users. */
void clock_local_date(int64_t t, int offset_days, char out[11]);
/* Today, so. */
void clock_today(char out[11]);
/* Seconds since the epoch. */
int64_t clock_now(void);
/* Monotonic time in microseconds, for durations. */
int64_t clock_monotonic_us(void);

#endif
