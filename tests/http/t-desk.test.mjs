// t-desk.test.mjs - the working desk, as its users meet it: notes through
// their workflow (API and pages), the Markdown policy and preview,
// interactions and follow-ups with their dates, timelines, attachments,
// internal transmission, the roadmap, the desk itself and the note as a
// DOCX, ODT or PDF document.  One server on a fresh database, accounts of
// every role made for the purpose; dates are relative to the server's
// today (TZ=UTC here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import {
  startServer, show, count, listAll, addAccount, signInAs, cliToken, bearerClient, multipartBody, unescapeHtml, request,
} from './harness.mjs';

const ENV = { PASSERELLE_ARGON2_FAST: '1', TZ: 'UTC' };
const NB = '\u00a0'; // French typography: a no-break space before ":" and inside « »

let srv;
const u = {}; // name -> { id, email, name, api (bearer client), web (session client) }
let team; // the validating team, of which only u.teamValidator is a member
let ownOrg; // the partner's organisation
let serial = 0;
const uniq = () => `${process.pid}-${++serial}`;

/** The date `n` days from the server's today (UTC), YYYY-MM-DD. */
const day = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
/** 2026-03-14 → 14/03/2026, as the French pages show dates. */
const frDate = (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

before(async () => {
  srv = await startServer({ env: ENV });
  const mk = async (p, body) => {
    const res = await srv.api('POST', p, body);
    assert.equal(res.status, 201, `${p}: ${show(res)}`);
    return res.json;
  };
  team = await mk('/api/v1/teams', { name: 'Cellule de validation' });
  ownOrg = await mk('/api/v1/organizations', { name: 'Association partenaire du bureau', kind: 'association', visibility: 'public' });
  const people = {
    author: { role: 'editor', name: 'Aline Rédactrice' },
    validator: { role: 'validator', name: 'Bruno Valideur' },
    otherValidator: { role: 'validator', name: 'Chloé Autre-Valideuse' },
    teamValidator: { role: 'validator', name: 'Damien Valideur-Équipe', teams: [team.id] },
    admin: { role: 'administrator', name: 'Estelle Administratrice' },
    reader: { role: 'reader', name: 'Émile Lecteur' },
    partner: { role: 'partner', name: 'Fanny Partenaire', organization: ownOrg.id },
  };
  await Promise.all(Object.entries(people).map(async ([key, p]) => {
    const acc = await addAccount(srv, { email: `${key.toLowerCase()}@bureau.invalid`, env: ENV, ...p });
    const api = bearerClient(srv, await cliToken(srv, acc.email, 'desk'));
    const web = await signInAs(srv, acc.email, acc.password);
    u[key] = { ...acc, name: p.name, api, web };
  }));
});
after(async () => { await srv?.stop(); });

// ---- helpers ----

/** A new note written by `by` (a user of u), as JSON; status 201 checked. */
async function newNote(by, overrides = {}) {
  const res = await by.api.api('POST', '/api/v1/notes', {
    title: `Note ${uniq()}`, note_type: 'briefing', date: day(0), body: '# Objet\n\nTexte de la note.', visibility: 'internal', ...overrides,
  });
  assert.equal(res.status, 201, show(res));
  return res.json;
}
/** Fire a transition through the API as `by`. */
const fire = (by, id, name, body = {}) => by.api.api('POST', `/api/v1/notes/${id}/transitions/${name}`, body);
/** The note as the administrator reads it. */
const noteOf = async (id) => (await srv.get(`/api/v1/notes/${id}`)).json;
/** The fields a problem+json answer names. */
function fieldsOf(res) {
  assert.match(res.headers['content-type'] || '', /^application\/problem\+json/, show(res));
  return res.json.errors.map((e) => e.field);
}
function assertProblem(res, status, field, what = '') {
  assert.equal(res.status, status, `${what} ${show(res)}`);
  if (field !== undefined) assert.ok(fieldsOf(res).includes(field), `${what}: the error should name "${field}": ${res.text}`);
}
/** The section labelled by heading `id` (the desk's boxes, the record page's panels), or ''. */
function section(html, id) {
  const m = new RegExp(`<section\\b[^>]*aria-labelledby="${id}"[^>]*>[\\s\\S]*?</section>`).exec(html);
  return m ? m[0] : '';
}
/** What a reader reads: the text of some HTML, tags dropped, entities decoded, spaces collapsed. */
const textOf = (html) => unescapeHtml(html.replace(/<[^>]*>/g, ' ')).replace(/[ \t\n]+/g, ' ').trim();
/** The error paragraph of a page, as text. */
const pageError = (html) => textOf(/<p class="error"[^>]*>[\s\S]*?<\/p>/.exec(html)?.[0] || '');
/** The workflow buttons a page offers (their data-action). */
const actionsOffered = (html) => [...section(html, 'workflow-h').matchAll(/<button\b[^>]*data-action="([a-z]+)"/g)].map((m) => m[1]);

/** A minimal valid one-page PDF showing `text` (ASCII), with a correct cross-reference table. */
function makePdf(text) {
  const stream = `BT /F1 12 Tf 10 50 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 100] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Upload a file as the record page's form does (session, csrf field), or through the API (bearer). */
function uploadForm(client, path, filename, data, contentType = 'application/octet-stream') {
  const { body, contentType: ct } = multipartBody({ csrf: client.csrf }, { name: 'file', filename, contentType, data });
  return client.request('POST', path, { headers: { 'content-type': ct, 'sec-fetch-site': 'same-origin' }, body });
}
function uploadApi(api, path, filename, data, contentType = 'application/octet-stream') {
  const { body, contentType: ct } = multipartBody({}, { name: 'file', filename, contentType, data });
  return api.request('POST', path, { headers: { 'content-type': ct, accept: 'application/json' }, body });
}
const attachmentsOf = async (plural, id) => {
  const res = await srv.get(`/api/v1/${plural}/${id}/attachments`);
  assert.equal(res.status, 200, show(res));
  return res.json.items;
};
const searchIds = async (q, kind) => (await srv.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).json.items
  .filter((it) => it.kind === kind).map((it) => it.id);

/** The entries of a zip archive (stored or deflated), by name. */
function unzip(buf) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip archive');
  const entries = new Map();
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = buf.readUInt16LE(eocd + 10); i > 0; i--) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'a damaged central directory');
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20), nameLen = buf.readUInt16LE(p + 28);
    const skip = buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32), local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    entries.set(name, method === 0 ? data : inflateRawSync(data));
    p += 46 + nameLen + skip;
  }
  return entries;
}
function pdfText(buf) {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-', '-'], { timeout: 20_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
    child.stdin.end(buf);
  });
}

// ---- notes: the workflow through the API ----

test('the status of a note is the workflow\'s: given in a POST or a PATCH it is refused, nothing written', async () => {
  const before = await count(srv, 'notes');
  for (const status of ['validated', 'submitted']) {
    const res = await u.author.api.api('POST', '/api/v1/notes', { title: 'Déjà validée', note_type: 'briefing', date: day(0), status, visibility: 'internal' });
    assertProblem(res, 422, 'status', `POST with status ${status}`);
  }
  assert.equal(await count(srv, 'notes'), before, 'a note was written');
  const n = await newNote(u.author);
  assert.equal(n.status, 'draft', 'a new note is a draft');
  assert.equal(n.author, u.author.id, 'the author is who wrote it');
  const patch = await u.author.api.api('PATCH', `/api/v1/notes/${n.id}`, { status: 'validated', title: 'Changée en passant' });
  assertProblem(patch, 422, 'status', 'PATCH with a status');
  assert.deepEqual(await noteOf(n.id), n, 'the note changed');
});

test('submitting needs a validator; a submitted note is frozen until it is returned', async () => {
  const n = await newNote(u.author);
  const none = await fire(u.author, n.id, 'submit');
  assertProblem(none, 422, 'validator', 'submit without a validator');
  assert.equal((await noteOf(n.id)).status, 'draft');
  assert.deepEqual((await u.author.api.get(`/api/v1/notes/${n.id}/steps`)).json.steps, [], 'a refused action left a step');

  assert.equal((await u.author.api.api('PATCH', `/api/v1/notes/${n.id}`, { validator: u.validator.id })).status, 200);
  const sub = await fire(u.author, n.id, 'submit', { comment: 'Pour validation avant vendredi.' });
  assert.equal(sub.status, 200, show(sub));
  assert.equal(sub.json.record.status, 'submitted');
  assert.equal(typeof sub.json.step, 'number');

  const frozen = await noteOf(n.id);
  const patch = await u.author.api.api('PATCH', `/api/v1/notes/${n.id}`, { title: 'Retouchée après soumission' });
  assertProblem(patch, 409, undefined, 'PATCH of a submitted note');
  assert.match(patch.json.errors[0].message, /ne peut plus être modifiée/, patch.text);
  const formEdit = await u.author.web.form(`/notes/${n.id}`, { title: 'Retouchée par le formulaire', note_type: 'briefing', date: day(0), visibility: 'internal' });
  assert.equal(formEdit.status, 409, show(formEdit));
  assert.deepEqual(await noteOf(n.id), frozen, 'the submitted note changed');
  // Its page offers no Edit button any more.
  assert.ok(!(await u.author.web.get(`/notes/${n.id}`)).text.includes(`href="/notes/${n.id}/edit"`), 'an Edit button on a submitted note');
});

test('no one validates their own note, even a validator or an administrator; nor a note submitted to another', async () => {
  // A validator who names themselves.
  const own = await newNote(u.validator, { validator: u.validator.id });
  assert.equal((await fire(u.validator, own.id, 'submit')).status, 200);
  const self = await fire(u.validator, own.id, 'validate');
  assertProblem(self, 403, undefined, 'a validator validating their own note');
  assert.match(self.json.errors[0].message, /Nul ne peut valider sa propre note/, self.text);
  // An administrator, who may validate anything but their own.
  const adminOwn = await newNote(u.admin, { validator: u.validator.id });
  assert.equal((await fire(u.admin, adminOwn.id, 'submit')).status, 200);
  assertProblem(await fire(u.admin, adminOwn.id, 'validate'), 403, undefined, 'an administrator validating their own note');
  // Another validator than the one named.
  const n = await newNote(u.author, { validator: u.validator.id });
  assert.equal((await fire(u.author, n.id, 'submit')).status, 200);
  const other = await fire(u.otherValidator, n.id, 'validate');
  assertProblem(other, 403, undefined, 'a validator not named');
  assert.match(other.json.errors[0].message, /Seul le valideur à qui elle a été soumise/, other.text);
  assertProblem(await fire(u.author, n.id, 'validate'), 403, undefined, 'the author, an editor');
  for (const id of [own.id, adminOwn.id, n.id]) assert.equal((await noteOf(id)).status, 'submitted', `note ${id} left "submitted"`);
  // The administrator may validate another's note; the named validator validates the validator's.
  assert.equal((await fire(u.admin, n.id, 'validate')).json.record.status, 'validated');
  assert.equal((await fire(u.admin, own.id, 'validate')).json.record.status, 'validated');
});

test('returning needs a comment; the author edits the returned note and submits it again; the named validator validates', async () => {
  const n = await newNote(u.author, { validator: u.validator.id });
  assert.equal((await fire(u.author, n.id, 'submit')).status, 200);
  const bare = await fire(u.validator, n.id, 'return');
  assertProblem(bare, 422, 'comment', 'return without a comment');
  assertProblem(await fire(u.validator, n.id, 'return', { comment: '   \n' }), 422, 'comment', 'return with a blank comment');
  assert.equal((await noteOf(n.id)).status, 'submitted');
  const ret = await fire(u.validator, n.id, 'return', { comment: 'Préciser le calendrier du projet.' });
  assert.equal(ret.status, 200, show(ret));
  assert.equal(ret.json.record.status, 'returned');
  const edit = await u.author.api.api('PATCH', `/api/v1/notes/${n.id}`, { body: '# Objet\n\nCalendrier : mars à juin.' });
  assert.equal(edit.status, 200, show(edit));
  assert.equal(edit.json.body, '# Objet\n\nCalendrier : mars à juin.');
  assert.equal((await fire(u.author, n.id, 'resubmit')).json.record.status, 'submitted');
  const ok = await fire(u.validator, n.id, 'validate', { comment: 'Bon pour diffusion.' });
  assert.equal(ok.status, 200, show(ok));
  assert.equal(ok.json.record.status, 'validated');
  assert.equal((await noteOf(n.id)).status, 'validated');
  const steps = (await srv.get(`/api/v1/notes/${n.id}/steps`)).json.steps;
  assert.deepEqual(steps.map((s) => [s.transition, s.from, s.to]),
    [['submit', 'draft', 'submitted'], ['return', 'submitted', 'returned'], ['resubmit', 'returned', 'submitted'], ['validate', 'submitted', 'validated']]);
});

test('a validator of the validating team may validate; a validator outside it may not', async () => {
  const n = await newNote(u.author, { validator_team: team.id });
  assert.equal((await fire(u.author, n.id, 'submit')).status, 200, 'a team is enough to submit');
  assertProblem(await fire(u.otherValidator, n.id, 'validate'), 403, undefined, 'a validator outside the team');
  assert.equal((await noteOf(n.id)).status, 'submitted');
  const ok = await fire(u.teamValidator, n.id, 'validate');
  assert.equal(ok.status, 200, show(ok));
  assert.equal(ok.json.record.status, 'validated');
});

test('an action not possible in the note\'s state is 409 through the API; an unknown one 404', async () => {
  const n = await newNote(u.author, { validator: u.validator.id });
  const early = await fire(u.validator, n.id, 'validate');
  assertProblem(early, 409, 'status', 'validating a draft');
  const send = await fire(u.author, n.id, 'send', { recipients: [`account:${u.reader.id}`] });
  assertProblem(send, 409, 'status', 'sending a draft');
  assertProblem(await fire(u.author, n.id, 'resubmit'), 409, 'status', 'resubmitting a draft');
  assertProblem(await fire(u.author, n.id, 'publish'), 404, 'transition', 'an unknown action');
  assert.equal((await noteOf(n.id)).status, 'draft');
  assert.deepEqual((await srv.get(`/api/v1/notes/${n.id}/steps`)).json, { steps: [], distribution: [] });
});

test('a reader and a partner cannot submit a note they can see', async () => {
  const n = await newNote(u.author, { validator: u.validator.id, visibility: 'public' });
  for (const who of ['reader', 'partner']) {
    assert.equal((await u[who].api.get(`/api/v1/notes/${n.id}`)).status, 200, `the ${who} sees the public note`);
    assertProblem(await fire(u[who], n.id, 'submit'), 403, undefined, `the ${who} submitting`);
    const page = await u[who].web.form(`/notes/${n.id}/actions/submit`, {});
    assert.equal(page.status, 403, `the ${who} submitting from the page: ${show(page)}`);
  }
  assert.equal((await noteOf(n.id)).status, 'draft');
});

test('sending a validated note needs recipients, and records each one and when', async () => {
  const p = await srv.api('POST', '/api/v1/people', {
    given_name: 'Gaëlle', family_name: 'Destinataire', emails: ['gaelle@partenaire.invalid'], legal_basis: 'consent', legal_basis_date: '2025-01-01', visibility: 'internal',
  });
  assert.equal(p.status, 201, show(p));
  const n = await newNote(u.author, { validator: u.validator.id });
  await fire(u.author, n.id, 'submit');
  await fire(u.validator, n.id, 'validate');
  assertProblem(await fire(u.author, n.id, 'send', {}), 422, 'recipients', 'send to nobody');
  assertProblem(await fire(u.author, n.id, 'send', { recipients: [] }), 422, 'recipients', 'send to an empty list');
  assertProblem(await fire(u.author, n.id, 'send', { recipients: ['person:999999'] }), 422, 'recipients', 'send to no one that exists');
  const sent = await fire(u.author, n.id, 'send', { recipients: [`account:${u.reader.id}`, `person:${p.json.id}`], comment: 'Pour information.' });
  assert.equal(sent.status, 200, show(sent));
  assert.equal(sent.json.record.status, 'validated', 'sending keeps the note validated');
  const { steps, distribution } = (await u.author.api.get(`/api/v1/notes/${n.id}/steps`)).json;
  const step = steps.at(-1);
  assert.deepEqual([step.transition, step.from, step.to, step.comment], ['send', 'validated', 'validated', 'Pour information.']);
  assert.deepEqual(distribution.map((d) => [d.step, d.recipient_kind, d.recipient_id, d.label, d.email]), [
    [step.id, 'account', u.reader.id, u.reader.name, u.reader.email],
    [step.id, 'person', p.json.id, 'Gaëlle Destinataire', 'gaelle@partenaire.invalid'],
  ]);
  for (const d of distribution) assert.match(d.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  // The note's page lists them too.
  const page = await u.author.web.get(`/notes/${n.id}`);
  const panel = section(page.text, 'workflow-h');
  const dist = panel.includes('class="distribution"') ? textOf(panel.slice(panel.indexOf('class="distribution"'))) : '';
  assert.ok(textOf(panel).includes('Diffusion'), 'no distribution heading');
  for (const who of [u.reader.name, 'Gaëlle Destinataire', 'gaelle@partenaire.invalid']) assert.ok(dist.includes(who), `the distribution table does not name ${who}: ${dist}`);
});

test('every step records who, from, to, the comment and the version, which the history lists', async () => {
  const n = await newNote(u.author, { validator: u.validator.id });
  await fire(u.author, n.id, 'submit', { comment: 'Première version.' });
  await fire(u.validator, n.id, 'return', { comment: 'À reprendre.' });
  await fire(u.author, n.id, 'resubmit');
  await fire(u.validator, n.id, 'validate');
  const { steps } = (await u.reader.api.get(`/api/v1/notes/${n.id}/steps`)).json;
  assert.deepEqual(steps.map((s) => [s.transition, s.from, s.to, s.account, s.actor, s.comment]), [
    ['submit', 'draft', 'submitted', u.author.id, u.author.name, 'Première version.'],
    ['return', 'submitted', 'returned', u.validator.id, u.validator.name, 'À reprendre.'],
    ['resubmit', 'returned', 'submitted', u.author.id, u.author.name, null],
    ['validate', 'submitted', 'validated', u.validator.id, u.validator.name, null],
  ]);
  const history = (await u.reader.api.get(`/api/v1/notes/${n.id}/history`)).json.items;
  for (const s of steps) {
    assert.match(s.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const entry = history.find((h) => h.id === s.version);
    assert.ok(entry, `the version of step ${s.transition} (${s.version}) is not in the history`);
    assert.equal(entry.action, `workflow:${s.transition}`);
    assert.deepEqual(entry.changes.status, { old: s.from, new: s.to, erased: false });
  }
  // The history page holds each version, and the note's page links each step to it.
  const page = await u.reader.web.get(`/notes/${n.id}/history`);
  assert.equal(page.status, 200, show(page));
  for (const s of steps) assert.ok(page.text.includes(`id="entry-${s.version}"`), `the history page lacks version ${s.version}`);
  const note = await u.reader.web.get(`/notes/${n.id}`);
  for (const s of steps) assert.ok(note.text.includes(`href="/notes/${n.id}/history#entry-${s.version}"`), `the step ${s.transition} does not link its version`);
  const stepsText = textOf(/<ol class="steps">[\s\S]*?<\/ol>/.exec(note.text)?.[0] || '');
  assert.ok(stepsText.includes('À reprendre.') && stepsText.includes(u.validator.name), stepsText);
});

test('a note frozen by its workflow is binned by an administrator only; a draft by its author', async () => {
  const draft = await newNote(u.author);
  assert.equal((await u.author.api.api('DELETE', `/api/v1/notes/${draft.id}`)).status, 204, 'the author bins a draft');
  const n = await newNote(u.author, { validator: u.validator.id });
  await fire(u.author, n.id, 'submit');
  for (const who of ['author', 'validator']) {
    assertProblem(await u[who].api.api('DELETE', `/api/v1/notes/${n.id}`), 409, undefined, `the ${who} binning a submitted note`);
    const form = await u[who].web.form(`/notes/${n.id}/delete`, {});
    assert.equal(form.status, 409, `the ${who} binning it from the page: ${show(form)}`);
  }
  assert.equal((await noteOf(n.id)).status, 'submitted', 'the submitted note left');
  assert.equal((await u.admin.api.api('DELETE', `/api/v1/notes/${n.id}`)).status, 204, 'an administrator bins it');
  assert.equal((await u.author.api.get(`/api/v1/notes/${n.id}`)).status, 404);
});

// ---- notes: the pages ----

test('through the pages: an action redirects with ?done=, an impossible one is 409 with the French message, Valider is the named validator\'s', async () => {
  const created = await u.author.web.form('/notes', {
    title: 'Compte rendu du comité de pilotage', note_type: 'minutes', date: day(0), body: '# Comité\n\n- point un', visibility: 'internal', validator: String(u.validator.id),
  });
  assert.equal(created.status, 303, show(created));
  const id = Number(/^\/notes\/(\d+)\?saved=1$/.exec(created.headers.location)?.[1]);
  assert.ok(id > 0, created.headers.location);

  // Validating a draft: the note's page again, with why, and its state.
  const early = await u.validator.web.form(`/notes/${id}/actions/validate`, {});
  assert.equal(early.status, 409, show(early));
  assert.equal(pageError(early.text), `Cette action n’est pas possible dans l’état actuel${NB}: «${NB}Brouillon${NB}».`);
  assert.match(section(early.text, 'workflow-h'), /<strong class="state" data-state="draft">Brouillon<\/strong>/);
  assert.equal((await noteOf(id)).status, 'draft');

  const sub = await u.author.web.form(`/notes/${id}/actions/submit`, { comment: 'Relu par l’équipe.' });
  assert.equal(sub.status, 303, show(sub));
  assert.equal(sub.headers.location, `/notes/${id}?done=submit#workflow-h`);
  const after = await u.author.web.get(sub.headers.location.split('#')[0]);
  assert.ok(section(after.text, 'workflow-h').includes('Note soumise à validation.'), 'no notice after submitting');
  assert.match(section(after.text, 'workflow-h'), /data-state="submitted">Soumise à validation</);

  // The Validate button: the named validator's only.
  const offered = async (who) => actionsOffered((await u[who].web.get(`/notes/${id}`)).text);
  assert.deepEqual(await offered('validator'), ['return', 'validate']);
  assert.match(section((await u.validator.web.get(`/notes/${id}`)).text, 'workflow-h'), /data-action="validate">Valider<\/button>/);
  assert.deepEqual(await offered('otherValidator'), []);
  assert.deepEqual(await offered('reader'), []);
  assert.deepEqual(await offered('author'), ['withdraw'], 'the author may only withdraw');
  // Another validator pressing it anyway: 403, the note unchanged.
  const other = await u.otherValidator.web.form(`/notes/${id}/actions/validate`, {});
  assert.equal(other.status, 403, show(other));
  assert.match(pageError(other.text), /Seul le valideur à qui elle a été soumise/);

  // Returning without a comment from the page: 422, the French message.
  const bare = await u.validator.web.form(`/notes/${id}/actions/return`, { comment: '' });
  assert.equal(bare.status, 422, show(bare));
  assert.equal(pageError(bare.text), 'Indiquez le motif dans un commentaire.');

  const ok = await u.validator.web.form(`/notes/${id}/actions/validate`, {});
  assert.equal(ok.status, 303, show(ok));
  assert.equal(ok.headers.location, `/notes/${id}?done=validate#workflow-h`);
  const done = await u.validator.web.get(`/notes/${id}?done=validate`);
  assert.ok(section(done.text, 'workflow-h').includes('Note validée.'));
  assert.deepEqual(actionsOffered(done.text), ['send'], 'a validated note offers only sending to its validator');
});

