/*
 * test_note_doc.c - unit tests of the note writers (src/io/note_doc.c,
 * note_docx.c, note_odt.c, note_pdf.c).
 *
 * The main test writes one note (French with accents, a Greek and an
 * Arabic name, headings, nested lists, a table long enough to go over a
 * page, a link) as DOCX, ODT and PDF in a temporary folder, has
 * LibreOffice turn the DOCX and the ODT into PDF (one run for both), and
 * reads the three PDFs back with pdftotext -layout: each must show the
 * organisation in the header of every page, the title, the meta block
 * ("Validé par" and the name on one line), the headings, the list items,
 * the table with its header row on every page it spans, the accented
 * words exactly, the Greek name, "Page 2", and the link as a live link.
 * LibreOffice and pdftotext are test dependencies (scripts/install-deps.sh
 * test): without them the test fails.
 *
 * The other tests need no program: the packages' parts are read back with
 * libzip and parsed with libxml2 (well-formed whatever the text holds),
 * the same note gives the same bytes, hostile and deep notes are written
 * without trouble.
 *
 * Build and run: make build/release/tests/test_note_doc &&
 *   build/release/tests/test_note_doc
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <zip.h>

#include "base/buf.h"
#include "io/markdown.h"
#include "io/note_doc.h"

#define ORGANIZATION "Association Caraïbe Coopération"
#define TITLE "Comité de pilotage du 14 mars"
#define AUTHOR "Élodie Durand"
#define VALIDATOR "Jean-Noël Bévière"
#define LINK "https://example.org/dossier?id=7&v=2"

static const struct note_doc_meta meta = {
	.organization = ORGANIZATION,
	.kind_label = "Compte rendu",
	.title = TITLE,
	.date = "14 mars 2026",
	.author = AUTHOR,
	.validator = VALIDATOR,
	.lang = "fr",
	.label_date = "Date",
	.label_author = "Rédigé par",
	.label_validator = "Validé par",
	.label_page = "Page",
};

#if defined(__SANITIZE_ADDRESS__)
/*
 * fontconfig 2.14 loses a few bytes reading its configuration, once per
 * process, in the thread Pango starts to load it: not ours to fix.  The
 * suppression names the function, so stacks must go through the
 * libraries (the fast unwinder stops at the first one); any other leak,
 * through fontconfig or not, is still reported.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:FcInitLoadConfigAndFonts\n";
}
#endif

typedef int (*writer_fn)(struct buf *, const struct note_doc_meta *,
			 const char *, size_t, char *, size_t);

static char tmpdir[64];

/* The note of the main test, in buf. */
static void sample_note(struct buf *b)
{
	buf_puts(b,
		 "# Coopération régionale à Saint-Martin\n"
		 "\n"
		 "La séance est ouverte par **Mme Durand** en présence de "
		 "Νίκος Παπαδόπουλος et de محمد الأمين, *délégués*.\n"
		 "\n"
		 "## Décisions prises\n"
		 "\n"
		 "- Financement du programme Interreg\n"
		 "  - Volet maritime\n"
		 "  - Volet numérique\n"
		 "- Calendrier partagé\n"
		 "\n"
		 "1. Première étape\n"
		 "2. Deuxième étape\n"
		 "\n"
		 "Le dossier est sur [le portail](" LINK ").\n"
		 "\n"
		 "## Suivi des actions\n"
		 "\n"
		 "| Action | Responsable | Échéance |\n"
		 "|--------|-------------|---------:|\n");
	for (int i = 1; i <= 60; i++)
		buf_printf(b, "| Rédiger la synthèse n°%d | Élodie | %d avril |\n",
			   i, i % 28 + 1);
	buf_puts(b, "\nFin de la séance.\n");
}

/* ---- helpers ---- */

static void write_file(const char *name, const struct buf *b)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
	assert_int_equal(fclose(f), 0);
}

/* The whole file tmpdir/name, NUL-terminated, malloc'd. */
static char *read_file(const char *name, size_t *len)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot read %s", path);
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	buf_puts(&b, "");
	return buf_detach(&b, len);
}

