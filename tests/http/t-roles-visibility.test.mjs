// t-roles-visibility.test.mjs - who sees which records.  Organisations and
// people are created at every visibility level (public, internal, team with
// a team the editor is in, confidential shared with one named reader, and
// an internal organisation that is a partner's own, with a person working
// there), then every viewer (anonymous, the partner, a reader in the team,
// a reader out of it, the named reader, the editor, an administrator) asks
// for them every way there is: by id (API and page), in lists, in search
// (API and page), in the list pages' search, in the type-ahead, in the
// positions and relationships that join them, on the pages that link them,
// and in their history.  A record one may not see is 404 and is nowhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, show, request, org, person, listAll, addAccount, cliToken, signInAs, bearerClient,
} from './harness.mjs';

// One word per level: every record of a level carries it, so that search
// and type-ahead can ask for exactly that level.
const WORD = { public: 'Zebra', internal: 'Yakul', team: 'Walrus', confidential: 'Vicuna', own: 'Urchin' };
const LEVELS = Object.keys(WORD);
const VIEWERS = ['anonymous', 'partner', 'readerIn', 'readerOut', 'readerNamed', 'editor', 'admin'];
/** Which levels each viewer sees ("own": the partner's organisation and the person working there, both internal). */
const SEES = {
  anonymous: ['public'],
  partner: ['public', 'own'],
  readerIn: ['public', 'internal', 'team', 'own'],
  readerOut: ['public', 'internal', 'own'],
  readerNamed: ['public', 'internal', 'confidential', 'own'],
  editor: ['public', 'internal', 'team', 'own'],
  admin: LEVELS,
};
const READS_HISTORY = new Set(['readerIn', 'readerOut', 'readerNamed', 'editor', 'admin']);

let srv;
const viewers = {}; // name -> { api(path), page(path), session, token }
const orgs = {}; // level -> record
const people = {}; // level -> record
const positions = {}; // level -> position of people[level] at orgs.public (own: at orgs.own)
const relationships = {}; // level -> relationship orgs.public -> orgs[level]
let teamA;
let hidden; // a public person whose only current position is at the confidential organisation

before(async () => {
  srv = await startServer();
  const mk = async (p, body) => {
    const res = await srv.api('POST', p, body);
    assert.equal(res.status, 201, `${p}: ${show(res)}`);
    return res.json;
  };
  teamA = await mk('/api/v1/teams', { name: 'Équipe A' });
  const teamB = await mk('/api/v1/teams', { name: 'Équipe B' });
  orgs.own = await mk('/api/v1/organizations', org({ name: `${WORD.own}org`, visibility: 'internal' }));
  const accounts = {
    partner: await addAccount(srv, { email: 'partenaire@vis.invalid', role: 'partner', organization: orgs.own.id }),
    readerIn: await addAccount(srv, { email: 'lecteur-equipe@vis.invalid', role: 'reader', teams: [teamA.id] }),
    readerOut: await addAccount(srv, { email: 'lecteur-autre@vis.invalid', role: 'reader', teams: [teamB.id] }),
    readerNamed: await addAccount(srv, { email: 'lecteur-nomme@vis.invalid', role: 'reader' }),
    editor: await addAccount(srv, { email: 'editrice@vis.invalid', role: 'editor', teams: [teamA.id] }),
    admin: await addAccount(srv, { email: 'admin@vis.invalid', role: 'administrator' }),
  };
  const levelFields = (level) => ({
    public: { visibility: 'public' },
    internal: { visibility: 'internal' },
    team: { visibility: 'team', visibility_teams: [teamA.id] },
    confidential: { visibility: 'confidential', visibility_users: [accounts.readerNamed.id] },
    own: { visibility: 'internal' },
  }[level]);
  for (const level of LEVELS) {
    if (level !== 'own') orgs[level] = await mk('/api/v1/organizations', org({ name: `${WORD[level]}org`, ...levelFields(level) }));
    people[level] = await mk('/api/v1/people', person({ given_name: 'Agent', family_name: `${WORD[level]}person`, notes: `notes ${WORD[level]}`, ...levelFields(level) }));
    positions[level] = await mk('/api/v1/positions', {
      person: people[level].id, organization: level === 'own' ? orgs.own.id : orgs.public.id, title: `Poste ${WORD[level]}`,
    });
    if (level !== 'public')
      relationships[level] = await mk('/api/v1/relationships', { subject: orgs.public.id, type: 'partner_of', object: orgs[level].id });
  }
  // History beyond the creation.
  for (const level of LEVELS) {
    assert.equal((await srv.api('PATCH', `/api/v1/organizations/${orgs[level].id}`, { legal_form: `Forme ${WORD[level]}` })).status, 200);
    assert.equal((await srv.api('PATCH', `/api/v1/people/${people[level].id}`, { notes: `autres notes ${WORD[level]}` })).status, 200);
  }
  hidden = await mk('/api/v1/people', person({ given_name: 'Discrète', family_name: 'Quaggaperson', visibility: 'public' }));
  await mk('/api/v1/positions', { person: hidden.id, organization: orgs.confidential.id, title: 'Directrice' });

  const anonymous = {
    api: (p) => request(srv.url, 'GET', p, { headers: { accept: 'application/json' } }),
    page: (p) => request(srv.url, 'GET', p, { headers: { accept: 'text/html' } }),
  };
  viewers.anonymous = anonymous;
  for (const [name, a] of Object.entries(accounts)) {
    const session = await signInAs(srv, a.email, a.password);
    const token = bearerClient(srv, await cliToken(srv, a.email));
    viewers[name] = { account: a, session, token, api: (p) => token.get(p), page: (p) => session.get(p, { accept: 'text/html' }) };
  }
});
after(async () => { await srv?.stop(); });

