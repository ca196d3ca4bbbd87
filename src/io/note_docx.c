/*
 * note_docx.c - a note as a Word document (WordprocessingML, ECMA-376
 * transitional, as Word 2010 and later and LibreOffice read it).
 *
 * The package: [Content_Types].xml, _rels/.rels, docProps/core.xml, and
 * in word/: document.xml with its relationships (styles, numbering,
 * settings, header, footer, one per link), styles.xml (the built-in
 * names Word knows: Title, heading 1-6, List Paragraph, Quote...),
 * numbering.xml, header1.xml (the organisation and the kind of note) and
 * footer1.xml ("Page" and the PAGE field).
 *
 * Lists: two abstract numberings, bullets and decimal, nine levels each;
 * every Markdown list gets a numbering instance of its own, so that each
 * ordered list starts at its own first number.  The first paragraph of
 * an item carries the label; the item's other blocks are indented to the
 * level's text.  Word checks the order of the elements in its property
 * lists (pPr, rPr, tblPr, tcPr...): they follow the schema's order here.
 */
#include <stdio.h>
#include <string.h>

#include "io/note_doc_internal.h"

#define DOCX_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DOCX_NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"
#define DOCX_XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define DOCX_CT "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* The page, in twentieths of a point: A4, 2.5 cm margins. */
#define DOCX_PAGE_WIDTH 11906
#define DOCX_PAGE_HEIGHT 16838
#define DOCX_MARGIN 1418
#define DOCX_TEXT_WIDTH (DOCX_PAGE_WIDTH - 2 * DOCX_MARGIN)
/* A list level's indentation, and a quote's. */
#define DOCX_LIST_INDENT 720
#define DOCX_QUOTE_INDENT 567
#define DOCX_MAX_LEVEL 8
#define DOCX_LABEL_WIDTH 2268 /* the meta block's first column: 4 cm */

#define DOCX_FONT "Arial"
#define DOCX_MONO "Courier New"
#define DOCX_ACCENT "1F3864"
#define DOCX_GREY "595959"

/* Relationship ids of the fixed parts; links come after. */
enum {
	DOCX_REL_STYLES = 1,
	DOCX_REL_NUMBERING,
	DOCX_REL_SETTINGS,
	DOCX_REL_HEADER,
	DOCX_REL_FOOTER,
	DOCX_REL_FIRST_LINK,
};

struct docx {
	struct note_doc *doc;
	struct buf body;  /* word/document.xml */
	struct buf nums;  /* the <w:num> of numbering.xml */
	struct buf rels;  /* the links' relationships */
	int next_num;     /* the next numbering instance */
	int next_rel;     /* the next relationship id */
};

/* Where a block is written. */
struct docx_ctx {
	int level;  /* list level, 0-based; -1 outside lists */
	int quote;  /* block quotes around it */
	int num_id; /* for the first paragraph of an item: its numbering */
};

/* ---- runs ---- */

/* Text with its tabs and line feeds as Word elements, inside a <w:r>. */
static void docx_text(struct buf *b, const char *s, size_t len)
{
	size_t from = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '\t' && s[i] != '\n')
			continue;
		if (i > from) {
			buf_puts(b, "<w:t xml:space=\"preserve\">");
			note_xml_escape(b, s + from, i - from);
			buf_puts(b, "</w:t>");
		}
		if (i < len)
			buf_puts(b, s[i] == '\t' ? "<w:tab/>" : "<w:br/>");
		from = i + 1;
	}
}

