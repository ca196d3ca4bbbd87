/*
 * test_svgmap.c - unit tests for web/svgmap: decoding the Natural Earth
 * TopoJSON, the size of rendered maps, escaping, hostile input.
 *
 * Reads data/map/countries-50m.json under $PASSERELLE_SRCDIR (default ".").
 * When $SVGMAP_SAMPLES is set to a directory, writes the sample maps there
 * (sxm.svg, poitiers.svg, caribbean.svg) for a look in a browser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "web/svgmap.h"

static struct svgmap *world;

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, len);
}

static int load_world(void **state)
{
	(void)state;
	const char *dir = getenv("PASSERELLE_SRCDIR");
	char path[4096], err[256];
	size_t len;
	snprintf(path, sizeof(path), "%s/data/map/countries-50m.json",
		 dir ? dir : ".");
	char *json = read_file(path, &len);
	if (!json) {
		fprintf(stderr, "cannot read %s\n", path);
		return -1;
	}
	world = svgmap_new(json, len, err, sizeof(err));
	free(json);
	if (!world) {
		fprintf(stderr, "%s: %s\n", path, err);
		return -1;
	}
	return 0;
}

static int free_world(void **state)
{
	(void)state;
	svgmap_free(world);
	world = NULL;
	return 0;
}

static void save_sample(const char *name, const struct buf *b)
{
	const char *dir = getenv("SVGMAP_SAMPLES");
	char path[4096];
	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(buf_str(b), 1, b->len, f);
		fclose(f);
	}
}

static int count_of(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static void assert_svg(const struct buf *b)
{
	const char *s = buf_str(b);
	assert_true(b->len > 20);
	assert_int_equal(strncmp(s, "<svg ", 5), 0);
	assert_string_equal(s + b->len - 6, "</svg>");
	assert_int_equal(strlen(s), b->len);
	assert_non_null(strstr(s, "role=\"img\""));
	/* Balanced elements of each kind. */
	assert_int_equal(count_of(s, "<g"), count_of(s, "</g>"));
	assert_int_equal(count_of(s, "<text"), count_of(s, "</text>"));
	assert_int_equal(count_of(s, "<title>"), 1);
}

/* svgmap-1: Saint-Martin, 4 degrees, with a marker and a hostile label. */
static void test_saint_martin(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct svgmap_point pt = {18.07, -63.05, "<b>&\"x'", 1};
	svgmap_render(world, &b, 18.07, -63.05, 4, 320, 200, &pt, 1,
		      "Saint-Martin", NULL);
	save_sample("sxm.svg", &b);
	assert_svg(&b);
	const char *s = buf_str(&b);
	assert_non_null(strstr(s, "<path"));
	assert_non_null(strstr(s, "<g fill=\"#a4161a\""));
	assert_non_null(strstr(s, "&lt;b&gt;&amp;&quot;x&#39;"));
	assert_null(strstr(s, "<b>"));
	assert_non_null(strstr(s, "<title>Saint-Martin</title>"));
	assert_true(b.len < 8 * 1024);
	buf_release(&b);
}

/* svgmap-2: a close view of the island still draws its two halves. */
static void test_saint_martin_close(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	svgmap_render(world, &b, 18.05, -63.05, 0.4, 320, 200, NULL, 0,
		      "Sint Maarten", NULL);
	assert_svg(&b);
	/* Saint-Martin (FR), Sint Maarten (NL), Anguilla close by. */
	assert_true(count_of(buf_str(&b), "<path") >= 2);
	assert_true(b.len < 8 * 1024);
	buf_release(&b);
}

/* svgmap-3: Poitiers, 8 degrees; highlighting France changes the fill. */
static void test_poitiers_highlight(void **state)
{
	(void)state;
	struct buf plain = BUF_INIT, hl = BUF_INIT;
	struct svgmap_point pt = {46.58, 0.34, "Poitiers", 1};
	svgmap_render(world, &plain, 46.58, 0.34, 8, 320, 200, &pt, 1,
		      "Poitiers", NULL);
	svgmap_render(world, &hl, 46.58, 0.34, 8, 320, 200, &pt, 1,
		      "Poitiers", "FR");
	save_sample("poitiers.svg", &hl);
	assert_svg(&plain);
	assert_svg(&hl);
	assert_true(plain.len < 15 * 1024);
	assert_true(hl.len < 15 * 1024);
	assert_null(strstr(buf_str(&plain), "<path fill="));
	assert_int_equal(count_of(buf_str(&hl), "<path fill="), 1);
	assert_string_not_equal(buf_str(&plain), buf_str(&hl));
	/* Same outlines, drawn in another order. */
	assert_int_equal(count_of(buf_str(&plain), "<path"),
			 count_of(buf_str(&hl), "<path"));
	buf_release(&plain);
	buf_release(&hl);
}

