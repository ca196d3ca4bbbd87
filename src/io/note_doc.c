/*
 * note_doc.c - the model the note writers read (note_doc_internal.h):
 * the cmark tree of the note walked once, meta data cleaned, and what the
 * two XML formats share (escaping, zipping).
 */
#include "io/note_doc_internal.h"

#include "base/text.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <zip.h>

#include "io/markdown.h"

/* The longest meta data string kept, in bytes. */
#define NOTE_MAX_META 2000

/* The date of every zip entry, in MS-DOS format: 1980-01-01 00:00. */
#define NOTE_ZIP_DOS_DATE ((0 << 9) | (1 << 5) | 1)
#define NOTE_ZIP_DOS_TIME 0

/* ---- text ---- */

/*
 * Append s[0..n) to out as clean text: invalid UTF-8 as U+FFFD; C0
 * controls but tab, DEL, C1 controls, U+FFFE and U+FFFF left out; line
 * ends (LF, CR LF, CR) kept as '\n' when `lines`, else made spaces.
 */
static void note_clean_append(struct buf *out, const char *s, size_t n,
			      int lines)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t k = text_utf8_seq(p + i, n - i);
		if (k == 0) {
			buf_puts(out, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		unsigned char c = p[i];
		if (c == '\r' || c == '\n') {
			if (c == '\r' && i + 1 < n && p[i + 1] == '\n')
				i++;
			buf_putc(out, lines ? '\n' : ' ');
		} else if (k == 1 && ((c < 0x20 && c != '\t') || c == 0x7F)) {
			/* left out */
		} else if (k == 2 && c == 0xC2 && p[i + 1] < 0xA0) {
			/* C1 control: left out */
		} else if (k == 3 && c == 0xEF && p[i + 1] == 0xBF &&
			   p[i + 2] >= 0xBE) {
			/* U+FFFE, U+FFFF: left out */
		} else {
			buf_append(out, s + i, k);
		}
		i += k;
	}
}

/* A clean copy of s (NULL: ""), one line, at most `max` bytes (cut on a
 * character), in the arena. */
static const char *note_clean_line(struct arena *a, const char *s, size_t max)
{
	struct buf b = BUF_INIT;
	if (s)
		note_clean_append(&b, s, strlen(s), 0);
	size_t n = b.len;
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)b.data[n] & 0xC0) == 0x80)
			n--;
	}
	const char *copy = arena_strndup(a, buf_str(&b), n);
	buf_release(&b);
	return copy;
}

void note_xml_escape(struct buf *out, const char *s, size_t len)
{
	size_t from = 0;
	for (size_t i = 0; i < len; i++) {
		const char *entity;
		switch (s[i]) {
		case '&': entity = "&amp;"; break;
		case '<': entity = "&lt;"; break;
		case '>': entity = "&gt;"; break;
		case '"': entity = "&quot;"; break;
		case '\'': entity = "&apos;"; break;
		default: continue;
		}
		buf_append(out, s + from, i - from);
		buf_puts(out, entity);
		from = i + 1;
	}
	buf_append(out, s + from, len - from);
}

void note_xml_puts(struct buf *out, const char *s)
{
	note_xml_escape(out, s, strlen(s));
}

const char *note_runs_text(struct note_doc *d, const struct note_run *runs)
{
	struct buf b = BUF_INIT;
	for (const struct note_run *r = runs; r; r = r->next)
		if (r->line_break)
			buf_putc(&b, ' ');
		else
			buf_append(&b, r->text, r->len);
	const char *text = arena_strndup(&d->arena, buf_str(&b), b.len);
	buf_release(&b);
	return text;
}

/* ---- the model ---- */

struct note_builder {
	struct note_doc *doc;
	struct note_block *stack[NOTE_MAX_DEPTH + 1]; /* [0]: the root */
	cmark_node *source[NOTE_MAX_DEPTH + 1];
	int depth;
};

/* Runs being collected: text in one style waits in `pending`. */
struct note_runs {
	struct note_doc *doc;
	struct note_run *head, *tail;
	struct buf pending;
	unsigned style;
	const char *link;
};

static struct note_block *note_block_new(struct note_doc *d,
					 enum note_kind kind)
{
	struct note_block *b = arena_alloc(&d->arena, sizeof(*b));
	b->kind = kind;
	return b;
}

static void note_append(struct note_block *parent, struct note_block *b)
{
	if (parent->last_child)
		parent->last_child->next = b;
	else
		parent->children = b;
	parent->last_child = b;
}

