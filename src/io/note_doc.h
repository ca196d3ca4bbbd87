/*
 * note_doc.h - a note (minutes, briefing note...) written in Markdown, as
 * a document to download: DOCX (Word), ODT (LibreOffice) or PDF.
 *
 * The three formats show the same thing.  At the top of the first page, a
 * block names the kind of note, its title, date, author and, when there is
 * one, who validated it; every page has a header naming the organisation
 * (and the kind of note), and a footer "Page n".  Then comes the text:
 * headings (levels 1 to 6), paragraphs with bold, italic, strikethrough,
 * inline code and links, bulleted and numbered lists nested up to five
 * levels (deeper ones are shown at the fifth), block quotes, code blocks,
 * horizontal rules and tables with a header row and the columns'
 * alignments.  Links to http:, https: and mailto: addresses are live
 * links; other destinations (relative ones mean nothing outside the site)
 * leave their text as plain text.  Images are not fetched: their
 * description stands in for them, linked to the image.
 *
 * The Markdown is read as markdown.h reads it (markdown_parse()); text
 * the policy would refuse is still written safely: raw HTML as text,
 * refused links as plain text.  Invalid UTF-8 in the text or in the meta
 * data becomes U+FFFD, and characters XML 1.0 does not allow (controls
 * but tab and line feed, U+FFFE, U+FFFF) are left out.  Meta data
 * strings are one line each (line breaks become spaces), cut to 2000
 * bytes.
 *
 * Fonts: Arial in DOCX and ODT (Liberation Sans where Arial is missing),
 * "DejaVu Sans" with Noto Sans and fontconfig's fallback in PDF, so that
 * Greek, Arabic or Chinese names show when a font has them.  A4 pages.
 * DOCX and ODT archives carry fixed dates (1980-01-01): the same note
 * gives the same bytes.
 *
 * Thread-safe: each call has its own state (Pango's and cairo's caches
 * are theirs to protect).
 */
#ifndef PASSERELLE_NOTE_DOC_H
#define PASSERELLE_NOTE_DOC_H

#include <stddef.h>

#include "base/buf.h"

struct note_doc_meta {
	const char *organization; /* the issuing organisation, shown in the header of every page */
	const char *kind_label;   /* e.g. "Compte rendu" (already translated) */
	const char *title;
	const char *date;         /* already formatted for display, e.g. "14 mars 2026" */
	const char *author;
	const char *validator;    /* NULL or "" when not validated */
	const char *lang;         /* BCP 47 language of the text: "fr", "en", "es" */
	/* translated labels, supplied by the caller: */
	const char *label_date, *label_author, *label_validator, *label_page; /* "Date", "Rédigé par", "Validé par", "Page" */
};

/*
 * Write the note markdown[0..len) with the meta data m as a whole file
 * appended to `out`: 0, or -1 with a message in err[errlen] and `out`
 * as it was.  NULL meta strings count as empty (NULL labels as the
 * English ones); a note over MARKDOWN_MAX_BYTES is refused.
 */
int note_docx_write(struct buf *out, const struct note_doc_meta *m, const char *markdown, size_t len, char *err, size_t errlen);
int note_odt_write(struct buf *out, const struct note_doc_meta *m, const char *markdown, size_t len, char *err, size_t errlen);
int note_pdf_write(struct buf *out, const struct note_doc_meta *m, const char *markdown, size_t len, char *err, size_t errlen);

#endif