test('the named validator\'s desk lists the submitted note under "En attente de ma validation" until it is validated', async () => {
  const title = `Note de synthèse pour le bureau ${uniq()}`;
  const n = await newNote(u.author, { title, validator: u.validator.id });
  const waiting = async (who) => section((await u[who].web.get('/desk')).text, 'desk-validate');
  assert.ok(!(await waiting('validator')).includes(title), 'a draft waits for validation');
  await fire(u.author, n.id, 'submit');
  const box = await waiting('validator');
  assert.match(box, /<h2 id="desk-validate">En attente de ma validation <span class="count">\d+<\/span><\/h2>/);
  assert.ok(box.includes(`<a href="/notes/${n.id}">${title}</a>`), `the desk does not list the note: ${box}`);
  assert.ok(!(await waiting('otherValidator')).includes(title), 'another validator\'s desk lists it');
  assert.ok(!(await waiting('author')).includes(title), 'the author\'s desk lists it as waiting for their validation');
  // The author sees it among their notes in progress.
  const mine = section((await u.author.web.get('/desk')).text, 'desk-notes');
  assert.ok(mine.includes(title) && mine.includes('Soumise à validation'), mine);
  await fire(u.validator, n.id, 'validate');
  assert.ok(!(await waiting('validator')).includes(title), 'still waiting once validated');
  assert.ok(!section((await u.author.web.get('/desk')).text, 'desk-notes').includes(title), 'a validated note is still "in progress"');
});

