#!/usr/bin/env python3
"""Generate data/demo/activity.json: a year of the working desk of the regional cooperation officer of the
Collectivité de Saint-Martin, with its Nouvelle-Aquitaine partnership (December 2025 to November 2026, and a few
items planned until February 2027).

Usage: tools/gen-activity.py [OUTPUT]   (default data/demo/activity.json)

Python 3 standard library only, deterministic (the content is written by hand in the tables below; the only
random choices use a fixed seed).  People and organisations are the keys of data/demo/network.json; accounts are
"editrice" (the chargée de mission), "validateur" (the directeur de l'action extérieure) and "lecteur".
Check the result with tools/check-demo.py.

The story: the post of chargé(e) de mission is vacant in December 2025 (the director holds the desk ad interim,
the new assistant arrives on 1 December); the new chargée de mission starts on 5 January 2026.  The "today" of the
demo is Saturday 21 November 2026: follow-ups, answers and notes are in the state they would have that day.
"""
import datetime
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NETWORK = os.path.join(ROOT, "data", "demo", "network.json")
OUTPUT = os.path.join(ROOT, "data", "demo", "activity.json")
TODAY = datetime.date(2026, 11, 21)
ACCOUNTS = ("editrice", "validateur", "lecteur")
ACCOUNT_LABEL = {"editrice": "Chargée de mission", "validateur": "Directeur de l'action extérieure",
                 "lecteur": "Assistante de coopération"}

random.seed(20261121)

with open(NETWORK, encoding="utf-8") as f:
    NET = json.load(f)
ORGS = {o["key"]: o for o in NET["organizations"]}
PEOPLE = {p["key"]: p for p in NET["people"]}
CURRENT = {}   # person -> [(org, title)] of the positions not ended
for pos in NET["positions"]:
    if not pos.get("end_date"):
        CURRENT.setdefault(pos["person"], []).append((pos["organization"], pos.get("title")))


def person(k):
    if k not in PEOPLE:
        raise SystemExit("gen-activity: unknown person %r" % k)
    return k


def org(k):
    if k not in ORGS:
        raise SystemExit("gen-activity: unknown organisation %r" % k)
    return k


def pname(k):
    p = PEOPLE[person(k)]
    return ("%s %s" % (p.get("given_name", ""), p["family_name"])).strip()


def oname(k):
    return ORGS[org(k)]["name"]


def who(k):
    """"Prénom Nom, titre (Organisation)" for a list of participants."""
    cur = CURRENT.get(k)
    if not cur:
        return pname(k)
    o, t = cur[0]
    return "%s, %s (%s)" % (pname(k), t, oname(o)) if t else "%s (%s)" % (pname(k), oname(o))


def orgs_of(people):
    out = []
    for k in people:
        for o, _ in CURRENT.get(person(k), [])[:1]:
            if o not in out:
                out.append(o)
    return out


def merge(*lists):
    out = []
    for l in lists:
        for x in l or ():
            if x not in out:
                out.append(x)
    return out


def fr_date(iso):
    d = datetime.date.fromisoformat(iso[:10])
    return d.strftime("%d/%m/%Y")


MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]


def fr_long(iso):
    d = datetime.date.fromisoformat(iso[:10])
    return "%d%s %s %d" % (d.day, "er" if d.day == 1 else "", MONTHS[d.month - 1], d.year)


# =====================================================================================================================
# Working groups
# =====================================================================================================================

WORKING_GROUPS = [
    dict(key="wg-transfrontalier", name="Coopération transfrontalière Saint-Martin / Sint Maarten", scope="geographic",
         territories=["MF", "SX"],
         description="Groupe technique qui prépare les sessions du comité mixte de coopération entre la Collectivité "
                     "de Saint-Martin et le Government of Sint Maarten : eau et assainissement, déchets, santé, "
                     "mobilités et transports, sécurité civile. Il réunit les services des deux parties de l'île et "
                     "la Préfecture, et suit les relevés de conclusions du comité.",
         coordinator="editrice",
         member_organizations=["com-saint-martin", "com-sm-cooperation", "gov-sint-maarten", "prefecture-sbsm",
                               "eeasm", "ch-lc-fleming", "smmc", "ccism", "sx-chamber"],
         member_people=["p-loic-romney", "p-steeve-connor", "p-julian-bakker", "p-gracita-bakker",
                        "p-louis-marie-lake", "p-hubert-arnell", "p-cynthia-boirard", "p-glenroy-boasman"]),
    dict(key="wg-risques", name="Gestion des risques et résilience climatique (Caraïbe)", scope="thematic",
         territories=["MF", "SX", "GP", "BB", "LC"],
         description="Préparation à la saison cyclonique et retour d'expérience d'Irma, échanges d'information en "
                     "alerte avec Sint Maarten, exercices conjoints avec la Croix-Rouge (PIRAC), accès aux "
                     "formations et au mécanisme régional de la CDEMA, sargasses et milieux marins.",
         coordinator="validateur",
         member_organizations=["prefecture-sbsm", "crf-pirac", "redcross-sxm", "cdema", "rn-saint-martin",
                               "nature-foundation-sxm", "gov-sint-maarten", "oecs"],
         member_people=["p-louis-marie-lake", "p-felix-sainte-rose", "p-manuella-rosine", "p-ricardo-visser",
                        "p-desmond-sealy", "p-marie-josee-duzant", "p-claudette-duggins"]),
    dict(key="wg-sante", name="Santé transfrontalière et coopération hospitalière", scope="thematic",
         territories=["MF", "SX", "GP", "MQ", "FR-NAQ"],
         description="Transferts et évacuations de patients entre le CHLCF et le SMMC, veille épidémiologique "
                     "avec la CARPHA, programme santé de l'OECO, formations et télé-expertise avec les CHU de "
                     "Guadeloupe, de Martinique et de Bordeaux.",
         coordinator="editrice",
         member_organizations=["ch-lc-fleming", "smmc", "gov-sint-maarten", "oecs", "carpha", "chu-guadeloupe",
                               "chu-martinique", "chu-bordeaux"],
         member_people=["p-kimberly-petit", "p-loic-rogers", "p-dennis-wilson", "p-shermina-bakker",
                        "p-joanne-van-dijk", "p-sherry-henry", "p-desmond-henry", "p-sherry-bynoe",
                        "p-rose-aimee-toussaint", "p-sophie-hourcade"]),
    dict(key="wg-ess-na", name="ESS et coopération avec la Nouvelle-Aquitaine", scope="thematic",
         territories=["MF", "SX", "FR-NAQ"],
         description="Volet économie sociale et solidaire de l'accord-cadre avec la Région Nouvelle-Aquitaine : "
                     "échanges entre structures de l'ESS des deux territoires (réemploi, pêche, tourisme "
                     "solidaire), participation au groupe de travail ESS et international de SO Coopération, "
                     "articulation avec le DLA et Kaz'Innov.",
         coordinator="editrice",
         member_organizations=["region-na", "so-cooperation", "cress-na", "ess-france-om", "collectif-ess-iles-nord",
                               "kaz-innov", "dla-saint-martin", "bordeaux-caraibes", "recycloile"],
         member_people=["p-laure-darrigrand", "p-mathieu-darrigrand", "p-sophie-guerin", "p-jerome-guerin",
                        "p-claire-chabrol", "p-jordan-petit", "p-valerie-hodge", "p-thierry-illis",
                        "p-kimberly-connor", "p-celine-darrigrand"]),
    dict(key="wg-jeunesse", name="Mobilité des jeunes, éducation et culture", scope="thematic",
         territories=["MF", "SX", "FR-NAQ", "CR"],
         description="Volontariat de réciprocité avec France Volontaires, mobilité étudiante entre l'University of "
                     "St. Martin et les universités de Nouvelle-Aquitaine, échanges sportifs et culturels de "
                     "jeunes des deux côtés de l'île.",
         coordinator="editrice",
         member_organizations=["france-volontaires", "usm", "univ-bordeaux", "univ-la-rochelle", "univ-antilles",
                               "simpson-bay-sailing", "oeuvre-jeunes-qo", "soualiga-heritage"],
         member_people=["p-ines-lambert", "p-alicia-ellis", "p-tamara-duggins", "p-agnes-larrieu", "p-yann-diallo",
                        "p-franklyn-van-dijk", "p-patricia-ledee", "p-elaine-wilson"]),
]

# =====================================================================================================================
# Roadmap: axes and actions
# =====================================================================================================================

AXES = [
    dict(key="axe-1", number=1, name="Coopération transfrontalière avec Sint Maarten",
         description="Faire du comité mixte de coopération l'instance régulière de travail entre les deux parties "
                     "de l'île et aboutir à des protocoles concrets : eau, déchets, santé, mobilités.",
         start_year=2025, end_year=2028),
    dict(key="axe-2", number=2, name="Insertion régionale : OECO, AEC, CARICOM, CEPALC",
         description="Assurer la présence de la Collectivité dans les instances des organisations régionales dont "
                     "elle est membre ou partenaire, suivre leurs travaux et en rendre compte.",
         start_year=2025, end_year=2028),
    dict(key="axe-3", number=3, name="Santé, gestion des risques et résilience",
         description="Coopération sanitaire transfrontalière et régionale, préparation aux catastrophes, "
                     "environnement marin.",
         start_year=2025, end_year=2028),
    dict(key="axe-4", number=4, name="Développement économique, ESS et partenariat avec la Nouvelle-Aquitaine",
         description="Accord-cadre avec la Région Nouvelle-Aquitaine, échanges entre acteurs de l'ESS, "
                     "accompagnement des porteurs de projets vers les financements (Interreg Caraïbes, DAECT, "
                     "1 % solidaire).",
         start_year=2025, end_year=2028),
    dict(key="axe-5", number=5, name="Jeunesse, éducation, culture et mobilité",
         description="Volontariat, mobilité étudiante, échanges sportifs et culturels entre jeunes de la Caraïbe "
                     "et de l'Hexagone.",
         start_year=2026, end_year=2028),
]


def A(key, axis, title, owner, deadline, status, progress, indicator, target, achieved, description, wg=None):
    return dict(key=key, axis=axis, title=title, owner=owner, deadline=deadline, status=status, progress=progress,
                description=description, indicator=indicator, target=target, achieved=achieved, working_group=wg)


ACTIONS = [
    A("act-comite-mixte", "axe-1", "Relancer le comité mixte de coopération Saint-Martin / Sint Maarten (deux "
      "sessions par an)", "validateur", "2026-12-15", "in_progress", 60, "Sessions plénières du comité mixte tenues",
      2, 1, "Réunion technique préparatoire, session de printemps, session de décembre ; relevé de conclusions "
      "conjoint signé à chaque session.", "wg-transfrontalier"),
    A("act-eau-transfrontaliere", "axe-1", "Protocole d'entraide en eau potable entre l'EEASM et le Government of "
      "Sint Maarten", "editrice", "2026-09-30", "late", 65, "Protocole signé", 1, 0,
      "Inventaire des points d'interconnexion, procédure d'alerte en cas de rupture de production, partage des "
      "analyses. Le texte est prêt côté technique ; la validation juridique côté Sint Maarten est en attente.",
      "wg-transfrontalier"),
    A("act-dechets-reemploi", "axe-1", "Projet transfrontalier de réemploi et de gestion des déchets (Recyclo'Île / "
      "Philipsburg Recycling)", "editrice", "2027-06-30", "in_progress", 45, "Projet programmé et démarré", 1, 1,
      "Accompagnement du projet jusqu'à sa programmation Interreg Caraïbes, puis suivi de sa mise en œuvre.",
      "wg-transfrontalier"),
    A("act-mobilites", "axe-1", "Diagnostic partagé des mobilités et transports transfrontaliers", "editrice",
      "2027-06-30", "planned", 0, "Diagnostic remis au comité mixte", 1, 0,
      "Cahier des charges à rédiger avec les services de Sint Maarten ; financement à rechercher.",
      "wg-transfrontalier"),
    A("act-oeco", "axe-2", "Participation de la Collectivité aux instances et programmes de l'OECO", "validateur",
      "2026-12-31", "in_progress", 80, "Réunions statutaires et techniques suivies", 6, 5,
      "Point focal technique désigné, visite du Président au siège de la Commission, protocole d'accord en "
      "préparation.", None),
    A("act-aec", "axe-2", "Suivi des travaux de l'AEC (tourisme durable, réduction des risques)", "editrice",
      "2026-12-31", "in_progress", 75, "Réunions de l'AEC suivies", 4, 3,
      "Réunion technique sur le tourisme durable à San José, entretien au Secrétariat, Conseil des ministres.",
      None),
    A("act-caricom", "axe-2", "Veille sur les travaux de la CARICOM et de ses agences intéressant Saint-Martin",
      "editrice", "2026-12-31", "in_progress", 70, "Notes d'information produites", 4, 3,
      "Notes d'information après les réunions de la CARICOM, de la CDEMA et de la CARPHA.", None),
    A("act-cepalc", "axe-2", "Profil statistique de Saint-Martin avec la CEPALC (siège sous-régional de Port of "
      "Spain)", "editrice", "2027-03-31", "in_progress", 55, "Profil statistique publié", 1, 0,
      "Recensement des sources (INSEE, département des statistiques de Sint Maarten), questionnaire, relecture du "
      "projet de profil.", None),
    A("act-registre", "axe-2", "Registre des courriers des organisations régionales et transmission interne sous "
      "cinq jours", "editrice", "2026-12-31", "in_progress", 85, "Courriers transmis sous cinq jours ouvrés (%)",
      90, 84, "Enregistrement de chaque courrier reçu ou envoyé, transmission aux services et suivi des réponses "
      "attendues.", None),
    A("act-sante-transfrontaliere", "axe-3", "Santé transfrontalière : convention de transfert de patients entre "
      "le CHLCF et le SMMC", "editrice", "2026-12-31", "in_progress", 70, "Convention signée", 1, 0,
      "Groupe de travail restreint CHLCF / SMMC / ministère VSA ; trame de convention, chiffrage, arbitrages "
      "financiers.", "wg-sante"),
    A("act-exercice-cyclone", "axe-3", "Exercice conjoint de préparation à la saison cyclonique avec Sint Maarten "
      "et la Croix-Rouge", "validateur", "2026-06-15", "done", 100, "Exercice réalisé et retour d'expérience diffusé",
      1, 1, "Exercice du 28 mai 2026 en deux points (Marigot, Philipsburg), retour d'expérience le 2 juin.",
      "wg-risques"),
    A("act-cdema", "axe-3", "Accès de la Collectivité aux formations et au mécanisme régional de la CDEMA",
      "validateur", "2027-06-30", "in_progress", 35, "Agents formés", 8, 3,
      "Inscription d'agents aux formations régionales (gestion des abris, évaluation des dégâts).", "wg-risques"),
    A("act-veille-sanitaire", "axe-3", "Échange régulier des données de surveillance des arboviroses avec la CARPHA",
      "editrice", "2026-07-31", "late", 30, "Bulletins mensuels partagés", 6, 2,
      "Le circuit des données passe par l'ARS : l'accord de principe est acquis, la convention d'échange ne l'est "
      "pas.", "wg-sante"),
    A("act-sargasses", "axe-3", "Coopération sur les sargasses et le suivi des milieux marins (Réserve naturelle / "
      "Nature Foundation)", "editrice", "2027-03-31", "in_progress", 40, "Protocoles de suivi communs", 2, 1,
      "Échange de données d'échouements, suivi commun des herbiers.", "wg-risques"),
    A("act-convention-na", "axe-4", "Renouveler l'accord-cadre de coopération avec la Région Nouvelle-Aquitaine "
      "(2026-2029)", "validateur", "2026-10-31", "done", 100, "Accord-cadre signé", 1, 1,
      "Avenant de prorogation en décembre 2025, négociation du texte, signature à Bordeaux le 13 octobre 2026.",
      "wg-ess-na"),
    A("act-ess-na", "axe-4", "Programme d'échanges entre structures de l'ESS de Saint-Martin et de "
      "Nouvelle-Aquitaine", "editrice", "2027-06-30", "in_progress", 50, "Structures engagées dans un échange", 10,
      6, "Avec SO Coopération, la CRESS Nouvelle-Aquitaine, le Collectif ESS des Îles du Nord et Kaz'Innov.",
      "wg-ess-na"),
    A("act-interreg", "axe-4", "Accompagner trois porteurs de projets locaux vers Interreg Caraïbes", "editrice",
      "2026-12-31", "in_progress", 70, "Dossiers déposés", 3, 2,
      "Permanences avec l'animatrice Îles du Nord, relecture des dossiers, lettres de soutien.", None),
    A("act-daect", "axe-4", "Déposer un projet à l'appel à projets de la DAECT avec la Région Nouvelle-Aquitaine",
      "editrice", "2026-04-15", "done", 100, "Dossier déposé", 1, 1,
      "Dossier déposé le 10 avril 2026, cofinancement notifié en juillet.", "wg-ess-na"),
    A("act-1pc-dechets", "axe-4", "Projet « 1 % solidaire déchets » avec la CdA de La Rochelle", "editrice",
      "2027-03-31", "in_progress", 20, "Note d'intention déposée", 1, 0,
      "Piste ouverte lors de la mission à Bordeaux, avec l'appui de SO Coopération.", "wg-ess-na"),
    A("act-ficol", "axe-4", "Candidature à la FICOL de l'AFD pour l'eau transfrontalière", "validateur", "2026-09-30",
      "abandoned", 20, "Candidature déposée", 1, 0,
      "Abandonnée en juillet 2026 : maîtrise d'ouvrage transfrontalière non éligible en l'état ; le volet eau "
      "passe par le protocole d'entraide et une future candidature Interreg.", None),
    A("act-volontariat", "axe-5", "Accueillir des volontaires de réciprocité avec France Volontaires", "editrice",
      "2027-06-30", "in_progress", 50, "Volontaires accueillis", 2, 1,
      "Une volontaire accueillie à ESS France Outre-mer ; une seconde mission en préparation pour 2027.",
      "wg-jeunesse"),
    A("act-mobilite-etudiante", "axe-5", "Mobilité étudiante entre l'University of St. Martin et les universités de "
      "Nouvelle-Aquitaine", "editrice", "2027-06-30", "in_progress", 35, "Mémorandum signé", 1, 0,
      "Projet de mémorandum reçu de l'USM ; programme 2027 à bâtir avec l'Université de Bordeaux.", "wg-jeunesse"),
    A("act-voile-jeunes", "axe-5", "Régate de l'amitié des jeunes Saint-Martin / Sint Maarten", "editrice",
      "2026-06-30", "done", 100, "Jeunes participants", 40, 46,
      "Régate du 30 mai 2026 avec l'Œuvre des jeunes de Quartier-d'Orléans et la Simpson Bay Youth Sailing "
      "Foundation.", "wg-jeunesse"),
    A("act-patrimoine", "axe-5", "Projet culturel commun sur le patrimoine de Soualiga", "editrice", "2027-09-30",
      "planned", 0, "Projet déposé", 1, 0,
      "Avec la Soualiga Heritage Foundation et l'association Culture Soualiga Arts.", "wg-jeunesse"),
]

# =====================================================================================================================
# Interactions
# =====================================================================================================================

INTERACTIONS = []
HOTEL = "Hôtel de la Collectivité, Marigot"
SERVICE = "Service de la coopération régionale, Marigot"
GAB = "Government Administration Building, Philipsburg"
VISIO = "https://visio.example.org/com-saint-martin/"