/* svgmap-4: the whole Caribbean with a cluster bubble. */
static void test_caribbean(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct svgmap_point pts[] = {
		{18.07, -63.05, NULL, 12},
		{16.25, -61.55, "Guadeloupe", 1},
		{18.47, -66.1, NULL, 1500},
	};
	svgmap_render(world, &b, 15, -70, 40, 320, 200, pts, 3, "Caraïbes",
		      NULL);
	save_sample("caribbean.svg", &b);
	assert_svg(&b);
	const char *s = buf_str(&b);
	assert_true(b.len < 40 * 1024);
	/* Two cluster bubbles, one pin. */
	assert_int_equal(count_of(s, "<circle"), 2);
	assert_non_null(strstr(s, "a5 5 0 1 1"));
	assert_non_null(strstr(s, ">12</text>"));
	assert_non_null(strstr(s, ">1k</text>"));
	assert_non_null(strstr(s, "Caraïbes"));
	buf_release(&b);
}

/* svgmap-5: coordinates with at most one decimal, relative path data. */
static void test_compact_numbers(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	svgmap_render(world, &b, 46.58, 0.34, 8, 320, 200, NULL, 0, "x", NULL);
	const char *s = buf_str(&b);
	for (const char *p = s; *p; p++)
		if (*p == '.' && p[1] >= '0' && p[1] <= '9')
			assert_false(p[2] >= '0' && p[2] <= '9');
	assert_non_null(strstr(s, "fill-rule=\"evenodd\""));
	buf_release(&b);
}

/* svgmap-6: out-of-range arguments and a missing map never break the
 * output. */
static void test_odd_arguments(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct svgmap_point pts[] = {
		{NAN, 0, "nan", 1},
		{95, 400, "far", -3},
		{-17.8, 178.0, "Fiji", 1},
	};
	svgmap_render(world, &b, NAN, INFINITY, -1, 0, -5, pts, 3, NULL, "");
	assert_svg(&b);
	buf_reset(&b);
	svgmap_render(world, &b, 0, 0, 1e9, 100000, 100000, NULL, 0, "big",
		      "zz");
	assert_svg(&b);
	buf_reset(&b);
	/* Across the antimeridian: Fiji and its neighbours on both sides. */
	svgmap_render(world, &b, -17.8, 180, 10, 320, 200, pts, 3, "Fiji",
		      "FJ");
	assert_svg(&b);
	assert_non_null(strstr(buf_str(&b), "<path fill="));
	buf_reset(&b);
	svgmap_render(world, &b, 89.9, -179.99, 0.001, 16, 16, NULL, 0, "pole",
		      NULL);
	assert_svg(&b);
	buf_reset(&b);
	svgmap_render(NULL, &b, 10, 10, 5, 200, 100, pts + 2, 1, "none", NULL);
	assert_svg(&b);
	buf_release(&b);
}

/* svgmap-7: escaping of the title, control characters and bad UTF-8. */
static void test_escaping(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct svgmap_point pt = {18.07, -63.05, "a\x01<\xff\xc3\xa9", 1};
	svgmap_render(world, &b, 18.07, -63.05, 4, 320, 200, &pt, 1,
		      "\"><script>alert(1)</script>", NULL);
	const char *s = buf_str(&b);
	assert_null(strstr(s, "<script"));
	assert_non_null(strstr(s, "aria-label=\"&quot;&gt;&lt;script&gt;"));
	assert_non_null(strstr(s, "a &lt;\xef\xbf\xbd\xc3\xa9</text>"));
	buf_release(&b);
}

/* A small valid topology: a square with a square hole (the hole's arc
 * used reversed), and a triangle sharing the square's left side. */
static const char tiny[] =
	"{\"type\":\"Topology\","
	"\"transform\":{\"scale\":[0.001,0.001],\"translate\":[-1,-1]},"
	"\"objects\":{\"countries\":{\"type\":\"GeometryCollection\","
	"\"geometries\":["
	"{\"type\":\"Polygon\",\"arcs\":[[0,1],[-3]],"
	"\"properties\":{\"isoA2\":\"-99\",\"adm0A3\":\"FRA\"}},"
	"{\"type\":\"MultiPolygon\",\"arcs\":[[[3,-1]]],"
	"\"properties\":{\"isoA2\":\"TT\"}},"
	"{\"type\":\"Point\",\"coordinates\":[0,0]},"
	"{\"type\":null}]}},"
	"\"arcs\":["
	"[[0,0],[0,2000]],"
	"[[0,2000],[2000,0],[0,-2000],[-2000,0]],"
	"[[500,500],[1000,0],[0,1000],[-1000,0],[0,-1000]],"
	"[[0,0],[-800,1000],[800,1000]]]}";

