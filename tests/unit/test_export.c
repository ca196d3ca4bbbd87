/*
 * test_export.c - unit tests of the export writers (src/io/export*.c).
 *
 * Each test writes a file into a temporary directory and reads it back:
 * CSV and vCard are compared byte for byte, JSON and GeoJSON are parsed
 * with jansson, XLSX is opened with libzip and its sheet's XML searched.
 * The memory test runs each export in a fresh process (this program,
 * started again with --memory FORMAT ROWS DIR) and compares the peak
 * resident sizes of a 20,000-row and a 200,000-row export: the growth
 * must stay under 5 MB.
 *
 * Build and run from the root:
 *   make build/release/tests/test_export && build/release/tests/test_export
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include "base/buf.h"
#include "io/export.h"

/* A cell of one value, of several, of none. */
#define ONE(s) ((struct export_value){ (const char *const[]){ s }, 1 })
#define LIST(...)                                                             \
	((struct export_value){                                               \
		(const char *const[]){ __VA_ARGS__ },                         \
		sizeof((const char *const[]){ __VA_ARGS__ }) /                \
			sizeof(const char *) })
#define NONE ((struct export_value){ NULL, 0 })

#define MEMORY_SMALL_ROWS 20000
#define MEMORY_LARGE_ROWS 200000
#define MEMORY_MAX_GROWTH_KB (5 * 1024)

static char tmpdir[64];

static int group_setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_export.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	return rmdir(tmpdir);
}

/* A path in the temporary directory. */
static const char *tmp_path(const char *name)
{
	static char path[128];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return path;
}

/* The whole file into a NUL-terminated malloc'd buffer. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	buf_puts(&b, "");
	return buf_detach(&b, len);
}

/* Read the file, compare it with `want`, remove it. */
static void check_file(const char *path, const char *want)
{
	size_t len;
	char *got = slurp(path, &len);
	assert_string_equal(got, want);
	assert_int_equal(len, strlen(want));
	free(got);
	assert_int_equal(unlink(path), 0);
}

static int file_exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

/* Open, or fail the test with the message. */
static struct export_writer *open_ok(const char *path, enum export_format f,
				     const struct export_options *o,
				     const struct export_column *cols,
				     size_t ncols)
{
	char err[256] = "unset";
	struct export_writer *w = export_open(path, f, o, cols, ncols, err,
					      sizeof(err));
	if (!w)
		fail_msg("export_open: %s", err);
	return w;
}

static void close_ok(struct export_writer *w)
{
	char err[256] = "unset";
	int rc = export_close(w, err, sizeof(err));
	if (rc != 0)
		fail_msg("export_close: %s", err);
	assert_string_equal(err, "");
}

/* ---- names ---- */

static void test_format_names(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		enum export_format format;
		const char *ext;
	} cases[] = {
		{ "csv", EXPORT_CSV, "csv" },
		{ "XLSX", EXPORT_XLSX, "xlsx" },
		{ "json", EXPORT_JSON, "json" },
		{ "geojson", EXPORT_GEOJSON, "geojson" },
		{ "vcf", EXPORT_VCARD, "vcf" },
		{ "vCard", EXPORT_VCARD, "vcf" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum export_format f = EXPORT_CSV;
		assert_int_equal(export_parse_format(cases[i].name, &f), 0);
		assert_int_equal(f, cases[i].format);
		assert_string_equal(export_extension(f), cases[i].ext);
	}
	enum export_format f = EXPORT_JSON;
	assert_int_equal(export_parse_format("pdf", &f), -1);
	assert_int_equal(export_parse_format("", &f), -1);
	assert_int_equal(export_parse_format(NULL, &f), -1);
	assert_int_equal(export_parse_format("csv ", &f), -1);
	assert_int_equal(f, EXPORT_JSON);
	assert_string_equal(export_content_type(EXPORT_CSV),
			    "text/csv; charset=utf-8");
	assert_string_equal(export_content_type(EXPORT_GEOJSON),
			    "application/geo+json");
	assert_string_equal(export_content_type(EXPORT_VCARD),
			    "text/vcard; charset=utf-8");
	assert_string_equal(export_content_type(EXPORT_JSON),
			    "application/json");
	assert_non_null(strstr(export_content_type(EXPORT_XLSX),
			       "spreadsheetml.sheet"));
	assert_string_equal(export_content_type((enum export_format)99),
			    "application/octet-stream");
	assert_string_equal(export_extension((enum export_format)99), "bin");
}

/* ---- open errors ---- */

static void expect_open_error(const char *path, enum export_format f,
			      const struct export_options *o,
			      const struct export_column *cols, size_t ncols,
			      const char *fragment)
{
	char err[256] = "";
	struct export_writer *w = export_open(path, f, o, cols, ncols, err,
					      sizeof(err));
	assert_null(w);
	if (!strstr(err, fragment))
		fail_msg("error \"%s\" lacks \"%s\"", err, fragment);
	assert_false(file_exists(path));
}

