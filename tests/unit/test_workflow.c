/*
 * test_workflow.c - the workflow engine on a real store, with the note's
 * declared workflow: who may fire what from which state, what a refused
 * action leaves (nothing), what a step records, the frozen states, the
 * validator's waiting list; and the desk's other rules the store keeps
 * (a follow-up's due date against its meeting, local date-times,
 * timelines, attachments by content hash, transmissions).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "model/workflow.h"
#include "store/activity.h"
#include "store/gdpr.h"
#include "store/workflow.h"
#include "store_fixture.h"

/* An account of `role` (its code) in `team` (0: none); its viewer. */
static struct viewer account(struct fixture *f, const char *email, const char *role, int64_t team)
{
	struct record *r = record_new(&f->arena, &model_account);
	set(r, "email", email);
	set(r, "display_name", email);
	set(r, "role", role);
	set(r, "language", "fr");
	if (team)
		record_add(r, field(&model_account, "teams"), arena_printf(&f->arena, "%lld", (long long)team), NULL, 0);
	struct field_errors e;
	field_errors_init(&e, &f->arena);
	assert_int_equal(store_create(f->store, &f->arena, &f->system, r, &e), STORE_OK);
	struct viewer v = {.role = permission_role(role), .account_id = r->id, .label = email, .origin = "test"};
	if (team)
		v.teams[v.nteams++] = team;
	return v;
}

static int64_t team(struct fixture *f, const char *name)
{
	struct record *r = record_new(&f->arena, &model_team);
	set(r, "name", name);
	struct field_errors e;
	field_errors_init(&e, &f->arena);
	assert_int_equal(store_create(f->store, &f->arena, &f->system, r, &e), STORE_OK);
	return r->id;
}

/* A draft note by `author`, to be validated by `validator` (0: nobody). */
static int64_t note(struct fixture *f, const struct viewer *author, int64_t validator, int64_t validator_team)
{
	struct record *r = record_new(&f->arena, &model_note);
	set(r, "title", "Compte rendu du comité mixte");
	set(r, "note_type", "minutes");
	set(r, "date", "2026-03-14");
	set(r, "body", "# Ordre du jour\n\n- protocole d'accord\n- calendrier 2027\n");
	set(r, "visibility", "internal");
	if (validator)
		set(r, "validator", arena_printf(&f->arena, "%lld", (long long)validator));
	if (validator_team)
		set(r, "validator_team", arena_printf(&f->arena, "%lld", (long long)validator_team));
	struct field_errors e;
	field_errors_init(&e, &f->arena);
	int rc = store_create(f->store, &f->arena, author, r, &e);
	if (rc != STORE_OK)
		fail_msg("note: %d %s %s", rc, e.count ? e.items[0].field : "", e.count ? e.items[0].message : "");
	return r->id;
}

static const char *state_of(struct fixture *f, int64_t id)
{
	struct record *r;
	assert_int_equal(store_get(f->store, &f->arena, &f->system, &model_note, id, 0, &r), STORE_OK);
	return store_workflow_state(r);
}

/* Fire `name` on note id as v; the store's answer, and the first error's
 * field in *field (may be NULL). */
static int fire(struct fixture *f, const struct viewer *v, int64_t id, const char *name, const char *comment,
		const char **field_out)
{
	struct workflow_request q = {.kind = &model_note, .id = id, .transition = name, .comment = comment};
	struct field_errors e;
	field_errors_init(&e, &f->arena);
	int rc = store_transition(f->store, &f->arena, v, &q, NULL, &e);
	if (field_out)
		*field_out = e.count ? e.items[0].field : NULL;
	return rc;
}

static size_t steps(struct fixture *f, int64_t id, struct workflow_step **out)
{
	size_t n;
	assert_int_equal(store_workflow_steps(f->store, &f->arena, &f->system, &model_note, id, out, &n), STORE_OK);
	return n;
}