/** For every viewer and level, fn(viewer, level) -> value; returns { viewer: { level: value } }. */
async function table(fn, levels = LEVELS) {
  const out = {};
  for (const v of VIEWERS) {
    out[v] = {};
    for (const level of levels) out[v][level] = await fn(v, level);
  }
  return out;
}
/** The expected table: fn(sees, viewer, level). */
function expected(fn, levels = LEVELS) {
  return Object.fromEntries(VIEWERS.map((v) => [v, Object.fromEntries(levels.map((l) => [l, fn(SEES[v].includes(l), v, l)]))]));
}
async function ids(viewer, p) {
  const res = await viewers[viewer].api(p);
  assert.equal(res.status, 200, `${viewer} GET ${p}: ${show(res)}`);
  return res.json.items.map((i) => (i.url ? `${i.kind}:${i.id}` : i.id)); // search hits carry a url
}

test('a record one may not see is 404, by the API and by its page', async () => {
  for (const [plural, records] of [['organizations', orgs], ['people', people]]) {
    const api = await table(async (v, l) => (await viewers[v].api(`/api/v1/${plural}/${records[l].id}`)).status);
    assert.deepEqual(api, expected((sees) => (sees ? 200 : 404)), `GET /api/v1/${plural}/:id`);
    const page = await table(async (v, l) => {
      const res = await viewers[v].page(`/${plural}/${records[l].id}`);
      if (res.status === 404) assert.ok(!res.text.includes(`${WORD[l]}`), `${v}: the 404 page names the record`);
      return res.status;
    });
    assert.deepEqual(page, expected((sees) => (sees ? 200 : 404)), `GET /${plural}/:id`);
  }
  // Nor can the editor open, change or delete what it may not see.
  const conf = orgs.confidential;
  const ed = viewers.editor;
  assert.equal((await ed.page(`/organizations/${conf.id}/edit`)).status, 404);
  assert.equal((await ed.page(`/organizations/${conf.id}/delete`)).status, 404);
  assert.equal((await ed.token.api('PATCH', `/api/v1/organizations/${conf.id}`, { legal_form: 'Changée' })).status, 404);
  assert.equal((await ed.token.api('DELETE', `/api/v1/organizations/${conf.id}`)).status, 404);
  assert.equal((await ed.session.form(`/organizations/${conf.id}`, { name: 'Changée', kind: 'other', visibility: 'public' })).status, 404);
  const after = await srv.get(`/api/v1/organizations/${conf.id}`);
  assert.equal(after.json.legal_form, 'Forme Vicuna', 'the confidential record changed');
});

