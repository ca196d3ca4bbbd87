// t-gdpr.test.mjs - personal data: the register (/privacy), everything
// held about a person (/people/:id/data and data.json), erasure everywhere
// (the record, pages, search, the history, the export) with positions kept
// and the history chain still intact, who may do it, and the retention
// review (/people/retention, PASSERELLE_RETENTION_YEARS).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { startServer, show, org, person, unescapeHtml, BIN, sqlite, addAccount, signInAs } from './harness.mjs';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

let srv;
before(async () => { srv = await startServer({ env: { PASSERELLE_RETENTION_YEARS: '1' } }); });
after(async () => { await srv?.stop(); });

function auditVerify(db) {
  return new Promise((resolve) => {
    // PASSERELLE_ARGON2_FAST: the command need not compute a real password hash at start.
    const env = { ...process.env, PASSERELLE_ARGON2_FAST: '1' };
    execFile(BIN, ['audit', 'verify', '--db', db], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? err.code : 0, stdout, stderr });
    });
  });
}

async function create(plural, body) {
  const res = await srv.api('POST', `/api/v1/${plural}`, body);
  assert.equal(res.status, 201, show(res));
  return res.json;
}

/** The text of a page without its tags (entities decoded). */
function pageText(html) {
  return unescapeHtml(html.replace(/<[^>]+>/g, ' '));
}

/** The <main> of a page. */
function mainOf(html) {
  const start = html.indexOf('<main');
  return start < 0 ? html : html.slice(start, html.indexOf('</main>', start));
}

/** An ISO 8601 time `years` years ago. */
function yearsAgo(years) {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}

test('/privacy lists the personal data held about people and accounts, to anyone', async () => {
  const res = await srv.get('/privacy?lang=en', { as: 'anonymous' });
  assert.equal(res.status, 200, show(res));
  const main = mainOf(res.text);
  const sections = Object.fromEntries([...main.matchAll(/<section[^>]*><h2>([^<]*)<\/h2>([\s\S]*?)<\/section>/g)]
    .map((m) => [unescapeHtml(m[1]), m[2]]));
  const items = (s) => [...(s || '').matchAll(/<li>([^<]*)<\/li>/g)].map((m) => unescapeHtml(m[1]));
  assert.deepEqual(items(sections.People), ['Given name', 'Family name', 'Languages spoken', 'Emails', 'Phones', 'Notes']);
  assert.deepEqual(items(sections.Accounts), ['Email', 'Name']);
  assert.equal(sections.Organisations, undefined, 'organisations hold no personal data');
  assert.match(pageText(sections.People), /Legal basis/);
  assert.match(pageText(sections.People), /Retention/);
  assert.ok(sections['Your rights'], Object.keys(sections).join(', '));
  assert.match(pageText(sections['Your rights']), /Review period: 1 years? without any change/);
  // In French by default; every page links to it.
  const fr = await srv.get('/privacy', { as: 'anonymous' });
  assert.match(fr.text, /<html lang="fr"/);
  const home = await srv.get('/organizations');
  assert.match(home.text, /href="\/privacy"/);
});

// Someone with every personal field filled, two positions, one change.
let subject;
let positions;
let orgs;
const NOTES = 'Rencontrée au festival Zanzibarine de Marigot.';
async function makeSubject() {
  orgs = [await create('organizations', org({ name: 'Maison Zéphyr' })), await create('organizations', org({ name: 'Coopérative Ylang' }))];
  subject = await create('people', person({
    given_name: 'Berthe',
    family_name: 'Quenouillard',
    emails: ['berthe.quenouillard@example.org', 'bq@example.net'],
    phones: ['+590 590 12 34 56'],
    languages: ['fr', 'pap'],
    notes: NOTES,
  }));
  positions = [
    await create('positions', { person: subject.id, organization: orgs[0].id, title: 'Présidente' }),
    await create('positions', { person: subject.id, organization: orgs[1].id, title: 'Trésorière', start_date: '2023-02-01' }),
  ];
  const patched = await srv.api('PATCH', `/api/v1/people/${subject.id}`, { given_name: 'Berthe-Marie', phones: ['+590 590 65 43 21'] });
  assert.equal(patched.status, 200, show(patched));
  subject = patched.json;
}

