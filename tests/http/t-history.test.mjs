// t-history.test.mjs - the history of every change: each create, update,
// delete and restore of every kind, with who, from where (api or web, the
// address) and each field's old and new values, as JSON and as a page;
// "Restore this version"; `passerelle audit verify`, intact and after the
// database was tampered with.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, show, org, person, formFields, unescapeHtml, BIN, sqlite, addAccount, signInAs } from './harness.mjs';

const ACTOR = 'Tests HTTP'; // the harness's administrator
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

let srv;
let tmp; // copies of the database to tamper with
before(async () => {
  srv = await startServer();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'passerelle-history-'));
});
after(async () => {
  await srv?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** `passerelle audit verify --db db`: { code, stdout, stderr }, whatever the exit status. */
function auditVerify(db) {
  return new Promise((resolve) => {
    // PASSERELLE_ARGON2_FAST: the command need not compute a real password hash at start.
    const env = { ...process.env, PASSERELLE_ARGON2_FAST: '1' };
    execFile(BIN, ['audit', 'verify', '--db', db], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? err.code : 0, stdout, stderr });
    });
  });
}

/** The history of a record through the API, oldest first. */
async function history(plural, id) {
  const res = await srv.get(`/api/v1/${plural}/${id}/history`);
  assert.equal(res.status, 200, show(res));
  assert.match(res.headers['content-type'], /^application\/json/);
  assert.ok(Array.isArray(res.json.items), show(res));
  const ids = res.json.items.map((e) => e.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'the API lists the newest entry first');
  return [...res.json.items].reverse();
}

async function create(plural, body) {
  const res = await srv.api('POST', `/api/v1/${plural}`, body);
  assert.equal(res.status, 201, show(res));
  return res.json;
}

/** Change fields through the record's HTML edit form, as a browser does (origin "web"). */
async function webUpdate(plural, id, changes) {
  const edit = await srv.get(`/${plural}/${id}/edit`);
  assert.equal(edit.status, 200, show(edit));
  const fields = formFields(edit.text);
  for (const [k, v] of Object.entries(changes)) fields.set(k, v);
  const res = await srv.form(`/${plural}/${id}`, fields);
  assert.equal(res.status, 303, show(res));
}

/** A copy of the live database (sqlite3 .backup), to tamper with. */
let copies = 0;
async function copyOfDatabase() {
  const copy = path.join(tmp, `copy-${++copies}.db`);
  await sqlite(srv.dbPath, `.backup '${copy}'`);
  return copy;
}

/** Check one entry: who, from where, what, and exactly these changes ({field: [old, new]}). */
function assertEntry(e, action, origin, changes, what) {
  assert.equal(e.action, action, `${what}: ${JSON.stringify(e)}`);
  assert.equal(e.actor, ACTOR, what);
  assert.equal(e.origin, origin, what);
  assert.equal(e.address, '127.0.0.1', what);
  assert.match(e.at, ISO, what);
  assert.equal(typeof e.id, 'number', what);
  assert.deepEqual(Object.keys(e.changes).sort(), Object.keys(changes).sort(), `${what}: the fields changed`);
  for (const [field, [oldValue, newValue]] of Object.entries(changes)) {
    assert.deepEqual(e.changes[field].old, oldValue, `${what}: old value of ${field}`);
    assert.deepEqual(e.changes[field].new, newValue, `${what}: new value of ${field}`);
    assert.equal(e.changes[field].erased, false, `${what}: ${field} erased`);
  }
}

// The record every page and restore test below works on: an organisation
// created, changed twice (API, then web), deleted (API) and restored (web).
let subject;
let subjectHistory;