test('lists show only what one may see, by the API and the list pages', async () => {
  for (const [plural, records] of [['organizations', orgs], ['people', people]]) {
    const api = await table(async (v, l) => (await ids(v, `/api/v1/${plural}?limit=200`)).includes(records[l].id));
    assert.deepEqual(api, expected((sees) => sees), `GET /api/v1/${plural}`);
    const filtered = await table(async (v, l) => (await ids(v, `/api/v1/${plural}?q=${WORD[l]}`)).includes(records[l].id));
    assert.deepEqual(filtered, expected((sees) => sees), `GET /api/v1/${plural}?q=`);
    const html = await table(async (v, l) => {
      const res = await viewers[v].page(`/${plural}?q=${WORD[l]}`);
      assert.equal(res.status, 200, show(res));
      return res.text.includes(`href="/${plural}/${records[l].id}"`);
    });
    assert.deepEqual(html, expected((sees) => sees), `GET /${plural}?q=`);
    const unfiltered = await table(async (v, l) => (await viewers[v].page(`/${plural}?limit=200`)).text.includes(`href="/${plural}/${records[l].id}"`));
    assert.deepEqual(unfiltered, expected((sees) => sees), `GET /${plural}`);
  }
});

test('search and type-ahead find only what one may see', async () => {
  const key = (kind, r) => `${kind}:${r.id}`;
  const api = await table(async (v, l) => {
    const found = await ids(v, `/api/v1/search?q=${WORD[l]}org`);
    const foundPerson = await ids(v, `/api/v1/search?q=${WORD[l]}person`);
    return [found.includes(key('organization', orgs[l])), foundPerson.includes(key('person', people[l]))];
  });
  assert.deepEqual(api, expected((sees) => [sees, sees]), 'GET /api/v1/search?q=');
  const page = await table(async (v, l) => {
    const res = await viewers[v].page(`/search?q=${WORD[l]}`);
    assert.equal(res.status, 200, show(res));
    return [res.text.includes(`href="/organizations/${orgs[l].id}"`), res.text.includes(`href="/people/${people[l].id}"`)];
  });
  assert.deepEqual(page, expected((sees) => [sees, sees]), 'GET /search?q=');
  // Type-ahead: what the header box and the reference fields ask while one types (a prefix, 8 suggestions).
  const prefix = (l) => WORD[l].slice(0, 4).toLowerCase();
  const typeahead = await table(async (v, l) => {
    const all = await ids(v, `/api/v1/search?limit=8&q=${prefix(l)}`);
    const o = await ids(v, `/api/v1/organizations?limit=8&q=${prefix(l)}`);
    const p = await ids(v, `/api/v1/people?limit=8&q=${prefix(l)}`);
    return [all.includes(key('organization', orgs[l])), all.includes(key('person', people[l])), o.includes(orgs[l].id), p.includes(people[l].id)];
  });
  assert.deepEqual(typeahead, expected((sees) => [sees, sees, sees, sees]), 'type-ahead');
  // A search for the confidential record's notes finds nothing for those who may not see it.
  const notes = await table(async (v) => (await ids(v, '/api/v1/search?q=autres+notes+vicuna')).includes(key('person', people.confidential)), ['confidential']);
  assert.deepEqual(notes, expected((sees) => sees, ['confidential']), 'search in notes');
});

test('the history of a record one may not see is 404; visitors and partners read no history', async () => {
  for (const [plural, records] of [['organizations', orgs], ['people', people]]) {
    const api = await table(async (v, l) => {
      const res = await viewers[v].api(`/api/v1/${plural}/${records[l].id}/history`);
      if (res.status !== 200) assert.ok(!res.text.includes(WORD[l]), `${v}: a refusal names the record`);
      return res.status;
    });
    assert.deepEqual(api, expected((sees, v) => (!READS_HISTORY.has(v) ? (v === 'anonymous' ? 401 : 403) : sees ? 200 : 404)),
      `GET /api/v1/${plural}/:id/history`);
    const page = await table(async (v, l) => {
      const res = await viewers[v].page(`/${plural}/${records[l].id}/history`);
      if (res.status !== 200) assert.ok(!res.text.includes(`${WORD[l]}`), `${v}: a refusal names the record`);
      return res.status;
    });
    assert.deepEqual(page, expected((sees, v) => (!READS_HISTORY.has(v) ? (v === 'anonymous' ? 303 : 403) : sees ? 200 : 404)),
      `GET /${plural}/:id/history`);
  }
  // The history of a position joining a person one may not see is just as absent.
  const pos = await table(async (v, l) => (await viewers[v].api(`/api/v1/positions/${positions[l].id}/history`)).status);
  assert.deepEqual(pos, expected((sees, v) => (!READS_HISTORY.has(v) ? (v === 'anonymous' ? 401 : 403) : sees ? 200 : 404)),
    'GET /api/v1/positions/:id/history');
});

