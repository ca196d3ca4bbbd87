// t-pages.test.mjs - the HTML pages: languages, weight, what an
// organisation page shows, security headers, static files, the health
// check, the OpenAPI description, escaping of hostile text, cross-site
// form posts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, show, org, person, listAll, count, formFields, unescapeHtml, request } from './harness.mjs';

let srv;
let orgs;
let oecs; // the OECS record: coordinates, people, relationships
before(async () => {
  srv = await startServer({ demo: true });
  orgs = await listAll(srv, '/api/v1/organizations');
  oecs = orgs.find((o) => (o.names || []).some((n) => n.acronym && n.value === 'OECS'));
});
after(async () => { await srv?.stop(); });

const KB = 1024;

async function page(path, headers = {}) {
  const res = await srv.get(path, { headers });
  assert.equal(res.status, 200, `${path}: ${show(res)}`);
  assert.match(res.headers['content-type'], /^text\/html; charset=utf-8/i, path);
  assert.match(res.text, /^<!DOCTYPE html>/i, path);
  assert.match(res.text, /<\/html>\s*$/, `${path} is cut short`);
  return res;
}

async function mainPages() {
  const person1 = (await srv.get('/api/v1/people?limit=1')).json.items[0];
  const pos = (await srv.get('/api/v1/positions?limit=1')).json.items[0];
  const rel = (await srv.get('/api/v1/relationships?limit=1')).json.items[0];
  return ['/organizations', '/organizations/new', `/organizations/${oecs.id}`, `/organizations/${oecs.id}/edit`,
    `/organizations/${oecs.id}/delete`, '/people', '/people/new', `/people/${person1.id}`, `/people/${person1.id}/edit`,
    '/positions', '/positions/new', `/positions/${pos.id}`, `/positions/${pos.id}/edit`, '/relationships', '/relationships/new',
    `/relationships/${rel.id}`, `/relationships/${rel.id}/edit`, '/bin', '/search', '/search?q=oecs', '/organizations?kind=association&ess=true'];
}

test('the home address leads visitors to the directory and the team to its desk', async () => {
  const visitor = await request(srv.url, 'GET', '/', {});
  assert.ok([301, 302, 303, 307, 308].includes(visitor.status), show(visitor));
  assert.equal(visitor.headers.location, '/organizations');
  const member = await srv.get('/'); // the harness's administrator
  assert.ok([301, 302, 303, 307, 308].includes(member.status), show(member));
  assert.equal(member.headers.location, '/desk');
  assert.equal((await srv.get('/desk')).status, 200);
});

test('every main page answers 200 in French by default', async () => {
  for (const p of await mainPages()) {
    const res = await page(p, { 'accept-language': 'en-US,en;q=0.9' });
    assert.match(res.text, /<html lang="fr"/, `${p} is not French`);
  }
  const res = await page('/organizations');
  assert.ok(res.text.includes('>Personnes<'), 'the French menu says Personnes');
  assert.ok(res.text.includes('>Corbeille<'), 'the French menu says Corbeille');
  assert.ok(res.text.includes('>Rechercher<'), 'the French search button says Rechercher');
});

test('?lang=en and ?lang=es switch the page language', async () => {
  for (const p of await mainPages()) {
    const sep = p.includes('?') ? '&' : '?';
    const en = await page(`${p}${sep}lang=en`);
    assert.match(en.text, /<html lang="en"/, p);
    assert.ok(en.text.includes('>People<') && en.text.includes('>Search<'), `${p}?lang=en has no English menu`);
    const es = await page(`${p}${sep}lang=es`);
    assert.match(es.text, /<html lang="es"/, p);
    assert.ok(es.text.includes('>Personas<') && es.text.includes('>Buscar<'), `${p}?lang=es has no Spanish menu`);
  }
  const en = await page('/organizations?lang=en');
  assert.ok(en.text.includes('>Filter<'), 'the English filter button');
  const es = await page('/organizations?lang=es');
  assert.ok(es.text.includes('Organizaciones'));
  // An unknown language is ignored.
  assert.match((await page('/organizations?lang=xx')).text, /<html lang="fr"/);
});