def I(key, when, minutes, type_, subject, summary, people=(), orgs=(), parts=("editrice",), tz="America/Marigot",
      place=None, link=None, wg=None, acts=(), vis="internal"):
    start = datetime.datetime.strptime(when, "%Y-%m-%d %H:%M")
    r = dict(key=key, subject=subject, type=type_, starts_at=start.strftime("%Y-%m-%dT%H:%M"))
    if minutes:
        r["ends_at"] = (start + datetime.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M")
    r["timezone"] = tz
    if place:
        r["place"] = place
    if link is True:
        link = VISIO + key[4:]
    if link:
        r["link"] = link
    r["organizations"] = merge([org(o) for o in orgs], orgs_of(people))
    r["people"] = [person(p) for p in people]
    r["participants"] = list(parts)
    r["summary"] = summary
    if wg:
        r["working_group"] = wg
    if acts:
        r["roadmap_actions"] = list(acts)
    r["visibility"] = vis
    INTERACTIONS.append(r)
    return r


# ---- December 2025: the post is vacant, the director holds the desk ad interim -------------------------------------

I("int-251203-interim", "2025-12-03 09:00", 90, "meeting",
  "Organisation de l'intérim du poste de chargé(e) de mission coopération régionale",
  "Le poste est vacant depuis le départ de M. Beauperthuy le 30 septembre ; l'offre a été publiée le 26 novembre pour "
  "une prise de poste au 5 janvier. Répartition de l'intérim : la direction de l'action extérieure suit les "
  "organisations régionales, M. Loïc Romney la coopération transfrontalière, Mme Yolande Daniel (arrivée le 1er "
  "décembre) tient le registre du courrier. Les dossiers du prédécesseur sont repris dans le répertoire partagé du "
  "service ; plusieurs contacts n'existaient que dans sa messagerie.",
  people=["p-steeve-connor", "p-loic-romney", "p-yolande-daniel"], parts=["validateur"], place=SERVICE,
  acts=["act-registre"])
I("int-251205-oeco-calendrier", "2025-12-05 14:20", None, "email", "Calendrier 2026 des réunions de l'OECO",
  "Mme Edwards transmet le calendrier prévisionnel 2026 des réunions statutaires et techniques de l'OECO et demande "
  "le nom du nouveau point focal technique de la Collectivité. Réponse de la direction : intérim assuré jusqu'au 5 "
  "janvier, nouveau point focal communiqué par courrier en janvier.",
  people=["p-cheryl-edwards"], parts=["validateur"], acts=["act-oeco", "act-registre"])
I("int-251209-crna-accord", "2025-12-09 10:00", 60, "video",
  "Renouvellement de l'accord-cadre de coopération avec la Région Nouvelle-Aquitaine",
  "L'accord-cadre 2021-2025 arrive à échéance le 31 décembre. La Région propose un avenant de prorogation de six mois "
  "et la négociation d'un nouvel accord 2026-2029 resserré sur quatre volets : ESS, jeunesse et mobilité, santé, "
  "résilience climatique. Signature envisagée à Bordeaux à l'automne 2026, en marge d'une mission de la Collectivité. "
  "Réunion à 10 h à Marigot, 15 h à Bordeaux.",
  people=["p-laure-darrigrand", "p-bastien-rousseau"], parts=["validateur"], link=True, wg="wg-ess-na",
  acts=["act-convention-na"])
I("int-251211-eau-philipsburg", "2025-12-11 09:30", 150, "meeting",
  "Réunion technique sur l'eau potable et l'assainissement transfrontaliers",
  "Point sur l'entraide en cas de rupture de production d'eau de part et d'autre de la frontière. Les services "
  "techniques conviennent d'inventorier les points d'interconnexion possibles et de rédiger un projet de protocole "
  "d'entraide EEASM / Government of Sint Maarten à présenter au comité mixte. Sint Maarten souhaite y joindre un "
  "volet sur le partage des analyses de qualité.",
  people=["p-julian-bakker", "p-hubert-arnell", "p-loic-romney"], parts=["validateur"], tz="America/Lower_Princes",
  place=GAB, wg="wg-transfrontalier", acts=["act-eau-transfrontaliere"])
I("int-251216-pref-saison", "2025-12-16 11:00", 30, "call", "Bilan de la saison cyclonique 2025 avec la Préfecture",
  "Saison 2025 sans impact majeur sur l'île. La Préfecture souhaite qu'un exercice conjoint de préparation soit "
  "organisé avec les autorités de Sint Maarten et la PIRAC avant la saison 2026, et que la Collectivité le porte à "
  "l'ordre du jour du comité mixte.",
  people=["p-louis-marie-lake"], parts=["validateur"], wg="wg-risques", acts=["act-exercice-cyclone"])
I("int-251218-interreg-permanence", "2025-12-18 09:00", 120, "meeting",
  "Permanence Interreg Caraïbes pour les porteurs de projets des Îles du Nord",
  "Trois porteurs reçus avec l'animatrice du programme : Recyclo'Île (réemploi transfrontalier avec la Stichting "
  "Philipsburg Recycling), l'Association Sandy Ground Pêche Durable et l'École numérique solidaire. Le projet de "
  "Recyclo'Île est le plus avancé pour l'appel 2026 ; les deux autres doivent d'abord trouver un partenaire hors de "
  "l'île.",
  people=["p-sylvie-celestine", "p-valerie-peterson", "p-gwladys-brooks", "p-nadege-daniel", "p-valerie-brooks"],
  parts=["validateur", "lecteur"], place=HOTEL, acts=["act-interreg", "act-dechets-reemploi"])

# ---- January 2026: the new chargée de mission starts on 5 January ---------------------------------------------------

I("int-260106-prise-de-poste", "2026-01-06 08:30", 120, "meeting",
  "Réunion de prise de poste : feuille de route 2025-2028 et priorités 2026",
  "Accueil de la nouvelle chargée de mission. Présentation des cinq axes de la feuille de route et des priorités "
  "fixées par le Président pour 2026 : relance du comité mixte avec Sint Maarten, santé transfrontalière, "
  "renouvellement de l'accord-cadre avec la Nouvelle-Aquitaine, présence de la Collectivité dans les instances de "
  "l'OECO. Rappel de la chaîne de validation : notes et comptes rendus soumis au directeur de l'action extérieure "
  "avant toute diffusion, courriers du Président préparés pour la DGS.",
  people=["p-steeve-connor", "p-loic-romney", "p-yolande-daniel", "p-cedric-daniel"],
  parts=["editrice", "validateur"], place=SERVICE, acts=["act-comite-mixte", "act-registre"])
I("int-260108-passation", "2026-01-08 16:00", 45, "call", "Entretien de passation avec le précédent chargé de mission",
  "M. Beauperthuy, désormais chargé de projets à ESS France Outre-mer, retrace les dossiers en cours : projet de "
  "convention CHLCF / SMMC bloqué sur la prise en charge financière des transferts, contacts à l'OECO (Mme Edwards, "
  "Mme Henry), dossier Interreg de Recyclo'Île, relations avec SO Coopération. Il transmettra ses tableaux de suivi "
  "et la liste de ses contacts ; l'historique des échanges n'existe que dans sa messagerie.",
  people=["p-jermaine-beauperthuy"], acts=["act-registre", "act-sante-transfrontaliere"])
I("int-260113-oeco-presentation", "2026-01-13 10:00", 60, "video",
  "Présentation de la nouvelle chargée de mission à la Commission de l'OECO",
  "Présentation du nouveau point focal technique. L'OECO rappelle les échéances 2026 : réunion de l'Autorité en "
  "juin, réunions techniques santé, programme de libre circulation. Elle propose une visite du Président de la "
  "Collectivité au siège de la Commission, à Castries, au premier semestre.",
  people=["p-cheryl-edwards", "p-anthony-clarke"], link=True, acts=["act-oeco"])
I("int-260115-sxm-courtoisie", "2026-01-15 10:00", 90, "meeting",
  "Visite de courtoisie au Department of Foreign Relations de Sint Maarten",
  "Présentation de la nouvelle chargée de mission. Le Government of Sint Maarten confirme son intérêt pour relancer "
  "le comité mixte, en sommeil depuis 2024 : réunion technique préparatoire début février, session plénière au "
  "printemps. Sujets prioritaires côté Sint Maarten : transferts de patients, eau, déchets, mobilités.",
  people=["p-julian-bakker", "p-gracita-bakker", "p-loic-romney"], tz="America/Lower_Princes",
  place="Department of Foreign Relations, Philipsburg", wg="wg-transfrontalier", acts=["act-comite-mixte"])
I("int-260120-chlcf-etat", "2026-01-20 14:00", 90, "meeting", "Santé transfrontalière : état des lieux des transferts de patients",
  "Le CHLCF fait le point sur les transferts de patients vers le SMMC et en sens inverse (imagerie, dialyse, "
  "cardiologie, maternité) : plusieurs centaines par an. Freins identifiés : absence de convention cadre, prise en "
  "charge par la CGSS d'un côté et par SZV de l'autre, transport sanitaire au passage de la frontière. Le CHLCF "
  "propose un groupe de travail restreint avec le SMMC et le ministère VSA.",
  people=["p-kimberly-petit", "p-loic-rogers"], place="Centre hospitalier Louis-Constant Fleming, Concordia",
  wg="wg-sante", acts=["act-sante-transfrontaliere"])
I("int-260122-socoop-gt", "2026-01-22 10:00", 90, "video", "Groupe de travail ESS et international de SO Coopération",
  "SO Coopération présente son groupe de travail ESS et international, co-animé avec la CRESS Nouvelle-Aquitaine. "
  "La Collectivité est invitée à y participer ; proposition d'un programme d'échanges entre structures de l'ESS des "
  "deux territoires (réemploi, pêche artisanale, tourisme solidaire). Réunions en visio, à 10 h à Marigot (15 h à "
  "Poitiers).",
  people=["p-sophie-guerin", "p-jerome-guerin", "p-claire-chabrol"], link=True, wg="wg-ess-na", acts=["act-ess-na"])
I("int-260127-prefecture-programme", "2026-01-27 09:00", 90, "meeting",
  "Coordination État / Collectivité : programme de coopération régionale 2026",
  "Tour d'horizon avec le chargé de mission du préfet : comité mixte avec Sint Maarten (présence de l'État aux "
  "séances), exercice cyclonique conjoint, relations avec l'OECO et l'AEC, appels à projets DAECT. Accord pour une "
  "réunion de coordination chaque trimestre.",
  people=["p-louis-marie-lake"], parts=["editrice", "validateur"], place="Préfecture, Marigot",
  acts=["act-comite-mixte", "act-exercice-cyclone"])
I("int-260129-interreg-calendrier", "2026-01-29 11:05", None, "email", "Calendrier de l'appel à projets Interreg Caraïbes 2026",
  "L'animatrice Îles du Nord confirme l'ouverture de l'appel jusqu'au 30 avril et des permanences mensuelles à "
  "Marigot. Information relayée aux porteurs accompagnés par la Collectivité.",
  people=["p-sylvie-celestine"], acts=["act-interreg"])
I("int-260130-collectif-ess", "2026-01-30 15:00", 120, "meeting", "Rencontre avec le Collectif ESS des Îles du Nord et Kaz'Innov",
  "Présentation du projet d'échanges avec la Nouvelle-Aquitaine. Le Collectif identifie cinq structures intéressées "
  "(réemploi, pêche, tourisme, numérique, énergie solaire) ; Kaz'Innov propose d'accueillir les porteurs en "
  "incubation. Le Collectif demande que les échanges soient réciproques et pas seulement des visites en Hexagone.",
  people=["p-valerie-hodge", "p-hubert-peterson", "p-thierry-illis"], place="Kaz'Innov, Marigot", wg="wg-ess-na",
  acts=["act-ess-na"])

# ---- February 2026 ---------------------------------------------------------------------------------------------------

I("int-260203-cepalc-profil", "2026-02-03 10:00", 60, "video", "Profil statistique de Saint-Martin : reprise des travaux avec la CEPALC",
  "Le siège sous-régional de la CEPALC reprend le projet de profil statistique de Saint-Martin, interrompu en 2025. "
  "Il a besoin d'un inventaire des sources disponibles (INSEE, IEDOM, département des statistiques de Sint Maarten) "
  "et d'un interlocuteur unique à la Collectivité. Un questionnaire suivra.",
  people=["p-jason-francis", "p-nadia-mondesir"], tz="America/Port_of_Spain", link=True, acts=["act-cepalc"])
I("int-260205-comite-mixte-prep", "2026-02-05 09:00", 210, "meeting",
  "Comité mixte Saint-Martin / Sint Maarten : réunion technique préparatoire",
  "Les deux parties arrêtent l'ordre du jour de la session plénière du 7 avril : eau (protocole d'entraide), santé "
  "(transferts de patients), déchets et réemploi, exercice cyclonique conjoint, mobilités. Chaque point aura un "
  "binôme de référents. La Préfecture assistera aux séances. Le secrétariat du comité est assuré alternativement par "
  "chaque partie ; la Collectivité prend la session d'avril.",
  people=["p-julian-bakker", "p-gracita-bakker", "p-joanne-van-dijk", "p-loic-romney", "p-louis-marie-lake"],
  tz="America/Lower_Princes", place=GAB, wg="wg-transfrontalier",
  acts=["act-comite-mixte", "act-eau-transfrontaliere", "act-sante-transfrontaliere"])
I("int-260210-smmc-appel", "2026-02-10 11:30", 20, "call", "Projet de convention de transfert de patients : position du SMMC",
  "Le SMMC est favorable à une convention cadre mais demande un chiffrage préalable du coût moyen d'un transfert et "
  "la position de SZV sur la prise en charge. Il propose de réunir le groupe de travail à Cay Hill début mars.",
  people=["p-dennis-wilson"], wg="wg-sante", acts=["act-sante-transfrontaliere"])
I("int-260212-pirac-exercice", "2026-02-12 09:30", 150, "meeting", "Préparation de l'exercice conjoint de saison cyclonique 2026",
  "Scénario retenu : ouragan de catégorie 4 touchant l'île, coupure des télécommunications, afflux de blessés. Deux "
  "postes de commandement (Marigot, Philipsburg), échange d'informations par radio et téléphone satellite, "
  "logistique des abris avec la PIRAC. Date visée : fin mai.",
  people=["p-felix-sainte-rose", "p-manuella-rosine", "p-ricardo-visser", "p-louis-marie-lake"], place=HOTEL,
  wg="wg-risques", acts=["act-exercice-cyclone"])
I("int-260217-daect-aap", "2026-02-17 09:00", 60, "video", "Appel à projets DAECT 2026 : éligibilité d'un projet Saint-Martin – Nouvelle-Aquitaine",
  "La DAECT confirme qu'un projet porté conjointement par la Collectivité et la Région Nouvelle-Aquitaine avec un "
  "partenaire caribéen est éligible au volet triennal. Conseils : un chef de file unique, un budget lisible par "
  "partenaire, des indicateurs de résultats simples. Dépôt avant le 15 avril.",
  people=["p-caroline-lambert", "p-mamadou-blanchard"], link=True, wg="wg-ess-na", acts=["act-daect"])
I("int-260219-volontariat", "2026-02-19 10:00", 90, "video", "Volontariat de réciprocité : accueil de volontaires caribéens",
  "France Volontaires présente le dispositif de réciprocité. Mme Ellis, volontaire accueillie à ESS France "
  "Outre-mer, témoigne de sa mission. La Collectivité pourrait accueillir un second volontaire en 2027 dans une "
  "structure de l'ESS ; convention d'accueil à signer.",
  people=["p-ines-lambert", "p-alicia-ellis"], link=True, wg="wg-jeunesse", acts=["act-volontariat"])
I("int-260224-oeco-sante", "2026-02-24 10:00", 60, "video", "Unité santé de l'OECO : programme régional et place de Saint-Martin",
  "Mme Henry présente les priorités de l'unité santé (évacuations sanitaires, achats groupés de médicaments, "
  "ressources humaines en santé). Elle souhaite documenter le cas des transferts entre les deux parties de l'île "
  "comme exemple de coopération entre systèmes de santé différents.",
  people=["p-sherry-henry"], link=True, wg="wg-sante", acts=["act-sante-transfrontaliere", "act-oeco"])
I("int-260226-usm", "2026-02-26 14:00", 90, "meeting", "University of St. Martin : mobilité étudiante et partenariats universitaires",
  "L'USM souhaite accueillir des étudiants de la partie française et envoyer ses étudiants en Nouvelle-Aquitaine. "
  "Obstacles : reconnaissance des crédits, logement, coût des billets. Piste d'un mémorandum USM – Collectivité, "
  "puis d'un accord avec l'Université de Bordeaux.",
  people=["p-tamara-duggins", "p-ricardo-meijer"], tz="America/Lower_Princes",
  place="University of St. Martin, Philipsburg", wg="wg-jeunesse", acts=["act-mobilite-etudiante"])

# ---- March 2026 ------------------------------------------------------------------------------------------------------

I("int-260303-oeco-appel", "2026-03-03 09:15", 25, "call", "Appel de la Commission de l'OECO : coopération santé avec Sint Maarten",
  "Mme Henry annonce que l'OECO peut financer un atelier régional sur les évacuations sanitaires et propose d'y "
  "présenter le cas Saint-Martin / Sint Maarten. Elle demande un contact au centre hospitalier de Marigot.",
  people=["p-sherry-henry"], wg="wg-sante", acts=["act-sante-transfrontaliere"])
I("int-260305-sante-philipsburg", "2026-03-05 09:00", 180, "meeting",
  "Réunion de travail santé transfrontalière CHLCF / SMMC / ministère VSA",
  "Première réunion du groupe de travail restreint. Accord sur le périmètre d'une convention cadre (transferts "
  "programmés et urgences), sur un circuit unique de demande et sur un comité de suivi semestriel. Points ouverts : "
  "prise en charge financière (CGSS, SZV), transport sanitaire au passage de la frontière, partage du dossier "
  "patient. Le CHLCF rédige une première trame.",
  people=["p-kimberly-petit", "p-loic-rogers", "p-dennis-wilson", "p-shermina-bakker", "p-joanne-van-dijk"],
  tz="America/Lower_Princes", place="Sint Maarten Medical Center, Cay Hill", wg="wg-sante",
  acts=["act-sante-transfrontaliere"])
I("int-260310-copil-t1", "2026-03-10 09:00", 120, "meeting", "Comité de pilotage de la feuille de route de coopération régionale (1er trimestre)",
  "Revue des 24 actions de la feuille de route. Avancées : comité mixte relancé, DAECT en préparation, visite à "
  "l'OECO en cours d'organisation. Points d'attention : protocole eau, veille sanitaire avec la CARPHA. La DGS "
  "demande un tableau de bord trimestriel.",
  people=["p-cedric-daniel", "p-steeve-connor", "p-valerie-peterson", "p-marie-josee-chance"],
  parts=["editrice", "validateur", "lecteur"], place=HOTEL, acts=["act-comite-mixte", "act-registre"])
I("int-260312-aec-tourisme", "2026-03-12 10:00", 60, "video", "AEC : préparation de la réunion technique sur le tourisme durable",
  "L'AEC invite la Collectivité à la réunion technique régionale sur le tourisme durable prévue à San José les 15 et "
  "16 juin, et lui propose de présenter une expérience de tourisme solidaire. Proposition : la coopérative "
  "Baie-Orientale Découverte.",
  people=["p-curtis-henry", "p-tricia-mondesir"], tz="America/Port_of_Spain", link=True, acts=["act-aec"])
I("int-260317-sargasses", "2026-03-17 09:00", 120, "meeting", "Sargasses et milieux marins : coopération Réserve naturelle / Nature Foundation",
  "Échange sur les échouements de sargasses de la saison et sur le suivi des herbiers. La Réserve naturelle et la "
  "Nature Foundation proposent un protocole commun de comptage et un partage mensuel des données, et demandent un "
  "appui de la Collectivité pour une candidature Interreg en 2027.",
  people=["p-marie-josee-duzant", "p-rudy-questel", "p-claudette-duggins"],
  place="Réserve naturelle nationale de Saint-Martin", wg="wg-risques", acts=["act-sargasses"])
I("int-260319-caricom-info", "2026-03-19 08:40", None, "email", "Demande d'information de la CARICOM sur la coopération des territoires français",
  "Le secrétariat de la CARICOM prépare une note sur les dispositifs de coopération des collectivités françaises "
  "de la Caraïbe et demande une contribution écrite de Saint-Martin (compétences, instances, projets en cours) "
  "avant le 17 avril.",
  people=["p-winston-henry"], acts=["act-caricom"])
I("int-260324-daect-paris", "2026-03-24 10:00", 90, "meeting", "Mission à Paris : entretien à la DAECT",
  "Présentation du projet ESS Saint-Martin – Nouvelle-Aquitaine avant dépôt. La DAECT suggère de renforcer le volet "
  "réciprocité et d'associer un partenaire de Sint Maarten. La rédactrice Caraïbes du ministère rappelle l'intérêt "
  "du Quai d'Orsay pour la relance du comité mixte.",
  people=["p-caroline-lambert", "p-mamadou-blanchard", "p-ines-blanchard"], parts=["editrice", "validateur"],
  tz="Europe/Paris", place="MEAE, 27 rue de la Convention, Paris 15e", wg="wg-ess-na", acts=["act-daect"])
I("int-260324-afd-paris", "2026-03-24 15:00", 90, "meeting", "Mission à Paris : entretien à l'AFD (FICOL, eau et assainissement)",
  "L'AFD présente la Facilité de financement des collectivités territoriales (FICOL). Un projet d'eau "
  "transfrontalier poserait la question de la maîtrise d'ouvrage côté Sint Maarten ; l'AFD conseille d'attendre la "
  "signature du protocole d'entraide avant toute candidature.",
  people=["p-helene-fontaine", "p-hugo-colin"], parts=["editrice", "validateur"], tz="Europe/Paris",
  place="AFD, 5 rue Roland Barthes, Paris 12e", acts=["act-ficol", "act-eau-transfrontaliere"])
I("int-260325-cuf-caraibes", "2026-03-25 09:30", 180, "meeting", "Mission à Paris : groupe pays Caraïbes de Cités Unies France",
  "Réunion des collectivités françaises engagées dans la Caraïbe (Guadeloupe, Martinique, Guyane, Nouvelle-Aquitaine, "
  "Saint-Martin). Échanges sur Haïti, sur l'OECO et l'AEC, sur les appels à projets 2026. La Région "
  "Nouvelle-Aquitaine et la Collectivité présentent leur accord-cadre en préparation.",
  people=["p-karim-lefevre", "p-laure-darrigrand", "p-alex-contout", "p-jean-marc-pinel", "p-sylvie-toussaint"],
  parts=["editrice", "validateur"], tz="Europe/Paris", place="Cités Unies France, 9 rue Christiani, Paris 18e",
  acts=["act-convention-na"])
I("int-260331-reemploi-atelier", "2026-03-31 09:00", 180, "meeting", "Atelier de montage du projet transfrontalier de réemploi (Interreg Caraïbes)",
  "Recyclo'Île et la Stichting Philipsburg Recycling arrêtent l'architecture du projet : collecte des encombrants "
  "réemployables des deux côtés, atelier de réparation commun, boutique solidaire à Marigot, sensibilisation dans "
  "les écoles. Budget prévisionnel de 780 000 euros sur trois ans. L'animatrice Interreg relit le plan de "
  "financement.",
  people=["p-gwladys-brooks", "p-maeva-questel", "p-elaine-pantophlet", "p-claudette-arrindell",
          "p-sylvie-celestine"], place="Recyclo'Île, Galisbay", wg="wg-transfrontalier",
  acts=["act-dechets-reemploi", "act-interreg"])

# ---- April 2026 ------------------------------------------------------------------------------------------------------

I("int-260402-crna-texte", "2026-04-02 10:00", 40, "call", "Accord-cadre Saint-Martin – Nouvelle-Aquitaine : premier projet de texte",
  "La Région adresse un premier projet d'accord-cadre 2026-2029 en quatre volets. La Collectivité souhaite ajouter la "
  "coopération hospitalière avec le CHU de Bordeaux et la mobilité étudiante. Retour attendu fin mai après avis du "
  "service juridique.",
  people=["p-laure-darrigrand"], wg="wg-ess-na", acts=["act-convention-na"])
I("int-260407-comite-mixte", "2026-04-07 09:00", 240, "meeting", "Comité mixte de coopération Saint-Martin / Sint Maarten : 1re session 2026",
  "Première session plénière depuis 2024, en présence des deux délégations et de la Préfecture. Conclusions : "
  "protocole d'entraide eau à finaliser avant la saison cyclonique, groupe de travail santé confirmé et mandaté "
  "pour une convention de transfert de patients, soutien conjoint au projet de réemploi Interreg, exercice cyclonique "
  "le 28 mai, diagnostic des mobilités à lancer en 2027. Prochaine session en décembre à Marigot.",
  people=["p-julian-bakker", "p-gracita-bakker", "p-joanne-van-dijk", "p-louis-marie-lake", "p-loic-romney",
          "p-hubert-arnell", "p-kimberly-petit", "p-dennis-wilson"], parts=["editrice", "validateur", "lecteur"],
  place=HOTEL + ", salle des délibérations", wg="wg-transfrontalier",
  acts=["act-comite-mixte", "act-eau-transfrontaliere", "act-sante-transfrontaliere", "act-dechets-reemploi",
        "act-mobilites"], vis="public")
I("int-260409-cdema", "2026-04-09 10:00", 60, "video", "CDEMA : accès de Saint-Martin aux formations régionales",
  "La CDEMA peut ouvrir ses formations (gestion des abris, évaluation rapide des dégâts) à des agents de la "
  "Collectivité, en lien avec la Préfecture. Le calendrier 2026-2027 sera transmis en août.",
  people=["p-desmond-sealy"], link=True, wg="wg-risques", acts=["act-cdema"])
I("int-260414-eeasm-protocole", "2026-04-14 14:00", 120, "meeting", "Protocole d'entraide eau : points techniques avec l'EEASM",
  "Relecture technique du projet de protocole : trois points d'interconnexion possibles, dont un seul utilisable sans "
  "travaux ; procédure d'alerte ; partage mensuel des analyses. L'EEASM rédige la note technique annexée.",
  people=["p-hubert-arnell"], place="EEASM, Marigot", wg="wg-transfrontalier", acts=["act-eau-transfrontaliere"])
I("int-260416-carpha-veille", "2026-04-16 10:00", 60, "video", "CARPHA : veille épidémiologique dengue et arboviroses",
  "La CARPHA propose d'intégrer Saint-Martin à l'échange mensuel des données de surveillance des arboviroses. Le "
  "circuit des données passe par l'ARS ; une convention d'échange est nécessaire.",
  people=["p-desmond-henry", "p-sherry-bynoe", "p-loic-rogers"], link=True, wg="wg-sante",
  acts=["act-veille-sanitaire"])
I("int-260421-dla", "2026-04-21 09:30", 90, "meeting", "DLA de Saint-Martin : articulation avec les projets de coopération ESS",
  "La nouvelle chargée de mission DLA présente son plan d'action. Deux structures engagées dans des coopérations "
  "(Recyclo'Île, Ressourcerie de Concordia) pourraient bénéficier d'un accompagnement collectif sur la fonction "
  "employeur.",
  people=["p-kimberly-connor", "p-rudy-rogers"], place="Direction du développement économique, Marigot",
  wg="wg-ess-na", acts=["act-ess-na"])
I("int-260423-milango", "2026-04-23 08:00", 60, "video", "Milango : programme de la mission à San José",
  "Le volontaire de Milango basé à San José propose un programme autour de la réunion de l'AEC : INFOCOOP, "
  "Municipalidad de San José, coopérative de tourisme rural Montes del Sol. Réunion à 8 h à San José (10 h à "
  "Marigot).",
  people=["p-yolande-arnell", "p-francois-peyrot"], tz="America/Costa_Rica", link=True, acts=["act-aec"])
I("int-260428-regate", "2026-04-28 17:00", 90, "meeting", "Régate de l'amitié des jeunes : organisation",
  "Date arrêtée au 30 mai, départ de Simpson Bay, arrivée à Marigot. 40 jeunes attendus des deux côtés ; "
  "encadrement par la fondation et par l'Œuvre des jeunes de Quartier-d'Orléans. La Collectivité prend en charge "
  "le transport et le repas.",
  people=["p-patricia-ledee", "p-franklyn-van-dijk", "p-julian-priest"], place="Œuvre des jeunes, Quartier-d'Orléans",
  wg="wg-jeunesse", acts=["act-voile-jeunes"])
I("int-260429-interreg-depot", "2026-04-29 16:30", None, "email", "Dépôt du dossier Interreg du projet transfrontalier de réemploi",
  "Recyclo'Île confirme le dépôt de son dossier sur la plateforme du programme, avec la lettre de soutien de la "
  "Collectivité et celle du Government of Sint Maarten.",
  people=["p-gwladys-brooks", "p-sylvie-celestine"], acts=["act-interreg", "act-dechets-reemploi"])
I("int-260430-ambassade-cr", "2026-04-30 13:10", None, "email", "Appui de l'Ambassade de France au Costa Rica à la mission de juin",
  "L'attachée de coopération propose un entretien à l'Ambassade le 17 juin et met la Collectivité en relation avec "
  "la Municipalidad de San José.",
  people=["p-mariela-hernandez"], acts=["act-aec"])

# ---- May 2026: visit of the President to the OECS ----------------------------------------------------------------------

I("int-260505-exercice-planif", "2026-05-05 09:00", 120, "meeting", "Exercice cyclonique conjoint : réunion de planification finale",
  "Validation du chronogramme de l'exercice du 28 mai, des messages d'alerte bilingues et des moyens de "
  "communication de secours. La CDEMA suivra l'exercice en observateur à distance.",
  people=["p-felix-sainte-rose", "p-ricardo-visser", "p-louis-marie-lake", "p-desmond-sealy"],
  parts=["editrice", "validateur"], place="Préfecture, Marigot", wg="wg-risques", acts=["act-exercice-cyclone"])
I("int-260507-oeco-visite", "2026-05-07 10:00", 60, "video", "Préparation de la visite du Président au siège de l'OECO",
  "Programme arrêté pour le 18 mai : entretien avec le Directeur général, séance de travail avec les unités "
  "intégration régionale et santé, point presse. L'OECO proposera un projet de protocole d'accord de coopération.",
  people=["p-cheryl-edwards", "p-anthony-clarke"], link=True, acts=["act-oeco"])
I("int-260512-amb-sl", "2026-05-12 11:00", 30, "call", "Ambassade de France à Sainte-Lucie : programme et protocole de la visite",
  "L'attaché de coopération régionale confirme un déjeuner de travail à la Résidence le 18 mai et demande la liste "
  "de la délégation et les informations de vol.",
  people=["p-jason-mohammed"], acts=["act-oeco"])
I("int-260518-oeco-castries", "2026-05-18 10:00", 150, "meeting", "Visite du Président de la Collectivité à la Commission de l'OECO",
  "Entretien avec la direction de la Commission puis séance de travail avec les unités intégration régionale et "
  "santé. Sujets : participation de Saint-Martin aux programmes de l'OECO, libre circulation, évacuations "
  "sanitaires, résilience. L'OECO remettra sous un mois un projet de protocole d'accord de coopération.",
  people=["p-anthony-clarke", "p-cheryl-edwards", "p-sherry-henry", "p-kervin-clarke", "p-jason-mohammed"],
  parts=["editrice", "validateur"], tz="America/Puerto_Rico",
  place="Siège de la Commission de l'OECO, Morne Fortune, Castries", acts=["act-oeco", "act-sante-transfrontaliere"],
  vis="public")
I("int-260519-soufriere", "2026-05-19 09:00", 180, "visit", "Visite de la Soufrière Community Fishers Cooperative",
  "Visite de la coopérative et de sa halle de débarquement. Intérêt pour un échange avec la coopérative des "
  "marins-pêcheurs de Grand-Case sur la chaîne du froid et la commercialisation.",
  people=["p-desmond-gittens", "p-ravi-henry"], parts=["editrice", "validateur"], tz="America/Puerto_Rico",
  place="Soufrière, Sainte-Lucie", acts=["act-oeco", "act-ess-na"])
I("int-260528-exercice", "2026-05-28 07:30", 540, "meeting", "Exercice conjoint de préparation à la saison cyclonique",
  "Exercice en deux postes de commandement (Marigot, Philipsburg) avec la Croix-Rouge française (PIRAC), la Red "
  "Cross Sint Maarten et la Préfecture, la CDEMA en observateur. Les messages d'alerte ont circulé en moins de "
  "quinze minutes ; la liaison radio de secours a échoué pendant une heure.",
  people=["p-felix-sainte-rose", "p-manuella-rosine", "p-ricardo-visser", "p-louis-marie-lake", "p-desmond-sealy"],
  parts=["editrice", "validateur"], place="Poste de commandement, Préfecture, Marigot", wg="wg-risques",
  acts=["act-exercice-cyclone"], vis="public")
I("int-260530-regate", "2026-05-30 08:00", 480, "visit", "Régate de l'amitié des jeunes Saint-Martin / Sint Maarten",
  "46 jeunes de 11 à 17 ans, 12 embarcations, départ de Simpson Bay, arrivée à la baie de Marigot. Remise des prix "
  "par le Président et par le ministre de la Jeunesse de Sint Maarten.",
  people=["p-franklyn-van-dijk", "p-julian-priest", "p-patricia-ledee"], place="Baie de Marigot",
  wg="wg-jeunesse", acts=["act-voile-jeunes"], vis="public")

# ---- June 2026: San José --------------------------------------------------------------------------------------------

I("int-260602-retex-exercice", "2026-06-02 09:00", 120, "meeting", "Retour d'expérience de l'exercice cyclonique conjoint",
  "Points forts : circulation rapide des alertes, bonne coordination des abris. À corriger : liaison radio de "
  "secours, annuaire de crise incomplet côté Sint Maarten, absence d'interprète au poste de Philipsburg.",
  people=["p-felix-sainte-rose", "p-ricardo-visser", "p-louis-marie-lake"], parts=["editrice", "validateur"],
  place="Préfecture, Marigot", wg="wg-risques", acts=["act-exercice-cyclone"])
I("int-260604-crna-volets", "2026-06-04 10:00", 60, "video", "Accord-cadre : volets ESS et jeunesse",
  "Travail sur les fiches actions ESS et jeunesse de l'accord-cadre. La Région propose de financer deux mobilités "
  "d'acteurs de l'ESS par an et d'ouvrir son dispositif de mobilité internationale aux étudiants de l'USM inscrits "
  "en double diplôme.",
  people=["p-laure-darrigrand", "p-mathieu-darrigrand"], link=True, wg="wg-ess-na",
  acts=["act-convention-na", "act-ess-na"])
I("int-260610-grand-case", "2026-06-10 15:00", 30, "call", "Mise en relation de la coopérative de Grand-Case avec la coopérative de Soufrière",
  "La gérante de la coopérative de Grand-Case est intéressée par une visite d'échange à Sainte-Lucie ; elle "
  "demande si Interreg peut financer les déplacements.",
  people=["p-marie-josee-peterson"], acts=["act-ess-na"])
I("int-260615-aec-sanjose", "2026-06-15 09:00", 480, "meeting", "Réunion technique régionale de l'AEC sur le tourisme durable",
  "Deux jours de travaux avec les délégations des États membres et membres associés. Présentation de la coopérative "
  "Baie-Orientale Découverte comme exemple de tourisme solidaire insulaire. Recommandations : indicateurs communs de "
  "tourisme durable, formation des guides, promotion multi-destinations.",
  people=["p-tricia-mondesir", "p-curtis-henry", "p-maria-jose-zuniga"], tz="America/Costa_Rica",
  place="San José, Costa Rica", acts=["act-aec"])
I("int-260616-infocoop", "2026-06-16 09:30", 120, "meeting", "Rencontre avec l'INFOCOOP",
  "Présentation du mouvement coopératif costaricien et des outils de financement de l'INFOCOOP. Intérêt pour des "
  "échanges entre coopératives de tourisme et de pêche ; l'INFOCOOP adressera une lettre d'intention.",
  people=["p-wendy-salazar", "p-fernando-quesada", "p-francois-peyrot"], tz="America/Costa_Rica",
  place="INFOCOOP, San José", acts=["act-aec", "act-ess-na"])
I("int-260616-muni-sj", "2026-06-16 14:30", 90, "meeting", "Entretien avec la Municipalidad de San José",
  "La municipalité s'intéresse aux échanges entre villes de la Caraïbe et d'Amérique centrale sur la gestion des "
  "déchets et le tourisme urbain. Pas d'engagement à ce stade ; contact à entretenir via Milango.",
  people=["p-maria-jose-zuniga", "p-francois-peyrot"], tz="America/Costa_Rica", place="Municipalidad de San José",
  acts=["act-aec"])
I("int-260617-ambassade-cr", "2026-06-17 09:00", 60, "meeting", "Entretien à l'Ambassade de France au Costa Rica",
  "Point sur la présence française dans les instances de l'AEC et sur les programmes de coopération régionale. "
  "L'Ambassade relaiera les appels à projets du Fonds de coopération régionale.",
  people=["p-mariela-hernandez"], tz="America/Costa_Rica", place="Ambassade de France au Costa Rica, San José",
  acts=["act-aec"])
I("int-260617-montes-del-sol", "2026-06-17 13:00", 240, "visit", "Visite de la coopérative de tourisme rural Montes del Sol",
  "Visite des hébergements et des sentiers gérés par la coopérative. Modèle de gouvernance et de répartition des "
  "revenus intéressant pour Baie-Orientale Découverte ; proposition d'un échange de guides en 2027.",
  people=["p-johnny-castro", "p-francois-peyrot"], tz="America/Costa_Rica", place="Coopérative Montes del Sol, Costa Rica",
  acts=["act-aec", "act-ess-na"])
I("int-260623-copil-s1", "2026-06-23 09:00", 120, "meeting", "Comité de pilotage de la feuille de route (1er semestre)",
  "Bilan du semestre : exercice cyclonique réalisé, régate réalisée, DAECT déposé, visite à l'OECO réalisée. En "
  "retard : protocole eau, veille sanitaire. Décision de préparer la mission à Bordeaux pour la signature de "
  "l'accord-cadre en octobre.",
  people=["p-cedric-daniel", "p-steeve-connor", "p-valerie-peterson"], parts=["editrice", "validateur", "lecteur"],
  place=HOTEL, acts=["act-comite-mixte", "act-convention-na", "act-eau-transfrontaliere", "act-veille-sanitaire"])
I("int-260625-oeco-suites", "2026-06-25 10:00", 45, "video", "OECO : suites de la visite du Président",
  "L'OECO a adressé le projet de protocole d'accord le 12 juin. Échange sur les domaines retenus (santé, résilience, "
  "libre circulation, statistiques) et sur le calendrier : signature souhaitée avant la fin de l'année.",
  people=["p-cheryl-edwards"], link=True, acts=["act-oeco"])
I("int-260630-carpha-dengue", "2026-06-30 15:45", None, "email", "CARPHA : alerte dengue et partage des données de surveillance",
  "La CARPHA signale une hausse des cas de dengue dans plusieurs États de la sous-région et rappelle sa proposition "
  "d'échange mensuel de données. Message transmis au CHLCF et à la délégation territoriale de l'ARS.",
  people=["p-sherry-bynoe"], wg="wg-sante", acts=["act-veille-sanitaire"])

# ---- July 2026 ------------------------------------------------------------------------------------------------------

I("int-260702-convention-v2", "2026-07-02 09:00", 150, "meeting", "Convention de transfert de patients : relecture de la version 2",
  "Relecture article par article de la version 2. Accord sur le circuit de demande, le rôle des médecins "
  "régulateurs et le comité de suivi. Désaccord sur la facturation des transports sanitaires ; chaque partie "
  "consulte son assureur (CGSS, SZV).",
  people=["p-kimberly-petit", "p-dennis-wilson", "p-shermina-bakker"], place="CHLCF, Concordia", wg="wg-sante",
  acts=["act-sante-transfrontaliere"])
I("int-260707-gt-ess", "2026-07-07 10:00", 120, "video", "Groupe de travail ESS et international de SO Coopération (séance de juillet)",
  "Séance consacrée aux échanges entre territoires. Présentation du Collectif ESS des Îles du Nord. La CRESS "
  "Nouvelle-Aquitaine propose trois structures en miroir (recyclerie, coopérative de pêche, SCOP numérique). "
  "Calendrier : premières visites croisées au premier semestre 2027.",
  people=["p-claire-chabrol", "p-jerome-guerin", "p-nicolas-gaillard", "p-valerie-hodge"], link=True,
  wg="wg-ess-na", acts=["act-ess-na"])
I("int-260709-cepalc-donnees", "2026-07-09 10:20", None, "email", "CEPALC : transmission des données pour le profil statistique",
  "Envoi à la CEPALC des séries disponibles (population, emploi, tourisme, commerce extérieur) et des liens vers "
  "les publications de l'INSEE et de l'IEDOM. Les données de Sint Maarten sont transmises directement par son "
  "département des statistiques.",
  people=["p-nadia-mondesir"], acts=["act-cepalc"])
I("int-260715-bordeaux-caraibes", "2026-07-15 11:00", 60, "video", "Association Bordeaux–Caraïbes Solidaires : la diaspora saint-martinoise à Bordeaux",
  "L'association fédère des étudiants et des familles originaires des Antilles et de Saint-Martin. Elle propose une "
  "rencontre avec la délégation lors de la mission d'octobre et un appui à l'accueil des étudiants en mobilité.",
  people=["p-pauline-chabrol", "p-celine-darrigrand"], link=True, wg="wg-ess-na",
  acts=["act-convention-na", "act-mobilite-etudiante"])
I("int-260716-volontaire-bilan", "2026-07-16 14:00", 60, "meeting", "Bilan à mi-parcours du volontariat de réciprocité",
  "Mme Ellis présente ses réalisations à ESS France Outre-mer (cartographie des coopérations, préparation du forum "
  "ESS). Points d'amélioration : logement, accès au réseau de la Collectivité. Accord pour préparer une seconde "
  "mission en 2027.",
  people=["p-alicia-ellis", "p-jordan-petit"], place="ESS France Outre-mer, Marigot", wg="wg-jeunesse",
  acts=["act-volontariat"])
I("int-260721-sxm-dechets", "2026-07-21 10:00", 90, "meeting", "Déchets et réemploi transfrontaliers : point avec le Government of Sint Maarten",
  "Sint Maarten confirme son soutien au projet de réemploi et annonce un courrier du ministère VROMI sur les "
  "transferts de déchets entre les deux parties de l'île (réglementation, contrôles).",
  people=["p-julian-bakker", "p-elaine-pantophlet"], tz="America/Lower_Princes", place=GAB,
  wg="wg-transfrontalier", acts=["act-dechets-reemploi"])
I("int-260723-dla-collectif", "2026-07-23 09:00", 150, "meeting", "Accompagnement collectif DLA des structures ESS engagées dans des coopérations",
  "Lancement d'un accompagnement collectif sur la fonction employeur pour quatre structures : Recyclo'Île, "
  "Ressourcerie de Concordia, Culture Soualiga Arts, Collectif ESS des Îles du Nord. La Collectivité présente les "
  "financements de coopération mobilisables.",
  people=["p-kimberly-connor", "p-valerie-hodge", "p-cedric-hodge", "p-helene-carty", "p-gwladys-brooks"],
  place="Kaz'Innov, Marigot", wg="wg-ess-na", acts=["act-ess-na"])
I("int-260728-afd-ficol", "2026-07-28 10:00", 30, "call", "FICOL : décision de ne pas déposer de candidature en 2026",
  "Après échange avec l'AFD, la direction décide de ne pas déposer : la maîtrise d'ouvrage transfrontalière n'est "
  "pas réglée et le protocole d'entraide n'est pas signé. Le volet eau sera porté par le protocole puis par une "
  "candidature Interreg.",
  people=["p-hugo-colin"], parts=["editrice", "validateur"], acts=["act-ficol"])
I("int-260730-interreg-instruction", "2026-07-30 10:00", 60, "video", "Instruction du dossier Interreg de réemploi : demandes de compléments",
  "L'instructeur demande des compléments : devis de l'atelier de réparation, lettre d'engagement du partenaire de "
  "Sint Maarten, précisions sur les indicateurs de tonnage réemployé.",
  people=["p-raphael-sainte-rose", "p-gwladys-brooks"], link=True, acts=["act-interreg", "act-dechets-reemploi"])

# ---- August 2026 ----------------------------------------------------------------------------------------------------

I("int-260804-pref-cyclone", "2026-08-04 09:00", 60, "meeting", "Point de situation sur la saison cyclonique",
  "Vérification des mesures issues du retour d'expérience : annuaire de crise mis à jour, liaison radio de secours "
  "testée avec la Red Cross Sint Maarten, interprète désigné pour le poste de Philipsburg.",
  people=["p-louis-marie-lake", "p-ricardo-visser"], place="Préfecture, Marigot", wg="wg-risques",
  acts=["act-exercice-cyclone"])
I("int-260811-oeco-atelier", "2026-08-11 10:00", 60, "video", "Préparation de l'atelier régional de l'OECO sur les évacuations sanitaires",
  "L'OECO organise en octobre un atelier à distance sur les évacuations sanitaires. Le CHLCF présentera le circuit "
  "de transfert en préparation avec le SMMC.",
  people=["p-sherry-henry", "p-kimberly-petit"], link=True, wg="wg-sante", acts=["act-sante-transfrontaliere"])
I("int-260818-univ-bordeaux", "2026-08-18 10:00", 60, "video", "Mobilité étudiante USM – Université de Bordeaux",
  "Premier échange à trois. L'Université de Bordeaux propose un semestre d'échange en gestion et en tourisme ; "
  "l'USM adressera son projet de mémorandum à la Collectivité début septembre.",
  people=["p-agnes-larrieu", "p-tamara-duggins"], link=True, wg="wg-jeunesse", acts=["act-mobilite-etudiante"])
I("int-260825-crna-mission", "2026-08-25 10:00", 60, "video", "Programme de la mission à Bordeaux et signature de l'accord-cadre",
  "Signature fixée au 13 octobre à l'Hôtel de Région. Programme : SO Coopération, CRESS, CHU, Université de "
  "Bordeaux, rencontre avec la diaspora, CdA de La Rochelle. Délégation de quatre personnes.",
  people=["p-laure-darrigrand", "p-bastien-rousseau"], link=True, wg="wg-ess-na", acts=["act-convention-na"])

# ---- September 2026: hurricane season, Port of Spain, Santo Domingo --------------------------------------------------

I("int-260903-ess-om", "2026-09-03 15:00", 30, "call", "ESS France Outre-mer : forum ESS des Îles du Nord",
  "ESS France Outre-mer prépare un forum de l'ESS en novembre et invite la Collectivité à présenter les coopérations "
  "en cours avec la Nouvelle-Aquitaine.",
  people=["p-jordan-petit", "p-jermaine-beauperthuy"], wg="wg-ess-na", acts=["act-ess-na"])
I("int-260908-veille-tempete", "2026-09-08 07:00", 60, "call", "Cellule de veille : tempête tropicale au nord des Petites Antilles",
  "Audioconférence de veille. Passage prévu de la tempête à 150 km au nord de l'île dans la nuit ; vigilance orange. "
  "Activation de l'échange d'informations avec Sint Maarten, pré-positionnement de la PIRAC, abris prêts. "
  "Connexion internet instable à Philipsburg : bascule sur le téléphone satellite pour le point de 18 h.",
  people=["p-louis-marie-lake", "p-ricardo-visser", "p-desmond-sealy", "p-felix-sainte-rose"],
  parts=["editrice", "validateur"], wg="wg-risques", acts=["act-cdema", "act-exercice-cyclone"])
I("int-260910-retex-tempete", "2026-09-10 09:00", 60, "meeting", "Après la tempête : échange d'informations avec Sint Maarten",
  "Dégâts limités (coupures d'électricité, routes inondées à Sandy Ground et à Cole Bay). L'échange d'informations "
  "a fonctionné ; la Préfecture souhaite un protocole écrit d'échange en alerte cyclonique.",
  people=["p-louis-marie-lake", "p-ricardo-visser", "p-julian-bakker"], place="Préfecture, Marigot",
  wg="wg-risques", acts=["act-cdema"])
I("int-260915-cepalc-pos", "2026-09-15 09:00", 420, "meeting", "Réunion technique de la CEPALC sur les statistiques des petits territoires caribéens",
  "Réunion des instituts et services statistiques des territoires non indépendants de la Caraïbe. Présentation de "
  "l'avancement du profil statistique de Saint-Martin ; la CEPALC adressera le projet pour relecture en novembre.",
  people=["p-jason-francis", "p-nadia-mondesir", "p-valentina-valenzuela"], tz="America/Port_of_Spain",
  place="CEPALC, siège sous-régional pour les Caraïbes, Port of Spain", acts=["act-cepalc"])
I("int-260916-aec-pos", "2026-09-16 10:00", 60, "meeting", "Entretien au Secrétariat de l'AEC",
  "Échange sur la participation des membres associés aux comités spéciaux et sur l'invitation de la Collectivité au "
  "prochain Conseil des ministres. Le Secrétariat suggère une note sur la place de Saint-Martin dans la délégation "
  "française.",
  people=["p-curtis-henry"], tz="America/Port_of_Spain", place="Secrétariat de l'AEC, Port of Spain",
  acts=["act-aec"])
I("int-260922-santo-domingo", "2026-09-22 09:00", 450, "meeting", "Séminaire régional sur la coopération décentralisée et l'ESS",
  "Séminaire organisé avec l'appui de l'AFD en République dominicaine et de l'IDECOOP. Présentation de l'accord-cadre "
  "Saint-Martin – Nouvelle-Aquitaine et du projet de réemploi. Intérêt du réseau Quisqueya pour des échanges avec le "
  "Collectif ESS des Îles du Nord.",
  people=["p-milagros-polanco", "p-manuel-guzman", "p-patricia-reyes", "p-yanet-polanco"],
  tz="America/Santo_Domingo", place="Saint-Domingue, République dominicaine", acts=["act-ess-na"])
I("int-260923-idecoop", "2026-09-23 09:30", 120, "visit", "Visite de l'IDECOOP",
  "Présentation du cadre légal des coopératives dominicaines et des programmes de formation de l'IDECOOP. Proposition "
  "d'accueillir une délégation de coopératives de Saint-Martin en 2027.",
  people=["p-patricia-reyes"], tz="America/Santo_Domingo", place="IDECOOP, Saint-Domingue", acts=["act-ess-na"])
I("int-260929-interreg-comite", "2026-09-29 16:00", None, "email", "Comité de programmation Interreg : projet de réemploi retenu",
  "L'autorité de gestion annonce que le projet transfrontalier de réemploi a été programmé par le comité du 29 "
  "septembre ; notification officielle à suivre.",
  people=["p-sabine-democrite", "p-gwladys-brooks"], acts=["act-interreg", "act-dechets-reemploi"])

# ---- October 2026: mission to Bordeaux and La Rochelle ----------------------------------------------------------------

I("int-261001-prep-bordeaux", "2026-10-01 09:00", 90, "meeting", "Préparation de la mission à Bordeaux",
  "Validation du programme, des éléments de langage pour la signature et du budget de la mission (quatre personnes, "
  "cinq jours). Cadeaux protocolaires et dossier de presse à finaliser.",
  people=["p-steeve-connor", "p-cedric-daniel"], parts=["editrice", "validateur"], place=SERVICE,
  acts=["act-convention-na"])
I("int-261006-oeco-atelier", "2026-10-06 10:00", 180, "video", "Atelier régional de l'OECO sur les évacuations sanitaires",
  "Le CHLCF et le SMMC présentent ensemble le circuit de transfert en préparation. L'OECO propose d'en faire un cas "
  "d'étude régional et d'organiser un atelier en présentiel à Castries en février 2027.",
  people=["p-sherry-henry", "p-kimberly-petit", "p-dennis-wilson"], link=True, wg="wg-sante",
  acts=["act-sante-transfrontaliere", "act-oeco"])
I("int-261013-crna-signature", "2026-10-13 11:00", 90, "meeting", "Signature de l'accord-cadre de coopération 2026-2029 avec la Région Nouvelle-Aquitaine",
  "Signature par les deux Présidents à l'Hôtel de Région, en présence de la presse. L'accord porte sur l'ESS, la "
  "jeunesse et la mobilité, la santé et la résilience ; un comité technique annuel en assure le suivi, le premier "
  "se réunira fin novembre.",
  people=["p-bastien-rousseau", "p-laure-darrigrand", "p-mathieu-darrigrand"], parts=["editrice", "validateur"],
  tz="Europe/Paris", place="Hôtel de Région, Bordeaux", wg="wg-ess-na", acts=["act-convention-na"], vis="public")
I("int-261013-socoop", "2026-10-13 15:00", 120, "meeting", "Rencontre avec SO Coopération : GT ESS et 1 % solidaire",
  "SO Coopération présente l'accompagnement qu'elle peut offrir aux collectivités de Nouvelle-Aquitaine qui "
  "voudraient coopérer avec Saint-Martin, notamment au titre du 1 % solidaire déchets. Piste : CdA de La Rochelle "
  "et Recyclo'Île.",
  people=["p-sophie-guerin", "p-jerome-guerin", "p-anne-sophie-diallo", "p-claire-chabrol"],
  parts=["editrice", "validateur"], tz="Europe/Paris", place="Bordeaux", wg="wg-ess-na",
  acts=["act-ess-na", "act-1pc-dechets"])
I("int-261014-cress-na", "2026-10-14 09:30", 120, "meeting", "CRESS Nouvelle-Aquitaine : programme d'échanges ESS",
  "Choix des binômes pour 2027 : Recyclo'Île et la Recyclerie du Marais poitevin, la coopérative de pêche de "
  "Grand-Case et Pêcheurs Atlantique Solidaires, l'École numérique solidaire et la SCOP Atelier numérique libre.",
  people=["p-claire-chabrol", "p-nicolas-gaillard", "p-bastien-darrigrand"], parts=["editrice"],
  tz="Europe/Paris", place="CRESS Nouvelle-Aquitaine, Bordeaux", wg="wg-ess-na", acts=["act-ess-na"])
I("int-261014-chu-bordeaux", "2026-10-14 14:30", 90, "meeting", "CHU de Bordeaux : formations et télé-expertise pour le CHLCF",
  "Le CHU de Bordeaux propose des stages de courte durée pour les soignants du CHLCF et une télé-expertise en "
  "cardiologie et en néphrologie. Proposition écrite à suivre.",
  people=["p-sophie-hourcade"], parts=["editrice", "validateur"], tz="Europe/Paris", place="CHU de Bordeaux",
  wg="wg-sante", acts=["act-sante-transfrontaliere", "act-convention-na"])
I("int-261015-univ-bordeaux", "2026-10-15 10:00", 90, "meeting", "Université de Bordeaux : mobilité étudiante",
  "Accord pour un programme pilote de mobilité en 2027 avec l'USM (semestre d'échange) et pour l'accueil d'étudiants "
  "saint-martinois en licence. Logement : appui de Bordeaux–Caraïbes Solidaires.",
  people=["p-agnes-larrieu"], parts=["editrice"], tz="Europe/Paris", place="Université de Bordeaux, Talence",
  wg="wg-jeunesse", acts=["act-mobilite-etudiante"])
I("int-261015-diaspora", "2026-10-15 18:00", 120, "meeting", "Rencontre avec la diaspora saint-martinoise de Bordeaux",
  "Une soixantaine de participants : étudiants, familles, associations. Demandes : accompagnement des étudiants à "
  "leur arrivée, information sur les emplois à Saint-Martin, lien avec les services de la Collectivité.",
  people=["p-pauline-chabrol", "p-celine-darrigrand", "p-jerome-bernard"], parts=["editrice", "validateur"],
  tz="Europe/Paris", place="Salle municipale, Bordeaux", wg="wg-jeunesse", acts=["act-mobilite-etudiante"],
  vis="public")
I("int-261016-la-rochelle", "2026-10-16 10:00", 120, "meeting", "CdA de La Rochelle : projet 1 % solidaire déchets avec Recyclo'Île",
  "La CdA de La Rochelle est prête à étudier un projet au titre du 1 % solidaire déchets : appui technique à la "
  "filière de réemploi et formation. Note d'intention à déposer au premier trimestre 2027, avec l'appui de SO "
  "Coopération.",
  people=["p-peio-benali", "p-guillaume-nguyen"], parts=["editrice"], tz="Europe/Paris",
  place="Communauté d'agglomération, La Rochelle", wg="wg-ess-na", acts=["act-1pc-dechets"])
I("int-261022-debrief-mission", "2026-10-22 09:00", 90, "meeting", "Retour de mission à Bordeaux : débriefing",
  "Débriefing interne : engagements pris à chaque rendez-vous, suites à donner, coûts réels de la mission. La "
  "chargée de mission rédige le rapport de mission.",
  people=["p-steeve-connor"], parts=["editrice", "validateur"], place=SERVICE,
  acts=["act-convention-na", "act-ess-na"])
I("int-261027-convention-arbitrages", "2026-10-27 14:00", 120, "meeting", "Convention de transfert de patients : arbitrages financiers",
  "Propositions d'arbitrage : chaque assureur prend en charge les soins de ses assurés, le transport sanitaire est "
  "facturé par l'établissement qui l'organise ; bilan financier au comité de suivi. Les deux directions doivent "
  "valider avant le comité mixte de décembre.",
  people=["p-joanne-van-dijk", "p-dennis-wilson", "p-kimberly-petit"], tz="America/Lower_Princes",
  place="Ministry of Public Health, Social Development and Labour, Philipsburg", wg="wg-sante",
  acts=["act-sante-transfrontaliere"])
I("int-261029-chambres", "2026-10-29 10:00", 90, "meeting", "Chambres consulaires : salon transfrontalier des entreprises",
  "La CCISM et la Chamber of Commerce de Sint Maarten proposent un salon transfrontalier des entreprises en avril "
  "2027, avec un espace pour les structures de l'ESS.",
  people=["p-cynthia-boirard", "p-glenroy-boasman"], place="CCISM, Marigot", wg="wg-transfrontalier",
  acts=["act-comite-mixte"])

# ---- November 2026 --------------------------------------------------------------------------------------------------

I("int-261103-oeco-calendrier", "2026-11-03 10:00", 45, "video", "OECO : protocole d'accord et calendrier 2027",
  "L'OECO relance sur le projet de protocole d'accord, sans réponse de la Collectivité depuis juin. La Collectivité "
  "explique que la relecture juridique est en cours et propose un calendrier de signature au premier trimestre 2027.",
  people=["p-cheryl-edwards"], link=True, acts=["act-oeco"])
I("int-261105-comite-mixte-prep2", "2026-11-05 09:00", 180, "meeting", "Comité mixte : préparation de la session du 3 décembre",
  "Ordre du jour proposé : convention de transfert de patients (pour approbation), protocole eau (état de la "
  "validation juridique), projet de réemploi (démarrage), salon transfrontalier des entreprises, diagnostic des "
  "mobilités.",
  people=["p-julian-bakker", "p-gracita-bakker", "p-loic-romney"], tz="America/Lower_Princes", place=GAB,
  wg="wg-transfrontalier", acts=["act-comite-mixte", "act-sante-transfrontaliere", "act-eau-transfrontaliere"])
I("int-261110-reemploi-demarrage", "2026-11-10 09:00", 150, "meeting", "Démarrage du projet transfrontalier de réemploi",
  "Réunion de lancement après la convention d'attribution FEDER : recrutement du coordinateur, calendrier des "
  "premiers achats, comité de pilotage trimestriel. La Collectivité siège au comité de pilotage.",
  people=["p-sylvie-celestine", "p-gwladys-brooks", "p-elaine-pantophlet"], place="Recyclo'Île, Galisbay",
  wg="wg-transfrontalier", acts=["act-dechets-reemploi", "act-interreg"])
I("int-261112-france-volontaires", "2026-11-12 10:00", 60, "video", "Second volontaire de réciprocité en 2027",
  "France Volontaires valide le principe d'une mission de douze mois à partir de mars 2027 au Collectif ESS des Îles "
  "du Nord. Fiche de mission attendue avant la mi-décembre.",
  people=["p-ines-lambert"], link=True, wg="wg-jeunesse", acts=["act-volontariat"])
I("int-261117-gt-ess", "2026-11-17 10:00", 120, "video", "Groupe de travail ESS et international de SO Coopération (séance de novembre)",
  "Point sur les binômes choisis à Bordeaux, calendrier des visites 2027, recherche de financements (Région, "
  "DAECT, Erasmus+ pour les salariés). Présentation du projet 1 % solidaire déchets avec la CdA de La Rochelle.",
  people=["p-claire-chabrol", "p-jerome-guerin", "p-valerie-hodge", "p-peio-benali"], link=True, wg="wg-ess-na",
  acts=["act-ess-na", "act-1pc-dechets"])
I("int-261119-aec-conseil", "2026-11-19 09:10", None, "email", "Invitation au Conseil des ministres de l'AEC",
  "Le Secrétariat de l'AEC transmet l'invitation au prochain Conseil des ministres et demande la composition de la "
  "délégation avant le 4 décembre.",
  people=["p-curtis-henry"], acts=["act-aec"])
I("int-261120-pref-comite", "2026-11-20 09:00", 90, "meeting", "Préparation du comité mixte du 3 décembre avec la Préfecture",
  "Point sur la position de l'État sur la convention de transfert de patients et sur le protocole eau ; la "
  "Préfecture demande que le relevé de conclusions mentionne l'exercice cyclonique 2027.",
  people=["p-louis-marie-lake"], parts=["editrice", "validateur"], place="Préfecture, Marigot",
  wg="wg-transfrontalier", acts=["act-comite-mixte"])

# ---- Planned: from 23 November 2026 to February 2027 ------------------------------------------------------------------

I("int-261124-chlcf-relecture", "2026-11-24 14:00", 90, "meeting", "Relecture finale de la convention de transfert de patients",
  "Ordre du jour prévu : intégration des arbitrages financiers, annexes (circuit de demande, fiche de liaison), "
  "calendrier de signature.",
  people=["p-kimberly-petit", "p-loic-rogers"], place="CHLCF, Concordia", wg="wg-sante",
  acts=["act-sante-transfrontaliere"])
I("int-261126-crna-comite", "2026-11-26 10:00", 90, "video", "Premier comité technique de l'accord-cadre avec la Région Nouvelle-Aquitaine",
  "Ordre du jour prévu : programme d'actions 2027, mobilités ESS, mobilité étudiante, projet 1 % solidaire "
  "déchets, budget. Réunion à 10 h à Marigot, 15 h à Bordeaux.",
  people=["p-laure-darrigrand", "p-mathieu-darrigrand"], link=True, wg="wg-ess-na",
  acts=["act-convention-na", "act-ess-na"])
I("int-261203-comite-mixte", "2026-12-03 09:00", 240, "meeting", "Comité mixte de coopération Saint-Martin / Sint Maarten : 2e session 2026",
  "Ordre du jour prévu : approbation de la convention de transfert de patients, protocole eau, démarrage du projet "
  "de réemploi, salon transfrontalier des entreprises, exercice cyclonique 2027, diagnostic des mobilités.",
  people=["p-julian-bakker", "p-gracita-bakker", "p-joanne-van-dijk", "p-louis-marie-lake", "p-loic-romney"],
  parts=["editrice", "validateur", "lecteur"], place=HOTEL + ", salle des délibérations", wg="wg-transfrontalier",
  acts=["act-comite-mixte", "act-sante-transfrontaliere", "act-eau-transfrontaliere", "act-mobilites"])
I("int-261208-oeco-bilan", "2026-12-08 10:00", 60, "video", "OECO : bilan 2026 et programme 2027",
  "Ordre du jour prévu : protocole d'accord, atelier de Castries sur les évacuations sanitaires, calendrier 2027.",
  people=["p-cheryl-edwards", "p-anthony-clarke"], link=True, acts=["act-oeco"])
I("int-261210-copil-bilan", "2026-12-10 09:00", 150, "meeting", "Comité de pilotage de la feuille de route : bilan annuel 2026",
  "Ordre du jour prévu : bilan des 24 actions, indicateurs, priorités 2027, budget de la coopération.",
  people=["p-cedric-daniel", "p-steeve-connor", "p-valerie-peterson", "p-marie-josee-chance"],
  parts=["editrice", "validateur", "lecteur"], place=HOTEL, acts=["act-comite-mixte", "act-registre"])
I("int-270114-pref-2027", "2027-01-14 09:00", 90, "meeting", "Coordination État / Collectivité : programme de coopération régionale 2027",
  "Ordre du jour prévu : calendrier 2027, exercice cyclonique, protocole d'échange d'informations en alerte.",
  people=["p-louis-marie-lake"], parts=["editrice", "validateur"], place="Préfecture, Marigot",
  acts=["act-comite-mixte", "act-cdema"])
I("int-270121-reemploi-copil", "2027-01-21 10:00", 120, "meeting", "Comité de pilotage du projet transfrontalier de réemploi",
  "Ordre du jour prévu : recrutement du coordinateur, premiers indicateurs, communication.",
  people=["p-gwladys-brooks", "p-elaine-pantophlet", "p-sylvie-celestine"], place="Recyclo'Île, Galisbay",
  wg="wg-transfrontalier", acts=["act-dechets-reemploi"])
I("int-270204-delegation-na", "2027-02-04 09:00", 480, "visit", "Accueil d'une délégation de la Région Nouvelle-Aquitaine à Saint-Martin",
  "Programme prévu : séance de travail à l'Hôtel de la Collectivité, visite de Recyclo'Île et de Kaz'Innov, "
  "rencontre avec le Collectif ESS des Îles du Nord, passage à l'University of St. Martin.",
  people=["p-laure-darrigrand", "p-mathieu-darrigrand", "p-claire-chabrol"], parts=["editrice", "validateur"],
  place=HOTEL, wg="wg-ess-na", acts=["act-convention-na", "act-ess-na"])
I("int-270218-oeco-castries", "2027-02-18 09:00", 420, "meeting", "Atelier régional de l'OECO sur les évacuations sanitaires",
  "Atelier prévu à Castries ; présentation conjointe CHLCF / SMMC du circuit de transfert de patients.",
  people=["p-sherry-henry", "p-kimberly-petit", "p-dennis-wilson"], parts=["editrice"], tz="America/Puerto_Rico",
  place="Siège de la Commission de l'OECO, Castries", wg="wg-sante",
  acts=["act-sante-transfrontaliere", "act-oeco"])

# ---- Letters, calls and emails in between (the list is sorted by date on output) ------------------------------------

I("int-251222-crna-avenant", "2025-12-22 10:00", None, "letter", "Échange de lettres avec la Région Nouvelle-Aquitaine : avenant de prorogation de l'accord-cadre",
  "Retour à la Région de l'avenant de prorogation signé par le Président : l'accord-cadre 2021-2025 est prolongé "
  "jusqu'au 30 juin 2026, le temps de négocier le nouvel accord.",
  people=["p-bastien-rousseau"], parts=["validateur"], wg="wg-ess-na", acts=["act-convention-na"])
I("int-260121-ccism-interreg", "2026-01-21 15:30", 30, "call", "CCISM : entreprises intéressées par Interreg Caraïbes",
  "La CCISM signale deux entreprises intéressées par des partenariats avec Sint Maarten (logistique verte, énergie "
  "solaire). Proposition de les orienter vers la permanence Interreg de février.",
  people=["p-cynthia-boirard"], acts=["act-interreg"])
I("int-260128-sxm-lettre", "2026-01-28 09:00", None, "letter", "Échange de lettres avec le Government of Sint Maarten sur la réunion préparatoire du comité mixte",
  "Réponse de la Collectivité à l'invitation du Department of Foreign Relations : la délégation technique (coopération, "
  "EEASM, CHLCF) participera à la réunion préparatoire du 5 février à Philipsburg.",
  people=["p-gracita-bakker"], parts=["editrice", "validateur"], wg="wg-transfrontalier", acts=["act-comite-mixte"])
I("int-260408-oeco-lettre", "2026-04-08 09:00", None, "letter", "Échange de lettres avec l'OECO : acceptation de l'invitation au siège de la Commission",
  "Le Président accepte l'invitation du Directeur général de l'OECO et propose la date du 18 mai ; composition de la "
  "délégation jointe.",
  people=["p-anthony-clarke"], parts=["editrice", "validateur"], acts=["act-oeco"])
I("int-260414-caricom-contribution", "2026-04-14 11:00", None, "letter", "Contribution écrite de la Collectivité à la note de la CARICOM",
  "Envoi de la contribution demandée en mars : statut et compétences de la Collectivité, instances de coopération, "
  "projets en cours avec Sint Maarten et l'OECO.",
  people=["p-winston-henry"], parts=["editrice", "validateur"], acts=["act-caricom"])
I("int-260526-oeco-remerciements", "2026-05-26 09:00", None, "letter", "Lettre de remerciements du Président à l'OECO",
  "Remerciements pour l'accueil du 18 mai et confirmation de l'intérêt de la Collectivité pour un protocole d'accord "
  "de coopération.",
  people=["p-anthony-clarke"], parts=["editrice", "validateur"], acts=["act-oeco"])
I("int-260724-infocoop-lettre", "2026-07-24 09:00", None, "letter", "Échange de lettres avec l'INFOCOOP",
  "Réponse à la lettre d'intention de l'INFOCOOP : la Collectivité propose un premier échange entre coopératives de "
  "tourisme en 2027, avec l'appui de Milango.",
  people=["p-wendy-salazar"], parts=["editrice", "validateur"], acts=["act-aec", "act-ess-na"])
I("int-260820-pirac", "2026-08-20 10:30", 30, "call", "PIRAC : stocks pré-positionnés pour la saison cyclonique",
  "La PIRAC confirme le pré-positionnement de kits d'abri et de purification d'eau en Guadeloupe, mobilisables pour "
  "les Îles du Nord sous 48 heures.",
  people=["p-manuella-rosine"], wg="wg-risques", acts=["act-cdema"])
I("int-260921-vromi-reponse", "2026-09-21 09:00", None, "letter", "Réponse au ministère VROMI sur les transferts de déchets entre les deux parties de l'île",
  "La Collectivité répond au courrier d'août : accord pour un groupe de travail réglementaire, en lien avec la "
  "Préfecture et les douanes, avant le démarrage du projet de réemploi.",
  people=["p-julian-bakker"], parts=["editrice", "validateur"], wg="wg-transfrontalier",
  acts=["act-dechets-reemploi"])
I("int-261008-la-rochelle-univ", "2026-10-08 10:00", 60, "video", "La Rochelle Université : littoral, risques côtiers et mobilité",
  "La Rochelle Université propose d'associer l'USM et la Réserve naturelle à un programme de recherche sur "
  "l'érosion côtière et d'accueillir des étudiants en master. Rendez-vous pris pendant la mission.",
  people=["p-yann-diallo"], link=True, wg="wg-jeunesse", acts=["act-mobilite-etudiante", "act-sargasses"])
I("int-261102-chu-proposition", "2026-11-02 08:30", None, "email", "Proposition écrite du CHU de Bordeaux pour le CHLCF",
  "Le CHU de Bordeaux adresse sa proposition de stages et de télé-expertise ; transmise au CHLCF pour avis.",
  people=["p-sophie-hourcade", "p-kimberly-petit"], wg="wg-sante", acts=["act-sante-transfrontaliere"])
I("int-261113-banque-territoires", "2026-11-13 11:00", 40, "call", "Banque des Territoires : financement du local de l'atelier de réemploi",
  "La Banque des Territoires peut étudier un prêt pour l'aménagement du local de l'atelier de réparation, en "
  "complément du FEDER. Dossier à constituer par Recyclo'Île.",
  people=["p-julie-girard"], acts=["act-dechets-reemploi"])
I("int-261118-usm-relance", "2026-11-18 16:00", 20, "call", "USM : relance sur le projet de mémorandum",
  "L'USM relance sur le mémorandum adressé en septembre. Réponse : relecture juridique en cours, retour avant le "
  "comité technique avec la Région.",
  people=["p-tamara-duggins"], wg="wg-jeunesse", acts=["act-mobilite-etudiante"])
I("int-261127-forum-ess", "2026-11-27 09:00", 420, "visit", "Forum de l'ESS des Îles du Nord",
  "Participation prévue : table ronde sur les coopérations ESS avec la Nouvelle-Aquitaine et la Caraïbe, avec le "
  "Collectif ESS des Îles du Nord et ESS France Outre-mer.",
  people=["p-jordan-petit", "p-valerie-hodge", "p-alicia-ellis"], place="Marigot", wg="wg-ess-na",
  acts=["act-ess-na"], vis="public")

# =====================================================================================================================
# Follow-ups (state as of Saturday 21 November 2026)
# =====================================================================================================================

FOLLOWUPS = []
_IX = {}


def _interaction(k):
    if not _IX:
        _IX.update({i["key"]: i for i in INTERACTIONS})
    if k not in _IX:
        raise SystemExit("gen-activity: unknown interaction %r" % k)
    return _IX[k]


def F(inter, title, due, status, owner="editrice", people=None, orgs=None, details=None, wg=None, acts=None):
    r = dict(key="fu-%03d" % (len(FOLLOWUPS) + 1), title=title, owner=owner, due_date=due, status=status)
    ix = _interaction(inter) if inter else None
    if ix:
        r["interaction"] = inter
    if people is None:
        people = ix["people"][:2] if ix else []
    r["organizations"] = merge([org(o) for o in orgs or []], orgs_of(people))
    r["people"] = [person(p) for p in people]
    w = wg or (ix or {}).get("working_group")
    if w:
        r["working_group"] = w
    a = acts if acts is not None else (ix or {}).get("roadmap_actions", [])[:2]
    if a:
        r["roadmap_actions"] = list(a)
    if details:
        r["details"] = details
    r["visibility"] = "internal"
    FOLLOWUPS.append(r)
    return r


# ---- done -----------------------------------------------------------------------------------------------------------
F("int-251205-oeco-calendrier", "Communiquer à l'OECO le nom du nouveau point focal technique", "2026-01-16", "done",
  owner="validateur", details="Courrier COM-SM/DGS/COOP/2026-007 du 14 janvier.")
F("int-251209-crna-accord", "Faire signer l'avenant de prorogation de l'accord-cadre par le Président", "2025-12-22",
  "done", owner="validateur")
F("int-260108-passation", "Récupérer les tableaux de suivi et la liste de contacts du prédécesseur", "2026-01-16",
  "done", details="Reçus le 12 janvier ; contacts saisis dans l'annuaire, doublons fusionnés.")
F("int-260115-sxm-courtoisie", "Arrêter avec Sint Maarten la date de la réunion technique préparatoire du comité mixte",
  "2026-01-23", "done", people=["p-gracita-bakker"])
F("int-260120-chlcf-etat", "Constituer le groupe de travail restreint CHLCF / SMMC / ministère VSA", "2026-02-20",
  "done", people=["p-kimberly-petit", "p-dennis-wilson", "p-joanne-van-dijk"])
F("int-260203-cepalc-profil", "Envoyer à la CEPALC l'inventaire des sources statistiques disponibles", "2026-03-06",
  "done", details="Envoyé le 12 mars avec la réponse au questionnaire, avec une semaine de retard.")
F("int-260217-daect-aap", "Monter le dossier DAECT avec la Région Nouvelle-Aquitaine", "2026-04-15", "done",
  people=["p-laure-darrigrand"], orgs=["daect"])
F("int-260303-oeco-appel", "Mettre l'OECO en relation avec la responsable des coopérations hospitalières du CHLCF",
  "2026-03-06", "done", people=["p-sherry-henry", "p-kimberly-petit"],
  details="Courriel de mise en relation envoyé le 3 mars ; premier échange entre elles le 5 mars.")
F("int-260305-sante-philipsburg", "Rédiger avec le CHLCF une première trame de convention de transfert de patients",
  "2026-04-30", "done", people=["p-kimberly-petit"])
F("int-260319-caricom-info", "Préparer la contribution écrite demandée par la CARICOM", "2026-04-17", "done")
F("int-260331-reemploi-atelier", "Rédiger la lettre de soutien de la Collectivité au projet de réemploi", "2026-04-27",
  "done", people=["p-gwladys-brooks", "p-sylvie-celestine"])
F("int-260407-comite-mixte", "Diffuser le relevé de conclusions signé du comité mixte", "2026-04-24", "done",
  people=["p-julian-bakker", "p-louis-marie-lake"])
F("int-260507-oeco-visite", "Préparer les éléments de langage du Président pour la visite à Castries", "2026-05-13",
  "done", people=[])
F("int-260518-oeco-castries", "Adresser la lettre de remerciements du Président à l'OECO", "2026-05-29", "done",
  people=["p-anthony-clarke"])
F("int-260519-soufriere", "Mettre en relation la coopérative de Soufrière et la coopérative des marins-pêcheurs de "
  "Grand-Case", "2026-06-30", "done", people=["p-desmond-gittens", "p-marie-josee-peterson"])
F("int-260602-retex-exercice", "Mettre à jour l'annuaire de crise partagé avec Sint Maarten", "2026-06-30", "done",
  people=["p-ricardo-visser", "p-louis-marie-lake"])
F("int-260615-aec-sanjose", "Transmettre à l'AEC la fiche d'expérience sur la coopérative Baie-Orientale Découverte",
  "2026-07-15", "done", people=["p-tricia-mondesir", "p-thierry-chance"])
F("int-260616-infocoop", "Répondre à la lettre d'intention de l'INFOCOOP", "2026-07-31", "done",
  people=["p-wendy-salazar"])
F("int-260730-interreg-instruction", "Faire transmettre par Recyclo'Île les compléments demandés par l'instructeur",
  "2026-08-21", "done")
F("int-260825-crna-mission", "Réserver les vols et l'hébergement de la délégation à Bordeaux", "2026-09-18", "done",
  people=[], details="Quatre billets Saint-Martin – Paris – Bordeaux, hôtel à proximité de l'Hôtel de Région.")
F("int-261013-crna-signature", "Publier le communiqué conjoint sur la signature de l'accord-cadre", "2026-10-16",
  "done", people=["p-laure-darrigrand"])
F("int-261014-chu-bordeaux", "Transmettre au CHLCF la proposition de formations du CHU de Bordeaux", "2026-11-06",
  "done", people=["p-sophie-hourcade", "p-kimberly-petit"])
F("int-261022-debrief-mission", "Rédiger le rapport de la mission à Bordeaux", "2026-10-23", "done", people=[])
F("int-261112-france-volontaires", "Identifier la structure d'accueil du second volontaire de réciprocité", "2026-12-11",
  "done", people=["p-ines-lambert", "p-valerie-hodge"], details="Le Collectif ESS des Îles du Nord accueillera la "
  "mission à partir de mars 2027.")
F("int-260929-interreg-comite", "Préparer la réunion de démarrage du projet de réemploi", "2026-11-10", "done")

# ---- cancelled ------------------------------------------------------------------------------------------------------
F("int-260324-afd-paris", "Étudier l'éligibilité d'un projet d'eau transfrontalier à la FICOL", "2026-06-30",
  "cancelled", owner="validateur", details="Sans objet depuis la décision du 28 juillet de ne pas déposer en 2026.")
F("int-260325-cuf-caraibes", "Proposer une session Caraïbes aux prochaines rencontres de Cités Unies France",
  "2026-09-30", "cancelled", people=["p-karim-lefevre"], details="Le programme des rencontres était déjà arrêté.")
F("int-260616-muni-sj", "Proposer un échange thématique sur les déchets à la Municipalidad de San José", "2026-10-30",
  "cancelled", details="Pas de suite côté municipalité ; contact maintenu par Milango.")

# ---- overdue on 21 November 2026 ------------------------------------------------------------------------------------
F("int-260317-sargasses", "Organiser l'échange mensuel des données d'échouement de sargasses", "2026-06-30",
  "in_progress", details="Protocole de comptage arrêté ; le partage des fichiers n'a commencé que côté Réserve.")
F("int-260407-comite-mixte", "Finaliser le protocole d'entraide eau avec le Government of Sint Maarten", "2026-09-30",
  "in_progress", people=["p-julian-bakker", "p-hubert-arnell"],
  details="Texte technique arrêté en juin ; validation juridique attendue côté Sint Maarten (relancé le 5 novembre).",
  acts=["act-eau-transfrontaliere"])
F("int-260416-carpha-veille", "Obtenir l'accord de l'ARS sur la convention d'échange de données avec la CARPHA",
  "2026-07-31", "open", people=["p-sherry-bynoe", "p-loic-rogers"])
F("int-260518-oeco-castries", "Instruire le projet de protocole d'accord proposé par l'OECO", "2026-09-30",
  "in_progress", owner="validateur", people=["p-cheryl-edwards"],
  details="Projet reçu le 12 juin ; relecture du service juridique demandée sur la clause d'engagements financiers.")
F("int-260818-univ-bordeaux", "Répondre à l'USM sur son projet de mémorandum de mobilité étudiante", "2026-10-15",
  "open", people=["p-tamara-duggins"])
F("int-260908-veille-tempete", "Proposer à la Préfecture un protocole écrit d'échange d'information en alerte "
  "cyclonique", "2026-11-15", "in_progress", people=["p-louis-marie-lake", "p-ricardo-visser"])
F("int-260910-retex-tempete", "Répondre à la Préfecture sur le bilan de la saison cyclonique 2026", "2026-11-20",
  "open", people=["p-louis-marie-lake"], details="Demande PREF-SBSM/CAB/SIDPC/2026-201 du 6 novembre.")
F("int-261006-oeco-atelier", "Diffuser la synthèse de l'atelier de l'OECO au CHLCF et au SMMC", "2026-10-30", "open",
  people=["p-kimberly-petit", "p-dennis-wilson"])
F("int-261013-socoop", "Transmettre à SO Coopération la fiche projet « 1 % solidaire déchets »", "2026-11-20",
  "in_progress", people=["p-anne-sophie-diallo"])

# ---- due in the coming days -----------------------------------------------------------------------------------------
F("int-261027-convention-arbitrages", "Soumettre au Président les arbitrages financiers de la convention de transfert "
  "de patients", "2026-11-23", "open", owner="validateur", people=["p-kimberly-petit"])
F("int-261103-oeco-calendrier", "Proposer à l'OECO un calendrier de signature du protocole d'accord", "2026-11-24",
  "open", owner="validateur")
F("int-261105-comite-mixte-prep2", "Envoyer l'ordre du jour consolidé du comité mixte à Sint Maarten", "2026-11-24",
  "in_progress", people=["p-gracita-bakker"])
F("int-261105-comite-mixte-prep2", "Réserver la salle des délibérations et l'interprétation pour le 3 décembre",
  "2026-11-25", "open", people=[])
F("int-260903-ess-om", "Préparer l'intervention de la Collectivité au forum de l'ESS des Îles du Nord", "2026-11-25",
  "in_progress", people=["p-jordan-petit"])
F("int-261013-crna-signature", "Installer le comité technique de l'accord-cadre avec la Région", "2026-11-26",
  "in_progress", people=["p-laure-darrigrand", "p-mathieu-darrigrand"])
F("int-261117-gt-ess", "Finaliser le compte rendu du GT ESS et international de novembre", "2026-11-26",
  "in_progress", people=["p-claire-chabrol"])
F("int-260916-aec-pos", "Rédiger une note sur la place de Saint-Martin dans les instances de l'AEC", "2026-11-27",
  "open")
F("int-261014-cress-na", "Organiser une visio entre Recyclo'Île et la Recyclerie du Marais poitevin", "2026-11-27",
  "open", people=["p-gwladys-brooks", "p-antoine-larrieu"])
F("int-261006-oeco-atelier", "Confirmer à l'OECO la participation du CHLCF et du SMMC à l'atelier de Castries",
  "2026-11-27", "open", people=["p-sherry-henry"], details="Invitation OECS/HDU/2026/188, réponse attendue le 27 "
  "novembre.")

# ---- later ----------------------------------------------------------------------------------------------------------
F("int-260407-comite-mixte", "Organiser la 2e session 2026 du comité mixte", "2026-12-03", "in_progress",
  owner="validateur", people=["p-julian-bakker"], acts=["act-comite-mixte"])
F("int-260407-comite-mixte", "Lancer le diagnostic partagé des mobilités transfrontalières", "2027-03-31", "open",
  people=["p-gracita-bakker"], acts=["act-mobilites"])
F("int-261105-comite-mixte-prep2", "Préparer le dossier du Président pour le comité mixte", "2026-11-30",
  "in_progress", owner="validateur", people=[])
F("int-261120-pref-comite", "Intégrer l'exercice cyclonique 2027 au projet de relevé de conclusions", "2026-12-01",
  "open")
F("int-261027-convention-arbitrages", "Obtenir la validation des deux directions hospitalières sur les arbitrages",
  "2026-12-01", "in_progress", people=["p-kimberly-petit", "p-dennis-wilson"])
F("int-260915-cepalc-pos", "Relire le projet de profil statistique de Saint-Martin", "2026-12-01", "open",
  people=["p-nadia-mondesir"])
F("int-260915-cepalc-pos", "Obtenir les séries manquantes auprès de l'INSEE et de l'IEDOM", "2026-12-15", "open",
  people=["p-jason-francis"])
F("int-261119-aec-conseil", "Transmettre au Secrétariat de l'AEC la composition de la délégation", "2026-12-04",
  "open", owner="validateur")
F("int-261118-usm-relance", "Faire valider par le service juridique la réponse au mémorandum de l'USM", "2026-12-04",
  "in_progress")
F("int-261113-banque-territoires", "Transmettre à Recyclo'Île la liste des pièces demandées par la Banque des "
  "Territoires", "2026-12-04", "open", people=["p-julie-girard", "p-gwladys-brooks"])
F("int-261112-france-volontaires", "Transmettre à France Volontaires la fiche de mission du second volontaire",
  "2026-12-11", "open", people=["p-ines-lambert", "p-valerie-hodge"])
F("int-261102-chu-proposition", "Recueillir l'avis du CHLCF sur la proposition du CHU de Bordeaux", "2026-12-11",
  "open", people=["p-kimberly-petit"])
F("int-260723-dla-collectif", "Suivre la restitution de l'accompagnement collectif DLA", "2026-12-15", "open",
  people=["p-kimberly-connor"])
F("int-260922-santo-domingo", "Mettre en relation le réseau Quisqueya et le Collectif ESS des Îles du Nord",
  "2026-12-18", "open", people=["p-yanet-polanco", "p-valerie-hodge"])
F("int-261015-diaspora", "Créer une liste de diffusion des Saint-Martinois de Bordeaux", "2026-12-18", "open",
  people=["p-celine-darrigrand"])
F("int-261008-la-rochelle-univ", "Mettre en relation La Rochelle Université, l'USM et la Réserve naturelle",
  "2026-12-18", "open", people=["p-yann-diallo", "p-tamara-duggins", "p-marie-josee-duzant"])
F("int-261016-la-rochelle", "Rédiger la note d'intention « 1 % solidaire déchets » avec la CdA de La Rochelle",
  "2027-01-15", "in_progress", people=["p-peio-benali", "p-anne-sophie-diallo"])
F("int-260409-cdema", "Inscrire trois agents aux formations régionales de la CDEMA", "2027-01-15", "in_progress",
  owner="validateur")
F("int-261110-reemploi-demarrage", "Préparer le premier comité de pilotage du projet de réemploi", "2027-01-21",
  "open")
F("int-261015-univ-bordeaux", "Réunir l'USM et l'Université de Bordeaux sur le programme de mobilité 2027",
  "2027-01-29", "open", people=["p-agnes-larrieu", "p-tamara-duggins"])
F("int-261029-chambres", "Réserver le lieu du salon transfrontalier des entreprises d'avril 2027", "2027-01-29",
  "open")
F("int-260721-sxm-dechets", "Constituer le groupe de travail réglementaire sur les transferts de déchets",
  "2027-01-29", "in_progress", people=["p-julian-bakker"], orgs=["prefecture-sbsm"])
F("int-261015-diaspora", "Étudier avec la Ville de Bordeaux un guichet d'accueil des étudiants saint-martinois",
  "2027-02-26", "open", people=["p-jerome-bernard", "p-pauline-chabrol"])
F("int-261029-chambres", "Associer le Collectif ESS des Îles du Nord au salon transfrontalier", "2027-02-26", "open",
  people=["p-valerie-hodge"])
F("int-261117-gt-ess", "Chercher un financement Erasmus+ pour la mobilité des salariés de l'ESS", "2027-02-26",
  "open", people=["p-claire-chabrol"])
F("int-260923-idecoop", "Étudier l'accueil d'une délégation de coopératives de Saint-Martin par l'IDECOOP",
  "2027-03-31", "open")
F("int-260617-montes-del-sol", "Préparer l'échange de guides entre Montes del Sol et Baie-Orientale Découverte",
  "2027-04-30", "open", people=["p-johnny-castro", "p-thierry-chance"])

# ---- not born from a meeting ----------------------------------------------------------------------------------------
F(None, "Préparer le bilan annuel 2026 de la feuille de route", "2026-12-08", "in_progress",
  acts=["act-registre", "act-comite-mixte"])
F(None, "Mettre à jour la liste de diffusion des notes (DGS, cabinet, services)", "2026-12-31", "open",
  acts=["act-registre"])
F(None, "Renouveler le marché d'interprétation anglais / espagnol", "2027-01-31", "open", owner="validateur",
  acts=[])
F(None, "Former l'assistante de coopération au registre des courriers", "2026-01-30", "done", acts=["act-registre"],
  details="Formation faite le 26 janvier ; le registre est tenu à jour depuis.")
F(None, "Relancer le Government of Sint Maarten sur la réponse au courrier du ministère VROMI", "2026-09-10", "done",
  people=["p-julian-bakker"], wg="wg-transfrontalier", acts=["act-dechets-reemploi"])

# =====================================================================================================================
# Notes: minutes, briefing notes, talking points, information notes, mission reports (Markdown, no HTML)
# =====================================================================================================================

NOTES = []
TZ_LABEL = {"America/Marigot": "heure de Saint-Martin", "America/Lower_Princes": "heure de Sint Maarten",
            "Europe/Paris": "heure de Paris", "America/Costa_Rica": "heure du Costa Rica",
            "America/Port_of_Spain": "heure de Trinité-et-Tobago", "America/Santo_Domingo": "heure de Saint-Domingue",
            "America/Puerto_Rico": "heure de Sainte-Lucie"}
TYPE_LABEL = {"meeting": "Réunion", "call": "Appel téléphonique", "video": "Visioconférence", "visit": "Visite",
              "letter": "Échange de lettres", "email": "Échange de courriels"}


def hm(t):
    return "%d h %s" % (int(t[11:13]), t[14:16])


def head(ix):
    when = fr_long(ix["starts_at"])
    if ix.get("ends_at"):
        when += ", de %s à %s" % (hm(ix["starts_at"]), hm(ix["ends_at"]))
    else:
        when += ", %s" % hm(ix["starts_at"])
    lines = ["- **Date :** %s (%s)" % (when, TZ_LABEL[ix["timezone"]]),
             "- **Nature :** %s" % TYPE_LABEL[ix["type"]]]
    if ix.get("place"):
        lines.append("- **Lieu :** %s" % ix["place"])
    if ix.get("link"):
        lines.append("- **Lien :** %s" % ix["link"])
    lines.append("- **Rédaction :** chargée de mission coopération régionale ; validation : directeur de l'action "
                 "extérieure")
    return "\n".join(lines)


def participants(ix, extra=()):
    lines = ["- %s" % who(p) for p in ix["people"]]
    lines += ["- %s" % x for x in extra]
    mine = [ACCOUNT_LABEL[a] for a in ix["participants"]]
    lines.append("- Pour le service de la coopération régionale : %s" % ", ".join(m.lower() if i else m
                                                                               for i, m in enumerate(mine)))
    return "\n".join(lines)


def suites(ix_key):
    rows = [f for f in FOLLOWUPS if f.get("interaction") == ix_key]
    if not rows:
        return ""
    out = ["| Action | Responsable | Échéance |", "|---|---|---|"]
    for f in rows:
        out.append("| %s | %s | %s |" % (f["title"], ACCOUNT_LABEL[f["owner"]], fr_date(f["due_date"])))
    return "\n".join(out)


def minutes_body(ix_key, sections, extra_people=()):
    ix = _interaction(ix_key)
    parts = ["# Compte rendu : %s" % ix["subject"], head(ix), "## Participants", participants(ix, extra_people)]
    parts.append(sections.strip())
    s = suites(ix_key)
    if s:
        parts += ["## Suites à donner", s]
    return "\n\n".join(parts) + "\n"


def N(key, note_type, date, title, body, interaction=None, people=None, orgs=None, wg=None, acts=None,
      vis="internal"):
    ix = _interaction(interaction) if interaction else None
    r = dict(key=key, title=title, note_type=note_type, date=date, body=body.strip() + "\n", author="editrice",
             validator="validateur")
    if ix:
        r["interaction"] = interaction
    if people is None:
        people = ix["people"] if ix else []
    r["organizations"] = merge([org(o) for o in (orgs or [])], (ix or {}).get("organizations", []) if orgs is None
                               else [], orgs_of(people))
    r["people"] = [person(p) for p in people]
    w = wg or (ix or {}).get("working_group")
    if w:
        r["working_group"] = w
    a = acts if acts is not None else (ix or {}).get("roadmap_actions", [])
    if a:
        r["roadmap_actions"] = list(a)
    r["visibility"] = vis
    NOTES.append(r)
    return r


def action_table(keys):
    out = ["| Action | Pilote | Échéance | Statut | Avancement |", "|---|---|---|---|---|"]
    label = {"planned": "Prévue", "in_progress": "En cours", "done": "Réalisée", "late": "En retard",
             "abandoned": "Abandonnée"}
    acts = {a["key"]: a for a in ACTIONS}
    for k in keys:
        a = acts[k]
        out.append("| %s | %s | %s | %s | %d %% |" % (a["title"], ACCOUNT_LABEL[a["owner"]], fr_date(a["deadline"]),
                                                     label[a["status"]], a["progress"]))
    return "\n".join(out)

# ---- V1 ---------------------------------------------------------------------------------------------------------------
N("note-passation", "information", "2026-01-09", "Note de passation : dossiers en cours du service de la coopération régionale", """
# Note de passation : dossiers en cours

Note établie à la prise de poste de la chargée de mission, à partir de l'entretien du 8 janvier 2026 avec le
précédent chargé de mission et des documents du répertoire partagé.

## Contexte

Le poste est resté vacant du 1er octobre 2025 au 4 janvier 2026. Pendant l'intérim, le directeur de l'action
extérieure a suivi les organisations régionales et M. Loïc Romney la coopération transfrontalière. Une partie de
l'historique des échanges n'existe que dans la messagerie du prédécesseur : les contacts ont été ressaisis dans
l'annuaire partagé.

## Dossiers en cours

| Dossier | Partenaires | État au 9 janvier 2026 | Prochaine étape |
|---|---|---|---|
| Comité mixte Saint-Martin / Sint Maarten | Government of Sint Maarten, Préfecture | En sommeil depuis 2024 | Réunion technique préparatoire début février |
| Convention de transfert de patients | CHLCF, SMMC, ministère VSA | Bloquée sur la prise en charge financière | Groupe de travail restreint |
| Accord-cadre avec la Nouvelle-Aquitaine | Région Nouvelle-Aquitaine | Prorogé jusqu'au 30 juin 2026 | Projet de texte au printemps |
| Protocole d'entraide eau | EEASM, Government of Sint Maarten | Inventaire des interconnexions lancé | Note technique de l'EEASM |
| Projet de réemploi transfrontalier | Recyclo'Île, Philipsburg Recycling | Fiche projet en cours | Dépôt Interreg avant le 30 avril |
| OECO | Commission de l'OECO | Point focal à redésigner | Courrier de désignation |

## Points de vigilance

1. Les courriers des organisations régionales reçus pendant l'intérim ont été enregistrés par l'assistante ; trois
   attendent encore une réponse.
2. Le Government of Sint Maarten a changé d'interlocuteur au Department of Foreign Relations.
3. Les notes et comptes rendus doivent être soumis au directeur de l'action extérieure avant toute diffusion.

## Contacts à privilégier

- OECO : Mme Cheryl Edwards (relations extérieures, territoires français) et Mme Sherry Henry (unité santé).
- Sint Maarten : M. Julian Bakker et Mme Gracita Bakker (Department of Foreign Relations).
- Nouvelle-Aquitaine : Mme Laure Darrigrand (Région), Mme Claire Chabrol (CRESS et SO Coopération).
""", interaction="int-260108-passation", people=["p-jermaine-beauperthuy", "p-steeve-connor", "p-loic-romney"],
  acts=["act-registre", "act-comite-mixte", "act-sante-transfrontaliere"])

# ---- V2 ---------------------------------------------------------------------------------------------------------------
N("note-cr-comite-mixte-prep", "minutes", "2026-02-09", "Compte rendu de la réunion technique préparatoire du comité mixte (5 février 2026)",
  minutes_body("int-260205-comite-mixte-prep", """
## Ordre du jour

1. Relance du comité mixte de coopération et calendrier 2026
2. Ordre du jour de la session plénière
3. Organisation du secrétariat

## Points abordés

### Relance du comité

Les deux parties constatent que le comité ne s'est pas réuni depuis 2024. Elles conviennent de deux sessions
plénières par an, alternativement à Marigot et à Philipsburg, préparées chaque fois par une réunion technique.

### Ordre du jour de la session du 7 avril

- **Eau** : projet de protocole d'entraide entre l'EEASM et le Government of Sint Maarten.
- **Santé** : mandat du groupe de travail sur les transferts de patients.
- **Déchets** : soutien au projet transfrontalier de réemploi présenté à Interreg Caraïbes.
- **Sécurité civile** : exercice conjoint de préparation à la saison cyclonique.
- **Mobilités** : principe d'un diagnostic partagé.

### Secrétariat

La Collectivité assure le secrétariat de la session d'avril ; Sint Maarten celui de la session de décembre. Le
relevé de conclusions sera rédigé en anglais et en français.

## Décisions

1. Session plénière le 7 avril 2026 à Marigot.
2. Un binôme de référents par point de l'ordre du jour.
3. La Préfecture est invitée à chaque séance.
"""), interaction="int-260205-comite-mixte-prep")

# ---- V3 ---------------------------------------------------------------------------------------------------------------
N("note-info-daect", "information", "2026-02-20", "Note d'information : appel à projets 2026 de la DAECT", """
# Note d'information : appel à projets 2026 de la DAECT

## Objet

Présenter l'appel à projets de soutien à la coopération décentralisée du ministère de l'Europe et des Affaires
étrangères (DAECT) et proposer le dépôt d'un projet commun avec la Région Nouvelle-Aquitaine.

## L'appel à projets en bref

| Élément | Contenu |
|---|---|
| Porteur | Collectivité territoriale française, seule ou en consortium |
| Durée | Annuel ou triennal |
| Cofinancement | Jusqu'à 50 % du budget du projet |
| Date limite | 15 avril 2026 |
| Critères | Réciprocité, implication des acteurs du territoire, indicateurs de résultats |

## Proposition

Déposer un projet triennal **« ESS et coopération Saint-Martin – Nouvelle-Aquitaine – Caraïbe »** :

1. échanges entre structures de l'ESS des deux territoires ;
2. appui au Collectif ESS des Îles du Nord et à Kaz'Innov ;
3. ouverture à un partenaire de Sint Maarten (Sint Maarten Social Economy Platform).

La DAECT, consultée le 17 février, confirme l'éligibilité et recommande un chef de file unique.

## Calendrier

- Fin février : accord de principe de la Région Nouvelle-Aquitaine.
- Mars : rédaction, budget, lettres d'engagement.
- 24 mars : présentation à la DAECT lors de la mission à Paris.
- Avant le 15 avril : dépôt.

## Décision sollicitée

Accord du directeur de l'action extérieure pour engager la rédaction avec la Région.
""", people=["p-caroline-lambert", "p-mamadou-blanchard", "p-laure-darrigrand"], orgs=["daect", "region-na"],
  wg="wg-ess-na", acts=["act-daect", "act-ess-na"])

# ---- V4 (returned once, then validated and sent) ----------------------------------------------------------------------
N("note-cr-sante-philipsburg", "minutes", "2026-03-09", "Compte rendu de la réunion santé transfrontalière du 5 mars 2026 (SMMC, Cay Hill)",
  minutes_body("int-260305-sante-philipsburg", """
## Ordre du jour

1. État des lieux des transferts de patients entre les deux parties de l'île
2. Périmètre d'une convention cadre CHLCF / SMMC
3. Prise en charge financière
4. Calendrier

## Points abordés

### État des lieux

Les transferts concernent surtout l'imagerie, la dialyse, la cardiologie et la maternité. Ils reposent aujourd'hui
sur des accords oraux entre services et sur la bonne volonté des équipes. Le SMMC et le CHLCF disposent chacun de
spécialités que l'autre n'a pas : la complémentarité est réelle.

### Périmètre de la convention

- transferts programmés et urgences vitales ;
- circuit unique de demande, avec une fiche de liaison bilingue ;
- comité de suivi semestriel présidé alternativement par chaque établissement.

### Prise en charge financière

Les soins sont pris en charge par la CGSS pour les assurés de la partie française et par SZV pour ceux de Sint
Maarten. Le point dur est le transport sanitaire au passage de la frontière. Chaque établissement consultera son
assureur.

## Décisions

1. Le CHLCF rédige une première trame de convention avant la fin avril.
2. Le ministère VSA désigne un référent juridique.
3. Le cas sera présenté à l'OECO comme exemple de coopération entre systèmes de santé.
"""), interaction="int-260305-sante-philipsburg")

# ---- V5 ---------------------------------------------------------------------------------------------------------------
N("note-cr-copil-t1", "minutes", "2026-03-12", "Compte rendu du comité de pilotage de la feuille de route (10 mars 2026)",
  minutes_body("int-260310-copil-t1", """
## Ordre du jour

1. Avancement des actions de la feuille de route
2. Points d'attention
3. Tableau de bord

## Avancement

- **Comité mixte** : relancé ; réunion technique tenue le 5 février, session plénière fixée au 7 avril.
- **DAECT** : dossier en rédaction avec la Région Nouvelle-Aquitaine, dépôt avant le 15 avril.
- **OECO** : visite du Président au siège de la Commission en préparation pour mai.
- **Santé** : groupe de travail CHLCF / SMMC / ministère VSA installé le 5 mars.

## Points d'attention

1. Le protocole d'entraide eau dépend d'une validation juridique côté Sint Maarten dont le calendrier n'est pas
   connu.
2. L'échange de données de surveillance avec la CARPHA suppose l'accord de l'ARS.
3. Le registre des courriers accuse un retard de transmission sur les courriers reçus pendant l'intérim.

## Décisions

- La DGS demande un tableau de bord trimestriel des actions, extrait de Passerelle.
- Le prochain comité de pilotage se tiendra fin juin.
"""), interaction="int-260310-copil-t1")

# ---- V6 ---------------------------------------------------------------------------------------------------------------
N("note-cr-comite-mixte-1", "minutes", "2026-04-10", "Compte rendu du comité mixte de coopération Saint-Martin / Sint Maarten (7 avril 2026)",
  minutes_body("int-260407-comite-mixte", """
## Ordre du jour

1. Ouverture par le Président de la Collectivité et par le représentant du Government of Sint Maarten
2. Eau potable : protocole d'entraide
3. Santé : transferts de patients
4. Déchets : projet transfrontalier de réemploi
5. Sécurité civile : exercice conjoint
6. Mobilités : diagnostic partagé
7. Prochaine session

## Points abordés

### Eau potable

L'EEASM et les services de Sint Maarten présentent trois points d'interconnexion possibles ; un seul est utilisable
sans travaux. Le protocole prévoit une procédure d'alerte et un partage mensuel des analyses.

### Santé

Le comité confirme le groupe de travail installé le 5 mars et le mandate pour proposer une convention cadre de
transfert de patients avant la fin de l'année.

### Déchets

Les deux parties soutiennent le projet de Recyclo'Île et de la Stichting Philipsburg Recycling, déposé au programme
Interreg Caraïbes.

### Sécurité civile

Exercice conjoint fixé au 28 mai, avec la Croix-Rouge française (PIRAC) et la Red Cross Sint Maarten.

## Relevé de conclusions

| Point | Conclusion | Échéance |
|---|---|---|
| Eau | Protocole d'entraide à finaliser | Avant la saison cyclonique |
| Santé | Convention de transfert de patients | Session de décembre |
| Déchets | Soutien conjoint au projet Interreg | Dépôt au 30 avril |
| Sécurité civile | Exercice conjoint | 28 mai 2026 |
| Mobilités | Diagnostic partagé | 2027 |

La prochaine session se tiendra en décembre 2026 à Marigot.
"""), interaction="int-260407-comite-mixte")

# ---- V7 ---------------------------------------------------------------------------------------------------------------
N("note-edl-castries", "talking_points", "2026-05-12", "Éléments de langage : visite du Président à la Commission de l'OECO (Castries, 18 mai 2026)", """
# Éléments de langage : visite du Président à la Commission de l'OECO

*Castries, lundi 18 mai 2026. Entretien avec la direction de la Commission, puis séance de travail.*

## Messages principaux

1. Saint-Martin est une île caribéenne avant tout : sa population, son économie et ses risques sont ceux de ses
   voisins de l'Est caribéen.
2. La Collectivité souhaite **participer pleinement** aux programmes de l'OECO qui correspondent à ses compétences :
   santé, résilience, libre circulation, statistiques.
3. La coopération avec Sint Maarten, sur une île partagée entre deux États, est un laboratoire utile à toute la
   région.

## Sur la santé

- Remercier l'unité santé pour son intérêt pour le cas des transferts de patients entre le CHLCF et le SMMC.
- Proposer que Saint-Martin et Sint Maarten présentent ensemble ce cas à l'atelier régional sur les évacuations
  sanitaires.

## Sur la résilience

- Rappeler l'expérience d'Irma (2017) et l'exercice conjoint du 28 mai avec Sint Maarten.
- Dire l'intérêt de la Collectivité pour les formations régionales, en lien avec la CDEMA.

## Sur un protocole d'accord

- Accueillir favorablement la proposition d'un protocole d'accord de coopération.
- Préciser que tout engagement financier sera soumis au conseil territorial.

## À éviter

- Tout engagement sur une contribution financière au budget de l'OECO.
- Toute prise de position sur des sujets qui relèvent de la compétence de l'État (diplomatie, défense).

## En anglais, pour l'ouverture

> Saint Martin is a Caribbean island first. We are here to work with the OECS on what matters to our people:
> health, resilience and the free movement of our citizens.
""", people=["p-anthony-clarke", "p-cheryl-edwards", "p-sherry-henry"], orgs=["oecs"], acts=["act-oeco"])

# ---- V8: mission report ---------------------------------------------------------------------------------------------
N("note-rapport-castries", "mission_report", "2026-05-25", "Rapport de mission : visite du Président à l'OECO et à Sainte-Lucie (17-19 mai 2026)", """
# Rapport de mission : Sainte-Lucie, 17-19 mai 2026

## Objet de la mission

Visite officielle du Président de la Collectivité au siège de la Commission de l'OECO, à Castries, à l'invitation
du Directeur général (courrier OECS/DG/2026/014 du 30 mars 2026).

## Délégation

- le Président de la Collectivité ;
- le directeur de l'action extérieure ;
- la chargée de mission coopération régionale ;
- le chef de cabinet.

## Programme

| Date | Heure | Rendez-vous | Lieu |
|---|---|---|---|
| 17 mai | 16 h | Arrivée, briefing de l'Ambassade | Castries |
| 18 mai | 10 h | Entretien avec la direction de la Commission | Morne Fortune |
| 18 mai | 11 h 15 | Séance de travail intégration régionale et santé | Morne Fortune |
| 18 mai | 13 h | Déjeuner de travail | Résidence de France |
| 19 mai | 9 h | Visite de la Soufrière Community Fishers Cooperative | Soufrière |
| 19 mai | 17 h | Retour | Saint-Martin |

## Principaux résultats

1. **Protocole d'accord** : la Commission remettra sous un mois un projet de protocole d'accord de coopération
   (santé, résilience, libre circulation, statistiques).
2. **Santé** : le cas des transferts de patients entre le CHLCF et le SMMC sera présenté à l'atelier régional sur
   les évacuations sanitaires.
3. **Pêche** : la coopérative de Soufrière souhaite un échange avec la coopérative des marins-pêcheurs de Grand-Case.

## Budget

Taux de chancellerie retenu : 1 EUR = 3,10 XCD.

| Poste | Prévu (EUR) | Réalisé (EUR) | Réalisé (XCD) |
|---|---|---|---|
| Billets d'avion (4 personnes) | 2 800 | 2 640 | 8 184 |
| Hébergement (2 nuits) | 1 200 | 1 116 | 3 460 |
| Indemnités journalières | 720 | 720 | 2 232 |
| Transports locaux | 250 | 190 | 589 |
| Cadeaux protocolaires | 200 | 180 | 558 |
| **Total** | **5 170** | **4 846** | **15 023** |

## Suites à donner

- Lettre de remerciements du Président au Directeur général (envoyée le 26 mai).
- Instruction du projet de protocole d'accord dès réception.
- Mise en relation des coopératives de pêche de Soufrière et de Grand-Case.
""", interaction="int-260518-oeco-castries",
  people=["p-anthony-clarke", "p-cheryl-edwards", "p-sherry-henry", "p-jason-mohammed", "p-desmond-gittens"],
  orgs=["oecs", "amb-sainte-lucie", "soufriere-fishers"], acts=["act-oeco"])

# ---- V9 ---------------------------------------------------------------------------------------------------------------
N("note-cr-retex-exercice", "minutes", "2026-06-04", "Compte rendu du retour d'expérience de l'exercice cyclonique conjoint (2 juin 2026)",
  minutes_body("int-260602-retex-exercice", """
## Rappel

L'exercice du 28 mai simulait le passage d'un ouragan de catégorie 4 sur l'île, avec coupure des
télécommunications et afflux de blessés. Deux postes de commandement étaient activés, à Marigot et à Philipsburg.

## Ce qui a fonctionné

- Les messages d'alerte ont circulé entre les deux postes en moins de quinze minutes.
- La coordination des abris avec la PIRAC et la Red Cross Sint Maarten a été fluide.
- Les messages bilingues préparés à l'avance ont été utilisés tels quels.

## Ce qui doit être corrigé

1. La liaison radio de secours a été interrompue pendant une heure : tester le matériel chaque mois pendant la
   saison.
2. L'annuaire de crise côté Sint Maarten était incomplet (trois numéros erronés).
3. Aucun interprète n'était présent au poste de Philipsburg.

## Indicateurs de l'exercice

| Indicateur | Cible | Résultat |
|---|---|---|
| Délai de transmission d'une alerte | 30 minutes | 14 minutes |
| Abris ouverts dans le scénario | 6 | 6 |
| Participants | 60 | 72 |
| Liaison de secours disponible | 100 % | 89 % |
"""), interaction="int-260602-retex-exercice")

# ---- V10 --------------------------------------------------------------------------------------------------------------
N("note-edl-aec", "talking_points", "2026-06-10", "Éléments de langage : réunion technique de l'AEC sur le tourisme durable (San José, 15-16 juin 2026)", """
# Éléments de langage : réunion technique de l'AEC à San José

## Contexte

Réunion technique régionale de l'Association des États de la Caraïbe sur le tourisme durable. La Collectivité y
présente l'expérience de la coopérative Baie-Orientale Découverte.

## Messages

1. Le tourisme est le premier moteur de l'économie de Saint-Martin, des deux côtés de l'île ; sa durabilité est une
   question de survie économique après Irma.
2. Les coopératives de tourisme permettent de garder la valeur ajoutée sur le territoire et d'associer les
   habitants.
3. Saint-Martin propose de partager ses indicateurs de fréquentation et de contribuer à des indicateurs communs à
   l'échelle de l'AEC.

## Présentation de Baie-Orientale Découverte (5 minutes)

- coopérative de guides et de prestataires locaux ;
- sentiers, sorties en mer, découverte de la Réserve naturelle ;
- répartition des revenus entre associés et fonds de formation.

## En espagnol, pour conclure

> San Martín es una isla compartida y abierta. Queremos aprender de Costa Rica y de toda la región para que el
> turismo beneficie primero a nuestra gente.
""", people=["p-tricia-mondesir", "p-curtis-henry", "p-thierry-chance"], orgs=["acs", "baie-orientale-decouverte"],
  acts=["act-aec"])

# ---- V11 --------------------------------------------------------------------------------------------------------------
N("note-cr-aec-sanjose", "minutes", "2026-06-22", "Compte rendu de la réunion technique de l'AEC sur le tourisme durable et des rendez-vous de San José (15-17 juin 2026)",
  minutes_body("int-260615-aec-sanjose", """
## Réunion technique de l'AEC

Une vingtaine de délégations d'États membres et membres associés. Trois recommandations seront soumises au
Comité spécial du tourisme durable :

1. un socle d'indicateurs communs de tourisme durable ;
2. un programme régional de formation des guides ;
3. la promotion de circuits multi-destinations.

La présentation de Baie-Orientale Découverte a suscité l'intérêt du Costa Rica et de la République dominicaine.

## Rendez-vous en marge

- **INFOCOOP** : intérêt pour des échanges entre coopératives de tourisme et de pêche ; lettre d'intention
  annoncée.
- **Municipalidad de San José** : intérêt pour la gestion des déchets urbains, sans engagement.
- **Ambassade de France** : relais des appels à projets régionaux.
- **Coopérative Montes del Sol** : modèle de gouvernance utile pour Baie-Orientale Découverte ; échange de guides
  envisagé en 2027.

## Appréciation

Mission utile : elle installe la Collectivité dans les travaux de l'AEC et ouvre des contacts avec le mouvement
coopératif costaricien, en lien avec le programme Milango.
""", extra_people=["Délégations des États membres et membres associés de l'AEC"]),
  interaction="int-260615-aec-sanjose",
  people=["p-tricia-mondesir", "p-curtis-henry", "p-maria-jose-zuniga", "p-wendy-salazar", "p-johnny-castro"],
  orgs=["acs", "muni-san-jose", "infocoop", "coope-montes-sol"])

# ---- V12 --------------------------------------------------------------------------------------------------------------
N("note-cr-gt-ess-juillet", "minutes", "2026-07-09", "Compte rendu du groupe de travail ESS et international de SO Coopération (7 juillet 2026)",
  minutes_body("int-260707-gt-ess", """
## Ordre du jour

1. Présentation du Collectif ESS des Îles du Nord
2. Structures de Nouvelle-Aquitaine intéressées par des échanges
3. Calendrier et financements

## Points abordés

Le Collectif ESS des Îles du Nord présente ses membres et ses besoins : structuration de la filière réemploi,
commercialisation des produits de la pêche, formation au numérique. La CRESS Nouvelle-Aquitaine propose des
structures en miroir :

| Saint-Martin | Nouvelle-Aquitaine | Thème |
|---|---|---|
| Recyclo'Île | SCIC Recyclerie du Marais poitevin | Réemploi |
| Coopérative des marins-pêcheurs de Grand-Case | Pêcheurs Atlantique Solidaires | Pêche artisanale |
| École numérique solidaire | SCOP Atelier numérique libre | Numérique |

## Décisions

- Le choix définitif des binômes sera fait lors de la mission de la Collectivité à Bordeaux en octobre.
- Les premières visites croisées auront lieu au premier semestre 2027.
- Financements à mobiliser : accord-cadre avec la Région, DAECT, Erasmus+ pour les salariés.
"""), interaction="int-260707-gt-ess")

# ---- V13 (returned once) ---------------------------------------------------------------------------------------------
N("note-info-ficol", "information", "2026-07-30", "Note d'information : report de la candidature à la FICOL de l'AFD", """
# Note d'information : report de la candidature à la FICOL

## Objet

Informer la Direction générale des services de la décision de ne pas déposer en 2026 de candidature à la Facilité
de financement des collectivités territoriales (FICOL) de l'AFD pour un projet d'eau transfrontalier.

## Motifs

1. **Maîtrise d'ouvrage** : un projet d'infrastructure de part et d'autre de la frontière suppose une maîtrise
   d'ouvrage côté Sint Maarten que la FICOL ne peut pas financer en l'état.
2. **Préalable non rempli** : le protocole d'entraide EEASM / Government of Sint Maarten n'est pas signé ; l'AFD
   a conseillé, le 24 mars, d'attendre sa signature.
3. **Calendrier** : le dépôt aurait mobilisé le service au moment de la préparation de la mission à Bordeaux.

## Ce qui reste engagé

- La finalisation du protocole d'entraide eau, inscrite au relevé de conclusions du comité mixte.
- Une candidature Interreg Caraïbes pour les travaux d'interconnexion, à étudier en 2027.

## Conséquence sur la feuille de route

L'action « Candidature à la FICOL de l'AFD » passe au statut **abandonnée**. Son objectif est repris par l'action
sur le protocole d'entraide eau.
""", people=["p-hugo-colin", "p-helene-fontaine"], orgs=["afd"], acts=["act-ficol", "act-eau-transfrontaliere"])

# ---- V14 --------------------------------------------------------------------------------------------------------------
N("note-cr-veille-tempete", "minutes", "2026-09-09", "Compte rendu de la cellule de veille du 8 septembre 2026 (tempête tropicale)",
  minutes_body("int-260908-veille-tempete", """
## Situation

Tempête tropicale attendue à environ 150 km au nord de l'île dans la nuit du 8 au 9 septembre ; vigilance orange
décidée par la Préfecture.

## Mesures prises

1. Activation de l'échange d'informations avec Sint Maarten (points à 7 h, 12 h et 18 h).
2. Pré-positionnement de la PIRAC : kits d'abri et de purification d'eau mobilisables sous 48 heures.
3. Abris prêts à ouvrir ; consignes diffusées en français, en anglais et en espagnol.
4. La CDEMA tient la Collectivité informée de la trajectoire.

## Difficultés

La connexion internet de Philipsburg a été instable : le point de 18 h s'est tenu par téléphone satellite. Les
fiches de situation ont été échangées par SMS.

## Suites

La Préfecture souhaite un protocole écrit d'échange d'information en alerte cyclonique, à présenter au comité mixte.
"""), interaction="int-260908-veille-tempete")

# ---- V15 --------------------------------------------------------------------------------------------------------------
N("note-edl-signature-na", "talking_points", "2026-10-08", "Éléments de langage : signature de l'accord-cadre avec la Région Nouvelle-Aquitaine (Bordeaux, 13 octobre 2026)", """
# Éléments de langage : signature de l'accord-cadre avec la Région Nouvelle-Aquitaine

## Messages du Président

1. Cet accord prolonge dix ans de coopération entre Saint-Martin et la Nouvelle-Aquitaine, et la resserre sur
   quatre volets concrets.
2. Saint-Martin apporte à la Nouvelle-Aquitaine une porte d'entrée vers la Caraïbe ; la Nouvelle-Aquitaine apporte
   à Saint-Martin ses réseaux de l'ESS, ses universités et ses hôpitaux.
3. La réciprocité est la règle : chaque échange doit profiter aux deux territoires.

## Les quatre volets

- **ESS** : échanges entre structures, avec SO Coopération et la CRESS Nouvelle-Aquitaine.
- **Jeunesse et mobilité** : mobilité étudiante avec l'University of St. Martin, volontariat de réciprocité.
- **Santé** : formations et télé-expertise du CHU de Bordeaux pour le CHLCF.
- **Résilience** : retour d'expérience d'Irma, risques côtiers avec La Rochelle Université.

## Chiffres utiles

| Indicateur | Valeur |
|---|---|
| Durée de l'accord | 2026-2029 |
| Comité technique | une fois par an, en alternance |
| Premier comité technique | 26 novembre 2026 |

## Pour la presse

> Deux territoires atlantiques, l'un en Europe, l'autre dans la Caraïbe, qui choisissent de travailler ensemble
> sur ce qui compte pour leurs habitants.
""", people=["p-bastien-rousseau", "p-laure-darrigrand", "p-mathieu-darrigrand"], orgs=["region-na"],
  wg="wg-ess-na", acts=["act-convention-na"])

# ---- V16: mission report ---------------------------------------------------------------------------------------------
N("note-rapport-bordeaux", "mission_report", "2026-10-23", "Rapport de mission : Bordeaux et La Rochelle (12-16 octobre 2026)", """
# Rapport de mission : Bordeaux et La Rochelle, 12-16 octobre 2026

## Objet

Signature de l'accord-cadre de coopération 2026-2029 avec la Région Nouvelle-Aquitaine et rencontres avec les
partenaires néo-aquitains de la Collectivité.

## Délégation

- le Président de la Collectivité (13 et 14 octobre) ;
- le directeur de l'action extérieure ;
- la chargée de mission coopération régionale ;
- le chargé de communication.

## Programme réalisé

| Date | Rendez-vous | Résultat |
|---|---|---|
| 13 octobre | Signature de l'accord-cadre, Hôtel de Région | Accord signé ; comité technique le 26 novembre |
| 13 octobre | SO Coopération | Appui au montage d'un projet 1 % solidaire déchets |
| 14 octobre | CRESS Nouvelle-Aquitaine | Trois binômes de structures ESS choisis pour 2027 |
| 14 octobre | CHU de Bordeaux | Proposition de stages et de télé-expertise pour le CHLCF |
| 15 octobre | Université de Bordeaux | Programme pilote de mobilité avec l'USM en 2027 |
| 15 octobre | Rencontre avec la diaspora | Une soixantaine de participants |
| 16 octobre | CdA de La Rochelle | Note d'intention 1 % solidaire déchets au 1er trimestre 2027 |

## Enseignements

1. La signature donne un cadre ; les engagements concrets viennent des rendez-vous techniques.
2. La diaspora saint-martinoise de Bordeaux attend un lien régulier avec la Collectivité, surtout pour l'accueil des
   étudiants.
3. Le 1 % solidaire déchets est une piste réaliste pour financer l'appui technique à la filière de réemploi.

## Budget

| Poste | Prévu (EUR) | Réalisé (EUR) |
|---|---|---|
| Billets d'avion (4 personnes) | 7 600 | 7 912 |
| Hébergement | 2 400 | 2 205 |
| Indemnités et transports | 1 500 | 1 380 |
| Réception de la diaspora | 800 | 650 |
| **Total** | **12 300** | **12 147** |

## Suites à donner

- Installer le comité technique de l'accord-cadre (26 novembre).
- Organiser les premières visioconférences entre binômes ESS.
- Rédiger la note d'intention 1 % solidaire déchets avec la CdA de La Rochelle.
""", interaction="int-261013-crna-signature",
  people=["p-bastien-rousseau", "p-laure-darrigrand", "p-sophie-guerin", "p-claire-chabrol", "p-sophie-hourcade",
          "p-agnes-larrieu", "p-peio-benali"],
  orgs=["region-na", "so-cooperation", "cress-na", "chu-bordeaux", "univ-bordeaux", "agglo-la-rochelle"],
  acts=["act-convention-na", "act-ess-na", "act-1pc-dechets", "act-mobilite-etudiante"])

# ---- S1 ---------------------------------------------------------------------------------------------------------------
N("note-synthese-financements", "briefing", "2026-11-06", "Note de synthèse : financements mobilisables pour la coopération en 2027", """
# Note de synthèse : financements mobilisables en 2027

## Objet

Recenser les financements de coopération mobilisables en 2027 par la Collectivité et par les acteurs qu'elle
accompagne, et proposer un calendrier de dépôt.

## Tableau des financements

| Source | Dispositif | Projets visés | Calendrier |
|---|---|---|---|
| Interreg Caraïbes (FEDER) | Appel à projets annuel | Eau (interconnexion), sargasses, pêche | Dépôt au printemps |
| MEAE / DAECT | Appel à projets coopération décentralisée | Suite du projet ESS avec la Nouvelle-Aquitaine | Dépôt au printemps |
| Agences de l'eau et collectivités de Nouvelle-Aquitaine | 1 % solidaire eau, énergie, déchets | Réemploi avec la CdA de La Rochelle | Note d'intention au 1er trimestre |
| Région Nouvelle-Aquitaine | Accord-cadre 2026-2029 | Mobilités ESS, mobilité étudiante | Comité technique annuel |
| OECO | Programmes régionaux | Évacuations sanitaires, statistiques | Selon le protocole d'accord |
| Union européenne | Erasmus+ | Mobilité des salariés de l'ESS | Appels annuels |

## Analyse

1. Le projet de réemploi est financé (Interreg, convention d'attribution d'octobre 2026) ; le 1 % solidaire
   pourrait en financer l'appui technique.
2. Le volet eau reste sans financement depuis l'abandon de la piste FICOL ; une candidature Interreg suppose la
   signature préalable du protocole d'entraide.
3. La capacité du service à monter plus de trois dossiers par an est limitée.

## Propositions

- Prioriser trois dossiers en 2027 : Interreg eau, DAECT (suite du projet ESS), 1 % solidaire déchets.
- Demander à SO Coopération un appui méthodologique pour le 1 % solidaire.
""", people=["p-sylvie-celestine", "p-caroline-lambert", "p-anne-sophie-diallo", "p-laure-darrigrand"],
  orgs=["interreg-caraibes", "daect", "so-cooperation", "region-na"],
  acts=["act-interreg", "act-daect", "act-1pc-dechets", "act-eau-transfrontaliere"])

# ---- S2 ---------------------------------------------------------------------------------------------------------------
N("note-cr-comite-mixte-prep2", "minutes", "2026-11-09", "Compte rendu de la réunion préparatoire du comité mixte du 3 décembre (5 novembre 2026)",
  minutes_body("int-261105-comite-mixte-prep2", """
## Ordre du jour proposé pour le 3 décembre

1. Convention de transfert de patients CHLCF / SMMC, pour approbation
2. Protocole d'entraide eau : état de la validation juridique
3. Projet transfrontalier de réemploi : démarrage
4. Salon transfrontalier des entreprises (avril 2027)
5. Exercice cyclonique 2027 et protocole d'échange d'information en alerte
6. Diagnostic des mobilités : cahier des charges

## Points abordés

- **Santé** : les arbitrages financiers du 27 octobre doivent être validés par les deux directions avant le comité.
- **Eau** : la validation juridique côté Sint Maarten n'est pas achevée ; le point sera présenté pour information.
- **Réemploi** : la convention FEDER est signée, le recrutement du coordinateur est lancé.

## Organisation

Secrétariat assuré par Sint Maarten ; séance à Marigot avec interprétation. Le relevé de conclusions sera préparé en
anglais et traduit.
"""), interaction="int-261105-comite-mixte-prep2")

# ---- S3 ---------------------------------------------------------------------------------------------------------------
N("note-cr-reemploi-demarrage", "minutes", "2026-11-12", "Compte rendu de la réunion de démarrage du projet transfrontalier de réemploi (10 novembre 2026)",
  minutes_body("int-261110-reemploi-demarrage", """
## Rappel du projet

Projet porté par Recyclo'Île avec la Stichting Philipsburg Recycling, programmé par le comité Interreg Caraïbes du
29 septembre 2026 : collecte des encombrants réemployables des deux côtés de l'île, atelier de réparation commun,
boutique solidaire à Marigot, sensibilisation dans les écoles.

## Points abordés

1. **Recrutement** : fiche de poste du coordinateur validée ; prise de poste visée en février 2027.
2. **Achats** : véhicule de collecte et outillage de l'atelier au premier trimestre.
3. **Local** : la Banque des Territoires peut étudier un prêt pour l'aménagement.
4. **Réglementation** : le groupe de travail sur les transferts de déchets entre les deux parties de l'île doit se
   réunir avant les premières collectes.

## Indicateurs suivis

| Indicateur | Cible à trois ans |
|---|---|
| Tonnes d'objets réemployés | 450 |
| Emplois en insertion | 8 |
| Classes sensibilisées | 60 |
"""), interaction="int-261110-reemploi-demarrage")

# ---- S4 ---------------------------------------------------------------------------------------------------------------
N("note-info-volontariat", "information", "2026-11-16", "Note d'information : second volontaire de réciprocité en 2027", """
# Note d'information : second volontaire de réciprocité

## Objet

Informer la DGS de l'accueil en 2027 d'un second volontaire de réciprocité, avec France Volontaires.

## Le dispositif

Le volontariat de réciprocité permet à des jeunes de pays partenaires d'effectuer une mission d'intérêt général en
France, y compris dans les outre-mer. Une première volontaire est accueillie depuis 2025 à ESS France Outre-mer.

## La mission proposée

- **Structure d'accueil** : Collectif ESS des Îles du Nord.
- **Durée** : douze mois à partir de mars 2027.
- **Contenu** : animation du programme d'échanges ESS avec la Nouvelle-Aquitaine et la Caraïbe.
- **Coût pour la Collectivité** : participation au logement, dans la limite de l'enveloppe votée.

## Prochaines étapes

1. Fiche de mission à transmettre à France Volontaires avant la mi-décembre.
2. Sélection du volontaire en janvier.
3. Convention d'accueil tripartite en février.
""", people=["p-ines-lambert", "p-alicia-ellis", "p-valerie-hodge"],
  orgs=["france-volontaires", "collectif-ess-iles-nord", "ess-france-om"], wg="wg-jeunesse",
  acts=["act-volontariat"])

# ---- S5 ---------------------------------------------------------------------------------------------------------------
N("note-cr-pref-comite", "minutes", "2026-11-20", "Compte rendu de la réunion de préparation du comité mixte avec la Préfecture (20 novembre 2026)",
  minutes_body("int-261120-pref-comite", """
## Points abordés

- **Convention de transfert de patients** : l'État n'a pas d'objection de principe ; l'ARS sera associée au comité
  de suivi.
- **Protocole eau** : la Préfecture relaiera auprès des autorités de Sint Maarten la demande d'accélérer la
  validation juridique.
- **Sécurité civile** : la Préfecture demande que le relevé de conclusions mentionne l'exercice cyclonique 2027 et
  le protocole d'échange d'information en alerte.

## Décisions

1. Le projet de relevé de conclusions intégrera un point sur la sécurité civile.
2. Le chargé de mission du préfet assistera à la séance du 3 décembre.
"""), interaction="int-261120-pref-comite")

# ---- R1 ---------------------------------------------------------------------------------------------------------------
N("note-synthese-sante", "briefing", "2026-10-30", "Note de synthèse : convention de transfert de patients CHLCF / SMMC, état d'avancement", """
# Note de synthèse : convention de transfert de patients

## Objet

Faire le point, avant le comité mixte du 3 décembre, sur la convention de transfert de patients entre le Centre
hospitalier Louis-Constant Fleming et le Sint Maarten Medical Center.

## Historique

- **Janvier 2026** : état des lieux avec le CHLCF.
- **Mars 2026** : installation du groupe de travail CHLCF / SMMC / ministère VSA.
- **Avril 2026** : mandat du comité mixte.
- **Juillet 2026** : relecture de la version 2.
- **Octobre 2026** : arbitrages financiers proposés.

## Contenu de la convention

1. Transferts programmés et urgences vitales.
2. Circuit unique de demande et fiche de liaison bilingue.
3. Comité de suivi semestriel.
4. Prise en charge : chaque assureur pour ses assurés ; transport facturé par l'établissement qui l'organise.

## Points en suspens

| Point | Position CHLCF | Position SMMC |
|---|---|---|
| Facturation du transport | Acceptée | À confirmer par SZV |
| Partage du dossier patient | Fiche de liaison seule | Accès au dossier souhaité |
| Date d'entrée en vigueur | 1er janvier 2027 | 1er mars 2027 |

## Proposition

Présenter la convention au comité mixte pour approbation de principe, avec une entrée en vigueur au 1er mars 2027.
""", people=["p-kimberly-petit", "p-dennis-wilson", "p-joanne-van-dijk"], orgs=["ch-lc-fleming", "smmc"],
  wg="wg-sante", acts=["act-sante-transfrontaliere"])

# ---- R2 ---------------------------------------------------------------------------------------------------------------
N("note-cr-debrief-mission", "minutes", "2026-10-26", "Compte rendu du débriefing de la mission à Bordeaux (22 octobre 2026)",
  minutes_body("int-261022-debrief-mission", """
## Engagements pris pendant la mission

- Région Nouvelle-Aquitaine : comité technique de l'accord-cadre le 26 novembre.
- SO Coopération et CdA de La Rochelle : note d'intention 1 % solidaire déchets.
- CRESS Nouvelle-Aquitaine : trois binômes de structures ESS.
- CHU de Bordeaux : proposition écrite de stages et de télé-expertise.
- Université de Bordeaux : programme pilote de mobilité avec l'USM.

## Coûts

Le coût réel de la mission (12 147 euros) est inférieur au budget prévu. Le détail figure dans le rapport de mission.

## Observations

La rencontre avec la diaspora a montré une attente forte d'accompagnement des étudiants ; la Collectivité n'a pas
aujourd'hui de relais à Bordeaux.
"""), interaction="int-261022-debrief-mission")

# ---- R3 ---------------------------------------------------------------------------------------------------------------
N("note-info-oeco-protocole", "information", "2026-11-05", "Note d'information : projet de protocole d'accord avec l'OECO", """
# Note d'information : projet de protocole d'accord avec l'OECO

## Objet

Présenter le projet de protocole d'accord de coopération adressé par la Commission de l'OECO le 12 juin 2026 et
proposer une réponse.

## Contenu du projet

- **Domaines** : santé (évacuations sanitaires, achats groupés), résilience, libre circulation, statistiques.
- **Instances** : un point focal de chaque côté, une réunion annuelle.
- **Durée** : trois ans, renouvelable.
- **Engagements financiers** : contribution de la Collectivité aux activités auxquelles elle participe.

## Analyse

1. Les domaines correspondent aux compétences de la Collectivité et à sa feuille de route.
2. La clause d'engagements financiers doit être précisée : elle ne peut engager la Collectivité sans délibération.
3. L'État doit être informé avant la signature.

## Proposition de calendrier

| Étape | Date |
|---|---|
| Avis du service juridique | Décembre 2026 |
| Information de la Préfecture | Décembre 2026 |
| Délibération du conseil territorial | Février 2027 |
| Signature | Premier trimestre 2027 |
""", people=["p-cheryl-edwards", "p-anthony-clarke"], orgs=["oecs"], acts=["act-oeco"])

# ---- D1 ---------------------------------------------------------------------------------------------------------------
N("note-cr-cepalc-pos", "minutes", "2026-09-18", "Compte rendu de la réunion technique de la CEPALC à Port of Spain (15 septembre 2026)",
  minutes_body("int-260915-cepalc-pos", """
## Points abordés

La CEPALC a réuni les services statistiques des territoires non indépendants de la Caraïbe pour harmoniser les
profils statistiques. Pour Saint-Martin :

- les séries de l'INSEE et de l'IEDOM couvrent la population, l'emploi, les prix et le commerce extérieur ;
- les données de fréquentation touristique sont partielles (aéroport de Grand-Case seulement) ;
- une présentation conjointe avec Sint Maarten serait utile pour l'île entière.

## À compléter

- Séries manquantes à demander à l'INSEE.
- Calendrier de relecture du projet de profil.
"""), interaction="int-260915-cepalc-pos")

# ---- D2 ---------------------------------------------------------------------------------------------------------------
N("note-cr-santo-domingo", "minutes", "2026-09-25", "Compte rendu du séminaire régional de Saint-Domingue et de la visite de l'IDECOOP (22-23 septembre 2026)",
  minutes_body("int-260922-santo-domingo", """
## Séminaire

Séminaire régional sur la coopération décentralisée et l'ESS, avec des collectivités et des réseaux de République
dominicaine, d'Haïti et des territoires français. La Collectivité a présenté l'accord-cadre avec la Nouvelle-Aquitaine
et le projet de réemploi.

## Visite de l'IDECOOP

Présentation du cadre légal des coopératives dominicaines. L'IDECOOP propose d'accueillir une délégation de
coopératives de Saint-Martin en 2027.

## À retenir

- Le réseau Quisqueya souhaite des échanges avec le Collectif ESS des Îles du Nord.
- À compléter : contacts des collectivités haïtiennes présentes.
"""), interaction="int-260922-santo-domingo",
  people=["p-milagros-polanco", "p-manuel-guzman", "p-patricia-reyes", "p-yanet-polanco"])

# ---- D3 ---------------------------------------------------------------------------------------------------------------
N("note-cr-gt-ess-novembre", "minutes", "2026-11-18", "Compte rendu du groupe de travail ESS et international de SO Coopération (17 novembre 2026)",
  minutes_body("int-261117-gt-ess", """
## Points abordés

1. **Binômes 2027** : Recyclo'Île et la Recyclerie du Marais poitevin ; coopérative de Grand-Case et Pêcheurs
   Atlantique Solidaires ; École numérique solidaire et SCOP Atelier numérique libre.
2. **Calendrier** : visioconférences de chaque binôme avant la fin janvier, visites croisées au printemps.
3. **Financements** : accord-cadre avec la Région, DAECT, Erasmus+ pour la mobilité des salariés.
4. **1 % solidaire déchets** : présentation par la CdA de La Rochelle du projet avec Recyclo'Île.

## À compléter

Dates des visites croisées et budget par binôme.
"""), interaction="int-261117-gt-ess")

# ---- D4 ---------------------------------------------------------------------------------------------------------------
N("note-edl-comite-mixte-2", "talking_points", "2026-11-19", "Éléments de langage : comité mixte de coopération du 3 décembre 2026", """
# Éléments de langage : comité mixte du 3 décembre 2026

## Ouverture par le Président

1. Le comité s'est réuni deux fois cette année, comme convenu en février : la coopération entre les deux parties de
   l'île est redevenue régulière.
2. Trois résultats concrets : l'exercice cyclonique du 28 mai, le projet de réemploi financé par Interreg, la
   convention de transfert de patients soumise aujourd'hui.

## Sur la santé

- Saluer le travail des deux hôpitaux et du ministère VSA.
- Proposer une entrée en vigueur de la convention au 1er mars 2027.

## Sur l'eau

- Rappeler que le protocole est prêt sur le plan technique.
- Souhaiter une signature avant la saison cyclonique 2027.

## À compléter

- Chiffres de l'exercice cyclonique.
- Position de Sint Maarten sur le diagnostic des mobilités.
""", people=["p-julian-bakker", "p-gracita-bakker", "p-louis-marie-lake"],
  orgs=["gov-sint-maarten", "prefecture-sbsm"], wg="wg-transfrontalier",
  acts=["act-comite-mixte", "act-sante-transfrontaliere", "act-eau-transfrontaliere"])

# ---- D5 ---------------------------------------------------------------------------------------------------------------
N("note-synthese-bilan-2026", "briefing", "2026-11-20", "Note de synthèse : bilan 2026 de la feuille de route de coopération régionale", """
# Note de synthèse : bilan 2026 de la feuille de route

*Projet pour le comité de pilotage du 10 décembre 2026.*

## Vue d'ensemble

Sur 24 actions, 4 sont réalisées, 15 en cours, 2 en retard, 2 prévues et 1 abandonnée.

## Actions par axe

### Axe 1 : coopération transfrontalière avec Sint Maarten

""" + action_table(["act-comite-mixte", "act-eau-transfrontaliere", "act-dechets-reemploi", "act-mobilites"]) + """

### Axe 3 : santé, gestion des risques et résilience

""" + action_table(["act-sante-transfrontaliere", "act-exercice-cyclone", "act-cdema", "act-veille-sanitaire",
                    "act-sargasses"]) + """

### Axe 4 : ESS et partenariat avec la Nouvelle-Aquitaine

""" + action_table(["act-convention-na", "act-ess-na", "act-interreg", "act-daect", "act-1pc-dechets",
                    "act-ficol"]) + """

## Priorités proposées pour 2027

1. Signer la convention de transfert de patients et le protocole d'entraide eau.
2. Signer le protocole d'accord avec l'OECO.
3. Lancer les échanges ESS avec la Nouvelle-Aquitaine et le projet 1 % solidaire déchets.

## À compléter

Axes 2 et 5, budget consommé.
""", people=["p-cedric-daniel", "p-steeve-connor"], orgs=["com-saint-martin"],
  acts=["act-comite-mixte", "act-registre", "act-convention-na"])

# ---- D6 ---------------------------------------------------------------------------------------------------------------
N("note-cr-chambres", "minutes", "2026-11-02", "Compte rendu de la réunion avec les chambres consulaires (29 octobre 2026)",
  minutes_body("int-261029-chambres", """
## Points abordés

La CCISM et la Sint Maarten Chamber of Commerce & Industry proposent un salon transfrontalier des entreprises en
avril 2027 : une journée, une centaine d'exposants, un espace pour les structures de l'ESS, des rencontres
d'affaires avec des entreprises de Guadeloupe et d'Anguilla.

## Questions ouvertes

- Lieu : alternance entre Marigot et Philipsburg à confirmer.
- Financement : participation de la Collectivité à déterminer.
"""), interaction="int-261029-chambres")

# =====================================================================================================================
# Register of documents
# =====================================================================================================================

DOCUMENTS = []
COM = "com-saint-martin"


def D(key, date, direction, dtype, lang, reference, subject, summary, sender, recipient, sender_person=None,
      recipient_person=None, answer_due=None, answered_on=None, interaction=None, people=(), orgs=(), wg=None,
      acts=(), vis="internal"):
    r = dict(key=key, subject=subject, reference=reference, date=date, direction=direction, document_type=dtype,
             sender_organization=org(sender))
    if sender_person:
        r["sender_person"] = person(sender_person)
    r["recipient_organization"] = org(recipient)
    if recipient_person:
        r["recipient_person"] = person(recipient_person)
    r["language"] = lang
    if answer_due:
        r["answer_due"] = answer_due
    if answered_on:
        r["answered_on"] = answered_on
    r["summary"] = summary
    if orgs:
        r["organizations"] = [org(o) for o in orgs]
    if people:
        r["people"] = [person(p) for p in people]
    if interaction:
        _interaction(interaction)
        r["interaction"] = interaction
    if wg:
        r["working_group"] = wg
    if acts:
        r["roadmap_actions"] = list(acts)
    r["visibility"] = vis
    DOCUMENTS.append(r)
    return r


R, S = "received", "sent"

D("doc-oecs-calendrier-2026", "2025-12-04", R, "letter", "en", "OECS/DG/2025/211",
  "Calendrier prévisionnel 2026 des réunions statutaires et techniques de l'OECO",
  "Calendrier des réunions 2026 (Autorité, Conseil des ministres, réunions techniques santé et libre circulation) et "
  "demande de désignation du point focal technique de la Collectivité.",
  "oecs", COM, sender_person="p-cheryl-edwards", answer_due="2026-01-16", answered_on="2026-01-14",
  interaction="int-251205-oeco-calendrier", acts=["act-oeco", "act-registre"])
D("doc-crna-avenant", "2025-12-15", R, "agreement", "fr", "CRNA/DAEI/2025-1187",
  "Projet d'avenant de prorogation de l'accord-cadre de coopération 2021-2025",
  "Avenant prorogeant l'accord-cadre jusqu'au 30 juin 2026, pour laisser le temps de négocier l'accord 2026-2029.",
  "region-na", COM, sender_person="p-bastien-rousseau", interaction="int-251209-crna-accord", wg="wg-ess-na",
  acts=["act-convention-na"])
D("doc-comsm-avenant-signe", "2025-12-22", S, "agreement", "fr", "COM-SM/PRES/2025-0412",
  "Avenant de prorogation de l'accord-cadre signé par le Président de la Collectivité",
  "Retour à la Région Nouvelle-Aquitaine de l'avenant signé en deux exemplaires.",
  COM, "region-na", recipient_person="p-bastien-rousseau", interaction="int-251222-crna-avenant", wg="wg-ess-na",
  acts=["act-convention-na"])
D("doc-pref-cadrage-2026", "2026-01-12", R, "letter", "fr", "PREF-SBSM/CAB/2026-004",
  "Orientations de l'État pour la coopération régionale en 2026",
  "Le préfet rappelle les priorités de l'État : coopération transfrontalière avec Sint Maarten, sécurité civile, "
  "lutte contre l'immigration irrégulière, et propose une réunion de coordination trimestrielle.",
  "prefecture-sbsm", COM, sender_person="p-louis-marie-lake", interaction="int-260127-prefecture-programme",
  acts=["act-comite-mixte"])
D("doc-comsm-point-focal", "2026-01-14", S, "letter", "en", "COM-SM/DGS/COOP/2026-007",
  "Désignation du point focal technique de la Collectivité auprès de l'OECO",
  "La Collectivité désigne sa nouvelle chargée de mission coopération régionale comme point focal technique auprès "
  "de la Commission de l'OECO.",
  COM, "oecs", sender_person="p-cedric-daniel", recipient_person="p-cheryl-edwards", acts=["act-oeco"])
D("doc-sxm-invitation-prep", "2026-01-23", R, "invitation", "nl", "GOV-SXM/DFR/2026-0031",
  "Invitation à la réunion technique préparatoire du comité mixte (5 février 2026)",
  "Courrier du Department of Foreign Relations, rédigé en néerlandais avec une traduction anglaise, invitant la "
  "délégation technique de la Collectivité à Philipsburg le 5 février.",
  "gov-sint-maarten", COM, sender_person="p-gracita-bakker", answer_due="2026-01-30", answered_on="2026-01-28",
  interaction="int-260205-comite-mixte-prep", wg="wg-transfrontalier", acts=["act-comite-mixte"])
D("doc-comsm-reponse-prep", "2026-01-28", S, "letter", "en", "COM-SM/DGS/COOP/2026-019",
  "Réponse au Government of Sint Maarten : composition de la délégation technique",
  "Confirmation de la participation de la Collectivité (coopération, EEASM, CHLCF) à la réunion du 5 février.",
  COM, "gov-sint-maarten", recipient_person="p-gracita-bakker", interaction="int-260128-sxm-lettre",
  wg="wg-transfrontalier", acts=["act-comite-mixte"])
D("doc-interreg-aap-2026", "2026-01-26", R, "invitation", "fr", "INTERREG-CARAIBES/AG/2026-004",
  "Appel à projets 2026 du programme Interreg Caraïbes",
  "Ouverture de l'appel à projets jusqu'au 30 avril 2026 ; permanences mensuelles aux Îles du Nord.",
  "interreg-caraibes", COM, sender_person="p-sabine-democrite", acts=["act-interreg"])
D("doc-daect-aap", "2026-02-02", R, "invitation", "fr", "MEAE/DAECT/2026-012",
  "Appel à projets de soutien à la coopération décentralisée 2026",
  "Appel à projets annuel et triennal de la DAECT ; dépôt des dossiers avant le 15 avril 2026.",
  "daect", COM, sender_person="p-mamadou-blanchard", answer_due="2026-04-15", answered_on="2026-04-10",
  wg="wg-ess-na", acts=["act-daect"])
D("doc-cepalc-questionnaire", "2026-02-06", R, "letter", "en", "ECLAC/POS/2026/019",
  "Questionnaire sur les données statistiques disponibles pour Saint-Martin",
  "Questionnaire du siège sous-régional de la CEPALC préalable au profil statistique de Saint-Martin.",
  "eclac-caribbean", COM, sender_person="p-nadia-mondesir", answer_due="2026-03-06", answered_on="2026-03-12",
  interaction="int-260203-cepalc-profil", acts=["act-cepalc"])
D("doc-france-volontaires-convention", "2026-03-02", R, "agreement", "fr", "FV/CARAIBES/2026-017",
  "Projet de convention d'accueil de volontaires de réciprocité",
  "Modèle de convention tripartite entre France Volontaires, la structure d'accueil et la Collectivité.",
  "france-volontaires", COM, sender_person="p-ines-lambert", wg="wg-jeunesse", acts=["act-volontariat"])
D("doc-comsm-cepalc-reponse", "2026-03-12", S, "contribution", "en", "COM-SM/DGS/COOP/2026-041",
  "Réponse au questionnaire de la CEPALC sur les données statistiques",
  "Inventaire des sources (INSEE, IEDOM, Collectivité) et désignation d'un interlocuteur unique.",
  COM, "eclac-caribbean", recipient_person="p-nadia-mondesir", acts=["act-cepalc"])
D("doc-caricom-demande", "2026-03-18", R, "letter", "en", "CARICOM/SG/REL/2026/07",
  "Demande de contribution sur les dispositifs de coopération des collectivités françaises de la Caraïbe",
  "Le secrétariat de la CARICOM demande une contribution écrite sur les compétences, les instances et les projets de "
  "coopération de Saint-Martin.",
  "caricom", COM, sender_person="p-winston-henry", answer_due="2026-04-17", answered_on="2026-04-14",
  interaction="int-260319-caricom-info", acts=["act-caricom"])
D("doc-oecs-invitation-visite", "2026-03-30", R, "invitation", "en", "OECS/DG/2026/014",
  "Invitation du Directeur général de l'OECO au Président de la Collectivité",
  "Invitation à une visite officielle au siège de la Commission à Castries, au mois de mai 2026.",
  "oecs", COM, sender_person="p-anthony-clarke", answer_due="2026-04-15", answered_on="2026-04-08",
  acts=["act-oeco"], vis="public")
D("doc-comsm-acceptation-oecs", "2026-04-08", S, "letter", "en", "COM-SM/PRES/2026-0087",
  "Acceptation de l'invitation du Directeur général de l'OECO",
  "Le Président accepte l'invitation et propose la date du 18 mai ; composition de la délégation jointe.",
  COM, "oecs", recipient_person="p-anthony-clarke", interaction="int-260408-oeco-lettre", acts=["act-oeco"])
D("doc-daect-dossier", "2026-04-10", S, "contribution", "fr", "COM-SM/DGS/COOP/2026-052",
  "Dossier de candidature à l'appel à projets DAECT 2026 : ESS et coopération Saint-Martin – Nouvelle-Aquitaine – Caraïbe",
  "Projet triennal porté par la Collectivité avec la Région Nouvelle-Aquitaine ; budget, lettres d'engagement et "
  "indicateurs joints.",
  COM, "daect", recipient_person="p-mamadou-blanchard", orgs=["region-na"], wg="wg-ess-na", acts=["act-daect"])
D("doc-comsm-caricom-contribution", "2026-04-14", S, "contribution", "en", "COM-SM/DGS/COOP/2026-055",
  "Contribution de la Collectivité de Saint-Martin à la note de la CARICOM",
  "Statut et compétences de la Collectivité, instances de coopération, projets en cours avec Sint Maarten et l'OECO.",
  COM, "caricom", recipient_person="p-winston-henry", interaction="int-260414-caricom-contribution",
  acts=["act-caricom"])
D("doc-aec-invitation-sanjose", "2026-04-20", R, "invitation", "es", "AEC/DTS/2026/045",
  "Convocation à la réunion technique régionale sur le tourisme durable (San José, 15-16 juin 2026)",
  "Convocatoria de la Dirección de Turismo Sostenible de la AEC ; inscription des délégations avant le 15 mai.",
  "acs", COM, sender_person="p-tricia-mondesir", answer_due="2026-05-15", answered_on="2026-05-05",
  interaction="int-260615-aec-sanjose", acts=["act-aec"])
D("doc-comsm-releve-comite", "2026-04-20", S, "report", "en", "COM-SM/DGS/COOP/2026-061",
  "Relevé de conclusions du comité mixte de coopération du 7 avril 2026",
  "Relevé de conclusions conjoint, en anglais et en français, signé par les deux chefs de délégation.",
  COM, "gov-sint-maarten", recipient_person="p-julian-bakker", orgs=["prefecture-sbsm"],
  interaction="int-260407-comite-mixte", wg="wg-transfrontalier", acts=["act-comite-mixte"], vis="public")
D("doc-pref-exercice", "2026-04-24", R, "other", "fr", "PREF-SBSM/CAB/SIDPC/2026-045",
  "Ordre d'opération de l'exercice conjoint de préparation cyclonique du 28 mai 2026",
  "Scénario, chronogramme, postes de commandement et moyens de communication de l'exercice.",
  "prefecture-sbsm", COM, sender_person="p-louis-marie-lake", orgs=["crf-pirac", "redcross-sxm"],
  interaction="int-260528-exercice", wg="wg-risques", acts=["act-exercice-cyclone"])
D("doc-comsm-soutien-interreg", "2026-04-27", S, "letter", "fr", "COM-SM/PRES/2026-0094",
  "Lettre de soutien de la Collectivité au projet transfrontalier de réemploi",
  "Le Président apporte le soutien de la Collectivité au projet de Recyclo'Île et de la Stichting Philipsburg "
  "Recycling déposé au programme Interreg Caraïbes.",
  COM, "interreg-caraibes", recipient_person="p-sabine-democrite", orgs=["recycloile", "philipsburg-recycling"],
  acts=["act-interreg", "act-dechets-reemploi"])
D("doc-comsm-aec-inscription", "2026-05-05", S, "letter", "es", "COM-SM/DGS/COOP/2026-068",
  "Inscription de la délégation de la Collectivité à la réunion technique de l'AEC à San José",
  "Confirmación de la participación de la chargée de mission y de la présentation de la coopérative Baie-Orientale "
  "Découverte.",
  COM, "acs", recipient_person="p-tricia-mondesir", acts=["act-aec"])
D("doc-comsm-oecs-remerciements", "2026-05-26", S, "letter", "en", "COM-SM/PRES/2026-0112",
  "Lettre de remerciements du Président au Directeur général de l'OECO",
  "Remerciements pour l'accueil du 18 mai et confirmation de l'intérêt pour un protocole d'accord de coopération.",
  COM, "oecs", recipient_person="p-anthony-clarke", interaction="int-260526-oeco-remerciements", acts=["act-oeco"])
D("doc-oecs-protocole-projet", "2026-06-12", R, "agreement", "en", "OECS/RIU/2026/052",
  "Projet de protocole d'accord de coopération entre la Commission de l'OECO et la Collectivité de Saint-Martin",
  "Projet en quatre domaines (santé, résilience, libre circulation, statistiques), pour trois ans renouvelables ; "
  "clause de contribution financière aux activités.",
  "oecs", COM, sender_person="p-cheryl-edwards", answer_due="2026-09-30",
  interaction="int-260518-oeco-castries", acts=["act-oeco"])
D("doc-infocoop-carta", "2026-06-29", R, "letter", "es", "INFOCOOP/PE/2026-0311",
  "Lettre d'intention de l'INFOCOOP pour des échanges entre coopératives",
  "Carta de intención : intercambios entre cooperativas de turismo y de pesca de Costa Rica y de Saint-Martin.",
  "infocoop", COM, sender_person="p-wendy-salazar", interaction="int-260616-infocoop", acts=["act-aec", "act-ess-na"])
D("doc-carpha-bulletin", "2026-07-01", R, "report", "en", "CARPHA/SURV/2026/26",
  "Bulletin de surveillance des arboviroses dans la Caraïbe (semaines 20 à 25)",
  "Hausse des cas de dengue dans plusieurs États de la sous-région ; recommandations de lutte antivectorielle.",
  "carpha", COM, sender_person="p-sherry-bynoe", wg="wg-sante", acts=["act-veille-sanitaire"])
D("doc-aec-informe-sanjose", "2026-07-03", R, "report", "es", "AEC/DTS/2026/071",
  "Rapport de la réunion technique régionale sur le tourisme durable (San José)",
  "Informe final con las tres recomendaciones al Comité Especial de Turismo Sostenible.",
  "acs", COM, sender_person="p-tricia-mondesir", interaction="int-260615-aec-sanjose", acts=["act-aec"])
D("doc-comsm-convention-v2", "2026-07-06", S, "agreement", "en", "COM-SM/DGS/COOP/2026-088",
  "Projet de convention de transfert de patients CHLCF / SMMC (version 2)",
  "Version 2 après la relecture du 2 juillet, transmise au SMMC et au ministère VSA pour observations.",
  COM, "smmc", recipient_person="p-dennis-wilson", orgs=["ch-lc-fleming", "gov-sint-maarten"],
  interaction="int-260702-convention-v2", wg="wg-sante", acts=["act-sante-transfrontaliere"])
D("doc-daect-decision", "2026-07-10", R, "letter", "fr", "MEAE/DAECT/2026-188",
  "Notification du cofinancement de la DAECT au projet ESS Saint-Martin – Nouvelle-Aquitaine – Caraïbe",
  "Le projet est retenu au titre du volet triennal ; convention financière à signer.",
  "daect", COM, sender_person="p-caroline-lambert", orgs=["region-na"], wg="wg-ess-na", acts=["act-daect"])
D("doc-caricom-communique", "2026-07-15", R, "resolution", "en", "CARICOM/HGC/2026/COMM",
  "Communiqué final de la réunion ordinaire de la Conférence des chefs de gouvernement de la CARICOM",
  "Extraits intéressant la Collectivité : résilience climatique, libre circulation, coopération avec les membres "
  "associés.",
  "caricom", COM, acts=["act-caricom"])
D("doc-crna-projet-accord", "2026-07-17", R, "agreement", "fr", "CRNA/DAEI/2026-0712",
  "Projet d'accord-cadre de coopération 2026-2029 (version consolidée)",
  "Version consolidée intégrant les volets ESS, jeunesse et mobilité, santé, résilience ; observations attendues "
  "avant la fin août.",
  "region-na", COM, sender_person="p-laure-darrigrand", answer_due="2026-08-31", answered_on="2026-08-27",
  wg="wg-ess-na", acts=["act-convention-na"])
D("doc-socoop-cr-gt", "2026-07-20", R, "report", "fr", "SOC/GT-ESS/2026-03",
  "Compte rendu du groupe de travail ESS et international du 7 juillet 2026",
  "Compte rendu établi par SO Coopération, avec la liste des structures en miroir proposées par la CRESS.",
  "so-cooperation", COM, sender_person="p-jerome-guerin", interaction="int-260707-gt-ess", wg="wg-ess-na",
  acts=["act-ess-na"])
D("doc-comsm-infocoop-reponse", "2026-07-24", S, "letter", "es", "COM-SM/DGS/COOP/2026-097",
  "Réponse à la lettre d'intention de l'INFOCOOP",
  "Respuesta : propuesta de un primer intercambio entre cooperativas de turismo en 2027, con el apoyo de Milango.",
  COM, "infocoop", recipient_person="p-wendy-salazar", interaction="int-260724-infocoop-lettre",
  acts=["act-aec", "act-ess-na"])
D("doc-comsm-afd-report", "2026-07-31", S, "letter", "fr", "COM-SM/DGS/COOP/2026-101",
  "Courrier à l'AFD : report de la candidature à la FICOL",
  "La Collectivité informe l'AFD qu'elle ne déposera pas de candidature en 2026 et remercie ses équipes pour leurs "
  "conseils.",
  COM, "afd", recipient_person="p-hugo-colin", interaction="int-260728-afd-ficol", acts=["act-ficol"])
D("doc-cdema-formations", "2026-08-05", R, "invitation", "en", "CDEMA/CU/2026/118",
  "Calendrier des formations régionales de la CDEMA 2026-2027",
  "Formations ouvertes aux agents de la Collectivité : gestion des abris, évaluation rapide des dégâts, centres "
  "d'opérations d'urgence.",
  "cdema", COM, sender_person="p-desmond-sealy", wg="wg-risques", acts=["act-cdema"])
D("doc-vromi-dechets", "2026-08-10", R, "letter", "nl", "VROMI/2026/0417",
  "Courrier du ministère VROMI sur les transferts de déchets entre les deux parties de l'île",
  "Brief over grensoverschrijdend afvalbeheer : le ministère rappelle la réglementation applicable aux transferts de "
  "déchets et propose un groupe de travail avant le démarrage du projet de réemploi.",
  "gov-sint-maarten", COM, sender_person="p-julian-bakker", answer_due="2026-09-10", answered_on="2026-09-21",
  interaction="int-260721-sxm-dechets", wg="wg-transfrontalier", acts=["act-dechets-reemploi"])
D("doc-cepalc-invitation-pos", "2026-08-14", R, "invitation", "en", "ECLAC/POS/2026/141",
  "Invitation à la réunion technique de la CEPALC sur les statistiques des petits territoires caribéens",
  "Réunion à Port of Spain le 15 septembre 2026.",
  "eclac-caribbean", COM, sender_person="p-jason-francis", interaction="int-260915-cepalc-pos",
  acts=["act-cepalc"])
D("doc-idecoop-invitacion", "2026-08-20", R, "invitation", "es", "IDECOOP/DG/2026-229",
  "Invitation au séminaire régional sur la coopération décentralisée et l'ESS (Saint-Domingue, 22 septembre 2026)",
  "Invitación al seminario regional organizado con el apoyo de la AFD en República Dominicana.",
  "idecoop", COM, sender_person="p-patricia-reyes", orgs=["afd-rd"], interaction="int-260922-santo-domingo",
  acts=["act-ess-na"])
D("doc-comsm-crna-observations", "2026-08-27", S, "contribution", "fr", "COM-SM/DGS/COOP/2026-112",
  "Observations de la Collectivité sur le projet d'accord-cadre 2026-2029",
  "Ajout de la coopération hospitalière avec le CHU de Bordeaux et de la mobilité étudiante ; précisions sur le "
  "comité technique.",
  COM, "region-na", recipient_person="p-laure-darrigrand", wg="wg-ess-na", acts=["act-convention-na"])
D("doc-usm-mou", "2026-09-02", R, "agreement", "en", "USM/PRES/2026-058",
  "Projet de mémorandum d'entente University of St. Martin – Collectivité (mobilité étudiante)",
  "Mémorandum sur l'accueil d'étudiants de la partie française, les semestres d'échange et la reconnaissance des "
  "crédits.",
  "usm", COM, sender_person="p-tamara-duggins", answer_due="2026-10-15", wg="wg-jeunesse",
  acts=["act-mobilite-etudiante"])
D("doc-comsm-vromi-reponse", "2026-09-21", S, "letter", "en", "COM-SM/DGS/COOP/2026-121",
  "Réponse au ministère VROMI sur les transferts de déchets",
  "Accord pour un groupe de travail réglementaire, en lien avec la Préfecture et les douanes.",
  COM, "gov-sint-maarten", recipient_person="p-julian-bakker", orgs=["prefecture-sbsm"],
  interaction="int-260921-vromi-reponse", wg="wg-transfrontalier", acts=["act-dechets-reemploi"])
D("doc-interreg-programmation", "2026-10-02", R, "letter", "fr", "INTERREG-CARAIBES/AG/2026-118",
  "Notification de la programmation du projet transfrontalier de réemploi",
  "Le comité de programmation du 29 septembre a retenu le projet ; convention d'attribution FEDER à suivre.",
  "interreg-caraibes", COM, sender_person="p-sabine-democrite", orgs=["recycloile", "philipsburg-recycling"],
  interaction="int-260929-interreg-comite", acts=["act-interreg", "act-dechets-reemploi"])
D("doc-crna-accord-signe", "2026-10-20", R, "agreement", "fr", "CRNA/DAEI/2026-1044",
  "Accord-cadre de coopération 2026-2029 entre la Région Nouvelle-Aquitaine et la Collectivité de Saint-Martin",
  "Exemplaire original signé le 13 octobre 2026 à Bordeaux.",
  "region-na", COM, sender_person="p-laure-darrigrand", interaction="int-261013-crna-signature", wg="wg-ess-na",
  acts=["act-convention-na"], vis="public")
D("doc-interreg-convention", "2026-10-30", R, "agreement", "fr", "INTERREG-CARAIBES/AG/2026-131",
  "Convention d'attribution FEDER du projet transfrontalier de réemploi (copie au partenaire associé)",
  "Copie de la convention signée avec Recyclo'Île ; la Collectivité siège au comité de pilotage.",
  "interreg-caraibes", COM, sender_person="p-raphael-sainte-rose", orgs=["recycloile"],
  acts=["act-dechets-reemploi"])
D("doc-chu-bordeaux-proposition", "2026-11-02", R, "report", "fr", "CHU-BDX/DRI/2026-077",
  "Proposition de stages et de télé-expertise du CHU de Bordeaux pour le CHLCF",
  "Stages de deux semaines pour six soignants par an ; télé-expertise en cardiologie et en néphrologie.",
  "chu-bordeaux", COM, sender_person="p-sophie-hourcade", orgs=["ch-lc-fleming"],
  interaction="int-261102-chu-proposition", wg="wg-sante", acts=["act-sante-transfrontaliere"])
D("doc-cepalc-profil-projet", "2026-11-03", R, "report", "en", "LC/CAR/TS.2026/12",
  "Projet de profil statistique de Saint-Martin (version pour relecture)",
  "Projet de profil établi par le siège sous-régional de la CEPALC ; observations attendues avant le 1er décembre.",
  "eclac-caribbean", COM, sender_person="p-nadia-mondesir", answer_due="2026-12-01", acts=["act-cepalc"])
D("doc-crna-convocation-comite", "2026-11-04", R, "invitation", "fr", "CRNA/DAEI/2026-1131",
  "Convocation au premier comité technique de l'accord-cadre (26 novembre 2026)",
  "Ordre du jour : programme d'actions 2027, mobilités ESS, mobilité étudiante, budget.",
  "region-na", COM, sender_person="p-laure-darrigrand", interaction="int-261126-crna-comite", wg="wg-ess-na",
  acts=["act-convention-na"])
D("doc-pref-bilan-saison", "2026-11-06", R, "letter", "fr", "PREF-SBSM/CAB/SIDPC/2026-201",
  "Demande de contribution au bilan de la saison cyclonique 2026",
  "La Préfecture demande la contribution de la Collectivité sur la coopération avec Sint Maarten pendant la saison.",
  "prefecture-sbsm", COM, sender_person="p-louis-marie-lake", answer_due="2026-11-20", wg="wg-risques",
  acts=["act-cdema"])
D("doc-oecs-atelier-castries", "2026-11-09", R, "invitation", "en", "OECS/HDU/2026/188",
  "Invitation à l'atelier régional de l'OECO sur les évacuations sanitaires (Castries, février 2027)",
  "Invitation à présenter le circuit de transfert de patients entre le CHLCF et le SMMC.",
  "oecs", COM, sender_person="p-sherry-henry", answer_due="2026-11-27", interaction="int-270218-oeco-castries",
  wg="wg-sante", acts=["act-sante-transfrontaliere", "act-oeco"])
D("doc-sxm-ordre-du-jour", "2026-11-12", R, "letter", "en", "GOV-SXM/DFR/2026-0488",
  "Proposition d'ordre du jour du comité mixte du 3 décembre 2026",
  "Le Department of Foreign Relations propose l'ordre du jour et demande les noms des membres de la délégation.",
  "gov-sint-maarten", COM, sender_person="p-gracita-bakker", answer_due="2026-11-24",
  interaction="int-261203-comite-mixte", wg="wg-transfrontalier", acts=["act-comite-mixte"])
D("doc-aec-conseil-invitation", "2026-11-16", R, "invitation", "en", "ACS/SG/2026/233",
  "Invitation au Conseil des ministres de l'AEC",
  "Invitation aux membres associés ; composition des délégations attendue avant le 4 décembre.",
  "acs", COM, sender_person="p-curtis-henry", answer_due="2026-12-04", interaction="int-261119-aec-conseil",
  acts=["act-aec"])

# =====================================================================================================================
# Note workflow: transitions bring each note to its state on 21 November 2026
# =====================================================================================================================

TRANSITIONS = []


def T(note, transition, by, comment=None, recipients=None):
    r = dict(note=note, transition=transition, by=by)
    if comment:
        r["comment"] = comment
    if recipients:
        r["recipients"] = list(recipients)
    TRANSITIONS.append(r)


def validated(note, submit_comment=None, validate_comment=None, returned=None, send=None, send_comment=None):
    T(note, "submit", "editrice", submit_comment)
    if returned:
        T(note, "return", "validateur", returned[0])
        T(note, "resubmit", "editrice", returned[1])
    T(note, "validate", "validateur", validate_comment)
    if send:
        T(note, "send", "editrice", send_comment, send)


def pe(*keys):
    return ["person:" + person(k) for k in keys]


LECTEUR = ["account:lecteur"]

validated("note-passation", "Note de passation pour information.", "Vu. Merci pour ce travail de reprise.")
validated("note-cr-comite-mixte-prep", "Compte rendu pour validation avant envoi à Sint Maarten et à la Préfecture.",
          send=pe("p-julian-bakker", "p-gracita-bakker", "p-louis-marie-lake") + LECTEUR,
          send_comment="Compte rendu de la réunion du 5 février, validé par la Collectivité.")
validated("note-info-daect", validate_comment="D'accord pour engager la rédaction avec la Région.",
          send=pe("p-laure-darrigrand") + LECTEUR)
validated("note-cr-sante-philipsburg", "Pour validation ; la version DOCX est prête pour le cabinet.",
          returned=("Le compte rendu ne doit citer aucun chiffre de transferts non confirmé par les établissements : "
                    "remplacer par une formulation qualitative. Ajouter la décision sur le référent juridique du "
                    "ministère VSA.",
                    "Chiffres retirés, décision sur le référent juridique ajoutée."),
          validate_comment="Validé. Transmettre aussi au cabinet du Président.",
          send=pe("p-kimberly-petit", "p-dennis-wilson", "p-joanne-van-dijk", "p-cedric-daniel") + LECTEUR,
          send_comment="Compte rendu validé de la réunion du 5 mars ; la version DOCX est jointe pour le cabinet.")
validated("note-cr-copil-t1", send=pe("p-cedric-daniel", "p-steeve-connor", "p-valerie-peterson") + LECTEUR)
validated("note-cr-comite-mixte-1", "Compte rendu de la session plénière, à valider avant diffusion.",
          "Validé. Le relevé de conclusions part sous timbre du Président.",
          send=pe("p-julian-bakker", "p-gracita-bakker", "p-louis-marie-lake", "p-cedric-daniel",
                  "p-loic-romney") + LECTEUR)
validated("note-edl-castries", "Éléments de langage pour le dossier du Président.")
validated("note-rapport-castries", "Rapport de mission avec le budget réalisé.", "Validé.",
          send=pe("p-cedric-daniel", "p-steeve-connor") + LECTEUR,
          send_comment="Rapport de la mission à Sainte-Lucie.")
validated("note-cr-retex-exercice", send=pe("p-louis-marie-lake", "p-felix-sainte-rose", "p-ricardo-visser"),
          send_comment="Retour d'expérience validé de l'exercice du 28 mai.")
validated("note-edl-aec")
validated("note-cr-aec-sanjose", "Compte rendu de la réunion de l'AEC et des rendez-vous de San José.")
validated("note-cr-gt-ess-juillet",
          send=pe("p-claire-chabrol", "p-jerome-guerin", "p-nicolas-gaillard", "p-valerie-hodge"))
validated("note-info-ficol",
          returned=("Expliquer plus clairement pourquoi la maîtrise d'ouvrage bloque, et dire ce que devient "
                    "l'objectif de l'action dans la feuille de route.",
                    "Motifs précisés ; conséquence sur la feuille de route ajoutée."),
          validate_comment="Validé.")
validated("note-cr-veille-tempete", "Compte rendu de la cellule de veille, pour diffusion rapide.",
          send=pe("p-louis-marie-lake", "p-cedric-daniel") + LECTEUR)
validated("note-edl-signature-na", "Éléments de langage pour la signature du 13 octobre.",
          "Validé ; ajouter la citation pour la presse dans le dossier.")
validated("note-rapport-bordeaux", "Rapport de mission, budget réalisé inclus.",
          send=pe("p-cedric-daniel", "p-steeve-connor") + LECTEUR,
          send_comment="Rapport de la mission à Bordeaux et La Rochelle.")

# submitted, waiting for the validator
T("note-synthese-financements", "submit", "editrice", "Pour validation avant le comité technique du 26 novembre.")
T("note-cr-comite-mixte-prep2", "submit", "editrice")
T("note-cr-reemploi-demarrage", "submit", "editrice", "Compte rendu pour validation.")
T("note-info-volontariat", "submit", "editrice")
T("note-cr-pref-comite", "submit", "editrice", "À valider avant le comité mixte du 3 décembre.")

# returned with comments, to be revised
T("note-synthese-sante", "submit", "editrice", "Note de synthèse pour le dossier du comité mixte.")
T("note-synthese-sante", "return", "validateur",
  "Ajouter la position de la CGSS et celle de SZV sur la facturation du transport ; raccourcir l'historique.")
T("note-cr-debrief-mission", "submit", "editrice")
T("note-cr-debrief-mission", "return", "validateur",
  "Distinguer ce qui engage la Collectivité de ce qui relève des partenaires, et proposer une réponse à l'attente de "
  "la diaspora.")
T("note-info-oeco-protocole", "submit", "editrice", "Pour validation avant transmission au service juridique.")
T("note-info-oeco-protocole", "return", "validateur",
  "Faire relire d'abord la clause d'engagements financiers par le service juridique, puis resoumettre avec son avis.")

# =====================================================================================================================
# Internal transmission of documents received
# =====================================================================================================================

TRANSMISSIONS = []


def X(doc, to, message, ack=True, by="editrice"):
    TRANSMISSIONS.append(dict(document=doc, to=list(to), by=by, message=message, acknowledged=ack))


X("doc-oecs-calendrier-2026", ["lecteur"], "Pour enregistrement. Réponse à préparer sur le point focal technique.",
  by="validateur")
X("doc-sxm-invitation-prep", ["validateur", "lecteur"],
  "Invitation de Sint Maarten pour le 5 février (original en néerlandais, traduction anglaise jointe).")
X("doc-daect-aap", ["validateur"], "Appel à projets DAECT : proposition de note d'information à suivre.")
X("doc-cepalc-questionnaire", ["validateur"], "Questionnaire de la CEPALC, réponse attendue le 6 mars.")
X("doc-caricom-demande", ["validateur", "lecteur"], "Demande de la CARICOM : contribution à rédiger pour le 17 avril.")
X("doc-oecs-invitation-visite", ["validateur"], "Invitation du Directeur général de l'OECO au Président.")
X("doc-aec-invitation-sanjose", ["validateur"], "Convocation de l'AEC à San José, inscription avant le 15 mai.")
X("doc-oecs-protocole-projet", ["validateur"], "Projet de protocole d'accord de l'OECO, à instruire.")
X("doc-daect-decision", ["validateur", "lecteur"], "Bonne nouvelle : cofinancement DAECT accordé.")
X("doc-crna-projet-accord", ["validateur"], "Version consolidée de l'accord-cadre, observations avant le 31 août.")
X("doc-vromi-dechets", ["validateur"], "Courrier du ministère VROMI en néerlandais ; résumé en français dans la fiche.")
X("doc-usm-mou", ["validateur"], "Projet de mémorandum de l'USM, réponse attendue le 15 octobre.")
X("doc-interreg-programmation", ["validateur", "lecteur"], "Projet de réemploi programmé par Interreg Caraïbes.")
X("doc-pref-bilan-saison", ["validateur"], "Demande de la Préfecture, contribution attendue le 20 novembre.")
X("doc-oecs-atelier-castries", ["validateur"], "Invitation à l'atelier de Castries, réponse attendue le 27 novembre.",
  ack=False)
X("doc-sxm-ordre-du-jour", ["validateur", "lecteur"], "Ordre du jour proposé par Sint Maarten pour le 3 décembre.",
  ack=False)
X("doc-aec-conseil-invitation", ["validateur"], "Invitation au Conseil des ministres de l'AEC.", ack=False)


# =====================================================================================================================
# Output
# =====================================================================================================================

def build():
    interactions = sorted(INTERACTIONS, key=lambda r: r["starts_at"])
    starts = {i["key"]: i["starts_at"] for i in interactions}
    followups = sorted(FOLLOWUPS, key=lambda f: (starts.get(f.get("interaction"), f["due_date"])[:10],
                                                 f["due_date"], f["title"]))
    for n, f in enumerate(followups, 1):
        f["key"] = "fu-%03d" % n
    order = {n["key"]: i for i, n in enumerate(sorted(NOTES, key=lambda n: (n["date"], n["key"])))}
    transitions = sorted(TRANSITIONS, key=lambda t: order[t["note"]])   # stable: keeps each note's sequence
    return {
        "working_groups": [dict(w, visibility="internal") for w in WORKING_GROUPS],
        "roadmap_axes": [dict(a, visibility="internal") for a in AXES],
        "roadmap_actions": [{k: v for k, v in dict(a, visibility="internal").items() if v is not None}
                            for a in ACTIONS],
        "interactions": interactions,
        "followups": followups,
        "notes": sorted(NOTES, key=lambda n: (n["date"], n["key"])),
        "documents": sorted(DOCUMENTS, key=lambda d: (d["date"], d["key"])),
        "transitions": transitions,
        "transmissions": TRANSMISSIONS,
    }


def prune(v):
    """Leave out empty lists and missing values."""
    if isinstance(v, dict):
        return {k: prune(x) for k, x in v.items() if x is not None and x != []}
    if isinstance(v, list):
        return [prune(x) for x in v]
    return v


def main(argv):
    out = argv[1] if len(argv) > 1 else OUTPUT
    data = prune(build())
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    print("%s: %d bytes" % (out, len(text.encode("utf-8"))))
    for k, v in data.items():
        print("  %-16s %d" % (k, len(v)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
