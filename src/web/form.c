/* form.c - see form.h. */
#include "web/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "web/views.h"

#define EMPTY_NAME_ROWS 3

static const char *const value_langs[] = {"fr", "en", "es", "nl"};
#define NVALUE_LANGS 4

/* The input's id for a field (and an optional suffix). */
static const char *input_id(struct arena *a, const char *field, const char *suffix)
{
	return suffix ? arena_printf(a, "f-%s-%s", field, suffix) : arena_printf(a, "f-%s", field);
}

static void label(struct html *h, const struct field *f, const char *for_id)
{
	html_raw(h, "<label");
	html_attr(h, "for", for_id);
	html_raw(h, ">");
	html_t(h, f->label);
	if (f->flags & F_REQUIRED)
	{
		html_raw(h, " <abbr class=\"req\"");
		html_attr(h, "title", T(h, N_("required")));
		html_raw(h, ">*</abbr>");
	}
	html_raw(h, "</label>");
}

/* The help text and the error under a field; describedby lists their ids. */
static const char *describedby(struct html *h, const struct field *f, const struct field_error *err)
{
	if (f->help && err)
		return arena_printf(h->arena, "help-%s err-%s", f->name, f->name);
	if (f->help)
		return arena_printf(h->arena, "help-%s", f->name);
	if (err)
		return arena_printf(h->arena, "err-%s", f->name);
	return NULL;
}

static void help_and_error(struct html *h, const struct field *f, const struct field_error *err)
{
	if (f->help) {
		html_raw(h, "<p class=\"help\"");
		html_attr(h, "id", arena_printf(h->arena, "help-%s", f->name));
		html_raw(h, ">");
		html_t(h, f->help);
		html_raw(h, "</p>");
	}
	if (err) {
		html_raw(h, "<p class=\"field-error\"");
		html_attr(h, "id", arena_printf(h->arena, "err-%s", f->name));
		html_raw(h, ">");
		html_message(h, err->message, err->detail);
		html_raw(h, "</p>");
	}
}

static void common_attrs(struct html *h, const struct field *f, const char *id, const struct field_error *err)
{
	html_attr(h, "id", id);
	html_attr(h, "name", f->name);
	html_attr(h, "aria-describedby", describedby(h, f, err));
	if (err)
		html_raw(h, " aria-invalid=\"true\"");
	if (f->flags & F_REQUIRED)
		html_raw(h, " required");
}

static const char *input_type(const struct field *f)
{
	switch (f->type) {
	case FT_EMAIL: return "email";
	case FT_URL: return "url";
	case FT_PHONE: return "tel";
	case FT_DATE: return "date";
	case FT_DATETIME: return "datetime-local";
	default: return "text";
	}
}

/* Values of field i joined by newlines (textareas of one value per line). */
static const char *lines_of(struct html *h, struct request *req, const struct record *r, int i)
{
	const struct field *f = &r->kind->fields[i];
	struct buf b = BUF_INIT;
	for (size_t j = 0; j < r->values[i].count; j++) {
		const char *t = r->values[i].items[j].text;
		if (f->type == FT_CODE) {
			const char *label_text = display_value(req, f, t);
			if (label_text && strcmp(label_text, t) != 0)
				t = arena_printf(h->arena, "%s — %s", t, label_text);
		}
		buf_printf(&b, "%s%s", j ? "\n" : "", t);
	}
	const char *out = arena_strdup(h->arena, buf_str(&b));
	buf_release(&b);
	return out;
}

static int has_value(const struct record *r, int i, const char *code)
{
	for (size_t j = 0; j < r->values[i].count; j++)
		if (strcmp(r->values[i].items[j].text, code) == 0)
			return 1;
	return 0;
}

