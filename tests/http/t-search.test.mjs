// t-search.test.mjs - search (accents, ligatures, acronyms in every
// language, prefixes), list filters and keyset pagination, over the demo
// network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, show, listAll, runCli, sqlite } from './harness.mjs';

let srv;
let orgs; // every organisation of the demo network
before(async () => {
  srv = await startServer({ demo: true });
  orgs = await listAll(srv, '/api/v1/organizations');
});
after(async () => { await srv?.stop(); });

const q = (s) => encodeURIComponent(s);
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/gi, 'oe').replace(/æ/gi, 'ae').toLowerCase();

async function search(text, limit = 10) {
  const res = await srv.get(`/api/v1/search?q=${q(text)}&limit=${limit}`);
  assert.equal(res.status, 200, `search ${JSON.stringify(text)}: ${show(res)}`);
  assert.ok(Array.isArray(res.json.items), show(res));
  return res.json.items;
}

const acronyms = (o) => (o.names || []).filter((n) => n.acronym).map((n) => n.value);

test('the demo network is loaded', () => {
  assert.ok(orgs.length >= 200, `only ${orgs.length} organisations`);
});

test('OECO, OECS and the full French name find the same organisation first', async () => {
  const oecs = orgs.filter((o) => acronyms(o).includes('OECS'));
  assert.equal(oecs.length, 1, `organisations with the acronym OECS: ${oecs.map((o) => o.name)}`);
  const id = oecs[0].id;
  assert.equal(oecs[0].name, 'Organisation des États de la Caraïbe orientale');
  for (const text of ['oeco', 'OECS', 'OECO', 'oecs', 'Organisation des États de la Caraïbe orientale',
    'organisation des etats de la caraibe orientale', 'Organisation of Eastern Caribbean States']) {
    const items = await search(text);
    assert.ok(items.length > 0, `${text}: no hit`);
    assert.equal(items[0].kind, 'organization', text);
    assert.equal(items[0].id, id, `${text}: first hit is ${items[0].title}`);
    assert.equal(items[0].url, `/organizations/${id}`);
  }
  // The HTML search page lists it first too.
  const page = await srv.get('/search?q=OECS');
  assert.equal(page.status, 200);
  const firstLink = /<ol class="hits"><li><a href="([^"]+)"/.exec(page.text);
  assert.equal(firstLink?.[1], `/organizations/${id}`, 'first hit of the search page');
});

test('CEPALC, ECLAC and CEPAL find the same record first', async () => {
  const eclac = orgs.filter((o) => ['CEPALC', 'ECLAC', 'CEPAL'].some((a) => acronyms(o).includes(a)));
  assert.equal(eclac.length, 1, `organisations with an ECLAC acronym: ${eclac.map((o) => o.name)}`);
  const commission = eclac[0];
  assert.deepEqual(acronyms(commission).sort(), ['CEPAL', 'CEPALC', 'ECLAC']);
  const firsts = new Set();
  for (const text of ['cepalc', 'eclac', 'cepal', 'CEPALC', 'ECLAC']) {
    const items = await search(text);
    assert.ok(items.length > 0, `${text}: no hit`);
    firsts.add(items[0].id);
    assert.ok(items.some((h) => h.kind === 'organization' && h.id === commission.id), `${text}: the Commission is not found`);
  }
  assert.equal(firsts.size, 1, `different first records: ${[...firsts]}`);
});

test('an organisation whose declared acronym is the query ranks first', async () => {
  const commission = orgs.find((o) => acronyms(o).includes('ECLAC'));
  for (const text of ['cepalc', 'eclac', 'cepal']) {
    const items = await search(text);
    assert.equal(items[0]?.id, commission.id, `${text}: first hit is ${items[0]?.title}`);
  }
});

test('search ignores accents, case and ligatures', async () => {
  const societe = await search('societe');
  assert.ok(societe.length > 0);
  assert.ok(societe[0].title.startsWith('Société'), `first hit for "societe": ${societe[0].title}`);
  assert.deepEqual((await search('SOCIÉTÉ')).map((h) => h.id), societe.map((h) => h.id));
  const oeuvre = await search('oeuvre');
  assert.ok(oeuvre.length > 0);
  assert.ok(oeuvre[0].title.startsWith('Œuvre'), `first hit for "oeuvre": ${oeuvre[0].title}`);
  assert.deepEqual((await search('Œuvre')).map((h) => h.id), oeuvre.map((h) => h.id), 'Œuvre and oeuvre differ');
  assert.deepEqual((await search('ŒUVRE')).map((h) => h.id), oeuvre.map((h) => h.id), 'ŒUVRE and oeuvre differ');
  // The organisation list's own search agrees.
  const list = await srv.get(`/api/v1/organizations?q=${q('oeuvre')}`);
  assert.equal(list.status, 200);
  assert.ok(list.json.items[0].name.startsWith('Œuvre'), list.json.items[0].name);
});