test('API: each create, update, delete and restore of every kind is in its history, with actor, origin, address and values', async () => {
  const a = await create('organizations', org({ name: 'Histoire A', tags: ['un'] }));
  const other = await create('organizations', org({ name: 'Histoire Autre' }));
  const p = await create('people', person({ family_name: 'Historienne', emails: ['historienne@example.org'] }));
  const kinds = [
    {
      plural: 'organizations',
      record: a,
      created: { name: [null, 'Histoire A'], kind: [null, 'cooperative'], visibility: [null, 'internal'], tags: [null, ['un']] },
      patch: { name: 'Histoire B', tags: ['un', 'deux'], names: [{ value: 'HB', lang: 'fr', acronym: true }],
        description: [{ value: 'Un texte.', lang: 'fr' }] },
      patched: {
        name: ['Histoire A', 'Histoire B'],
        tags: [['un'], ['un', 'deux']],
        names: [null, [{ value: 'HB', lang: 'fr', acronym: true }]],
        description: [null, [{ value: 'Un texte.', lang: 'fr', acronym: false }]],
      },
      web: { legal_form: 'SCOP' },
      // An unticked box is "no" once the form is saved.
      webChanged: { legal_form: [null, 'SCOP'], ess: [null, 'false'] },
    },
    {
      plural: 'people',
      record: p,
      created: {
        given_name: [null, 'Aïcha'], family_name: [null, 'Historienne'], emails: [null, ['historienne@example.org']],
        legal_basis: [null, 'legitimate_interest'], legal_basis_date: [null, '2025-01-15'], visibility: [null, 'internal'],
      },
      patch: { given_name: 'Inès', languages: ['fr', 'en'] },
      patched: { given_name: ['Aïcha', 'Inès'], languages: [null, ['fr', 'en']] },
      web: { notes: 'Rencontrée à Marigot.' },
      webChanged: { notes: [null, 'Rencontrée à Marigot.'] },
    },
    {
      plural: 'positions',
      body: { person: p.id, organization: a.id, title: 'Trésorière' },
      created: { person: [null, String(p.id)], organization: [null, String(a.id)], title: [null, 'Trésorière'] },
      patch: { title: 'Présidente', start_date: '2024-01-01' },
      patched: { title: ['Trésorière', 'Présidente'], start_date: [null, '2024-01-01'] },
      web: { end_date: '2025-06-30' },
      webChanged: { end_date: [null, '2025-06-30'] },
    },
    {
      plural: 'relationships',
      body: { subject: a.id, type: 'partner_of', object: other.id },
      created: { subject: [null, String(a.id)], type: [null, 'partner_of'], object: [null, String(other.id)] },
      patch: { note: 'Depuis la saison 2020.' },
      patched: { note: [null, 'Depuis la saison 2020.'] },
      web: { start_date: '2020-01-01' },
      webChanged: { start_date: [null, '2020-01-01'] },
    },
  ];
  for (const k of kinds) {
    const rec = k.record || await create(k.plural, k.body);
    const patched = await srv.api('PATCH', `/api/v1/${k.plural}/${rec.id}`, k.patch);
    assert.equal(patched.status, 200, show(patched));
    await webUpdate(k.plural, rec.id, k.web);
    const del = await srv.api('DELETE', `/api/v1/${k.plural}/${rec.id}`);
    assert.equal(del.status, 204, show(del));
    const restored = await srv.form(`/${k.plural}/${rec.id}/restore`, {});
    assert.equal(restored.status, 303, show(restored));

    const h = await history(k.plural, rec.id);
    assert.equal(h.length, 5, `${k.plural}: ${JSON.stringify(h, null, 1)}`);
    assertEntry(h[0], 'create', 'api', k.created, `${k.plural}: create`);
    assertEntry(h[1], 'update', 'api', k.patched, `${k.plural}: update through the API`);
    assertEntry(h[2], 'update', 'web', k.webChanged, `${k.plural}: update through the form`);
    assertEntry(h[3], 'delete', 'api', {}, `${k.plural}: delete`);
    assertEntry(h[4], 'restore', 'web', {}, `${k.plural}: restore`);
    for (let i = 1; i < h.length; i++) assert.ok(h[i].id > h[i - 1].id, 'entry numbers grow');
    if (k.plural === 'organizations') {
      subject = rec;
      subjectHistory = h;
    }
  }
});

test('API: the history of an unknown record is 404, without a token 401', async () => {
  const missing = await srv.get('/api/v1/organizations/999999/history');
  assert.equal(missing.status, 404, show(missing));
  assert.match(missing.headers['content-type'], /^application\/problem\+json/);
  const anonymous = await srv.get(`/api/v1/organizations/${subject.id}/history`, { as: 'anonymous' });
  assert.equal(anonymous.status, 401, show(anonymous));
  const page = await srv.get(`/organizations/${subject.id}/history`, { as: 'anonymous' });
  assert.equal(page.status, 303, show(page));
  assert.match(page.headers.location, /^\/login\?back=/);
});