static void render_checkboxes(struct html *h, struct request *req, const struct record *r, int i,
			      const struct field_error *err)
{
	const struct field *f = &r->kind->fields[i];
	html_raw(h, "<fieldset class=\"checks\"");
	html_attr(h, "aria-describedby", describedby(h, f, err));
	html_raw(h, "><legend>");
	html_t(h, f->label);
	html_raw(h, "</legend>");
	size_t n = 0;
	const struct ref_item *items = NULL;
	if (f->type == FT_ENUM)
		n = f->enumeration->count;
	else
		items = store_ref_items(req->store, f->ref, &n);
	for (size_t j = 0; j < n; j++) {
		const char *code = f->type == FT_ENUM ? f->enumeration->values[j].code : items[j].code;
		const char *text = f->type == FT_ENUM ? T(h, f->enumeration->values[j].label) : display_value(req, f, code);
		const char *id = input_id(h->arena, f->name, code);
		html_raw(h, "<label class=\"check\"><input type=\"checkbox\"");
		html_attr(h, "id", id);
		html_attr(h, "name", f->name);
		html_attr(h, "value", code);
		if (has_value(r, i, code))
			html_raw(h, " checked");
		html_raw(h, "> ");
		if (f->type == FT_CODE) {
			html_text(h, code);
			html_raw(h, ". ");
		}
		html_text(h, text);
		html_raw(h, "</label>");
	}
	help_and_error(h, f, err);
	html_raw(h, "</fieldset>");
}

static void render_names(struct html *h, const struct record *r, int i, const struct field_error *err)
{
	const struct field *f = &r->kind->fields[i];
	html_raw(h, "<fieldset class=\"names\"");
	html_attr(h, "aria-describedby", describedby(h, f, err));
	html_raw(h, "><legend>");
	html_t(h, f->label);
	html_raw(h, "</legend><table><thead><tr><th scope=\"col\">");
	html_t(h, N_("Name or acronym"));
	html_raw(h, "</th><th scope=\"col\">");
	html_t(h, N_("Language"));
	html_raw(h, "</th><th scope=\"col\">");
	html_t(h, N_("Acronym"));
	html_raw(h, "</th></tr></thead><tbody>");
	size_t rows = r->values[i].count + EMPTY_NAME_ROWS;
	for (size_t j = 0; j < rows; j++) {
		const struct value *v = j < r->values[i].count ? &r->values[i].items[j] : NULL;
		const char *base = arena_printf(h->arena, "%s.%zu", f->name, j);
		html_raw(h, "<tr><td><input type=\"text\" maxlength=\"200\"");
		html_attr(h, "name", arena_printf(h->arena, "%s.value", base));
		html_attr(h, "aria-label", arena_printf(h->arena, "%s %zu", T(h, N_("Name or acronym")), j + 1));
		html_attr(h, "value", v ? v->text : NULL);
		html_raw(h, "></td><td><select");
		html_attr(h, "name", arena_printf(h->arena, "%s.lang", base));
		html_attr(h, "aria-label", arena_printf(h->arena, "%s %zu", T(h, N_("Language")), j + 1));
		html_raw(h, "><option value=\"\">—</option>");
		for (size_t l = 0; l < model_value_languages.count; l++) {
			const struct enum_value *ev = &model_value_languages.values[l];
			html_raw(h, "<option");
			html_attr(h, "value", ev->code);
			if (v && v->lang && strcmp(v->lang, ev->code) == 0)
				html_raw(h, " selected");
			html_raw(h, ">");
			html_t(h, ev->label);
			html_raw(h, "</option>");
		}
		html_raw(h, "</select></td><td><input type=\"checkbox\" value=\"true\"");
		html_attr(h, "name", arena_printf(h->arena, "%s.acronym", base));
		html_attr(h, "aria-label", arena_printf(h->arena, "%s %zu", T(h, N_("Acronym")), j + 1));
		if (v && v->acronym)
			html_raw(h, " checked");
		html_raw(h, "></td></tr>");
	}
	html_raw(h, "</tbody></table>");
	help_and_error(h, f, err);
	html_raw(h, "</fieldset>");
}

