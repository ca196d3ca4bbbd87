/*
 * test_duplicates.c - finding duplicates and merging them (src/store/
 * duplicates.c, merge.c) on a temporary database: the comparison key and
 * likeness of names; pairs and their reasons (identifier, email, name,
 * similar name), within the territory and the viewer's sight only; a
 * merge moving positions, relationships and a partner's account, binning
 * a relationship that would join the record to itself, recorded in the
 * history; undo, refused when something changed since; refusals.
 *
 * Build and run from the root:
 *   make build/release/tests/test_duplicates && build/release/tests/test_duplicates
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "base/text.h"
#include "model/model.h"
#include "model/record.h"
#include "store/duplicates.h"
#include "store/history.h"
#include "store/store.h"

#include "store_fixture.h"

static const char *id_text(struct fixture *f, int64_t id)
{
	return arena_printf(&f->arena, "%lld", (long long)id);
}

/* A SIREN with its Luhn check digit after eight digits. */
static const char *siren(struct fixture *f, const char *eight)
{
	for (int d = 0; d < 10; d++) {
		char *s = arena_printf(&f->arena, "%s%d", eight, d);
		int sum = 0;
		for (int i = 0; i < 9; i++) {
			int x = s[8 - i] - '0';
			if (i % 2) {
				x *= 2;
				if (x > 9)
					x -= 9;
			}
			sum += x;
		}
		if (sum % 10 == 0)
			return s;
	}
	return NULL;
}

static int64_t create_with(struct fixture *f, const struct viewer *v, struct record *r)
{
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	int rc = store_create(f->store, &f->arena, v, r, &errors);
	if (rc != STORE_OK)
		fail_msg("store_create %s: %d, first error on \"%s\": %s (%s)", r->kind->name, rc,
			 errors.count ? errors.items[0].field : "", errors.count ? errors.items[0].message : "",
			 errors.count && errors.items[0].detail ? errors.items[0].detail : "");
	return r->id;
}

static int64_t org(struct fixture *f, const char *name, const char *territory, const char *visibility)
{
	struct record *r = record_new(&f->arena, &model_organization);
	set(r, "name", name);
	set(r, "kind", "association");
	set(r, "visibility", visibility ? visibility : "internal");
	if (territory)
		set(r, "territory", territory);
	return create_with(f, &f->system, r);
}

static void update_ok(struct fixture *f, const struct kind *k, int64_t id, const char *name, const char *value)
{
	struct record *patch = record_new(&f->arena, k);
	patch->id = id;
	set(patch, name, value);
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	int rc = store_update(f->store, &f->arena, &f->system, patch, NULL, &errors);
	if (rc != STORE_OK)
		fail_msg("store_update %s %lld %s: %d %s", k->name, (long long)id, name, rc,
			 errors.count ? errors.items[0].message : "");
}

static int64_t person(struct fixture *f, const char *given, const char *family, const char *email, const char *visibility)
{
	struct record *r = record_new(&f->arena, &model_person);
	if (given)
		set(r, "given_name", given);
	set(r, "family_name", family);
	if (email)
		record_add(r, field(&model_person, "emails"), email, NULL, 0);
	set(r, "legal_basis", "legitimate_interest");
	set(r, "legal_basis_date", "2025-01-15");
	set(r, "visibility", visibility ? visibility : "internal");
	return create_with(f, &f->system, r);
}

static int64_t position(struct fixture *f, int64_t p, int64_t o, const char *title)
{
	struct record *r = record_new(&f->arena, &model_position);
	set(r, "person", id_text(f, p));
	set(r, "organization", id_text(f, o));
	set(r, "title", title);
	return create_with(f, &f->system, r);
}

static int64_t relationship(struct fixture *f, int64_t subject, const char *type, int64_t object)
{
	struct record *r = record_new(&f->arena, &model_relationship);
	set(r, "subject", id_text(f, subject));
	set(r, "type", type);
	set(r, "object", id_text(f, object));
	return create_with(f, &f->system, r);
}

