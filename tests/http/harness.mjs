// harness.mjs - start the real passerelle binary on a fresh database and
// talk HTTP to it.  Every test file starts its own server (files run in
// parallel) and stops it in after(); stopping fails when the server printed
// a sanitizer report ("AddressSanitizer", "runtime error") or did not exit
// cleanly on SIGTERM.
//
//   const srv = await startServer({ demo: true });
//   const res = await srv.api('POST', '/api/v1/organizations', { name: 'X', ... });
//   await srv.restart();      // stop + start on the same database
//   await srv.stop();
//
// The binary is $PASSERELLE_BIN, else /work/main/passerelle.
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const BIN = process.env.PASSERELLE_BIN || path.resolve(here, '../../passerelle');
// What the server prints only when it has a bug: a sanitizer's report, or a
// database statement its code left open (store_thread_done).
const SANITIZER = /AddressSanitizer|LeakSanitizer|runtime error|UndefinedBehaviorSanitizer|a statement was left open/;
const START_TIMEOUT_MS = 60_000;

function run(bin, args, env, input) {
  return new Promise((resolve, reject) => {
    const child = execFile(bin, args, { env, timeout: START_TIMEOUT_MS }, (err, stdout, stderr) => {
      if (SANITIZER.test(stderr)) reject(new Error(`${path.basename(bin)} ${args.join(' ')} printed a bug report:\n${stderr}`));
      else if (err) reject(new Error(`${path.basename(bin)} ${args.join(' ')} failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

let accountsSupported; // does this binary have accounts (passerelle user ...)?
async function hasAccounts(env) {
  if (accountsSupported === undefined) {
    const { stdout, stderr } = await run(BIN, ['--help'], env);
    accountsSupported = /passerelle user add/.test(stdout + stderr);
  }
  return accountsSupported;
}

const TEST_EMAIL = 'http-tests@passerelle.invalid';
const TEST_PASSWORD = 'Tests-HTTP-passerelle-2025!';

/**
 * Start a server on a fresh temporary database (or `db` when given).
 * options: demo (load the demo network), env (extra environment).
 *
 * When the binary has accounts, the harness creates an administrator and
 * an API token, signs in, and every request carries them: the token on
 * /api/ requests, the session cookie elsewhere, the CSRF token in form
 * posts.  A request can say { as: 'anonymous' } (nothing added) or
 * { as: 'session' } (the cookie and the CSRF header even on /api/).
 */
export async function startServer({ demo = false, env = {}, db = null } = {}) {
  const dir = db ? null : await mkdtemp(path.join(os.tmpdir(), 'passerelle-http-'));
  const dbPath = db || path.join(dir, 'passerelle.db');
  const fullEnv = { ...process.env, ...env };
  // The sanitizer build must report, not just abort quietly.
  fullEnv.ASAN_OPTIONS ??= 'detect_leaks=1:abort_on_error=0';
  fullEnv.LSAN_OPTIONS ??= `suppressions=${path.resolve(here, '../lsan.supp')}`;
  fullEnv.UBSAN_OPTIONS ??= 'print_stacktrace=1';
  const accounts = await hasAccounts(fullEnv);
  let auth = null;
  if (!db && accounts) {
    await run(BIN, ['init', '--db', dbPath, ...(demo ? ['--demo'] : [])], fullEnv);
    await run(BIN, ['user', 'add', TEST_EMAIL, '--name', 'Tests HTTP', '--role', 'administrator', '--password-stdin', '--db', dbPath],
      fullEnv, `${TEST_PASSWORD}\n`);
    const { stdout } = await run(BIN, ['user', 'token', TEST_EMAIL, '--name', 'http-tests', '--db', dbPath], fullEnv);
    const token = stdout.trim().split(/\s+/).pop();
    auth = { token, cookie: null, csrf: null };
  } else if (!db && !demo) {
    await run(BIN, ['init', '--db', dbPath], fullEnv);
  }

  const srv = {
    dbPath,
    url: null,
    auth,
    stderr: '', // everything every run of this server printed on stderr
    stdout: '',
    child: null,
    async start() {
      const args = ['serve', '--db', dbPath, '--listen', '127.0.0.1:0'];
      if (demo) args.push('--demo');
      const child = spawn(BIN, args, { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      this.child = child;
      child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d) => { this.stderr += d; });
      child.stdout.setEncoding('utf8');
      this.url = await new Promise((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`the server did not print its address within ${START_TIMEOUT_MS} ms\nstdout: ${out}\nstderr: ${this.stderr}`));
        }, START_TIMEOUT_MS);
        child.stdout.on('data', (d) => {
          out += d;
          this.stdout += d;
          const m = /on (http:\/\/[^\s]+?)\/?\s/.exec(out);
          if (m && this.url === null) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.on('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`the server exited before serving (code ${code}, signal ${signal})\nstdout: ${out}\nstderr: ${this.stderr}`));
        });
      });
      if (this.auth) await this.signIn();
      return this;
    },
    /** Sign in with the test account: a session cookie and its CSRF token. */
    async signIn() {
      const res = await request(this.url, 'POST', '/login', {
        body: new URLSearchParams({ email: TEST_EMAIL, password: TEST_PASSWORD }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      });
      const set = [].concat(res.headers['set-cookie'] || []).map((c) => c.split(';')[0]).filter((c) => !c.startsWith('lang='));
      if (res.status !== 303 || set.length === 0) throw new Error(`cannot sign in: ${res.status} ${res.text.slice(0, 500)}`);
      this.auth.cookie = set.join('; ');
      const page = await request(this.url, 'GET', '/organizations/new', { headers: { cookie: this.auth.cookie } });
      const m = /name="csrf"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf"/.exec(page.text);
      if (!m) throw new Error(`no CSRF token on /organizations/new (${page.status})`);
      this.auth.csrf = unescapeHtml(m[1] || m[2]);
    },
    /** Throw when the server printed a sanitizer report so far. */
    checkStderr() {
      if (SANITIZER.test(this.stderr)) throw new Error(`the server printed a bug report:\n${this.stderr}`);
    },
    /** SIGTERM, wait for a clean exit; throw on a sanitizer report or a crash. */
    async stopProcess() {
      const child = this.child;
      if (!child) return;
      this.child = null;
      this.url = null;
      let result;
      if (child.exitCode !== null || child.signalCode !== null) {
        result = { code: child.exitCode, signal: child.signalCode };
      } else {
        child.kill('SIGTERM');
        let timer;
        const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(null), 20_000); });
        result = await Promise.race([child.exited, timeout]);
        clearTimeout(timer);
        if (!result) {
          child.kill('SIGKILL');
          await child.exited;
          throw new Error(`the server did not stop within 20 s of SIGTERM\nstderr: ${this.stderr}`);
        }
      }
      this.checkStderr();
      if (result.code !== 0)
        throw new Error(`the server exited with code ${result.code}, signal ${result.signal}\nstderr: ${this.stderr}`);
    },
    async stop() {
      try {
        await this.stopProcess();
      } finally {
        if (dir) await rm(dir, { recursive: true, force: true });
      }
    },
    /** Stop and start again on the same database. */
    async restart() {
      await this.stopProcess();
      await this.start();
      return this;
    },
    /** Add the credentials this request should carry (see startServer). */
    credentials(method, p, opts = {}) {
      const { as = 'auto', headers = {}, ...rest } = opts;
      if (!this.auth || as === 'anonymous') return { ...rest, headers };
      const h = { ...headers };
      const lower = Object.fromEntries(Object.keys(h).map((k) => [k.toLowerCase(), k]));
      if (p.startsWith('/api/') && as !== 'session') {
        if (!lower.authorization) h.authorization = `Bearer ${this.auth.token}`;
      } else {
        h[lower.cookie || 'cookie'] = lower.cookie ? `${h[lower.cookie]}; ${this.auth.cookie}` : this.auth.cookie;
        if (method !== 'GET' && method !== 'HEAD' && !lower['x-csrf-token']) h['x-csrf-token'] = this.auth.csrf;
      }
      return { ...rest, headers: h };
    },
    request(method, p, opts) { return request(this.url, method, p, this.credentials(method, p, opts)); },
    get(p, opts = {}) { return this.request('GET', p, opts); },
    /** A JSON request: body is serialised unless it is a string or Buffer. */
    api(method, p, body, headers = {}, { as } = {}) {
      const opts = { as, headers: { accept: 'application/json', ...headers } };
      if (body !== undefined) {
        opts.body = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
        if (!Object.keys(opts.headers).some((h) => h.toLowerCase() === 'content-type'))
          opts.headers['content-type'] = 'application/json';
      }
      return this.request(method, p, opts);
    },
    /** An urlencoded form post, as a browser sends it (same-origin, with the CSRF token when signed in). */
    form(p, fields, headers = {}, { as } = {}) {
      const params = new URLSearchParams(fields instanceof URLSearchParams ? fields.toString() : fields);
      if (this.auth && as !== 'anonymous' && !params.has('csrf')) params.append('csrf', this.auth.csrf);
      return this.request('POST', p, {
        as,
        body: params.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
      });
    },
  };
  await srv.start();
  return srv;
}

/**
 * One HTTP request with node:http (no redirect following, no header
 * rewriting, the path sent byte for byte).  Resolves to
 * { status, headers, text, body (Buffer), json (parsed or undefined) }.
 */
export function request(base, method, p, { headers = {}, body } = {}) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: u.hostname,
      port: u.port,
      method,
      path: p,
      headers: body !== undefined ? { 'content-length': Buffer.byteLength(body), ...headers } : headers,
      agent: false,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        const text = buf.toString('utf8');
        let json;
        const ct = res.headers['content-type'] || '';
        if (/json/.test(ct)) {
          try { json = JSON.parse(text); } catch { json = undefined; }
        }
        resolve({ status: res.statusCode, headers: res.headers, body: buf, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Every item of a list, walking `next` (limit per page). */
export async function listAll(srv, p, limit = 200) {
  const items = [];
  let after = null;
  for (let guard = 0; guard < 1000; guard++) {
    const sep = p.includes('?') ? '&' : '?';
    const url = `${p}${sep}limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const res = await srv.get(url);
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.text}`);
    items.push(...res.json.items);
    after = res.json.next;
    if (!after) return items;
  }
  throw new Error(`GET ${p}: more than 1000 pages`);
}

/** The number of live records of a kind (walks every page). */
export async function count(srv, plural, query = '') {
  return (await listAll(srv, `/api/v1/${plural}${query ? `?${query}` : ''}`)).length;
}

/** A description of a response for assertion messages. */
export function show(res) {
  return `${res.status} ${res.headers['content-type'] || ''}\n${res.text.slice(0, 2000)}`;
}

/** A valid organisation, with overrides. */
export function org(overrides = {}) {
  return { name: 'Coopérative de test', kind: 'cooperative', visibility: 'internal', ...overrides };
}

/** A valid person, with overrides. */
export function person(overrides = {}) {
  return {
    given_name: 'Aïcha',
    family_name: 'Testeuse',
    legal_basis: 'legitimate_interest',
    legal_basis_date: '2025-01-15',
    visibility: 'internal',
    ...overrides,
  };
}

/** Decode the HTML entities the server writes (&amp; &lt; &gt; &quot; &#39; &#NNN;). */
export function unescapeHtml(s) {
  return s
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** The attributes of the first tag matching `selector` ("input#f-name", "textarea#f-notes"). */
export function findTag(html, tag, id) {
  const re = new RegExp(`<${tag}\\b[^>]*\\bid="${id}"[^>]*>`, 'i');
  const m = re.exec(html);
  return m ? m[0] : null;
}

/** The value of attribute `name` in a tag's source, unescaped. */
export function attr(tagSource, name) {
  if (!tagSource) return null;
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tagSource);
  return m ? unescapeHtml(m[1]) : null;
}

/** The Luhn check used by SIREN and SIRET. */
export function luhnValid(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * What a browser would submit for the record form of a page (the first
 * <form class="record-form">): text inputs, hidden inputs, checked boxes,
 * textareas and the selected option of each select, in document order.
 */
export function formFields(html) {
  const start = html.search(/<form\b[^>]*class="record-form"/);
  if (start < 0) throw new Error('no record form on the page');
  const end = html.indexOf('</form>', start);
  const src = html.slice(start, end);
  const out = new URLSearchParams();
  const re = /<input\b[^>]*>|<textarea\b[^>]*>[\s\S]*?<\/textarea>|<select\b[^>]*>[\s\S]*?<\/select>/g;
  let m;
  while ((m = re.exec(src))) {
    const tag = m[0];
    const open = /^<[^>]*>/.exec(tag)[0];
    const name = attr(open, 'name');
    if (!name) continue;
    if (tag.startsWith('<input')) {
      const type = (attr(open, 'type') || 'text').toLowerCase();
      if (type === 'checkbox' || type === 'radio') {
        if (/\schecked(\s|>|=)/.test(open)) out.append(name, attr(open, 'value') ?? 'on');
      } else if (type !== 'submit' && type !== 'button') {
        out.append(name, attr(open, 'value') ?? '');
      }
    } else if (tag.startsWith('<textarea')) {
      let text = unescapeHtml(tag.slice(open.length, tag.length - '</textarea>'.length));
      if (text.startsWith('\n')) text = text.slice(1); // as the HTML parser does
      out.append(name, text);
    } else {
      const options = [...tag.matchAll(/<option\b[^>]*>/g)].map((o) => o[0]);
      const chosen = options.find((o) => /\sselected(\s|>|=)/.test(o)) || options[0];
      if (chosen) out.append(name, attr(chosen, 'value') ?? '');
    }
  }
  return out;
}

/** The digit that makes `digits` + it pass the Luhn check (SIREN, SIRET). */
export function luhnCheckDigit(digits) {
  for (let d = 0; d < 10; d++) if (luhnValid(`${digits}${d}`)) return String(d);
  throw new Error('unreachable');
}

// ---- Accounts, sessions, second factor (for the role and security suites) ----

import { createHmac } from 'node:crypto'; // (import declarations are hoisted)

/** Run the passerelle command line (e.g. on srv.dbPath); resolves to { stdout, stderr }. */
export function runCli(args, input, env = {}) {
  const fullEnv = { ...process.env, ...env };
  fullEnv.ASAN_OPTIONS ??= 'detect_leaks=1:abort_on_error=0';
  fullEnv.LSAN_OPTIONS ??= `suppressions=${path.resolve(here, '../lsan.supp')}`;
  return run(BIN, args, fullEnv, input);
}

/** Run one SQL statement on a database with the sqlite3 shell; resolves to its output. */
export function sqlite(dbPath, sql) {
  return new Promise((resolve, reject) => {
    execFile('sqlite3', ['-cmd', '.timeout 5000', dbPath, sql], { timeout: 20_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`sqlite3 ${sql}: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/**
 * Add an account with a chosen password to a server's database (through
 * `passerelle user add`); then, when given, its teams (through the API, as
 * the harness's administrator).  `env`: the command's extra environment
 * (PASSERELLE_ARGON2_FAST decides how the password is hashed).
 * Resolves to { id, email, password, role }.
 */
export async function addAccount(srv, { email, role, name = role, password = 'Mot-de-passe-de-test-42!', organization, teams, env = {} } = {}) {
  const args = ['user', 'add', email, '--name', name, '--role', role, '--password-stdin', '--db', srv.dbPath];
  if (organization !== undefined) args.push('--organization', String(organization));
  const { stdout } = await runCli(args, `${password}\n`, env);
  const m = /Account (\d+) created/.exec(stdout);
  if (!m) throw new Error(`user add ${email}: ${stdout}`);
  const id = Number(m[1]);
  if (teams && teams.length) {
    const res = await srv.api('PATCH', `/api/v1/accounts/${id}`, { teams });
    if (res.status !== 200) throw new Error(`teams of ${email}: ${res.status} ${res.text}`);
  }
  return { id, email, password, role };
}

/** A new API token for an account (`passerelle user token`). */
export async function cliToken(srv, email, name = 'tests') {
  const { stdout } = await runCli(['user', 'token', email, '--name', name, '--db', srv.dbPath]);
  return stdout.trim().split(/\s+/).pop();
}

/** The passerelle_session cookie a response sets ("passerelle_session=..."), or null. */
export function sessionCookieOf(res) {
  const c = [].concat(res.headers['set-cookie'] || []).find((s) => s.startsWith('passerelle_session='));
  return c ? c.split(';')[0] : null;
}

/** The CSRF token on a page (the hidden input "csrf"), or null. */
export function csrfOf(html) {
  const m = /name="csrf"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="csrf"/.exec(html);
  return m ? unescapeHtml(m[1] ?? m[2]) : null;
}

/** The value of the hidden input `name` on a page, or null. */
export function hiddenValue(html, name) {
  const re = new RegExp(`<input\\b[^>]*\\bname="${name}"[^>]*>`);
  const m = re.exec(html);
  return m ? attr(m[0], 'value') : null;
}

/**
 * A browser-like client for one session cookie: every request carries the
 * cookie; form posts carry the csrf field and Sec-Fetch-Site: same-origin;
 * JSON requests carry X-CSRF-Token.  `csrf` is read from /account.
 */
export function sessionClient(srv, cookie, csrf = null) {
  const c = {
    cookie,
    csrf,
    request(method, p, { headers = {}, body } = {}) {
      return request(srv.url, method, p, { headers: { cookie: c.cookie, ...headers }, body });
    },
    get(p, headers = {}) { return c.request('GET', p, { headers }); },
    form(p, fields = {}, headers = {}) {
      const params = new URLSearchParams(fields instanceof URLSearchParams ? fields.toString() : fields);
      if (c.csrf && !params.has('csrf')) params.append('csrf', c.csrf);
      return c.request('POST', p, {
        body: params.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
      });
    },
    api(method, p, body, headers = {}) {
      const h = { accept: 'application/json', ...headers };
      if (method !== 'GET' && method !== 'HEAD' && c.csrf && !Object.keys(h).some((k) => k.toLowerCase() === 'x-csrf-token'))
        h['x-csrf-token'] = c.csrf;
      let data;
      if (body !== undefined) {
        data = typeof body === 'string' ? body : JSON.stringify(body);
        h['content-type'] ??= 'application/json';
      }
      return c.request(method, p, { headers: h, body: data });
    },
    /** Read the session's CSRF token from /account. */
    async loadCsrf() {
      const res = await c.get('/account');
      c.csrf = csrfOf(res.text);
      return c.csrf;
    },
  };
  return c;
}

/** POST /login as a browser does; resolves to the response. */
export function postLogin(srv, email, password, headers = {}) {
  return request(srv.url, 'POST', '/login', {
    body: new URLSearchParams({ email, password }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
  });
}

/** Sign in (no second factor); resolves to a sessionClient with its CSRF token.  Throws unless 303 + cookie. */
export async function signInAs(srv, email, password, headers = {}) {
  const res = await postLogin(srv, email, password, headers);
  const cookie = sessionCookieOf(res);
  if (res.status !== 303 || !cookie) throw new Error(`cannot sign in as ${email}: ${res.status} ${res.text.slice(0, 300)}`);
  const client = sessionClient(srv, cookie);
  await client.loadCsrf();
  return client;
}

/** A client that sends `Authorization: Bearer token` (no cookie, no CSRF). */
export function bearerClient(srv, token) {
  return {
    request(method, p, { headers = {}, body } = {}) {
      return request(srv.url, method, p, { headers: { authorization: `Bearer ${token}`, ...headers }, body });
    },
    get(p, headers = {}) { return this.request('GET', p, { headers: { accept: 'application/json', ...headers } }); },
    api(method, p, body, headers = {}) {
      const h = { accept: 'application/json', ...headers };
      if (body !== undefined) h['content-type'] ??= 'application/json';
      return this.request(method, p, { headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    },
  };
}

/** The bytes of an RFC 4648 base32 string (no padding needed). */
export function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const i = alphabet.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The RFC 6238 TOTP code (SHA-1, 30 s, 6 digits) of a base32 secret at `unixSeconds` (+ `steps` steps). */
export function totpCode(secret, unixSeconds = Date.now() / 1000, steps = 0) {
  const counter = Math.floor(unixSeconds / 30) + steps;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const n = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(n % 1_000_000).padStart(6, '0');
}

// ---- Imports (multipart uploads, background jobs) ----

/**
 * A multipart/form-data body: `fields` (name → value, in order) then, when
 * given, one file part { name, filename, contentType, data (Buffer|string) }.
 * Returns { body (Buffer), contentType }.
 */
export function multipartBody(fields = {}, file = null, boundary = `----passerelle-test-${Math.random().toString(16).slice(2)}`) {
  const parts = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`, 'utf8'));
    parts.push(Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8'));
    parts.push(Buffer.from('\r\n', 'utf8'));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name || 'file'}"; filename="${file.filename}"\r\n`
      + `Content-Type: ${file.contentType || 'application/octet-stream'}\r\n\r\n`, 'utf8'));
    parts.push(Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data, 'utf8'));
    parts.push(Buffer.from('\r\n', 'utf8'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Upload a spreadsheet to POST /imports as the import page does (multipart,
 * csrf field, session cookie).  `client`: a sessionClient (default: the
 * harness's administrator session).  Resolves to { res, id } where id is
 * the batch the server redirected to (or null).
 */
export async function uploadImport(srv, { kind = 'organizations', filename = 'import.csv', data, contentType = 'text/csv', client = null, fields = null } = {}) {
  const csrf = client ? client.csrf : srv.auth?.csrf;
  const { body, contentType: ct } = multipartBody(fields || { csrf, kind }, { name: 'file', filename, contentType, data });
  const headers = { 'content-type': ct, 'sec-fetch-site': 'same-origin' };
  const res = client
    ? await client.request('POST', '/imports', { headers, body })
    : await srv.request('POST', '/imports', { headers, body });
  const m = /\/imports\/(\d+)$/.exec(res.headers.location || '');
  return { res, id: m ? Number(m[1]) : null };
}

/** GET /imports/:id/progress (JSON). */
export async function importProgress(srv, id) {
  const res = await srv.get(`/imports/${id}/progress`);
  if (res.status !== 200 || !res.json) throw new Error(`progress of import ${id}: ${show(res)}`);
  return res.json;
}

/** Poll /imports/:id/progress until no job is queued or running; resolves to the last answer. */
export async function waitImport(srv, id, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const p = await importProgress(srv, id);
    if (p.job !== 'queued' && p.job !== 'running') return p;
    if (Date.now() > until) throw new Error(`import ${id} still ${p.job} after ${timeoutMs} ms: ${JSON.stringify(p)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
