/*
 * desk.c - the working desk at the scale of a busy regional office: how
 * long a record page's timeline, the desk's lists, a workflow transition,
 * the calendar feeds and a search take.
 *
 * Generates into a new database, through store_create in batches of 5,000
 * (store_batch_begin/end), as real writes (validation, references checked,
 * sort keys, search index, history), at --scale 1:
 *
 *   5 teams, 100 accounts (5 validators and 15 editors per team, one in
 *   ten also in a second team);
 *   5,000 organisations, 10,000 people;
 *   200,000 interactions over five years (the last 57 months and the next
 *   three), each naming 1 to 5 organisations, 0 to 5 people, 1 to 3
 *   colleagues (some far busier than others), in a time zone of the model;
 *   a few organisations are "hot": the first (an OECS) is named by 5 % of
 *   the interactions, the next by 2 %, 1 %, 0.5 % and 0.5 %; one person by
 *   1 %;
 *   150,000 follow-ups (an owner, a due date; 70 % done, 2 % cancelled, the
 *   rest open or in progress and due around today), 60 % born from an
 *   interaction;
 *   20,000 notes, each with its author and a named validator; 10 % of them
 *   submitted through store_transition by their author;
 *   30,000 documents of the register (60 % received, from an organisation).
 *
 * Then times, with a monotonic clock, each measurement --runs times (100
 * by default, after one run not counted), and prints the median and the
 * 95th percentile:
 *
 *   store_timeline (limit 200, as a record page asks) of the hottest
 *   organisation, of the median one (as many records naming it as half of
 *   the organisations), of the most named person; store_followups_due for
 *   the owner with the most open follow-ups, as the desk asks (due within a
 *   week, 50) and as "all my follow-ups" asks (500); store_workflow_waiting
 *   (50) for the validator with the most notes submitted to them;
 *   store_transition submit (by the author) then validate (by the
 *   validator), each on a fresh note; store_calendar_records for the
 *   busiest account and for the largest team (from 90 days ago, as the feed
 *   asks); store_search (30, as the search page asks) of a word found in 2 %
 *   of the interactions' subjects.
 *
 * Readers are accounts (an editor, the owner, the validator, a member of the
 * team), not the system: the visibility conditions are part of the cost.
 *
 * Build (after `make passerelle`) and run from the root:
 *
 *   mkdir -p bench/work
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -Isrc -Ibuild/gen bench/desk.c build/release/libpasserelle.a \
 *       $(make -s --no-print-directory --eval 'p: ; @echo $(LIBS)' p) -o bench/work/desk
 *   bench/work/desk [--scale S] [--seed S] [--runs N] [--db PATH] [--keep] [--reuse PATH] [--env FILE]
 *
 * The database goes to a temporary directory, removed at the end, unless
 * --db names it (it must not exist) or --keep keeps it.  --reuse PATH
 * measures a database made earlier by --db or --keep without generating
 * (to compare two builds on the same data; a newer build migrates it).
 * --env FILE writes the results as BENCH_DESK_* shell variables.
 * Exit status 0 when every target is met: a record page's timeline and the
 * desk's lists under 50 ms at the 95th percentile, a transition under
 * 20 ms.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/crypto.h"
#include "base/text.h"
#include "model/model.h"
#include "model/record.h"
#include "store/activity.h"
#include "store/auth.h"
#include "store/store.h"
#include "store/workflow.h"

#include "bench.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define BATCH 5000
#define NTEAMS 5
#define NACCOUNTS 100
#define SEARCH_WORD "sargasses"

/* ------------------------------------------------------------- helpers */

/* 1 with probability per10000 / 10,000 */
static int chance(unsigned per10000)
{
	return below(10000) < per10000;
}

static void set(struct record *r, const char *field, const char *value)
{
	int i = model_field_index(r->kind, field);
	if (i < 0) {
		fprintf(stderr, "desk: no field %s in %s\n", field, r->kind->name);
		exit(1);
	}
	record_set(r, i, value);
}

static void add(struct arena *a, struct record *r, const char *field, int64_t id)
{
	int i = model_field_index(r->kind, field);
	if (i < 0) {
		fprintf(stderr, "desk: no field %s in %s\n", field, r->kind->name);
		exit(1);
	}
	record_add(r, i, arena_printf(a, "%lld", (long long)id), NULL, 0);
}

static const char *num(struct arena *a, int64_t id)
{
	return arena_printf(a, "%lld", (long long)id);
}

/* The date `days` from today (the server's time zone, as the desk counts). */
static const char *day(struct arena *a, int days)
{
	char out[11];
	clock_local_date(clock_now(), days, out);
	return arena_strdup(a, out);
}

/* Draw from a skewed distribution over n items (weights 1 / (rank +
 * offset)), through a table of cumulative weights. */
struct skew {
	double *cum;
	size_t n;
};

static struct skew skew_new(size_t n, double offset)
{
	struct skew s = {calloc(n, sizeof(double)), n};
	double total = 0;
	for (size_t i = 0; i < n; i++)
		s.cum[i] = (total += 1.0 / ((double)i + offset));
	for (size_t i = 0; i < n; i++)
		s.cum[i] /= total;
	return s;
}