/* Run a shell command in tmpdir; its exit status. */
static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	struct buf full = BUF_INIT;
	buf_printf(&full, "cd '%s' && %s", tmpdir, cmd);
	int rc = system(full.data);
	buf_release(&full);
	return rc;
}

static size_t count(const char *haystack, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(haystack, needle); p;
	     p = strstr(p + strlen(needle), needle))
		n++;
	return n;
}

/* The line of text holding `needle`, in line[size]; "" when none. */
static void line_of(const char *text, const char *needle, char *line,
		    size_t size)
{
	line[0] = '\0';
	const char *p = strstr(text, needle);
	if (!p)
		return;
	const char *start = p, *end = strchr(p, '\n');
	while (start > text && start[-1] != '\n' && start[-1] != '\f')
		start--;
	size_t n = end ? (size_t)(end - start) : strlen(start);
	snprintf(line, size, "%.*s", (int)n, start);
}

/* An entry of a zip in memory, NUL-terminated, malloc'd (NULL when
 * missing). */
static char *zip_entry(const struct buf *zipped, const char *name)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(zipped->data, zipped->len,
						     0, &ze);
	assert_non_null(src);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	assert_non_null(z);
	char *text = NULL;
	zip_file_t *f = zip_fopen(z, name, 0);
	if (f) {
		struct buf b = BUF_INIT;
		char chunk[8192];
		zip_int64_t n;
		while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0)
			buf_append(&b, chunk, (size_t)n);
		zip_fclose(f);
		buf_puts(&b, "");
		text = buf_detach(&b, NULL);
	}
	zip_close(z);
	zip_error_fini(&ze);
	return text;
}

/* Every entry of the zip is well-formed XML (but the ODT's mimetype);
 * returns the number of entries. */
static zip_int64_t zip_all_xml(const struct buf *zipped)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(zipped->data, zipped->len,
						     0, &ze);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	assert_non_null(z);
	zip_int64_t n = zip_get_num_entries(z, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
		if (strcmp(name, "mimetype") == 0)
			continue;
		char *text = zip_entry(zipped, name);
		assert_non_null(text);
		xmlDocPtr doc = xmlReadMemory(text, (int)strlen(text), name,
					      NULL, XML_PARSE_NONET |
					      XML_PARSE_NOERROR |
					      XML_PARSE_NOWARNING);
		if (!doc)
			fail_msg("%s is not well-formed XML", name);
		xmlFreeDoc(doc);
		free(text);
	}
	zip_close(z);
	zip_error_fini(&ze);
	return n;
}

static int group_setup(void **state)
{
	(void)state;
	xmlInitParser();
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_note_doc.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- tests ---- */

/* What the text of a PDF must show; `what` names the PDF. */
static void check_pdf_text(const char *what, const char *pdf_name)
{
	char txt_name[64], line[512];
	snprintf(txt_name, sizeof(txt_name), "%s.txt", pdf_name);
	if (run("pdftotext -layout '%s' '%s'", pdf_name, txt_name) != 0)
		fail_msg("%s: pdftotext failed (is poppler-utils installed?)",
			 what);
	char *text = read_file(txt_name, NULL);
	size_t pages = count(text, "\f");
	if (pages < 2)
		fail_msg("%s: %zu page(s), the table should go over a page",
			 what, pages);
	static const char *const wanted[] = {
		TITLE, "Coopération régionale à Saint-Martin",
		"Décisions prises", "Financement du programme Interreg",
		"Volet maritime", "Volet numérique", "Deuxième étape",
		"Rédiger la synthèse n°1 ", "Rédiger la synthèse n°60 ",
		"Νίκος Παπαδόπουλος", "Mme Durand", "Fin de la séance.",
		"Page 1", "Page 2",
	};
	for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++)
		if (!strstr(text, wanted[i]))
			fail_msg("%s: \"%s\" is missing from:\n%s", what,
				 wanted[i], text);
	/* The header on every page. */
	if (count(text, ORGANIZATION) != pages)
		fail_msg("%s: the organisation %zu times on %zu pages", what,
			 count(text, ORGANIZATION), pages);
	/* The table's header row on each page it spans. */
	if (count(text, "Échéance") < 2)
		fail_msg("%s: the table's header row is not repeated", what);
	line_of(text, "Validé par", line, sizeof(line));
	if (!strstr(line, VALIDATOR))
		fail_msg("%s: \"Validé par\" line: \"%s\"", what, line);
	line_of(text, "Rédigé par", line, sizeof(line));
	if (!strstr(line, AUTHOR))
		fail_msg("%s: \"Rédigé par\" line: \"%s\"", what, line);
	free(text);

	/* The link is live: a URI action in the PDF. */
	size_t len;
	char *pdf = read_file(pdf_name, &len);
	if (!memmem(pdf, len, LINK, strlen(LINK)))
		fail_msg("%s: no link to %s", what, LINK);
	free(pdf);
}

