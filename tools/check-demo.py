#!/usr/bin/env python3
"""Validate the demo network (data/demo/network.json) and print counts; then, when it is present, the demo
activity (data/demo/activity.json: working groups, roadmap, interactions, follow-ups, notes, documents, note
transitions and document transmissions).

Usage: tools/check-demo.py [FILE] [--activity ACTIVITY.json] [--sectors Sector.csv] [--countries world-en.csv]
                           [--subdivisions subdivisions.csv]

The activity file is looked for next to FILE unless --activity names it. Its fields, enumerations, references,
date bounds and note workflow are read from the declarations in src/model/*.c, so the check follows the model.

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
    for name in ("--sectors", "--countries", "--subdivisions", "--activity"):
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
    rc = report(path, dict(orgs=orgs, people=people, positions=positions, rels=rels))

    apath = opts.get("--activity") or os.path.join(os.path.dirname(os.path.abspath(path)), "activity.json")
    if opts.get("--activity") and not os.path.isfile(apath):
        print("FAIL %s: no such file" % apath)
        return 1
    if os.path.isfile(apath):
        del errors[:]
        del warnings[:]
        rc = max(rc, check_activity(apath, set(org_keys), set(person_keys), countries, subdivisions))
    return rc


# =====================================================================================================================
# The demo activity (data/demo/activity.json)
# =====================================================================================================================

MODEL_DIR = os.path.join(ROOT, "src", "model")
# The sections of activity.json, in this order, and the kind of record each holds (None: not a kind of record).
ACTIVITY_SECTIONS = [("working_groups", "working_group"), ("roadmap_axes", "roadmap_axis"),
                     ("roadmap_actions", "roadmap_action"), ("interactions", "interaction"),
                     ("followups", "followup"), ("notes", "note"), ("documents", "document"),
                     ("transitions", None), ("transmissions", None)]
# The demo's accounts and what their role allows on a workflow (readers fire no transition).
DEMO_ACCOUNTS = {"editrice": "editor", "validateur": "validator", "lecteur": "reader"}
DEMO_TEAMS = set()
TRANSMISSION_KEYS = {"document", "to", "by", "message", "acknowledged"}
TRANSITION_KEYS = {"note", "transition", "by", "comment", "recipients"}
HTML_RE = re.compile(r"<[A-Za-z/!?]")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")


def strip_c_comments(text):
    """Remove /* */ and // comments, leaving string and character literals alone."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
            out.append(" ")
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def split_top(text, sep=","):
    """Split on `sep` outside (), {} and string literals."""
    items, depth, cur, i, n = [], 0, [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            cur.append(text[i:j + 1])
            i = j + 1
            continue
        if c in "({":
            depth += 1
        elif c in ")}":
            depth -= 1
        if c == sep and depth == 0:
            items.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    if "".join(cur).strip():
        items.append("".join(cur).strip())
    return items


def braced_entries(body):
    """The top-level {...} groups of an initializer body, without their braces; and the bare words between them."""
    entries, words, depth, start, i, n = [], [], 0, None, 0, len(body)
    word = []
    while i < n:
        c = body[i]
        if c == '"':
            j = i + 1
            while j < n and body[j] != '"':
                j += 2 if body[j] == "\\" else 1
            i = j + 1
            continue
        if c == "{":
            if depth == 0:
                start = i + 1
                if "".join(word).strip():
                    words.append("".join(word).strip(" ,\n\t\\"))
                word = []
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                entries.append(body[start:i])
        elif depth == 0:
            word.append(c)
        i += 1
    if "".join(word).strip(" ,\n\t\\"):
        words.append("".join(word).strip(" ,\n\t\\"))
    return entries, [w for w in words if w]


def c_string(tok):
    """The value of a C string literal, possibly wrapped in N_(); None for NULL or anything else."""
    tok = tok.strip()
    m = re.match(r'^N_\((.*)\)$', tok, re.S)
    if m:
        tok = m.group(1).strip()
    if len(tok) >= 2 and tok[0] == '"' and tok[-1] == '"':
        return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', tok))
    return None


def parse_model(model_dir):
    """Read the kinds, their fields, enumerations, date bounds, cross-field date checks and workflows from the C
    declarations.  Returns {kind name: {...}}; raises ValueError when the declarations cannot be read."""
    files = sorted(f for f in os.listdir(model_dir) if f.endswith(".c") or f == "model.h")
    texts = {f: strip_c_comments(open(os.path.join(model_dir, f), encoding="utf-8").read()) for f in files}
    enum_arrays, enum_defs, macros = {}, {}, {}
    for t in texts.values():
        for m in re.finditer(r"struct enum_value\s+(\w+)\s*\[\]\s*=\s*\{(.*?)\n\};", t, re.S):
            entries, _ = braced_entries(m.group(2))
            enum_arrays[m.group(1)] = [c_string(split_top(e)[0]) for e in entries]
        for m in re.finditer(r"struct enum_def\s+(\w+)\s*=\s*\{\s*\"[^\"]*\"\s*,\s*(\w+)", t):
            enum_defs[m.group(1)] = m.group(2)
        for m in re.finditer(r"#define\s+(MODEL_\w+_FIELDS)[ \t]*\\\n((?:.*\\\n)*.*)", t):
            macros[m.group(1)] = m.group(2).replace("\\\n", "\n")

    def field_of(entry):
        it = split_top(entry)
        if len(it) < 11:
            raise ValueError("cannot read the field declaration {%s}" % entry[:60])
        enum = None
        m = re.match(r"&(\w+)", it[8])
        if m:
            arr = enum_defs.get(m.group(1))
            if arr not in enum_arrays:
                raise ValueError("unknown enumeration %s" % m.group(1))
            enum = enum_arrays[arr]

        def num(x):
            try:
                return float(x)
            except ValueError:
                return 0.0
        return dict(name=c_string(it[0]), type=it[1].strip(), flags=set(re.findall(r"F_\w+", it[4])),
                    max_len=int(num(it[5])), min=num(it[6]), max=num(it[7]), enum=enum, ref=c_string(it[9]))

    def fields_of(body):
        entries, words = braced_entries(body)
        out = [field_of(e) for e in entries]
        for w in words:
            for name in re.findall(r"MODEL_\w+_FIELDS", w):
                if name not in macros:
                    raise ValueError("unknown macro %s" % name)
                out += [field_of(e) for e in braced_entries(macros[name])[0]]
        return out

    kinds = {}
    for fname, t in texts.items():
        arrays = {m.group(1): m.group(2)
                  for m in re.finditer(r"struct field\s+(\w+)\s*\[\]\s*=\s*\{(.*?)\n\};", t, re.S)}
        bounds = {m.group(1): m.group(2)
                  for m in re.finditer(r"struct date_bound\s+(\w+)\s*\[\]\s*=\s*\{(.*?)\n\};", t, re.S)}
        wf_structs = {m.group(1): m.group(2)
                      for m in re.finditer(r"struct workflow\s+(\w+)\s*=\s*\{(.*?)\n\};", t, re.S)}
        for m in re.finditer(r"const struct kind\s+(\w+)\s*=\s*\{(.*?)\n\};", t, re.S):
            body = m.group(2)
            name = re.search(r'\.name\s*=\s*"(\w+)"', body)
            arr = re.search(r"\.fields\s*=\s*(\w+)", body)
            if not name or not arr or arr.group(1) not in arrays:
                raise ValueError("%s: cannot read the kind %s" % (fname, m.group(1)))
            k = dict(file=fname, fields={f["name"]: f for f in fields_of(arrays[arr.group(1)])}, bounds=[],
                     date_order=[], workflow=None)
            b = re.search(r"\.bounds\s*=\s*(\w+)", body)
            if b and b.group(1) in bounds:
                for e in braced_entries(bounds[b.group(1)])[0]:
                    it = split_top(e)
                    k["bounds"].append(tuple(c_string(x) for x in it[:3]))
            chk = re.search(r"\.check\s*=\s*(\w+)", body)
            if chk:
                fn = re.search(r"\b%s\s*\([^)]*\)\s*\{(.*?)\n\}" % re.escape(chk.group(1)), t, re.S)
                if fn:
                    k["date_order"] = re.findall(r'check_date_order\(\s*\w+\s*,\s*"(\w+)"\s*,\s*"(\w+)"', fn.group(1))
            wf = re.search(r"\.workflow\s*=\s*&(\w+)", body)
            if wf and wf.group(1) in wf_structs:
                k["workflow"] = parse_workflow(t, wf_structs[wf.group(1)])
            kinds[name.group(1)] = k
    if not kinds:
        raise ValueError("no kind declared")
    return kinds


def parse_workflow(text, body):
    lists = {m.group(1): re.findall(r'"(\w+)"', m.group(2))
             for m in re.finditer(r"char\s*\*\s*const\s+(\w+)\s*\[\]\s*=\s*\{(.*?)\};", text, re.S)}

    def attr(name):
        m = re.search(r"\.%s\s*=\s*(\"?\w+\"?)" % name, body)
        return m.group(1).strip('"') if m else None
    arr = attr("transitions")
    m = re.search(r"struct workflow_transition\s+%s\s*\[\]\s*=\s*\{(.*?)\n\};" % arr, text, re.S)
    if not m:
        raise ValueError("cannot read the workflow transitions %s" % arr)
    trans = {}
    for e in braced_entries(m.group(1))[0]:
        it = split_top(e)
        trans[c_string(it[0])] = dict(sources=lists.get(it[2].strip(), []), target=c_string(it[3]),
                                      who=it[4].strip(), flags=set(re.findall(r"WT_\w+", it[5])))
    return dict(state=attr("state_field"), initial=attr("initial"), author=attr("author_field"),
                assignee=attr("assignee_field"), assignee_team=attr("assignee_team_field"), transitions=trans)


def check_activity(path, org_keys, person_keys, countries, subdivisions):
    try:
        kinds = parse_model(MODEL_DIR)
    except (OSError, ValueError) as e:
        print("FAIL %s: cannot read the model declarations in %s: %s" % (path, MODEL_DIR, e))
        return 1
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
        if text.startswith("\ufeff"):
            err("-", "file starts with a BOM")
        data = json.loads(text, object_pairs_hook=no_dup_pairs,
                          parse_constant=lambda c: (_ for _ in ()).throw(ValueError("non-standard constant " + c)))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        print("FAIL %s: %s" % (path, e))
        return 1
    if not isinstance(data, dict):
        print("FAIL %s: expected one JSON object" % path)
        return 1
    names = [s for s, _ in ACTIVITY_SECTIONS]
    for k in data:
        if k not in names:
            err("$", "unknown section %r (expected %s)" % (k, ", ".join(names)))
    present = [k for k in data if k in names]
    if present != [k for k in names if k in data]:
        err("$", "sections out of order: %s (expected %s)" % (", ".join(present), ", ".join(names)))
    for k in names:
        if k not in data:
            err("$", "missing section %r" % k)
        elif not isinstance(data[k], list):
            err(k, "expected a list")
            data[k] = []

    for sec, kind in ACTIVITY_SECTIONS:
        if kind and kind not in kinds:
            err(sec, "the model declares no kind %r" % kind)
            return report_activity(path, data)
    # keys of each kind, first, so that references may point forward or back
    keys = {}
    for sec, kind in ACTIVITY_SECTIONS:
        if not kind:
            continue
        keys[kind] = {}
        for i, r in enumerate(data.get(sec, [])):
            p = "%s[%d]" % (sec, i)
            if not isinstance(r, dict):
                err(p, "expected an object")
                continue
            key = r.get("key")
            if not isinstance(key, str) or not KEY_RE.match(key):
                err(p + ".key", "expected a slug [a-z0-9-], got %r" % (key,))
            elif key in keys[kind]:
                err(p + ".key", "duplicate key %r in %s" % (key, sec))
            else:
                keys[kind][key] = r
    refs = {"organization": org_keys, "person": person_keys, "account": set(DEMO_ACCOUNTS), "team": DEMO_TEAMS}
    for kind in keys:
        refs[kind] = set(keys[kind])

    for sec, kind in ACTIVITY_SECTIONS:
        if not kind:
            continue
        k = kinds[kind]
        wf = k["workflow"]
        for i, r in enumerate(data.get(sec, [])):
            if not isinstance(r, dict):
                continue
            p = "%s[%s]" % (sec, r.get("key", i))
            for name in r:
                if name == "key":
                    continue
                f = k["fields"].get(name)
                if not f:
                    err("%s.%s" % (p, name), "the kind %s declares no field %r (see src/model/%s)" % (
                        kind, name, k["file"]))
                    continue
                if wf and name == wf["state"]:
                    err("%s.%s" % (p, name), "set by the workflow only: give transitions instead")
                    continue
                check_field(p, f, r[name], refs, countries, subdivisions)
            for f in k["fields"].values():
                if "F_REQUIRED" in f["flags"] and empty(r.get(f["name"])) and not (wf and f["name"] == wf["state"]):
                    err(p, "missing required field %r" % f["name"])
            vis = r.get("visibility")
            if vis == "team" and empty(r.get("visibility_teams")):
                err(p + ".visibility_teams", "the level \"team\" needs at least one team")
            if vis == "confidential" and empty(r.get("visibility_users")):
                err(p + ".visibility_users", "the level \"confidential\" needs at least one account")
            if vis in ("public", "internal") and (r.get("visibility_teams") or r.get("visibility_users")):
                warn(p, "visibility_teams and visibility_users only matter for the levels team and confidential")
            # dates in order within the record (the kind's check function)
            for a, b in k["date_order"]:
                va, vb = r.get(a), r.get(b)
                if isinstance(va, str) and isinstance(vb, str) and valid_when(va) and valid_when(vb):
                    if vb < va:
                        err("%s.%s" % (p, b), "%s %s is before %s %s" % (b, vb, a, va))
                    elif vb == va and k["fields"][b]["type"] == "FT_DATETIME":
                        err("%s.%s" % (p, b), "%s %s is not after %s %s" % (b, vb, a, va))
            # dates not before those of the records referred to (the kind's bounds)
            for field, ref_field, ref_date in k["bounds"]:
                rf = k["fields"].get(ref_field)
                other = keys.get(rf["ref"] if rf else None, {}).get(r.get(ref_field))
                if other and isinstance(r.get(field), str) and isinstance(other.get(ref_date), str):
                    if r[field][:10] < other[ref_date][:10]:
                        err("%s.%s" % (p, field), "%s is before the %s of %s %s (%s)" % (
                            r[field], ref_date, rf["ref"], r.get(ref_field), other[ref_date][:10]))
            check_record_rules(p, kind, r, keys)

    check_transitions(data.get("transitions", []), kinds, keys, person_keys)
    check_transmissions(data.get("transmissions", []), keys)
    return report_activity(path, data)


def empty(v):
    return v is None or v == "" or v == []


def valid_when(v):
    try:
        if DATETIME_RE.match(v):
            datetime.datetime.strptime(v, "%Y-%m-%dT%H:%M")
        else:
            datetime.date.fromisoformat(v)
        return True
    except ValueError:
        return False


def check_field(p, f, v, refs, countries, subdivisions):
    q = "%s.%s" % (p, f["name"])
    if "F_MULTI" in f["flags"]:
        if not isinstance(v, list):
            err(q, "expected a list (the field takes several values)")
            return
        if f["max"] and len(v) > f["max"]:
            err(q, "%d values, at most %d" % (len(v), f["max"]))
        seen = set()
        for j, x in enumerate(v):
            if json.dumps(x, sort_keys=True) in seen:
                err("%s[%d]" % (q, j), "duplicate value %r" % (x,))
            seen.add(json.dumps(x, sort_keys=True))
            check_value("%s[%d]" % (q, j), f, x, refs, countries, subdivisions)
    else:
        if isinstance(v, list):
            err(q, "expected one value, not a list")
            return
        check_value(q, f, v, refs, countries, subdivisions)


def check_value(q, f, v, refs, countries, subdivisions):
    t = f["type"]
    if v is None:
        return
    if t in ("FT_TEXT", "FT_LONGTEXT", "FT_MARKDOWN", "FT_EMAIL", "FT_URL", "FT_PHONE"):
        multiline = t in ("FT_LONGTEXT", "FT_MARKDOWN")
        limit = f["max_len"] or (10000 if multiline else 500)
        if not isinstance(v, str) or not v.strip():
            err(q, "expected a non-empty text")
            return
        if len(v) > limit:
            err(q, "%d characters, at most %d" % (len(v), limit))
        if not multiline and ("\n" in v or "\r" in v):
            err(q, "one line expected")
        if v != v.strip() and not multiline:
            err(q, "leading or trailing spaces")
        if re.search("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", v):
            err(q, "invisible direction marks")
        if t == "FT_MARKDOWN":
            m = HTML_RE.search(v)
            if m:
                line = v.count("\n", 0, m.start()) + 1
                err(q, "raw HTML is not accepted in Markdown (line %d: %r)" % (line, v[m.start():m.start() + 20]))
        if t == "FT_URL" and not URL_RE.match(v):
            err(q, "expected an http(s) URL, got %r" % v)
        if t == "FT_EMAIL" and not EMAIL_RE.match(v):
            err(q, "not an email address: %r" % v)
    elif t == "FT_INT":
        if isinstance(v, bool) or not isinstance(v, int):
            err(q, "expected an integer, got %r" % (v,))
        elif (f["min"] or f["max"]) and not f["min"] <= v <= f["max"]:
            err(q, "%d is outside [%g, %g]" % (v, f["min"], f["max"]))
    elif t == "FT_REAL":
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            err(q, "expected a number, got %r" % (v,))
        elif (f["min"] or f["max"]) and not f["min"] <= v <= f["max"]:
            err(q, "%g is outside [%g, %g]" % (v, f["min"], f["max"]))
    elif t == "FT_BOOL":
        if not isinstance(v, bool):
            err(q, "expected true or false")
    elif t == "FT_DATE":
        parse_date(q, v)
    elif t == "FT_DATETIME":
        if not isinstance(v, str) or not DATETIME_RE.match(v) or not valid_when(v):
            err(q, "expected a local date and time YYYY-MM-DDTHH:MM, got %r" % (v,))
    elif t == "FT_ENUM":
        if v not in (f["enum"] or []):
            err(q, "%r is not one of %s" % (v, ", ".join(f["enum"] or [])))
    elif t == "FT_REF":
        pool = refs.get(f["ref"])
        if pool is None:
            err(q, "references to %s are not supported in the demo" % f["ref"])
        elif not isinstance(v, str) or v not in pool:
            where = {"organization": "an organisation of network.json", "person": "a person of network.json",
                     "account": "an account (%s)" % ", ".join(sorted(DEMO_ACCOUNTS)),
                     "team": "a team (the demo has none)"}.get(f["ref"], "a %s of activity.json" % f["ref"])
            err(q, "%r is not %s" % (v, where))
    elif t == "FT_CODE":
        if f["ref"] == "territory":
            check_territory(q, v, countries, subdivisions)
        elif not isinstance(v, str) or not v:
            err(q, "expected a code")


def check_record_rules(p, kind, r, keys):
    """What the declarations do not say but the demo must respect."""
    if kind == "roadmap_action":
        st, pr = r.get("status"), r.get("progress")
        if isinstance(pr, int):
            if st == "done" and pr != 100:
                err(p + ".progress", "a done action is at 100 %%, not %d" % pr)
            elif st == "planned" and pr != 0:
                err(p + ".progress", "a planned action is at 0 %%, not %d" % pr)
            elif st in ("in_progress", "late") and not 0 < pr < 100 and not (st == "late" and pr == 0):
                err(p + ".progress", "an action %s is between 0 and 100 %%, not %d" % (st, pr))
        if st == "done" and "achieved" in r and "target" in r and r["achieved"] < r["target"]:
            warn(p, "done, but the indicator's achieved value is below its target")
    elif kind == "roadmap_axis":
        if isinstance(r.get("start_year"), int) and isinstance(r.get("end_year"), int) and \
                r["start_year"] > r["end_year"]:
            err(p + ".end_year", "before start_year")
    elif kind == "interaction":
        if r.get("type") in ("meeting", "video", "visit") and "ends_at" not in r:
            warn(p, "a %s without ends_at" % r.get("type"))
        if not r.get("place") and not r.get("link") and r.get("type") in ("meeting", "visit"):
            warn(p, "a %s with neither place nor link" % r.get("type"))
        if r.get("type") == "video" and not r.get("link"):
            warn(p, "a video call without link")
    elif kind == "note":
        ix = keys.get("interaction", {}).get(r.get("interaction"))
        if r.get("note_type") == "minutes" and not r.get("interaction"):
            warn(p, "minutes that name no meeting")
        if ix and isinstance(r.get("date"), str) and isinstance(ix.get("starts_at"), str) and \
                r["date"] < ix["starts_at"][:10]:
            err(p + ".date", "%s is before the meeting it records (%s)" % (r["date"], ix["starts_at"][:10]))
    elif kind == "document":
        if r.get("answered_on") and not r.get("answer_due"):
            warn(p, "answered_on without answer_due")
        if r.get("direction") == "sent" and (r.get("answer_due") or r.get("answered_on")):
            warn(p, "a sent document with an answer deadline")


def check_transitions(items, kinds, keys, person_keys):
    wf = kinds["note"]["workflow"]
    if not wf:
        err("transitions", "the note kind declares no workflow")
        return
    state = {}
    for i, t in enumerate(items):
        p = "transitions[%d]" % i
        if not check_keys(p, t, TRANSITION_KEYS, {"note", "transition", "by"}):
            continue
        note = keys["note"].get(t.get("note"))
        if not note:
            err(p + ".note", "unknown note %r" % (t.get("note"),))
            continue
        p = "transitions[%d] (%s)" % (i, t["note"])
        name = t.get("transition")
        tr = wf["transitions"].get(name)
        if not tr:
            err(p + ".transition", "%r is not one of %s" % (name, ", ".join(wf["transitions"])))
            continue
        by = t.get("by")
        if by not in DEMO_ACCOUNTS:
            err(p + ".by", "%r is not an account (%s)" % (by, ", ".join(sorted(DEMO_ACCOUNTS))))
            continue
        cur = state.get(t["note"], wf["initial"])
        if cur not in tr["sources"]:
            err(p, "%s is not possible from the state %s (only from %s)" % (name, cur, ", ".join(tr["sources"])))
            continue
        author, assignee = note.get(wf["author"]), note.get(wf["assignee"])
        if DEMO_ACCOUNTS[by] == "reader":
            err(p + ".by", "a reader (%s) may not %s" % (by, name))
        if tr["who"] == "WF_AUTHOR" and by != author:
            err(p + ".by", "only the author (%s) may %s" % (author, name))
        if tr["who"] == "WF_ASSIGNEE" and by != assignee:
            err(p + ".by", "only the validator named on the note (%s) may %s" % (assignee, name))
        if "WT_NOT_AUTHOR" in tr["flags"] and by == author:
            err(p + ".by", "the author may not %s their own note" % name)
        if "WT_NEEDS_ASSIGNEE" in tr["flags"] and not assignee and not note.get(wf["assignee_team"] or ""):
            err(p, "%s needs a validator on the note" % name)
        comment = t.get("comment")
        if comment is not None and (not isinstance(comment, str) or not comment.strip()):
            err(p + ".comment", "expected a non-empty text, or no comment at all")
        if "WT_COMMENT_REQUIRED" in tr["flags"] and not (isinstance(comment, str) and comment.strip()):
            err(p + ".comment", "%s requires a comment" % name)
        if comment and not tr["flags"] & {"WT_COMMENT", "WT_COMMENT_REQUIRED"}:
            err(p + ".comment", "%s takes no comment" % name)
        rec = t.get("recipients")
        if "WT_RECIPIENTS" in tr["flags"]:
            if not isinstance(rec, list) or not rec:
                err(p + ".recipients", "%s needs at least one recipient" % name)
            else:
                seen = set()
                for j, x in enumerate(rec):
                    q = "%s.recipients[%d]" % (p, j)
                    kind, _, key = x.partition(":") if isinstance(x, str) else ("", "", "")
                    if kind == "person" and key in person_keys or kind == "account" and key in DEMO_ACCOUNTS:
                        pass
                    else:
                        err(q, "expected \"person:<key of network.json>\" or \"account:<account>\", got %r" % (x,))
                    if x in seen:
                        err(q, "duplicate recipient %r" % (x,))
                    seen.add(x)
        elif rec is not None:
            err(p + ".recipients", "only a transition that sends takes recipients")
        state[t["note"]] = tr["target"]


def check_transmissions(items, keys):
    for i, t in enumerate(items):
        p = "transmissions[%d]" % i
        if not check_keys(p, t, TRANSMISSION_KEYS, {"document", "to", "by"}):
            continue
        if t.get("document") not in keys["document"]:
            err(p + ".document", "unknown document %r" % (t.get("document"),))
        by = t.get("by")
        if by not in DEMO_ACCOUNTS:
            err(p + ".by", "%r is not an account" % (by,))
        to = t.get("to")
        if not isinstance(to, list) or not to:
            err(p + ".to", "expected a non-empty list of accounts")
        else:
            for j, a in enumerate(to):
                if a not in DEMO_ACCOUNTS:
                    err("%s.to[%d]" % (p, j), "%r is not an account" % (a,))
                elif a == by:
                    err("%s.to[%d]" % (p, j), "one does not transmit a document to oneself")
            if len(set(map(str, to))) != len(to):
                err(p + ".to", "duplicate account")
        if "message" in t and (not isinstance(t["message"], str) or not t["message"].strip()):
            err(p + ".message", "expected a non-empty text")
        if "acknowledged" in t and not isinstance(t["acknowledged"], bool):
            err(p + ".acknowledged", "expected true or false")


def report_activity(path, data):
    for w in warnings:
        print("warning: " + w)
    print("%s" % path)
    print("  " + ", ".join("%s %d" % (s, len(data.get(s) or [])) for s, _ in ACTIVITY_SECTIONS))
    lst = lambda s: [r for r in data.get(s) or [] if isinstance(r, dict)]
    show("interactions by type", Counter(r.get("type") for r in lst("interactions")))
    show("interactions by time zone", Counter(r.get("timezone") for r in lst("interactions")))
    show("follow-ups by status", Counter(r.get("status") for r in lst("followups")))
    show("notes by type", Counter(r.get("note_type") for r in lst("notes")))
    final = {}
    sent = Counter()
    for t in lst("transitions"):
        final[t.get("note")] = {"submit": "submitted", "resubmit": "submitted", "return": "returned",
                                "validate": "validated", "withdraw": "draft", "reopen": "draft"}.get(
            t.get("transition"), final.get(t.get("note")))
        if t.get("transition") == "send":
            sent[t.get("note")] += 1
    show("notes by state", Counter(final.get(n.get("key"), "draft") for n in lst("notes")))
    print("  notes sent: %d, to %d recipients in all" % (
        len(sent), sum(len(t.get("recipients") or []) for t in lst("transitions") if t.get("transition") == "send")))
    show("documents by direction", Counter(r.get("direction") for r in lst("documents")))
    show("documents by language", Counter(r.get("language") for r in lst("documents")))
    print("  documents awaiting an answer: %d (answered %d)" % (
        sum(1 for r in lst("documents") if r.get("answer_due") and not r.get("answered_on")),
        sum(1 for r in lst("documents") if r.get("answered_on"))))
    print("  transmissions: %d (%d acknowledged)" % (
        len(lst("transmissions")), sum(1 for t in lst("transmissions") if t.get("acknowledged") is True)))
    if errors:
        for e in errors:
            print("error: " + e)
        print("FAIL: %d error(s)" % len(errors))
        return 1
    print("OK")
    return 0


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
