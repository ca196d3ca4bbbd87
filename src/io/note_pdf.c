/*
 * note_pdf.c - a note as a PDF, laid out here with Pango and drawn with
 * cairo on A4 pages.
 *
 * Every block is a Pango layout as wide as the text column less its
 * indentation; its lines are drawn one at a time, so that a paragraph
 * that does not fit continues on the next page.  A heading starts a new
 * page rather than end one.  Each page has the header (the organisation
 * on the left, the kind of note on the right, a rule) and the footer
 * ("Page n").  Links are live (cairo's link tags, one rectangle per piece
 * of line), and headings 1 to 6 are the PDF's bookmarks.
 *
 * Tables: columns as wide as their text wants when that fits, else each
 * column gets its fair share and the columns that want more share what
 * the narrow ones leave.  A row that does not fit on the page goes to the
 * next one, under the header row repeated; a row taller than a whole page
 * (or with a cell over PDF_CHUNK bytes) is written as paragraphs, each
 * cell after its column's heading; so are all the rows of a table with
 * too many columns to give each PDF_MIN_COLUMN points.
 *
 * Pango's time grows faster than the length of a paragraph (a 200 kB word
 * takes a minute): text is laid out PDF_CHUNK bytes at a time, cut at a
 * line feed or a space when there is one, so a giant paragraph continues
 * on a new line every few thousand characters, in linear time.
 *
 * Coordinates are in points (1/72 inch), y going down.  Numbers written
 * into cairo's attribute strings are integers: no locale can turn a
 * decimal point into a comma there.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "io/note_doc_internal.h"

#define PDF_PAGE_WIDTH 595.28
#define PDF_PAGE_HEIGHT 841.89
#define PDF_LEFT 70.87          /* 2.5 cm */
#define PDF_WIDTH (PDF_PAGE_WIDTH - 2 * PDF_LEFT)
#define PDF_TOP 92.0            /* the text, under the header */
#define PDF_BOTTOM (PDF_PAGE_HEIGHT - 70.0)
#define PDF_HEADER_Y 40.0
#define PDF_FOOTER_Y (PDF_PAGE_HEIGHT - 48.0)

#define PDF_FAMILY "DejaVu Sans,Noto Sans"
#define PDF_MONO "DejaVu Sans Mono,Noto Sans Mono"
#define PDF_SIZE 10.0           /* body text */
#define PDF_CODE_SIZE 9.0
#define PDF_SMALL 8.5           /* header, footer */
#define PDF_LIST_INDENT 20.0
#define PDF_QUOTE_INDENT 14.0
#define PDF_CELL_PAD 4.0
#define PDF_META_LABEL 115.0    /* the meta block's first column */
#define PDF_CHUNK 4000          /* bytes of text laid out at once */
#define PDF_MIN_COLUMN 24.0     /* narrower, a table is written as text */

/* Colours, 0xRRGGBB. */
#define PDF_ACCENT 0x1F3864
#define PDF_ACCENT2 0x2E5395
#define PDF_KIND 0x2E74B5
#define PDF_GREY 0x595959
#define PDF_RULE 0xA6A6A6
#define PDF_BORDER 0x808080
#define PDF_HEAD_FILL 0xD9E2F3
#define PDF_CODE_FILL 0xF2F2F2
#define PDF_LINK 0x0563C1
#define PDF_TEXT 0x1A1A1A

/* Bytes of a layout's text in one style, or in one link. */
struct pdf_span {
	unsigned start, end;
	unsigned style;       /* enum note_style bits */
	const char *link;     /* NULL when not in a link */
};

/* A layout's text: its styled spans, in order, and the attributes of the
 * whole text (a heading's colour...). */
struct pdf_text {
	struct buf text;
	struct pdf_span *spans;
	size_t nspans, cap;
	PangoAttrList *whole;
};

struct pdf {
	struct note_doc *doc;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fonts;  /* its own: see note_pdf_write() */
	PangoContext *context;
	int page;             /* pages begun */
	double y;             /* where the next line goes */
	int outline[7];       /* bookmark of the last heading of each level */
};

/* Where a block is drawn. */
struct pdf_ctx {
	double indent;        /* from the left margin */
	int quote;            /* block quotes around it */
	double bars[NOTE_MAX_DEPTH]; /* their bars' x */
	const char *label;    /* for an item's first block: its label */
};

/* Decorations of the lines of one block. */
struct pdf_deco {
	const struct pdf_ctx *ctx; /* its quote bars */
	int shade;                 /* a grey background (code) */
	double shade_x, shade_w;
	const char *label;         /* drawn left of the first line */
	double label_right;        /* where the label ends */
};

