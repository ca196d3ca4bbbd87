// t-crud.test.mjs - create, read, update, delete and restore every kind,
// through the JSON API and through the HTML forms; data survives a restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, show, org, person, formFields, listAll, unescapeHtml, attr } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

async function create(plural, body) {
  const res = await srv.api('POST', `/api/v1/${plural}`, body);
  assert.equal(res.status, 201, show(res));
  assert.match(res.headers['content-type'], /^application\/json/);
  assert.equal(typeof res.json.id, 'number');
  assert.equal(res.headers.location, `/api/v1/${plural}/${res.json.id}`);
  return res.json;
}

async function restoreViaForm(plural, id) {
  const res = await srv.form(`/${plural}/${id}/restore`, {});
  assert.equal(res.status, 303, show(res));
  assert.match(res.headers.location, new RegExp(`^/${plural}/${id}\\b`));
}

/** Delete through the API, check the record left the list and sits in the bin, restore it. */
async function deleteAndRestore(plural, id) {
  const del = await srv.api('DELETE', `/api/v1/${plural}/${id}`);
  assert.equal(del.status, 204, show(del));
  assert.equal(del.text, '');
  const gone = await srv.get(`/api/v1/${plural}/${id}`);
  assert.equal(gone.status, 404, show(gone));
  assert.match(gone.headers['content-type'], /^application\/problem\+json/);
  assert.ok(!(await listAll(srv, `/api/v1/${plural}`)).some((r) => r.id === id), 'deleted record still listed');
  const bin = await listAll(srv, `/api/v1/${plural}?deleted=true`);
  const binned = bin.find((r) => r.id === id);
  assert.ok(binned, 'deleted record not in ?deleted=true');
  assert.match(binned.deleted_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const again = await srv.api('DELETE', `/api/v1/${plural}/${id}`);
  assert.equal(again.status, 404, `deleting twice: ${show(again)}`);
  await restoreViaForm(plural, id);
  const back = await srv.get(`/api/v1/${plural}/${id}`);
  assert.equal(back.status, 200, show(back));
  assert.equal(back.json.deleted_at, undefined);
  assert.ok((await listAll(srv, `/api/v1/${plural}`)).some((r) => r.id === id), 'restored record not listed');
  assert.ok(!(await listAll(srv, `/api/v1/${plural}?deleted=true`)).some((r) => r.id === id), 'restored record still in the bin');
  return back.json;
}

const fullOrg = org({
  name: 'Association Pêcheurs du Marigot',
  names: [
    { value: 'APM', lang: 'fr', acronym: true },
    { value: 'Marigot Fishers Association', lang: 'en', acronym: false },
  ],
  kind: 'association',
  legal_form: 'Association loi 1901',
  ess: true,
  territory: 'MF',
  address: 'Rue de la République, Marigot',
  latitude: 18.0677,
  longitude: -63.0826,
  website: 'https://pecheurs-marigot.example.org',
  email: 'contact@pecheurs-marigot.example.org',
  phone: '+590 590 87 00 00',
  siren: '732829320',
  rna: 'W9M1000001',
  sectors: ['31310'],
  filieres: ['pêche artisanale'],
  sdgs: ['14', '8'],
  tags: ['pêche', 'ESS'],
  description: [
    { value: 'Association des pêcheurs de Marigot.\nDeuxième ligne.', lang: 'fr' },
    { value: 'Fishers of Marigot.', lang: 'en' },
  ],
  visibility: 'public',
});

test('API: an organisation is created, read, listed, patched, deleted and restored', async () => {
  const created = await create('organizations', fullOrg);
  for (const [k, v] of Object.entries(fullOrg)) {
    if (k === 'description' || k === 'names') continue;
    if (Array.isArray(v)) assert.deepEqual([...created[k]].sort(), [...v].sort(), k);
    else assert.deepEqual(created[k], v, k);
  }
  assert.deepEqual(created.names, fullOrg.names);
  assert.deepEqual(created.description.map((d) => [d.value, d.lang]), fullOrg.description.map((d) => [d.value, d.lang]));
  assert.match(created.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

  const got = await srv.get(`/api/v1/organizations/${created.id}`);
  assert.equal(got.status, 200, show(got));
  assert.deepEqual(got.json, created);

  const list = await listAll(srv, '/api/v1/organizations');
  assert.ok(list.some((r) => r.id === created.id && r.name === fullOrg.name));

  const patched = await srv.api('PATCH', `/api/v1/organizations/${created.id}`, {
    name: 'Association des pêcheurs de Marigot', legal_form: null, tags: ['pêche'],
  });
  assert.equal(patched.status, 200, show(patched));
  assert.equal(patched.json.name, 'Association des pêcheurs de Marigot');
  assert.equal(patched.json.legal_form, undefined, 'null must empty the field');
  assert.deepEqual(patched.json.tags, ['pêche']);
  // Fields the patch did not name are unchanged.
  assert.equal(patched.json.siren, '732829320');
  assert.equal(patched.json.latitude, 18.0677);
  assert.deepEqual(patched.json.names, fullOrg.names);
  const reread = await srv.get(`/api/v1/organizations/${created.id}`);
  assert.deepEqual(reread.json, patched.json);

  const restored = await deleteAndRestore('organizations', created.id);
  assert.equal(restored.name, 'Association des pêcheurs de Marigot');
  assert.equal(restored.siren, '732829320');
});

test('API: a person is created, read, patched, deleted and restored', async () => {
  const body = person({ emails: ['aicha@example.org'], phones: ['+590 690 00 00 00'], languages: ['fr', 'en'], notes: 'Rencontrée au forum.' });
  const created = await create('people', body);
  assert.equal(created.family_name, 'Testeuse');
  assert.equal(created.given_name, 'Aïcha');
  assert.deepEqual(created.emails, ['aicha@example.org']);
  assert.deepEqual([...created.languages].sort(), ['en', 'fr']);
  const got = await srv.get(`/api/v1/people/${created.id}`);
  assert.equal(got.status, 200, show(got));
  assert.deepEqual(got.json, created);
  const patched = await srv.api('PATCH', `/api/v1/people/${created.id}`, { family_name: 'Testeuse-Martin', notes: null });
  assert.equal(patched.status, 200, show(patched));
  assert.equal(patched.json.family_name, 'Testeuse-Martin');
  assert.equal(patched.json.notes, undefined);
  assert.deepEqual(patched.json.emails, ['aicha@example.org']);
  const restored = await deleteAndRestore('people', created.id);
  assert.equal(restored.family_name, 'Testeuse-Martin');
});

test('API: a position links a person to an organisation; patched, deleted, restored', async () => {
  const o = await create('organizations', org({ name: 'Collectivité de Saint-Martin', kind: 'local_authority', territory: 'MF' }));
  const p = await create('people', person({ family_name: 'Gumbs' }));
  const created = await create('positions', { person: p.id, organization: o.id, title: 'Chargée de mission', start_date: '2024-09-01' });
  assert.equal(created.person, p.id);
  assert.equal(created.organization, o.id);
  assert.equal(created.title, 'Chargée de mission');
  assert.equal(created.start_date, '2024-09-01');
  const byPerson = await srv.get(`/api/v1/positions?person=${p.id}`);
  assert.equal(byPerson.status, 200, show(byPerson));
  assert.deepEqual(byPerson.json.items.map((x) => x.id), [created.id]);
  const patched = await srv.api('PATCH', `/api/v1/positions/${created.id}`, { title: 'Directrice', end_date: '2025-06-30' });
  assert.equal(patched.status, 200, show(patched));
  assert.equal(patched.json.title, 'Directrice');
  assert.equal(patched.json.end_date, '2025-06-30');
  assert.equal(patched.json.start_date, '2024-09-01');
  // The person's page shows the position with the organisation linked.
  const page = await srv.get(`/people/${p.id}`);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(`href="/organizations/${o.id}"`), 'person page links the organisation');
  assert.ok(page.text.includes('Directrice'));
  const restored = await deleteAndRestore('positions', created.id);
  assert.equal(restored.title, 'Directrice');
});

test('API: a relationship between two organisations; patched, deleted, restored', async () => {
  const a = await create('organizations', org({ name: 'Réseau caribéen des coopératives', kind: 'network' }));
  const b = await create('organizations', org({ name: 'Coopérative agricole de Grand-Case' }));
  const created = await create('relationships', { subject: b.id, type: 'member_of', object: a.id, start_date: '2020-01-01', note: 'Adhésion votée en AG.' });
  assert.equal(created.subject, b.id);
  assert.equal(created.object, a.id);
  assert.equal(created.type, 'member_of');
  const got = await srv.get(`/api/v1/relationships/${created.id}`);
  assert.deepEqual(got.json, created);
  const patched = await srv.api('PATCH', `/api/v1/relationships/${created.id}`, { type: 'partner_of', note: null });
  assert.equal(patched.status, 200, show(patched));
  assert.equal(patched.json.type, 'partner_of');
  assert.equal(patched.json.note, undefined);
  assert.equal(patched.json.subject, b.id);
  const restored = await deleteAndRestore('relationships', created.id);
  assert.equal(restored.type, 'partner_of');
});

test('HTML: creating an organisation with the form leads to its page', async () => {
  const form = await srv.get('/organizations/new');
  assert.equal(form.status, 200, show(form));
  const fields = formFields(form.text);
  assert.equal(fields.get('visibility'), 'internal', 'a new record defaults to internal');
  fields.set('name', 'Coopérative Soleil de Grand-Case');
  fields.set('kind', 'cooperative');
  fields.set('territory', 'MF');
  fields.set('latitude', '18,1'); // French decimal comma
  fields.set('longitude', '-63.05');
  fields.set('tags', 'énergie\nsolaire');
  fields.set('description.fr', 'Production solaire coopérative.');
  const res = await srv.form('/organizations', fields);
  assert.equal(res.status, 303, show(res));
  const m = /^\/organizations\/(\d+)/.exec(res.headers.location);
  assert.ok(m, `redirected to ${res.headers.location}`);
  const page = await srv.get(res.headers.location);
  assert.equal(page.status, 200, show(page));
  assert.ok(unescapeHtml(page.text).includes('Coopérative Soleil de Grand-Case'));
  assert.ok(page.text.includes('Production solaire coopérative.'));
  assert.ok(page.text.includes('role="status"'), 'the page says it was saved');
  const json = (await srv.get(`/api/v1/organizations/${m[1]}`)).json;
  assert.equal(json.name, 'Coopérative Soleil de Grand-Case');
  assert.equal(json.territory, 'MF');
  assert.equal(json.latitude, 18.1);
  assert.deepEqual(json.tags, ['énergie', 'solaire']);
  assert.deepEqual(json.description, [{ value: 'Production solaire coopérative.', lang: 'fr' }]);
  assert.equal(json.visibility, 'internal');
});

test('HTML: creating a person with the form', async () => {
  const form = await srv.get('/people/new');
  assert.equal(form.status, 200, show(form));
  const fields = formFields(form.text);
  fields.set('given_name', 'Jean-Éric');
  fields.set('family_name', 'Fleming');
  fields.set('emails', 'je.fleming@example.org\nje@example.com');
  fields.set('legal_basis_date', '03/02/2025');
  const res = await srv.form('/people', fields);
  assert.equal(res.status, 303, show(res));
  const id = /^\/people\/(\d+)/.exec(res.headers.location)?.[1];
  assert.ok(id, res.headers.location);
  const json = (await srv.get(`/api/v1/people/${id}`)).json;
  assert.equal(json.family_name, 'Fleming');
  assert.equal(json.given_name, 'Jean-Éric');
  assert.deepEqual(json.emails, ['je.fleming@example.org', 'je@example.com']);
  assert.equal(json.legal_basis_date, '2025-02-03');
  const page = await srv.get(`/people/${id}`);
  assert.ok(unescapeHtml(page.text).includes('Jean-Éric Fleming'));
});

test('HTML: editing an organisation with its form changes it and keeps every other value', async () => {
  const created = await create('organizations', { ...fullOrg, name: 'Association à modifier' });
  const form = await srv.get(`/organizations/${created.id}/edit`);
  assert.equal(form.status, 200, show(form));
  const fields = formFields(form.text);
  assert.equal(fields.get('name'), 'Association à modifier', 'the form shows the current name');
  fields.set('name', 'Association modifiée « Marigot »');
  fields.set('legal_form', 'Association loi 1901 reconnue');
  const res = await srv.form(`/organizations/${created.id}`, fields);
  assert.equal(res.status, 303, show(res));
  const page = await srv.get(res.headers.location);
  assert.equal(page.status, 200);
  assert.ok(unescapeHtml(page.text).includes('Association modifiée « Marigot »'), 'the new name is on the page');
  assert.ok(unescapeHtml(page.text).includes('Association loi 1901 reconnue'));
  const after = (await srv.get(`/api/v1/organizations/${created.id}`)).json;
  assert.equal(after.name, 'Association modifiée « Marigot »');
  assert.equal(after.legal_form, 'Association loi 1901 reconnue');
  // Saving the form unchanged elsewhere loses nothing.
  for (const k of ['kind', 'ess', 'territory', 'address', 'latitude', 'longitude', 'website', 'email', 'phone', 'siren', 'rna', 'visibility'])
    assert.deepEqual(after[k], created[k], k);
  for (const k of ['sectors', 'filieres', 'sdgs', 'tags'])
    assert.deepEqual([...after[k]].sort(), [...created[k]].sort(), k);
  assert.deepEqual(after.names, created.names, 'names and acronyms');
  assert.deepEqual(after.description, created.description, 'descriptions');
});

test('HTML: editing a position with its form', async () => {
  const o = await create('organizations', org({ name: 'Préfecture de Saint-Barthélemy et de Saint-Martin', kind: 'state_service' }));
  const p = await create('people', person({ family_name: 'Richardson' }));
  const pos = await create('positions', { person: p.id, organization: o.id, title: 'Sous-préfet' });
  const form = await srv.get(`/positions/${pos.id}/edit`);
  assert.equal(form.status, 200, show(form));
  const fields = formFields(form.text);
  // The reference is shown as the id, or as "Title (#id)" for the type-ahead.
  assert.match(fields.get('person'), new RegExp(`^(${p.id}|.*\\(#${p.id}\\))$`), `person field: ${fields.get('person')}`);
  fields.set('title', 'Préfet délégué');
  const res = await srv.form(`/positions/${pos.id}`, fields);
  assert.equal(res.status, 303, show(res));
  const json = (await srv.get(`/api/v1/positions/${pos.id}`)).json;
  assert.equal(json.title, 'Préfet délégué');
  assert.equal(json.person, p.id);
  assert.equal(json.organization, o.id);
  const orgPage = await srv.get(`/organizations/${o.id}`);
  assert.ok(orgPage.text.includes('Préfet délégué'), 'the organisation page shows the position');
  assert.ok(orgPage.text.includes(`href="/people/${p.id}"`));
});

test('HTML: delete moves to the bin, restore brings it back', async () => {
  const created = await create('organizations', org({ name: 'Fondation à corbeiller' }));
  const confirm = await srv.get(`/organizations/${created.id}/delete`);
  assert.equal(confirm.status, 200, show(confirm));
  assert.ok(confirm.text.includes(`action="/organizations/${created.id}/delete"`));
  assert.ok(unescapeHtml(confirm.text).includes('Fondation à corbeiller'));
  const del = await srv.form(`/organizations/${created.id}/delete`, {});
  assert.equal(del.status, 303, show(del));
  const list = await srv.get('/organizations?limit=200');
  assert.ok(!unescapeHtml(list.text).includes('Fondation à corbeiller'), 'still in the directory');
  const bin = await srv.get('/bin');
  assert.equal(bin.status, 200);
  assert.ok(unescapeHtml(bin.text).includes('Fondation à corbeiller'), 'not in the bin');
  assert.ok(bin.text.includes(`action="/organizations/${created.id}/restore"`), 'no restore button');
  const shown = await srv.get(`/organizations/${created.id}`);
  assert.equal(shown.status, 200, 'a record in the bin can still be opened');
  assert.ok(shown.text.includes(`action="/organizations/${created.id}/restore"`));
  await restoreViaForm('organizations', created.id);
  const bin2 = await srv.get('/bin');
  assert.ok(!unescapeHtml(bin2.text).includes('Fondation à corbeiller'), 'still in the bin after restore');
  const list2 = await srv.get('/organizations?q=corbeiller');
  assert.ok(unescapeHtml(list2.text).includes('Fondation à corbeiller'), 'not back in the directory (search)');
  const again = await srv.form(`/organizations/${created.id}/restore`, {});
  assert.equal(again.status, 409, `restoring a record not in the bin: ${show(again)}`);
});

test('HTML: editing or deleting a missing record is 404', async () => {
  assert.equal((await srv.get('/organizations/999999')).status, 404);
  assert.equal((await srv.get('/organizations/999999/edit')).status, 404);
  assert.equal((await srv.form('/organizations/999999', { name: 'x', kind: 'other', visibility: 'internal' })).status, 404);
  assert.equal((await srv.form('/organizations/999999/delete', {})).status, 404);
  assert.equal((await srv.api('PATCH', '/api/v1/organizations/999999', { name: 'x' })).status, 404);
  assert.equal((await srv.api('DELETE', '/api/v1/people/999999')).status, 404);
});

test('a restart keeps every record, the bin included', async () => {
  const o = await create('organizations', org({ name: 'Mutuelle persistante', kind: 'mutual', tags: ['durable'], names: [{ value: 'MP', lang: 'fr', acronym: true }] }));
  const p = await create('people', person({ family_name: 'Persistant' }));
  const pos = await create('positions', { person: p.id, organization: o.id, title: 'Trésorier' });
  const binned = await create('organizations', org({ name: 'Association supprimée avant redémarrage' }));
  assert.equal((await srv.api('DELETE', `/api/v1/organizations/${binned.id}`)).status, 204);
  const before = {
    orgs: await listAll(srv, '/api/v1/organizations'),
    people: await listAll(srv, '/api/v1/people'),
    positions: await listAll(srv, '/api/v1/positions'),
    relationships: await listAll(srv, '/api/v1/relationships'),
  };
  const oldUrl = srv.url;
  await srv.restart();
  assert.ok(srv.url, `restarted (was ${oldUrl})`);
  assert.equal((await srv.get('/healthz')).text.trim(), 'ok');
  assert.deepEqual(await listAll(srv, '/api/v1/organizations'), before.orgs);
  assert.deepEqual(await listAll(srv, '/api/v1/people'), before.people);
  assert.deepEqual(await listAll(srv, '/api/v1/positions'), before.positions);
  assert.deepEqual(await listAll(srv, '/api/v1/relationships'), before.relationships);
  const got = await srv.get(`/api/v1/organizations/${o.id}`);
  assert.equal(got.status, 200);
  assert.deepEqual(got.json, o);
  assert.equal((await srv.get(`/api/v1/positions/${pos.id}`)).json.title, 'Trésorier');
  const bin = await listAll(srv, '/api/v1/organizations?deleted=true');
  assert.ok(bin.some((r) => r.id === binned.id), 'the bin survived the restart');
  // The search index survived too.
  const s = await srv.get('/api/v1/search?q=persistante');
  assert.equal(s.json.items[0]?.id, o.id, show(s));
  // And the server still writes.
  await create('organizations', org({ name: 'Créée après redémarrage' }));
});

test('HTML: editing a person with the form keeps every other value', async () => {
  const created = await create('people', person({
    given_name: 'Anne-Sophie', family_name: 'Hodge', languages: ['fr', 'en', 'pap'], emails: ['as.hodge@example.org', 'anne@example.com'],
    phones: ['+1 721 555 0100'], notes: 'Première ligne.\nDeuxième ligne.', legal_basis: 'consent', legal_basis_date: '2024-11-05', visibility: 'confidential',
  }));
  const form = await srv.get(`/people/${created.id}/edit`);
  assert.equal(form.status, 200, show(form));
  const fields = formFields(form.text);
  fields.set('family_name', 'Hodge-Richardson');
  const res = await srv.form(`/people/${created.id}`, fields);
  assert.equal(res.status, 303, show(res));
  const after = (await srv.get(`/api/v1/people/${created.id}`)).json;
  assert.equal(after.family_name, 'Hodge-Richardson');
  for (const k of ['given_name', 'notes', 'legal_basis', 'legal_basis_date', 'visibility', 'emails', 'phones'])
    assert.deepEqual(after[k], created[k], k);
  assert.deepEqual([...after.languages].sort(), [...created.languages].sort(), 'languages');
  const page = await srv.get(`/people/${created.id}`);
  assert.ok(unescapeHtml(page.text).includes('Anne-Sophie Hodge-Richardson'));
});

test('HTML: a relationship and a position created and edited through their forms', async () => {
  const a = await create('organizations', org({ name: 'Communauté d’agglomération du Nord Grande-Terre', kind: 'local_authority' }));
  const b = await create('organizations', org({ name: 'Syndicat mixte des eaux', kind: 'other' }));
  const p = await create('people', person({ family_name: 'Bellay' }));
  // A position from the "add a person" link of the organisation page: prefilled, and back to the page.
  const orgPage = await srv.get(`/organizations/${a.id}`);
  const add = /href="(\/positions\/new\?[^"]+)"/.exec(orgPage.text);
  assert.ok(add, 'the organisation page links to a new position');
  const newPos = await srv.get(add[1].replace(/&amp;/g, '&'));
  assert.equal(newPos.status, 200, show(newPos));
  const posFields = formFields(newPos.text);
  assert.match(posFields.get('organization'), new RegExp(`^(${a.id}|.*\\(#${a.id}\\))$`), 'the organisation is prefilled');
  posFields.set('person', String(p.id));
  posFields.set('title', 'Directrice générale des services');
  posFields.set('start_date', '01/09/2023');
  const formTag = /<form\b[^>]*class="record-form"[^>]*>/.exec(newPos.text)?.[0];
  const action = attr(formTag, 'action');
  assert.ok(action, `no action on ${formTag}`);
  const saved = await srv.form(action, posFields);
  assert.equal(saved.status, 303, show(saved));
  assert.equal(saved.headers.location, `/organizations/${a.id}`, 'back to the organisation page');
  const positions = (await srv.get(`/api/v1/positions?organization=${a.id}`)).json.items;
  assert.equal(positions.length, 1);
  assert.equal(positions[0].person, p.id);
  assert.equal(positions[0].start_date, '2023-09-01');
  assert.ok((await srv.get(`/organizations/${a.id}`)).text.includes('Directrice générale des services'));
  // A relationship through its form.
  const newRel = await srv.get(`/relationships/new?subject=${a.id}`);
  assert.equal(newRel.status, 200, show(newRel));
  const relFields = formFields(newRel.text);
  relFields.set('object', String(b.id));
  relFields.set('type', 'member_of');
  const relSaved = await srv.form('/relationships', relFields);
  assert.equal(relSaved.status, 303, show(relSaved));
  const relId = /^\/relationships\/(\d+)/.exec(relSaved.headers.location)?.[1];
  assert.ok(relId, relSaved.headers.location);
  const edit = await srv.get(`/relationships/${relId}/edit`);
  const editFields = formFields(edit.text);
  editFields.set('type', 'part_of');
  editFields.set('note', 'Compétence eau transférée.');
  const relEdited = await srv.form(`/relationships/${relId}`, editFields);
  assert.equal(relEdited.status, 303, show(relEdited));
  const rel = (await srv.get(`/api/v1/relationships/${relId}`)).json;
  assert.deepEqual([rel.subject, rel.type, rel.object, rel.note], [a.id, 'part_of', b.id, 'Compétence eau transférée.']);
});

