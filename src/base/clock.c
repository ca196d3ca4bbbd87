/* clock.c - see clock.h. */
#include "base/clock.h"

#include <time.h>

void clock_iso(int64_t t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void clock_now_iso(char out[21])
{
	clock_iso(clock_now(), out);
}

int64_t clock_now(void)
{
	return (int64_t)time(NULL);
}

int64_t clock_monotonic_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void clock_local_date(int64_t t, int offset_days, char out[11])
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	tm.tm_mday += offset_days;
	tm.tm_isdst = -1;
	mktime(&tm); /* normalises the day of month */
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void clock_today(char out[11])
{
	clock_local_date(clock_now(), 0, out);
}