static void test_open_errors(void **state)
{
	(void)state;
	const struct export_column cols[] = {
		{ "name", "Nom", EXPORT_TEXT },
	};
	const char *path = tmp_path("bad.out");
	expect_open_error(path, EXPORT_CSV, NULL, cols, 0, "column");
	expect_open_error(path, EXPORT_CSV, NULL, NULL, 1, "column");
	expect_open_error(path, EXPORT_CSV,
			  &(struct export_options){ .separator = '"' }, cols,
			  1, "separator");
	expect_open_error(path, EXPORT_VCARD,
			  &(struct export_options){ .vcard_version = 2 }, cols,
			  1, "vCard version");
	expect_open_error(path, EXPORT_GEOJSON, NULL, cols, 1, "latitude");
	expect_open_error(path, (enum export_format)42, NULL, cols, 1,
			  "format");
	expect_open_error("/nonexistent/dir/out.csv", EXPORT_CSV, NULL, cols,
			  1, "cannot create");
	expect_open_error("/nonexistent/dir/out.xlsx", EXPORT_XLSX, NULL,
			  cols, 1, "cannot create");
	/* err may be NULL; closing NULL is a no-op. */
	assert_null(export_open(path, EXPORT_CSV, NULL, cols, 0, NULL, 0));
	assert_int_equal(export_close(NULL, NULL, 0), 0);
}

/* ---- CSV ---- */

static const struct export_column people_cols[] = {
	{ "name", "Nom", EXPORT_TEXT },
	{ "members", "Membres", EXPORT_INTEGER },
	{ "longitude", "Longitude", EXPORT_NUMBER },
	{ "founded", "Création", EXPORT_DATE },
	{ "tags", "Thèmes", EXPORT_LIST },
	{ "active", "Actif", EXPORT_BOOL },
	{ "updated_at", "Modifié", EXPORT_DATETIME },
};
#define PEOPLE_NCOLS (sizeof(people_cols) / sizeof(people_cols[0]))

/* Three rows exercising quoting, lists, empty cells and values that do
 * not read as their type. */
static void write_people(struct export_writer *w)
{
	struct export_value r1[] = {
		ONE("Les \"Amis\", du monde"), ONE("12"), ONE("-60.99"),
		ONE("2024-03-05"), LIST("eau", "santé"), ONE("true"),
		ONE("2024-03-05T10:20:30Z"),
	};
	struct export_value r2[] = {
		ONE("Deux\r\nlignes"), NONE, ONE("n/a"), ONE("2024-02-30"),
		LIST("", NULL, "seul"), ONE("false"), NONE,
	};
	struct export_value r3[] = {
		NONE, ONE("0"), ONE("1.5e3"), NONE, NONE, NONE, NONE,
	};
	assert_int_equal(export_row(w, r1), 0);
	assert_int_equal(export_row(w, r2), 0);
	assert_int_equal(export_row(w, r3), 0);
	assert_int_equal(export_rows(w), 3);
	assert_int_equal(export_skipped(w), 0);
}

static void test_csv_rfc4180(void **state)
{
	(void)state;
	const char *path = tmp_path("people.csv");
	struct export_writer *w = open_ok(path, EXPORT_CSV, NULL, people_cols,
					  PEOPLE_NCOLS);
	write_people(w);
	close_ok(w);
	check_file(path,
		   "Nom,Membres,Longitude,Création,Thèmes,Actif,Modifié\r\n"
		   "\"Les \"\"Amis\"\", du monde\",12,-60.99,2024-03-05,"
		   "eau; santé,true,2024-03-05T10:20:30Z\r\n"
		   "\"Deux\r\nlignes\",,n/a,2024-02-30,seul,false,\r\n"
		   ",0,1.5e3,,,,\r\n");
}

static void test_csv_french_excel(void **state)
{
	(void)state;
	const char *path = tmp_path("people-fr.csv");
	struct export_options o = { .separator = ';', .bom = 1,
				    .french_dates = 1 };
	struct export_writer *w = open_ok(path, EXPORT_CSV, &o, people_cols,
					  PEOPLE_NCOLS);
	write_people(w);
	close_ok(w);
	check_file(path,
		   "\xEF\xBB\xBF"
		   "Nom;Membres;Longitude;Création;Thèmes;Actif;Modifié\r\n"
		   "\"Les \"\"Amis\"\", du monde\";12;-60,99;05/03/2024;"
		   "eau, santé;true;05/03/2024 10:20:30\r\n"
		   "\"Deux\r\nlignes\";;n/a;2024-02-30;seul;false;\r\n"
		   ";0;1,5e3;;;;\r\n");
}

