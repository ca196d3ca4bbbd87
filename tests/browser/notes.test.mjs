// A note's life as the people who write and validate it live it, in a real
// Chromium against the real binary: an editor writes minutes in Markdown,
// previews them, names the validator, saves and submits; the validator finds
// them on their desk, validates with a comment and downloads the DOCX; the
// editor then finds no way to validate the note again, not even by forging
// the form. Run with: node --test tests/browser/
// With SCREENSHOTS_DIR set, also writes notes-validated.png there.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startServer, launchBrowser, signIn, fr, EDITOR } from './harness.mjs';

const run = promisify(execFile);

const EDITOR_NAME = 'Éditrice Test';
const VALIDATOR = { email: 'valideuse.test@example.org', password: 'Palétuvier-Rouge-2026', name: 'Valérie Létang', role: 'validator' };

const TITLE = 'Compte rendu — réunion OECO du 14 mars';
const HEADING = 'Réunion de l’OECO à Castries';
const COMMENT = 'Très clair : bon pour diffusion à la délégation.';
const BODY = [
  `# ${HEADING}`,
  '',
  'Présents :',
  '',
  '- le secrétariat de l’OECO',
  '- la délégation de la Martinique',
  '- la délégation de la Guadeloupe',
  '',
  '## Décisions',
  '',
  '| Sujet | Décision | Échéance |',
  '| --- | --- | --- |',
  '| Santé transfrontalière | Groupe de travail | avril |',
  '| Mobilité étudiante | Étude conjointe | juin |',
].join('\n');

// The text of an XML document, without its tags, entities decoded.
const xmlText = (xml) => xml.replace(/<[^>]+>/g, '')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
  .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

