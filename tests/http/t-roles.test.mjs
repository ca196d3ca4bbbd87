// t-roles.test.mjs - every route × every role.  The route table comes from
// `passerelle routes` (METHOD, PATTERN, RULE); each route is called for real
// by an anonymous visitor, a partner, a reader, an editor, a validator and an
// administrator (every kind a :kind route takes, an existing record for :id,
// a valid CSRF token and a plausible body), and the outcome must be what the
// table EXPECT below says for the route's rule and the role.  A rule missing
// from EXPECT, or a pattern this file cannot fill, fails: a new route needs a
// thought-out rule and a line here.
//
// The desk's kinds (interactions, follow-ups, notes, documents, working
// groups, the roadmap) are directory kinds too: the router lets a partner
// try to write them and the store refuses (a partner reads their public
// records and writes none).  The workflow's routes are "signed-in" at the
// router and the engine decides: the matrix submits a note, which only
// those who may change it may do.  A known product bug is an EXCEPTIONS
// line with `bug`: the matrix expects the right outcome and reports the
// route as TODO while the product answers otherwise.
//
// Then what the store narrows beyond the router: an editor cannot touch
// accounts, a partner changes its own organisation only, a reader reads
// internal records and writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, show, request, org, person, listAll, runCli, addAccount, cliToken, signInAs, bearerClient,
  postLogin, hiddenValue, totpCode, multipartBody,
} from './harness.mjs';

const A = 'allow';
const R = 'refuse';
const ROLES = ['anonymous', 'partner', 'reader', 'editor', 'validator', 'administrator'];
/** Every kind a :kind segment takes, with its access class (src/model: ACCESS_DIRECTORY, ACCESS_ADMIN). */
const KINDS = {
  organizations: 'directory', people: 'directory', positions: 'directory', relationships: 'directory', accounts: 'admin', teams: 'admin',
  interactions: 'directory', 'follow-ups': 'directory', notes: 'directory', documents: 'directory', 'working-groups': 'directory',
  'roadmap-axes': 'directory', 'roadmap-actions': 'directory',
};
/** The desk's kinds: ACCESS_DIRECTORY, but a partner writes none of their records (store_may_write). */
const DESK = ['interactions', 'follow-ups', 'notes', 'documents', 'working-groups', 'roadmap-axes', 'roadmap-actions'];
/** The kinds that carry files (store_kind_takes_files: a timeline date or a workflow); the others have no attachments. */
const FILES = ['interactions', 'follow-ups', 'notes', 'documents', 'roadmap-actions'];
/** The kinds with a workflow (model/workflow.h); the others answer 404 to an action. */
const WORKFLOW = new Set(['notes']);

const everyone = { anonymous: A, partner: A, reader: A, editor: A, validator: A, administrator: A };
const adminOnly = { anonymous: R, partner: R, reader: R, editor: R, validator: R, administrator: A };
/**
 * What each rule means for each role.  Rules on a :kind depend on the
 * kind's access class (accounts and teams are the administrators'); routes
 * without :kind are judged on organisations (people for kind-erase), as
 * the router does.  "partner: A" on create and update means: on what
 * concerns its own organisation (the fixtures below are its own).
 */
const EXPECT = {
  anyone: everyone,
  'signed-in': { anonymous: R, partner: A, reader: A, editor: A, validator: A, administrator: A },
  admin: adminOnly,
  'kind-read': { directory: everyone, admin: adminOnly },
  'kind-create': { directory: { anonymous: R, partner: A, reader: R, editor: A, validator: A, administrator: A }, admin: adminOnly },
  'kind-update': { directory: { anonymous: R, partner: A, reader: R, editor: A, validator: A, administrator: A }, admin: adminOnly },
  'kind-delete': { directory: { anonymous: R, partner: R, reader: R, editor: A, validator: A, administrator: A }, admin: adminOnly },
  'kind-history': { directory: { anonymous: R, partner: R, reader: A, editor: A, validator: A, administrator: A }, admin: adminOnly },
  'kind-erase': { directory: adminOnly, admin: adminOnly },
  // The desk's inner workings (steps, files, transmissions, calendars, the desk itself): the team's accounts only.
  team: { directory: { anonymous: R, partner: R, reader: A, editor: A, validator: A, administrator: A }, admin: adminOnly },
};
const DESK_WRITE = 'a partner writes none of the desk\'s records (store_may_write)';
/**
 * Where the store or the workflow engine narrows what the router lets
 * through (each with its reason; `kind`: one, a list, or '*').  `bug`: the
 * product does not do it yet (the route is reported as TODO until it does).
 */
const EXCEPTIONS = [
  { method: 'POST', pattern: '/api/v1/:kind', kind: 'organizations', role: 'partner', expect: R, why: 'a partner keeps its own organisation and cannot create one (store_may_write)' },
  { method: 'POST', pattern: '/:kind', kind: 'organizations', role: 'partner', expect: R, why: 'a partner keeps its own organisation and cannot create one (store_may_write)' },
  { method: 'POST', pattern: '/:kind/:id/history/:code/restore', kind: '*', role: 'partner', expect: R, why: 'restoring a version needs the history, which a partner may not read' },
  ...[['POST', '/api/v1/:kind'], ['POST', '/:kind'], ['PATCH', '/api/v1/:kind/:id'], ['POST', '/:kind/:id'],
    ].map(([method, pattern]) => ({ method, pattern, kind: DESK, role: 'partner', expect: R, why: DESK_WRITE })),
  ...[['POST', '/api/v1/:kind/:id/attachments'], ['POST', '/:kind/:id/attachments']]
    .map(([method, pattern]) => ({ method, pattern, kind: FILES, role: 'partner', expect: R, why: DESK_WRITE })),
  { method: 'POST', pattern: '/attachments/:id/delete', kind: '*', role: 'reader', expect: R, why: 'removing a file is changing its record, which a reader may not' },
  { method: 'POST', pattern: '/:kind/:id/transmit', kind: '*', role: 'reader', expect: R, why: 'passing a record on is for those who may change it (store_transmit)' },
  { method: 'GET', pattern: '/:kind/:id/edit', kind: DESK, role: 'partner', expect: R, why: `no form to fill in vain: ${DESK_WRITE}` },
  { method: 'GET', pattern: '/api/v1/suggest/:kind', kind: ['accounts', 'teams'], role: 'partner', expect: R, why: 'the team\'s accounts and teams are suggested to its members, not to partners (api_suggest)' },
  ...['/api/v1/:kind/:id/transitions/:code', '/:kind/:id/actions/:code'].flatMap((pattern) => ['reader'].map((role) => (
    { method: 'POST', pattern, kind: 'notes', role, expect: R, why: 'submitting a note is for those who may change it (WF_CONTRIBUTOR): the engine refuses' }))),
];

