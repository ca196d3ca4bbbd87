/*
 * duplicates.c - how fast duplicates are found, and how many of them.
 *
 * Generates N organisations (100,000 by default) into a new database
 * through store_create, in batches of 10,000 (store_batch_begin/end), as
 * real writes; about 2 % of N are planted duplicates of each kind:
 *
 *   identifier    another name, the same SIREN, SIRET, RNA or other number
 *   email         another name, the same email in other capitals
 *   name          the same name typed otherwise (capitals, accents,
 *                 hyphens, apostrophes), in the same territory
 *   similar name  an abbreviation (Association → Asso, Saint → St), an
 *                 article more or less, a typo, two words swapped, in the
 *                 same territory
 *
 * Then times store_find_duplicates over all of them (as the system, who
 * sees everything), then again (the result is kept until the next
 * change), and prints the recall of the planted pairs, by kind: found at
 * all, and found for the reason planted.  Pairs found that were not
 * planted are counted too (generated names sometimes are alike).
 *
 * Build (after `make passerelle`) and run from the root:
 *
 *   mkdir -p bench/work
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -Isrc -Ibuild/gen bench/duplicates.c build/release/libpasserelle.a \
 *       $(make -s --no-print-directory --eval 'p: ; @echo $(LIBS)' p) -o bench/work/duplicates
 *   bench/work/duplicates [--orgs N] [--seed S] [--db PATH] [--keep]
 *
 * The database goes to a temporary directory, removed at the end, unless
 * --db names it (it must not exist; --keep keeps the temporary one).
 * Exit status 0 when the search took less than 10 s and found at least
 * 95 % of the planted pairs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "base/text.h"
#include "model/model.h"
#include "model/record.h"
#include "store/duplicates.h"
#include "store/store.h"

#include "bench.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define BATCH 10000

/* ------------------------------------------------------------- helpers */

static char *with_luhn(struct arena *a, const char *digits)
{
	size_t n = strlen(digits);
	for (int d = 0; d < 10; d++) {
		char *s = arena_printf(a, "%s%d", digits, d);
		int sum = 0;
		for (size_t i = 0; i <= n; i++) {
			int x = s[n - i] - '0';
			if (i % 2) {
				x *= 2;
				if (x > 9)
					x -= 9;
			}
			sum += x;
		}
		if (sum % 10 == 0)
			return s;
	}
	return NULL;
}

/* ----------------------------------------------------------- the names */

