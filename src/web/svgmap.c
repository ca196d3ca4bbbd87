/* svgmap.c - see svgmap.h. */
#include "web/svgmap.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Web Mercator stops here, where the square world ends. */
#define SVGMAP_MAX_LAT 85.0511287798066

/* Bounds on hostile input: a quantized delta or a running position beyond
 * these is not a map. */
#define SVGMAP_MAX_DELTA 1e9
#define SVGMAP_MAX_POSITION 1e12
#define SVGMAP_MAX_POINTS ((size_t)1 << 26)

/* Colours.  Land and sea are close (the coastline tells them apart); the
 * border grey has 3.2:1 against sea and 3.8:1 against land; the marker red
 * has at least 4.8:1 against sea, land and highlight, and a white ring. */
#define SVGMAP_SEA "#cfe3ef"
#define SVGMAP_LAND "#f4f1ea"
#define SVGMAP_HIGHLIGHT "#f0c76a"
#define SVGMAP_BORDER "#7a7a7a"
#define SVGMAP_MARKER "#a4161a"
#define SVGMAP_TEXT "#1a1a1a"

struct svgmap_ring {
	uint32_t first; /* index of the first point (x, y pair) in xy */
	uint32_t count; /* points, the closing repeat of the first excluded */
	float box[4];   /* xmin, ymin, xmax, ymax */
	float step;     /* longest |dx| or |dy| between consecutive points */
};

struct svgmap_country {
	char iso2[3]; /* "" when unknown */
	uint32_t first_ring;
	uint32_t nrings;
	float box[4];
};

struct svgmap {
	float *xy; /* projected points: x = longitude, y = Mercator, degrees */
	size_t npoints;
	struct svgmap_ring *rings;
	size_t nrings;
	struct svgmap_country *countries;
	size_t ncountries;
};

/* State of one svgmap_new(): the arcs decoded once, then copied into
 * rings as the geometries reference them. */
struct svgmap_decoder {
	char *err;
	size_t errlen;
	struct svgmap *m;
	double scale[2], translate[2];
	float *arc_xy;     /* all arcs' points, x, y pairs */
	size_t *arc_start; /* narcs + 1 offsets (in points) into arc_xy */
	size_t narcs;
	size_t max_points; /* ring points allowed, from the arcs' size */
	size_t cap_points, cap_rings, cap_countries;
};