static void docx_run(struct buf *b, const struct note_run *r, unsigned style,
		     int link)
{
	if (r->line_break) {
		buf_puts(b, "<w:r><w:br/></w:r>");
		return;
	}
	buf_puts(b, "<w:r>");
	if (style || link) {
		buf_puts(b, "<w:rPr>");
		if (link)
			buf_puts(b, "<w:rStyle w:val=\"Hyperlink\"/>");
		if (style & NOTE_CODE)
			buf_puts(b, "<w:rFonts w:ascii=\"" DOCX_MONO "\" "
				 "w:hAnsi=\"" DOCX_MONO "\" w:cs=\""
				 DOCX_MONO "\"/>");
		if (style & NOTE_BOLD)
			buf_puts(b, "<w:b/><w:bCs/>");
		if (style & NOTE_ITALIC)
			buf_puts(b, "<w:i/><w:iCs/>");
		if (style & NOTE_STRIKE)
			buf_puts(b, "<w:strike/>");
		if (style & NOTE_CODE)
			buf_puts(b, "<w:shd w:val=\"clear\" w:color=\"auto\" "
				 "w:fill=\"F2F2F2\"/>");
		buf_puts(b, "</w:rPr>");
	}
	docx_text(b, r->text, r->len);
	buf_puts(b, "</w:r>");
}

/* A new relationship to `url`; its id. */
static int docx_link(struct docx *x, const char *url)
{
	int id = x->next_rel++;
	buf_printf(&x->rels, "<Relationship Id=\"rId%d\" Type=\"" DOCX_NS_R
		   "/hyperlink\" Target=\"", id);
	note_xml_puts(&x->rels, url);
	buf_puts(&x->rels, "\" TargetMode=\"External\"/>");
	return id;
}

/* The runs, each link's runs in one <w:hyperlink>; `extra` adds a style
 * to every run. */
static void docx_runs(struct docx *x, const struct note_run *runs,
		      unsigned extra)
{
	const char *open = NULL;
	for (const struct note_run *r = runs; r; r = r->next) {
		if (r->link != open) {
			if (open)
				buf_puts(&x->body, "</w:hyperlink>");
			if (r->link)
				buf_printf(&x->body, "<w:hyperlink r:id=\"rId%d\" "
					   "w:history=\"1\">",
					   docx_link(x, r->link));
			open = r->link;
		}
		docx_run(&x->body, r, r->style | extra, r->link != NULL);
	}
	if (open)
		buf_puts(&x->body, "</w:hyperlink>");
}

/* ---- blocks ---- */

/* Open a paragraph in `style` (NULL: Normal) at ctx. */
static void docx_p(struct docx *x, const char *style,
		   const struct docx_ctx *ctx)
{
	struct buf *b = &x->body;
	if (!style && ctx->level >= 0)
		style = "ListParagraph";
	if (!style && ctx->quote > 0)
		style = "Quote";
	int left = 0;
	if (!ctx->num_id)
		left = (ctx->level >= 0 ? DOCX_LIST_INDENT * (ctx->level + 1)
					: 0) + DOCX_QUOTE_INDENT * ctx->quote;
	if (!style && !ctx->num_id && !left) {
		buf_puts(b, "<w:p>");
		return;
	}
	buf_puts(b, "<w:p><w:pPr>");
	if (style)
		buf_printf(b, "<w:pStyle w:val=\"%s\"/>", style);
	if (ctx->num_id)
		buf_printf(b, "<w:numPr><w:ilvl w:val=\"%d\"/><w:numId "
			   "w:val=\"%d\"/></w:numPr>", ctx->level,
			   ctx->num_id);
	if (left)
		buf_printf(b, "<w:ind w:left=\"%d\"/>", left);
	buf_puts(b, "</w:pPr>");
}

static void docx_blocks(struct docx *x, const struct note_block *first,
			struct docx_ctx ctx);
static void docx_block(struct docx *x, const struct note_block *b,
		       const struct docx_ctx *ctx);