test('the history page shows each entry: when, who, what, from where, the old and new values', async () => {
  const res = await srv.get(`/organizations/${subject.id}/history?lang=en`);
  assert.equal(res.status, 200, show(res));
  assert.match(res.headers['content-type'], /^text\/html/);
  const html = res.text;
  const list = html.slice(html.indexOf('<ol class="history">'));
  const items = list.split(/<li\b[^>]*>/).slice(1);
  assert.equal(items.length, 5, html);
  // Each entry is an anchor (a workflow step links the version it made).
  assert.deepEqual([...list.matchAll(/<li id="entry-(\d+)">/g)].map((m) => Number(m[1])), subjectHistory.map((e) => e.id).reverse());
  // Newest first: restored, deleted, changed (web), changed (api), created.
  const heads = items.map((li) => unescapeHtml(/<p class="history-head">([\s\S]*?)<\/p>/.exec(li)[1].replace(/<[^>]+>/g, '')));
  const expected = [
    ['restored', 'web'], ['moved to the bin', 'api'], ['changed', 'web'], ['changed', 'api'], ['created', 'api'],
  ];
  heads.forEach((head, i) => {
    const e = subjectHistory[subjectHistory.length - 1 - i];
    // The time as the page's reader reads it: 21/11/2026 02:55 UTC in French, 2026-11-21 02:55 UTC in English.
    const fr = `${e.at.slice(8, 10)}/${e.at.slice(5, 7)}/${e.at.slice(0, 4)} ${e.at.slice(11, 16)} UTC`;
    const en = `${e.at.slice(0, 10)} ${e.at.slice(11, 16)} UTC`;
    assert.ok(head.includes(fr) || head.includes(en), `${head} has its time ${fr}`);
    assert.ok(head.includes(ACTOR), `${head} has its actor`);
    assert.ok(head.includes(expected[i][0]), `${head} says ${expected[i][0]}`);
    assert.ok(head.includes(`(${expected[i][1]}, 127.0.0.1)`), `${head} says where from`);
  });
  const cells = (li) => [...li.matchAll(/<tr><th scope="row">([\s\S]*?)<\/th><td>([\s\S]*?)<\/td><td>([\s\S]*?)<\/td><\/tr>/g)]
    .map((m) => [m[1], m[2], m[3]].map(unescapeHtml));
  const webChange = cells(items[2]);
  assert.ok(webChange.some((c) => c[0] === 'Legal form' && c[1] === '—' && c[2] === 'SCOP'), JSON.stringify(webChange));
  const apiChange = cells(items[3]);
  assert.ok(apiChange.some((c) => c[1] === 'Histoire A' && c[2] === 'Histoire B'), JSON.stringify(apiChange));
  assert.ok(apiChange.some((c) => c[1] === 'un' && c[2] === 'un · deux'), JSON.stringify(apiChange));
  assert.ok(apiChange.some((c) => c[1] === '—' && c[2] === 'HB (fr)'), JSON.stringify(apiChange));
  assert.ok(cells(items[4]).some((c) => c[1] === '—' && c[2] === 'Histoire A'), items[4]);
  // Entries with changes, but the newest, offer to restore their version.
  const restoreForms = [...html.matchAll(/<form[^>]*action="([^"]*\/restore)"[^>]*>[\s\S]*?<\/form>/g)];
  assert.deepEqual(restoreForms.map((m) => m[1]).sort(), [
    `/organizations/${subject.id}/history/${subjectHistory[0].id}/restore`,
    `/organizations/${subject.id}/history/${subjectHistory[1].id}/restore`,
    `/organizations/${subject.id}/history/${subjectHistory[2].id}/restore`,
  ].sort());
  for (const f of restoreForms) {
    assert.match(f[0], /name="csrf"/);
    assert.match(f[0], />Restore this version</);
  }
  // The record page links to its history.
  const show_ = await srv.get(`/organizations/${subject.id}`);
  assert.match(show_.text, new RegExp(`href="/organizations/${subject.id}/history"`));
});

test('the history page shows values as people read them: labels, not codes', async () => {
  const res = await srv.get(`/organizations/${subject.id}/history?lang=en`);
  const created = res.text.slice(res.text.lastIndexOf('<li>'));
  assert.match(created, /<td>Cooperative<\/td>/);
  assert.match(created, /<td>Internal<\/td>/);
  assert.doesNotMatch(created, /<td>(cooperative|internal)<\/td>/);
  assert.doesNotMatch(res.text, /<td>false<\/td>/);
  assert.match(res.text, /<td>no<\/td>/i);
});