static int svgmap_fail(struct svgmap_decoder *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Record the first error; always returns -1. */
static int svgmap_fail(struct svgmap_decoder *d, const char *fmt, ...)
{
	if (d->err && d->errlen && !d->err[0]) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(d->err, d->errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Make room for `need` elements of `size` bytes in p (capacity *cap).
 * Returns the possibly moved array, or NULL (p untouched) when memory or
 * size_t runs out. */
static void *svgmap_grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap && p)
		return p;
	size_t n = *cap ? *cap : 64;
	while (n < need) {
		if (n > SIZE_MAX / 2 / size)
			return NULL;
		n *= 2;
	}
	void *q = realloc(p, n * size);
	if (q)
		*cap = n;
	return q;
}

static double svgmap_mercator(double lat)
{
	if (lat > SVGMAP_MAX_LAT)
		lat = SVGMAP_MAX_LAT;
	else if (lat < -SVGMAP_MAX_LAT)
		lat = -SVGMAP_MAX_LAT;
	return log(tan(M_PI / 4 + lat * (M_PI / 360))) * (180 / M_PI);
}

/* Two finite numbers at the start of JSON array a; 0 or -1. */
static int svgmap_pair(const json_t *a, double *x, double *y)
{
	if (!json_is_array(a) || json_array_size(a) < 2)
		return -1;
	const json_t *jx = json_array_get(a, 0), *jy = json_array_get(a, 1);
	if (!json_is_number(jx) || !json_is_number(jy))
		return -1;
	*x = json_number_value(jx);
	*y = json_number_value(jy);
	return isfinite(*x) && isfinite(*y) ? 0 : -1;
}

static int svgmap_decode_transform(struct svgmap_decoder *d, json_t *root)
{
	json_t *t = json_object_get(root, "transform");
	if (!json_is_object(t))
		return svgmap_fail(d, "no \"transform\": only quantized "
				   "TopoJSON is supported");
	if (svgmap_pair(json_object_get(t, "scale"), &d->scale[0],
			&d->scale[1]) ||
	    svgmap_pair(json_object_get(t, "translate"), &d->translate[0],
			&d->translate[1]))
		return svgmap_fail(d, "\"transform\" needs \"scale\" and "
				   "\"translate\" as pairs of numbers");
	return 0;
}

/* Decode every arc (delta-encoded positions) into d->arc_xy, projected. */
static int svgmap_decode_arcs(struct svgmap_decoder *d, json_t *root)
{
	json_t *arcs = json_object_get(root, "arcs");
	if (!json_is_array(arcs))
		return svgmap_fail(d, "\"arcs\" is not an array");
	d->narcs = json_array_size(arcs);
	size_t total = 0;
	for (size_t i = 0; i < d->narcs; i++) {
		json_t *arc = json_array_get(arcs, i);
		if (!json_is_array(arc) || json_array_size(arc) < 2)
			return svgmap_fail(d, "arc %zu is not an array of at "
					   "least 2 positions", i);
		total += json_array_size(arc);
	}
	if (total > SVGMAP_MAX_POINTS)
		return svgmap_fail(d, "too many arc positions (%zu)", total);
	d->arc_xy = malloc((total ? total : 1) * 2 * sizeof(float));
	d->arc_start = malloc((d->narcs + 1) * sizeof(size_t));
	if (!d->arc_xy || !d->arc_start)
		return svgmap_fail(d, "out of memory");

	size_t k = 0;
	for (size_t i = 0; i < d->narcs; i++) {
		json_t *arc = json_array_get(arcs, i);
		double ax = 0, ay = 0;
		d->arc_start[i] = k;
		for (size_t j = 0; j < json_array_size(arc); j++, k++) {
			double dx, dy;
			if (svgmap_pair(json_array_get(arc, j), &dx, &dy))
				return svgmap_fail(d, "arc %zu, position %zu: "
						   "not a pair of numbers", i, j);
			if (fabs(dx) > SVGMAP_MAX_DELTA ||
			    fabs(dy) > SVGMAP_MAX_DELTA)
				return svgmap_fail(d, "arc %zu, position %zu: "
						   "number too large", i, j);
			ax += dx;
			ay += dy;
			if (fabs(ax) > SVGMAP_MAX_POSITION ||
			    fabs(ay) > SVGMAP_MAX_POSITION)
				return svgmap_fail(d, "arc %zu, position %zu: "
						   "number too large", i, j);
			double lon = ax * d->scale[0] + d->translate[0];
			double lat = ay * d->scale[1] + d->translate[1];
			if (!(fabs(lon) <= 360) || !(fabs(lat) <= 90.01))
				return svgmap_fail(d, "arc %zu, position %zu: "
						   "outside the world (%g, %g)",
						   i, j, lon, lat);
			d->arc_xy[2 * k] = (float)lon;
			d->arc_xy[2 * k + 1] = (float)svgmap_mercator(lat);
		}
	}
	d->arc_start[d->narcs] = k;
	/* A valid topology uses each arc at most twice per object. */
	d->max_points = 4 * total + 1024;
	if (d->max_points > SVGMAP_MAX_POINTS)
		d->max_points = SVGMAP_MAX_POINTS;
	return 0;
}

/* A ring that crosses the antimeridian (Russia's Chukotka, Fiji) jumps by
 * about 360 degrees of longitude; shift what lies beyond the jump so the
 * ring is continuous (longitudes beyond 180), and the renderer draws it
 * again 360 degrees to the west.  A ring around the pole (Antarctica) does
 * not come back to where it started that way: it is left as it is, closed
 * along its bottom edge. */
static void svgmap_unwrap(float *p, size_t count)
{
	float turn = 0, offset = 0;
	int jumps = 0;
	for (size_t i = 1; i <= count; i++) {
		float dx = p[2 * (i % count)] - p[2 * (i - 1)];
		if (fabsf(dx) > 180) {
			turn += dx > 0 ? -360 : 360;
			jumps++;
		}
	}
	if (!jumps || turn != 0)
		return;
	float prev = p[0];
	for (size_t i = 1; i < count; i++) {
		float raw = p[2 * i], dx = raw - prev;
		if (fabsf(dx) > 180)
			offset += dx > 0 ? -360 : 360;
		prev = raw;
		p[2 * i] = raw + offset;
	}
}

/* Append one ring (a JSON array of arc indexes) to the map; rings of fewer
 * than 3 distinct points are dropped. */
static int svgmap_decode_ring(struct svgmap_decoder *d, json_t *ring)
{
	struct svgmap *m = d->m;
	size_t nrefs = json_array_size(ring);
	if (!json_is_array(ring) || nrefs == 0)
		return svgmap_fail(d, "a ring is not an array of arc indexes");
	size_t first = m->npoints;
	for (size_t i = 0; i < nrefs; i++) {
		json_t *ref = json_array_get(ring, i);
		if (!json_is_integer(ref))
			return svgmap_fail(d, "arc index is not an integer");
		json_int_t r = json_integer_value(ref);
		if (r < -(json_int_t)d->narcs || r >= (json_int_t)d->narcs)
			return svgmap_fail(d, "arc index %lld out of range "
					   "(%zu arcs)", (long long)r, d->narcs);
		size_t a = r >= 0 ? (size_t)r : (size_t)~r;
		size_t start = d->arc_start[a];
		size_t n = d->arc_start[a + 1] - start;
		size_t skip = i > 0; /* the previous arc ended on this point */
		if (m->npoints + n - skip > d->max_points)
			return svgmap_fail(d, "rings repeat arcs too often");
		float *xy = svgmap_grow(m->xy, &d->cap_points,
					m->npoints + n - skip, 2 * sizeof(float));
		if (!xy)
			return svgmap_fail(d, "out of memory");
		m->xy = xy;
		for (size_t j = skip; j < n; j++) {
			size_t src = start + (r >= 0 ? j : n - 1 - j);
			xy[2 * m->npoints] = d->arc_xy[2 * src];
			xy[2 * m->npoints + 1] = d->arc_xy[2 * src + 1];
			m->npoints++;
		}
	}

	float *p = m->xy + 2 * first;
	size_t count = m->npoints - first;
	if (count > 1 && p[0] == p[2 * (count - 1)] &&
	    p[1] == p[2 * (count - 1) + 1])
		count--;
	if (count < 3) {
		m->npoints = first;
		return 0;
	}
	m->npoints = first + count;
	svgmap_unwrap(p, count);

	struct svgmap_ring rg = {
		.first = (uint32_t)first,
		.count = (uint32_t)count,
		.box = {p[0], p[1], p[0], p[1]},
	};
	for (size_t i = 1; i <= count; i++) {
		/* i == count closes the ring back onto its first point. */
		const float *q = p + 2 * (i % count), *prev = p + 2 * (i - 1);
		float dx = fabsf(q[0] - prev[0]), dy = fabsf(q[1] - prev[1]);
		if (dx > rg.step)
			rg.step = dx;
		if (dy > rg.step)
			rg.step = dy;
		rg.box[0] = fminf(rg.box[0], q[0]);
		rg.box[1] = fminf(rg.box[1], q[1]);
		rg.box[2] = fmaxf(rg.box[2], q[0]);
		rg.box[3] = fmaxf(rg.box[3], q[1]);
	}
	struct svgmap_ring *rings = svgmap_grow(m->rings, &d->cap_rings,
						m->nrings + 1, sizeof(*rings));
	if (!rings)
		return svgmap_fail(d, "out of memory");
	m->rings = rings;
	rings[m->nrings++] = rg;
	return 0;
}

/* Polygon: an array of rings (outer first, then holes). */
static int svgmap_decode_polygon(struct svgmap_decoder *d, json_t *poly)
{
	if (!json_is_array(poly))
		return svgmap_fail(d, "a polygon is not an array of rings");
	for (size_t i = 0; i < json_array_size(poly); i++)
		if (svgmap_decode_ring(d, json_array_get(poly, i)))
			return -1;
	return 0;
}

static int svgmap_is_code(const char *s)
{
	return s && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
	       !s[2];
}

/* The ISO alpha-2 code from Natural Earth properties, "" if none. */
static void svgmap_country_code(const json_t *props, char iso2[3])
{
	/* Natural Earth leaves isoA2 at "-99" for these. */
	static const char *const fallback[][2] = {
		{"FRA", "FR"},
		{"NOR", "NO"},
	};
	const char *a2 = json_string_value(json_object_get(props, "isoA2"));
	const char *a3 = json_string_value(json_object_get(props, "adm0A3"));
	iso2[0] = '\0';
	if (!svgmap_is_code(a2) && a3)
		for (size_t i = 0; i < sizeof(fallback) / sizeof(*fallback); i++)
			if (!strcmp(a3, fallback[i][0]))
				a2 = fallback[i][1];
	if (svgmap_is_code(a2))
		memcpy(iso2, a2, 3);
}

static int svgmap_decode_geometry(struct svgmap_decoder *d, json_t *g,
				  size_t index)
{
	struct svgmap *m = d->m;
	if (!json_is_object(g))
		return svgmap_fail(d, "geometry %zu is not an object", index);
	json_t *jtype = json_object_get(g, "type");
	const char *type = json_string_value(jtype);
	if (json_is_null(jtype))
		return 0; /* a null geometry, allowed by TopoJSON */
	if (!type)
		return svgmap_fail(d, "geometry %zu has no type", index);
	int multi = !strcmp(type, "MultiPolygon");
	if (!multi && strcmp(type, "Polygon"))
		return 0;
	json_t *arcs = json_object_get(g, "arcs");
	if (!json_is_array(arcs))
		return svgmap_fail(d, "geometry %zu: \"arcs\" is not an array",
				   index);

	struct svgmap_country c = {.first_ring = (uint32_t)m->nrings};
	if (multi) {
		for (size_t i = 0; i < json_array_size(arcs); i++)
			if (svgmap_decode_polygon(d, json_array_get(arcs, i)))
				return -1;
	} else if (svgmap_decode_polygon(d, arcs)) {
		return -1;
	}
	if (m->nrings == c.first_ring)
		return 0;
	c.nrings = (uint32_t)(m->nrings - c.first_ring);
	svgmap_country_code(json_object_get(g, "properties"), c.iso2);
	memcpy(c.box, m->rings[c.first_ring].box, sizeof(c.box));
	for (size_t i = c.first_ring + 1; i < m->nrings; i++) {
		const float *b = m->rings[i].box;
		c.box[0] = fminf(c.box[0], b[0]);
		c.box[1] = fminf(c.box[1], b[1]);
		c.box[2] = fmaxf(c.box[2], b[2]);
		c.box[3] = fmaxf(c.box[3], b[3]);
	}
	struct svgmap_country *cs = svgmap_grow(m->countries,
						&d->cap_countries,
						m->ncountries + 1, sizeof(*cs));
	if (!cs)
		return svgmap_fail(d, "out of memory");
	m->countries = cs;
	cs[m->ncountries++] = c;
	return 0;
}

static int svgmap_decode(struct svgmap_decoder *d, json_t *root)
{
	const char *type = json_string_value(json_object_get(root, "type"));
	if (!type || strcmp(type, "Topology"))
		return svgmap_fail(d, "not a TopoJSON Topology");
	if (svgmap_decode_transform(d, root) || svgmap_decode_arcs(d, root))
		return -1;
	json_t *countries = json_object_get(json_object_get(root, "objects"),
					    "countries");
	json_t *geoms = json_object_get(countries, "geometries");
	if (!json_is_array(geoms))
		return svgmap_fail(d, "no \"objects\".\"countries\" "
				   "GeometryCollection");
	for (size_t i = 0; i < json_array_size(geoms); i++)
		if (svgmap_decode_geometry(d, json_array_get(geoms, i), i))
			return -1;
	return 0;
}

struct svgmap *svgmap_new(const char *topojson, size_t len, char *err,
			  size_t errlen)
{
	struct svgmap_decoder d = {.err = err, .errlen = errlen};
	json_t *root = NULL;
	int rc = -1;

	if (err && errlen)
		err[0] = '\0';
	d.m = calloc(1, sizeof(*d.m));
	if (!d.m) {
		svgmap_fail(&d, "out of memory");
		goto out;
	}
	if (!topojson) {
		svgmap_fail(&d, "no input");
		goto out;
	}
	json_error_t jerr;
	root = json_loadb(topojson, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		svgmap_fail(&d, "not JSON: %s (line %d, column %d)", jerr.text,
			    jerr.line, jerr.column);
		goto out;
	}
	if (!json_is_object(root)) {
		svgmap_fail(&d, "not a TopoJSON Topology");
		goto out;
	}
	rc = svgmap_decode(&d, root);
	if (rc == 0 && d.m->npoints && d.m->npoints < d.cap_points) {
		float *xy = realloc(d.m->xy, d.m->npoints * 2 * sizeof(float));
		if (xy)
			d.m->xy = xy;
	}
out:
	json_decref(root);
	free(d.arc_xy);
	free(d.arc_start);
	if (rc) {
		svgmap_free(d.m);
		return NULL;
	}
	return d.m;
}

void svgmap_free(struct svgmap *m)
{
	if (!m)
		return;
	free(m->xy);
	free(m->rings);
	free(m->countries);
	free(m);
}

/* ---- rendering ---- */

/* One render's projection: px = x * k + ox, py = oy - y * k. */
struct svgmap_view {
	double k;        /* pixels per degree */
	double w, h;     /* viewport, pixels */
	double cx, cy;   /* centre, projected */
	double box[4];   /* visible area, projected, with a pixel of margin */
};

/* Edges of the clamping box a point was pulled onto. */
enum {
	SVGMAP_LEFT = 1,
	SVGMAP_RIGHT = 2,
	SVGMAP_TOP = 4,
	SVGMAP_BOTTOM = 8,
};

/* Writer of one subpath, in tenths of a pixel.  The newest kept point is
 * held back (pending) so that a run of points along one edge of the
 * clamping box collapses to its two ends. */
struct svgmap_path {
	struct buf *out;
	long ex, ey;       /* last written point */
	unsigned eflags;
	long px, py;       /* pending point */
	unsigned pflags;
	size_t kept;       /* points kept so far, pending included */
	size_t written;
};

/* Write v tenths as the shortest decimal ("12", "1.5", ".5", "-.5"),
 * preceded by a space when sep says a number comes before it. */
static char *svgmap_put_tenths(char *p, long v, int sep)
{
	unsigned long a = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	unsigned long whole = a / 10, frac = a % 10;
	char digits[24];
	int n = 0;

	if (v < 0)
		*p++ = '-';
	else if (sep)
		*p++ = ' ';
	if (whole || !frac) {
		do {
			digits[n++] = (char)('0' + whole % 10);
			whole /= 10;
		} while (whole);
		while (n)
			*p++ = digits[--n];
	}
	if (frac) {
		*p++ = '.';
		*p++ = (char)('0' + frac);
	}
	return p;
}

static void svgmap_path_write(struct svgmap_path *w)
{
	char tmp[64], *p = tmp;
	if (w->written == 0) {
		*p++ = 'M';
		p = svgmap_put_tenths(p, w->px, 0);
		p = svgmap_put_tenths(p, w->py, 1);
	} else {
		if (w->written == 1)
			*p++ = 'l';
		p = svgmap_put_tenths(p, w->px - w->ex, w->written > 1);
		p = svgmap_put_tenths(p, w->py - w->ey, 1);
	}
	buf_append(w->out, tmp, (size_t)(p - tmp));
	w->ex = w->px;
	w->ey = w->py;
	w->eflags = w->pflags;
	w->written++;
}

static void svgmap_path_add(struct svgmap_path *w, long x, long y,
			    unsigned flags)
{
	if (w->kept) {
		long dx = x - w->px, dy = y - w->py;
		if (dx * dx + dy * dy < 49) /* closer than 0.7 px */
			return;
		/* Written, pending and this point on one edge of the box:
		 * the pending one adds nothing. */
		if (w->written && (flags & w->pflags & w->eflags)) {
			w->px = x;
			w->py = y;
			w->pflags = flags;
			return;
		}
		svgmap_path_write(w);
	}
	w->px = x;
	w->py = y;
	w->pflags = flags;
	w->kept++;
}

/* Cut `out` back to `len` bytes (only ever to a length it had before). */
static void svgmap_truncate(struct buf *out, size_t len)
{
	out->len = len;
	if (out->data)
		out->data[len] = '\0';
}

/* Append ring r, shifted by `shift` degrees of longitude, as a closed
 * subpath; nothing when it is out of view or too small to see. */
static void svgmap_draw_ring(const struct svgmap *m,
			     const struct svgmap_ring *r,
			     const struct svgmap_view *v, double shift,
			     struct buf *out)
{
	const double *vb = v->box;
	if (r->box[0] + shift > vb[2] || r->box[2] + shift < vb[0] ||
	    r->box[1] > vb[3] || r->box[3] < vb[1])
		return;
	if ((r->box[2] - r->box[0]) * v->k < 0.7 &&
	    (r->box[3] - r->box[1]) * v->k < 0.7)
		return;

	/* Points beyond `margin` of the view are pulled onto the box around
	 * it.  A segment shorter than the margin cannot reach into the view
	 * from there, and neither can its pulled copy, so every point of
	 * the view keeps its inside/outside parity: the fill is exact. */
	double margin = r->step * v->k + 2;
	if (margin > 1e6)
		margin = 1e6;
	double x0 = -margin, y0 = -margin;
	double x1 = v->w + margin, y1 = v->h + margin;
	double ox = v->w / 2 - (v->cx - shift) * v->k;
	double oy = v->h / 2 + v->cy * v->k;

	size_t mark = out->len;
	struct svgmap_path w = {.out = out};
	const float *p = m->xy + 2 * (size_t)r->first;
	for (uint32_t i = 0; i < r->count; i++, p += 2) {
		double x = p[0] * v->k + ox, y = oy - p[1] * v->k;
		unsigned flags = 0;
		if (x < x0) {
			x = x0;
			flags |= SVGMAP_LEFT;
		} else if (x > x1) {
			x = x1;
			flags |= SVGMAP_RIGHT;
		}
		if (y < y0) {
			y = y0;
			flags |= SVGMAP_TOP;
		} else if (y > y1) {
			y = y1;
			flags |= SVGMAP_BOTTOM;
		}
		svgmap_path_add(&w, lrint(x * 10), lrint(y * 10), flags);
	}
	if (w.kept)
		svgmap_path_write(&w);
	if (w.written < 3)
		svgmap_truncate(out, mark);
	else
		buf_putc(out, 'z');
}

/* One <path> for country c (all its visible rings), or nothing. */
static void svgmap_draw_country(const struct svgmap *m,
				const struct svgmap_country *c,
				const struct svgmap_view *v, int highlight,
				struct buf *out)
{
	static const double shifts[] = {0, -360, 360};
	size_t mark = out->len;
	const char *head = highlight ? "<path fill=\"" SVGMAP_HIGHLIGHT
				       "\" d=\""
				     : "<path d=\"";
	buf_puts(out, head);
	size_t start = out->len;
	for (size_t s = 0; s < sizeof(shifts) / sizeof(*shifts); s++) {
		const double *vb = v->box;
		if (c->box[0] + shifts[s] > vb[2] ||
		    c->box[2] + shifts[s] < vb[0] || c->box[1] > vb[3] ||
		    c->box[3] < vb[1])
			continue;
		for (uint32_t i = 0; i < c->nrings; i++)
			svgmap_draw_ring(m, &m->rings[c->first_ring + i], v,
					 shifts[s], out);
	}
	if (out->len == start)
		svgmap_truncate(out, mark);
	else
		buf_puts(out, "\"/>");
}

/* Length of the valid UTF-8 sequence at NUL-terminated p, 0 if invalid
 * (overlong, surrogate, beyond U+10FFFF, U+FFFE/U+FFFF, truncated). */
static size_t svgmap_utf8_len(const unsigned char *p)
{
	unsigned c = p[0];
	if (c < 0x80)
		return 1;
	if (c < 0xc2 || c > 0xf4 || (p[1] & 0xc0) != 0x80)
		return 0;
	if (c < 0xe0)
		return 2;
	if ((p[2] & 0xc0) != 0x80)
		return 0;
	if (c < 0xf0) {
		if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0))
			return 0;
		if (c == 0xef && p[1] == 0xbf && p[2] >= 0xbe)
			return 0;
		return 3;
	}
	if ((p[3] & 0xc0) != 0x80 || (c == 0xf0 && p[1] < 0x90) ||
	    (c == 0xf4 && p[1] >= 0x90))
		return 0;
	return 4;
}