/* svgmap-8: the tiny topology decodes, draws both countries, highlights
 * the one whose isoA2 is "-99" through its adm0A3. */
static void test_tiny_topology(void **state)
{
	(void)state;
	char err[128] = "unset";
	struct svgmap *m = svgmap_new(tiny, strlen(tiny), err, sizeof(err));
	if (!m)
		fprintf(stderr, "tiny: %s\n", err);
	assert_non_null(m);
	assert_string_equal(err, "");
	struct buf b = BUF_INIT;
	svgmap_render(m, &b, 0, 0, 4, 200, 200, NULL, 0, "tiny", "FR");
	assert_svg(&b);
	const char *s = buf_str(&b);
	assert_int_equal(count_of(s, "<path"), 2);
	assert_int_equal(count_of(s, "<path fill="), 1);
	/* The square and its hole: two closed subpaths in one path. */
	const char *fr = strstr(s, "<path fill=");
	assert_int_equal(count_of(fr, "z"), 2);
	buf_release(&b);
	svgmap_free(m);
	svgmap_free(NULL);
}

/* svgmap-9: a topology whose rings are all degenerate decodes to an
 * empty world (found by the fuzzer: no points at all). */
static void test_empty_topology(void **state)
{
	(void)state;
	static const char empty[] =
		"{\"type\":\"Topology\",\"transform\":{\"scale\":[1,1],"
		"\"translate\":[0,0]},\"arcs\":[[[0,0],[1,1]]],"
		"\"objects\":{\"countries\":{\"geometries\":["
		"{\"type\":\"Polygon\",\"arcs\":[[0]]}]}}}";
	char err[128];
	struct svgmap *m = svgmap_new(empty, strlen(empty), err, sizeof(err));
	assert_non_null(m);
	struct buf b = BUF_INIT;
	svgmap_render(m, &b, 0, 0, 10, 100, 100, NULL, 0, "empty", "FR");
	assert_svg(&b);
	assert_null(strstr(buf_str(&b), "<path"));
	buf_release(&b);
	svgmap_free(m);
}

