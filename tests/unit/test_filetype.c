/*
 * test_filetype.c - unit tests of what an attachment is (src/io/filetype.c)
 * and of the text extracted from it (src/io/extract.c).
 *
 * Every sample is made here: a PDF with cairo, office documents zipped
 * with libzip from XML written here, a PNG with cairo, Composite Document
 * Files (Word and Excel 97-2003, Outlook) with a small writer below, the
 * first 4 KiB of /bin/true for a program.  Only bytes are ever given:
 * filetype_sniff() takes no file name, so a PDF called "notes.docx" is a
 * PDF.
 *
 * Build and run:
 *   make build/release/tests/test_filetype && build/release/tests/test_filetype
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <zip.h>

#include "base/buf.h"
#include "base/text.h"
#include "io/extract.h"
#include "io/filetype.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" " \
	"standalone=\"yes\"?>\n"
#define OOXML "application/vnd.openxmlformats-officedocument."
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_P "http://schemas.openxmlformats.org/presentationml/2006/main"
#define NS_S "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_TYPES "http://schemas.openxmlformats.org/package/2006/" \
	"content-types"

#define PDF_SENTENCE "Compte rendu de réunion OECS"
#define PDF_PAGE2 "Deuxième page : été, garçon, cœur"
#define DOCX_SENTENCE "L’élève a reçu un prix à Noël, déjà."
#define ODT_SENTENCE "Ça coûte trop cher, dit-il à l’évêque."

/* ---- making samples ---- */

/* One entry of a zip archive: its name, its bytes (NUL-terminated text
 * when len is 0), stored rather than deflated when `stored`. */
struct entry {
	const char *name;
	const char *data;
	size_t len;
	int stored;
};

/* Zip entries[0..n), in that order, into *out. */
static void zip_entries(struct buf *out, const struct entry *entries,
			size_t n)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	for (size_t i = 0; i < n; i++) {
		size_t len = entries[i].len ? entries[i].len :
			     strlen(entries[i].data);
		zip_source_t *s = zip_source_buffer(z, entries[i].data, len,
						    0);
		assert_non_null(s);
		zip_int64_t idx = zip_file_add(z, entries[i].name, s,
					       ZIP_FL_ENC_UTF_8);
		assert_true(idx >= 0);
		if (entries[i].stored)
			assert_int_equal(zip_set_file_compression(
				z, (zip_uint64_t)idx, ZIP_CM_STORE, 0), 0);
	}
	assert_int_equal(zip_close(z), 0);

	buf_reset(out);
	assert_int_equal(zip_source_open(src), 0);
	char chunk[8192];
	zip_int64_t got;
	while ((got = zip_source_read(src, chunk, sizeof(chunk))) > 0)
		buf_append(out, chunk, (size_t)got);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
}