function exceptionFor(route, kind, role) {
  return EXCEPTIONS.find((e) => e.method === route.method && e.pattern === route.pattern && e.role === role
    && (e.kind === '*' || e.kind === kind || (Array.isArray(e.kind) && e.kind.includes(kind))));
}

function expectation(route, kind, role) {
  const ex = exceptionFor(route, kind, role);
  if (ex) return ex.expect;
  const rule = EXPECT[route.rule];
  if (!rule) throw new Error(`rule "${route.rule}" of ${route.method} ${route.pattern} is not in this file's expectation table: decide who may call it, and add it to EXPECT`);
  const byRole = rule.directory ? rule[kind ? KINDS[kind] : 'directory'] : rule;
  if (!byRole || !(role in byRole)) throw new Error(`no expectation for rule ${route.rule}, kind ${kind}, role ${role}`);
  return byRole[role];
}

let srv;
let routes; // [{ method, pattern, rule }]
const acc = {}; // role -> { id, email, password }
const sessions = {}; // role -> sessionClient
const tokens = {}; // role -> bearerClient
let fx; // fixtures
let recovery = []; // recovery codes of the second-factor account
let serial = 0;
const uniq = () => `${process.pid}-${++serial}`;

before(async () => {
  srv = await startServer({ env: { PASSERELLE_ARGON2_FAST: '1' } });
  const { stdout } = await runCli(['routes']);
  routes = stdout.trim().split('\n').map((line) => {
    const [method, pattern, rule] = line.split('\t');
    return { method, pattern, rule };
  });
  const mk = async (p, body) => {
    const res = await srv.api('POST', p, body);
    assert.equal(res.status, 201, `${p}: ${show(res)}`);
    return res.json;
  };
  const ownOrg = await mk('/api/v1/organizations', org({ name: 'Association du partenaire', kind: 'association', visibility: 'public' }));
  const otherOrg = await mk('/api/v1/organizations', org({ name: 'Autre association publique', visibility: 'public' }));
  const internalOrg = await mk('/api/v1/organizations', org({ name: 'Organisation interne', visibility: 'internal' }));
  const team = await mk('/api/v1/teams', { name: 'Équipe de la matrice' });
  const p = await mk('/api/v1/people', person({ family_name: 'Publique', visibility: 'public' }));
  const pos = await mk('/api/v1/positions', { person: p.id, organization: ownOrg.id, title: 'Présidente' });
  const rel = await mk('/api/v1/relationships', { subject: ownOrg.id, type: 'partner_of', object: otherOrg.id });
  acc.partner = await addAccount(srv, { email: 'partenaire@roles.invalid', role: 'partner', organization: ownOrg.id });
  for (const role of ['reader', 'editor', 'validator', 'administrator'])
    acc[role] = await addAccount(srv, { email: `${role}@roles.invalid`, role });
  for (const role of ROLES.slice(1)) {
    sessions[role] = await signInAs(srv, acc[role].email, acc[role].password);
    tokens[role] = bearerClient(srv, await cliToken(srv, acc[role].email, 'matrix'));
  }
  // An account with the second factor on, whose recovery codes let each role post /login/code.
  const totp = await addAccount(srv, { email: 'second-facteur@roles.invalid', role: 'reader' });
  const tc = await signInAs(srv, totp.email, totp.password);
  const secret = hiddenValue((await tc.get('/account/totp')).text, 'secret');
  const on = await tc.form('/account/totp', { secret, code: totpCode(secret) });
  assert.equal(on.status, 200, show(on));
  recovery = [...on.text.matchAll(/<code>([A-Z0-9]{5}-[A-Z0-9]{5})<\/code>/g)].map((m) => m[1]);
  assert.equal(recovery.length, 10, 'ten recovery codes');
  const sectors = await srv.get('/api/v1/sectors');
  fx = {
    ownOrg, otherOrg, internalOrg, team, person: p, position: pos, relationship: rel, totp,
    sector: sectors.json.items[0].code,
    fixed: { organizations: ownOrg.id, people: p.id, positions: pos.id, relationships: rel.id, accounts: acc.reader.id, teams: team.id },
  };
  // The desk's records every role reads (public: anonymous visitors and partners too).
  fx.axis = await mk('/api/v1/roadmap-axes', createBody('roadmap-axes'));
  for (const kind of DESK) fx.fixed[kind] = kind === 'roadmap-axes' ? fx.axis.id : (await mk(`/api/v1/${kind}`, createBody(kind))).id;
  fx.attachment = await attachTo('documents', fx.fixed.documents);
  // A calendar address (its token is the key to the feed).
  const feed = await srv.form('/calendar/feeds', { name: 'Agenda de la matrice', team: '0' });
  fx.feedToken = /\/calendar\/feed\/([A-Za-z0-9_-]{43})\.ics/.exec(feed.text || '')?.[1];
  assert.ok(fx.feedToken, `no calendar address: ${show(feed)}`);
});
after(async () => { await srv?.stop(); });