// ---- Markdown ----

test('hostile Markdown is refused naming "body", through the API and the form, writing nothing', async () => {
  const bodies = {
    script: '# Titre\n\n<script>alert(1)</script>',
    raw: 'Du texte <b>raw</b> en gras.',
    link: 'Voir [x](javascript:alert(1)).',
    img: 'Une image <img src=x onerror=alert(1)>',
  };
  const before = await count(srv, 'notes');
  for (const [name, body] of Object.entries(bodies)) {
    const api = await u.author.api.api('POST', '/api/v1/notes', { title: `Piégée ${name}`, note_type: 'briefing', date: day(0), body, visibility: 'internal' });
    assertProblem(api, 422, 'body', `${name} (API)`);
    assert.deepEqual(fieldsOf(api), ['body'], `${name}: only the body is wrong`);
    const form = await u.author.web.form('/notes', { title: `Piégée ${name}`, note_type: 'briefing', date: day(0), body, visibility: 'internal' });
    assert.equal(form.status, 422, `${name} (form): ${show(form)}`);
    const err = textOf(/<p class="field-error" id="err-body">[\s\S]*?<\/p>/.exec(form.text)?.[0] || '');
    assert.ok(err, `${name} (form): no error on the body`);
    assert.ok(!/<script>alert|<img src=x|<b>raw/.test(form.text), `${name}: the form page carries the raw HTML`);
  }
  assert.match(textOf((await u.author.api.api('POST', '/api/v1/notes', { title: 'x', note_type: 'briefing', date: day(0), body: bodies.link, visibility: 'internal' })).json.errors[0].message), /javascript:/);
  assert.equal(await count(srv, 'notes'), before, 'a refused note was written');
  // Nor by changing an existing note.
  const n = await newNote(u.author);
  assertProblem(await u.author.api.api('PATCH', `/api/v1/notes/${n.id}`, { body: bodies.script }), 422, 'body');
  assert.equal((await noteOf(n.id)).body, n.body);
});

