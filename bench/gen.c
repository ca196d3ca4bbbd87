/*
 * gen.c - a synthetic directory for the benchmarks: N organisations, M
 * people and about one position per person, written through store_create
 * in batches of 10,000 (store_batch_begin/end), so that every row passes
 * the same validation, gets the same sort key and the same search index
 * entry as a real write.
 *
 *   gen [--orgs N] [--people M] [--seed S] DB
 *       create DB (which must not exist) and fill it; writes DB.meta
 *   gen --check [--schema V] [--orgs N] [--people M] [--seed S] DB
 *       exit 0 when DB holds exactly what these options would generate,
 *       at schema version V (the newest migration) when given
 *   gen --paths DIR [--orgs N] [--people M] [--seed S] DB
 *       write the request paths the load scenarios pick from (one per
 *       line): search.txt, orgsearch.txt, filter.txt, detail.txt, deep.txt
 *
 * Everything is drawn from one seeded PRNG (splitmix64), so the same
 * options give the same database, byte for byte but for the timestamps.
 * Names mix French, English and Spanish words, with accents, ligatures
 * (œ, æ) and acronyms; territories lean to the Caribbean and to
 * Nouvelle-Aquitaine, as the real directory does.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/text.h"
#include "model/model.h"
#include "model/record.h"
#include "store/store.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define BATCH 10000
/* Positions go to these first organisations one time in five, so that
 * some detail pages list dozens of people, as a big employer's would. */
#define BIG_ORGS 1000

/* ---------------------------------------------------------------- PRNG */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static size_t rng_below(size_t n)
{
	return n ? (size_t)(rng_next() % n) : 0;
}

/* True with probability percent / 100. */
static int rng_chance(int percent)
{
	return (int)rng_below(100) < percent;
}

/* Uniform in [0, 1). */
static double rng_unit(void)
{
	return (double)(rng_next() >> 11) / 9007199254740992.0;
}

#define PICK(list) ((list)[rng_below(COUNT(list))])
/* Skewed towards the head of the list: common words are common. */
#define PICK_SKEWED(list) ((list)[(size_t)(COUNT(list) * rng_unit() * rng_unit())])

/* ----------------------------------------------------------- word lists */

