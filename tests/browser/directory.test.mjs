// The directory as a user lives it, in a real Chromium against the real binary:
// find the OECS by typing "oeco", open it from the keyboard, add a tag, save;
// the same search without JavaScript; and the error path of the new
// organisation form. Run with: node --test tests/browser/
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, signIn, OECS_NAME } from './harness.mjs';

const NEW_TAG = 'santé transfrontalière';

describe('directory in the browser', { timeout: 60_000 }, () => {
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

  // A browser tab; signed in as the test editor unless it runs without JavaScript
  // (which plays an anonymous visitor of the public directory).
  async function newPage(options = {}) {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, ...options });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    if (options.javaScriptEnabled !== false) await signIn(page, server.url);
    return { context, page, errors };
  }

  test('type "oeco", pick the OECS with the keyboard, add a tag, save, reload', async () => {
    const { context, page, errors } = await newPage();
    try {
      await page.goto(`${server.url}/organizations`);
      assert.equal(await page.getAttribute('html', 'lang'), 'fr', 'the interface is French by default');

      // Type as a person does, one key at a time.
      const q = page.locator('#q');
      await q.click();
      await q.pressSequentially('oeco', { delay: 40 });

      const list = page.locator('.suggestions');
      const options = list.locator('li[role=option]');
      const oecs = options.filter({ hasText: OECS_NAME });
      await oecs.first().waitFor({ state: 'visible' });
      assert.equal(await q.getAttribute('aria-expanded'), 'true');

      // Move down to the OECS suggestion, whatever its rank, then Enter.
      const titles = await options.allTextContents();
      const rank = titles.findIndex((t) => t.includes(OECS_NAME));
      assert.ok(rank >= 0, `OECS among the suggestions: ${JSON.stringify(titles)}`);
      for (let i = 0; i <= rank; i++) await q.press('ArrowDown');
      assert.equal(await options.nth(rank).getAttribute('aria-selected'), 'true');
      assert.equal(await q.getAttribute('aria-activedescendant'), await options.nth(rank).getAttribute('id'));
      await Promise.all([page.waitForURL(/\/organizations\/\d+$/), q.press('Enter')]);

      const recordUrl = page.url();
      const id = recordUrl.match(/\/organizations\/(\d+)$/)[1];
      assert.equal((await page.locator('h1').textContent()).includes(OECS_NAME), true);

      const before = await (await page.request.get(`${server.url}/api/v1/organizations/${id}`)).json();
      assert.ok(!before.tags.includes(NEW_TAG), 'the demo record does not already carry the tag');

      // Edit: add one line to the tags and change nothing else.
      await Promise.all([
        page.waitForURL(new RegExp(`/organizations/${id}/edit$`)),
        page.getByRole('link', { name: /^(Modifier|Edit)$/ }).click(),
      ]);
      const tags = page.locator('#f-tags');
      await tags.click();
      await tags.press('Control+End');
      await page.keyboard.type(`\n${NEW_TAG}`);
      assert.equal(await tags.inputValue(), [...before.tags, NEW_TAG].join('\n'));

      await Promise.all([
        page.waitForURL(new RegExp(`/organizations/${id}(\\?.*)?$`)),
        page.locator('form.record-form button[type=submit]').click(),
      ]);
      await page.locator('.notice[role=status]').waitFor({ state: 'visible' });
      const tagOnPage = page.locator('main dl.fields dd').getByText(NEW_TAG, { exact: true });
      await tagOnPage.waitFor({ state: 'visible' });

      await page.reload();
      await tagOnPage.waitFor({ state: 'visible' });
      await page.goto(recordUrl);
      await tagOnPage.waitFor({ state: 'visible' });

      // Nothing else changed: the record through the API is the same but for
      // the new tag and the update time.
      const afterRec = await (await page.request.get(`${server.url}/api/v1/organizations/${id}`)).json();
      assert.deepEqual(afterRec.tags, [...before.tags, NEW_TAG]);
      // The SDGs are a set: compare them in numeric order (the form lists the
      // goals as 1, 10, 11, ... 2, 3, so a save may store them in that order).
      const strip = ({ tags: _t, updated_at: _u, sdgs, ...rest }) =>
        ({ ...rest, sdgs: [...sdgs].sort((a, b) => Number(a) - Number(b)) });
      assert.deepEqual(strip(afterRec), strip(before), 'saving the form changed only the tags');

      assert.deepEqual(errors, [], 'no script error on the page');
    } finally {
      await context.close();
    }
  });

  test('without JavaScript, the search form leads to the OECS', async () => {
    const { context, page } = await newPage({ javaScriptEnabled: false });
    try {
      await page.goto(`${server.url}/organizations`);
      await page.locator('#q').fill('oeco');
      await Promise.all([page.waitForURL(/\/search\?q=oeco$/), page.locator('#q').press('Enter')]);
      const hit = page.locator('main').getByRole('link', { name: OECS_NAME, exact: true });
      await hit.waitFor({ state: 'visible' });
      assert.match(await hit.getAttribute('href'), /^\/organizations\/\d+$/);
      assert.equal(await page.locator('.suggestions').isVisible(), false, 'no empty suggestion box without script');
      await Promise.all([page.waitForURL(/\/organizations\/\d+$/), hit.click()]);
      assert.ok((await page.locator('h1').textContent()).includes(OECS_NAME));
    } finally {
      await context.close();
    }
  });

  test('new organisation with an empty name: the error sits by the field, and Tab reaches it', async () => {
    const { context, page, errors } = await newPage();
    try {
      await page.goto(`${server.url}/organizations/new`);
      const submit = page.locator('form.record-form button[type=submit]');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        submit.click(),
      ]);
      assert.equal(response.status(), 422);
      await page.waitForLoadState('domcontentloaded');

      const name = page.locator('#f-name');
      assert.equal(await name.inputValue(), '');
      assert.equal(await name.getAttribute('aria-invalid'), 'true');

      // The message is in the same field block, right under the input, and
      // announced with it.
      const describedBy = (await name.getAttribute('aria-describedby')) || '';
      const message = page.locator('.field:has(#f-name) .field-error');
      await message.waitFor({ state: 'visible' });
      const messageId = await message.getAttribute('id');
      assert.ok(describedBy.split(/\s+/).includes(messageId), `aria-describedby="${describedBy}" names the error`);
      assert.ok((await message.textContent()).trim().length > 0);
      const inputBox = await name.boundingBox();
      const messageBox = await message.boundingBox();
      assert.ok(messageBox.y >= inputBox.y + inputBox.height - 1 && messageBox.y - (inputBox.y + inputBox.height) < 40,
        `the error is just below the input (input ${JSON.stringify(inputBox)}, error ${JSON.stringify(messageBox)})`);

      // The summary at the top links to the field.
      await page.locator('.error-summary a[href="#f-name"]').waitFor({ state: 'visible' });

      // Keyboard only, from the top of the page: Tab reaches the name input,
      // and it is the first form control reached inside the form.
      const seen = [];
      let reached = false;
      for (let i = 0; i < 40 && !reached; i++) {
        await page.keyboard.press('Tab');
        const el = await page.evaluate(() => {
          const a = document.activeElement;
          return { id: a.id, tag: a.tagName, inForm: !!a.closest('form.record-form'), text: (a.textContent || '').trim().slice(0, 30) };
        });
        seen.push(el.id ? `#${el.id}` : `${el.tag}:${el.text}`);
        if (el.inForm) {
          assert.equal(el.id, 'f-name', `first control of the form in Tab order (order: ${seen.join(' → ')})`);
          reached = true;
        }
      }
      assert.ok(reached, `Tab reached #f-name (order: ${seen.join(' → ')})`);
      assert.ok(await name.evaluate((n) => n === document.activeElement));

      // From the summary, Enter on the field's link puts the caret in it.
      await page.locator('.error-summary a[href="#f-name"]').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'f-name');
      assert.deepEqual(errors, [], 'no script error on the page');
    } finally {
      await context.close();
    }
  });
});