static void pdf_color(cairo_t *cr, unsigned rgb)
{
	cairo_set_source_rgb(cr, (rgb >> 16 & 0xFF) / 255.0,
			     (rgb >> 8 & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);
}

/* ---- text ---- */

static void pdf_text_init(struct pdf_text *t)
{
	memset(t, 0, sizeof(*t));
	t->whole = pango_attr_list_new();
}

static void pdf_text_release(struct pdf_text *t)
{
	buf_release(&t->text);
	pango_attr_list_unref(t->whole);
	free(t->spans);
	memset(t, 0, sizeof(*t));
}

/* Apply attribute a to the whole of t, whatever is added later. */
static void pdf_text_attr(struct pdf_text *t, PangoAttribute *a)
{
	a->start_index = PANGO_ATTR_INDEX_FROM_TEXT_BEGINNING;
	a->end_index = PANGO_ATTR_INDEX_TO_TEXT_END;
	pango_attr_list_insert(t->whole, a);
}

static PangoAttribute *pdf_attr_color(unsigned rgb)
{
	return pango_attr_foreground_new((guint16)((rgb >> 16 & 0xFF) * 257),
					 (guint16)((rgb >> 8 & 0xFF) * 257),
					 (guint16)((rgb & 0xFF) * 257));
}

static void pdf_text_add(struct pdf_text *t, const char *s, size_t len,
			 unsigned style, const char *link)
{
	unsigned start = (unsigned)t->text.len;
	buf_append(&t->text, s, len);
	unsigned end = (unsigned)t->text.len;
	if (end == start || (!style && !link))
		return;
	struct pdf_span *last = t->nspans ? &t->spans[t->nspans - 1] : NULL;
	if (last && last->end == start && last->style == style &&
	    last->link == link) {
		last->end = end;
		return;
	}
	if (t->nspans == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 8;
		t->spans = realloc(t->spans, t->cap * sizeof(*t->spans));
		if (!t->spans)
			abort();
	}
	t->spans[t->nspans++] = (struct pdf_span){ start, end, style, link };
}

/* The index of the first span of t that ends after byte `at`. */
static size_t pdf_span_after(const struct pdf_text *t, size_t at)
{
	size_t lo = 0, hi = t->nspans;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->spans[mid].end <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Add attribute a to list for bytes [start, end). */
static void pdf_attr(PangoAttrList *list, PangoAttribute *a, unsigned start,
		     unsigned end)
{
	a->start_index = start;
	a->end_index = end;
	pango_attr_list_insert(list, a);
}

/* The attributes of t's bytes [from, to), counted from `from`. */
static PangoAttrList *pdf_attrs(const struct pdf_text *t, size_t from,
				size_t to)
{
	PangoAttrList *list = pango_attr_list_copy(t->whole);
	for (size_t i = pdf_span_after(t, from);
	     i < t->nspans && t->spans[i].start < to; i++) {
		const struct pdf_span *sp = &t->spans[i];
		unsigned s = (sp->start > from ? sp->start : (unsigned)from) -
			     (unsigned)from;
		unsigned e = (sp->end < to ? sp->end : (unsigned)to) -
			     (unsigned)from;
		if (sp->style & NOTE_BOLD)
			pdf_attr(list, pango_attr_weight_new(PANGO_WEIGHT_BOLD),
				 s, e);
		if (sp->style & NOTE_ITALIC)
			pdf_attr(list, pango_attr_style_new(PANGO_STYLE_ITALIC),
				 s, e);
		if (sp->style & NOTE_STRIKE)
			pdf_attr(list, pango_attr_strikethrough_new(TRUE), s, e);
		if (sp->style & NOTE_CODE) {
			pdf_attr(list, pango_attr_family_new(PDF_MONO), s, e);
			pdf_attr(list, pango_attr_scale_new(0.92), s, e);
			pdf_attr(list, pango_attr_background_new(
					 0xF2F2, 0xF2F2, 0xF2F2), s, e);
		}
		if (sp->link) {
			pdf_attr(list, pdf_attr_color(PDF_LINK), s, e);
			pdf_attr(list, pango_attr_underline_new(
					 PANGO_UNDERLINE_SINGLE), s, e);
		}
	}
	return list;
}

/* Add runs to t, each with `extra` style too. */
static void pdf_text_runs(struct pdf_text *t, const struct note_run *runs,
			  unsigned extra)
{
	for (const struct note_run *r = runs; r; r = r->next)
		if (r->line_break)
			/* U+2028, a line break inside the paragraph */
			pdf_text_add(t, "\xE2\x80\xA8", 3, 0, NULL);
		else
			pdf_text_add(t, r->text, r->len, r->style | extra,
				     r->link);
}

/* A layout of t's bytes [from, to) in the font `family` at `size`
 * points, wrapped at `width` (0: not wrapped). */
static PangoLayout *pdf_layout_range(struct pdf *p, const struct pdf_text *t,
				     size_t from, size_t to,
				     const char *family, double size, int bold,
				     double width, PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(p->context);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, family);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, buf_str(&t->text) + from, (int)(to - from));
	PangoAttrList *attrs = pdf_attrs(t, from, to);
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	return l;
}

static PangoLayout *pdf_layout(struct pdf *p, const struct pdf_text *t,
			       const char *family, double size, int bold,
			       double width, PangoAlignment align)
{
	return pdf_layout_range(p, t, 0, t->text.len, family, size, bold,
				width, align);
}