static void docx_table(struct docx *x, const struct note_block *t)
{
	struct buf *b = &x->body;
	int width = DOCX_TEXT_WIDTH / (int)(t->cols ? t->cols : 1);
	if (width < 1)
		width = 1;
	buf_puts(b, "<w:tbl><w:tblPr><w:tblStyle w:val=\"NoteTable\"/>"
		 "<w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr><w:tblGrid>");
	for (size_t c = 0; c < t->cols; c++)
		buf_printf(b, "<w:gridCol w:w=\"%d\"/>", width);
	buf_puts(b, "</w:tblGrid>");
	for (size_t r = 0; r < t->rows; r++) {
		buf_puts(b, "<w:tr>");
		if (r == 0)
			buf_puts(b, "<w:trPr><w:tblHeader/></w:trPr>");
		for (size_t c = 0; c < t->cols; c++) {
			static const char *const jc[] = {
				"left", "left", "center", "right" };
			buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" "
				   "w:type=\"dxa\"/>", width);
			if (r == 0)
				buf_puts(b, "<w:shd w:val=\"clear\" "
					 "w:color=\"auto\" w:fill=\"D9E2F3\"/>");
			buf_printf(b, "</w:tcPr><w:p><w:pPr><w:pStyle "
				   "w:val=\"TableText\"/><w:jc w:val=\"%s\"/>"
				   "</w:pPr>", jc[t->align[c]]);
			docx_runs(x, t->cells[r * t->cols + c],
				  r == 0 ? NOTE_BOLD : 0);
			buf_puts(b, "</w:p></w:tc>");
		}
		buf_puts(b, "</w:tr>");
	}
	/* A paragraph after each table: Word merges two tables that touch. */
	buf_puts(b, "</w:tbl><w:p><w:pPr><w:pStyle w:val=\"AfterTable\"/>"
		 "</w:pPr></w:p>");
}

/* A new numbering instance for a list at `level`; its id. */
static int docx_num(struct docx *x, const struct note_block *list, int level)
{
	int id = x->next_num++;
	buf_printf(&x->nums, "<w:num w:numId=\"%d\"><w:abstractNumId "
		   "w:val=\"%d\"/>", id, list->ordered ? 1 : 0);
	if (list->ordered)
		buf_printf(&x->nums, "<w:lvlOverride w:ilvl=\"%d\">"
			   "<w:startOverride w:val=\"%d\"/></w:lvlOverride>",
			   level, list->start);
	buf_puts(&x->nums, "</w:num>");
	return id;
}

static void docx_list(struct docx *x, const struct note_block *list,
		      struct docx_ctx ctx)
{
	ctx.level = ctx.level < DOCX_MAX_LEVEL ? ctx.level + 1 : ctx.level;
	int num = docx_num(x, list, ctx.level);
	for (const struct note_block *item = list->children; item;
	     item = item->next) {
		const struct note_block *first = item->children;
		struct docx_ctx label = ctx;
		label.num_id = num;
		if (first && (first->kind == NOTE_PARAGRAPH ||
			      first->kind == NOTE_HEADING)) {
			/* The label goes on the item's first paragraph. */
			docx_block(x, first, &label);
			first = first->next;
		} else {
			docx_p(x, NULL, &label);
			buf_puts(&x->body, "</w:p>");
		}
		docx_blocks(x, first, ctx);
	}
}

/* Write block b; a paragraph or heading takes ctx->num_id. */
static void docx_block(struct docx *x, const struct note_block *b,
		       const struct docx_ctx *ctx)
{
	char style[16];
	switch (b->kind) {
	case NOTE_PARAGRAPH:
		docx_p(x, NULL, ctx);
		docx_runs(x, b->runs, 0);
		buf_puts(&x->body, "</w:p>");
		break;
	case NOTE_HEADING:
		snprintf(style, sizeof(style), "Heading%d", b->level);
		docx_p(x, style, ctx);
		docx_runs(x, b->runs, 0);
		buf_puts(&x->body, "</w:p>");
		break;
	case NOTE_CODE_BLOCK:
		docx_p(x, "SourceCode", ctx);
		for (const struct note_run *r = b->runs; r; r = r->next)
			docx_run(&x->body, r, 0, 0);
		buf_puts(&x->body, "</w:p>");
		break;
	case NOTE_RULE:
		docx_p(x, "Rule", ctx);
		buf_puts(&x->body, "</w:p>");
		break;
	case NOTE_TABLE:
		docx_table(x, b);
		break;
	case NOTE_LIST:
		docx_list(x, b, *ctx);
		break;
	case NOTE_QUOTE: {
		struct docx_ctx inner = *ctx;
		inner.quote++;
		docx_blocks(x, b->children, inner);
		break;
	}
	case NOTE_DOCUMENT:
	case NOTE_ITEM:
		docx_blocks(x, b->children, *ctx);
		break;
	}
}

