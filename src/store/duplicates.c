/*
 * duplicates.c - finding probable duplicates among the records of a kind
 * (see duplicates.h).
 *
 * One pass reads what matching needs of every record the viewer sees (one
 * SELECT of the kind's table, one of its name and email values), driven by
 * the declaration: the title fields are the name, F_NAME lists the other
 * names, FT_EMAIL fields the emails, FT_SIREN, FT_SIRET, FT_RNA and
 * other_id the identifiers, the FT_CODE field on "territory" the place.
 * Then:
 *
 * - exact keys (identifiers, emails, folded names) are sorted, and records
 *   sharing a key are paired: a group of more than BLOCK_MAX records (a
 *   shared switchboard address) pairs each with the next only;
 * - similar names: each record gets a comparison key (duplicates_name_key);
 *   records are sorted by territory then that key, then by its words in
 *   alphabetical order, then by the key read backwards, and each is
 *   compared with the WINDOW next in each order (the sorted-neighbourhood
 *   method).  A typo anywhere, or words in another order, puts the two
 *   names next to each other in one of the three orders.
 *
 * A pair found twice keeps its best reason.  The whole costs a few sorts
 * of the records: O(n log n), never n².
 */
#include "store/duplicates.h"
#include "store/store_internal.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

#define BLOCK_MAX 50        /* records of one exact key paired all with all */
#define WINDOW 6            /* neighbours compared in each order */
#define SIMILAR_MIN 0.92    /* names at least this alike are similar */
#define TOKEN_MIN 0.80      /* a word counts as found in the other name from here */
#define MAX_TOKENS 16
#define CACHE_SLOTS 4

/* ------------------------------------------------------------ name keys */

/* Words that say nothing about which actor it is: articles, prepositions
 * (French, English, Spanish, Dutch) and legal forms. */
static const char *const stop_words[] = {
	"a", "al", "and", "au", "aux", "bv", "d", "da", "das", "de", "del", "den", "der", "des", "do", "dos", "du",
	"e", "el", "en", "et", "eurl", "for", "gie", "het", "inc", "l", "la", "las", "le", "les", "llc", "los", "ltd",
	"nv", "of", "op", "sa", "sarl", "sas", "sasu", "sci", "scic", "scop", "snc", "the", "un", "une", "van", "y",
};

/* Abbreviations and the words they stand for, made one. */
static const struct {
	const char *word, *canonical;
} abbreviations[] = {
	{"ass", "asso"}, {"assoc", "asso"}, {"association", "asso"}, {"associations", "asso"}, {"asociacion", "asso"},
	{"center", "ctr"}, {"centre", "ctr"}, {"centro", "ctr"}, {"ctre", "ctr"},
	{"cie", "cie"}, {"compagnie", "cie"}, {"coop", "coop"}, {"cooperativa", "coop"}, {"cooperative", "coop"},
	{"cooperatives", "coop"}, {"departement", "dept"}, {"dpt", "dept"}, {"ets", "ets"}, {"etablissement", "ets"},
	{"etablissements", "ets"}, {"fed", "fed"}, {"fede", "fed"}, {"federation", "fed"}, {"groupement", "grpt"},
	{"grpt", "grpt"}, {"international", "intl"}, {"internationale", "intl"}, {"intl", "intl"},
	/* "Ste" is Société and Sainte: both become one word, so either matches. */
	{"saint", "st"}, {"sainte", "ste"}, {"societe", "ste"}, {"ste", "ste"}, {"st", "st"},
	{"synd", "synd"}, {"syndicat", "synd"}, {"univ", "univ"}, {"universidad", "univ"}, {"universite", "univ"},
	{"university", "univ"},
};

/* Words that say what sort of body it is: they weigh half a letter. */
static const char *const generic_words[] = {"asso", "cie", "coop", "ets", "fed", "grpt", "synd"};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_stop_word(const char *w)
{
	return bsearch(&w, stop_words, sizeof(stop_words) / sizeof(*stop_words), sizeof(*stop_words), cmp_str) != NULL;
}

static const char *canonical_word(const char *w)
{
	for (size_t i = 0; i < sizeof(abbreviations) / sizeof(*abbreviations); i++)
		if (strcmp(abbreviations[i].word, w) == 0)
			return abbreviations[i].canonical;
	return w;
}

static int is_generic_word(const char *w, size_t len)
{
	for (size_t i = 0; i < sizeof(generic_words) / sizeof(*generic_words); i++)
		if (strlen(generic_words[i]) == len && memcmp(generic_words[i], w, len) == 0)
			return 1;
	return 0;
}

