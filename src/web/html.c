/* html.c - see html.h. */
#include "web/html.h"

#include "io/markdown.h"

#include <string.h>
#include <strings.h>

void html_escape_into(struct buf *out, const char *text)
{
	const char *p = text, *run = text;
	for (; *p; p++) {
		const char *rep;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(out, run, (size_t)(p - run));
		buf_puts(out, rep);
		run = p + 1;
	}
	buf_append(out, run, (size_t)(p - run));
}

void html_raw_literal(struct html *h, const char *literal)
{
	buf_puts(h->out, literal);
}

void html_text(struct html *h, const char *text)
{
	if (text)
		html_escape_into(h->out, text);
}

void html_int(struct html *h, long long n)
{
	buf_printf(h->out, "%lld", n);
}

void html_attr(struct html *h, const char *name, const char *value)
{
	if (!value)
		return;
	buf_putc(h->out, ' ');
	buf_puts(h->out, name); /* names are literals of the views */
	buf_puts(h->out, "=\"");
	html_escape_into(h->out, value);
	buf_putc(h->out, '"');
}

int html_url_is_safe(const char *url)
{
	if (!url)
		return 0;
	/* Browsers drop tabs and line breaks from URLs and read "\" as "/":
	 * "/\t/evil.example" would lead to another site. */
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	if (url[0] == '/' && url[1] != '/' && url[1] != '\\')
		return 1;
	if (url[0] == '?' || url[0] == '#')
		return 1;
	static const char *schemes[] = {"http://", "https://", "mailto:", "tel:"};
	for (size_t i = 0; i < sizeof(schemes) / sizeof(*schemes); i++)
		if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
			return 1;
	return 0;
}

void html_attr_url(struct html *h, const char *name, const char *url)
{
	html_attr(h, name, html_url_is_safe(url) ? url : "#");
}

const char *html_translate(const struct html *h, const char *msgid)
{
	return i18n_gettext(h->lang, msgid);
}

void html_t(struct html *h, const char *msgid)
{
	html_text(h, i18n_gettext(h->lang, msgid));
}

const char *message_format(struct arena *a, enum i18n_lang lang, const char *msgid, const char *detail)
{
	const char *m = i18n_gettext(lang, msgid);
	const char *hole = strstr(m, "{}");
	if (!hole)
		return m;
	return arena_printf(a, "%.*s%s%s", (int)(hole - m), m, detail ? detail : "", hole + 2);
}

void html_message(struct html *h, const char *msgid, const char *detail)
{
	html_text(h, message_format(h->arena, h->lang, msgid, detail));
}

void html_markdown(struct html *h, const char *markdown)
{
	if (markdown)
		markdown_to_html(h->out, markdown, strlen(markdown), 2);
}