static void test_libreoffice_and_pdftotext(void **state)
{
	(void)state;
	struct buf md = BUF_INIT, docx = BUF_INIT, odt = BUF_INIT;
	struct buf pdf = BUF_INIT;
	char err[256] = "";
	sample_note(&md);
	assert_int_equal(markdown_check(md.data, md.len, NULL), 0);
	if (note_docx_write(&docx, &meta, md.data, md.len, err,
			    sizeof(err)) != 0 ||
	    note_odt_write(&odt, &meta, md.data, md.len, err,
			   sizeof(err)) != 0 ||
	    note_pdf_write(&pdf, &meta, md.data, md.len, err,
			   sizeof(err)) != 0)
		fail_msg("writing failed: %s", err);
	write_file("note_docx.docx", &docx);
	write_file("note_odt.odt", &odt);
	write_file("note_pdf.pdf", &pdf);

	if (run("command -v libreoffice >/dev/null 2>&1") != 0)
		fail_msg("libreoffice is not installed: it is a test "
			 "dependency (sh scripts/install-deps.sh test)");
	/* Its own profile and home, at most 90 s for both files. */
	int rc = run("mkdir -p home lo && HOME='%s/home' timeout 90 "
		     "libreoffice -env:UserInstallation=file://%s/profile "
		     "--headless --convert-to pdf --outdir lo note_docx.docx "
		     "note_odt.odt >lo/log 2>&1", tmpdir, tmpdir);
	if (rc != 0) {
		char *log = read_file("lo/log", NULL);
		fail_msg("libreoffice failed (%d):\n%s", rc, log);
	}
	check_pdf_text("PDF", "note_pdf.pdf");
	check_pdf_text("DOCX", "lo/note_docx.pdf");
	check_pdf_text("ODT", "lo/note_odt.pdf");

	buf_release(&md);
	buf_release(&docx);
	buf_release(&odt);
	buf_release(&pdf);
}

