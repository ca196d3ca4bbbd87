/* filetype.c - see filetype.h. */
#include "io/filetype.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <magic.h>
#include <zip.h>

#include "base/text.h"
#include "io/zippart.h"
#include "model/model.h"

/* Entries of an office archive read here, whole, at most. */
#define FILETYPE_MAX_MIMETYPE_BYTES ((size_t)128)
#define FILETYPE_MAX_CONTENT_TYPES_BYTES ((size_t)1 << 20)
/* How much of a text the CSV test reads, in bytes and in records. */
#define FILETYPE_CSV_BYTES ((size_t)64 << 10)
#define FILETYPE_CSV_RECORDS 20
/* libmagic's answers kept for *detected (see filetype_intern()). */
#define FILETYPE_MAX_NAMES 128
#define FILETYPE_NAME_SIZE 96

#define OOXML_PREFIX "application/vnd.openxmlformats-officedocument."
#define ODF_PREFIX "application/vnd.oasis.opendocument."

enum {
	FILETYPE_PDF,
	FILETYPE_DOCX,
	FILETYPE_XLSX,
	FILETYPE_PPTX,
	FILETYPE_ODT,
	FILETYPE_ODS,
	FILETYPE_ODP,
	FILETYPE_DOC,
	FILETYPE_XLS,
	FILETYPE_RTF,
	FILETYPE_TEXT,
	FILETYPE_CSV,
	FILETYPE_PNG,
	FILETYPE_JPEG,
	FILETYPE_GIF,
	FILETYPE_WEBP,
	FILETYPE_EMAIL,
	FILETYPE_OUTLOOK,
	FILETYPE_COUNT
};

/*
 * The allow-list.  The MIME types are libmagic 5.44's names; for the
 * Composite Document Files of Office 97-2003, libmagic answers
 * application/msword for a Word document, application/vnd.ms-excel for a
 * workbook and application/vnd.ms-outlook for an Outlook message;
 * PowerPoint files, installers (vnd.ms-msi) and any other CDF
 * (x-ole-storage, CDFV2, vnd.ms-office) are not accepted.
 */
static const struct filetype filetype_table[FILETYPE_COUNT] = {
	[FILETYPE_PDF] = { "application/pdf", "pdf", N_("PDF document"), 1 },
	[FILETYPE_DOCX] = { OOXML_PREFIX "wordprocessingml.document", "docx",
			    N_("Word document"), 1 },
	[FILETYPE_XLSX] = { OOXML_PREFIX "spreadsheetml.sheet", "xlsx",
			    N_("Excel workbook"), 1 },
	[FILETYPE_PPTX] = { OOXML_PREFIX "presentationml.presentation",
			    "pptx", N_("PowerPoint presentation"), 1 },
	[FILETYPE_ODT] = { ODF_PREFIX "text", "odt",
			   N_("OpenDocument text"), 1 },
	[FILETYPE_ODS] = { ODF_PREFIX "spreadsheet", "ods",
			   N_("OpenDocument spreadsheet"), 1 },
	[FILETYPE_ODP] = { ODF_PREFIX "presentation", "odp",
			   N_("OpenDocument presentation"), 1 },
	[FILETYPE_DOC] = { "application/msword", "doc",
			   N_("Word 97-2003 document"), 0 },
	[FILETYPE_XLS] = { "application/vnd.ms-excel", "xls",
			   N_("Excel 97-2003 workbook"), 0 },
	[FILETYPE_RTF] = { "text/rtf", "rtf", N_("RTF document"), 0 },
	[FILETYPE_TEXT] = { "text/plain", "txt", N_("Plain text"), 1 },
	[FILETYPE_CSV] = { "text/csv", "csv", N_("CSV table"), 1 },
	[FILETYPE_PNG] = { "image/png", "png", N_("PNG image"), 0 },
	[FILETYPE_JPEG] = { "image/jpeg", "jpg", N_("JPEG image"), 0 },
	[FILETYPE_GIF] = { "image/gif", "gif", N_("GIF image"), 0 },
	[FILETYPE_WEBP] = { "image/webp", "webp", N_("WebP image"), 0 },
	[FILETYPE_EMAIL] = { "message/rfc822", "eml", N_("Email message"),
			     0 },
	[FILETYPE_OUTLOOK] = { "application/vnd.ms-outlook", "msg",
			       N_("Outlook message"), 0 },
};