test('positions and relationships are seen when the records they join are', async () => {
  const posList = await table(async (v, l) => (await ids(v, '/api/v1/positions?limit=200')).includes(positions[l].id));
  assert.deepEqual(posList, expected((sees) => sees), 'GET /api/v1/positions');
  const posById = await table(async (v, l) => (await viewers[v].api(`/api/v1/positions/${positions[l].id}`)).status);
  assert.deepEqual(posById, expected((sees) => (sees ? 200 : 404)), 'GET /api/v1/positions/:id');
  const posFiltered = await table(async (v, l) => (await ids(v, `/api/v1/positions?person=${people[l].id}`)).includes(positions[l].id));
  assert.deepEqual(posFiltered, expected((sees) => sees), 'GET /api/v1/positions?person=');
  const posPage = await table(async (v, l) => (await viewers[v].page('/positions?limit=200')).text.includes(`href="/positions/${positions[l].id}"`));
  assert.deepEqual(posPage, expected((sees) => sees), 'GET /positions');
  const levels = LEVELS.filter((l) => l !== 'public');
  const relList = await table(async (v, l) => (await ids(v, '/api/v1/relationships?limit=200')).includes(relationships[l].id), levels);
  assert.deepEqual(relList, expected((sees) => sees, levels), 'GET /api/v1/relationships');
  const relById = await table(async (v, l) => (await viewers[v].api(`/api/v1/relationships/${relationships[l].id}`)).status, levels);
  assert.deepEqual(relById, expected((sees) => (sees ? 200 : 404), levels), 'GET /api/v1/relationships/:id');
  const relPage = await table(async (v, l) => (await viewers[v].page('/relationships?limit=200')).text.includes(`href="/relationships/${relationships[l].id}"`), levels);
  assert.deepEqual(relPage, expected((sees) => sees, levels), 'GET /relationships');
});

test('pages link only what one may see, and never name it', async () => {
  // The public organisation's page: its people (positions) and its relationships.
  const orgPage = await table(async (v, l) => {
    const html = (await viewers[v].page(`/organizations/${orgs.public.id}`)).text;
    const linked = l === 'own' ? html.includes(`href="/organizations/${orgs.own.id}"`) : html.includes(`href="/people/${people[l].id}"`);
    const named = html.includes(`${WORD[l]}person`) || (l !== 'public' && html.includes(`${WORD[l]}org`));
    assert.equal(linked, named, `${v}, ${l}: linked ${linked} but named ${named}`);
    return linked;
  });
  assert.deepEqual(orgPage, expected((sees) => sees), `/organizations/${orgs.public.id}`);
  // A public person whose organisation is confidential: neither the page nor the search subtitle names it.
  const subtitle = await table(async (v) => {
    const page = (await viewers[v].page(`/people/${hidden.id}`)).text;
    const search = await viewers[v].api('/api/v1/search?q=quaggaperson');
    const hit = search.json.items.find((i) => i.kind === 'person' && i.id === hidden.id);
    assert.ok(hit, `${v}: the public person is not found`);
    const html = (await viewers[v].page('/search?q=quaggaperson')).text;
    return [page.includes('Vicunaorg'), (hit.subtitle || '').includes('Vicunaorg'), html.includes('Vicunaorg')];
  }, ['confidential']);
  assert.deepEqual(subtitle, expected((sees) => [sees, sees, sees], ['confidential']), 'the confidential organisation named');
  // A reference field's title of a record one may not see: a position's page names neither.
  const posPage = await table(async (v) => {
    const res = await viewers[v].page(`/positions/${positions.confidential.id}`);
    return res.status === 200 || res.text.includes('Vicunaperson');
  }, ['confidential']);
  assert.deepEqual(posPage, expected((sees) => sees, ['confidential']));
});