static const char *const themes_fr[] = {
	"développement", "solidarité", "économie sociale", "insertion", "jeunesse", "santé", "éducation",
	"environnement", "culture", "patrimoine", "pêche", "agriculture", "tourisme durable", "énergie", "eau",
	"femmes", "enfance", "handicap", "logement", "emploi", "formation", "numérique", "mer", "littoral",
	"forêt", "biodiversité", "mangrove", "récifs coralliens", "artisanat", "musique", "sport", "théâtre",
	"mémoire", "langue créole", "coopération", "entraide", "initiative", "innovation", "recherche",
	"transport", "déchets", "recyclage", "commerce équitable", "alimentation", "santé mentale",
	"personnes âgées", "œuvres sociales", "cœur", "sœurs", "vie associative", "prévention", "citoyenneté",
	"échanges", "mobilité", "apiculture", "maraîchage", "bananiers", "canne à sucre", "rhum", "carnaval",
	"gwoka", "danse", "arts plastiques", "lecture", "alphabétisation", "accès aux droits", "réinsertion",
	"économie bleue", "ouragans", "risques naturels", "climat", "vélo", "nautisme", "voile", "plongée",
};
static const char *const themes_en[] = {
	"development", "community", "youth", "women", "health", "education", "heritage", "fisheries", "climate",
	"resilience", "ocean", "islands", "culture", "arts", "sports", "environment", "conservation", "agriculture",
	"tourism", "energy", "water", "housing", "employment", "training", "digital", "innovation", "research",
	"disaster relief", "hurricane recovery", "small business", "entrepreneurship", "food security", "wellbeing",
};
static const char *const themes_es[] = {
	"desarrollo", "comunidad", "juventud", "mujeres", "salud", "educación", "patrimonio", "pesca",
	"agricultura", "turismo", "energía", "vivienda", "empleo", "formación", "innovación", "investigación",
	"niñez", "campesinos", "cultura", "medio ambiente", "economía solidaria", "cooperación", "emprendimiento",
	"artesanía", "deporte", "música", "agua potable", "seguridad alimentaria", "derechos humanos", "migración",
};
static const char *const places[] = {
	"Saint-Martin", "Marigot", "Grand-Case", "Quartier-d'Orléans", "Sandy Ground", "Philipsburg",
	"Simpson Bay", "Cole Bay", "Pointe-à-Pitre", "Basse-Terre", "Les Abymes", "Baie-Mahault", "Le Gosier",
	"Sainte-Anne", "Marie-Galante", "Les Saintes", "Fort-de-France", "Le Lamentin", "Schœlcher",
	"Le François", "Sainte-Luce", "Trinité", "Le Robert", "Cayenne", "Kourou", "Saint-Laurent-du-Maroni",
	"Port-au-Prince", "Cap-Haïtien", "Jacmel", "Les Cayes", "Gonaïves", "Santo Domingo", "Santiago",
	"La Romana", "Puerto Plata", "San José", "Limón", "Puntarenas", "Heredia", "Cartago", "Bordeaux",
	"La Rochelle", "Poitiers", "Limoges", "Pau", "Bayonne", "Angoulême", "Niort", "Périgueux", "Agen",
	"Mont-de-Marsan", "Rochefort", "Saint-Barthélemy", "Gustavia", "Anguilla", "Antigua", "Dominique",
	"Sainte-Lucie", "la Caraïbe", "les Antilles", "l'Outre-mer", "l'Atlantique", "Kingston", "La Havane",
	"Willemstad", "Oranjestad", "Paramaribo", "Bogotá", "Cartagena", "Mérida", "Cancún",
};
static const char *const given_names[] = {
	"Marie", "Jean", "Pierre", "Louis", "Joseph", "Étienne", "Hélène", "Chloé", "Zoé", "Noémie", "Léa",
	"Mélissa", "Cédric", "Jérôme", "Frédéric", "Stéphanie", "Amélie", "Lætitia", "Anaïs", "Maëlle", "Gaël",
	"Noël", "Joël", "Raphaël", "Inès", "José", "Ramón", "María José", "Jesús", "Sofía", "Lucía", "Andrés",
	"Martín", "Germán", "Verónica", "Ángela", "Rubén", "Ana", "Carmen", "Juan Pablo", "John", "Mary",
	"David", "Sarah", "Michael", "Jennifer", "Kevin", "Ashley", "Dwayne", "Shirley", "Claudette",
	"Wilfried", "Ketty", "Rose-Marie", "Jean-Claude", "Marie-Thérèse", "Jean-Baptiste", "Fabiola",
	"Widline", "Jocelyne", "Ruth", "Esther", "Ariane", "Yannick", "Loïc", "Maïté", "Françoise", "Grégory",
};
static const char *const family_names[] = {
	"Hodge", "Richardson", "Fleming", "Gumbs", "Lake", "Baptiste", "Jean-Baptiste", "Pierre", "Louis",
	"Joseph", "Étienne", "Dupont", "Léger", "Bérard", "Rodríguez", "Martínez", "Pérez", "García", "Núñez",
	"Muñoz", "Peña", "Jiménez", "Ibáñez", "Ortíz", "Gómez", "Hernández", "Fernández", "Sánchez", "Díaz",
	"Charles", "Alexis", "Célestin", "Désir", "Hyppolite", "Thélusma", "Noël", "Saint-Fleur", "Bellegarde",
	"Duvalier", "Toussaint", "Delacroix", "Lemoine", "Lefèvre", "Girard", "Bonnet", "Mercier", "Fontaine",
	"Rousseau", "Chevalier", "Gauthier", "Brochard", "Cœurdacier", "Lœillet", "Van der Berg", "De Windt",
	"Arrindell", "Wathey", "Illidge", "Connor", "Brooks", "Williams", "Carty", "Duzant", "Ellis", "Javois",
	"Petit-Frère", "Zénon", "Marie-Sainte", "Bélise", "Jean-Louis", "Rosemond", "Ursulet", "Théodose",
	"Ménard", "Ducœur", "Nyanga", "Okafor", "Nguyen", "Chen", "Ramdin", "Singh", "Persad", "Hamlet",
};
static const char *const job_titles[] = {
	"Président", "Présidente", "Vice-président", "Trésorière", "Trésorier", "Secrétaire générale",
	"Directeur", "Directrice", "Directrice générale", "Chargée de mission", "Chargé de projets",
	"Coordinatrice", "Responsable administratif et financier", "Animateur", "Éducatrice spécialisée",
	"Executive Director", "Programme Officer", "Project Manager", "Coordinator", "Board member",
	"Directora ejecutiva", "Coordinador de proyectos", "Técnica de campo", "Gerente", "Bénévole",
};
static const char *const filieres[] = {
	"pêche artisanale", "banane", "rhum agricole", "tourisme durable", "agroforesterie", "cacao", "café",
	"économie circulaire", "énergies renouvelables", "artisanat d'art", "BTP", "numérique", "aquaculture",
	"transformation agroalimentaire", "services à la personne", "logistique portuaire", "nautisme",
};
static const char *const tags[] = {
	"jeunesse", "caribbean", "climat", "insertion", "numérique", "économie bleue", "femmes", "ouragan Irma",
	"coopération régionale", "Interreg", "ESS", "bénévolat", "formation", "santé", "culture", "sargasses",
	"résilience", "innovation sociale", "circuit court", "biodiversité", "langues", "réfugiés", "sport",
};
static const char *const legal_forms[] = {
	"Association loi 1901", "SARL", "SAS", "SCOP", "SCIC", "EPCI", "Établissement public", "GIP",
	"Fondation reconnue d'utilité publique", "Mutuelle", "N.V.", "B.V.", "Foundation", "S.R.L.",
	"Asociación sin fines de lucro", "Cooperativa", "Ltd.",
};
static const char *const streets[] = {
	"rue de la République", "boulevard de France", "rue du Général de Gaulle", "Front de mer",
	"rue de la Liberté", "chemin des Écoles", "Back Street", "Front Street", "Calle Duarte",
	"Avenida Central", "rue Schœlcher", "route de Sandy Ground", "place de la Victoire", "cours Victor Hugo",
};
static const char *const describe[] = {
	"Nous accompagnons les habitants dans leurs projets de", "L'association agit depuis vingt ans pour la",
	"Structure engagée dans la", "Réseau d'acteurs de la", "We support local initiatives in",
	"A regional partnership working on", "Trabajamos con las comunidades en", "Apoyamos proyectos de",
};

/* Kinds and territories, weighted. */
struct weighted {
	const char *code;
	int weight;
	double lat, lon; /* territories: where their organisations are, roughly */
};

static const struct weighted kinds[] = {
	{"association", 35, 0, 0}, {"company", 15, 0, 0}, {"cooperative", 6, 0, 0}, {"ess_enterprise", 6, 0, 0},
	{"local_authority", 4, 0, 0}, {"state_service", 3, 0, 0}, {"regional_org", 1, 0, 0}, {"mutual", 2, 0, 0},
	{"foundation", 4, 0, 0}, {"university", 3, 0, 0}, {"hospital", 1, 0, 0}, {"incubator", 1, 0, 0},
	{"network", 4, 0, 0}, {"funder", 2, 0, 0}, {"other", 13, 0, 0},
};
static const struct weighted territories[] = {
	{"MF", 12, 18.07, -63.06}, {"SX", 6, 18.04, -63.05}, {"GP", 12, 16.24, -61.53}, {"MQ", 12, 14.64, -61.02},
	{"GF", 5, 4.93, -52.33}, {"FR-NAQ", 8, 45.7, 0.3}, {"FR", 3, 46.6, 2.4}, {"FR-IDF", 4, 48.85, 2.35},
	{"FR-OCC", 2, 43.6, 1.44}, {"FR-PAC", 2, 43.3, 5.4}, {"CR", 6, 9.93, -84.08}, {"HT", 8, 18.54, -72.34},
	{"DO", 8, 18.48, -69.93}, {"CU", 2, 23.11, -82.37}, {"JM", 2, 18.0, -76.79}, {"BL", 1, 17.9, -62.83},
	{"LC", 1, 14.01, -60.99}, {"DM", 1, 15.3, -61.39}, {"AG", 1, 17.12, -61.85}, {"AI", 1, 18.22, -63.06},
	{"CW", 1, 12.12, -68.93}, {"TT", 1, 10.65, -61.5}, {"CO", 1, 4.71, -74.07}, {"ES", 1, 40.42, -3.7},
};