/* Write `first` and its next siblings, none of them labelled. */
static void docx_blocks(struct docx *x, const struct note_block *first,
			struct docx_ctx ctx)
{
	ctx.num_id = 0;
	for (const struct note_block *b = first; b; b = b->next)
		docx_block(x, b, &ctx);
}

/* A row of the meta block, when there is a value. */
static void docx_meta_row(struct buf *b, const char *label, const char *value)
{
	if (!*value)
		return;
	buf_printf(b, "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>"
		   "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"MetaLabel\"/>"
		   "</w:pPr><w:r><w:t xml:space=\"preserve\">",
		   DOCX_LABEL_WIDTH);
	note_xml_puts(b, label);
	buf_printf(b, "</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW "
		   "w:w=\"%d\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr>"
		   "<w:pStyle w:val=\"MetaValue\"/></w:pPr><w:r><w:t "
		   "xml:space=\"preserve\">",
		   DOCX_TEXT_WIDTH - DOCX_LABEL_WIDTH);
	note_xml_puts(b, value);
	buf_puts(b, "</w:t></w:r></w:p></w:tc></w:tr>");
}

/* A paragraph in `style` holding `text` only. */
static void docx_simple_p(struct buf *b, const char *style, const char *text)
{
	buf_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style);
	if (*text) {
		buf_puts(b, "<w:r><w:t xml:space=\"preserve\">");
		note_xml_puts(b, text);
		buf_puts(b, "</w:t></w:r>");
	}
	buf_puts(b, "</w:p>");
}

static void docx_document(struct docx *x)
{
	struct note_doc *d = x->doc;
	struct buf *b = &x->body;
	buf_puts(b, DOCX_XML_DECL "<w:document xmlns:w=\"" DOCX_NS_W "\" "
		 "xmlns:r=\"" DOCX_NS_R "\"><w:body>");
	if (*d->kind_label)
		docx_simple_p(b, "Subtitle", d->kind_label);
	docx_simple_p(b, "Title", d->title);
	if (*d->date || *d->author || *d->validator) {
		buf_printf(b, "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" "
			   "w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
			   "<w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/>"
			   "</w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol "
			   "w:w=\"%d\"/><w:gridCol w:w=\"%d\"/></w:tblGrid>",
			   DOCX_TEXT_WIDTH, DOCX_LABEL_WIDTH,
			   DOCX_TEXT_WIDTH - DOCX_LABEL_WIDTH);
		docx_meta_row(b, d->label_date, d->date);
		docx_meta_row(b, d->label_author, d->author);
		docx_meta_row(b, d->label_validator, d->validator);
		buf_puts(b, "</w:tbl>");
	}
	docx_simple_p(b, "MetaEnd", "");

	struct docx_ctx ctx = { -1, 0, 0 };
	docx_blocks(x, d->root->children, ctx);

	buf_printf(b, "<w:sectPr><w:headerReference w:type=\"default\" "
		   "r:id=\"rId%d\"/><w:footerReference w:type=\"default\" "
		   "r:id=\"rId%d\"/><w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar "
		   "w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" "
		   "w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>"
		   "</w:sectPr></w:body></w:document>", DOCX_REL_HEADER,
		   DOCX_REL_FOOTER, DOCX_PAGE_WIDTH, DOCX_PAGE_HEIGHT,
		   DOCX_MARGIN, DOCX_MARGIN, DOCX_MARGIN, DOCX_MARGIN);
}

/* ---- the other parts ---- */

/* A paragraph style: `ppr` and `rpr` are the inside of <w:pPr> and
 * <w:rPr> (may be ""). */
static void docx_style(struct buf *b, const char *id, const char *name,
		       const char *next, const char *ppr, const char *rpr)
{
	buf_printf(b, "<w:style w:type=\"paragraph\" w:styleId=\"%s\">"
		   "<w:name w:val=\"%s\"/><w:basedOn w:val=\"Normal\"/>", id,
		   name);
	if (next)
		buf_printf(b, "<w:next w:val=\"%s\"/>", next);
	buf_puts(b, "<w:qFormat/>");
	if (*ppr)
		buf_printf(b, "<w:pPr>%s</w:pPr>", ppr);
	if (*rpr)
		buf_printf(b, "<w:rPr>%s</w:rPr>", rpr);
	buf_puts(b, "</w:style>");
}

