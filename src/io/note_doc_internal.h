/*
 * note_doc_internal.h - what note_doc.c shares with the writers
 * (note_docx.c, note_odt.c, note_pdf.c).  Not for use outside
 * src/io/note_*.c.
 *
 * note_doc.c reads the cmark tree once and turns it into a small model
 * that every writer reads: a tree of blocks whose text is runs of one
 * style each.  Everything in it is clean text (see note_doc.h): valid
 * UTF-8 without the characters XML refuses, so a writer only has to
 * escape.  The tree is at most NOTE_MAX_DEPTH containers deep, so the
 * writers may recurse.
 */
#ifndef PASSERELLE_NOTE_DOC_INTERNAL_H
#define PASSERELLE_NOTE_DOC_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "io/note_doc.h"

/* Containers (lists, items, quotes) nested at most; a list takes two
 * levels with its items, so lists nest five deep. */
#define NOTE_MAX_DEPTH 10

enum note_style {
	NOTE_BOLD = 1,
	NOTE_ITALIC = 2,
	NOTE_STRIKE = 4,
	NOTE_CODE = 8,
	NOTE_STYLES = 16, /* the number of combinations */
};

/* Text in one style. */
struct note_run {
	struct note_run *next;
	const char *text;   /* may hold tabs; line feeds only in code blocks */
	size_t len;
	unsigned style;     /* enum note_style bits */
	const char *link;   /* NULL, or the http:, https: or mailto: address
			     * of the link the run is in: the runs of one
			     * link share the pointer */
	int line_break;     /* a hard line break, without text */
};

enum note_kind {
	NOTE_DOCUMENT,  /* the root: its children */
	NOTE_PARAGRAPH, /* runs */
	NOTE_HEADING,   /* level, runs */
	NOTE_CODE_BLOCK, /* one run, lines separated by '\n' */
	NOTE_RULE,
	NOTE_TABLE,     /* rows, cols, cells, align */
	NOTE_LIST,      /* ordered, start; children: items */
	NOTE_ITEM,      /* children: blocks */
	NOTE_QUOTE,     /* children: blocks */
};

enum note_align {
	NOTE_ALIGN_NONE,
	NOTE_ALIGN_LEFT,
	NOTE_ALIGN_CENTER,
	NOTE_ALIGN_RIGHT,
};

struct note_block {
	enum note_kind kind;
	struct note_block *next;       /* the next sibling */
	struct note_block *children;
	struct note_block *last_child;
	struct note_run *runs;
	int level;                     /* heading: 1 to 6 */
	int ordered;                   /* list */
	int start;                     /* ordered list: first number */
	size_t rows, cols;             /* table: row 0 is the header */
	struct note_run **cells;       /* table: rows * cols, row by row */
	enum note_align *align;        /* table: cols */
};

/* A note ready to write: meta data cleaned, labels defaulted. */
struct note_doc {
	struct arena arena;            /* everything below */
	struct note_block *root;
	const char *organization, *kind_label, *title, *date, *author;
	const char *validator;         /* "" when none */
	const char *lang;              /* "" when not a language tag */
	const char *label_date, *label_author, *label_validator;
	const char *label_page;
};

/*
 * Build d from the meta data and markdown[0..len).  0, or -1 with a
 * message in err when the note is too long.  Release d in either case.
 */
int note_doc_build(struct note_doc *d, const struct note_doc_meta *m,
		   const char *markdown, size_t len, char *err,
		   size_t errlen);
void note_doc_release(struct note_doc *d);

/* The plain text of runs (line breaks as spaces), in d's arena: for
 * bookmarks and titles. */
const char *note_runs_text(struct note_doc *d, const struct note_run *runs);

/* Append s[0..len) to out with & < > " ' escaped. */
void note_xml_escape(struct buf *out, const char *s, size_t len);
void note_xml_puts(struct buf *out, const char *s);

/* One file of a zip archive. */
struct note_part {
	const char *name;
	const struct buf *data;
	int store;                     /* 1: not compressed */
};

/*
 * Zip parts[0..n), in that order, and append the archive to out: 0, or
 * -1 with a message in err and out as it was.  Every entry is dated
 * 1980-01-01 00:00, so the same parts give the same bytes.
 */
int note_zip(struct buf *out, const struct note_part *parts, size_t n,
	     char *err, size_t errlen);

#endif