test('as administrator, /people/:id/data.json holds the person, their positions with the organisations, and the history', async () => {
  await makeSubject();
  const res = await srv.get(`/people/${subject.id}/data.json`);
  assert.equal(res.status, 200, show(res));
  assert.match(res.headers['content-type'], /^application\/json/);
  assert.equal(res.headers['content-disposition'], `attachment; filename="person-${subject.id}.json"`);
  const data = res.json;
  const current = (await srv.get(`/api/v1/people/${subject.id}`)).json;
  assert.deepEqual(data.person, current);
  assert.equal(data.person.family_name, 'Quenouillard');
  assert.deepEqual(data.person.emails, ['berthe.quenouillard@example.org', 'bq@example.net']);
  assert.equal(data.person.notes, NOTES);
  assert.deepEqual(data.positions.map((p) => [p.id, p.organization, p.organization_name, p.title]).sort((a, b) => a[0] - b[0]), [
    [positions[0].id, orgs[0].id, 'Maison Zéphyr', 'Présidente'],
    [positions[1].id, orgs[1].id, 'Coopérative Ylang', 'Trésorière'],
  ]);
  // The history of the person and of each position.
  const personEntries = data.history.filter((e) => e.kind === 'person' && e.record_id === subject.id);
  assert.deepEqual(personEntries.map((e) => e.action).sort(), ['create', 'update']);
  for (const e of personEntries) {
    assert.equal(e.actor, 'Tests HTTP');
    assert.match(e.at, ISO);
  }
  const update = personEntries.find((e) => e.action === 'update');
  assert.deepEqual(Object.keys(update.changes).sort(), ['given_name', 'phones']);
  assert.match(JSON.stringify(update.changes.given_name), /Berthe-Marie/);
  for (const p of positions)
    assert.ok(data.history.some((e) => e.kind === 'position' && e.record_id === p.id && e.action === 'create'), `position ${p.id} history`);
  assert.match(data.exported_at, ISO);
});

test('the export gives the history values as JSON values, as the history API does', async () => {
  const data = (await srv.get(`/people/${subject.id}/data.json`)).json;
  const update = data.history.find((e) => e.kind === 'person' && e.action === 'update');
  assert.deepEqual(update.changes.given_name, { old: 'Berthe', new: 'Berthe-Marie', erased: false });
  assert.deepEqual(update.changes.phones, { old: ['+590 590 12 34 56'], new: ['+590 590 65 43 21'], erased: false });
});

test('the /people/:id/data page shows the same, with a link to the JSON', async () => {
  const res = await srv.get(`/people/${subject.id}/data?lang=en`);
  assert.equal(res.status, 200, show(res));
  assert.match(res.headers['content-type'], /^text\/html/);
  const main = mainOf(res.text);
  assert.match(pageText(main), /Everything about this person: Berthe-Marie Quenouillard/);
  assert.match(main, new RegExp(`href="/people/${subject.id}/data.json"`));
  const text = pageText(main);
  for (const s of ['berthe.quenouillard@example.org', '+590 590 65 43 21', NOTES, 'Maison Zéphyr', 'Coopérative Ylang', 'Présidente', 'Trésorière'])
    assert.ok(text.includes(s), `the data page shows ${s}`);
  assert.ok(!main.includes('<script'), 'no script in the data page');
});