test('concurrent writes all succeed and none is lost', async () => {
  const before = (await listAll(srv, '/api/v1/organizations')).length;
  const N = 24;
  const results = await Promise.all(Array.from({ length: N }, (_, i) => (i % 3 === 2
    ? srv.get('/api/v1/organizations?limit=50')
    : srv.api('POST', '/api/v1/organizations', org({ name: `Concurrente ${i}`, tags: [`lot-${i}`] })))));
  const writes = results.filter((_, i) => i % 3 !== 2);
  for (const r of results) assert.ok([200, 201].includes(r.status), show(r));
  const ids = writes.map((r) => r.json.id);
  assert.equal(new Set(ids).size, writes.length, 'two creations got the same id');
  assert.equal((await listAll(srv, '/api/v1/organizations')).length, before + writes.length);
  // Concurrent patches of one record: the last one wins whole, never a mix.
  const target = ids[0];
  const patches = await Promise.all(Array.from({ length: 10 }, (_, i) =>
    srv.api('PATCH', `/api/v1/organizations/${target}`, { name: `Version ${i}`, tags: [`v${i}`] })));
  for (const r of patches) assert.equal(r.status, 200, show(r));
  const final = (await srv.get(`/api/v1/organizations/${target}`)).json;
  const v = /^Version (\d+)$/.exec(final.name)?.[1];
  assert.ok(v !== undefined, final.name);
  assert.deepEqual(final.tags, [`v${v}`], 'name and tags of different patches mixed');
});