/* Other names libmagic gives (other versions) to an allowed type. */
static const struct {
	const char *mime;
	int type;
} filetype_aliases[] = {
	{ "application/rtf", FILETYPE_RTF },
	{ "application/x-rtf", FILETYPE_RTF },
	{ "image/jpg", FILETYPE_JPEG },
	{ "image/pjpeg", FILETYPE_JPEG },
	{ "image/x-webp", FILETYPE_WEBP },
};

/*
 * The main part of each OOXML document type, and its content type in
 * [Content_Types].xml.  Templates and macro-enabled documents declare
 * other content types (...template.main+xml, vnd.ms-word.document.
 * macroEnabled.main+xml): they are not accepted.
 */
static const struct {
	int type;
	const char *part;
	const char *content_type;
} filetype_ooxml_main[] = {
	{ FILETYPE_DOCX, "/word/document.xml",
	  OOXML_PREFIX "wordprocessingml.document.main+xml" },
	{ FILETYPE_XLSX, "/xl/workbook.xml",
	  OOXML_PREFIX "spreadsheetml.sheet.main+xml" },
	{ FILETYPE_PPTX, "/ppt/presentation.xml",
	  OOXML_PREFIX "presentationml.presentation.main+xml" },
};

/*
 * One libmagic handle for the process, opened on first use
 * (pthread_once) and used under a mutex.  A magic_t is not thread-safe:
 * magic_buffer() writes its answer, and its state while matching, into
 * the handle.  One handle per thread would load the compiled database
 * (several megabytes, and milliseconds of parsing) in every thread of the
 * server's pool, for a call that lasts a millisecond on the rare request
 * that uploads a file: contention on the mutex costs less.  The handle
 * is never closed; it lives as long as the process.
 */
static pthread_once_t filetype_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t filetype_lock = PTHREAD_MUTEX_INITIALIZER;
static magic_t filetype_magic; /* NULL when libmagic cannot be used */

/* libmagic's answers seen so far, for *detected; under filetype_lock. */
static char filetype_names[FILETYPE_MAX_NAMES][FILETYPE_NAME_SIZE];
static size_t filetype_name_count;

static void filetype_init(void)
{
	xmlInitParser();
	magic_t m = magic_open(MAGIC_MIME_TYPE);
	if (m && magic_load(m, NULL) == 0) {
		filetype_magic = m;
		return;
	}
	fprintf(stderr, "passerelle: libmagic: %s; every attachment will be "
		"refused\n", m && magic_error(m) ? magic_error(m) :
		"cannot open its database");
	if (m)
		magic_close(m);
}

/*
 * A copy of `name` in static storage that lives as long as the process:
 * the same copy for the same name.  libmagic's MIME types come from its
 * database, a few hundred at most, so the table stays small; past its
 * size, or for a name too long, "application/octet-stream".  Called under
 * filetype_lock.
 */
static const char *filetype_intern(const char *name)
{
	for (size_t i = 0; i < filetype_name_count; i++)
		if (!strcmp(filetype_names[i], name))
			return filetype_names[i];
	if (filetype_name_count == FILETYPE_MAX_NAMES ||
	    strlen(name) >= FILETYPE_NAME_SIZE)
		return "application/octet-stream";
	char *slot = filetype_names[filetype_name_count++];
	strcpy(slot, name);
	return slot;
}

/* The allowed type libmagic's `name` means, or -1. */
static int filetype_index(const char *name)
{
	for (int i = 0; i < FILETYPE_COUNT; i++)
		if (!strcmp(filetype_table[i].mime, name))
			return i;
	for (size_t i = 0; i < sizeof(filetype_aliases) /
				   sizeof(filetype_aliases[0]); i++)
		if (!strcmp(filetype_aliases[i].mime, name))
			return filetype_aliases[i].type;
	return -1;
}

/*
 * libmagic's MIME type of data[0..len), in static storage (an allowed
 * type's own string, or an interned copy), or NULL when libmagic cannot
 * be used or fails.
 */
static const char *filetype_magic_name(const void *data, size_t len)
{
	const char *name = NULL;

	pthread_once(&filetype_once, filetype_init);
	if (!filetype_magic)
		return NULL;
	pthread_mutex_lock(&filetype_lock);
	const char *answer = magic_buffer(filetype_magic, data, len);
	if (answer) {
		int i = filetype_index(answer);
		name = i >= 0 ? filetype_table[i].mime :
			filetype_intern(answer);
	}
	pthread_mutex_unlock(&filetype_lock);
	return name;
}

