// t-calendar.test.mjs - calendars and mail: secret calendar addresses
// (/calendar, /calendar/feed/:token), one meeting as an .ics file
// (/interactions/:id/ics), the daily digest of follow-ups (`passerelle
// digest`), and the mail a validated note's distribution sends.
//
// What comes back is parsed for real: the iCalendar by an RFC 5545
// unfolding parser written here (physical lines, unfolding, content lines
// with quoted parameters, components, TEXT unescaping); the mail through
// the SMTP receiver of smtp-receiver.mjs, decoded by a strict RFC 5322 /
// 2047 / 2045 reader written here (CRLF only, line lengths, UTF-8
// encoded-words, quoted-printable, base64) and cross-checked with
// decodeMail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { startSmtpReceiver, decodeMail } from './smtp-receiver.mjs';
import {
  BIN, startServer, addAccount, signInAs, bearerClient, cliToken, sqlite, request, show, person, unescapeHtml,
} from './harness.mjs';

const T = { timeout: 45_000 }; // a hang fails the test instead of the run
const FAST = { PASSERELLE_ARGON2_FAST: '1' }; // weak password hashes: the tests sign in quickly
const SANITIZER = /AddressSanitizer|LeakSanitizer|runtime error|UndefinedBehaviorSanitizer/;

// ---- dates (the server's local day: it runs with this process's TZ) ----

function localDate(offsetDays = 0) {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
const compact = (isoLocal) => isoLocal.replace(/[-:]/g, ''); // 2026-12-01T10:30 -> 20261201T1030

// ---- iCalendar (RFC 5545) ----

/**
 * Parse an iCalendar stream (a Buffer) strictly: every physical line ends
 * in CRLF, holds at most 75 octets and is valid UTF-8 on its own (a fold
 * never cuts a character); folded lines are unfolded (CRLF + one space or
 * tab); each content line is split into name, parameters (quoted values
 * allowed) and value; BEGIN/END build the component tree.
 * Returns { root, physical, logical }.
 */
function parseIcs(buf) {
  assert.ok(Buffer.isBuffer(buf));
  const text = buf.toString('latin1'); // byte-exact: one char per octet
  assert.ok(text.endsWith('\r\n'), 'the stream does not end in CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  physical.forEach((line, i) => {
    assert.ok(!/[\r\n]/.test(line), `line ${i + 1} holds a bare CR or LF: ${JSON.stringify(line)}`);
    assert.ok(line.length <= 75, `line ${i + 1} is ${line.length} octets (> 75): ${JSON.stringify(line)}`);
    const bytes = Buffer.from(line, 'latin1');
    assert.ok(Buffer.compare(Buffer.from(bytes.toString('utf8'), 'utf8'), bytes) === 0,
      `line ${i + 1} is not valid UTF-8 on its own (a fold cut a character): ${JSON.stringify(line)}`);
    assert.ok(line.length > 0, `line ${i + 1} is empty`);
  });
  const logicalBytes = [];
  for (const line of physical) {
    if (line[0] === ' ' || line[0] === '\t') {
      assert.ok(logicalBytes.length > 0, 'the stream starts with a continuation line');
      logicalBytes[logicalBytes.length - 1] += line.slice(1);
    } else {
      logicalBytes.push(line);
    }
  }
  const logical = logicalBytes.map((l) => Buffer.from(l, 'latin1').toString('utf8'));
  const root = { name: null, props: [], children: [] };
  const stack = [root];
  for (const line of logical) {
    const prop = parseContentLine(line);
    const top = stack[stack.length - 1];
    if (prop.name === 'BEGIN') {
      const c = { name: prop.value, props: [], children: [] };
      top.children.push(c);
      stack.push(c);
    } else if (prop.name === 'END') {
      assert.equal(prop.value, top.name, `END:${prop.value} closes BEGIN:${top.name}`);
      stack.pop();
    } else {
      assert.ok(stack.length > 1, `property outside any component: ${line}`);
      top.props.push(prop);
    }
  }
  assert.equal(stack.length, 1, `unclosed component ${stack[stack.length - 1].name}`);
  return { root, physical, logical };
}

/** name *(";" param) ":" value, with param = name "=" value *("," value), values maybe "quoted". */
function parseContentLine(line) {
  const m = /^([A-Za-z0-9-]+)/.exec(line);
  assert.ok(m, `not a content line: ${JSON.stringify(line)}`);
  const name = m[1].toUpperCase();
  let i = m[1].length;
  const params = {};
  while (line[i] === ';') {
    const pm = /^;([A-Za-z0-9-]+)=/.exec(line.slice(i));
    assert.ok(pm, `bad parameter in ${JSON.stringify(line)}`);
    i += pm[0].length;
    const values = [];
    for (;;) {
      if (line[i] === '"') {
        const end = line.indexOf('"', i + 1);
        assert.ok(end > i, `unterminated quoted parameter in ${JSON.stringify(line)}`);
        values.push(line.slice(i + 1, end));
        i = end + 1;
      } else {
        const vm = /^[^";:,]*/.exec(line.slice(i));
        values.push(vm[0]);
        i += vm[0].length;
      }
      if (line[i] !== ',') break;
      i++;
    }
    params[pm[1].toUpperCase()] = values.length === 1 ? values[0] : values;
  }
  assert.equal(line[i], ':', `no ':' after the name and parameters of ${JSON.stringify(line)}`);
  return { name, params, value: line.slice(i + 1) };
}

/** A TEXT value unescaped (RFC 5545 3.3.11); throws on an unescaped ',' or ';' or a stray backslash. */
function unescapeText(v) {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '\\') {
      const n = v[++i];
      if (n === 'n' || n === 'N') out += '\n';
      else if (n === '\\' || n === ',' || n === ';') out += n;
      else throw new Error(`bad escape \\${n} in ${JSON.stringify(v)}`);
    } else if (c === ',' || c === ';') {
      throw new Error(`unescaped ${c} in TEXT ${JSON.stringify(v)}`);
    } else {
      out += c;
    }
  }
  return out;
}

