/*
 * svgmap.h - small server-drawn SVG maps from Natural Earth country outlines.
 *
 * Pages show a map as an inline <svg> of a few kilobytes: no JavaScript, no
 * tiles, no request leaving the server.  svgmap_new() decodes the world once
 * at start (the TopoJSON of world-atlas, "countries-50m.json", embedded in
 * the binary) into rings of projected points with their bounding boxes;
 * svgmap_render() then draws any part of it, keeping only what is visible.
 *
 * Projection: Web Mercator (conformal, the one web maps use).  Points are
 * stored as x = longitude in degrees and y = the Mercator ordinate
 * ln(tan(pi/4 + lat/2)) converted to degrees, so one scale (pixels per
 * degree of longitude) serves both axes.  Latitudes are clamped to
 * +/-85.0511 degrees, as in every Web Mercator map.
 *
 * What keeps a map light: rings whose box lies out of view are skipped,
 * a point closer than 0.7 px to the previously kept one is dropped, points
 * far outside the view are pulled onto a box around it (what is drawn
 * inside the view is unchanged), coordinates are written relative with at
 * most one decimal, one <path> per country (fill-rule evenodd, so holes stay
 * holes), and the <svg> element clips to its own viewport.
 *
 * Thread safety: a decoded map is never modified; any number of threads may
 * render from it at once.
 */
#ifndef PASSERELLE_SVGMAP_H
#define PASSERELLE_SVGMAP_H

#include <stddef.h>

#include "base/buf.h"

/* The decoded world (opaque): countries with their ISO 3166-1 alpha-2
 * codes, each a list of rings of projected points with per-ring boxes. */
struct svgmap;

/* A marker.  label (may be NULL) is drawn as text beside it, XML-escaped;
 * count > 1 draws a cluster bubble showing the number instead of a dot. */
struct svgmap_point {
	double lat, lon;
	const char *label;
	int count;
};

/* Decode a TopoJSON topology (`len` bytes at `topojson`, need not be
 * NUL-terminated) whose object "countries" holds Polygon and MultiPolygon
 * geometries.  Arcs must be quantized (delta-encoded, with a "transform" of
 * scale and translate); an arc index ~i means arc i reversed.  A country's
 * code is properties.isoA2, or derived from properties.adm0A3 when isoA2 is
 * missing or "-99" (FRA gives FR, NOR gives NO); other geometries have an
 * empty code.  Other geometry types are ignored.
 *
 * Returns the map (free with svgmap_free()), or NULL with a message in
 * err (errlen bytes, may be 0) on malformed or hostile input: the input is
 * never trusted, and its size bounds the memory used. */
struct svgmap *svgmap_new(const char *topojson, size_t len, char *err,
			  size_t errlen);

/* Free a map from svgmap_new(); NULL is allowed. */
void svgmap_free(struct svgmap *m);

/* Append to `out` one complete <svg> element, width x height pixels,
 * showing the area centred on (lat, lon) and spanning span_deg degrees of
 * longitude (the latitudes shown follow from the aspect ratio): sea
 * background, land with thin borders, the country whose code is
 * highlight_iso2 (may be NULL) in a stronger fill, then the `npoints`
 * markers (points may be NULL when npoints is 0).  title (NULL means "Map")
 * becomes the <title> and aria-label of a role="img" element.
 *
 * Never fails: out-of-range arguments are clamped (sizes to 16..4096 px,
 * span to 0.001..360 degrees, non-finite coordinates to 0), markers out of
 * view are left out, m may be NULL (sea and markers only).  Views across
 * the antimeridian show both sides.  Allocates nothing but `out`'s growth. */
void svgmap_render(const struct svgmap *m, struct buf *out, double lat,
		   double lon, double span_deg, int width, int height,
		   const struct svgmap_point *points, size_t npoints,
		   const char *title, const char *highlight_iso2);

#endif