static void test_csv_formula_injection(void **state)
{
	(void)state;
	const struct export_column cols[] = {
		{ "text", "=HYPERLINK(\"x\")", EXPORT_TEXT },
		{ "number", "Nombre", EXPORT_NUMBER },
		{ "list", "@Liste", EXPORT_LIST },
	};
	const char *path = tmp_path("formula.csv");
	struct export_writer *w = open_ok(path, EXPORT_CSV, NULL, cols, 3);
	struct export_value rows[][3] = {
		{ ONE("=SUM(A1)"), ONE("-60.99"), LIST("=1+1", "b") },
		{ ONE("+33 6 12 34 56 78"), ONE("+33"), LIST("a", "=b") },
		{ ONE("-x"), ONE("-x"), LIST("-1") },
		{ ONE("@x"), ONE("=1+1"), NONE },
		{ ONE("\tx"), ONE("-0.5e-3"), NONE },
		{ ONE("\rx"), ONE("-"), NONE },
		{ ONE("-60.99"), ONE("-.5"), NONE },
		{ ONE("a=b"), ONE("--1"), NONE },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(export_row(w, rows[i]), 0);
	close_ok(w);
	check_file(path,
		   "\"'=HYPERLINK(\"\"x\"\")\",Nombre,'@Liste\r\n"
		   "'=SUM(A1),-60.99,'=1+1; b\r\n"
		   "'+33 6 12 34 56 78,'+33,a; =b\r\n"
		   "'-x,'-x,'-1\r\n"
		   "'@x,'=1+1,\r\n"
		   "'\tx,-0.5e-3,\r\n"
		   "\"'\rx\",'-,\r\n"
		   "'-60.99,'-.5,\r\n"
		   "a=b,'--1,\r\n");
}

static void test_csv_tab_and_bad_utf8(void **state)
{
	(void)state;
	const struct export_column cols[] = {
		{ "a", "A", EXPORT_TEXT },
		{ "b", "B", EXPORT_LIST },
	};
	const char *path = tmp_path("tab.csv");
	struct export_options o = { .separator = '\t' };
	struct export_writer *w = open_ok(path, EXPORT_CSV, &o, cols, 2);
	/* A lone continuation byte, an overlong '/', a surrogate, a cut
	 * sequence: each bad byte becomes U+FFFD. */
	struct export_value r1[] = { ONE("a\x80z\xC0\xAF"),
				     LIST("\xED\xA0\x80", "x\tz\xE2\x82") };
	assert_int_equal(export_row(w, r1), 0);
	close_ok(w);
	check_file(path, "A\tB\r\n"
			 "a\xEF\xBF\xBDz\xEF\xBF\xBD\xEF\xBF\xBD\t"
			 "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD, "
			 "x\tz\xEF\xBF\xBD\xEF\xBF\xBD\"\r\n");
}

/* An export that hits the file size limit fails, says so and leaves no
 * file behind. */
static void test_write_error(void **state)
{
	(void)state;
	const struct export_column cols[] = { { "a", "A", EXPORT_TEXT } };
	const char *path = tmp_path("full.csv");
	struct export_writer *w = open_ok(path, EXPORT_CSV, NULL, cols, 1);
	struct rlimit old, small;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 4096;
	void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	int rc = 0;
	struct export_value row[] = { ONE("une valeur assez longue pour "
					  "remplir le tampon de stdio") };
	for (int i = 0; i < 100000 && rc == 0; i++)
		rc = export_row(w, row);
	char err[256] = "";
	int closed = export_close(w, err, sizeof(err));
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, old_handler);
	assert_int_equal(rc, -1);
	assert_int_equal(closed, -1);
	assert_non_null(strstr(err, "cannot write"));
	assert_false(file_exists(path));
}

/* ---- JSON ---- */

static json_t *load_json(const char *path)
{
	json_error_t jerr;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		fail_msg("%s: line %d: %s", path, jerr.line, jerr.text);
	return root;
}

static void test_json(void **state)
{
	(void)state;
	const char *path = tmp_path("people.json");
	struct export_writer *w = open_ok(path, EXPORT_JSON, NULL, people_cols,
					  PEOPLE_NCOLS);
	write_people(w);
	struct export_value r4[] = {
		ONE("ctl\x01\x1f\"\\/\xff"), ONE("0.1"), ONE("007"), NONE,
		NONE, ONE("yes"), ONE("2024-03-05 10:20"),
	};
	assert_int_equal(export_row(w, r4), 0);
	close_ok(w);

	size_t len;
	char *text = slurp(path, &len);
	/* Numbers go out as given, not through a double. */
	assert_non_null(strstr(text, "\"members\":12,\"longitude\":-60.99,"));
	assert_non_null(strstr(text, "\"longitude\":1.5e3,"));
	assert_non_null(strstr(text, "\"members\":0.1,\"longitude\":\"007\""));
	assert_non_null(strstr(text, "\"ctl\\u0001\\u001f\\\"\\\\/"
				     "\xEF\xBF\xBD\""));
	free(text);

	json_t *root = load_json(path);
	assert_true(json_is_array(root));
	assert_int_equal(json_array_size(root), 4);
	json_t *o = json_array_get(root, 0);
	assert_string_equal(json_string_value(json_object_get(o, "name")),
			    "Les \"Amis\", du monde");
	assert_int_equal(json_integer_value(json_object_get(o, "members")), 12);
	assert_true(json_real_value(json_object_get(o, "longitude")) == -60.99);
	assert_string_equal(json_string_value(json_object_get(o, "founded")),
			    "2024-03-05");
	assert_int_equal(json_array_size(json_object_get(o, "tags")), 2);
	assert_string_equal(json_string_value(json_array_get(
				    json_object_get(o, "tags"), 1)), "santé");
	assert_true(json_is_true(json_object_get(o, "active")));
	assert_string_equal(json_string_value(json_object_get(o, "updated_at")),
			    "2024-03-05T10:20:30Z");

	o = json_array_get(root, 1);
	assert_string_equal(json_string_value(json_object_get(o, "name")),
			    "Deux\r\nlignes");
	assert_true(json_is_null(json_object_get(o, "members")));
	assert_string_equal(json_string_value(json_object_get(o, "longitude")),
			    "n/a");
	assert_string_equal(json_string_value(json_object_get(o, "founded")),
			    "2024-02-30");
	assert_int_equal(json_array_size(json_object_get(o, "tags")), 1);
	assert_true(json_is_false(json_object_get(o, "active")));
	assert_true(json_is_null(json_object_get(o, "updated_at")));

	o = json_array_get(root, 2);
	assert_true(json_is_null(json_object_get(o, "name")));
	assert_true(json_is_array(json_object_get(o, "tags")));
	assert_int_equal(json_array_size(json_object_get(o, "tags")), 0);

	o = json_array_get(root, 3);
	assert_string_equal(json_string_value(json_object_get(o, "active")),
			    "yes");
	json_decref(root);
	assert_int_equal(unlink(path), 0);

	/* No rows: an empty array. */
	w = open_ok(path, EXPORT_JSON, NULL, people_cols, PEOPLE_NCOLS);
	close_ok(w);
	check_file(path, "[]\n");

	/* Past a double's range, a number is a string: readers choke. */
	const struct export_column num[] = { { "n", "N", EXPORT_NUMBER } };
	w = open_ok(path, EXPORT_JSON, NULL, num, 1);
	struct export_value big[] = { ONE("-1e400") };
	struct export_value tiny[] = { ONE("1e-400") };
	assert_int_equal(export_row(w, big), 0);
	assert_int_equal(export_row(w, tiny), 0);
	close_ok(w);
	check_file(path, "[\n{\"n\":\"-1e400\"},\n{\"n\":1e-400}\n]\n");
}

