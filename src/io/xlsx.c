/* xlsx.c - see xlsx.h. */
#include "io/xlsx.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include "base/arena.h"
#include "base/buf.h"
#include "io/zippart.h"

/* Relationships of one part, and cell formats, kept at most. */
#define XLSX_MAX_RELATIONSHIPS ((size_t)65536)
#define XLSX_MAX_CELL_FORMATS ((size_t)1 << 20)
#define XLSX_MAX_NUMBER_FORMATS ((size_t)65536)
/* Longest attribute value read: part names, sheet names, types. */
#define XLSX_MAX_ATTRIBUTE 1024

/* What a number format shows: a bit for the date, a bit for the time. */
enum {
	XLSX_SHOWS_NUMBER = 0,
	XLSX_SHOWS_DATE = 1,
	XLSX_SHOWS_TIME = 2,
	XLSX_SHOWS_DATETIME = 3,
};

/* The t attribute of a cell. */
enum xlsx_cell_type {
	XLSX_CELL_NUMBER,         /* absent or "n" */
	XLSX_CELL_SHARED,         /* "s": index into the shared strings */
	XLSX_CELL_FORMULA_STRING, /* "str" */
	XLSX_CELL_INLINE,         /* "inlineStr": text in <is> */
	XLSX_CELL_BOOLEAN,        /* "b" */
	XLSX_CELL_ERROR,          /* "e" */
	XLSX_CELL_ISO_DATE,       /* "d": ISO 8601 text */
};

/* How much of an element's content xlsx_read_text() keeps. */
enum xlsx_text_mode {
	XLSX_TEXT_ALL,  /* every text node (<v>) */
	XLSX_TEXT_RUNS, /* text of <t>, not under <rPh> (<si>, <is>) */
	XLSX_TEXT_SKIP, /* none */
};

/* An XML part being read, streamed out of the archive. */
struct xlsx_part {
	struct xlsx_book *book;
	const char *name;     /* in the archive */
	size_t sheet_number;  /* 1-based for a sheet, 0 for other parts */
	struct zippart_xml xml;

	/* The node last read. */
	int type;
	int depth;
	int empty;            /* an element written <x/> */
	const char *local;    /* its local name, for elements */
};

/* A relationship from one part to another. */
struct xlsx_rel {
	const char *id;
	const char *type;   /* last word of the type: "worksheet", ... */
	const char *target; /* resolved part name; NULL when external */
};

struct xlsx_sheet {
	const char *name;
	const char *rel_id;
	const char *part; /* NULL when no relationship names one */
	const char *kind; /* "worksheet", "chartsheet", ... */
};

/* One cell of the row being read. */
struct xlsx_slot {
	const char *shared; /* a shared string or "", not copied */
	size_t offset;      /* otherwise where the text is in book->text */
	size_t len;
};

struct xlsx_book {
	struct zippart_archive archive; /* at most XLSX_MAX_INFLATED out */
	struct arena arena;       /* names, for the book's life */
	int date1904;
	const char *workbook_part;
	struct xlsx_sheet *sheets;
	size_t sheet_count;
	const char *strings_part; /* NULL when there is none */
	const char *styles_part;

	/* Shared strings and cell formats, read by the first sheet_begin. */
	int loaded;               /* 0 not yet, 1 read, -1 broken */
	char load_error[420];
	struct xlsx_position load_error_at;
	struct buf strings;       /* each string NUL-terminated */
	size_t *string_offset;    /* string_count + 1 entries */
	size_t string_count;
	size_t string_cap;
	unsigned char *xf_shows;  /* XLSX_SHOWS_* per cell format */
	size_t xf_count;

	/* The sheet being read. */
	struct xlsx_part sheet;   /* sheet.xml NULL when none is open */
	int state;                /* 1 reading, 0 at the end, -1 error */
	int data_depth;           /* depth of <sheetData>; -1 before it */
	size_t xml_row;           /* number of the last <row> read */
	size_t returned;          /* number of the last row returned */
	int pending;              /* row xml_row has values, not returned */

	/* The row being read. */
	struct buf text;          /* copied cell texts, NUL-terminated */
	struct xlsx_slot *slots;
	const char **cells;
	size_t *lens;
	size_t cap;               /* of slots, cells and lens */
	size_t filled;            /* slots set, from column A */
	size_t count;             /* 1 + last column with text */

	struct xlsx_position err_at;
	char message[420];
};

static const char *const xlsx_no_cells[1] = { "" };
static const size_t xlsx_no_lens[1] = { 0 };

void xlsx_init(void)
{
	xmlInitParser();
}

/* ---- errors ---- */

/*
 * Replace by '?' the bytes of s that do not make whole UTF-8 sequences:
 * a message quoting a value cut to length may have cut a character.
 */
static void xlsx_mend_utf8(char *s)
{
	unsigned char *p = (unsigned char *)s;
	while (*p) {
		size_t more = *p < 0x80 ? 0 : *p >= 0xC2 && *p <= 0xDF ? 1 :
			      *p >= 0xE0 && *p <= 0xEF ? 2 :
			      *p >= 0xF0 && *p <= 0xF4 ? 3 : 4;
		size_t k = 1;
		while (more < 4 && k <= more && (p[k] & 0xC0) == 0x80)
			k++;
		if (more == 4 || k <= more) {
			*p++ = '?';
			continue;
		}
		p += k;
	}
}

/*
 * Record an error at `at`, in `part` when the error is not in a sheet,
 * and stop the sheet being read.  The message starts with the position:
 * "sheet 1, cell C12: ", "sheet 1, row 7: ", "sheet 1, line 3: ",
 * "xl/styles.xml, line 3: ".  Returns -1.
 */
static int xlsx_vfail(struct xlsx_book *b, const char *part,
		      struct xlsx_position at, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));
static int xlsx_vfail(struct xlsx_book *b, const char *part,
		      struct xlsx_position at, const char *fmt, va_list ap)
{
	char where[96] = "";
	if (at.sheet && at.row && at.column) {
		char letters[8];
		size_t n = 0, c = at.column;
		while (c > 0 && n < sizeof(letters) - 1) {
			letters[n++] = (char)('A' + (c - 1) % 26);
			c = (c - 1) / 26;
		}
		for (size_t i = 0; i < n / 2; i++) {
			char t = letters[i];
			letters[i] = letters[n - 1 - i];
			letters[n - 1 - i] = t;
		}
		letters[n] = '\0';
		snprintf(where, sizeof(where), "sheet %zu, cell %s%zu: ",
			 at.sheet, letters, at.row);
	} else if (at.sheet && at.row) {
		snprintf(where, sizeof(where), "sheet %zu, row %zu: ",
			 at.sheet, at.row);
	} else if (at.sheet && at.line) {
		snprintf(where, sizeof(where), "sheet %zu, line %zu: ",
			 at.sheet, at.line);
	} else if (at.sheet) {
		snprintf(where, sizeof(where), "sheet %zu: ", at.sheet);
	} else if (part && at.line) {
		snprintf(where, sizeof(where), "%.60s, line %zu: ", part,
			 at.line);
	} else if (part) {
		snprintf(where, sizeof(where), "%.60s: ", part);
	}
	char what[320];
	vsnprintf(what, sizeof(what), fmt, ap);
	snprintf(b->message, sizeof(b->message), "%s%s", where, what);
	xlsx_mend_utf8(b->message);
	b->err_at = at;
	b->state = -1;
	return -1;
}