const props = (comp, name) => comp.props.filter((p) => p.name === name);
function prop(comp, name) {
  const all = props(comp, name);
  assert.equal(all.length, 1, `${comp.name} has ${all.length} ${name} (want exactly one)`);
  return all[0];
}
const optProp = (comp, name) => props(comp, name)[0] || null;
const text = (comp, name) => unescapeText(prop(comp, name).value);

/** The VCALENDAR of a response, checked for what every Passerelle calendar holds. */
function calendarOf(res) {
  assert.equal(res.status, 200, show(res));
  assert.match(res.headers['content-type'], /^text\/calendar\b/);
  assert.match(res.headers['content-type'], /charset=utf-8/i);
  const { root, physical } = parseIcs(res.body);
  assert.equal(physical[0], 'BEGIN:VCALENDAR');
  assert.equal(physical[physical.length - 1], 'END:VCALENDAR');
  assert.equal(root.children.length, 1, 'one VCALENDAR');
  const cal = root.children[0];
  assert.equal(cal.name, 'VCALENDAR');
  assert.equal(prop(cal, 'VERSION').value, '2.0');
  assert.match(prop(cal, 'PRODID').value, /\S/);
  const events = cal.children.filter((c) => c.name === 'VEVENT');
  const zones = cal.children.filter((c) => c.name === 'VTIMEZONE');
  // Every VTIMEZONE comes before the events, one per TZID, and every TZID used has one.
  const firstEvent = cal.children.findIndex((c) => c.name === 'VEVENT');
  if (firstEvent >= 0) assert.ok(cal.children.slice(firstEvent).every((c) => c.name === 'VEVENT'), 'a VTIMEZONE after an event');
  const zoneIds = zones.map((z) => prop(z, 'TZID').value);
  assert.equal(new Set(zoneIds).size, zoneIds.length, `duplicate VTIMEZONE: ${zoneIds}`);
  const used = new Set();
  for (const ev of events) {
    for (const p of [...props(ev, 'DTSTART'), ...props(ev, 'DTEND')]) if (p.params.TZID) used.add(p.params.TZID);
    const uid = prop(ev, 'UID').value;
    assert.match(prop(ev, 'DTSTAMP').value, /^\d{8}T\d{6}Z$/, `DTSTAMP of ${uid}`);
  }
  assert.deepEqual([...used].sort(), [...zoneIds].sort(), 'the VTIMEZONEs are not exactly the zones used');
  const uids = events.map((e) => prop(e, 'UID').value);
  assert.equal(new Set(uids).size, uids.length, `UIDs are not unique: ${uids}`);
  const byUid = new Map(events.map((e) => [prop(e, 'UID').value, e]));
  return { cal, events, zones: new Map(zones.map((z) => [prop(z, 'TZID').value, z])), byUid };
}

/** The offsets a VTIMEZONE observes: { STANDARD: [...TZOFFSETTO], DAYLIGHT: [...] }. */
function zoneOffsets(vtz) {
  const out = { STANDARD: [], DAYLIGHT: [] };
  for (const o of vtz.children) {
    assert.ok(o.name === 'STANDARD' || o.name === 'DAYLIGHT', `unexpected ${o.name} in VTIMEZONE`);
    prop(o, 'DTSTART');
    prop(o, 'TZOFFSETFROM');
    out[o.name].push(prop(o, 'TZOFFSETTO').value);
  }
  return out;
}

// ---- mail: a strict reader of what the receiver got ----

/** Decode RFC 2047 encoded-words (B and Q, UTF-8), joining adjacent ones. */
function decodeWords(s) {
  const re = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  // Whitespace between two encoded-words is dropped (RFC 2047 6.2).
  const joined = s.replace(/(\?=)\s+(?==\?)/g, '$1');
  let out = '';
  let last = 0;
  let pending = [];
  const flush = () => { if (pending.length) { out += Buffer.concat(pending).toString('utf8'); pending = []; } };
  let m;
  while ((m = re.exec(joined))) {
    if (m.index > last) { flush(); out += joined.slice(last, m.index); }
    assert.match(m[1], /^utf-8$/i, `charset of ${m[0]}`);
    if (m[2].toUpperCase() === 'B') pending.push(Buffer.from(m[3], 'base64'));
    else pending.push(qpBytes(m[3].replace(/_/g, ' ')));
    last = m.index + m[0].length;
  }
  flush();
  return out + joined.slice(last);
}

/** The octets of quoted-printable text (soft line breaks removed). */
function qpBytes(s) {
  s = s.replace(/=\r\n/g, '');
  const out = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) { out.push(parseInt(s.slice(i + 1, i + 3), 16)); i += 2; }
    else out.push(s.charCodeAt(i) & 0xff);
  }
  return Buffer.from(out);
}

/**
 * { headers (lower-case name -> decoded value), subject, to, toAddress,
 * from, text } of a message as the receiver got it (a string), checked
 * strictly, and agreeing with smtp-receiver.mjs's decodeMail.
 */
