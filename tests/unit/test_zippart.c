/*
 * test_zippart.c - unit tests of the entries of a zip archive read with
 * limits, whole or as XML (src/io/zippart.c).
 *
 * The archives are written here byte by byte (stored, or raw deflate
 * from zlib), so that a test can make the central directory say what it
 * likes: a declared size smaller or bigger than the data, an entry
 * flagged as encrypted.  Then:
 *   - zippart-1: what is not a zip archive, or a damaged one, is told
 *     apart from a zip archive;
 *   - zippart-2: an entry read whole, by its name in any case, NULs and
 *     all; a missing entry is no error message;
 *   - zippart-3: the limits on one entry (size, ratio over a floor) and
 *     on the archive (a part over it, a part over what is left of it),
 *     checked before anything is decompressed, with their messages;
 *   - zippart-4: a declared size that lies, an encrypted entry;
 *   - zippart-5: XML read node by node; a DTD, malformed XML,
 *     decompression errors and the archive's limit, with their messages;
 *   - zippart-6: libxml2's generic error output silenced while a reader
 *     reads, and the thread's handler put back after, on two threads.
 *
 * Build and run from the root:
 *   make build/release/tests/test_zippart && build/release/tests/test_zippart
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <zlib.h>

#include "base/buf.h"
#include "io/zippart.h"

/* ---- writing archives ---- */

/* One entry: its name, its bytes (text when len is 0), deflated or
 * stored; the uncompressed size the archive declares (0: the true one);
 * flagged as encrypted (the flag only: the bytes are plain). */
struct member {
	const char *name;
	const char *data;
	size_t len;
	int deflated;
	uint32_t declared;
	int encrypted;
};

static void put_le(struct buf *b, uint32_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		buf_putc(b, (char)((v >> (8 * i)) & 0xFF));
}

/* The raw deflate stream of data[0..len) into *out. */
static void deflate_raw(struct buf *out, const char *data, size_t len)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, -15, 8,
				      Z_DEFAULT_STRATEGY), Z_OK);
	uLong room = deflateBound(&z, (uLong)len);
	buf_reset(out);
	for (uLong i = 0; i < room; i++)
		buf_putc(out, 0);
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out->data;
	z.avail_out = (uInt)room;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	out->len = z.total_out;
	deflateEnd(&z);
}

/* The zip archive of members[0..n) into *out. */
static void write_zip(struct buf *out, const struct member *members,
		      size_t n)
{
	struct buf directory = BUF_INIT, packed = BUF_INIT;
	buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		const struct member *m = &members[i];
		size_t len = m->len ? m->len : strlen(m->data);
		if (m->deflated)
			deflate_raw(&packed, m->data, len);
		else {
			buf_reset(&packed);
			buf_append(&packed, m->data, len);
		}
		uint32_t crc = (uint32_t)crc32(0, (const Bytef *)m->data,
					       (uInt)len);
		uint32_t size = m->declared ? m->declared : (uint32_t)len;
		size_t name_len = strlen(m->name);
		uint32_t offset = (uint32_t)out->len;
		/* The fields both headers share, from "version needed". */
		struct buf common = BUF_INIT;
		put_le(&common, 20, 2);
		put_le(&common, m->encrypted ? 1 : 0, 2);
		put_le(&common, m->deflated ? 8 : 0, 2);
		put_le(&common, 0, 4); /* time and date */
		put_le(&common, crc, 4);
		put_le(&common, (uint32_t)packed.len, 4);
		put_le(&common, size, 4);
		put_le(&common, (uint32_t)name_len, 2);
		put_le(&common, 0, 2); /* extra field */

		put_le(out, 0x04034b50, 4);
		buf_append(out, common.data, common.len);
		buf_append(out, m->name, name_len);
		buf_append(out, packed.data, packed.len);

		put_le(&directory, 0x02014b50, 4);
		put_le(&directory, 20, 2); /* made by */
		buf_append(&directory, common.data, common.len);
		put_le(&directory, 0, 2); /* comment */
		put_le(&directory, 0, 2); /* disk */
		put_le(&directory, 0, 2); /* internal attributes */
		put_le(&directory, 0, 4); /* external attributes */
		put_le(&directory, offset, 4);
		buf_append(&directory, m->name, name_len);
		buf_release(&common);
	}
	uint32_t at = (uint32_t)out->len;
	buf_append(out, directory.data, directory.len);
	put_le(out, 0x06054b50, 4);
	put_le(out, 0, 2);
	put_le(out, 0, 2);
	put_le(out, (uint32_t)n, 2);
	put_le(out, (uint32_t)n, 2);
	put_le(out, (uint32_t)directory.len, 4);
	put_le(out, at, 4);
	put_le(out, 0, 2);
	buf_release(&directory);
	buf_release(&packed);
}

