// Screenshots of the directory for the documentation, taken from a real
// Passerelle on a fresh demo database: node tests/browser/screenshots.mjs
// Writes docs/screenshots/{directory,organization,search,form-error}.png
// (1280x900, French interface). Not a test: nothing is asserted beyond the
// pages being there.
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, signIn, OECS_NAME } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.env.SCREENSHOTS_DIR || join(here, '..', '..', 'docs', 'screenshots'));

const server = await startServer();
const browser = await launchBrowser();
try {
  await mkdir(out, { recursive: true });
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await signIn(page, server.url);
  const shot = async (name) => {
    await page.screenshot({ path: join(out, name), animations: 'disabled', caret: 'hide' });
    console.log(join(out, name));
  };

  // The organisations list.
  await page.goto(`${server.url}/organizations`);
  await shot('directory.png');

  // Type-ahead open on "oeco".
  const q = page.locator('#q');
  await q.click();
  await q.pressSequentially('oeco', { delay: 40 });
  const oecs = page.locator('.suggestions li[role=option]').filter({ hasText: OECS_NAME });
  await oecs.first().waitFor({ state: 'visible' });
  await q.press('ArrowDown');
  await shot('search.png');

  // The OECS page, reached from the suggestion.
  const titles = await page.locator('.suggestions li[role=option]').allTextContents();
  const rank = titles.findIndex((t) => t.includes(OECS_NAME));
  for (let i = 1; i <= rank; i++) await q.press('ArrowDown');
  await Promise.all([page.waitForURL(/\/organizations\/\d+$/), q.press('Enter')]);
  await page.mouse.move(0, 0);
  await shot('organization.png');

  // The new organisation form after submitting it empty.
  await page.goto(`${server.url}/organizations/new`);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator('form.record-form button[type=submit]').click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  await shot('form-error.png');

  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
