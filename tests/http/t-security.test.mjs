// t-security.test.mjs - signing in and staying signed in safely: one answer
// for a wrong password and an unknown email (in similar time), throttling,
// cookie flags, signing out (here and everywhere), idle and absolute
// expiry, one-time passwords, CSRF, API tokens (revoked, disabled
// accounts), the second factor (TOTP, recovery codes), the security headers
// of every response, and the server's limits (huge headers, many idle
// connections).
//
// Every sign-in attempt here says where it comes from (X-Forwarded-For,
// trusted from loopback) so that the per-address throttle of one test does
// not lock another.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  startServer, show, request, org, count, addAccount, cliToken, signInAs, sessionClient, bearerClient, sessionCookieOf,
  hiddenValue, totpCode, sqlite, unescapeHtml,
} from './harness.mjs';

// Fast password hashing for every test but the timing one, which starts
// its own server hashing for real (PASSERELLE_ARGON2_FAST unset, even if
// the environment sets it).
const FAST_HASHING = { PASSERELLE_ARGON2_FAST: '1' };
const REAL_HASHING = { PASSERELLE_ARGON2_FAST: '' };
let srv;
let address = 0;
/** A new client address for the throttle (X-Forwarded-For). */
const newAddress = () => `198.51.100.${++address}`;

before(async () => {
  srv = await startServer({ env: FAST_HASHING });
});
after(async () => { await srv?.stop(); });

let serial = 0;
async function account(role = 'editor', extra = {}) {
  return addAccount(srv, { email: `${role}-${++serial}@securite.invalid`, role, env: FAST_HASHING, ...extra });
}

