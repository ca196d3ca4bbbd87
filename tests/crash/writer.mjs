// writer.mjs - the crash test: acknowledged writes survive SIGKILL.
//
// Creates a database with an editor account and an API token, starts the
// real server on 127.0.0.1, and for each of KILLS rounds:
//
//   1. WRITERS loops write through the API as fast as they can: POST
//      /api/v1/organizations, and PATCHes of organisations they created
//      earlier (each writer patches only its own records, one request at
//      a time, so every record's writes are ordered);
//   2. after a random 50-400 ms the server is killed with SIGKILL, with
//      requests in flight;
//   3. the server is started again on the same database, and the checks
//      run (see ROUND_CHECKS).
//
// Every write carries a unique token (zq000123) in every field it sets,
// so a record read back names the write it comes from, and a record whose
// fields come from two writes is a half-written one.  A write whose full
// 2xx response arrived is "acknowledged" and must be there after any
// later crash, with its values or those of a later write of the same
// record.  A write cut by the kill may be absent, or present whole; once
// seen after a restart it must stay.
//
// Deterministic in outcome: the number of checks is fixed, whatever the
// timing.  Bounded: a watchdog ends the run after DEADLINE_MS.  Talks to
// 127.0.0.1 only; removes its temporary folder and kills the servers it
// started on every way out.  Ends with "crash: N passed, N failed" and
// exit status 1 when any check failed.
//
// Environment: PASSERELLE_BIN (default ../../passerelle), CRASH_SEED (the
// seed of the random delays and choices, printed at start), CRASH_KILLS
// (default 8), CRASH_VERBOSE=1 (print every failure in full).
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = process.env.PASSERELLE_BIN || path.resolve(here, '../../passerelle');
const KILLS = Number(process.env.CRASH_KILLS || 8);
const SEED = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
const WRITERS = 4;
const MIN_DELAY_MS = 50;
const MAX_DELAY_MS = 400;
const DEADLINE_MS = 55_000;
const REQUEST_TIMEOUT_MS = 10_000;
const SEARCH_SAMPLE = 12;
const VERBOSE = process.env.CRASH_VERBOSE === '1';

const ROUND_CHECKS = [
  'every acknowledged write is there with its values (GET by id)',
  'no record is half-written or unknown, none went back to an older value (list)',
  'the history of every record written this round matches its writes',
  'the search index agrees with the records',
  'sqlite3 PRAGMA integrity_check says ok',
  'passerelle audit verify says the history is intact',
];
const FINAL_CHECKS = [
  'after a clean stop: sqlite3 PRAGMA integrity_check says ok',
  'after a clean stop: passerelle audit verify says the history is intact',
  'writes were acknowledged in every round, and none was refused',
  'the server printed no error',
];
const TOTAL = KILLS * ROUND_CHECKS.length + FINAL_CHECKS.length;

// ---- small tools ----

/** mulberry32: a seeded generator, so a run can be replayed (CRASH_SEED). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function run(bin, args, input) {
  return new Promise((resolve) => {
    const child = execFile(bin, args, { timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

// ---- the temporary folder and the servers, cleaned up on every way out ----

const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-crash-'));
const db = path.join(dir, 'passerelle.db');
const children = new Set();
let cleaned = false;
function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const c of children) {
    try { c.kill('SIGKILL'); } catch { /* already gone */ }
  }
  rmSync(dir, { recursive: true, force: true });
}
process.on('exit', cleanup);

// ---- the tally ----

let passed = 0;
let failed = 0;
let numbered = 0;
function check(name, problems) {
  numbered++;
  if (problems.length === 0) {
    passed++;
    console.log(`ok ${numbered} - ${name}`);
  } else {
    failed++;
    console.log(`not ok ${numbered} - ${name}`);
    for (const p of VERBOSE ? problems : problems.slice(0, 5)) console.log(`    ${p}`);
    if (!VERBOSE && problems.length > 5) console.log(`    ... and ${problems.length - 5} more (CRASH_VERBOSE=1 shows all)`);
  }
}
function finish(extraMessage) {
  if (extraMessage) console.log(`# ${extraMessage}`);
  // Checks that could not run count as failed, so the total stays the same.
  while (numbered < TOTAL) check('(not run)', ['the run stopped before this check']);
  console.log(`crash: ${passed} passed, ${failed} failed`);
  cleanup();
  process.exit(failed ? 1 : 0);
}
const watchdog = setTimeout(() => finish(`stopped by the watchdog after ${DEADLINE_MS} ms`), DEADLINE_MS);
watchdog.unref();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => finish(`stopped by ${sig}`));

// ---- the server ----