// ---- bodies and records the requests need ----

/** A valid new record of a kind (as JSON), which a partner may create too where it may create at all. */
function createBody(kind) {
  const n = uniq();
  switch (kind) {
    case 'organizations': return { name: `Organisation ${n}`, kind: 'association', visibility: 'public' };
    case 'people': return { given_name: 'Rôle', family_name: `Matrice ${n}`, legal_basis: 'consent', legal_basis_date: '2025-02-01', visibility: 'public' };
    case 'positions': return { person: fx.person.id, organization: fx.ownOrg.id, title: `Trésorière ${n}` };
    case 'relationships': return { subject: fx.ownOrg.id, type: 'member_of', object: fx.otherOrg.id, note: `note ${n}` };
    case 'accounts': return { email: `compte-${n}@roles.invalid`, display_name: `Compte ${n}`, role: 'reader', language: 'fr' };
    case 'teams': return { name: `Équipe ${n}` };
    case 'interactions': return { subject: `Réunion ${n}`, type: 'meeting', starts_at: '2026-03-14 10:30', timezone: 'America/Marigot', visibility: 'public' };
    case 'follow-ups': return { title: `Suite ${n}`, owner: acc.editor.id, due_date: '2026-12-01', status: 'open', visibility: 'public' };
    case 'notes': return { title: `Note ${n}`, note_type: 'briefing', date: '2026-03-01', body: `# Note ${n}`, validator: acc.validator.id, visibility: 'public' };
    case 'documents': return { subject: `Courrier ${n}`, date: '2026-03-01', direction: 'received', visibility: 'public' };
    case 'working-groups': return { name: `Groupe ${n}`, scope: 'thematic', visibility: 'public' };
    case 'roadmap-axes': return { name: `Axe ${n}`, number: 1, visibility: 'public' };
    case 'roadmap-actions': return { axis: fx.axis.id, title: `Action ${n}`, status: 'planned', progress: 10, visibility: 'public' };
    default: throw new Error(`no body for ${kind}: add one`);
  }
}
/** A small change to a record of a kind. */
function patchBody(kind) {
  const n = uniq();
  return {
    organizations: { legal_form: `SCIC ${n}` }, people: { notes: `note ${n}` }, positions: { title: `Secrétaire ${n}` },
    relationships: { note: `changée ${n}` }, accounts: { display_name: `Renommé ${n}` }, teams: { description: `desc ${n}` },
    interactions: { summary: `résumé ${n}` }, 'follow-ups': { details: `détails ${n}` }, notes: { body: `# Changée ${n}` },
    documents: { summary: `résumé ${n}` }, 'working-groups': { description: `desc ${n}` }, 'roadmap-axes': { description: `desc ${n}` },
    'roadmap-actions': { progress: 50 },
  }[kind];
}
/** A small PDF, as the attachment routes take. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n'
  + 'trailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
/** Attach the PDF to kind/id as the administrator; resolves to the attachment's id. */
async function attachTo(kind, id) {
  const { body, contentType } = multipartBody({}, { name: 'file', filename: `piece-${uniq()}.pdf`, contentType: 'application/pdf', data: PDF });
  const res = await srv.request('POST', `/api/v1/${kind}/${id}/attachments`, { headers: { 'content-type': contentType, accept: 'application/json' }, body });
  assert.equal(res.status, 201, `attach to ${kind} ${id}: ${show(res)}`);
  return res.json.id;
}
/** The largest id a page links as `re` (a revoke or acknowledge form). */
function lastId(html, re) {
  const ids = [...html.matchAll(re)].map((m) => Number(m[1]));
  assert.ok(ids.length, `no ${re} on the page`);
  return Math.max(...ids);
}
/** A JSON body as an HTML form sends it. */
function asForm(body) {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
}

/**
 * A new record to change or delete, created by the administrator: the
 * partner's writes are aimed at its own organisation (its people hold a
 * position there, its relationships start there).
 */
async function fresh(kind, role, { binned = false, versions = false, own = false } = {}) {
  if (own && kind === 'organizations' && role === 'partner')
    return { id: fx.ownOrg.id, body: { name: fx.ownOrg.name, kind: fx.ownOrg.kind, visibility: 'public' } };
  const body = createBody(kind);
  const res = await srv.api('POST', `/api/v1/${kind}`, body);
  assert.equal(res.status, 201, `fresh ${kind}: ${show(res)}`);
  const id = res.json.id;
  if (kind === 'people') {
    const p = await srv.api('POST', '/api/v1/positions', { person: id, organization: fx.ownOrg.id });
    assert.equal(p.status, 201, show(p));
  }
  let entry;
  if (versions) {
    assert.equal((await srv.api('PATCH', `/api/v1/${kind}/${id}`, patchBody(kind))).status, 200);
    const h = await srv.get(`/api/v1/${kind}/${id}/history`);
    assert.equal(h.status, 200, show(h));
    entry = h.json.items[h.json.items.length - 1].id; // the creation
  }
  if (binned) assert.equal((await srv.api('DELETE', `/api/v1/${kind}/${id}`)).status, 204);
  return { id, body, entry };
}

/** A fresh import batch (checked by a dry run from the command line), for the import routes. */
let csvCount = 0;
async function freshImport() {
  const { writeFile } = await import('node:fs/promises');
  const file = `${srv.dbPath}.import-${++csvCount}.csv`;
  await writeFile(file, `Nom;Type;Visibilité\nImport matrice ${uniq()};association;public\n`);
  const imports = await runCli(['import', file, '--kind', 'organizations', '--dry-run', '--db', srv.dbPath]);
  const m = /Import (\d+):/.exec(`${imports.stderr || ''}${imports.stdout || ''}`);
  assert.ok(m, `the command line says which import it made: ${imports.stderr}`);
  return Number(m[1]);
}