static void docx_styles(struct buf *b, const char *lang)
{
	buf_puts(b, DOCX_XML_DECL "<w:styles xmlns:w=\"" DOCX_NS_W "\">"
		 "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\""
		 DOCX_FONT "\" w:hAnsi=\"" DOCX_FONT "\" w:eastAsia=\""
		 DOCX_FONT "\" w:cs=\"" DOCX_FONT "\"/>"
		 "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>");
	if (*lang)
		buf_printf(b, "<w:lang w:val=\"%s\"/>", lang);
	buf_puts(b, "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing "
		 "w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/>"
		 "</w:pPr></w:pPrDefault></w:docDefaults>"
		 "<w:style w:type=\"paragraph\" w:default=\"1\" "
		 "w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
		 "</w:style>"
		 "<w:style w:type=\"character\" w:default=\"1\" "
		 "w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default "
		 "Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
		 "<w:unhideWhenUsed/></w:style>"
		 "<w:style w:type=\"table\" w:default=\"1\" "
		 "w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
		 "<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd "
		 "w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" "
		 "w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
		 "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" "
		 "w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
		 "<w:style w:type=\"numbering\" w:default=\"1\" "
		 "w:styleId=\"NoList\"><w:name w:val=\"No List\"/>"
		 "<w:semiHidden/><w:unhideWhenUsed/></w:style>");

	docx_style(b, "Title", "Title", "Normal",
		   "<w:spacing w:after=\"160\"/>",
		   "<w:b/><w:bCs/><w:color w:val=\"" DOCX_ACCENT "\"/>"
		   "<w:sz w:val=\"40\"/><w:szCs w:val=\"40\"/>");
	docx_style(b, "Subtitle", "Subtitle", "Title",
		   "<w:spacing w:after=\"40\"/>",
		   "<w:b/><w:bCs/><w:caps/><w:color w:val=\"2E74B5\"/>"
		   "<w:spacing w:val=\"10\"/><w:sz w:val=\"20\"/>"
		   "<w:szCs w:val=\"20\"/>");
	static const int sizes[6] = { 32, 28, 24, 22, 21, 21 };
	static const int before[6] = { 360, 280, 240, 200, 160, 160 };
	for (int i = 0; i < 6; i++) {
		char id[32], name[32], ppr[200], rpr[200];
		snprintf(id, sizeof(id), "Heading%d", i + 1);
		snprintf(name, sizeof(name), "heading %d", i + 1);
		snprintf(ppr, sizeof(ppr), "<w:keepNext/><w:keepLines/>"
			 "<w:spacing w:before=\"%d\" w:after=\"80\"/>"
			 "<w:outlineLvl w:val=\"%d\"/>", before[i], i);
		snprintf(rpr, sizeof(rpr), "<w:b/><w:bCs/>%s<w:color "
			 "w:val=\"%s\"/><w:sz w:val=\"%d\"/><w:szCs "
			 "w:val=\"%d\"/>", i == 5 ? "<w:i/><w:iCs/>" : "",
			 i < 2 ? DOCX_ACCENT : "2E5395", sizes[i], sizes[i]);
		docx_style(b, id, name, "Normal", ppr, rpr);
	}
	docx_style(b, "ListParagraph", "List Paragraph", NULL,
		   "<w:spacing w:after=\"60\"/><w:ind w:left=\"720\"/>", "");
	docx_style(b, "Quote", "Quote", "Normal",
		   "<w:pBdr><w:left w:val=\"single\" w:sz=\"12\" "
		   "w:space=\"8\" w:color=\"BFBFBF\"/></w:pBdr>"
		   "<w:ind w:left=\"567\"/>",
		   "<w:i/><w:iCs/><w:color w:val=\"404040\"/>");
	docx_style(b, "SourceCode", "Source Code", NULL,
		   "<w:shd w:val=\"clear\" w:color=\"auto\" "
		   "w:fill=\"F2F2F2\"/><w:spacing w:after=\"120\" "
		   "w:line=\"240\" w:lineRule=\"auto\"/>",
		   "<w:rFonts w:ascii=\"" DOCX_MONO "\" w:hAnsi=\"" DOCX_MONO
		   "\" w:cs=\"" DOCX_MONO "\"/><w:sz w:val=\"19\"/>"
		   "<w:szCs w:val=\"19\"/>");
	docx_style(b, "Rule", "Horizontal Line", "Normal",
		   "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" "
		   "w:space=\"1\" w:color=\"A6A6A6\"/></w:pBdr>"
		   "<w:spacing w:after=\"240\"/>", "");
	docx_style(b, "TableText", "Table Text", NULL,
		   "<w:spacing w:before=\"40\" w:after=\"40\"/>", "");
	docx_style(b, "AfterTable", "After Table", "Normal",
		   "<w:spacing w:after=\"0\" w:line=\"120\" "
		   "w:lineRule=\"exact\"/>", "");
	docx_style(b, "MetaLabel", "Note Meta Label", NULL,
		   "<w:spacing w:after=\"40\"/>",
		   "<w:b/><w:bCs/><w:color w:val=\"" DOCX_GREY "\"/>");
	docx_style(b, "MetaValue", "Note Meta Value", NULL,
		   "<w:spacing w:after=\"40\"/>", "");
	docx_style(b, "MetaEnd", "Note Meta End", "Normal",
		   "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"8\" "
		   "w:space=\"1\" w:color=\"" DOCX_ACCENT "\"/></w:pBdr>"
		   "<w:spacing w:after=\"240\"/>", "<w:sz w:val=\"8\"/>");
	char header[300];
	snprintf(header, sizeof(header), "<w:pBdr><w:bottom w:val=\"single\" "
		 "w:sz=\"4\" w:space=\"4\" w:color=\"A6A6A6\"/></w:pBdr>"
		 "<w:tabs><w:tab w:val=\"right\" w:pos=\"%d\"/></w:tabs>"
		 "<w:spacing w:after=\"0\"/>", DOCX_TEXT_WIDTH);
	docx_style(b, "Header", "header", NULL, header,
		   "<w:color w:val=\"" DOCX_GREY "\"/><w:sz w:val=\"18\"/>"
		   "<w:szCs w:val=\"18\"/>");
	docx_style(b, "Footer", "footer", NULL,
		   "<w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>",
		   "<w:color w:val=\"" DOCX_GREY "\"/><w:sz w:val=\"18\"/>"
		   "<w:szCs w:val=\"18\"/>");
	buf_puts(b, "<w:style w:type=\"character\" w:styleId=\"Hyperlink\">"
		 "<w:name w:val=\"Hyperlink\"/><w:basedOn "
		 "w:val=\"DefaultParagraphFont\"/><w:unhideWhenUsed/><w:rPr>"
		 "<w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr>"
		 "</w:style>"
		 "<w:style w:type=\"table\" w:styleId=\"NoteTable\"><w:name "
		 "w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>"
		 "<w:tblPr><w:tblBorders>");
	static const char *const sides[] = {
		"top", "left", "bottom", "right", "insideH", "insideV" };
	for (size_t i = 0; i < sizeof(sides) / sizeof(sides[0]); i++)
		buf_printf(b, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
			   "w:color=\"808080\"/>", sides[i]);
	buf_puts(b, "</w:tblBorders><w:tblCellMar><w:left w:w=\"85\" "
		 "w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/>"
		 "</w:tblCellMar></w:tblPr></w:style></w:styles>");
}