/* ---- GeoJSON ---- */

static void test_geojson(void **state)
{
	(void)state;
	const struct export_column cols[] = {
		{ "id", "Id", EXPORT_INTEGER },
		{ "name", "Nom", EXPORT_TEXT },
		{ "latitude", "Latitude", EXPORT_NUMBER },
		{ "longitude", "Longitude", EXPORT_NUMBER },
		{ "tags", "Thèmes", EXPORT_LIST },
	};
	const char *path = tmp_path("map.geojson");
	struct export_writer *w = open_ok(path, EXPORT_GEOJSON, NULL, cols, 5);
	struct export_value rows[][5] = {
		/* Pointe-à-Pitre: latitude 16.24, longitude -61.53. */
		{ ONE("1"), ONE("Pointe-à-Pitre"), ONE("16.24"), ONE("-61.53"),
		  LIST("port") },
		{ ONE("2"), ONE("Sans lieu"), NONE, NONE, NONE },
		{ ONE("3"), ONE("Moitié"), ONE("45.0"), NONE, NONE },
		{ ONE("4"), ONE("Texte"), ONE("45 N"), ONE("3 E"), NONE },
		{ ONE("5"), ONE("Hors"), ONE("91"), ONE("3"), NONE },
		{ ONE("6"), ONE("Hors"), ONE("45"), ONE("-180.5"), NONE },
		{ ONE("x-7"), ONE("Nouméa"), ONE("-22.27"), ONE("166.45"),
		  NONE },
	};
	for (size_t i = 0; i < 7; i++)
		assert_int_equal(export_row(w, rows[i]), 0);
	assert_int_equal(export_rows(w), 2);
	assert_int_equal(export_skipped(w), 5);
	close_ok(w);

	json_t *root = load_json(path);
	assert_string_equal(json_string_value(json_object_get(root, "type")),
			    "FeatureCollection");
	json_t *features = json_object_get(root, "features");
	assert_int_equal(json_array_size(features), 2);
	json_t *f = json_array_get(features, 0);
	assert_string_equal(json_string_value(json_object_get(f, "type")),
			    "Feature");
	assert_int_equal(json_integer_value(json_object_get(f, "id")), 1);
	json_t *g = json_object_get(f, "geometry");
	assert_string_equal(json_string_value(json_object_get(g, "type")),
			    "Point");
	json_t *xy = json_object_get(g, "coordinates");
	assert_int_equal(json_array_size(xy), 2);
	/* [longitude, latitude] (RFC 7946 section 3.1.1). */
	assert_true(json_real_value(json_array_get(xy, 0)) == -61.53);
	assert_true(json_real_value(json_array_get(xy, 1)) == 16.24);
	json_t *p = json_object_get(f, "properties");
	assert_string_equal(json_string_value(json_object_get(p, "name")),
			    "Pointe-à-Pitre");
	assert_int_equal(json_integer_value(json_object_get(p, "id")), 1);
	assert_null(json_object_get(p, "latitude"));
	assert_null(json_object_get(p, "longitude"));
	assert_int_equal(json_array_size(json_object_get(p, "tags")), 1);
	f = json_array_get(features, 1);
	assert_string_equal(json_string_value(json_object_get(f, "id")), "x-7");
	xy = json_object_get(json_object_get(f, "geometry"), "coordinates");
	assert_true(json_real_value(json_array_get(xy, 0)) == 166.45);
	assert_true(json_real_value(json_array_get(xy, 1)) == -22.27);
	json_decref(root);
	assert_int_equal(unlink(path), 0);

	/* Nothing to place: an empty collection, still valid. */
	w = open_ok(path, EXPORT_GEOJSON, NULL, cols, 5);
	assert_int_equal(export_row(w, rows[1]), 0);
	assert_int_equal(export_skipped(w), 1);
	close_ok(w);
	check_file(path, "{\"type\":\"FeatureCollection\",\"features\":[]}\n");
}

/* ---- XLSX ---- */

/* The member `name` of the zip file at path, NUL-terminated. */
static char *zip_member(const char *path, const char *name)
{
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!z)
		fail_msg("%s: not a zip file (libzip error %d)", path, zerr);
	zip_stat_t st;
	if (zip_stat(z, name, 0, &st) != 0)
		fail_msg("%s: no member %s", path, name);
	zip_file_t *f = zip_fopen(z, name, 0);
	assert_non_null(f);
	char *data = malloc(st.size + 1);
	assert_non_null(data);
	assert_int_equal(zip_fread(f, data, st.size), (zip_int64_t)st.size);
	data[st.size] = '\0';
	zip_fclose(f);
	zip_close(z);
	return data;
}

static void assert_contains(const char *hay, const char *needle)
{
	assert_non_null(hay);
	if (!strstr(hay, needle)) {
		print_error("%.2000s\n", hay);
		fail_msg("\"%s\" not found", needle);
	}
}