function parseMail(data) {
  const raw = Buffer.from(data, 'utf8');
  const s = raw.toString('latin1');
  const split = s.indexOf('\r\n\r\n');
  assert.ok(split > 0, 'no blank line after the headers');
  const head = s.slice(0, split);
  const body = s.slice(split + 4);
  for (const line of s.split('\r\n')) assert.ok(Buffer.byteLength(line, 'latin1') <= 998, 'a line longer than 998 octets');
  assert.ok(!/(^|[^\r])\n/.test(s), 'a bare LF in the message');
  const headers = {};
  for (const h of head.replace(/\r\n([ \t])/g, '$1').split('\r\n')) {
    const c = h.indexOf(':');
    assert.ok(c > 0, `bad header line ${JSON.stringify(h)}`);
    const name = h.slice(0, c).toLowerCase();
    const value = decodeWords(Buffer.from(h.slice(c + 1).trim(), 'latin1').toString('latin1'));
    assert.ok(!(name in headers) || name === 'received', `header ${name} twice`);
    headers[name] = value;
  }
  const ct = headers['content-type'] || 'text/plain';
  assert.match(ct, /^text\/plain\b/i, `a plain text mail, not ${ct}`);
  assert.match(ct, /charset="?utf-8"?/i);
  const cte = (headers['content-transfer-encoding'] || '7bit').toLowerCase();
  let bytes;
  if (cte === 'quoted-printable') {
    for (const line of body.split('\r\n')) assert.ok(line.length <= 76, `a quoted-printable line longer than 76: ${JSON.stringify(line)}`);
    bytes = qpBytes(body);
  } else if (cte === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else bytes = Buffer.from(body, 'latin1');
  const textBody = bytes.toString('utf8');
  assert.ok(!textBody.includes('\uFFFD'), 'the body is not valid UTF-8');
  const toAddress = (/<([^>]+)>/.exec(headers.to) || [null, headers.to])[1];
  const other = decodeMail(data);
  assert.equal(other.subject, headers.subject, 'decodeMail reads another subject');
  assert.equal(other.text.replace(/\r\n/g, '\n'), textBody.replace(/\r\n/g, '\n'), 'decodeMail reads another body');
  return { headers, subject: headers.subject, to: headers.to, toAddress, from: headers.from, text: textBody.replace(/\r\n/g, '\n') };
}

/** Run `passerelle <args>`; resolves to { code, stdout, stderr } whatever the exit code. */
function runBin(args, env) {
  const fullEnv = { ...env };
  fullEnv.ASAN_OPTIONS ??= 'detect_leaks=1:abort_on_error=0';
  fullEnv.UBSAN_OPTIONS ??= 'print_stacktrace=1';
  return new Promise((resolve) => {
    execFile(BIN, args, { env: fullEnv, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}
function envWithout(...names) {
  const env = { ...process.env };
  for (const n of names) delete env[n];
  return env;
}

// ---- common steps ----

async function create(client, plural, body) {
  const res = await client.api('POST', `/api/v1/${plural}`, body);
  assert.equal(res.status, 201, `POST /api/v1/${plural}: ${show(res)}`);
  return res.json;
}

async function transition(client, id, code, body = {}) {
  const res = await client.api('POST', `/api/v1/notes/${id}/transitions/${code}`, body);
  assert.equal(res.status, 200, `${code}: ${show(res)}`);
  return res.json;
}

/** A note written by `author`, submitted, validated by `validator`: resolves to its id. */
async function validatedNote(author, validator, validatorId, fields) {
  const note = await create(author, 'notes', {
    note_type: 'minutes', date: localDate(0), validator: validatorId, visibility: 'internal', ...fields,
  });
  await transition(author, note.id, 'submit');
  const v = await transition(validator, note.id, 'validate');
  assert.equal(v.record.status, 'validated');
  return note.id;
}

// ---- the servers ----

let srv; // calendars, .ics, and the mailer without SMTP
const acc = {}; // role in the story -> account
const sess = {}; // -> sessionClient
const ids = {}; // names -> record ids
const day = { meeting1: localDate(7), meeting2: localDate(8), meeting3: localDate(9) };

before(async () => {
  srv = await startServer();
  const team = await create(srv, 'teams', { name: 'Équipe Caraïbes' });
  ids.team = team.id;
  const other = await create(srv, 'teams', { name: 'Équipe Pacifique' });
  ids.otherTeam = other.id;
  [acc.alice, acc.bob, acc.carol, acc.reader] = await Promise.all([
    addAccount(srv, { email: 'alice@calendar.invalid', name: 'Alice Martin', role: 'editor', teams: [team.id], env: FAST }),
    addAccount(srv, { email: 'bob@calendar.invalid', name: 'Bob Richardson', role: 'validator', teams: [team.id], env: FAST }),
    addAccount(srv, { email: 'carol@calendar.invalid', name: 'Carol Hodge', role: 'editor', teams: [other.id], env: FAST }),
    addAccount(srv, { email: 'rene@calendar.invalid', name: 'René Lecteur', role: 'reader', env: FAST }),
  ]);
  for (const k of ['alice', 'bob', 'carol', 'reader']) sess[k] = await signInAs(srv, acc[k].email, acc[k].password);

  const meeting = (fields) => create(srv, 'interactions', { type: 'meeting', visibility: 'internal', ...fields });
  ids.marigot = (await meeting({
    subject: 'Comité de pilotage, pêche; Marigot',
    starts_at: `${day.meeting1}T10:30`, ends_at: `${day.meeting1}T12:00`, timezone: 'America/Marigot',
    place: 'Hôtel de la Collectivité, rue de la Liberté; salle 2',
    summary: 'Ordre du jour : budget, calendrier; suite.\nDeuxième ligne avec des accents : éèêàçœ — et une phrase assez longue pour que la ligne soit pliée à 75 octets, même avec des caractères accentués ĀāĂăĄą 漢字.',
    participants: [acc.alice.id],
  })).id;
  ids.paris = (await meeting({
    subject: 'Point avec la délégation à Paris',
    starts_at: `${day.meeting2}T09:15`, timezone: 'Europe/Paris', participants: [acc.alice.id, acc.bob.id],
  })).id;
  ids.costaRica = (await meeting({
    subject: 'Visio San José', type: 'video',
    starts_at: `${day.meeting3}T16:00`, ends_at: `${day.meeting3}T17:30`, timezone: 'America/Costa_Rica',
    link: 'https://visio.example.org/salle?id=42&lang=fr', participants: [acc.alice.id],
  })).id;
  ids.confidential = (await meeting({
    subject: 'Entretien confidentiel', starts_at: `${day.meeting1}T14:00`, timezone: 'America/Marigot',
    participants: [acc.alice.id, acc.carol.id], visibility: 'confidential', visibility_users: [acc.carol.id],
  })).id;
  ids.carolOnly = (await meeting({
    subject: 'Réunion de Carol', starts_at: `${day.meeting2}T11:00`, timezone: 'America/Marigot', participants: [acc.carol.id],
  })).id;
  ids.bobOnly = (await meeting({
    subject: 'Réunion de Bob', starts_at: `${day.meeting3}T08:00`, timezone: 'Europe/Paris', participants: [acc.bob.id],
  })).id;
  ids.nobody = (await meeting({ subject: 'Réunion sans collègue', starts_at: `${day.meeting1}T08:00`, timezone: 'Europe/Paris' })).id;
  ids.longAgo = (await meeting({ // a feed goes back 90 days
    subject: 'Réunion d’il y a longtemps', starts_at: `${localDate(-120)}T10:00`, timezone: 'America/Marigot', participants: [acc.alice.id],
  })).id;

  const followup = (fields) => create(srv, 'follow-ups', { status: 'open', visibility: 'internal', ...fields });
  ids.fuAlice = (await followup({
    title: 'Envoyer le compte rendu, puis relancer; Ève', owner: acc.alice.id, due_date: localDate(12),
    details: 'Première ligne\nSeconde ligne, avec virgule; et point-virgule',
  })).id;
  ids.fuAliceDone = (await followup({ title: 'Tâche terminée', owner: acc.alice.id, due_date: localDate(13), status: 'done' })).id;
  ids.fuBob = (await followup({ title: 'Suivi de Bob', owner: acc.bob.id, due_date: localDate(14), status: 'in_progress' })).id;
  ids.fuCarol = (await followup({ title: 'Suivi de Carol', owner: acc.carol.id, due_date: localDate(15) })).id;
});

after(async () => { await srv?.stop(); });

/** Make a feed as `client` (form post with csrf); resolves to { path, token, id }. */
async function makeFeed(client, fields) {
  // The new address is shown once, in the answer to the form itself: never
  // in an address (browser history, server logs).
  const page = await client.form('/calendar/feeds', fields);
  assert.equal(page.status, 201, show(page));
  assert.equal(page.headers.location, undefined);
  assert.match(page.headers['cache-control'] || '', /no-store/);
  const m = /<code class="secret">([^<]*)<\/code>/.exec(page.text);
  assert.ok(m, 'the answer does not show the new address');
  const path = unescapeHtml(m[1]);
  const token = /\/calendar\/feed\/([A-Za-z0-9_-]{43})\.ics$/.exec(path)?.[1];
  assert.ok(token, `not a feed address: ${path}`);
  // Shown once: the calendar page itself does not show it again.
  const again = await client.get('/calendar');
  assert.equal(again.status, 200);
  assert.ok(!again.text.includes(token), 'the secret is shown again on /calendar');
  const forms = [...again.text.matchAll(/action="\/calendar\/feeds\/(\d+)\/revoke"/g)].map((x) => Number(x[1]));
  assert.ok(forms.length > 0, 'no revoke button on /calendar');
  return { path, token, id: Math.max(...forms) };
}

/** GET with no cookie, no token: what a calendar program sends. */
const fetchFeed = (p) => request(srv.url, 'GET', p, {});

test('calendar feed: a user\'s secret address serves their meetings and follow-ups, parsed as RFC 5545', T, async () => {
  const feed = await makeFeed(sess.alice, { name: 'Agenda d’Alice, Marigot', team: '0' });
  const res = await fetchFeed(feed.path);
  const { cal, events, zones, byUid } = calendarOf(res);
  assert.ok(res.text.includes('\r\n '), 'no folded line: the 75-octet limit is not exercised');
  assert.match(res.headers['cache-control'] || '', /private/);
  assert.equal(res.headers['set-cookie'], undefined, 'a feed sets no cookie');
  assert.equal(text(cal, 'X-WR-CALNAME'), 'Agenda d’Alice, Marigot');

  const uids = [...byUid.keys()];
  for (const uid of uids) assert.match(uid, /^(interaction|followup)-\d+@[A-Za-z0-9.-]+$/, `UID ${uid}`);
  const meetingIds = uids.filter((u) => u.startsWith('interaction-')).map((u) => Number(/-(\d+)@/.exec(u)[1])).sort((a, b) => a - b);
  assert.deepEqual(meetingIds, [ids.marigot, ids.paris, ids.costaRica].sort((a, b) => a - b),
    'the meetings of the feed are exactly those Alice takes part in and may see');
  const fuIds = uids.filter((u) => u.startsWith('followup-')).map((u) => Number(/-(\d+)@/.exec(u)[1]));
  assert.deepEqual(fuIds, [ids.fuAlice], 'the follow-ups of the feed are Alice\'s open ones');
  assert.equal(events.length, 4);
  const ev = (kind, id) => events.find((e) => new RegExp(`^${kind}-${id}@`).test(prop(e, 'UID').value));

  // The meeting in Marigot: its zone, its local time, its text escaped.
  const m1 = ev('interaction', ids.marigot);
  const start = prop(m1, 'DTSTART');
  assert.equal(start.params.TZID, 'America/Marigot');
  assert.equal(start.value, `${compact(day.meeting1)}T103000`);
  assert.equal(prop(m1, 'DTEND').params.TZID, 'America/Marigot');
  assert.equal(prop(m1, 'DTEND').value, `${compact(day.meeting1)}T120000`);
  assert.equal(prop(m1, 'SUMMARY').value, 'Comité de pilotage\\, pêche\\; Marigot', 'commas and semicolons escaped');
  assert.equal(text(m1, 'SUMMARY'), 'Comité de pilotage, pêche; Marigot');
  assert.equal(text(m1, 'LOCATION'), 'Hôtel de la Collectivité, rue de la Liberté; salle 2');
  const desc = prop(m1, 'DESCRIPTION').value;
  assert.ok(desc.includes('budget\\, calendrier\\; suite.\\nDeuxième ligne'), `newline escaped as \\n: ${desc}`);
  assert.equal(text(m1, 'DESCRIPTION'),
    'Ordre du jour : budget, calendrier; suite.\nDeuxième ligne avec des accents : éèêàçœ — et une phrase assez longue pour que la ligne soit pliée à 75 octets, même avec des caractères accentués ĀāĂăĄą 漢字.');

  // The other zones.
  const m2 = ev('interaction', ids.paris);
  assert.equal(prop(m2, 'DTSTART').params.TZID, 'Europe/Paris');
  assert.equal(prop(m2, 'DTSTART').value, `${compact(day.meeting2)}T091500`);
  assert.equal(prop(m2, 'DTEND').value, `${compact(day.meeting2)}T101500`, 'a meeting without end lasts an hour');
  const m3 = ev('interaction', ids.costaRica);
  assert.equal(prop(m3, 'DTSTART').params.TZID, 'America/Costa_Rica');
  assert.equal(prop(m3, 'DTSTART').value, `${compact(day.meeting3)}T160000`);
  assert.equal(prop(m3, 'DTEND').value, `${compact(day.meeting3)}T173000`);
  assert.equal(text(m3, 'LOCATION'), 'https://visio.example.org/salle?id=42&lang=fr', 'the link is the location when there is no place');

  // One VTIMEZONE per zone used, with the offsets of the zone.
  assert.deepEqual([...zones.keys()].sort(), ['America/Costa_Rica', 'America/Marigot', 'Europe/Paris']);
  const marigot = zoneOffsets(zones.get('America/Marigot'));
  assert.ok(marigot.STANDARD.includes('-0400') && marigot.DAYLIGHT.length === 0, JSON.stringify(marigot));
  const costa = zoneOffsets(zones.get('America/Costa_Rica'));
  assert.ok(costa.STANDARD.includes('-0600') && costa.DAYLIGHT.length === 0, JSON.stringify(costa));
  const paris = zoneOffsets(zones.get('Europe/Paris'));
  assert.ok(paris.STANDARD.includes('+0100') && paris.DAYLIGHT.includes('+0200'), JSON.stringify(paris));
  for (const o of zones.get('Europe/Paris').children) {
    const rule = optProp(o, 'RRULE');
    if (rule) assert.ok(!/UNTIL=/.test(rule.value), `Paris's rules are cut: ${rule.value}`);
  }

  // The follow-up: an all-day event on its due date.
  const f = ev('followup', ids.fuAlice);
  const fs = prop(f, 'DTSTART');
  assert.equal(fs.params.VALUE, 'DATE');
  assert.equal(fs.params.TZID, undefined);
  assert.equal(fs.value, compact(localDate(12)));
  assert.equal(prop(f, 'DTEND').params.VALUE, 'DATE');
  assert.equal(prop(f, 'DTEND').value, compact(localDate(13)));
  assert.ok(text(f, 'SUMMARY').endsWith('Envoyer le compte rendu, puis relancer; Ève'), text(f, 'SUMMARY'));
  assert.equal(text(f, 'DESCRIPTION'), 'Première ligne\nSeconde ligne, avec virgule; et point-virgule');

  // Not there: the meeting confidential to Carol (Alice takes part but may not see it), Carol's, Bob's, nobody's.
  assert.ok(!res.text.includes('Entretien confidentiel'), 'a confidential meeting leaks into the feed');
  for (const hidden of [ids.confidential, ids.carolOnly, ids.bobOnly, ids.nobody, ids.longAgo])
    assert.ok(!uids.includes(`interaction-${hidden}@passerelle.invalid`) && !res.text.includes(`interaction-${hidden}@`), `interaction ${hidden} is in Alice's feed`);

  // The same address without ".ics" serves the same calendar.
  const bare = await fetchFeed(feed.path.replace(/\.ics$/, ''));
  assert.deepEqual([...calendarOf(bare).byUid.keys()].sort(), uids.sort());
});

test('calendar feed: the one a confidential meeting is shown to sees it', T, async () => {
  const feed = await makeFeed(sess.carol, { name: 'Carol' });
  const { byUid } = calendarOf(await fetchFeed(feed.path));
  assert.deepEqual([...byUid.keys()].sort(), [
    `followup-${ids.fuCarol}@passerelle.invalid`,
    `interaction-${ids.carolOnly}@passerelle.invalid`,
    `interaction-${ids.confidential}@passerelle.invalid`,
  ].sort());
});

test('calendar feed: a team feed lists the meetings and follow-ups of the team\'s members', T, async () => {
  const feed = await makeFeed(sess.bob, { name: 'Équipe Caraïbes', team: String(ids.team) });
  const { byUid, zones } = calendarOf(await fetchFeed(feed.path));
  const want = [
    `interaction-${ids.marigot}@passerelle.invalid`,
    `interaction-${ids.paris}@passerelle.invalid`, // both take part: listed once
    `interaction-${ids.costaRica}@passerelle.invalid`,
    `interaction-${ids.bobOnly}@passerelle.invalid`,
    `followup-${ids.fuAlice}@passerelle.invalid`,
    `followup-${ids.fuBob}@passerelle.invalid`,
  ];
  assert.deepEqual([...byUid.keys()].sort(), want.sort());
  assert.deepEqual([...zones.keys()].sort(), ['America/Costa_Rica', 'America/Marigot', 'Europe/Paris']);

  // A team one is not a member of, or nonsense, is refused.
  const notMember = await sess.alice.form('/calendar/feeds', { name: 'Pacifique', team: String(ids.otherTeam) });
  assert.equal(notMember.status, 422, show(notMember));
  for (const team of ['-1', 'abc', '1x']) {
    const bad = await sess.alice.form('/calendar/feeds', { name: 'X', team });
    assert.equal(bad.status, 422, `team ${team}: ${show(bad)}`);
  }
  const noName = await sess.alice.form('/calendar/feeds', { name: '', team: '0' });
  assert.equal(noName.status, 422, show(noName));
  const noCsrf = await sess.alice.form('/calendar/feeds', { name: 'Sans jeton', team: '0', csrf: 'wrong' });
  assert.ok(noCsrf.status === 403 || noCsrf.status === 400, `a form post without the right csrf: ${show(noCsrf)}`);
});

test('calendar feed: revoked, wrong or random addresses answer 404; another user cannot revoke', T, async () => {
  const feed = await makeFeed(sess.alice, { name: 'À révoquer' });
  assert.equal((await fetchFeed(feed.path)).status, 200);

  // Carol cannot revoke Alice's feed, and it keeps working.
  const theirs = await sess.carol.form(`/calendar/feeds/${feed.id}/revoke`, {});
  assert.equal(theirs.status, 404, show(theirs));
  assert.equal((await fetchFeed(feed.path)).status, 200, 'another user\'s revoke closed the feed');
  // Nor can anonymous.
  const anon = await request(srv.url, 'POST', `/calendar/feeds/${feed.id}/revoke`, {
    body: '', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
  });
  assert.ok([303, 401, 403].includes(anon.status), show(anon));
  assert.equal((await fetchFeed(feed.path)).status, 200);

  // Alice revokes it.
  const mine = await sess.alice.form(`/calendar/feeds/${feed.id}/revoke`, {});
  assert.equal(mine.status, 303, show(mine));
  assert.equal(mine.headers.location, '/calendar');
  for (const p of [feed.path, feed.path.replace(/\.ics$/, '')]) {
    const gone = await fetchFeed(p);
    assert.equal(gone.status, 404, `${p} after revoke: ${show(gone)}`);
    assert.ok(!gone.text.includes('BEGIN:VCALENDAR'));
  }
  const twice = await sess.alice.form(`/calendar/feeds/${feed.id}/revoke`, {});
  assert.equal(twice.status, 404, `revoking twice: ${show(twice)}`);
  const page = await sess.alice.get('/calendar');
  assert.ok(page.text.includes('<td>À révoquer</td>'), 'the revoked feed is no longer listed');
  assert.ok(!page.text.includes(`action="/calendar/feeds/${feed.id}/revoke"`), 'the revoked feed still has a revoke button');

  // Wrong and random tokens.
  const random = Buffer.from(Array.from({ length: 32 }, () => Math.floor(Math.random() * 256))).toString('base64url');
  assert.equal(random.length, 43);
  const wrongs = [
    `/calendar/feed/${random}.ics`, `/calendar/feed/${random}`,
    `/calendar/feed/${feed.token.slice(0, -1)}${feed.token.endsWith('A') ? 'B' : 'A'}.ics`,
    `/calendar/feed/${feed.token}x.ics`, '/calendar/feed/abc.ics', '/calendar/feed/.ics', `/calendar/feed/${'%00'.repeat(15)}`,
  ];
  for (const p of wrongs) {
    const res = await fetchFeed(p);
    assert.equal(res.status, 404, `${p}: ${show(res)}`);
    assert.ok(!res.text.includes('BEGIN:VCALENDAR'));
  }
  // Unknown feed ids.
  const none = await sess.alice.form('/calendar/feeds/999999/revoke', {});
  assert.equal(none.status, 404, show(none));
});

test('calendar feed: disabling its account closes it', T, async () => {
  const gina = await addAccount(srv, { email: 'gina@calendar.invalid', name: 'Gina', role: 'editor', env: FAST });
  const client = await signInAs(srv, gina.email, gina.password);
  const feed = await makeFeed(client, { name: 'Gina' });
  assert.equal((await fetchFeed(feed.path)).status, 200);
  const off = await srv.api('PATCH', `/api/v1/accounts/${gina.id}`, { disabled: true });
  assert.equal(off.status, 200, show(off));
  assert.equal((await fetchFeed(feed.path)).status, 404, 'the feed of a disabled account still answers');
  assert.equal((await srv.api('PATCH', `/api/v1/accounts/${gina.id}`, { disabled: false })).status, 200);
  assert.equal((await fetchFeed(feed.path)).status, 200, 'enabled again, the feed answers again');
});

// Product gap (reported): membership is checked when a team feed is made
// (store_calendar_feed_create) but not when it is served
// (view_calendar_feed / store_calendar_records), so a team feed keeps
// listing the team's meetings after its maker left the team.
test('calendar feed: a team feed stops listing the team once its maker left it', T, async () => {
  const hana = await addAccount(srv, { email: 'hana@calendar.invalid', name: 'Hana', role: 'editor', teams: [ids.team], env: FAST });
  const client = await signInAs(srv, hana.email, hana.password);
  const feed = await makeFeed(client, { name: 'Équipe de Hana', team: String(ids.team) });
  assert.ok(calendarOf(await fetchFeed(feed.path)).byUid.has(`interaction-${ids.marigot}@passerelle.invalid`));
  assert.equal((await srv.api('PATCH', `/api/v1/accounts/${hana.id}`, { teams: [] })).status, 200);
  const res = await fetchFeed(feed.path);
  assert.ok(res.status === 404 || !calendarOf(res).byUid.has(`interaction-${ids.marigot}@passerelle.invalid`),
    'the team feed still lists the team\'s meetings after its maker left the team');
});

test('.ics of one meeting: a signed-in reader downloads it; anonymous and those who may not see it are refused', T, async () => {
  const res = await sess.reader.get(`/interactions/${ids.marigot}/ics`);
  const { events, zones } = calendarOf(res);
  assert.match(res.headers['content-disposition'] || '', /^attachment\b/);
  assert.match(res.headers['content-disposition'], new RegExp(`filename="?interaction-${ids.marigot}\\.ics"?`));
  assert.equal(events.length, 1);
  assert.equal(prop(events[0], 'UID').value, `interaction-${ids.marigot}@passerelle.invalid`);
  assert.equal(prop(events[0], 'DTSTART').value, `${compact(day.meeting1)}T103000`);
  assert.deepEqual([...zones.keys()], ['America/Marigot']);
  assert.equal(text(events[0], 'SUMMARY'), 'Comité de pilotage, pêche; Marigot');

  for (const id of [ids.marigot, ids.confidential]) {
    const anon = await request(srv.url, 'GET', `/interactions/${id}/ics`, {});
    assert.ok([303, 401, 403, 404].includes(anon.status), `anonymous .ics of ${id}: ${show(anon)}`);
    if (anon.status === 303) assert.match(anon.headers.location, /^\/login/);
    assert.ok(!anon.text.includes('BEGIN:VCALENDAR'));
  }
  const hidden = await sess.reader.get(`/interactions/${ids.confidential}/ics`);
  assert.equal(hidden.status, 404, `a reader's .ics of a meeting confidential to another: ${show(hidden)}`);
  assert.ok(!hidden.text.includes('Entretien'));
  const carol = await sess.carol.get(`/interactions/${ids.confidential}/ics`);
  assert.equal(calendarOf(carol).events.length, 1);
  assert.equal((await sess.reader.get('/interactions/999999/ics')).status, 404);
});

// ---- mail ----

test('daily digest: one mail per account with follow-ups due or overdue; once a day', T, async () => {
  const smtp = await startSmtpReceiver();
  const d = await startServer();
  try {
    const [dora, ed, fay] = await Promise.all([
      addAccount(d, { email: 'dora.digest@passerelle.invalid', name: 'Dora Ébène', role: 'editor', env: FAST }),
      addAccount(d, { email: 'ed.digest@passerelle.invalid', name: 'Ed Smith', role: 'editor', env: FAST }),
      addAccount(d, { email: 'fay.digest@passerelle.invalid', name: 'Fay Later', role: 'editor', env: FAST }),
    ]);
    const lang = await d.api('PATCH', `/api/v1/accounts/${ed.id}`, { language: 'en' });
    assert.equal(lang.status, 200, show(lang));
    const fu = (fields) => create(d, 'follow-ups', { status: 'open', visibility: 'internal', ...fields });
    const today = localDate(0), late = localDate(-3), later = localDate(32);
    const doraToday = await fu({ title: 'Relancer la Fédération des coopératives de Saint-Barthélemy', owner: dora.id, due_date: today });
    const doraLate = await fu({ title: 'Préparer l’atelier « Économie sociale » à Sainte-Lucie', owner: dora.id, due_date: late, status: 'in_progress' });
    const doraNext = await fu({ title: 'Réserver la salle du mois prochain', owner: dora.id, due_date: later });
    await fu({ title: 'Déjà fait, en retard', owner: dora.id, due_date: late, status: 'done' });
    const edLate = await fu({ title: 'Call Zoë back about the çà-et-là fund', owner: ed.id, due_date: localDate(-10) });
    await fu({ title: 'Suivi du mois prochain', owner: fay.id, due_date: later });

    const env = { ...process.env, PASSERELLE_SMTP_URL: smtp.url, PASSERELLE_SMTP_FROM: 'Passerelle Tests <digest@passerelle.invalid>' };
    const first = await runBin(['digest', '--db', d.dbPath], env);
    assert.ok(!SANITIZER.test(first.stderr), `sanitizer report:\n${first.stderr}`);
    assert.equal(first.code, 0, `digest: ${first.stdout}\n${first.stderr}`);
    assert.match(first.stdout, /2 mails prepared; 2 sent, 0 failed/);
    assert.equal(smtp.messages.length, 2, `mails: ${smtp.messages.map((m) => m.to).join(', ')}`);

    const byRcpt = new Map(smtp.messages.map((m) => [m.to.join(','), m]));
    assert.deepEqual([...byRcpt.keys()].sort(), [dora.email, ed.email].sort(), 'one mail each to the accounts with something due');
    for (const m of smtp.messages) assert.equal(m.from, 'digest@passerelle.invalid');

    const dm = parseMail(byRcpt.get(dora.email).data);
    assert.equal(dm.toAddress, dora.email);
    assert.match(dm.to, /Dora Ébène/);
    assert.match(dm.from, /digest@passerelle\.invalid/);
    assert.match(dm.subject, /\b2 \(1 [^)]+\)$/, `subject counts 2 due, 1 overdue: ${dm.subject}`);
    assert.ok(dm.text.includes(`[${today}] Relancer la Fédération des coopératives de Saint-Barthélemy\n`), dm.text);
    assert.ok(dm.text.includes(`[${late}] Préparer l’atelier « Économie sociale » à Sainte-Lucie (`), dm.text);
    assert.ok(dm.text.includes(`/follow-ups/${doraToday.id}`) && dm.text.includes(`/follow-ups/${doraLate.id}`));
    assert.ok(!dm.text.includes('Réserver la salle') && !dm.text.includes(`/follow-ups/${doraNext.id}`), 'next month\'s follow-up is in the digest');
    assert.ok(!dm.text.includes('Déjà fait'), 'a done follow-up is in the digest');
    assert.ok(dm.text.indexOf(late) < dm.text.indexOf(`[${today}]`), 'overdue first (by due date)');

    const em = parseMail(byRcpt.get(ed.email).data);
    assert.equal(em.toAddress, ed.email);
    assert.match(em.subject, /^Follow-ups ?: 1 \(1 overdue\)$/);
    assert.ok(em.text.startsWith('Your follow-ups due today and overdue:\n'), em.text);
    assert.ok(em.text.includes(`- [${localDate(-10)}] Call Zoë back about the çà-et-là fund (overdue)\n`), em.text);
    assert.ok(em.text.includes(`/follow-ups/${edLate.id}`));

    // Fay (only next month) and the administrator (nothing) get nothing; the outbox says sent.
    const rows = await sqlite(d.dbPath, "SELECT to_address, purpose, sent_at IS NOT NULL, attempts FROM outbox ORDER BY id");
    assert.deepEqual(rows.trim().split('\n').sort(), [`${dora.email}|digest|1|1`, `${ed.email}|digest|1|1`].sort());

    // Again the same day: no new digest.
    const second = await runBin(['digest', '--db', d.dbPath], env);
    assert.equal(second.code, 0, `${second.stdout}\n${second.stderr}`);
    assert.ok(!SANITIZER.test(second.stderr), second.stderr);
    assert.match(second.stdout, /0 mails prepared; 0 sent, 0 failed/);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(smtp.messages.length, 2, 'the second run the same day sent mail');
    assert.equal((await sqlite(d.dbPath, 'SELECT count(*) FROM outbox')).trim(), '2');
    assert.equal((await sqlite(d.dbPath, `SELECT count(*) FROM digest_run WHERE day = '${today}'`)).trim(), '1');
  } finally {
    await d.stop();
    await smtp.close();
  }
});

test('distribution: a validated note sent to an account and people mails each one with an address', T, async () => {
  const smtp = await startSmtpReceiver();
  const b = await startServer({ env: { PASSERELLE_SMTP_URL: smtp.url, PASSERELLE_SMTP_FROM: 'Passerelle <notes@passerelle.invalid>' } });
  try {
    const [author, validator, rita] = await Promise.all([
      addAccount(b, { email: 'autrice@notes.invalid', name: 'Autrice', role: 'editor', env: FAST }),
      addAccount(b, { email: 'valideur@notes.invalid', name: 'Valideur', role: 'validator', env: FAST }),
      addAccount(b, { email: 'rita.lectrice@notes.invalid', name: 'Rita Lectrice', role: 'reader', env: FAST }),
    ]);
    const authorApi = bearerClient(b, await cliToken(b, author.email));
    const validatorApi = bearerClient(b, await cliToken(b, validator.email));
    const paul = await create(b, 'people', person({ given_name: 'Paul', family_name: 'Durand-Lévêque', emails: ['paul.durand@exemple.invalid'] }));
    const noemie = await create(b, 'people', person({ given_name: 'Noémie', family_name: 'Sans-Courriel' }));

    const title = 'Compte rendu : réunion « pêche durable » à Marigot';
    const body = 'Les participants ont décidé d’agir ensemble.\n\n- Point un : financement de la coopérative\n- Point deux : calendrier';
    const noteId = await validatedNote(authorApi, validatorApi, validator.id, { title, body });
    const sent = await transition(authorApi, noteId, 'send', {
      recipients: [`account:${rita.id}`, `person:${paul.id}`, `person:${noemie.id}`],
    });
    assert.equal(typeof sent.step, 'number');

    await smtp.waitFor(2, 5000);
    // The distribution shows email_sent_at once the mailer sent them.
    let dist;
    for (const until = Date.now() + 5000; ;) {
      const steps = await b.get(`/api/v1/notes/${noteId}/steps`);
      assert.equal(steps.status, 200, show(steps));
      dist = steps.json.distribution;
      assert.deepEqual(steps.json.steps.map((s) => s.transition), ['submit', 'validate', 'send']);
      if (dist.filter((x) => x.email_sent_at).length === 2 || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(dist.length, 3, JSON.stringify(dist));
    const of = (kind, id) => dist.find((x) => x.recipient_kind === kind && x.recipient_id === id);
    assert.equal(of('account', rita.id).email, rita.email);
    assert.equal(of('person', paul.id).email, 'paul.durand@exemple.invalid');
    for (const x of [of('account', rita.id), of('person', paul.id)]) {
      assert.equal(x.step, sent.step);
      assert.match(x.email_sent_at || '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, `email_sent_at: ${JSON.stringify(x)}`);
    }
    const n = of('person', noemie.id);
    assert.ok(n, 'the person without email is not recorded');
    assert.equal(n.email, null);
    assert.equal(n.email_sent_at, null);
    assert.match(n.label, /Noémie/);

    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives
    assert.equal(smtp.messages.length, 2, `mails to: ${smtp.messages.map((m) => m.to).join(', ')}`);
    const byRcpt = new Map(smtp.messages.map((m) => [m.to.join(','), parseMail(m.data)]));
    assert.deepEqual([...byRcpt.keys()].sort(), [rita.email, 'paul.durand@exemple.invalid'].sort());
    for (const [addr, mail] of byRcpt) {
      assert.equal(mail.toAddress, addr);
      assert.ok(mail.subject.includes(title), `subject ${JSON.stringify(mail.subject)} lacks the title`);
      assert.ok(mail.text.includes(title));
      assert.ok(mail.text.includes('Les participants ont décidé d’agir ensemble.'), mail.text);
      assert.ok(mail.text.includes('Point un : financement de la coopérative'), mail.text);
      assert.ok(mail.text.includes(`/notes/${noteId}`), mail.text);
    }
    assert.match(byRcpt.get(rita.email).to, /Rita Lectrice/);
    assert.match(byRcpt.get('paul.durand@exemple.invalid').to, /Paul/);
    b.checkStderr();
  } finally {
    await b.stop();
    await smtp.close();
  }
});

test('without PASSERELLE_SMTP_URL: distributions are recorded, `passerelle digest` fails clearly, mail stays queued', T, async () => {
  // A validated note sent on the server without SMTP: recorded, queued, not sent.
  const authorApi = bearerClient(srv, await cliToken(srv, acc.alice.email));
  const validatorApi = bearerClient(srv, await cliToken(srv, acc.bob.email));
  const noteId = await validatedNote(authorApi, validatorApi, acc.bob.id, { title: 'Note sans serveur de courrier', body: 'Texte.' });
  await transition(authorApi, noteId, 'send', { recipients: [`account:${acc.reader.id}`] });
  const steps = await srv.get(`/api/v1/notes/${noteId}/steps`);
  assert.equal(steps.status, 200);
  assert.equal(steps.json.distribution.length, 1);
  assert.equal(steps.json.distribution[0].email, acc.reader.email);
  assert.equal(steps.json.distribution[0].email_sent_at, null);
  // Something due today for the digest.
  await create(srv, 'follow-ups', { title: 'À faire aujourd’hui', owner: acc.carol.id, due_date: localDate(0), status: 'open', visibility: 'internal' });

  const run = await runBin(['digest', '--db', srv.dbPath], envWithout('PASSERELLE_SMTP_URL'));
  assert.ok(!SANITIZER.test(run.stderr), run.stderr);
  assert.notEqual(run.code, 0, `digest without SMTP exited 0: ${run.stdout}`);
  assert.match(run.stderr, /PASSERELLE_SMTP_URL/);
  assert.match(run.stderr, /SMTP/);
  const rows = (await sqlite(srv.dbPath, 'SELECT to_address, purpose, sent_at IS NULL, attempts FROM outbox ORDER BY id')).trim().split('\n');
  assert.deepEqual(rows, [`${acc.reader.email}|distribution|1|0`, `${acc.carol.email}|digest|1|0`]);
  // Again: still nothing sent, nothing lost, no second digest.
  const again = await runBin(['digest', '--db', srv.dbPath], { ...process.env, PASSERELLE_SMTP_URL: '' });
  assert.notEqual(again.code, 0);
  assert.equal((await sqlite(srv.dbPath, 'SELECT count(*) FROM outbox WHERE sent_at IS NULL AND attempts = 0')).trim(), '2');
});
