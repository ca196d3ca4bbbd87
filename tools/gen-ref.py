#!/usr/bin/env python3
"""gen-ref.py - build the reference data shipped in data/ref/.

A developer tool, run once when a source changes; its output is committed.
Reads the public data in ../shared/data (relative to the repository root,
or --shared DIR) and writes, as UTF-8 CSV (comma, header row, RFC 4180
quoting, LF line ends):

  data/ref/territories.csv        ISO 3166-1 countries and territories, and
                                  the 13 metropolitan French regions
  data/ref/sectors.csv            IATI / OECD DAC 5-digit sectors (active)
  data/ref/sector-categories.csv  IATI / OECD DAC 3-digit categories (active)
  data/ref/sdgs.csv               the 17 Sustainable Development Goals

and copies the sources' licences beside them.  data/ref/README.md says
what was changed from the sources and why; keep it true when this changes.

Python 3 standard library only.  Fails (exit status 1) with a message when
a check on the sources or on the output does not hold.
"""

import argparse
import csv
import json
import math
import os
import re
import shutil
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# Territories the product cares about that must be present as ISO codes of
# their own, not as parts of France or of the Netherlands.
REQUIRED_TERRITORIES = ["MF", "SX", "BL", "GP", "MQ", "GF", "RE", "YT", "PM",
                        "WF", "PF", "NC", "CW", "AW", "BQ"]

# The source names Saint-Martin (MF) and Sint Maarten (SX) alike in French
# and Spanish: a user picking from a list could not tell them apart.
TERRITORY_NAMES = {
    "MF": ("Saint-Martin (partie française)", "Saint Martin (French part)",
           "San Martín (parte francesa)"),
    "SX": ("Saint-Martin (partie néerlandaise)", "Sint Maarten (Dutch part)",
           "San Martín (parte neerlandesa)"),
}

# French regions: the official (INSEE) French spelling where ISO 3166-2 and
# the source differ, and the English and Spanish names where a
# well-established exonym exists.  Otherwise the French name serves in every
# language: the source's English names are word-for-word translations
# ("Upper France", "Loire Country", "Paris" for Île-de-France) nobody uses.
REGION_NAME_FR = {
    "FR-PDL": "Pays de la Loire",
    "FR-PAC": "Provence-Alpes-Côte d'Azur",
}
REGION_EXONYMS = {  # code: (English, Spanish)
    "FR-BRE": ("Brittany", "Bretaña"),
    "FR-NOR": ("Normandy", "Normandía"),
    "FR-20R": ("Corsica", "Córcega"),
    "FR-OCC": ("Occitania", "Occitania"),
}

# Territories that Natural Earth draws as parts of another country's
# multipolygon: the parent's adm0A3 and coarse boxes (lon_min, lat_min,
# lon_max, lat_max) holding the territory's polygons and none of the
# parent's own (mind Norway's islands above 70°N).
TERRITORY_PARTS = {
    "GF": ("FRA", [(-55.0, 1.5, -51.0, 6.5)]),
    "GP": ("FRA", [(-62.0, 15.7, -60.9, 16.6)]),
    "MQ": ("FRA", [(-61.4, 14.2, -60.7, 15.0)]),
    "RE": ("FRA", [(55.0, -21.6, 56.0, -20.7)]),
    "YT": ("FRA", [(44.9, -13.2, 45.4, -12.5)]),
    "BQ": ("NLD", [(-68.6, 11.8, -62.8, 17.8)]),
    "SJ": ("NOR", [(-9.5, 70.7, -7.5, 71.3), (10.0, 74.0, 36.0, 81.5)]),
    "BV": ("NOR", [(3.0, -54.8, 3.8, -54.2)]),
    "CC": ("IOA", [(96.7, -12.3, 97.0, -11.8)]),
    "CX": ("IOA", [(105.5, -10.7, 105.8, -10.3)]),
    "TK": ("NZL", [(-172.7, -9.6, -171.0, -8.4)]),
}


class SourceError(Exception):
    pass


