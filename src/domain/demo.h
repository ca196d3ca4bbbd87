/*
 * demo.h - the demo network: organisations, people, positions and
 * relationships around Saint-Martin, the Caribbean and Nouvelle-Aquitaine
 * (data/demo/network.json, embedded), loaded through the same validation
 * as the API, in one transaction.
 */
#ifndef PASSERELLE_DEMO_H
#define PASSERELLE_DEMO_H

#include <stddef.h>

struct store;

/* Load the demo network unless the directory already holds organisations.
 * *loaded receives the number of records created (0 when skipped).
 * 0, or -1 with a message naming the record and field in err. */
int demo_load(struct store *s, size_t *loaded, char *err, size_t errlen);

#endif
