#!/usr/bin/env python3
"""Validate the demo network (data/demo/network.json) and print counts.

Usage: tools/check-demo.py [FILE] [--sectors Sector.csv] [--countries world-en.csv] [--subdivisions subdivisions.csv]

Python 3 standard library only. Exits 0 when the file passes, 1 otherwise; every problem is printed
with the path of the offending value (e.g. organizations[12].siret).
"""
import csv
import datetime
import json
import os
import re
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_DATA = [os.path.join(ROOT, "data"), os.path.join(ROOT, "..", "shared", "data"), "/work/shared/data"]

ORG_KEYS = {"key", "name", "names", "kind", "legal_form", "ess", "siren", "siret", "rna", "other_registry", "other_id",
            "territory", "address", "latitude", "longitude", "website", "email", "phone", "sectors", "filieres", "sdgs",
            "tags", "description", "visibility"}
ORG_REQUIRED = {"key", "name", "kind"}
NAME_KEYS = {"value", "lang", "acronym"}
DESC_KEYS = {"lang", "value"}
PERSON_KEYS = {"key", "given_name", "family_name", "languages", "emails", "phones", "notes", "legal_basis",
               "legal_basis_date", "visibility"}
PERSON_REQUIRED = {"key", "family_name"}
POSITION_KEYS = {"person", "organization", "title", "start_date", "end_date"}
POSITION_REQUIRED = {"person", "organization"}
REL_KEYS = {"subject", "type", "object", "start_date", "end_date", "note"}
REL_REQUIRED = {"subject", "type", "object"}
TOP_KEYS = {"organizations", "people", "positions", "relationships"}

KINDS = {"local_authority", "state_service", "regional_org", "association", "cooperative", "mutual", "foundation",
         "ess_enterprise", "company", "university", "hospital", "incubator", "network", "funder", "other"}
VISIBILITY = {"public", "internal", "confidential"}
LEGAL_BASIS = {"legitimate_interest", "consent"}
REL_TYPES = {"member_of", "partner_of", "funds", "twinned_with", "part_of"}
RECORD_LANGS = {"fr", "en", "es", "nl"}
FR_REGIONS = {"ARA", "BFC", "BRE", "CVL", "20R", "GES", "HDF", "IDF", "NOR", "NAQ", "OCC", "PDL", "PAC"}

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$")
EXAMPLE_DOMAIN_RE = re.compile(r"@(?:[A-Za-z0-9-]+\.)*example\.(?:org|com|net)$")
PHONE_RE = re.compile(r"^\+[1-9][0-9]{0,3}( [0-9]{1,5}){2,6}$")
URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[^\s]*)?$")
RNA_RE = re.compile(r"^W[0-9A-Z]{9}$")
LANG_RE = re.compile(r"^[a-z]{2}$")
SLUG_LIKE = re.compile(r"^[^\s].*[^\s]$|^[^\s]$")

errors = []
warnings = []


def err(path, msg):
    errors.append("%s: %s" % (path, msg))


def warn(path, msg):
    warnings.append("%s: %s" % (path, msg))


class DuplicateKey(ValueError):
    pass


