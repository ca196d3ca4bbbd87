// t-security-hostile.test.mjs - hostile text (hostile.mjs) through every
// free-text field of every kind (read from the OpenAPI description), by the
// API, the "new" forms and the edit forms.  A value is either stored as
// typed or refused with an error naming the field, writing nothing; a NUL
// byte and a value longer than any field takes (100 001 characters) are
// always refused.  Then every page that shows the values (record page,
// list, search, edit form, history, delete confirmation, personal-data
// report, the pages linking them, the bin, the account page and header)
// must show them as text: no script, no event handler, no javascript:
// link, no early </textarea>.  And the server stays up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, show, org, person, listAll, formFields, addAccount, signInAs, unescapeHtml } from './harness.mjs';
import {
  HOSTILE, textFields, fieldValue, storedText, setFormValue, formShows, formErrorFields, assertSafeHtml,
} from './hostile.mjs';

const FAST = { PASSERELLE_ARGON2_FAST: '1' };
let srv;
let FIELDS; // plural -> free-text fields
let fx; // fixtures the records refer to
let serial = 0;
const stored = []; // { kind, id, fields, h, channel }: records holding hostile text
const refusedByApi = new Map(); // `${kind}:${h.name}` -> Set of fields the API refused
const STORED = HOSTILE.filter((h) => !h.perField);

before(async () => {
  srv = await startServer({ env: FAST });
  const openapi = (await srv.get('/api/v1/openapi.json')).json;
  FIELDS = textFields(openapi);
  const mk = async (p, body) => {
    const res = await srv.api('POST', p, body);
    assert.equal(res.status, 201, `${p}: ${show(res)}`);
    return res.json;
  };
  fx = {
    o1: await mk('/api/v1/organizations', org({ name: 'Organisation hôte', latitude: 18.07, longitude: -63.08, territory: 'MF' })),
    o2: await mk('/api/v1/organizations', org({ name: 'Organisation liée' })),
    p: await mk('/api/v1/people', person({ family_name: 'Hôte' })),
    axis: await mk('/api/v1/roadmap-axes', { name: 'Axe hôte', visibility: 'internal' }),
    account: (await srv.get('/api/v1/accounts?limit=1')).json.items[0],
  };
});
after(async () => {
  if (srv) {
    const health = await srv.get('/healthz');
    await srv.stop();
    assert.equal(health.status, 200, 'the server is down after the hostile text');
  }
});

/** A valid new record of a kind, which the hostile values then overwrite. */
function base(kind) {
  const n = ++serial;
  switch (kind) {
    case 'organizations': return { name: `Base ${n}`, kind: 'association', visibility: 'internal' };
    case 'people': return { given_name: 'Base', family_name: `Base ${n}`, legal_basis: 'consent', legal_basis_date: '2025-01-01', visibility: 'internal' };
    case 'positions': return { person: fx.p.id, organization: fx.o1.id, title: `Poste ${n}` };
    case 'relationships': return { subject: fx.o1.id, type: 'partner_of', object: fx.o2.id, note: `Note ${n}` };
    case 'accounts': return { email: `hostile-${n}@hostile.invalid`, display_name: `Compte ${n}`, role: 'reader', language: 'fr' };
    case 'teams': return { name: `Équipe ${n}` };
    case 'interactions': return { subject: `Réunion ${n}`, type: 'meeting', starts_at: '2026-03-14 10:30', timezone: 'America/Marigot', visibility: 'internal' };
    case 'follow-ups': return { title: `Suite ${n}`, owner: fx.account.id, due_date: '2026-12-01', status: 'open', visibility: 'internal' };
    case 'notes': return { title: `Note ${n}`, note_type: 'briefing', date: '2026-03-01', visibility: 'internal' };
    case 'documents': return { subject: `Courrier ${n}`, date: '2026-03-01', direction: 'received', visibility: 'internal' };
    case 'working-groups': return { name: `Groupe ${n}`, scope: 'thematic', visibility: 'internal' };
    case 'roadmap-axes': return { name: `Axe ${n}`, visibility: 'internal' };
    case 'roadmap-actions': return { axis: fx.axis.id, title: `Action ${n}`, status: 'planned', visibility: 'internal' };
    default: throw new Error(`no valid record of kind ${kind} in this file: add one to base()`);
  }
}
const asForm = (body) => new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)]));
/** Values of fields no two records share get the channel appended (the hostile text stays first). */
const UNIQUE = new Set(['teams.name']);
const textFor = (kind, f, h, channel) => (UNIQUE.has(`${kind}.${f.field}`) && !h.refuse ? `${h.value} (${channel})` : h.value);
const live = async (kind) => (await listAll(srv, `/api/v1/${kind}`)).length;
const record = async (kind, id) => (await srv.get(`/api/v1/${kind}/${id}`)).json;