/** POST /login (English messages) from `from`; resolves to the response. */
function login(email, password, { from = newAddress(), headers = {}, base = srv } = {}) {
  return request(base.url, 'POST', '/login?lang=en', {
    body: new URLSearchParams({ email, password }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', 'x-forwarded-for': from, ...headers },
  });
}
/** The text of a page's <main>, tags removed. */
function mainText(html) {
  const m = /<main\b[^>]*>([\s\S]*)<\/main>/.exec(html);
  return unescapeHtml((m ? m[1] : html).replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}
function assertRedirectsToLogin(res, what) {
  assert.ok([302, 303].includes(res.status), `${what}: expected a redirect to /login, got ${show(res)}`);
  assert.match(res.headers.location || '', /^\/login(\?|$)/, what);
}

// ---- signing in ----

test('a wrong password and an unknown email get the same answer, in similar time', async (t) => {
  const timed = await startServer({ env: REAL_HASHING });
  const times = { wrong: [], unknown: [] };
  let wrongRes, unknownRes;
  const a = await addAccount(timed, { email: 'mesure@securite.invalid', role: 'reader', env: REAL_HASHING });
  const unknown = 'personne-inconnue@securite.invalid';
  try {
    const from = newAddress();
    // Warm up (first argon2 allocation, connection setup).
    await login(a.email, a.password, { from, base: timed });
    for (let i = 0; i < 5; i++) {
      let t = performance.now();
      wrongRes = await login(a.email, `pas-le-bon-${i}`, { from, base: timed });
      times.wrong.push(performance.now() - t);
      t = performance.now();
      unknownRes = await login(unknown, `pas-le-bon-${i}`, { from, base: timed });
      times.unknown.push(performance.now() - t);
      assert.equal(wrongRes.status, 401, show(wrongRes));
      assert.equal(unknownRes.status, 401, show(unknownRes));
    }
  } finally {
    await timed.stop();
  }
  assert.equal(sessionCookieOf(wrongRes), null);
  assert.equal(sessionCookieOf(unknownRes), null);
  // The same page, but for the email typed (given back in the form).
  const same = (res, email) => res.text.split(email).join('EMAIL');
  assert.equal(same(wrongRes, a.email), same(unknownRes, unknown), 'the two answers differ');
  assert.match(mainText(wrongRes.text), /The email or the password is wrong\./);
  const sum = (xs) => xs.reduce((s, x) => s + x, 0);
  const [w, u] = [sum(times.wrong), sum(times.unknown)];
  t.diagnostic(`5 wrong passwords: ${w.toFixed(0)} ms; 5 unknown emails: ${u.toFixed(0)} ms`);
  assert.ok(w > u / 3 && u > w / 3, `5 wrong passwords took ${w.toFixed(0)} ms, 5 unknown emails ${u.toFixed(0)} ms`);
});

test('after too many failures sign-in answers 429 with Retry-After, even with the right password', async () => {
  const a = await account('editor');
  const from = newAddress();
  for (let i = 0; i < 5; i++) assert.equal((await login(a.email, `faux-${i}`, { from })).status, 401, `attempt ${i + 1}`);
  const locked = await login(a.email, a.password, { from });
  assert.equal(locked.status, 429, show(locked));
  assert.equal(sessionCookieOf(locked), null, 'a session while locked');
  const retry = Number(locked.headers['retry-after']);
  assert.ok(Number.isInteger(retry) && retry >= 60 && retry <= 15 * 60, `Retry-After: ${locked.headers['retry-after']}`);
  assert.match(mainText(locked.text), /Too many failed attempts\. Wait \d+ minutes, then try again\./);
  // Per account name: another address, another spelling of the email, the same lock.
  assert.equal((await login(a.email, a.password)).status, 429, 'another address');
  assert.equal((await login(a.email.toUpperCase(), a.password)).status, 429, 'the email in capitals');
  // In French too, with a clear message.
  const fr = await request(srv.url, 'POST', '/login', {
    body: new URLSearchParams({ email: a.email, password: a.password }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': newAddress() },
  });
  assert.equal(fr.status, 429);
  assert.match(mainText(fr.text), /Trop de tentatives/);
  // Another account is not locked by it.
  const b = await account('editor');
  assert.equal((await login(b.email, b.password, { from })).status, 303);
});

test('after 30 failures from one address, every sign-in from there waits', async () => {
  const from = newAddress();
  for (let i = 0; i < 30; i++) {
    const res = await login(`inconnu-${i}@securite.invalid`, 'mauvais', { from });
    assert.equal(res.status, 401, `attempt ${i + 1}: ${res.status}`);
  }
  const a = await account('reader');
  const res = await login(a.email, a.password, { from });
  assert.equal(res.status, 429, show(res));
  assert.ok(Number(res.headers['retry-after']) > 0);
  // From elsewhere the same account signs in.
  assert.equal((await login(a.email, a.password)).status, 303);
});

test('the session cookie is HttpOnly, SameSite=Lax, Path=/, and Secure behind HTTPS', async () => {
  const a = await account('reader');
  const flags = (res) => {
    const c = [].concat(res.headers['set-cookie'] || []).find((s) => s.startsWith('passerelle_session='));
    assert.ok(c, `no session cookie: ${show(res)}`);
    return c.split(';').map((s) => s.trim());
  };
  const plain = flags(await login(a.email, a.password));
  assert.ok(plain.includes('HttpOnly'), plain.join('; '));
  assert.ok(plain.includes('SameSite=Lax'), plain.join('; '));
  assert.ok(plain.includes('Path=/'), plain.join('; '));
  assert.ok(!plain.includes('Secure'), 'Secure over plain HTTP on loopback');
  assert.ok(plain[0].length - 'passerelle_session='.length >= 32, `a short session token: ${plain[0]}`);
  // A TLS-terminating proxy on this machine says https.
  assert.ok(flags(await login(a.email, a.password, { headers: { 'x-forwarded-proto': 'https' } })).includes('Secure'));
  // PASSERELLE_SECURE_COOKIES=1 always sets Secure.
  const secure = await startServer({ env: { PASSERELLE_SECURE_COOKIES: '1', ...FAST_HASHING } });
  try {
    const b = await addAccount(secure, { email: 'secure@securite.invalid', role: 'reader', env: FAST_HASHING });
    const f = flags(await login(b.email, b.password, { base: secure }));
    for (const flag of ['HttpOnly', 'SameSite=Lax', 'Path=/', 'Secure']) assert.ok(f.includes(flag), `${flag}: ${f.join('; ')}`);
  } finally {
    await secure.stop();
  }
});

test('signing out ends the session on the server: the cookie replayed leads to /login', async () => {
  const a = await account('editor');
  const c = await signInAs(srv, a.email, a.password);
  assert.equal((await c.get('/account')).status, 200);
  // Without the CSRF token, signing out is refused and the session goes on.
  const forged = await c.request('POST', '/logout', { body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(forged.status, 403, show(forged));
  assert.equal((await c.get('/account')).status, 200);
  const out = await c.form('/logout');
  assert.equal(out.status, 303, show(out));
  assert.equal(out.headers.location, '/login');
  assert.match([].concat(out.headers['set-cookie'] || []).join('\n'), /passerelle_session=;[^\n]*Max-Age=0/);
  // The browser forgot it; an attacker who kept it replays it.
  const replay = await c.get('/account');
  assertRedirectsToLogin(replay, 'the cookie replayed after signing out');
  assert.equal(replay.headers.location, '/login?back=%2Faccount');
  const api = await c.api('PATCH', '/api/v1/organizations/1', { legal_form: 'x' });
  assert.ok([401, 403].includes(api.status), `the API with the old cookie: ${show(api)}`);
});

test('signing out everywhere ends every session of the account, and only of that account', async () => {
  const a = await account('editor');
  const other = await account('editor');
  const one = await signInAs(srv, a.email, a.password);
  const two = await signInAs(srv, a.email, a.password);
  const theirs = await signInAs(srv, other.email, other.password);
  const res = await one.form('/account/sessions/end');
  assert.equal(res.status, 303, show(res));
  assertRedirectsToLogin(await one.get('/account'), 'the session that asked');
  assertRedirectsToLogin(await two.get('/organizations/new'), 'the other session');
  assert.equal((await theirs.get('/account')).status, 200, 'another account was signed out');
  // Changing one's password ends the other sessions too, and keeps the one that changed it.
  const three = await signInAs(srv, a.email, a.password);
  const four = await signInAs(srv, a.email, a.password);
  const changed = await three.form('/account/password', { current: a.password, password: 'Un-tout-nouveau-mot-de-passe', confirm: 'Un-tout-nouveau-mot-de-passe' });
  assert.equal(changed.status, 303, show(changed));
  assertRedirectsToLogin(await four.get('/account'), 'another session after a password change');
  const kept = sessionClient(srv, sessionCookieOf(changed) || three.cookie);
  assert.equal((await kept.get('/account')).status, 200, 'the session that changed the password');
});

test('an idle session, and one past its absolute limit, is refused', async () => {
  const a = await account('editor');
  const c = await signInAs(srv, a.email, a.password);
  assert.equal((await c.get('/account')).status, 200);
  await sqlite(srv.dbPath, `UPDATE session SET last_seen_at = '2000-01-01T00:00:00Z' WHERE account_id = ${a.id}`);
  const idle = await c.get('/account');
  assertRedirectsToLogin(idle, 'an idle session');
  assert.match([].concat(idle.headers['set-cookie'] || []).join('\n'), /passerelle_session=;[^\n]*Max-Age=0/, 'the stale cookie is not cleared');
  const idleApi = await c.api('POST', '/api/v1/organizations', org({ name: 'Par une session expirée' }));
  assert.equal(idleApi.status, 401, show(idleApi));
  // Absolute expiry, however recent the last request.
  const d = await signInAs(srv, a.email, a.password);
  assert.equal((await d.get('/account')).status, 200);
  await sqlite(srv.dbPath, `UPDATE session SET expires_at = '2000-01-01T00:00:00Z' WHERE account_id = ${a.id}`);
  assertRedirectsToLogin(await d.get('/account'), 'a session past its absolute limit');
});

test('a one-time password must be changed before anything else', async () => {
  const a = await account('editor');
  const before = await signInAs(srv, a.email, a.password);
  const given = await srv.form(`/accounts/${a.id}/password`, {});
  assert.equal(given.status, 200, show(given));
  const once = unescapeHtml(/<p class="notice secret"><code>([^<]+)<\/code>/.exec(given.text)?.[1] || '');
  assert.equal(once.length, 16, `no one-time password on the page: ${given.text.slice(0, 500)}`);
  assertRedirectsToLogin(await before.get('/account'), 'the account\'s session after a one-time password');
  assert.equal((await login(a.email, a.password)).status, 401, 'the old password still works');
  const first = await login(a.email, once);
  assert.equal(first.status, 303, show(first));
  const c = sessionClient(srv, sessionCookieOf(first));
  await c.loadCsrf();
  for (const p of ['/organizations', '/people', '/organizations/new', '/search?q=a', '/bin', '/privacy', '/api/v1/organizations']) {
    const res = await c.get(p);
    if (p === '/privacy') continue; // open to anyone
    assert.equal(res.status, 303, `${p}: ${show(res)}`);
    assert.equal(res.headers.location, '/account?must_change=1', p);
  }
  const n = await count(srv, 'organizations');
  const write = await c.form('/organizations', { name: 'Avant le changement', kind: 'other', visibility: 'internal' });
  assert.equal(write.headers.location, '/account?must_change=1', show(write));
  const apiWrite = await c.api('POST', '/api/v1/organizations', org({ name: 'Avant le changement (API)' }));
  assert.equal(apiWrite.headers.location, '/account?must_change=1', show(apiWrite));
  assert.equal(await count(srv, 'organizations'), n, 'written before the password was changed');
  const page = await c.get('/account?must_change=1&lang=en');
  assert.equal(page.status, 200);
  assert.match(mainText(page.text), /Your password was given to you for one use: choose your own to continue\./);
  const short = await c.form('/account/password', { current: once, password: 'court', confirm: 'court' });
  assert.equal(short.status, 422, `a 5-character password: ${show(short)}`);
  assert.equal((await c.get('/organizations')).headers.location, '/account?must_change=1', 'a refused change lifted the one-time password');
  const newPassword = 'Mon-propre-mot-de-passe-2025';
  const changed = await c.form('/account/password', { current: once, password: newPassword, confirm: newPassword });
  assert.equal(changed.status, 303, show(changed));
  const d = sessionClient(srv, sessionCookieOf(changed) || c.cookie);
  assert.equal((await d.get('/organizations')).status, 200, 'still held back after changing the password');
  assert.equal((await login(a.email, once)).status, 401, 'the one-time password works twice');
  assert.equal((await login(a.email, newPassword)).status, 303);
});

// ---- CSRF ----

test('a form post without the session\'s CSRF token, or with a wrong one, is refused and writes nothing', async () => {
  const a = await account('editor');
  const c = await signInAs(srv, a.email, a.password);
  const other = await signInAs(srv, a.email, a.password);
  const n = await count(srv, 'organizations');
  const body = (extra) => new URLSearchParams({ name: 'Par CSRF', kind: 'other', visibility: 'internal', ...extra }).toString();
  const post = (p, extra) => c.request('POST', p, {
    body: body(extra), headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
  });
  for (const [what, extra] of [['no token', {}], ['a wrong token', { csrf: 'x'.repeat(43) }], ['an empty token', { csrf: '' }],
    ['another session\'s token', { csrf: other.csrf }], ['a token with a suffix', { csrf: `${c.csrf}x` }]]) {
    assert.notEqual(other.csrf, c.csrf);
    const res = await post('/organizations', extra);
    assert.equal(res.status, 403, `${what}: ${show(res)}`);
  }
  assert.equal(await count(srv, 'organizations'), n, 'written without a valid token');
  const target = await srv.api('POST', '/api/v1/organizations', org({ name: 'Cible CSRF' }));
  const id = target.json.id;
  assert.equal((await post(`/organizations/${id}`, {})).status, 403, 'update');
  assert.equal((await post(`/organizations/${id}/delete`, {})).status, 403, 'delete');
  assert.equal((await post('/account/tokens', { name: 'jeton volé' })).status, 403, 'a new token');
  assert.deepEqual((await srv.get(`/api/v1/organizations/${id}`)).json, target.json, 'changed without a valid token');
  // The right token in the form, or in X-CSRF-Token, works.
  const ok = await post('/organizations', { csrf: c.csrf });
  assert.equal(ok.status, 303, show(ok));
  const header = await c.request('POST', '/organizations', {
    body: body({}), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': c.csrf, 'sec-fetch-site': 'same-origin' },
  });
  assert.equal(header.status, 303, show(header));
  assert.equal(await count(srv, 'organizations'), n + 3);
  // The right token from another site is still refused.
  const cross = await c.request('POST', '/organizations', {
    body: body({ csrf: c.csrf }), headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
  });
  assert.equal(cross.status, 403, show(cross));
  assert.equal(await count(srv, 'organizations'), n + 3);
});

test('the API with the session cookie needs X-CSRF-Token; with a bearer token it does not', async () => {
  const a = await account('editor');
  const c = await signInAs(srv, a.email, a.password);
  const target = await srv.api('POST', '/api/v1/organizations', org({ name: 'Cible API' }));
  const id = target.json.id;
  const noHeader = await c.request('PATCH', `/api/v1/organizations/${id}`, {
    body: JSON.stringify({ legal_form: 'Sans jeton' }), headers: { 'content-type': 'application/json', accept: 'application/json' },
  });
  assert.equal(noHeader.status, 403, show(noHeader));
  assert.equal((await c.api('PATCH', `/api/v1/organizations/${id}`, { legal_form: 'Mauvais jeton' }, { 'x-csrf-token': 'nope' })).status, 403);
  assert.equal((await c.request('DELETE', `/api/v1/organizations/${id}`, { headers: { accept: 'application/json' } })).status, 403);
  assert.equal((await c.request('POST', '/api/v1/organizations', {
    body: JSON.stringify(org({ name: 'Sans jeton' })), headers: { 'content-type': 'application/json' },
  })).status, 403);
  assert.deepEqual((await srv.get(`/api/v1/organizations/${id}`)).json, target.json, 'changed without X-CSRF-Token');
  const withHeader = await c.api('PATCH', `/api/v1/organizations/${id}`, { legal_form: 'Avec jeton' });
  assert.equal(withHeader.status, 200, show(withHeader));
  assert.equal(withHeader.json.legal_form, 'Avec jeton');
  // A bearer token needs no CSRF token (a browser cannot send it cross-site).
  const bearer = bearerClient(srv, await cliToken(srv, a.email));
  const viaToken = await bearer.api('PATCH', `/api/v1/organizations/${id}`, { legal_form: 'Par jeton d’API' });
  assert.equal(viaToken.status, 200, show(viaToken));
  // Reading needs no token.
  assert.equal((await c.get(`/api/v1/organizations/${id}`, { accept: 'application/json' })).status, 200);
});

// ---- API tokens ----

test('a token is shown once, works, and once revoked answers 401 with WWW-Authenticate', async () => {
  const a = await account('editor');
  const c = await signInAs(srv, a.email, a.password);
  const made = await c.form('/account/tokens', { name: 'script de synchronisation' });
  assert.equal(made.status, 201, show(made));
  const token = unescapeHtml(/<div class="notice secret"[\s\S]*?<code>([^<]+)<\/code>/.exec(made.text)?.[1] || '');
  assert.ok(token.length >= 32, 'no token on the page');
  assert.match(made.headers['cache-control'] || '', /no-store/, 'the page showing the token may be cached');
  const id = Number(/\/account\/tokens\/(\d+)\/revoke/.exec(made.text)?.[1]);
  assert.ok(id > 0);
  assert.ok(!(await c.get('/account')).text.includes(token), 'the token is shown again');
  const b = bearerClient(srv, token);
  assert.equal((await b.api('POST', '/api/v1/organizations', org({ name: 'Par jeton' }))).status, 201);
  // Someone else cannot revoke it.
  const someone = await account('editor');
  const other = await signInAs(srv, someone.email, someone.password);
  assert.equal((await other.form(`/account/tokens/${id}/revoke`)).status, 404);
  assert.equal((await b.get('/api/v1/organizations')).status, 200, 'revoked by someone else');
  const revoked = await c.form(`/account/tokens/${id}/revoke`);
  assert.equal(revoked.status, 303, show(revoked));
  for (const [method, p] of [['GET', '/api/v1/organizations'], ['POST', '/api/v1/organizations'], ['GET', '/organizations']]) {
    const res = method === 'GET' ? await b.get(p) : await b.api(method, p, org({ name: 'Après révocation' }));
    assert.equal(res.status, 401, `${method} ${p}: ${show(res)}`);
    assert.match(res.headers['www-authenticate'] || '', /^Bearer/, `${method} ${p}: WWW-Authenticate`);
  }
  const problem = await b.get('/api/v1/organizations');
  assert.match(problem.headers['content-type'], /^application\/problem\+json/);
  assert.equal((await c.form(`/account/tokens/${id}/revoke`)).status, 404, 'revoked twice');
  // Made-up tokens and other schemes are refused the same way.
  for (const authorization of ['Bearer not-a-token', 'Bearer ', 'Basic dXNlcjpwYXNz', `Bearer ${token}x`, 'bearer']) {
    const res = await request(srv.url, 'GET', '/api/v1/organizations', { headers: { authorization } });
    assert.equal(res.status, 401, `${authorization}: ${show(res)}`);
    assert.match(res.headers['www-authenticate'] || '', /^Bearer/);
  }
});

test('a disabled account cannot sign in, and its token and its sessions stop working', async () => {
  const a = await account('editor');
  const c = await signInAs(srv, a.email, a.password);
  const b = bearerClient(srv, await cliToken(srv, a.email));
  assert.equal((await b.get('/api/v1/organizations')).status, 200);
  const off = await srv.api('PATCH', `/api/v1/accounts/${a.id}`, { disabled: true });
  assert.equal(off.status, 200, show(off));
  const tokenRes = await b.get('/api/v1/organizations');
  assert.equal(tokenRes.status, 401, show(tokenRes));
  assert.match(tokenRes.headers['www-authenticate'] || '', /^Bearer/);
  assertRedirectsToLogin(await c.get('/account'), 'the disabled account\'s session');
  assert.equal((await c.form('/organizations', { name: 'Compte désactivé', kind: 'other', visibility: 'internal' })).status, 401);
  const right = await login(a.email, a.password);
  const wrong = await login(a.email, 'pas-le-bon');
  assert.equal(right.status, 401, show(right));
  assert.equal(right.text, wrong.text, 'a disabled account gets another answer than a wrong password');
  // Enabled again, it signs in again.
  assert.equal((await srv.api('PATCH', `/api/v1/accounts/${a.id}`, { disabled: false })).status, 200);
  assert.equal((await login(a.email, a.password)).status, 303);
});

test('a deleted account\'s token and sessions stop working', async () => {
  const a = await account('editor');
  const c = await signInAs(srv, a.email, a.password);
  const b = bearerClient(srv, await cliToken(srv, a.email));
  assert.equal((await b.get('/api/v1/organizations')).status, 200);
  assert.equal((await srv.api('DELETE', `/api/v1/accounts/${a.id}`)).status, 204);
  assert.equal((await b.get('/api/v1/organizations')).status, 401);
  assertRedirectsToLogin(await c.get('/account'), 'a deleted account\'s session');
  assert.equal((await login(a.email, a.password)).status, 401);
});

test('disabling an account ends its sessions: enabling it again does not bring them back', async () => {
  const a = await account('editor');
  const c = await signInAs(srv, a.email, a.password);
  assert.equal((await srv.api('PATCH', `/api/v1/accounts/${a.id}`, { disabled: true })).status, 200);
  assertRedirectsToLogin(await c.get('/account'), 'while disabled');
  assert.equal((await srv.api('PATCH', `/api/v1/accounts/${a.id}`, { disabled: false })).status, 200);
  assertRedirectsToLogin(await c.get('/account'), 'a session from before the account was disabled');
});

// ---- second factor ----

test('second factor: enabling it, signing in with a code, no replay, recovery codes once each', async () => {
  const a = await account('editor');
  const c = await signInAs(srv, a.email, a.password);
  const setup = await c.get('/account/totp');
  assert.equal(setup.status, 200);
  const secret = hiddenValue(setup.text, 'secret');
  assert.match(secret || '', /^[A-Z2-7]{32}$/, 'the secret is 160 bits of base32');
  assert.ok(setup.text.includes(`otpauth://totp/Passerelle:`), 'no otpauth link');
  // A wrong code does not enable it.
  const wrongCode = (s) => { const valid = new Set([-1, 0, 1].map((d) => totpCode(s, Date.now() / 1000, d))); let n = 100000; while (valid.has(String(n))) n++; return String(n); };
  const refused = await c.form('/account/totp', { secret, code: wrongCode(secret) });
  assert.equal(refused.status, 422, show(refused));
  assert.equal((await login(a.email, a.password)).status, 303, 'the second factor is on after a wrong code');
  const on = await c.form('/account/totp', { secret, code: totpCode(secret) });
  assert.equal(on.status, 200, show(on));
  const recovery = [...on.text.matchAll(/<code>([A-Z0-9]{5}-[A-Z0-9]{5})<\/code>/g)].map((m) => m[1]);
  assert.equal(recovery.length, 10, 'ten recovery codes');
  assert.equal(new Set(recovery).size, 10);
  assert.ok(!(await c.get('/account')).text.includes(recovery[0]), 'the recovery codes are shown again');

  const from = newAddress();
  /** Password first: the second form, with its pending sign-in. */
  const start = async () => {
    const res = await login(a.email, a.password, { from });
    assert.equal(res.status, 200, `the password step: ${show(res)}`);
    assert.equal(sessionCookieOf(res), null, 'a session before the second factor');
    const pending = hiddenValue(res.text, 'pending');
    assert.ok(pending, 'no pending sign-in');
    return pending;
  };
  const code = (pending, value) => request(srv.url, 'POST', '/login/code?lang=en', {
    body: new URLSearchParams({ pending, code: value }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', 'x-forwarded-for': from },
  });
  // A wrong code fails, and the pending sign-in is used up.
  let pending = await start();
  const bad = await code(pending, wrongCode(secret));
  assert.equal(bad.status, 401, show(bad));
  assert.match(mainText(bad.text), /The code is wrong/);
  assert.equal(sessionCookieOf(bad), null);
  const next = totpCode(secret, Date.now() / 1000, 1); // the code enabling used is spent: the next one
  assert.equal((await code(pending, next)).status, 401, 'a pending sign-in used twice');
  assert.equal((await code('made-up', next)).status, 401, 'a made-up pending sign-in');
  // The right code signs in.
  pending = await start();
  const good = await code(pending, next);
  assert.equal(good.status, 303, show(good));
  const signedIn = sessionClient(srv, sessionCookieOf(good));
  assert.match(mainText((await signedIn.get('/account?lang=en')).text), /On: signing in asks for a code/);
  // The same code cannot be used again.
  pending = await start();
  const replay = await code(pending, next);
  assert.equal(replay.status, 401, `a code replayed: ${show(replay)}`);
  // A recovery code works once (typed in lower case without its dash, too), and not twice.
  pending = await start();
  assert.equal((await code(pending, recovery[0])).status, 303, 'a recovery code');
  pending = await start();
  assert.equal((await code(pending, recovery[0])).status, 401, 'a recovery code used twice');
  pending = await start();
  assert.equal((await code(pending, recovery[1].toLowerCase().replace('-', ''))).status, 303, 'a recovery code as typed');
  // A wrong password does not reach the second step.
  const wrongPw = await login(a.email, 'pas-le-bon', { from: newAddress() });
  assert.equal(wrongPw.status, 401);
  assert.equal(hiddenValue(wrongPw.text, 'pending'), null);
  // Turning it off needs the password.
  const c2 = sessionClient(srv, sessionCookieOf(good));
  await c2.loadCsrf();
  assert.equal((await c2.form('/account/totp/disable', { current: 'pas-le-bon' })).status, 422);
  assert.equal((await c2.form('/account/totp/disable', { current: a.password })).status, 303);
  assert.equal((await login(a.email, a.password, { from: newAddress() })).status, 303, 'still asks for a code');
});

test('wrong second-factor codes are throttled too', async () => {
  const a = await account('reader');
  const c = await signInAs(srv, a.email, a.password);
  const secret = hiddenValue((await c.get('/account/totp')).text, 'secret');
  assert.equal((await c.form('/account/totp', { secret, code: totpCode(secret) })).status, 200);
  const valid = new Set([-1, 0, 1, 2].map((d) => totpCode(secret, Date.now() / 1000, d)));
  const wrong = ['111111', '222222', '333333', '444444', '555555', '666666', '777777'].filter((x) => !valid.has(x));
  const attempt = async (value) => {
    const from = newAddress();
    const first = await login(a.email, a.password, { from });
    assert.equal(first.status, 200, show(first));
    return request(srv.url, 'POST', '/login/code?lang=en', {
      body: new URLSearchParams({ pending: hiddenValue(first.text, 'pending'), code: value }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
    });
  };
  for (let i = 0; i < 5; i++) assert.equal((await attempt(wrong[i])).status, 401, `wrong code ${i + 1}`);
  const locked = await attempt(totpCode(secret, Date.now() / 1000, 1));
  assert.equal(locked.status, 429, `the right code after 5 wrong ones: ${show(locked)}`);
  assert.ok(Number(locked.headers['retry-after']) > 0);
  assert.equal(sessionCookieOf(locked), null);
});

// ---- headers ----

const assertSecurityHeaders = (res, what) => {
  const csp = res.headers['content-security-policy'];
  assert.ok(csp, `${what}: no Content-Security-Policy`);
  assert.ok(!csp.includes("'unsafe-inline'"), `${what}: CSP allows 'unsafe-inline'`);
  assert.ok(!csp.includes("'unsafe-eval'"), `${what}: CSP allows 'unsafe-eval'`);
  assert.match(csp, /(^|;)\s*frame-ancestors 'none'\s*(;|$)/, `${what}: CSP frame-ancestors`);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', `${what}: X-Content-Type-Options`);
  assert.match(res.headers['referrer-policy'] || '', /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/, `${what}: Referrer-Policy`);
};

test('every response carries the security headers: pages, errors, redirects, refusals, API', async () => {
  const a = await account('reader');
  const c = await signInAs(srv, a.email, a.password);
  const anon = (method, p, opts) => request(srv.url, method, p, opts);
  const locked = await account('reader');
  const from = newAddress();
  for (let i = 0; i < 5; i++) await login(locked.email, 'faux', { from });
  const cases = [
    ['a page', await anon('GET', '/organizations')],
    ['the sign-in page', await anon('GET', '/login')],
    ['a failed sign-in (401)', await login(a.email, 'faux')],
    ['a throttled sign-in (429)', await login(locked.email, locked.password, { from })],
    ['a signed-in page', await c.get('/account')],
    ['a redirect to /login', await anon('GET', '/account')],
    ['the home redirect', await anon('GET', '/')],
    ['404', await anon('GET', '/nothing/here')],
    ['a record not found', await anon('GET', '/organizations/999999')],
    ['403 for a role', await c.form('/organizations', { name: 'x', kind: 'other', visibility: 'internal' })],
    ['403 CSRF', await c.request('POST', '/account/tokens', { body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })],
    ['401 API', await anon('POST', '/api/v1/organizations', { body: '{}', headers: { 'content-type': 'application/json' } })],
    ['405', await anon('PUT', '/api/v1/organizations')],
    ['413', await anon('POST', '/organizations', { body: 'x'.repeat(2 * 1024 * 1024), headers: { 'content-type': 'application/x-www-form-urlencoded' } })],
    ['400 bad UTF-8', await anon('GET', '/search?q=%FF')],
    ['the health check', await anon('GET', '/healthz')],
    ['a static file', await anon('GET', '/static/app.js')],
    ['JSON', await anon('GET', '/api/v1/organizations')],
    ['the OpenAPI description', await anon('GET', '/api/v1/openapi.json')],
    ['the language switch', await anon('GET', '/lang/en?back=%2F')],
    ['HEAD', await anon('HEAD', '/organizations')],
  ];
  for (const [what, res] of cases) assertSecurityHeaders(res, `${what} (${res.status})`);
  assert.equal(cases.find(([w]) => w.startsWith('a throttled'))[1].status, 429);
});

// ---- limits ----

/** Send raw bytes on a new connection; resolves to what came back before the server closed (or timeout). */
function raw(bytes, { timeout = 5000 } = {}) {
  const u = new URL(srv.url);
  return new Promise((resolve) => {
    const chunks = [];
    const sock = net.connect(Number(u.port), u.hostname);
    const done = (why) => { clearTimeout(timer); sock.destroy(); resolve({ text: Buffer.concat(chunks).toString('latin1'), why }); };
    const timer = setTimeout(() => done('timeout'), timeout);
    sock.on('data', (d) => chunks.push(d));
    sock.on('end', () => done('closed'));
    sock.on('error', (e) => done(`error ${e.code}`));
    sock.on('connect', () => sock.write(bytes));
  });
}
async function healthy(what) {
  const res = await request(srv.url, 'GET', '/healthz');
  assert.equal(res.status, 200, `${what}: /healthz answers ${res.status}`);
  assert.equal(srv.child.exitCode, null, `${what}: the server exited`);
}

test('a request whose headers exceed 64 KiB is refused, and the server goes on', async () => {
  const cases = {
    'one 70 KiB header': `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70 * 1024)}\r\n\r\n`,
    '3000 small headers': `GET /healthz HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 3000 }, (_, i) => `X-H${i}: ${'b'.repeat(20)}\r\n`).join('')}\r\n`,
    'a 70 KiB cookie': `GET /organizations HTTP/1.1\r\nHost: x\r\nCookie: passerelle_session=${'c'.repeat(70 * 1024)}\r\n\r\n`,
    'a 70 KiB address': `GET /organizations?q=${'d'.repeat(70 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`,
  };
  for (const [what, bytes] of Object.entries(cases)) {
    const res = await raw(bytes);
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(res.text);
    assert.ok(status ? Number(status[1]) >= 400 : res.why !== 'timeout', `${what}: answered ${res.text.slice(0, 200) || res.why}`);
    await healthy(what);
  }
});

test('the refusals libmicrohttpd writes itself (431, 414) carry the security headers too', { todo: 'answered by libmicrohttpd before the router: no Content-Security-Policy, X-Content-Type-Options, Referrer-Policy nor Content-Type on its own HTML page (only a reverse proxy adds them)' }, async () => {
  const res = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70 * 1024)}\r\n\r\n`);
  const head = res.text.split('\r\n\r\n')[0].toLowerCase();
  assert.match(head, /^http\/1\.1 4\d\d/);
  for (const h of ['content-security-policy:', 'x-content-type-options: nosniff', 'referrer-policy:', 'content-type:'])
    assert.ok(head.includes(h), `no ${h} in\n${head}`);
});

test('a client sending one header byte per second is disconnected', { skip: 'serve disconnects idle clients after 30 s (MHD_OPTION_CONNECTION_TIMEOUT in src/web/server.c), which no environment variable lowers: too slow for this suite' }, () => {});

test('300 idle connections do not stop /healthz from answering', async () => {
  const u = new URL(srv.url);
  const sockets = [];
  try {
    await Promise.all(Array.from({ length: 300 }, (_, i) => new Promise((resolve, reject) => {
      const s = net.connect(Number(u.port), u.hostname, () => {
        // Half of them start a request and never finish it.
        if (i % 2) s.write('GET /organizations HTTP/1.1\r\nHost: x\r\n');
        resolve();
      });
      s.on('error', reject);
      sockets.push(s);
    })));
    const t = performance.now();
    await healthy('with 300 idle connections');
    const page = await request(srv.url, 'GET', '/organizations');
    assert.equal(page.status, 200);
    assert.ok(performance.now() - t < 5000, `answered in ${(performance.now() - t).toFixed(0)} ms`);
  } finally {
    for (const s of sockets) s.destroy();
  }
  await healthy('after the idle connections closed');
});