static struct record *get_any(struct fixture *f, const struct kind *k, int64_t id)
{
	struct record *r = NULL;
	int rc = store_get(f->store, &f->arena, &f->system, k, id, 1, &r);
	if (rc != STORE_OK)
		fail_msg("store_get %s %lld: %d", k->name, (long long)id, rc);
	return r;
}

static int64_t ref_of(struct fixture *f, const struct kind *k, int64_t id, const char *name)
{
	const char *v = record_get_by_name(get_any(f, k, id), name);
	return v ? strtoll(v, NULL, 10) : 0;
}

/* The pair of a and b among the pairs found, or NULL. */
static const struct duplicate_pair *pair_of(const struct duplicate_pair *pairs, size_t n, int64_t a, int64_t b)
{
	for (size_t i = 0; i < n; i++)
		if ((pairs[i].a == a && pairs[i].b == b) || (pairs[i].a == b && pairs[i].b == a))
			return &pairs[i];
	return NULL;
}

static void find(struct fixture *f, const struct viewer *v, const struct kind *k, struct duplicate_pair **pairs, size_t *n)
{
	assert_int_equal(store_find_duplicates(f->store, &f->arena, v, k, 0, pairs, n), STORE_OK);
}

/* The history actions of a record, oldest first, joined by spaces. */
static const char *actions(struct fixture *f, const struct kind *k, int64_t id)
{
	struct history_entry *e;
	size_t n;
	assert_int_equal(store_history(f->store, &f->arena, &f->system, k, id, &e, &n), STORE_OK);
	char *out = arena_strdup(&f->arena, "");
	for (size_t i = n; i-- > 0;)
		out = arena_printf(&f->arena, "%s%s%s", out, *out ? " " : "", e[i].action);
	return out;
}

static void audit_intact(struct fixture *f)
{
	int64_t bad, checked;
	char err[256] = "";
	assert_int_equal(store_audit_verify(f->store, &bad, &checked, err, sizeof(err)), 0);
	assert_true(checked > 0);
}

/* dup-1: the comparison key drops articles and legal forms and makes
 * abbreviations one; likeness tolerates a typo, not another word. */
static void test_name_key(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	assert_string_equal(duplicates_name_key(&a, "Asso Les Amis du Port"), "asso amis port");
	assert_string_equal(duplicates_name_key(&a, "Association les amis du port"), "asso amis port");
	assert_string_equal(duplicates_name_key(&a, "Coopérative agricole de Sainte-Anne SARL"), "coop agricole ste anne");
	assert_string_equal(duplicates_name_key(&a, "Ste Anne coop agricole"), "ste anne coop agricole");
	assert_string_equal(duplicates_name_key(&a, "Les Uns et les Autres"), "uns autres");
	assert_string_equal(duplicates_name_key(&a, "De la"), "de la");
	assert_true(duplicates_name_similarity("asso amis port", "asso amis port") == 1.0);
	/* Word order does not matter. */
	assert_true(duplicates_name_similarity("coop agricole ste anne", "ste anne coop agricole") > 0.99);
	/* A typo. */
	assert_true(duplicates_name_similarity("office tourisme abymes", "office tourisme abymess") >= 0.92);
	assert_true(duplicates_name_similarity("marie dupont", "marie dupond") >= 0.92);
	/* Another place, another number: another actor. */
	assert_true(duplicates_name_similarity("commune st claude", "commune st louis") < 0.92);
	assert_true(duplicates_name_similarity("ecole primaire 1", "ecole primaire 2") < 0.5);
	assert_true(duplicates_name_similarity("amis port", "amis port jarry") < 0.92);
	/* A generic word missing weighs little. */
	assert_true(duplicates_name_similarity("asso amis port", "amis port") >= 0.92);
	assert_true(duplicates_name_similarity("", "amis") == 0);
	arena_release(&a);
}

/* dup-2: pairs of organisations with their reasons and scores, within one
 * territory, outside the bin; the surest reason wins. */