test('a record one may not see cannot be referred to: it is unknown', async () => {
  const ed = viewers.editor;
  const n = (await listAll(srv, '/api/v1/positions')).length;
  for (const ref of [people.confidential.id, `${WORD.confidential}person`, `Agent ${WORD.confidential}person (#${people.confidential.id})`]) {
    const res = await ed.token.api('POST', '/api/v1/positions', { person: ref, organization: orgs.public.id });
    assert.equal(res.status, 422, `${JSON.stringify(ref)}: ${show(res)}`);
    assert.ok(res.json.errors.some((e) => e.field === 'person'), show(res));
    assert.ok(!res.text.includes('Agent'), 'the refusal names the hidden person');
  }
  const form = await ed.session.form('/positions', { person: String(people.confidential.id), organization: String(orgs.public.id) });
  assert.equal(form.status, 422, show(form));
  // The partner cannot attach an internal person it does not see to its own organisation either.
  const pa = await viewers.partner.token.api('POST', '/api/v1/positions', { person: people.internal.id, organization: orgs.own.id });
  assert.equal(pa.status, 422, show(pa));
  assert.equal((await listAll(srv, '/api/v1/positions')).length, n, 'a position was created');
  // The named reader does see it.
  assert.equal((await viewers.readerNamed.api(`/api/v1/people/${people.confidential.id}`)).status, 200);
});

test('the bin shows only what one may see', async () => {
  const binned = await srv.api('POST', '/api/v1/organizations', org({ name: 'Vicunabin', visibility: 'confidential', visibility_users: [viewers.readerNamed.account.id] }));
  assert.equal(binned.status, 201, show(binned));
  const pub = await srv.api('POST', '/api/v1/organizations', org({ name: 'Zebrabin', visibility: 'public' }));
  for (const r of [binned, pub]) assert.equal((await srv.api('DELETE', `/api/v1/organizations/${r.json.id}`)).status, 204);
  const ed = viewers.editor;
  const bin = (await ed.page('/bin')).text;
  assert.ok(bin.includes('Zebrabin'), 'the public record is not in the bin');
  assert.ok(!bin.includes('Vicunabin'), 'the editor sees a confidential record in the bin');
  const deleted = await ids('editor', '/api/v1/organizations?deleted=true&limit=200');
  assert.ok(deleted.includes(pub.json.id));
  assert.ok(!deleted.includes(binned.json.id), 'the editor lists a confidential record of the bin');
  assert.equal((await ed.page(`/organizations/${binned.json.id}`)).status, 404);
  const restore = await ed.session.form(`/organizations/${binned.json.id}/restore`, {});
  assert.equal(restore.status, 404, show(restore));
  assert.ok((await ids('admin', '/api/v1/organizations?deleted=true&limit=200')).includes(binned.json.id), 'restored by someone who cannot see it');
});

test('visitors and partners get only the fields declared public of a public person', async () => {
  const pub = await srv.api('POST', '/api/v1/people', person({
    family_name: 'Publiquepersonne', visibility: 'public', notes: 'Note interne : ne pas publier', emails: ['privee@example.org'], phones: ['+33 6 12 34 56 78'],
  }));
  assert.equal(pub.status, 201, show(pub));
  for (const v of ['anonymous', 'partner']) {
    const res = await viewers[v].api(`/api/v1/people/${pub.json.id}`);
    assert.equal(res.status, 200, show(res));
    for (const f of ['notes', 'emails', 'phones']) assert.ok(res.json[f] === undefined || (Array.isArray(res.json[f]) && res.json[f].length === 0), `${v} gets ${f}: ${JSON.stringify(res.json[f])}`);
    const page = (await viewers[v].page(`/people/${pub.json.id}`)).text;
    assert.ok(!page.includes('ne pas publier'), `${v}: the page shows the notes`);
    assert.ok(!page.includes('privee@example.org'), `${v}: the page shows the email`);
  }
});