/* Append s as XML character data or attribute value: markup characters
 * escaped, control characters (XML forbids them) turned into spaces,
 * invalid UTF-8 replaced by U+FFFD. */
static void svgmap_escape(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		const char *rep = NULL;
		size_t n = 1;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
				rep = " ";
			else if (!(n = svgmap_utf8_len(p)))
				rep = "\xef\xbf\xbd"; /* U+FFFD for one bad byte */
		}
		if (!n)
			n = 1;
		if (rep)
			buf_puts(out, rep);
		else
			buf_append(out, p, n);
		p += n;
	}
}

/* Where point pt falls in the view, in pixels; 0 if out of view by more
 * than `margin` pixels. */
static int svgmap_place(const struct svgmap_view *v,
			const struct svgmap_point *pt, double margin,
			double *x, double *y)
{
	if (!isfinite(pt->lat) || !isfinite(pt->lon))
		return 0;
	double dl = fmod(pt->lon - v->cx, 360);
	if (dl >= 180)
		dl -= 360;
	else if (dl < -180)
		dl += 360;
	*x = v->w / 2 + dl * v->k;
	*y = v->h / 2 - (svgmap_mercator(pt->lat) - v->cy) * v->k;
	return *x >= -margin && *x <= v->w + margin && *y >= -margin &&
	       *y <= v->h + margin;
}