test('valid Markdown reads as HTML on the note\'s page (headings, lists, tables), without raw HTML', async () => {
  const body = '# Relevé de décisions\n\n- Convention signée\n- Budget **voté**\n\n| Action | Échéance |\n|---|---|\n| Lettre | mars |\n\n'
    + 'Un `<b>` cité, 2 < 3 & [site](https://www.example.org).';
  const n = await newNote(u.author, { body });
  const page = await u.reader.web.get(`/notes/${n.id}`);
  assert.equal(page.status, 200, show(page));
  const md = /<div class="markdown">([\s\S]*?)<\/div>/.exec(page.text)?.[1] || '';
  // A heading, under the page's own (the note's title stays the one <h1>).
  assert.match(md, /<h([1-6])>Relevé de décisions<\/h\1>/);
  assert.equal((page.text.match(/<h1\b/g) || []).length, 1, 'the note\'s text adds a second <h1> to the page');
  assert.match(md, /<li>Convention signée<\/li>/);
  assert.match(md, /<strong>voté<\/strong>/);
  assert.match(md, /<table>[\s\S]*<th>Action<\/th>[\s\S]*<td>Lettre<\/td>[\s\S]*<\/table>/);
  assert.match(md, /<code>&lt;b&gt;<\/code>/, 'code is shown as text');
  assert.match(md, /2 &lt; 3 &amp; <a href="https:\/\/www\.example\.org">site<\/a>/);
  assert.ok(!/<b>|<script|\son[a-z]+=/i.test(md), `raw HTML on the page: ${md}`);
});