static void test_find_organizations(void **state)
{
	struct fixture *f = *state;
	const char *s1 = siren(f, "73282932");
	int64_t a1 = org(f, "Coopérative du Lamentin", "MQ", NULL), a2 = org(f, "Coop Lamentin Services", "GP", NULL);
	update_ok(f, &model_organization, a1, "siren", s1);
	update_ok(f, &model_organization, a2, "siren", s1);
	int64_t b1 = org(f, "Alpha Conseil", "GP", NULL), b2 = org(f, "Bêta Consulting", "MQ", NULL);
	update_ok(f, &model_organization, b1, "email", "contact@alpha-conseil.fr");
	update_ok(f, &model_organization, b2, "email", "Contact@Alpha-Conseil.fr");
	int64_t c1 = org(f, "Mairie de Sainte-Rose", "GP", NULL), c2 = org(f, "MAIRIE DE SAINTE ROSE", "GP", NULL);
	int64_t c3 = org(f, "Mairie de Sainte-Rose", "RE", NULL); /* another Sainte-Rose */
	int64_t d1 = org(f, "Asso Les Amis du Port", "GP", NULL), d2 = org(f, "Association les amis du port", "GP", NULL);
	int64_t e1 = org(f, "Office de tourisme des Abymes", "GP", NULL), e2 = org(f, "Office de tourisme des Abymess", "GP", NULL);
	int64_t g1 = org(f, "Commune de Saint-Claude", "GP", NULL), g2 = org(f, "Commune de Saint-Louis", "GP", NULL);
	/* An acronym that is another record's name. */
	int64_t h1 = org(f, "Organisation des États de la Caraïbe orientale", "LC", NULL), h2 = org(f, "OECO", "LC", NULL);
	struct record *patch = record_new(&f->arena, &model_organization);
	patch->id = h1;
	record_add(patch, field(&model_organization, "names"), "OECO", "fr", 1);
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_update(f->store, &f->arena, &f->system, patch, NULL, &errors), STORE_OK);
	/* A region and its country agree loosely. */
	int64_t i1 = org(f, "Cap Solidarités", "FR-NAQ", NULL), i2 = org(f, "Cap Solidarités", "FR", NULL);
	/* In the bin: no pair. */
	int64_t j1 = org(f, "Les Jardins partagés", "GP", NULL), j2 = org(f, "Les Jardins partagés", "GP", NULL);
	assert_int_equal(store_delete(f->store, &f->system, &model_organization, j2), STORE_OK);

	struct duplicate_pair *pairs;
	size_t n;
	find(f, &f->system, &model_organization, &pairs, &n);
	const struct duplicate_pair *p = pair_of(pairs, n, a1, a2);
	assert_non_null(p);
	assert_int_equal(p->score, 100);
	assert_string_equal(p->reason_code, "identifier");
	assert_string_equal(p->field, "siren");
	assert_string_equal(p->detail, s1);
	assert_true(p->a < p->b);
	assert_string_equal(p->title_a, "Coopérative du Lamentin");
	p = pair_of(pairs, n, b1, b2);
	assert_non_null(p);
	assert_int_equal(p->score, 90);
	assert_string_equal(p->reason_code, "email");
	p = pair_of(pairs, n, c1, c2);
	assert_non_null(p);
	assert_int_equal(p->score, 80);
	assert_string_equal(p->reason_code, "name");
	assert_string_equal(p->territory, "GP");
	assert_null(pair_of(pairs, n, c1, c3));
	assert_null(pair_of(pairs, n, c2, c3));
	p = pair_of(pairs, n, d1, d2);
	assert_non_null(p);
	assert_int_equal(p->score, 75);
	assert_string_equal(p->reason_code, "similar_name");
	p = pair_of(pairs, n, e1, e2);
	assert_non_null(p);
	assert_string_equal(p->reason_code, "similar_name");
	assert_in_range(p->score, 50, 75);
	assert_null(pair_of(pairs, n, g1, g2));
	p = pair_of(pairs, n, h1, h2);
	assert_non_null(p);
	assert_string_equal(p->reason_code, "name");
	p = pair_of(pairs, n, i1, i2);
	assert_non_null(p);
	assert_int_equal(p->score, 70);
	assert_null(pair_of(pairs, n, j1, j2));
	/* Most likely first. */
	for (size_t i = 1; i < n; i++)
		assert_true(pairs[i - 1].score >= pairs[i].score);
	assert_int_equal(pairs[0].score, 100);

	/* A page, and the total. */
	struct duplicate_pair *page;
	size_t count, total;
	assert_int_equal(store_find_duplicates_page(f->store, &f->arena, &f->system, &model_organization, 1, 2, &page, &count,
						    &total), STORE_OK);
	assert_int_equal(total, n);
	assert_int_equal(count, 2);
	assert_int_equal(page[0].a, pairs[1].a);
	assert_int_equal(page[0].b, pairs[1].b);

	/* A change to the base is seen at once (the kept result is dropped). */
	int64_t e3 = org(f, "Office du tourisme des Abymes", "GP", NULL);
	find(f, &f->system, &model_organization, &pairs, &n);
	assert_non_null(pair_of(pairs, n, e1, e3));
}

