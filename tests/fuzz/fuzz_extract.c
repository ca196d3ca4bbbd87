/*
 * fuzz_extract.c - libFuzzer target for what an attachment is
 * (src/io/filetype.c) and the text extracted from it (src/io/extract.c).
 *
 * The input is sniffed; when its type is allowed and its text
 * extractable, the text is extracted with a limit of 64 KiB.  An input
 * starting with '0', '1', '2' or '3' is instead one XML part (word/
 * document.xml of a DOCX, content.xml of an ODT, xl/sharedStrings.xml of
 * an XLSX, a slide of a PPTX) that the target zips into a fixed package
 * with correct checksums, so that mutations of the XML are not stopped by
 * libzip's CRC check.  Besides memory errors, leaks and hangs, it checks:
 *   - a refusal says what was detected: a non-empty string in valid
 *     UTF-8; an accepted type is one of filetype_list();
 *   - extraction returns 0 or -1; on 0 what it appended is at most the
 *     limit, valid UTF-8 without NUL, not starting or ending with a
 *     separator, and what out held before is untouched; on -1 out is as it
 *     was and the message is non-empty valid UTF-8;
 *   - for the zipped parts and text, a smaller limit gives a prefix of
 *     the same text (PDFs are read once: poppler is the slow part).
 * Inputs over 64 KiB are left alone: poppler's time grows with the size
 * of a PDF, and nothing is found in big inputs that small ones miss.
 *
 * Seeds: tests/fuzz/corpus/extract/ (a PDF with plain and with deflated
 * content, a DOCX, an ODT, a text, a CSV, one XML part of each kind), all
 * under 4 KiB, written once by a Python script (zipfile, zlib, a PDF
 * with Helvetica and its cross-reference table written by hand).
 *
 * Build and run: FUZZ_TARGETS=extract sh tests/fuzz/run.sh 30
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "base/buf.h"
#include "base/text.h"
#include "io/extract.h"
#include "io/filetype.h"

#define FUZZ_CHECK(cond)                                                      \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "fuzz_extract: check failed: %s "     \
				"(%s:%d)\n", #cond, __FILE__, __LINE__);      \
			abort();                                              \
		}                                                             \
	} while (0)

#define FUZZ_MAX_INPUT ((size_t)64 << 10)
#define FUZZ_MAX_TEXT ((size_t)64 << 10)
#define FUZZ_SMALL_TEXT ((size_t)37)

#define OOXML "application/vnd.openxmlformats-officedocument."
#define NS_TYPES "http://schemas.openxmlformats.org/package/2006/" \
	"content-types"
#define TYPES(part, type) "<Types xmlns=\"" NS_TYPES "\"><Override " \
	"PartName=\"" part "\" ContentType=\"" OOXML type "\"/></Types>"

/* The fixed packages around a fuzzed part: entries, the fuzzed one
 * given as NULL. */
struct fixed_entry {
	const char *name;
	const char *text;
};

static const struct fixed_entry docx[] = {
	{ "[Content_Types].xml",
	  TYPES("/word/document.xml", "wordprocessingml.document.main+xml") },
	{ "word/document.xml", NULL },
};
static const struct fixed_entry odt[] = {
	{ "mimetype", "application/vnd.oasis.opendocument.text" },
	{ "content.xml", NULL },
};
static const struct fixed_entry xlsx[] = {
	{ "[Content_Types].xml",
	  TYPES("/xl/workbook.xml", "spreadsheetml.sheet.main+xml") },
	{ "xl/workbook.xml", "<workbook/>" },
	{ "xl/sharedStrings.xml", NULL },
};
static const struct fixed_entry pptx[] = {
	{ "[Content_Types].xml", TYPES("/ppt/presentation.xml",
				       "presentationml.presentation.main+xml") },
	{ "ppt/presentation.xml", "<presentation/>" },
	{ "ppt/slides/slide1.xml", NULL },
	{ "ppt/slides/slide2.xml", "<sld><p><t>fin</t></p></sld>" },
};

/* Zip the package `which` ('0' to '3') with xml[0..len) as its fuzzed
 * part, every entry stored.  Returns 0 with the archive in *out, -1 if
 * libzip fails. */