test('an editor may not see the data pages, the retention review, nor erase (403); anonymous visitors must sign in', async () => {
  await addAccount(srv, { email: 'editrice-rgpd@passerelle.invalid', role: 'editor', name: 'Éditrice', password: 'Editrice-rgpd-2025!' });
  const editor = await signInAs(srv, 'editrice-rgpd@passerelle.invalid', 'Editrice-rgpd-2025!');
  // The editor may read and change the person...
  const page = await editor.get(`/people/${subject.id}`);
  assert.equal(page.status, 200, show(page));
  // ...but not the personal-data tools.
  for (const p of [`/people/${subject.id}/data`, `/people/${subject.id}/data.json`, `/people/${subject.id}/erase`, '/people/retention']) {
    const res = await editor.get(p);
    assert.equal(res.status, 403, `${p}: ${show(res)}`);
  }
  const erase = await editor.form(`/people/${subject.id}/erase`, {});
  assert.equal(erase.status, 403, show(erase));
  const anonymous = await srv.get(`/people/${subject.id}/data`, { as: 'anonymous' });
  assert.equal(anonymous.status, 303, show(anonymous));
  assert.match(anonymous.headers.location, /^\/login\?back=/);
  const anonymousErase = await srv.form(`/people/${subject.id}/erase`, {}, {}, { as: 'anonymous' });
  assert.equal(anonymousErase.status, 401, show(anonymousErase));
  // Nothing was erased.
  const still = (await srv.get(`/api/v1/people/${subject.id}`)).json;
  assert.equal(still.family_name, 'Quenouillard');
});

test('erasure: a confirmation page, then POST with the CSRF token; a post without it erases nothing', async () => {
  const confirm = await srv.get(`/people/${subject.id}/erase?lang=en`);
  assert.equal(confirm.status, 200, show(confirm));
  const main = mainOf(confirm.text);
  assert.match(pageText(main), /Erase personal data: Berthe-Marie Quenouillard/);
  assert.match(pageText(main), /cannot be undone/);
  const form = new RegExp(`<form method="post"[^>]*action="/people/${subject.id}/erase"[^>]*>[\\s\\S]*?name="csrf"`).exec(main);
  assert.ok(form, main);
  // Without the token, nothing happens.
  const forged = await srv.request('POST', `/people/${subject.id}/erase`, {
    body: '', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', 'x-csrf-token': 'forged' },
  });
  assert.equal(forged.status, 403, show(forged));
  const crossSite = await srv.form(`/people/${subject.id}/erase`, {}, { 'sec-fetch-site': 'cross-site' });
  assert.equal(crossSite.status, 403, show(crossSite));
  assert.equal((await srv.get(`/api/v1/people/${subject.id}`)).json.family_name, 'Quenouillard');
  // Before: the person is found by name, email and notes.
  for (const q of ['Quenouillard', 'berthe.quenouillard@example.org', 'Zanzibarine']) {
    const found = await srv.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
    assert.ok(found.json.items.some((i) => i.kind === 'person' && i.id === subject.id), `before erasure, ${q}: ${show(found)}`);
  }
  const res = await srv.form(`/people/${subject.id}/erase`, {});
  assert.equal(res.status, 303, show(res));
  assert.equal(res.headers.location, `/people/${subject.id}?saved=1`);
});

const ERASED = ['Quenouillard', 'Berthe', 'berthe.quenouillard@example.org', 'bq@example.net', '590 12 34 56', '590 65 43 21', 'Zanzibarine'];
function assertNoneOf(text, where) {
  for (const s of ERASED) assert.ok(!text.includes(s), `${where} still holds "${s}"`);
}

test('after erasure the record keeps no name, email, phone, language or note; its positions remain', async () => {
  const res = await srv.get(`/api/v1/people/${subject.id}`);
  assert.equal(res.status, 200, show(res));
  const p = res.json;
  assertNoneOf(JSON.stringify(p), 'the API record');
  assert.equal(p.given_name, undefined);
  assert.equal(p.notes, undefined);
  assert.deepEqual(p.emails, []);
  assert.deepEqual(p.phones, []);
  assert.deepEqual(p.languages, []);
  assert.equal(typeof p.family_name, 'string'); // a placeholder, the field being required
  // What is not personal stays.
  assert.equal(p.legal_basis, 'legitimate_interest');
  assert.equal(p.visibility, 'internal');
  for (const pos of positions) {
    const now = await srv.get(`/api/v1/positions/${pos.id}`);
    assert.equal(now.status, 200, show(now));
    assert.equal(now.json.person, subject.id);
    assert.equal(now.json.title, pos.title);
    assert.equal(now.json.organization, pos.organization);
  }
});