function problemFields(res, what) {
  assert.ok([400, 422].includes(res.status), `${what}: expected a refusal, got ${show(res)}`);
  assert.match(res.headers['content-type'] || '', /^application\/problem\+json/, what);
  assert.ok(Array.isArray(res.json?.errors) && res.json.errors.length, `${what}: no errors[]: ${res.text}`);
  return new Set(res.json.errors.map((e) => e.field));
}
function assertStored(kind, rec, fields, h, channel, what) {
  for (const f of fields) assert.equal(storedText(f, rec), textFor(kind, f, h, channel), `${what}: ${kind}.${f.field} not stored as typed`);
}

// ---- writing ----

test('the OpenAPI description lists the free-text fields of every kind', () => {
  assert.deepEqual(Object.keys(FIELDS).sort(), ['accounts', 'documents', 'follow-ups', 'interactions', 'notes', 'organizations', 'people', 'positions',
    'relationships', 'roadmap-actions', 'roadmap-axes', 'teams', 'working-groups']);
  for (const [kind, fields] of Object.entries(FIELDS)) assert.ok(fields.length > 0, `${kind} has no free-text field`);
  const names = (k) => FIELDS[k].map((f) => f.field);
  for (const f of ['name', 'names', 'legal_form', 'address', 'other_registry', 'other_id', 'filieres', 'tags', 'description'])
    assert.ok(names('organizations').includes(f), `organizations.${f}`);
  for (const f of ['given_name', 'family_name', 'notes']) assert.ok(names('people').includes(f), `people.${f}`);
  assert.ok(names('positions').includes('title'));
  assert.ok(names('relationships').includes('note'));
  assert.ok(names('accounts').includes('display_name'));
  assert.ok(names('teams').includes('name') && names('teams').includes('description'));
  assert.ok(names('notes').includes('title') && names('notes').includes('body'), 'a note\'s title and Markdown text');
  assert.ok(names('interactions').includes('subject') && names('interactions').includes('summary'));
  assert.ok(names('documents').includes('reference') && names('follow-ups').includes('details'));
});

test('through the API, hostile text is stored as typed or refused naming the field, writing nothing', async (t) => {
  const refusals = [];
  for (const [kind, fields] of Object.entries(FIELDS)) {
    for (const h of STORED) {
      const what = `POST /api/v1/${kind} with ${h.name}`;
      const send = (fs) => {
        const body = base(kind);
        for (const f of fs) body[f.field] = fieldValue(f, textFor(kind, f, h, 'api'));
        return srv.api('POST', `/api/v1/${kind}?lang=en`, body);
      };
      const before = await live(kind);
      let res = await send(fields);
      let refused = new Set();
      if (res.status !== 201) {
        refused = problemFields(res, what);
        for (const name of refused) assert.ok(fields.some((f) => f.field === name), `${what}: the error names "${name}", not a field given`);
        assert.equal(await live(kind), before, `${what}: refused, yet written`);
        // Each refused field alone is refused too, naming it.
        for (const name of refused) {
          const one = await send(fields.filter((f) => f.field === name));
          assert.ok(problemFields(one, `${what} in ${name} alone`).has(name), `${what}: ${name} alone: ${one.text}`);
          refusals.push(`${kind}.${name} (${h.name})`);
        }
        assert.equal(await live(kind), before, `${what}: refused, yet written`);
        res = await send(fields.filter((f) => !refused.has(f.field)));
      }
      assert.equal(res.status, 201, `${what} (without the refused fields): ${show(res)}`);
      const kept = fields.filter((f) => !refused.has(f.field));
      assertStored(kind, await record(kind, res.json.id), kept, h, 'api', what);
      stored.push({ kind, id: res.json.id, fields: kept, h, channel: 'api' });
      refusedByApi.set(`${kind}:${h.name}`, refused);
    }
  }
  t.diagnostic(`refused: ${refusals.sort().join(', ') || 'none'}`);
});

