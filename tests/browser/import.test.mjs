// Importing a spreadsheet as an editor does it, in a real Chromium against the
// real binary: choose a CSV on the import page, say what one column holds with
// its select, run the check, read the problems table, choose "skip" for the
// duplicate of a demo organisation (and "create anyway" for the others),
// leave out the row with a problem, import, read the counts, undo.
// Run with: node --test tests/browser/
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, signIn } from './harness.mjs';

// A demo organisation (name and territory) the file repeats: a duplicate.
const DEMO_NAME = 'Æquo — Société coopérative de conseil';
const NEW_NAME = 'Coopérative du navigateur';

const CSV = [
  // "Genre" suggests nothing: the test says it is the kind.
  'Nom;Genre;Territoire;Courriel',
  `${NEW_NAME};cooperative;MQ;navigateur@example.org`,
  'Association au courriel faux;association;MQ;pas-un-courriel',
  `${DEMO_NAME};cooperative;MQ;`,
  'Deuxième coopérative du navigateur;cooperative;GP;',
].join('\r\n') + '\r\n';

describe('import in the browser', { timeout: 60_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('upload, map a column, check, skip a duplicate, import, undo', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    const api = async (p) => (await page.request.get(`${server.url}${p}`)).json();
    const named = async (name) => (await api(`/api/v1/organizations?q=${encodeURIComponent(name)}&limit=50`)).items.filter((o) => o.name === name);
    try {
      await signIn(page, server.url);
      assert.equal((await named(DEMO_NAME)).length, 1, 'the demo holds the organisation the file repeats');

      // 1. The file.
      await page.goto(`${server.url}/imports`);
      await page.setInputFiles('#import-file', { name: 'navigateur.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
      await page.selectOption('#import-kind', 'organizations');
      await Promise.all([page.waitForURL(/\/imports\/\d+$/), page.locator('form[action="/imports"] button[type=submit]').click()]);
      const importUrl = page.url();
      assert.equal(await page.locator('#imp-sep').inputValue(), ';', 'the separator detected and shown');
      assert.equal(await page.locator('#imp-enc').inputValue(), 'UTF-8');

      // 2. The columns: "Nom" is suggested; "Genre" is not, and is set here.
      assert.equal(await page.locator('#col-0').inputValue(), 'name');
      assert.equal(await page.locator('#col-1').inputValue(), '', '"Genre" suggests nothing');
      await page.locator('#col-1').selectOption('kind');
      await Promise.all([page.waitForURL(importUrl), page.locator('form[action$="/mapping"] button[type=submit]').first().click()]);
      assert.equal(await page.locator('#col-1').inputValue(), 'kind', 'the choice is kept');
      const preview = await page.locator('table.preview').textContent();
      assert.ok(preview.includes(NEW_NAME), 'the preview shows the rows');

      // 3. The check runs in the background; the page comes back with its report.
      await page.locator('form[action$="/dry-run"] button[type=submit]').click();
      const problems = page.locator('table.problems');
      await problems.waitFor({ state: 'visible' });
      const rows = await problems.locator('tbody tr').allTextContents();
      assert.equal(rows.length, 1, rows.join('\n'));
      assert.match(rows[0], /^\s*3\s*Courriel/, 'row 3, column "Courriel"');
      const dup = page.locator('table.duplicates tbody tr');
      assert.equal(await dup.count(), 1);
      assert.ok((await dup.first().textContent()).includes(DEMO_NAME));

      // 4. Decide: "create anyway" for all, but "skip" this duplicate; leave out the row with a problem.
      await page.locator('#imp-dup').selectOption('create');
      await page.locator('select[name="row.4"]').selectOption('skip');
      await page.locator('input[name="skip_invalid"]').check();
      await page.locator('div.commit button[type=submit]').click();
      const notice = page.locator('p.notice[role=status]');
      await notice.waitFor({ state: 'visible' });
      const counts = await notice.textContent();
      assert.match(counts, /\b2\b[^.]*(created|créé)/i, counts);
      assert.match(counts, /\b2\b[^.]*(skipped|ignoré|écarté|sauté)/i, counts);
      assert.equal((await named(NEW_NAME)).length, 1, 'created');
      assert.equal((await named('Deuxième coopérative du navigateur')).length, 1, 'created');
      assert.equal((await named(DEMO_NAME)).length, 1, 'the duplicate was skipped');
      assert.equal((await named('Association au courriel faux')).length, 0, 'the row with a problem left out');
      const created = (await named(NEW_NAME))[0];
      assert.equal(created.kind, 'cooperative', 'the column set by hand');
      assert.equal(created.email, 'navigateur@example.org');

      // 5. Undo.
      await Promise.all([page.waitForURL(importUrl), page.locator('form[action$="/undo"] button[type=submit]').click()]);
      await page.locator('form[action$="/undo"]').waitFor({ state: 'detached' });
      assert.equal((await named(NEW_NAME)).length, 0, 'undone');
      assert.equal((await named('Deuxième coopérative du navigateur')).length, 0);
      assert.equal((await named(DEMO_NAME)).length, 1, 'the demo record stays');
      assert.deepEqual(errors, [], 'no script error on the page');
    } finally {
      await context.close();
    }
  });
});