/* workflow-1: a note starts as a draft with its author; the whole cycle
 * submit → return → resubmit → validate → send, each step recorded. */
static void test_cycle(void **state)
{
	struct fixture *f = *state;
	struct viewer editor = account(f, "editrice@example.org", "editor", 0);
	struct viewer validator = account(f, "validateur@example.org", "validator", 0);
	int64_t id = note(f, &editor, validator.account_id, 0);
	assert_string_equal(state_of(f, id), "draft");
	struct record *r;
	assert_int_equal(store_get(f->store, &f->arena, &f->system, &model_note, id, 0, &r), STORE_OK);
	assert_int_equal(strtoll(record_get_by_name(r, "author"), NULL, 10), editor.account_id);

	const char *fld;
	assert_int_equal(fire(f, &editor, id, "submit", NULL, NULL), STORE_OK);
	assert_string_equal(state_of(f, id), "submitted");
	assert_int_equal(fire(f, &validator, id, "return", "", &fld), STORE_INVALID); /* a return says why */
	assert_string_equal(fld, "comment");
	assert_string_equal(state_of(f, id), "submitted");
	assert_int_equal(fire(f, &validator, id, "return", "Préciser le calendrier.", NULL), STORE_OK);
	assert_string_equal(state_of(f, id), "returned");
	assert_int_equal(fire(f, &editor, id, "resubmit", "Calendrier précisé.", NULL), STORE_OK);
	assert_int_equal(fire(f, &validator, id, "validate", NULL, NULL), STORE_OK);
	assert_string_equal(state_of(f, id), "validated");

	struct workflow_step *s;
	size_t n = steps(f, id, &s);
	assert_int_equal(n, 4);
	assert_string_equal(s[0].transition, "submit");
	assert_string_equal(s[0].from_state, "draft");
	assert_string_equal(s[1].transition, "return");
	assert_string_equal(s[1].comment, "Préciser le calendrier.");
	assert_int_equal(s[1].account_id, validator.account_id);
	assert_string_equal(s[3].to_state, "validated");
	/* Each step points at the version of the note it left. */
	for (size_t i = 0; i < n; i++)
		assert_true(s[i].history_id > 0 && (i == 0 || s[i].history_id > s[i - 1].history_id));
}

/* workflow-2: refused transitions change nothing and say why. */
static void test_refusals(void **state)
{
	struct fixture *f = *state;
	int64_t t = team(f, "Coopération régionale");
	struct viewer editor = account(f, "editrice@example.org", "editor", 0);
	struct viewer validator = account(f, "validateur@example.org", "validator", 0);
	struct viewer other = account(f, "autre@example.org", "validator", 0);
	struct viewer member = account(f, "membre@example.org", "validator", t);
	struct viewer reader = account(f, "lecteur@example.org", "reader", 0);
	const char *fld;

	int64_t nobody = note(f, &editor, 0, 0);
	assert_int_equal(fire(f, &editor, nobody, "submit", NULL, &fld), STORE_INVALID);
	assert_string_equal(fld, "validator");
	assert_int_equal(fire(f, &editor, nobody, "validate", NULL, NULL), STORE_CONFLICT); /* a draft is not validated */
	assert_int_equal(fire(f, &editor, nobody, "fly", NULL, NULL), STORE_NOT_FOUND);
	assert_int_equal(fire(f, &reader, nobody, "submit", NULL, NULL), STORE_FORBIDDEN);
	assert_string_equal(state_of(f, nobody), "draft");
	assert_int_equal(steps(f, nobody, &(struct workflow_step *){0}), 0);

	int64_t id = note(f, &editor, validator.account_id, 0);
	assert_int_equal(fire(f, &editor, id, "submit", NULL, NULL), STORE_OK);
	assert_int_equal(fire(f, &other, id, "validate", NULL, NULL), STORE_FORBIDDEN); /* not the one named */
	assert_int_equal(fire(f, &editor, id, "validate", NULL, NULL), STORE_FORBIDDEN);
	assert_int_equal(fire(f, &validator, id, "send", NULL, NULL), STORE_CONFLICT); /* only validated notes go out */
	assert_string_equal(state_of(f, id), "submitted");

	/* No one validates their own note, not even a validator. */
	int64_t own = note(f, &validator, validator.account_id, 0);
	assert_int_equal(fire(f, &validator, own, "submit", NULL, NULL), STORE_OK);
	assert_int_equal(fire(f, &validator, own, "validate", NULL, NULL), STORE_FORBIDDEN);

	/* A validator of the team named may; one outside it may not. */
	int64_t by_team = note(f, &editor, 0, t);
	assert_int_equal(fire(f, &editor, by_team, "submit", NULL, NULL), STORE_OK);
	assert_int_equal(fire(f, &other, by_team, "validate", NULL, NULL), STORE_FORBIDDEN);
	assert_int_equal(fire(f, &member, by_team, "validate", NULL, NULL), STORE_OK);
}