test('through the "new" forms, the same: stored as typed, or refused naming the field on a safe page', async () => {
  for (const [kind, fields] of Object.entries(FIELDS)) {
    for (const h of STORED) {
      const what = `POST /${kind} (form) with ${h.name}`;
      const send = (fs) => {
        const params = asForm(base(kind));
        for (const f of fs) setFormValue(params, f, textFor(kind, f, h, 'form'));
        return srv.form(`/${kind}?lang=en`, params);
      };
      const before = await live(kind);
      let res = await send(fields);
      let refused = new Set();
      if (res.status !== 303) {
        assert.equal(res.status, 422, `${what}: ${show(res)}`);
        assertSafeHtml(res.text, `${what}: the form shown again`);
        refused = formErrorFields(res.text);
        assert.deepEqual([...refused].sort(), [...refusedByApi.get(`${kind}:${h.name}`)].sort(), `${what}: the form and the API refuse different fields`);
        assert.equal(await live(kind), before, `${what}: refused, yet written`);
        res = await send(fields.filter((f) => !refused.has(f.field)));
      }
      assert.equal(res.status, 303, `${what}: ${show(res)}`);
      const id = Number(new RegExp(`^/${kind}/(\\d+)\\?saved=1$`).exec(res.headers.location)?.[1]);
      assert.ok(id > 0, `${what}: redirected to ${res.headers.location}`);
      const kept = fields.filter((f) => !refused.has(f.field));
      assertStored(kind, await record(kind, id), kept, h, 'form', what);
      stored.push({ kind, id, fields: kept, h, channel: 'form' });
    }
  }
});

test('through the edit forms, the same; a refused edit changes nothing', async () => {
  for (const [kind, fields] of Object.entries(FIELDS)) {
    for (const h of STORED) {
      const created = await srv.api('POST', `/api/v1/${kind}`, base(kind));
      assert.equal(created.status, 201, show(created));
      const id = created.json.id;
      const what = `POST /${kind}/${id} (edit form) with ${h.name}`;
      const edit = await srv.get(`/${kind}/${id}/edit`);
      assert.equal(edit.status, 200, show(edit));
      const send = (fs) => {
        const params = formFields(edit.text);
        for (const f of fs) setFormValue(params, f, textFor(kind, f, h, 'edit'));
        return srv.form(`/${kind}/${id}?lang=en`, params);
      };
      let res = await send(fields);
      let refused = new Set();
      if (res.status !== 303) {
        assert.equal(res.status, 422, `${what}: ${show(res)}`);
        assertSafeHtml(res.text, `${what}: the form shown again`);
        refused = formErrorFields(res.text);
        assert.deepEqual([...refused].sort(), [...refusedByApi.get(`${kind}:${h.name}`)].sort(), `${what}: the form and the API refuse different fields`);
        assert.deepEqual(await record(kind, id), created.json, `${what}: refused, yet changed`);
        res = await send(fields.filter((f) => !refused.has(f.field)));
      }
      assert.equal(res.status, 303, `${what}: ${show(res)}`);
      const kept = fields.filter((f) => !refused.has(f.field));
      assertStored(kind, await record(kind, id), kept, h, 'edit', what);
      stored.push({ kind, id, fields: kept, h, channel: 'edit' });
    }
  }
});

test('a value longer than any field takes (100 001 characters) is refused with a length error naming the field, writing nothing', async () => {
  const h = HOSTILE.find((x) => x.refuse === 'length');
  for (const [kind, fields] of Object.entries(FIELDS)) {
    const target = await srv.api('POST', `/api/v1/${kind}`, base(kind));
    const editPage = (await srv.get(`/${kind}/${target.json.id}/edit`)).text;
    for (const f of fields) {
      const what = `${kind}.${f.field} of 100 001 characters`;
      const before = await live(kind);
      const body = base(kind);
      body[f.field] = fieldValue(f, h.value);
      const api = await srv.api('POST', `/api/v1/${kind}?lang=en`, body);
      assert.ok(problemFields(api, `${what} (API)`).has(f.field), `${what} (API): ${api.text.slice(0, 300)}`);
      assert.match(api.json.errors.find((e) => e.field === f.field).message, /too long|at most \d+/i, `${what} (API)`);
      const params = asForm(base(kind));
      setFormValue(params, f, h.value);
      const form = await srv.form(`/${kind}?lang=en`, params);
      assert.equal(form.status, 422, `${what} (form): ${form.status}`);
      assert.ok(formErrorFields(form.text).has(f.field), `${what} (form): the field is not named`);
      assert.match(unescapeHtml(form.text), /Too long: at most \d+ characters/, `${what} (form)`);
      assertSafeHtml(form.text, `${what} (form)`);
      const editParams = formFields(editPage);
      setFormValue(editParams, f, h.value);
      const edit = await srv.form(`/${kind}/${target.json.id}?lang=en`, editParams);
      assert.equal(edit.status, 422, `${what} (edit form): ${edit.status}`);
      assert.ok(formErrorFields(edit.text).has(f.field), `${what} (edit form): the field is not named`);
      assert.equal(await live(kind), before, `${what}: written`);
    }
    assert.deepEqual(await record(kind, target.json.id), target.json, `${kind}: changed by a refused edit`);
  }
});

