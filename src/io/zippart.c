/* zippart.c - see zippart.h. */
#include "io/zippart.h"

#include "base/buf.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/parser.h>

/* ---- the archive ---- */

int zippart_open(struct zippart_archive *a, const void *data, size_t len,
		 size_t max_inflated, char *err, size_t errlen)
{
	int rc = 0;
	zip_error_t ze;

	memset(a, 0, sizeof(*a));
	a->max_inflated = max_inflated;
	zip_error_init(&ze);
	zip_source_t *source = zip_source_buffer_create(data, len, 0, &ze);
	if (source)
		a->zip = zip_open_from_source(source, ZIP_RDONLY, &ze);
	if (!a->zip) {
		if (source)
			zip_source_free(source);
		if (zip_error_code_zip(&ze) == ZIP_ER_NOZIP) {
			fail_message(err, errlen, "not a zip archive");
			rc = ZIPPART_NOT_ZIP;
		} else {
			rc = fail_message(err, errlen, "%s",
					  zip_error_strerror(&ze));
		}
	}
	zip_error_fini(&ze);
	return rc;
}

void zippart_close(struct zippart_archive *a)
{
	if (a->zip)
		zip_discard(a->zip);
	a->zip = NULL;
}

/* ---- one entry ---- */

/*
 * Find the entry `name` of a, check that it may be read (see zippart.h)
 * and open it into *e.  Returns 0, ZIPPART_MISSING, or ZIPPART_ERROR with
 * a message; e->file is NULL but on success.
 */
static int zippart_entry_open(struct zippart_entry *e,
			      struct zippart_archive *a, const char *name,
			      const struct zippart_limits *limits, char *err,
			      size_t errlen)
{
	memset(e, 0, sizeof(*e));
	e->archive = a;
	e->name = name;

	zip_int64_t index = zip_name_locate(a->zip, name, ZIP_FL_NOCASE);
	if (index < 0)
		return ZIPPART_MISSING;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(a->zip, (zip_uint64_t)index, 0, &st) < 0)
		return fail_message(err, errlen, "cannot read the archive: %s",
				    zip_strerror(a->zip));
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st.encryption_method != ZIP_EM_NONE)
		return fail_message(err, errlen, "the part is encrypted");
	if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
		return fail_message(err, errlen, "the archive does not say "
				    "the size of the part");
	unsigned long long size = st.size;
	if (size > limits->max_bytes)
		return fail_message(err, errlen, "the part is %llu bytes once "
				    "decompressed, over the limit of %zu MiB",
				    size, limits->max_bytes >> 20);
	if (limits->max_ratio && size > limits->ratio_floor &&
	    size / limits->max_ratio > st.comp_size)
		return fail_message(err, errlen, "the part decompresses to "
				    "more than %u times its size (%llu bytes "
				    "from %llu), a zip bomb", limits->max_ratio,
				    size, (unsigned long long)st.comp_size);
	if (size > a->max_inflated)
		return fail_message(err, errlen, "the part is %llu bytes once "
				    "decompressed, over the limit of %zu MiB "
				    "for a file", size, a->max_inflated >> 20);
	if (size > a->max_inflated - a->inflated)
		return fail_message(err, errlen, "the part is %llu bytes once "
				    "decompressed: with the %zu bytes read "
				    "before, over the limit of %zu MiB for a "
				    "file", size, a->inflated,
				    a->max_inflated >> 20);
	e->file = zip_fopen_index(a->zip, (zip_uint64_t)index, 0);
	if (!e->file)
		return fail_message(err, errlen, "cannot open the part: %s",
				    zip_strerror(a->zip));
	e->declared = st.size;
	return 0;
}

/*
 * Decompress up to n bytes of e into buffer, counting them against e's
 * declared size and its archive's limit.  Returns the bytes decompressed
 * (0 at the end), or -1 with e->error set (and again on every later
 * call).
 */
static zip_int64_t zippart_entry_read(struct zippart_entry *e, void *buffer,
				      zip_uint64_t n)
{
	struct zippart_archive *a = e->archive;

	if (e->error[0])
		return -1;
	zip_int64_t got = zip_fread(e->file, buffer, n);
	if (got < 0) {
		snprintf(e->error, sizeof(e->error),
			 "cannot decompress %.60s: %s", e->name,
			 zip_file_strerror(e->file));
		return -1;
	}
	e->inflated += (zip_uint64_t)got;
	a->inflated += (size_t)got;
	if (e->inflated > e->declared) {
		snprintf(e->error, sizeof(e->error), "%.60s "
			 "decompresses to more than its declared size",
			 e->name);
		return -1;
	}
	if (a->inflated > a->max_inflated) {
		snprintf(e->error, sizeof(e->error), "over %zu MiB "
			 "decompressed from the file, the limit",
			 a->max_inflated >> 20);
		return -1;
	}
	return got;
}

static void zippart_entry_close(struct zippart_entry *e)
{
	if (e->file)
		zip_fclose(e->file);
	e->file = NULL;
}

int zippart_read(struct zippart_archive *a, const char *name,
		 const struct zippart_limits *limits, char **data, size_t *len,
		 char *err, size_t errlen)
{
	struct zippart_entry e;
	char *text = NULL;
	size_t have = 0;

	int rc = zippart_entry_open(&e, a, name, limits, err, errlen);
	if (rc < 0)
		goto out;
	if (e.declared > SIZE_MAX - 2 ||
	    !(text = malloc((size_t)e.declared + 2))) {
		rc = fail_message(err, errlen, "out of memory");
		goto out;
	}
	/* One byte more than declared: is more coming out? */
	for (;;) {
		zip_int64_t got = zippart_entry_read(&e, text + have,
						     e.declared + 1 - have);
		if (got < 0) {
			rc = fail_message(err, errlen, "%s", e.error);
			goto out;
		}
		if (got == 0)
			break;
		have += (size_t)got;
	}
	if (have < e.declared) {
		rc = fail_message(err, errlen, "%.60s decompresses to less "
				  "than its declared size", name);
		goto out;
	}
	text[have] = '\0';
	*data = text;
	*len = have;
	text = NULL;
out:
	free(text);
	zippart_entry_close(&e);
	return rc;
}