/* The comparison key of an already folded name. */
static const char *key_of_folded(struct arena *a, const char *folded)
{
	size_t n = strlen(folded);
	char *copy = arena_strndup(a, folded, n);
	char *out = arena_alloc(a, n * 2 + 16), *p = out;
	int words = 0;
	for (char *save = NULL, *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (is_stop_word(w))
			continue;
		const char *c = canonical_word(w);
		if (words++)
			*p++ = ' ';
		size_t l = strlen(c);
		memcpy(p, c, l);
		p += l;
	}
	*p = '\0';
	/* A name made only of stop words ("Les Uns et les Autres" is not):
	 * compare it whole. */
	return words ? out : arena_strdup(a, folded);
}

const char *duplicates_name_key(struct arena *a, const char *name)
{
	return key_of_folded(a, text_fold(a, name ? name : ""));
}

/* The words of a key, with their weights. */
struct words {
	const char *w[MAX_TOKENS];
	unsigned char len[MAX_TOKENS];
	float weight[MAX_TOKENS];
	int n;
	float total;
	int has_digits;
};

static void split_words(const char *key, struct words *out)
{
	out->n = 0;
	out->total = 0;
	out->has_digits = 0;
	const char *p = key;
	while (*p && out->n < MAX_TOKENS) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *start = p;
		int digits = 1;
		while (*p && *p != ' ') {
			digits &= isdigit((unsigned char)*p) != 0;
			p++;
		}
		size_t len = (size_t)(p - start);
		if (len > 64)
			len = 64;
		out->w[out->n] = start;
		out->len[out->n] = (unsigned char)len;
		out->weight[out->n] = is_generic_word(start, len) ? 0.5f : (float)len;
		out->has_digits |= digits;
		out->total += out->weight[out->n];
		out->n++;
	}
	/* Heaviest first: a long word missing ends a comparison soonest. */
	for (int i = 1; i < out->n; i++)
		for (int j = i; j > 0 && out->weight[j - 1] < out->weight[j]; j--) {
			const char *w = out->w[j];
			unsigned char l = out->len[j];
			float x = out->weight[j];
			out->w[j] = out->w[j - 1];
			out->len[j] = out->len[j - 1];
			out->weight[j] = out->weight[j - 1];
			out->w[j - 1] = w;
			out->len[j - 1] = l;
			out->weight[j - 1] = x;
		}
}

/* Jaro-Winkler similarity of two byte strings (folded text is mostly
 * ASCII; a multibyte letter counts as its bytes on both sides alike). */