static void test_xlsx(void **state)
{
	(void)state;
	const char *path = tmp_path("people.xlsx");
	struct export_options o = { .sheet_name = "Acteurs" };
	struct export_writer *w = open_ok(path, EXPORT_XLSX, &o, people_cols,
					  PEOPLE_NCOLS);
	write_people(w);
	struct export_value r4[] = {
		ONE("=SUM(A1)"), ONE("12345678901234567"), ONE("-1e400"),
		ONE("1850-01-01"), LIST("@a", "b"), ONE("1"), NONE,
	};
	assert_int_equal(export_row(w, r4), 0);
	close_ok(w);

	char *sheet = zip_member(path, "xl/worksheets/sheet1.xml");
	/* Typed cells. */
	assert_contains(sheet, "<t>Les \"Amis\", du monde</t>");
	assert_contains(sheet, "<c r=\"B2\"><v>12</v></c>");
	assert_contains(sheet, "<c r=\"C2\"><v>-60.99</v></c>");
	/* 2024-03-05 is day 45356 since Excel's 1900 epoch. */
	assert_contains(sheet, "<c r=\"D2\" s=\"2\"><v>45356</v></c>");
	assert_contains(sheet, "<t>eau; santé</t>");
	assert_contains(sheet, "<c r=\"F2\" t=\"b\"><v>1</v></c>");
	assert_contains(sheet, "<c r=\"G2\" s=\"3\"><v>45356.43090277");
	assert_contains(sheet, "<c r=\"F3\" t=\"b\"><v>0</v></c>");
	assert_contains(sheet, "<t>n/a</t>");
	assert_contains(sheet, "<t>2024-02-30</t>");
	assert_contains(sheet, "<c r=\"C4\"><v>1500</v></c>");
	/* Formulas stay text, guarded; numbers Excel cannot hold stay
	 * text, unguarded. */
	assert_contains(sheet, "<t>'=SUM(A1)</t>");
	assert_null(strstr(sheet, "<f>"));
	assert_contains(sheet, "<t>12345678901234567</t>");
	assert_contains(sheet, "<t>-1e400</t>");
	assert_contains(sheet, "<t>1850-01-01</t>");
	assert_contains(sheet, "<t>'@a; b</t>");
	assert_contains(sheet, "<t>1</t>");
	/* Frozen bold header with a filter, and widths. */
	assert_contains(sheet, "<t>Création</t>");
	assert_contains(sheet, "state=\"frozen\"");
	assert_contains(sheet, "ySplit=\"1\"");
	assert_contains(sheet, "<autoFilter ref=\"A1:G5\"/>");
	assert_contains(sheet, "<cols><col min=\"1\" max=\"1\" width=\"22.7");
	free(sheet);

	char *book = zip_member(path, "xl/workbook.xml");
	assert_contains(book, "<sheet name=\"Acteurs\"");
	assert_contains(book, "_xlnm._FilterDatabase");
	free(book);
	char *styles = zip_member(path, "xl/styles.xml");
	assert_contains(styles, "formatCode=\"dd/mm/yyyy\"");
	assert_contains(styles, "formatCode=\"dd/mm/yyyy hh:mm:ss\"");
	assert_contains(styles, "<b/>");
	free(styles);
	assert_int_equal(unlink(path), 0);

	/* No temporary file is left next to the output. */
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "test -z \"$(ls -A %s)\"", tmpdir);
	assert_int_equal(system(cmd), 0);
}

static void test_xlsx_sheet_name(void **state)
{
	(void)state;
	const struct export_column cols[] = { { "a", "A", EXPORT_TEXT } };
	static const struct {
		const char *given, *want;
	} cases[] = {
		{ NULL, "Export" },
		{ "", "Export" },
		{ "history", "Export" },
		{ "'Q1: [2024]/*?\\'", "_Q1_ _2024______" },
		{ "Organisations accompagnées en 2024-2025", /* 31 chars */
		  "Organisations accompagnées en 2" },
	};
	const char *path = tmp_path("named.xlsx");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct export_options o = { .sheet_name = cases[i].given };
		struct export_writer *w;
		w = open_ok(path, EXPORT_XLSX, &o, cols, 1);
		close_ok(w);
		char *book = zip_member(path, "xl/workbook.xml");
		char want[128];
		snprintf(want, sizeof(want), "<sheet name=\"%s\"",
			 cases[i].want);
		assert_contains(book, want);
		free(book);
		assert_int_equal(unlink(path), 0);
	}
}

/* A text past Excel's 32,767 characters (UTF-16 units) is cut there,
 * never inside a character. */
static void test_xlsx_long_text(void **state)
{
	(void)state;
	const struct export_column cols[] = {
		{ "a", "A", EXPORT_TEXT }, { "b", "B", EXPORT_TEXT },
	};
	struct buf two = BUF_INIT, four = BUF_INIT;
	for (int i = 0; i < 40000; i++)
		buf_puts(&two, "é");
	for (int i = 0; i < 20000; i++)
		buf_puts(&four, "😀");
	const char *path = tmp_path("long.xlsx");
	struct export_writer *w = open_ok(path, EXPORT_XLSX, NULL, cols, 2);
	struct export_value row[] = { ONE(buf_str(&two)), ONE(buf_str(&four)) };
	assert_int_equal(export_row(w, row), 0);
	close_ok(w);
	char *sheet = zip_member(path, "xl/worksheets/sheet1.xml");
	const char *t = strstr(sheet, "<c r=\"A2\"");
	assert_non_null(t);
	t = strstr(t, "<t>") + 3;
	assert_int_equal(strcspn(t, "<"), 32767 * 2);
	t = strstr(t, "<c r=\"B2\"");
	assert_non_null(t);
	t = strstr(t, "<t>") + 3;
	assert_int_equal(strcspn(t, "<"), 16383 * 4);
	free(sheet);
	buf_release(&two);
	buf_release(&four);
	assert_int_equal(unlink(path), 0);
}