/* ---- XML ---- */

/* The thread's generic error handler while a reader reads: silent. */
static void zippart_quiet(void *context, const char *fmt, ...)
{
	(void)context;
	(void)fmt;
}

/* A generic error handler put aside. */
struct zippart_handler {
	xmlGenericErrorFunc handler;
	void *context;
};

/*
 * Silence the thread's generic error handler, keeping it in *saved for
 * zippart_unsilence().  A threaded libxml2 (2.9) finds the thread's
 * handler through several calls each time it is read or set: around every
 * node read, a big sheet took 40% longer to read.  Where the handler is
 * kept is found once per thread instead.
 */
static void zippart_silence(struct zippart_xml *x,
			    struct zippart_handler *saved)
{
	pthread_t self = pthread_self();
	if (!x->handler_slot || !pthread_equal(x->thread, self)) {
		x->thread = self;
		x->handler_slot = &xmlGenericError;
		x->context_slot = &xmlGenericErrorContext;
	}
	saved->handler = *x->handler_slot;
	saved->context = *x->context_slot;
	*x->handler_slot = zippart_quiet;
	*x->context_slot = NULL;
}

static void zippart_unsilence(struct zippart_xml *x,
			      const struct zippart_handler *saved)
{
	*x->handler_slot = saved->handler;
	*x->context_slot = saved->context;
}

/* libxml2 input callback. */
static int zippart_xml_input(void *context, char *buffer, int len)
{
	struct zippart_xml *x = context;
	if (len <= 0)
		return x->entry.error[0] ? -1 : 0;
	return (int)zippart_entry_read(&x->entry, buffer, (zip_uint64_t)len);
}

/* libxml2 error callback: keep the first fatal error, else the first. */
static void zippart_xml_keep_error(void *context, xmlErrorPtr e)
{
	struct zippart_xml *x = context;
	if (!e || e->level < XML_ERR_ERROR)
		return;
	int fatal = e->level == XML_ERR_FATAL;
	if (x->xml_error_fatal || (x->xml_error[0] && !fatal))
		return;
	char *kept = x->xml_error;
	snprintf(kept, sizeof(x->xml_error), "%s",
		 e->message ? e->message : "malformed XML");
	size_t n = strlen(kept);
	while (n > 0 && (kept[n - 1] == '\n' || kept[n - 1] == ' '))
		kept[--n] = '\0';
	x->xml_error_fatal = fatal;
	x->xml_error_line = e->line > 0 ? (size_t)e->line : 0;
}

int zippart_xml_open(struct zippart_xml *x, struct zippart_archive *a,
		     const char *name, const struct zippart_limits *limits,
		     char *err, size_t errlen)
{
	memset(x, 0, sizeof(*x));
	int rc = zippart_entry_open(&x->entry, a, name, limits, err, errlen);
	if (rc < 0) {
		zippart_entry_close(&x->entry);
		return rc;
	}
	struct zippart_handler saved;
	zippart_silence(x, &saved);
	/* No XML_PARSE_NOENT, DTDLOAD, DTDATTR or XINCLUDE: no entity is
	 * loaded or substituted; NONET in case one day something is. */
	x->reader = xmlReaderForIO(zippart_xml_input, NULL, x, name, NULL,
				   XML_PARSE_NONET | XML_PARSE_NOERROR |
				   XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	zippart_unsilence(x, &saved);
	if (!x->reader) {
		fail_message(err, errlen, "cannot read the part: %s",
			     x->entry.error[0] ? x->entry.error :
			     "out of memory");
		zippart_entry_close(&x->entry);
		return ZIPPART_ERROR;
	}
	xmlTextReaderSetStructuredErrorHandler(x->reader,
					       zippart_xml_keep_error, x);
	return 0;
}

int zippart_xml_read(struct zippart_xml *x)
{
	assert(x->reader);
	struct zippart_handler saved;
	zippart_silence(x, &saved);
	int rc = xmlTextReaderRead(x->reader);
	zippart_unsilence(x, &saved);

	x->type = rc > 0 ? xmlTextReaderNodeType(x->reader) :
			   XML_READER_TYPE_NONE;
	if (x->type == XML_READER_TYPE_DOCUMENT_TYPE) {
		snprintf(x->error, sizeof(x->error), "XML error: a document "
			 "type declaration (DTD) is not allowed");
		x->error_line = 0;
		x->xml_fault = 1;
		return -1;
	}
	if (rc >= 0)
		return rc > 0;
	if (x->entry.error[0]) {
		snprintf(x->error, sizeof(x->error), "%s",
			 x->entry.error);
		x->error_line = 0;
		x->xml_fault = 0;
	} else {
		snprintf(x->error, sizeof(x->error), "XML error: %s",
			 x->xml_error[0] ? x->xml_error :
			 "malformed XML");
		x->error_line = x->xml_error_line;
		x->xml_fault = 1;
	}
	return -1;
}

void zippart_xml_close(struct zippart_xml *x)
{
	if (x->reader)
		xmlFreeTextReader(x->reader);
	x->reader = NULL;
	zippart_entry_close(&x->entry);
}
