// t-bad-input.test.mjs - bad input is refused with a message naming the
// field, and writes nothing; bad addresses, methods and parameters get the
// right status.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, show, org, person, count, luhnValid, luhnCheckDigit, formFields, findTag, attr, unescapeHtml } from './harness.mjs';

let srv; // the default body limit
let small; // PASSERELLE_MAX_BODY=2048
let ids; // records the references point at
before(async () => {
  [srv, small] = await Promise.all([startServer(), startServer({ env: { PASSERELLE_MAX_BODY: '2048' } })]);
  const a = await srv.api('POST', '/api/v1/organizations', org({ name: 'Organisation A' }));
  const b = await srv.api('POST', '/api/v1/organizations', org({ name: 'Organisation B' }));
  const p = await srv.api('POST', '/api/v1/people', person());
  assert.equal(a.status, 201, show(a));
  assert.equal(b.status, 201, show(b));
  assert.equal(p.status, 201, show(p));
  ids = { a: a.json.id, b: b.json.id, p: p.json.id };
});
after(async () => { await Promise.all([srv?.stop(), small?.stop()]); });

const KINDS = ['organizations', 'people', 'positions', 'relationships'];
async function counts(s = srv) {
  const out = {};
  for (const k of KINDS) out[k] = await count(s, k);
  out.bin = await count(s, 'organizations', 'deleted=true');
  return out;
}

/** A problem+json answer with `status` naming `field` in errors[]. */
function assertProblem(res, statuses, field, what) {
  const ok = Array.isArray(statuses) ? statuses : [statuses];
  assert.ok(ok.includes(res.status), `${what}: expected ${ok.join(' or ')}, got ${show(res)}`);
  assert.match(res.headers['content-type'] || '', /^application\/problem\+json/, `${what}: content type`);
  assert.ok(res.json, `${what}: the body is not JSON: ${res.text}`);
  assert.equal(res.json.status, res.status, `${what}: status in the body`);
  assert.equal(typeof res.json.title, 'string', `${what}: title`);
  assert.ok(Array.isArray(res.json.errors) && res.json.errors.length > 0, `${what}: no errors[]`);
  for (const e of res.json.errors) {
    assert.equal(typeof e.field, 'string', `${what}: errors[].field is not a string: ${JSON.stringify(e)}`);
    assert.equal(typeof e.message, 'string', `${what}: errors[].message`);
    assert.ok(e.message.length > 0);
  }
  if (field) {
    const fields = Array.isArray(field) ? field : [field];
    assert.ok(res.json.errors.some((e) => fields.includes(e.field)),
      `${what}: errors name ${res.json.errors.map((e) => e.field)}, not ${fields.join(' or ')}`);
  }
}

/** Post (or patch) a bad body; check the problem and that nothing was written. */
async function refused(method, path, body, statuses, field, what, headers) {
  const before = await counts();
  const res = await srv.api(method, path, body, headers);
  assertProblem(res, statuses, field, what);
  assert.deepEqual(await counts(), before, `${what}: something was written`);
  return res;
}

test('Luhn helper agrees with the SIREN examples', () => {
  assert.equal(luhnValid('732829320'), true);
  assert.equal(luhnValid('732829321'), false);
  assert.equal(luhnCheckDigit('73282932'), '0');
});

test('a SIREN is accepted with its check digit and refused with any other', async () => {
  for (const prefix of ['12345678', '55208131', '40483304']) {
    const good = prefix + luhnCheckDigit(prefix);
    const bad = prefix + String((Number(luhnCheckDigit(prefix)) + 1) % 10);
    assert.ok(luhnValid(good) && !luhnValid(bad));
    await refused('POST', '/api/v1/organizations', org({ siren: bad }), 422, 'siren', `SIREN ${bad}`);
    const siret = `${good}0001`;
    const goodSiret = siret + luhnCheckDigit(siret);
    const ok = await srv.api('POST', '/api/v1/organizations', org({ name: `SIREN ${good}`, siren: good, siret: goodSiret }));
    assert.equal(ok.status, 201, `SIREN ${good}, SIRET ${goodSiret}: ${show(ok)}`);
    assert.equal(ok.json.siren, good);
    assert.equal(ok.json.siret, goodSiret);
    assert.equal((await srv.api('DELETE', `/api/v1/organizations/${ok.json.id}`)).status, 204);
  }
});

