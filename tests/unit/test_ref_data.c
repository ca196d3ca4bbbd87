/*
 * test_ref_data.c - checks of the reference data shipped in data/ref/,
 * read through the CSV reader as database initialisation reads them.
 *
 * The files are found under $PASSERELLE_SRCDIR/data/ref (default: the
 * current directory is the source tree).  Build and run from the root:
 *   gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wformat=2 -Wshadow -Werror \
 *       -Isrc tests/unit/test_ref_data.c src/io/csv.c src/base/arena.c \
 *       src/base/buf.c -lcmocka -o /tmp/test_ref_data && /tmp/test_ref_data
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "io/csv.h"

/* A whole file in memory: a header and rows of NUL-terminated fields. */
struct table {
	const char *name;
	size_t columns;
	char **header;
	size_t count;
	char ***rows;
	struct arena arena;
};

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		print_error("%s: %s\n", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *data = malloc(cap);
	size_t got;
	while (data && (got = fread(data + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *bigger = realloc(data, cap * 2);
			if (!bigger) {
				free(data);
				data = NULL;
				break;
			}
			data = bigger;
			cap *= 2;
		}
	}
	fclose(f);
	*len = n;
	return data;
}

/*
 * Does s[0..len) hold a combining diacritical mark (U+0300..U+036F, UTF-8
 * CC 80..CD AF)?  In French, English and Spanish names that only happens
 * in decomposed text: the files must be NFC, as the database compares
 * bytes.
 */
static int has_combining_mark(const char *s, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		unsigned char a = (unsigned char)s[i];
		unsigned char b = (unsigned char)s[i + 1];
		if ((a == 0xCC && b >= 0x80 && b <= 0xBF) ||
		    (a == 0xCD && b >= 0x80 && b <= 0xAF))
			return 1;
	}
	return 0;
}

/* Load data/ref/<name>, failing the test on any CSV error or on a row
 * whose column count differs from the header's. */
static void table_load(struct table *t, const char *name)
{
	const char *dir = getenv("PASSERELLE_SRCDIR");
	char path[4096];
	snprintf(path, sizeof(path), "%s/data/ref/%s", dir ? dir : ".", name);
	memset(t, 0, sizeof(*t));
	t->name = name;

	size_t len = 0;
	char *data = read_file(path, &len);
	assert_non_null(data);
	struct csv_reader *r = csv_reader_new(data, len, ',');
	assert_non_null(r);
	struct csv_row row;
	int rc;
	size_t cap = 0;
	while ((rc = csv_next_row(r, &row)) == 1) {
		char **copy = arena_alloc(&t->arena,
					  row.count * sizeof(*copy));
		for (size_t i = 0; i < row.count; i++) {
			if (has_combining_mark(row.fields[i], row.lens[i])) {
				print_error("%s: line %zu, column %zu: "
					    "decomposed text (not NFC)\n",
					    name, csv_line(r), i + 1);
				fail();
			}
			copy[i] = arena_strndup(&t->arena, row.fields[i],
						row.lens[i]);
		}
		if (!t->header) {
			t->header = copy;
			t->columns = row.count;
			continue;
		}
		if (row.count != t->columns) {
			print_error("%s: line %zu has %zu fields, header %zu\n",
				    name, csv_line(r), row.count, t->columns);
			fail();
		}
		if (t->count == cap) {
			cap = cap ? cap * 2 : 256;
			t->rows = realloc(t->rows, cap * sizeof(*t->rows));
			assert_non_null(t->rows);
		}
		t->rows[t->count++] = copy;
	}
	if (rc < 0) {
		print_error("%s: %s\n", name, csv_error(r));
		fail();
	}
	assert_non_null(t->header);
	csv_reader_free(r);
	free(data);
}

static void table_release(struct table *t)
{
	free(t->rows);
	arena_release(&t->arena);
}

static size_t table_column(const struct table *t, const char *column)
{
	for (size_t i = 0; i < t->columns; i++)
		if (strcmp(t->header[i], column) == 0)
			return i;
	print_error("%s: no column %s\n", t->name, column);
	fail();
	return 0;
}