let serverStderr = '';
async function startServer() {
  const child = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => { children.delete(child); resolve({ code, signal }); }));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { serverStderr += d; });
  child.stdout.setEncoding('utf8');
  const base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start within 15 s: ${out} ${serverStderr}`)), 15_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited at start (code ${code}, signal ${signal}): ${out} ${serverStderr}`));
    });
  });
  return { child, base, agent: new http.Agent({ keepAlive: true, maxSockets: 16 }) };
}

let token;

/** One API request; resolves to { status, json } or rejects (connection cut, timeout). */
function api(server, method, p, body) {
  const u = new URL(server.base);
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: u.port,
      method,
      path: p,
      agent: server.agent,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(data === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) }),
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        if (!res.complete) { reject(new Error('response cut short')); return; }
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode, json, text });
      });
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('response aborted')));
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

/** Run fn over items, `width` at a time. */
async function pool(items, width, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  });
  await Promise.all(workers);
}

// ---- what was written ----
//
// records: one entry per create attempted.  versions[i] is the i-th write
// of the record (0 = the create) with its token and its state: 'sent'
// (no answer: cut by the kill), 'acked' (2xx received), 'refused' (another
// status: it must have changed nothing).  `floor` is the index of the
// newest write known to be committed (acknowledged, or seen after a
// restart): the record may never show an older one again.

let seq = 0;
const records = [];
const byToken = new Map(); // token -> { rec, index }
const byId = new Map(); // record id -> rec
let touched = new Set(); // records written this round
const roundAcks = [];
let refusals = [];

function newToken() {
  seq++;
  return `zq${String(seq).padStart(6, '0')}`;
}

function patchBody(t) {
  return {
    name: `Crash ${t}`,
    legal_form: `Forme ${t}`,
    tags: [t, `tag ${t}`],
    names: [{ value: `Alt ${t}`, lang: 'en', acronym: false }],
    description: [{ value: `Description ${t}`, lang: 'fr' }],
  };
}
function createBody(t) {
  return {
    ...patchBody(t),
    kind: 'association',
    visibility: 'internal',
    territory: 'MF',
    email: `${t}@crash.example.org`,
  };
}

/** What the record must look like when its newest committed write is version `index`. */
function expected(rec, index) {
  const created = createBody(rec.versions[0].token);
  const current = patchBody(rec.versions[index].token);
  const e = {};
  for (const f of ['name', 'legal_form', 'tags', 'names', 'description', 'kind', 'visibility', 'territory', 'email'])
    e[f] = f in current ? current[f] : created[f];
  return e;
}

/** Problems of a record as read back (JSON from the API) against rec; [] when fine. */
function judge(rec, got) {
  const m = /^Crash (zq\d{6})$/.exec(got.name || '');
  if (!m) return [`organisation ${got.id}: a name no write set: ${JSON.stringify(got.name)}`];
  const where = byToken.get(m[1]);
  if (!where || where.rec !== rec)
    return [`organisation ${got.id}: its name comes from ${m[1]}, a write of another record`];
  const v = where.rec.versions[where.index];
  const problems = [];
  if (v.state === 'refused') problems.push(`organisation ${got.id}: write ${v.token} was refused (${v.status}) yet it is there`);
  if (where.index < rec.floor)
    problems.push(`organisation ${got.id}: went back to write ${v.token} (#${where.index}) after write ` +
      `${rec.versions[rec.floor].token} (#${rec.floor}) was committed`);
  const want = expected(rec, where.index);
  for (const [f, value] of Object.entries(want))
    if (!isDeepStrictEqual(got[f], value))
      problems.push(`organisation ${got.id}: half-written: ${f} is ${JSON.stringify(got[f])}, write ${v.token} set ${JSON.stringify(value)}`);
  return problems;
}

// ---- the writers ----

async function writer(w, server, state) {
  const mine = () => records.filter((r) => r.owner === w && r.id !== null);
  while (state.running) {
    const own = mine();
    const patching = own.length > 0 && random() < 0.6;
    const t = newToken();
    let rec;
    let index;
    let method;
    let p;
    let body;
    if (patching) {
      rec = own[Math.floor(random() * own.length)];
      index = rec.versions.length;
      method = 'PATCH';
      p = `/api/v1/organizations/${rec.id}`;
      body = patchBody(t);
    } else {
      rec = { owner: w, id: null, versions: [], floor: -1 };
      records.push(rec);
      index = 0;
      method = 'POST';
      p = '/api/v1/organizations';
      body = createBody(t);
    }
    const version = { token: t, state: 'sent', status: null };
    rec.versions.push(version);
    byToken.set(t, { rec, index });
    touched.add(rec);
    try {
      const res = await api(server, method, p, body);
      version.status = res.status;
      if (res.status >= 200 && res.status < 300 && res.json && typeof res.json.id === 'number') {
        version.state = 'acked';
        rec.floor = Math.max(rec.floor, index);
        if (rec.id === null) {
          rec.id = res.json.id;
          byId.set(rec.id, rec);
        }
        state.acked++;
      } else {
        version.state = 'refused';
        refusals.push(`${method} ${p} (${t}): ${res.status} ${res.text.slice(0, 200)}`);
      }
    } catch {
      // Cut by the kill: unknown; the checks decide.
      state.cut++;
    }
  }
}