/* Past Excel's 1,048,576 rows, the rows go on in a second sheet with
 * the header again. */
static void test_xlsx_next_sheet(void **state)
{
	(void)state;
	const struct export_column cols[] = {
		{ "n", "Numéro", EXPORT_INTEGER },
	};
	const char *path = tmp_path("big.xlsx");
	struct export_options o = {
		.sheet_name = "Une feuille au nom bien trop long pour Excel",
	};
	struct export_writer *w = open_ok(path, EXPORT_XLSX, &o, cols, 1);
	const long rows = 1048575 + 3; /* one sheet's worth and 3 more */
	for (long i = 1; i <= rows; i++) {
		char n[24];
		snprintf(n, sizeof(n), "%ld", i);
		struct export_value row[] = { ONE(n) };
		assert_int_equal(export_row(w, row), 0);
	}
	assert_int_equal(export_rows(w), (size_t)rows);
	close_ok(w);
	char *book = zip_member(path, "xl/workbook.xml");
	/* Names cut to 31 characters, with room for " (2)". */
	assert_contains(book, "name=\"Une feuille au nom bien trop lo\"");
	assert_contains(book, "name=\"Une feuille au nom bien tro (2)\"");
	free(book);
	char *sheet = zip_member(path, "xl/worksheets/sheet2.xml");
	assert_contains(sheet, "<t>Numéro</t>");
	assert_contains(sheet, "<c r=\"A2\"><v>1048576</v></c>");
	assert_contains(sheet, "<c r=\"A4\"><v>1048578</v></c>");
	assert_contains(sheet, "<autoFilter ref=\"A1:A4\"/>");
	assert_contains(sheet, "state=\"frozen\"");
	free(sheet);
	assert_int_equal(unlink(path), 0);
}

/* ---- vCard ---- */

static const struct export_column card_cols[] = {
	{ "id", "Id", EXPORT_INTEGER },
	{ "given_name", "Prénom", EXPORT_TEXT },
	{ "family_name", "Nom", EXPORT_TEXT },
	{ "emails", "Courriels", EXPORT_LIST },
	{ "phones", "Téléphones", EXPORT_LIST },
	{ "organization", "Organisations", EXPORT_LIST },
	{ "title", "Fonctions", EXPORT_LIST },
	{ "languages", "Langues", EXPORT_LIST },
	{ "notes", "Notes", EXPORT_TEXT },
	{ "updated_at", "Modifié", EXPORT_DATETIME },
	{ "city", "Ville", EXPORT_TEXT },
};
#define CARD_NCOLS (sizeof(card_cols) / sizeof(card_cols[0]))

static void write_cards(struct export_writer *w)
{
	struct export_value r1[] = {
		ONE("42"), ONE("Jean-Marie"), ONE("Dupont; fils"),
		LIST("jm@example.org", "jean,marie@example.fr"),
		LIST("+33 6 12-34.56 (78)", "01 23 45 67 89"),
		LIST("Acme, Inc.", "Les Amis\\", "Réseau"),
		LIST("Directeur", ""),
		LIST("fr", "en"),
		ONE("Ligne 1\r\nLigne 2\rLigne 3\nfin\x01\x7f\tok"),
		ONE("2024-03-05T10:20:30Z"),
		ONE("Basse-Terre"),
	};
	/* No names: FN falls back to the first email. */
	struct export_value r2[] = {
		ONE("a/b 7"), NONE, NONE, LIST("", "x@example.org"), NONE,
		ONE("Seule"), ONE("Présidente"), NONE, NONE, NONE, NONE,
	};
	assert_int_equal(export_row(w, r1), 0);
	assert_int_equal(export_row(w, r2), 0);
}

/* Replace the REV line of the second card (the time of the export) by
 * "REV:now", in place. */
static void mask_rev(char *text)
{
	char *end = strstr(text, "END:VCARD\r\n");
	assert_non_null(end);
	char *rev = strstr(end, "REV:");
	assert_non_null(rev);
	char *eol = strstr(rev, "\r\n");
	memmove(rev + 7, eol, strlen(eol) + 1);
	memcpy(rev, "REV:now", 7);
}

static void check_cards(const char *path, const char *want)
{
	size_t len;
	char *got = slurp(path, &len);
	mask_rev(got);
	assert_string_equal(got, want);
	free(got);
	assert_int_equal(unlink(path), 0);
}

static void test_vcard4(void **state)
{
	(void)state;
	const char *path = tmp_path("people.vcf");
	struct export_writer *w = open_ok(path, EXPORT_VCARD, NULL, card_cols,
					  CARD_NCOLS);
	write_cards(w);
	close_ok(w);
	check_cards(path,
		    "BEGIN:VCARD\r\n"
		    "VERSION:4.0\r\n"
		    "FN:Jean-Marie Dupont\\; fils\r\n"
		    "N:Dupont\\; fils;Jean-Marie;;;\r\n"
		    "UID:urn:passerelle:person:42\r\n"
		    "org1.ORG:Acme\\, Inc.\r\n"
		    "org1.TITLE:Directeur\r\n"
		    "org2.ORG:Les Amis\\\\\r\n"
		    "org3.ORG:Réseau\r\n"
		    "EMAIL:jm@example.org\r\n"
		    "EMAIL:jean\\,marie@example.fr\r\n"
		    "TEL;VALUE=uri:tel:+33612345678\r\n"
		    "TEL:01 23 45 67 89\r\n"
		    "LANG:fr\r\n"
		    "LANG:en\r\n"
		    "NOTE:Ligne 1\\nLigne 2\\nLigne 3\\nfin\tok\r\n"
		    "REV:20240305T102030Z\r\n"
		    "END:VCARD\r\n"
		    "BEGIN:VCARD\r\n"
		    "VERSION:4.0\r\n"
		    "FN:x@example.org\r\n"
		    "N:;;;;\r\n"
		    "UID:urn:passerelle:person:a%2Fb%207\r\n"
		    "ORG:Seule\r\n"
		    "TITLE:Présidente\r\n"
		    "EMAIL:x@example.org\r\n"
		    "REV:now\r\n"
		    "END:VCARD\r\n");
}

