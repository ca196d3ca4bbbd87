/* extract.c - see extract.h. */
#include "io/extract.h"

#include <assert.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <poppler.h>
#include <zip.h>

#include "base/clock.h"
#include "base/text.h"
#include "io/zippart.h"

/* A PDF ends with %%EOF, give or take the junk some writers leave after
 * it (readers look this far back from the end). */
#define EXTRACT_PDF_EOF_WINDOW ((size_t)1024)

/* ---- set-up ---- */

static pthread_once_t extract_once = PTHREAD_ONCE_INIT;

/*
 * libxml2 must be initialised before threads use it.  poppler-glib
 * creates poppler's global parameters the first time a document is
 * opened, without a lock: a first document opened here, once, does it
 * before two threads could race to.
 */
static void extract_init(void)
{
	static const char nothing[] = "%PDF-1.4\n%%EOF\n";
	xmlInitParser();
	GBytes *bytes = g_bytes_new_static(nothing, sizeof(nothing) - 1);
	GError *error = NULL;
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL,
							       &error);
	if (doc)
		g_object_unref(doc);
	if (error)
		g_error_free(error);
	g_bytes_unref(bytes);
}

/* ---- errors ---- */

static void extract_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void extract_fail(char *err, size_t errlen, const char *fmt, ...)
{
	if (!err || errlen == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	/* A message cut to length may have cut a character. */
	size_t bad;
	if (!text_utf8_valid(err, strlen(err), &bad))
		err[bad] = '\0';
}

/* ---- the text appended ---- */

/*
 * Where the text goes: out, from its length when extraction began, for at
 * most max bytes.  Separators are written lazily so that runs collapse
 * and the text never starts with one.
 */
struct extract_sink {
	struct buf *out;
	size_t start; /* out->len before extraction */
	size_t max;   /* bytes that may be appended */
	int full;     /* max reached: stop reading */
	char last;    /* last byte appended: 0 none, ' ', '\n', or 'x' */
};

/* Room left for appending, in bytes. */
static size_t extract_room(const struct extract_sink *s)
{
	return s->max - (s->out->len - s->start);
}

/* Append the whole characters of p[0..n) that fit; full when not all. */
static void extract_put(struct extract_sink *s, const char *p, size_t n)
{
	if (s->full || n == 0)
		return;
	size_t room = extract_room(s);
	if (n > room) {
		n = room;
		while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
			n--;
		s->full = 1;
	}
	if (n == 0)
		return;
	buf_append(s->out, p, n);
	s->last = 'x';
}

/* A separator: ' ' or '\n' (which wins over a space just written). */
static void extract_separator(struct extract_sink *s, char sep)
{
	if (s->full || s->last == 0 || s->last == '\n' ||
	    (s->last == ' ' && sep == ' '))
		return;
	if (s->last == ' ') {
		s->out->data[s->out->len - 1] = '\n';
		s->last = '\n';
		return;
	}
	if (extract_room(s) == 0) {
		s->full = 1;
		return;
	}
	buf_putc(s->out, sep);
	s->last = sep;
}


/*
 * Append the text p[0..n): runs of white space become one separator
 * (a newline when they hold a line end), other control characters (C0,
 * DEL, C1) a space, bytes that are not UTF-8 U+FFFD.
 */
static void extract_text_run(struct extract_sink *s, const char *text,
			     size_t n)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i = 0;

	while (i < n && !s->full) {
		/* The longest run of characters copied as they are. */
		size_t run = i, k = 0;
		while (i < n) {
			k = text_utf8_seq(p + i, n - i);
			if (k == 0 || (k == 1 && (p[i] < 0x20 || p[i] == 0x7F ||
						  p[i] == ' ')) ||
			    (k == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0))
				break;
			i += k;
		}
		extract_put(s, text + run, i - run);
		if (i == n || s->full)
			break;
		if (k == 0) {
			extract_put(s, "\xEF\xBF\xBD", 3); /* U+FFFD */
			i++;
		} else {
			extract_separator(s, p[i] == '\n' || p[i] == '\r' ?
					  '\n' : ' ');
			i += k;
		}
	}
}

/* ---- plain text ---- */

/* Plain text or CSV: the text, without its byte-order mark.  Cannot
 * fail: what is not UTF-8 is mended. */
static int extract_plain(struct extract_sink *s, const char *data,
			 size_t len)
{
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	extract_text_run(s, data, len);
	return 0;
}

/* ---- PDF ---- */

/*
 * The text of each page of a PDF, up to the limits of pages and time.
 * A PDF that does not end with %%EOF is taken as truncated (poppler would
 * rebuild what it can of it, and index half a document as if whole).
 * Returns 0, or -1 with a message: truncated, encrypted, damaged.
 */