static int zip_with_part(char which, const char *xml, size_t len,
			 struct buf *out)
{
	static const struct {
		const struct fixed_entry *entries;
		size_t count;
	} packages[] = {
		{ docx, sizeof(docx) / sizeof(docx[0]) },
		{ odt, sizeof(odt) / sizeof(odt[0]) },
		{ xlsx, sizeof(xlsx) / sizeof(xlsx[0]) },
		{ pptx, sizeof(pptx) / sizeof(pptx[0]) },
	};
	const struct fixed_entry *entries = packages[which - '0'].entries;
	size_t count = packages[which - '0'].count;

	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	FUZZ_CHECK(src != NULL);
	zip_source_keep(src);
	zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	FUZZ_CHECK(z != NULL);
	for (size_t i = 0; i < count; i++) {
		const char *text = entries[i].text ? entries[i].text : xml;
		size_t n = entries[i].text ? strlen(text) : len;
		zip_source_t *s = zip_source_buffer(z, text, n, 0);
		FUZZ_CHECK(s != NULL);
		zip_int64_t idx = zip_file_add(z, entries[i].name, s, 0);
		FUZZ_CHECK(idx >= 0);
		zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	int rc = zip_close(z) == 0 ? 0 : -1;
	if (rc < 0)
		zip_discard(z);
	if (rc == 0 && zip_source_open(src) == 0) {
		char chunk[4096];
		zip_int64_t n;
		while ((n = zip_source_read(src, chunk, sizeof(chunk))) > 0)
			buf_append(out, chunk, (size_t)n);
		zip_source_close(src);
	}
	zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}

static int valid_text(const char *s, size_t len)
{
	return text_utf8_valid(s, len, NULL);
}

/* Extract data as t with at most max bytes after a fixed prefix in out;
 * check what extract.h promises.  Returns the return code; the text
 * appended is out->data + prefix_len. */
static int extract_checked(const struct filetype *t, const uint8_t *data,
			   size_t size, size_t max, struct buf *out)
{
	static const char prefix[] = "before:";
	char err[512];

	buf_reset(out);
	buf_puts(out, prefix);
	memset(err, 'x', sizeof(err));
	int rc = extract_text(t, data, size, out, max, err, sizeof(err));
	FUZZ_CHECK(rc == 0 || rc == -1);
	FUZZ_CHECK(out->len >= sizeof(prefix) - 1);
	FUZZ_CHECK(memcmp(out->data, prefix, sizeof(prefix) - 1) == 0);
	FUZZ_CHECK(out->data[out->len] == '\0');
	const char *text = out->data + sizeof(prefix) - 1;
	size_t len = out->len - (sizeof(prefix) - 1);
	if (rc < 0) {
		FUZZ_CHECK(len == 0);
		FUZZ_CHECK(memchr(err, '\0', sizeof(err)) != NULL);
		FUZZ_CHECK(err[0] != '\0');
		FUZZ_CHECK(valid_text(err, strlen(err)));
		return rc;
	}
	FUZZ_CHECK(len <= max);
	FUZZ_CHECK(valid_text(text, len));
	FUZZ_CHECK(memchr(text, '\0', len) == NULL);
	if (len) {
		FUZZ_CHECK(text[0] != ' ' && text[0] != '\n');
		FUZZ_CHECK(text[len - 1] != ' ' && text[len - 1] != '\n');
	}
	return rc;
}

static void sniff_and_extract(const uint8_t *data, size_t size, int twice)
{
	const char *detected = NULL;
	const struct filetype *t = filetype_sniff(data, size, &detected);
	FUZZ_CHECK(detected != NULL);
	FUZZ_CHECK(detected[0] != '\0');
	FUZZ_CHECK(valid_text(detected, strlen(detected)));
	if (!t)
		return;

	size_t count;
	const struct filetype *list = filetype_list(&count);
	FUZZ_CHECK(t >= list && t < list + count);
	FUZZ_CHECK(filetype_by_mime(t->mime) == t);
	if (!t->extractable)
		return;

	struct buf whole = BUF_INIT, part = BUF_INIT;
	int rc = extract_checked(t, data, size, FUZZ_MAX_TEXT, &whole);
	if (twice || strcmp(t->mime, "application/pdf")) {
		int small = extract_checked(t, data, size, FUZZ_SMALL_TEXT,
					    &part);
		/* Reading stops at the limit: an error further on is not
		 * seen, but what was read is the same. */
		if (rc == 0 && small == 0)
			FUZZ_CHECK(part.len <= whole.len &&
				   memcmp(part.data, whole.data,
					  part.len) == 0);
	}
	buf_release(&whole);
	buf_release(&part);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (size > 0 && data[0] >= '0' && data[0] <= '3') {
		struct buf zipped = BUF_INIT;
		if (zip_with_part((char)data[0], (const char *)data + 1,
				  size - 1, &zipped) == 0)
			sniff_and_extract((const uint8_t *)zipped.data,
					  zipped.len, 1);
		buf_release(&zipped);
		return 0;
	}
	sniff_and_extract(data, size, 0);
	return 0;
}