test('the page chrome is translated in French and Spanish', async () => {
  const fr = await page('/organizations');
  const es = await page('/organizations?lang=es');
  for (const english of ['>Skip to content<', 'Search organisations and people', 'aria-label="Language"', 'aria-label="Main"']) {
    assert.ok(!fr.text.includes(english), `French page shows "${english}"`);
    assert.ok(!es.text.includes(english), `Spanish page shows "${english}"`);
  }
});

test('the lang cookie sticks across pages and ?lang= overrides it for one page', async () => {
  const set = await srv.get('/lang/en?back=%2Fpeople');
  assert.equal(set.status, 303, show(set));
  assert.equal(set.headers.location, '/people');
  const cookie = [].concat(set.headers['set-cookie'] || []).find((c) => c.startsWith('lang='));
  assert.ok(cookie, 'no lang cookie');
  assert.match(cookie, /^lang=en;/);
  assert.match(cookie, /Path=\//);
  const jar = { cookie: cookie.split(';')[0] };
  for (const p of ['/people', '/organizations', '/bin', '/search?q=oecs', '/nothing-here'])
    assert.match((await srv.get(p, { headers: jar })).text, /<html lang="en"/, `${p} with the cookie`);
  assert.match((await srv.get('/organizations?lang=es', { headers: jar })).text, /<html lang="es"/);
  const es = await srv.get('/lang/es?back=%2Forganizations');
  assert.match([].concat(es.headers['set-cookie'])[0], /^lang=es;/);
  assert.match((await srv.get('/organizations', { headers: { cookie: 'theme=dark; lang=es' } })).text, /<html lang="es"/);
  // Back to French.
  const fr = await srv.get('/lang/fr?back=%2F');
  assert.match([].concat(fr.headers['set-cookie'])[0], /^lang=fr;/);
  // The language switch never sends the user to another site.
  for (const back of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '%2F%2Fevil.example'])
    assert.equal((await srv.get(`/lang/en?back=${encodeURIComponent(back)}`)).headers.location, '/', `back=${back}`);
  // Each page links to the language switch.
  assert.ok((await page('/people')).text.includes('href="/lang/en?back=%2Fpeople"'));
});

test('pages weigh under 60 KB', async () => {
  const person1 = (await srv.get(`/api/v1/positions?organization=${oecs.id}`)).json.items[0].person;
  for (const p of ['/organizations', `/organizations/${oecs.id}`, `/people/${person1}`, `/organizations/${oecs.id}/edit`,
    '/organizations/new', '/people', '/positions', '/relationships', '/bin', '/search?q=association',
    `/organizations/${oecs.id}?lang=en`, `/organizations/${oecs.id}/edit?lang=es`]) {
    const res = await page(p);
    assert.ok(res.body.length < 60 * KB, `${p} weighs ${Math.round(res.body.length / KB)} KB`);
  }
});