static int xlsx_fail(struct xlsx_book *b, const char *part,
		     struct xlsx_position at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int xlsx_fail(struct xlsx_book *b, const char *part,
		     struct xlsx_position at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	xlsx_vfail(b, part, at, fmt, ap);
	va_end(ap);
	return -1;
}

/* An error while reading part p, at the line the parser is on; row and
 * column when known (0 otherwise). */
static int xlsx_part_fail(struct xlsx_part *p, size_t row, size_t column,
			  const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int xlsx_part_fail(struct xlsx_part *p, size_t row, size_t column,
			  const char *fmt, ...)
{
	struct xlsx_position at = { p->sheet_number, row, column, 0 };
	if (p->xml.reader) {
		/* The node's line: the parser may have read further. */
		xmlNodePtr node = xmlTextReaderCurrentNode(p->xml.reader);
		long line = node ? xmlGetLineNo(node) : -1;
		if (line <= 0)
			line = xmlTextReaderGetParserLineNumber(p->xml.reader);
		at.line = line > 0 ? (size_t)line : 0;
	}
	va_list ap;
	va_start(ap, fmt);
	xlsx_vfail(p->book, p->name, at, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- parts: zip entries parsed as XML ---- */

static int xlsx_part_exists(const struct xlsx_book *b, const char *name)
{
	return zip_name_locate(b->archive.zip, name, ZIP_FL_NOCASE) >= 0;
}

/* A part has no limit of its own: the book's (XLSX_MAX_INFLATED). */
static const struct zippart_limits xlsx_part_limits = { SIZE_MAX, 0, 0 };

static void xlsx_part_close(struct xlsx_part *p)
{
	zippart_xml_close(&p->xml);
}

/*
 * Open the part `name` of the archive for reading into *p.  sheet_number
 * is the sheet's 1-based number, 0 for other parts.  Refuses a part whose
 * declared size would take the book over its decompression limit.
 * Returns 0, or -1 with the book's error set.
 */
static int xlsx_part_open(struct xlsx_book *b, struct xlsx_part *p,
			  const char *name, size_t sheet_number)
{
	struct xlsx_position at = { sheet_number, 0, 0, 0 };
	char why[320];

	memset(p, 0, sizeof(*p));
	p->book = b;
	p->name = name;
	p->sheet_number = sheet_number;
	int rc = zippart_xml_open(&p->xml, &b->archive, name,
				  &xlsx_part_limits, why, sizeof(why));
	if (rc == ZIPPART_MISSING)
		return xlsx_fail(b, NULL, at, "the part %.60s is missing from "
				 "the archive", name);
	if (rc < 0) {
		xlsx_part_close(p);
		return xlsx_fail(b, name, at, "%s", why);
	}
	return 0;
}

/*
 * Read the next node of p into p->type, depth, empty and local.  Returns
 * 1, 0 at the end of the document, -1 on error (book error set).  A
 * document type declaration is an error: no DTD, hence no entity.
 */
static int xlsx_part_next(struct xlsx_part *p)
{
	int rc = zippart_xml_read(&p->xml);
	if (rc == 0)
		return 0;
	if (rc < 0) {
		if (!p->xml.error_line)
			return xlsx_part_fail(p, 0, 0, "%s", p->xml.error);
		struct xlsx_position at = { p->sheet_number, 0, 0,
					    p->xml.error_line };
		return xlsx_fail(p->book, p->name, at, "%s", p->xml.error);
	}
	p->type = p->xml.type;
	p->depth = xmlTextReaderDepth(p->xml.reader);
	p->empty = 0;
	p->local = "";
	if (p->type == XML_READER_TYPE_ELEMENT ||
	    p->type == XML_READER_TYPE_END_ELEMENT) {
		const xmlChar *local =
			xmlTextReaderConstLocalName(p->xml.reader);
		p->local = local ? (const char *)local : "";
		p->empty = p->type == XML_READER_TYPE_ELEMENT &&
			   xmlTextReaderIsEmptyElement(p->xml.reader) == 1;
	}
	return 1;
}

/* An attribute wanted from the current element. */
struct xlsx_attr {
	const char *name;  /* local name */
	char *value;       /* the value is copied here, NUL-terminated */
	size_t size;
	int found;         /* 1 found, 2 found but too long (cut) */
};

/* Copy the attributes of the current element named in attrs[0..n).
 * Namespace declarations are not attributes here. */
static void xlsx_attrs(struct xlsx_part *p, struct xlsx_attr *attrs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		attrs[i].found = 0;
		attrs[i].value[0] = '\0';
	}
	while (xmlTextReaderMoveToNextAttribute(p->xml.reader) == 1) {
		if (xmlTextReaderIsNamespaceDecl(p->xml.reader) == 1)
			continue;
		const char *local = (const char *)
			xmlTextReaderConstLocalName(p->xml.reader);
		if (!local)
			continue;
		for (size_t i = 0; i < n; i++) {
			if (attrs[i].found || strcmp(local, attrs[i].name))
				continue;
			const char *v = (const char *)
				xmlTextReaderConstValue(p->xml.reader);
			size_t len = v ? strlen(v) : 0;
			attrs[i].found = len < attrs[i].size ? 1 : 2;
			if (len >= attrs[i].size)
				len = attrs[i].size - 1;
			if (len)
				memcpy(attrs[i].value, v, len);
			attrs[i].value[len] = '\0';
			break;
		}
	}
	xmlTextReaderMoveToElement(p->xml.reader);
}

/* Set the length of b to len (<= b->len). */
static void xlsx_truncate(struct buf *b, size_t len)
{
	b->len = len;
	if (b->data)
		b->data[len] = '\0';
}

/*
 * Read the content of the element p is on (opened, not empty) to its end,
 * appending its text to `out` as `mode` says.  The text from out[start]
 * on may not pass XLSX_MAX_CELL_BYTES, nor out as a whole `max_len`.
 * row and column place errors.  Returns 0 or -1.
 */
static int xlsx_read_text(struct xlsx_part *p, enum xlsx_text_mode mode,
			  struct buf *out, size_t start, size_t max_len,
			  size_t row, size_t column)
{
	int element_depth = p->depth;
	int t_depth = -1, phonetic_depth = -1;

	for (;;) {
		int rc = xlsx_part_next(p);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return xlsx_part_fail(p, row, column, "XML error: "
					      "the document ends too soon");
		switch (p->type) {
		case XML_READER_TYPE_ELEMENT:
			if (p->empty)
				break;
			if (phonetic_depth < 0 && !strcmp(p->local, "rPh"))
				phonetic_depth = p->depth;
			else if (phonetic_depth < 0 && t_depth < 0 &&
				 !strcmp(p->local, "t"))
				t_depth = p->depth;
			break;
		case XML_READER_TYPE_END_ELEMENT:
			if (p->depth == element_depth)
				return 0;
			if (p->depth == t_depth)
				t_depth = -1;
			if (p->depth == phonetic_depth)
				phonetic_depth = -1;
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: {
			if (mode == XLSX_TEXT_SKIP ||
			    (mode == XLSX_TEXT_RUNS && t_depth < 0))
				break;
			const char *v = (const char *)
				xmlTextReaderConstValue(p->xml.reader);
			size_t n = v ? strlen(v) : 0;
			if (n > XLSX_MAX_CELL_BYTES - (out->len - start))
				return xlsx_part_fail(
					p, row, column, "text longer than "
					"%zu KiB", XLSX_MAX_CELL_BYTES >> 10);
			if (out->len > max_len || n > max_len - out->len)
				return xlsx_part_fail(p, row, column, "over "
						      "%zu MiB of text",
						      max_len >> 20);
			buf_append(out, v, n);
			break;
		}
		default:
			break;
		}
	}
}

/* The UTF-16 code unit of the escape _xHHHH_ at s[0..len), or -1. */
static long xlsx_escape_unit(const char *s, size_t len)
{
	long unit = 0;
	if (len < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return -1;
	for (size_t k = 2; k < 6; k++) {
		char c = s[k];
		int d = c >= '0' && c <= '9' ? c - '0' :
			c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		unit = unit * 16 + d;
	}
	return unit;
}

/* Decode Excel's _xHHHH_ escapes (UTF-16 code units) in s[0..len) in
 * place; returns the new length.  _x0000_ and lone surrogates stay as
 * they are. */
static size_t xlsx_unescape(char *s, size_t len)
{
	size_t r = 0, w = 0;

	while (r < len) {
		long cp = s[r] == '_' ? xlsx_escape_unit(s + r, len - r) : -1;
		size_t used = 7;
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			long low = xlsx_escape_unit(s + r + 7, len - r - 7);
			if (low >= 0xDC00 && low <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				     (low - 0xDC00);
				used = 14;
			} else {
				cp = -1;
			}
		} else if (cp == 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) {
			cp = -1;
		}
		if (cp < 0) {
			s[w++] = s[r++];
			continue;
		}
		r += used;
		if (cp < 0x80) {
			s[w++] = (char)cp;
		} else if (cp < 0x800) {
			s[w++] = (char)(0xC0 | (cp >> 6));
			s[w++] = (char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			s[w++] = (char)(0xE0 | (cp >> 12));
			s[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			s[w++] = (char)(0x80 | (cp & 0x3F));
		} else {
			s[w++] = (char)(0xF0 | (cp >> 18));
			s[w++] = (char)(0x80 | ((cp >> 12) & 0x3F));
			s[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			s[w++] = (char)(0x80 | (cp & 0x3F));
		}
	}
	return w;
}

/* ---- package structure: relationships, workbook ---- */

/*
 * The part `target` names from the part `source` ("" for the package):
 * "worksheets/sheet1.xml" from "xl/workbook.xml" is
 * "xl/worksheets/sheet1.xml", "/xl/styles.xml" is "xl/styles.xml".  NULL
 * when it climbs above the package or is too long.
 */
static const char *xlsx_resolve(struct arena *a, const char *source,
				const char *target)
{
	char path[2 * XLSX_MAX_ATTRIBUTE + 2];
	size_t n = 0, len = strlen(target);

	if (target[0] == '/') {
		target++;
		len--;
	} else {
		const char *slash = strrchr(source, '/');
		if (slash) {
			n = (size_t)(slash - source) + 1;
			if (n > XLSX_MAX_ATTRIBUTE)
				return NULL;
			memcpy(path, source, n);
		}
	}
	if (len > XLSX_MAX_ATTRIBUTE)
		return NULL;
	memcpy(path + n, target, len);
	path[n + len] = '\0';

	/* Drop empty and "." segments, apply "..". */
	char out[sizeof(path)];
	size_t o = 0;
	for (char *seg = path; *seg;) {
		char *end = strchr(seg, '/');
		size_t seglen = end ? (size_t)(end - seg) : strlen(seg);
		if (seglen == 2 && seg[0] == '.' && seg[1] == '.') {
			if (o == 0)
				return NULL;
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else if (seglen > 0 && !(seglen == 1 && seg[0] == '.')) {
			if (o > 0)
				out[o++] = '/';
			memcpy(out + o, seg, seglen);
			o += seglen;
		}
		seg += seglen;
		if (*seg == '/')
			seg++;
	}
	if (o == 0)
		return NULL;
	return arena_strndup(a, out, o);
}

/*
 * Read the relationships of part `source` ("" for the package) into a
 * malloc'd array *rels of *n entries (the caller frees it); none when the
 * part has no relationships part.  Returns 0 or -1.
 */
static int xlsx_read_rels(struct xlsx_book *b, const char *source,
			  struct xlsx_rel **rels, size_t *n)
{
	const char *slash = strrchr(source, '/');
	const char *name = slash ?
		arena_printf(&b->arena, "%.*s/_rels/%s.rels",
			     (int)(slash - source), source, slash + 1) :
		arena_printf(&b->arena, "_rels/%s.rels", source);
	struct xlsx_part p;
	size_t cap = 0;
	int rc;

	*rels = NULL;
	*n = 0;
	if (!xlsx_part_exists(b, name))
		return 0;
	if (xlsx_part_open(b, &p, name, 0) < 0)
		return -1;
	while ((rc = xlsx_part_next(&p)) == 1) {
		if (p.type != XML_READER_TYPE_ELEMENT ||
		    strcmp(p.local, "Relationship"))
			continue;
		char id[XLSX_MAX_ATTRIBUTE], type[XLSX_MAX_ATTRIBUTE];
		char target[XLSX_MAX_ATTRIBUTE], mode[32];
		struct xlsx_attr attrs[] = {
			{ "Id", id, sizeof(id), 0 },
			{ "Type", type, sizeof(type), 0 },
			{ "Target", target, sizeof(target), 0 },
			{ "TargetMode", mode, sizeof(mode), 0 },
		};
		xlsx_attrs(&p, attrs, 4);
		if (attrs[0].found != 1 || attrs[1].found != 1 ||
		    attrs[2].found != 1)
			continue;
		if (*n == XLSX_MAX_RELATIONSHIPS) {
			rc = xlsx_part_fail(&p, 0, 0, "more than %zu "
					    "relationships",
					    XLSX_MAX_RELATIONSHIPS);
			break;
		}
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			struct xlsx_rel *grown = realloc(*rels,
							 cap * sizeof(**rels));
			if (!grown) {
				rc = xlsx_part_fail(&p, 0, 0, "out of memory");
				break;
			}
			*rels = grown;
		}
		const char *word = strrchr(type, '/');
		struct xlsx_rel *r = &(*rels)[(*n)++];
		r->id = arena_strdup(&b->arena, id);
		r->type = arena_strdup(&b->arena, word ? word + 1 : type);
		r->target = strcasecmp(mode, "External") == 0 ? NULL :
			    xlsx_resolve(&b->arena, source, target);
	}
	xlsx_part_close(&p);
	if (rc < 0) {
		free(*rels);
		*rels = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* Is the xsd:boolean text s true? */
static int xlsx_true(const char *s)
{
	return !strcmp(s, "1") || !strcmp(s, "true");
}

/* Read workbook.xml: the date system and the sheets. */
static int xlsx_read_workbook(struct xlsx_book *b)
{
	struct xlsx_part p;
	size_t cap = 0;
	int sheets_depth = -1;
	int rc;

	if (xlsx_part_open(b, &p, b->workbook_part, 0) < 0)
		return -1;
	while ((rc = xlsx_part_next(&p)) == 1) {
		if (p.type == XML_READER_TYPE_END_ELEMENT &&
		    p.depth == sheets_depth) {
			sheets_depth = -1;
			continue;
		}
		if (p.type != XML_READER_TYPE_ELEMENT)
			continue;
		if (!strcmp(p.local, "workbookPr")) {
			char value[16];
			struct xlsx_attr attrs[] = {
				{ "date1904", value, sizeof(value), 0 },
			};
			xlsx_attrs(&p, attrs, 1);
			b->date1904 = attrs[0].found == 1 && xlsx_true(value);
		} else if (!strcmp(p.local, "sheets") && !p.empty &&
			   sheets_depth < 0) {
			sheets_depth = p.depth;
		} else if (!strcmp(p.local, "sheet") && sheets_depth >= 0 &&
			   p.depth == sheets_depth + 1) {
			char name[XLSX_MAX_ATTRIBUTE], id[XLSX_MAX_ATTRIBUTE];
			struct xlsx_attr attrs[] = {
				{ "name", name, sizeof(name), 0 },
				{ "id", id, sizeof(id), 0 },
			};
			xlsx_attrs(&p, attrs, 2);
			if (attrs[0].found == 2) {
				rc = xlsx_part_fail(&p, 0, 0, "sheet name "
						    "longer than %d bytes",
						    XLSX_MAX_ATTRIBUTE - 1);
				break;
			}
			if (b->sheet_count == XLSX_MAX_SHEETS) {
				rc = xlsx_part_fail(&p, 0, 0, "more than %zu "
						    "sheets", XLSX_MAX_SHEETS);
				break;
			}
			if (b->sheet_count == cap) {
				cap = cap ? 2 * cap : 8;
				struct xlsx_sheet *grown = realloc(
					b->sheets, cap * sizeof(*grown));
				if (!grown) {
					rc = xlsx_part_fail(&p, 0, 0,
							    "out of memory");
					break;
				}
				b->sheets = grown;
			}
			struct xlsx_sheet *s = &b->sheets[b->sheet_count++];
			s->name = attrs[0].found ?
				arena_strdup(&b->arena, name) :
				arena_printf(&b->arena, "Sheet%zu",
					     b->sheet_count);
			s->rel_id = attrs[1].found == 1 ?
				arena_strdup(&b->arena, id) : NULL;
			s->part = NULL;
			s->kind = "";
		}
	}
	xlsx_part_close(&p);
	return rc < 0 ? -1 : 0;
}

/* The target of the first relationship of type `type`, or the part
 * `fallback` (next to the workbook) when there is none but it exists. */
static const char *xlsx_find_part(struct xlsx_book *b,
				  const struct xlsx_rel *rels, size_t n,
				  const char *type, const char *fallback)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rels[i].type, type) && rels[i].target)
			return rels[i].target;
	const char *name = xlsx_resolve(&b->arena, b->workbook_part,
					fallback);
	return name && xlsx_part_exists(b, name) ? name : NULL;
}

/* Find the workbook, read it and place its sheets. */
static int xlsx_read_book(struct xlsx_book *b)
{
	struct xlsx_position nowhere = { 0, 0, 0, 0 };
	struct xlsx_rel *rels;
	size_t n;

	if (xlsx_read_rels(b, "", &rels, &n) < 0)
		return -1;
	b->workbook_part = "xl/workbook.xml";
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(rels[i].type, "officeDocument") &&
		    rels[i].target) {
			b->workbook_part = rels[i].target;
			break;
		}
	}
	free(rels);
	if (!xlsx_part_exists(b, b->workbook_part))
		return xlsx_fail(b, NULL, nowhere, "not an XLSX file (no "
				 "workbook: %.60s is missing)",
				 b->workbook_part);
	if (xlsx_read_workbook(b) < 0)
		return -1;
	if (xlsx_read_rels(b, b->workbook_part, &rels, &n) < 0)
		return -1;
	for (size_t s = 0; s < b->sheet_count; s++) {
		struct xlsx_sheet *sheet = &b->sheets[s];
		for (size_t i = 0; sheet->rel_id && i < n; i++) {
			if (!strcmp(rels[i].id, sheet->rel_id)) {
				sheet->part = rels[i].target;
				sheet->kind = rels[i].type;
				break;
			}
		}
	}
	b->strings_part = xlsx_find_part(b, rels, n, "sharedStrings",
					 "sharedStrings.xml");
	b->styles_part = xlsx_find_part(b, rels, n, "styles", "styles.xml");
	free(rels);
	return 0;
}

/* ---- shared strings and cell formats ---- */

/* Make room in the shared-string index for the end of one more string,
 * keeping text and index within their limit.  Returns 0 or -1. */
static int xlsx_strings_reserve(struct xlsx_book *b)
{
	const size_t limit = XLSX_MAX_SHARED_STRINGS_BYTES;
	if (b->string_count + 1 < b->string_cap)
		return 0;
	size_t cap = 2 * b->string_cap;
	if (b->strings.len >= limit ||
	    cap > (limit - b->strings.len) / sizeof(size_t))
		return -1;
	size_t *grown = realloc(b->string_offset, cap * sizeof(size_t));
	if (!grown)
		return -1;
	b->string_offset = grown;
	b->string_cap = cap;
	return 0;
}

/* Read the shared strings: each <si>'s runs, concatenated. */
static int xlsx_read_shared_strings(struct xlsx_book *b)
{
	struct xlsx_part p;
	int rc;

	b->string_cap = 1024;
	b->string_offset = malloc(b->string_cap * sizeof(size_t));
	if (!b->string_offset) {
		struct xlsx_position nowhere = { 0, 0, 0, 0 };
		return xlsx_fail(b, b->strings_part, nowhere, "out of memory");
	}
	b->string_offset[0] = 0;
	if (!b->strings_part)
		return 0;
	if (xlsx_part_open(b, &p, b->strings_part, 0) < 0)
		return -1;
	while ((rc = xlsx_part_next(&p)) == 1) {
		if (p.type != XML_READER_TYPE_ELEMENT ||
		    strcmp(p.local, "si"))
			continue;
		size_t start = b->strings.len;
		if (!p.empty &&
		    xlsx_read_text(&p, XLSX_TEXT_RUNS, &b->strings, start,
				   XLSX_MAX_SHARED_STRINGS_BYTES, 0, 0) < 0) {
			rc = -1;
			break;
		}
		size_t len = b->strings.len - start;
		if (len)
			xlsx_truncate(&b->strings, start + xlsx_unescape(
					      b->strings.data + start, len));
		buf_putc(&b->strings, '\0');
		b->string_count++;
		if (xlsx_strings_reserve(b) < 0) {
			size_t mib = XLSX_MAX_SHARED_STRINGS_BYTES >> 20;
			rc = xlsx_part_fail(&p, 0, 0, "shared strings over "
					    "%zu MiB, or out of memory", mib);
			break;
		}
		b->string_offset[b->string_count] = b->strings.len;
	}
	xlsx_part_close(&p);
	return rc < 0 ? -1 : 0;
}

/*
 * What a custom number format shows: a date where it has d, y, or m as
 * month; a time where it has h, s, m as minutes (after h or before s),
 * AM/PM, or an elapsed time [h] [m] [s].  Quoted text, escaped
 * characters and other brackets ([Red], [$-40C]) do not count.
 */
static unsigned xlsx_format_shows(const char *code)
{
	unsigned shows = XLSX_SHOWS_NUMBER;
	char last = 0; /* the last date or time letter seen */

	for (size_t i = 0; code[i]; i++) {
		char c = code[i];
		if (c == '"') {
			const char *end = strchr(code + i + 1, '"');
			if (!end)
				break;
			i = (size_t)(end - code);
			continue;
		}
		if (c == '\\' || c == '_' || c == '*') {
			if (!code[i + 1])
				break;
			i++;
			continue;
		}
		if (c == '[') {
			const char *end = strchr(code + i + 1, ']');
			if (!end)
				break;
			size_t n = (size_t)(end - code) - i - 1;
			char first = (char)(code[i + 1] | 0x20);
			size_t same = 0;
			while (same < n && (code[i + 1 + same] | 0x20) == first)
				same++;
			if (n > 0 && same == n &&
			    (first == 'h' || first == 'm' || first == 's')) {
				shows |= XLSX_SHOWS_TIME;
				last = first;
			}
			i = (size_t)(end - code);
			continue;
		}
		if (c >= 'A' && c <= 'Z')
			c = (char)(c | 0x20);
		if (c == 'a') {
			if (!strncasecmp(code + i, "am/pm", 5)) {
				shows |= XLSX_SHOWS_TIME;
				i += 4;
			} else if (!strncasecmp(code + i, "a/p", 3)) {
				shows |= XLSX_SHOWS_TIME;
				i += 2;
			}
		} else if (c == 'y' || c == 'd') {
			shows |= XLSX_SHOWS_DATE;
			last = c;
		} else if (c == 'h' || c == 's') {
			shows |= XLSX_SHOWS_TIME;
			last = c;
		} else if (c == 'm') {
			size_t j = i;
			while ((code[j] | 0x20) == 'm')
				j++;
			/* The next date or time letter after the run. */
			char next = 0;
			for (size_t k = j; code[k] && code[k] != ';'; k++) {
				char l = (char)(code[k] | 0x20);
				if (strchr("ydhms", l)) {
					next = l;
					break;
				}
			}
			int minutes = last == 'h' || next == 's';
			shows |= minutes ? XLSX_SHOWS_TIME : XLSX_SHOWS_DATE;
			last = 'm';
			i = j - 1;
		}
	}
	return shows;
}

/* What built-in number format `id` shows. */
static unsigned xlsx_builtin_shows(unsigned long id)
{
	if (id >= 14 && id <= 17)
		return XLSX_SHOWS_DATE;
	if (id >= 18 && id <= 21)
		return XLSX_SHOWS_TIME;
	if (id == 22)
		return XLSX_SHOWS_DATETIME;
	if (id >= 45 && id <= 47)
		return XLSX_SHOWS_TIME;
	return XLSX_SHOWS_NUMBER;
}

/* Parse a decimal number of at most 9 digits; ULONG_MAX when s is not. */
static unsigned long xlsx_small_number(const char *s)
{
	unsigned long v = 0;
	size_t n = strlen(s);
	if (n == 0 || n > 9 || strspn(s, "0123456789") != n)
		return (unsigned long)-1;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (unsigned long)(s[i] - '0');
	return v;
}

/* A custom number format: its id and what it shows. */
struct xlsx_numfmt {
	unsigned long id;
	unsigned shows;
};

/* Read styles.xml: for each cell format (cellXfs), what it shows. */
static int xlsx_read_styles(struct xlsx_book *b)
{
	struct xlsx_numfmt *formats = NULL;
	size_t nformats = 0, formats_cap = 0;
	unsigned long *xf_format = NULL;
	size_t xf_cap = 0;
	int formats_depth = -1, xfs_depth = -1;
	struct xlsx_part p;
	int rc = 0;

	if (!b->styles_part)
		return 0;
	if (xlsx_part_open(b, &p, b->styles_part, 0) < 0)
		return -1;
	while ((rc = xlsx_part_next(&p)) == 1) {
		if (p.type == XML_READER_TYPE_END_ELEMENT) {
			if (p.depth == formats_depth)
				formats_depth = -1;
			if (p.depth == xfs_depth)
				xfs_depth = -1;
			continue;
		}
		if (p.type != XML_READER_TYPE_ELEMENT)
			continue;
		if (!p.empty && formats_depth < 0 && xfs_depth < 0 &&
		    !strcmp(p.local, "numFmts")) {
			formats_depth = p.depth;
		} else if (!p.empty && formats_depth < 0 && xfs_depth < 0 &&
			   !strcmp(p.local, "cellXfs")) {
			xfs_depth = p.depth;
		} else if (formats_depth >= 0 && p.depth == formats_depth + 1 &&
			   !strcmp(p.local, "numFmt")) {
			char id[16], code[XLSX_MAX_ATTRIBUTE];
			struct xlsx_attr attrs[] = {
				{ "numFmtId", id, sizeof(id), 0 },
				{ "formatCode", code, sizeof(code), 0 },
			};
			xlsx_attrs(&p, attrs, 2);
			unsigned long n = xlsx_small_number(id);
			if (attrs[0].found != 1 || attrs[1].found != 1 ||
			    n == (unsigned long)-1)
				continue;
			if (nformats == XLSX_MAX_NUMBER_FORMATS) {
				rc = xlsx_part_fail(&p, 0, 0, "more than %zu "
						    "number formats",
						    XLSX_MAX_NUMBER_FORMATS);
				break;
			}
			if (nformats == formats_cap) {
				formats_cap = formats_cap ? 2 * formats_cap :
							    16;
				void *grown = realloc(formats, formats_cap *
						      sizeof(*formats));
				if (!grown) {
					rc = xlsx_part_fail(&p, 0, 0,
							    "out of memory");
					break;
				}
				formats = grown;
			}
			formats[nformats].id = n;
			formats[nformats].shows = xlsx_format_shows(code);
			nformats++;
		} else if (xfs_depth >= 0 && p.depth == xfs_depth + 1 &&
			   !strcmp(p.local, "xf")) {
			char id[16];
			struct xlsx_attr attrs[] = {
				{ "numFmtId", id, sizeof(id), 0 },
			};
			xlsx_attrs(&p, attrs, 1);
			if (b->xf_count == XLSX_MAX_CELL_FORMATS) {
				rc = xlsx_part_fail(&p, 0, 0, "more than %zu "
						    "cell formats",
						    XLSX_MAX_CELL_FORMATS);
				break;
			}
			if (b->xf_count == xf_cap) {
				xf_cap = xf_cap ? 2 * xf_cap : 64;
				void *grown = realloc(xf_format, xf_cap *
						      sizeof(*xf_format));
				if (!grown) {
					rc = xlsx_part_fail(&p, 0, 0,
							    "out of memory");
					break;
				}
				xf_format = grown;
			}
			xf_format[b->xf_count++] = attrs[0].found == 1 ?
				xlsx_small_number(id) : 0;
		}
	}
	xlsx_part_close(&p);

	if (rc == 0 && b->xf_count) {
		b->xf_shows = malloc(b->xf_count);
		if (!b->xf_shows) {
			struct xlsx_position nowhere = { 0, 0, 0, 0 };
			rc = xlsx_fail(b, b->styles_part, nowhere,
				       "out of memory");
		}
	}
	for (size_t i = 0; rc == 0 && i < b->xf_count; i++) {
		unsigned shows = xlsx_builtin_shows(xf_format[i]);
		/* A custom format may redefine a built-in id. */
		for (size_t k = 0; k < nformats; k++) {
			if (formats[k].id == xf_format[i]) {
				shows = formats[k].shows;
				break;
			}
		}
		b->xf_shows[i] = (unsigned char)shows;
	}
	if (rc < 0)
		b->xf_count = 0;
	free(formats);
	free(xf_format);
	return rc < 0 ? -1 : 0;
}

/* Read what every sheet needs, once; a failure is kept and repeated. */
static int xlsx_load(struct xlsx_book *b)
{
	if (b->loaded == 0) {
		b->loaded = xlsx_read_shared_strings(b) == 0 &&
			    xlsx_read_styles(b) == 0 ? 1 : -1;
		if (b->loaded < 0) {
			snprintf(b->load_error, sizeof(b->load_error), "%s",
				 b->message);
			b->load_error_at = b->err_at;
		}
	}
	if (b->loaded < 0) {
		snprintf(b->message, sizeof(b->message), "%s", b->load_error);
		b->err_at = b->load_error_at;
		b->state = -1;
		return -1;
	}
	return 0;
}

/* ---- dates ---- */

/*
 * Split the serial number text v[0..len), a non-negative decimal number
 * maybe with an exponent, into whole days and milliseconds (rounded, as
 * Excel does before it shows a date).  Integer arithmetic only: no
 * locale, no floating-point noise.  Returns 0, or -1 when v is no such
 * number or is over a billion days.
 */
static int xlsx_parse_serial(const char *v, size_t len, long *days,
			     long *millis)
{
	char digits[40];
	size_t nd = 0, i = 0;
	long point = -1, exponent = 0;
	int seen = 0;

	if (i < len && v[i] == '+')
		i++;
	for (; i < len; i++) {
		char c = v[i];
		if (c >= '0' && c <= '9') {
			seen = 1;
			if (nd == 0 && c == '0' && point < 0)
				continue; /* leading zero */
			if (nd < sizeof(digits))
				digits[nd++] = (char)(c - '0');
			else if (point < 0)
				return -1; /* far too big */
		} else if (c == '.' && point < 0) {
			point = (long)nd;
		} else {
			break;
		}
	}
	if (!seen)
		return -1;
	if (point < 0)
		point = (long)nd;
	if (i < len && (v[i] == 'e' || v[i] == 'E')) {
		int negative = 0, any = 0;
		i++;
		if (i < len && (v[i] == '+' || v[i] == '-'))
			negative = v[i++] == '-';
		for (; i < len && v[i] >= '0' && v[i] <= '9'; i++) {
			any = 1;
			if (exponent < 1000)
				exponent = exponent * 10 + (v[i] - '0');
		}
		if (!any)
			return -1;
		if (negative)
			exponent = -exponent;
	}
	if (i != len)
		return -1;

	long at = point + exponent; /* the decimal point within digits */
	if (at > 9)
		return -1;
	long d = 0;
	for (long k = 0; k < at; k++)
		d = d * 10 + (k < (long)nd ? digits[k] : 0);
	unsigned long long fraction = 0; /* eleven digits after the point */
	for (long k = 0; k < 11; k++) {
		long idx = at + k;
		fraction = fraction * 10 + (unsigned long long)
			   (idx >= 0 && idx < (long)nd ? digits[idx] : 0);
	}
	long ms = (long)((fraction * 86400000ULL + 50000000000ULL) /
			 100000000000ULL);
	if (ms >= 86400000) {
		d++;
		ms -= 86400000;
	}
	*days = d;
	*millis = ms;
	return 0;
}

/*
 * Write the date that serial number v[0..len) stands for, as `shows`
 * says (see xlsx.h), into out[0..size).  Returns 0, or -1 when v is no
 * date: then the cell keeps its number.
 */
static int xlsx_date_text(const char *v, size_t len, unsigned shows,
			  int date1904, char *out, size_t size)
{
	long days, millis, seconds = 0;
	if (xlsx_parse_serial(v, len, &days, &millis) < 0)
		return -1;
	if (shows & XLSX_SHOWS_TIME) {
		seconds = (millis + 500) / 1000;
		if (seconds == 86400) {
			days++;
			seconds = 0;
		}
	}
	int hh = (int)(seconds / 3600), mm = (int)(seconds / 60 % 60),
	    ss = (int)(seconds % 60);
	if (days == 0 && (shows & XLSX_SHOWS_TIME) &&
	    (shows == XLSX_SHOWS_TIME || !date1904)) {
		snprintf(out, size, "%02d:%02d:%02d", hh, mm, ss);
		return 0;
	}

	long unix_days;
	if (date1904)
		unix_days = days - 24107;  /* 0 is 1904-01-01 */
	else if (days >= 61)
		unix_days = days - 25569;  /* 61 is 1900-03-01 */
	else if (days >= 1 && days <= 59)
		unix_days = days - 25568;  /* 1 is 1900-01-01 */
	else if (days == 60)
		unix_days = LONG_MIN;      /* Lotus's 1900-02-29 */
	else
		return -1;

	int year, month, mday;
	if (unix_days == LONG_MIN) {
		year = 1900;
		month = 2;
		mday = 29;
	} else {
		time_t t = (time_t)unix_days * 86400;
		struct tm tm;
		if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999)
			return -1;
		year = tm.tm_year + 1900;
		month = tm.tm_mon + 1;
		mday = tm.tm_mday;
	}
	if (shows & XLSX_SHOWS_TIME)
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d", year,
			 month, mday, hh, mm, ss);
	else
		snprintf(out, size, "%04d-%02d-%02d", year, month, mday);
	return 0;
}

/* ---- the book ---- */

struct xlsx_book *xlsx_open(const void *data, size_t len, char *err,
			    size_t errlen)
{
	static const char ole[8] = { '\xD0', '\xCF', '\x11', '\xE0',
				     '\xA1', '\xB1', '\x1A', '\xE1' };
	struct xlsx_position nowhere = { 0, 0, 0, 0 };
	struct xlsx_book *b;

	xlsx_init();
	b = calloc(1, sizeof(*b));
	if (!b) {
		if (err)
			snprintf(err, errlen, "out of memory");
		return NULL;
	}
	b->state = -1;
	b->data_depth = -1;

	if (!data || len == 0) {
		xlsx_fail(b, NULL, nowhere,
			  "not an XLSX file (no zip archive)");
		goto failed;
	}
	if (len >= sizeof(ole) && memcmp(data, ole, sizeof(ole)) == 0) {
		xlsx_fail(b, NULL, nowhere, "not an XLSX file (an Excel "
			  "97-2003 .xls file, or a workbook protected by a "
			  "password)");
		goto failed;
	}
	char why[200];
	int rc = zippart_open(&b->archive, data, len, XLSX_MAX_INFLATED, why,
			      sizeof(why));
	if (rc == ZIPPART_NOT_ZIP) {
		xlsx_fail(b, NULL, nowhere,
			  "not an XLSX file (no zip archive)");
		goto failed;
	}
	if (rc < 0) {
		xlsx_fail(b, NULL, nowhere, "not an XLSX file (broken zip "
			  "archive: %s)", why);
		goto failed;
	}
	if (xlsx_read_book(b) < 0)
		goto failed;
	b->message[0] = '\0';
	memset(&b->err_at, 0, sizeof(b->err_at));
	b->state = -1;
	return b;

failed:
	if (err)
		snprintf(err, errlen, "%s", b->message);
	xlsx_close(b);
	return NULL;
}

size_t xlsx_sheet_count(const struct xlsx_book *b)
{
	return b->sheet_count;
}

const char *xlsx_sheet_name(const struct xlsx_book *b, size_t i)
{
	return i < b->sheet_count ? b->sheets[i].name : NULL;
}

int xlsx_sheet_begin(struct xlsx_book *b, size_t index, char *err,
		     size_t errlen)
{
	struct xlsx_position at = { index + 1, 0, 0, 0 };

	xlsx_part_close(&b->sheet);
	b->state = -1;
	b->data_depth = -1;
	b->xml_row = 0;
	b->returned = 0;
	b->pending = 0;
	b->filled = 0;
	b->count = 0;
	buf_reset(&b->text);

	if (index >= b->sheet_count) {
		at.sheet = 0;
		xlsx_fail(b, NULL, at, "no sheet %zu: the workbook has %zu",
			  index + 1, b->sheet_count);
		goto failed;
	}
	const struct xlsx_sheet *s = &b->sheets[index];
	if (!s->part) {
		xlsx_fail(b, NULL, at, "the workbook does not say where "
			  "sheet \"%.60s\" is", s->name);
		goto failed;
	}
	if (strcmp(s->kind, "worksheet")) {
		xlsx_fail(b, NULL, at, "\"%.60s\" is a %.30s, not a "
			  "worksheet", s->name, s->kind);
		goto failed;
	}
	if (xlsx_load(b) < 0 ||
	    xlsx_part_open(b, &b->sheet, s->part, index + 1) < 0)
		goto failed;
	b->state = 1;
	b->message[0] = '\0';
	memset(&b->err_at, 0, sizeof(b->err_at));
	return 0;

failed:
	if (err)
		snprintf(err, errlen, "%s", b->message);
	return -1;
}

/* ---- rows ---- */

/* Parse the cell reference "BC12" into column (1-based) and row. */
static int xlsx_parse_ref(const char *ref, size_t *column, size_t *row)
{
	size_t i = 0, c = 0, r = 0;
	for (; ref[i] >= 'A' && ref[i] <= 'Z' && i < 3; i++)
		c = c * 26 + (size_t)(ref[i] - 'A' + 1);
	if (i == 0 || c > XLSX_MAX_COLUMNS)
		return -1;
	size_t digits = 0;
	for (; ref[i] >= '0' && ref[i] <= '9' && digits < 7; i++, digits++)
		r = r * 10 + (size_t)(ref[i] - '0');
	if (ref[i] || digits == 0 || r == 0 || r > XLSX_MAX_ROWS)
		return -1;
	*column = c;
	*row = r;
	return 0;
}

/* Put a cell's value in column `column` of the row, "" in the columns
 * skipped since the last one.  shared: a string not copied, or NULL for
 * text at text[offset..offset + len). */
static int xlsx_place(struct xlsx_book *b, size_t row, size_t column,
		      const char *shared, size_t offset, size_t len)
{
	if (column > b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 16;
		if (cap < column)
			cap = column;
		if (cap > XLSX_MAX_COLUMNS)
			cap = XLSX_MAX_COLUMNS;
		struct xlsx_slot *slots = realloc(b->slots,
						  cap * sizeof(*slots));
		if (slots)
			b->slots = slots;
		const char **cells = realloc(b->cells, cap * sizeof(*cells));
		if (cells)
			b->cells = cells;
		size_t *lens = realloc(b->lens, cap * sizeof(*lens));
		if (lens)
			b->lens = lens;
		if (!slots || !cells || !lens)
			return xlsx_part_fail(&b->sheet, row, column,
					      "out of memory");
		b->cap = cap;
	}
	for (size_t i = b->filled; i + 1 < column; i++)
		b->slots[i] = (struct xlsx_slot){ "", 0, 0 };
	b->slots[column - 1] = (struct xlsx_slot){ shared, offset, len };
	b->filled = column;
	if (len)
		b->count = column;
	return 0;
}

/* Parse a shared string index: decimal digits, below the count. */
static int xlsx_shared_index(const char *v, size_t len, size_t *out)
{
	size_t n = 0;
	if (len == 0 || len > 18)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		n = n * 10 + (size_t)(v[i] - '0');
	}
	*out = n;
	return 0;
}