test('after erasure the pages, the lists and the search no longer show the person', async () => {
  for (const p of [`/people/${subject.id}`, `/people/${subject.id}/edit`, `/people/${subject.id}/history`, `/organizations/${orgs[0].id}`,
    `/organizations/${orgs[1].id}`, `/positions/${positions[0].id}`, '/people', '/positions']) {
    const res = await srv.get(p);
    assert.equal(res.status, 200, `${p}: ${show(res)}`);
    assertNoneOf(res.text, p);
  }
  // The search page finds nobody by the old name (the query itself is shown back).
  for (const q of ['Quenouillard', 'Zanzibarine']) {
    const searchPage = await srv.get(`/search?q=${q}`);
    assert.equal(searchPage.status, 200, show(searchPage));
    assert.doesNotMatch(searchPage.text, new RegExp(`href="/people/${subject.id}"`), `the search page for ${q}`);
  }
  // The organisation still lists the position.
  assert.match((await srv.get(`/organizations/${orgs[0].id}`)).text, /Présidente/);
  for (const q of ['Quenouillard', 'Berthe', 'berthe.quenouillard', 'Zanzibarine', 'bq@example.net']) {
    const found = await srv.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
    assert.equal(found.status, 200, show(found));
    assert.deepEqual(found.json.items.filter((i) => i.kind === 'person'), [], `search ${q} still finds people`);
  }
  const people = await srv.get('/api/v1/people?limit=200');
  assertNoneOf(people.text, 'the people list (API)');
});

test('after erasure the history holds no old value (null, erased) and records the erasure without the data', async () => {
  const res = await srv.get(`/api/v1/people/${subject.id}/history`);
  assert.equal(res.status, 200, show(res));
  assertNoneOf(res.text, 'the history API');
  const entries = [...res.json.items].reverse();
  assert.deepEqual(entries.map((e) => e.action), ['create', 'update', 'erase']);
  for (const e of entries.slice(0, 2)) {
    assert.ok(Object.keys(e.changes).length > 0, JSON.stringify(e));
    for (const [field, c] of Object.entries(e.changes))
      assert.deepEqual(c, { old: null, new: null, erased: true }, `${e.action} ${field}`);
  }
  const erase = entries[2];
  assert.deepEqual(erase.changes, {});
  assert.equal(erase.actor, 'Tests HTTP');
  assert.equal(erase.origin, 'web');
  assert.match(erase.at, ISO);
  // In the database itself, no history entry holds the data any more.
  const rows = await sqlite(srv.dbPath, `SELECT id, changes FROM history WHERE kind = 'person' AND record_id = ${subject.id} ORDER BY id`);
  assertNoneOf(rows, 'the history table');
  assert.match(rows, /\|\{\}\s*$/, `the erase entry has no changes: ${rows}`);
  const anywhere = await sqlite(srv.dbPath, "SELECT count(*) FROM history WHERE changes LIKE '%Quenouillard%' OR changes LIKE '%Zanzibarine%'");
  assert.equal(anywhere.trim(), '0');
  // The page says so.
  const page = await srv.get(`/people/${subject.id}/history?lang=en`);
  assert.match(page.text, /personal data erased/);
  assert.match(page.text, /\(erased\)/);
});

test('after erasure the data export holds no personal data, and keeps the positions', async () => {
  for (const p of [`/people/${subject.id}/data.json`, `/people/${subject.id}/data`]) {
    const res = await srv.get(p);
    assert.equal(res.status, 200, `${p}: ${show(res)}`);
    assertNoneOf(res.text, p);
  }
  const data = (await srv.get(`/people/${subject.id}/data.json`)).json;
  assert.deepEqual(data.positions.map((p) => p.organization_name).sort(), ['Coopérative Ylang', 'Maison Zéphyr']);
  assert.ok(data.history.some((e) => e.kind === 'person' && e.action === 'erase'));
});