test('a NUL byte is refused and never stored, by the API and the forms', async () => {
  const h = HOSTILE.find((x) => x.refuse === 'nul');
  for (const [kind, fields] of Object.entries(FIELDS)) {
    const target = await srv.api('POST', `/api/v1/${kind}`, base(kind));
    const editPage = (await srv.get(`/${kind}/${target.json.id}/edit`)).text;
    for (const f of fields) {
      const what = `${kind}.${f.field} with a NUL byte`;
      const before = await live(kind);
      const body = base(kind);
      body[f.field] = fieldValue(f, h.value);
      const api = await srv.api('POST', `/api/v1/${kind}`, body);
      assert.ok([400, 422].includes(api.status), `${what} (API): ${show(api)}`);
      const params = asForm(base(kind));
      setFormValue(params, f, h.value);
      const form = await srv.form(`/${kind}`, params);
      assert.ok([400, 422].includes(form.status), `${what} (form): ${form.status}`);
      assertSafeHtml(form.text, `${what} (form)`);
      const editParams = formFields(editPage);
      setFormValue(editParams, f, h.value);
      const edit = await srv.form(`/${kind}/${target.json.id}`, editParams);
      assert.ok([400, 422].includes(edit.status), `${what} (edit form): ${edit.status}`);
      assert.equal(await live(kind), before, `${what}: written`);
    }
    assert.deepEqual(await record(kind, target.json.id), target.json, `${kind}: changed by a NUL byte`);
  }
  assert.equal((await srv.get('/healthz')).status, 200);
});

test('a NUL byte sent to the API is refused with an error naming the field', async () => {
  const h = HOSTILE.find((x) => x.refuse === 'nul');
  const misses = [];
  for (const [kind, fields] of Object.entries(FIELDS)) {
    for (const f of fields) {
      const body = base(kind);
      body[f.field] = fieldValue(f, h.value);
      const res = await srv.api('POST', `/api/v1/${kind}?lang=en`, body);
      if (res.status !== 422 || !res.json?.errors?.some((e) => e.field === f.field)) misses.push(`${kind}.${f.field}: ${res.status} ${res.json?.errors?.map((e) => e.field)}`);
    }
  }
  assert.deepEqual(misses, []);
});

test('a NUL byte typed in a form is refused with an error naming the field', async () => {
  const h = HOSTILE.find((x) => x.refuse === 'nul');
  const misses = [];
  for (const [kind, fields] of Object.entries(FIELDS)) {
    for (const f of fields) {
      const params = asForm(base(kind));
      setFormValue(params, f, h.value);
      const res = await srv.form(`/${kind}?lang=en`, params);
      if (res.status !== 422 || !formErrorFields(res.text).has(f.field)) misses.push(`${kind}.${f.field}: ${res.status}`);
    }
  }
  assert.deepEqual(misses, []);
});

// ---- reading ----