static int extract_pdf(struct extract_sink *s, const char *data, size_t len,
		       char *err, size_t errlen)
{
	size_t tail = len < EXTRACT_PDF_EOF_WINDOW ? len :
		      EXTRACT_PDF_EOF_WINDOW;
	if (!memmem(data + len - tail, tail, "%%EOF", 5)) {
		extract_fail(err, errlen, "the PDF is truncated (it does not "
			     "end with %%%%EOF)");
		return -1;
	}

	GBytes *bytes = g_bytes_new_static(data, len);
	GError *error = NULL;
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL,
							       &error);
	if (!doc) {
		if (error && error->domain == POPPLER_ERROR &&
		    error->code == POPPLER_ERROR_ENCRYPTED)
			extract_fail(err, errlen, "the PDF is encrypted "
				     "(protected by a password)");
		else
			extract_fail(err, errlen, "damaged PDF: %.200s",
				     error && error->message ? error->message :
				     "poppler cannot read it");
		if (error)
			g_error_free(error);
		g_bytes_unref(bytes);
		return -1;
	}

	int64_t deadline = clock_monotonic_us() +
			   (int64_t)EXTRACT_MAX_PDF_SECONDS * 1000000;
	int pages = poppler_document_get_n_pages(doc);
	for (int i = 0; i < pages && i < EXTRACT_MAX_PDF_PAGES && !s->full;
	     i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		if (!page)
			continue;
		char *text = poppler_page_get_text(page);
		if (text) {
			extract_text_run(s, text, strlen(text));
			extract_separator(s, '\n');
			g_free(text);
		}
		g_object_unref(page);
		if (clock_monotonic_us() > deadline)
			break;
	}
	g_object_unref(doc);
	g_bytes_unref(bytes);
	return 0;
}

/* ---- zip archives of XML ---- */

/* What one entry of a document may be (see extract.h). */
static const struct zippart_limits extract_entry_limits = {
	EXTRACT_MAX_ENTRY_BYTES, EXTRACT_MAX_RATIO, EXTRACT_RATIO_FLOOR,
};

/*
 * Which elements mean what in a format's XML; lists of local names
 * (namespaces are not looked at: <w:t>, <a:t> and <m:t> are all runs of
 * a Word document), NULL-terminated.
 */
struct extract_rules {
	const char *const *runs;       /* text taken only inside these;
					* NULL: all text in paragraphs */
	const char *const *paragraphs; /* followed by a newline */
	const char *const *spaces;     /* stand for a space */
	const char *const *breaks;     /* stand for a newline */
	const char *const *skipped;    /* text inside left out */
};

static const char *const extract_ooxml_runs[] = { "t", NULL };
static const char *const extract_ooxml_paragraphs[] = { "p", NULL };
static const char *const extract_ooxml_spaces[] = { "tab", NULL };
static const char *const extract_ooxml_breaks[] = { "br", "cr", NULL };
/* Text boxes are written twice: for new readers in mc:Choice, again for
 * old ones in mc:Fallback. */
static const char *const extract_ooxml_skipped[] = { "Fallback", NULL };

static const struct extract_rules extract_docx_rules = {
	extract_ooxml_runs, extract_ooxml_paragraphs, extract_ooxml_spaces,
	extract_ooxml_breaks, extract_ooxml_skipped,
};

static const char *const extract_xlsx_paragraphs[] = { "si", NULL };
static const char *const extract_xlsx_skipped[] = { "rPh", "Fallback",
						    NULL };
static const struct extract_rules extract_xlsx_rules = {
	extract_ooxml_runs, extract_xlsx_paragraphs, NULL, NULL,
	extract_xlsx_skipped,
};

static const char *const extract_odf_paragraphs[] = { "p", "h", NULL };
static const char *const extract_odf_spaces[] = { "s", "tab", NULL };
static const char *const extract_odf_breaks[] = { "line-break", NULL };
/* Deleted text, kept for tracked changes. */
static const char *const extract_odf_skipped[] = { "tracked-changes",
						   NULL };
static const struct extract_rules extract_odf_rules = {
	NULL, extract_odf_paragraphs, extract_odf_spaces, extract_odf_breaks,
	extract_odf_skipped,
};

static int extract_named(const char *const *names, const char *local)
{
	for (; names && *names; names++)
		if (!strcmp(*names, local))
			return 1;
	return 0;
}