static const char *const bodies[] = {
	"Association", "Coopérative", "Comité", "Fédération", "Syndicat", "Collectif", "Réseau", "Union",
	"Centre", "Groupement", "Maison", "Institut", "Office", "Société", "Compagnie", "Fondation",
};
static const char *const whose[] = {
	"des pêcheurs", "des artisans", "des jeunes", "des femmes", "des agriculteurs", "des éleveurs",
	"des musiciens", "des parents d'élèves", "des commerçants", "des randonneurs", "des apiculteurs",
	"des conteurs", "des marins", "des potiers", "des tisserands", "des boulangers", "des cuisiniers",
	"des danseurs", "des plongeurs", "des cyclistes", "des jardiniers", "des étudiants", "des retraités",
	"des aidants", "des soignants", "des bénévoles", "des habitants", "des amis", "du patrimoine",
	"de l'environnement", "de la mangrove", "du littoral", "de la culture créole", "du tourisme solidaire",
	"de l'économie sociale", "de la pêche durable", "des énergies marines", "de l'agroécologie",
	"du commerce équitable", "de l'insertion", "de la formation", "du numérique", "de la santé",
	"du sport", "de la musique", "des arts", "du théâtre", "de la danse", "du livre", "de l'eau",
};
static const char *const qualities[] = {
	"solidaires", "unis", "associés", "engagés", "indépendants", "caribéens", "antillais", "insulaires",
	"du Sud", "du Nord", "de la Côte-sous-le-Vent", "de la Grande-Terre", "de la Basse-Terre", "du Centre",
	"de l'Est", "de l'Ouest", "réunis", "en action", "en réseau", "pour demain",
};
static const char *const syllables[] = {
	"ka", "ma", "lou", "ti", "bo", "na", "ri", "sa", "ko", "mi", "la", "do", "pa", "ru", "ne", "sé",
	"wa", "ya", "gou", "ba", "to", "li", "mo", "fa", "zé", "ha", "ni", "po", "tè", "vi", "da", "kou",
};
/* Places and their territory. */
static const struct {
	const char *name, *territory;
} places[] = {
	{"Pointe-à-Pitre", "GP"}, {"Basse-Terre", "GP"}, {"Sainte-Anne", "GP"}, {"Le Moule", "GP"}, {"Saint-François", "GP"},
	{"Les Abymes", "GP"}, {"Baie-Mahault", "GP"}, {"Capesterre-Belle-Eau", "GP"}, {"Marie-Galante", "GP"},
	{"Fort-de-France", "MQ"}, {"Le Lamentin", "MQ"}, {"Sainte-Marie", "MQ"}, {"Le François", "MQ"}, {"Saint-Pierre", "MQ"},
	{"Le Robert", "MQ"}, {"Trinité", "MQ"}, {"Cayenne", "GF"}, {"Saint-Laurent-du-Maroni", "GF"}, {"Kourou", "GF"},
	{"Matoury", "GF"}, {"Saint-Denis", "RE"}, {"Saint-Paul", "RE"}, {"Saint-Pierre de La Réunion", "RE"},
	{"Le Tampon", "RE"}, {"Mamoudzou", "YT"}, {"Marigot", "MF"}, {"Gustavia", "BL"}, {"Philipsburg", "SX"},
	{"Castries", "LC"}, {"Roseau", "DM"}, {"Bridgetown", "BB"}, {"Port-au-Prince", "HT"}, {"Cap-Haïtien", "HT"},
	{"Kingston", "JM"}, {"Port of Spain", "TT"}, {"Willemstad", "CW"}, {"Oranjestad", "AW"}, {"Bordeaux", "FR-NAQ"},
	{"La Rochelle", "FR-NAQ"}, {"Poitiers", "FR-NAQ"}, {"Limoges", "FR-NAQ"}, {"Pau", "FR-NAQ"}, {"Bayonne", "FR-NAQ"},
	{"Angoulême", "FR-NAQ"}, {"Niort", "FR-NAQ"}, {"Périgueux", "FR-NAQ"}, {"Agen", "FR-NAQ"}, {"Mont-de-Marsan", "FR-NAQ"},
	{"Paris", "FR-IDF"}, {"Montreuil", "FR-IDF"}, {"Saint-Denis", "FR-IDF"}, {"Marseille", "FR-PAC"}, {"Nantes", "FR-PDL"},
};
static const char *const kinds[] = {"association", "cooperative", "ess_enterprise", "company", "network", "local_authority"};

/* A proper name made of two or three syllables: "Kamalou". */
static char *coined(struct arena *a)
{
	size_t n = 2 + below(2);
	char buf[32] = "";
	for (size_t i = 0; i < n; i++)
		strcat(buf, syllables[below(COUNT(syllables))]);
	buf[0] = (char)(buf[0] - 'a' + 'A');
	return arena_strdup(a, buf);
}

struct org {
	const char *name, *coined, *territory, *siren, *siret, *rna, *registry, *other_id, *email;
};

static struct org base_org(struct arena *a, long long n)
{
	struct org o = {0};
	size_t p = below(COUNT(places));
	o.coined = coined(a);
	o.name = arena_printf(a, "%s %s %s %s de %s", bodies[below(COUNT(bodies))], whose[below(COUNT(whose))],
			      qualities[below(COUNT(qualities))], o.coined, places[p].name);
	o.territory = places[p].territory;
	/* Identifiers and emails are unique to each base record: n numbers them. */
	if (below(100) < 30)
		o.siren = with_luhn(a, arena_printf(a, "%08lld", 10000000LL + n));
	if (o.siren && below(100) < 30)
		o.siret = with_luhn(a, arena_printf(a, "%s%04lld", o.siren, n % 10000));
	if (below(100) < 20)
		o.rna = arena_printf(a, "W%09lld", 100000000LL + n);
	if (below(100) < 5) {
		o.registry = "Chamber of Commerce Sint Maarten";
		o.other_id = arena_printf(a, "SXM-%06lld", n);
	}
	if (below(100) < 40)
		o.email = arena_printf(a, "contact%lld@%s.org", n, below(2) ? "asso-caraibe" : "reseau-solidaire");
	return o;
}