/* dup-3: people: the same email in any of their emails, the same name;
 * only the records the viewer sees. */
static void test_find_people_and_visibility(void **state)
{
	struct fixture *f = *state;
	int64_t p1 = person(f, "Marie", "Durand", "marie.durand@example.org", NULL);
	int64_t p2 = person(f, "Marie", "DURAND", NULL, NULL);
	int64_t p3 = person(f, "Jean", "Valjean", "jv@example.org", NULL);
	int64_t p4 = person(f, "J.", "Valjean-Fauchelevent", "JV@Example.org", NULL);
	int64_t p5 = person(f, "Marie", "Durand", NULL, "confidential");
	int64_t p6 = person(f, "Durand", "Marie", NULL, "public"); /* given and family swapped */
	struct duplicate_pair *pairs;
	size_t n;
	find(f, &f->system, &model_person, &pairs, &n);
	const struct duplicate_pair *p = pair_of(pairs, n, p1, p2);
	assert_non_null(p);
	assert_int_equal(p->score, 80);
	p = pair_of(pairs, n, p3, p4);
	assert_non_null(p);
	assert_int_equal(p->score, 90);
	assert_string_equal(p->field, "emails");
	assert_non_null(pair_of(pairs, n, p1, p5));
	p = pair_of(pairs, n, p1, p6);
	assert_non_null(p);
	assert_string_equal(p->reason_code, "similar_name");

	/* A reader does not see the confidential one, nor pairs with it. */
	struct viewer reader = {.role = ROLE_READER, .account_id = 999, .label = "reader", .origin = "test"};
	find(f, &reader, &model_person, &pairs, &n);
	assert_non_null(pair_of(pairs, n, p1, p2));
	assert_null(pair_of(pairs, n, p1, p5));
	/* A visitor sees public records only, and no emails. */
	struct viewer visitor = {.role = ROLE_ANONYMOUS, .origin = "test"};
	find(f, &visitor, &model_person, &pairs, &n);
	assert_int_equal(n, 0);
	/* Positions have no duplicates of their own. */
	find(f, &f->system, &model_position, &pairs, &n);
	assert_int_equal(n, 0);
}

struct scene {
	int64_t keep, drop, other, person, pos_drop, pos_keep, rel_out, rel_in, rel_self1, rel_self2, account;
};

/* Two organisations to merge, and what points to them. */
static void make_scene(struct fixture *f, struct scene *sc)
{
	sc->keep = org(f, "Amis du Port", "GP", NULL);
	sc->drop = org(f, "Association les Amis du Port", "GP", "public");
	update_ok(f, &model_organization, sc->drop, "email", "contact@amisduport.org");
	update_ok(f, &model_organization, sc->keep, "website", "https://amisduport.org");
	sc->other = org(f, "Comité du tourisme", "GP", NULL);
	sc->person = person(f, "Paul", "Martin", NULL, NULL);
	sc->pos_drop = position(f, sc->person, sc->drop, "Trésorier");
	sc->pos_keep = position(f, sc->person, sc->keep, "Président");
	sc->rel_out = relationship(f, sc->drop, "member_of", sc->other);
	sc->rel_in = relationship(f, sc->other, "funds", sc->drop);
	sc->rel_self1 = relationship(f, sc->keep, "partner_of", sc->drop);
	sc->rel_self2 = relationship(f, sc->drop, "part_of", sc->keep);
	struct record *acc = record_new(&f->arena, &model_account);
	set(acc, "email", "partenaire@amisduport.org");
	set(acc, "display_name", "Partenaire");
	set(acc, "role", "partner");
	set(acc, "language", "fr");
	set(acc, "organization", id_text(f, sc->drop));
	sc->account = create_with(f, &f->system, acc);
}