/** A code the second factor does not accept now. */
function wrongCode(secret) {
  const valid = new Set([-1, 0, 1].map((s) => totpCode(secret, Date.now() / 1000, s)));
  for (let n = 123456; ; n++) if (!valid.has(String(n))) return String(n);
}

/**
 * The request that exercises a route for a role and kind:
 * { path, form?, json?, client?, target? } (target: a record whose state a
 * refused request must leave alone: { kind, id }).
 */
async function build(route, kind, role) {
  const key = `${route.method} ${route.pattern}`;
  const fixed = kind ? fx.fixed[kind] : null;
  switch (key) {
    case 'GET /healthz': return { path: '/healthz' };
    case 'GET /static/*': return { path: '/static/style.css' };
    case 'GET /': return { path: '/' };
    case 'GET /lang/:code': return { path: '/lang/en?back=%2Forganizations' };
    case 'GET /login': return { path: '/login' };
    case 'POST /login': {
      const who = role === 'anonymous' ? acc.reader : acc[role];
      return { path: '/login', form: { email: who.email, password: who.password } };
    }
    case 'POST /login/code': {
      const first = await postLogin(srv, fx.totp.email, fx.totp.password);
      assert.equal(first.status, 200, `the second-factor sign-in: ${show(first)}`);
      const pending = hiddenValue(first.text, 'pending');
      assert.ok(pending, 'no pending sign-in');
      return { path: '/login/code', form: { pending, code: recovery.pop() } };
    }
    case 'POST /logout':
    case 'POST /account/sessions/end': {
      // On a session of its own: the role's main session goes on.
      const client = role === 'anonymous' ? null : await signInAs(srv, acc[role].email, acc[role].password);
      return { path: route.pattern, form: {}, client, afterwards: route.pattern === '/account/sessions/end' ? 'sign-in-again' : null };
    }
    case 'GET /account': return { path: '/account' };
    case 'POST /account/password': return { path: '/account/password', form: { current: 'pas-le-bon-mot-de-passe', password: 'Un-nouveau-mot-de-passe-1', confirm: 'Un-nouveau-mot-de-passe-1' } };
    case 'POST /account/language': return { path: '/account/language', form: { language: 'fr' } };
    case 'GET /account/totp': return { path: '/account/totp' };
    case 'POST /account/totp': {
      const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
      return { path: '/account/totp', form: { secret, code: wrongCode(secret) } };
    }
    case 'POST /account/totp/disable': return { path: '/account/totp/disable', form: { current: 'pas-le-bon-mot-de-passe' } };
    case 'POST /account/tokens': return { path: '/account/tokens', form: { name: `jeton ${uniq()}` } };
    case 'POST /account/tokens/:id/revoke': {
      let id = 1;
      if (role !== 'anonymous') {
        const made = await sessions[role].form('/account/tokens', { name: `à révoquer ${uniq()}` });
        assert.equal(made.status, 201, show(made));
        id = Math.max(...[...made.text.matchAll(/\/account\/tokens\/(\d+)\/revoke/g)].map((m) => Number(m[1])));
      }
      return { path: `/account/tokens/${id}/revoke`, form: {} };
    }
    case 'POST /accounts/:id/password': {
      const f = await fresh('accounts', role);
      return { path: `/accounts/${f.id}/password`, form: {}, target: { kind: 'accounts', id: f.id } };
    }
    case 'POST /accounts/:id/totp/disable': {
      const f = await fresh('accounts', role);
      return { path: `/accounts/${f.id}/totp/disable`, form: {}, target: { kind: 'accounts', id: f.id } };
    }
    case 'GET /imports': return { path: '/imports' };
    // Without a file: the rule is what is tested here (400 "choose a file" once allowed).
    case 'POST /imports': return { path: '/imports', form: { kind: 'organizations' } };
    case 'GET /imports/:id': return { path: `/imports/${await freshImport()}`, notFoundOk: true };
    case 'GET /imports/:id/progress': return { path: `/imports/${await freshImport()}/progress`, notFoundOk: true };
    case 'POST /imports/:id/settings': return { path: `/imports/${await freshImport()}/settings`, form: { separator: ';' }, notFoundOk: true };
    case 'POST /imports/:id/mapping': return { path: `/imports/${await freshImport()}/mapping`, form: { 'col.0': 'name', 'col.1': 'kind' }, notFoundOk: true };
    case 'POST /imports/:id/dry-run': return { path: `/imports/${await freshImport()}/dry-run`, form: {}, notFoundOk: true };
    case 'POST /imports/:id/commit': return { path: `/imports/${await freshImport()}/commit`, form: {}, notFoundOk: true };
    case 'POST /imports/:id/cancel': return { path: `/imports/${await freshImport()}/cancel`, form: {}, notFoundOk: true };
    case 'POST /imports/:id/undo': return { path: `/imports/${await freshImport()}/undo`, form: {}, conflictOk: true, notFoundOk: true };
    case 'GET /duplicates': return { path: '/duplicates?kind=organizations' };
    case 'GET /duplicates/merge': {
      const a = await fresh('organizations', role), b = await fresh('organizations', role);
      return { path: `/duplicates/merge?kind=organizations&keep=${a.id}&drop=${b.id}` };
    }
    case 'POST /duplicates/merge': {
      const a = await fresh('organizations', role), b = await fresh('organizations', role);
      return { path: '/duplicates/merge', form: { kind: 'organizations', keep: String(a.id), drop: String(b.id) }, target: { kind: 'organizations', id: b.id } };
    }
    case 'POST /merges/:id/undo': return { path: '/merges/999999/undo', form: {}, notFoundOk: true };
    case 'GET /api/v1/duplicates': return { path: '/api/v1/duplicates?kind=organizations' };
    case 'GET /desk': return { path: '/desk' };
    case 'GET /follow-ups/mine': return { path: '/follow-ups/mine' };
    case 'GET /follow-ups/overdue': return { path: '/follow-ups/overdue' };
    case 'GET /roadmap': return { path: '/roadmap' };
    case 'GET /calendar': return { path: '/calendar' };
    case 'POST /calendar/feeds': return { path: '/calendar/feeds', form: { name: `Agenda ${uniq()}`, team: '0' } };
    case 'POST /calendar/feeds/:id/revoke': {
      // The role's own address (another's is not found); visitors and
      // partners have none, and are refused before any is looked up.
      let id = 1;
      if (role !== 'anonymous' && role !== 'partner') {
        const made = await sessions[role].form('/calendar/feeds', { name: `À révoquer ${uniq()}`, team: '0' });
        assert.equal(made.status, 201, show(made));
        id = lastId((await sessions[role].get('/calendar')).text, /\/calendar\/feeds\/(\d+)\/revoke/g);
      }
      return { path: `/calendar/feeds/${id}/revoke`, form: {} };
    }
    case 'GET /calendar/feed/:code': return { path: `/calendar/feed/${fx.feedToken}.ics` };
    case 'GET /interactions/:id/ics': return { path: `/interactions/${fx.fixed.interactions}/ics` };
    case 'GET /notes/:id/download/:code': return { path: `/notes/${fx.fixed.notes}/download/pdf` };
    case 'GET /attachments/:id': return { path: `/attachments/${fx.attachment}` };
    case 'POST /attachments/:id/delete': {
      const f = await fresh('documents', role);
      return { path: `/attachments/${await attachTo('documents', f.id)}/delete`, form: {}, target: { kind: 'documents', id: f.id } };
    }
    case 'POST /transmissions/:id/acknowledge': {
      // A document passed to the role, which it acknowledges (a document
      // is passed to the team's accounts only).
      let id = 1;
      if (role !== 'anonymous' && role !== 'partner') {
        const sent = await srv.form(`/documents/${fx.fixed.documents}/transmit`, { accounts: String(acc[role].id), message: `matrice ${uniq()}` });
        assert.equal(sent.status, 303, show(sent));
        id = lastId((await sessions[role].get('/desk')).text, /\/transmissions\/(\d+)\/acknowledge/g);
      }
      return { path: `/transmissions/${id}/acknowledge`, form: {} };
    }
    case 'GET /api/v1/suggest/:kind': return { path: `/api/v1/suggest/${kind}?q=a` };
    case 'GET /api/v1/:kind/:id/steps': return { path: `/api/v1/${kind}/${fixed}/steps` };
    case 'POST /api/v1/:kind/:id/transitions/:code':
    case 'POST /:kind/:id/actions/:code': {
      // Submitting a fresh note (its validator named); a kind without a workflow has no such action (404).
      const api = route.pattern.startsWith('/api/');
      const id = WORKFLOW.has(kind) ? (await fresh(kind, role)).id : fixed;
      const path = api ? `/api/v1/${kind}/${id}/transitions/submit` : `/${kind}/${id}/actions/submit`;
      const body = { comment: `matrice ${uniq()}` };
      return { path, json: api ? body : undefined, form: api ? undefined : body, target: { kind, id }, notFoundOk: !WORKFLOW.has(kind) };
    }
    // Only the desk's kinds carry files: the others have no such list.
    case 'GET /api/v1/:kind/:id/attachments': return { path: `/api/v1/${kind}/${fixed}/attachments`, notFoundOk: !FILES.includes(kind) };
    case 'POST /api/v1/:kind/:id/attachments':
    case 'POST /:kind/:id/attachments': {
      const f = await fresh(kind, role, { own: true });
      const path = route.pattern.startsWith('/api/') ? `/api/v1/${kind}/${f.id}/attachments` : `/${kind}/${f.id}/attachments`;
      return { path, upload: { filename: `matrice-${uniq()}.pdf`, data: PDF }, target: { kind, id: f.id }, notFoundOk: !FILES.includes(kind) };
    }
    case 'POST /:kind/:id/transmit': {
      // To the administrator, who sees every record.
      const f = await fresh(kind, role, { own: true });
      return { path: `/${kind}/${f.id}/transmit`, form: { accounts: String(acc.administrator.id), message: `matrice ${uniq()}` }, target: { kind, id: f.id } };
    }
    case 'GET /api/v1/:kind/export': return { path: `/api/v1/${kind}/export?format=csv` };
    case 'GET /:kind/export': return { path: `/${kind}/export?format=json` };
    case 'GET /search': return { path: '/search?q=association' };
    case 'GET /bin': return { path: '/bin' };
    case 'GET /privacy': return { path: '/privacy' };
    case 'GET /people/retention': return { path: '/people/retention' };
    case 'GET /people/:id/data': return { path: `/people/${fx.person.id}/data` };
    case 'GET /people/:id/data.json': return { path: `/people/${fx.person.id}/data.json` };
    case 'GET /people/:id/erase': return { path: `/people/${fx.person.id}/erase` };
    case 'POST /people/:id/erase': {
      const f = await fresh('people', role);
      return { path: `/people/${f.id}/erase`, form: {}, target: { kind: 'people', id: f.id } };
    }
    case 'GET /api/v1/openapi.json': return { path: '/api/v1/openapi.json' };
    case 'GET /api/v1/search': return { path: '/api/v1/search?q=association' };
    case 'GET /api/v1/territories': return { path: '/api/v1/territories' };
    case 'GET /api/v1/territories/:code': return { path: '/api/v1/territories/FR' };
    case 'GET /api/v1/sectors': return { path: '/api/v1/sectors' };
    case 'GET /api/v1/sectors/:code': return { path: `/api/v1/sectors/${fx.sector}` };
    case 'GET /api/v1/sdgs': return { path: '/api/v1/sdgs' };
    case 'GET /api/v1/sdgs/:code': return { path: '/api/v1/sdgs/1' };
    case 'GET /api/v1/:kind': return { path: `/api/v1/${kind}` };
    case 'POST /api/v1/:kind': return { path: `/api/v1/${kind}`, json: createBody(kind), creates: kind };
    case 'GET /api/v1/:kind/:id': return { path: `/api/v1/${kind}/${fixed}` };
    case 'PATCH /api/v1/:kind/:id': {
      const f = await fresh(kind, role, { own: true });
      return { path: `/api/v1/${kind}/${f.id}`, json: patchBody(kind), target: { kind, id: f.id } };
    }
    case 'DELETE /api/v1/:kind/:id': {
      const f = await fresh(kind, role);
      return { path: `/api/v1/${kind}/${f.id}`, target: { kind, id: f.id } };
    }
    case 'GET /api/v1/:kind/:id/history': return { path: `/api/v1/${kind}/${fixed}/history` };
    case 'GET /:kind': return { path: `/${kind}` };
    case 'POST /:kind': return { path: `/${kind}`, form: asForm(createBody(kind)), creates: kind };
    case 'GET /:kind/new': return { path: `/${kind}/new` };
    case 'GET /:kind/:id': return { path: `/${kind}/${fixed}` };
    case 'POST /:kind/:id': {
      const f = await fresh(kind, role, { own: true });
      const body = { ...f.body, ...patchBody(kind) };
      return { path: `/${kind}/${f.id}`, form: asForm(body), target: { kind, id: f.id } };
    }
    case 'GET /:kind/:id/edit': return { path: `/${kind}/${fixed}/edit` };
    case 'GET /:kind/:id/delete': return { path: `/${kind}/${fixed}/delete` };
    case 'POST /:kind/:id/delete': {
      const f = await fresh(kind, role);
      return { path: `/${kind}/${f.id}/delete`, form: {}, target: { kind, id: f.id } };
    }
    case 'POST /:kind/:id/restore': {
      const f = await fresh(kind, role, { binned: true });
      return { path: `/${kind}/${f.id}/restore`, form: {}, target: { kind, id: f.id } };
    }
    case 'GET /:kind/:id/history': return { path: `/${kind}/${fixed}/history` };
    case 'POST /:kind/:id/history/:code/restore': {
      const f = await fresh(kind, role, { versions: true });
      return { path: `/${kind}/${f.id}/history/${f.entry}/restore`, form: {}, target: { kind, id: f.id } };
    }
    default:
      throw new Error(`this file does not know how to call ${key}: add a case to build()`);
  }
}

