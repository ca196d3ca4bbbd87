// Shared by the browser test and the screenshot script: a real Passerelle on a
// fresh demo database, and Debian's Chromium driven by playwright-core.
import { spawn, execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const run = promisify(execFile);

export const BIN = process.env.PASSERELLE_BIN || '/work/main/passerelle';
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

// The account the browser signs in with (an editor, created by startServer).
export const EDITOR = { email: 'editrice.test@example.org', password: 'Mangrove-Marigot-2026' };

// The OECS as the demo network spells it.
export const OECS_NAME = 'Organisation des États de la Caraïbe orientale';

// Creates an account with `passerelle user add`; resolves to its id.
function addAccount(db, { email, password, name, role }) {
  return new Promise((resolve, reject) => {
    const add = execFile(BIN, ['user', 'add', email, '--name', name, '--role', role, '--password-stdin', '--db', db],
      { timeout: 30_000 }, (err, stdout) => {
        if (err) return reject(err);
        const m = stdout.match(/Account (\d+) created/);
        return m ? resolve(Number(m[1])) : reject(new Error(`no account id in ${JSON.stringify(stdout)}`));
      });
    add.stdin.end(password + '\n');
  });
}

// Starts `passerelle serve` on port 0 over a new demo database and waits for
// the line that gives the real address. Besides EDITOR, creates the
// `accounts` given ({ email, password, name, role }). Returns { url, stop,
// stderr, ids } where ids maps each account's email to its id.
export async function startServer({ accounts = [] } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'passerelle-browser-'));
  const db = join(dir, 'p.db');
  const ids = {};
  try {
    await run(BIN, ['init', '--db', db, '--demo'], { timeout: 30_000 });
    for (const a of [{ ...EDITOR, name: 'Éditrice Test', role: 'editor' }, ...accounts]) ids[a.email] = await addAccount(db, a);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${BIN} init --demo failed: ${e.message}`);
  }

  const child = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s) => { stderr += s; });
  child.stdout.setEncoding('utf8');

  const url = await new Promise((resolve, reject) => {
    child.once('error', reject);
    const timer = setTimeout(() => {
      reject(new Error(`passerelle did not print its address within 10 s\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, 10_000);
    child.stdout.on('data', (s) => {
      stdout += s;
      const m = stdout.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`passerelle exited early (code ${code}, signal ${signal})\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
    child.on('error', () => clearTimeout(timer));
  }).catch(async (e) => {
    if (child.exitCode === null && child.signalCode === null && child.pid) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw e;
  });

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  }

  return { url, stop, stderr: () => stderr, ids };
}

// The French of a message of the interface, as po/fr.po gives it (the
// msgid itself when it has no translation there), so that the tests follow
// the translations.
let frMessages;
export function fr(msgid) {
  if (!frMessages) {
    frMessages = new Map();
    const po = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'po', 'fr.po'), 'utf8');
    // One entry per paragraph: flags, msgid, msgstr, each string maybe on several lines.
    for (const entry of po.split(/\n\s*\n/)) {
      if (/^#,.*\bfuzzy\b/m.test(entry)) continue;
      const part = (key) => {
        const m = entry.match(new RegExp(`^${key} ((?:".*"\\n?)+)`, 'm'));
        return m ? m[1].trim().split('\n').map((s) => JSON.parse(s)).join('') : '';
      };
      const id = part('msgid');
      const text = part('msgstr');
      if (id && text) frMessages.set(id, text);
    }
  }
  return frMessages.get(msgid) ?? msgid;
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

// Signs in through the login page as a person does.
export async function signIn(page, url, account = EDITOR) {
  await page.goto(`${url}/login`);
  await page.fill('#login-email', account.email);
  await page.fill('#login-password', account.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form.record-form button[type=submit]')]);
}