/*
 * Turn the value read for a cell, at text[start..], into its text (see
 * xlsx.h) and place it.  Returns 0 or -1.
 */
static int xlsx_finish_cell(struct xlsx_book *b, size_t row, size_t column,
			    enum xlsx_cell_type type, unsigned shows,
			    size_t start)
{
	struct xlsx_part *p = &b->sheet;
	size_t len = b->text.len - start;
	char *v = len ? b->text.data + start : NULL;
	char made[64];

	switch (type) {
	case XLSX_CELL_SHARED: {
		size_t i;
		if (xlsx_shared_index(v, len, &i) < 0)
			return xlsx_part_fail(p, row, column, "malformed "
					      "shared string index \"%.*s\"",
					      (int)(len > 20 ? 20 : len),
					      v ? v : "");
		if (i >= b->string_count)
			return xlsx_part_fail(p, row, column, "unknown shared "
					      "string %zu", i);
		xlsx_truncate(&b->text, start);
		size_t at = b->string_offset[i];
		return xlsx_place(b, row, column, b->strings.data + at, 0,
				  b->string_offset[i + 1] - at - 1);
	}
	case XLSX_CELL_NUMBER:
		if (shows && v && xlsx_date_text(v, len, shows, b->date1904,
						 made, sizeof(made)) == 0) {
			xlsx_truncate(&b->text, start);
			buf_puts(&b->text, made);
		}
		break;
	case XLSX_CELL_BOOLEAN:
		if (len == 1 && (v[0] == '0' || v[0] == '1')) {
			const char *word = v[0] == '1' ? "true" : "false";
			xlsx_truncate(&b->text, start);
			buf_puts(&b->text, word);
		}
		break;
	case XLSX_CELL_FORMULA_STRING:
	case XLSX_CELL_INLINE:
		if (v)
			xlsx_truncate(&b->text, start + xlsx_unescape(v, len));
		break;
	case XLSX_CELL_ERROR:
	case XLSX_CELL_ISO_DATE:
		break;
	}
	len = b->text.len - start;
	if (len == 0)
		return xlsx_place(b, row, column, "", 0, 0);
	buf_putc(&b->text, '\0');
	return xlsx_place(b, row, column, NULL, start, len);
}