test('after erasure `passerelle audit verify` still says the history is intact', async () => {
  const r = await auditVerify(srv.dbPath);
  assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
  assert.match(r.stdout, /^The history is intact: \d+ entries verified\.$/m);
});

// The FTS5 segments keep a deleted term until they are merged: the erasure
// merges them, and SQLite overwrites freed pages (secure_delete).
test('after erasure the database file itself no longer holds the erased values', async () => {
  // A checkpoint first, so that everything is in the main file.
  await sqlite(srv.dbPath, 'PRAGMA wal_checkpoint(TRUNCATE)');
  const bytes = (await readFile(srv.dbPath)).toString('latin1').toLowerCase();
  for (const s of ['quenouillard', 'zanzibarine', 'berthe.quenouillard@example.org'])
    assert.ok(!bytes.includes(s), `the database file still contains "${s}"`);
});

test('retention review: people untouched for PASSERELLE_RETENTION_YEARS, positions included, are listed; others are not', async () => {
  const o = await create('organizations', org({ name: 'Réseau des anciens' }));
  const stale = await create('people', person({ given_name: 'Octave', family_name: 'Ancienvisage' }));
  const staleRecentPosition = await create('people', person({ given_name: 'Paula', family_name: 'Toujoursla' }));
  const recent = await create('people', person({ given_name: 'Rita', family_name: 'Recentine' }));
  const p1 = await create('positions', { person: stale.id, organization: o.id, title: 'Ancien président' });
  await create('positions', { person: staleRecentPosition.id, organization: o.id, title: 'Secrétaire' });
  const twoYears = yearsAgo(2);
  await sqlite(srv.dbPath, `UPDATE person SET updated_at = '${twoYears}', created_at = '${twoYears}' WHERE id IN (${stale.id}, ${staleRecentPosition.id});` +
    ` UPDATE position SET updated_at = '${twoYears}', created_at = '${twoYears}' WHERE id = ${p1.id}`);

  const res = await srv.get('/people/retention?lang=en');
  assert.equal(res.status, 200, show(res));
  const main = mainOf(res.text);
  assert.match(pageText(main), /for 1 years?/);
  const listed = (id) => new RegExp(`href="/people/${id}"`).test(main);
  assert.ok(listed(stale.id), `a person untouched for 2 years is listed:\n${main}`);
  assert.match(main, new RegExp(twoYears.slice(0, 10)));
  assert.ok(!listed(recent.id), 'a recently changed person is not listed');
  assert.ok(!listed(staleRecentPosition.id), 'a person with a recently changed position is not listed');

  // Once the record is changed (the contact confirmed), it leaves the review.
  const touched = await srv.api('PATCH', `/api/v1/people/${stale.id}`, { notes: 'Contact confirmé.' });
  assert.equal(touched.status, 200, show(touched));
  assert.ok(!new RegExp(`href="/people/${stale.id}"`).test(mainOf((await srv.get('/people/retention')).text)), 'a changed person left the review');
});

test('retention review: an erased person leaves the review', async () => {
  const gone = await create('people', person({ given_name: 'Zoé', family_name: 'Effaçable' }));
  await sqlite(srv.dbPath, `UPDATE person SET updated_at = '${yearsAgo(2)}' WHERE id = ${gone.id}`);
  assert.match(mainOf((await srv.get('/people/retention')).text), new RegExp(`href="/people/${gone.id}"`));
  const res = await srv.form(`/people/${gone.id}/erase`, {});
  assert.equal(res.status, 303, show(res));
  assert.doesNotMatch(mainOf((await srv.get('/people/retention')).text), new RegExp(`href="/people/${gone.id}"`));
});