/* workflow-3: a submitted note is frozen; its state never moves by an
 * update; the waiting list is the named validator's. */
static void test_frozen_and_waiting(void **state)
{
	struct fixture *f = *state;
	struct viewer editor = account(f, "editrice@example.org", "editor", 0);
	struct viewer validator = account(f, "validateur@example.org", "validator", 0);
	struct viewer other = account(f, "autre@example.org", "validator", 0);
	int64_t id = note(f, &editor, validator.account_id, 0);

	struct record *patch = record_new(&f->arena, &model_note);
	patch->id = id;
	set(patch, "status", "validated");
	struct field_errors e;
	field_errors_init(&e, &f->arena);
	assert_int_equal(store_update(f->store, &f->arena, &editor, patch, NULL, &e), STORE_INVALID);
	assert_string_equal(e.items[0].field, "status");
	assert_string_equal(state_of(f, id), "draft");

	assert_int_equal(fire(f, &editor, id, "submit", NULL, NULL), STORE_OK);
	patch = record_new(&f->arena, &model_note);
	patch->id = id;
	set(patch, "title", "Autre titre");
	field_errors_init(&e, &f->arena);
	assert_int_equal(store_update(f->store, &f->arena, &editor, patch, NULL, &e), STORE_CONFLICT);
	assert_int_equal(store_delete(f->store, &editor, &model_note, id), STORE_CONFLICT);

	struct record **items;
	size_t n;
	assert_int_equal(store_workflow_waiting(f->store, &f->arena, &validator, &model_note, 10, &items, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0]->id, id);
	assert_int_equal(store_workflow_waiting(f->store, &f->arena, &other, &model_note, 10, &items, &n), STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_workflow_waiting(f->store, &f->arena, &editor, &model_note, 10, &items, &n), STORE_OK);
	assert_int_equal(n, 0);
}

/* workflow-3b: a validator's waiting list holds what was submitted to them
 * or to their team, however many notes wait for others (it once read the
 * thousand oldest waiting notes and kept the validator's among them). */
static void test_waiting_behind_others(void **state)
{
	struct fixture *f = *state;
	int64_t t = team(f, "Coopération régionale");
	struct viewer editor = account(f, "editrice@example.org", "editor", 0);
	struct viewer busy = account(f, "occupe@example.org", "validator", 0);
	struct viewer validator = account(f, "validateur@example.org", "validator", 0);
	struct viewer member = account(f, "membre@example.org", "validator", t);
	assert_int_equal(store_batch_begin(f->store), STORE_OK);
	for (int i = 0; i < 1001; i++)
		assert_int_equal(fire(f, &editor, note(f, &editor, busy.account_id, 0), "submit", NULL, NULL), STORE_OK);
	int64_t mine = note(f, &editor, validator.account_id, 0), ours = note(f, &editor, 0, t);
	assert_int_equal(fire(f, &editor, mine, "submit", NULL, NULL), STORE_OK);
	assert_int_equal(fire(f, &editor, ours, "submit", NULL, NULL), STORE_OK);
	assert_int_equal(store_batch_end(f->store, 1), STORE_OK);

	struct record **items;
	size_t n;
	assert_int_equal(store_workflow_waiting(f->store, &f->arena, &validator, &model_note, 50, &items, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0]->id, mine);
	assert_int_equal(store_workflow_waiting(f->store, &f->arena, &member, &model_note, 50, &items, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0]->id, ours);
	assert_int_equal(store_workflow_waiting(f->store, &f->arena, &busy, &model_note, 50, &items, &n), STORE_OK);
	assert_int_equal(n, 50);
}