/* n bytes of `c`, NUL-terminated, malloc'd. */
static char *repeated(char c, size_t n)
{
	char *s = malloc(n + 1);
	assert_non_null(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static const struct zippart_limits no_limits = { SIZE_MAX, 0, 0 };

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- zippart-1: opening ---- */

static void test_open(void **state)
{
	(void)state;
	struct zippart_archive a;
	struct buf zip = BUF_INIT;
	char err[200];

	/* zippart-1.1: text. */
	static const char text[] = "Nom;Ville\r\nCoop;Basse-Terre\r\n";
	assert_int_equal(zippart_open(&a, text, sizeof(text) - 1, SIZE_MAX,
				      err, sizeof(err)), ZIPPART_NOT_ZIP);
	assert_string_equal(err, "not a zip archive");
	assert_null(a.zip);
	zippart_close(&a);

	/* zippart-1.2: a zip archive, closed twice. */
	struct member one = { "a.txt", "du texte", 0, 0, 0, 0 };
	write_zip(&zip, &one, 1);
	assert_int_equal(zippart_open(&a, zip.data, zip.len, 1000, err,
				      sizeof(err)), 0);
	assert_non_null(a.zip);
	assert_int_equal(a.inflated, 0);
	assert_int_equal(a.max_inflated, 1000);
	zippart_close(&a);
	assert_null(a.zip);
	zippart_close(&a);

	/* zippart-1.3: its central directory said to be elsewhere: libzip's
	 * reason; no message asked for. */
	zip.data[zip.len - 6] ^= 0x40;
	assert_int_equal(zippart_open(&a, zip.data, zip.len, SIZE_MAX, err,
				      sizeof(err)), ZIPPART_ERROR);
	assert_true(strlen(err) > 0);
	assert_int_equal(zippart_open(&a, zip.data, zip.len, SIZE_MAX, NULL,
				      0), ZIPPART_ERROR);
	buf_release(&zip);
}

/* ---- zippart-2: entries read whole ---- */

static void test_read_whole(void **state)
{
	(void)state;
	static const char with_nul[] = "avant\0après";
	struct member members[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.text", 0, 0,
		  0, 0 },
		{ "Dossier/Notes.TXT", with_nul, sizeof(with_nul) - 1, 1, 0,
		  0 },
	};
	struct buf zip = BUF_INIT;
	struct zippart_archive a;
	char err[200] = "";
	char *data;
	size_t len;

	write_zip(&zip, members, 2);
	assert_int_equal(zippart_open(&a, zip.data, zip.len, SIZE_MAX, err,
				      sizeof(err)), 0);

	/* zippart-2.1: stored. */
	assert_int_equal(zippart_read(&a, "mimetype", &no_limits, &data,
				      &len, err, sizeof(err)), 0);
	assert_string_equal(data, members[0].data);
	assert_int_equal(len, strlen(members[0].data));
	free(data);

	/* zippart-2.2: deflated, named in another case, a NUL inside. */
	assert_int_equal(zippart_read(&a, "dossier/notes.txt", &no_limits,
				      &data, &len, err, sizeof(err)), 0);
	assert_int_equal(len, sizeof(with_nul) - 1);
	assert_memory_equal(data, with_nul, len);
	assert_int_equal(data[len], '\0');
	free(data);
	assert_int_equal(a.inflated,
			 strlen(members[0].data) + sizeof(with_nul) - 1);

	/* zippart-2.3: missing: no message, nothing given. */
	data = NULL;
	err[0] = '\0';
	assert_int_equal(zippart_read(&a, "content.xml", &no_limits, &data,
				      &len, err, sizeof(err)),
			 ZIPPART_MISSING);
	assert_null(data);
	assert_string_equal(err, "");
	zippart_close(&a);
	buf_release(&zip);
}

/* ---- zippart-3: limits ---- */

/* Open zip, read `name` with `limits`; the status, the message in err. */
static int read_one(const struct buf *zip, size_t max_inflated,
		    const char *name, const struct zippart_limits *limits,
		    char *err, size_t errlen)
{
	struct zippart_archive a;
	char *data = NULL;
	size_t len;
	assert_int_equal(zippart_open(&a, zip->data, zip->len, max_inflated,
				      err, errlen), 0);
	int rc = zippart_read(&a, name, limits, &data, &len, err, errlen);
	assert_true(rc == 0 ? data != NULL : data == NULL);
	free(data);
	zippart_close(&a);
	return rc;
}

static void test_limits(void **state)
{
	(void)state;
	const size_t mib = (size_t)1 << 20;
	char *big = repeated('a', 2 * mib);
	struct member stored = { "big.xml", big, 0, 0, 0, 0 };
	struct member deflated = { "big.xml", big, 0, 1, 0, 0 };
	struct buf zip = BUF_INIT;
	char err[300];

	/* zippart-3.1: over the entry's limit, before reading. */
	const struct zippart_limits one_mib = { mib, 0, 0 };
	write_zip(&zip, &stored, 1);
	assert_int_equal(read_one(&zip, SIZE_MAX, "big.xml", &one_mib, err,
				  sizeof(err)), ZIPPART_ERROR);
	assert_string_equal(err, "the part is 2097152 bytes once "
			    "decompressed, over the limit of 1 MiB");

	/* zippart-3.2: over the ratio, above its floor only. */
	const struct zippart_limits ratio = { 20 * mib, 100, mib };
	const struct zippart_limits high_floor = { 20 * mib, 100, 4 * mib };
	write_zip(&zip, &deflated, 1);
	assert_int_equal(read_one(&zip, SIZE_MAX, "big.xml", &ratio, err,
				  sizeof(err)), ZIPPART_ERROR);
	assert_true(starts_with(err, "the part decompresses to more than 100 "
				"times its size (2097152 bytes from "));
	assert_non_null(strstr(err, "), a zip bomb"));
	assert_int_equal(read_one(&zip, SIZE_MAX, "big.xml", &high_floor,
				  err, sizeof(err)), 0);
	write_zip(&zip, &stored, 1);
	assert_int_equal(read_one(&zip, SIZE_MAX, "big.xml", &ratio, err,
				  sizeof(err)), 0);

	/* zippart-3.3: over the archive's limit. */
	assert_int_equal(read_one(&zip, mib, "big.xml", &no_limits, err,
				  sizeof(err)), ZIPPART_ERROR);
	assert_string_equal(err, "the part is 2097152 bytes once "
			    "decompressed, over the limit of 1 MiB for a "
			    "file");

	/* zippart-3.4: over what is left of it. */
	struct member two[] = {
		{ "one.xml", big, 0, 1, 0, 0 },
		{ "two.xml", big, 0, 1, 0, 0 },
	};
	write_zip(&zip, two, 2);
	struct zippart_archive a;
	char *data;
	size_t len;
	assert_int_equal(zippart_open(&a, zip.data, zip.len, 3 * mib, err,
				      sizeof(err)), 0);
	assert_int_equal(zippart_read(&a, "one.xml", &no_limits, &data,
				      &len, err, sizeof(err)), 0);
	free(data);
	assert_int_equal(zippart_read(&a, "two.xml", &no_limits, &data,
				      &len, err, sizeof(err)), ZIPPART_ERROR);
	assert_string_equal(err, "the part is 2097152 bytes once "
			    "decompressed: with the 2097152 bytes read "
			    "before, over the limit of 3 MiB for a file");
	zippart_close(&a);

	buf_release(&zip);
	free(big);
}

/* ---- zippart-4: lies ---- */

static void test_lies(void **state)
{
	(void)state;
	char *text = repeated('x', 5000);
	struct buf zip = BUF_INIT;
	char err[300];

	/* zippart-4.1: more comes out than declared. */
	struct member small = { "word/document.xml", text, 0, 1, 100, 0 };
	write_zip(&zip, &small, 1);
	assert_int_equal(read_one(&zip, SIZE_MAX, "word/document.xml",
				  &no_limits, err, sizeof(err)),
			 ZIPPART_ERROR);
	assert_string_equal(err, "word/document.xml decompresses to more "
			    "than its declared size");

	/* zippart-4.2: less: an error too (libzip's, or ours). */
	struct member large = { "word/document.xml", text, 0, 1, 9000, 0 };
	write_zip(&zip, &large, 1);
	assert_int_equal(read_one(&zip, SIZE_MAX, "word/document.xml",
				  &no_limits, err, sizeof(err)),
			 ZIPPART_ERROR);
	assert_non_null(strstr(err, "word/document.xml"));

	/* zippart-4.3: encrypted. */
	struct member secret = { "content.xml", "<a/>", 0, 0, 0, 1 };
	write_zip(&zip, &secret, 1);
	assert_int_equal(read_one(&zip, SIZE_MAX, "content.xml", &no_limits,
				  err, sizeof(err)), ZIPPART_ERROR);
	assert_string_equal(err, "the part is encrypted");

	buf_release(&zip);
	free(text);
}

/* ---- zippart-5: XML ---- */

/* Read the entry `name` of zip as XML to its end or its first error;
 * the last status of zippart_xml_read(), *x closed but its error kept. */
static int read_xml(const struct buf *zip, const char *name,
		    struct zippart_xml *x, size_t *elements)
{
	struct zippart_archive a;
	char err[300];
	assert_int_equal(zippart_open(&a, zip->data, zip->len, SIZE_MAX,
				      err, sizeof(err)), 0);
	assert_int_equal(zippart_xml_open(x, &a, name, &no_limits, err,
					  sizeof(err)), 0);
	int rc;
	*elements = 0;
	while ((rc = zippart_xml_read(x)) == 1)
		if (x->type == XML_READER_TYPE_ELEMENT)
			(*elements)++;
	zippart_xml_close(x);
	zippart_close(&a);
	return rc;
}

static void test_xml(void **state)
{
	(void)state;
	struct buf zip = BUF_INIT;
	struct zippart_xml x;
	size_t elements;

	/* zippart-5.1: a document, node by node. */
	struct member doc = { "Content.xml", "<?xml version=\"1.0\"?>\n"
			      "<doc><p>un</p><p>deux</p><br/></doc>", 0, 1, 0,
			      0 };
	write_zip(&zip, &doc, 1);
	struct zippart_archive a;
	char err[300];
	assert_int_equal(zippart_open(&a, zip.data, zip.len, SIZE_MAX, err,
				      sizeof(err)), 0);
	assert_int_equal(zippart_xml_open(&x, &a, "content.xml", &no_limits,
					  err, sizeof(err)), 0);
	static const struct {
		int type;
		const char *name;
	} want[] = {
		{ XML_READER_TYPE_ELEMENT, "doc" },
		{ XML_READER_TYPE_ELEMENT, "p" },
		{ XML_READER_TYPE_TEXT, "#text" },
		{ XML_READER_TYPE_END_ELEMENT, "p" },
		{ XML_READER_TYPE_ELEMENT, "p" },
		{ XML_READER_TYPE_TEXT, "#text" },
		{ XML_READER_TYPE_END_ELEMENT, "p" },
		{ XML_READER_TYPE_ELEMENT, "br" },
		{ XML_READER_TYPE_END_ELEMENT, "doc" },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(zippart_xml_read(&x), 1);
		assert_int_equal(x.type, want[i].type);
		assert_string_equal(xmlTextReaderConstName(x.reader),
				    want[i].name);
	}
	assert_int_equal(zippart_xml_read(&x), 0);
	zippart_xml_close(&x);
	zippart_xml_close(&x);
	assert_int_equal(zippart_xml_open(&x, &a, "styles.xml", &no_limits,
					  err, sizeof(err)), ZIPPART_MISSING);
	zippart_xml_close(&x);
	zippart_close(&a);

	/* zippart-5.2: a DTD, with an entity that would read a file. */
	struct member xxe = { "a.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE a "
			      "[<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
			      "<a>&x;</a>", 0, 1, 0, 0 };
	write_zip(&zip, &xxe, 1);
	assert_int_equal(read_xml(&zip, "a.xml", &x, &elements), -1);
	assert_string_equal(x.error, "XML error: a document type declaration "
			    "(DTD) is not allowed");
	assert_int_equal(x.xml_fault, 1);
	assert_int_equal(x.error_line, 0);
	assert_int_equal(elements, 0);

	/* zippart-5.3: malformed: libxml2's message and line. */
	struct member bad = { "a.xml", "<a>\n<b>\n</a>", 0, 1, 0, 0 };
	write_zip(&zip, &bad, 1);
	assert_int_equal(read_xml(&zip, "a.xml", &x, &elements), -1);
	assert_true(starts_with(x.error, "XML error: Opening and ending tag "
				"mismatch"));
	assert_int_equal(x.error_line, 3);
	assert_int_equal(x.xml_fault, 1);

	/* zippart-5.4: decompression: the entry named, no line. */
	struct buf many = BUF_INIT;
	buf_puts(&many, "<a>");
	while (many.len < ((size_t)5 << 18))
		buf_puts(&many, "<b>du texte</b>\n");
	buf_puts(&many, "</a>");
	struct member lying = { "xl/worksheets/sheet1.xml", many.data, 0, 1,
				100, 0 };
	write_zip(&zip, &lying, 1);
	assert_int_equal(read_xml(&zip, "xl/worksheets/sheet1.xml", &x,
				  &elements), -1);
	assert_string_equal(x.error, "xl/worksheets/sheet1.xml decompresses "
			    "to more than its declared size");
	assert_int_equal(x.xml_fault, 0);
	assert_int_equal(x.error_line, 0);

	/* zippart-5.5: two readers at once share the archive's limit, which
	 * each was within when opened. */
	struct member two[] = {
		{ "one.xml", many.data, 0, 1, 0, 0 },
		{ "two.xml", many.data, 0, 1, 0, 0 },
	};
	write_zip(&zip, two, 2);
	struct zippart_xml y;
	assert_int_equal(zippart_open(&a, zip.data, zip.len, (size_t)2 << 20,
				      err, sizeof(err)), 0);
	assert_int_equal(zippart_xml_open(&x, &a, "one.xml", &no_limits, err,
					  sizeof(err)), 0);
	assert_int_equal(zippart_xml_open(&y, &a, "two.xml", &no_limits, err,
					  sizeof(err)), 0);
	int rc_x, rc_y;
	do {
		rc_x = zippart_xml_read(&x);
		rc_y = zippart_xml_read(&y);
	} while (rc_x == 1 && rc_y == 1);
	struct zippart_xml *failed = rc_x < 0 ? &x : &y;
	assert_true(rc_x < 0 || rc_y < 0);
	assert_string_equal(failed->error, "over 2 MiB decompressed from the "
			    "file, the limit");
	zippart_xml_close(&x);
	zippart_xml_close(&y);
	zippart_close(&a);

	buf_release(&many);
	buf_release(&zip);
}

/* ---- zippart-6: libxml2's generic error output ---- */

/* A generic error handler counting its calls, per thread. */
static _Thread_local int generic_calls;

static void count_generic(void *context, const char *fmt, ...)
{
	(void)context;
	(void)fmt;
	generic_calls++;
}

/* UTF-16LE, with a byte-order mark, of <a>X</a> where X is a lone high
 * surrogate: libxml2's conversion fails, and says so to the generic
 * handler. */
static size_t bad_utf16(char *out)
{
	static const char ascii[] = "<a>?</a>";
	size_t n = 0;
	out[n++] = '\xFF';
	out[n++] = '\xFE';
	for (const char *p = ascii; *p; p++) {
		if (*p == '?') {
			out[n++] = '\x00';
			out[n++] = '\xD8';
		}
		out[n++] = *p == '?' ? 'b' : *p;
		out[n++] = '\0';
	}
	return n;
}

/* Read *x to its end or error on this thread: the generic handler is
 * count_generic after every read, and never called. */
static int read_quietly(struct zippart_xml *x)
{
	int rc;
	xmlSetGenericErrorFunc(NULL, count_generic);
	generic_calls = 0;
	do {
		rc = zippart_xml_read(x);
		assert_true(xmlGenericError == count_generic);
	} while (rc == 1);
	assert_int_equal(generic_calls, 0);
	xmlSetGenericErrorFunc(NULL, NULL);
	return rc;
}

static void *read_on_a_thread(void *arg)
{
	read_quietly(arg);
	return NULL;
}

static void test_generic_errors(void **state)
{
	(void)state;
	char utf16[64];
	size_t n = bad_utf16(utf16);
	struct buf zip = BUF_INIT;
	struct zippart_archive a;
	struct zippart_xml x;
	char err[300];

	/* zippart-6.1: the document does make libxml2 talk. */
	xmlSetGenericErrorFunc(NULL, count_generic);
	generic_calls = 0;
	xmlTextReaderPtr r = xmlReaderForMemory(utf16, (int)n, NULL, NULL,
						XML_PARSE_NOERROR |
						XML_PARSE_NOWARNING);
	assert_non_null(r);
	while (xmlTextReaderRead(r) == 1)
		;
	xmlFreeTextReader(r);
	assert_true(generic_calls > 0);
	xmlSetGenericErrorFunc(NULL, NULL);

	/* zippart-6.2: not through a reader, which fails with the
	 * parser's own error. */
	struct member m = { "a.xml", utf16, n, 1, 0, 0 };
	write_zip(&zip, &m, 1);
	assert_int_equal(zippart_open(&a, zip.data, zip.len, SIZE_MAX, err,
				      sizeof(err)), 0);
	assert_int_equal(zippart_xml_open(&x, &a, "a.xml", &no_limits, err,
					  sizeof(err)), 0);
	assert_int_equal(read_quietly(&x), -1);
	assert_true(starts_with(x.error, "XML error: "));
	assert_int_equal(x.xml_fault, 1);
	zippart_xml_close(&x);

	/* zippart-6.3: a reader opened on one thread, read on another. */
	assert_int_equal(zippart_xml_open(&x, &a, "a.xml", &no_limits, err,
					  sizeof(err)), 0);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, read_on_a_thread, &x), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_true(xmlGenericError != count_generic);
	assert_int_equal(x.xml_fault, 1);
	zippart_xml_close(&x);

	zippart_close(&a);
	buf_release(&zip);
}

int main(void)
{
	xmlInitParser();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_read_whole),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_lies),
		cmocka_unit_test(test_xml),
		cmocka_unit_test(test_generic_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