static const char *pick_weighted(const struct weighted *w, size_t n, const struct weighted **item)
{
	int total = 0;
	for (size_t i = 0; i < n; i++)
		total += w[i].weight;
	int x = (int)rng_below((size_t)total);
	for (size_t i = 0; i < n; i++) {
		if (x < w[i].weight) {
			if (item)
				*item = &w[i];
			return w[i].code;
		}
		x -= w[i].weight;
	}
	if (item)
		*item = &w[n - 1];
	return w[n - 1].code;
}

/* ------------------------------------------------------------- helpers */

/* "de " + place, elided before a vowel: "d'Anguilla", "de la Caraïbe". */
static const char *of_place(struct arena *a, const char *place)
{
	if (strncmp(place, "la ", 3) == 0 || strncmp(place, "l'", 2) == 0)
		return arena_printf(a, "de %s", place);
	if (strncmp(place, "les ", 4) == 0)
		return arena_printf(a, "des %s", place + 4);
	if (strncmp(place, "Le ", 3) == 0)
		return arena_printf(a, "du %s", place + 3);
	if (strchr("AEIOU", place[0]) || strncmp(place, "É", strlen("É")) == 0)
		return arena_printf(a, "d'%s", place);
	return arena_printf(a, "de %s", place);
}

/* The acronym of a name: first letters of its words of four letters or
 * more, folded to ASCII capitals ("Association pour le développement de
 * Saint-Martin" -> "ADSM").  NULL when shorter than two letters. */
static const char *acronym_of(struct arena *a, const char *name)
{
	const char *folded = text_fold(a, name);
	char out[16];
	size_t n = 0;
	for (const char *p = folded; *p && n < sizeof(out) - 1;) {
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len >= 4 || (len >= 1 && p[0] >= '0' && p[0] <= '9'))
			out[n++] = (char)(p[0] >= 'a' && p[0] <= 'z' ? p[0] - 'a' + 'A' : p[0]);
		p += len;
		while (*p == ' ')
			p++;
	}
	out[n] = '\0';
	return n >= 2 ? arena_strdup(a, out) : NULL;
}

/* s with its first letter in capitals (ASCII, Latin-1 and œ). */
static char *capitalise(struct arena *a, const char *s)
{
	unsigned char *c = (unsigned char *)arena_strdup(a, s);
	if (c[0] >= 'a' && c[0] <= 'z')
		c[0] = (unsigned char)(c[0] - 'a' + 'A');
	else if (c[0] == 0xC3 && c[1] >= 0xA0 && c[1] <= 0xBE && c[1] != 0xB7)
		c[1] = (unsigned char)(c[1] - 0x20); /* é -> É: Latin-1 letters */
	else if (c[0] == 0xC5 && c[1] == 0x93)
		c[1] = 0x92; /* œ -> Œ */
	return (char *)c;
}

/* Digits with a valid Luhn check digit appended: len - 1 random digits. */
static void luhn_number(char *out, size_t len, const char *prefix)
{
	size_t p = strlen(prefix);
	memcpy(out, prefix, p);
	for (size_t i = p; i < len - 1; i++)
		out[i] = (char)('0' + rng_below(10));
	out[len - 1] = '0';
	out[len] = '\0';
	for (int d = 0; d < 10; d++) {
		out[len - 1] = (char)('0' + d);
		int sum = 0;
		for (size_t i = 0; i < len; i++) {
			int v = out[len - 1 - i] - '0';
			if (i % 2 == 1) {
				v *= 2;
				if (v > 9)
					v -= 9;
			}
			sum += v;
		}
		if (sum % 10 == 0)
			return;
	}
}

/* Folded form for e-mail addresses and domains: "Jean-Baptiste" -> "jean-baptiste". */
static const char *slug(struct arena *a, const char *s)
{
	char *f = text_fold(a, s);
	for (char *p = f; *p; p++)
		if (*p == ' ')
			*p = '-';
	return f;
}

/* ------------------------------------------------------- organisations */

struct org_name {
	const char *name;
	const char *lang;
	const char *translated; /* a second name in another language, or NULL */
	const char *translated_lang;
};