def check(cond, message):
    if not cond:
        raise SourceError(message)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for row in rows:
            check(len(row) == len(header), "%s: bad row %r" % (path, row))
            for field in row:
                check(unicodedata.normalize("NFC", field) == field,
                      "%s: not NFC: %r" % (path, field))
            w.writerow(row)


def clean(text):
    """NFC (the SDG texts come decomposed: "e" + U+0301 for "é"), trimmed,
    runs of spaces, tabs and line ends collapsed to one space.  Other
    spaces (no-break spaces of French typography) are kept."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" ")


def fold(text):
    """Case, accents and punctuation removed: what a user could confuse."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", " ", text).strip()


# --- geometry -------------------------------------------------------------

def topo_arcs(topo):
    """The topology's arcs as lists of (lon, lat): quantized, delta-encoded
    positions decoded with the transform."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for position in arc:
            x += position[0]
            y += position[1]
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def topo_ring(arcs, indexes):
    """A ring's points, longitudes unwrapped so that no step exceeds 180°:
    a ring across the antimeridian (Fiji, Chukotka) stays in one piece on
    the plane.  A ring around a pole (Antarctica) is closed along it."""
    points = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    unwrapped = []
    shift = 0.0
    for k, (x, y) in enumerate(points):
        if k:
            step = x + shift - unwrapped[-1][0]
            if step > 180:
                shift -= 360
            elif step < -180:
                shift += 360
        unwrapped.append((x + shift, y))
    if unwrapped and abs(unwrapped[-1][0] - unwrapped[0][0]) > 180:
        pole = 90.0 if sum(p[1] for p in unwrapped) > 0 else -90.0
        unwrapped += [(unwrapped[-1][0], pole), (unwrapped[0][0], pole)]
    return unwrapped


def topo_polygons(arcs, geometry):
    """Each polygon of a geometry as a list of rings, the outer one first.
    The outer ring is taken to be the largest on the plane: a polygon
    around the South Pole comes as a sliver along the pole with the coast
    as its "hole", which is only right on the sphere."""
    if geometry.get("type") == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry.get("type") == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        return []
    polygons = []
    for polygon in parts:
        rings = [topo_ring(arcs, ring) for ring in polygon]
        rings.sort(key=lambda r: -ring_area_centroid(r)[0])
        polygons.append(rings)
    return polygons


def ring_area_centroid(ring):
    """Unsigned planar area (degrees²) and centroid of a closed ring."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        n = len(ring) or 1
        return 0.0, (sum(p[0] for p in ring) / n, sum(p[1] for p in ring) / n)
    return abs(a) / 2, (cx / (3 * a), cy / (3 * a))


def polygon_area_centroid(polygon):
    """Area in km² (roughly: degrees scaled at the polygon's latitude) and
    centroid of a polygon with holes."""
    total = 0.0
    sx = sy = 0.0
    for k, ring in enumerate(polygon):
        area, (x, y) = ring_area_centroid(ring)
        sign = 1 if k == 0 else -1
        total += sign * area
        sx += sign * area * x
        sy += sign * area * y
    if total <= 0:
        return 0.0, ring_area_centroid(polygon[0])[1]
    x, y = sx / total, sy / total
    km = 111.32 * 111.32 * math.cos(math.radians(y))
    return total * km, (x, y)


def inside(polygon, x, y):
    """Even-odd rule over all rings, so holes count as outside."""
    odd = False
    for ring in polygon:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            if (y0 > y) != (y1 > y):
                if x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                    odd = not odd
    return odd


def representative_point(polygon):
    """The centroid when it lies inside the polygon; otherwise the middle
    of the widest inside stretch of the centroid's parallel (a crescent's
    centroid lies outside it)."""
    _, (x, y) = polygon_area_centroid(polygon)
    if inside(polygon, x, y):
        return x, y
    crossings = []
    for ring in polygon:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            if (y0 > y) != (y1 > y):
                crossings.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    crossings.sort()
    spans = list(zip(crossings[0::2], crossings[1::2]))
    if not spans:
        return polygon[0][0]
    a, b = max(spans, key=lambda s: s[1] - s[0])
    return (a + b) / 2, y


