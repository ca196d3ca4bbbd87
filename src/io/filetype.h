/*
 * filetype.h - what an uploaded attachment really is, judged by its bytes,
 * never by its name nor by the type the browser sent.
 *
 * libmagic names the content (its MIME type); Passerelle accepts the
 * attachment only when that name is on a fixed allow-list (see
 * filetype_list()), and checks itself what libmagic only guesses:
 *   - an office document in a zip archive (DOCX, XLSX, PPTX, ODT, ODS,
 *     ODP) is opened: an OOXML package must declare its main part in
 *     [Content_Types].xml with the content type of a document, workbook or
 *     presentation (macro-enabled files and templates have other types and
 *     are refused) and hold that part (word/document.xml, xl/workbook.xml,
 *     ppt/presentation.xml); an OpenDocument package must start with a
 *     "mimetype" entry naming a text, spreadsheet or presentation and hold
 *     content.xml.  Any other zip archive is refused, whatever libmagic
 *     said (an office document libmagic calls "application/zip", because
 *     its entries are in an unusual order, is recognised);
 *   - text (plain text or CSV) must be UTF-8 (ASCII included; a
 *     byte-order mark is allowed) without NUL byte, and must not begin,
 *     after spaces, with '<': markup libmagic did not name (an HTML
 *     fragment, SVG, XML) that a browser could take for a page.  Plain
 *     text whose first lines are records of as many fields each, separated
 *     by ';' or tabs, is CSV (libmagic only knows commas).
 * Everything else is refused: HTML, SVG, XML, JavaScript, programs (ELF,
 * PE), shell scripts, archives, empty files, and any type not listed.
 *
 * The MIME type and the extension of an accepted type are what a download
 * of the attachment is served as, so that a browser never sees anything
 * but what was checked here.
 *
 * Thread-safe: one libmagic handle is opened on first use and shared (see
 * filetype.c for why).  When libmagic cannot load its database, every
 * file is refused.
 */
#ifndef PASSERELLE_FILETYPE_H
#define PASSERELLE_FILETYPE_H

#include <stddef.h>

struct filetype {
	const char *mime;      /* "application/pdf" */
	const char *extension; /* "pdf": the extension a download gets */
	const char *label;     /* msgid N_("PDF document") */
	int extractable;       /* text can be extracted for search */
};

/*
 * The allowed type of data[0..len), or NULL when the content is not one
 * Passerelle accepts (data may be NULL when len is 0).  When detected is
 * not NULL, *detected receives the MIME type found, for the message
 * shown with a refusal: libmagic's answer ("text/html",
 * "application/x-executable"), or what Passerelle's own checks found
 * instead when they contradict it ("application/zip" for an archive
 * libmagic took for an accepted office document that is none,
 * "text/plain; charset=unknown-8bit" for text not in UTF-8 or with a NUL
 * byte, "text/html" for text beginning with markup,
 * "application/x-empty" for no bytes, "application/octet-stream" when
 * libmagic cannot be used).  It is never NULL and points to static
 * storage: valid for the life of the process, never to be freed
 * (libmagic's own answers are copied once into a small table, as there
 * are few of them).  Also set when the type is accepted.
 */
const struct filetype *filetype_sniff(const void *data, size_t len,
				      const char **detected);

/*
 * The allowed types, for the help text of upload forms and the API
 * description: *count entries, in a fixed order (documents, text,
 * images, messages).  Static.
 */
const struct filetype *filetype_list(size_t *count);

/*
 * The allowed type whose MIME type is `mime` (as filetype_sniff() gave
 * it, stored with the attachment), or NULL.  For extracting the text of
 * an attachment later without sniffing it again.
 */
const struct filetype *filetype_by_mime(const char *mime);

#endif