static struct org_name org_name(struct arena *a, const char *kind)
{
	struct org_name n = {NULL, "fr", NULL, NULL};
	const char *place = PICK_SKEWED(places);
	const char *theme = PICK_SKEWED(themes_fr);
	const char *theme_en = PICK_SKEWED(themes_en);
	const char *theme_es = PICK_SKEWED(themes_es);
	const char *family = PICK(family_names);
	int style = (int)rng_below(4);
	if (strcmp(kind, "association") == 0) {
		if (style == 0)
			n.name = arena_printf(a, "Association pour la %s %s", theme, of_place(a, place));
		else if (style == 1)
			n.name = arena_printf(a, "Les Amis de la %s %s", theme, of_place(a, place));
		else if (style == 2) {
			n.name = arena_printf(a, "Asociación de %s de %s", theme_es, place);
			n.lang = "es";
		} else {
			n.name = arena_printf(a, "Collectif %s %s", theme, place);
		}
		if (rng_chance(15)) {
			n.translated = arena_printf(a, "%s %s Association", place, capitalise(a, theme_en));
			n.translated_lang = "en";
		}
	} else if (strcmp(kind, "cooperative") == 0) {
		if (style < 2)
			n.name = arena_printf(a, "Coopérative %s %s", PICK(((const char *[]){"agricole", "de pêche", "artisanale", "d'habitants", "maritime"})),
					      of_place(a, place));
		else {
			n.name = arena_printf(a, "Cooperativa de %s %s", theme_es, place);
			n.lang = "es";
		}
	} else if (strcmp(kind, "local_authority") == 0) {
		static const char *const forms[] = {"Commune", "Mairie", "Communauté d'agglomération", "Collectivité", "Conseil départemental"};
		if (style < 3)
			n.name = arena_printf(a, "%s %s", PICK(forms), of_place(a, place));
		else {
			n.name = arena_printf(a, "Municipalidad de %s", place);
			n.lang = "es";
		}
	} else if (strcmp(kind, "state_service") == 0) {
		static const char *const forms[] = {"Direction de la", "Service régional de la", "Agence de la", "Délégation à la"};
		n.name = arena_printf(a, "%s %s %s", PICK(forms), theme, of_place(a, place));
	} else if (strcmp(kind, "regional_org") == 0) {
		n.name = arena_printf(a, "Caribbean %s %s", capitalise(a, theme_en), PICK(((const char *[]){"Agency", "Community", "Alliance", "Commission", "Partnership"})));
		n.lang = "en";
		n.translated = arena_printf(a, "Organisation caribéenne pour la %s", theme);
		n.translated_lang = "fr";
	} else if (strcmp(kind, "mutual") == 0) {
		n.name = arena_printf(a, "Mutuelle %s %s", theme, of_place(a, place));
	} else if (strcmp(kind, "foundation") == 0) {
		if (style == 0)
			n.name = arena_printf(a, "Fondation %s pour la %s", family, theme);
		else if (style == 1) {
			n.name = arena_printf(a, "Fundación %s para la %s", family, theme_es);
			n.lang = "es";
		} else {
			n.name = arena_printf(a, "%s Foundation for %s", family, capitalise(a, theme_en));
			n.lang = "en";
		}
	} else if (strcmp(kind, "ess_enterprise") == 0) {
		static const char *const forms[][2] = {{"", " Solidaire"}, {"Entreprise d'insertion ", ""}, {"SCIC ", ""}, {"Atelier ", ""}, {"Ressourcerie ", ""}};
		size_t f = rng_below(COUNT(forms));
		n.name = arena_printf(a, "%s%s%s", forms[f][0], capitalise(a, theme), forms[f][1]);
	} else if (strcmp(kind, "company") == 0) {
		if (style == 0)
			n.name = arena_printf(a, "%s & Fils", family);
		else if (style == 1) {
			n.name = arena_printf(a, "%s %s Ltd", place, PICK(((const char *[]){"Trading", "Services", "Marine", "Consulting", "Logistics", "Construction"})));
			n.lang = "en";
		} else if (style == 2)
			n.name = arena_printf(a, "%s %s SARL", capitalise(a, theme), place);
		else
			n.name = arena_printf(a, "Établissements %s", family);
	} else if (strcmp(kind, "university") == 0) {
		if (style == 0)
			n.name = arena_printf(a, "Université %s", of_place(a, place));
		else if (style == 1) {
			n.name = arena_printf(a, "Universidad Autónoma de %s", place);
			n.lang = "es";
		} else if (style == 2)
			n.name = arena_printf(a, "Lycée professionnel %s %s", family, place);
		else {
			n.name = arena_printf(a, "University of %s", place);
			n.lang = "en";
		}
	} else if (strcmp(kind, "hospital") == 0) {
		n.name = style < 2 ? arena_printf(a, "Centre hospitalier %s", of_place(a, place))
				   : arena_printf(a, "Clinique %s", family);
	} else if (strcmp(kind, "incubator") == 0) {
		n.name = arena_printf(a, "%s Lab %s", capitalise(a, theme_en), place);
	} else if (strcmp(kind, "network") == 0) {
		if (style < 2)
			n.name = arena_printf(a, "Réseau %s %s", theme, of_place(a, place));
		else {
			n.name = arena_printf(a, "Red de %s del Caribe", theme_es);
			n.lang = "es";
		}
		if (rng_chance(30)) {
			n.translated = arena_printf(a, "%s Network", capitalise(a, theme_en));
			n.translated_lang = "en";
		}
	} else if (strcmp(kind, "funder") == 0) {
		n.name = arena_printf(a, "Fonds %s pour la %s", place, theme);
	} else {
		static const char *const forms[] = {"Maison de la", "Comité", "Club", "Centre", "Groupement", "Plateforme"};
		n.name = arena_printf(a, "%s %s %s", PICK(forms), theme, place);
	}
	return n;
}

struct fields {
	int name, names, kind, legal_form, ess, territory, address, latitude, longitude, website, email, phone;
	int siren, siret, rna, other_registry, other_id, sectors, filieres, sdgs, tags, description, visibility;
	int given_name, family_name, languages, emails, phones, notes, legal_basis, legal_basis_date, pvisibility;
	int person, organization, title, start_date, end_date;
};
static struct fields F;

static int field(const struct kind *k, const char *name)
{
	int i = model_field_index(k, name);
	if (i < 0) {
		fprintf(stderr, "gen: %s has no field %s\n", k->name, name);
		exit(1);
	}
	return i;
}