static void render_multilingual(struct html *h, const struct record *r, int i, const struct field_error *err)
{
	const struct field *f = &r->kind->fields[i];
	html_raw(h, "<fieldset class=\"multilingual\"><legend>");
	html_t(h, f->label);
	html_raw(h, "</legend>");
	for (size_t l = 0; l < NVALUE_LANGS; l++) {
		const char *text = NULL;
		for (size_t j = 0; j < r->values[i].count; j++)
			if (r->values[i].items[j].lang && strcmp(r->values[i].items[j].lang, value_langs[l]) == 0)
				text = r->values[i].items[j].text;
		const char *id = input_id(h->arena, f->name, value_langs[l]);
		html_raw(h, "<label");
		html_attr(h, "for", id);
		html_raw(h, ">");
		html_t(h, model_value_languages.values[l].label);
		html_raw(h, "</label><textarea rows=\"3\"");
		html_attr(h, "id", id);
		html_attr(h, "name", arena_printf(h->arena, "%s.%s", f->name, value_langs[l]));
		html_attr(h, "lang", value_langs[l]);
		html_raw(h, ">");
		html_text(h, text);
		html_raw(h, "</textarea>");
	}
	help_and_error(h, f, err);
	html_raw(h, "</fieldset>");
}

static void render_select(struct html *h, struct request *req, const struct record *r, int i,
			  const struct field_error *err)
{
	const struct field *f = &r->kind->fields[i];
	const char *id = input_id(h->arena, f->name, NULL);
	const char *current = record_get(r, i);
	html_raw(h, "<div class=\"field\">");
	label(h, f, id);
	html_raw(h, "<select");
	common_attrs(h, f, id, err);
	html_raw(h, "><option value=\"\">—</option>");
	if (f->type == FT_ENUM) {
		for (size_t j = 0; j < f->enumeration->count; j++) {
			const struct enum_value *ev = &f->enumeration->values[j];
			html_raw(h, "<option");
			html_attr(h, "value", ev->code);
			if (current && strcmp(current, ev->code) == 0)
				html_raw(h, " selected");
			html_raw(h, ">");
			html_t(h, ev->label);
			html_raw(h, "</option>");
		}
	} else {
		size_t n;
		const struct ref_item *items = store_ref_items(req->store, f->ref, &n);
		/* Sorted by name in the page's language. */
		const struct ref_item **sorted = arena_alloc(h->arena, (n ? n : 1) * sizeof(*sorted));
		for (size_t j = 0; j < n; j++)
			sorted[j] = &items[j];
		for (size_t j = 1; j < n; j++)
			for (size_t k = j; k > 0 && strcmp(sorted[k - 1]->folded[h->lang], sorted[k]->folded[h->lang]) > 0; k--) {
				const struct ref_item *t = sorted[k];
				sorted[k] = sorted[k - 1];
				sorted[k - 1] = t;
			}
		int found = 0;
		for (size_t j = 0; j < n; j++) {
			html_raw(h, "<option");
			html_attr(h, "value", sorted[j]->code);
			if (current && strcmp(current, sorted[j]->code) == 0) {
				html_raw(h, " selected");
				found = 1;
			}
			html_raw(h, ">");
			html_text(h, sorted[j]->name[h->lang]);
			html_raw(h, "</option>");
		}
		if (current && !found) {
			/* What the user typed and the store did not know: kept, shown. */
			html_raw(h, "<option selected");
			html_attr(h, "value", current);
			html_raw(h, ">");
			html_text(h, current);
			html_raw(h, "</option>");
		}
	}
	html_raw(h, "</select>");
	help_and_error(h, f, err);
	html_raw(h, "</div>");
}