static struct record *record_of(struct arena *a, const struct org *o)
{
	struct record *r = record_new(a, &model_organization);
	record_set(r, model_field_index(&model_organization, "name"), o->name);
	record_set(r, model_field_index(&model_organization, "kind"), kinds[below(COUNT(kinds))]);
	record_set(r, model_field_index(&model_organization, "visibility"), "internal");
	record_set(r, model_field_index(&model_organization, "territory"), o->territory);
	record_set(r, model_field_index(&model_organization, "siren"), o->siren);
	record_set(r, model_field_index(&model_organization, "siret"), o->siret);
	record_set(r, model_field_index(&model_organization, "rna"), o->rna);
	record_set(r, model_field_index(&model_organization, "other_registry"), o->registry);
	record_set(r, model_field_index(&model_organization, "other_id"), o->other_id);
	record_set(r, model_field_index(&model_organization, "email"), o->email);
	return r;
}

/* ------------------------------------------------------------ variants */

static char *replace_first(struct arena *a, const char *s, const char *what, const char *with)
{
	const char *p = strstr(s, what);
	if (!p)
		return NULL;
	return arena_printf(a, "%.*s%s%s", (int)(p - s), s, with, p + strlen(what));
}

/* The same name typed otherwise: what folding makes equal. */
static const char *typed_otherwise(struct arena *a, const char *name)
{
	char *s = arena_strdup(a, name);
	switch (below(4)) {
	case 0: /* capitals (ASCII letters; accented ones stay) */
		for (char *p = s; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		return s;
	case 1: { /* accents dropped */
		static const char *const from[] = {"é", "è", "ê", "à", "ô", "É", "ï", "î"};
		static const char *const to[] = {"e", "e", "e", "a", "o", "E", "i", "i"};
		for (size_t i = 0; i < COUNT(from); i++) {
			char *t;
			while ((t = replace_first(a, s, from[i], to[i])))
				s = t;
		}
		return s;
	}
	case 2: /* hyphens become spaces */
		for (char *p = s; *p; p++)
			if (*p == '-')
				*p = ' ';
		return s;
	default: /* apostrophes become spaces, and a full stop at the end */
		for (char *p = s; *p; p++)
			if (*p == '\'')
				*p = ' ';
		return arena_printf(a, "%s.", s);
	}
}

/* A name alike: an abbreviation, an article, a typo, two words swapped. */
static const char *alike(struct arena *a, const char *name, const char *coined)
{
	static const char *const longs[] = {"Association ", "Coopérative ", "Saint-", "Sainte-", "Société ", "Compagnie ",
					    "Fédération ", "Syndicat ", "Centre "};
	static const char *const shorts[] = {"Asso ", "Coop ", "St-", "Ste-", "Sté ", "Cie ", "Féd. ", "Synd. ", "Ctre "};
	for (int attempt = 0; attempt < 4; attempt++) {
		switch (below(4)) {
		case 0:
			for (size_t i = 0; i < COUNT(longs); i++) {
				char *t = replace_first(a, name, longs[i], shorts[i]);
				if (t)
					return t;
			}
			break;
		case 1: /* an article more, or one less */
			if (strncmp(name, "Les ", 4) != 0)
				return arena_printf(a, "Les %s", name);
			return name + 4;
		case 2: { /* a typo in the coined name: a letter doubled */
			size_t at;
			do /* an ASCII letter, so the name stays UTF-8 */
				at = 1 + below(strlen(coined) - 1);
			while ((unsigned char)coined[at] >= 0x80);
			char *typo = arena_printf(a, "%.*s%c%s", (int)at, coined, coined[at], coined + at);
			char *t = replace_first(a, name, coined, typo);
			if (t)
				return t;
			break;
		}
		default: { /* the first word last */
			const char *sp = strchr(name, ' ');
			if (sp)
				return arena_printf(a, "%s %.*s", sp + 1, (int)(sp - name), name);
			break;
		}
		}
	}
	return arena_printf(a, "Les %s", name);
}

/* ----------------------------------------------------------------- run */

enum planted { P_IDENTIFIER, P_EMAIL, P_NAME, P_SIMILAR, P_COUNT };
static const char *const planted_names[] = {"identifier", "email", "name", "similar name"};
static const enum duplicate_reason planted_reason[] = {DUP_IDENTIFIER, DUP_EMAIL, DUP_NAME, DUP_SIMILAR_NAME};

struct plant {
	size_t original; /* index among the base records */
	enum planted kind;
	int64_t id;      /* the duplicate's id */
};

/* A pair found, for lookups: (a, b) and its index in the result. */
struct found_pair {
	int64_t a, b;
	size_t index;
};

static int cmp_found(const void *pa, const void *pb)
{
	const struct found_pair *x = pa, *y = pb;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

static void usage(void)
{
	fprintf(stderr, "usage: duplicates [--orgs N] [--seed S] [--db PATH] [--keep]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	long long n = 100000;
	const char *db = NULL;
	int keep = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--orgs") == 0 && i + 1 < argc)
			n = atoll(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			rng_state = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (strcmp(argv[i], "--keep") == 0)
			keep = 1;
		else
			usage();
	}
	if (n < 100)
		usage();
	char dir[64] = "", path[4200];
	if (bench_database("duplicates", db, dir, path, &keep) != 0)
		return 1;
	if (text_init() != 0 || crypto_init() != 0)
		return 1;
	char err[600];
	struct store *s = store_open(path, 1, err, sizeof(err));
	if (!s) {
		fprintf(stderr, "duplicates: %s\n", err);
		return 1;
	}
	struct viewer system = store_system_viewer("cli");

	/* Each kind of duplicate is 2 % of all; the rest are originals. */
	long long per_kind = n / 50, nbase = n - per_kind * P_COUNT;
	struct arena keep_arena = ARENA_INIT; /* the originals, for their duplicates */
	struct org *base = calloc((size_t)nbase, sizeof(*base));
	int64_t *base_ids = calloc((size_t)nbase, sizeof(*base_ids));
	struct plant *plants = calloc((size_t)(per_kind * P_COUNT), sizeof(*plants));
	if (!base || !base_ids || !plants)
		return 1;
	double t0 = seconds();
	long long made = 0, nplants = 0;
	int ok = 1;
	while (ok && made < n) {
		if (store_batch_begin(s) != STORE_OK)
			return 1;
		for (long long end = made + BATCH < n ? made + BATCH : n; ok && made < end; made++) {
			struct arena a = ARENA_INIT;
			struct record *r;
			struct plant *pl = NULL;
			if (made < nbase) {
				base[made] = base_org(&keep_arena, made);
				r = record_of(&a, &base[made]);
			} else {
				pl = &plants[nplants++];
				pl->kind = (enum planted)((made - nbase) % P_COUNT);
				struct org o = {0};
				const struct org *orig;
				/* An original that has what this kind of duplicate shares. */
				do {
					pl->original = below((size_t)nbase);
					orig = &base[pl->original];
				} while ((pl->kind == P_IDENTIFIER && !orig->siren && !orig->rna && !orig->other_id) ||
					 (pl->kind == P_EMAIL && !orig->email));
				switch (pl->kind) {
				case P_IDENTIFIER: {
					o = base_org(&a, n + made); /* another name, its own numbers */
					o.siren = o.siret = o.rna = o.registry = o.other_id = NULL;
					o.email = NULL;
					if (orig->siren && below(2))
						o.siren = orig->siren;
					else if (orig->rna)
						o.rna = orig->rna;
					else if (orig->siren)
						o.siren = orig->siren;
					else {
						o.registry = orig->registry;
						o.other_id = orig->other_id;
					}
					break;
				}
				case P_EMAIL: {
					o = base_org(&a, n + made);
					o.siren = o.siret = o.rna = o.registry = o.other_id = NULL;
					char *e = arena_strdup(&a, orig->email);
					e[0] = (char)(e[0] - 'a' + 'A');
					o.email = e;
					break;
				}
				case P_NAME:
					o.name = typed_otherwise(&a, orig->name);
					o.territory = orig->territory;
					break;
				default:
					o.name = alike(&a, orig->name, orig->coined);
					o.territory = orig->territory;
					break;
				}
				r = record_of(&a, &o);
			}
			struct field_errors errors;
			field_errors_init(&errors, &a);
			if (store_create(s, &a, &system, r, &errors) != STORE_OK) {
				fprintf(stderr, "duplicates: record %lld (%s): %s %s %s\n", made + 1, record_title(r),
					errors.count ? errors.items[0].field : "", errors.count ? errors.items[0].message : "database error",
					errors.count && errors.items[0].detail ? errors.items[0].detail : "");
				ok = 0;
			} else if (pl) {
				pl->id = r->id;
			} else {
				base_ids[made] = r->id;
			}
			arena_release(&a);
		}
		if (store_batch_end(s, ok) != STORE_OK || !ok)
			return 1;
		if (made % 100000 == 0 && made < n) {
			printf("duplicates: %lld / %lld written (%.0f s)\n", made, n, seconds() - t0);
			fflush(stdout);
		}
	}
	double t1 = seconds();
	printf("duplicates: %lld organisations written in %.1f s (%lld originals, %lld planted duplicates: %lld of each kind)\n",
	       n, t1 - t0, nbase, nplants, per_kind);

	struct arena a = ARENA_INIT;
	struct duplicate_pair *pairs;
	size_t count;
	double t2 = seconds();
	if (store_find_duplicates(s, &a, &system, &model_organization, 0, &pairs, &count) != STORE_OK) {
		fprintf(stderr, "duplicates: the search failed\n");
		return 1;
	}
	double t3 = seconds();
	struct duplicate_pair *again;
	size_t count2;
	struct arena b = ARENA_INIT;
	store_find_duplicates(s, &b, &system, &model_organization, 50, &again, &count2);
	double t4 = seconds();
	printf("duplicates: search over %lld organisations: %.2f s, %zu pairs; the first page again: %.4f s\n", n, t3 - t2,
	       count, t4 - t3);

	/* Recall: each planted pair, found at all and for its reason. */
	struct found_pair *keys = malloc((count ? count : 1) * sizeof(*keys));
	for (size_t i = 0; i < count; i++)
		keys[i] = (struct found_pair){pairs[i].a, pairs[i].b, i};
	qsort(keys, count, sizeof(*keys), cmp_found);
	long long found[P_COUNT] = {0}, reason[P_COUNT] = {0}, planted[P_COUNT] = {0};
	int score_hist[11] = {0};
	for (size_t i = 0; i < count; i++)
		score_hist[pairs[i].score / 10]++;
	long long matched_pairs = 0;
	for (long long i = 0; i < nplants; i++) {
		struct plant *pl = &plants[i];
		int64_t x = base_ids[pl->original], y = pl->id;
		struct found_pair want = {x < y ? x : y, x < y ? y : x, 0};
		planted[pl->kind]++;
		struct found_pair *hit = bsearch(&want, keys, count, sizeof(*keys), cmp_found);
		if (hit) {
			found[pl->kind]++;
			matched_pairs++;
			reason[pl->kind] += pairs[hit->index].reason <= planted_reason[pl->kind];
		}
	}
	long long total_found = 0, total_planted = 0;
	for (int k = 0; k < P_COUNT; k++) {
		printf("duplicates: %-12s planted %5lld  found %5lld (%.1f %%)  for that reason or a surer one %5lld (%.1f %%)\n",
		       planted_names[k], planted[k], found[k], 100.0 * (double)found[k] / (double)(planted[k] ? planted[k] : 1),
		       reason[k], 100.0 * (double)reason[k] / (double)(planted[k] ? planted[k] : 1));
		total_found += found[k];
		total_planted += planted[k];
	}
	double recall = (double)total_found / (double)(total_planted ? total_planted : 1);
	printf("duplicates: recall %.1f %% (%lld / %lld); %lld pairs found besides the planted ones\n", 100.0 * recall,
	       total_found, total_planted, (long long)count - matched_pairs);
	printf("duplicates: scores:");
	for (int i = 5; i <= 10; i++)
		printf(" %d+: %d", i * 10, score_hist[i]);
	printf("\n");
	printf("duplicates: the likeliest pairs:\n");
	for (size_t i = 0; i < count && i < 5; i++)
		printf("  %3d %-12s %s | %s\n", pairs[i].score, pairs[i].reason_code, pairs[i].title_a, pairs[i].title_b);
	for (size_t i = 0, shown = 0; i < count && shown < 5; i++)
		if (pairs[i].reason == DUP_SIMILAR_NAME && pairs[i].score < 70 && ++shown)
			printf("  %3d %-12s %s | %s\n", pairs[i].score, pairs[i].reason_code, pairs[i].title_a, pairs[i].title_b);

	free(keys);
	arena_release(&a);
	arena_release(&b);
	arena_release(&keep_arena);
	free(base);
	free(base_ids);
	free(plants);
	store_close(s);
	text_shutdown();
	bench_database_done("duplicates", dir, path, keep);
	return t3 - t2 < 10.0 && recall >= 0.95 ? 0 : 1;
}