/* svgmap-10: malformed input gives NULL and a message, never a crash. */
static void test_malformed(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"",
		"not json",
		"[1,2,3]",
		"{\"type\":\"Topology\"}",
		"{\"type\":\"FeatureCollection\",\"features\":[]}",
		/* missing transform */
		"{\"type\":\"Topology\",\"arcs\":[[[0,0],[1,1]]],"
		"\"objects\":{\"countries\":{\"geometries\":[]}}}",
		/* transform without numbers */
		"{\"type\":\"Topology\",\"transform\":{\"scale\":[1,\"a\"],"
		"\"translate\":[0,0]},\"arcs\":[],"
		"\"objects\":{\"countries\":{\"geometries\":[]}}}",
		/* arcs not arrays */
		"{\"type\":\"Topology\",\"transform\":{\"scale\":[1,1],"
		"\"translate\":[0,0]},\"arcs\":{\"a\":1},"
		"\"objects\":{\"countries\":{\"geometries\":[]}}}",
		"{\"type\":\"Topology\",\"transform\":{\"scale\":[1,1],"
		"\"translate\":[0,0]},\"arcs\":[5,6],"
		"\"objects\":{\"countries\":{\"geometries\":[]}}}",
		"{\"type\":\"Topology\",\"transform\":{\"scale\":[1,1],"
		"\"translate\":[0,0]},\"arcs\":[[[0,0],[1]]],"
		"\"objects\":{\"countries\":{\"geometries\":[]}}}",
		/* arc index out of range, both ways */
		"{\"type\":\"Topology\",\"transform\":{\"scale\":[1,1],"
		"\"translate\":[0,0]},\"arcs\":[[[0,0],[1,1],[0,1],[-1,-2]]],"
		"\"objects\":{\"countries\":{\"geometries\":["
		"{\"type\":\"Polygon\",\"arcs\":[[1]]}]}}}",
		"{\"type\":\"Topology\",\"transform\":{\"scale\":[1,1],"
		"\"translate\":[0,0]},\"arcs\":[[[0,0],[1,1],[0,1],[-1,-2]]],"
		"\"objects\":{\"countries\":{\"geometries\":["
		"{\"type\":\"Polygon\",\"arcs\":[[-2]]}]}}}",
		"{\"type\":\"Topology\",\"transform\":{\"scale\":[1,1],"
		"\"translate\":[0,0]},\"arcs\":[[[0,0],[1,1],[0,1],[-1,-2]]],"
		"\"objects\":{\"countries\":{\"geometries\":["
		"{\"type\":\"Polygon\",\"arcs\":[[-9223372036854775808]]}]}}}",
		"{\"type\":\"Topology\",\"transform\":{\"scale\":[1,1],"
		"\"translate\":[0,0]},\"arcs\":[[[0,0],[1,1],[0,1],[-1,-2]]],"
		"\"objects\":{\"countries\":{\"geometries\":["
		"{\"type\":\"Polygon\",\"arcs\":[[0.5]]}]}}}",
		/* huge numbers */
		"{\"type\":\"Topology\",\"transform\":{\"scale\":[1,1],"
		"\"translate\":[0,0]},\"arcs\":[[[0,0],[1e300,1]]],"
		"\"objects\":{\"countries\":{\"geometries\":[]}}}",
		"{\"type\":\"Topology\",\"transform\":{\"scale\":[1,1],"
		"\"translate\":[0,0]},\"arcs\":[[[0,0],[1e999,1]]],"
		"\"objects\":{\"countries\":{\"geometries\":[]}}}",
		"{\"type\":\"Topology\",\"transform\":{\"scale\":[1,1],"
		"\"translate\":[0,0]},\"arcs\":[[[0,0],"
		"[99999999999999999999999,1]]],"
		"\"objects\":{\"countries\":{\"geometries\":[]}}}",
		"{\"type\":\"Topology\",\"transform\":{\"scale\":[1e300,1],"
		"\"translate\":[0,0]},\"arcs\":[[[0,0],[1000,1]]],"
		"\"objects\":{\"countries\":{\"geometries\":[]}}}",
		/* geometry without a type, rings not arrays */
		"{\"type\":\"Topology\",\"transform\":{\"scale\":[1,1],"
		"\"translate\":[0,0]},\"arcs\":[],"
		"\"objects\":{\"countries\":{\"geometries\":[{\"arcs\":[]}]}}}",
		"{\"type\":\"Topology\",\"transform\":{\"scale\":[1,1],"
		"\"translate\":[0,0]},\"arcs\":[],"
		"\"objects\":{\"countries\":{\"geometries\":["
		"{\"type\":\"MultiPolygon\",\"arcs\":[1]}]}}}",
		/* duplicate keys */
		"{\"type\":\"Topology\",\"type\":\"Topology\"}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char err[128] = "";
		struct svgmap *m = svgmap_new(bad[i], strlen(bad[i]), err,
					      sizeof(err));
		if (m)
			fprintf(stderr, "accepted bad input %zu\n", i);
		assert_null(m);
		assert_true(err[0] != '\0');
	}
	/* NULL input, and no room for the message. */
	assert_null(svgmap_new(NULL, 0, NULL, 0));
	assert_null(svgmap_new("{", 1, NULL, 0));
	/* A ring repeating one arc a million times is refused. */
	struct buf b = BUF_INIT;
	buf_puts(&b, "{\"type\":\"Topology\",\"transform\":{\"scale\":[1,1],"
		     "\"translate\":[0,0]},\"arcs\":[[[0,0],[1,0],[0,1],"
		     "[-1,-1]]],\"objects\":{\"countries\":{\"geometries\":["
		     "{\"type\":\"Polygon\",\"arcs\":[[0");
	for (int i = 0; i < 1000000; i++)
		buf_puts(&b, ",0");
	buf_puts(&b, "]]}]}}}");
	char err[128] = "";
	assert_null(svgmap_new(buf_str(&b), b.len, err, sizeof(err)));
	assert_true(err[0] != '\0');
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_saint_martin),
		cmocka_unit_test(test_saint_martin_close),
		cmocka_unit_test(test_poitiers_highlight),
		cmocka_unit_test(test_caribbean),
		cmocka_unit_test(test_compact_numbers),
		cmocka_unit_test(test_odd_arguments),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_tiny_topology),
		cmocka_unit_test(test_empty_topology),
		cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests_name("svgmap", tests, load_world,
					   free_world);
}