test('invalid UTF-8 in a JSON body is refused', async () => {
  const body = Buffer.concat([Buffer.from('{"name":"Caf'), Buffer.from([0xc3, 0x28]), Buffer.from('","kind":"other","visibility":"internal"}')]);
  await refused('POST', '/api/v1/organizations', body, 400, 'body', 'invalid UTF-8 body');
  const lone = Buffer.concat([Buffer.from('{"name":"x'), Buffer.from([0xff]), Buffer.from('","kind":"other","visibility":"internal"}')]);
  await refused('POST', '/api/v1/organizations', lone, 400, 'body', '0xFF byte');
  const overlong = Buffer.concat([Buffer.from('{"name":"x'), Buffer.from([0xc0, 0xaf]), Buffer.from('","kind":"other","visibility":"internal"}')]);
  await refused('POST', '/api/v1/organizations', overlong, 400, 'body', 'overlong encoding');
  await refused('POST', '/api/v1/organizations', '{"name":"\\ud800","kind":"other","visibility":"internal"}', [400, 422], ['body', 'name'], 'lone surrogate escape');
  await refused('PATCH', `/api/v1/organizations/${ids.a}`, lone, 400, 'body', 'invalid UTF-8 in a patch');
  assert.equal((await srv.get(`/api/v1/organizations/${ids.a}`)).json.name, 'Organisation A');
});

test('invalid UTF-8 in a query string or address is refused', async () => {
  const res = await srv.get('/api/v1/organizations?q=%FF');
  assertProblem(res, 400, 'q', 'q=%FF');
  assertProblem(await srv.get('/api/v1/search?q=caf%C3'), 400, 'q', 'truncated sequence');
  assertProblem(await srv.get('/api/v1/organizations?tags=%C0%AF'), 400, 'tags', 'overlong in a filter');
  assertProblem(await srv.get('/api/v1/organizations/%FF'), 400, 'path', 'path');
  const html = await srv.get('/organizations?q=%FF');
  assert.equal(html.status, 400, show(html));
  assert.match(html.headers['content-type'], /^text\/html/);
  assert.equal((await srv.get('/search?q=%E2%82')).status, 400);
  // Raw bytes, not escaped.
  const raw = await srv.request('GET', Buffer.from([...Buffer.from('/api/v1/search?q=a'), 0xff]).toString('latin1'));
  assert.ok([400].includes(raw.status), `raw byte: ${show(raw)}`);
});

test('an invalid UTF-8 parameter name gets a problem whose errors name a field', async () => {
  const res = await srv.get('/api/v1/organizations?%FF=1');
  assertProblem(res, 400, null, 'invalid parameter name');
  assert.equal(typeof res.json.detail, 'string', 'detail');
});