static void fields_init(void)
{
	const struct kind *o = &model_organization, *p = &model_person, *q = &model_position;
	F.name = field(o, "name"), F.names = field(o, "names"), F.kind = field(o, "kind");
	F.legal_form = field(o, "legal_form"), F.ess = field(o, "ess"), F.territory = field(o, "territory");
	F.address = field(o, "address"), F.latitude = field(o, "latitude"), F.longitude = field(o, "longitude");
	F.website = field(o, "website"), F.email = field(o, "email"), F.phone = field(o, "phone");
	F.siren = field(o, "siren"), F.siret = field(o, "siret"), F.rna = field(o, "rna");
	F.other_registry = field(o, "other_registry"), F.other_id = field(o, "other_id");
	F.sectors = field(o, "sectors"), F.filieres = field(o, "filieres"), F.sdgs = field(o, "sdgs");
	F.tags = field(o, "tags"), F.description = field(o, "description"), F.visibility = field(o, "visibility");
	F.given_name = field(p, "given_name"), F.family_name = field(p, "family_name");
	F.languages = field(p, "languages"), F.emails = field(p, "emails"), F.phones = field(p, "phones");
	F.notes = field(p, "notes"), F.legal_basis = field(p, "legal_basis");
	F.legal_basis_date = field(p, "legal_basis_date"), F.pvisibility = field(p, "visibility");
	F.person = field(q, "person"), F.organization = field(q, "organization"), F.title = field(q, "title");
	F.start_date = field(q, "start_date"), F.end_date = field(q, "end_date");
}

static const char *visibility(void)
{
	int x = (int)rng_below(100);
	return x < 85 ? "public" : x < 95 ? "internal" : "confidential";
}

static const char *phone_number(struct arena *a)
{
	static const char *const prefixes[] = {"+590 690", "+596 696", "+594 694", "+1 721 5", "+509 3", "+1 809", "+506 8", "+33 5"};
	return arena_printf(a, "%s %02d %02d %02d", PICK(prefixes), (int)rng_below(100), (int)rng_below(100), (int)rng_below(100));
}

static const char *random_date(struct arena *a, int from_year, int to_year)
{
	return arena_printf(a, "%04d-%02d-%02d", from_year + (int)rng_below((size_t)(to_year - from_year + 1)),
			    1 + (int)rng_below(12), 1 + (int)rng_below(28));
}

/* Sector codes, read from the store's reference list at start. */
static const struct ref_item *sector_items;
static size_t nsectors;

static struct record *make_organization(struct arena *a)
{
	struct record *r = record_new(a, &model_organization);
	const struct weighted *terr;
	const char *kind = pick_weighted(kinds, COUNT(kinds), NULL);
	const char *territory = pick_weighted(territories, COUNT(territories), &terr);
	struct org_name n = org_name(a, kind);
	record_add(r, F.name, n.name, NULL, 0);
	const char *acro = acronym_of(a, n.name);
	if (acro && rng_chance(60))
		record_add(r, F.names, acro, n.lang, 1);
	if (n.translated) {
		record_add(r, F.names, n.translated, n.translated_lang, 0);
		const char *acro2 = acronym_of(a, n.translated);
		if (acro2 && rng_chance(50))
			record_add(r, F.names, acro2, n.translated_lang, 1);
	}
	record_add(r, F.kind, kind, NULL, 0);
	if (rng_chance(70))
		record_add(r, F.legal_form, PICK(legal_forms), NULL, 0);
	if (rng_chance(60))
		record_add(r, F.ess, rng_chance(50) ? "true" : "false", NULL, 0);
	record_add(r, F.territory, territory, NULL, 0);
	if (rng_chance(70))
		record_add(r, F.address, arena_printf(a, "%d %s, %s", 1 + (int)rng_below(120), PICK(streets), PICK_SKEWED(places)), NULL, 0);
	if (rng_chance(50)) {
		record_add(r, F.latitude, arena_printf(a, "%.5f", terr->lat + (rng_unit() - 0.5) * 0.3), NULL, 0);
		record_add(r, F.longitude, arena_printf(a, "%.5f", terr->lon + (rng_unit() - 0.5) * 0.3), NULL, 0);
	}
	const char *domain = arena_printf(a, "%s.example.org", slug(a, acro ? acro : n.name));
	if (rng_chance(50))
		record_add(r, F.website, arena_printf(a, "https://www.%s/", domain), NULL, 0);
	if (rng_chance(50))
		record_add(r, F.email, arena_printf(a, "contact@%s", domain), NULL, 0);
	if (rng_chance(60))
		record_add(r, F.phone, phone_number(a), NULL, 0);
	int french = territory[0] == 'F' || strcmp(territory, "MF") == 0 || strcmp(territory, "GP") == 0 ||
		     strcmp(territory, "MQ") == 0 || strcmp(territory, "GF") == 0 || strcmp(territory, "BL") == 0;
	if (french && rng_chance(40)) {
		char siren[10], siret[15];
		luhn_number(siren, 9, "");
		record_add(r, F.siren, siren, NULL, 0);
		if (rng_chance(50)) {
			luhn_number(siret, 14, siren);
			record_add(r, F.siret, siret, NULL, 0);
		}
	}
	if (french && strcmp(kind, "association") == 0 && rng_chance(50))
		record_add(r, F.rna, arena_printf(a, "W%09llu", (unsigned long long)rng_below(1000000000)), NULL, 0);
	if (strcmp(territory, "SX") == 0 && rng_chance(50)) {
		record_add(r, F.other_registry, "Chamber of Commerce Sint Maarten", NULL, 0);
		record_add(r, F.other_id, arena_printf(a, "%06d", (int)rng_below(1000000)), NULL, 0);
	}
	for (size_t i = rng_below(4); i > 0; i--)
		record_add(r, F.sectors, sector_items[rng_below(nsectors)].code, NULL, 0);
	for (size_t i = rng_below(3); i > 0; i--)
		record_add(r, F.filieres, PICK(filieres), NULL, 0);
	for (size_t i = rng_below(4); i > 0; i--)
		record_add(r, F.sdgs, arena_printf(a, "%d", 1 + (int)rng_below(17)), NULL, 0);
	for (size_t i = rng_below(4); i > 0; i--)
		record_add(r, F.tags, PICK_SKEWED(tags), NULL, 0);
	if (rng_chance(60))
		record_add(r, F.description, arena_printf(a, "%s %s %s. %s", PICK(describe), PICK_SKEWED(themes_fr), of_place(a, PICK_SKEWED(places)),
							  rng_chance(50) ? "Actions de terrain, formation et plaidoyer auprès des pouvoirs publics." : "Projets menés avec des partenaires de toute la Caraïbe."),
			   "fr", 0);
	if (rng_chance(20))
		record_add(r, F.description, arena_printf(a, "Working on %s and %s across the region.", PICK_SKEWED(themes_en), PICK_SKEWED(themes_en)), "en", 0);
	record_add(r, F.visibility, visibility(), NULL, 0);
	return r;
}