def in_boxes(point, boxes):
    x, y = point
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def territory_points(paths, codes, alpha3):
    """ISO alpha-2 code -> (lat, lon) of the representative point of the
    largest polygon, from the first map (in order) that has the code."""
    points = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            topo = json.load(f)
        arcs = topo_arcs(topo)
        carved = {}  # territory -> [(area, polygon)] taken from a parent
        for geometry in topo["objects"]["countries"]["geometries"]:
            props = geometry.get("properties") or {}
            code = props.get("isoA2")
            # Natural Earth gives France, Norway (and Taiwan) no usable
            # isoA2 ("-99" or null): join on adm0A3 instead.
            if code not in codes:
                code = alpha3.get(props.get("adm0A3"))
            parts = {c: boxes for c, (parent, boxes) in TERRITORY_PARTS.items()
                     if parent == props.get("adm0A3")}
            if not code and not parts:
                continue
            own = []
            for polygon in topo_polygons(arcs, geometry):
                area, (x, y) = polygon_area_centroid(polygon)
                part = next((c for c, boxes in parts.items()
                             if in_boxes((longitude(x), y), boxes)), None)
                if part is None:
                    own.append((area, polygon))
                else:
                    carved.setdefault(part, []).append((area, polygon))
            if code and code not in points and own:
                points[code] = largest_point(own)
        for code, found in carved.items():
            if code not in points:
                points[code] = largest_point(found)
    return points


def largest_point(polygons):
    """(lat, lon) of the representative point of the largest of
    [(area, polygon)]."""
    lon, lat = representative_point(max(polygons, key=lambda t: t[0])[1])
    return lat, lon


def longitude(value):
    return (value + 180.0) % 360.0 - 180.0


def coordinate(value):
    text = "%.4f" % value
    return "0.0000" if text == "-0.0000" else text


# --- the files ------------------------------------------------------------

def build_territories(shared, out, report):
    countries = read_csv(os.path.join(shared, "world-countries", "world-combined.csv"))
    codes = {r["alpha2"].upper() for r in countries}
    check(len(codes) == len(countries), "world-combined.csv: duplicate alpha2")
    for code in REQUIRED_TERRITORIES:
        check(code in codes, "world-combined.csv: %s missing" % code)
    alpha3 = {r["alpha3"].upper(): r["alpha2"].upper() for r in countries}

    atlas = os.path.join(shared, "world-atlas")
    points = territory_points([os.path.join(atlas, "countries-50m.json"),
                               os.path.join(atlas, "countries-10m.json")],
                              codes, alpha3)

    rows = []
    for r in sorted(countries, key=lambda r: r["alpha2"].upper()):
        code = r["alpha2"].upper()
        fr, en, es = TERRITORY_NAMES.get(code, (clean(r["fr"]), clean(r["en"]),
                                                clean(r["es"])))
        lat, lon = points.get(code, (None, None))
        rows.append([code, "country", "", fr, en, es,
                     "" if lat is None else coordinate(lat),
                     "" if lon is None else coordinate(longitude(lon))])
    report["no point"] = sorted(c for c in codes if c not in points)

    subdivisions = read_csv(os.path.join(shared, "world-countries", "subdivisions.csv"))
    regions = [s for s in subdivisions if s["country"] == "FR" and
               (s["type"] == "metropolitan region" or s["code"] == "FR-20R")]
    check(len(regions) == 13, "subdivisions.csv: %d French regions, not 13"
          % len(regions))
    for s in sorted(regions, key=lambda s: s["code"]):
        fr = REGION_NAME_FR.get(s["code"], clean(s["name"]))
        en, es = REGION_EXONYMS.get(s["code"], (fr, fr))
        rows.append([s["code"], "region", "FR", fr, en, es, "", ""])

    # A name is never a key, but two entries a user cannot tell apart in a
    # list are a bug: fail on any left after the renaming above.
    for column, lang in ((3, "fr"), (4, "en"), (5, "es")):
        seen = {}
        for row in rows:
            seen.setdefault(fold(row[column]), []).append(row[0])
        clashes = {k: v for k, v in seen.items() if len(v) > 1}
        check(not clashes, "territories: confusable %s names %r" % (lang, clashes))
    for lang in ("fr", "en", "es"):
        seen = {}
        for r in countries:
            seen.setdefault(fold(r[lang]), []).append(r["alpha2"].upper())
        report["source duplicates " + lang] = {
            k: v for k, v in seen.items() if len(v) > 1}

    write_csv(os.path.join(out, "territories.csv"),
              ["code", "kind", "parent", "name_fr", "name_en", "name_es", "lat", "lon"],
              rows)
    report["territories"] = len(rows)