test('the history page escapes the values it shows', async () => {
  const hostile = '<img src=x onerror=alert(1)> & "quotes"';
  const rec = await create('organizations', org({ name: hostile }));
  const res = await srv.get(`/organizations/${rec.id}/history`);
  assert.equal(res.status, 200, show(res));
  assert.ok(!res.text.includes('<img src=x'), 'raw markup in the history page');
  assert.ok(res.text.includes('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;'), 'the name escaped');
});

test('"Restore this version" brings the old values back and is itself recorded', async () => {
  const id = subject.id;
  const [created, , webChange] = subjectHistory;
  const before = await history('organizations', id);

  // Back to the version just after the creation.
  const res = await srv.form(`/organizations/${id}/history/${created.id}/restore`, {});
  assert.equal(res.status, 303, show(res));
  assert.equal(res.headers.location, `/organizations/${id}?saved=1`);
  let now = (await srv.get(`/api/v1/organizations/${id}`)).json;
  assert.equal(now.name, 'Histoire A');
  assert.deepEqual(now.tags, ['un']);
  assert.deepEqual(now.names, []);
  assert.deepEqual(now.description, []);
  assert.equal(now.legal_form, undefined);
  assert.equal(now.ess, undefined);
  assert.equal(now.kind, 'cooperative');
  let h = await history('organizations', id);
  assert.equal(h.length, before.length + 1);
  assertEntry(h[h.length - 1], 'restore-version', 'web', {
    name: ['Histoire B', 'Histoire A'],
    tags: [['un', 'deux'], ['un']],
    names: [[{ value: 'HB', lang: 'fr', acronym: true }], null],
    description: [[{ value: 'Un texte.', lang: 'fr', acronym: false }], null],
    legal_form: ['SCOP', null],
    ess: ['false', null],
  }, 'restoring the first version');

  // Forward again, to the version after the change made in the form:
  // multilingual values keep their language and acronym flag.
  const again = await srv.form(`/organizations/${id}/history/${webChange.id}/restore`, {});
  assert.equal(again.status, 303, show(again));
  now = (await srv.get(`/api/v1/organizations/${id}`)).json;
  assert.equal(now.name, 'Histoire B');
  assert.equal(now.legal_form, 'SCOP');
  assert.deepEqual(now.tags, ['un', 'deux']);
  assert.deepEqual(now.names, [{ value: 'HB', lang: 'fr', acronym: true }]);
  assert.deepEqual(now.description.map((d) => [d.value, d.lang]), [['Un texte.', 'fr']]);
  h = await history('organizations', id);
  assert.equal(h.length, before.length + 2);
  assert.equal(h[h.length - 1].action, 'restore-version');
  assert.deepEqual(h[h.length - 1].changes.name, { old: 'Histoire A', new: 'Histoire B', erased: false });

  // The page names the action.
  const page = await srv.get(`/organizations/${id}/history?lang=en`);
  assert.match(page.text, /previous version restored/);
  // And the search index follows: the restored name is found.
  const found = await srv.get(`/api/v1/search?q=${encodeURIComponent('Histoire B')}`);
  assert.ok(found.json.items.some((i) => i.kind === 'organization' && i.id === id), show(found));
});

test('restoring a version whose values no longer hold is refused with 409 and changes nothing', async () => {
  const a = await create('organizations', org({ name: 'Employeur ancien' }));
  const b = await create('organizations', org({ name: 'Employeur nouveau' }));
  const p = await create('people', person({ family_name: 'Mobile' }));
  const pos = await create('positions', { person: p.id, organization: a.id, title: 'Chargée' });
  assert.equal((await srv.api('PATCH', `/api/v1/positions/${pos.id}`, { organization: b.id })).status, 200);
  assert.equal((await srv.api('DELETE', `/api/v1/organizations/${a.id}`)).status, 204);
  const h = await history('positions', pos.id);
  const res = await srv.form(`/positions/${pos.id}/history/${h[0].id}/restore`, {}, {});
  assert.equal(res.status, 409, show(res));
  const now = (await srv.get(`/api/v1/positions/${pos.id}`)).json;
  assert.equal(now.organization, b.id);
  assert.equal((await history('positions', pos.id)).length, h.length, 'a refused restore is not recorded');
});

