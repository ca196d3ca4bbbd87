/* clock.h - wall-clock time as the ISO 8601 strings stored in the database. */
#ifndef PASSERELLE_CLOCK_H
#define PASSERELLE_CLOCK_H

#include <stdint.h>

/* Now in UTC as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void clock_now_iso(char out[21]);
/* The UTC time t as "YYYY-MM-DDTHH:MM:SSZ". */
void clock_iso(int64_t t, char out[21]);
/* Seconds since the epoch. */
int64_t clock_now(void);
/* Monotonic time in microseconds, for durations. */
int64_t clock_monotonic_us(void);

#endif