/* The message for an error of x, the entry `name`, while it is read. */
static void extract_part_fail(const struct zippart_xml *x, const char *name,
			      char *err, size_t errlen)
{
	if (!x->xml_fault) {
		extract_fail(err, errlen, "%s", x->error);
		return;
	}
	long line = (long)x->error_line;
	if (line <= 0)
		line = xmlTextReaderGetParserLineNumber(x->reader);
	extract_fail(err, errlen, "%.60s, line %ld: %s", name, line,
		     x->error);
}

/*
 * Read the XML entry called `name` of z, appending its text as `rules`
 * say; a missing entry is an error when `required`, else nothing.
 * Returns 0 (also when the sink is full: reading stops), or -1 with a
 * message.
 */
static int extract_xml_part(struct zippart_archive *z, const char *name,
			    int required, const struct extract_rules *rules,
			    struct extract_sink *s, char *err, size_t errlen)
{
	struct zippart_xml x;
	char why[256];
	int rc = zippart_xml_open(&x, z, name, &extract_entry_limits, why,
				  sizeof(why));
	if (rc == ZIPPART_MISSING) {
		if (!required)
			return 0;
		extract_fail(err, errlen, "%s is missing from the archive",
			     name);
		return -1;
	}
	if (rc < 0) {
		extract_fail(err, errlen, "%.60s: %s", name, why);
		zippart_xml_close(&x);
		return -1;
	}

	size_t in_run = 0, in_paragraph = 0, in_skipped = 0;
	xmlTextReaderPtr xml = x.reader;
	rc = -1;
	while (!s->full) {
		int r = zippart_xml_read(&x);
		if (r == 0)
			break;
		if (r < 0) {
			extract_part_fail(&x, name, err, errlen);
			goto out;
		}
		int type = x.type;
		const char *local = "";
		if (type == XML_READER_TYPE_ELEMENT ||
		    type == XML_READER_TYPE_END_ELEMENT) {
			const xmlChar *l = xmlTextReaderConstLocalName(xml);
			local = l ? (const char *)l : "";
		}
		switch (type) {
		case XML_READER_TYPE_ELEMENT: {
			int empty = xmlTextReaderIsEmptyElement(xml) == 1;
			if (extract_named(rules->paragraphs, local)) {
				if (empty)
					extract_separator(s, '\n');
				else
					in_paragraph++;
			} else if (extract_named(rules->breaks, local)) {
				extract_separator(s, '\n');
			} else if (extract_named(rules->spaces, local)) {
				extract_separator(s, ' ');
			} else if (!empty &&
				   extract_named(rules->runs, local)) {
				in_run++;
			} else if (!empty &&
				   extract_named(rules->skipped, local)) {
				in_skipped++;
			}
			break;
		}
		case XML_READER_TYPE_END_ELEMENT:
			if (in_paragraph &&
			    extract_named(rules->paragraphs, local)) {
				in_paragraph--;
				extract_separator(s, '\n');
			} else if (in_run && extract_named(rules->runs, local)) {
				in_run--;
			} else if (in_skipped &&
				   extract_named(rules->skipped, local)) {
				in_skipped--;
			}
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: {
			if (in_skipped ||
			    (rules->runs ? !in_run : !in_paragraph))
				break;
			const char *v = (const char *)
				xmlTextReaderConstValue(xml);
			if (v)
				extract_text_run(s, v, strlen(v));
			break;
		}
		default:
			break;
		}
	}
	rc = 0;
out:
	zippart_xml_close(&x);
	return rc;
}

/* A slide: its number in its name, and its entry. */
struct extract_slide {
	unsigned long number;
	zip_uint64_t index;
};

static int extract_slide_order(const void *a, const void *b)
{
	const struct extract_slide *x = a, *y = b;
	return x->number < y->number ? -1 : x->number > y->number;
}

/* The slide number of an entry called ppt/slides/slideN.xml, or 0. */
static unsigned long extract_slide_number(const char *name)
{
	static const char prefix[] = "ppt/slides/slide";
	if (strncmp(name, prefix, sizeof(prefix) - 1))
		return 0;
	const char *p = name + sizeof(prefix) - 1;
	unsigned long n = 0;
	size_t digits = 0;
	for (; *p >= '0' && *p <= '9' && digits < 6; p++, digits++)
		n = n * 10 + (unsigned long)(*p - '0');
	return digits && !strcmp(p, ".xml") ? n : 0;
}