// ---- the checks ----

async function checkRound(server) {
  // 1. Every acknowledged write, by id.
  {
    const problems = [];
    const known = records.filter((r) => r.id !== null && r.floor >= 0);
    await pool(known, 8, async (rec) => {
      const res = await api(server, 'GET', `/api/v1/organizations/${rec.id}`);
      if (res.status !== 200) problems.push(`GET organisation ${rec.id} (write ${rec.versions[rec.floor].token} acknowledged): ${res.status}`);
      else problems.push(...judge(rec, res.json));
    });
    check(ROUND_CHECKS[0], problems);
  }
  // 2. Every record there is a whole write, of a create attempted; cut
  //    creates that made it are adopted; what is seen is committed.
  {
    const problems = [];
    const seen = new Set();
    let after = null;
    const items = [];
    for (let guard = 0; guard < 10_000; guard++) {
      const res = await api(server, 'GET', `/api/v1/organizations?limit=200${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      if (res.status !== 200) { problems.push(`listing organisations: ${res.status} ${res.text.slice(0, 200)}`); break; }
      items.push(...res.json.items);
      after = res.json.next;
      if (!after) break;
    }
    for (const got of items) {
      const m = /^Crash (zq\d{6})$/.exec(got.name || '');
      const where = m && byToken.get(m[1]);
      if (!where) { problems.push(`organisation ${got.id} comes from no write: ${JSON.stringify(got.name)}`); continue; }
      let rec = byId.get(got.id);
      if (!rec) {
        // A create cut by the kill that was committed: adopt it.
        rec = where.rec;
        if (rec.id !== null) { problems.push(`organisation ${got.id} duplicates organisation ${rec.id} (write ${where.rec.versions[0].token})`); continue; }
        rec.id = got.id;
        byId.set(got.id, rec);
      }
      if (seen.has(rec)) problems.push(`organisation ${got.id} listed twice`);
      seen.add(rec);
      const p = judge(rec, got);
      problems.push(...p);
      if (p.length === 0) {
        rec.floor = Math.max(rec.floor, where.index);
        rec.current = where.index;
      }
    }
    for (const rec of records)
      if (rec.id !== null && !seen.has(rec))
        problems.push(`organisation ${rec.id} (write ${rec.versions[0].token}) is missing from the list`);
    check(ROUND_CHECKS[1], problems);
  }
  // 3. The history of each record written this round: an ordered
  //    subsequence of its writes, holding every acknowledged one, ending
  //    with what the record shows, each entry by the API token's account.
  {
    const problems = [];
    const list = [...touched].filter((r) => r.id !== null);
    await pool(list, 8, async (rec) => {
      const res = await api(server, 'GET', `/api/v1/organizations/${rec.id}/history`);
      if (res.status !== 200) { problems.push(`history of ${rec.id}: ${res.status}`); return; }
      const entries = [...res.json.items].reverse();
      const indexes = [];
      for (const e of entries) {
        const name = e.changes?.name?.new;
        const where = /^Crash (zq\d{6})$/.test(name || '') && byToken.get(name.slice(6));
        if (!where || where.rec !== rec) { problems.push(`history of ${rec.id}: entry ${e.id} names no write of it: ${JSON.stringify(name)}`); return; }
        if (e.action !== (where.index === 0 ? 'create' : 'update')) problems.push(`history of ${rec.id}: entry ${e.id} is a ${e.action}`);
        if (e.origin !== 'api' || e.actor !== 'Crash writer' || e.address !== '127.0.0.1')
          problems.push(`history of ${rec.id}: entry ${e.id} by ${e.actor} from ${e.origin} ${e.address}`);
        indexes.push(where.index);
      }
      for (let i = 1; i < indexes.length; i++)
        if (indexes[i] <= indexes[i - 1]) problems.push(`history of ${rec.id}: writes out of order: ${indexes.join(', ')}`);
      rec.versions.forEach((v, i) => {
        if (v.state === 'acked' && !indexes.includes(i)) problems.push(`history of ${rec.id}: acknowledged write ${v.token} is missing`);
      });
      if (indexes[indexes.length - 1] !== rec.current)
        problems.push(`history of ${rec.id}: ends with write #${indexes[indexes.length - 1]}, the record shows #${rec.current}`);
    });
    check(ROUND_CHECKS[2], problems);
  }
  // 4. Search: the current token finds the record, a replaced one does not.
  {
    const problems = [];
    const list = [...touched].filter((r) => r.id !== null && r.current !== undefined);
    const sample = list.slice(-SEARCH_SAMPLE);
    await pool(sample, 4, async (rec) => {
      const now = rec.versions[rec.current].token;
      const res = await api(server, 'GET', `/api/v1/search?q=${now}`);
      if (res.status !== 200 || !res.json.items.some((h) => h.kind === 'organization' && h.id === rec.id))
        problems.push(`search ${now}: organisation ${rec.id} not found (${res.status} ${res.text.slice(0, 200)})`);
      if (rec.current > 0) {
        const old = rec.versions[rec.current - 1].token;
        const res2 = await api(server, 'GET', `/api/v1/search?q=${old}`);
        if (res2.status !== 200 || res2.json.items.some((h) => h.kind === 'organization' && h.id === rec.id))
          problems.push(`search ${old}: still finds organisation ${rec.id}, which now holds ${now}`);
      }
    });
    check(ROUND_CHECKS[3], problems);
  }
  await checkDatabase(ROUND_CHECKS[4], ROUND_CHECKS[5]);
}