static void test_vcard3(void **state)
{
	(void)state;
	const char *path = tmp_path("people3.vcf");
	struct export_options o = { .vcard_version = 3 };
	struct export_writer *w = open_ok(path, EXPORT_VCARD, &o, card_cols,
					  CARD_NCOLS);
	write_cards(w);
	close_ok(w);
	check_cards(path,
		    "BEGIN:VCARD\r\n"
		    "VERSION:3.0\r\n"
		    "FN:Jean-Marie Dupont\\; fils\r\n"
		    "N:Dupont\\; fils;Jean-Marie;;;\r\n"
		    "UID:urn:passerelle:person:42\r\n"
		    "org1.ORG:Acme\\, Inc.\r\n"
		    "org1.TITLE:Directeur\r\n"
		    "org2.ORG:Les Amis\\\\\r\n"
		    "org3.ORG:Réseau\r\n"
		    "EMAIL;TYPE=INTERNET:jm@example.org\r\n"
		    "EMAIL;TYPE=INTERNET:jean\\,marie@example.fr\r\n"
		    "TEL;TYPE=WORK:+33 6 12-34.56 (78)\r\n"
		    "TEL;TYPE=WORK:01 23 45 67 89\r\n"
		    "NOTE:Ligne 1\\nLigne 2\\nLigne 3\\nfin\tok\r\n"
		    "REV:2024-03-05T10:20:30Z\r\n"
		    "END:VCARD\r\n"
		    "BEGIN:VCARD\r\n"
		    "VERSION:3.0\r\n"
		    "FN:x@example.org\r\n"
		    "N:;;;;\r\n"
		    "UID:urn:passerelle:person:a%2Fb%207\r\n"
		    "ORG:Seule\r\n"
		    "TITLE:Présidente\r\n"
		    "EMAIL;TYPE=INTERNET:x@example.org\r\n"
		    "REV:now\r\n"
		    "END:VCARD\r\n");
}

/* The length of the well-formed UTF-8 sequence at s, 0 if none (the
 * test's own decoder, independent of the writer's). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3
		   : s[0] >= 0xC0 ? 2 : 0;
	if (len == 0 || len > n)
		return 0;
	uint32_t cp = len == 1 ? s[0] : s[0] & (0xFF >> (len + 1));
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

static void test_vcard_folding(void **state)
{
	(void)state;
	/* 200 characters, many of them 2, 3 and 4 octets long, and commas
	 * to escape. */
	static const char *const pieces[] = {
		"é", "€", "😀", "a", ",", "ß", "中", " ",
	};
	struct buf note = BUF_INIT, want = BUF_INIT;
	for (int i = 0; i < 200; i++) {
		const char *p = pieces[(i * 7 + i / 3) % 8];
		buf_puts(&note, p);
		buf_puts(&want, strcmp(p, ",") ? p : "\\,");
	}
	const struct export_column cols[] = {
		{ "given_name", "Prénom", EXPORT_TEXT },
		{ "notes", "Notes", EXPORT_TEXT },
	};
	for (int version = 3; version <= 4; version++) {
		const char *path = tmp_path("fold.vcf");
		struct export_options o = { .vcard_version = version };
		struct export_writer *w = open_ok(path, EXPORT_VCARD, &o, cols,
						  2);
		struct export_value row[] = {
			ONE("Zoé"), ONE(buf_str(&note)),
		};
		assert_int_equal(export_row(w, row), 0);
		close_ok(w);
		size_t len;
		char *text = slurp(path, &len);
		assert_int_equal(unlink(path), 0);

		/* Every physical line: CRLF-ended, at most 75 octets, whole
		 * UTF-8 characters. */
		struct buf unfolded = BUF_INIT;
		size_t lines = 0, continued = 0;
		for (char *p = text; *p;) {
			char *eol = strstr(p, "\r\n");
			assert_non_null(eol);
			size_t n = (size_t)(eol - p);
			assert_true(n <= 75);
			assert_null(memchr(p, '\n', n));
			assert_null(memchr(p, '\r', n));
			for (size_t i = 0; i < n;) {
				size_t k = utf8_len((unsigned char *)p + i,
						    n - i);
				assert_true(k > 0);
				i += k;
			}
			if (p[0] == ' ') {
				continued++;
				buf_append(&unfolded, p + 1, n - 1);
			} else {
				if (lines++)
					buf_puts(&unfolded, "\n");
				buf_append(&unfolded, p, n);
			}
			p = eol + 2;
		}
		assert_true(continued >= 5); /* about 450 octets */
		char *note_line = strstr(unfolded.data, "\nNOTE:");
		assert_non_null(note_line);
		note_line += strlen("\nNOTE:");
		size_t note_len = strcspn(note_line, "\n");
		assert_int_equal(note_len, want.len);
		assert_memory_equal(note_line, want.data, want.len);
		buf_release(&unfolded);
		free(text);
	}
	buf_release(&note);
	buf_release(&want);
}