test('restoring a version: CSRF, the entry must be of this record, readers may read but not restore', async () => {
  const id = subject.id;
  const entry = subjectHistory[0].id;
  const before = (await history('organizations', id)).length;

  const noCsrf = await srv.request('POST', `/organizations/${id}/history/${entry}/restore`, {
    body: '', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', 'x-csrf-token': 'forged' },
  });
  assert.equal(noCsrf.status, 403, show(noCsrf));
  const crossSite = await srv.form(`/organizations/${id}/history/${entry}/restore`, {}, { 'sec-fetch-site': 'cross-site' });
  assert.equal(crossSite.status, 403, show(crossSite));
  const anonymous = await srv.form(`/organizations/${id}/history/${entry}/restore`, {}, {}, { as: 'anonymous' });
  assert.equal(anonymous.status, 401, show(anonymous));

  const other = await create('organizations', org({ name: 'Une autre fiche' }));
  const foreign = await srv.form(`/organizations/${other.id}/history/${entry}/restore`, {});
  assert.equal(foreign.status, 404, `an entry of another record: ${show(foreign)}`);
  const unknown = await srv.form(`/organizations/${id}/history/99999999/restore`, {});
  assert.equal(unknown.status, 404, show(unknown));
  const notNumber = await srv.form(`/organizations/${id}/history/abc/restore`, {});
  assert.equal(notNumber.status, 404, show(notNumber));

  await addAccount(srv, { email: 'lectrice-historique@passerelle.invalid', role: 'reader', name: 'Lectrice', password: 'Lectrice-historique-2025!' });
  const reader = await signInAs(srv, 'lectrice-historique@passerelle.invalid', 'Lectrice-historique-2025!');
  const page = await reader.get(`/organizations/${id}/history?lang=en`);
  assert.equal(page.status, 200, show(page));
  assert.match(page.text, /Histoire A/);
  assert.ok(!/Restore this version/.test(page.text), 'a reader is offered to restore');
  const json = await reader.get(`/api/v1/organizations/${id}/history`, { accept: 'application/json' });
  assert.equal(json.status, 200, show(json));
  const refused = await reader.form(`/organizations/${id}/history/${entry}/restore`, {});
  assert.equal(refused.status, 403, show(refused));

  assert.equal((await history('organizations', id)).length, before, 'a refused restore is recorded');
});

test('passerelle audit verify: the history is intact, every entry counted', async () => {
  const r = await auditVerify(srv.dbPath);
  assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
  const m = /^The history is intact: (\d+) entries verified\.$/m.exec(r.stdout);
  assert.ok(m, r.stdout);
  const rows = Number((await sqlite(srv.dbPath, 'SELECT count(*) FROM history')).trim());
  assert.ok(rows > 20, `${rows} entries`);
  assert.equal(Number(m[1]), rows);
  // An unreadable database or bad usage is not "intact".
  const usage = await new Promise((resolve) => execFile(BIN, ['audit', 'check'], (err) => resolve(err ? err.code : 0)));
  assert.equal(usage, 2);
  const missing = await auditVerify(path.join(tmp, 'nothing-here.db'));
  assert.equal(missing.code, 1);
  assert.doesNotMatch(missing.stdout, /intact/);
});

/** Tamper with a copy of the database and check audit verify names entry `first`. */
async function assertBrokenAt(sql, first, why) {
  const copy = await copyOfDatabase(); // the live database verifies (the test above)
  await sqlite(copy, sql);
  const r = await auditVerify(copy);
  assert.equal(r.code, 1, `${why}: exit ${r.code}\n${r.stdout}${r.stderr}`);
  assert.doesNotMatch(r.stdout, /intact/, why);
  assert.match(r.stdout, new RegExp(`^The history is broken at entry ${first}: `, 'm'), `${why}: ${r.stdout}`);
  return r.stdout;
}