static void render_field(struct html *h, struct request *req, const struct record *r, int i,
			 const struct field_errors *errors)
{
	const struct field *f = &r->kind->fields[i];
	const struct field_error *err = errors ? field_errors_find(errors, f->name) : NULL;
	if ((f->flags & F_MULTI) && (f->flags & F_ACRONYM)) {
		render_names(h, r, i, err);
		return;
	}
	if ((f->flags & F_MULTI) && (f->flags & F_LANG)) {
		render_multilingual(h, r, i, err);
		return;
	}
	if ((f->flags & F_MULTI) && (f->type == FT_ENUM || (f->type == FT_CODE && strcmp(f->ref, "sdg") == 0))) {
		render_checkboxes(h, req, r, i, err);
		return;
	}
	if (!(f->flags & F_MULTI) && (f->type == FT_ENUM || f->type == FT_CODE)) {
		render_select(h, req, r, i, err);
		return;
	}
	const char *id = input_id(h->arena, f->name, NULL);
	html_raw(h, "<div class=\"field\">");
	if (f->type == FT_BOOL) {
		html_raw(h, "<input type=\"hidden\" value=\"false\"");
		html_attr(h, "name", f->name);
		html_raw(h, "><input type=\"checkbox\" value=\"true\"");
		common_attrs(h, f, id, err);
		const char *v = record_get(r, i);
		if (v && strcmp(v, "true") == 0)
			html_raw(h, " checked");
		html_raw(h, "> ");
		label(h, f, id);
	} else if (f->flags & F_MULTI) {
		label(h, f, id);
		html_raw(h, "<textarea rows=\"3\"");
		common_attrs(h, f, id, err);
		html_raw(h, ">");
		html_text(h, lines_of(h, req, r, i));
		html_raw(h, "</textarea>");
	} else if (f->type == FT_LONGTEXT || f->type == FT_MARKDOWN) {
		label(h, f, id);
		if (f->type == FT_MARKDOWN)
			html_raw(h, "<textarea class=\"markdown\" rows=\"18\"");
		else
			html_raw(h, "<textarea rows=\"6\"");
		common_attrs(h, f, id, err);
		html_raw(h, ">");
		html_text(h, record_get(r, i));
		html_raw(h, "</textarea>");
	} else {
		label(h, f, id);
		if (f->type == FT_REF) {
			/* A name typed here is resolved by the store; the script
			 * offers suggestions and fills in "Title (#id)". */
			const char *v = record_get(r, i);
			const char *shown = v;
			if (v && strspn(v, "0123456789") == strlen(v))
				shown = arena_printf(h->arena, "%s (#%s)", display_value(req, f, v), v);
			html_raw(h, "<div class=\"suggest\"><input type=\"text\" autocomplete=\"off\"");
			common_attrs(h, f, id, err);
			html_attr(h, "data-suggest", arena_printf(h->arena, "/api/v1/suggest/%s", model_kind(f->ref)->plural));
			html_attr(h, "placeholder", T(h, N_("Type a name, then pick a suggestion")));
			html_attr(h, "value", shown);
			html_raw(h, "><ul class=\"suggestions\" role=\"listbox\" hidden></ul></div>");
		} else {
			html_raw(h, "<input");
			html_attr(h, "type", input_type(f));
			common_attrs(h, f, id, err);
			if (f->type == FT_REAL || f->type == FT_INT)
				html_raw(h, " inputmode=\"decimal\"");
			if (f->max_len > 0)
				html_attr(h, "maxlength", arena_printf(h->arena, "%d", f->max_len));
			html_attr(h, "value", record_get(r, i));
			html_raw(h, ">");
		}
	}
	help_and_error(h, f, err);
	html_raw(h, "</div>");
}

void form_render(struct html *h, struct request *req, const struct record *r, const struct field_errors *errors,
		 const char *action, const char *cancel_href)
{
	const struct kind *k = r->kind;
	if (errors && errors->count) {
		html_raw(h, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>");
		html_t(h, N_("Please correct the following:"));
		html_raw(h, "</h2><ul>");
		for (size_t i = 0; i < errors->count; i++) {
			const struct field *f = model_field(k, errors->items[i].field);
			html_raw(h, "<li>");
			if (f) {
				html_raw(h, "<a");
				html_attr(h, "href", arena_printf(h->arena, "#f-%s", f->name));
				html_raw(h, ">");
				html_t(h, f->label);
				html_raw(h, "</a>");
				html_t(h, N_(": "));
			}
			html_message(h, errors->items[i].message, errors->items[i].detail);
			html_raw(h, "</li>");
		}
		html_raw(h, "</ul></div>");
	}
	post_form_open(h, req, action, "record-form");
	const char *group = NULL;
	int open = 0;
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		if ((f->group != group) && !(f->group && group && strcmp(f->group, group) == 0)) {
			if (open)
				html_raw(h, "</fieldset>");
			open = 0;
			group = f->group;
			if (group) {
				html_raw(h, "<fieldset class=\"group\"><legend>");
				html_t(h, group);
				html_raw(h, "</legend>");
				open = 1;
			}
		}
		if (!model_field_managed(k, (int)i))
			render_field(h, req, r, (int)i, errors);
	}
	if (open)
		html_raw(h, "</fieldset>");
	html_raw(h, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">");
	html_t(h, N_("Save"));
	html_raw(h, "</button> ");
	for (size_t i = 0; i < k->nfields; i++)
		if (k->fields[i].type == FT_MARKDOWN) {
			html_raw(h, "<button type=\"submit\" name=\"_preview\" value=\"1\" formnovalidate>");
			html_t(h, N_("Preview"));
			html_raw(h, "</button> ");
			break;
		}
	html_raw(h, "<a");
	html_attr_url(h, "href", cancel_href);
	html_raw(h, ">");
	html_t(h, N_("Cancel"));
	html_raw(h, "</a></div></form>");
}

