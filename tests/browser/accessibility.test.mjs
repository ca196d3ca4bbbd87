// Accessibility of the pages the four working days go through, in a real
// Chromium over the demo: axe-core (npm) audits each page against WCAG 2.1
// A and AA (labels, names of links and buttons, contrast, landmarks, lang,
// headings, tables), in French and, for a few, in Spanish; then the desk
// is walked with the keyboard alone. Run with: node --test tests/browser/
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startServer, launchBrowser, signIn, OECS_NAME } from './harness.mjs';

// Evaluated through the DevTools protocol: the pages' Content-Security-Policy
// (script-src 'self') rightly refuses an injected <script>.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// What each page is, for the messages; the address is found at run time
// for pages of records.
const PAGES = [
  ['the desk', '/desk'],
  ['the directory', '/organizations'],
  ['the directory filtered', '/organizations?territory=MF'],
  ['a search', '/search?q=oeco'],
  ['the people', '/people'],
  ['the meetings', '/interactions'],
  ['a new meeting', '/interactions/new'],
  ['my follow-ups', '/follow-ups/mine'],
  ['overdue follow-ups', '/follow-ups/overdue'],
  ['the notes', '/notes'],
  ['a new note', '/notes/new'],
  ['the register', '/documents'],
  ['the roadmap', '/roadmap'],
  ['the working groups', '/working-groups'],
  ['the calendars', '/calendar'],
  ['the imports', '/imports'],
  ['the bin', '/bin'],
  ['the duplicates', '/duplicates'],
  ['my account', '/account'],
  ['the privacy notice', '/privacy'],
];

/** axe's violations on the page as it stands, one line each. */
async function audit(page) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 200)}`),
    }));
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`);
}

describe('accessibility (axe-core, WCAG 2.1 AA)', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let context;
  let page;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'fr-FR' });
    page = await context.newPage();
    await signIn(page, server.url);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the sign-in page, signed out', async () => {
    const visitor = await browser.newContext({ locale: 'fr-FR' });
    const p = await visitor.newPage();
    await p.goto(`${server.url}/login`);
    assert.deepEqual(await audit(p), [], 'the sign-in page');
    // The auditor sees what it must: the same page with its e-mail field
    // unlabelled and a grey on white too pale to read.
    await p.evaluate(() => {
      document.querySelector('label[for="login-email"]').remove();
      document.querySelector('h1').style.color = '#bbbbbb';
    });
    const broken = (await audit(p)).map((line) => line.split(' ')[0]).sort();
    assert.deepEqual(broken, ['color-contrast', 'label'], 'the broken page is reported');
    await visitor.close();
  });

  for (const [what, path] of PAGES) {
    test(`${what} (${path})`, async () => {
      const res = await page.goto(`${server.url}${path}`);
      assert.equal(res.status(), 200, `${path} answers`);
      assert.equal(await page.getAttribute('html', 'lang'), 'fr');
      assert.deepEqual(await audit(page), [], what);
    });
  }

  test('pages of records: an organisation with its timeline, a person, a validated note, a meeting, a roadmap action', async () => {
    await page.goto(`${server.url}/search?q=${encodeURIComponent('oeco')}`);
    const oecs = await page.locator('main a', { hasText: OECS_NAME }).first().getAttribute('href');
    const targets = [['the OECS', oecs], ['its history', `${oecs}/history`], ['its form', `${oecs}/edit`]];
    for (const [what, list] of [['a person', '/people'], ['a note', '/notes'], ['a meeting', '/interactions'],
      ['a document of the register', '/documents'], ['a roadmap action', '/roadmap-actions'], ['a working group', '/working-groups']]) {
      await page.goto(`${server.url}${list}`);
      const href = await page.locator('main table tbody a').first().getAttribute('href');
      assert.ok(href, `${list} lists a record`);
      targets.push([what, href]);
    }
    const found = [];
    for (const [what, href] of targets) {
      await page.goto(`${server.url}${href}`);
      for (const line of await audit(page)) found.push(`${what} (${href}): ${line}`);
    }
    assert.deepEqual(found, []);
  });

  test('a form answered with its errors: each named and tied to its field', async () => {
    await page.goto(`${server.url}/organizations/new`);
    await page.fill('#f-email', 'pas-un-courriel');
    await Promise.all([page.waitForLoadState('load'), page.click('form.record-form button[type=submit]')]);
    const invalid = await page.locator('[aria-invalid="true"]').count();
    assert.ok(invalid >= 2, `the empty name and the bad e-mail are marked (${invalid})`);
    assert.deepEqual(await audit(page), [], 'the form with its errors');
  });

  test('in Spanish too: the desk and a note form say lang="es" and pass', async () => {
    const es = await browser.newContext({ locale: 'es-ES' });
    const p = await es.newPage();
    await signIn(p, server.url);
    await p.goto(`${server.url}/lang/es?back=/desk`);
    for (const path of ['/desk', '/notes/new']) {
      await p.goto(`${server.url}${path}`);
      assert.equal(await p.getAttribute('html', 'lang'), 'es', path);
      assert.deepEqual(await audit(p), [], path);
    }
    await es.close();
  });

  test('the desk with the keyboard alone: skip to the content, every link reachable and visibly focused', async () => {
    await page.goto(`${server.url}/desk`);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({ text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href') }));
    assert.equal(first.href, '#main', `the first Tab reaches the skip link, not ${JSON.stringify(first)}`);
    await page.keyboard.press('Enter');
    // From the content on, Tab goes through the desk's links in order, each with a visible outline.
    const reached = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const el = await page.evaluate(() => {
        const a = document.activeElement;
        const s = getComputedStyle(a);
        return {
          inMain: !!a.closest('main'),
          tag: a.tagName,
          text: a.textContent.trim().slice(0, 60),
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
        };
      });
      reached.push(el);
    }
    assert.ok(reached[0].inMain, `after the skip link, the focus is in the content: ${JSON.stringify(reached[0])}`);
    const unseen = reached.filter((e) => !e.outline);
    assert.deepEqual(unseen, [], 'every focused element shows an outline of 2 px or more');
  });
});