static void docx_numbering(struct buf *b, const struct buf *nums)
{
	static const char *const bullets[3] = {
		"\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x96\xAA" };
	buf_puts(b, DOCX_XML_DECL "<w:numbering xmlns:w=\"" DOCX_NS_W "\">");
	for (int ordered = 0; ordered < 2; ordered++) {
		buf_printf(b, "<w:abstractNum w:abstractNumId=\"%d\">"
			   "<w:multiLevelType w:val=\"multilevel\"/>",
			   ordered);
		for (int l = 0; l <= DOCX_MAX_LEVEL; l++) {
			buf_printf(b, "<w:lvl w:ilvl=\"%d\"><w:start "
				   "w:val=\"1\"/><w:numFmt w:val=\"%s\"/>", l,
				   ordered ? "decimal" : "bullet");
			if (ordered)
				buf_printf(b, "<w:lvlText w:val=\"%%%d.\"/>",
					   l + 1);
			else
				buf_printf(b, "<w:lvlText w:val=\"%s\"/>",
					   bullets[l % 3]);
			buf_printf(b, "<w:lvlJc w:val=\"left\"/><w:pPr><w:ind "
				   "w:left=\"%d\" w:hanging=\"360\"/></w:pPr>",
				   DOCX_LIST_INDENT * (l + 1));
			if (!ordered)
				buf_puts(b, "<w:rPr><w:rFonts w:ascii=\""
					 DOCX_FONT "\" w:hAnsi=\"" DOCX_FONT
					 "\"/></w:rPr>");
			buf_puts(b, "</w:lvl>");
		}
		buf_puts(b, "</w:abstractNum>");
	}
	buf_append(b, nums->data, nums->len);
	buf_puts(b, "</w:numbering>");
}