static void note_runs_push(struct note_runs *rs, struct note_run *r)
{
	if (rs->tail)
		rs->tail->next = r;
	else
		rs->head = r;
	rs->tail = r;
}

/* Make the pending text a run. */
static void note_runs_flush(struct note_runs *rs)
{
	if (rs->pending.len == 0)
		return;
	struct note_run *r = arena_alloc(&rs->doc->arena, sizeof(*r));
	r->text = arena_strndup(&rs->doc->arena, rs->pending.data,
				rs->pending.len);
	r->len = rs->pending.len;
	r->style = rs->style;
	r->link = rs->link;
	note_runs_push(rs, r);
	buf_reset(&rs->pending);
}

/* Add s in `style`, inside `link` (NULL: none). */
static void note_runs_add(struct note_runs *rs, const char *s, unsigned style,
			   const char *link, int lines)
{
	if (!s || !*s)
		return;
	if (style != rs->style || link != rs->link) {
		note_runs_flush(rs);
		rs->style = style;
		rs->link = link;
	}
	note_clean_append(&rs->pending, s, strlen(s), lines);
}

static void note_runs_break(struct note_runs *rs)
{
	note_runs_flush(rs);
	struct note_run *r = arena_alloc(&rs->doc->arena, sizeof(*r));
	r->text = "";
	r->line_break = 1;
	note_runs_push(rs, r);
}

/* The runs of the inline content of `parent` (a paragraph, heading or
 * table cell), walked without recursion. */
static struct note_run *note_inlines(struct note_doc *d, cmark_node *parent)
{
	struct note_runs rs = { d, NULL, NULL, BUF_INIT, 0, NULL };
	int bold = 0, italic = 0, strike = 0;
	const char *link = NULL;
	cmark_node *link_node = NULL;

	cmark_iter *iter = cmark_iter_new(parent);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		if (node == parent)
			continue;
		int step = ev == CMARK_EVENT_ENTER ? 1 : -1;
		unsigned style = (bold ? NOTE_BOLD : 0) |
				 (italic ? NOTE_ITALIC : 0) |
				 (strike ? NOTE_STRIKE : 0);
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:
			note_runs_add(&rs, cmark_node_get_literal(node), style,
				       link, 0);
			break;
		case CMARK_NODE_CODE:
			note_runs_add(&rs, cmark_node_get_literal(node),
				       style | NOTE_CODE, link, 0);
			break;
		case CMARK_NODE_SOFTBREAK:
			note_runs_add(&rs, " ", style, link, 0);
			break;
		case CMARK_NODE_LINEBREAK:
			note_runs_break(&rs);
			break;
		case CMARK_NODE_EMPH:
			italic += step;
			break;
		case CMARK_NODE_STRONG:
			bold += step;
			break;
		case CMARK_NODE_IMAGE:
			/* Its description, in italics. */
			italic += step;
			/* fall through */
		case CMARK_NODE_LINK:
			if (ev == CMARK_EVENT_ENTER && !link_node) {
				const char *url = cmark_node_get_url(node);
				link_node = node;
				if (markdown_url_kind(url, NULL, 0) ==
				    MARKDOWN_URL_ABSOLUTE)
					link = note_clean_line(&d->arena, url,
							       SIZE_MAX);
			} else if (ev == CMARK_EVENT_EXIT && node == link_node) {
				link_node = NULL;
				link = NULL;
			}
			break;
		default:
			if (strcmp(cmark_node_get_type_string(node),
				   "strikethrough") == 0)
				strike += step;
			break;
		}
	}
	cmark_iter_free(iter);
	note_runs_flush(&rs);
	buf_release(&rs.pending);
	return rs.head;
}

/* A leaf block of literal text (code block, raw HTML). */
static struct note_block *note_literal(struct note_doc *d, const char *s)
{
	struct note_block *b = note_block_new(d, NOTE_CODE_BLOCK);
	struct note_runs rs = { d, NULL, NULL, BUF_INIT, NOTE_CODE, NULL };
	note_runs_add(&rs, s, NOTE_CODE, NULL, 1);
	/* cmark keeps the last line's end: not a line of its own. */
	while (rs.pending.len && rs.pending.data[rs.pending.len - 1] == '\n')
		rs.pending.len--;
	note_runs_flush(&rs);
	buf_release(&rs.pending);
	b->runs = rs.head;
	return b;
}