/*
 * Read the cell p is on (<c>) into the row; *last_column is the column of
 * the previous cell of the row (0 for none), updated.  Returns 0 or -1.
 */
static int xlsx_read_cell(struct xlsx_book *b, size_t *last_column)
{
	static const struct {
		const char *name;
		enum xlsx_cell_type type;
	} types[] = {
		{ "", XLSX_CELL_NUMBER },
		{ "n", XLSX_CELL_NUMBER },
		{ "s", XLSX_CELL_SHARED },
		{ "str", XLSX_CELL_FORMULA_STRING },
		{ "inlineStr", XLSX_CELL_INLINE },
		{ "b", XLSX_CELL_BOOLEAN },
		{ "e", XLSX_CELL_ERROR },
		{ "d", XLSX_CELL_ISO_DATE },
	};
	struct xlsx_part *p = &b->sheet;
	size_t row = b->xml_row, column;
	char ref[16], type_name[16], style[16];
	struct xlsx_attr attrs[] = {
		{ "r", ref, sizeof(ref), 0 },
		{ "t", type_name, sizeof(type_name), 0 },
		{ "s", style, sizeof(style), 0 },
	};
	int empty = p->empty;

	xlsx_attrs(p, attrs, 3);
	if (attrs[0].found) {
		size_t ref_row;
		if (attrs[0].found != 1 ||
		    xlsx_parse_ref(ref, &column, &ref_row) < 0)
			return xlsx_part_fail(p, row, 0, "malformed cell "
					      "reference \"%s\"", ref);
		if (ref_row != row)
			return xlsx_part_fail(p, row, 0, "cell %s is not in "
					      "row %zu", ref, row);
	} else {
		column = *last_column + 1;
		if (column > XLSX_MAX_COLUMNS)
			return xlsx_part_fail(p, row, 0, "more than %zu "
					      "columns", XLSX_MAX_COLUMNS);
	}
	if (column <= *last_column)
		return xlsx_part_fail(p, row, column, "cell out of order, "
				      "after column %zu", *last_column);
	*last_column = column;

	enum xlsx_cell_type type = XLSX_CELL_NUMBER;
	size_t t = 0;
	while (t < sizeof(types) / sizeof(types[0]) &&
	       strcmp(types[t].name, type_name))
		t++;
	if (t == sizeof(types) / sizeof(types[0]))
		return xlsx_part_fail(p, row, column, "unknown cell type "
				      "\"%s\"", type_name);
	type = types[t].type;

	unsigned shows = XLSX_SHOWS_NUMBER;
	if (attrs[2].found == 1) {
		unsigned long xf = xlsx_small_number(style);
		if (xf < b->xf_count)
			shows = b->xf_shows[xf];
	}
	if (empty)
		return 0;

	int cell_depth = p->depth, has_value = 0;
	size_t start = b->text.len;
	for (;;) {
		int rc = xlsx_part_next(p);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return xlsx_part_fail(p, row, column, "XML error: the "
					      "document ends too soon");
		if (p->type == XML_READER_TYPE_END_ELEMENT &&
		    p->depth == cell_depth)
			break;
		if (p->type != XML_READER_TYPE_ELEMENT ||
		    p->depth != cell_depth + 1)
			continue;
		int is_value = !strcmp(p->local, "v");
		int is_inline = !strcmp(p->local, "is");
		if (!is_value && !is_inline)
			continue;
		int wanted = is_inline == (type == XLSX_CELL_INLINE);
		has_value |= wanted;
		if (p->empty)
			continue;
		enum xlsx_text_mode mode = !wanted ? XLSX_TEXT_SKIP :
			is_inline ? XLSX_TEXT_RUNS : XLSX_TEXT_ALL;
		if (xlsx_read_text(p, mode, &b->text, start,
				   XLSX_MAX_ROW_BYTES, row, column) < 0)
			return -1;
	}
	if (!has_value)
		return 0;
	return xlsx_finish_cell(b, row, column, type, shows, start);
}