static double jaro_winkler(const char *s1, size_t l1, const char *s2, size_t l2)
{
	if (l1 == 0 || l2 == 0)
		return l1 == l2 ? 1.0 : 0.0;
	if (l1 == l2 && memcmp(s1, s2, l1) == 0)
		return 1.0;
	size_t range = (l1 > l2 ? l1 : l2) / 2;
	range = range ? range - 1 : 0;
	unsigned char m1[64] = {0}, m2[64] = {0};
	size_t matches = 0;
	for (size_t i = 0; i < l1; i++) {
		size_t lo = i > range ? i - range : 0, hi = i + range + 1 < l2 ? i + range + 1 : l2;
		for (size_t j = lo; j < hi; j++) {
			if (m2[j] || s1[i] != s2[j])
				continue;
			m1[i] = m2[j] = 1;
			matches++;
			break;
		}
	}
	if (!matches)
		return 0.0;
	size_t t = 0, k = 0;
	for (size_t i = 0; i < l1; i++) {
		if (!m1[i])
			continue;
		while (!m2[k])
			k++;
		if (s1[i] != s2[k])
			t++;
		k++;
	}
	double m = (double)matches;
	double jaro = (m / (double)l1 + m / (double)l2 + (m - (double)t / 2.0) / m) / 3.0;
	size_t prefix = 0;
	while (prefix < 4 && prefix < l1 && prefix < l2 && s1[prefix] == s2[prefix])
		prefix++;
	return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

/* How much of a's words are found in b: each word's best likeness to a
 * word of b (nothing under TOKEN_MIN), weighted by its length.  Stops as
 * soon as `need` cannot be reached (the result is then below it). */
static double words_found(const struct words *a, const struct words *b, double need)
{
	if (a->total <= 0)
		return 0;
	double sum = 0, missing = 0, allowed = (1.0 - need) * a->total;
	for (int i = 0; i < a->n; i++) {
		double best = 0;
		for (int j = 0; j < b->n; j++)
			if (a->len[i] == b->len[j] && memcmp(a->w[i], b->w[j], a->len[i]) == 0) {
				best = 1.0;
				break;
			}
		for (int j = 0; j < b->n && best < 1.0; j++) {
			/* Words of very different lengths cannot be alike enough. */
			double lo = a->len[i] < b->len[j] ? a->len[i] : b->len[j], hi = a->len[i] < b->len[j] ? b->len[j] : a->len[i];
			double jaro_max = (2.0 + lo / hi) / 3.0;
			if (jaro_max + 0.4 * (1.0 - jaro_max) < TOKEN_MIN)
				continue;
			double x = jaro_winkler(a->w[i], a->len[i], b->w[j], b->len[j]);
			if (x > best)
				best = x;
		}
		if (best < TOKEN_MIN)
			best = 0;
		sum += best * a->weight[i];
		missing += (1.0 - best) * a->weight[i];
		if (missing > allowed + 1e-9)
			return (a->total - missing) / a->total;
	}
	return sum / a->total;
}

/* Numbers must agree: "École 2" is not "École 3". */
static int numbers_agree(const struct words *a, const struct words *b)
{
	if (!a->has_digits && !b->has_digits)
		return 1;
	for (int pass = 0; pass < 2; pass++) {
		const struct words *x = pass ? b : a, *y = pass ? a : b;
		for (int i = 0; i < x->n; i++) {
			if (!isdigit((unsigned char)x->w[i][0]))
				continue;
			int found = 0;
			for (int j = 0; j < y->n && !found; j++)
				found = x->len[i] == y->len[j] && memcmp(x->w[i], y->w[j], x->len[i]) == 0;
			if (!found)
				return 0;
		}
	}
	return 1;
}

static double words_similarity(const struct words *a, const struct words *b)
{
	if (!a->n || !b->n || !numbers_agree(a, b))
		return 0;
	double x = words_found(a, b, SIMILAR_MIN);
	if (x < SIMILAR_MIN)
		return x;
	double y = words_found(b, a, SIMILAR_MIN);
	return x < y ? x : y;
}

double duplicates_name_similarity(const char *key_a, const char *key_b)
{
	struct words a, b;
	split_words(key_a ? key_a : "", &a);
	split_words(key_b ? key_b : "", &b);
	return words_similarity(&a, &b);
}

/* ------------------------------------------------------------- records */

/* One record as matching sees it. */
struct item {
	int64_t id;
	const char *title;
	const char *territory; /* code or NULL */
	const char *country;   /* the territory's country (FR for FR-NAQ), "" when none */
	int country_id;        /* the same as a number (its place in the reference list), -1 when none */
	const char *siret;
	const char *key;       /* comparison key of the name */
	const char *sorted;    /* its words in alphabetical order */
	const char *reversed;  /* read backwards */
	struct words *words;
};

enum key_type { KEY_IDENTIFIER = 0, KEY_EMAIL = 1, KEY_NAME = 2 };

/* One exact blocking key of one record. */
struct bkey {
	uint64_t hash;         /* of text: sorting compares it first */
	const char *text;
	const char *field;
	const char *shown;
	uint32_t item;
	int country;           /* the item's country_id, for names */
	unsigned char type;
	unsigned char acronym;
};

struct pair {
	int64_t a, b;
	int score;
	enum duplicate_reason reason;
	const char *field, *detail, *territory;
	const char *title_a, *title_b;
};

struct finder {
	struct store *s;
	struct arena *a;
	struct item *items;
	size_t nitems, capitems;
	struct bkey *keys;
	size_t nkeys, capkeys;
	struct pair *pairs;
	size_t npairs, cappairs;
	uint32_t *slots; /* open addressing: pair index + 1, 0 when free */
	size_t nslots;
};

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 1024;
	while (c < need)
		c *= 2;
	void *q = realloc(p, c * size);
	if (!q)
		abort();
	*cap = c;
	return q;
}