test('a body over the limit is 413 and writes nothing', async () => {
  const before = await counts(small);
  const big = JSON.stringify(org({ name: 'Trop gros', legal_form: 'x'.repeat(100), description: [{ value: 'd'.repeat(3000), lang: 'fr' }] }));
  assert.ok(Buffer.byteLength(big) > 2048);
  const res = await small.api('POST', '/api/v1/organizations', big);
  assertProblem(res, 413, 'body', 'body over PASSERELLE_MAX_BODY');
  // Sent in chunks, without Content-Length.
  const chunked = await new Promise((resolve, reject) => {
    import('node:http').then(({ default: http }) => {
      const u = new URL(small.url);
      const req = http.request({ host: u.hostname, port: u.port, method: 'POST', path: '/api/v1/organizations', agent: false,
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (r) => {
        let t = ''; r.setEncoding('utf8'); r.on('data', (d) => { t += d; }); r.on('end', () => resolve({ status: r.statusCode, text: t }));
      });
      req.on('error', reject);
      for (let i = 0; i < big.length; i += 500) req.write(big.slice(i, i + 500));
      req.end();
    });
  });
  assert.equal(chunked.status, 413, `chunked: ${chunked.status} ${chunked.text}`);
  const form = await small.form('/organizations', { name: 'n'.repeat(3000), kind: 'other', visibility: 'internal' });
  assert.equal(form.status, 413, `form: ${show(form)}`);
  // Just under the limit is fine.
  const ok = await small.api('POST', '/api/v1/organizations', org({ name: 'Juste assez', legal_form: 'x'.repeat(100) }));
  assert.equal(ok.status, 201, show(ok));
  const after = await counts(small);
  assert.equal(after.organizations, before.organizations + 1, 'only the small body was written');
  // The server still answers after a refused body.
  assert.equal((await small.get('/healthz')).status, 200);
});

test('a refused body does not spill into the next request on the same connection', async () => {
  const net = await import('node:net');
  const u = new URL(small.url);
  const big = JSON.stringify(org({ name: 'x'.repeat(3000) }));
  // The oversized body itself looks like a request: it must be swallowed, not run.
  const smuggled = `GET /api/v1/organizations/1 HTTP/1.1\r\nHost: x\r\n\r\n`;
  const body = smuggled + big.slice(smuggled.length);
  const out = await new Promise((resolve, reject) => {
    const s = net.connect(Number(u.port), u.hostname, () => {
      s.write(`POST /api/v1/organizations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
        + 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    });
    let text = '';
    s.setEncoding('utf8');
    s.on('data', (d) => { text += d; });
    s.on('end', () => resolve(text));
    s.on('error', reject);
    setTimeout(() => { s.destroy(); resolve(text); }, 5000);
  });
  const statuses = [...out.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
  assert.deepEqual(statuses, [413, 200], `responses on the connection: ${out.slice(0, 500)}`);
  assert.match(out, /\r\n\r\nok\n$/);
});

test('a form over the limit gets an HTML page', async () => {
  const form = await small.form('/organizations', { name: 'n'.repeat(3000), kind: 'other', visibility: 'internal' });
  assert.equal(form.status, 413);
  assert.match(form.headers['content-type'], /^text\/html/);
});

test('unknown and duplicated JSON keys are refused', async () => {
  await refused('POST', '/api/v1/organizations', { ...org(), colour: 'red' }, [400, 422], 'colour', 'unknown key');
  await refused('POST', '/api/v1/people', { ...person(), organisation: ids.a }, [400, 422], 'organisation', 'unknown key on a person');
  await refused('PATCH', `/api/v1/organizations/${ids.a}`, { nom: 'x' }, [400, 422], 'nom', 'unknown key in a patch');
  await refused('POST', '/api/v1/organizations', '{"name":"Un","name":"Deux","kind":"other","visibility":"internal"}', [400, 422], ['name', 'body'], 'duplicated key');
  await refused('POST', '/api/v1/organizations', { ...org(), names: [{ value: 'X', lang: 'fr', colour: 'red' }] }, [400, 422], 'names', 'unknown key inside names');
  await refused('POST', '/api/v1/organizations', '[{"name":"x"}]', 400, 'body', 'an array body');
  await refused('POST', '/api/v1/organizations', '', 400, 'body', 'an empty body');
  await refused('POST', '/api/v1/organizations', '{"name":"x",}', 400, 'body', 'trailing comma');
  await refused('POST', '/api/v1/organizations', '[' .repeat(100000), 400, 'body', 'deep nesting');
});

test('values of the wrong JSON type are refused, each naming its field', async () => {
  await refused('POST', '/api/v1/organizations', org({ name: 42 }), 422, 'name', 'name as a number');
  await refused('POST', '/api/v1/organizations', org({ ess: 'yes' }), 422, 'ess', 'ess as "yes"');
  await refused('POST', '/api/v1/organizations', org({ latitude: '14.5', longitude: -61 }), 422, 'latitude', 'latitude as a string');
  await refused('POST', '/api/v1/organizations', org({ tags: 'pêche' }), 422, 'tags', 'a list field given text');
  await refused('POST', '/api/v1/organizations', org({ name: ['a'] }), 422, 'name', 'a text field given a list');
  await refused('POST', '/api/v1/organizations', org({ names: ['OECO'] }), 422, 'names', 'names without objects');
  await refused('POST', '/api/v1/organizations', org({ name: { value: 'x' } }), 422, 'name', 'name as an object');
  await refused('POST', '/api/v1/positions', { person: String(ids.p), organization: ids.a }, 422, 'person', 'a reference as text');
  await refused('POST', '/api/v1/positions', { person: 1.5, organization: ids.a }, 422, 'person', 'a reference as a fraction');
  await refused('POST', '/api/v1/organizations', '{"name":"x","kind":"other","visibility":"internal","latitude":1e400,"longitude":0}', [400, 422], ['body', 'latitude'], 'a number too large');
  await refused('PATCH', `/api/v1/organizations/${ids.a}`, { ess: 1 }, 422, 'ess', 'ess as 1 in a patch');
});

test('required fields are required', async () => {
  const res = await refused('POST', '/api/v1/organizations', {}, 422, 'name', 'empty organisation');
  const fields = res.json.errors.map((e) => e.field);
  for (const f of ['name', 'kind', 'visibility']) assert.ok(fields.includes(f), `${f} not named: ${fields}`);
  await refused('POST', '/api/v1/organizations', org({ name: '   ' }), 422, 'name', 'a blank name');
  await refused('POST', '/api/v1/organizations', org({ name: null }), 422, 'name', 'a null name');
  await refused('POST', '/api/v1/organizations', { name: 'x', visibility: 'internal' }, 422, 'kind', 'no kind');
  await refused('POST', '/api/v1/organizations', { name: 'x', kind: 'other' }, 422, 'visibility', 'no visibility');
  await refused('POST', '/api/v1/people', person({ family_name: undefined }), 422, 'family_name', 'no family name');
  await refused('POST', '/api/v1/people', person({ family_name: '' }), 422, 'family_name', 'empty family name');
  await refused('POST', '/api/v1/positions', { person: ids.p }, 422, 'organization', 'position without organisation');
  await refused('POST', '/api/v1/relationships', { subject: ids.a, object: ids.b }, 422, 'type', 'relationship without type');
  // Emptying a required field in a patch is refused and changes nothing.
  await refused('PATCH', `/api/v1/organizations/${ids.a}`, { name: null }, 422, 'name', 'patch name to null');
  await refused('PATCH', `/api/v1/people/${ids.p}`, { family_name: '' }, 422, 'family_name', 'patch family name to empty');
  assert.equal((await srv.get(`/api/v1/organizations/${ids.a}`)).json.name, 'Organisation A');
});

test('identifiers, emails and web addresses are checked', async () => {
  await refused('POST', '/api/v1/organizations', org({ siren: '732829321' }), 422, 'siren', 'SIREN with a bad check digit');
  await refused('POST', '/api/v1/organizations', org({ siren: '73282932' }), 422, 'siren', 'SIREN of eight digits');
  await refused('POST', '/api/v1/organizations', org({ siren: '73282932A' }), 422, 'siren', 'SIREN with a letter');
  await refused('POST', '/api/v1/organizations', org({ siret: '73282932000075' }), 422, 'siret', 'SIRET with a bad check digit');
  await refused('POST', '/api/v1/organizations', org({ siren: '732829320', siret: '55208131766522' }), 422, 'siret', 'SIRET of another SIREN');
  for (const email of ['foo@', '@example.org', 'foo', 'a@b', 'a b@example.org', 'a@@example.org', 'a@example..org', '<a@example.org>'])
    await refused('POST', '/api/v1/organizations', org({ email }), 422, 'email', `email ${email}`);
  await refused('POST', '/api/v1/people', person({ emails: ['ok@example.org', 'pas-une-adresse'] }), 422, 'emails', 'one bad email in a list');
  for (const website of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)', 'ftp://example.org', 'https://', 'https://exa mple.org', 'https://example.org/"onmouseover="alert(1)'])
    await refused('POST', '/api/v1/organizations', org({ website }), 422, 'website', `website ${website}`);
  await refused('POST', '/api/v1/organizations', org({ phone: 'call me' }), 422, 'phone', 'phone');
  await refused('POST', '/api/v1/organizations', org({ rna: 'X123' }), 422, 'rna', 'RNA');
  // The valid ones pass, canonicalised.
  const ok = await srv.api('POST', '/api/v1/organizations', org({ name: 'Valide', siren: '732 829 320', siret: '73282932000074', website: 'www.example.org', email: 'Contact@Example.org' }));
  assert.equal(ok.status, 201, show(ok));
  assert.equal(ok.json.siren, '732829320');
  assert.equal(ok.json.website, 'https://www.example.org');
  assert.equal((await srv.api('DELETE', `/api/v1/organizations/${ok.json.id}`)).status, 204);
});

test('coordinates are checked', async () => {
  const res = await refused('POST', '/api/v1/organizations', org({ latitude: 91, longitude: -181 }), 422, 'latitude', 'latitude 91, longitude -181');
  assert.ok(res.json.errors.some((e) => e.field === 'longitude'), 'longitude -181 not named');
  await refused('POST', '/api/v1/organizations', org({ latitude: -90.0001, longitude: 0 }), 422, 'latitude', 'latitude -90.0001');
  await refused('POST', '/api/v1/organizations', org({ latitude: 0, longitude: 180.5 }), 422, 'longitude', 'longitude 180.5');
  await refused('POST', '/api/v1/organizations', org({ latitude: 14.6 }), 422, 'longitude', 'only a latitude');
  await refused('POST', '/api/v1/organizations', org({ longitude: -61 }), 422, 'latitude', 'only a longitude');
  // Removing one coordinate of a located record by patch.
  const located = await srv.api('POST', '/api/v1/organizations', org({ name: 'Située', latitude: 14.6, longitude: -61 }));
  assert.equal(located.status, 201, show(located));
  await refused('PATCH', `/api/v1/organizations/${located.json.id}`, { longitude: null }, 422, 'longitude', 'patch away the longitude');
  const edges = await srv.api('PATCH', `/api/v1/organizations/${located.json.id}`, { latitude: -90, longitude: 180 });
  assert.equal(edges.status, 200, show(edges));
  assert.equal((await srv.api('DELETE', `/api/v1/organizations/${located.json.id}`)).status, 204);
});

test('references, enumerations, relationships and dates are checked', async () => {
  await refused('POST', '/api/v1/positions', { person: 999999, organization: ids.a }, 422, 'person', 'missing person');
  await refused('POST', '/api/v1/positions', { person: ids.p, organization: 999999 }, 422, 'organization', 'missing organisation');
  await refused('POST', '/api/v1/positions', { person: ids.a === ids.p ? 999998 : -1, organization: ids.a }, 422, 'person', 'negative reference');
  await refused('POST', '/api/v1/relationships', { subject: ids.a, type: 'member_of', object: 999999 }, 422, 'object', 'missing object');
  await refused('POST', '/api/v1/organizations', org({ kind: 'planet' }), 422, 'kind', 'kind planet');
  await refused('POST', '/api/v1/organizations', org({ visibility: 'secret' }), 422, 'visibility', 'visibility secret');
  await refused('POST', '/api/v1/organizations', org({ territory: 'Atlantis' }), 422, 'territory', 'unknown territory');
  await refused('POST', '/api/v1/organizations', org({ sdgs: ['18'] }), 422, 'sdgs', 'SDG 18');
  await refused('POST', '/api/v1/organizations', org({ sectors: ['99999'] }), 422, 'sectors', 'unknown sector');
  await refused('POST', '/api/v1/organizations', org({ names: [{ value: 'X', lang: 'klingon' }] }), 422, 'names', 'unknown language');
  await refused('POST', '/api/v1/people', person({ languages: ['tlh'] }), 422, 'languages', 'unknown spoken language');
  await refused('POST', '/api/v1/relationships', { subject: ids.a, type: 'eats', object: ids.b }, 422, 'type', 'unknown relationship type');
  await refused('POST', '/api/v1/relationships', { subject: ids.a, type: 'member_of', object: ids.a }, 422, 'object', 'related to itself');
  await refused('POST', '/api/v1/relationships', { subject: ids.a, type: 'partner_of', object: ids.b, start_date: '2024-05-01', end_date: '2024-04-30' }, 422, 'end_date', 'relationship ending before it starts');
  await refused('POST', '/api/v1/positions', { person: ids.p, organization: ids.a, start_date: '2024-05-01', end_date: '2023-01-01' }, 422, 'end_date', 'position ending before it starts');
  await refused('POST', '/api/v1/positions', { person: ids.p, organization: ids.a, start_date: '2024-02-30' }, 422, 'start_date', 'February 30');
  await refused('POST', '/api/v1/positions', { person: ids.p, organization: ids.a, start_date: 'hier' }, 422, 'start_date', 'a date in words');
  await refused('POST', '/api/v1/people', person({ legal_basis_date: '2024-13-01' }), 422, 'legal_basis_date', 'month 13');
  // A reference to a record in the bin.
  const gone = await srv.api('POST', '/api/v1/organizations', org({ name: 'Partie' }));
  assert.equal((await srv.api('DELETE', `/api/v1/organizations/${gone.json.id}`)).status, 204);
  await refused('POST', '/api/v1/positions', { person: ids.p, organization: gone.json.id }, 422, 'organization', 'reference to a binned record');
  // A relationship patched into pointing at itself.
  const rel = await srv.api('POST', '/api/v1/relationships', { subject: ids.a, type: 'funds', object: ids.b });
  assert.equal(rel.status, 201, show(rel));
  await refused('PATCH', `/api/v1/relationships/${rel.json.id}`, { object: ids.a }, 422, 'object', 'patched to itself');
  assert.equal((await srv.get(`/api/v1/relationships/${rel.json.id}`)).json.object, ids.b);
  assert.equal((await srv.api('DELETE', `/api/v1/relationships/${rel.json.id}`)).status, 204);
});

test('text fields take one line, no control characters, bounded length', async () => {
  await refused('POST', '/api/v1/organizations', org({ name: 'Première ligne\nDeuxième ligne' }), 422, 'name', 'a multi-line name');
  await refused('POST', '/api/v1/organizations', org({ name: 'Ligne\r\nSuite' }), 422, 'name', 'CRLF in a name');
  await refused('PATCH', `/api/v1/organizations/${ids.a}`, { name: 'A\nB' }, 422, 'name', 'a multi-line name by patch');
  for (const c of ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b']) {
    const what = `U+${c.codePointAt(0).toString(16).padStart(4, '0')} in a name`;
    await refused('POST', '/api/v1/organizations', org({ name: `Avant${c}Après` }), [400, 422], ['name', 'body'], what);
  }
  await refused('POST', '/api/v1/people', person({ notes: 'Note\u0007' }), 422, 'notes', 'BEL in notes');
  await refused('POST', '/api/v1/organizations', org({ tags: ['ok', 'mauvais\u001b[31m'] }), 422, 'tags', 'escape sequence in a tag');
  await refused('POST', '/api/v1/organizations', org({ name: 'n'.repeat(201) }), 422, 'name', 'a 201-character name');
  // Multi-line text is fine where the field is long text.
  const ok = await srv.api('POST', '/api/v1/people', person({ family_name: 'Multiligne', notes: 'Ligne 1\r\nLigne 2' }));
  assert.equal(ok.status, 201, show(ok));
  assert.equal(ok.json.notes, 'Ligne 1\nLigne 2');
  // 200 characters, each several bytes, fit.
  const long = await srv.api('POST', '/api/v1/organizations', org({ name: 'é'.repeat(200) }));
  assert.equal(long.status, 201, show(long));
});

test('a bad JSON write changes nothing in an existing record', async () => {
  const before = (await srv.get(`/api/v1/organizations/${ids.a}`)).json;
  await refused('PATCH', `/api/v1/organizations/${ids.a}`, { name: 'Nouveau nom', siren: '123456789' }, 422, 'siren', 'a good and a bad value');
  assert.deepEqual((await srv.get(`/api/v1/organizations/${ids.a}`)).json, before);
});

test('the JSON API wants JSON', async () => {
  const before = await counts();
  const plain = await srv.api('POST', '/api/v1/organizations', JSON.stringify(org()), { 'content-type': 'text/plain' });
  assertProblem(plain, 415, null, 'text/plain');
  const none = await srv.request('POST', '/api/v1/organizations', { body: JSON.stringify(org()) });
  assertProblem(none, 415, null, 'no content type');
  const form = await srv.api('POST', '/api/v1/organizations', 'name=x&kind=other', { 'content-type': 'application/x-www-form-urlencoded' });
  assertProblem(form, 415, null, 'a form to the API');
  const charset = await srv.api('POST', '/api/v1/organizations', org({ name: 'Avec charset' }), { 'content-type': 'application/json; charset=utf-8' });
  assert.equal(charset.status, 201, show(charset));
  const after = await counts();
  assert.equal(after.organizations, before.organizations + 1);
});

test('unknown addresses are 404, in HTML for pages and in JSON for the API', async () => {
  for (const p of ['/nothing', '/organizations/999999', '/organizations/abc', '/organizations/0', '/planets', '/static/nothing.css', '/static/../Makefile', '/lang/xx']) {
    const res = await srv.get(p);
    assert.equal(res.status, 404, `${p}: ${show(res)}`);
  }
  const page = await srv.get('/nothing');
  assert.match(page.headers['content-type'], /^text\/html/);
  assert.match(page.text, /<html lang="fr"/);
  for (const p of ['/api/v1/planets', '/api/v1/organizations/999999', '/api/v1/organizations/abc', '/api/v2/organizations', '/api/v1/', '/api/v1/territories/XX']) {
    const res = await srv.get(p);
    assertProblem(res, 404, null, p);
  }
});

test('a wrong method is 405 with Allow', async () => {
  const cases = [
    ['PUT', '/api/v1/organizations/1', ['GET', 'PATCH', 'DELETE']],
    ['DELETE', '/api/v1/organizations', ['GET', 'POST']],
    ['POST', '/api/v1/search', ['GET']],
    ['POST', '/healthz', ['GET']],
    ['DELETE', '/organizations/1', ['GET', 'POST']],
    ['PATCH', '/organizations', ['GET', 'POST']],
    ['PUT', '/api/v1/territories', ['GET']],
  ];
  for (const [method, p, allowed] of cases) {
    const res = await srv.request(method, p);
    assert.equal(res.status, 405, `${method} ${p}: ${show(res)}`);
    const allow = (res.headers.allow || '').split(/,\s*/).filter(Boolean).sort();
    assert.deepEqual(allow, [...allowed].sort(), `${method} ${p}: Allow`);
    if (p.startsWith('/api/')) assertProblem(res, 405, null, `${method} ${p}`);
  }
});

test('unknown filters, bad cursors and bad limits are 400 naming the parameter', async () => {
  assertProblem(await srv.get('/api/v1/organizations?colour=red'), 400, 'colour', 'unknown filter');
  assertProblem(await srv.get('/api/v1/organizations?name=x'), 400, 'name', 'a field that is not a filter');
  assertProblem(await srv.get('/api/v1/people?kind=association'), 400, 'kind', 'a filter of another kind');
  assertProblem(await srv.get('/api/v1/organizations?kind=planet'), 400, 'kind', 'unknown enum value as filter');
  assertProblem(await srv.get('/api/v1/organizations?ess=maybe'), 400, 'ess', 'bad boolean filter');
  assertProblem(await srv.get('/api/v1/positions?person=abc'), 400, 'person', 'bad reference filter');
  assertProblem(await srv.get('/api/v1/positions?q=x'), 400, 'q', 'search on a list that has none');
  for (const after of ['zzz', '~', 'abc', '1~', 'ab~-1', 'ab~1~2', 'gg~1', '%FF~1'])
    assertProblem(await srv.get(`/api/v1/organizations?after=${encodeURIComponent(after)}`), 400, 'after', `after=${after}`);
  for (const after of ['zzz', 'x~ab~1', '1~ab~', 'NaN~ab~1', 'inf~ab~1'])
    assertProblem(await srv.get(`/api/v1/search?q=a&after=${encodeURIComponent(after)}`), 400, 'after', `search after=${after}`);
  assertProblem(await srv.get(`/api/v1/organizations?q=a&after=${encodeURIComponent('ab~1')}`), 400, 'after', 'a list cursor for a search');
  for (const limit of ['0', '201', 'abc', '', '-1', '1.5', '10abc', '99999999999999999999'])
    for (const p of ['/api/v1/organizations', '/api/v1/search?q=a'])
      assertProblem(await srv.get(`${p}${p.includes('?') ? '&' : '?'}limit=${encodeURIComponent(limit)}`), 400, 'limit', `${p} limit=${limit}`);
  assertProblem(await srv.get('/api/v1/search'), 400, 'q', 'search without q');
  // The HTML lists answer 400 too.
  assert.equal((await srv.get('/organizations?limit=0')).status, 400);
  assert.equal((await srv.get('/organizations?after=zzz')).status, 400);
  // Good limits work.
  for (const limit of ['1', '200']) assert.equal((await srv.get(`/api/v1/organizations?limit=${limit}`)).status, 200);
});

test('an HTML form with errors is 422, keeps what was typed and says what is wrong next to each field', async () => {
  const before = await counts();
  const typed = {
    name: '', kind: 'association', visibility: 'internal', legal_form: 'Association « loi 1901 » <b>', latitude: 'abc', longitude: '12',
    email: 'pas-une-adresse@', siren: '732829321', tags: 'pêche\ntourisme', 'description.fr': 'Texte saisi\nsur deux lignes', territory: 'Atlantis',
  };
  const res = await srv.form('/organizations', typed);
  assert.equal(res.status, 422, show(res));
  assert.match(res.headers['content-type'], /^text\/html/);
  const html = res.text;
  assert.match(html, /role="alert"/, 'an error summary');
  // Typed values are still in the inputs.
  assert.equal(attr(findTag(html, 'input', 'f-legal_form'), 'value'), typed.legal_form);
  assert.equal(attr(findTag(html, 'input', 'f-latitude'), 'value'), 'abc');
  assert.equal(attr(findTag(html, 'input', 'f-longitude'), 'value'), '12');
  assert.equal(attr(findTag(html, 'input', 'f-email'), 'value'), typed.email);
  assert.equal(attr(findTag(html, 'input', 'f-siren'), 'value'), typed.siren);
  const fields = formFields(html);
  assert.equal(fields.get('tags'), 'pêche\ntourisme');
  assert.equal(fields.get('description.fr'), 'Texte saisi\nsur deux lignes');
  assert.equal(fields.get('kind'), 'association');
  assert.equal(fields.get('territory'), 'Atlantis', 'the unknown territory typed is kept');
  assert.ok(!html.includes('<b>'), 'typed markup is escaped');
  // Each wrong field is marked and its message is next to it.
  for (const f of ['name', 'latitude', 'email', 'siren', 'territory']) {
    const tag = findTag(html, f === 'territory' ? 'select' : 'input', `f-${f}`);
    assert.ok(tag, `no input for ${f}`);
    assert.equal(attr(tag, 'aria-invalid'), 'true', `${f} is not aria-invalid`);
    assert.ok((attr(tag, 'aria-describedby') || '').split(' ').includes(`err-${f}`), `${f} is not described by its error`);
    const err = new RegExp(`<p class="field-error" id="err-${f}">([^<]+)</p>`).exec(html);
    assert.ok(err, `no error text for ${f}`);
    // The message follows the input, inside the same field block.
    const fieldStart = html.indexOf(tag);
    const between = html.slice(fieldStart, html.indexOf(err[0]));
    assert.ok(!between.includes('<div class="field">'), `the error of ${f} is not next to it`);
  }
  assert.match(/<p class="field-error" id="err-siren">([^<]+)</.exec(html)[1], /SIREN/);
  // Fields without errors are not marked.
  assert.equal(attr(findTag(html, 'input', 'f-longitude'), 'aria-invalid'), null);
  assert.equal(attr(findTag(html, 'input', 'f-legal_form'), 'aria-invalid'), null);
  assert.deepEqual(await counts(), before, 'something was written');
});

test('an HTML edit with errors keeps the record unchanged and the typed values shown', async () => {
  const before = (await srv.get(`/api/v1/organizations/${ids.a}`)).json;
  const form = await srv.get(`/organizations/${ids.a}/edit`);
  const fields = formFields(form.text);
  fields.set('name', 'Nom modifié');
  fields.set('latitude', '95');
  fields.set('longitude', '10');
  const res = await srv.form(`/organizations/${ids.a}`, fields);
  assert.equal(res.status, 422, show(res));
  assert.equal(attr(findTag(res.text, 'input', 'f-name'), 'value'), 'Nom modifié');
  assert.equal(attr(findTag(res.text, 'input', 'f-latitude'), 'value'), '95');
  assert.equal(attr(findTag(res.text, 'input', 'f-latitude'), 'aria-invalid'), 'true');
  assert.match(res.text, new RegExp(`action="/organizations/${ids.a}"`), 'the form still posts to the record');
  assert.deepEqual((await srv.get(`/api/v1/organizations/${ids.a}`)).json, before);
});

test('an HTML form with a multi-line name, control characters or bad UTF-8 is refused', async () => {
  const before = await counts();
  const multi = await srv.form('/organizations', { name: 'Ligne 1\nLigne 2', kind: 'other', visibility: 'internal' });
  assert.equal(multi.status, 422, show(multi));
  assert.equal(attr(findTag(multi.text, 'input', 'f-name'), 'aria-invalid'), 'true');
  const ctl = await srv.form('/organizations', { name: 'Bip\u0007', kind: 'other', visibility: 'internal' });
  assert.equal(ctl.status, 422, show(ctl));
  const bad = await srv.request('POST', '/organizations', {
    body: Buffer.concat([Buffer.from('name=Caf'), Buffer.from('%C3%28'), Buffer.from('&kind=other&visibility=internal')]),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
  });
  // Bad UTF-8 and NUL bytes are named by the field they were sent in, and the form comes back.
  assert.equal(bad.status, 422, show(bad));
  assert.equal(attr(findTag(bad.text, 'input', 'f-name'), 'aria-invalid'), 'true');
  const nul = await srv.request('POST', '/organizations', {
    body: 'name=a%00b&kind=other&visibility=internal',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
  });
  assert.equal(nul.status, 422, show(nul));
  assert.equal(attr(findTag(nul.text, 'input', 'f-name'), 'aria-invalid'), 'true');
  const broken = await srv.request('POST', '/organizations', {
    body: 'name=%zz&kind=other&visibility=internal',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
  });
  assert.equal(broken.status, 400, show(broken));
  assert.deepEqual(await counts(), before, 'something was written');
  assert.equal((await srv.get('/healthz')).status, 200);
});

test('a person form with errors keeps the typed values', async () => {
  const form = await srv.get('/people/new');
  const fields = formFields(form.text);
  fields.set('given_name', 'Zoé');
  fields.set('family_name', '');
  fields.set('emails', 'zoe@example.org\npas-une-adresse');
  const res = await srv.form('/people', fields);
  assert.equal(res.status, 422, show(res));
  const again = formFields(res.text);
  assert.equal(again.get('given_name'), 'Zoé');
  assert.equal(again.get('emails'), 'zoe@example.org\npas-une-adresse');
  assert.equal(attr(findTag(res.text, 'input', 'f-family_name'), 'aria-invalid'), 'true');
  assert.equal(attr(findTag(res.text, 'textarea', 'f-emails'), 'aria-invalid'), 'true');
  assert.ok(unescapeHtml(res.text).includes('pas-une-adresse'));
});