static struct note_block *note_table(struct note_doc *d, cmark_node *table)
{
	struct note_block *b = note_block_new(d, NOTE_TABLE);
	for (cmark_node *row = cmark_node_first_child(table); row;
	     row = cmark_node_next(row)) {
		size_t n = 0;
		for (cmark_node *c = cmark_node_first_child(row); c;
		     c = cmark_node_next(c))
			n++;
		b->rows++;
		if (n > b->cols)
			b->cols = n;
	}
	if (b->cols == 0)
		b->cols = 1;
	b->cells = arena_alloc(&d->arena,
			       (b->rows ? b->rows : 1) * b->cols *
			       sizeof(*b->cells));
	b->align = arena_alloc(&d->arena, b->cols * sizeof(*b->align));
	uint16_t ncols = cmark_gfm_extensions_get_table_columns(table);
	uint8_t *align = cmark_gfm_extensions_get_table_alignments(table);
	for (size_t i = 0; align && i < ncols && i < b->cols; i++)
		b->align[i] = align[i] == 'l' ? NOTE_ALIGN_LEFT :
			      align[i] == 'c' ? NOTE_ALIGN_CENTER :
			      align[i] == 'r' ? NOTE_ALIGN_RIGHT :
			      NOTE_ALIGN_NONE;
	size_t r = 0;
	for (cmark_node *row = cmark_node_first_child(table); row;
	     row = cmark_node_next(row), r++) {
		size_t c = 0;
		for (cmark_node *cell = cmark_node_first_child(row); cell;
		     cell = cmark_node_next(cell), c++)
			b->cells[r * b->cols + c] = note_inlines(d, cell);
	}
	return b;
}

/* The container blocks are added to. */
static struct note_block *note_top(struct note_builder *b)
{
	return b->stack[b->depth];
}

/* Enter a list, item or quote: a block of its own while there is room,
 * else its content goes to the current container. */
static void note_enter(struct note_builder *b, cmark_node *node,
		       enum note_kind kind)
{
	struct note_block *top = note_top(b);
	int room = kind == NOTE_LIST ? b->depth + 2 <= NOTE_MAX_DEPTH :
		   kind == NOTE_ITEM ? top->kind == NOTE_LIST :
		   b->depth + 1 <= NOTE_MAX_DEPTH;
	if (!room)
		return;
	struct note_block *block = note_block_new(b->doc, kind);
	if (kind == NOTE_LIST) {
		block->ordered = cmark_node_get_list_type(node) ==
				 CMARK_ORDERED_LIST;
		block->start = cmark_node_get_list_start(node);
	}
	note_append(top, block);
	b->depth++;
	b->stack[b->depth] = block;
	b->source[b->depth] = node;
}

static void note_build_blocks(struct note_builder *b, cmark_node *doc)
{
	struct note_doc *d = b->doc;
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		if (ev == CMARK_EVENT_EXIT) {
			if (b->depth > 0 && b->source[b->depth] == node)
				b->depth--;
			continue;
		}
		struct note_block *block = NULL;
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_LIST:
			note_enter(b, node, NOTE_LIST);
			continue;
		case CMARK_NODE_ITEM:
			note_enter(b, node, NOTE_ITEM);
			continue;
		case CMARK_NODE_BLOCK_QUOTE:
			note_enter(b, node, NOTE_QUOTE);
			continue;
		case CMARK_NODE_PARAGRAPH:
			block = note_block_new(d, NOTE_PARAGRAPH);
			block->runs = note_inlines(d, node);
			break;
		case CMARK_NODE_HEADING:
			block = note_block_new(d, NOTE_HEADING);
			block->level = cmark_node_get_heading_level(node);
			if (block->level < 1 || block->level > 6)
				block->level = 1;
			block->runs = note_inlines(d, node);
			break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			block = note_literal(d, cmark_node_get_literal(node));
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			block = note_block_new(d, NOTE_RULE);
			break;
		default:
			if (strcmp(cmark_node_get_type_string(node),
				   "table") == 0)
				block = note_table(d, node);
			/* Other containers: their content goes where they
			 * are; stray inlines are not shown. */
			break;
		}
		if (!block)
			continue;
		note_append(note_top(b), block);
		/* Its content is read: go on after it. */
		cmark_iter_reset(iter, node, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(iter);
}