def no_dup_pairs(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            where = dict(pairs).get("key") or dict(pairs).get("person") or dict(pairs).get("subject") or "?"
            raise DuplicateKey("duplicate key %r in the object %r (keys: %s)" % (k, where, ", ".join(p[0] for p in pairs)))
        d[k] = v
    return d


def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = ord(ch) - 48
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def find_file(explicit, *rel):
    if explicit:
        return explicit if os.path.isfile(explicit) else None
    for base in SHARED_DATA:
        p = os.path.join(base, *rel)
        if os.path.isfile(p):
            return p
    return None


def parse_date(path, v):
    if not isinstance(v, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", v):
        err(path, "expected an ISO date YYYY-MM-DD, got %r" % (v,))
        return None
    try:
        return datetime.date.fromisoformat(v)
    except ValueError:
        err(path, "invalid date %r" % v)
        return None


def is_str(v, maxlen=None, allow_empty=False):
    if not isinstance(v, str):
        return False
    if not allow_empty and not v.strip():
        return False
    if maxlen is not None and len(v) > maxlen:
        return False
    return True


def check_keys(path, obj, allowed, required):
    if not isinstance(obj, dict):
        err(path, "expected an object")
        return False
    for k in obj:
        if k not in allowed:
            err(path, "unknown key %r" % k)
    for k in sorted(required):
        if k not in obj:
            err(path, "missing required key %r" % k)
    return True


def check_str_list(path, v, item_check=None, what="string"):
    if not isinstance(v, list):
        err(path, "expected a list")
        return []
    seen = set()
    for i, x in enumerate(v):
        if not is_str(x, 200):
            err("%s[%d]" % (path, i), "expected a non-empty %s (<= 200 chars)" % what)
            continue
        if item_check:
            item_check("%s[%d]" % (path, i), x)
        if x in seen:
            err("%s[%d]" % (path, i), "duplicate value %r" % x)
        seen.add(x)
    return v


def check_territory(path, v, countries, subdivisions):
    if not isinstance(v, str):
        err(path, "expected a territory code")
        return
    if re.match(r"^[A-Z]{2}$", v):
        if countries is not None and v not in countries:
            err(path, "%r is not an ISO 3166-1 alpha-2 code" % v)
    elif re.match(r"^FR-[A-Z0-9]{2,3}$", v):
        ok = v in subdivisions if subdivisions else v[3:] in FR_REGIONS
        if not ok:
            err(path, "%r is not a French ISO 3166-2 subdivision" % v)
    else:
        err(path, "%r is neither ISO 3166-1 alpha-2 (uppercase) nor a French region code like FR-NAQ" % v)


def main(argv):
    args = list(argv[1:])
    opts = {}
    for name in ("--sectors", "--countries", "--subdivisions"):
        if name in args:
            i = args.index(name)
            opts[name] = args[i + 1]
            del args[i:i + 2]
    path = args[0] if args else os.path.join(ROOT, "data", "demo", "network.json")

    sector_csv = find_file(opts.get("--sectors"), "iati-codelists", "csv", "Sector.csv")
    if not sector_csv:
        print("check-demo: cannot find the IATI Sector.csv (use --sectors PATH)", file=sys.stderr)
        return 2
    sectors = {}
    with open(sector_csv, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            sectors[row["code"]] = row.get("status", "active")
    countries = None
    cpath = find_file(opts.get("--countries"), "world-countries", "world-en.csv")
    if cpath:
        with open(cpath, encoding="utf-8", newline="") as f:
            countries = {row["alpha2"].upper() for row in csv.DictReader(f)}
    else:
        warn("-", "world-countries/world-en.csv not found: alpha-2 codes checked by shape only")
    subdivisions = None
    spath = find_file(opts.get("--subdivisions"), "world-countries", "subdivisions.csv")
    if spath:
        with open(spath, encoding="utf-8", newline="") as f:
            subdivisions = {row["code"] for row in csv.DictReader(f) if row["country"] == "FR"}

    try:
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8")
        if text.startswith("\ufeff"):
            err("-", "file starts with a BOM")
        data = json.loads(text, object_pairs_hook=no_dup_pairs,
                          parse_constant=lambda c: (_ for _ in ()).throw(ValueError("non-standard constant " + c)))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        print("FAIL %s: %s" % (path, e))
        return 1

    if not check_keys("$", data, TOP_KEYS, TOP_KEYS):
        return report(path, None)
    orgs = data.get("organizations") or []
    people = data.get("people") or []
    positions = data.get("positions") or []
    rels = data.get("relationships") or []
    for name, v in (("organizations", orgs), ("people", people), ("positions", positions), ("relationships", rels)):
        if not isinstance(v, list):
            err(name, "expected a list")
            return report(path, None)

    # ---------------------------------------------------------------- organisations
    org_keys = {}
    for i, o in enumerate(orgs):
        p = "organizations[%d]" % i
        if not check_keys(p, o, ORG_KEYS, ORG_REQUIRED):
            continue
        key = o.get("key")
        if not isinstance(key, str) or not KEY_RE.match(key):
            err(p + ".key", "expected a slug [a-z0-9-], got %r" % (key,))
        elif key in org_keys:
            err(p + ".key", "duplicate organisation key %r" % key)
        else:
            org_keys[key] = o
        p = "organizations[%s]" % key
        if not is_str(o.get("name"), 200):
            err(p + ".name", "required, non-empty, <= 200 characters")
        elif o["name"] != o["name"].strip():
            err(p + ".name", "leading or trailing spaces")
        if "names" in o:
            if not isinstance(o["names"], list):
                err(p + ".names", "expected a list")
            else:
                seen = set()
                for j, n in enumerate(o["names"]):
                    q = "%s.names[%d]" % (p, j)
                    if not check_keys(q, n, NAME_KEYS, {"value", "lang"}):
                        continue
                    if not is_str(n.get("value"), 200):
                        err(q + ".value", "required, non-empty, <= 200 characters")
                    if n.get("lang") not in RECORD_LANGS:
                        err(q + ".lang", "must be one of %s" % sorted(RECORD_LANGS))
                    if "acronym" in n and not isinstance(n["acronym"], bool):
                        err(q + ".acronym", "expected true or false")
                    t = (n.get("value"), n.get("lang"), bool(n.get("acronym")))
                    if t in seen:
                        err(q, "duplicate alternative name")
                    seen.add(t)
        if o.get("kind") not in KINDS:
            err(p + ".kind", "must be one of %s, got %r" % (sorted(KINDS), o.get("kind")))
        if "legal_form" in o and not is_str(o["legal_form"], 200):
            err(p + ".legal_form", "expected a non-empty string")
        if "ess" in o and not isinstance(o["ess"], bool):
            err(p + ".ess", "expected true or false")
        siren = o.get("siren")
        if "siren" in o:
            if not isinstance(siren, str) or not re.match(r"^\d{9}$", siren) or not luhn_ok(siren):
                err(p + ".siren", "expected 9 digits valid per Luhn, got %r" % (siren,))
        if "siret" in o:
            s = o["siret"]
            if not isinstance(s, str) or not re.match(r"^\d{14}$", s) or not luhn_ok(s):
                err(p + ".siret", "expected 14 digits valid per Luhn, got %r" % (s,))
            elif isinstance(siren, str) and not s.startswith(siren):
                err(p + ".siret", "does not start with the SIREN %s" % siren)
            elif siren is None:
                err(p + ".siret", "a SIRET needs the SIREN it starts with")
        if "rna" in o and (not isinstance(o["rna"], str) or not RNA_RE.match(o["rna"])):
            err(p + ".rna", "expected W + 9 alphanumerics, got %r" % (o["rna"],))
        if ("other_registry" in o) != ("other_id" in o):
            err(p, "other_registry and other_id go together")
        for k in ("other_registry", "other_id", "address"):
            if k in o and not is_str(o[k], 300):
                err("%s.%s" % (p, k), "expected a non-empty string")
        if "territory" in o:
            check_territory(p + ".territory", o["territory"], countries, subdivisions)
        else:
            warn(p, "no territory")
        has_lat, has_lon = "latitude" in o, "longitude" in o
        if has_lat != has_lon:
            err(p, "latitude and longitude: both or neither")
        for k, lim in (("latitude", 90), ("longitude", 180)):
            if k in o:
                v = o[k]
                if isinstance(v, bool) or not isinstance(v, (int, float)) or not (-lim <= v <= lim):
                    err("%s.%s" % (p, k), "expected a number in [-%d, %d], got %r" % (lim, lim, v))
        if "website" in o and (not isinstance(o["website"], str) or not URL_RE.match(o["website"])):
            err(p + ".website", "expected an http(s) URL, got %r" % (o["website"],))
        if "email" in o:
            e = o["email"]
            if not isinstance(e, str) or not EMAIL_RE.match(e):
                err(p + ".email", "not an email address: %r" % (e,))
            elif not EXAMPLE_DOMAIN_RE.search(e):
                warn(p + ".email", "not an example.* domain: make sure it is a real, generic address")
        if "phone" in o and (not isinstance(o["phone"], str) or not PHONE_RE.match(o["phone"])):
            err(p + ".phone", "expected an international number like '+590 690 00 12 34', got %r" % (o["phone"],))
        if any(k in o for k in ("siren", "siret", "rna", "other_id")):
            # identifiers are only allowed on fictitious organisations, whose contacts are all example.*
            for k in ("email", "website"):
                if k in o and ".example." not in o[k] and not o[k].endswith(".example.org"):
                    err("%s.%s" % (p, k), "an organisation with identifiers is fictitious: use an example.* domain")
        if "sectors" in o:
            def chk_sector(q, c):
                if c not in sectors:
                    err(q, "sector %r is not in %s" % (c, os.path.basename(sector_csv)))
                elif sectors[c] != "active":
                    err(q, "sector %r is %s" % (c, sectors[c]))
            check_str_list(p + ".sectors", o["sectors"], chk_sector, "DAC code")
        if "filieres" in o:
            check_str_list(p + ".filieres", o["filieres"])
        if "tags" in o:
            check_str_list(p + ".tags", o["tags"])
        if "sdgs" in o:
            if not isinstance(o["sdgs"], list):
                err(p + ".sdgs", "expected a list")
            else:
                for j, g in enumerate(o["sdgs"]):
                    if isinstance(g, bool) or not isinstance(g, int) or not 1 <= g <= 17:
                        err("%s.sdgs[%d]" % (p, j), "expected an integer 1..17, got %r" % (g,))
                if len(set(map(repr, o["sdgs"]))) != len(o["sdgs"]):
                    err(p + ".sdgs", "duplicate goal")
        if "description" in o:
            d = o["description"]
            if not isinstance(d, list) or not d:
                err(p + ".description", "expected a non-empty list")
            else:
                langs = set()
                for j, x in enumerate(d):
                    q = "%s.description[%d]" % (p, j)
                    if not check_keys(q, x, DESC_KEYS, DESC_KEYS):
                        continue
                    if x.get("lang") not in RECORD_LANGS:
                        err(q + ".lang", "must be one of %s" % sorted(RECORD_LANGS))
                    if x.get("lang") in langs:
                        err(q + ".lang", "duplicate language")
                    langs.add(x.get("lang"))
                    if not is_str(x.get("value"), 2000):
                        err(q + ".value", "expected a non-empty text (<= 2000 chars)")
        if "visibility" in o and o["visibility"] not in VISIBILITY:
            err(p + ".visibility", "must be one of %s" % sorted(VISIBILITY))

    # ---------------------------------------------------------------- people
    person_keys = {}
    all_emails = {}
    for i, pr in enumerate(people):
        p = "people[%d]" % i
        if not check_keys(p, pr, PERSON_KEYS, PERSON_REQUIRED):
            continue
        key = pr.get("key")
        if not isinstance(key, str) or not KEY_RE.match(key):
            err(p + ".key", "expected a slug [a-z0-9-], got %r" % (key,))
        elif key in person_keys or key in org_keys:
            err(p + ".key", "duplicate key %r" % key)
        else:
            person_keys[key] = pr
        p = "people[%s]" % key
        if not is_str(pr.get("family_name"), 200):
            err(p + ".family_name", "required, non-empty, <= 200 characters")
        if "given_name" in pr and not is_str(pr["given_name"], 200):
            err(p + ".given_name", "expected a non-empty string")
        if "languages" in pr:
            def chk_lang(q, v):
                if not LANG_RE.match(v):
                    err(q, "expected an ISO 639-1 code, got %r" % v)
            check_str_list(p + ".languages", pr["languages"], chk_lang, "language code")
        if "emails" in pr:
            def chk_email(q, v):
                if not EMAIL_RE.match(v):
                    err(q, "not an email address: %r" % v)
                elif not EXAMPLE_DOMAIN_RE.search(v):
                    err(q, "people's emails must use an example.org/.com/.net domain, got %r" % v)
                low = v.lower()
                if low in all_emails:
                    err(q, "email already used by %s" % all_emails[low])
                all_emails[low] = key
            check_str_list(p + ".emails", pr["emails"], chk_email, "email")
        if "phones" in pr:
            def chk_phone(q, v):
                if not PHONE_RE.match(v):
                    err(q, "expected an international number like '+590 690 00 12 34', got %r" % v)
            check_str_list(p + ".phones", pr["phones"], chk_phone, "phone")
        if "notes" in pr and not is_str(pr["notes"], 2000):
            err(p + ".notes", "expected a non-empty text (<= 2000 chars)")
        if "legal_basis" in pr and pr["legal_basis"] not in LEGAL_BASIS:
            err(p + ".legal_basis", "must be one of %s" % sorted(LEGAL_BASIS))
        if "legal_basis_date" in pr:
            d = parse_date(p + ".legal_basis_date", pr["legal_basis_date"])
            if d and d > datetime.date.today():
                err(p + ".legal_basis_date", "in the future")
            if "legal_basis" not in pr:
                err(p, "legal_basis_date without legal_basis")
        if "visibility" in pr and pr["visibility"] not in VISIBILITY:
            err(p + ".visibility", "must be one of %s" % sorted(VISIBILITY))

    # ---------------------------------------------------------------- positions
    has_position = Counter()
    seen_pos = set()
    for i, x in enumerate(positions):
        p = "positions[%d]" % i
        if not check_keys(p, x, POSITION_KEYS, POSITION_REQUIRED):
            continue
        if x.get("person") not in person_keys:
            err(p + ".person", "unknown person %r" % (x.get("person"),))
        else:
            has_position[x["person"]] += 1
        if x.get("organization") not in org_keys:
            err(p + ".organization", "unknown organisation %r" % (x.get("organization"),))
        if "title" in x and not is_str(x["title"], 200):
            err(p + ".title", "expected a non-empty string (<= 200 chars)")
        check_span(p, x)
        t = (x.get("person"), x.get("organization"), x.get("title"), x.get("start_date"))
        if t in seen_pos:
            err(p, "duplicate position")
        seen_pos.add(t)
    for k in person_keys:
        if not has_position[k]:
            err("people[%s]" % k, "has no position")

    # ---------------------------------------------------------------- relationships
    seen_rel = set()
    for i, x in enumerate(rels):
        p = "relationships[%d]" % i
        if not check_keys(p, x, REL_KEYS, REL_REQUIRED):
            continue
        for k in ("subject", "object"):
            if x.get(k) not in org_keys:
                err("%s.%s" % (p, k), "unknown organisation %r" % (x.get(k),))
        if x.get("type") not in REL_TYPES:
            err(p + ".type", "must be one of %s, got %r" % (sorted(REL_TYPES), x.get("type")))
        if x.get("subject") == x.get("object"):
            err(p, "an organisation cannot be related to itself")
        if "note" in x and not isinstance(x["note"], str):
            err(p + ".note", "expected a string")
        check_span(p, x)
        t = (x.get("subject"), x.get("type"), x.get("object"))
        rt = (x.get("object"), x.get("type"), x.get("subject"))
        if t in seen_rel or (x.get("type") in ("partner_of", "twinned_with") and rt in seen_rel):
            err(p, "duplicate relationship %s %s %s" % t)
        seen_rel.add(t)

    # ---------------------------------------------------------------- totals
    if len(orgs) < 150:
        err("organizations", "%d organisations, at least 150 expected" % len(orgs))
    if len(people) < 200:
        err("people", "%d people, at least 200 expected" % len(people))
    return report(path, dict(orgs=orgs, people=people, positions=positions, rels=rels))


def check_span(p, x):
    s = e = None
    if "start_date" in x:
        s = parse_date(p + ".start_date", x["start_date"])
    if "end_date" in x and x["end_date"] is not None:
        e = parse_date(p + ".end_date", x["end_date"])
    if s and e and s > e:
        err(p, "start_date %s is after end_date %s" % (s, e))


def report(path, d):
    for w in warnings:
        print("warning: " + w)
    if d:
        orgs, people, positions, rels = d["orgs"], d["people"], d["positions"], d["rels"]
        print("%s" % path)
        print("  organizations %d, people %d, positions %d (%d ended), relationships %d" % (
            len(orgs), len(people), len(positions), sum(1 for x in positions if x.get("end_date")), len(rels)))
        pc = Counter(x.get("person") for x in positions)
        print("  people with several positions: %d" % sum(1 for v in pc.values() if v > 1))
        print("  organisations with SIREN %d, SIRET %d, RNA %d, other registry %d; ESS members %d" % (
            sum("siren" in o for o in orgs), sum("siret" in o for o in orgs), sum("rna" in o for o in orgs),
            sum("other_id" in o for o in orgs), sum(bool(o.get("ess")) for o in orgs)))
        print("  organisations with coordinates %d; with alternative names %d (%d acronyms)" % (
            sum("latitude" in o for o in orgs), sum(bool(o.get("names")) for o in orgs),
            sum(1 for o in orgs for n in o.get("names", []) if n.get("acronym"))))
        show("organisations by territory", Counter(o.get("territory", "?") for o in orgs))
        show("organisations by kind", Counter(o.get("kind", "?") for o in orgs))
        show("organisations by visibility", Counter(o.get("visibility", "public") for o in orgs))
        show("people by visibility", Counter(x.get("visibility", "internal") for x in people))
        show("people by legal basis", Counter(x.get("legal_basis", "-") for x in people))
        show("relationships by type", Counter(x.get("type", "?") for x in rels))
    if errors:
        for e in errors:
            print("error: " + e)
        print("FAIL: %d error(s)" % len(errors))
        return 1
    print("OK")
    return 0


def show(title, counter):
    items = ", ".join("%s %d" % (k, v) for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
    print("  %s: %s" % (title, items))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