test('every page showing hostile text shows it as text', async () => {
  assert.ok(stored.length >= STORED.length * 6 * 3, `only ${stored.length} records hold hostile text`);
  const page = async (p, what) => {
    const res = await srv.get(p);
    assert.equal(res.status, 200, `${what}: GET ${p}: ${show(res)}`);
    assertSafeHtml(res.text, `${what}: GET ${p}`);
    return res.text;
  };
  for (const s of stored) {
    const what = `${s.kind} ${s.id} (${s.channel}, ${s.h.name})`;
    const shown = unescapeHtml(await page(`/${s.kind}/${s.id}`, what));
    for (const f of s.fields) {
      const text = textFor(s.kind, f, s.h, s.channel);
      assert.ok(shown.includes(text), `${what}: ${f.field} is not shown on the record page`);
    }
    const edit = await page(`/${s.kind}/${s.id}/edit`, what);
    const params = formFields(edit);
    for (const f of s.fields) assert.equal(formShows(params, f), textFor(s.kind, f, s.h, s.channel), `${what}: the edit form does not give ${f.field} back as typed`);
    await page(`/${s.kind}/${s.id}/history`, what);
    await page(`/${s.kind}/${s.id}/delete`, what);
    if (s.kind === 'people') await page(`/people/${s.id}/data`, what);
  }
  // Lists, and their search box given the hostile text back.
  for (const kind of Object.keys(FIELDS)) await page(`/${kind}?limit=200`, `the ${kind} list`);
  for (const h of STORED) {
    const q = encodeURIComponent(h.value);
    for (const kind of ['organizations', 'people', 'accounts', 'teams']) await page(`/${kind}?q=${q}`, `the ${kind} list searching ${h.name}`);
    const hits = await page(`/search?q=${q}`, `search for ${h.name}`);
    assert.ok(unescapeHtml(hits).includes(h.value), `the search page does not repeat ${h.name}`);
    const api = await srv.get(`/api/v1/search?q=${q}`);
    assert.equal(api.status, 200, show(api));
    assert.match(api.headers['content-type'], /^application\/json/);
  }
  // The pages that link the records: positions and relationships on their organisation and person.
  await page(`/organizations/${fx.o1.id}`, 'the organisation holding the positions');
  await page(`/organizations/${fx.o2.id}`, 'the other end of the relationships');
  await page(`/people/${fx.p.id}`, 'the person holding the positions');
  // Teams and accounts named on a record they may see.
  const teams = stored.filter((s) => s.kind === 'teams' && s.channel === 'api').map((s) => s.id).slice(0, 20);
  const accounts = stored.filter((s) => s.kind === 'accounts' && s.channel === 'api').map((s) => s.id);
  const shared = await srv.api('POST', '/api/v1/organizations', org({ name: 'Partagée', visibility: 'team', visibility_teams: teams }));
  assert.equal(shared.status, 201, show(shared));
  const conf = await srv.api('POST', '/api/v1/organizations', org({ name: 'Confidentielle', visibility: 'confidential', visibility_users: accounts }));
  assert.equal(conf.status, 201, show(conf));
  for (const id of [shared.json.id, conf.json.id]) {
    await page(`/organizations/${id}`, 'a record naming hostile teams and accounts');
    await page(`/organizations/${id}/edit`, 'the form of a record naming hostile teams and accounts');
  }
  // The bin.
  for (const s of stored.filter((x) => x.kind === 'organizations' && x.channel === 'api'))
    assert.equal((await srv.api('DELETE', `/api/v1/organizations/${s.id}`)).status, 204);
  const bin = unescapeHtml(await page('/bin', 'the bin'));
  assert.ok(bin.includes(STORED[0].value), 'the bin does not list the hostile names');
});

test('an account\'s hostile name is shown as text on its account page and in every page header', async () => {
  const a = await addAccount(srv, { email: 'nom-hostile@hostile.invalid', role: 'reader', env: FAST });
  const c = await signInAs(srv, a.email, a.password);
  const other = await addAccount(srv, { email: 'autre-nom-hostile@hostile.invalid', role: 'reader', env: FAST });
  for (const h of STORED) {
    const res = await srv.api('PATCH', `/api/v1/accounts/${a.id}`, { display_name: h.value });
    if (res.status !== 200) { // refused: naming the field
      assert.ok(problemFields(res, `display_name ${h.name}`).has('display_name'), show(res));
      continue;
    }
    for (const p of ['/account', '/organizations', '/search?q=x', '/account/totp']) {
      const got = await c.get(p);
      assert.equal(got.status, 200, `${p}: ${show(got)}`);
      assertSafeHtml(got.text, `${p} as "${h.name}"`);
      assert.ok(unescapeHtml(got.text).includes(h.value), `${p}: the name is not shown`);
    }
    for (const p of [`/accounts/${a.id}`, `/accounts/${a.id}/edit`, `/accounts/${a.id}/history`, '/accounts'])
      assertSafeHtml((await srv.get(p)).text, `${p} (administrator) as "${h.name}"`);
    // The page giving another account a one-time password names it.
    assert.equal((await srv.api('PATCH', `/api/v1/accounts/${other.id}`, { display_name: h.value })).status, 200);
    const once = await srv.form(`/accounts/${other.id}/password`, {});
    assert.equal(once.status, 200, show(once));
    assertSafeHtml(once.text, `the one-time password page for "${h.name}"`);
    assert.ok(unescapeHtml(once.text).includes(h.value));
  }
});
