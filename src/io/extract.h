/*
 * extract.h - the text of an attachment, for the search index.
 *
 * What is read, by type (struct filetype, from filetype_sniff()):
 *   - PDF: the text of each page (poppler), pages separated by a newline;
 *   - DOCX: word/document.xml: the text runs (<w:t>, and the text of text
 *     boxes and equations), a newline after each paragraph, a space for a
 *     tab; deleted text and field codes are left out;
 *   - PPTX: the text runs of the slides (ppt/slides/slideN.xml, in the
 *     order of N), a newline after each paragraph;
 *   - XLSX: the shared strings (xl/sharedStrings.xml), where a workbook
 *     keeps the text of its cells, one per line; numbers and formulas are
 *     left out;
 *   - ODT, ODS, ODP: content.xml: the text of paragraphs and headings
 *     (which is where OpenDocument keeps the text of cells and slides
 *     too), a newline after each, a space for <text:s/> and <text:tab/>;
 *   - plain text and CSV: the text, a byte-order mark dropped;
 *   - other types (images, legacy Office files, RTF, messages): nothing.
 * Runs of spaces, tabs and line ends become one space or one newline;
 * control characters become spaces; bytes that are not UTF-8 become
 * U+FFFD.  The result is valid UTF-8 without NUL.
 *
 * Hostile input is expected.  A zip entry is refused when it is bigger
 * than EXTRACT_MAX_ENTRY_BYTES once decompressed (declared, or actually
 * decompressed), when it is encrypted, or, over EXTRACT_RATIO_FLOOR
 * bytes, when it decompresses to more than EXTRACT_MAX_RATIO times its
 * compressed size; one document decompresses at most
 * EXTRACT_MAX_INFLATED bytes in all.  XML is parsed with no DTD (a
 * document type declaration is an error), no entity loaded or expanded,
 * no network access.  A PDF is read for EXTRACT_MAX_PDF_PAGES pages and
 * EXTRACT_MAX_PDF_SECONDS seconds at most (checked between pages: the
 * time poppler takes on one page is not bounded).
 *
 * Thread-safe: the libraries are set up once, on first use.
 */
#ifndef PASSERELLE_EXTRACT_H
#define PASSERELLE_EXTRACT_H

#include <stddef.h>

#include "base/buf.h"
#include "io/filetype.h"

/* One zip entry once decompressed. */
#define EXTRACT_MAX_ENTRY_BYTES ((size_t)20 << 20)
/* Decompressed size over compressed size, for an entry over the floor:
 * smaller entries cannot hurt, whatever their ratio. */
#define EXTRACT_MAX_RATIO 100
#define EXTRACT_RATIO_FLOOR ((size_t)1 << 20)
/* All the entries read from one document. */
#define EXTRACT_MAX_INFLATED ((size_t)100 << 20)
/* Slides read from one presentation. */
#define EXTRACT_MAX_SLIDES 2000
#define EXTRACT_MAX_PDF_PAGES 5000
#define EXTRACT_MAX_PDF_SECONDS 30

/*
 * Append at most max_bytes of the plain text of data[0..len) (type t) to
 * out, words separated by spaces and newlines, valid UTF-8, cut at a
 * character boundary when max_bytes is reached (which is no error).
 * Returns 0 (also for a type whose text is not extracted: nothing is
 * appended), or -1 with an English message in err[0..errlen) (when err
 * is not NULL) for a damaged file, an encrypted PDF, a limit passed...:
 * "the PDF is encrypted (protected by a password)", "word/document.xml,
 * line 3: XML error: ...".  On -1, out is left as it was.
 */
int extract_text(const struct filetype *t, const void *data, size_t len,
		 struct buf *out, size_t max_bytes, char *err, size_t errlen);

#endif