describe('notes in the browser', { timeout: 60_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ accounts: [VALIDATOR] });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newPage() {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    return { context, page, errors };
  }

  async function signOut(page) {
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/notes')),
      page.getByRole('button', { name: fr('Sign out') }).click(),
    ]);
    assert.equal(await page.getByRole('button', { name: fr('Sign out') }).count(), 0, 'signed out');
  }

  test('write minutes, preview, submit; validate with a comment; download the DOCX; no second validation', async (t) => {
    const { context, page, errors } = await newPage();
    const dir = await mkdtemp(join(tmpdir(), 'passerelle-notes-'));
    try {
      const validatorId = server.ids[VALIDATOR.email];
      await signIn(page, server.url);

      // 1. Notes → "Nouvelle fiche".
      await Promise.all([page.waitForURL(/\/notes$/), page.locator('nav.main a[href="/notes"]').click()]);
      await Promise.all([page.waitForURL(/\/notes\/new$/), page.getByRole('link', { name: fr('New') }).click()]);

      await page.locator('#f-title').click();
      await page.keyboard.type(TITLE);
      await page.locator('#f-note_type').selectOption({ label: fr('Minutes') });

      // The date from the keyboard, its parts in the order the field shows
      // them: French first; Chromium may show the order of its own language
      // (month first), which a person sees, and types again.
      const date = page.locator('#f-date');
      const typed = [];
      await date.click({ position: { x: 6, y: 6 } });
      for (const digits of ['14032026', '03142026']) {
        // Typing the year leaves the caret in it: back to the first part.
        if (typed.length) for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+Tab');
        await page.keyboard.type(digits);
        typed.push(await date.inputValue());
        if (typed.at(-1) === '2026-03-14') break;
      }
      assert.equal(typed.at(-1), '2026-03-14', `the date typed (${typed.join(', ')})`);
      if (typed.length > 1) t.diagnostic('the date field shows the month first: typed again in that order');

      const body = page.locator('#f-body');
      await body.click();
      await page.keyboard.type(BODY);
      assert.equal(await body.inputValue(), BODY);

      // The validator: type the name, pick the suggestion.
      const validator = page.locator('#f-validator');
      await validator.click();
      await validator.pressSequentially(VALIDATOR.name, { delay: 30 });
      const option = page.locator('.suggest:has(#f-validator) li[role=option]').filter({ hasText: VALIDATOR.name });
      await option.first().waitFor({ state: 'visible' });
      const titles = await page.locator('.suggest:has(#f-validator) li[role=option]').allTextContents();
      const rank = titles.findIndex((s) => s.includes(VALIDATOR.name));
      for (let i = 0; i <= rank; i++) await validator.press('ArrowDown');
      await validator.press('Enter');
      assert.equal(await validator.inputValue(), `${VALIDATOR.name} (#${validatorId})`);

      // Preview: the heading and the table, nothing saved, the form kept.
      const [previewResponse] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: fr('Preview'), exact: true }).click(),
      ]);
      assert.equal(previewResponse.status(), 200);
      await page.waitForLoadState('domcontentloaded');
      const preview = page.locator('section.preview');
      await preview.waitFor({ state: 'visible' });
      assert.equal(await preview.locator('#preview-h').textContent(), fr('Preview'));
      assert.equal((await preview.locator('.markdown h3').textContent()).trim(), HEADING);
      assert.deepEqual((await preview.locator('.markdown ul > li').allTextContents()).map((s) => s.trim()),
        ['le secrétariat de l’OECO', 'la délégation de la Martinique', 'la délégation de la Guadeloupe']);
      assert.deepEqual((await preview.locator('.markdown table thead th').allTextContents()).map((s) => s.trim()),
        ['Sujet', 'Décision', 'Échéance']);
      assert.deepEqual((await preview.locator('.markdown table tbody tr').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim()),
        ['Santé transfrontalière Groupe de travail avril', 'Mobilité étudiante Étude conjointe juin']);
      assert.equal(await page.locator('.error-summary').count(), 0);
      assert.equal(await page.locator('#f-title').inputValue(), TITLE);
      assert.equal(await page.locator('#f-body').inputValue(), BODY);
      assert.equal(await page.locator('#f-date').inputValue(), '2026-03-14');
      assert.equal(await page.locator('#f-note_type').inputValue(), 'minutes');
      assert.ok((await page.locator('#f-validator').inputValue()).startsWith(VALIDATOR.name));
      const notes = await (await page.request.get(`${server.url}/api/v1/notes?q=${encodeURIComponent('OECO Castries')}`)).json();
      assert.equal(notes.items.filter((n) => n.title === TITLE).length, 0, 'the preview saved nothing');

      await Promise.all([
        page.waitForURL(/\/notes\/\d+\?saved=1$/),
        page.getByRole('button', { name: fr('Save'), exact: true }).click(),
      ]);
      const noteUrl = page.url().replace(/\?.*$/, '');
      const id = Number(noteUrl.match(/\/notes\/(\d+)$/)[1]);
      assert.ok((await page.locator('.page-head h1').textContent()).includes(TITLE));
      await page.locator('dd .markdown table').waitFor({ state: 'visible' });
      const stored = await (await page.request.get(`${server.url}/api/v1/notes/${id}`)).json();
      assert.equal(stored.title, TITLE);
      assert.equal(stored.body, BODY);
      assert.equal(stored.date, '2026-03-14');
      assert.equal(stored.note_type, 'minutes');
      assert.equal(String(stored.validator), String(validatorId), 'the typed validator is the validator account');
      assert.equal(String(stored.author), String(server.ids[EDITOR.email]));

      // 2. Submit.
      const panel = page.locator('section.workflow');
      const state = panel.locator('strong.state');
      assert.equal(await state.getAttribute('data-state'), 'draft');
      assert.equal(await state.textContent(), fr('Draft'));
      assert.ok((await panel.locator('p:has(strong.state)').textContent()).includes(VALIDATOR.name), 'the panel names the validator');
      const submit = panel.locator('button[data-action=submit]');
      assert.equal(await submit.textContent(), fr('Submit for validation'));
      await Promise.all([page.waitForURL(/\?done=submit#workflow-h$/), submit.click()]);
      assert.equal(await panel.locator('.notice[role=status]').textContent(), fr('Submitted for validation.'));
      assert.equal(await state.getAttribute('data-state'), 'submitted');
      assert.equal(await state.textContent(), fr('Submitted for validation'));
      const steps = panel.locator('ol.steps > li');
      assert.equal(await steps.count(), 1);
      const first = (await steps.first().textContent()).replace(/\s+/g, ' ');
      assert.ok(first.includes(EDITOR_NAME) && first.includes(`${fr('Submit for validation')} → ${fr('Submitted for validation')}`), first);
      assert.equal(await panel.locator('button[data-action=validate]').count(), 0, 'the author may not validate');

      // 3. The validator: the desk, the note, a comment, "Valider".
      await signOut(page);
      await signIn(page, server.url, VALIDATOR);
      await Promise.all([page.waitForURL(/\/desk$/), page.locator('nav.main a[href="/desk"]').click()]);
      const waiting = page.locator('section[aria-labelledby=desk-validate]');
      assert.equal((await waiting.locator('h2').textContent()).startsWith(fr('Waiting for my validation')), true);
      const link = waiting.getByRole('link', { name: TITLE, exact: true });
      await link.waitFor({ state: 'visible' });
      assert.equal(await link.getAttribute('href'), `/notes/${id}`);
      const row = waiting.locator('tr').filter({ has: page.getByRole('link', { name: TITLE, exact: true }) });
      const rowText = await row.textContent();
      assert.ok(rowText.includes(fr('Minutes')) && rowText.includes(EDITOR_NAME), rowText);
      await Promise.all([page.waitForURL(noteUrl), link.click()]);

      const comment = panel.locator('#comment-validate');
      await comment.click();
      await page.keyboard.type(COMMENT);
      const validate = panel.locator('button[data-action=validate]');
      assert.equal(await validate.textContent(), fr('Validate'));
      await Promise.all([page.waitForURL(/\?done=validate#workflow-h$/), validate.click()]);
      assert.equal(await panel.locator('.notice[role=status]').textContent(), fr('Validated.'));
      assert.equal(await state.getAttribute('data-state'), 'validated');
      assert.equal(await state.textContent(), fr('Validated'));
      assert.equal(await steps.count(), 2);
      const last = steps.nth(1);
      const lastText = (await last.textContent()).replace(/\s+/g, ' ');
      assert.equal(await last.locator('strong').textContent(), VALIDATOR.name);
      assert.ok(lastText.includes(`${fr('Validate')} → ${fr('Validated')}`), lastText);
      assert.equal(await last.locator('blockquote.comment').textContent(), COMMENT);
      assert.equal(await panel.locator('button[data-action=validate]').count(), 0);

      if (process.env.SCREENSHOTS_DIR) {
        const path = join(resolve(process.env.SCREENSHOTS_DIR), 'notes-validated.png');
        await page.mouse.move(0, 0);
        await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
        t.diagnostic(path);
      }

      // 4. The DOCX, as the browser downloads it.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('.record-actions').getByRole('link', { name: 'DOCX', exact: true }).click(),
      ]);
      assert.equal(download.suggestedFilename(), `${TITLE}.docx`);
      const docx = join(dir, 'note.docx');
      await download.saveAs(docx);
      const bytes = await readFile(docx);
      assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a zip');
      const { stdout: xml } = await run('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 16 << 20 });
      const text = xmlText(xml);
      assert.ok(text.includes(TITLE), 'the title in word/document.xml');
      assert.ok(text.includes(VALIDATOR.name), 'the validator in word/document.xml');
      assert.ok(text.includes(HEADING) && text.includes('Santé transfrontalière'), 'the body in word/document.xml');

      // 5. The editor again: nothing to validate, and a forged form is refused.
      await signOut(page);
      await signIn(page, server.url);
      await page.goto(noteUrl);
      assert.equal(await state.getAttribute('data-state'), 'validated');
      assert.equal(await panel.locator('button[data-action=validate]').count(), 0);
      assert.equal(await page.getByRole('button', { name: fr('Validate'), exact: true }).count(), 0);
      const csrf = await page.locator('input[name=csrf]').first().inputValue();
      const forged = await page.request.post(`${noteUrl}/actions/validate`, {
        form: { csrf, comment: 'Je valide moi-même.' },
        headers: { Origin: server.url },
        maxRedirects: 0,
      });
      assert.ok([403, 409].includes(forged.status()), `forged validation: ${forged.status()}`);
      const html = await forged.text();
      t.diagnostic(`forged validation by the editor: ${forged.status()}`);
      assert.match(html, /<html lang="fr"/);
      const message = html.match(/<p class="error" role="alert" id="page-error">([^<]*)</)?.[1];
      const expected = forged.status() === 409
        ? [fr('This action is not possible in its present state: “{}”.').replace('{}', fr('Validated'))]
        : [fr('No one validates their own note: another validator must do it.'),
          fr('Only the validator it was submitted to, or a validator of the team named, may do this.'),
          fr('Your role does not allow this.')];
      assert.ok(expected.includes(message?.replace(/&#39;/g, "'")), `a French message: ${message}`);
      const after = await (await page.request.get(`${server.url}/api/v1/notes/${id}/steps`)).json();
      assert.deepEqual(after.steps.map((s) => s.transition), ['submit', 'validate'], 'no step added');

      assert.deepEqual(errors, [], 'no script error on the pages');
    } finally {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  // The form's type-ahead asks /api/v1/suggest/accounts, which offers the
  // team's accounts by name to its members (not the admin-only list).
  test('an editor gets suggestions in the validator field', async () => {
    const { context, page, errors } = await newPage();
    try {
      await signIn(page, server.url);
      await page.goto(`${server.url}/notes/new`);
      const validator = page.locator('#f-validator');
      await validator.click();
      await validator.pressSequentially('Valérie', { delay: 30 });
      const option = page.locator('.suggest:has(#f-validator) li[role=option]').filter({ hasText: VALIDATOR.name });
      await option.first().waitFor({ state: 'visible', timeout: 3_000 });
      await validator.press('ArrowDown');
      await validator.press('Enter');
      assert.equal(await validator.inputValue(), `${VALIDATOR.name} (#${server.ids[VALIDATOR.email]})`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