/** Send a built request as a role: API requests with the role's token, pages with its session. */
function send(role, method, req) {
  const api = req.path.startsWith('/api/');
  if (req.upload) {
    // A file, as the record page's form (with its csrf field) or an API client sends it.
    const client = role === 'anonymous' || api ? null : req.client || sessions[role];
    const { body, contentType } = multipartBody(client ? { csrf: client.csrf } : {},
      { name: 'file', filename: req.upload.filename, contentType: 'application/pdf', data: req.upload.data });
    const headers = { 'content-type': contentType, accept: api ? 'application/json' : 'text/html', ...(api ? {} : { 'sec-fetch-site': 'same-origin' }) };
    if (role === 'anonymous') return request(srv.url, method, req.path, { headers, body });
    return api ? tokens[role].request(method, req.path, { headers, body }) : client.request(method, req.path, { headers, body });
  }
  if (role === 'anonymous') {
    const headers = { accept: api ? 'application/json' : 'text/html' };
    let body;
    if (req.form) {
      body = new URLSearchParams(req.form).toString();
      Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' });
    } else if (req.json) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    return request(srv.url, method, req.path, { headers, body });
  }
  if (api) return tokens[role].api(method, req.path, req.json);
  const client = req.client || sessions[role];
  if (method === 'GET') return client.get(req.path, { accept: 'text/html' });
  return client.form(req.path, req.form || {});
}