static void test_docx_parts(void **state)
{
	(void)state;
	struct buf md = BUF_INIT, docx = BUF_INIT, again = BUF_INIT;
	char err[256];
	sample_note(&md);
	assert_int_equal(note_docx_write(&docx, &meta, md.data, md.len, err,
					 sizeof(err)), 0);
	assert_int_equal(zip_all_xml(&docx), 10);
	char *doc = zip_entry(&docx, "word/document.xml");
	char *rels = zip_entry(&docx, "word/_rels/document.xml.rels");
	char *header = zip_entry(&docx, "word/header1.xml");
	char *numbering = zip_entry(&docx, "word/numbering.xml");
	char *styles = zip_entry(&docx, "word/styles.xml");
	char *types = zip_entry(&docx, "[Content_Types].xml");
	assert_non_null(strstr(types, "/word/numbering.xml"));
	free(types);
	assert_non_null(strstr(doc, "<w:pStyle w:val=\"Title\"/>"));
	assert_non_null(strstr(doc, "<w:pStyle w:val=\"Heading1\"/>"));
	assert_non_null(strstr(doc, "<w:pStyle w:val=\"Heading2\"/>"));
	assert_non_null(strstr(doc, "<w:ilvl w:val=\"1\"/>"));
	assert_non_null(strstr(doc, "<w:tbl>"));
	assert_non_null(strstr(doc, "<w:tblHeader/>"));
	assert_non_null(strstr(doc, "<w:hyperlink r:id=\"rId"));
	assert_non_null(strstr(doc, "<w:b/>"));
	assert_non_null(strstr(doc, "<w:i/>"));
	assert_non_null(strstr(doc, "Validé par"));
	assert_non_null(strstr(rels, "Target=\"https://example.org/dossier?"
				     "id=7&amp;v=2\" TargetMode=\"External\""));
	assert_non_null(strstr(header, ORGANIZATION));
	assert_non_null(strstr(numbering, "<w:numFmt w:val=\"bullet\"/>"));
	assert_non_null(strstr(numbering, "<w:numFmt w:val=\"decimal\"/>"));
	assert_non_null(strstr(styles, "<w:lang w:val=\"fr\"/>"));
	free(doc);
	free(rels);
	free(header);
	free(numbering);
	free(styles);

	/* The same note, the same bytes; appended after what out holds. */
	buf_puts(&again, "xyz");
	assert_int_equal(note_docx_write(&again, &meta, md.data, md.len, err,
					 sizeof(err)), 0);
	assert_int_equal(again.len, docx.len + 3);
	assert_memory_equal(again.data + 3, docx.data, docx.len);
	buf_release(&md);
	buf_release(&docx);
	buf_release(&again);
}

static void test_odt_parts(void **state)
{
	(void)state;
	static const char mimetype[] = "application/vnd.oasis.opendocument.text";
	struct buf md = BUF_INIT, odt = BUF_INIT, again = BUF_INIT;
	char err[256];
	sample_note(&md);
	assert_int_equal(note_odt_write(&odt, &meta, md.data, md.len, err,
					sizeof(err)), 0);
	/* The signature: "mimetype" first, stored, no extra field. */
	assert_true(odt.len > 38 + sizeof(mimetype));
	assert_memory_equal(odt.data, "PK\003\004", 4);
	assert_int_equal(odt.data[8] | odt.data[9] << 8, 0);
	assert_int_equal(odt.data[28] | odt.data[29] << 8, 0);
	assert_memory_equal(odt.data + 30, "mimetype", 8);
	assert_memory_equal(odt.data + 38, mimetype, sizeof(mimetype) - 1);
	assert_int_equal(zip_all_xml(&odt), 5);
	char *content = zip_entry(&odt, "content.xml");
	char *styles = zip_entry(&odt, "styles.xml");
	char *manifest = zip_entry(&odt, "META-INF/manifest.xml");
	assert_non_null(strstr(manifest, "manifest:full-path=\"content.xml\""));
	free(manifest);
	assert_non_null(strstr(content, "<text:h text:style-name=\"Heading_20_1\""
					" text:outline-level=\"1\">"));
	assert_non_null(strstr(content, "<text:list text:style-name="
					"\"Bullets\">"));
	assert_non_null(strstr(content, "<text:list text:style-name="
					"\"Numbering\">"));
	assert_non_null(strstr(content, "<table:table-header-rows>"));
	assert_non_null(strstr(content, "xlink:href=\"https://example.org/"
					"dossier?id=7&amp;v=2\""));
	assert_non_null(strstr(styles, "<style:header>"));
	assert_non_null(strstr(styles, ORGANIZATION));
	assert_non_null(strstr(styles, "fo:language=\"fr\""));
	free(content);
	free(styles);

	assert_int_equal(note_odt_write(&again, &meta, md.data, md.len, err,
					sizeof(err)), 0);
	assert_int_equal(again.len, odt.len);
	assert_memory_equal(again.data, odt.data, odt.len);
	buf_release(&md);
	buf_release(&odt);
	buf_release(&again);
}

/* Text the policy refuses or XML cannot hold, and nesting deeper than
 * the model keeps: every writer succeeds, every XML part parses. */