test('the form\'s "Aperçu" button shows the preview and writes nothing', async () => {
  const form = await u.author.web.get('/notes/new');
  assert.match(form.text, /<button type="submit" name="_preview" value="1"[^>]*>Aperçu<\/button>/);
  const before = await count(srv, 'notes');
  const fields = { title: 'Brouillon en aperçu', note_type: 'briefing', date: day(0), visibility: 'internal' };
  const prev = await u.author.web.form('/notes', { ...fields, body: '# Titre de l’aperçu\n\n- premier point\n\n| a | b |\n|---|---|\n| 1 | 2 |', _preview: '1' });
  assert.equal(prev.status, 200, show(prev));
  const shown = section(prev.text, 'preview-h');
  assert.match(shown, /<h2 id="preview-h">Aperçu<\/h2>/);
  assert.match(shown, /<h([1-6])>Titre de l’aperçu<\/h\1>[\s\S]*<li>premier point<\/li>[\s\S]*<table>/);
  assert.match(prev.text, /<textarea[^>]*name="body"[^>]*>\s*# Titre de l’aperçu/, 'the text typed is given back to edit');
  // Hostile text: refused in the preview too, never rendered.
  const bad = await u.author.web.form('/notes', { ...fields, body: '<script>alert(1)</script>', _preview: '1' });
  assert.equal(bad.status, 422, show(bad));
  assert.equal(section(bad.text, 'preview-h'), '', 'a preview of refused text');
  assert.ok(bad.text.includes('id="err-body"'));
  assert.ok(!bad.text.includes('<script>alert'));
  // Previewing a stored note's edit writes nothing either.
  const n = await newNote(u.author);
  const edit = await u.author.web.form(`/notes/${n.id}`, { ...fields, title: n.title, body: '# Autre texte', _preview: '1' });
  assert.equal(edit.status, 200, show(edit));
  assert.equal((await noteOf(n.id)).body, n.body);
  assert.equal(await count(srv, 'notes'), before + 1, 'a preview wrote a note');
});

// ---- interactions and follow-ups ----

const meeting = (overrides = {}) => ({ subject: `Réunion ${uniq()}`, type: 'meeting', starts_at: `${day(-3)} 10:00`, timezone: 'America/Marigot', visibility: 'internal', ...overrides });

test('an interaction\'s start is read as typed (ISO or French) and stored as 2026-03-14T10:30; a bad one or an end before it is refused', async () => {
  for (const typed of ['2026-03-14 10:30', '14/03/2026 10:30', '2026-03-14T10:30']) {
    const res = await u.author.api.api('POST', '/api/v1/interactions', meeting({ starts_at: typed }));
    assert.equal(res.status, 201, `${typed}: ${show(res)}`);
    assert.equal(res.json.starts_at, '2026-03-14T10:30', typed);
  }
  const viaForm = await u.author.web.form('/interactions', { ...meeting({ starts_at: '14/03/2026 10:30' }) });
  assert.equal(viaForm.status, 303, show(viaForm));
  const id = /\/interactions\/(\d+)/.exec(viaForm.headers.location)[1];
  assert.equal((await srv.get(`/api/v1/interactions/${id}`)).json.starts_at, '2026-03-14T10:30');
  assert.ok(textOf((await u.author.web.get(`/interactions/${id}`)).text).includes('14/03/2026 10:30'), 'the page shows the start in French');
  const before = await count(srv, 'interactions');
  for (const bad of ['2026-02-30 10:30', '14/03/2026 25:00', 'mardi prochain', '2026-03-14']) {
    const res = await u.author.api.api('POST', '/api/v1/interactions', meeting({ starts_at: bad }));
    assertProblem(res, 422, 'starts_at', `"${bad}"`);
    assert.match(res.json.errors[0].message, /Date et heure non valides/);
  }
  assertProblem(await u.author.api.api('POST', '/api/v1/interactions', meeting({ starts_at: '2026-03-14 10:30', ends_at: '2026-03-14 09:30' })), 422, 'ends_at', 'ends before it starts');
  const form = await u.author.web.form('/interactions', meeting({ starts_at: '2026-03-14 10:30', ends_at: '13/03/2026 18:00' }));
  assert.equal(form.status, 422, show(form));
  assert.ok(form.text.includes('id="err-ends_at"'));
  assert.equal(await count(srv, 'interactions'), before, 'a refused interaction was written');
});

test('meetings, notes, documents and follow-ups list newest first, page after page, the same moment by the last entered first', async () => {
  const far = await Promise.all(['2031-01-01 09:00', '2031-01-01 09:00', '2030-12-31 18:00'].map(async (at, i) => {
    const res = await u.author.api.api('POST', '/api/v1/interactions', meeting({ starts_at: at, subject: `Réunion lointaine ${i} ${uniq()}` }));
    assert.equal(res.status, 201, show(res));
    return res.json;
  }));
  const [a, b, c] = far;
  const [first, second] = a.id > b.id ? [a, b] : [b, a];
  const paged = await listAll(srv, '/api/v1/interactions', 3);
  assert.deepEqual(paged.slice(0, 3).map((x) => x.id), [first.id, second.id, c.id], 'the furthest ahead first, same moment: last entered first');
  assert.equal(new Set(paged.map((x) => x.id)).size, paged.length, 'no meeting on two pages');
  assert.equal(paged.length, (await listAll(srv, '/api/v1/interactions', 200)).length, 'none left out by the pages');
  for (let i = 1; i < paged.length; i++) {
    const [p, q] = [paged[i - 1], paged[i]];
    assert.ok(p.starts_at > q.starts_at || (p.starts_at === q.starts_at && p.id > q.id), `${p.starts_at}#${p.id} before ${q.starts_at}#${q.id}`);
  }
  // The list page in French shows them in that order too.
  const page = unescapeHtml((await u.author.web.get('/interactions')).text);
  const at = (x) => page.indexOf(x.subject);
  assert.ok(at(first) > 0 && at(first) < at(second) && at(second) < at(c), 'the page lists the newest first');
  assert.match(page, /<th scope="col" aria-sort="descending">Début<\/th>/, 'and its date column says so');
  // And so do the other dated kinds.
  for (const [date, subject] of [[day(-30), 'Courrier ancien'], [day(-2), 'Courrier récent']]) {
    const res = await u.author.api.api('POST', '/api/v1/documents', { subject: `${subject} ${uniq()}`, date, direction: 'received', visibility: 'internal' });
    assert.equal(res.status, 201, show(res));
    const fu = await srv.api('POST', '/api/v1/follow-ups', { title: `Répondre : ${subject} ${uniq()}`, owner: u.author.id, due_date: date, status: 'open', visibility: 'internal' });
    assert.equal(fu.status, 201, show(fu));
  }
  for (const [plural, date] of [['notes', 'date'], ['documents', 'date'], ['follow-ups', 'due_date']]) {
    const items = await listAll(srv, `/api/v1/${plural}`, 2);
    assert.ok(items.length >= 2, `${plural}: some to compare`);
    for (let i = 1; i < items.length; i++)
      assert.ok(items[i - 1][date] >= items[i][date], `${plural}: ${items[i - 1][date]} before ${items[i][date]}`);
  }
  // A search still ranks by relevance; a forged cursor is refused.
  const bad = await srv.get('/api/v1/interactions?after=2031-01-01T09:00~x');
  assert.equal(bad.status, 400, show(bad));
});

test('dated lists between two days: from and until, ISO or French, through the API, the page and the export; a bad day named', async () => {
  const tag = uniq();
  const docs = {};
  for (const [key, date] of [['before', day(-40)], ['inside', day(-20)], ['last', day(-10)], ['after', day(-5)]]) {
    const res = await u.author.api.api('POST', '/api/v1/documents', { subject: `Courrier borné ${key} ${tag}`, date, direction: 'received', visibility: 'internal' });
    assert.equal(res.status, 201, show(res));
    docs[key] = res.json;
  }
  const mine = (items) => items.filter((d) => d.subject.endsWith(tag)).map((d) => d.subject.split(' ')[2]);
  assert.deepEqual(mine(await listAll(srv, `/api/v1/documents?from=${day(-20)}&until=${day(-10)}`)), ['last', 'inside'], 'both days included, newest first');
  assert.deepEqual(mine(await listAll(srv, `/api/v1/documents?from=${frDate(day(-21))}`)), ['after', 'last', 'inside'], 'a French day');
  assert.deepEqual(mine(await listAll(srv, `/api/v1/documents?until=${day(-11)}`)), ['inside', 'before']);
  // A meeting's start has a time: "until" takes the whole day.
  const meetings = await listAll(srv, '/api/v1/interactions?from=2030-12-31&until=2030-12-31');
  assert.ok(meetings.length >= 1 && meetings.every((m) => m.starts_at.startsWith('2030-12-31')), JSON.stringify(meetings.map((m) => m.starts_at)));
  // Bad days and bounds where there is no date: 400 naming the parameter.
  for (const [p, field] of [['/api/v1/documents?from=31/02/2026', 'from'], ['/api/v1/documents?until=hier', 'until'], ['/api/v1/organizations?from=2026-01-01', 'from']]) {
    const res = await srv.get(p);
    assert.equal(res.status, 400, `${p}: ${show(res)}`);
    assert.ok(res.json.errors.some((e) => e.field === field), `${p}: ${res.text}`);
  }
  // The page: the two days in the filter form, the records between them.
  const page = await u.author.web.get(`/documents?from=${day(-20)}&until=${day(-10)}`);
  assert.equal(page.status, 200, show(page));
  const text = unescapeHtml(page.text);
  assert.ok(text.includes(docs.inside.subject) && text.includes(docs.last.subject), 'the records between the days are listed');
  assert.ok(!text.includes(docs.before.subject) && !text.includes(docs.after.subject), 'the others are not');
  assert.match(page.text, new RegExp(`<label for="filter-from">Du</label><input type="date" id="filter-from" name="from" value="${day(-20)}">`));
  assert.match(page.text, /<label for="filter-until">Au<\/label>/);
  const bad = await u.author.web.get('/documents?from=31/02/2026');
  assert.match(unescapeHtml(bad.text), /Du\s*:\s*Date non valide/, 'the page names the bad day in French');
  // The export of the page exports what it shows.
  const csv = await u.author.web.get(`/documents/export?format=csv&from=${day(-20)}&until=${day(-10)}`);
  assert.equal(csv.status, 200, show(csv));
  assert.ok(csv.text.includes(docs.inside.subject) && !csv.text.includes(docs.before.subject), 'the export keeps the days');
});

test('a follow-up may not be due before the meeting it comes from', async () => {
  const m = (await u.author.api.api('POST', '/api/v1/interactions', meeting({ starts_at: '2026-03-14 10:30' }))).json;
  const before = await count(srv, 'follow-ups');
  const fu = { title: 'Envoyer le compte rendu', owner: u.author.id, status: 'open', interaction: m.id, visibility: 'internal' };
  const api = await u.author.api.api('POST', '/api/v1/follow-ups', { ...fu, due_date: '2026-03-13' });
  assertProblem(api, 422, 'due_date', 'due the day before the meeting');
  assert.equal(api.json.errors[0].message, 'L’échéance est antérieure à la réunion dont elle découle (2026-03-14).');
  const form = await u.author.web.form('/follow-ups', { ...fu, owner: String(u.author.id), interaction: String(m.id), due_date: '13/03/2026' });
  assert.equal(form.status, 422, show(form));
  assert.equal(textOf(/<p class="field-error" id="err-due_date">[\s\S]*?<\/p>/.exec(form.text)?.[0] || ''),
    'L’échéance est antérieure à la réunion dont elle découle (2026-03-14).');
  assert.equal(await count(srv, 'follow-ups'), before, 'a refused follow-up was written');
  const sameDay = await u.author.api.api('POST', '/api/v1/follow-ups', { ...fu, due_date: '2026-03-14' });
  assert.equal(sameDay.status, 201, `due the day of the meeting: ${show(sameDay)}`);
});

test('my follow-ups, the overdue ones and the desk\'s week: each lists what it should', async () => {
  const owner = u.teamValidator; // nobody else gives them follow-ups
  const mk = async (title, due, status = 'open', who = owner) => {
    const res = await srv.api('POST', '/api/v1/follow-ups', { title, owner: who.id, due_date: due, status, visibility: 'internal' });
    assert.equal(res.status, 201, show(res));
    return res.json;
  };
  const late = await mk('Relancer la CTM (en retard)', day(-1));
  const soon = await mk('Préparer la mission (demain)', day(1));
  const going = await mk('Rédiger la convention (en cours)', day(6), 'in_progress');
  const far = await mk('Bilan annuel (dans un mois)', day(30));
  const done = await mk('Courrier déjà envoyé', day(-2), 'done');
  const someoneElse = await mk('Suite de quelqu’un d’autre', day(-1), 'open', u.reader);
  const links = (html) => [...html.matchAll(/<a href="\/follow-ups\/(\d+)">/g)].map((m) => Number(m[1]));
  const table = (html) => /<table class="followups">[\s\S]*?<\/table>/.exec(html)?.[0] || '';

  const mine = await owner.web.get('/follow-ups/mine');
  assert.equal(mine.status, 200, show(mine));
  assert.deepEqual(links(table(mine.text)), [late.id, soon.id, going.id, far.id], 'my open follow-ups, soonest first');
  assert.match(table(mine.text), new RegExp(`<tr class="overdue"><td><a href="/follow-ups/${late.id}">`), 'the late one is not marked overdue');

  const overdue = await owner.web.get('/follow-ups/overdue');
  assert.equal(overdue.status, 200, show(overdue));
  const od = links(table(overdue.text));
  assert.ok(od.includes(late.id) && od.includes(someoneElse.id), `overdue: ${od}`);
  for (const f of [soon, going, far, done]) assert.ok(!od.includes(f.id), `"${f.title}" listed as overdue`);

  const desk = section((await owner.web.get('/desk')).text, 'desk-followups');
  assert.match(desk, /<h2 id="desk-followups">Mes suites à donner à échéance dans les sept jours <span class="count">3<\/span>/);
  assert.deepEqual(links(desk), [late.id, soon.id, going.id], 'the desk shows the week\'s follow-ups');
  assert.ok(textOf(desk).includes(frDate(day(1))), 'the due date is shown in French');
  // A follow-up done leaves my list.
  assert.equal((await srv.api('PATCH', `/api/v1/follow-ups/${soon.id}`, { status: 'done' })).status, 200);
  assert.ok(!links(table((await owner.web.get('/follow-ups/mine')).text)).includes(soon.id), 'a done follow-up is still mine to do');
});

// ---- timelines ----

test('an organisation\'s and a person\'s timeline: last contact, what is pending with them, what is ahead, the past newest first', async () => {
  const o = (await srv.api('POST', '/api/v1/organizations', { name: `OECS ${uniq()}`, kind: 'regional_org', visibility: 'internal' })).json;
  const p = (await srv.api('POST', '/api/v1/people', { given_name: 'Hugo', family_name: `Contact ${uniq()}`, legal_basis: 'consent', legal_basis_date: '2025-01-01', visibility: 'internal' })).json;
  assert.ok(o?.id && p?.id, 'fixtures');
  const past = (await u.author.api.api('POST', '/api/v1/interactions', meeting({ subject: 'Réunion passée', starts_at: `${day(-20)} 09:15`, organizations: [o.id], people: [p.id] }))).json;
  const future = (await u.author.api.api('POST', '/api/v1/interactions', meeting({ subject: 'Réunion à venir', type: 'video', starts_at: `${day(15)} 14:00`, organizations: [o.id], people: [p.id] }))).json;
  const fu = (await u.author.api.api('POST', '/api/v1/follow-ups', {
    title: 'Transmettre le dossier', owner: u.author.id, due_date: day(-5), status: 'open', interaction: past.id, organizations: [o.id], people: [p.id], visibility: 'internal',
  })).json;
  const closed = (await u.author.api.api('POST', '/api/v1/follow-ups', {
    title: 'Appel fait', owner: u.author.id, due_date: day(-10), status: 'done', organizations: [o.id], people: [p.id], visibility: 'internal',
  })).json;
  assert.ok(past?.id && future?.id && fu?.id && closed?.id, 'fixtures');
  for (const path of [`/organizations/${o.id}`, `/people/${p.id}`]) {
    const page = await u.reader.web.get(path);
    assert.equal(page.status, 200, show(page));
    const tl = section(page.text, 'timeline-h');
    assert.ok(tl, `${path}: no timeline`);
    const summary = textOf(/<p class="summary">[\s\S]*?<\/p>/.exec(tl)?.[0] || '');
    assert.equal(summary, `Dernier contact${NB}: ${frDate(day(-20))} 09:15 · Suites à donner en cours${NB}: 1`, path);
    assert.ok(tl.includes(`<a href="/interactions/${past.id}">${frDate(day(-20))} 09:15</a>`), `${path}: the last contact does not link the meeting`);
    // "À venir" first (soonest first), then "Passé" (newest first).
    const lists = [...tl.matchAll(/<h3>([^<]*)<\/h3><ol class="timeline-items">([\s\S]*?)<\/ol>/g)];
    assert.deepEqual(lists.map((m) => m[1]), ['À venir', 'Passé'], `${path}: the timeline's two parts`);
    const order = (html) => [...html.matchAll(/<a href="\/(interactions|follow-ups)\/(\d+)">/g)].map((m) => `${m[1]}/${m[2]}`);
    assert.deepEqual(order(lists[0][2]), [`interactions/${future.id}`], `${path}: what is ahead`);
    assert.deepEqual(order(lists[1][2]), [`follow-ups/${fu.id}`, `follow-ups/${closed.id}`, `interactions/${past.id}`], `${path}: not newest first`);
    assert.match(tl, new RegExp(`<li class="overdue">[^]*?href="/follow-ups/${fu.id}"`), `${path}: the overdue follow-up is not marked`);
  }
});

// ---- attachments ----

test('a PDF attached by the form and the API is listed, downloaded as sent, found by its text and name, and removed', async () => {
  const doc = (await u.author.api.api('POST', '/api/v1/documents', { subject: 'Lettre du secrétariat', date: day(-3), direction: 'received', visibility: 'internal' })).json;
  const pdf = makePdf('Invitation au Quetzalcoatlus annuel');
  // By the page's form.
  const form = await uploadForm(u.author.web, `/documents/${doc.id}/attachments`, 'proces-verbal-ornithorynque.pdf', pdf, 'application/pdf');
  assert.equal(form.status, 303, show(form));
  assert.equal(form.headers.location, `/documents/${doc.id}#attachments-h`);
  // By the API (another name for the same bytes, and a second file).
  const other = makePdf('Annexe budgetaire');
  const api = await uploadApi(u.author.api, `/api/v1/documents/${doc.id}/attachments`, 'annexe.pdf', other, 'application/pdf');
  assert.equal(api.status, 201, show(api));
  assert.equal(typeof api.json.id, 'number');
  const list = await attachmentsOf('documents', doc.id);
  assert.deepEqual(list.map((a) => [a.filename, a.type, a.size]), [['proces-verbal-ornithorynque.pdf', 'application/pdf', pdf.length], ['annexe.pdf', 'application/pdf', other.length]]);
  assert.equal(list[1].id, api.json.id);
  // The page lists them with name, type and size.
  const page = section((await u.reader.web.get(`/documents/${doc.id}`)).text, 'attachments-h');
  assert.ok(page.includes(`<a href="/attachments/${list[0].id}">proces-verbal-ornithorynque.pdf</a>`), page);
  assert.ok(textOf(page).includes(`application/pdf · ${pdf.length} o`), textOf(page));
  // The download: the same bytes, typed, named.
  const dl = await u.reader.web.get(`/attachments/${list[0].id}`);
  assert.equal(dl.status, 200, show(dl));
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.match(dl.headers['content-disposition'], /filename="proces-verbal-ornithorynque\.pdf"/);
  assert.ok(dl.body.equals(pdf), 'the download is not the file sent');
  // Search finds the document by the PDF's text and by the file's name.
  assert.deepEqual(await searchIds('Quetzalcoatlus', 'document'), [doc.id], 'the PDF\'s text is not searchable');
  assert.deepEqual(await searchIds('ornithorynque', 'document'), [doc.id], 'the file name is not searchable');
  // Removal.
  const del = await u.author.web.form(`/attachments/${list[0].id}/delete`, {});
  assert.equal(del.status, 303, show(del));
  assert.deepEqual((await attachmentsOf('documents', doc.id)).map((a) => a.filename), ['annexe.pdf']);
  assert.ok(!section((await u.reader.web.get(`/documents/${doc.id}`)).text, 'attachments-h').includes('ornithorynque'), 'still on the page');
  assert.equal((await u.reader.web.get(`/attachments/${list[0].id}`)).status, 404, 'a removed file is still served');
  assert.deepEqual(await searchIds('Quetzalcoatlus', 'document'), [], 'a removed file is still searched');
});

test('HTML, a program, a file over 20 MB, a reader\'s file and a file for a submitted note are refused, nothing stored', async () => {
  const doc = (await u.author.api.api('POST', '/api/v1/documents', { subject: 'Document aux pièces refusées', date: day(-1), direction: 'sent', visibility: 'internal' })).json;
  const path = `/documents/${doc.id}/attachments`;
  const html = '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>';
  const form = await uploadForm(u.author.web, path, 'lettre.pdf', html, 'application/pdf');
  assert.equal(form.status, 422, show(form));
  assert.equal(pageError(form.text), `Ce type de fichier n’est pas accepté (text/html)${NB}: seuls les PDF, documents bureautiques, textes, images et courriels le sont.`);
  const elf = await readFile('/bin/true');
  const prog = await uploadApi(u.author.api, `/api/v1${path}`, 'true.pdf', elf);
  assertProblem(prog, 422, 'file', 'an ELF program');
  assert.match(prog.json.errors[0].message, /\(application\/x-(sharedlib|executable|pie-executable)\)/, 'the detected type is not named');
  const huge = Buffer.concat([makePdf('Gros fichier'), Buffer.alloc(20 * 1024 * 1024 + 1, 0x20)]);
  const big = await uploadApi(u.author.api, `/api/v1${path}`, 'gros.pdf', huge, 'application/pdf');
  assertProblem(big, 422, 'file', 'over 20 MB');
  assert.equal(big.json.errors[0].message, `Le fichier est trop volumineux${NB}: 20 Mo au maximum.`);
  const pdf = makePdf('Piece du lecteur');
  assert.equal((await uploadForm(u.reader.web, path, 'lecteur.pdf', pdf)).status, 403, 'a reader attached by the form');
  assert.equal((await uploadApi(u.reader.api, `/api/v1${path}`, 'lecteur.pdf', pdf)).status, 403, 'a reader attached by the API');
  assert.deepEqual(await attachmentsOf('documents', doc.id), [], 'a refused file was stored');
  // A submitted note is frozen: its files too.
  const n = await newNote(u.author, { validator: u.validator.id });
  assert.equal((await uploadApi(u.author.api, `/api/v1/notes/${n.id}/attachments`, 'avant.pdf', pdf)).status, 201, 'a draft takes files');
  await fire(u.author, n.id, 'submit');
  assertProblem(await uploadApi(u.author.api, `/api/v1/notes/${n.id}/attachments`, 'apres.pdf', pdf), 409, undefined, 'a file for a submitted note');
  assert.equal((await uploadForm(u.author.web, `/notes/${n.id}/attachments`, 'apres.pdf', pdf)).status, 409);
  const files = await attachmentsOf('notes', n.id);
  assert.deepEqual(files.map((a) => a.filename), ['avant.pdf']);
  assert.equal((await u.author.web.form(`/attachments/${files[0].id}/delete`, {})).status, 409, 'a file removed from a submitted note');
  assert.equal((await attachmentsOf('notes', n.id)).length, 1);
});

// ---- internal transmission ----

test('a document passed to a colleague waits on their desk until they acknowledge it', async () => {
  const subject = `Invitation de l’ACS ${uniq()}`;
  const doc = (await u.author.api.api('POST', '/api/v1/documents', { subject, date: day(-2), direction: 'received', visibility: 'internal' })).json;
  const none = await u.author.web.form(`/documents/${doc.id}/transmit`, { message: 'Pour suite à donner' });
  assert.equal(none.status, 422, show(none));
  assert.equal(pageError(none.text), 'Choisissez au moins un collègue.');
  const sent = await u.author.web.form(`/documents/${doc.id}/transmit`, { accounts: String(u.reader.id), message: 'Pour suite à donner' });
  assert.equal(sent.status, 303, show(sent));
  const box = section((await u.reader.web.get('/desk')).text, 'desk-acknowledge');
  assert.match(box, /<h2 id="desk-acknowledge">Accusés de réception en attente <span class="count">1<\/span>/);
  assert.ok(box.includes(`<a href="/documents/${doc.id}">${subject}</a>`), box);
  assert.ok(textOf(box).includes(`${u.author.name} ·`) && textOf(box).includes('Pour suite à donner'), textOf(box));
  assert.equal(section((await u.author.web.get('/desk')).text, 'desk-acknowledge').includes(subject), false, 'the sender has it to acknowledge');
  const tid = /\/transmissions\/(\d+)\/acknowledge/.exec(box)[1];
  // Not the sender's to acknowledge.
  assert.equal((await u.author.web.form(`/transmissions/${tid}/acknowledge`, {})).status, 404);
  const ack = await u.reader.web.form(`/transmissions/${tid}/acknowledge`, {});
  assert.equal(ack.status, 303, show(ack));
  assert.equal(ack.headers.location, '/desk');
  assert.ok(!section((await u.reader.web.get('/desk')).text, 'desk-acknowledge').includes(subject), 'still to acknowledge');
  const row = /<table class="transmissions">[\s\S]*?<\/table>/.exec((await u.author.web.get(`/documents/${doc.id}`)).text)?.[0] || '';
  const cells = [...row.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => unescapeHtml(m[1]));
  assert.equal(cells[0], u.reader.name);
  assert.equal(cells[2], u.author.name);
  assert.equal(cells[3], 'Pour suite à donner');
  assert.match(cells[4], /^\d\d\/\d\d\/\d{4} \d\d:\d\d UTC$/, `the acknowledgement time is not shown: ${cells}`);
  assert.equal((await u.reader.web.form(`/transmissions/${tid}/acknowledge`, {})).status, 404, 'acknowledged twice');
});

// ---- roadmap ----

test('the roadmap shows each axis with its actions, their average progress and what carries each out', async () => {
  const axis = (await srv.api('POST', '/api/v1/roadmap-axes', { number: 7, name: `Axe coopération régionale ${uniq()}`, visibility: 'internal' })).json;
  const a20 = (await srv.api('POST', '/api/v1/roadmap-actions', { axis: axis.id, title: 'Ouvrir une antenne', status: 'in_progress', progress: 20, owner: u.author.id, visibility: 'internal' })).json;
  const a60 = (await srv.api('POST', '/api/v1/roadmap-actions', { axis: axis.id, title: 'Signer la convention', status: 'in_progress', progress: 60, visibility: 'internal' })).json;
  assert.ok(a20?.id && a60?.id, 'fixtures');
  await u.author.api.api('POST', '/api/v1/interactions', meeting({ roadmap_actions: [a60.id] }));
  await u.author.api.api('POST', '/api/v1/documents', { subject: 'Projet de convention', date: day(-1), direction: 'sent', roadmap_actions: [a60.id], visibility: 'internal' });
  await newNote(u.author, { roadmap_actions: [a60.id] });
  const page = await u.reader.web.get('/roadmap');
  assert.equal(page.status, 200, show(page));
  const sec = [...page.text.matchAll(/<section class="axis">[\s\S]*?<\/section>/g)].map((m) => m[0]).find((s) => s.includes(`/roadmap-axes/${axis.id}"`));
  assert.ok(sec, 'the axis is not on the roadmap');
  assert.ok(textOf(sec).startsWith(`7. ${axis.name}`), textOf(sec));
  assert.match(/<p class="axis-progress">[\s\S]*?<\/p>/.exec(sec)[0], /aria-label="Avancement 40 %"[\s\S]*40 %/, 'the average of 20 % and 60 %');
  const rows = Object.fromEntries([...sec.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((m) => {
    const cells = [...m[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1]));
    return [cells[0], cells];
  }));
  assert.equal(rows['Ouvrir une antenne']?.[4], '20 %');
  assert.equal(rows['Ouvrir une antenne']?.[1], u.author.name, 'the owner is not named');
  assert.equal(rows['Ouvrir une antenne']?.[6], '0');
  assert.equal(rows['Signer la convention']?.[4], '60 %');
  assert.equal(rows['Signer la convention']?.[6], '3', 'a meeting, a document and a note carry it out');
});

// ---- downloads ----

test('a note downloads as DOCX, ODT and PDF; once validated the document names its validator', async () => {
  const title = 'Note sur la coopération Ébène';
  const n = await newNote(u.author, { title, validator: u.validator.id, body: '# Contexte\n\n- un point\n\n| a | b |\n|---|---|\n| 1 | 2 |' });
  const get = (f) => u.reader.web.get(`/notes/${n.id}/download/${f}`);
  const types = {
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    odt: 'application/vnd.oasis.opendocument.text',
    pdf: 'application/pdf',
  };
  const draftDocx = await get('docx');
  assert.equal(draftDocx.status, 200, show(draftDocx));
  const draftXml = unzip(draftDocx.body).get('word/document.xml')?.toString('utf8') || '';
  assert.ok(draftXml.includes(title), 'the DOCX lacks the title');
  assert.ok(!draftXml.includes('Validée par'), 'a draft says it was validated');
  await fire(u.author, n.id, 'submit');
  await fire(u.validator, n.id, 'validate');
  for (const [f, type] of Object.entries(types)) {
    const res = await get(f);
    assert.equal(res.status, 200, `${f}: ${show(res)}`);
    assert.equal(res.headers['content-type'], type, f);
    assert.match(res.headers['content-disposition'], new RegExp(`^attachment; .*filename\\*=UTF-8''${encodeURIComponent(title).replace(/[().*]/g, '\\$&')}\\.${f}$`), f);
  }
  const docx = unzip((await get('docx')).body);
  assert.ok(docx.has('[Content_Types].xml'), 'not an OOXML package');
  const xml = docx.get('word/document.xml')?.toString('utf8') || '';
  assert.ok(xml.includes(title), 'the DOCX lacks the title');
  assert.ok(xml.includes('Validée par') && xml.includes(u.validator.name), 'the DOCX does not name its validator');
  assert.ok(xml.includes(u.author.name), 'the DOCX does not name its author');
  const odt = unzip((await get('odt')).body);
  assert.equal(odt.get('mimetype')?.toString(), 'application/vnd.oasis.opendocument.text');
  const content = odt.get('content.xml')?.toString('utf8') || '';
  assert.ok(content.includes(title) && content.includes(u.validator.name), 'the ODT lacks the title or the validator');
  const pdf = (await get('pdf')).body;
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const text = await pdfText(pdf);
  assert.ok(text.includes(title) && text.includes(u.validator.name), `the PDF lacks the title or the validator: ${text.slice(0, 300)}`);
  for (const f of ['rtf', 'DOCX', 'docx.exe']) assert.equal((await get(f)).status, 404, `format ${f}`);
  assert.equal((await u.reader.web.get('/notes/999999/download/pdf')).status, 404);
});

test('the home address leads the team to its desk and a partner to the directory', async () => {
  for (const [who, where] of [['author', '/desk'], ['reader', '/desk'], ['validator', '/desk'], ['partner', '/organizations']]) {
    const res = await u[who].web.get('/');
    assert.equal(res.headers.location, where, `${who}: ${show(res)}`);
  }
  const desk = await u.partner.web.get('/desk');
  assert.equal(desk.status, 403, `the desk is the team's, not a partner's: ${show(desk)}`);
});

// ---- what was once wrong (found by these tests, fixed since) ----

test('no one validates their own note by naming someone else its author', async () => {
  // Given at creation, or rewritten before submitting: the own-note rule must still hold.
  const given = await u.validator.api.api('POST', '/api/v1/notes', {
    title: 'Écrite par moi, signée par un autre', note_type: 'briefing', date: day(0), visibility: 'internal', validator: u.validator.id, author: u.otherValidator.id,
  });
  if (given.status === 201) {
    assert.equal(given.json.author, u.validator.id, 'the author is who wrote it, whatever the body says');
    await fire(u.validator, given.json.id, 'submit');
    assertProblem(await fire(u.validator, given.json.id, 'validate'), 403, undefined, 'validating a note one wrote');
  }
  const n = await newNote(u.validator, { validator: u.validator.id });
  const rewrite = await u.validator.api.api('PATCH', `/api/v1/notes/${n.id}`, { author: null });
  assert.equal((await noteOf(n.id)).author, u.validator.id, `the author was changed (${rewrite.status})`);
  await fire(u.validator, n.id, 'submit');
  assertProblem(await fire(u.validator, n.id, 'validate'), 403, undefined, 'validating one\'s own note once its author is blanked');
});

test('what passes inside the team stays inside it: a visitor and a partner see no transmission, step comment or distribution of a public record', async () => {
  const doc = (await u.author.api.api('POST', '/api/v1/documents', { subject: 'Appel à projets public', date: day(-1), direction: 'received', visibility: 'public' })).json;
  assert.equal((await u.author.web.form(`/documents/${doc.id}/transmit`, { accounts: String(u.reader.id), message: 'Avis interne : ne pas répondre' })).status, 303);
  const n = await newNote(u.author, { validator: u.validator.id, visibility: 'public' });
  await fire(u.author, n.id, 'submit', { comment: 'Commentaire interne de soumission' });
  const anonymous = { get: (p) => request(srv.url, 'GET', p, { headers: { accept: 'text/html' } }) };
  for (const [name, client] of [['an anonymous visitor', anonymous], ['a partner', u.partner.web]]) {
    const docPage = await client.get(`/documents/${doc.id}`);
    assert.equal(docPage.status, 200, show(docPage));
    assert.ok(!docPage.text.includes('Avis interne'), `${name} reads the message passed inside the team`);
    assert.ok(!docPage.text.includes(u.reader.name), `${name} reads who it was passed to`);
    const notePage = await client.get(`/notes/${n.id}`);
    assert.ok(!notePage.text.includes('Commentaire interne'), `${name} reads the workflow's comments`);
    assert.ok(!/data-state="draft"/.test(notePage.text), `${name} is told a submitted note is a draft`);
  }
  const steps = await request(srv.url, 'GET', `/api/v1/notes/${n.id}/steps`, { headers: { accept: 'application/json' } });
  assert.ok(!steps.text.includes('Commentaire interne'), `an anonymous API client reads the workflow's comments: ${steps.text}`);
});

test('a partner cannot pass a record of the desk to colleagues, nor list them', async () => {
  const doc = (await u.author.api.api('POST', '/api/v1/documents', { subject: 'Document public transmis', date: day(-1), direction: 'received', visibility: 'public' })).json;
  const page = await u.partner.web.get(`/documents/${doc.id}`);
  assert.ok(!page.text.includes(`action="/documents/${doc.id}/transmit"`), 'a partner is offered to pass it on');
  assert.ok(!page.text.includes(u.validator.name), 'a partner reads the names of the team\'s accounts');
  const sent = await u.partner.web.form(`/documents/${doc.id}/transmit`, { accounts: String(u.reader.id), message: 'du partenaire' });
  assert.equal(sent.status, 403, show(sent));
  assert.ok(!section((await u.reader.web.get('/desk')).text, 'desk-acknowledge').includes('Document public transmis'), 'the partner\'s passing reached a desk');
});

test('erasing a person erases the files attached to them', async () => {
  const p = (await srv.api('POST', '/api/v1/people', { given_name: 'Zoé', family_name: 'Àeffacer', legal_basis: 'consent', legal_basis_date: '2025-01-01', visibility: 'internal' })).json;
  const up = await uploadApi(u.author.api, `/api/v1/people/${p.id}/attachments`, 'cv-zoe.pdf', makePdf('Curriculum de Zoe'));
  if (up.status !== 201) return; // files only on the desk's records: nothing to erase
  assert.equal((await srv.form(`/people/${p.id}/erase`, {})).status, 303);
  assert.deepEqual(await attachmentsOf('people', p.id), [], 'the erased person\'s CV is still attached');
  assert.equal((await srv.get(`/attachments/${up.json.id}`)).status, 404, 'the erased person\'s CV is still served');
});