test('an organisation page shows its map, its people and its relationships', async () => {
  assert.ok(oecs, 'the demo has OECS');
  assert.equal(typeof oecs.latitude, 'number');
  const res = await page(`/organizations/${oecs.id}`);
  const html = res.text;
  assert.match(html, /<svg\b[^>]*>/, 'no inline SVG map');
  assert.ok(!/<img\b[^>]*src="https?:/.test(html), 'the map loads something from elsewhere');
  const svg = /<svg\b[\s\S]*?<\/svg>/.exec(html)[0];
  assert.match(svg, /role="img"/);
  assert.ok(unescapeHtml(svg).includes(oecs.name), 'the map is labelled with the organisation');
  // People with a position there.
  const positions = await listAll(srv, `/api/v1/positions?organization=${oecs.id}`);
  assert.ok(positions.length > 0);
  for (const p of positions) {
    assert.ok(html.includes(`href="/people/${p.person}"`), `person ${p.person} missing`);
    if (p.title) assert.ok(unescapeHtml(html).includes(p.title), `title ${p.title} missing`);
  }
  // An organisation without coordinates has no map.
  const nowhere = orgs.find((o) => o.latitude === undefined);
  assert.ok(nowhere);
  assert.ok(!/<svg\b/.test((await page(`/organizations/${nowhere.id}`)).text), 'a map without coordinates');
});

test('a relationship reads both ways: "member of" on one side, "has member" on the other', async () => {
  const rels = await listAll(srv, '/api/v1/relationships?type=member_of');
  const rel = rels[0];
  assert.ok(rel, 'the demo has member_of relationships');
  const subject = await page(`/organizations/${rel.subject}?lang=en`);
  const object = await page(`/organizations/${rel.object}?lang=en`);
  const item = (html, other) => {
    const m = new RegExp(`<li>(?:(?!</li>).)*href="/organizations/${other}"(?:(?!</li>).)*</li>`).exec(html);
    return m ? unescapeHtml(m[0].replace(/<[^>]+>/g, ' ')) : '';
  };
  assert.match(item(subject.text, rel.object), /\bmember of\b/, 'the subject page does not say "member of"');
  assert.match(item(object.text, rel.subject), /\bhas member\b/, 'the object page does not say "has member"');
  // Adding one through the API shows on both pages at once.
  const a = orgs.find((o) => o.kind === 'funder'), b = orgs.find((o) => o.kind === 'association');
  const funds = await srv.api('POST', '/api/v1/relationships', { subject: a.id, type: 'funds', object: b.id });
  assert.equal(funds.status, 201, show(funds));
  assert.match(item((await page(`/organizations/${a.id}?lang=en`)).text, b.id), /\bfunds\b/);
  assert.match(item((await page(`/organizations/${b.id}?lang=en`)).text, a.id), /\bfunded by\b/);
  assert.equal((await srv.api('DELETE', `/api/v1/relationships/${funds.json.id}`)).status, 204);
  assert.ok(!item((await page(`/organizations/${b.id}?lang=en`)).text, a.id).includes('funded by'), 'a deleted relationship still shows');
});

test('in French, relationships read "membre de" and "a pour membre"', async () => {
  const rel = (await listAll(srv, '/api/v1/relationships?type=member_of'))[0];
  const subject = unescapeHtml((await page(`/organizations/${rel.subject}`)).text);
  const object = unescapeHtml((await page(`/organizations/${rel.object}`)).text);
  assert.match(subject, /membre de/, 'the French subject page does not say "membre de"');
  assert.match(object, /a pour membre/, 'the French object page does not say "a pour membre"');
});

const SECURITY = (res, what) => {
  const csp = res.headers['content-security-policy'];
  assert.ok(csp, `${what}: no Content-Security-Policy`);
  assert.ok(!csp.includes('unsafe-inline'), `${what}: CSP allows unsafe-inline`);
  assert.ok(!csp.includes('unsafe-eval'), `${what}: CSP allows unsafe-eval`);
  assert.match(csp, /default-src 'self'|default-src 'none'/, `${what}: CSP default-src`);
  assert.match(csp, /frame-ancestors 'none'|frame-ancestors 'self'/, `${what}: CSP frame-ancestors`);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', `${what}: X-Content-Type-Options`);
  assert.match(res.headers['referrer-policy'] || '', /^(same-origin|no-referrer|strict-origin|strict-origin-when-cross-origin)$/, `${what}: Referrer-Policy`);
};

test('every response carries the security headers', async () => {
  const cases = [
    ['GET', '/organizations'], ['GET', `/organizations/${oecs.id}`], ['GET', '/nothing'], ['GET', '/'], ['GET', '/healthz'],
    ['GET', '/static/style.css'], ['GET', '/static/app.js'], ['GET', '/api/v1/organizations'], ['GET', '/api/v1/openapi.json'],
    ['GET', '/api/v1/nothing'], ['PUT', '/api/v1/organizations'], ['GET', '/api/v1/organizations?limit=0'], ['GET', '/lang/en?back=/'],
    ['POST', '/api/v1/organizations'],
  ];
  for (const [method, p] of cases) SECURITY(await srv.request(method, p), `${method} ${p}`);
  SECURITY(await srv.form('/organizations', { name: '' }), 'a form with errors');
  SECURITY(await srv.get('/static/style.css', { headers: { 'if-none-match': (await srv.get('/static/style.css')).headers.etag } }), '304');
});

test('pages need no inline script or style (the CSP would block them)', async () => {
  for (const p of [...await mainPages(), `/organizations/${oecs.id}?lang=en`]) {
    const html = (await page(p)).text;
    assert.ok(!/<script(?![^>]*\ssrc=)[^>]*>/i.test(html), `${p}: inline <script>`);
    assert.ok(!/<style\b/i.test(html), `${p}: <style> element`);
    assert.ok(!/\sstyle="/i.test(html), `${p}: style attribute`);
    assert.ok(!/\son[a-z]+="/i.test(html), `${p}: event handler attribute`);
    assert.ok(!/href="javascript:/i.test(html), `${p}: javascript: link`);
  }
});

test('static files have an ETag and answer 304 when unchanged', async () => {
  for (const [p, type] of [['/static/style.css', /^text\/css/], ['/static/app.js', /^(text|application)\/javascript/]]) {
    const res = await srv.get(p);
    assert.equal(res.status, 200, `${p}: ${show(res)}`);
    assert.match(res.headers['content-type'], type, p);
    assert.ok(res.body.length > 100, `${p} is empty`);
    const etag = res.headers.etag;
    assert.match(etag || '', /^(W\/)?"[^"]+"$/, `${p}: ETag ${etag}`);
    const again = await srv.get(p, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304, `${p} with If-None-Match: ${show(again)}`);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers.etag, etag);
    const other = await srv.get(p, { headers: { 'if-none-match': '"something-else"' } });
    assert.equal(other.status, 200);
    assert.equal(other.body.length, res.body.length);
  }
  assert.notEqual((await srv.get('/static/style.css')).headers.etag, (await srv.get('/static/app.js')).headers.etag);
  // The stylesheet and the script the pages link to exist.
  const html = (await page('/organizations')).text;
  for (const m of html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)) assert.equal((await srv.get(m[1])).status, 200, m[1]);
});

test('/healthz answers ok', async () => {
  const res = await srv.get('/healthz');
  assert.equal(res.status, 200);
  assert.equal(res.text.trim(), 'ok');
  assert.equal((await srv.request('HEAD', '/healthz')).status, 200);
});

test('openapi.json describes every kind and every field', async () => {
  const res = await srv.get('/api/v1/openapi.json');
  assert.equal(res.status, 200, show(res));
  assert.match(res.headers['content-type'], /json/);
  const doc = JSON.parse(res.text);
  assert.equal(doc.openapi, '3.1.0');
  assert.equal(typeof doc.info?.title, 'string');
  assert.equal(typeof doc.info?.version, 'string');
  const methods = (p) => Object.keys(doc.paths[p] || {}).filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m)).sort();
  for (const plural of ['organizations', 'people', 'positions', 'relationships']) {
    assert.deepEqual(methods(`/api/v1/${plural}`), ['get', 'post'], `/api/v1/${plural}`);
    assert.deepEqual(methods(`/api/v1/${plural}/{id}`), ['delete', 'get', 'patch'], `/api/v1/${plural}/{id}`);
  }
  assert.ok(doc.paths['/api/v1/search']?.get, '/api/v1/search');
  // Every $ref resolves.
  const refs = [...res.text.matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]);
  for (const ref of refs) {
    const target = ref.split('/').reduce((o, k) => o?.[k], doc);
    assert.ok(target, `unresolved $ref #/${ref}`);
  }
  const orgFields = ['name', 'names', 'kind', 'legal_form', 'ess', 'territory', 'address', 'latitude', 'longitude', 'website', 'email',
    'phone', 'siren', 'siret', 'rna', 'other_registry', 'other_id', 'sectors', 'filieres', 'sdgs', 'tags', 'description', 'visibility'];
  const props = doc.components?.schemas?.organization?.properties;
  assert.ok(props, 'components.schemas.organization.properties');
  for (const f of ['id', ...orgFields]) assert.ok(props[f], `organization.${f} is not described`);
  for (const f of ['name', 'kind', 'visibility']) assert.ok(doc.components.schemas.organization.required.includes(f), `${f} required`);
  // Every key the API returns for a record of each kind is described.
  const samples = {
    organization: (await srv.get(`/api/v1/organizations/${oecs.id}`)).json,
    person: (await srv.get('/api/v1/people?limit=1')).json.items[0],
    position: (await srv.get('/api/v1/positions?limit=1')).json.items[0],
    relationship: (await srv.get('/api/v1/relationships?limit=1')).json.items[0],
  };
  for (const [kind, rec] of Object.entries(samples)) {
    const p = doc.components.schemas[kind]?.properties;
    assert.ok(p, `components.schemas.${kind}`);
    for (const key of Object.keys(rec)) assert.ok(p[key], `${kind}.${key} is returned by the API but not described`);
  }
  for (const f of ['emails', 'family_name', 'given_name', 'languages', 'legal_basis', 'legal_basis_date', 'notes', 'phones', 'visibility'])
    assert.ok(doc.components.schemas.person.properties[f], `person.${f} is not described`);
});