/* The round part of a marker: a pin's head (its tip is on the place, so
 * a small island stays visible under it) or a cluster's bubble. */
struct svgmap_marker {
	double x, y; /* the place, pixels */
	double hx, hy, r; /* centre and radius of the head */
};

/* Place point pt; 0 when its marker would be out of view. */
static int svgmap_marker(const struct svgmap_view *v,
			 const struct svgmap_point *pt,
			 struct svgmap_marker *mk)
{
	int n = pt->count;
	mk->r = n <= 1 ? 5 : n < 10 ? 8 : n < 100 ? 10 : n < 1000 ? 12 : 14;
	if (!svgmap_place(v, pt, mk->r + 12, &mk->x, &mk->y))
		return 0;
	mk->hx = mk->x;
	mk->hy = n <= 1 ? mk->y - 12 : mk->y;
	return 1;
}

static void svgmap_draw_points(const struct svgmap_view *v,
			       const struct svgmap_point *points,
			       size_t npoints, struct buf *out)
{
	struct svgmap_marker mk;
	int any = 0, clusters = 0, labels = 0;

	for (size_t i = 0; i < npoints; i++) {
		if (!svgmap_marker(v, &points[i], &mk))
			continue;
		if (!any)
			buf_puts(out, "<g fill=\"" SVGMAP_MARKER "\" stroke=\"#fff\""
				      " stroke-width=\"1.5\">");
		any = 1;
		clusters += points[i].count > 1;
		labels += points[i].label && points[i].label[0];
		if (points[i].count > 1)
			buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" "
				   "r=\"%g\"/>", mk.x, mk.y, mk.r);
		else /* tangents from the tip to a circle of radius 5 */
			buf_printf(out, "<path d=\"M%.1f %.1fl-4.3-9.5a5 5 0 1 1 "
				   "8.6 0z\"/>", mk.x, mk.y);
	}
	if (any)
		buf_puts(out, "</g>");
	if (clusters) {
		buf_puts(out, "<g fill=\"#fff\" font-size=\"10\" "
			      "font-weight=\"bold\" text-anchor=\"middle\">");
		for (size_t i = 0; i < npoints; i++) {
			int n = points[i].count;
			if (n <= 1 || !svgmap_marker(v, &points[i], &mk))
				continue;
			buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" "
				   "dy=\".35em\">", mk.hx, mk.hy);
			if (n < 1000)
				buf_printf(out, "%d", n);
			else if (n < 1000000)
				buf_printf(out, "%dk", n / 1000);
			else
				buf_printf(out, "%dM", n / 1000000);
			buf_puts(out, "</text>");
		}
		buf_puts(out, "</g>");
	}
	if (labels) {
		buf_puts(out, "<g fill=\"" SVGMAP_TEXT "\" font-size=\"12\" "
			      "stroke=\"#fff\" stroke-width=\"3\" "
			      "stroke-linejoin=\"round\" paint-order=\"stroke\">");
		for (size_t i = 0; i < npoints; i++) {
			if (!points[i].label || !points[i].label[0] ||
			    !svgmap_marker(v, &points[i], &mk))
				continue;
			/* Beside the head, on the side with more room. */
			if (mk.hx > v->w * 0.6)
				buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" "
					   "text-anchor=\"end\">",
					   mk.hx - mk.r - 3, mk.hy + 4);
			else
				buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\">",
					   mk.hx + mk.r + 3, mk.hy + 4);
			svgmap_escape(out, points[i].label);
			buf_puts(out, "</text>");
		}
		buf_puts(out, "</g>");
	}
}