static size_t skew_draw(const struct skew *s)
{
	double u = (double)(rng() >> 11) / 9007199254740992.0;
	size_t lo = 0, hi = s->n - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->cum[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ----------------------------------------------------------- the words */

static const char *const syllables[] = {
	"ka", "ma", "lou", "ti", "bo", "na", "ri", "sa", "ko", "mi", "la", "do", "pa", "ru", "ne", "sé",
	"wa", "ya", "gou", "ba", "to", "li", "mo", "fa", "zé", "ha", "ni", "po", "tè", "vi", "da", "kou",
};
static const char *const bodies[] = {
	"Association", "Coopérative", "Comité", "Fédération", "Syndicat", "Collectif", "Réseau", "Union",
	"Centre", "Groupement", "Institut", "Office", "Société", "Fondation", "Agence", "Chambre",
};
static const char *const places[] = {
	"Pointe-à-Pitre", "Basse-Terre", "Fort-de-France", "Cayenne", "Marigot", "Philipsburg", "Castries", "Roseau",
	"Bridgetown", "Port-au-Prince", "Kingston", "Port of Spain", "Willemstad", "Saint-Denis", "Gustavia", "Kourou",
};
static const char *const given_names[] = {
	"Marie", "Jean", "Josette", "Max", "Lucie", "Patrick", "Nadia", "Hervé", "Sandra", "Rodolphe", "Kenza", "Didier",
	"Aurélie", "Fabrice", "Ines", "Olivier", "Maëva", "Grégory", "Sophie", "Thierry", "Claudia", "Winston", "Aisha",
	"Dwayne", "Keisha", "Marlon", "Sherry", "Ravi", "Ana", "Luis", "Carmen", "Pedro",
};
/* Topics of meetings; each in about 2 % of the subjects. */
static const char *const topics[] = {
	SEARCH_WORD, "pêche durable", "économie bleue", "énergies marines", "risques naturels", "santé publique",
	"mobilité étudiante", "transport aérien", "fret maritime", "tourisme", "culture créole", "patrimoine",
	"biodiversité", "mangrove", "récifs coralliens", "eau potable", "déchets", "agroécologie", "numérique",
	"câbles sous-marins", "formation professionnelle", "jeunesse", "coopération douanière", "sécurité civile",
	"cyclones", "séismes", "langues", "recherche", "universités", "fonds européens", "Interreg", "FEDER",
	"programme opérationnel", "stratégie régionale", "accords commerciaux", "visas", "diaspora", "sport",
	"musique", "audiovisuel", "innovation", "hydrogène", "géothermie", "solaire", "banane", "rhum",
	"cacao", "aquaculture", "littoral", "climat",
};
static const char *const meeting_words[] = {
	"Réunion", "Comité technique", "Point d'étape", "Atelier", "Visioconférence", "Entretien", "Séminaire",
	"Échange", "Mission", "Comité de pilotage",
};
static const char *const followup_verbs[] = {
	"Envoyer le compte rendu", "Relancer", "Préparer une note", "Transmettre les éléments", "Organiser une réunion",
	"Répondre au courrier", "Vérifier le budget", "Proposer un calendrier", "Consulter les services",
	"Mettre à jour la fiche",
};

static const char *coined(struct arena *a)
{
	size_t n = 2 + below(2);
	char buf[32] = "";
	for (size_t i = 0; i < n; i++)
		strcat(buf, syllables[below(COUNT(syllables))]);
	buf[0] = (char)(buf[0] - 'a' + 'A');
	return arena_strdup(a, buf);
}

/* ----------------------------------------------------------- the data */

struct counts {
	long long orgs, people, interactions, followups, notes, documents;
};

struct world {
	struct store *s;
	struct viewer system;
	int64_t teams[NTEAMS];
	int64_t accounts[NACCOUNTS];
	int account_team[NACCOUNTS];
	int validator[NACCOUNTS]; /* 1 for a validator */
	struct viewer viewers[NACCOUNTS];
	struct arena viewer_arena;
	int64_t *orgs, *people, *interactions;
	int *interaction_day; /* its date, in days from today */
	long long norgs, npeople, ninteractions;
	struct skew account_skew, validator_skew;
	int validators[NACCOUNTS];
	size_t nvalidators;
	long long submitted;
};

static int create(struct world *w, struct arena *a, const struct viewer *v, struct record *r, const char *what)
{
	struct field_errors errors;
	field_errors_init(&errors, a);
	if (store_create(w->s, a, v, r, &errors) == STORE_OK)
		return 0;
	fprintf(stderr, "desk: %s: %s %s %s\n", what, errors.count ? errors.items[0].field : "",
		errors.count ? errors.items[0].message : "database error",
		errors.count && errors.items[0].detail ? errors.items[0].detail : "");
	return -1;
}

/* Draw up to `want` distinct values into out by draw(), returning how many. */
static size_t distinct(int64_t *out, size_t want, int64_t (*draw)(struct world *), struct world *w)
{
	size_t n = 0;
	for (size_t tries = 0; n < want && tries < want * 8; tries++) {
		int64_t x = draw(w);
		int dup = 0;
		for (size_t i = 0; i < n && !dup; i++)
			dup = out[i] == x;
		if (!dup)
			out[n++] = x;
	}
	return n;
}

/* An organisation named by an interaction: the hot ones first, by their
 * shares (the first 5 %, then 2 %, 1 %, 0.5 %, 0.5 % of the interactions
 * name them, as each names 3 on average), else any. */
static int64_t draw_org(struct world *w)
{
	static const unsigned share[] = {167, 67, 33, 17, 17}; /* per 10,000 draws */
	unsigned u = (unsigned)below(10000), acc = 0;
	for (size_t i = 0; i < COUNT(share) && (long long)i < w->norgs; i++)
		if (u < (acc += share[i]))
			return w->orgs[i];
	return w->orgs[below((size_t)w->norgs)];
}

/* A person: the first is named by 1 % of the interactions. */
static int64_t draw_person(struct world *w)
{
	if (chance(40))
		return w->people[0];
	return w->people[below((size_t)w->npeople)];
}

static int64_t draw_account(struct world *w)
{
	return w->accounts[skew_draw(&w->account_skew)];
}

static int make_people_and_orgs(struct world *w, struct counts *c)
{
	static const char *const kinds[] = {"association", "cooperative", "company", "network", "local_authority"};
	static const char *const territories[] = {"GP", "MQ", "GF", "MF", "SX", "LC", "DM", "BB", "HT", "JM", "TT", "CW"};
	static const char *const hot[] = {
		"Organisation des États de la Caraïbe orientale", "Association des États de la Caraïbe",
		"Communauté caribéenne", "Commission économique pour l'Amérique latine et les Caraïbes",
		"Organisation du tourisme de la Caraïbe",
	};
	w->orgs = calloc((size_t)c->orgs, sizeof(int64_t));
	w->people = calloc((size_t)c->people, sizeof(int64_t));
	long long total = c->orgs + c->people;
	for (long long made = 0; made < total;) {
		if (store_batch_begin(w->s) != STORE_OK)
			return -1;
		int ok = 1;
		for (long long end = made + BATCH < total ? made + BATCH : total; ok && made < end; made++) {
			struct arena a = ARENA_INIT;
			struct record *r;
			if (made < c->orgs) {
				r = record_new(&a, &model_organization);
				set(r, "name", made < (long long)COUNT(hot) ? hot[made]
									  : arena_printf(&a, "%s %s de %s", bodies[below(COUNT(bodies))],
											 coined(&a), places[below(COUNT(places))]));
				set(r, "kind", kinds[below(COUNT(kinds))]);
				set(r, "territory", territories[below(COUNT(territories))]);
				set(r, "visibility", chance(3000) ? "public" : "internal");
				ok = create(w, &a, &w->system, r, "organisation") == 0;
				w->orgs[made] = r->id;
			} else {
				r = record_new(&a, &model_person);
				set(r, "given_name", given_names[below(COUNT(given_names))]);
				set(r, "family_name", coined(&a));
				set(r, "legal_basis", "legitimate_interest");
				set(r, "legal_basis_date", day(&a, -(int)below(2000)));
				set(r, "visibility", "internal");
				ok = create(w, &a, &w->system, r, "person") == 0;
				w->people[made - c->orgs] = r->id;
			}
			arena_release(&a);
		}
		if (store_batch_end(w->s, ok) != STORE_OK || !ok)
			return -1;
	}
	w->norgs = c->orgs;
	w->npeople = c->people;
	return 0;
}

static int make_accounts(struct world *w)
{
	static const char *const team_names[NTEAMS] = {"Coopération régionale", "Affaires européennes", "Économie bleue",
						      "Climat et risques", "Secrétariat général"};
	if (store_batch_begin(w->s) != STORE_OK)
		return -1;
	int ok = 1;
	struct arena a = ARENA_INIT;
	for (int i = 0; ok && i < NTEAMS; i++) {
		struct record *r = record_new(&a, &model_team);
		set(r, "name", team_names[i]);
		ok = create(w, &a, &w->system, r, "team") == 0;
		w->teams[i] = r->id;
	}
	for (int i = 0; ok && i < NACCOUNTS; i++) {
		struct record *r = record_new(&a, &model_account);
		w->account_team[i] = i % NTEAMS;
		w->validator[i] = i % 20 < 5; /* 5 of each team's 20 */
		set(r, "email", arena_printf(&a, "agent%03d@region.example", i + 1));
		set(r, "display_name", arena_printf(&a, "%s %s", given_names[below(COUNT(given_names))], coined(&a)));
		set(r, "role", w->validator[i] ? "validator" : "editor");
		set(r, "language", "fr");
		add(&a, r, "teams", w->teams[w->account_team[i]]);
		if (i % 10 == 7)
			add(&a, r, "teams", w->teams[(w->account_team[i] + 1) % NTEAMS]);
		ok = create(w, &a, &w->system, r, "account") == 0;
		w->accounts[i] = r->id;
	}
	arena_release(&a);
	if (store_batch_end(w->s, ok) != STORE_OK || !ok)
		return -1;
	/* Their viewers, as the server builds them. */
	for (int i = 0; i < NACCOUNTS; i++) {
		struct auth_account acc;
		if (auth_account_by_id(w->s, &w->viewer_arena, w->accounts[i], &acc) != AUTH_OK)
			return -1;
		w->viewers[i] = auth_viewer(&acc, "bench", "127.0.0.1");
		if (w->validator[i])
			w->validators[w->nvalidators++] = i;
	}
	/* Some accounts are far busier than others. */
	w->account_skew = skew_new(NACCOUNTS, 10);
	w->validator_skew = skew_new(w->nvalidators, 3);
	return 0;
}

static const char *visibility(struct world *w, struct arena *a, struct record *r, const int64_t *participants,
			      size_t nparticipants)
{
	if (chance(8500))
		return "internal";
	if (chance(6700) || nparticipants == 0) { /* 10 % in all: a team's */
		int idx = (int)below(NTEAMS);
		for (int i = 0; i < NACCOUNTS; i++)
			if (nparticipants && w->accounts[i] == participants[0])
				idx = w->account_team[i];
		add(a, r, "visibility_teams", w->teams[idx]);
		return "team";
	}
	for (size_t i = 0; i < nparticipants; i++) /* 5 %: confidential to those who were there */
		add(a, r, "visibility_users", participants[i]);
	return "confidential";
}

static int make_interactions(struct world *w, long long n)
{
	static const char *const types[] = {"meeting", "meeting", "meeting", "call", "video", "video", "visit", "email", "letter"};
	size_t ntz = model_timezones.count;
	struct skew tz_skew = skew_new(ntz, 1);
	w->interactions = calloc((size_t)n, sizeof(int64_t));
	w->interaction_day = calloc((size_t)n, sizeof(int));
	double t0 = seconds();
	for (long long made = 0; made < n;) {
		if (store_batch_begin(w->s) != STORE_OK)
			return -1;
		int ok = 1;
		for (long long end = made + BATCH < n ? made + BATCH : n; ok && made < end; made++) {
			struct arena a = ARENA_INIT;
			struct record *r = record_new(&a, &model_interaction);
			int d = 92 - (int)below(1826); /* five years: the last 57 months, the next three */
			int minutes = 8 * 60 + 15 * (int)below(40);
			const char *date = day(&a, d);
			set(r, "subject", arena_printf(&a, "%s %s – %s", meeting_words[below(COUNT(meeting_words))],
						       topics[below(COUNT(topics))], places[below(COUNT(places))]));
			set(r, "type", types[below(COUNT(types))]);
			set(r, "starts_at", arena_printf(&a, "%s %02d:%02d", date, minutes / 60, minutes % 60));
			if (chance(5000))
				set(r, "ends_at", arena_printf(&a, "%s %02d:%02d", date, minutes / 60 + 1, minutes % 60));
			set(r, "timezone", model_timezones.values[skew_draw(&tz_skew)].code);
			if (chance(4000))
				set(r, "place", places[below(COUNT(places))]);
			int64_t ids[5];
			size_t k = distinct(ids, 1 + below(5), draw_org, w);
			for (size_t i = 0; i < k; i++)
				add(&a, r, "organizations", ids[i]);
			k = distinct(ids, below(6), draw_person, w);
			for (size_t i = 0; i < k; i++)
				add(&a, r, "people", ids[i]);
			int64_t who[3];
			size_t nwho = distinct(who, 1 + below(3), draw_account, w);
			for (size_t i = 0; i < nwho; i++)
				add(&a, r, "participants", who[i]);
			if (chance(3000))
				set(r, "summary", arena_printf(&a, "Échange sur %s et %s. Prochaine étape : %s.", topics[below(COUNT(topics))],
							       topics[below(COUNT(topics))], followup_verbs[below(COUNT(followup_verbs))]));
			set(r, "visibility", visibility(w, &a, r, who, nwho));
			ok = create(w, &a, &w->system, r, "interaction") == 0;
			w->interactions[made] = r->id;
			w->interaction_day[made] = d;
			arena_release(&a);
		}
		if (store_batch_end(w->s, ok) != STORE_OK || !ok)
			return -1;
		if (made % 50000 == 0 && made < n) {
			printf("desk: %lld / %lld interactions written (%.0f s)\n", made, n, seconds() - t0);
			fflush(stdout);
		}
	}
	w->ninteractions = n;
	free(tz_skew.cum);
	return 0;
}

static int make_followups(struct world *w, long long n)
{
	for (long long made = 0; made < n;) {
		if (store_batch_begin(w->s) != STORE_OK)
			return -1;
		int ok = 1;
		for (long long end = made + BATCH < n ? made + BATCH : n; ok && made < end; made++) {
			struct arena a = ARENA_INIT;
			struct record *r = record_new(&a, &model_followup);
			int u = (int)below(100);
			const char *status = u < 70 ? "done" : u < 72 ? "cancelled" : u < 92 ? "open" : "in_progress";
			/* Done ones anywhere in the five years; the others around today. */
			int due = u < 72 ? 92 - (int)below(1826) : 60 - (int)below(180);
			if (chance(6000) && w->ninteractions) {
				size_t i = below((size_t)w->ninteractions);
				add(&a, r, "interaction", w->interactions[i]);
				if (due < w->interaction_day[i])
					due = w->interaction_day[i] + (int)below(45);
			}
			int64_t owner = draw_account(w);
			set(r, "title", arena_printf(&a, "%s (%s)", followup_verbs[below(COUNT(followup_verbs))], topics[below(COUNT(topics))]));
			set(r, "owner", num(&a, owner));
			set(r, "due_date", day(&a, due));
			set(r, "status", status);
			int64_t ids[2];
			size_t k = distinct(ids, below(3), draw_org, w);
			for (size_t i = 0; i < k; i++)
				add(&a, r, "organizations", ids[i]);
			if (chance(3000))
				add(&a, r, "people", draw_person(w));
			set(r, "visibility", "internal");
			ok = create(w, &a, &w->system, r, "follow-up") == 0;
			arena_release(&a);
		}
		if (store_batch_end(w->s, ok) != STORE_OK || !ok)
			return -1;
	}
	return 0;
}

/* A note by account index `author`, to be validated by account index
 * `validator`; with refs, naming organisations and people. */
static int64_t make_note(struct world *w, int author, int validator, int refs)
{
	static const char *const types[] = {"minutes", "minutes", "briefing", "talking_points", "information", "mission_report"};
	struct arena a = ARENA_INIT;
	struct record *r = record_new(&a, &model_note);
	const char *topic = topics[below(COUNT(topics))];
	set(r, "title", arena_printf(&a, "Note – %s (%s)", topic, places[below(COUNT(places))]));
	set(r, "note_type", types[below(COUNT(types))]);
	set(r, "date", day(&a, -(int)below(1826)));
	set(r, "body", arena_printf(&a, "# Objet\n\n%s : point de situation.\n\n- %s\n- %s\n- calendrier à arrêter\n", topic,
				    followup_verbs[below(COUNT(followup_verbs))], followup_verbs[below(COUNT(followup_verbs))]));
	set(r, "author", num(&a, w->accounts[author]));
	set(r, "validator", num(&a, w->accounts[validator]));
	if (refs) {
		if (chance(4000) && w->ninteractions)
			add(&a, r, "interaction", w->interactions[below((size_t)w->ninteractions)]);
		int64_t ids[3];
		size_t k = distinct(ids, below(4), draw_org, w);
		for (size_t i = 0; i < k; i++)
			add(&a, r, "organizations", ids[i]);
		k = distinct(ids, below(3), draw_person, w);
		for (size_t i = 0; i < k; i++)
			add(&a, r, "people", ids[i]);
	}
	set(r, "visibility", "internal");
	int64_t id = create(w, &a, &w->system, r, "note") == 0 ? r->id : 0;
	arena_release(&a);
	return id;
}

static int fire(struct world *w, const struct viewer *v, int64_t note, const char *transition)
{
	struct arena a = ARENA_INIT;
	struct workflow_request q = {.kind = &model_note, .id = note, .transition = transition};
	struct field_errors errors;
	field_errors_init(&errors, &a);
	int rc = store_transition(w->s, &a, v, &q, NULL, &errors);
	if (rc != STORE_OK)
		fprintf(stderr, "desk: %s note %lld: %d %s\n", transition, (long long)note, rc,
			errors.count ? errors.items[0].message : "");
	arena_release(&a);
	return rc == STORE_OK ? 0 : -1;
}

/* The author: anyone, some more than others; the validator: a validator
 * other than the author, the busy ones more often. */
static void note_people(struct world *w, int *author, int *validator)
{
	*author = (int)skew_draw(&w->account_skew);
	do
		*validator = w->validators[skew_draw(&w->validator_skew)];
	while (*validator == *author);
}

static int make_notes(struct world *w, long long n)
{
	for (long long made = 0; made < n;) {
		if (store_batch_begin(w->s) != STORE_OK)
			return -1;
		int ok = 1;
		for (long long end = made + BATCH < n ? made + BATCH : n; ok && made < end; made++) {
			int author, validator;
			note_people(w, &author, &validator);
			int64_t id = make_note(w, author, validator, 1);
			ok = id != 0;
			if (ok && chance(1000)) { /* submitted by its author */
				ok = fire(w, &w->viewers[author], id, "submit") == 0;
				w->submitted++;
			}
		}
		if (store_batch_end(w->s, ok) != STORE_OK || !ok)
			return -1;
	}
	return 0;
}

static int make_documents(struct world *w, long long n)
{
	static const char *const types[] = {"letter", "letter", "invitation", "report", "agreement", "resolution", "contribution", "other"};
	static const char *const languages[] = {"fr", "fr", "en", "en", "es", "nl"};
	for (long long made = 0; made < n;) {
		if (store_batch_begin(w->s) != STORE_OK)
			return -1;
		int ok = 1;
		for (long long end = made + BATCH < n ? made + BATCH : n; ok && made < end; made++) {
			struct arena a = ARENA_INIT;
			struct record *r = record_new(&a, &model_document);
			int d = -(int)below(1826);
			int received = chance(6000);
			set(r, "subject", arena_printf(&a, "%s : %s", received ? "Courrier reçu" : "Courrier envoyé", topics[below(COUNT(topics))]));
			set(r, "reference", arena_printf(&a, "REG/%lld/%05lld", 2021 + (long long)below(6), made + 1));
			set(r, "date", day(&a, d));
			set(r, "direction", received ? "received" : "sent");
			set(r, "document_type", types[below(COUNT(types))]);
			set(r, "language", languages[below(COUNT(languages))]);
			set(r, received ? "sender_organization" : "recipient_organization", num(&a, draw_org(w)));
			if (chance(3000))
				set(r, received ? "sender_person" : "recipient_person", num(&a, draw_person(w)));
			if (received && chance(3000)) {
				set(r, "answer_due", day(&a, d + 30));
				if (d + 30 < -30 || chance(5000))
					set(r, "answered_on", day(&a, d + (int)below(30)));
			}
			int64_t ids[2];
			size_t k = distinct(ids, below(3), draw_org, w);
			for (size_t i = 0; i < k; i++)
				add(&a, r, "organizations", ids[i]);
			set(r, "visibility", "internal");
			ok = create(w, &a, &w->system, r, "document") == 0;
			arena_release(&a);
		}
		if (store_batch_end(w->s, ok) != STORE_OK || !ok)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------ what is timed */

/* One number from the database, read directly (read-only). */
static sqlite3 *ro;

static int64_t sql_int(const char *sql, int64_t *second)
{
	sqlite3_stmt *st;
	int64_t v = 0;
	if (sqlite3_prepare_v2(ro, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "desk: %s: %s\n", sql, sqlite3_errmsg(ro));
		exit(1);
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
		if (second)
			*second = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return v;
}

struct measure {
	const char *key;   /* BENCH_DESK_<key>_* */
	const char *label;
	double target_ms;  /* 0: none */
	double *ms;
	int runs;
	long long items;   /* of the last run */
	double p50, p95, max;
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Nearest rank. */
static double percentile(const double *sorted, int n, double p)
{
	int rank = (int)ceil(p / 100.0 * n);
	if (rank < 1)
		rank = 1;
	return sorted[rank - 1];
}

static void summarise(struct measure *m)
{
	double *sorted = malloc((size_t)m->runs * sizeof(double));
	memcpy(sorted, m->ms, (size_t)m->runs * sizeof(double));
	qsort(sorted, (size_t)m->runs, sizeof(double), cmp_double);
	m->p50 = m->runs % 2 ? sorted[m->runs / 2] : (sorted[m->runs / 2 - 1] + sorted[m->runs / 2]) / 2;
	m->p95 = percentile(sorted, m->runs, 95);
	m->max = sorted[m->runs - 1];
	free(sorted);
}

enum what { W_TIMELINE, W_DUE, W_WAITING, W_CALENDAR, W_SEARCH };

struct call {
	enum what what;
	const struct viewer *v;
	const struct kind *k;
	int64_t id, team;
	const char *until;
	int limit;
};

/* One call; the number of items, or -1. */
static long long call(struct store *s, const struct call *c)
{
	struct arena a = ARENA_INIT;
	long long n = -1;
	size_t count = 0;
	int rc = STORE_ERROR;
	switch (c->what) {
	case W_TIMELINE: {
		struct timeline_item *items;
		rc = store_timeline(s, &a, c->v, c->k, c->id, c->limit, &items, &count);
		break;
	}
	case W_DUE: {
		struct record **items;
		rc = store_followups_due(s, &a, c->v, c->id, c->until, c->limit, &items, &count);
		break;
	}
	case W_WAITING: {
		struct record **items;
		rc = store_workflow_waiting(s, &a, c->v, &model_note, c->limit, &items, &count);
		break;
	}
	case W_CALENDAR: {
		struct record **items;
		rc = store_calendar_records(s, &a, c->v, c->id, c->team, c->until, &items, &count);
		break;
	}
	case W_SEARCH: {
		struct search_hit *hits;
		const char *next;
		struct field_errors errors;
		field_errors_init(&errors, &a);
		rc = store_search(s, &a, c->v, SEARCH_WORD, c->limit, NULL, &hits, &count, &next, &errors);
		break;
	}
	}
	if (rc == STORE_OK)
		n = (long long)count;
	arena_release(&a);
	return n;
}

static int time_calls(struct store *s, struct measure *m, const struct call *c, int runs)
{
	m->ms = calloc((size_t)runs, sizeof(double));
	m->runs = runs;
	if (call(s, c) < 0) /* once, not counted: the statement cache and the pages */
		return -1;
	for (int i = 0; i < runs; i++) {
		double t0 = seconds();
		m->items = call(s, c);
		m->ms[i] = (seconds() - t0) * 1000.0;
		if (m->items < 0)
			return -1;
	}
	summarise(m);
	return 0;
}

static const struct viewer *viewer_of(struct world *w, int64_t account)
{
	for (int i = 0; i < NACCOUNTS; i++)
		if (w->accounts[i] == account)
			return &w->viewers[i];
	fprintf(stderr, "desk: no account %lld\n", (long long)account);
	exit(1);
}

static int index_of(struct world *w, int64_t account)
{
	for (int i = 0; i < NACCOUNTS; i++)
		if (w->accounts[i] == account)
			return i;
	return -1;
}

/* Read back the accounts and teams of a database made earlier (--reuse),
 * and their viewers. */
static int load_world(struct world *w)
{
	sqlite3_stmt *st;
	int n = 0;
	if (sqlite3_prepare_v2(ro, "SELECT id, role FROM account WHERE deleted_at IS NULL ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW && n < NACCOUNTS) {
		w->accounts[n] = sqlite3_column_int64(st, 0);
		w->validator[n] = strcmp((const char *)sqlite3_column_text(st, 1), "validator") == 0;
		n++;
	}
	sqlite3_finalize(st);
	if (n != NACCOUNTS)
		return -1;
	for (int i = 0; i < NACCOUNTS; i++) {
		struct auth_account acc;
		if (auth_account_by_id(w->s, &w->viewer_arena, w->accounts[i], &acc) != AUTH_OK)
			return -1;
		w->viewers[i] = auth_viewer(&acc, "bench", "127.0.0.1");
		if (w->validator[i])
			w->validators[w->nvalidators++] = i;
	}
	w->account_skew = skew_new(NACCOUNTS, 10);
	w->validator_skew = skew_new(w->nvalidators, 3);
	return 0;
}

/* How many records of the timeline kinds name organisation or person id. */
#define NAMING_ORG                                                                                             \
	"(SELECT count(*) FROM record_value v WHERE v.field = 'organizations' AND v.value = CAST(o.id AS TEXT)" \
	" AND v.kind IN ('interaction', 'followup', 'note', 'document'))"                                       \
	" + (SELECT count(*) FROM document d WHERE d.sender_organization = o.id)"                               \
	" + (SELECT count(*) FROM document d WHERE d.recipient_organization = o.id)"
#define NAMING_PERSON                                                                                     \
	"(SELECT count(*) FROM record_value v WHERE v.field = 'people' AND v.value = CAST(o.id AS TEXT)" \
	" AND v.kind IN ('interaction', 'followup', 'note', 'document'))"                                \
	" + (SELECT count(*) FROM document d WHERE d.sender_person = o.id)"                              \
	" + (SELECT count(*) FROM document d WHERE d.recipient_person = o.id)"

static void shell_quote(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++)
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	fputc('\'', f);
}

static void usage(void)
{
	fprintf(stderr, "usage: desk [--scale S] [--seed S] [--runs N] [--db PATH] [--keep] [--reuse PATH] [--env FILE]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	double scale = 1.0;
	int runs = 100, keep = 0;
	const char *db = NULL, *reuse = NULL, *env = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc)
			scale = atof(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			rng_state = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (strcmp(argv[i], "--reuse") == 0 && i + 1 < argc)
			reuse = argv[++i];
		else if (strcmp(argv[i], "--env") == 0 && i + 1 < argc)
			env = argv[++i];
		else if (strcmp(argv[i], "--keep") == 0)
			keep = 1;
		else
			usage();
	}
	if (scale <= 0 || scale > 100 || runs < 50)
		usage();
	struct counts c = {llround(5000 * scale), llround(10000 * scale), llround(200000 * scale),
			   llround(150000 * scale), llround(20000 * scale), llround(30000 * scale)};
	if (c.orgs < 10 || c.people < 10)
		usage();
	char dir[64] = "", path[4200];
	if (reuse) {
		snprintf(path, sizeof(path), "%s", reuse);
		keep = 1;
		if (access(path, F_OK) != 0) {
			fprintf(stderr, "desk: %s does not exist\n", path);
			return 1;
		}
	} else if (bench_database("desk", db, dir, path, &keep) != 0) {
		return 1;
	}
	if (text_init() != 0 || crypto_init() != 0)
		return 1;
	char err[600];
	struct store *s = store_open(path, !reuse, err, sizeof(err));
	if (!s) {
		fprintf(stderr, "desk: %s\n", err);
		return 1;
	}
	struct world w = {.s = s, .system = store_system_viewer("cli"), .viewer_arena = ARENA_INIT};

	double gen_seconds = 0;
	if (!reuse) {
		double t0 = seconds();
		if (make_accounts(&w) != 0 || make_people_and_orgs(&w, &c) != 0) {
			fprintf(stderr, "desk: the directory could not be written\n");
			return 1;
		}
		printf("desk: %d accounts in %d teams, %lld organisations, %lld people written (%.0f s)\n", NACCOUNTS, NTEAMS,
		       c.orgs, c.people, seconds() - t0);
		fflush(stdout);
		if (make_interactions(&w, c.interactions) != 0 || make_followups(&w, c.followups) != 0 ||
		    make_notes(&w, c.notes) != 0 || make_documents(&w, c.documents) != 0) {
			fprintf(stderr, "desk: the desk could not be written\n");
			return 1;
		}
		gen_seconds = seconds() - t0;
		printf("desk: written in %.1f s: %lld interactions, %lld follow-ups, %lld notes (%lld submitted), %lld documents\n",
		       gen_seconds, c.interactions, c.followups, c.notes, w.submitted, c.documents);
		fflush(stdout);
	}
	if (sqlite3_open_v2(path, &ro, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "desk: cannot open %s read-only\n", path);
		return 1;
	}
	if (reuse && load_world(&w) != 0) {
		fprintf(stderr, "desk: %s is not a database made by bench/desk.c\n", path);
		return 1;
	}
	/* What is there (also for --reuse). */
	c.orgs = sql_int("SELECT count(*) FROM organization WHERE deleted_at IS NULL", NULL);
	c.people = sql_int("SELECT count(*) FROM person WHERE deleted_at IS NULL", NULL);
	c.interactions = sql_int("SELECT count(*) FROM interaction WHERE deleted_at IS NULL", NULL);
	c.followups = sql_int("SELECT count(*) FROM followup WHERE deleted_at IS NULL", NULL);
	c.notes = sql_int("SELECT count(*) FROM note WHERE deleted_at IS NULL", NULL);
	c.documents = sql_int("SELECT count(*) FROM document WHERE deleted_at IS NULL", NULL);
	long long submitted = sql_int("SELECT count(*) FROM note WHERE status = 'submitted'", NULL);
	long long open_followups = sql_int("SELECT count(*) FROM followup WHERE status IN ('open', 'in_progress')", NULL);
	struct stat sb;
	long long db_bytes = stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
	char wal[4300];
	snprintf(wal, sizeof(wal), "%s-wal", path);
	if (stat(wal, &sb) == 0)
		db_bytes += (long long)sb.st_size;

	/* Whom each measurement is about. */
	int64_t hot_n, median_n, person_n, owner_open, validator_waiting, busy_n, team_members;
	int64_t hot = sql_int("SELECT o.id, " NAMING_ORG " AS n FROM organization o WHERE o.deleted_at IS NULL ORDER BY n DESC, o.id LIMIT 1", &hot_n);
	char *q = sqlite3_mprintf("SELECT o.id, " NAMING_ORG " AS n FROM organization o WHERE o.deleted_at IS NULL ORDER BY n, o.id LIMIT 1 OFFSET %lld",
				  c.orgs / 2);
	int64_t median = sql_int(q, &median_n);
	sqlite3_free(q);
	int64_t person = sql_int("SELECT o.id, " NAMING_PERSON " AS n FROM person o WHERE o.deleted_at IS NULL ORDER BY n DESC, o.id LIMIT 1", &person_n);
	int64_t owner = sql_int("SELECT owner, count(*) FROM followup WHERE status IN ('open', 'in_progress') AND deleted_at IS NULL"
				" GROUP BY owner ORDER BY 2 DESC, 1 LIMIT 1", &owner_open);
	int64_t owner_week = 0;
	int64_t validator = sql_int("SELECT validator, count(*) FROM note WHERE status = 'submitted' AND deleted_at IS NULL"
				    " GROUP BY validator ORDER BY 2 DESC, 1 LIMIT 1", &validator_waiting);
	int64_t few_waiting;
	int64_t few = sql_int("SELECT validator, count(*) FROM note WHERE status = 'submitted' AND deleted_at IS NULL"
			      " GROUP BY validator ORDER BY 2, 1 LIMIT 1", &few_waiting);
	int64_t busy = sql_int("SELECT CAST(value AS INTEGER), count(*) FROM record_value WHERE kind = 'interaction' AND field = 'participants'"
			       " GROUP BY value ORDER BY 2 DESC, 1 LIMIT 1", &busy_n);
	int64_t team = sql_int("SELECT CAST(value AS INTEGER), count(*) FROM record_value WHERE kind = 'account' AND field = 'teams'"
			       " GROUP BY value ORDER BY 2 DESC, 1 LIMIT 1", &team_members);
	q = sqlite3_mprintf("SELECT record_id FROM record_value WHERE kind = 'account' AND field = 'teams' AND value = '%lld'"
			    " ORDER BY record_id LIMIT 1", (long long)team);
	int64_t member = sql_int(q, NULL);
	sqlite3_free(q);
	int64_t editor = sql_int("SELECT id FROM account WHERE role = 'editor' AND deleted_at IS NULL ORDER BY id LIMIT 1", NULL);
	struct arena la = ARENA_INIT;
	const char *week = day(&la, 7), *since = day(&la, -90);
	q = sqlite3_mprintf("SELECT count(*) FROM followup WHERE owner = %lld AND status IN ('open', 'in_progress') AND due_date <= '%q'",
			    (long long)owner, week);
	owner_week = sql_int(q, NULL);
	sqlite3_free(q);
	long long search_subjects = sql_int("SELECT count(*) FROM interaction WHERE subject LIKE '%" SEARCH_WORD "%'", NULL);

	const struct viewer *ved = viewer_of(&w, editor);
	struct measure m[] = {
		{"TIMELINE_HOT", arena_printf(&la, "store_timeline, 200, of the hottest organisation (named by %lld records)", (long long)hot_n), 50, NULL, 0, 0, 0, 0, 0},
		{"TIMELINE_MEDIAN", arena_printf(&la, "store_timeline, 200, of the median organisation (named by %lld)", (long long)median_n), 50, NULL, 0, 0, 0, 0, 0},
		{"TIMELINE_PERSON", arena_printf(&la, "store_timeline, 200, of the most named person (%lld records)", (long long)person_n), 50, NULL, 0, 0, 0, 0, 0},
		{"FOLLOWUPS_DUE", arena_printf(&la, "store_followups_due, the desk (due within a week, 50), the busiest owner (%lld open, %lld due)",
					       (long long)owner_open, (long long)owner_week), 50, NULL, 0, 0, 0, 0, 0},
		{"FOLLOWUPS_ALL", arena_printf(&la, "store_followups_due, all my follow-ups (500), the same owner"), 50, NULL, 0, 0, 0, 0, 0},
		{"WAITING", arena_printf(&la, "store_workflow_waiting, 50, the validator with the most notes (%lld of %lld submitted)",
					 (long long)validator_waiting, submitted), 50, NULL, 0, 0, 0, 0, 0},
		{"WAITING_FEW", arena_printf(&la, "store_workflow_waiting, 50, the validator with the fewest notes (%lld)", (long long)few_waiting),
		 50, NULL, 0, 0, 0, 0, 0},
		{"SUBMIT", "store_transition submit, by the author, a fresh note", 20, NULL, 0, 0, 0, 0, 0},
		{"VALIDATE", "store_transition validate, by the validator, the same note", 20, NULL, 0, 0, 0, 0, 0},
		{"CALENDAR_ACCOUNT", arena_printf(&la, "store_calendar_records, the busiest account (in %lld interactions), from 90 days ago", (long long)busy_n), 0, NULL, 0, 0, 0, 0, 0},
		{"CALENDAR_TEAM", arena_printf(&la, "store_calendar_records, the largest team (%lld accounts), from 90 days ago", (long long)team_members), 0, NULL, 0, 0, 0, 0, 0},
		{"SEARCH", arena_printf(&la, "store_search \"%s\", 30 (in %lld subjects)", SEARCH_WORD, search_subjects), 0, NULL, 0, 0, 0, 0, 0},
	};
	enum { M_HOT, M_MEDIAN, M_PERSON, M_DUE, M_ALL, M_WAITING, M_WAITING_FEW, M_SUBMIT, M_VALIDATE, M_CAL_ACCOUNT, M_CAL_TEAM, M_SEARCH };
	struct call calls[] = {
		[M_HOT] = {W_TIMELINE, ved, &model_organization, hot, 0, NULL, 200},
		[M_MEDIAN] = {W_TIMELINE, ved, &model_organization, median, 0, NULL, 200},
		[M_PERSON] = {W_TIMELINE, ved, &model_person, person, 0, NULL, 200},
		[M_DUE] = {W_DUE, viewer_of(&w, owner), NULL, owner, 0, week, 50},
		[M_ALL] = {W_DUE, viewer_of(&w, owner), NULL, owner, 0, NULL, 500},
		[M_WAITING] = {W_WAITING, viewer_of(&w, validator), NULL, 0, 0, NULL, 50},
		[M_WAITING_FEW] = {W_WAITING, viewer_of(&w, few), NULL, 0, 0, NULL, 50},
		[M_CAL_ACCOUNT] = {W_CALENDAR, viewer_of(&w, busy), NULL, busy, 0, since, 0},
		[M_CAL_TEAM] = {W_CALENDAR, viewer_of(&w, member), NULL, member, team, since, 0},
		[M_SEARCH] = {W_SEARCH, ved, NULL, 0, 0, NULL, 30},
	};
	int failed = 0;
	for (size_t i = 0; i < COUNT(m) && !failed; i++) {
		if (i == M_SUBMIT || i == M_VALIDATE)
			continue;
		if (time_calls(s, &m[i], &calls[i], runs) != 0) {
			fprintf(stderr, "desk: %s failed\n", m[i].key);
			failed = 1;
		}
	}
	/* A waiting list must hold every note submitted to the validator (up
	 * to its limit). */
	int64_t expected[] = {validator_waiting, few_waiting};
	int lists[] = {M_WAITING, M_WAITING_FEW};
	for (size_t i = 0; i < COUNT(lists) && !failed; i++)
		if (m[lists[i]].items != (expected[i] < 50 ? expected[i] : 50))
			printf("desk: WARNING: %s: the waiting list holds %lld notes; %lld were submitted to this validator\n",
			       m[lists[i]].key, m[lists[i]].items, (long long)expected[i]);

	/* Transitions: fresh notes (not timed), then submit and validate each. */
	if (!failed) {
		int vi = index_of(&w, validator), author;
		do
			author = (int)skew_draw(&w.account_skew);
		while (author == vi);
		int64_t *fresh = calloc((size_t)runs + 1, sizeof(int64_t));
		store_batch_begin(s);
		for (int i = 0; i <= runs && !failed; i++)
			failed = !(fresh[i] = make_note(&w, author, vi, 0));
		store_batch_end(s, !failed);
		for (int k = M_SUBMIT; k <= M_VALIDATE && !failed; k++) {
			m[k].ms = calloc((size_t)runs, sizeof(double));
			m[k].runs = runs;
		}
		/* The first note once, not counted. */
		failed = failed || fire(&w, &w.viewers[author], fresh[runs], "submit") != 0 ||
			 fire(&w, &w.viewers[vi], fresh[runs], "validate") != 0;
		for (int i = 0; i < runs && !failed; i++) {
			double t0 = seconds();
			failed = fire(&w, &w.viewers[author], fresh[i], "submit") != 0;
			double t1 = seconds();
			failed = failed || fire(&w, &w.viewers[vi], fresh[i], "validate") != 0;
			double t2 = seconds();
			m[M_SUBMIT].ms[i] = (t1 - t0) * 1000.0;
			m[M_VALIDATE].ms[i] = (t2 - t1) * 1000.0;
		}
		m[M_SUBMIT].items = m[M_VALIDATE].items = 1;
		if (!failed) {
			summarise(&m[M_SUBMIT]);
			summarise(&m[M_VALIDATE]);
		}
		free(fresh);
	}
	if (failed)
		return 1;

	printf("desk: %lld organisations, %lld people, %d accounts in %d teams, %lld interactions, %lld follow-ups (%lld open),"
	       " %lld notes (%lld submitted), %lld documents; %.1f MB\n",
	       c.orgs, c.people, NACCOUNTS, NTEAMS, c.interactions, c.followups, open_followups, c.notes, submitted, c.documents,
	       (double)db_bytes / 1048576.0);
	printf("desk: %d runs each, milliseconds\n", runs);
	printf("| measurement | items | median | p95 | max | target (p95) | met |\n");
	printf("|---|---:|---:|---:|---:|---:|:---:|\n");
	int all_met = 1;
	for (size_t i = 0; i < COUNT(m); i++) {
		const char *met = "";
		if (m[i].target_ms > 0) {
			met = m[i].p95 < m[i].target_ms ? "yes" : "**no**";
			all_met &= m[i].p95 < m[i].target_ms;
		}
		char target[32] = "";
		if (m[i].target_ms > 0)
			snprintf(target, sizeof(target), "< %.0f ms", m[i].target_ms);
		printf("| %s | %lld | %.2f | %.2f | %.2f | %s | %s |\n", m[i].label, m[i].items, m[i].p50, m[i].p95, m[i].max, target, met);
	}
	fflush(stdout);

	if (env) {
		FILE *f = fopen(env, "w");
		if (!f) {
			perror(env);
			return 1;
		}
		fprintf(f, "BENCH_DESK_SCALE='%g'\nBENCH_DESK_REUSED='%d'\nBENCH_DESK_GEN_SECONDS='%.1f'\nBENCH_DESK_DB_BYTES='%lld'\n",
			scale, reuse != NULL, gen_seconds, db_bytes);
		fprintf(f, "BENCH_DESK_ORGS='%lld'\nBENCH_DESK_PEOPLE='%lld'\nBENCH_DESK_ACCOUNTS='%d'\nBENCH_DESK_TEAMS='%d'\n",
			c.orgs, c.people, NACCOUNTS, NTEAMS);
		fprintf(f, "BENCH_DESK_INTERACTIONS='%lld'\nBENCH_DESK_FOLLOWUPS='%lld'\nBENCH_DESK_FOLLOWUPS_OPEN='%lld'\n",
			c.interactions, c.followups, open_followups);
		fprintf(f, "BENCH_DESK_NOTES='%lld'\nBENCH_DESK_SUBMITTED='%lld'\nBENCH_DESK_DOCUMENTS='%lld'\nBENCH_DESK_RUNS='%d'\n",
			c.notes, submitted, c.documents, runs);
		fprintf(f, "BENCH_DESK_HOT_NAMED='%lld'\nBENCH_DESK_HOT_SHARE='%.1f'\n", (long long)hot_n,
			100.0 * (double)sql_int(arena_printf(&la, "SELECT count(*) FROM record_value WHERE kind = 'interaction'"
								  " AND field = 'organizations' AND value = '%lld'", (long long)hot), NULL) /
				(double)(c.interactions ? c.interactions : 1));
		fputs("BENCH_DESK_MEASURES='", f);
		for (size_t i = 0; i < COUNT(m); i++)
			fprintf(f, "%s%s", i ? " " : "", m[i].key);
		fputs("'\n", f);
		for (size_t i = 0; i < COUNT(m); i++) {
			fprintf(f, "BENCH_DESK_%s_LABEL=", m[i].key);
			shell_quote(f, m[i].label);
			fprintf(f, "\nBENCH_DESK_%s_ITEMS='%lld'\nBENCH_DESK_%s_P50='%.2f'\nBENCH_DESK_%s_P95='%.2f'\n", m[i].key, m[i].items,
				m[i].key, m[i].p50, m[i].key, m[i].p95);
			fprintf(f, "BENCH_DESK_%s_MAX='%.2f'\nBENCH_DESK_%s_TARGET='%s'\n", m[i].key, m[i].max, m[i].key,
				m[i].target_ms > 0 ? arena_printf(&la, "%.0f", m[i].target_ms) : "");
		}
		fclose(f);
	}

	for (size_t i = 0; i < COUNT(m); i++)
		free(m[i].ms);
	arena_release(&la);
	arena_release(&w.viewer_arena);
	free(w.orgs);
	free(w.people);
	free(w.interactions);
	free(w.interaction_day);
	free(w.account_skew.cum);
	free(w.validator_skew.cum);
	sqlite3_close(ro);
	store_close(s);
	text_shutdown();
	bench_database_done("desk", dir, path, keep);
	return all_met ? 0 : 1;
}
