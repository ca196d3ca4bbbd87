/*
 * zippart.h - the entries ("parts") of a zip archive held in memory, read
 * with limits, whole or as XML: what office documents (OOXML, OpenDocument)
 * are made of.  Used by the XLSX reader (xlsx.c), text extraction
 * (extract.c) and the confirmation of office file types (filetype.c).
 *
 * Hostile input is expected.  An archive counts the bytes decompressed
 * from it, all entries and all passes together, against its own limit.
 * An entry is refused before it is read when it is encrypted, when the
 * archive does not say its size, when its declared size is over the
 * caller's limit for one entry, when (over a floor) it is more than a
 * ratio times its compressed size, or when it is over what is left of the
 * archive's limit.  While it is read, decompression stops as soon as more
 * comes out than its declared size, or than the archive's limit allows.
 *
 * XML is read with libxml2's xmlReader: a document type declaration (DTD)
 * is an error, hence no entity is ever declared, loaded or expanded; no
 * network access; libxml2's errors are kept on the reader, never printed.
 * libxml2 reports a few errors (of character encoding conversion) with no
 * parser context, through the thread's generic error handler, which
 * prints them on stderr: a hostile upload would fill the log.  That
 * handler is silenced for the thread while a reader reads, and put back
 * after (the parser's own error, which follows, says what went wrong).
 *
 * Messages are English.  Those of an entry refused before it is read call
 * it "the part" ("the part is encrypted"): the caller says where
 * ("word/document.xml: ", "sheet 1: ").  Those of decompression, which
 * the caller places at a line, name it: "xl/worksheets/sheet1.xml
 * decompresses to more than its declared size".
 *
 * An archive, and the readers of its entries, are used by one thread at a
 * time (not always the same one).  Call xmlInitParser() once before
 * threads use libxml2.
 */
#ifndef PASSERELLE_ZIPPART_H
#define PASSERELLE_ZIPPART_H

#include <pthread.h>
#include <stddef.h>

#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <zip.h>

/* What the functions return besides 0 (success). */
enum zippart_status {
	ZIPPART_ERROR = -1,   /* a message says why */
	ZIPPART_MISSING = -2, /* no entry of that name; no message */
	ZIPPART_NOT_ZIP = -3, /* zippart_open(): not a zip archive at all */
};

/* An archive open for reading, and what was decompressed from it. */
struct zippart_archive {
	zip_t *zip;          /* to list or find entries; NULL when closed */
	size_t inflated;     /* bytes decompressed from it so far */
	size_t max_inflated; /* the most that may be, all entries together */
};

/* What one entry may be; { SIZE_MAX, 0, 0 }: only the archive's limit. */
struct zippart_limits {
	size_t max_bytes;   /* its size once decompressed */
	unsigned max_ratio; /* decompressed over compressed size; 0: any */
	size_t ratio_floor; /* the ratio is checked over this size only */
};

/*
 * Open the zip archive in data[0..len), which is not copied: it must stay
 * valid and unchanged until zippart_close().  At most max_inflated bytes
 * will be decompressed from it (SIZE_MAX: no limit but each entry's).
 * Returns 0; ZIPPART_NOT_ZIP, with "not a zip archive" in err[0..errlen)
 * (when err is not NULL); or ZIPPART_ERROR with libzip's reason ("Zip
 * archive inconsistent").  On failure a is closed.
 */
int zippart_open(struct zippart_archive *a, const void *data, size_t len,
		 size_t max_inflated, char *err, size_t errlen);

/* Close a (nothing when it is closed already, or zeroed). */
void zippart_close(struct zippart_archive *a);

/*
 * Read the entry called `name` (ASCII case ignored) whole, within
 * `limits` and a's limit: a malloc'd copy the caller frees in *data,
 * NUL-terminated (the entry may hold NULs), its length in *len.  Returns
 * 0; ZIPPART_MISSING; or ZIPPART_ERROR with a message in err[0..errlen)
 * (when err is not NULL), *data left alone.
 */
int zippart_read(struct zippart_archive *a, const char *name,
		 const struct zippart_limits *limits, char **data, size_t *len,
		 char *err, size_t errlen);

/* An entry being decompressed: a reader's own. */
struct zippart_entry {
	struct zippart_archive *archive;
	const char *name;
	zip_file_t *file;
	zip_uint64_t declared; /* uncompressed size, central directory */
	zip_uint64_t inflated; /* decompressed so far */
	char error[200];       /* why decompression stopped */
};

/* An XML entry being read: the fields before `entry` are the caller's to
 * read, the rest the reader's own. */
struct zippart_xml {
	xmlTextReaderPtr reader; /* on the node zippart_xml_read() read */
	int type;                /* its type: XML_READER_TYPE_ELEMENT... */
	/* Why zippart_xml_read() returned -1: of the XML, "XML error: " and
	 * libxml2's message (the first fatal error, else the first); of
	 * decompression, "cannot decompress NAME: ...", "NAME decompresses
	 * to more than its declared size"... */
	char error[240];
	size_t error_line; /* line of the XML error libxml2 gave, 0: none */
	int xml_fault;     /* 1: the XML is at fault; 0: decompression */

	struct zippart_entry entry;
	char xml_error[200]; /* the XML error kept */
	int xml_error_fatal;
	size_t xml_error_line;
	/* Where libxml2 keeps the generic error handler of `thread`. */
	pthread_t thread;
	xmlGenericErrorFunc *handler_slot;
	void **context_slot;
};

/*
 * Open the entry called `name` (ASCII case ignored) of a, within `limits`
 * and a's limit, for reading as XML into *x; name must stay valid, and *x
 * where it is (libxml2 keeps its address), until zippart_xml_close().  Returns 0; ZIPPART_MISSING; or ZIPPART_ERROR with
 * a message in err[0..errlen) (when err is not NULL): "the part is
 * encrypted", "the part is 22020096 bytes once decompressed, over the
 * limit of 20 MiB", "the part decompresses to more than 100 times its
 * size (...), a zip bomb", "the part is 629145600 bytes once
 * decompressed, over the limit of 512 MiB for a file"...  *x may be
 * given to zippart_xml_close() whatever this returns.
 */
int zippart_xml_open(struct zippart_xml *x, struct zippart_archive *a,
		     const char *name, const struct zippart_limits *limits,
		     char *err, size_t errlen);

/*
 * Read the next node into x->reader and x->type.  Returns 1; 0 at the
 * end of the document; -1 on an error of the XML (a document type
 * declaration among them) or of decompression, with x->error, error_line
 * and xml_fault set.
 */
int zippart_xml_read(struct zippart_xml *x);

/* Close the reader and the entry (nothing when they are closed already). */
void zippart_xml_close(struct zippart_xml *x);

#endif