static double svgmap_clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void svgmap_render(const struct svgmap *m, struct buf *out, double lat,
		   double lon, double span_deg, int width, int height,
		   const struct svgmap_point *points, size_t npoints,
		   const char *title, const char *highlight_iso2)
{
	struct svgmap_view v;
	int w = width < 16 ? 16 : width > 4096 ? 4096 : width;
	int h = height < 16 ? 16 : height > 4096 ? 4096 : height;

	if (!isfinite(lat))
		lat = 0;
	if (!isfinite(lon))
		lon = 0;
	if (!isfinite(span_deg))
		span_deg = 360;
	span_deg = svgmap_clamp(span_deg, 0.001, 360);
	lon = fmod(lon, 360);
	if (lon >= 180)
		lon -= 360;
	else if (lon < -180)
		lon += 360;
	v.w = w;
	v.h = h;
	v.k = w / span_deg;
	v.cx = lon;
	v.cy = svgmap_mercator(lat);
	v.box[0] = v.cx - (v.w / 2 + 1) / v.k;
	v.box[2] = v.cx + (v.w / 2 + 1) / v.k;
	v.box[1] = v.cy - (v.h / 2 + 1) / v.k;
	v.box[3] = v.cy + (v.h / 2 + 1) / v.k;

	if (!title)
		title = "Map";
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
		   " height=\"%d\" viewBox=\"0 0 %d %d\" overflow=\"hidden\""
		   " font-family=\"sans-serif\" role=\"img\" aria-label=\"",
		   w, h, w, h);
	svgmap_escape(out, title);
	buf_puts(out, "\"><title>");
	svgmap_escape(out, title);
	buf_printf(out, "</title><rect width=\"%d\" height=\"%d\" fill=\""
		   SVGMAP_SEA "\"/>", w, h);

	if (m && m->ncountries) {
		int hl = highlight_iso2 && svgmap_is_code(highlight_iso2);
		buf_puts(out, "<g fill=\"" SVGMAP_LAND "\" stroke=\""
			      SVGMAP_BORDER "\" stroke-width=\".6\" "
			      "stroke-linejoin=\"round\" fill-rule=\"evenodd\">");
		/* The highlighted country last, so its borders stay whole. */
		for (int pass = 0; pass < 1 + hl; pass++)
			for (size_t i = 0; i < m->ncountries; i++) {
				const struct svgmap_country *c = &m->countries[i];
				int is_hl = hl && !strcmp(c->iso2, highlight_iso2);
				if (is_hl == pass)
					svgmap_draw_country(m, c, &v, is_hl, out);
			}
		buf_puts(out, "</g>");
	}
	if (points)
		svgmap_draw_points(&v, points, npoints, out);
	buf_puts(out, "</svg>");
}