/* The header (organisation, kind of note) or the footer ("Page n"). */
static void docx_header_footer(struct buf *b, const struct note_doc *d,
			       int header)
{
	buf_printf(b, DOCX_XML_DECL "<w:%s xmlns:w=\"" DOCX_NS_W "\" "
		   "xmlns:r=\"" DOCX_NS_R "\"><w:p><w:pPr><w:pStyle "
		   "w:val=\"%s\"/></w:pPr>", header ? "hdr" : "ftr",
		   header ? "Header" : "Footer");
	if (header) {
		buf_puts(b, "<w:r><w:rPr><w:b/><w:bCs/></w:rPr>"
			 "<w:t xml:space=\"preserve\">");
		note_xml_puts(b, d->organization);
		buf_puts(b, "</w:t></w:r><w:r><w:tab/>"
			 "<w:t xml:space=\"preserve\">");
		note_xml_puts(b, d->kind_label);
		buf_puts(b, "</w:t></w:r>");
	} else {
		buf_puts(b, "<w:r><w:t xml:space=\"preserve\">");
		note_xml_puts(b, d->label_page);
		buf_puts(b, " </w:t></w:r><w:fldSimple w:instr=\" PAGE \">"
			 "<w:r><w:t>1</w:t></w:r></w:fldSimple>");
	}
	buf_printf(b, "</w:p></w:%s>", header ? "hdr" : "ftr");
}