int note_doc_build(struct note_doc *d, const struct note_doc_meta *m,
		   const char *markdown, size_t len, char *err, size_t errlen)
{
	memset(d, 0, sizeof(*d));
	d->root = note_block_new(d, NOTE_DOCUMENT);
	if (len > MARKDOWN_MAX_BYTES)
		return fail_message(err, errlen, "the note is %zu bytes long, "
				 "over the limit of %zu", len,
				 MARKDOWN_MAX_BYTES);

	static const struct note_doc_meta none;
	if (!m)
		m = &none;
	struct arena *a = &d->arena;
	const size_t max = NOTE_MAX_META;
	d->organization = note_clean_line(a, m->organization, max);
	d->kind_label = note_clean_line(a, m->kind_label, max);
	d->title = note_clean_line(a, m->title, max);
	d->date = note_clean_line(a, m->date, max);
	d->author = note_clean_line(a, m->author, max);
	d->validator = note_clean_line(a, m->validator, max);
	d->label_date = note_clean_line(a, m->label_date ? m->label_date :
					"Date", max);
	d->label_author = note_clean_line(a, m->label_author ?
					  m->label_author : "Written by", max);
	d->label_validator = note_clean_line(a, m->label_validator ?
					     m->label_validator :
					     "Validated by", max);
	d->label_page = note_clean_line(a, m->label_page ? m->label_page :
					"Page", max);
	/* A language tag goes into attributes as it is: letters, digits
	 * and hyphens only. */
	d->lang = "";
	if (m->lang && *m->lang && strlen(m->lang) <= 35 &&
	    strspn(m->lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV"
		   "WXYZ0123456789-") == strlen(m->lang))
		d->lang = arena_strdup(a, m->lang);

	cmark_node *doc = markdown_parse(markdown ? markdown : "", len);
	struct note_builder b;
	memset(&b, 0, sizeof(b));
	b.doc = d;
	b.stack[0] = d->root;
	b.source[0] = doc;
	note_build_blocks(&b, doc);
	cmark_node_free(doc);
	return 0;
}

void note_doc_release(struct note_doc *d)
{
	arena_release(&d->arena);
	memset(d, 0, sizeof(*d));
}

/* ---- zip ---- */

int note_zip(struct buf *out, const struct note_part *parts, size_t n,
	     char *err, size_t errlen)
{
	int rc = -1;
	zip_error_t ze;
	zip_error_init(&ze);
	zip_t *z = NULL;
	zip_source_t *archive = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!archive) {
		fail_message(err, errlen, "cannot create the archive: %s",
			  zip_error_strerror(&ze));
		goto out;
	}
	zip_source_keep(archive);
	z = zip_open_from_source(archive, ZIP_TRUNCATE, &ze);
	if (!z) {
		fail_message(err, errlen, "cannot create the archive: %s",
			  zip_error_strerror(&ze));
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const struct buf *data = parts[i].data;
		zip_source_t *s = zip_source_buffer(z, buf_str(data),
						    data->len, 0);
		zip_int64_t idx = s ? zip_file_add(z, parts[i].name, s,
						   ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0) {
			if (s)
				zip_source_free(s);
			fail_message(err, errlen, "cannot add %s to the archive: "
				  "%s", parts[i].name, zip_strerror(z));
			goto out;
		}
		if (zip_set_file_compression(z, (zip_uint64_t)idx,
					     parts[i].store ? ZIP_CM_STORE :
					     ZIP_CM_DEFLATE, 0) < 0 ||
		    zip_file_set_dostime(z, (zip_uint64_t)idx,
					 NOTE_ZIP_DOS_TIME, NOTE_ZIP_DOS_DATE,
					 0) < 0) {
			fail_message(err, errlen, "cannot add %s to the archive: "
				  "%s", parts[i].name, zip_strerror(z));
			goto out;
		}
	}
	if (zip_close(z) < 0) {
		fail_message(err, errlen, "cannot write the archive: %s",
			  zip_strerror(z));
		goto out;
	}
	z = NULL;

	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_source_open(archive) < 0 || zip_source_stat(archive, &st) < 0 ||
	    !(st.valid & ZIP_STAT_SIZE)) {
		fail_message(err, errlen, "cannot read the archive back: %s",
			  zip_error_strerror(zip_source_error(archive)));
		goto out;
	}
	struct buf bytes = BUF_INIT;
	char chunk[8192];
	zip_int64_t got;
	while ((got = zip_source_read(archive, chunk, sizeof(chunk))) > 0)
		buf_append(&bytes, chunk, (size_t)got);
	zip_source_close(archive);
	if (got < 0 || bytes.len != st.size) {
		buf_release(&bytes);
		fail_message(err, errlen, "cannot read the archive back");
		goto out;
	}
	buf_append(out, bytes.data, bytes.len);
	buf_release(&bytes);
	rc = 0;
out:
	if (z)
		zip_discard(z);
	if (archive)
		zip_source_free(archive);
	zip_error_fini(&ze);
	return rc;
}
