// smtp-receiver.mjs - a real, minimal SMTP server on 127.0.0.1 (node:net, no
// package) that records what it receives, for the HTTP tests of the mails
// Passerelle sends (the daily digest).  Point the server at it with
// PASSERELLE_SMTP_URL=<receiver.url>.
//
//   const rx = await startSmtpReceiver();
//   const srv = await startServer({ env: { PASSERELLE_SMTP_URL: rx.url } });
//   ...
//   const [mail] = await rx.waitFor(1, 10_000);
//   mail.from;  // 'passerelle@localhost' (the envelope, without <>)
//   mail.to;    // ['marie@example.org']
//   mail.data;  // the message as received, CRLF lines, dot-stuffing undone
//   const { headers, subject, text, html } = decodeMail(mail.data);
//   await rx.close();
//
// It speaks what a client needs: 220, EHLO (8BITMIME, SMTPUTF8, SIZE, AUTH
// PLAIN LOGIN) and HELO, AUTH (any credentials pass and are recorded in
// mail.auth), MAIL FROM, RCPT TO, DATA ... ".", RSET, NOOP, QUIT; STARTTLS
// is declined (454).  Options:
//   rejectRcpt(address) -> true: answer 550 to that RCPT TO (to test
//     failures and retries); the address is not recorded.
//   greeting: false: accept connections but never say 220 (to test
//     timeouts).
import net from 'node:net';

/**
 * Start a receiver on 127.0.0.1 and a port the system picks.
 * Returns { port, url, messages, connections(), waitFor(n, ms), close() }.
 */
export async function startSmtpReceiver({ rejectRcpt = () => false, greeting = true } = {}) {
  const messages = [];
  const waiters = new Set();
  const sockets = new Set();
  let connections = 0;

  function delivered(message) {
    messages.push(message);
    for (const w of [...waiters]) {
      if (messages.length >= w.n) {
        waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(messages.slice());
      }
    }
  }

  function session(socket) {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // a client that goes away is not an error here
    if (!greeting) return;

    let pending = Buffer.alloc(0);
    let state = 'command'; // 'command', 'data', 'auth-plain', 'auth-login-user', 'auth-login-password'
    let from = null;
    let to = [];
    let auth = null;
    let login = null;
    let dataLines = [];
    const say = (line) => socket.write(`${line}\r\n`);
    const reset = () => { from = null; to = []; dataLines = []; };
    const unbase64 = (s) => Buffer.from(s.trim(), 'base64').toString('utf8');
    const plain = (s) => {
      const [, username = '', password = ''] = unbase64(s).split('\0');
      auth = { username, password };
      say('235 2.7.0 Authentication successful');
    };

    function line(raw) {
      // raw: a Buffer without its CRLF.
      if (state === 'data') {
        if (raw.length === 1 && raw[0] === 0x2e) {
          const data = Buffer.concat(dataLines.flatMap((l) => [l, Buffer.from('\r\n')])).toString('utf8');
          delivered({ from, to, data, auth });
          reset();
          state = 'command';
          say('250 2.0.0 OK queued');
        } else {
          dataLines.push(raw[0] === 0x2e ? raw.subarray(1) : raw);
        }
        return;
      }
      const text = raw.toString('utf8');
      if (state === 'auth-plain') { state = 'command'; plain(text); return; }
      if (state === 'auth-login-user') { login = unbase64(text); state = 'auth-login-password'; say('334 UGFzc3dvcmQ6'); return; }
      if (state === 'auth-login-password') {
        auth = { username: login, password: unbase64(text) };
        state = 'command';
        say('235 2.7.0 Authentication successful');
        return;
      }
      const verb = text.split(/[ :]/, 1)[0].toUpperCase();
      const arg = (prefix) => {
        const m = new RegExp(`^${prefix}\\s*:\\s*<([^>]*)>`, 'i').exec(text);
        return m ? m[1] : null;
      };
      switch (verb) {
        case 'EHLO':
          socket.write('250-smtp-receiver.invalid\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-SIZE 52428800\r\n250 AUTH PLAIN LOGIN\r\n');
          break;
        case 'HELO':
          say('250 smtp-receiver.invalid');
          break;
        case 'AUTH': {
          const [, mech = '', initial] = text.split(/\s+/);
          if (/^PLAIN$/i.test(mech)) {
            if (initial) plain(initial);
            else { state = 'auth-plain'; say('334 '); }
          } else if (/^LOGIN$/i.test(mech)) {
            if (initial) { login = unbase64(initial); state = 'auth-login-password'; say('334 UGFzc3dvcmQ6'); } else { state = 'auth-login-user'; say('334 VXNlcm5hbWU6'); }
          } else {
            say('504 5.5.4 Unrecognized authentication type');
          }
          break;
        }
        case 'MAIL': {
          const a = arg('MAIL FROM');
          if (a === null) { say('501 5.5.4 Syntax: MAIL FROM:<address>'); break; }
          reset();
          from = a;
          say('250 2.1.0 OK');
          break;
        }
        case 'RCPT': {
          const a = arg('RCPT TO');
          if (a === null) say('501 5.5.4 Syntax: RCPT TO:<address>');
          else if (from === null) say('503 5.5.1 MAIL first');
          else if (rejectRcpt(a)) say('550 5.1.1 Mailbox unavailable');
          else { to.push(a); say('250 2.1.5 OK'); }
          break;
        }
        case 'DATA':
          if (from === null || to.length === 0) say('503 5.5.1 MAIL and RCPT first');
          else { state = 'data'; dataLines = []; say('354 End data with <CR><LF>.<CR><LF>'); }
          break;
        case 'RSET':
          reset();
          say('250 2.0.0 OK');
          break;
        case 'NOOP':
          say('250 2.0.0 OK');
          break;
        case 'STARTTLS':
          say('454 4.7.0 TLS not available');
          break;
        case 'QUIT':
          say('221 2.0.0 Bye');
          socket.end();
          break;
        default:
          say('502 5.5.2 Command not implemented');
      }
    }

    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      let nl;
      while ((nl = pending.indexOf(0x0a)) >= 0) {
        const end = nl > 0 && pending[nl - 1] === 0x0d ? nl - 1 : nl;
        const raw = pending.subarray(0, end);
        pending = pending.subarray(nl + 1);
        line(raw);
      }
    });
    say('220 smtp-receiver.invalid ESMTP test receiver');
  }

  const server = net.createServer(session);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    /** Every mail received so far: { from, to: [...], data, auth }. */
    messages,
    /** How many connections were accepted. */
    connections: () => connections,
    /** Resolve with the messages once there are at least n; reject after ms. */
    waitFor(n, ms = 5000) {
      if (messages.length >= n) return Promise.resolve(messages.slice());
      return new Promise((resolve, reject) => {
        const w = { n, resolve };
        w.timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`smtp-receiver: ${messages.length} of ${n} mails after ${ms} ms`));
        }, ms);
        waiters.add(w);
      });
    },
    /** Stop listening and drop the open connections. */
    close() {
      for (const w of waiters) {
        clearTimeout(w.timer);
        w.resolve(messages.slice());
      }
      waiters.clear();
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Decode RFC 2047 encoded-words (B and Q, UTF-8 or Latin-1) in a header value. */
export function decodeWords(value) {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, enc, text) => {
      const bytes = /b/i.test(enc)
        ? Buffer.from(text, 'base64')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
      return bytes.toString(/^utf-?8$/i.test(charset) ? 'utf8' : 'latin1');
    });
}