/*
 * Read the sheet's XML up to the next <row> in <sheetData>, and the row.
 * Returns 1 with the row in the slots (b->count 0 when it has no text), 0
 * at the end of the sheet data, -1 on error.
 */
static int xlsx_read_row(struct xlsx_book *b)
{
	struct xlsx_part *p = &b->sheet;
	int rc;

	for (;;) {
		rc = xlsx_part_next(p);
		if (rc <= 0)
			return rc;
		if (b->data_depth >= 0 && p->depth == b->data_depth &&
		    p->type == XML_READER_TYPE_END_ELEMENT)
			return 0;
		if (p->type != XML_READER_TYPE_ELEMENT)
			continue;
		if (b->data_depth < 0) {
			if (!strcmp(p->local, "sheetData") && !p->empty)
				b->data_depth = p->depth;
			continue;
		}
		if (p->depth == b->data_depth + 1 && !strcmp(p->local, "row"))
			break;
	}

	char number[16];
	struct xlsx_attr attrs[] = { { "r", number, sizeof(number), 0 } };
	int empty = p->empty;
	size_t row = b->xml_row + 1;
	xlsx_attrs(p, attrs, 1);
	if (attrs[0].found) {
		unsigned long n = xlsx_small_number(number);
		if (attrs[0].found != 1 || n == 0 || n == (unsigned long)-1)
			return xlsx_part_fail(p, 0, 0, "malformed row number "
					      "\"%s\"", number);
		row = n;
		if (row <= b->xml_row)
			return xlsx_part_fail(p, row, 0, "rows out of order: "
					      "row %zu after row %zu", row,
					      b->xml_row);
	}
	if (row > XLSX_MAX_ROWS)
		return xlsx_part_fail(p, row, 0, "more than %zu rows",
				      XLSX_MAX_ROWS);
	b->xml_row = row;
	buf_reset(&b->text);
	b->filled = 0;
	b->count = 0;
	if (empty)
		return 1;

	int row_depth = p->depth;
	size_t last_column = 0;
	for (;;) {
		rc = xlsx_part_next(p);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return xlsx_part_fail(p, row, 0, "XML error: the "
					      "document ends too soon");
		if (p->type == XML_READER_TYPE_END_ELEMENT &&
		    p->depth == row_depth)
			return 1;
		if (p->type == XML_READER_TYPE_ELEMENT &&
		    p->depth == row_depth + 1 && !strcmp(p->local, "c") &&
		    xlsx_read_cell(b, &last_column) < 0)
			return -1;
	}
}