test('passerelle audit verify names the first broken entry after the database was tampered with', async () => {
  const [, update, web] = subjectHistory; // update: name "Histoire A" -> "Histoire B"
  let out = await assertBrokenAt(`UPDATE history SET changes = replace(changes, 'Histoire B', 'Histoire Z') WHERE id = ${update.id}`,
    update.id, 'a value replaced');
  assert.match(out, /value of "name" was changed/);
  await assertBrokenAt(`UPDATE history SET changes = replace(changes, 'SCOP', 'SARL') WHERE id = ${web.id};` +
    ` UPDATE history SET changes = replace(changes, 'Histoire B', 'Histoire Z') WHERE id = ${update.id}`,
  update.id, 'two entries changed: the first is named');
  out = await assertBrokenAt(`DELETE FROM history WHERE id = ${update.id}`, update.id, 'an entry deleted');
  assert.match(out, /missing/);
  await assertBrokenAt(`UPDATE history SET hash = '${'0'.repeat(64)}' WHERE id = ${update.id}`, update.id, 'a hash changed');
  await assertBrokenAt(`UPDATE history SET prev_hash = '${'f'.repeat(64)}' WHERE id = ${update.id}`, update.id, 'a previous hash changed');
  await assertBrokenAt(`UPDATE history SET actor = 'Quelqu''un d''autre' WHERE id = ${update.id}`, update.id, 'the actor changed');
  await assertBrokenAt(`UPDATE history SET at = '2020-01-01T00:00:00Z' WHERE id = ${update.id}`, update.id, 'the time changed');
  await assertBrokenAt(`UPDATE history SET address = '192.0.2.1' WHERE id = ${update.id}`, update.id, 'the address changed');
  await assertBrokenAt(`UPDATE history SET record_id = record_id + 1 WHERE id = ${update.id}`, update.id, 'the record changed');
  await assertBrokenAt(`UPDATE history SET action = 'create' WHERE id = ${update.id}`, update.id, 'the action changed');
  // The live database was not touched.
  assert.equal((await auditVerify(srv.dbPath)).code, 0);
});

test('passerelle audit verify notices a value rewritten under an "erased" mark', async () => {
  const [, update] = subjectHistory;
  const out = await assertBrokenAt(`UPDATE history SET changes = json_set(changes, '$.name.erased', json('true'), '$.name.new', 'Histoire Z') WHERE id = ${update.id}`,
    update.id, 'a value rewritten and marked erased');
  assert.match(out, /marked erased but holds a value/);
});

test('a creation records no empty sides, and audit verify still notices a value slipped into one or a value removed', async () => {
  const [create] = subjectHistory;
  const kept = JSON.parse((await sqlite(srv.dbPath, `SELECT changes FROM history WHERE id = ${create.id}`)).trim());
  assert.deepEqual(Object.keys(kept.name).sort(), ['new', 'new_h'], 'the empty "before" of a creation is left out, value and hash');
  let out = await assertBrokenAt(`UPDATE history SET changes = json_set(changes, '$.name.old', '"Inventé"') WHERE id = ${create.id}`,
    create.id, 'a value slipped into an empty side');
  assert.match(out, /old value of "name" was changed/);
  out = await assertBrokenAt(`UPDATE history SET changes = json_remove(changes, '$.name.new', '$.name.new_h') WHERE id = ${create.id}`,
    create.id, 'a value and its hash removed');
  assert.match(out, /its hash differs/);
});

test('the address recorded behind a proxy is the one the proxy saw, not one the client wrote', async () => {
  // What nginx ($proxy_add_x_forwarded_for) sends for a client at 203.0.113.7 that sent "X-Forwarded-For: 198.51.100.1".
  const rec = await create('organizations', org({ name: 'Derrière le proxy' }));
  const res = await srv.api('PATCH', `/api/v1/organizations/${rec.id}`, { legal_form: 'SA' }, { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' });
  assert.equal(res.status, 200, show(res));
  const h = await history('organizations', rec.id);
  assert.equal(h[h.length - 1].address, '203.0.113.7');
});

test('passerelle audit verify notices that the newest entries were removed', async () => {
  const rec = await create('organizations', org({ name: 'Dernière entrée' }));
  assert.equal((await srv.api('PATCH', `/api/v1/organizations/${rec.id}`, { name: 'Dernière entrée, changée' })).status, 200);
  const h = await history('organizations', rec.id);
  await assertBrokenAt('DELETE FROM history WHERE id = (SELECT max(id) FROM history)', h[h.length - 1].id, 'the newest entry removed');
});