/* ---- office archives ---- */

/* The OpenDocument type of z: a first entry "mimetype" naming a text,
 * spreadsheet or presentation, and a content.xml.  -1 when it is not. */
static int filetype_odf(struct zippart_archive *z)
{
	static const int types[] = { FILETYPE_ODT, FILETYPE_ODS,
				     FILETYPE_ODP };
	static const struct zippart_limits limits = {
		FILETYPE_MAX_MIMETYPE_BYTES, 0, 0,
	};
	const char *first = zip_get_name(z->zip, 0, ZIP_FL_ENC_RAW);
	if (!first || strcmp(first, "mimetype"))
		return -1;
	char *mimetype;
	size_t len;
	if (zippart_read(z, "mimetype", &limits, &mimetype, &len, NULL, 0))
		return -1;
	int type = -1;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		const char *mime = filetype_table[types[i]].mime;
		if (len == strlen(mime) && !memcmp(mimetype, mime, len))
			type = types[i];
	}
	free(mimetype);
	if (type >= 0 && zip_name_locate(z->zip, "content.xml", 0) < 0)
		type = -1;
	return type;
}

/* Copy the value of the current element's attribute `name` (local name)
 * into value[0..size); "" when absent or too long. */
static void filetype_attribute(xmlTextReaderPtr r, const char *name,
			       char *value, size_t size)
{
	value[0] = '\0';
	while (xmlTextReaderMoveToNextAttribute(r) == 1) {
		const char *local = (const char *)xmlTextReaderConstLocalName(r);
		const char *v = (const char *)xmlTextReaderConstValue(r);
		if (local && v && !strcmp(local, name) && strlen(v) < size) {
			strcpy(value, v);
			break;
		}
	}
	xmlTextReaderMoveToElement(r);
}

/*
 * The OOXML type of z: [Content_Types].xml declares exactly one main part
 * of a document, workbook or presentation, with its content type, and
 * the part is in the archive.  -1 when it is not.  The XML is parsed with
 * no DTD (refused), no entity loaded or expanded, no network.
 */
static int filetype_ooxml(struct zippart_archive *z)
{
	enum { MAINS = sizeof(filetype_ooxml_main) /
		       sizeof(filetype_ooxml_main[0]) };
	static const struct zippart_limits limits = {
		FILETYPE_MAX_CONTENT_TYPES_BYTES, 0, 0,
	};
	int declared[MAINS] = { 0 };
	struct zippart_xml x;
	if (zippart_xml_open(&x, z, "[Content_Types].xml", &limits, NULL,
			     0)) {
		zippart_xml_close(&x);
		return -1;
	}
	int rc;
	while ((rc = zippart_xml_read(&x)) == 1) {
		xmlTextReaderPtr r = x.reader;
		const char *local = (const char *)xmlTextReaderConstLocalName(r);
		if (x.type != XML_READER_TYPE_ELEMENT ||
		    !local || strcmp(local, "Override"))
			continue;
		char part[64], content_type[128];
		filetype_attribute(r, "PartName", part, sizeof(part));
		filetype_attribute(r, "ContentType", content_type,
				   sizeof(content_type));
		for (size_t i = 0; i < MAINS; i++)
			if (!strcasecmp(part, filetype_ooxml_main[i].part) &&
			    !strcmp(content_type,
				    filetype_ooxml_main[i].content_type))
				declared[i] = 1;
	}
	zippart_xml_close(&x);
	if (rc < 0)
		return -1;
	int type = -1;
	for (size_t i = 0; i < MAINS; i++) {
		if (!declared[i])
			continue;
		if (type >= 0)
			return -1; /* two kinds of document in one */
		/* The part name without its leading '/'. */
		if (zip_name_locate(z->zip, filetype_ooxml_main[i].part + 1,
				    ZIP_FL_NOCASE) < 0)
			return -1;
		type = filetype_ooxml_main[i].type;
	}
	return type;
}

/* The office document type of the zip archive data[0..len), or -1. */
static int filetype_office(const void *data, size_t len)
{
	struct zippart_archive z;
	if (zippart_open(&z, data, len, SIZE_MAX, NULL, 0))
		return -1;
	int type = filetype_odf(&z);
	if (type < 0)
		type = filetype_ooxml(&z);
	zippart_close(&z);
	return type;
}