/**
 * The administrator's view of a record, with its history (where files
 * attached, passings on and workflow steps leave their mark), to see that
 * a refused request changed nothing.
 */
async function snapshot(target) {
  if (!target) return null;
  const res = await srv.get(`/api/v1/${target.kind}/${target.id}`);
  const bin = res.status === 404 ? await srv.get(`/api/v1/${target.kind}?deleted=true&limit=200`) : null;
  const history = await srv.get(`/api/v1/${target.kind}/${target.id}/history`);
  return {
    status: res.status, json: res.json, binned: bin ? bin.json.items.some((r) => r.id === target.id) : false,
    history: history.status === 200 ? history.json.items.map((h) => `${h.id} ${h.action}`) : history.status,
  };
}
async function countOf(kind) {
  return kind ? (await listAll(srv, `/api/v1/${kind}`)).length : null;
}

function outcomeOf(res, role, method, path) {
  if (res.status === 401 || res.status === 403) return R;
  const loc = res.headers.location || '';
  if (role === 'anonymous' && method === 'GET' && !path.startsWith('/api/') && res.status >= 300 && res.status < 400 && loc.startsWith('/login?back='))
    return R;
  return A;
}

test('every route answers every role as its rule says', async (t) => {
  assert.ok(routes.length > 40, `only ${routes.length} routes printed`);
  let calls = 0;
  for (const route of routes) {
    await t.test(`${route.method} ${route.pattern} (${route.rule})`, async (st) => {
      const kinds = route.pattern.includes(':kind') ? Object.keys(KINDS) : [null];
      const problems = [];
      const known = []; // where a product bug the EXCEPTIONS name still shows
      const bugs = new Set();
      for (const kind of kinds) {
        for (const role of ROLES) {
          const expected = expectation(route, kind, role);
          const req = await build(route, kind, role);
          const before = await snapshot(req.target);
          const countBefore = await countOf(req.creates);
          const res = await send(role, route.method, req);
          calls++;
          const got = outcomeOf(res, role, route.method, req.path);
          const what = `${route.method} ${req.path} as ${role}${kind ? ` (${kind})` : ''}`;
          if (got !== expected) {
            const bug = exceptionFor(route, kind, role)?.bug;
            if (bug) bugs.add(bug);
            (bug ? known : problems).push(`${what}: expected ${expected === A ? 'allowed' : 'refused'}, got ${res.status} ${res.headers.location || ''} ${bug ? '(known product bug)' : res.text.slice(0, 200)}`);
          } else if (got === A) {
            // An import belongs to the account that made it: another account's
            // is "not found" once the rule let the request through.
            const notMine = req.notFoundOk && res.status === 404;
            if (!notMine && (res.status >= 500 || res.status === 404 || res.status === 405))
              problems.push(`${what}: allowed but answered ${res.status} ${res.text.slice(0, 200)}`);
          } else {
            // The refusal has the documented shape, and changed nothing.
            const api = req.path.startsWith('/api/');
            if (role === 'anonymous' && api) {
              if (res.status !== 401 || !/^Bearer/.test(res.headers['www-authenticate'] || ''))
                problems.push(`${what}: an anonymous API call should get 401 with WWW-Authenticate: Bearer, got ${res.status} ${res.headers['www-authenticate']}`);
            } else if (role === 'anonymous' && route.method === 'GET') {
              if (res.status !== 303 || res.headers.location !== `/login?back=${encodeURIComponent(req.path.split('?')[0])}`)
                problems.push(`${what}: should redirect to /login?back=, got ${res.status} ${res.headers.location}`);
            } else if (role === 'anonymous') {
              if (res.status !== 401) problems.push(`${what}: should answer 401, got ${res.status}`);
            } else if (res.status !== 403) {
              problems.push(`${what}: a signed-in role should get 403, got ${res.status}`);
            }
            if (req.target) {
              const afterwards = await snapshot(req.target);
              if (JSON.stringify(afterwards) !== JSON.stringify(before)) problems.push(`${what}: refused, yet the record changed`);
            }
            if (req.creates && (await countOf(req.creates)) !== countBefore) problems.push(`${what}: refused, yet a record was created`);
          }
          if (req.afterwards === 'sign-in-again' && role !== 'anonymous') // signing out everywhere ended the role's main session too
            sessions[role] = await signInAs(srv, acc[role].email, acc[role].password);
        }
      }
      assert.deepEqual(problems, []);
      if (known.length) {
        st.todo(`known product bug: ${[...bugs].join('; ')}`);
        assert.deepEqual(known, []);
      }
    });
  }
  assert.ok(calls > 500, `${calls} calls`);
  // Still serving.
  assert.equal((await srv.get('/healthz')).status, 200);
});