static int64_t merge_ok(struct fixture *f, const struct scene *sc)
{
	struct record *keep = get_any(f, &model_organization, sc->keep), *drop = get_any(f, &model_organization, sc->drop);
	struct record *chosen = store_merge_default(&f->arena, keep, drop);
	/* drop's name, chosen field by field. */
	set(chosen, "name", "Association les Amis du Port");
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	int64_t merge_id = 0;
	int rc = store_merge(f->store, &f->arena, &f->system, &model_organization, sc->keep, sc->drop, chosen, &errors, &merge_id);
	if (rc != STORE_OK)
		fail_msg("store_merge: %d, %s (%s)", rc, errors.count ? errors.items[0].message : "",
			 errors.count && errors.items[0].detail ? errors.items[0].detail : "");
	assert_true(merge_id > 0);
	return merge_id;
}

/* dup-4: a merge moves positions, relationships and the partner's
 * account, bins the relationships between the two, keeps the values
 * chosen, bins drop, and says so in the history. */
static void test_merge(void **state)
{
	struct fixture *f = *state;
	struct scene sc;
	make_scene(f, &sc);
	struct merge_preview preview;
	assert_int_equal(store_merge_preview(f->store, &f->arena, &f->system, &model_organization, sc.keep, sc.drop, &preview),
			 STORE_OK);
	size_t positions = 0, relationships = 0, removed = 0, accounts = 0;
	for (size_t i = 0; i < preview.count; i++) {
		if (preview.moves[i].kind == &model_position)
			positions += preview.moves[i].moved;
		if (preview.moves[i].kind == &model_relationship) {
			relationships += preview.moves[i].moved;
			removed += preview.moves[i].removed;
		}
		if (preview.moves[i].kind == &model_account)
			accounts += preview.moves[i].moved;
	}
	assert_int_equal(positions, 1);
	assert_int_equal(relationships, 2);
	assert_int_equal(removed, 2);
	assert_int_equal(accounts, 1);
	assert_int_equal(preview.hidden, 0);

	int64_t merge_id = merge_ok(f, &sc);
	struct record *keep = get_any(f, &model_organization, sc.keep), *drop = get_any(f, &model_organization, sc.drop);
	assert_null(keep->deleted_at);
	assert_non_null(drop->deleted_at);
	assert_string_equal(record_get_by_name(keep, "name"), "Association les Amis du Port");
	/* Empty in keep: drop's value; set in keep: keep's. */
	assert_string_equal(record_get_by_name(keep, "email"), "contact@amisduport.org");
	assert_string_equal(record_get_by_name(keep, "website"), "https://amisduport.org");
	assert_string_equal(record_get_by_name(keep, "visibility"), "internal");
	assert_int_equal(ref_of(f, &model_position, sc.pos_drop, "organization"), sc.keep);
	assert_int_equal(ref_of(f, &model_relationship, sc.rel_out, "subject"), sc.keep);
	assert_int_equal(ref_of(f, &model_relationship, sc.rel_in, "object"), sc.keep);
	assert_non_null(get_any(f, &model_relationship, sc.rel_self1)->deleted_at);
	assert_non_null(get_any(f, &model_relationship, sc.rel_self2)->deleted_at);
	assert_int_equal(ref_of(f, &model_account, sc.account, "organization"), sc.keep);
	/* The history. */
	assert_string_equal(actions(f, &model_organization, sc.drop), "create update merge");
	assert_string_equal(actions(f, &model_organization, sc.keep), "create update merge");
	assert_string_equal(actions(f, &model_position, sc.pos_drop), "create update");
	assert_string_equal(actions(f, &model_relationship, sc.rel_self1), "create delete");
	struct merge_info info;
	assert_int_equal(store_merge_info(f->store, &f->arena, &f->system, merge_id, &info), STORE_OK);
	assert_ptr_equal(info.kind, &model_organization);
	assert_int_equal(info.keep, sc.keep);
	assert_int_equal(info.drop, sc.drop);
	assert_int_equal(info.moved, 4);
	assert_int_equal(info.removed, 2);
	assert_false(info.undone);
	/* drop's entry is not a merge's id. */
	assert_int_equal(store_merge_info(f->store, &f->arena, &f->system, info.first_entry, &info), STORE_NOT_FOUND);
	audit_intact(f);
	/* The pair is gone from the duplicates. */
	struct duplicate_pair *pairs;
	size_t n;
	find(f, &f->system, &model_organization, &pairs, &n);
	assert_null(pair_of(pairs, n, sc.keep, sc.drop));
}