/*
 * The chunk of t from byte `from` laid out at once: all that is left
 * when it is short, else up to a line feed or a space in the second half
 * of PDF_CHUNK bytes (left out: the next chunk starts a line), else up
 * to a character.  Sets *to, and *next where the next chunk starts.
 */
static void pdf_chunk(const struct pdf_text *t, size_t from, size_t *to,
		      size_t *next)
{
	const char *s = buf_str(&t->text);
	size_t len = t->text.len, limit = from + PDF_CHUNK;
	*to = *next = len;
	if (len - from <= PDF_CHUNK)
		return;
	for (const char *sep = "\n "; *sep; sep++)
		for (size_t i = limit; i > from + PDF_CHUNK / 2; i--)
			if (s[i] == *sep) {
				*to = i;
				*next = i + 1;
				return;
			}
	size_t i = limit;
	while (i > from + 1 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	*to = *next = i;
}

/* Draw `text` on one line at x, its top at y, cut with an ellipsis to
 * `width`. */
static void pdf_simple(struct pdf *p, const char *text, double size,
		       int bold, unsigned rgb, double x, double y,
		       double width, PangoAlignment align)
{
	struct pdf_text t;
	pdf_text_init(&t);
	pdf_text_add(&t, text, strlen(text), 0, NULL);
	PangoLayout *l = pdf_layout(p, &t, PDF_FAMILY, size, bold, width,
				    align);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pdf_color(p->cr, rgb);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	pdf_text_release(&t);
}

/* ---- pages ---- */

static void pdf_new_page(struct pdf *p)
{
	struct note_doc *d = p->doc;
	cairo_t *cr = p->cr;
	if (p->page > 0)
		cairo_show_page(cr);
	p->page++;

	/* The header: organisation left, kind of note right, a rule. */
	if (*d->kind_label)
		pdf_simple(p, d->kind_label, PDF_SMALL, 0, PDF_GREY,
			   PDF_LEFT + PDF_WIDTH / 2, PDF_HEADER_Y,
			   PDF_WIDTH / 2, PANGO_ALIGN_RIGHT);
	pdf_simple(p, d->organization, PDF_SMALL, 1, 0x262626, PDF_LEFT,
		   PDF_HEADER_Y, PDF_WIDTH / 2 - 8, PANGO_ALIGN_LEFT);
	pdf_color(cr, PDF_RULE);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, PDF_LEFT, PDF_HEADER_Y + 16);
	cairo_line_to(cr, PDF_LEFT + PDF_WIDTH, PDF_HEADER_Y + 16);
	cairo_stroke(cr);

	char footer[160];
	snprintf(footer, sizeof(footer), "%.140s %d", d->label_page, p->page);
	pdf_simple(p, footer, PDF_SMALL, 0, PDF_GREY, PDF_LEFT, PDF_FOOTER_Y,
		   PDF_WIDTH, PANGO_ALIGN_CENTER);
	p->y = PDF_TOP;
}

/* Go to a new page unless `height` more fits on this one (or the page
 * is still empty). */
static void pdf_need(struct pdf *p, double height)
{
	if (p->y + height > PDF_BOTTOM && p->y > PDF_TOP)
		pdf_new_page(p);
}

/* A link's destination as a cairo attribute value: in single quotes,
 * with ' and \ escaped. */
static void pdf_quote(struct buf *b, const char *s)
{
	buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '\'');
}

/* Make the links of t that are on `line` live: the line's left at x,
 * its box from top to top + height; the line's layout holds t's text
 * from byte `base` on. */
static void pdf_line_links(struct pdf *p, const struct pdf_text *t,
			   size_t base, PangoLayoutLine *line, double x,
			   double top, double height)
{
	unsigned from = (unsigned)(base + (size_t)line->start_index);
	unsigned to = from + (unsigned)line->length;
	for (size_t i = pdf_span_after(t, from);
	     i < t->nspans && t->spans[i].start < to; i++) {
		const char *url = t->spans[i].link;
		unsigned s = t->spans[i].start > from ? t->spans[i].start : from;
		unsigned e = t->spans[i].end < to ? t->spans[i].end : to;
		if (!url || s >= e)
			continue;
		int *ranges = NULL, n = 0;
		pango_layout_line_get_x_ranges(line, (int)(s - base),
					       (int)(e - base), &ranges, &n);
		for (int k = 0; k < n; k++) {
			double x0 = x + (double)ranges[2 * k] / PANGO_SCALE;
			double x1 = x + (double)ranges[2 * k + 1] / PANGO_SCALE;
			struct buf a = BUF_INIT;
			buf_printf(&a, "rect=[%d %d %d %d] uri=",
				   (int)floor(x0), (int)floor(top),
				   (int)ceil(x1 - floor(x0)),
				   (int)ceil(height));
			pdf_quote(&a, url);
			cairo_tag_begin(p->cr, CAIRO_TAG_LINK, buf_str(&a));
			cairo_tag_end(p->cr, CAIRO_TAG_LINK);
			buf_release(&a);
		}
		g_free(ranges);
	}
}