test('an editor cannot create accounts or teams, nor raise its own role', async () => {
  const ed = tokens.editor;
  const accountsBefore = await countOf('accounts');
  const teamsBefore = await countOf('teams');
  const create = await ed.api('POST', '/api/v1/accounts', { email: 'pirate@roles.invalid', display_name: 'Pirate', role: 'administrator', language: 'fr' });
  assert.equal(create.status, 403, show(create));
  const form = await sessions.editor.form('/accounts', { email: 'pirate2@roles.invalid', display_name: 'Pirate', role: 'administrator', language: 'fr' });
  assert.equal(form.status, 403, show(form));
  assert.equal((await ed.api('POST', '/api/v1/teams', { name: 'Équipe pirate' })).status, 403);
  assert.equal(await countOf('accounts'), accountsBefore, 'an account was created');
  assert.equal(await countOf('teams'), teamsBefore, 'a team was created');
  // Not even its own account.
  const raise = await ed.api('PATCH', `/api/v1/accounts/${acc.editor.id}`, { role: 'administrator' });
  assert.equal(raise.status, 403, show(raise));
  const raiseForm = await sessions.editor.form(`/accounts/${acc.editor.id}`, { email: acc.editor.email, display_name: 'Éditrice', role: 'administrator', language: 'fr' });
  assert.equal(raiseForm.status, 403, show(raiseForm));
  assert.equal((await srv.get(`/api/v1/accounts/${acc.editor.id}`)).json.role, 'editor');
  // Nor give someone a one-time password, nor read the accounts.
  assert.equal((await sessions.editor.form(`/accounts/${acc.reader.id}/password`, {})).status, 403);
  assert.equal((await ed.get('/api/v1/accounts')).status, 403);
  assert.equal((await sessions.editor.get('/accounts')).status, 403);
  // The editor's pages offer no link to accounts.
  assert.ok(!(await sessions.editor.get('/organizations')).text.includes('href="/accounts"'));
  // Still an editor: it can write the directory.
  assert.equal((await ed.api('POST', '/api/v1/organizations', org({ name: 'Créée par l’éditrice' }))).status, 201);
});