test('openapi.json describes deleted_at, which records in the bin carry', async () => {
  const doc = (await srv.get('/api/v1/openapi.json')).json ?? JSON.parse((await srv.get('/api/v1/openapi.json')).text);
  for (const kind of ['organization', 'person', 'position', 'relationship'])
    assert.ok(doc.components.schemas[kind].properties.deleted_at, `${kind}.deleted_at`);
});

const HOSTILE = {
  script: '<script>alert(1)</script>',
  img: '"><img src=x onerror=alert(1)>',
  single: "' onmouseover='alert(1)",
  rlo: 'Paiement \u202Efdp.exe',
};

/** The tags of a page, each with its name and attribute names (text between tags is skipped). */
function tags(html) {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>\/]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[1].toLowerCase(),
    source: m[0],
    attrs: [...m[2].matchAll(/\s+([^\s=>\/]+)(?:="([^"]*)")?/g)].map((a) => ({ name: a[1].toLowerCase(), value: a[2] ?? '' })),
  }));
}

function assertNoRawMarkup(html, where) {
  assert.ok(!html.includes('<script>alert(1)'), `${where}: raw <script>`);
  assert.ok(!/<img\b/i.test(html), `${where}: an <img> tag`);
  // Every "<" that opens a tag opens a well-formed one: no attribute came from user text.
  const opening = (html.match(/<[a-zA-Z]/g) || []).length;
  const all = tags(html);
  assert.equal(all.length, opening, `${where}: a malformed tag (attribute injection?)`);
  for (const t of all) {
    if (t.name === 'script') assert.ok(t.attrs.some((a) => a.name === 'src'), `${where}: inline script ${t.source}`);
    for (const a of t.attrs) {
      assert.ok(!a.name.startsWith('on'), `${where}: event handler attribute in ${t.source}`);
      assert.ok(!(['href', 'src', 'action', 'formaction'].includes(a.name) && /^\s*(javascript|data|vbscript):/i.test(unescapeHtml(a.value))),
        `${where}: dangerous URL in ${t.source}`);
    }
  }
}