test('a prefix finds the words it begins', async () => {
  const items = await search('carib', 30);
  assert.ok(items.length >= 3, `only ${items.length} hits for "carib"`);
  const titles = items.map((h) => fold(h.title));
  assert.ok(titles.some((t) => /\bcarib\w*/.test(t)), `no title with a word beginning "carib": ${titles}`);
  const exact = await search('caribeenne', 30);
  for (const h of exact) assert.ok(items.some((i) => i.id === h.id && i.kind === h.kind), `"caribeenne" hit ${h.title} missing from "carib"`);
  // Several words: every one must match, the last as a prefix.
  const two = await search('caraibe orient');
  assert.equal(two[0]?.title, 'Organisation des États de la Caraïbe orientale');
});

test('search finds people and their current position', async () => {
  const people = await listAll(srv, '/api/v1/people');
  assert.ok(people.length >= 300, `only ${people.length} people`);
  const someone = people.find((p) => p.given_name && p.family_name && p.family_name.length > 4);
  const items = await search(`${someone.given_name} ${someone.family_name}`);
  const hit = items.find((h) => h.kind === 'person' && h.id === someone.id);
  assert.ok(hit, `${someone.given_name} ${someone.family_name} not found`);
  assert.equal(hit.url, `/people/${someone.id}`);
});

test('a query of only punctuation finds nothing', async () => {
  for (const text of ['!!!', '...', '—', '-', '"', '?', '()', '   ', '*']) {
    assert.deepEqual(await search(text), [], JSON.stringify(text));
    const list = await srv.get(`/api/v1/organizations?q=${q(text)}`);
    assert.equal(list.status, 200, show(list));
    assert.deepEqual(list.json.items, [], `list ?q=${text}`);
    assert.equal(list.json.next, null);
  }
  const page = await srv.get(`/search?q=${q('!!!')}`);
  assert.equal(page.status, 200);
});

test('hostile search text is answered, never an error', async () => {
  const hostile = ['"', "'", 'NEAR(', 'NEAR(a b)', '*', 'OR', 'AND', 'NOT', 'a OR b', 'oeco OR', '"oeco', 'oeco"', 'names:oeco',
    'body:*', '^oeco', 'oeco*', '{names}: x', "'; DROP TABLE organization; --", '%', '\\', 'a\tb', 'x'.repeat(3000),
    Array.from({ length: 200 }, (_, i) => `w${i}`).join(' '), '𝕆𝔼ℂ𝕊', 'ǅ', 'İstanbul', 'ß', '\u200b', 'e\u0301'];
  for (const text of hostile) {
    for (const path of [`/api/v1/search?q=${q(text)}`, `/api/v1/organizations?q=${q(text)}`, `/api/v1/people?q=${q(text)}`,
      `/search?q=${q(text)}`, `/organizations?q=${q(text)}`]) {
      const res = await srv.get(path);
      assert.equal(res.status, 200, `${path}: ${show(res)}`);
    }
  }
  // "OR" is a word, not an operator: it matches what contains "or..."
  // (the OECS, "Organisation des États de la Caraïbe orientale", and the
  // desk's records that name it), each a record with its page.
  const or = await search('oeco OR');
  assert.ok(or.some((h) => h.kind === 'organization' && h.title === 'Organisation des États de la Caraïbe orientale'), JSON.stringify(or));
  assert.ok(or.every((h) => Number.isInteger(h.id) && new RegExp(`^/[a-z-]+/${h.id}$`).test(h.url)), JSON.stringify(or));
  assert.equal((await srv.get('/healthz')).status, 200);
});

