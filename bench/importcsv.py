#!/usr/bin/env python3
"""bench/importcsv.py N FILE [SEED] - write a CSV of N organisations for the
import benchmark (bench/run.sh, step "import").

Columns, ';'-separated, UTF-8, with a heading line:
    Nom;Type;Territoire;Courriel;SIREN;Mots-clés
Names are unique (a number in each), SIRENs are unique and carry a valid
Luhn check digit, kinds and territories follow bench/gen.c's weights, one to
three keywords separated by ',' (the multi-valued separator of the import).
Deterministic for a seed.
"""
import random
import sys

KINDS = [("association", 35), ("company", 15), ("cooperative", 6), ("ess_enterprise", 6),
         ("local_authority", 4), ("state_service", 3), ("regional_org", 1), ("mutual", 2),
         ("foundation", 4), ("university", 3), ("hospital", 1), ("incubator", 1),
         ("network", 4), ("funder", 2), ("other", 13)]
TERRITORIES = [("MF", 12), ("SX", 6), ("GP", 12), ("MQ", 12), ("GF", 5), ("FR-NAQ", 8), ("FR", 3),
               ("FR-IDF", 4), ("FR-OCC", 2), ("FR-PAC", 2), ("CR", 6), ("HT", 8), ("DO", 8), ("CU", 2),
               ("JM", 2), ("BL", 1), ("LC", 1), ("DM", 1), ("AG", 1), ("AI", 1), ("CW", 1), ("TT", 1),
               ("CO", 1), ("ES", 1)]
PREFIX = {"association": "Association", "company": "Société", "cooperative": "Coopérative",
          "ess_enterprise": "Entreprise solidaire", "local_authority": "Commune de", "state_service": "Direction",
          "regional_org": "Organisation régionale", "mutual": "Mutuelle", "foundation": "Fondation",
          "university": "Université", "hospital": "Centre hospitalier", "incubator": "Incubateur",
          "network": "Réseau", "funder": "Fonds", "other": "Collectif"}
WORDS = ["des Amis", "du Port", "de la Mer", "Caraïbe", "Solidaire", "des Îles", "Saint-Pierre", "Sainte-Anne",
         "du Marin", "Verte", "Créole", "des Jardins", "du Littoral", "Horizon", "Lumière", "Avenir", "Kréyol",
         "de l'Océan", "Bèlè", "des Mornes", "du Lamentin", "Atlantique", "Bleue", "Équitable", "Mangrove"]
TAGS = ["culture", "pêche", "agriculture", "insertion", "jeunesse", "santé", "tourisme", "énergie",
        "numérique", "formation", "environnement", "sport", "musique", "artisanat", "logement", "mobilité"]


def luhn_digit(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:  # doubled: the check digit will be appended to the right
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def main():
    n = int(sys.argv[1])
    path = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20250101)
    kinds = [k for k, _ in KINDS]
    kw = [w for _, w in KINDS]
    terr = [t for t, _ in TERRITORIES]
    tw = [w for _, w in TERRITORIES]
    # SIRENs: distinct 8-digit bodies from a random permutation step.
    base = rng.randrange(10_000_000, 50_000_000)
    step = 7919  # prime, coprime with 10^8: distinct for n < 10^8 / 1
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("Nom;Type;Territoire;Courriel;SIREN;Mots-clés\n")
        ks = rng.choices(kinds, weights=kw, k=n)
        ts = rng.choices(terr, weights=tw, k=n)
        out = []
        for i in range(n):
            kind = ks[i]
            name = "%s %s %s %d" % (PREFIX[kind], rng.choice(WORDS), rng.choice(WORDS), i + 1)
            body = "%08d" % ((base + i * step) % 100_000_000)
            siren = body + luhn_digit(body)
            email = "contact%d@exemple-%d.org" % (i + 1, i % 997)
            tags = ",".join(rng.sample(TAGS, rng.randint(1, 3)))
            out.append("%s;%s;%s;%s;%s;%s\n" % (name, kind, ts[i], email, siren, tags))
            if len(out) == 10000:
                f.write("".join(out))
                out = []
        f.write("".join(out))


if __name__ == "__main__":
    main()