/* ---- memory ---- */

/*
 * The peak resident size of this process in KiB.  getrusage()'s ru_maxrss
 * would be the obvious source, but on Linux it survives fork() and
 * execve(): a child started by this test would report the test's own
 * peak.  VmHWM in /proc/self/status is the peak of this program image
 * alone; ru_maxrss serves where there is no /proc.
 */
static long peak_rss_kb(void)
{
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");
	if (f) {
		char line[256];
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
				break;
		fclose(f);
	}
	if (kb < 0) {
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		kb = ru.ru_maxrss;
	}
	return kb;
}

/* Run one export of `rows` rows in this process; print the peak resident
 * size in KiB.  Used by the memory test through --memory. */
static int memory_child(const char *format, long rows, const char *dir)
{
	enum export_format f;
	if (export_parse_format(format, &f) < 0)
		return 2;
	const struct export_column cols[] = {
		{ "id", "Id", EXPORT_INTEGER },
		{ "name", "Nom", EXPORT_TEXT },
		{ "city", "Ville", EXPORT_TEXT },
		{ "latitude", "Latitude", EXPORT_NUMBER },
		{ "longitude", "Longitude", EXPORT_NUMBER },
		{ "created", "Création", EXPORT_DATE },
		{ "tags", "Thèmes", EXPORT_LIST },
		{ "summary", "Résumé", EXPORT_TEXT },
	};
	char path[256];
	snprintf(path, sizeof(path), "%s/memory-%ld.%s", dir, rows,
		 export_extension(f));
	char err[256];
	struct export_options o = { .separator = ';', .bom = 1,
				    .french_dates = 1 };
	struct export_writer *w = export_open(path, f, &o, cols, 8, err,
					      sizeof(err));
	if (!w) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	for (long i = 0; i < rows; i++) {
		char id[24], name[64], lat[24], lon[24], date[16], tag[24];
		char summary[160];
		snprintf(id, sizeof(id), "%ld", i + 1);
		snprintf(name, sizeof(name), "Association n°%ld, « %s »", i,
			 i % 3 ? "Les Amis" : "=Réseau");
		snprintf(lat, sizeof(lat), "%ld.%04ld", 14 + i % 40, i % 9973);
		snprintf(lon, sizeof(lon), "-%ld.%04ld", 60 + i % 50, i % 7919);
		snprintf(date, sizeof(date), "20%02ld-%02ld-%02ld", i % 25,
			 1 + i % 12, 1 + i % 28);
		snprintf(tag, sizeof(tag), "thème %ld", i % 97);
		snprintf(summary, sizeof(summary),
			 "Une organisation du réseau, numéro %ld, qui "
			 "accompagne des projets; \"citée\" ici.", i);
		struct export_value row[] = {
			ONE(id), ONE(name), ONE("Pointe-à-Pitre"), ONE(lat),
			ONE(lon), ONE(date), LIST(tag, "eau", "santé"),
			ONE(summary),
		};
		if (export_row(w, row) < 0)
			break;
	}
	if (export_close(w, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	unlink(path);
	printf("%ld\n", peak_rss_kb());
	return 0;
}

/* The peak RSS in KiB of a fresh process exporting `rows` rows. */
static long measure(const char *format, long rows)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char count[24];
		snprintf(count, sizeof(count), "%ld", rows);
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		/* Under AddressSanitizer, freed memory is held in a
		 * quarantine (256 MB by default) that would be counted as
		 * growth; keep it small so that the figure is the writer's. */
		const char *asan = getenv("ASAN_OPTIONS");
		char opts[512];
		snprintf(opts, sizeof(opts), "%s%squarantine_size_mb=1",
			 asan ? asan : "", asan && *asan ? ":" : "");
		setenv("ASAN_OPTIONS", opts, 1);
		execl("/proc/self/exe", "test_export", "--memory", format,
		      count, tmpdir, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	char out[64] = "";
	ssize_t n = read(fds[0], out, sizeof(out) - 1);
	close(fds[0]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_true(n > 0);
	return atol(out);
}

static void check_memory(const char *format)
{
	long small = measure(format, MEMORY_SMALL_ROWS);
	long large = measure(format, MEMORY_LARGE_ROWS);
	print_message("%s: peak RSS %ld KiB for %d rows, %ld KiB for %d rows "
		      "(growth %ld KiB)\n", format, small, MEMORY_SMALL_ROWS,
		      large, MEMORY_LARGE_ROWS, large - small);
	assert_true(small > 0);
	assert_true(large - small < MEMORY_MAX_GROWTH_KB);
}

static void test_memory_csv(void **state)
{
	(void)state;
	check_memory("csv");
}

static void test_memory_xlsx(void **state)
{
	(void)state;
	check_memory("xlsx");
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "--memory") == 0)
		return memory_child(argv[2], atol(argv[3]), argv[4]);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_csv_rfc4180),
		cmocka_unit_test(test_csv_french_excel),
		cmocka_unit_test(test_csv_formula_injection),
		cmocka_unit_test(test_csv_tab_and_bad_utf8),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_geojson),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_xlsx_sheet_name),
		cmocka_unit_test(test_xlsx_long_text),
		cmocka_unit_test(test_xlsx_next_sheet),
		cmocka_unit_test(test_vcard4),
		cmocka_unit_test(test_vcard3),
		cmocka_unit_test(test_vcard_folding),
		cmocka_unit_test(test_memory_csv),
		cmocka_unit_test(test_memory_xlsx),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