/** Walk a filtered list and check every item against `pred`; compare with the full list. */
async function checkFilter(query, pred, { min = 1 } = {}) {
  const items = await listAll(srv, `/api/v1/organizations?${query}`);
  assert.ok(items.length >= min, `${query}: only ${items.length} items`);
  for (const o of items) assert.ok(pred(o), `${query}: ${o.name} does not satisfy the filter (${JSON.stringify(o).slice(0, 300)})`);
  const expected = orgs.filter(pred).map((o) => o.id).sort((a, b) => a - b);
  assert.deepEqual(items.map((o) => o.id).sort((a, b) => a - b), expected, `${query}: not exactly the matching records`);
  return items;
}

/** The value of a multi-valued field that most organisations carry (optionally only non-ASCII ones). */
function commonest(field, filter = () => true) {
  const n = new Map();
  for (const o of orgs) for (const v of o[field] || []) if (filter(v)) n.set(v, (n.get(v) || 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

test('filters narrow the organisation list to exactly the matching records', async () => {
  const sector = commonest('sectors'), tag = commonest('tags'), accented = commonest('tags', (t) => /[^\x00-\x7f]/.test(t) && /\s/.test(t)) ?? commonest('tags', (t) => /[^\x00-\x7f]/.test(t));
  const territory = orgs.map((o) => o.territory).find((t) => t && !t.startsWith('FR') && t !== 'MF' && t !== 'SX');
  assert.ok(sector && tag && accented && territory, 'the demo has sectors, tags and territories');
  await checkFilter('kind=association', (o) => o.kind === 'association');
  await checkFilter('kind=regional_org', (o) => o.kind === 'regional_org');
  await checkFilter('ess=true', (o) => o.ess === true);
  await checkFilter('ess=false', (o) => o.ess === false);
  await checkFilter(`territory=${territory}`, (o) => o.territory === territory);
  await checkFilter('sdgs=14', (o) => o.sdgs.includes('14'));
  await checkFilter(`sectors=${sector}`, (o) => o.sectors.includes(sector));
  await checkFilter(`tags=${q(tag)}`, (o) => o.tags.includes(tag));
  await checkFilter(`tags=${q(accented)}`, (o) => o.tags.includes(accented));
  await checkFilter('kind=cooperative&ess=true&territory=FR', (o) => o.kind === 'cooperative' && o.ess === true && /^FR(-|$)/.test(o.territory || ''));
  await checkFilter('sdgs=8&sdgs=17', (o) => o.sdgs.includes('8') && o.sdgs.includes('17'));
  // A filter with a search.
  const items = await listAll(srv, `/api/v1/organizations?q=cooperative&ess=true`);
  assert.ok(items.length > 0);
  for (const o of items) assert.equal(o.ess, true, o.name);
});

test('a territory filter accepts a name and includes its regions: FR includes FR-NAQ', async () => {
  const fr = await checkFilter('territory=FR', (o) => o.territory === 'FR' || /^FR-/.test(o.territory || ''));
  assert.ok(fr.some((o) => o.territory === 'FR-NAQ'), 'territory=FR does not include FR-NAQ records');
  assert.ok(fr.some((o) => o.territory === 'FR'), 'territory=FR does not include FR records');
  const naq = await checkFilter('territory=FR-NAQ', (o) => o.territory === 'FR-NAQ');
  assert.ok(naq.length < fr.length);
  const byName = await listAll(srv, `/api/v1/organizations?territory=${q('Nouvelle-Aquitaine')}`);
  assert.deepEqual(byName.map((o) => o.id), naq.map((o) => o.id), 'territory by name');
  const unknown = await srv.get('/api/v1/organizations?territory=Atlantis');
  assert.equal(unknown.status, 400, show(unknown));
  assert.equal(unknown.json.errors[0].field, 'territory');
});

test('MF and SX are distinct territories', async () => {
  const mf = await checkFilter('territory=MF', (o) => o.territory === 'MF');
  const sx = await checkFilter('territory=SX', (o) => o.territory === 'SX');
  assert.ok(!mf.some((o) => sx.some((s) => s.id === o.id)));
  const tMF = await srv.get('/api/v1/territories/MF');
  const tSX = await srv.get('/api/v1/territories/SX');
  assert.equal(tMF.status, 200);
  assert.equal(tSX.status, 200);
  assert.notEqual(tMF.json.name.fr, tSX.json.name.fr);
  assert.notEqual(tMF.json.name.en, tSX.json.name.en);
});

test('territories?q=saint martin finds both halves of the island, MF and SX', async () => {
  const res = await srv.get(`/api/v1/territories?q=${q('saint martin')}`);
  assert.equal(res.status, 200, show(res));
  const codes = res.json.items.map((t) => t.code);
  assert.ok(codes.includes('MF'), `MF missing: ${codes}`);
  assert.ok(codes.includes('SX'), `SX missing: ${codes}`);
  const mf = res.json.items.find((t) => t.code === 'MF'), sx = res.json.items.find((t) => t.code === 'SX');
  assert.notEqual(mf.name.fr, sx.name.fr);
});

test('reference lists answer and search', async () => {
  const mf = await srv.get(`/api/v1/territories?q=${q('Saint-Martin')}`);
  assert.equal(mf.status, 200);
  assert.ok(mf.json.items.some((t) => t.code === 'MF'));
  const sdg = await srv.get('/api/v1/sdgs/14');
  assert.equal(sdg.status, 200, show(sdg));
  assert.equal(sdg.json.code, '14');
  const sdgs = await srv.get('/api/v1/sdgs');
  assert.equal(sdgs.json.items.length, 17);
  const sector = await srv.get('/api/v1/sectors/31194');
  assert.equal(sector.status, 200, show(sector));
  assert.equal((await srv.get('/api/v1/territories/ZZ')).status, 404);
});

async function walk(path, limit) {
  const seen = [];
  let after = null;
  for (let page = 0; page < 500; page++) {
    const res = await srv.get(`${path}&limit=${limit}${after ? `&after=${q(after)}` : ''}`);
    assert.equal(res.status, 200, show(res));
    assert.ok(res.json.items.length <= limit);
    if (res.json.next) assert.equal(res.json.items.length, limit, 'a page before the last is full');
    seen.push(...res.json.items.map((i) => `${i.kind || 'organization'}:${i.id}`));
    after = res.json.next;
    if (!after) return seen;
  }
  assert.fail('too many pages');
}

test('pagination with limit=7 returns every record once, in the order of one big page', async () => {
  for (const path of ['/api/v1/organizations?ess=true', '/api/v1/organizations?territory=FR',
    '/api/v1/organizations?q=cooperative', '/api/v1/organizations?q=association&ess=true', '/api/v1/search?q=cooperative',
    '/api/v1/search?q=carib', '/api/v1/people?languages=en']) {
    const big = await walk(path, 200);
    assert.ok(big.length > 7, `${path}: only ${big.length} records`);
    const small = await walk(path, 7);
    assert.equal(new Set(small).size, small.length, `${path}: a record came twice`);
    assert.deepEqual(small, big, `${path}: pages of 7 differ from one big page`);
  }
  // The whole list too.
  const whole = await listAll(srv, '/api/v1/organizations', 7);
  assert.deepEqual(whole.map((o) => o.id), orgs.map((o) => o.id));
});

test('the HTML list pages through with its "next" link', async () => {
  const seen = [];
  let path = '/organizations?ess=true&limit=25';
  for (let i = 0; i < 50 && path; i++) {
    const res = await srv.get(path);
    assert.equal(res.status, 200, show(res));
    for (const m of res.text.matchAll(/<tr><th scope="row"><a href="\/organizations\/(\d+)"/g)) seen.push(Number(m[1]));
    const next = /<a rel="next" href="([^"]+)"/.exec(res.text);
    path = next ? next[1].replace(/&amp;/g, '&') : null;
  }
  const expected = orgs.filter((o) => o.ess === true).map((o) => o.id);
  assert.deepEqual(seen, expected);
});

test('the search index follows edits, deletions and restores', async () => {
  const created = await srv.api('POST', '/api/v1/organizations', {
    name: 'Groupement Zéphyrin des Salines', kind: 'other', visibility: 'internal',
    names: [{ value: 'GZS', lang: 'fr', acronym: true }],
  });
  assert.equal(created.status, 201, show(created));
  const id = created.json.id;
  const ids = async (text) => (await search(text)).filter((h) => h.kind === 'organization').map((h) => h.id);
  assert.deepEqual(await ids('zephyrin'), [id]);
  assert.deepEqual(await ids('GZS'), [id]);
  const renamed = await srv.api('PATCH', `/api/v1/organizations/${id}`, { name: 'Groupement Ursuline des Salines', names: null });
  assert.equal(renamed.status, 200, show(renamed));
  assert.deepEqual(await ids('zephyrin'), [], 'the old name is still found');
  assert.deepEqual(await ids('GZS'), [], 'the removed acronym is still found');
  assert.deepEqual(await ids('ursuline'), [id], 'the new name is not found');
  assert.equal((await srv.api('DELETE', `/api/v1/organizations/${id}`)).status, 204);
  assert.deepEqual(await ids('ursuline'), [], 'a record in the bin is found');
  const listed = await srv.get(`/api/v1/organizations?q=ursuline`);
  assert.deepEqual(listed.json.items, [], 'a record in the bin is listed by ?q=');
  assert.equal((await srv.form(`/organizations/${id}/restore`, {})).status, 303);
  assert.deepEqual(await ids('ursuline'), [id], 'a restored record is not found');
});

test('a yes/no filter takes the same words as a yes/no field', async () => {
  const yes = await listAll(srv, '/api/v1/organizations?ess=true');
  for (const word of ['oui', 'yes', 'non']) {
    const res = await srv.get(`/api/v1/organizations?ess=${word}&limit=200`);
    assert.equal(res.status, 200, `ess=${word}: ${show(res)}`);
    if (word !== 'non') assert.deepEqual(res.json.items.map((o) => o.id), yes.map((o) => o.id));
  }
});

test('the tags filter ignores case and accents, like search', async () => {
  const exact = await listAll(srv, `/api/v1/organizations?tags=${q('ESS')}`);
  assert.ok(exact.length > 0);
  assert.deepEqual((await listAll(srv, '/api/v1/organizations?tags=ess')).map((o) => o.id), exact.map((o) => o.id));
  const peche = orgs.filter((o) => o.tags.includes('pêche')).map((o) => o.id);
  assert.ok(peche.length > 0);
  assert.deepEqual((await listAll(srv, '/api/v1/organizations?tags=peche')).map((o) => o.id), peche);
});

test('an upgrade rebuilds the search index with prefixes of up to 8 characters, says so, and finds what it found', async () => {
  // A copy of the demo database as version 10 left it: the index with
  // prefixes of 1 to 3 characters, migration 11 not applied.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-upgrade-'));
  try {
    const old = path.join(dir, 'v10.db');
    await sqlite(srv.dbPath, `VACUUM INTO '${old}'`);
    await sqlite(old, `CREATE VIRTUAL TABLE s USING fts5 (names, body, keys UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
      INSERT INTO s (rowid, names, body, keys) SELECT rowid, names, body, keys FROM search_index;
      DROP TABLE search_index; ALTER TABLE s RENAME TO search_index;
      DELETE FROM schema_migrations WHERE version = 11;`);
    const rows = (await sqlite(old, 'SELECT count(*) FROM search_index')).trim();
    const r = await runCli(['init', '--db', old]);
    assert.match(r.stderr, /upgrading the database: migration 11 \(search prefixes\)/, 'the long step is announced');
    assert.match(await sqlite(old, "SELECT sql FROM sqlite_schema WHERE name = 'search_index'"), /prefix = '1 2 3 4 5 6 7 8'/);
    assert.equal((await sqlite(old, 'SELECT count(*) FROM search_index')).trim(), rows, 'every record still indexed');
    assert.equal((await sqlite(old, "SELECT count(*) FROM search_index WHERE search_index MATCH '\"caraibe\"*'")).trim(),
      (await sqlite(srv.dbPath, "SELECT count(*) FROM search_index WHERE search_index MATCH '\"caraibe\"*'")).trim());
    // Opened again: nothing left to do, nothing said.
    const again = await runCli(['init', '--db', old]);
    assert.doesNotMatch(again.stderr, /upgrading/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a word longer than 8 characters finds what begins with its first 8 ("developpement" finds "Développement", "développeurs")', async () => {
  const made = [];
  for (const name of ['Agence Développement Solidaire Zéphyrine', 'Collectif des développeurs zéphyriens']) {
    const res = await srv.api('POST', '/api/v1/organizations', { name, kind: 'other', visibility: 'internal' });
    assert.equal(res.status, 201, show(res));
    made.push(res.json.id);
  }
  const ids = (await search('developpement zephyr', 50)).map((h) => h.id).sort((a, b) => a - b);
  assert.deepEqual(ids, made.sort((a, b) => a - b));
  const exact = await search('Agence Développement Solidaire Zéphyrine');
  assert.equal(exact[0].id, made[0], 'the exact name first');
});
