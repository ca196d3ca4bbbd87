/*
 * view_note.c - a note as a document to download: /notes/:id/download/docx,
 * odt or pdf, with a header naming the organisation (PASSERELLE_ORGANIZATION)
 * and a block giving the kind of note, its date, its author and, once
 * validated, its validator (the actor of the last "validate" step).
 */
#include "web/views.h"

#include <stdlib.h>
#include <string.h>

#include "io/note_doc.h"
#include "store/workflow.h"

/* The organisation that issues the notes, named on every page. */
static const char *issuing_organization(void)
{
	const char *o = getenv("PASSERELLE_ORGANIZATION");
	return o && *o ? o : "Passerelle";
}

/* Who validated the note last, or NULL when it is not validated. */
static const char *validator_of(struct request *r, const struct record *note)
{
	if (strcmp(store_workflow_state(note), "validated") != 0)
		return NULL;
	struct viewer v = request_viewer(r);
	struct workflow_step *steps;
	size_t n;
	if (store_workflow_steps(r->store, &r->arena, &v, note->kind, note->id, &steps, &n) != STORE_OK)
		return NULL;
	for (size_t i = n; i > 0; i--)
		if (strcmp(steps[i - 1].transition, "validate") == 0)
			return steps[i - 1].actor;
	return NULL;
}

void view_note_download(struct request *r, const struct route_match *m)
{
	static const struct {
		const char *name, *type;
		int (*write)(struct buf *, const struct note_doc_meta *, const char *, size_t, char *, size_t);
	} formats[] = {
		{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", note_docx_write},
		{"odt", "application/vnd.oasis.opendocument.text", note_odt_write},
		{"pdf", "application/pdf", note_pdf_write},
	};
	size_t f = 0;
	while (f < sizeof(formats) / sizeof(*formats) && strcmp(formats[f].name, m->rest ? m->rest : "") != 0)
		f++;
	if (f == sizeof(formats) / sizeof(*formats)) {
		view_error_page(r, 404, N_("Unknown format: DOCX, ODT or PDF."));
		return;
	}
	struct viewer v = request_viewer(r);
	struct record *note;
	int rc = store_get(r->store, &r->arena, &v, &model_note, m->id, 0, &note);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	struct html h = {.lang = r->lang, .arena = &r->arena};
	const char *author = record_get_by_name(note, "author");
	struct note_doc_meta meta = {
		.organization = issuing_organization(),
		.kind_label = display_value(r, model_field(&model_note, "note_type"), record_get_by_name(note, "note_type")),
		.title = record_title(note),
		.date = display_value(r, model_field(&model_note, "date"), record_get_by_name(note, "date")),
		.author = author ? display_value(r, model_field(&model_note, "author"), author) : "",
		.validator = validator_of(r, note),
		.lang = i18n_code(r->lang),
		.label_date = T(&h, N_("Date")),
		.label_author = T(&h, N_("Written by")),
		.label_validator = T(&h, N_("Validated by")),
		.label_page = T(&h, N_("Page")),
	};
	const char *body = record_get_by_name(note, "body");
	struct buf out = BUF_INIT;
	char err[200];
	if (formats[f].write(&out, &meta, body ? body : "", body ? strlen(body) : 0, err, sizeof(err)) != 0) {
		buf_release(&out);
		view_error_page(r, 500, N_("The document could not be written."));
		return;
	}
	r->res.status = 200;
	r->res.content_type = formats[f].type;
	buf_reset(&r->res.body);
	buf_append(&r->res.body, out.data, out.len);
	buf_release(&out);
	response_header(r, "Content-Disposition",
			content_disposition(r, arena_printf(&r->arena, "%s.%s", record_title(note), formats[f].name)));
	response_header(r, "Cache-Control", "private, no-store");
}