/* The row whose first column is `key`, or NULL. */
static char **table_find(const struct table *t, const char *key)
{
	for (size_t i = 0; i < t->count; i++)
		if (strcmp(t->rows[i][0], key) == 0)
			return t->rows[i];
	return NULL;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every value of the first column is non-empty and unique. */
static void assert_keys_unique(const struct table *t)
{
	char **keys = malloc((t->count + 1) * sizeof(*keys));
	assert_non_null(keys);
	for (size_t i = 0; i < t->count; i++) {
		keys[i] = t->rows[i][0];
		assert_true(keys[i][0] != '\0');
	}
	qsort(keys, t->count, sizeof(*keys), compare_strings);
	for (size_t i = 1; i < t->count; i++) {
		if (strcmp(keys[i - 1], keys[i]) == 0) {
			print_error("%s: duplicate key %s\n", t->name, keys[i]);
			fail();
		}
	}
	free(keys);
}

static void test_territories(void **state)
{
	(void)state;
	struct table t;
	table_load(&t, "territories.csv");
	assert_int_equal(t.columns, 8);
	assert_string_equal(t.header[0], "code");
	assert_keys_unique(&t);
	size_t kind = table_column(&t, "kind");
	size_t parent = table_column(&t, "parent");
	size_t lat = table_column(&t, "lat");
	size_t lon = table_column(&t, "lon");
	size_t names[3] = {
		table_column(&t, "name_fr"),
		table_column(&t, "name_en"),
		table_column(&t, "name_es"),
	};

	/* Saint-Martin and Sint Maarten: both there, told apart in every
	 * language. */
	char **mf = table_find(&t, "MF");
	char **sx = table_find(&t, "SX");
	assert_non_null(mf);
	assert_non_null(sx);
	for (size_t i = 0; i < 3; i++) {
		assert_true(mf[names[i]][0] != '\0');
		assert_true(sx[names[i]][0] != '\0');
		assert_string_not_equal(mf[names[i]], sx[names[i]]);
	}

	static const char *const overseas[] = {
		"BL", "GP", "MQ", "GF", "RE", "YT", "PM", "WF", "PF", "NC",
		"CW", "AW", "BQ", "FR",
	};
	for (size_t i = 0; i < sizeof(overseas) / sizeof(*overseas); i++) {
		char **row = table_find(&t, overseas[i]);
		assert_non_null(row);
		assert_string_equal(row[kind], "country");
		assert_string_equal(row[parent], "");
	}

	char **naq = table_find(&t, "FR-NAQ");
	assert_non_null(naq);
	assert_string_equal(naq[kind], "region");
	assert_string_equal(naq[parent], "FR");
	assert_string_equal(naq[names[0]], "Nouvelle-Aquitaine");

	/* Metropolitan France's point, not the overseas parts'. */
	char **fr = table_find(&t, "FR");
	double fr_lat = strtod(fr[lat], NULL), fr_lon = strtod(fr[lon], NULL);
	assert_true(fr_lat > 42 && fr_lat < 51);
	assert_true(fr_lon > -5 && fr_lon < 8);

	size_t regions = 0;
	for (size_t i = 0; i < t.count; i++) {
		char **row = t.rows[i];
		if (strcmp(row[kind], "region") == 0) {
			regions++;
			assert_non_null(table_find(&t, row[parent]));
		} else {
			assert_string_equal(row[kind], "country");
			assert_int_equal(strlen(row[0]), 2);
		}
		for (size_t j = 0; j < 3; j++)
			assert_true(row[names[j]][0] != '\0');
		/* Both coordinates or neither, within range. */
		assert_int_equal(row[lat][0] == '\0', row[lon][0] == '\0');
		if (row[lat][0]) {
			char *end;
			double y = strtod(row[lat], &end);
			assert_true(*end == '\0' && y >= -90 && y <= 90);
			double x = strtod(row[lon], &end);
			assert_true(*end == '\0' && x >= -180 && x <= 180);
		}
	}
	assert_int_equal(regions, 13);
	assert_true(t.count - regions >= 249);
	table_release(&t);
}

static void test_sectors(void **state)
{
	(void)state;
	struct table sectors, categories;
	table_load(&sectors, "sectors.csv");
	table_load(&categories, "sector-categories.csv");
	assert_int_equal(sectors.columns, 5);
	assert_int_equal(categories.columns, 4);
	assert_keys_unique(&sectors);
	assert_keys_unique(&categories);

	size_t name_fr = table_column(&sectors, "name_fr");
	char **water = table_find(&sectors, "14010");
	assert_non_null(water);
	assert_string_equal(water[name_fr], "Politique et gestion "
			    "administrative du secteur de l'eau");

	/* Every sector's category is there. */
	size_t category = table_column(&sectors, "category");
	for (size_t i = 0; i < sectors.count; i++) {
		assert_non_null(table_find(&categories,
					   sectors.rows[i][category]));
		assert_true(sectors.rows[i][name_fr][0] != '\0');
	}
	table_release(&sectors);
	table_release(&categories);
}

static void test_sdgs(void **state)
{
	(void)state;
	struct table t;
	table_load(&t, "sdgs.csv");
	assert_int_equal(t.columns, 7);
	assert_keys_unique(&t);
	assert_int_equal(t.count, 17);
	for (size_t i = 0; i < t.count; i++) {
		char want[24];
		snprintf(want, sizeof(want), "%zu", i + 1);
		assert_string_equal(t.rows[i][0], want);
		for (size_t j = 1; j < t.columns; j++) {
			const char *text = t.rows[i][j];
			assert_true(text[0] != '\0');
			assert_null(strstr(text, "  "));
		}
	}
	size_t title_fr = table_column(&t, "title_fr");
	assert_string_equal(t.rows[3][title_fr], "Assurer à tous une "
			    "éducation équitable, inclusive et de qualité et "
			    "des possibilités d’apprentissage tout au long de "
			    "la vie");
	table_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_territories),
		cmocka_unit_test(test_sectors),
		cmocka_unit_test(test_sdgs),
	};
	return cmocka_run_group_tests_name("ref_data", tests, NULL, NULL);
}