/* dup-5: undo brings everything back, once. */
static void test_undo(void **state)
{
	struct fixture *f = *state;
	struct scene sc;
	make_scene(f, &sc);
	struct record *before = get_any(f, &model_organization, sc.keep);
	int64_t merge_id = merge_ok(f, &sc);
	struct field_errors conflicts;
	field_errors_init(&conflicts, &f->arena);
	int rc = store_merge_undo(f->store, &f->arena, &f->system, merge_id, &conflicts);
	if (rc != STORE_OK)
		fail_msg("undo: %d %s (%s)", rc, conflicts.count ? conflicts.items[0].message : "",
			 conflicts.count && conflicts.items[0].detail ? conflicts.items[0].detail : "");
	struct record *keep = get_any(f, &model_organization, sc.keep), *drop = get_any(f, &model_organization, sc.drop);
	assert_null(drop->deleted_at);
	assert_null(keep->deleted_at);
	assert_string_equal(record_get_by_name(keep, "name"), record_get_by_name(before, "name"));
	assert_null(record_get_by_name(keep, "email"));
	assert_string_equal(record_get_by_name(drop, "email"), "contact@amisduport.org");
	assert_int_equal(ref_of(f, &model_position, sc.pos_drop, "organization"), sc.drop);
	assert_int_equal(ref_of(f, &model_position, sc.pos_keep, "organization"), sc.keep);
	assert_int_equal(ref_of(f, &model_relationship, sc.rel_out, "subject"), sc.drop);
	assert_int_equal(ref_of(f, &model_relationship, sc.rel_in, "object"), sc.drop);
	assert_null(get_any(f, &model_relationship, sc.rel_self1)->deleted_at);
	assert_null(get_any(f, &model_relationship, sc.rel_self2)->deleted_at);
	assert_int_equal(ref_of(f, &model_account, sc.account, "organization"), sc.drop);
	assert_string_equal(actions(f, &model_organization, sc.drop), "create update merge unmerge");
	assert_string_equal(actions(f, &model_organization, sc.keep), "create update merge unmerge");
	assert_string_equal(actions(f, &model_relationship, sc.rel_self2), "create delete restore");
	/* The drop is found again in search. */
	struct search_hit *hits;
	size_t n;
	const char *next;
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_search(f->store, &f->arena, &f->system, "association amis port", 10, NULL, &hits, &n, &next, &errors),
			 STORE_OK);
	int found = 0;
	for (size_t i = 0; i < n; i++)
		found |= hits[i].id == sc.drop;
	assert_true(found);
	struct merge_info info;
	assert_int_equal(store_merge_info(f->store, &f->arena, &f->system, merge_id, &info), STORE_OK);
	assert_true(info.undone);
	audit_intact(f);
	/* Twice: refused. */
	field_errors_init(&conflicts, &f->arena);
	assert_int_equal(store_merge_undo(f->store, &f->arena, &f->system, merge_id, &conflicts), STORE_CONFLICT);
	assert_int_equal(conflicts.count, 1);
	assert_string_equal(conflicts.items[0].message, "This merge was undone already.");
	/* Not a merge. */
	field_errors_init(&conflicts, &f->arena);
	assert_int_equal(store_merge_undo(f->store, &f->arena, &f->system, 1, &conflicts), STORE_NOT_FOUND);
}

/* dup-6: a record changed since the merge stops the undo, which changes
 * nothing and names it. */