static struct record *make_person(struct arena *a)
{
	struct record *r = record_new(a, &model_person);
	const char *given = PICK(given_names), *family = PICK(family_names);
	if (rng_chance(95))
		record_add(r, F.given_name, given, NULL, 0);
	if (rng_chance(10))
		family = arena_printf(a, "%s-%s", family, PICK(family_names));
	record_add(r, F.family_name, family, NULL, 0);
	static const char *const langs[] = {"fr", "en", "es", "nl", "ht", "pap", "pt"};
	for (size_t i = 1 + rng_below(2); i > 0; i--)
		record_add(r, F.languages, PICK(langs), NULL, 0);
	if (rng_chance(70))
		record_add(r, F.emails, arena_printf(a, "%s.%s@example.net", slug(a, given), slug(a, family)), NULL, 0);
	if (rng_chance(50))
		record_add(r, F.phones, phone_number(a), NULL, 0);
	if (rng_chance(20))
		record_add(r, F.notes, arena_printf(a, "Rencontré·e au forum %s %s.", PICK_SKEWED(themes_fr), of_place(a, PICK_SKEWED(places))), NULL, 0);
	record_add(r, F.legal_basis, rng_chance(70) ? "legitimate_interest" : "consent", NULL, 0);
	record_add(r, F.legal_basis_date, random_date(a, 2018, 2025), NULL, 0);
	record_add(r, F.pvisibility, visibility(), NULL, 0);
	return r;
}

static struct record *make_position(struct arena *a, long long person, long long org)
{
	struct record *r = record_new(a, &model_position);
	record_add(r, F.person, arena_printf(a, "%lld", person), NULL, 0);
	record_add(r, F.organization, arena_printf(a, "%lld", org), NULL, 0);
	if (rng_chance(90))
		record_add(r, F.title, PICK(job_titles), NULL, 0);
	if (rng_chance(70)) {
		int from = 2005 + (int)rng_below(19);
		record_add(r, F.start_date, random_date(a, from, from), NULL, 0);
		if (rng_chance(30))
			record_add(r, F.end_date, random_date(a, from + 1, from + 2), NULL, 0);
	}
	return r;
}

/* How many positions person number i (from 0) holds: 0, 1 or 2, about
 * one on average.  Drawn from its own sequence so that --check can count
 * them without generating everything. */
static int positions_of(uint64_t seed, long long i)
{
	uint64_t z = seed ^ ((uint64_t)i * 0xd1342543de82ef95ULL);
	z = (z ^ (z >> 31)) * 0x9e3779b97f4a7c15ULL;
	z ^= z >> 29;
	int x = (int)(z % 100);
	return x < 15 ? 0 : x < 85 ? 1 : 2;
}

static long long expected_positions(uint64_t seed, long long people)
{
	long long n = 0;
	for (long long i = 0; i < people; i++)
		n += positions_of(seed, i);
	return n;
}

/* ------------------------------------------------------------ generate */

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct options {
	long long orgs, people;
	uint64_t seed;
	const char *db;
	const char *paths_dir;
	int check;
	long long schema; /* --check: the schema version expected, or 0 */
};

typedef struct record *(*make_fn)(struct arena *a, long long i, void *ctx);

struct position_ctx {
	struct options *o;
	long long person;     /* current person (1-based id) */
	int left;             /* positions still to give them */
	long long person_seq; /* persons done */
};

static struct record *make_org_i(struct arena *a, long long i, void *ctx)
{
	(void)i, (void)ctx;
	return make_organization(a);
}

static struct record *make_person_i(struct arena *a, long long i, void *ctx)
{
	(void)i, (void)ctx;
	return make_person(a);
}

static struct record *make_position_i(struct arena *a, long long i, void *ctx)
{
	struct position_ctx *c = ctx;
	(void)i;
	while (c->left == 0) {
		c->person = c->person_seq + 1;
		c->left = positions_of(c->o->seed, c->person_seq);
		c->person_seq++;
	}
	c->left--;
	long long org = rng_chance(20) && c->o->orgs > BIG_ORGS ? 1 + (long long)rng_below(BIG_ORGS)
								: 1 + (long long)rng_below((size_t)c->o->orgs);
	return make_position(a, c->person, org);
}

/* Create `count` records made by fn, in batches; 0 or -1 after a message. */
static int create_many(struct store *s, const char *what, long long count, make_fn fn, void *ctx, double t0)
{
	struct viewer v = store_system_viewer("cli"); /* the program itself may write anything */
	double started = now_seconds();
	for (long long done = 0; done < count;) {
		if (store_batch_begin(s) != STORE_OK) {
			fprintf(stderr, "gen: cannot begin a transaction\n");
			return -1;
		}
		long long end = done + BATCH < count ? done + BATCH : count;
		int ok = 1;
		for (; done < end && ok; done++) {
			struct arena a = ARENA_INIT;
			struct field_errors errors;
			field_errors_init(&errors, &a);
			struct record *r = fn(&a, done, ctx);
			int rc = store_create(s, &a, &v, r, &errors);
			if (rc != STORE_OK) {
				fprintf(stderr, "gen: %s #%lld (%s): %s %s %s\n", what, done + 1, record_title(r),
					errors.count ? errors.items[0].field : "", errors.count ? errors.items[0].message : "database error",
					errors.count && errors.items[0].detail ? errors.items[0].detail : "");
				ok = 0;
			}
			arena_release(&a);
		}
		if (store_batch_end(s, ok) != STORE_OK || !ok)
			return -1;
		if (done % 100000 == 0 || done == count) {
			double t = now_seconds();
			printf("gen: %-13s %9lld / %lld  %7.0f/s  (%.0f s elapsed)\n", what, done, count,
			       (double)done / (t - started), t - t0);
			fflush(stdout);
		}
	}
	return 0;
}