/* Is libmagic's `name` one it gives to a zip archive that may be an
 * office document? */
static int filetype_zip_name(const char *name)
{
	return !strcmp(name, "application/zip") ||
	       !strncmp(name, OOXML_PREFIX, strlen(OOXML_PREFIX)) ||
	       !strncmp(name, ODF_PREFIX, strlen(ODF_PREFIX));
}

/* ---- text ---- */

/*
 * Are the first records of s[0..len) (up to FILETYPE_CSV_RECORDS, in the
 * first FILETYPE_CSV_BYTES) two or more, of the same number (2 or more)
 * of fields separated by `sep`?  Double quotes protect separators and line
 * ends, as in csv.h; a record cut by the byte limit is not counted.
 */
static int filetype_csv_with(const char *s, size_t len, char sep)
{
	size_t limit = len < FILETYPE_CSV_BYTES ? len : FILETYPE_CSV_BYTES;
	size_t records = 0, fields = 1, want = 0, i = 0;
	int quoted = 0, filled = 0;

	for (; i < limit && records < FILETYPE_CSV_RECORDS; i++) {
		char c = s[i];
		if (c == '"') {
			quoted = !quoted;
		} else if (quoted) {
			/* inside a field */
		} else if (c == sep) {
			fields++;
		} else if (c == '\n' || c == '\r') {
			if (c == '\r' && i + 1 < limit && s[i + 1] == '\n')
				i++;
			if (records++ == 0)
				want = fields;
			else if (fields != want)
				return 0;
			fields = 1;
			filled = 0;
			continue;
		}
		filled = 1;
	}
	/* The last record, without line end, when the text ends there. */
	if (filled && !quoted && i == len && records < FILETYPE_CSV_RECORDS) {
		if (records++ == 0)
			want = fields;
		else if (fields != want)
			return 0;
	}
	return records >= 2 && want >= 2;
}

/*
 * Check text libmagic calls plain text or CSV (see filetype.h): returns
 * the type (CSV for plain text that is records of fields), or -1 with
 * *detected set to why it is refused.
 */
static int filetype_text(const char *s, size_t len, int type,
			 const char **detected)
{
	if (memchr(s, '\0', len) || !text_utf8_valid(s, len, NULL)) {
		*detected = "text/plain; charset=unknown-8bit";
		return -1;
	}
	size_t i = 0;
	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
			   s[i] == '\r' || s[i] == '\f' || s[i] == '\v'))
		i++;
	if (i < len && s[i] == '<') {
		*detected = "text/html";
		return -1;
	}
	if (type == FILETYPE_TEXT && (filetype_csv_with(s, len, ';') ||
				      filetype_csv_with(s, len, '\t') ||
				      filetype_csv_with(s, len, ',')))
		return FILETYPE_CSV;
	return type;
}

/* ---- the API ---- */

const struct filetype *filetype_sniff(const void *data, size_t len,
				      const char **detected)
{
	const char *unused;
	if (!detected)
		detected = &unused;
	if (len == 0) {
		*detected = "application/x-empty";
		return NULL;
	}
	const char *name = filetype_magic_name(data, len);
	if (!name) {
		*detected = "application/octet-stream";
		return NULL;
	}
	*detected = name;

	int type;
	if (filetype_zip_name(name)) {
		type = filetype_office(data, len);
		/* libmagic's guess at an office type must agree. */
		if (strcmp(name, "application/zip") && type >= 0 &&
		    strcmp(name, filetype_table[type].mime))
			type = -1;
		if (type < 0 && filetype_index(name) >= 0)
			*detected = "application/zip";
	} else {
		type = filetype_index(name);
		if (type == FILETYPE_TEXT || type == FILETYPE_CSV)
			type = filetype_text(data, len, type, detected);
	}
	return type >= 0 ? &filetype_table[type] : NULL;
}

const struct filetype *filetype_list(size_t *count)
{
	*count = FILETYPE_COUNT;
	return filetype_table;
}

const struct filetype *filetype_by_mime(const char *mime)
{
	for (int i = 0; mime && i < FILETYPE_COUNT; i++)
		if (!strcmp(filetype_table[i].mime, mime))
			return &filetype_table[i];
	return NULL;
}