function decodeBody(body, encoding) {
  if (/^quoted-printable$/i.test(encoding || '')) {
    const bytes = Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return bytes.toString('utf8');
  }
  if (/^base64$/i.test(encoding || '')) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

function splitPart(raw) {
  const cut = raw.indexOf('\r\n\r\n');
  const head = cut < 0 ? raw : raw.slice(0, cut);
  const body = cut < 0 ? '' : raw.slice(cut + 4);
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

/**
 * Decode a received message: { headers (lower-case names, unfolded, raw),
 * subject (decoded), from, to (decoded), text, html (decoded bodies; html
 * null when there is none) }.  Knows single parts and one level of
 * multipart/alternative or multipart/mixed.
 */
export function decodeMail(data) {
  const { headers, body } = splitPart(data);
  let text = null;
  let html = null;
  const type = headers['content-type'] || 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type);
  if (/^multipart\//i.test(type) && boundary) {
    for (const raw of body.split(`--${boundary[1]}`).slice(1)) {
      if (raw.startsWith('--')) break;
      const part = splitPart(raw.replace(/^\r\n/, ''));
      const partType = part.headers['content-type'] || 'text/plain';
      const decoded = decodeBody(part.body.replace(/\r\n$/, ''), part.headers['content-transfer-encoding']);
      if (/^text\/plain/i.test(partType) && text === null) text = decoded;
      else if (/^text\/html/i.test(partType) && html === null) html = decoded;
    }
  } else {
    const decoded = decodeBody(body, headers['content-transfer-encoding']);
    if (/^text\/html/i.test(type)) html = decoded;
    else text = decoded;
  }
  return {
    headers,
    subject: decodeWords(headers.subject || ''),
    from: decodeWords(headers.from || ''),
    to: decodeWords(headers.to || ''),
    text,
    html,
  };
}