/* workflow-4: sending records each recipient once; no one, or someone
 * unknown, is refused. */
static void test_send(void **state)
{
	struct fixture *f = *state;
	struct viewer editor = account(f, "editrice@example.org", "editor", 0);
	struct viewer validator = account(f, "validateur@example.org", "validator", 0);
	int64_t id = note(f, &editor, validator.account_id, 0);
	assert_int_equal(fire(f, &editor, id, "submit", NULL, NULL), STORE_OK);
	assert_int_equal(fire(f, &validator, id, "validate", NULL, NULL), STORE_OK);

	const char *fld;
	assert_int_equal(fire(f, &editor, id, "send", NULL, &fld), STORE_INVALID);
	assert_string_equal(fld, "recipients");
	const char *bad[] = {"account:999"};
	struct workflow_request q = {.kind = &model_note, .id = id, .transition = "send", .recipients = bad, .nrecipients = 1};
	struct field_errors e;
	field_errors_init(&e, &f->arena);
	assert_int_equal(store_transition(f->store, &f->arena, &editor, &q, NULL, &e), STORE_INVALID);

	const char *to[] = {arena_printf(&f->arena, "account:%lld", (long long)validator.account_id),
			    arena_printf(&f->arena, "account:%lld", (long long)validator.account_id)};
	q.recipients = to;
	q.nrecipients = 2;
	int64_t step;
	field_errors_init(&e, &f->arena);
	assert_int_equal(store_transition(f->store, &f->arena, &editor, &q, &step, &e), STORE_OK);
	assert_string_equal(state_of(f, id), "validated");
	struct distribution *d;
	size_t n;
	assert_int_equal(store_distributions(f->store, &f->arena, &f->system, &model_note, id, &d, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(d[0].step_id, step);
	assert_string_equal(d[0].email, "validateur@example.org");
}

/* workflow-5: erasing a person erases them from the distributions and
 * drops the mails to them not yet sent. */
static void test_erase_recipient(void **state)
{
	struct fixture *f = *state;
	struct viewer editor = account(f, "editrice@example.org", "editor", 0);
	struct viewer validator = account(f, "validateur@example.org", "validator", 0);
	struct record *p = record_new(&f->arena, &model_person);
	set(p, "given_name", "Zoé");
	set(p, "family_name", "Àeffacer");
	set(p, "legal_basis", "consent");
	set(p, "legal_basis_date", "2025-01-01");
	set(p, "visibility", "internal");
	record_add(p, field(&model_person, "emails"), "zoe@example.org", NULL, 0);
	struct field_errors e;
	field_errors_init(&e, &f->arena);
	assert_int_equal(store_create(f->store, &f->arena, &f->system, p, &e), STORE_OK);
	int64_t id = note(f, &editor, validator.account_id, 0);
	assert_int_equal(fire(f, &editor, id, "submit", NULL, NULL), STORE_OK);
	assert_int_equal(fire(f, &validator, id, "validate", NULL, NULL), STORE_OK);
	const char *to[] = {arena_printf(&f->arena, "person:%lld", (long long)p->id)};
	struct workflow_request q = {.kind = &model_note, .id = id, .transition = "send", .recipients = to, .nrecipients = 1};
	int64_t step, mail;
	assert_int_equal(store_transition(f->store, &f->arena, &editor, &q, &step, &e), STORE_OK);
	assert_int_equal(store_outbox_add(f->store, "zoe@example.org", "Zoé Àeffacer", "Compte rendu", "…", "distribution", &mail), STORE_OK);
	assert_int_equal(store_distribution_set_outbox(f->store, step, "person", p->id, mail), STORE_OK);

	assert_int_equal(gdpr_erase_person(f->store, &f->system, p->id), STORE_OK);
	struct distribution *d;
	size_t n;
	assert_int_equal(store_distributions(f->store, &f->arena, &f->system, &model_note, id, &d, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].label, "—");
	assert_null(d[0].email);
	struct outbox_mail *m;
	assert_int_equal(store_outbox_pending(f->store, &f->arena, 5, 10, &m, &n), STORE_OK);
	assert_int_equal(n, 0);
}

/* desk-1: date-times, the follow-up's bound, the timeline. */
static void test_desk_rules(void **state)
{
	struct fixture *f = *state;
	struct viewer editor = account(f, "editrice@example.org", "editor", 0);
	struct record *org = record_new(&f->arena, &model_organization);
	set(org, "name", "Organisation des États de la Caraïbe orientale");
	set(org, "kind", "regional_org");
	set(org, "visibility", "internal");
	struct field_errors e;
	field_errors_init(&e, &f->arena);
	assert_int_equal(store_create(f->store, &f->arena, &f->system, org, &e), STORE_OK);

	struct record *meeting = record_new(&f->arena, &model_interaction);
	set(meeting, "subject", "Réunion OECO");
	set(meeting, "type", "meeting");
	set(meeting, "starts_at", "14/03/2026 10:30");
	set(meeting, "timezone", "America/Marigot");
	set(meeting, "visibility", "internal");
	record_add(meeting, field(&model_interaction, "organizations"), arena_printf(&f->arena, "%lld", (long long)org->id), NULL, 0);
	assert_int_equal(store_create(f->store, &f->arena, &editor, meeting, &e), STORE_OK);
	assert_string_equal(record_get_by_name(meeting, "starts_at"), "2026-03-14T10:30");

	struct record *bad = record_new(&f->arena, &model_interaction);
	set(bad, "subject", "x");
	set(bad, "type", "call");
	set(bad, "starts_at", "2026-02-30 10:00");
	set(bad, "timezone", "America/Marigot");
	set(bad, "visibility", "internal");
	field_errors_init(&e, &f->arena);
	assert_int_equal(store_create(f->store, &f->arena, &editor, bad, &e), STORE_INVALID);
	assert_string_equal(e.items[0].field, "starts_at");

	struct record *fu = record_new(&f->arena, &model_followup);
	set(fu, "title", "Envoyer le projet de protocole");
	set(fu, "owner", arena_printf(&f->arena, "%lld", (long long)editor.account_id));
	set(fu, "due_date", "2026-03-13");
	set(fu, "status", "open");
	set(fu, "visibility", "internal");
	set(fu, "interaction", arena_printf(&f->arena, "%lld", (long long)meeting->id));
	record_add(fu, field(&model_followup, "organizations"), arena_printf(&f->arena, "%lld", (long long)org->id), NULL, 0);
	field_errors_init(&e, &f->arena);
	assert_int_equal(store_create(f->store, &f->arena, &editor, fu, &e), STORE_INVALID);
	assert_string_equal(e.items[0].field, "due_date");
	assert_string_equal(e.items[0].detail, "2026-03-14");
	set(fu, "due_date", "2026-03-14"); /* the day of the meeting is fine */
	field_errors_init(&e, &f->arena);
	assert_int_equal(store_create(f->store, &f->arena, &editor, fu, &e), STORE_OK);

	struct timeline_item *items;
	size_t n;
	assert_int_equal(store_timeline(f->store, &f->arena, &editor, &model_organization, org->id, 10, &items, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_ptr_equal(items[0].kind, &model_interaction); /* "2026-03-14T10:30" after "2026-03-14" */
	assert_ptr_equal(items[1].kind, &model_followup);
	assert_string_equal(items[1].state, "open");
}

/* desk-2: attachments are stored once per content and found by search;
 * a transmission waits for its acknowledgement. */
static void test_attachments_and_transmissions(void **state)
{
	struct fixture *f = *state;
	struct viewer editor = account(f, "editrice@example.org", "editor", 0);
	struct viewer reader = account(f, "lecteur@example.org", "reader", 0);
	struct record *doc = record_new(&f->arena, &model_document);
	set(doc, "subject", "Invitation au Conseil des ministres");
	set(doc, "date", "2026-05-02");
	set(doc, "direction", "received");
	set(doc, "visibility", "internal");
	struct field_errors e;
	field_errors_init(&e, &f->arena);
	assert_int_equal(store_create(f->store, &f->arena, &editor, doc, &e), STORE_OK);

	const char text[] = "Ordre du jour provisoire";
	int64_t a1, a2;
	assert_int_equal(store_attach(f->store, &f->arena, &editor, &model_document, doc->id, "ordre-du-jour.txt", "text/plain",
				      text, sizeof(text) - 1, "ordre du jour provisoire zanzibar", &a1, &e), STORE_OK);
	assert_int_equal(store_attach(f->store, &f->arena, &editor, &model_document, doc->id, "copie.txt", "text/plain", text,
				      sizeof(text) - 1, NULL, &a2, &e), STORE_OK);
	assert_int_equal(store_attach(f->store, &f->arena, &reader, &model_document, doc->id, "x.txt", "text/plain", text,
				      sizeof(text) - 1, NULL, NULL, &e), STORE_FORBIDDEN);
	field_errors_init(&e, &f->arena);
	assert_int_equal(store_attach(f->store, &f->arena, &editor, &model_document, doc->id, "../x.txt", "text/plain", text,
				      sizeof(text) - 1, NULL, NULL, &e), STORE_INVALID);
	struct attachment *list;
	size_t n;
	assert_int_equal(store_attachments(f->store, &f->arena, &reader, &model_document, doc->id, &list, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].sha256, list[1].sha256); /* one content, two names */
	const void *data;
	size_t len;
	struct attachment one;
	assert_int_equal(store_attachment_read(f->store, &f->arena, &reader, a2, &one, &data, &len), STORE_OK);
	assert_int_equal(len, sizeof(text) - 1);
	assert_memory_equal(data, text, len);

	struct search_hit *hits;
	size_t nh;
	const char *next;
	field_errors_init(&e, &f->arena);
	assert_int_equal(store_search(f->store, &f->arena, &reader, "zanzibar", 10, NULL, &hits, &nh, &next, &e), STORE_OK);
	assert_int_equal(nh, 1);
	assert_int_equal(hits[0].id, doc->id);

	field_errors_init(&e, &f->arena);
	assert_int_equal(store_transmit(f->store, &f->arena, &editor, &model_document, doc->id, NULL, 0, NULL, &e), STORE_INVALID);
	int64_t to[] = {reader.account_id};
	assert_int_equal(store_transmit(f->store, &f->arena, &editor, &model_document, doc->id, to, 1, "Pour suite", &e), STORE_OK);
	struct transmission *t;
	assert_int_equal(store_to_acknowledge(f->store, &f->arena, &reader, 10, &t, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_acknowledge(f->store, &editor, t[0].id), STORE_NOT_FOUND); /* not the editor's */
	assert_int_equal(store_acknowledge(f->store, &reader, t[0].id), STORE_OK);
	assert_int_equal(store_to_acknowledge(f->store, &f->arena, &reader, 10, &t, &n), STORE_OK);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_frozen_and_waiting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_waiting_behind_others, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send, setup, teardown),
		cmocka_unit_test_setup_teardown(test_erase_recipient, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desk_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_attachments_and_transmissions, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