/* Draw the quote bars of ctx from y0 to y1. */
static void pdf_bars(struct pdf *p, const struct pdf_ctx *ctx, double y0,
		     double y1)
{
	if (!ctx || ctx->quote == 0 || y1 <= y0)
		return;
	pdf_color(p->cr, 0xBFBFBF);
	cairo_set_line_width(p->cr, 1.5);
	for (int q = 0; q < ctx->quote; q++) {
		cairo_move_to(p->cr, ctx->bars[q], y0);
		cairo_line_to(p->cr, ctx->bars[q], y1);
	}
	cairo_stroke(p->cr);
}

/*
 * Draw the lines of layout l (t's text from byte `base` on) at x, the
 * first one's top at p->y.
 * When `flow`, a line that does not fit goes to a new page and p->y ends
 * under the last line; otherwise the lines are drawn where they fall.
 * *first_page and *first_top (when not NULL) get where the first line
 * went.
 */
static void pdf_lines(struct pdf *p, PangoLayout *l, const struct pdf_text *t,
		      size_t base, double x, int flow,
		      const struct pdf_deco *deco, int *first_page,
		      double *first_top)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double start = p->y, shift = 0;
	int first = 1;
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		double top = (double)r.y / PANGO_SCALE;
		double height = (double)r.height / PANGO_SCALE;
		if (first)
			shift = start - top;
		if (flow && top + shift + height > PDF_BOTTOM &&
		    top + shift > PDF_TOP) {
			pdf_new_page(p);
			shift = PDF_TOP - top;
		}
		double line_top = top + shift;
		double baseline = (double)pango_layout_iter_get_baseline(it) /
				  PANGO_SCALE + shift;
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);

		if (deco && deco->shade) {
			pdf_color(p->cr, PDF_CODE_FILL);
			cairo_rectangle(p->cr, deco->shade_x, line_top - 0.5,
					deco->shade_w, height + 1);
			cairo_fill(p->cr);
		}
		if (deco)
			pdf_bars(p, deco->ctx, line_top, line_top + height);
		pdf_color(p->cr, PDF_TEXT);
		if (first && deco && deco->label) {
			struct pdf_text lt;
			pdf_text_init(&lt);
			pdf_text_add(&lt, deco->label, strlen(deco->label), 0,
				     NULL);
			PangoLayout *label = pdf_layout(p, &lt, PDF_FAMILY,
							PDF_SIZE, 0, 0,
							PANGO_ALIGN_LEFT);
			int w, h;
			pango_layout_get_size(label, &w, &h);
			cairo_move_to(p->cr, deco->label_right -
				      (double)w / PANGO_SCALE, baseline -
				      (double)pango_layout_get_baseline(label) /
				      PANGO_SCALE);
			pango_cairo_show_layout(p->cr, label);
			g_object_unref(label);
			pdf_text_release(&lt);
		}
		cairo_move_to(p->cr, x + (double)r.x / PANGO_SCALE, baseline);
		pango_cairo_show_layout_line(p->cr, line);
		pdf_line_links(p, t, base, line, x, line_top, height);
		if (first) {
			if (first_page)
				*first_page = p->page;
			if (first_top)
				*first_top = line_top;
		}
		first = 0;
		if (flow)
			p->y = line_top + height;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* Leave `space` under a block, the quote bars running through it. */
static void pdf_space(struct pdf *p, const struct pdf_ctx *ctx, double space)
{
	double end = p->y + space > PDF_BOTTOM ? PDF_BOTTOM : p->y + space;
	pdf_bars(p, ctx, p->y, end);
	p->y += space;
}

/* Flow t at x, `width` wide, a chunk at a time (PDF_CHUNK); the
 * position of its first line in *page and *top when not NULL. */
static void pdf_flow(struct pdf *p, const struct pdf_text *t, double x,
		     double width, const char *family, double size, int bold,
		     struct pdf_deco *deco, int *page, double *top)
{
	size_t from = 0, to, next;
	do {
		pdf_chunk(t, from, &to, &next);
		PangoLayout *l = pdf_layout_range(p, t, from, to, family, size,
						  bold, width,
						  PANGO_ALIGN_LEFT);
		pdf_lines(p, l, t, from, x, 1, deco, from == 0 ? page : NULL,
			  from == 0 ? top : NULL);
		g_object_unref(l);
		deco->label = NULL;
		from = next;
	} while (from < t->text.len);
}

/* Flow t as a paragraph at ctx in `family` at `size`; the position of its
 * first line in *page and *top when not NULL. */
static void pdf_paragraph(struct pdf *p, const struct pdf_text *t,
			  const struct pdf_ctx *ctx, const char *family,
			  double size, int bold, int *page, double *top)
{
	double x = PDF_LEFT + ctx->indent;
	struct pdf_deco deco = { ctx, 0, 0, 0, ctx->label, x - 5 };
	pdf_flow(p, t, x, PDF_WIDTH - ctx->indent, family, size, bold, &deco,
		 page, top);
}

/* ---- tables ---- */

/* The layouts of row r of table tb, cells w[c] wide; the row's height,
 * or -1 (and no layout) when a cell is over PDF_CHUNK bytes. */
