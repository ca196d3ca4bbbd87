// hostile.mjs - a corpus of hostile strings, the text fields of every kind
// (read from the OpenAPI description), and the checks that a page shows
// user text as text.
//
//   import { HOSTILE, textFields, fieldValue, formValue, assertSafeHtml } from './hostile.mjs';
import assert from 'node:assert/strict';
import { unescapeHtml } from './harness.mjs';

/**
 * What an attacker types.  `refuse`: the value must be refused (and never
 * stored): 'nul' for a NUL byte, 'length' for a value longer than any
 * field takes.  `perField`: sent in one field at a time (100 001 characters
 * in every field at once would pass the body limit).
 */
export const HOSTILE = [
  { name: 'script', value: '<script>alert(1)</script>' },
  { name: 'img-onerror', value: '"><img src=x onerror=alert(1)>' },
  { name: 'attribute', value: "'onmouseover='alert(1)" },
  { name: 'javascript-url', value: 'javascript:alert(1)' },
  { name: 'textarea', value: '</textarea><script>alert(1)</script>' },
  { name: 'rlo', value: 'abc\u202Edcba.exe' },
  { name: 'template', value: '{{7*7}}' },
  { name: 'percent-00', value: '%00' },
  { name: 'sql', value: "'; DROP TABLE organization; --" },
  { name: 'nul', value: 'avant\u0000après', refuse: 'nul', perField: true },
  // One character more than the longest field takes (a note's text: 100 000).
  { name: 'long', value: 'x'.repeat(100_001), refuse: 'length', perField: true },
];

/**
 * The free-text fields of every kind, from /api/v1/openapi.json: string
 * properties without enum, pattern or format, lists of such strings, and
 * lists of objects whose `value` is one.  Returns { plural: [{ field, shape,
 * lang, acronym }] } with shape 'scalar', 'list' or 'object'.
 */
export function textFields(openapi) {
  const free = (s) => s && s.type === 'string' && !s.enum && !s.pattern && !s.format && !s.readOnly;
  const out = {};
  for (const [p, ops] of Object.entries(openapi.paths)) {
    const ref = ops.post?.requestBody?.content?.['application/json']?.schema?.$ref;
    const m = /^\/api\/v1\/([a-z_-]+)$/.exec(p); // follow-ups, working-groups, roadmap-axes...
    if (!ref || !m) continue;
    const schema = openapi.components.schemas[ref.split('/').pop()];
    const fields = [];
    for (const [field, s] of Object.entries(schema.properties || {})) {
      if (free(s)) fields.push({ field, shape: 'scalar' });
      else if (s.type === 'array' && free(s.items)) fields.push({ field, shape: 'list' });
      else if (s.type === 'array' && s.items?.type === 'object' && free(s.items.properties?.value))
        fields.push({ field, shape: 'object', lang: !!s.items.properties.lang, acronym: !!s.items.properties.acronym });
    }
    out[m[1]] = fields;
  }
  return out;
}

/** The JSON value that puts `text` in field f. */
export function fieldValue(f, text) {
  if (f.shape === 'scalar') return text;
  if (f.shape === 'list') return [text];
  const item = { value: text };
  if (f.lang) item.lang = 'fr';
  if (f.acronym) item.acronym = false;
  return [item];
}

/** The stored text of field f in a record (JSON), or undefined. */
export function storedText(f, record) {
  const v = record[f.field];
  if (f.shape === 'scalar') return v;
  if (!Array.isArray(v) || v.length === 0) return undefined;
  return f.shape === 'list' ? v[0] : v[0].value;
}

/** Set field f to `text` in form fields (URLSearchParams), as the record form names its inputs. */
export function setFormValue(params, f, text) {
  if (f.shape === 'object' && f.acronym) {
    params.set(`${f.field}.0.value`, text);
    params.set(`${f.field}.0.lang`, 'fr');
  } else if (f.shape === 'object') {
    params.set(`${f.field}.fr`, text);
  } else {
    params.set(f.field, text);
  }
}

/** The value a record form shows for field f (formFields output), or null. */
export function formShows(params, f) {
  if (f.shape === 'object' && f.acronym) return params.get(`${f.field}.0.value`);
  if (f.shape === 'object') return params.get(`${f.field}.fr`);
  return params.get(f.field);
}

/** The fields a form page marks as in error (id="err-FIELD"). */
export function formErrorFields(html) {
  return new Set([...html.matchAll(/\bid="err-([a-z_]+)"/g)].map((m) => m[1]));
}

/** The tags of a page, each with its name and attributes (values still escaped). */
export function tags(html) {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>\/]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[1].toLowerCase(),
    source: m[0],
    attrs: [...m[2].matchAll(/\s+([^\s=>\/]+)(?:="([^"]*)")?/g)].map((a) => ({ name: a[1].toLowerCase(), value: a[2] ?? '' })),
  }));
}

/**
 * A page shows user text as text: the page is whole, every <script> is the
 * application's own, no tag carries an event handler or a javascript: URL,
 * every tag is well formed (no attribute came from user text), and no
 * textarea was closed early.
 */
export function assertSafeHtml(html, where) {
  assert.match(html, /<\/html>\s*$/, `${where}: the page is cut short`);
  for (const m of html.matchAll(/<script\b[^>]*>/gi))
    assert.equal(m[0], '<script src="/static/app.js" defer>', `${where}: a script that is not the application's: ${m[0]}`);
  assert.ok(!/href\s*=\s*["']?\s*javascript:/i.test(html), `${where}: href="javascript:`);
  const all = tags(html);
  const opening = (html.match(/<[a-zA-Z]/g) || []).length;
  assert.equal(all.length, opening, `${where}: a malformed tag (attribute injection?)`);
  for (const t of all) {
    for (const a of t.attrs) {
      assert.ok(!a.name.startsWith('on'), `${where}: event handler attribute in ${t.source.slice(0, 200)}`);
      assert.ok(!(['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name) && /^\s*(javascript|data|vbscript):/i.test(unescapeHtml(a.value))),
        `${where}: dangerous URL in ${t.source.slice(0, 200)}`);
    }
    if (t.name === 'img') assert.fail(`${where}: an <img> tag: ${t.source.slice(0, 200)}`);
  }
  const opened = (html.match(/<textarea\b/gi) || []).length;
  const closed = (html.match(/<\/textarea>/gi) || []).length;
  assert.equal(closed, opened, `${where}: a textarea closed by user text`);
}