static void docx_core(struct buf *b, const struct note_doc *d)
{
	buf_puts(b, DOCX_XML_DECL "<cp:coreProperties xmlns:cp=\"http://"
		 "schemas.openxmlformats.org/package/2006/metadata/core-"
		 "properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
		 "xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\""
		 "http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
	note_xml_puts(b, d->title);
	buf_puts(b, "</dc:title><dc:subject>");
	note_xml_puts(b, d->kind_label);
	buf_puts(b, "</dc:subject><dc:creator>");
	note_xml_puts(b, d->author);
	buf_puts(b, "</dc:creator>");
	if (*d->lang)
		buf_printf(b, "<dc:language>%s</dc:language>", d->lang);
	buf_puts(b, "</cp:coreProperties>");
}

static const char docx_content_types[] = DOCX_XML_DECL
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	"content-types\"><Default Extension=\"rels\" ContentType=\""
	"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"" DOCX_CT
	"document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"" DOCX_CT
	"styles+xml\"/>"
	"<Override PartName=\"/word/numbering.xml\" ContentType=\"" DOCX_CT
	"numbering+xml\"/>"
	"<Override PartName=\"/word/settings.xml\" ContentType=\"" DOCX_CT
	"settings+xml\"/>"
	"<Override PartName=\"/word/header1.xml\" ContentType=\"" DOCX_CT
	"header+xml\"/>"
	"<Override PartName=\"/word/footer1.xml\" ContentType=\"" DOCX_CT
	"footer+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\""
	"application/vnd.openxmlformats-package.core-properties+xml\"/>"
	"</Types>";

static const char docx_package_rels[] = DOCX_XML_DECL
	"<Relationships xmlns=\"" DOCX_NS_PKG "\">"
	"<Relationship Id=\"rId1\" Type=\"" DOCX_NS_R "/officeDocument\" "
	"Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" DOCX_NS_PKG "/metadata/core-"
	"properties\" Target=\"docProps/core.xml\"/></Relationships>";

static const char docx_settings[] = DOCX_XML_DECL
	"<w:settings xmlns:w=\"" DOCX_NS_W "\"><w:defaultTabStop "
	"w:val=\"709\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
	"<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
	"w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
	"</w:compat></w:settings>";

static void docx_document_rels(struct buf *b, const struct buf *links)
{
	static const struct {
		int id;
		const char *type, *target;
	} fixed[] = {
		{ DOCX_REL_STYLES, "styles", "styles.xml" },
		{ DOCX_REL_NUMBERING, "numbering", "numbering.xml" },
		{ DOCX_REL_SETTINGS, "settings", "settings.xml" },
		{ DOCX_REL_HEADER, "header", "header1.xml" },
		{ DOCX_REL_FOOTER, "footer", "footer1.xml" },
	};
	buf_puts(b, DOCX_XML_DECL "<Relationships xmlns=\"" DOCX_NS_PKG "\">");
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		buf_printf(b, "<Relationship Id=\"rId%d\" Type=\"" DOCX_NS_R
			   "/%s\" Target=\"%s\"/>", fixed[i].id, fixed[i].type,
			   fixed[i].target);
	buf_append(b, links->data, links->len);
	buf_puts(b, "</Relationships>");
}

int note_docx_write(struct buf *out, const struct note_doc_meta *m,
		    const char *markdown, size_t len, char *err, size_t errlen)
{
	struct note_doc doc;
	struct docx x = { &doc, BUF_INIT, BUF_INIT, BUF_INIT, 1,
			  DOCX_REL_FIRST_LINK };
	struct buf types = BUF_INIT, rels = BUF_INIT, core = BUF_INIT;
	struct buf doc_rels = BUF_INIT, styles = BUF_INIT;
	struct buf numbering = BUF_INIT, settings = BUF_INIT;
	struct buf header = BUF_INIT, footer = BUF_INIT;
	int rc = note_doc_build(&doc, m, markdown, len, err, errlen);
	if (rc == 0) {
		docx_document(&x);
		buf_puts(&types, docx_content_types);
		buf_puts(&rels, docx_package_rels);
		docx_core(&core, &doc);
		docx_document_rels(&doc_rels, &x.rels);
		docx_styles(&styles, doc.lang);
		docx_numbering(&numbering, &x.nums);
		buf_puts(&settings, docx_settings);
		docx_header_footer(&header, &doc, 1);
		docx_header_footer(&footer, &doc, 0);
		const struct note_part parts[] = {
			{ "[Content_Types].xml", &types, 0 },
			{ "_rels/.rels", &rels, 0 },
			{ "docProps/core.xml", &core, 0 },
			{ "word/document.xml", &x.body, 0 },
			{ "word/_rels/document.xml.rels", &doc_rels, 0 },
			{ "word/styles.xml", &styles, 0 },
			{ "word/numbering.xml", &numbering, 0 },
			{ "word/settings.xml", &settings, 0 },
			{ "word/header1.xml", &header, 0 },
			{ "word/footer1.xml", &footer, 0 },
		};
		rc = note_zip(out, parts, sizeof(parts) / sizeof(parts[0]),
			      err, errlen);
	}
	note_doc_release(&doc);
	buf_release(&x.body);
	buf_release(&x.nums);
	buf_release(&x.rels);
	buf_release(&types);
	buf_release(&rels);
	buf_release(&core);
	buf_release(&doc_rels);
	buf_release(&styles);
	buf_release(&numbering);
	buf_release(&settings);
	buf_release(&header);
	buf_release(&footer);
	return rc;
}