static double pdf_row_layouts(struct pdf *p, const struct note_block *tb,
			      size_t r, const double *w, PangoLayout **ls,
			      struct pdf_text *ts)
{
	static const PangoAlignment align[] = {
		PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER,
		PANGO_ALIGN_RIGHT };
	double height = 0;
	int big = 0;
	for (size_t c = 0; c < tb->cols; c++) {
		pdf_text_init(&ts[c]);
		pdf_text_runs(&ts[c], tb->cells[r * tb->cols + c],
			      r == 0 ? NOTE_BOLD : 0);
		big |= ts[c].text.len > PDF_CHUNK;
	}
	if (big) {
		for (size_t c = 0; c < tb->cols; c++)
			pdf_text_release(&ts[c]);
		return -1;
	}
	for (size_t c = 0; c < tb->cols; c++) {
		double inner = w[c] - 2 * PDF_CELL_PAD;
		ls[c] = pdf_layout(p, &ts[c], PDF_FAMILY, PDF_SIZE - 0.5, 0,
				   inner > 1 ? inner : 1,
				   align[tb->align[c]]);
		int lw, lh;
		pango_layout_get_size(ls[c], &lw, &lh);
		double h = (double)lh / PANGO_SCALE + 2 * PDF_CELL_PAD;
		if (h > height)
			height = h;
	}
	return height;
}

static void pdf_row_free(const struct note_block *tb, PangoLayout **ls,
			 struct pdf_text *ts)
{
	for (size_t c = 0; c < tb->cols; c++) {
		g_object_unref(ls[c]);
		pdf_text_release(&ts[c]);
	}
}

/* Draw a row whose layouts are ls at x, p->y; move p->y under it. */
static void pdf_row_draw(struct pdf *p, const struct note_block *tb,
			 size_t r, const double *w, double x, double height,
			 PangoLayout **ls, const struct pdf_text *ts)
{
	cairo_t *cr = p->cr;
	double cx = x, total = 0;
	for (size_t c = 0; c < tb->cols; c++)
		total += w[c];
	if (r == 0) {
		pdf_color(cr, PDF_HEAD_FILL);
		cairo_rectangle(cr, x, p->y, total, height);
		cairo_fill(cr);
	}
	double y = p->y;
	for (size_t c = 0; c < tb->cols; c++) {
		p->y = y + PDF_CELL_PAD;
		pdf_lines(p, ls[c], &ts[c], 0, cx + PDF_CELL_PAD, 0, NULL,
			  NULL, NULL);
		pdf_color(cr, PDF_BORDER);
		cairo_set_line_width(cr, 0.5);
		cairo_rectangle(cr, cx, y, w[c], height);
		cairo_stroke(cr);
		cx += w[c];
	}
	p->y = y + height;
}

/* Row r of tb as paragraphs: each cell after its column's heading. */
static void pdf_row_as_text(struct pdf *p, const struct note_block *tb,
			    size_t r, const struct pdf_ctx *ctx)
{
	struct pdf_ctx plain = *ctx;
	plain.label = NULL;
	for (size_t c = 0; c < tb->cols; c++) {
		struct pdf_text t;
		pdf_text_init(&t);
		pdf_text_runs(&t, tb->cells[c], NOTE_BOLD);
		pdf_text_add(&t, ": ", 2, NOTE_BOLD, NULL);
		pdf_text_runs(&t, tb->cells[r * tb->cols + c], 0);
		pdf_paragraph(p, &t, &plain, PDF_FAMILY, PDF_SIZE, 0, NULL,
			      NULL);
		pdf_text_release(&t);
		pdf_space(p, ctx, 3);
	}
}

/* The columns' widths: what their text wants when it all fits (spread
 * to the whole width), else fair shares (see the top of the file). */
static void pdf_column_widths(struct pdf *p, const struct note_block *tb,
			      double avail, double *w)
{
	double *want = calloc(tb->cols, sizeof(*want));
	if (!want)
		abort();
	for (size_t r = 0; r < tb->rows; r++) {
		for (size_t c = 0; c < tb->cols; c++) {
			struct pdf_text t;
			pdf_text_init(&t);
			pdf_text_runs(&t, tb->cells[r * tb->cols + c],
				      r == 0 ? NOTE_BOLD : 0);
			if (t.text.len > PDF_CHUNK) {
				/* Written as text (pdf_row_layouts()). */
				pdf_text_release(&t);
				continue;
			}
			PangoLayout *l = pdf_layout(p, &t, PDF_FAMILY,
						    PDF_SIZE - 0.5, 0, 0,
						    PANGO_ALIGN_LEFT);
			int lw, lh;
			pango_layout_get_size(l, &lw, &lh);
			double need = (double)lw / PANGO_SCALE +
				      2 * PDF_CELL_PAD + 1;
			if (need > want[c])
				want[c] = need;
			g_object_unref(l);
			pdf_text_release(&t);
		}
	}
	double sum = 0, fair = avail / (double)tb->cols;
	for (size_t c = 0; c < tb->cols; c++) {
		if (want[c] < 3 * PDF_CELL_PAD)
			want[c] = 3 * PDF_CELL_PAD;
		sum += want[c];
	}
	if (sum <= avail) {
		for (size_t c = 0; c < tb->cols; c++)
			w[c] = want[c] * avail / sum;
	} else {
		double narrow = 0, wide = 0;
		for (size_t c = 0; c < tb->cols; c++)
			if (want[c] <= fair)
				narrow += want[c];
			else
				wide += want[c];
		for (size_t c = 0; c < tb->cols; c++)
			w[c] = want[c] <= fair ? want[c] :
			       want[c] * (avail - narrow) / wide;
	}
	free(want);
}