static void test_hostile_notes(void **state)
{
	(void)state;
	static const writer_fn writers[] = {
		note_docx_write, note_odt_write, note_pdf_write };
	struct buf md = BUF_INIT;
	buf_puts(&md, "# A \"title\" & <b>'x'</b> ]]> \x01\x02\x1f\x7f "
		 "\xC2\x85 \xEF\xBF\xBE\xEF\xBF\xBF end\n\n"
		 "<script>alert(1)</script>\n\n"
		 "[js](javascript:alert(1)) [rel](/x) [frag](#y) "
		 "![img](data:image/png;base64,AAAA) \xFF\xFE bad\n\n"
		 "    code\twith\ttabs\n    and  two  spaces\n\n"
		 "| a |\n|---|\n| 1 | 2 | 3 |\n\n");
	buf_append(&md, "nul\0byte\n\n", 11);
	for (int i = 0; i < 60; i++)
		buf_puts(&md, "> - ");
	buf_puts(&md, "deep\n\n");
	for (int i = 0; i < 40; i++) {
		for (int k = 0; k < i; k++)
			buf_puts(&md, "  ");
		buf_puts(&md, "- level\n");
	}
	buf_puts(&md, "\n- \n- | t |\n  |---|\n  | in a list |\n");
	struct note_doc_meta odd = meta;
	odd.title = "Bad \xC3 UTF-8 \x01 title";
	odd.validator = NULL;
	odd.lang = "fr\" onload=\"x";
	odd.label_page = NULL;
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++) {
		struct buf out = BUF_INIT;
		char err[256];
		if (writers[i](&out, &odd, md.data, md.len, err, sizeof(err)))
			fail_msg("writer %zu: %s", i, err);
		assert_true(out.len > 0);
		if (i < 2)
			zip_all_xml(&out);
		else
			assert_memory_equal(out.data, "%PDF-", 5);
		buf_release(&out);
	}
	/* An empty note, no meta data at all. */
	struct note_doc_meta none;
	memset(&none, 0, sizeof(none));
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++) {
		struct buf out = BUF_INIT;
		char err[256];
		assert_int_equal(writers[i](&out, &none, "", 0, err,
					    sizeof(err)), 0);
		assert_int_equal(writers[i](&out, NULL, NULL, 0, err,
					    sizeof(err)), 0);
		buf_release(&out);
	}
	buf_release(&md);
}

/* A PDF table cell taller than a page is written as paragraphs; a note
 * over the limit is refused and out left as it was. */
static void test_limits(void **state)
{
	(void)state;
	struct buf md = BUF_INIT, out = BUF_INIT;
	char err[256] = "";
	buf_puts(&md, "| Sujet | Détail |\n|---|---|\n| long | ");
	for (int i = 0; i < 1500; i++)
		buf_puts(&md, "mot ");
	buf_puts(&md, "FIN |\n");
	assert_int_equal(note_pdf_write(&out, &meta, md.data, md.len, err,
					sizeof(err)), 0);
	write_file("tall_cell.pdf", &out);
	assert_int_equal(run("pdftotext tall_cell.pdf tall_cell.txt"), 0);
	char *text = read_file("tall_cell.txt", NULL);
	assert_non_null(strstr(text, "FIN"));
	assert_non_null(strstr(text, "Détail:"));
	free(text);

	buf_reset(&md);
	while (md.len <= MARKDOWN_MAX_BYTES)
		buf_puts(&md, "Un paragraphe de plus.\n\n");
	static const writer_fn writers[] = {
		note_docx_write, note_odt_write, note_pdf_write };
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++) {
		buf_reset(&out);
		buf_puts(&out, "kept");
		err[0] = '\0';
		assert_int_equal(writers[i](&out, &meta, md.data, md.len, err,
					    sizeof(err)), -1);
		assert_string_equal(buf_str(&out), "kept");
		assert_non_null(strstr(err, "over the limit"));
	}
	buf_release(&md);
	buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_docx_parts),
		cmocka_unit_test(test_odt_parts),
		cmocka_unit_test(test_hostile_notes),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_libreoffice_and_pdftotext),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