async function checkDatabase(integrityName, auditName) {
  const integrity = await run('sqlite3', ['-cmd', '.timeout 5000', db, 'PRAGMA integrity_check']);
  check(integrityName, integrity.code === 0 && integrity.stdout.trim() === 'ok' ? []
    : [`sqlite3 exit ${integrity.code}: ${integrity.stdout.trim()} ${integrity.stderr.trim()}`]);
  const audit = await run(BIN, ['audit', 'verify', '--db', db]);
  check(auditName, audit.code === 0 && /intact/.test(audit.stdout) ? []
    : [`exit ${audit.code}: ${audit.stdout.trim()} ${audit.stderr.trim()}`]);
}

// ---- the run ----

async function main() {
  const started = Date.now();
  console.log(`# crash test: ${KILLS} kills, ${WRITERS} writers, seed ${SEED} (CRASH_SEED=${SEED} replays the delays)`);
  for (const [args, input] of [
    [['init', '--db', db, '--admin', 'admin@crash.invalid']],
    [['user', 'add', 'writer@crash.invalid', '--name', 'Crash writer', '--role', 'editor', '--password-stdin', '--db', db], 'Crash-test-password-2025!\n'],
  ]) {
    const r = await run(BIN, args, input);
    if (r.code !== 0) finish(`passerelle ${args.join(' ')}: exit ${r.code}\n${r.stdout}${r.stderr}`);
  }
  const t = await run(BIN, ['user', 'token', 'writer@crash.invalid', '--name', 'crash', '--db', db]);
  token = t.stdout.trim().split(/\s+/).pop();
  if (t.code !== 0 || !token) finish(`passerelle user token: exit ${t.code}\n${t.stdout}${t.stderr}`);

  let server = await startServer();
  for (let round = 1; round <= KILLS; round++) {
    touched = new Set();
    const state = { running: true, acked: 0, cut: 0 };
    const loops = Array.from({ length: WRITERS }, (_, w) => writer(w, server, state));
    const delay = MIN_DELAY_MS + Math.floor(random() * (MAX_DELAY_MS - MIN_DELAY_MS + 1));
    await sleep(delay);
    state.running = false; // no write starts after this; those in flight are cut
    server.child.kill('SIGKILL');
    const { signal } = await server.child.exited;
    await Promise.all(loops);
    server.agent.destroy();
    roundAcks.push(state.acked);
    console.log(`# round ${round}: killed (${signal}) after ${delay} ms; ${state.acked} writes acknowledged, ${state.cut} cut`);
    server = await startServer();
    await checkRound(server);
  }
  // A clean stop, then the database once more.
  server.child.kill('SIGTERM');
  const stopped = await server.child.exited;
  server.agent.destroy();
  await checkDatabase(FINAL_CHECKS[0], FINAL_CHECKS[1]);
  const quiet = roundAcks.map((n, i) => (n === 0 ? `round ${i + 1}: no write was acknowledged` : null)).filter(Boolean);
  check(FINAL_CHECKS[2], [...quiet, ...refusals]);
  const errors = serverStderr.split('\n').filter((l) => l.trim());
  if (stopped.code !== 0) errors.push(`the last server exited with code ${stopped.code}, signal ${stopped.signal} on SIGTERM`);
  check(FINAL_CHECKS[3], errors);
  const writes = records.reduce((n, r) => n + r.versions.length, 0);
  finish(`${writes} writes to ${records.length} organisations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err) => finish(`error: ${err.stack || err}`));
