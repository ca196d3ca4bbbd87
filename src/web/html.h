/*
 * html.h - the HTML writer: escaping by construction.
 *
 * Text and attribute values always go through html_text() and html_attr(),
 * which escape & < > " '.  Markup goes through html_raw(), a macro that
 * only compiles with a string literal: user text can never become markup.
 * URLs in attributes go through html_attr_url(), which accepts local paths
 * and http, https, mailto and tel URLs only.
 *
 * The writer also carries the request's language, so views translate with
 * T() and write translated text with html_t() (translations are escaped
 * like any text).
 */
#ifndef PASSERELLE_HTML_H
#define PASSERELLE_HTML_H

#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "web/i18n.h"

struct html {
	struct buf *out;
	struct arena *arena;
	enum i18n_lang lang;
};

/* Markup: only a string literal compiles here ("" lit "" is a syntax error
 * for anything else). */
#define html_raw(h, lit) html_raw_literal((h), "" lit "")
void html_raw_literal(struct html *h, const char *literal);
/* Escaped text; NULL writes nothing. */
void html_text(struct html *h, const char *text);
/* A number. */
void html_int(struct html *h, long long n);
/* ` name="value"`, value escaped; NULL value writes nothing. */
void html_attr(struct html *h, const char *name, const char *value);
/* ` name="url"` when url is a local path ("/...", not "//") or an http,
 * https, mailto or tel URL; ` name="#"` otherwise. */
void html_attr_url(struct html *h, const char *name, const char *url);
/* Is url safe to put in an href (see html_attr_url)? */
int html_url_is_safe(const char *url);

/* The translation of msgid in the writer's language. */
const char *html_translate(const struct html *h, const char *msgid);
#define T(h, msgid) html_translate((h), (msgid))
/* Translated and escaped text. */
void html_t(struct html *h, const char *msgid);
/* Translated message with "{}" replaced by detail, escaped. */
void html_message(struct html *h, const char *msgid, const char *detail);
/* The same as a string in the arena (for JSON and plain text). */
const char *message_format(struct arena *a, enum i18n_lang lang, const char *msgid, const char *detail);

/* Escape text into any buffer (also used by the SVG and feed writers). */
/* Markdown rendered by io/markdown.c: its HTML is built by cmark with raw
 * HTML and unsafe links removed (the one other raw output besides
 * html_raw's literals, and as visible); its headings start at h3, under
 * the page's h1 and its sections' h2. */
void html_markdown(struct html *h, const char *markdown);

void html_escape_into(struct buf *out, const char *text);

#endif
