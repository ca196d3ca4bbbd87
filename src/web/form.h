/*
 * form.h - HTML forms for any kind, from its declaration: rendering with
 * the values the user typed and the errors next to their fields, and
 * reading a submitted form back into a record.
 *
 * Field names in the form: a scalar field is its own name; a multi-valued
 * text field is a textarea with one value per line; multilingual values
 * are `name.fr`, `name.en`...; names with a language and an acronym flag
 * are rows `names.N.value`, `names.N.lang`, `names.N.acronym`; enumerations
 * and SDGs with several values are checkboxes of the same name.
 */
#ifndef PASSERELLE_FORM_H
#define PASSERELLE_FORM_H

#include "model/record.h"
#include "web/html.h"
#include "web/http.h"

/* Write the <form> for r (r->id == 0: a creation). */
void form_render(struct html *h, struct request *req, const struct record *r, const struct field_errors *errors,
		 const char *action, const char *cancel_href);
/* A record of kind k from the submitted form; every field is marked
 * present (a form sends them all). */
struct record *form_read(struct request *req, const struct kind *k);

/* One checkbox of a list, labelled by `label` and, in muted type, `note`
 * (may be NULL): the recipients of a note, the colleagues a document is
 * passed to. */
void form_checkbox(struct html *h, const char *name, const char *value, const char *label, const char *note);

#endif