static void test_undo_conflict(void **state)
{
	struct fixture *f = *state;
	struct scene sc;
	make_scene(f, &sc);
	int64_t merge_id = merge_ok(f, &sc);
	update_ok(f, &model_position, sc.pos_drop, "title", "Trésorier adjoint");
	update_ok(f, &model_organization, sc.keep, "phone", "+590 590 12 34 56");
	struct field_errors conflicts;
	field_errors_init(&conflicts, &f->arena);
	assert_int_equal(store_merge_undo(f->store, &f->arena, &f->system, merge_id, &conflicts), STORE_CONFLICT);
	assert_int_equal(conflicts.count, 2);
	int named_keep = 0, named_position = 0;
	for (size_t i = 0; i < conflicts.count; i++) {
		assert_string_equal(conflicts.items[i].message, "Changed since the merge: {}.");
		named_keep |= strcmp(conflicts.items[i].detail, "Association les Amis du Port") == 0;
		named_position |= strcmp(conflicts.items[i].detail, "Trésorier adjoint") == 0;
	}
	assert_true(named_keep && named_position);
	/* Nothing was undone. */
	assert_non_null(get_any(f, &model_organization, sc.drop)->deleted_at);
	assert_int_equal(ref_of(f, &model_relationship, sc.rel_out, "subject"), sc.keep);
	audit_intact(f);
}

/* dup-7: refusals: a reader; a record pointing to drop that the editor may
 * not see; values that are not valid (then nothing is written); a record
 * with itself. */
static void test_merge_refused(void **state)
{
	struct fixture *f = *state;
	int64_t keep = org(f, "Rhum Solidaire", "MQ", NULL), drop = org(f, "Rhum solidaire", "MQ", NULL);
	int64_t secret = person(f, "Agent", "Secret", NULL, "confidential");
	int64_t pos = position(f, secret, drop, "Informateur");
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	struct viewer reader = {.role = ROLE_READER, .account_id = 999, .label = "reader", .origin = "test"};
	assert_int_equal(store_merge(f->store, &f->arena, &reader, &model_organization, keep, drop, NULL, &errors, NULL),
			 STORE_FORBIDDEN);
	struct viewer editor = {.role = ROLE_EDITOR, .account_id = 998, .label = "editor", .origin = "test"};
	struct merge_preview preview;
	assert_int_equal(store_merge_preview(f->store, &f->arena, &editor, &model_organization, keep, drop, &preview), STORE_OK);
	assert_int_equal(preview.hidden, 1);
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_merge(f->store, &f->arena, &editor, &model_organization, keep, drop, NULL, &errors, NULL),
			 STORE_FORBIDDEN);
	assert_int_equal(errors.count, 1);
	assert_string_equal(errors.items[0].detail, arena_printf(&f->arena, "position #%lld", (long long)pos));
	assert_null(get_any(f, &model_organization, drop)->deleted_at);
	/* Invalid chosen values: nothing happens. */
	struct record *chosen = record_new(&f->arena, &model_organization);
	set(chosen, "email", "pas une adresse");
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_merge(f->store, &f->arena, &f->system, &model_organization, keep, drop, chosen, &errors, NULL),
			 STORE_INVALID);
	assert_non_null(field_errors_find(&errors, "email"));
	assert_null(get_any(f, &model_organization, drop)->deleted_at);
	assert_int_equal(ref_of(f, &model_position, pos, "organization"), drop);
	assert_string_equal(actions(f, &model_organization, drop), "create");
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_merge(f->store, &f->arena, &f->system, &model_organization, keep, keep, NULL, &errors, NULL),
			 STORE_INVALID);
	/* One in the bin cannot be merged. */
	assert_int_equal(store_delete(f->store, &f->system, &model_organization, drop), STORE_OK);
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_merge(f->store, &f->arena, &f->system, &model_organization, keep, drop, NULL, &errors, NULL),
			 STORE_NOT_FOUND);
	audit_intact(f);
}

/* dup-8: an editor (who sees records through their visibility, unlike
 * the system) merges and undoes: positions and relationships move. */