/* Split a textarea into lines, each trimmed of its "code — label" tail for
 * coded fields. */
static void read_lines(struct record *r, int i, const char *text)
{
	const struct field *f = &r->kind->fields[i];
	const char *p = text;
	while (*p) {
		size_t n = strcspn(p, "\r\n");
		char *line = arena_strndup(r->arena, p, n);
		if (f->type == FT_CODE) {
			char *dash = strstr(line, " — ");
			if (dash)
				*dash = '\0';
		}
		if (line[strspn(line, " \t")])
			record_add(r, i, line, NULL, 0);
		p += n;
		while (*p == '\r' || *p == '\n')
			p++;
	}
}

struct record *form_read(struct request *req, const struct kind *k)
{
	struct record *r = record_new(&req->arena, k);
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		if (model_field_managed(k, (int)i))
			continue;
		record_clear(r, (int)i);
		if ((f->flags & F_MULTI) && (f->flags & F_ACRONYM)) {
			for (size_t j = 0; j < 100; j++) {
				const char *v = params_get(&req->form, arena_printf(&req->arena, "%s.%zu.value", f->name, j));
				if (!v)
					break;
				if (!*v)
					continue;
				const char *lang = params_get(&req->form, arena_printf(&req->arena, "%s.%zu.lang", f->name, j));
				const char *acr = params_get(&req->form, arena_printf(&req->arena, "%s.%zu.acronym", f->name, j));
				record_add(r, (int)i, v, lang, acr && strcmp(acr, "true") == 0);
			}
		} else if ((f->flags & F_MULTI) && (f->flags & F_LANG)) {
			for (size_t l = 0; l < NVALUE_LANGS; l++) {
				const char *v = params_get(&req->form, arena_printf(&req->arena, "%s.%s", f->name, value_langs[l]));
				if (v && v[strspn(v, " \t\r\n")])
					record_add(r, (int)i, v, value_langs[l], 0);
			}
		} else if (f->flags & F_MULTI) {
			int checkboxes = f->type == FT_ENUM || (f->type == FT_CODE && strcmp(f->ref, "sdg") == 0);
			for (size_t j = 0; j < req->form.count; j++) {
				if (strcmp(req->form.items[j].name, f->name) != 0)
					continue;
				if (checkboxes)
					record_add(r, (int)i, req->form.items[j].value, NULL, 0);
				else
					read_lines(r, (int)i, req->form.items[j].value);
			}
		} else {
			/* The last value wins: a checkbox follows its hidden "false". */
			const char *v = NULL;
			for (size_t j = 0; j < req->form.count; j++)
				if (strcmp(req->form.items[j].name, f->name) == 0)
					v = req->form.items[j].value;
			if (v && *v)
				record_add(r, (int)i, v, NULL, 0);
		}
		r->values[i].present = 1;
	}
	return r;
}

void form_checkbox(struct html *h, const char *name, const char *value, const char *label, const char *note)
{
	html_raw(h, "<label class=\"check\"><input type=\"checkbox\"");
	html_attr(h, "name", name);
	html_attr(h, "value", value);
	html_raw(h, "> ");
	html_text(h, label);
	if (note) {
		html_raw(h, " <span class=\"muted\">");
		html_text(h, note);
		html_raw(h, "</span>");
	}
	html_raw(h, "</label>");
}