static void pdf_table(struct pdf *p, const struct note_block *tb,
		      const struct pdf_ctx *ctx)
{
	double x = PDF_LEFT + ctx->indent, avail = PDF_WIDTH - ctx->indent;
	size_t n = tb->cols;
	if (avail / (double)n < PDF_MIN_COLUMN) {
		/* No room for a grid: each row as text. */
		pdf_space(p, ctx, 2);
		for (size_t r = 1; r < tb->rows; r++) {
			pdf_row_as_text(p, tb, r, ctx);
			pdf_space(p, ctx, 6);
		}
		return;
	}
	double *w = calloc(n, sizeof(*w));
	PangoLayout **ls = calloc(n, sizeof(*ls));
	struct pdf_text *ts = calloc(n, sizeof(*ts));
	if (!w || !ls || !ts)
		abort();
	pdf_column_widths(p, tb, avail, w);
	pdf_space(p, ctx, 2);
	for (size_t r = 0; r < tb->rows; r++) {
		double height = pdf_row_layouts(p, tb, r, w, ls, ts);
		if (height < 0 || height > PDF_BOTTOM - PDF_TOP - 60) {
			if (height >= 0)
				pdf_row_free(tb, ls, ts);
			pdf_row_as_text(p, tb, r, ctx);
			continue;
		}
		if (p->y + height > PDF_BOTTOM) {
			pdf_new_page(p);
			if (r > 0) {
				/* The header row again. */
				PangoLayout **hl = calloc(n, sizeof(*hl));
				struct pdf_text *ht = calloc(n, sizeof(*ht));
				if (!hl || !ht)
					abort();
				double hh = pdf_row_layouts(p, tb, 0, w, hl,
							    ht);
				if (hh >= 0 && hh + height <= PDF_BOTTOM -
				    PDF_TOP)
					pdf_row_draw(p, tb, 0, w, x, hh, hl,
						     ht);
				if (hh >= 0)
					pdf_row_free(tb, hl, ht);
				free(hl);
				free(ht);
			}
		}
		pdf_row_draw(p, tb, r, w, x, height, ls, ts);
		pdf_row_free(tb, ls, ts);
	}
	pdf_space(p, ctx, 10);
	free(w);
	free(ls);
	free(ts);
}

/* ---- blocks ---- */

static void pdf_blocks(struct pdf *p, const struct note_block *first,
		       struct pdf_ctx ctx);

/* A bookmark for a heading of `level` whose first line is on `page` at
 * `top`. */