static int write_meta(const struct options *o, long long positions, double seconds)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s.meta", o->db);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	time_t t = time(NULL);
	char when[32];
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	fprintf(f, "orgs=%lld\npeople=%lld\npositions=%lld\nseed=%llu\nseconds=%.1f\ngenerated=%s\n", o->orgs, o->people,
		positions, (unsigned long long)o->seed, seconds, when);
	return fclose(f) == 0 ? 0 : -1;
}

static int generate(struct options *o)
{
	struct stat st;
	if (stat(o->db, &st) == 0) {
		fprintf(stderr, "gen: %s exists; remove it first\n", o->db);
		return 1;
	}
	double t0 = now_seconds();
	char err[512];
	struct store *s = store_open(o->db, 1, err, sizeof(err));
	if (!s) {
		fprintf(stderr, "gen: %s\n", err);
		return 1;
	}
	sector_items = store_ref_items(s, "sector", &nsectors);
	if (!nsectors) {
		fprintf(stderr, "gen: no sector codes in the reference lists\n");
		store_close(s);
		return 1;
	}
	long long positions = expected_positions(o->seed, o->people);
	printf("gen: %lld organisations, %lld people, %lld positions into %s (seed %llu)\n", o->orgs, o->people,
	       positions, o->db, (unsigned long long)o->seed);
	struct position_ctx pc = {.o = o};
	int rc = create_many(s, "organisations", o->orgs, make_org_i, NULL, t0);
	if (rc == 0)
		rc = create_many(s, "people", o->people, make_person_i, NULL, t0);
	if (rc == 0)
		rc = create_many(s, "positions", positions, make_position_i, &pc, t0);
	store_close(s);
	if (rc != 0)
		return 1;
	/* Leave one file: fold the WAL back into the database. */
	sqlite3 *db;
	if (sqlite3_open(o->db, &db) == SQLITE_OK)
		sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	sqlite3_close(db);
	double seconds = now_seconds() - t0;
	if (write_meta(o, positions, seconds) != 0) {
		fprintf(stderr, "gen: cannot write %s.meta: %s\n", o->db, strerror(errno));
		return 1;
	}
	printf("gen: done in %.1f s (%.0f records/s)\n", seconds, (double)(o->orgs + o->people + positions) / seconds);
	return 0;
}

/* --------------------------------------------------------------- check */

static long long count_rows(sqlite3 *db, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int check(const struct options *o)
{
	char path[4096], line[256];
	snprintf(path, sizeof(path), "%s.meta", o->db);
	FILE *f = fopen(path, "r");
	if (!f)
		return 1;
	unsigned long long seed = 0;
	int seen = 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "seed=%llu", &seed) == 1)
			seen = 1;
	fclose(f);
	if (!seen || seed != o->seed)
		return 1;
	sqlite3 *db;
	if (sqlite3_open_v2(o->db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return 1;
	}
	int ok = count_rows(db, "organization") == o->orgs && count_rows(db, "person") == o->people &&
		 count_rows(db, "position") == expected_positions(o->seed, o->people);
	if (ok && o->schema) {
		sqlite3_stmt *st;
		ok = sqlite3_prepare_v2(db, "SELECT max(version) FROM schema_migrations", -1, &st, NULL) == SQLITE_OK &&
		     sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == o->schema;
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return ok ? 0 : 1;
}

/* --------------------------------------------------------------- paths */

static void url_encode(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-_.~", *p))
			buf_putc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

/* A query as somebody types it: one to three words of a name that exists,
 * the last one often cut short (type-ahead), accents kept or not. */
static const char *typed_query(struct arena *a)
{
	const char *source;
	if (rng_chance(20)) {
		source = arena_printf(a, "%s %s", PICK(family_names), PICK(given_names));
	} else if (rng_chance(10)) {
		/* An acronym, as people look for "ADSM". */
		const char *kind = pick_weighted(kinds, COUNT(kinds), NULL);
		const char *acro = acronym_of(a, org_name(a, kind).name);
		if (acro)
			return acro;
		source = org_name(a, kind).name;
	} else {
		source = org_name(a, pick_weighted(kinds, COUNT(kinds), NULL)).name;
	}
	/* Words of the name, without the short ones people skip. */
	char *copy = arena_strdup(a, source);
	const char *words[32];
	size_t n = 0;
	for (char *p = copy, *w; n < COUNT(words) && (w = strsep(&p, " '")) != NULL;)
		if (strlen(w) >= 3)
			words[n++] = w;
	if (n == 0)
		return "saint";
	size_t take = 1 + rng_below(3);
	size_t from = rng_below(n);
	if (from + take > n)
		take = n - from;
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < take; i++) {
		const char *w = words[from + i];
		if (i + 1 == take && rng_chance(60)) {
			/* Cut the last word after 2..len-1 characters (whole UTF-8 sequences). */
			size_t len = strlen(w), cut = 2 + rng_below(len > 3 ? len - 2 : 1);
			while (cut < len && ((unsigned char)w[cut] & 0xC0) == 0x80)
				cut++;
			buf_printf(&b, "%s%.*s", i ? " " : "", (int)cut, w);
		} else {
			buf_printf(&b, "%s%s", i ? " " : "", w);
		}
	}
	const char *q = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	/* Half the people type without accents or capitals. */
	return rng_chance(50) ? text_fold(a, q) : q;
}

static int write_lines(const char *dir, const char *name, char **lines, size_t n)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\n", lines[i]);
	return fclose(f) == 0 ? 0 : -1;
}

static int compare_ll(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;
	return (a > b) - (a < b);
}

#define NPATHS 4000
#define NCURSORS 500