test('hostile text is stored as typed and shown escaped everywhere', async () => {
  const created = await srv.api('POST', '/api/v1/organizations', org({
    name: `Asso ${HOSTILE.script}`,
    names: [{ value: HOSTILE.img, lang: 'fr', acronym: true }, { value: HOSTILE.single, lang: 'en' }],
    legal_form: HOSTILE.img,
    address: HOSTILE.script,
    tags: [HOSTILE.script, HOSTILE.img],
    description: [{ value: `${HOSTILE.script}\n${HOSTILE.img}`, lang: 'fr' }],
    website: 'https://example.org/?a=1&b=<2>'.replace('<2>', '2'),
    latitude: 18.07, longitude: -63.08,
  }));
  assert.equal(created.status, 201, show(created));
  const id = created.json.id;
  assert.equal(created.json.name, `Asso ${HOSTILE.script}`, 'the name is stored as typed');
  assert.equal(created.json.names[0].value, HOSTILE.img);
  const p = await srv.api('POST', '/api/v1/people', person({ given_name: HOSTILE.img, family_name: HOSTILE.script, notes: `${HOSTILE.script}\n${HOSTILE.single}` }));
  assert.equal(p.status, 201, show(p));
  const pos = await srv.api('POST', '/api/v1/positions', { person: p.json.id, organization: id, title: HOSTILE.img });
  assert.equal(pos.status, 201, show(pos));
  const rel = await srv.api('POST', '/api/v1/relationships', { subject: id, type: 'partner_of', object: oecs.id, note: HOSTILE.script });
  assert.equal(rel.status, 201, show(rel));
  const pages = [`/organizations/${id}`, `/organizations/${id}?lang=en`, `/organizations/${id}/edit`, `/organizations/${id}/delete`,
    `/people/${p.json.id}`, `/people/${p.json.id}/edit`, `/positions/${pos.json.id}`, `/positions/${pos.json.id}/edit`,
    `/relationships/${rel.json.id}`, `/organizations/${oecs.id}`, '/organizations?q=asso+script', `/search?q=${encodeURIComponent(HOSTILE.script)}`,
    '/search?q=asso+script', '/people?limit=200', '/positions?limit=200', '/relationships?limit=200',
    `/organizations?tags=${encodeURIComponent(HOSTILE.script)}`, `/search?q=${encodeURIComponent(HOSTILE.img)}`];
  for (const path of pages) {
    const html = (await page(path)).text;
    assertNoRawMarkup(html, path);
  }
  const shown = (await page(`/organizations/${id}`)).text;
  assert.ok(shown.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the name is shown, escaped');
  assert.ok(shown.includes('href="https://example.org/?a=1&amp;b=2"'), 'the website link is escaped');
  // The edit form gives the same text back.
  const fields = formFields((await page(`/organizations/${id}/edit`)).text);
  assert.equal(fields.get('name'), `Asso ${HOSTILE.script}`);
  assert.equal(fields.get('legal_form'), HOSTILE.img);
  assert.equal(fields.get('description.fr'), `${HOSTILE.script}\n${HOSTILE.img}`);
  // Deleted, it shows in the bin, escaped.
  assert.equal((await srv.api('DELETE', `/api/v1/organizations/${id}`)).status, 204);
  const bin = (await page('/bin')).text;
  assert.ok(bin.includes('Asso &lt;script&gt;'), 'the bin lists it');
  assertNoRawMarkup(bin, '/bin');
  // The search suggestions (JSON) carry the text as data.
  const s = await srv.get(`/api/v1/search?q=${encodeURIComponent('script alert')}`);
  assert.equal(s.status, 200);
});

test('dangerous web addresses are refused, so never linked', async () => {
  const before = await count(srv, 'organizations');
  for (const website of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'java\tscript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=',
    'https://example.org/"><script>alert(1)</script>', '//evil.example/x']) {
    const res = await srv.api('POST', '/api/v1/organizations', org({ name: 'Lien piégé', website }));
    assert.ok([400, 422].includes(res.status), `${JSON.stringify(website)} accepted: ${show(res)}`);
    assert.ok(res.json.errors.some((e) => e.field === 'website'), `${website}: ${res.text}`);
  }
  const form = await srv.form('/organizations', { name: 'Lien piégé', kind: 'other', visibility: 'internal', website: 'javascript:alert(1)' });
  assert.equal(form.status, 422, show(form));
  assert.ok(!/href="javascript:/i.test(form.text));
  assert.equal(await count(srv, 'organizations'), before);
});

test('a right-to-left override is kept as typed and cannot break the page', async () => {
  const res = await srv.api('POST', '/api/v1/organizations', org({ name: HOSTILE.rlo }));
  if (res.status === 422) {
    assert.ok(res.json.errors.some((e) => e.field === 'name'));
    return;
  }
  assert.equal(res.status, 201, show(res));
  assert.equal(res.json.name, HOSTILE.rlo);
  const html = (await page(`/organizations/${res.json.id}`)).text;
  assert.ok(html.includes('\u202E') || html.includes('&#x202e;') || html.includes('&#8238;'));
  assert.match(html, /<\/html>\s*$/);
});

test('a right-to-left override in a name cannot reverse the text around it', async () => {
  const res = await srv.api('POST', '/api/v1/organizations', org({ name: `${HOSTILE.rlo} bis` }));
  if (res.status === 422) return; // refused: fine
  const html = (await page(`/organizations?q=${encodeURIComponent('paiement bis')}`)).text;
  const i = html.indexOf('\u202E');
  assert.ok(i >= 0, 'the name is listed');
  const before = html.lastIndexOf('<bdi', i), close = html.lastIndexOf('</bdi>', i);
  const isolated = before > close || /dir="auto"[^>]*>[^<]*$/.test(html.slice(0, i)) || html.slice(i).match(/^[^<]*\u202C/);
  assert.ok(isolated, 'the override is not isolated from the rest of the page');
});

test('a cross-site form post is refused and writes nothing', async () => {
  const before = { orgs: await count(srv, 'organizations'), bin: await count(srv, 'organizations', 'deleted=true') };
  const target = orgs.find((o) => o.kind === 'cooperative');
  const cross = { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' };
  const create = await srv.form('/organizations', { name: 'Créée depuis un autre site', kind: 'other', visibility: 'internal' }, cross);
  assert.equal(create.status, 403, show(create));
  assert.match(create.headers['content-type'], /^text\/html/);
  const update = await srv.form(`/organizations/${target.id}`, { name: 'Renommée depuis un autre site', kind: 'other', visibility: 'internal' }, cross);
  assert.equal(update.status, 403, show(update));
  const del = await srv.form(`/organizations/${target.id}/delete`, {}, cross);
  assert.equal(del.status, 403, show(del));
  const sameSite = await srv.form(`/organizations/${target.id}/delete`, {}, { 'sec-fetch-site': 'same-site' });
  assert.equal(sameSite.status, 403, `same-site (another subdomain): ${show(sameSite)}`);
  // The API too, when the browser's cookie is what authenticates (a token cannot be sent cross-site).
  const api = await srv.api('POST', '/api/v1/organizations', org({ name: 'API depuis un autre site' }), cross, { as: 'session' });
  assert.equal(api.status, 403, show(api));
  const apiDel = await srv.api('DELETE', `/api/v1/organizations/${target.id}`, undefined, cross, { as: 'session' });
  assert.equal(apiDel.status, 403, show(apiDel));
  assert.deepEqual((await srv.get(`/api/v1/organizations/${target.id}`)).json, target, 'the record changed');
  assert.equal(await count(srv, 'organizations'), before.orgs);
  assert.equal(await count(srv, 'organizations', 'deleted=true'), before.bin);
  // A binned record cannot be restored cross-site either.
  const binned = await srv.api('POST', '/api/v1/organizations', org({ name: 'À restaurer' }));
  assert.equal((await srv.api('DELETE', `/api/v1/organizations/${binned.json.id}`)).status, 204);
  assert.equal((await srv.form(`/organizations/${binned.json.id}/restore`, {}, cross)).status, 403);
  assert.equal((await srv.get(`/api/v1/organizations/${binned.json.id}`)).status, 404);
  // The same post from the site itself works.
  const same = await srv.form('/organizations', { name: 'Créée depuis le site', kind: 'other', visibility: 'internal' });
  assert.equal(same.status, 303, show(same));
});

test('a form post from another site is refused even when the browser sends no Sec-Fetch-Site', async () => {
  const before = await count(srv, 'organizations');
  const res = await srv.request('POST', '/organizations', {
    body: new URLSearchParams({ name: 'Origine étrangère', kind: 'other', visibility: 'internal' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
  });
  assert.equal(res.status, 403, show(res));
  assert.equal(await count(srv, 'organizations'), before);
});