static void pdf_bookmark(struct pdf *p, const char *text, int level,
			 int page, double top)
{
	if (!*text)
		return;
	int parent = CAIRO_PDF_OUTLINE_ROOT;
	for (int l = level - 1; l >= 1; l--)
		if (p->outline[l]) {
			parent = p->outline[l];
			break;
		}
	char dest[64];
	snprintf(dest, sizeof(dest), "page=%d pos=[%d %d]", page,
		 (int)floor(PDF_LEFT), (int)floor(top));
	p->outline[level] = cairo_pdf_surface_add_outline(
		p->surface, parent, text, dest,
		level < 3 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
	for (int l = level + 1; l <= 6; l++)
		p->outline[l] = 0;
}

static void pdf_heading(struct pdf *p, const struct note_block *b,
			const struct pdf_ctx *ctx)
{
	static const double sizes[6] = { 16, 13.5, 12, 11, 10, 10 };
	static const double before[6] = { 14, 12, 10, 8, 6, 6 };
	double size = sizes[b->level - 1];
	if (p->y > PDF_TOP)
		pdf_space(p, ctx, before[b->level - 1]);
	/* Not alone at the bottom of a page: room for three more lines. */
	pdf_need(p, size * 1.3 + 3 * PDF_SIZE * 1.3);
	struct pdf_text t;
	pdf_text_init(&t);
	pdf_text_runs(&t, b->runs, 0);
	pdf_text_attr(&t, pdf_attr_color(b->level <= 2 ? PDF_ACCENT :
					 PDF_ACCENT2));
	if (b->level == 6)
		pdf_text_attr(&t, pango_attr_style_new(PANGO_STYLE_ITALIC));
	int page = p->page;
	double top = p->y;
	pdf_paragraph(p, &t, ctx, PDF_FAMILY, size, 1, &page, &top);
	pdf_text_release(&t);
	pdf_bookmark(p, note_runs_text(p->doc, b->runs), b->level, page, top);
	pdf_space(p, ctx, 4);
}

static void pdf_code(struct pdf *p, const struct note_block *b,
		     const struct pdf_ctx *ctx)
{
	struct pdf_text t;
	pdf_text_init(&t);
	for (const struct note_run *r = b->runs; r; r = r->next)
		pdf_text_add(&t, r->text, r->len, 0, NULL);
	double x = PDF_LEFT + ctx->indent;
	struct pdf_deco deco = { ctx, 1, x, PDF_WIDTH - ctx->indent,
				 ctx->label, x - 5 };
	pdf_space(p, ctx, 2);
	pdf_flow(p, &t, x + 6, PDF_WIDTH - ctx->indent - 12, PDF_MONO,
		 PDF_CODE_SIZE, 0, &deco, NULL, NULL);
	pdf_text_release(&t);
	pdf_space(p, ctx, 8);
}

static void pdf_list(struct pdf *p, const struct note_block *list,
		     struct pdf_ctx ctx)
{
	static const char *const bullets[3] = {
		"\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x96\xAA" };
	int depth = (int)(ctx.indent / PDF_LIST_INDENT);
	int number = list->start;
	ctx.indent += PDF_LIST_INDENT;
	for (const struct note_block *item = list->children; item;
	     item = item->next, number++) {
		char label[16];
		if (list->ordered)
			snprintf(label, sizeof(label), "%d.", number);
		else
			snprintf(label, sizeof(label), "%s",
				 bullets[depth % 3]);
		struct pdf_ctx first = ctx;
		first.label = label;
		const struct note_block *b = item->children;
		if (b && (b->kind == NOTE_PARAGRAPH || b->kind == NOTE_HEADING ||
			  b->kind == NOTE_CODE_BLOCK)) {
			pdf_blocks(p, b, first);
		} else {
			/* A line for the label alone. */
			struct pdf_text t;
			pdf_text_init(&t);
			pdf_paragraph(p, &t, &first, PDF_FAMILY, PDF_SIZE, 0,
				      NULL, NULL);
			pdf_text_release(&t);
			pdf_blocks(p, b, ctx);
		}
	}
	pdf_space(p, &ctx, 3);
}

/* Draw `first` and its next siblings; only the first gets ctx.label. */
static void pdf_blocks(struct pdf *p, const struct note_block *first,
		       struct pdf_ctx ctx)
{
	for (const struct note_block *b = first; b; b = b->next) {
		int in_list = ctx.indent > 0 && ctx.quote == 0;
		switch (b->kind) {
		case NOTE_PARAGRAPH: {
			struct pdf_text t;
			pdf_text_init(&t);
			pdf_text_runs(&t, b->runs, ctx.quote ? NOTE_ITALIC : 0);
			pdf_paragraph(p, &t, &ctx, PDF_FAMILY, PDF_SIZE, 0,
				      NULL, NULL);
			pdf_text_release(&t);
			pdf_space(p, &ctx, in_list ? 3 : 7);
			break;
		}
		case NOTE_HEADING:
			pdf_heading(p, b, &ctx);
			break;
		case NOTE_CODE_BLOCK:
			pdf_code(p, b, &ctx);
			break;
		case NOTE_RULE:
			pdf_need(p, 16);
			pdf_color(p->cr, PDF_RULE);
			cairo_set_line_width(p->cr, 0.75);
			cairo_move_to(p->cr, PDF_LEFT + ctx.indent, p->y + 6);
			cairo_line_to(p->cr, PDF_LEFT + PDF_WIDTH, p->y + 6);
			cairo_stroke(p->cr);
			pdf_space(p, &ctx, 16);
			break;
		case NOTE_TABLE:
			pdf_table(p, b, &ctx);
			break;
		case NOTE_LIST:
			pdf_list(p, b, ctx);
			break;
		case NOTE_QUOTE: {
			struct pdf_ctx inner = ctx;
			inner.label = NULL;
			if (inner.quote < NOTE_MAX_DEPTH)
				inner.bars[inner.quote++] =
					PDF_LEFT + ctx.indent + 2;
			inner.indent += PDF_QUOTE_INDENT;
			pdf_blocks(p, b->children, inner);
			break;
		}
		case NOTE_DOCUMENT:
		case NOTE_ITEM:
			pdf_blocks(p, b->children, ctx);
			break;
		}
		ctx.label = NULL;
	}
}

/* The block at the top of the first page. */
static void pdf_meta(struct pdf *p)
{
	struct note_doc *d = p->doc;
	struct pdf_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	if (*d->kind_label) {
		struct pdf_text t;
		pdf_text_init(&t);
		pdf_text_add(&t, d->kind_label, strlen(d->kind_label), 0, NULL);
		pdf_text_attr(&t, pdf_attr_color(PDF_KIND));
		pdf_text_attr(&t, pango_attr_letter_spacing_new(PANGO_SCALE /
								2));
		pdf_text_attr(&t, pango_attr_text_transform_new(
				      PANGO_TEXT_TRANSFORM_UPPERCASE));
		pdf_paragraph(p, &t, &ctx, PDF_FAMILY, 9.5, 1, NULL, NULL);
		pdf_text_release(&t);
		p->y += 3;
	}
	struct pdf_text t;
	pdf_text_init(&t);
	pdf_text_add(&t, d->title, strlen(d->title), 0, NULL);
	pdf_text_attr(&t, pdf_attr_color(PDF_ACCENT));
	pdf_paragraph(p, &t, &ctx, PDF_FAMILY, 20, 1, NULL, NULL);
	pdf_text_release(&t);
	p->y += 10;

	const char *rows[3][2] = {
		{ d->label_date, d->date },
		{ d->label_author, d->author },
		{ d->label_validator, d->validator },
	};
	for (int i = 0; i < 3; i++) {
		if (!*rows[i][1])
			continue;
		struct pdf_text lt, vt;
		pdf_text_init(&lt);
		pdf_text_init(&vt);
		pdf_text_add(&lt, rows[i][0], strlen(rows[i][0]), 0, NULL);
		pdf_text_attr(&lt, pdf_attr_color(PDF_GREY));
		pdf_text_add(&vt, rows[i][1], strlen(rows[i][1]), 0, NULL);
		PangoLayout *ll = pdf_layout(p, &lt, PDF_FAMILY, 9.5, 1,
					     PDF_META_LABEL - 8,
					     PANGO_ALIGN_LEFT);
		PangoLayout *vl = pdf_layout(p, &vt, PDF_FAMILY, 9.5, 0,
					     PDF_WIDTH - PDF_META_LABEL,
					     PANGO_ALIGN_LEFT);
		int w, lh, vh;
		pango_layout_get_size(ll, &w, &lh);
		pango_layout_get_size(vl, &w, &vh);
		double y = p->y;
		pdf_lines(p, ll, &lt, 0, PDF_LEFT, 0, NULL, NULL, NULL);
		pdf_lines(p, vl, &vt, 0, PDF_LEFT + PDF_META_LABEL, 0, NULL,
			  NULL, NULL);
		p->y = y + (double)(lh > vh ? lh : vh) / PANGO_SCALE + 3;
		g_object_unref(ll);
		g_object_unref(vl);
		pdf_text_release(&lt);
		pdf_text_release(&vt);
	}
	p->y += 6;
	pdf_color(p->cr, PDF_ACCENT);
	cairo_set_line_width(p->cr, 1);
	cairo_move_to(p->cr, PDF_LEFT, p->y);
	cairo_line_to(p->cr, PDF_LEFT + PDF_WIDTH, p->y);
	cairo_stroke(p->cr);
	p->y += 18;
}

static cairo_status_t pdf_write(void *closure, const unsigned char *data,
				unsigned int length)
{
	buf_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

int note_pdf_write(struct buf *out, const struct note_doc_meta *m,
		   const char *markdown, size_t len, char *err, size_t errlen)
{
	struct note_doc doc;
	struct buf bytes = BUF_INIT;
	int rc = note_doc_build(&doc, m, markdown, len, err, errlen);
	if (rc < 0) {
		note_doc_release(&doc);
		return -1;
	}

	struct pdf p;
	memset(&p, 0, sizeof(p));
	p.doc = &doc;
	p.surface = cairo_pdf_surface_create_for_stream(pdf_write, &bytes,
							PDF_PAGE_WIDTH,
							PDF_PAGE_HEIGHT);
	if (*doc.title)
		cairo_pdf_surface_set_metadata(p.surface,
					       CAIRO_PDF_METADATA_TITLE,
					       doc.title);
	if (*doc.author)
		cairo_pdf_surface_set_metadata(p.surface,
					       CAIRO_PDF_METADATA_AUTHOR,
					       doc.author);
	if (*doc.kind_label)
		cairo_pdf_surface_set_metadata(p.surface,
					       CAIRO_PDF_METADATA_SUBJECT,
					       doc.kind_label);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR,
				       "Passerelle");
	p.cr = cairo_create(p.surface);
	/* A font map of its own, freed at the end, rather than the thread's
	 * default, which keeps every font it opened for the thread's
	 * life. */
	p.fonts = pango_cairo_font_map_new();
	p.context = pango_font_map_create_context(p.fonts);
	pango_cairo_update_context(p.cr, p.context);
	pango_cairo_context_set_resolution(p.context, 72);
	if (*doc.lang)
		pango_context_set_language(p.context,
					   pango_language_from_string(doc.lang));

	pdf_new_page(&p);
	pdf_meta(&p);
	struct pdf_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	pdf_blocks(&p, doc.root->children, ctx);

	g_object_unref(p.context);
	g_object_unref(p.fonts);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surface);
	cairo_status_t status = cairo_surface_status(p.surface);
	cairo_surface_destroy(p.surface);
	if (status != CAIRO_STATUS_SUCCESS) {
		rc = fail_message(err, errlen, "cannot write the PDF: %s",
			       cairo_status_to_string(status));
	} else {
		buf_append(out, bytes.data, bytes.len);
		rc = 0;
	}
	buf_release(&bytes);
	note_doc_release(&doc);
	return rc;
}