int xlsx_next_row(struct xlsx_book *b, struct xlsx_row *row)
{
	if (b->state != 1) {
		if (b->state < 0 && !b->message[0]) {
			struct xlsx_position nowhere = { 0, 0, 0, 0 };
			xlsx_fail(b, NULL, nowhere, "no sheet begun");
		}
		return b->state;
	}
	while (!b->pending) {
		int rc = xlsx_read_row(b);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			xlsx_part_close(&b->sheet);
			b->state = 0;
			return 0;
		}
		b->pending = b->count > 0;
	}
	if (b->returned + 1 < b->xml_row) {
		/* A row the XML skips, or has without values. */
		b->returned++;
		row->cells = xlsx_no_cells;
		row->lens = xlsx_no_lens;
		row->count = 0;
		row->row_number = b->returned;
		return 1;
	}
	for (size_t i = 0; i < b->count; i++) {
		const struct xlsx_slot *s = &b->slots[i];
		b->cells[i] = s->shared ? s->shared : b->text.data + s->offset;
		b->lens[i] = s->len;
	}
	b->pending = 0;
	b->returned = b->xml_row;
	row->cells = b->cells;
	row->lens = b->lens;
	row->count = b->count;
	row->row_number = b->xml_row;
	return 1;
}

const char *xlsx_error(const struct xlsx_book *b)
{
	return b->message;
}

void xlsx_error_position(const struct xlsx_book *b,
			 struct xlsx_position *where)
{
	*where = b->err_at;
}

void xlsx_close(struct xlsx_book *b)
{
	if (!b)
		return;
	xlsx_part_close(&b->sheet);
	zippart_close(&b->archive);
	buf_release(&b->strings);
	buf_release(&b->text);
	free(b->string_offset);
	free(b->xf_shows);
	free(b->sheets);
	free(b->slots);
	free(b->cells);
	free(b->lens);
	arena_release(&b->arena);
	free(b);
}