static uint64_t pair_hash(int64_t a, int64_t b)
{
	uint64_t z = (uint64_t)a * 0x9e3779b97f4a7c15ULL ^ ((uint64_t)b + 0x632be59bd9b4e019ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rehash(struct finder *f)
{
	size_t n = f->nslots ? f->nslots * 2 : 4096;
	uint32_t *slots = calloc(n, sizeof(*slots));
	if (!slots)
		abort();
	for (size_t i = 0; i < f->npairs; i++) {
		size_t h = (size_t)pair_hash(f->pairs[i].a, f->pairs[i].b) & (n - 1);
		while (slots[h])
			h = (h + 1) & (n - 1);
		slots[h] = (uint32_t)(i + 1);
	}
	free(f->slots);
	f->slots = slots;
	f->nslots = n;
}

/* Record that items i and j are probably one, unless a better reason
 * says so already. */
static void add_pair(struct finder *f, size_t i, size_t j, int score, enum duplicate_reason reason, const char *field,
		     const char *detail)
{
	if (i == j)
		return;
	if (i > j) {
		size_t t = i;
		i = j;
		j = t;
	}
	const struct item *x = &f->items[i], *y = &f->items[j];
	if ((f->npairs + 1) * 2 > f->nslots)
		rehash(f);
	size_t h = (size_t)pair_hash(x->id, y->id) & (f->nslots - 1);
	while (f->slots[h]) {
		struct pair *p = &f->pairs[f->slots[h] - 1];
		if (p->a == x->id && p->b == y->id) {
			if (score > p->score || (score == p->score && reason < p->reason)) {
				p->score = score;
				p->reason = reason;
				p->field = field;
				p->detail = detail;
			}
			return;
		}
		h = (h + 1) & (f->nslots - 1);
	}
	f->pairs = grow(f->pairs, &f->cappairs, f->npairs + 1, sizeof(*f->pairs));
	f->pairs[f->npairs] = (struct pair){
		.a = x->id, .b = y->id, .score = score, .reason = reason, .field = field, .detail = detail,
		.territory = x->territory ? x->territory : y->territory, .title_a = x->title, .title_b = y->title,
	};
	f->slots[h] = (uint32_t)(++f->npairs);
}

static void add_key(struct finder *f, enum key_type type, const char *text, const char *field, const char *shown,
		    size_t item, int acronym)
{
	if (!text || !*text)
		return;
	f->keys = grow(f->keys, &f->capkeys, f->nkeys + 1, sizeof(*f->keys));
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	f->keys[f->nkeys++] = (struct bkey){h, text, field, shown, (uint32_t)item, f->items[item].country_id, (unsigned char)type,
					    (unsigned char)acronym};
}

/* How far two records' territories agree: 2 the same (or both unknown),
 * 1 loosely (one unknown, or a region and its country), 0 not at all. */
static int territory_agreement(const struct item *x, const struct item *y)
{
	const char *t = x->territory, *u = y->territory;
	if (!t && !u)
		return 2;
	if (!t || !u)
		return 1;
	if (strcmp(t, u) == 0)
		return 2;
	if (strcmp(x->country, u) == 0 || strcmp(y->country, t) == 0)
		return 1;
	return 0;
}

static char *lower_ascii(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s);
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

/* The words of a key in alphabetical order, and the key read backwards. */
static void derived_keys(struct arena *a, struct item *it)
{
	struct words *w = arena_alloc(a, sizeof(*w));
	split_words(it->key, w);
	it->words = w;
	const char *sorted[MAX_TOKENS];
	size_t total = 0;
	for (int i = 0; i < w->n; i++) {
		sorted[i] = arena_strndup(a, w->w[i], w->len[i]);
		total += w->len[i] + 1;
	}
	qsort(sorted, (size_t)w->n, sizeof(*sorted), cmp_str);
	char *s = arena_alloc(a, total + 1), *p = s;
	for (int i = 0; i < w->n; i++) {
		size_t l = strlen(sorted[i]);
		if (i)
			*p++ = ' ';
		memcpy(p, sorted[i], l);
		p += l;
	}
	*p = '\0';
	it->sorted = s;
	size_t n = strlen(it->key);
	char *r = arena_alloc(a, n + 1);
	for (size_t i = 0; i < n; i++)
		r[i] = it->key[n - 1 - i];
	it->reversed = r;
}

/* The scalar fields matching reads, in the order selected. */
enum role_of_field { USE_TITLE, USE_TERRITORY, USE_IDENTIFIER, USE_SIRET, USE_EMAIL, USE_OTHER_REGISTRY, USE_OTHER_ID };

struct column {
	const struct field *f;
	enum role_of_field use;
};

static int public_only(const struct viewer *v)
{
	enum role role = v ? v->role : ROLE_ANONYMOUS;
	return role == ROLE_ANONYMOUS || role == ROLE_PARTNER;
}

/* A territory code as a number: its place in the reference list (which
 * is sorted by code), or one past the list for a code it lacks. */
static int country_number(struct store *s, const char *code)
{
	size_t n;
	const struct ref_item *items = store_ref_items(s, "territory", &n);
	const struct ref_item *it = store_ref_find(s, "territory", code);
	return it && items ? (int)(it - items) : (int)n;
}

/* Read the records of kind k the viewer sees, and their keys. */
static int load(struct finder *f, const struct viewer *v, const struct kind *k)
{
	struct store *s = f->s;
	struct arena *a = f->a;
	struct db *db = store_reader(s);
	if (!db)
		return STORE_ERROR;
	int pub = public_only(v);
	/* The field a title match names: the title field when there is one. */
	const char *title_field = NULL;
	int ntitles = 0;
	for (size_t i = 0; i < k->nfields; i++)
		if ((k->fields[i].flags & F_TITLE) && ntitles++ == 0)
			title_field = k->fields[i].name;
	if (ntitles != 1)
		title_field = NULL;
	struct column cols[32];
	size_t ncols = 0;
	struct buf sql = BUF_INIT, multi = BUF_INIT;
	buf_puts(&sql, "SELECT t.id");
	for (size_t i = 0; i < k->nfields && ncols < 32; i++) {
		const struct field *fd = &k->fields[i];
		if (pub && !(fd->flags & F_PUBLIC))
			continue;
		if (fd->flags & F_MULTI) {
			if ((fd->flags & F_NAME) || fd->type == FT_EMAIL)
				buf_printf(&multi, "%s'%s'", multi.len ? ", " : "", fd->name);
			continue;
		}
		enum role_of_field use;
		if (fd->flags & F_TITLE)
			use = USE_TITLE;
		else if (fd->type == FT_CODE && fd->ref && strcmp(fd->ref, "territory") == 0)
			use = USE_TERRITORY;
		else if (fd->type == FT_SIREN || fd->type == FT_RNA)
			use = USE_IDENTIFIER;
		else if (fd->type == FT_SIRET)
			use = USE_SIRET;
		else if (fd->type == FT_EMAIL)
			use = USE_EMAIL;
		else if (strcmp(fd->name, "other_registry") == 0)
			use = USE_OTHER_REGISTRY;
		else if (strcmp(fd->name, "other_id") == 0)
			use = USE_OTHER_ID;
		else
			continue;
		cols[ncols++] = (struct column){fd, use};
		buf_printf(&sql, ", t.%s", fd->name);
	}
	buf_printf(&sql, " FROM %s t WHERE t.deleted_at IS NULL", k->name);
	struct sql_params *params = arena_alloc(a, sizeof(*params));
	store_visibility_sql(v, k, "t", &sql, params, a);
	buf_puts(&sql, " ORDER BY t.id");
	int rc = STORE_OK;
	struct db_stmt *st = db_prepare(db, buf_str(&sql));
	if (!st) {
		fprintf(stderr, "passerelle: duplicates of %s: %s\n", k->name, db_errmsg(db));
		rc = STORE_ERROR;
		goto out;
	}
	sql_bind(st, params);
	int step;
	while ((step = db_step(st)) == DB_ROW) {
		f->items = grow(f->items, &f->capitems, f->nitems + 1, sizeof(*f->items));
		size_t idx = f->nitems++;
		struct item *it = &f->items[idx];
		memset(it, 0, sizeof(*it));
		it->id = db_column_int(st, 0);
		it->country = "";
		it->country_id = -1;
		struct buf title = BUF_INIT;
		const char *registry = NULL, *other_id = NULL;
		for (size_t c = 0; c < ncols; c++) {
			const char *text = db_column_text(st, (int)c + 1);
			if (!text || !*text)
				continue;
			switch (cols[c].use) {
			case USE_TITLE:
				buf_printf(&title, "%s%s", title.len ? " " : "", text);
				break;
			case USE_TERRITORY: {
				it->territory = arena_strdup(a, text);
				const struct ref_item *ri = store_ref_find(s, "territory", text);
				it->country = ri && ri->parent && *ri->parent ? ri->parent : it->territory;
				it->country_id = country_number(s, it->country);
				break;
			}
			case USE_IDENTIFIER:
				add_key(f, KEY_IDENTIFIER, arena_printf(a, "%s:%s", cols[c].f->name, text), cols[c].f->name,
					arena_strdup(a, text), idx, 0);
				break;
			case USE_SIRET:
				it->siret = arena_strdup(a, text);
				add_key(f, KEY_IDENTIFIER, arena_printf(a, "%s:%s", cols[c].f->name, text), cols[c].f->name, it->siret,
					idx, 0);
				/* The SIREN is the SIRET's first nine digits. */
				if (model_field(k, "siren") && strlen(text) == 14)
					add_key(f, KEY_IDENTIFIER, arena_printf(a, "siren:%.9s", text), "siren",
						arena_strndup(a, text, 9), idx, 0);
				break;
			case USE_EMAIL:
				add_key(f, KEY_EMAIL, lower_ascii(a, text), cols[c].f->name, arena_strdup(a, text), idx, 0);
				break;
			case USE_OTHER_REGISTRY:
				registry = arena_strdup(a, text);
				break;
			case USE_OTHER_ID:
				other_id = arena_strdup(a, text);
				break;
			}
		}
		if (other_id) {
			const char *fid = text_fold(a, other_id);
			add_key(f, KEY_IDENTIFIER, arena_printf(a, "other:%s:%s", registry ? text_fold(a, registry) : "", fid),
				"other_id", registry ? arena_printf(a, "%s %s", registry, other_id) : other_id, idx, 0);
		}
		it->title = arena_strdup(a, title.len ? buf_str(&title) : arena_printf(a, "#%lld", (long long)it->id));
		buf_release(&title);
		const char *folded = text_fold(a, it->title);
		add_key(f, KEY_NAME, folded, title_field, it->title, idx, 0);
		it->key = key_of_folded(a, folded);
		derived_keys(a, it);
	}
	db_stmt_done(st);
	if (step != DB_DONE) {
		fprintf(stderr, "passerelle: duplicates of %s: %s\n", k->name, db_errmsg(db));
		rc = STORE_ERROR;
		goto out;
	}
	if (!multi.len || !f->nitems)
		goto out;
	/* Other names and emails, attached to the records read. */
	buf_reset(&sql);
	buf_printf(&sql, "SELECT record_id, field, value, folded, acronym FROM record_value WHERE kind = ?1 AND field IN (%s)"
			 " ORDER BY record_id", buf_str(&multi));
	st = db_prepare(db, buf_str(&sql));
	if (!st) {
		rc = STORE_ERROR;
		goto out;
	}
	db_bind_text(st, 1, k->name);
	size_t at = 0;
	while ((step = db_step(st)) == DB_ROW) {
		int64_t id = db_column_int(st, 0);
		while (at < f->nitems && f->items[at].id < id)
			at++;
		if (at == f->nitems)
			break;
		if (f->items[at].id != id)
			continue; /* not visible, or in the bin */
		const struct field *fd = model_field(k, db_column_text(st, 1));
		const char *value = db_column_text(st, 2);
		if (!fd || !value || !*value)
			continue;
		if (fd->type == FT_EMAIL) {
			add_key(f, KEY_EMAIL, lower_ascii(a, value), fd->name, arena_strdup(a, value), at, 0);
		} else {
			const char *folded = db_column_text(st, 3) ? arena_strdup(a, db_column_text(st, 3)) : text_fold(a, value);
			add_key(f, KEY_NAME, folded, fd->name, arena_strdup(a, value), at, db_column_int(st, 4) != 0);
		}
	}
	db_stmt_done(st);
	if (step != DB_DONE && step != DB_ROW)
		rc = STORE_ERROR;
out:
	buf_release(&sql);
	buf_release(&multi);
	return rc;
}

/* ------------------------------------------------------- exact matches */

static int cmp_keys(const void *pa, const void *pb)
{
	const struct bkey *x = pa, *y = pb;
	if (x->type != y->type)
		return x->type - y->type;
	/* Equal keys must be together; their order among others is free. */
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	int c = strcmp(x->text, y->text);
	if (c)
		return c;
	if (x->type == KEY_NAME && x->country != y->country)
		return x->country < y->country ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

static void pair_exact(struct finder *f, const struct bkey *x, const struct bkey *y)
{
	const struct item *i = &f->items[x->item], *j = &f->items[y->item];
	switch (x->type) {
	case KEY_IDENTIFIER: {
		int score = 100;
		/* Two establishments of one company are two records. */
		if (strcmp(x->field, "siren") == 0 && i->siret && j->siret && strcmp(i->siret, j->siret) != 0)
			score = 85;
		add_pair(f, x->item, y->item, score, DUP_IDENTIFIER, x->field, x->shown);
		break;
	}
	case KEY_EMAIL:
		add_pair(f, x->item, y->item, 90, DUP_EMAIL, x->field, x->shown);
		break;
	case KEY_NAME: {
		int agree = territory_agreement(i, j);
		if (!agree)
			return;
		int score = 80 - (agree == 1 ? 10 : 0) - (x->acronym && y->acronym ? 10 : 0);
		/* The name matched, whichever of the two fields it is in. */
		add_pair(f, x->item, y->item, score, DUP_NAME, x->acronym && !y->acronym ? y->field : x->field, x->shown);
		break;
	}
	}
}

static void exact_matches(struct finder *f)
{
	if (f->nkeys)
		qsort(f->keys, f->nkeys, sizeof(*f->keys), cmp_keys);
	for (size_t start = 0; start < f->nkeys;) {
		size_t end = start + 1;
		while (end < f->nkeys && f->keys[end].type == f->keys[start].type && f->keys[end].hash == f->keys[start].hash &&
		       strcmp(f->keys[end].text, f->keys[start].text) == 0)
			end++;
		size_t n = end - start;
		if (n <= BLOCK_MAX) {
			for (size_t i = start; i < end; i++)
				for (size_t j = i + 1; j < end; j++)
					pair_exact(f, &f->keys[i], &f->keys[j]);
		} else {
			/* A crowd sharing one value: a chain is enough to show it. */
			for (size_t i = start; i + 1 < end; i++)
				pair_exact(f, &f->keys[i], &f->keys[i + 1]);
		}
		start = end;
	}
}

/* ------------------------------------------------------- similar names */

/* One record in one order: its territory, then the first eight bytes of
 * the text it is sorted by, as a number, before the whole text. */
struct ordered {
	int country;
	uint64_t prefix;
	uint32_t item;
	const char *text;
};

static uint64_t prefix_of(const char *text)
{
	uint64_t p = 0;
	size_t i = 0;
	for (; i < 8 && text[i]; i++)
		p = p << 8 | (unsigned char)text[i];
	return p << (8 * (8 - i));
}

static int cmp_order(const void *pa, const void *pb)
{
	const struct ordered *x = pa, *y = pb;
	if (x->country != y->country)
		return x->country < y->country ? -1 : 1;
	if (x->prefix != y->prefix)
		return x->prefix < y->prefix ? -1 : 1;
	int c = strcmp(x->text, y->text);
	if (c)
		return c;
	return x->item < y->item ? -1 : x->item > y->item;
}

static void compare_names(struct finder *f, uint32_t i, uint32_t j)
{
	const struct item *x = &f->items[i], *y = &f->items[j];
	/* The same territory (a region and its country are not: only the
	 * exact name pairs those). */
	if (!*x->key || !*y->key || x->country_id != y->country_id || territory_agreement(x, y) != 2)
		return;
	size_t lx = strlen(x->key), ly = strlen(y->key);
	if ((double)(lx < ly ? lx : ly) < 0.7 * (double)(lx > ly ? lx : ly))
		return;
	double sim = strcmp(x->sorted, y->sorted) == 0 ? 1.0 : words_similarity(x->words, y->words);
	if (sim < SIMILAR_MIN)
		return;
	int score = 50 + (int)((sim - SIMILAR_MIN) / (1.0 - SIMILAR_MIN) * 25.0 + 0.5);
	if (score > 75)
		score = 75;
	add_pair(f, i, j, score, DUP_SIMILAR_NAME, NULL, NULL);
}

static void similar_names(struct finder *f)
{
	struct ordered *order = malloc((f->nitems ? f->nitems : 1) * sizeof(*order));
	if (!order)
		abort();
	for (int which = 0; which < 3; which++) {
		for (size_t i = 0; i < f->nitems; i++) {
			const struct item *it = &f->items[i];
			const char *text = which == 0 ? it->key : which == 1 ? it->sorted : it->reversed;
			order[i] = (struct ordered){it->country_id, prefix_of(text), (uint32_t)i, text};
		}
		if (f->nitems)
			qsort(order, f->nitems, sizeof(*order), cmp_order);
		for (size_t i = 0; i < f->nitems; i++)
			for (size_t j = i + 1; j < f->nitems && j <= i + WINDOW; j++) {
				if (order[j].country != order[i].country)
					break; /* sorted by territory first */
				compare_names(f, order[i].item, order[j].item);
			}
	}
	free(order);
}

/* -------------------------------------------------------------- result */

static int cmp_pairs(const void *pa, const void *pb)
{
	const struct pair *x = pa, *y = pb;
	if (x->score != y->score)
		return y->score - x->score;
	if (x->reason != y->reason)
		return (int)x->reason - (int)y->reason;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

/* The pairs found, kept while the base does not change. */
struct result {
	unsigned long serial;
	int kind;
	char *viewer_key;
	int64_t head;
	unsigned long used;
	struct arena arena;
	struct pair *pairs;
	size_t count;
};

static pthread_mutex_t finder_lock = PTHREAD_MUTEX_INITIALIZER; /* one search at a time: they take memory and a core */
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct result *cache[CACHE_SLOTS];
static unsigned long cache_clock;

static void result_free(struct result *r)
{
	if (!r)
		return;
	arena_release(&r->arena);
	free(r->pairs);
	free(r->viewer_key);
	free(r);
}

/* What decides which records a viewer sees. */
static char *viewer_key(const struct viewer *v)
{
	enum role role = v ? v->role : ROLE_ANONYMOUS;
	if (role == ROLE_ADMIN || role == ROLE_SYSTEM)
		return strdup("all");
	struct buf b = BUF_INIT;
	buf_printf(&b, "%d:%lld:%lld", (int)role, v ? (long long)v->account_id : 0LL, v ? (long long)v->organization : 0LL);
	for (size_t i = 0; v && i < v->nteams; i++)
		buf_printf(&b, ":%lld", (long long)v->teams[i]);
	return buf_detach(&b, NULL);
}

static int64_t history_head(struct store *s)
{
	struct db *db = store_reader(s);
	struct db_stmt *st = db ? db_prepare(db, "SELECT last_id FROM history_head WHERE one = 1") : NULL;
	if (!st)
		return -1;
	int64_t head = db_step(st) == DB_ROW ? db_column_int(st, 0) : 0;
	db_stmt_done(st);
	return head;
}

/* Search for the pairs of kind k, into a new result. */
static int search(struct store *s, const struct viewer *v, const struct kind *k, struct result **out)
{
	struct result *r = calloc(1, sizeof(*r));
	if (!r)
		abort();
	struct arena tmp = ARENA_INIT;
	struct finder f = {.s = s, .a = &tmp};
	pthread_mutex_lock(&finder_lock);
	int rc = load(&f, v, k);
	if (rc == STORE_OK) {
		exact_matches(&f);
		similar_names(&f);
		if (f.npairs)
			qsort(f.pairs, f.npairs, sizeof(*f.pairs), cmp_pairs);
	}
	pthread_mutex_unlock(&finder_lock);
	/* Keep what the pairs say, not what matching needed. */
	for (size_t i = 0; i < f.npairs; i++) {
		struct pair *p = &f.pairs[i];
		p->detail = arena_strdup(&r->arena, p->detail);
		p->territory = arena_strdup(&r->arena, p->territory);
		p->title_a = arena_strdup(&r->arena, p->title_a);
		p->title_b = arena_strdup(&r->arena, p->title_b);
	}
	arena_release(&tmp);
	free(f.items);
	free(f.keys);
	free(f.slots);
	r->pairs = f.pairs;
	r->count = f.npairs;
	if (rc != STORE_OK) {
		result_free(r);
		return rc;
	}
	*out = r;
	return STORE_OK;
}

static const char *reason_code(enum duplicate_reason reason)
{
	static const char *codes[] = {"identifier", "email", "name", "similar_name"};
	return codes[reason];
}

static const char *reason_msgid(enum duplicate_reason reason)
{
	static const char *msgids[] = {N_("Same identifier"), N_("Same email"), N_("Same name"), N_("Similar name")};
	return msgids[reason];
}

/* Copy pairs [offset, offset + limit) of r into the caller's arena. */
static void copy_page(const struct result *r, struct arena *a, size_t offset, size_t limit, struct duplicate_pair **out,
		      size_t *count)
{
	size_t n = offset < r->count ? r->count - offset : 0;
	if (limit && n > limit)
		n = limit;
	*out = arena_alloc(a, (n ? n : 1) * sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		const struct pair *p = &r->pairs[offset + i];
		(*out)[i] = (struct duplicate_pair){
			.a = p->a, .b = p->b, .score = p->score, .reason = p->reason,
			.reason_code = reason_code(p->reason), .reason_msgid = reason_msgid(p->reason),
			.field = p->field, .detail = arena_strdup(a, p->detail), .territory = arena_strdup(a, p->territory),
			.title_a = arena_strdup(a, p->title_a), .title_b = arena_strdup(a, p->title_b),
		};
	}
	*count = n;
}

int store_find_duplicates_page(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k,
			       size_t offset, size_t limit, struct duplicate_pair **out, size_t *count, size_t *total)
{
	*out = NULL;
	*count = 0;
	*total = 0;
	if (!permission_allows(v ? v->role : ROLE_ANONYMOUS, k, ACT_READ))
		return STORE_FORBIDDEN;
	if (!k->has_visibility || k->access != ACCESS_DIRECTORY)
		return STORE_OK; /* positions and relationships have no names of their own */
	int64_t head = history_head(s);
	if (head < 0)
		return STORE_ERROR;
	char *who = viewer_key(v);
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		struct result *r = cache[i];
		if (r && r->serial == s->serial && r->kind == k->index && r->head == head && strcmp(r->viewer_key, who) == 0) {
			r->used = ++cache_clock;
			copy_page(r, a, offset, limit, out, count);
			*total = r->count;
			pthread_mutex_unlock(&cache_lock);
			free(who);
			return STORE_OK;
		}
	}
	pthread_mutex_unlock(&cache_lock);
	struct result *r;
	int rc = search(s, v, k, &r);
	if (rc != STORE_OK) {
		free(who);
		return rc;
	}
	r->serial = s->serial;
	r->kind = k->index;
	r->viewer_key = who;
	r->head = head;
	copy_page(r, a, offset, limit, out, count);
	*total = r->count;
	pthread_mutex_lock(&cache_lock);
	size_t slot = 0;
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		if (!cache[i]) {
			slot = i;
			break;
		}
		if (cache[i]->used < cache[slot]->used)
			slot = i;
	}
	result_free(cache[slot]);
	r->used = ++cache_clock;
	cache[slot] = r;
	pthread_mutex_unlock(&cache_lock);
	return STORE_OK;
}

int store_find_duplicates(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, size_t limit,
			  struct duplicate_pair **out, size_t *count)
{
	size_t total;
	return store_find_duplicates_page(s, a, v, k, 0, limit, out, count, &total);
}