test('a partner updates its own organisation, not another, and creates none', async () => {
  const pt = tokens.partner;
  const mine = await pt.api('PATCH', `/api/v1/organizations/${fx.ownOrg.id}`, { legal_form: 'Association loi 1901' });
  assert.equal(mine.status, 200, show(mine));
  assert.equal(mine.json.legal_form, 'Association loi 1901');
  const mineForm = await sessions.partner.form(`/organizations/${fx.ownOrg.id}`, { name: fx.ownOrg.name, kind: 'association', visibility: 'public', legal_form: 'Association' });
  assert.equal(mineForm.status, 303, show(mineForm));
  assert.equal((await srv.get(`/api/v1/organizations/${fx.ownOrg.id}`)).json.legal_form, 'Association');
  // Another organisation: refused (403 when the partner can see it, 404 when not), unchanged.
  for (const other of [fx.otherOrg, fx.internalOrg]) {
    const before = (await srv.get(`/api/v1/organizations/${other.id}`)).json;
    const patch = await pt.api('PATCH', `/api/v1/organizations/${other.id}`, { legal_form: 'Détournée' });
    assert.ok([403, 404].includes(patch.status), show(patch));
    const form = await sessions.partner.form(`/organizations/${other.id}`, { name: 'Détournée', kind: 'other', visibility: 'public' });
    assert.ok([403, 404].includes(form.status), show(form));
    const del = await pt.api('DELETE', `/api/v1/organizations/${other.id}`);
    assert.equal(del.status, 403, show(del));
    assert.deepEqual((await srv.get(`/api/v1/organizations/${other.id}`)).json, before, `${other.name} changed`);
  }
  assert.equal((await pt.get(`/api/v1/organizations/${fx.internalOrg.id}`)).status, 404, 'a partner sees an internal organisation');
  // No new organisation, by the API or the form.
  const n = await countOf('organizations');
  assert.equal((await pt.api('POST', '/api/v1/organizations', org({ name: 'Créée par le partenaire', visibility: 'public' }))).status, 403);
  assert.equal((await sessions.partner.form('/organizations', { name: 'Créée par formulaire', kind: 'other', visibility: 'public' })).status, 403);
  assert.equal(await countOf('organizations'), n, 'an organisation was created');
  // Nor delete its own, nor move its people's positions to another organisation.
  assert.equal((await pt.api('DELETE', `/api/v1/organizations/${fx.ownOrg.id}`)).status, 403);
  const move = await pt.api('PATCH', `/api/v1/positions/${fx.position.id}`, { organization: fx.otherOrg.id });
  assert.equal(move.status, 403, show(move));
  assert.equal((await srv.get(`/api/v1/positions/${fx.position.id}`)).json.organization, fx.ownOrg.id);
  // A relationship from another organisation is not its to add.
  const rel = await pt.api('POST', '/api/v1/relationships', { subject: fx.otherOrg.id, type: 'funds', object: fx.ownOrg.id });
  assert.equal(rel.status, 403, show(rel));
  // The list page offers it no "New" button.
  assert.ok(!(await sessions.partner.get('/organizations')).text.includes('href="/organizations/new"'));
});

test('a partner cannot take over a person of another organisation by giving them a position at its own', async () => {
  const other = await srv.api('POST', '/api/v1/people', person({ family_name: 'Salariée ailleurs', visibility: 'public' }));
  assert.equal(other.status, 201, show(other));
  const id = other.json.id;
  assert.equal((await srv.api('POST', '/api/v1/positions', { person: id, organization: fx.otherOrg.id, title: 'Directrice' })).status, 201);
  const pt = tokens.partner;
  assert.equal((await pt.api('PATCH', `/api/v1/people/${id}`, { notes: 'détournée' })).status, 403, 'before: refused');
  const before = (await srv.get(`/api/v1/people/${id}`)).json;
  const attach = await pt.api('POST', '/api/v1/positions', { person: id, organization: fx.ownOrg.id, start_date: '2000-01-01', end_date: '2001-01-01' });
  const patch = await pt.api('PATCH', `/api/v1/people/${id}`, { family_name: 'Renommée', notes: 'détournée', visibility: 'internal' });
  assert.deepEqual((await srv.get(`/api/v1/people/${id}`)).json, before, `a partner changed a person of another organisation (attach ${attach.status}, patch ${patch.status})`);
});

test('a reader reads internal records and writes nothing', async () => {
  const rd = tokens.reader;
  const id = fx.internalOrg.id;
  const got = await rd.get(`/api/v1/organizations/${id}`);
  assert.equal(got.status, 200, show(got));
  assert.equal(got.json.name, fx.internalOrg.name);
  assert.ok((await listAll({ get: (p) => rd.get(p) }, '/api/v1/organizations')).some((o) => o.id === id), 'not in the reader\'s list');
  const page = await sessions.reader.get(`/organizations/${id}`);
  assert.equal(page.status, 200, show(page));
  assert.ok(!page.text.includes(`href="/organizations/${id}/edit"`), 'the reader is offered an Edit button');
  assert.ok(!page.text.includes(`href="/organizations/${id}/delete"`), 'the reader is offered a Delete button');
  assert.equal((await sessions.reader.get(`/organizations/${id}/history`)).status, 200, 'a reader reads the history');
  const before = got.json;
  const counts = { organizations: await countOf('organizations'), people: await countOf('people') };
  const refusals = [
    await rd.api('PATCH', `/api/v1/organizations/${id}`, { name: 'Changée par le lecteur' }),
    await rd.api('DELETE', `/api/v1/organizations/${id}`),
    await rd.api('POST', '/api/v1/organizations', org({ name: 'Créée par le lecteur' })),
    await rd.api('POST', '/api/v1/people', person({ family_name: 'Lecteur' })),
    await sessions.reader.form(`/organizations/${id}`, { name: 'Changée', kind: 'other', visibility: 'internal' }),
    await sessions.reader.form('/organizations', { name: 'Créée', kind: 'other', visibility: 'internal' }),
    await sessions.reader.form(`/organizations/${id}/delete`, {}),
    await sessions.reader.api('PATCH', `/api/v1/organizations/${id}`, { name: 'Changée par session' }),
  ];
  for (const res of refusals) assert.equal(res.status, 403, show(res));
  assert.equal((await sessions.reader.get('/organizations/new')).status, 403);
  assert.equal((await sessions.reader.get(`/organizations/${id}/edit`)).status, 403);
  assert.deepEqual((await srv.get(`/api/v1/organizations/${id}`)).json, before, 'the record changed');
  assert.deepEqual({ organizations: await countOf('organizations'), people: await countOf('people') }, counts, 'a record was created');
});

test('a rule this file does not know fails the matrix', async () => {
  assert.throws(() => expectation({ method: 'POST', pattern: '/:kind/:id/validate', rule: 'kind-validate' }, 'organizations', 'editor'),
    /not in this file's expectation table/);
  await assert.rejects(build({ method: 'GET', pattern: '/reports/:slug', rule: 'anyone' }, null, 'reader'), /does not know how to call/);
});