def build_sectors(shared, out, report):
    base = os.path.join(shared, "iati-codelists", "csv")
    categories = [c for c in read_csv(os.path.join(base, "SectorCategory.csv"))
                  if c["status"] in ("", "active")]
    sectors = [s for s in read_csv(os.path.join(base, "Sector.csv"))
               if s["status"] == "active"]
    known = {c["code"] for c in categories}
    for s in sectors:
        check(s["category"] in known, "Sector.csv: %s in unknown category %s"
              % (s["code"], s["category"]))
        check(s["name_fr"] and s["name_en"], "Sector.csv: %s lacks a name"
              % s["code"])
    write_csv(os.path.join(out, "sector-categories.csv"),
              ["code", "name_fr", "name_en", "name_es"],
              [[c["code"], clean(c["name_fr"]), clean(c["name_en"]),
                clean(c["name_es"])] for c in categories])
    write_csv(os.path.join(out, "sectors.csv"),
              ["code", "category", "name_fr", "name_en", "name_es"],
              [[s["code"], s["category"], clean(s["name_fr"]),
                clean(s["name_en"]), clean(s["name_es"])] for s in sectors])
    report["sectors"] = len(sectors)
    report["sector categories"] = len(categories)


# Short French names the UN publishes in the wording of its communication
# material; the source has typos and a mistranslation in three of them.
SDG_SHORT_FR = {
    "2": "Faim « zéro »",
    "7": "Énergie propre et d’un coût abordable",
    "8": "Travail décent et croissance économique",
}


def build_sdgs(shared, out, report):
    goals = read_csv(os.path.join(shared, "sdg", "sdg-goals.csv"))
    columns = ["goal", "short_fr", "short_en", "short_es",
               "title_fr", "title_en", "title_es"]
    check([int(g["goal"]) for g in goals] == list(range(1, 18)),
          "sdg-goals.csv: goals are not 1..17")
    rows = [[clean(g[c]) for c in columns] for g in goals]
    for row in rows:
        row[1] = SDG_SHORT_FR.get(row[0], row[1])
        check(all(row), "sdg-goals.csv: goal %s lacks a text" % row[0])
    write_csv(os.path.join(out, "sdgs.csv"), columns, rows)
    report["sdgs"] = len(rows)


def copy_licences(shared, out):
    for source, target in (
            (("world-countries", "LICENSE.txt"), "LICENSE-world-countries.txt"),
            (("iati-codelists", "LICENSE-codelists.txt"), "LICENSE-iati-codelists.txt"),
            (("sdg", "yaml", "LICENSE"), "LICENSE-sdg.txt")):
        shutil.copyfile(os.path.join(shared, *source), os.path.join(out, target))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "data"),
                        help="the shared public data (default: ../shared/data "
                        "from the repository root)")
    parser.add_argument("--out", default=os.path.join(REPO, "data", "ref"),
                        help="where to write (default: data/ref)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print what was written and what the sources lack")
    args = parser.parse_args()

    os.makedirs(args.out, exist_ok=True)
    report = {}
    try:
        build_territories(args.shared, args.out, report)
        build_sectors(args.shared, args.out, report)
        build_sdgs(args.shared, args.out, report)
        copy_licences(args.shared, args.out)
    except (OSError, SourceError, KeyError, ValueError) as e:
        print("gen-ref: %s" % e, file=sys.stderr)
        return 1
    if args.verbose:
        for key, value in report.items():
            print("%s: %s" % (key, value))
    return 0


if __name__ == "__main__":
    sys.exit(main())