static void test_merge_as_editor(void **state)
{
	struct fixture *f = *state;
	struct viewer editor = {.role = ROLE_EDITOR, .account_id = 998, .label = "editor", .origin = "test"};
	int64_t keep = org(f, "Maison de la mangrove", "GP", NULL), drop = org(f, "Maison de la Mangrove", "GP", "public");
	int64_t other = org(f, "Parc national", "GP", NULL);
	int64_t p = person(f, "Line", "Rivière", NULL, NULL);
	int64_t pos = position(f, p, drop, "Animatrice");
	int64_t rel = relationship(f, other, "funds", drop), self = relationship(f, drop, "partner_of", keep);
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	int64_t merge_id = 0;
	int rc = store_merge(f->store, &f->arena, &editor, &model_organization, keep, drop, NULL, &errors, &merge_id);
	if (rc != STORE_OK)
		fail_msg("merge as editor: %d %s (%s)", rc, errors.count ? errors.items[0].message : "",
			 errors.count && errors.items[0].detail ? errors.items[0].detail : "");
	assert_int_equal(ref_of(f, &model_position, pos, "organization"), keep);
	assert_int_equal(ref_of(f, &model_relationship, rel, "object"), keep);
	assert_non_null(get_any(f, &model_relationship, self)->deleted_at);
	assert_non_null(get_any(f, &model_organization, drop)->deleted_at);
	struct merge_info info;
	assert_int_equal(store_merge_info(f->store, &f->arena, &editor, merge_id, &info), STORE_OK);
	assert_int_equal(info.drop, drop);
	struct merge_info *recent;
	size_t n;
	assert_int_equal(store_recent_merges(f->store, &f->arena, &editor, &model_organization, 5, &recent, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(recent[0].id, merge_id);
	field_errors_init(&errors, &f->arena);
	rc = store_merge_undo(f->store, &f->arena, &editor, merge_id, &errors);
	if (rc != STORE_OK)
		fail_msg("undo as editor: %d %s (%s)", rc, errors.count ? errors.items[0].message : "",
			 errors.count && errors.items[0].detail ? errors.items[0].detail : "");
	assert_int_equal(ref_of(f, &model_position, pos, "organization"), drop);
	assert_int_equal(ref_of(f, &model_relationship, rel, "object"), drop);
	assert_null(get_any(f, &model_relationship, self)->deleted_at);
	assert_null(get_any(f, &model_organization, drop)->deleted_at);
	assert_int_equal(store_recent_merges(f->store, &f->arena, &editor, &model_organization, 5, &recent, &n), STORE_OK);
	assert_int_equal(n, 0);
	audit_intact(f);
}

/* dup-9: people merge too: their positions move. */
static void test_merge_people(void **state)
{
	struct fixture *f = *state;
	int64_t o = org(f, "Université des Antilles", "GP", NULL);
	int64_t keep = person(f, "Léa", "Bernard", "lea.bernard@example.org", NULL);
	int64_t drop = person(f, "Lea", "BERNARD", "lbernard@univ-antilles.fr", NULL);
	int64_t pos = position(f, drop, o, "Chercheuse");
	struct record *k = get_any(f, &model_person, keep), *d = get_any(f, &model_person, drop);
	struct record *chosen = store_merge_default(&f->arena, k, d);
	/* Both emails are kept. */
	assert_int_equal(chosen->values[field(&model_person, "emails")].count, 2);
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	int64_t merge_id;
	assert_int_equal(store_merge(f->store, &f->arena, &f->system, &model_person, keep, drop, chosen, &errors, &merge_id),
			 STORE_OK);
	assert_int_equal(ref_of(f, &model_position, pos, "person"), keep);
	assert_int_equal(get_any(f, &model_person, keep)->values[field(&model_person, "emails")].count, 2);
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_merge_undo(f->store, &f->arena, &f->system, merge_id, &errors), STORE_OK);
	assert_int_equal(ref_of(f, &model_position, pos, "person"), drop);
	assert_int_equal(get_any(f, &model_person, keep)->values[field(&model_person, "emails")].count, 1);
	audit_intact(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_key),
		cmocka_unit_test_setup_teardown(test_find_organizations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_people_and_visibility, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_as_editor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_people, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