static int paths(struct options *o)
{
	struct arena a = ARENA_INIT;
	char **lines = arena_alloc(&a, NPATHS * sizeof(*lines));
	struct buf b = BUF_INIT;
	int rc = 0;
	/* (a) type-ahead API and (b) the directory's search page: the same queries. */
	const char **queries = arena_alloc(&a, NPATHS * sizeof(*queries));
	for (size_t i = 0; i < NPATHS; i++)
		queries[i] = typed_query(&a);
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		for (size_t i = 0; i < NPATHS; i++) {
			buf_reset(&b);
			buf_puts(&b, pass == 0 ? "/api/v1/search?q=" : "/organizations?q=");
			url_encode(&b, queries[i]);
			if (pass == 0)
				buf_puts(&b, "&limit=10");
			lines[i] = arena_strdup(&a, buf_str(&b));
		}
		rc = write_lines(o->paths_dir, pass == 0 ? "search.txt" : "orgsearch.txt", lines, NPATHS);
	}
	/* (c) filtered lists: territory and kind as drawn for the records. */
	for (size_t i = 0; i < NPATHS && rc == 0; i++)
		lines[i] = arena_printf(&a, "/organizations?territory=%s&kind=%s", pick_weighted(territories, COUNT(territories), NULL),
					pick_weighted(kinds, COUNT(kinds), NULL));
	if (rc == 0)
		rc = write_lines(o->paths_dir, "filter.txt", lines, NPATHS);
	sqlite3 *db;
	if (rc == 0 && sqlite3_open_v2(o->db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "gen: cannot open %s\n", o->db);
		rc = -1;
	}
	/* (d) detail pages: any public organisation (what an anonymous visitor
	 * may open), one time in ten a big one. */
	sqlite3_stmt *pub = NULL;
	if (rc == 0 && sqlite3_prepare_v2(db, "SELECT visibility = 'public' FROM organization WHERE id = ?1", -1, &pub, NULL) != SQLITE_OK)
		rc = -1;
	for (size_t i = 0; i < NPATHS && rc == 0;) {
		long long id = rng_chance(10) && o->orgs > BIG_ORGS ? 1 + (long long)rng_below(BIG_ORGS)
								   : 1 + (long long)rng_below((size_t)o->orgs);
		sqlite3_bind_int64(pub, 1, id);
		int public = sqlite3_step(pub) == SQLITE_ROW && sqlite3_column_int(pub, 0);
		sqlite3_reset(pub);
		if (public)
			lines[i++] = arena_printf(&a, "/organizations/%lld", id);
	}
	sqlite3_finalize(pub);
	if (rc == 0)
		rc = write_lines(o->paths_dir, "detail.txt", lines, NPATHS);
	/* (e) deep pages: cursors of pages anywhere in the alphabetical list of
	 * public organisations, read from the database as the list makes them
	 * ("sortkey~id" of the last row of the page before).  The first line
	 * is the cursor of page 2, for run.sh to compare with the server's. */
	if (rc == 0) {
		long long total = count_rows(db, "organization WHERE deleted_at IS NULL AND visibility = 'public'");
		long long offsets[NCURSORS];
		offsets[0] = 49;
		for (size_t i = 1; i < NCURSORS; i++)
			offsets[i] = total > 100 ? 50 + (long long)rng_below((size_t)(total - 100)) : 49;
		qsort(offsets, NCURSORS, sizeof(*offsets), compare_ll);
		sqlite3_stmt *st;
		size_t n = 0;
		if (sqlite3_prepare_v2(db, "SELECT sort_key, id FROM organization WHERE deleted_at IS NULL AND visibility = 'public'"
				       " ORDER BY sort_key, id",
				       -1, &st, NULL) == SQLITE_OK) {
			for (long long row = 0; n < NCURSORS && sqlite3_step(st) == SQLITE_ROW; row++)
				while (n < NCURSORS && offsets[n] == row)
					lines[n++] = arena_printf(&a, "/organizations?after=%s~%lld", sqlite3_column_text(st, 0),
								  (long long)sqlite3_column_int64(st, 1));
		}
		sqlite3_finalize(st);
		rc = n ? write_lines(o->paths_dir, "deep.txt", lines, n) : -1;
	}
	sqlite3_close(db);
	buf_release(&b);
	arena_release(&a);
	return rc == 0 ? 0 : 1;
}

/* ---------------------------------------------------------------- main */

static long long number(const char *s, const char *flag)
{
	char *end;
	errno = 0;
	long long n = strtoll(s, &end, 10);
	if (*end || errno || n < 1) {
		fprintf(stderr, "gen: %s wants a positive number\n", flag);
		exit(2);
	}
	return n;
}

int main(int argc, char **argv)
{
	struct options o = {.orgs = 1000000, .people = 300000, .seed = 20250101};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--check") == 0)
			o.check = 1;
		else if (strcmp(a, "--orgs") == 0 && i + 1 < argc)
			o.orgs = number(argv[++i], a);
		else if (strcmp(a, "--people") == 0 && i + 1 < argc)
			o.people = number(argv[++i], a);
		else if (strcmp(a, "--seed") == 0 && i + 1 < argc)
			o.seed = (uint64_t)number(argv[++i], a);
		else if (strcmp(a, "--schema") == 0 && i + 1 < argc)
			o.schema = number(argv[++i], a);
		else if (strcmp(a, "--paths") == 0 && i + 1 < argc)
			o.paths_dir = argv[++i];
		else if (a[0] != '-' && !o.db)
			o.db = a;
		else {
			fprintf(stderr, "usage: gen [--check [--schema V] | --paths DIR] [--orgs N] [--people M] [--seed S] DB\n");
			return 2;
		}
	}
	if (!o.db) {
		fprintf(stderr, "usage: gen [--check [--schema V] | --paths DIR] [--orgs N] [--people M] [--seed S] DB\n");
		return 2;
	}
	if (o.check)
		return check(&o);
	if (text_init() != 0)
		return 1;
	fields_init();
	/* Paths draw from a sequence of their own, so they do not depend on
	 * whether the database was generated in this run. */
	rng_state = o.paths_dir ? o.seed ^ 0x5bd1e995ULL : o.seed;
	int rc = o.paths_dir ? paths(&o) : generate(&o);
	text_shutdown();
	return rc;
}