/* The slides of a presentation, in the order of their numbers. */
static int extract_slides(struct zippart_archive *z, struct extract_sink *s,
			  char *err, size_t errlen)
{
	zip_int64_t count = zip_get_num_entries(z->zip, 0);
	struct extract_slide *slides = NULL;
	size_t n = 0;
	int rc = 0;

	for (zip_int64_t i = 0; i < count && n < EXTRACT_MAX_SLIDES; i++) {
		const char *name = zip_get_name(z->zip, (zip_uint64_t)i,
						ZIP_FL_ENC_RAW);
		unsigned long number = name ? extract_slide_number(name) : 0;
		if (!number)
			continue;
		if (!slides) {
			slides = malloc(EXTRACT_MAX_SLIDES * sizeof(*slides));
			if (!slides) {
				extract_fail(err, errlen, "out of memory");
				return -1;
			}
		}
		slides[n++] = (struct extract_slide){ number,
						      (zip_uint64_t)i };
	}
	if (n)
		qsort(slides, n, sizeof(*slides), extract_slide_order);
	for (size_t i = 0; i < n && !s->full && rc == 0; i++) {
		const char *name = zip_get_name(z->zip, slides[i].index,
						ZIP_FL_ENC_RAW);
		rc = extract_xml_part(z, name, 1, &extract_docx_rules, s,
				      err, errlen);
	}
	free(slides);
	return rc;
}

enum extract_office {
	EXTRACT_DOCX,
	EXTRACT_XLSX,
	EXTRACT_PPTX,
	EXTRACT_ODF,
};

static int extract_office(struct extract_sink *s, enum extract_office kind,
			  const void *data, size_t len, char *err,
			  size_t errlen)
{
	struct zippart_archive z;
	char why[200];
	int rc = zippart_open(&z, data, len, EXTRACT_MAX_INFLATED, why,
			      sizeof(why));
	if (rc == ZIPPART_NOT_ZIP) {
		extract_fail(err, errlen, "not a zip archive");
		return -1;
	}
	if (rc < 0) {
		extract_fail(err, errlen, "damaged zip archive: %s", why);
		return -1;
	}

	switch (kind) {
	case EXTRACT_DOCX:
		rc = extract_xml_part(&z, "word/document.xml", 1,
				      &extract_docx_rules, s, err, errlen);
		break;
	case EXTRACT_XLSX:
		rc = extract_xml_part(&z, "xl/sharedStrings.xml", 0,
				      &extract_xlsx_rules, s, err, errlen);
		break;
	case EXTRACT_PPTX:
		rc = extract_slides(&z, s, err, errlen);
		break;
	case EXTRACT_ODF:
		rc = extract_xml_part(&z, "content.xml", 1,
				      &extract_odf_rules, s, err, errlen);
		break;
	}
	zippart_close(&z);
	return rc;
}

/* ---- the API ---- */

int extract_text(const struct filetype *t, const void *data, size_t len,
		 struct buf *out, size_t max_bytes, char *err, size_t errlen)
{
	static const struct {
		const char *mime;
		int office; /* enum extract_office, or -1 */
	} readers[] = {
		{ "application/vnd.openxmlformats-officedocument."
		  "wordprocessingml.document", EXTRACT_DOCX },
		{ "application/vnd.openxmlformats-officedocument."
		  "spreadsheetml.sheet", EXTRACT_XLSX },
		{ "application/vnd.openxmlformats-officedocument."
		  "presentationml.presentation", EXTRACT_PPTX },
		{ "application/vnd.oasis.opendocument.text", EXTRACT_ODF },
		{ "application/vnd.oasis.opendocument.spreadsheet",
		  EXTRACT_ODF },
		{ "application/vnd.oasis.opendocument.presentation",
		  EXTRACT_ODF },
	};
	struct extract_sink s = { out, out->len, max_bytes, 0, 0 };
	int rc = 0;

	assert(t && out);
	if (err && errlen)
		err[0] = '\0';
	if (!t->extractable || len == 0 || max_bytes == 0)
		return 0;
	pthread_once(&extract_once, extract_init);

	if (!strcmp(t->mime, "application/pdf")) {
		rc = extract_pdf(&s, data, len, err, errlen);
	} else if (!strcmp(t->mime, "text/plain") ||
		   !strcmp(t->mime, "text/csv")) {
		rc = extract_plain(&s, data, len);
	} else {
		for (size_t i = 0; i < sizeof(readers) / sizeof(readers[0]);
		     i++)
			if (!strcmp(t->mime, readers[i].mime))
				rc = extract_office(&s, readers[i].office,
						    data, len, err, errlen);
	}

	if (rc < 0) {
		out->len = s.start;
	} else if (s.last == ' ' || s.last == '\n') {
		/* No separator after the last word. */
		out->len--;
	}
	if (out->data)
		out->data[out->len] = '\0';
	return rc;
}