static cairo_status_t to_buf(void *closure, const unsigned char *data,
			     unsigned int length)
{
	buf_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* A two-page PDF: PDF_SENTENCE on the first page, PDF_PAGE2 on the
 * second. */
static void make_pdf(struct buf *out)
{
	buf_reset(out);
	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(
		to_buf, out, 595, 842);
	cairo_t *cr = cairo_create(surface);
	cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 14);
	cairo_move_to(cr, 50, 100);
	cairo_show_text(cr, PDF_SENTENCE);
	cairo_show_page(cr);
	cairo_move_to(cr, 50, 100);
	cairo_show_text(cr, PDF_PAGE2);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	assert_int_equal(cairo_surface_status(surface), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(surface);
}

static void make_png(struct buf *out)
{
	buf_reset(out);
	cairo_surface_t *surface = cairo_image_surface_create(
		CAIRO_FORMAT_ARGB32, 16, 16);
	cairo_t *cr = cairo_create(surface);
	cairo_set_source_rgb(cr, 0.2, 0.4, 0.8);
	cairo_paint(cr);
	cairo_destroy(cr);
	assert_int_equal(cairo_surface_write_to_png_stream(surface, to_buf,
							   out),
			 CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(surface);
}

static const char docx_types[] = XML_DECL "<Types xmlns=\"" NS_TYPES "\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd."
	"openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"" OOXML
	"wordprocessingml.document.main+xml\"/></Types>";
static const char docx_rels[] = XML_DECL "<Relationships xmlns=\"" NS_PKG
	"\"><Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" "
	"Target=\"word/document.xml\"/></Relationships>";

/* A Word document: DOCX_SENTENCE in runs cut mid-word, a tab, a second
 * paragraph, deleted text and a field code that are not text. */
static const char docx_document[] = XML_DECL "<w:document xmlns:w=\""
	NS_W "\"><w:body>"
	"<w:p><w:r><w:t>L’élève a re</w:t></w:r><w:r><w:t>çu un prix "
	"</w:t></w:r><w:r><w:t xml:space=\"preserve\">à Noël, </w:t>"
	"</w:r><w:r><w:t>déjà.</w:t></w:r></w:p>"
	"<w:p><w:r><w:t>Ordre</w:t><w:tab/><w:t>du jour</w:t></w:r>"
	"<w:del><w:r><w:delText>effacé</w:delText></w:r></w:del>"
	"<w:r><w:instrText> PAGE </w:instrText></w:r></w:p>"
	"<w:p/></w:body></w:document>";

/* A DOCX whose word/document.xml is `document`; `types` for
 * [Content_Types].xml (NULL: docx_types). */
static void make_docx(struct buf *out, const char *types,
		      const char *document)
{
	struct entry e[] = {
		{ "[Content_Types].xml", types ? types : docx_types, 0, 0 },
		{ "_rels/.rels", docx_rels, 0, 0 },
		{ "word/document.xml", document, 0, 0 },
	};
	zip_entries(out, e, document ? 3 : 2);
}

#define ODF_NS "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:" \
	"office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:" \
	"text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:" \
	"table:1.0\""

static const char odt_content[] = XML_DECL "<office:document-content "
	ODF_NS " office:version=\"1.2\"><office:automatic-styles/>"
	"<office:body><office:text>"
	"<text:h text:outline-level=\"1\">Réunion</text:h>"
	"<text:p>Ça coûte <text:span>trop</text:span> cher,<text:s/>dit-il "
	"à l’évêque.</text:p><text:p/>"
	"<text:p>Ligne<text:line-break/>suivante<text:tab/>fin</text:p>"
	"<text:tracked-changes><text:changed-region><text:deletion>"
	"<text:p>supprimé</text:p></text:deletion></text:changed-region>"
	"</text:tracked-changes>"
	"</office:text></office:body></office:document-content>";

static const char ods_content[] = XML_DECL "<office:document-content "
	ODF_NS "><office:body><office:spreadsheet><table:table "
	"table:name=\"Feuille1\"><table:table-row><table:table-cell>"
	"<text:p>Élu</text:p></table:table-cell><table:table-cell>"
	"<text:p>Mairie de Brest</text:p></table:table-cell>"
	"</table:table-row></table:table></office:spreadsheet></office:body>"
	"</office:document-content>";

static const char odf_manifest[] = XML_DECL "<manifest:manifest "
	"xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
	"\"/>";

/* An OpenDocument file: "mimetype" first and stored, as ODF wants. */
static void make_odf(struct buf *out, const char *mimetype,
		     const char *content)
{
	struct entry e[] = {
		{ "mimetype", mimetype, 0, 1 },
		{ "META-INF/manifest.xml", odf_manifest, 0, 0 },
		{ "content.xml", content, 0, 0 },
	};
	zip_entries(out, e, content ? 3 : 2);
}

static void make_xlsx(struct buf *out)
{
	static const char types[] = XML_DECL "<Types xmlns=\"" NS_TYPES "\">"
		"<Override PartName=\"/xl/workbook.xml\" ContentType=\""
		OOXML "spreadsheetml.sheet.main+xml\"/></Types>";
	static const char workbook[] = XML_DECL "<workbook xmlns=\"" NS_S
		"\"><sheets/></workbook>";
	static const char strings[] = XML_DECL "<sst xmlns=\"" NS_S "\">"
		"<si><t>Préfecture</t></si><si><r><t>Conseil </t></r><r>"
		"<t>général</t></r><rPh><t>ふりがな</t></rPh></si></sst>";
	struct entry e[] = {
		{ "[Content_Types].xml", types, 0, 0 },
		{ "xl/workbook.xml", workbook, 0, 0 },
		{ "xl/sharedStrings.xml", strings, 0, 0 },
	};
	zip_entries(out, e, 3);
}

static void make_pptx(struct buf *out)
{
	static const char types[] = XML_DECL "<Types xmlns=\"" NS_TYPES "\">"
		"<Override PartName=\"/ppt/presentation.xml\" ContentType=\""
		OOXML "presentationml.presentation.main+xml\"/></Types>";
	static const char presentation[] = XML_DECL "<p:presentation "
		"xmlns:p=\"" NS_P "\"/>";
#define SLIDE(text) XML_DECL "<p:sld xmlns:p=\"" NS_P "\" xmlns:a=\"" NS_A \
	"\"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>" text \
	"</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
	struct entry e[] = {
		{ "[Content_Types].xml", types, 0, 0 },
		{ "ppt/presentation.xml", presentation, 0, 0 },
		{ "ppt/slides/slide10.xml", SLIDE("dixième"), 0, 0 },
		{ "ppt/slides/slide2.xml", SLIDE("deuxième"), 0, 0 },
		{ "ppt/slides/slide1.xml", SLIDE("première"), 0, 0 },
		{ "ppt/slides/_rels/slide1.xml.rels", docx_rels, 0, 0 },
	};
#undef SLIDE
	zip_entries(out, e, 6);
}

static void put_le(unsigned char *p, uint32_t v, size_t bytes)
{
	for (size_t i = 0; i < bytes; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/*
 * A Composite Document File (the container of Office 97-2003 files):
 * version 3, 512-byte sectors, the streams named in names[0..n) (n <= 3)
 * of 4096 bytes each, so that they are in normal sectors; clsid (16
 * bytes) is the root's class, or NULL.  Sector 0 is the FAT, sector 1 the
 * directory, then the streams.
 */
static void make_cdf(struct buf *out, const char *const *names, size_t n,
		     const unsigned char *clsid)
{
	const uint32_t free_sector = 0xFFFFFFFF, end = 0xFFFFFFFE;
	size_t sectors = 3 + 8 * n;
	unsigned char *f = calloc(sectors, 512);
	assert_non_null(f);

	static const unsigned char magic[8] = { 0xD0, 0xCF, 0x11, 0xE0,
						0xA1, 0xB1, 0x1A, 0xE1 };
	memcpy(f, magic, 8);
	put_le(f + 24, 0x3E, 2);
	put_le(f + 26, 3, 2);
	put_le(f + 28, 0xFFFE, 2);
	put_le(f + 30, 9, 2);
	put_le(f + 32, 6, 2);
	put_le(f + 44, 1, 4);       /* FAT sectors */
	put_le(f + 48, 1, 4);       /* first directory sector */
	put_le(f + 56, 4096, 4);    /* mini stream cutoff */
	put_le(f + 60, end, 4);     /* no mini FAT */
	put_le(f + 68, end, 4);     /* no DIFAT sector */
	put_le(f + 76, 0, 4);       /* the FAT is sector 0 */
	for (size_t i = 1; i < 109; i++)
		put_le(f + 76 + 4 * i, free_sector, 4);

	unsigned char *fat = f + 512;
	for (size_t i = 0; i < 128; i++)
		put_le(fat + 4 * i, free_sector, 4);
	put_le(fat, 0xFFFFFFFD, 4); /* the FAT itself */
	put_le(fat + 4, end, 4);    /* the directory */
	for (size_t s = 0; s < n; s++)
		for (size_t k = 0; k < 8; k++) {
			size_t sector = 2 + 8 * s + k;
			put_le(fat + 4 * sector, k == 7 ? end :
			       (uint32_t)sector + 1, 4);
		}

	unsigned char *dir = f + 1024;
	for (size_t e = 0; e <= n; e++) {
		unsigned char *d = dir + 128 * e;
		const char *name = e == 0 ? "Root Entry" : names[e - 1];
		size_t len = strlen(name);
		for (size_t i = 0; i < len; i++)
			d[2 * i] = (unsigned char)name[i];
		put_le(d + 64, (uint32_t)(2 * len + 2), 2);
		d[66] = e == 0 ? 5 : 2; /* root storage, stream */
		d[67] = 1;              /* black */
		put_le(d + 68, free_sector, 4);
		put_le(d + 72, e > 0 && e < n ? (uint32_t)e + 1 :
		       free_sector, 4);
		put_le(d + 76, e == 0 && n ? 1 : free_sector, 4);
		if (e == 0 && clsid)
			memcpy(d + 80, clsid, 16);
		put_le(d + 116, e == 0 ? end : (uint32_t)(2 + 8 * (e - 1)), 4);
		put_le(d + 120, e == 0 ? 0 : 4096, 4);
	}
	for (size_t s = 0; s < n; s++)
		memset(f + 512 * (3 + 8 * s), 'x', 16);

	buf_reset(out);
	buf_append(out, f, sectors * 512);
	free(f);
}

/* ---- checking ---- */

/* The type sniffed from b, or NULL; *detected filled. */
static const struct filetype *sniff(const struct buf *b,
				    const char **detected)
{
	return filetype_sniff(b->data, b->len, detected);
}

static void assert_type(const struct buf *b, const char *mime,
			const char *extension)
{
	const char *detected = NULL;
	const struct filetype *t = sniff(b, &detected);
	if (!t)
		fail_msg("refused (libmagic: %s), expected %s", detected, mime);
	assert_string_equal(t->mime, mime);
	assert_string_equal(t->extension, extension);
	assert_non_null(detected);
}

static void assert_refused(const char *data, size_t len, const char *want)
{
	const char *detected = NULL;
	const struct filetype *t = filetype_sniff(data, len, &detected);
	if (t)
		fail_msg("accepted as %s, expected refused as %s", t->mime,
			 want);
	assert_non_null(detected);
	if (want)
		assert_string_equal(detected, want);
}

/* The text extracted from b as type `mime`, max bytes, in *out; the
 * return code. */
static int extract(const struct buf *b, const char *mime, size_t max,
		   struct buf *out, char *err, size_t errlen)
{
	const struct filetype *t = filetype_by_mime(mime);
	assert_non_null(t);
	buf_reset(out);
	return extract_text(t, b->data, b->len, out, max, err, errlen);
}

/* Extract b as `mime` with every max from 0 to its whole text: always
 * valid UTF-8, within max, a prefix of the whole text (but for a space
 * that ends it). */
static void assert_cut_well(const struct buf *b, const char *mime)
{
	struct buf whole = BUF_INIT, cut = BUF_INIT;
	char err[256];
	assert_int_equal(extract(b, mime, SIZE_MAX, &whole, err, sizeof(err)),
			 0);
	assert_true(whole.len > 0);
	for (size_t max = 0; max <= whole.len + 2; max++) {
		assert_int_equal(extract(b, mime, max, &cut, err, sizeof(err)),
				 0);
		assert_true(cut.len <= max);
		assert_true(text_utf8_valid(cut.data ? cut.data : "",
					    cut.len, NULL));
		assert_true(cut.len == 0 ||
			    memcmp(cut.data, whole.data, cut.len) == 0);
		/* Nothing lost but what max did not let in. */
		assert_true(cut.len + 4 > (max < whole.len ? max : whole.len));
	}
	buf_release(&whole);
	buf_release(&cut);
}

/* ---- what a file is ---- */

static void test_documents_accepted(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;

	make_pdf(&b);
	assert_type(&b, "application/pdf", "pdf");
	make_docx(&b, NULL, docx_document);
	assert_type(&b, OOXML "wordprocessingml.document", "docx");
	make_xlsx(&b);
	assert_type(&b, OOXML "spreadsheetml.sheet", "xlsx");
	make_pptx(&b);
	assert_type(&b, OOXML "presentationml.presentation", "pptx");
	make_odf(&b, "application/vnd.oasis.opendocument.text", odt_content);
	assert_type(&b, "application/vnd.oasis.opendocument.text", "odt");
	make_odf(&b, "application/vnd.oasis.opendocument.spreadsheet",
		 ods_content);
	assert_type(&b, "application/vnd.oasis.opendocument.spreadsheet",
		    "ods");
	make_odf(&b, "application/vnd.oasis.opendocument.presentation",
		 odt_content);
	assert_type(&b, "application/vnd.oasis.opendocument.presentation",
		    "odp");

	/* Office 97-2003, by the streams libmagic looks for. */
	static const char *const word[] = { "WordDocument" };
	static const char *const excel[] = { "Workbook" };
	static const char *const excel5[] = { "Book" };
	static const char *const outlook[] = { "__substg1.0_0037001F",
					       "__properties_version1.0" };
	make_cdf(&b, word, 1, NULL);
	assert_type(&b, "application/msword", "doc");
	make_cdf(&b, excel, 1, NULL);
	assert_type(&b, "application/vnd.ms-excel", "xls");
	make_cdf(&b, excel5, 1, NULL);
	assert_type(&b, "application/vnd.ms-excel", "xls");
	make_cdf(&b, outlook, 2, NULL);
	assert_type(&b, "application/vnd.ms-outlook", "msg");

	buf_reset(&b);
	buf_puts(&b, "{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}"
		 "\\f0 R\\'e9union\\par}\n");
	assert_type(&b, "text/rtf", "rtf");
	buf_release(&b);
}

static void test_images_and_messages_accepted(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;

	make_png(&b);
	assert_type(&b, "image/png", "png");
	buf_reset(&b);
	buf_append(&b, "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01"
		   "\x00\x01\x00\x00\xFF\xD9", 22);
	assert_type(&b, "image/jpeg", "jpg");
	buf_reset(&b);
	buf_append(&b, "GIF89a\x01\x00\x01\x00\x00\x00\x00;", 13);
	assert_type(&b, "image/gif", "gif");
	buf_reset(&b);
	buf_append(&b, "RIFF\x1E\x00\x00\x00WEBPVP8 ", 16);
	for (int i = 0; i < 22; i++)
		buf_putc(&b, '\0');
	assert_type(&b, "image/webp", "webp");

	buf_reset(&b);
	buf_puts(&b, "From: Alice <alice@example.org>\nTo: bob@example.org\n"
		 "Subject: =?UTF-8?Q?R=C3=A9union?=\nDate: Mon, 1 Jan 2024 "
		 "10:00:00 +0100\nMessage-ID: <1@example.org>\n\nBonjour.\n");
	assert_type(&b, "message/rfc822", "eml");
	buf_release(&b);
}

static void test_text_accepted(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;

	buf_puts(&b, "Compte rendu de la réunion du 12 mars.\nPrésents : "
		 "Alice, Bob.\n");
	assert_type(&b, "text/plain", "txt");
	buf_reset(&b);
	buf_puts(&b, "\xEF\xBB\xBFNotes en UTF-8 avec BOM : été.\n");
	assert_type(&b, "text/plain", "txt");
	buf_reset(&b);
	buf_puts(&b, "plain ASCII, one line");
	assert_type(&b, "text/plain", "txt");

	/* CSV: commas (libmagic's own test), semicolons and tabs (ours). */
	buf_reset(&b);
	buf_puts(&b, "name,town,zip\nAlice,Paris,75001\nBob,Lyon,69001\n"
		 "Cléo,Nîmes,30000\n");
	assert_type(&b, "text/csv", "csv");
	buf_reset(&b);
	buf_puts(&b, "Nom;Ville;Code\r\nAlice;\"Paris; 1er\";75001\r\nBob;"
		 "Lyon;69001\r\n");
	assert_type(&b, "text/csv", "csv");
	buf_reset(&b);
	buf_puts(&b, "Nom\tVille\nAlice\tParis\nBob\tLyon");
	assert_type(&b, "text/csv", "csv");
	/* Not records of as many fields: text. */
	buf_reset(&b);
	buf_puts(&b, "Ordre du jour ; budget\nQuestions diverses\n");
	assert_type(&b, "text/plain", "txt");
	buf_release(&b);
}

static void test_content_not_name(void **state)
{
	(void)state;
	struct buf pdf = BUF_INIT, docx = BUF_INIT;

	/* The same bytes, whatever a caller calls them ("rapport.docx",
	 * "photo.png"): the API has no name to be misled by. */
	make_pdf(&pdf);
	make_docx(&docx, NULL, docx_document);
	for (int i = 0; i < 2; i++) {
		assert_type(&pdf, "application/pdf", "pdf");
		assert_type(&docx, OOXML "wordprocessingml.document", "docx");
	}
	/* No detected wanted: fine. */
	assert_non_null(filetype_sniff(pdf.data, pdf.len, NULL));
	buf_release(&pdf);
	buf_release(&docx);
}

static void test_dangerous_refused(void **state)
{
	(void)state;
	static const char html[] = "<!DOCTYPE html>\n<html><head><title>x"
		"</title></head><body><script>alert(1)</script></body></html>\n";
	static const char svg[] = "<?xml version=\"1.0\"?>\n<svg xmlns=\""
		"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
		"<script>alert(1)</script></svg>\n";
	static const char xml[] = "<?xml version=\"1.0\"?>\n<a><b>c</b></a>\n";
	static const char script[] = "#!/bin/sh\nrm -rf \"$HOME\"\n";
	static const char node[] = "#!/usr/bin/env node\nconsole.log(1);\n";
	static const char fragment[] = "  <img src=x onerror=alert(1)>\n"
		"une image\n";
	static const char json[] = "{\"a\": [1, 2, 3]}\n";
	static const char latin1[] = "Compte rendu de r\xE9union\n";
	static const char nul[] = "text\0with a NUL byte, which is binary";

	assert_refused(html, sizeof(html) - 1, "text/html");
	assert_refused(svg, sizeof(svg) - 1, "image/svg+xml");
	assert_refused(xml, sizeof(xml) - 1, "text/xml");
	assert_refused(script, sizeof(script) - 1, "text/x-shellscript");
	assert_refused(node, sizeof(node) - 1, "application/javascript");
	assert_refused(fragment, sizeof(fragment) - 1, "text/html");
	assert_refused(json, sizeof(json) - 1, "application/json");
	assert_refused(latin1, sizeof(latin1) - 1,
		       "text/plain; charset=unknown-8bit");
	assert_refused(nul, sizeof(nul) - 1, NULL);
	assert_refused("", 0, "application/x-empty");
	assert_refused(NULL, 0, "application/x-empty");

	/* A program: the first 4 KiB of /bin/true. */
	char elf[4096];
	FILE *f = fopen("/bin/true", "rb");
	assert_non_null(f);
	size_t n = fread(elf, 1, sizeof(elf), f);
	fclose(f);
	assert_true(n > 64);
	assert_refused(elf, n, NULL);
	/* A Windows program's header. */
	char pe[512] = "MZ";
	pe[0x3C] = 0x40;
	memcpy(pe + 0x40, "PE\0\0\x4C\x01", 6);
	assert_refused(pe, sizeof(pe), NULL);

	/* Other Composite Document Files: PowerPoint 97-2003, unknown. */
	struct buf b = BUF_INIT;
	static const char *const powerpoint[] = { "PowerPoint Document" };
	static const char *const other[] = { "Contents" };
	make_cdf(&b, powerpoint, 1, NULL);
	assert_refused(b.data, b.len, NULL);
	make_cdf(&b, other, 1, NULL);
	assert_refused(b.data, b.len, "application/x-ole-storage");
	buf_release(&b);
}

static void test_archives_refused(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	const char *detected;

	/* A plain zip with a text file. */
	struct entry plain[] = { { "notes.txt", "Bonjour\n", 0, 0 } };
	zip_entries(&b, plain, 1);
	assert_refused(b.data, b.len, "application/zip");

	/* [Content_Types].xml first, but no main part declared. */
	static const char no_main[] = XML_DECL "<Types xmlns=\"" NS_TYPES
		"\"><Default Extension=\"xml\" ContentType=\"application/xml\""
		"/></Types>";
	make_docx(&b, no_main, docx_document);
	assert_null(sniff(&b, &detected));
	assert_string_equal(detected, "application/zip");

	/* Declared, but word/document.xml is missing. */
	make_docx(&b, NULL, NULL);
	assert_null(sniff(&b, &detected));

	/* Macro-enabled: another content type. */
	static const char macros[] = XML_DECL "<Types xmlns=\"" NS_TYPES
		"\"><Override PartName=\"/word/document.xml\" ContentType=\""
		"application/vnd.ms-word.document.macroEnabled.main+xml\"/>"
		"</Types>";
	make_docx(&b, macros, docx_document);
	assert_null(sniff(&b, &detected));

	/* A DTD in [Content_Types].xml. */
	static const char dtd[] = XML_DECL "<!DOCTYPE Types [<!ENTITY x "
		"\"y\">]><Types xmlns=\"" NS_TYPES "\"><Override PartName=\""
		"/word/document.xml\" ContentType=\"" OOXML
		"wordprocessingml.document.main+xml\"/></Types>";
	make_docx(&b, dtd, docx_document);
	assert_null(sniff(&b, &detected));

	/* An OpenDocument without content.xml, or of another kind. */
	make_odf(&b, "application/vnd.oasis.opendocument.text", NULL);
	assert_null(sniff(&b, &detected));
	make_odf(&b, "application/vnd.oasis.opendocument.graphics",
		 odt_content);
	assert_null(sniff(&b, &detected));

	/* A DOCX whose entries are in an unusual order (libmagic 5.44 still
	 * knows it; when it only sees a zip, the content says DOCX). */
	struct entry reordered[] = {
		{ "word/document.xml", docx_document, 0, 0 },
		{ "_rels/.rels", docx_rels, 0, 0 },
		{ "[Content_Types].xml", docx_types, 0, 0 },
	};
	zip_entries(&b, reordered, 3);
	assert_type(&b, OOXML "wordprocessingml.document", "docx");
	/* Without _rels/.rels, libmagic says application/zip: the content
	 * is what decides. */
	struct entry bare[] = {
		{ "[Content_Types].xml", docx_types, 0, 0 },
		{ "word/document.xml", docx_document, 0, 0 },
	};
	zip_entries(&b, bare, 2);
	assert_type(&b, OOXML "wordprocessingml.document", "docx");

	/* A truncated archive. */
	make_docx(&b, NULL, docx_document);
	assert_null(filetype_sniff(b.data, b.len / 2, &detected));

	/* gzip. */
	static const char gz[] = "\x1F\x8B\x08\x00\x00\x00\x00\x00\x00\x03"
		"\xCB\x48\xCD\xC9\xC9\x07\x00\x86\xA6\x10\x36\x05\x00\x00\x00";
	assert_refused(gz, sizeof(gz) - 1, NULL);
	buf_release(&b);
}

static void test_list(void **state)
{
	(void)state;
	size_t count = 0;
	const struct filetype *list = filetype_list(&count);
	assert_int_equal(count, 18);
	for (size_t i = 0; i < count; i++) {
		assert_non_null(list[i].mime);
		assert_non_null(list[i].extension);
		assert_non_null(list[i].label);
		assert_ptr_equal(filetype_by_mime(list[i].mime), &list[i]);
	}
	assert_null(filetype_by_mime("text/html"));
	assert_null(filetype_by_mime(NULL));
	assert_true(filetype_by_mime("application/pdf")->extractable);
	assert_false(filetype_by_mime("image/png")->extractable);
}

/* ---- the text of a file ---- */

static void test_extract_pdf(void **state)
{
	(void)state;
	struct buf pdf = BUF_INIT, out = BUF_INIT;
	char err[256];

	make_pdf(&pdf);
	assert_int_equal(extract(&pdf, "application/pdf", 65536, &out, err,
				 sizeof(err)), 0);
	assert_non_null(strstr(buf_str(&out), PDF_SENTENCE));
	assert_non_null(strstr(buf_str(&out), PDF_PAGE2));
	assert_true(text_utf8_valid(out.data, out.len, NULL));
	assert_cut_well(&pdf, "application/pdf");

	/* Appended after what out holds. */
	buf_reset(&out);
	buf_puts(&out, "before|");
	assert_int_equal(extract_text(filetype_by_mime("application/pdf"),
				      pdf.data, pdf.len, &out, 65536, NULL, 0),
			 0);
	assert_int_equal(strncmp(buf_str(&out), "before|Compte", 13), 0);

	/* Truncated: an error, out as it was. */
	for (size_t keep = 0; keep < 4; keep++) {
		size_t len = pdf.len * (keep + 1) / 5;
		buf_reset(&out);
		buf_puts(&out, "kept");
		err[0] = '\0';
		assert_int_equal(extract_text(
			filetype_by_mime("application/pdf"), pdf.data, len,
			&out, 65536, err, sizeof(err)), -1);
		assert_string_equal(buf_str(&out), "kept");
		assert_true(err[0] != '\0');
	}
	assert_string_equal(err, "the PDF is truncated (it does not end with "
			    "%%EOF)");

	/* Damaged beyond repair, though it ends well. */
	struct buf bad = BUF_INIT;
	buf_puts(&bad, "%PDF-1.4\nnothing here at all\n%%EOF\n");
	assert_int_equal(extract(&bad, "application/pdf", 65536, &out, err,
				 sizeof(err)), -1);
	assert_int_equal(strncmp(err, "damaged PDF: ", 13), 0);
	assert_int_equal(out.len, 0);
	buf_release(&bad);
	buf_release(&pdf);
	buf_release(&out);
}

static void test_extract_docx(void **state)
{
	(void)state;
	struct buf b = BUF_INIT, out = BUF_INIT;
	char err[256];

	make_docx(&b, NULL, docx_document);
	assert_int_equal(extract(&b, OOXML "wordprocessingml.document", 65536,
				 &out, err, sizeof(err)), 0);
	assert_string_equal(buf_str(&out), DOCX_SENTENCE "\nOrdre du jour");
	assert_cut_well(&b, OOXML "wordprocessingml.document");

	/* XXE: a DTD is refused, nothing is read from elsewhere. */
	static const char xxe[] = XML_DECL "<!DOCTYPE w:document [<!ENTITY "
		"x SYSTEM \"file:///etc/passwd\">]><w:document xmlns:w=\"" NS_W
		"\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body>"
		"</w:document>";
	make_docx(&b, NULL, xxe);
	assert_int_equal(extract(&b, OOXML "wordprocessingml.document", 65536,
				 &out, err, sizeof(err)), -1);
	assert_null(strstr(buf_str(&out), "root"));
	assert_int_equal(out.len, 0);
	assert_int_equal(strncmp(err, "word/document.xml, line ", 24), 0);

	/* Malformed XML. */
	make_docx(&b, NULL, XML_DECL "<w:document xmlns:w=\"" NS_W "\"><w:p>"
		  "<w:t>unclosed</w:p>");
	assert_int_equal(extract(&b, OOXML "wordprocessingml.document", 65536,
				 &out, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "XML error"));

	/* Missing part. */
	make_docx(&b, NULL, NULL);
	assert_int_equal(extract(&b, OOXML "wordprocessingml.document", 65536,
				 &out, err, sizeof(err)), -1);
	assert_string_equal(err, "word/document.xml is missing from the "
			    "archive");

	/* Not a zip at all. */
	buf_reset(&b);
	buf_puts(&b, "plain text");
	assert_int_equal(extract(&b, OOXML "wordprocessingml.document", 65536,
				 &out, err, sizeof(err)), -1);
	assert_string_equal(err, "not a zip archive");
	buf_release(&b);
	buf_release(&out);
}

static void test_extract_odf(void **state)
{
	(void)state;
	struct buf b = BUF_INIT, out = BUF_INIT;
	char err[256];

	make_odf(&b, "application/vnd.oasis.opendocument.text", odt_content);
	assert_int_equal(extract(&b, "application/vnd.oasis.opendocument.text",
				 65536, &out, err, sizeof(err)), 0);
	assert_string_equal(buf_str(&out), "Réunion\n" ODT_SENTENCE
			    "\nLigne\nsuivante fin");
	assert_cut_well(&b, "application/vnd.oasis.opendocument.text");

	make_odf(&b, "application/vnd.oasis.opendocument.spreadsheet",
		 ods_content);
	assert_int_equal(extract(&b, "application/vnd.oasis.opendocument."
				 "spreadsheet", 65536, &out, err, sizeof(err)),
			 0);
	assert_string_equal(buf_str(&out), "Élu\nMairie de Brest");
	buf_release(&b);
	buf_release(&out);
}

static void test_extract_xlsx_pptx(void **state)
{
	(void)state;
	struct buf b = BUF_INIT, out = BUF_INIT;
	char err[256];

	make_xlsx(&b);
	assert_int_equal(extract(&b, OOXML "spreadsheetml.sheet", 65536, &out,
				 err, sizeof(err)), 0);
	assert_string_equal(buf_str(&out), "Préfecture\nConseil général");

	make_pptx(&b);
	assert_int_equal(extract(&b, OOXML "presentationml.presentation",
				 65536, &out, err, sizeof(err)), 0);
	assert_string_equal(buf_str(&out), "première\ndeuxième\ndixième");
	buf_release(&b);
	buf_release(&out);
}

static void test_extract_text(void **state)
{
	(void)state;
	struct buf b = BUF_INIT, out = BUF_INIT;
	char err[256];

	buf_puts(&b, "\xEF\xBB\xBF  Première   ligne\r\n\r\n\tdeuxième\x01"
		 "ligne\xC2\x85" "fin  \n");
	assert_int_equal(extract(&b, "text/plain", 65536, &out, err,
				 sizeof(err)), 0);
	assert_string_equal(buf_str(&out), "Première ligne\ndeuxième ligne "
			    "fin");
	assert_cut_well(&b, "text/plain");

	/* Invalid bytes become U+FFFD; a NUL a space. */
	buf_reset(&b);
	buf_append(&b, "caf\xE9 \xC3\x28 ok\0end \xF0\x9F\x98", 18);
	assert_int_equal(extract(&b, "text/csv", 65536, &out, err,
				 sizeof(err)), 0);
	assert_string_equal(buf_str(&out), "caf\xEF\xBF\xBD \xEF\xBF\xBD( ok "
			    "end \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_true(text_utf8_valid(out.data, out.len, NULL));
	assert_cut_well(&b, "text/csv");

	/* Types whose text is not read: nothing, no error. */
	make_png(&b);
	assert_int_equal(extract(&b, "image/png", 65536, &out, err,
				 sizeof(err)), 0);
	assert_int_equal(out.len, 0);
	buf_release(&b);
	buf_release(&out);
}

/* Patch the uncompressed size of `name` in the central directory. */
static void patch_declared_size(struct buf *x, const char *name,
				uint32_t size)
{
	size_t n = strlen(name);
	for (size_t i = 0; i + 46 + n <= x->len; i++) {
		unsigned char *h = (unsigned char *)x->data + i;
		if (memcmp(h, "PK\x01\x02", 4) || h[28] != (n & 0xFF) ||
		    h[29] != (n >> 8) || memcmp(h + 46, name, n))
			continue;
		put_le(h + 24, size, 4);
		return;
	}
	fail_msg("no central directory entry for %s", name);
}

static void test_extract_zip_bombs(void **state)
{
	(void)state;
	struct buf b = BUF_INIT, out = BUF_INIT, xml = BUF_INIT;
	const char *docx = OOXML "wordprocessingml.document";
	char err[256];

	/* 21 MiB once decompressed: refused before reading. */
	buf_puts(&xml, XML_DECL "<w:document xmlns:w=\"" NS_W "\"><w:body>"
		 "<w:p><w:r><w:t>");
	while (xml.len < ((size_t)21 << 20))
		buf_puts(&xml, "bombe bombe bombe bombe bombe bombe bombe ");
	buf_puts(&xml, "</w:t></w:r></w:p></w:body></w:document>");
	make_docx(&b, NULL, xml.data);
	assert_int_equal(extract(&b, docx, 65536, &out, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "over the limit of 20 MiB"));

	/* 2 MiB from a few kilobytes: over the ratio. */
	xml.len = (size_t)2 << 20;
	buf_puts(&xml, "</w:t></w:r></w:p></w:body></w:document>");
	make_docx(&b, NULL, xml.data);
	assert_int_equal(extract(&b, docx, 65536, &out, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "a zip bomb"));

	/* Said to be small, but more comes out. */
	make_docx(&b, NULL, docx_document);
	patch_declared_size(&b, "word/document.xml", 100);
	assert_int_equal(extract(&b, docx, 65536, &out, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "decompresses to more than its declared "
			       "size"));
	assert_int_equal(out.len, 0);

	/* Damaged compressed data: errors, never worse. */
	make_docx(&b, NULL, docx_document);
	for (size_t i = b.len / 3; i < b.len; i += 7) {
		struct buf d = BUF_INIT;
		buf_append(&d, b.data, b.len);
		d.data[i] ^= 0x10;
		int rc = extract(&d, docx, 65536, &out, err, sizeof(err));
		assert_true(rc == 0 || rc == -1);
		assert_true(text_utf8_valid(out.data ? out.data : "", out.len,
					    NULL));
		buf_release(&d);
	}
	buf_release(&xml);
	buf_release(&b);
	buf_release(&out);
}

/*
 * For LeakSanitizer (make SAN=1), which reads it when the program starts:
 * fontconfig, which cairo's text calls in make_pdf(), loses a few hundred
 * bytes while it parses its configuration (FcInitLoadConfigAndFonts), a
 * leak of its own that FcFini() does not free.  Unused otherwise.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* One thread of test_threads: sniff and extract a PDF and a DOCX. */
static void *sniff_and_extract(void *arg)
{
	const struct buf *samples = arg;
	struct buf out = BUF_INIT;
	char *why = NULL;
	char err[256];
	for (int round = 0; round < 10 && !why; round++) {
		for (int i = 0; i < 2 && !why; i++) {
			const struct filetype *t = filetype_sniff(
				samples[i].data, samples[i].len, NULL);
			buf_reset(&out);
			if (!t)
				why = "refused";
			else if (extract_text(t, samples[i].data,
					      samples[i].len, &out, 65536, err,
					      sizeof(err)) < 0 ||
				 !strstr(buf_str(&out),
					 i ? "Noël" : "réunion"))
				why = "wrong text";
		}
	}
	buf_release(&out);
	return why;
}

/* libmagic's shared handle and the set-up of poppler, from threads that
 * start together. */
static void test_threads(void **state)
{
	(void)state;
	struct buf samples[2] = { BUF_INIT, BUF_INIT };
	make_pdf(&samples[0]);
	make_docx(&samples[1], NULL, docx_document);
	pthread_t threads[4];
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&threads[i], NULL,
						sniff_and_extract, samples),
				 0);
	for (size_t i = 0; i < 4; i++) {
		void *failed = NULL;
		assert_int_equal(pthread_join(threads[i], &failed), 0);
		if (failed)
			fail_msg("thread %zu: %s", i, (const char *)failed);
	}
	buf_release(&samples[0]);
	buf_release(&samples[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* First: the threads meet libmagic and poppler unopened. */
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_documents_accepted),
		cmocka_unit_test(test_images_and_messages_accepted),
		cmocka_unit_test(test_text_accepted),
		cmocka_unit_test(test_content_not_name),
		cmocka_unit_test(test_dangerous_refused),
		cmocka_unit_test(test_archives_refused),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_extract_pdf),
		cmocka_unit_test(test_extract_docx),
		cmocka_unit_test(test_extract_odf),
		cmocka_unit_test(test_extract_xlsx_pptx),
		cmocka_unit_test(test_extract_text),
		cmocka_unit_test(test_extract_zip_bombs),
	};
	int failed = cmocka_run_group_tests_name("filetype", tests, NULL,
						 NULL);
	/* cairo's font caches, for the leak checker. */
	cairo_debug_reset_static_data();
	return failed;
}
