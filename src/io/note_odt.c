/*
 * note_odt.c - a note as an OpenDocument text (ODF 1.2, as LibreOffice
 * and Word read it).
 *
 * The package: mimetype first and stored uncompressed (the signature
 * readers look for), META-INF/manifest.xml, meta.xml, styles.xml (the
 * common styles under LibreOffice's names: Text body, Title, Heading 1-6,
 * Quotations, Preformatted Text, Table Contents, the Bullets and
 * Numbering list styles; the A4 page with its header and footer) and
 * content.xml (automatic styles for runs, tables and nested quotes, then
 * the text).
 *
 * ODF collapses white space: spaces that follow a space, or start a
 * paragraph, are written <text:s/>.  A list item may not hold a table in
 * ODF: a table inside a list shows as one paragraph per row, the cells
 * separated by " | ".
 */
#include <stdio.h>
#include <string.h>

#include "io/note_doc_internal.h"

#define ODT_XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define ODT_NS \
	" xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" \
	" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"" \
	" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" \
	" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" \
	" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-" \
	"compatible:1.0\"" \
	" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-" \
	"compatible:1.0\"" \
	" xmlns:xlink=\"http://www.w3.org/1999/xlink\"" \
	" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"" \
	" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"" \
	" office:version=\"1.2\""
#define ODT_MIMETYPE "application/vnd.oasis.opendocument.text"

#define ODT_FONT "Arial"
#define ODT_MONO "Courier New"
#define ODT_ACCENT "#1f3864"
#define ODT_GREY "#595959"
/* A4 with 2.5 cm side margins: 16 cm of text. */
#define ODT_TEXT_WIDTH "16cm"
#define ODT_LIST_LEVELS 10
#define ODT_BORDER "0.5pt solid #808080"

/* The fonts the styles name, declared in each part that uses them. */
#define ODT_FONT_FACES \
	"<office:font-face-decls>" \
	"<style:font-face style:name=\"" ODT_FONT "\" svg:font-family=" \
	"\"" ODT_FONT "\" style:font-family-generic=\"swiss\" " \
	"style:font-pitch=\"variable\"/>" \
	"<style:font-face style:name=\"" ODT_MONO "\" svg:font-family=" \
	"\"&apos;" ODT_MONO "&apos;\" style:font-family-generic=" \
	"\"modern\" style:font-pitch=\"fixed\"/>" \
	"</office:font-face-decls>"

struct odt {
	struct note_doc *doc;
	struct buf body;
	int space;  /* the paragraph so far ends in white space, or is empty */
	int tables; /* tables written, for their names */
};

/* Where a block is written. */
struct odt_ctx {
	int list;   /* lists around it */
	int quote;  /* block quotes around it */
	int quoted; /* the innermost of them is a quote */
};

/* ---- text ---- */

/* Text, its white space made explicit (see the top of the file). */
static void odt_text(struct odt *o, const char *s, size_t len)
{
	struct buf *b = &o->body;
	size_t from = 0;
	for (size_t i = 0; i <= len; i++) {
		char c = i < len ? s[i] : '\0';
		if (i < len && c != ' ' && c != '\t' && c != '\n') {
			o->space = 0;
			continue;
		}
		note_xml_escape(b, s + from, i - from);
		from = i + 1;
		if (i == len)
			break;
		if (c == '\t') {
			buf_puts(b, "<text:tab/>");
			o->space = 0;
		} else if (c == '\n') {
			buf_puts(b, "<text:line-break/>");
			o->space = 1;
		} else if (o->space) {
			buf_puts(b, "<text:s/>");
		} else {
			buf_putc(b, ' ');
			o->space = 1;
		}
	}
}

/* Open a paragraph element (text:p or text:h) in `style`. */
static void odt_open(struct odt *o, const char *element, const char *style)
{
	buf_printf(&o->body, "<%s text:style-name=\"%s\"", element, style);
	o->space = 1;
}

static void odt_runs(struct odt *o, const struct note_run *runs,
		     unsigned extra)
{
	struct buf *b = &o->body;
	const char *open = NULL;
	for (const struct note_run *r = runs; r; r = r->next) {
		if (r->link != open) {
			if (open)
				buf_puts(b, "</text:a>");
			if (r->link) {
				buf_puts(b, "<text:a xlink:type=\"simple\" "
					 "xlink:href=\"");
				note_xml_puts(b, r->link);
				buf_puts(b, "\" text:style-name=\"Internet_20_"
					 "link\" text:visited-style-name=\""
					 "Visited_20_Internet_20_Link\">");
			}
			open = r->link;
		}
		if (r->line_break) {
			buf_puts(b, "<text:line-break/>");
			o->space = 1;
			continue;
		}
		unsigned style = r->style | extra;
		if (style)
			buf_printf(b, "<text:span text:style-name=\"T%u\">",
				   style);
		odt_text(o, r->text, r->len);
		if (style)
			buf_puts(b, "</text:span>");
	}
	if (open)
		buf_puts(b, "</text:a>");
}

/* ---- blocks ---- */

/* The paragraph style for ctx, in buf[16]. */
static const char *odt_p_style(const struct odt_ctx *ctx, char *buf,
			       size_t size)
{
	if (ctx->quoted) {
		snprintf(buf, size, "Q%d", ctx->quote);
		return buf;
	}
	return ctx->list > 0 ? "List_20_Paragraph" : "Text_20_body";
}

static void odt_blocks(struct odt *o, const struct note_block *first,
		       struct odt_ctx ctx);

/* A table in a list: a paragraph per row. */
static void odt_table_as_text(struct odt *o, const struct note_block *t,
			      const struct odt_ctx *ctx)
{
	char style[16];
	for (size_t r = 0; r < t->rows; r++) {
		odt_open(o, "text:p", odt_p_style(ctx, style, sizeof(style)));
		buf_putc(&o->body, '>');
		for (size_t c = 0; c < t->cols; c++) {
			if (c > 0)
				odt_text(o, " | ", 3);
			odt_runs(o, t->cells[r * t->cols + c],
				 r == 0 ? NOTE_BOLD : 0);
		}
		buf_puts(&o->body, "</text:p>");
	}
}

static void odt_table(struct odt *o, const struct note_block *t)
{
	struct buf *b = &o->body;
	static const char align[] = { 'L', 'L', 'C', 'R' };
	buf_printf(b, "<table:table table:name=\"Table%d\" "
		   "table:style-name=\"Tbl\"><table:table-column "
		   "table:style-name=\"TblCol\" "
		   "table:number-columns-repeated=\"%zu\"/>", ++o->tables,
		   t->cols);
	for (size_t r = 0; r < t->rows; r++) {
		if (r == 0)
			buf_puts(b, "<table:table-header-rows>");
		buf_puts(b, "<table:table-row>");
		for (size_t c = 0; c < t->cols; c++) {
			char style[4] = { r == 0 ? 'H' : 'C',
					  align[t->align[c]], '\0', '\0' };
			buf_printf(b, "<table:table-cell table:style-name="
				   "\"%s%s\" office:value-type=\"string\">",
				   r == 0 ? "TblHead" : "TblCell",
				   c + 1 == t->cols ? "End" : "");
			odt_open(o, "text:p", style);
			buf_putc(b, '>');
			odt_runs(o, t->cells[r * t->cols + c], 0);
			buf_puts(b, "</text:p></table:table-cell>");
		}
		buf_puts(b, "</table:table-row>");
		if (r == 0)
			buf_puts(b, "</table:table-header-rows>");
	}
	buf_puts(b, "</table:table>");
}

static void odt_list(struct odt *o, const struct note_block *list,
		     struct odt_ctx ctx)
{
	struct buf *b = &o->body;
	ctx.list++;
	ctx.quoted = 0;
	buf_printf(b, "<text:list text:style-name=\"%s\">",
		   list->ordered ? "Numbering" : "Bullets");
	for (const struct note_block *item = list->children; item;
	     item = item->next) {
		buf_puts(b, "<text:list-item");
		if (list->ordered && item == list->children &&
		    list->start != 1)
			buf_printf(b, " text:start-value=\"%d\"", list->start);
		buf_putc(b, '>');
		const struct note_block *first = item->children;
		if (!first || first->kind == NOTE_LIST ||
		    first->kind == NOTE_TABLE) {
			/* The label needs a paragraph of its own. */
			odt_open(o, "text:p", "List_20_Paragraph");
			buf_puts(b, "/>");
		}
		odt_blocks(o, first, ctx);
		buf_puts(b, "</text:list-item>");
	}
	buf_puts(b, "</text:list>");
}

static void odt_blocks(struct odt *o, const struct note_block *first,
		       struct odt_ctx ctx)
{
	struct buf *b = &o->body;
	char style[16];
	for (const struct note_block *k = first; k; k = k->next) {
		switch (k->kind) {
		case NOTE_PARAGRAPH:
			odt_open(o, "text:p",
				 odt_p_style(&ctx, style, sizeof(style)));
			buf_putc(b, '>');
			odt_runs(o, k->runs, 0);
			buf_puts(b, "</text:p>");
			break;
		case NOTE_HEADING:
			snprintf(style, sizeof(style), "Heading_20_%d",
				 k->level);
			odt_open(o, "text:h", style);
			buf_printf(b, " text:outline-level=\"%d\">", k->level);
			odt_runs(o, k->runs, 0);
			buf_puts(b, "</text:h>");
			break;
		case NOTE_CODE_BLOCK:
			odt_open(o, "text:p", "Preformatted_20_Text");
			buf_putc(b, '>');
			for (const struct note_run *r = k->runs; r; r = r->next)
				odt_text(o, r->text, r->len);
			buf_puts(b, "</text:p>");
			break;
		case NOTE_RULE:
			odt_open(o, "text:p", "Horizontal_20_Line");
			buf_puts(b, "/>");
			break;
		case NOTE_TABLE:
			if (ctx.list > 0)
				odt_table_as_text(o, k, &ctx);
			else
				odt_table(o, k);
			break;
		case NOTE_LIST:
			odt_list(o, k, ctx);
			break;
		case NOTE_QUOTE: {
			struct odt_ctx inner = ctx;
			inner.quote++;
			inner.quoted = 1;
			odt_blocks(o, k->children, inner);
			break;
		}
		case NOTE_DOCUMENT:
		case NOTE_ITEM:
			odt_blocks(o, k->children, ctx);
			break;
		}
	}
}

/* ---- the parts ---- */

/* fo:language and fo:country of a language tag ("fr", "fr-FR"). */
static void odt_language(struct buf *b, const char *lang)
{
	size_t n = strcspn(lang, "-");
	if (n == 0 || n > 8)
		return;
	buf_printf(b, " fo:language=\"%.*s\"", (int)n, lang);
	const char *region = lang[n] ? lang + n + 1 : "";
	size_t r = strcspn(region, "-");
	if (r == 2)
		buf_printf(b, " fo:country=\"%.2s\"", region);
}

/* A paragraph style of styles.xml. */
static void odt_style(struct buf *b, const char *name, const char *display,
		      const char *parent, const char *next,
		      const char *pprops, const char *tprops)
{
	buf_printf(b, "<style:style style:name=\"%s\" style:display-name=\"%s\" "
		   "style:family=\"paragraph\"", name, display);
	if (parent)
		buf_printf(b, " style:parent-style-name=\"%s\"", parent);
	if (next)
		buf_printf(b, " style:next-style-name=\"%s\"", next);
	buf_puts(b, ">");
	if (*pprops)
		buf_printf(b, "<style:paragraph-properties %s/>", pprops);
	if (*tprops)
		buf_printf(b, "<style:text-properties %s/>", tprops);
	buf_puts(b, "</style:style>");
}

/* The list styles: bullets and numbers, ten levels. */
static void odt_list_styles(struct buf *b)
{
	static const char *const bullets[3] = {
		"\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x96\xAA" };
	for (int ordered = 0; ordered < 2; ordered++) {
		buf_printf(b, "<text:list-style style:name=\"%s\">",
			   ordered ? "Numbering" : "Bullets");
		for (int l = 1; l <= ODT_LIST_LEVELS; l++) {
			if (ordered)
				buf_printf(b, "<text:list-level-style-number "
					   "text:level=\"%d\" style:num-suffix="
					   "\".\" style:num-format=\"1\">", l);
			else
				buf_printf(b, "<text:list-level-style-bullet "
					   "text:level=\"%d\" "
					   "text:bullet-char=\"%s\">", l,
					   bullets[(l - 1) % 3]);
			buf_printf(b, "<style:list-level-properties text:list-"
				   "level-position-and-space-mode=\"label-"
				   "alignment\"><style:list-level-label-"
				   "alignment text:label-followed-by=\"listtab\""
				   " text:list-tab-stop-position=\"%dmm\" "
				   "fo:text-indent=\"-6mm\" fo:margin-left="
				   "\"%dmm\"/></style:list-level-properties>",
				   l * 7 + 1, l * 7 + 1);
			buf_printf(b, "</text:list-level-style-%s>",
				   ordered ? "number" : "bullet");
		}
		buf_puts(b, "</text:list-style>");
	}
}

static void odt_styles(struct buf *b, const struct note_doc *d)
{
	buf_puts(b, ODT_XML_DECL "<office:document-styles" ODT_NS ">"
		 ODT_FONT_FACES "<office:styles>"
		 "<style:default-style style:family=\"paragraph\">"
		 "<style:paragraph-properties fo:margin-top=\"0cm\" "
		 "fo:margin-bottom=\"0cm\"/><style:text-properties "
		 "style:font-name=\"" ODT_FONT "\" fo:font-size=\"10.5pt\" "
		 "style:font-name-asian=\"" ODT_FONT "\" "
		 "style:font-size-asian=\"10.5pt\" style:font-name-complex=\""
		 ODT_FONT "\" style:font-size-complex=\"10.5pt\"");
	odt_language(b, d->lang);
	buf_puts(b, "/></style:default-style>"
		 "<style:style style:name=\"Standard\" style:family="
		 "\"paragraph\" style:class=\"text\"/>");
	odt_style(b, "Text_20_body", "Text body", "Standard", NULL,
		  "fo:margin-top=\"0cm\" fo:margin-bottom=\"0.2cm\" "
		  "fo:line-height=\"115%\"", "");
	odt_style(b, "List_20_Paragraph", "List Paragraph", "Text_20_body",
		  NULL, "fo:margin-bottom=\"0.1cm\"", "");
	odt_style(b, "Title", "Title", "Standard", "Text_20_body",
		  "fo:margin-bottom=\"0.25cm\"",
		  "fo:font-size=\"20pt\" fo:font-weight=\"bold\" "
		  "style:font-size-complex=\"20pt\" "
		  "style:font-weight-complex=\"bold\" fo:color=\"" ODT_ACCENT
		  "\"");
	odt_style(b, "Subtitle", "Subtitle", "Standard", "Title",
		  "fo:margin-bottom=\"0.1cm\"",
		  "fo:font-size=\"10pt\" fo:font-weight=\"bold\" "
		  "style:font-weight-complex=\"bold\" fo:text-transform="
		  "\"uppercase\" fo:letter-spacing=\"0.03cm\" "
		  "fo:color=\"#2e74b5\"");
	static const char *const sizes[6] = {
		"16pt", "14pt", "12pt", "11pt", "10.5pt", "10.5pt" };
	static const char *const before[6] = {
		"0.6cm", "0.5cm", "0.4cm", "0.35cm", "0.3cm", "0.3cm" };
	for (int i = 0; i < 6; i++) {
		char name[32], display[32], pprops[160], tprops[300];
		snprintf(name, sizeof(name), "Heading_20_%d", i + 1);
		snprintf(display, sizeof(display), "Heading %d", i + 1);
		snprintf(pprops, sizeof(pprops), "fo:margin-top=\"%s\" "
			 "fo:margin-bottom=\"0.15cm\" fo:keep-with-next="
			 "\"always\"", before[i]);
		snprintf(tprops, sizeof(tprops), "fo:font-size=\"%s\" "
			 "style:font-size-complex=\"%s\" fo:font-weight="
			 "\"bold\" style:font-weight-complex=\"bold\" "
			 "fo:color=\"%s\"%s", sizes[i], sizes[i],
			 i < 2 ? ODT_ACCENT : "#2e5395",
			 i == 5 ? " fo:font-style=\"italic\"" : "");
		buf_printf(b, "<style:style style:name=\"%s\" "
			   "style:display-name=\"%s\" style:family=\"paragraph\" "
			   "style:parent-style-name=\"Standard\" "
			   "style:next-style-name=\"Text_20_body\" "
			   "style:default-outline-level=\"%d\" "
			   "style:class=\"text\"><style:paragraph-properties "
			   "%s/><style:text-properties %s/></style:style>",
			   name, display, i + 1, pprops, tprops);
	}
	odt_style(b, "Quotations", "Quotations", "Text_20_body", NULL,
		  "fo:margin-left=\"10mm\" fo:padding-left=\"2mm\" "
		  "fo:border-left=\"1.5pt solid #bfbfbf\" fo:border-right="
		  "\"none\" fo:border-top=\"none\" fo:border-bottom=\"none\"",
		  "fo:font-style=\"italic\" style:font-style-complex=\"italic\""
		  " fo:color=\"#404040\"");
	odt_style(b, "Preformatted_20_Text", "Preformatted Text", "Standard",
		  NULL, "fo:margin-bottom=\"0.2cm\" fo:background-color="
		  "\"#f2f2f2\" fo:padding=\"1mm\"",
		  "style:font-name=\"" ODT_MONO "\" fo:font-size=\"9.5pt\" "
		  "style:font-name-complex=\"" ODT_MONO "\"");
	odt_style(b, "Horizontal_20_Line", "Horizontal Line", "Standard",
		  NULL, "fo:margin-bottom=\"0.4cm\" fo:border-bottom=\"0.5pt "
		  "solid #a6a6a6\" fo:padding=\"0cm\"", "fo:font-size=\"4pt\"");
	odt_style(b, "Table_20_Contents", "Table Contents", "Standard", NULL,
		  "fo:margin-top=\"0.05cm\" fo:margin-bottom=\"0.05cm\"", "");
	odt_style(b, "Table_20_Heading", "Table Heading", "Table_20_Contents",
		  NULL, "", "fo:font-weight=\"bold\" "
		  "style:font-weight-complex=\"bold\"");
	odt_style(b, "Note_20_Meta_20_Label", "Note Meta Label", "Standard",
		  NULL, "fo:margin-bottom=\"0.07cm\"", "fo:font-weight=\"bold\" "
		  "style:font-weight-complex=\"bold\" fo:color=\"" ODT_GREY
		  "\"");
	odt_style(b, "Note_20_Meta_20_Value", "Note Meta Value", "Standard",
		  NULL, "fo:margin-bottom=\"0.07cm\"", "");
	odt_style(b, "Note_20_Meta_20_End", "Note Meta End", "Standard",
		  "Text_20_body", "fo:margin-bottom=\"0.5cm\" "
		  "fo:border-bottom=\"1pt solid " ODT_ACCENT "\" "
		  "fo:padding=\"0cm\"", "fo:font-size=\"4pt\"");
	buf_puts(b, "<style:style style:name=\"Header\" style:family="
		 "\"paragraph\" style:parent-style-name=\"Standard\" "
		 "style:class=\"extra\"><style:paragraph-properties "
		 "fo:border-bottom=\"0.5pt solid #a6a6a6\" "
		 "fo:padding-bottom=\"1mm\"><style:tab-stops><style:tab-stop "
		 "style:position=\"" ODT_TEXT_WIDTH "\" style:type=\"right\"/>"
		 "</style:tab-stops></style:paragraph-properties>"
		 "<style:text-properties fo:font-size=\"9pt\" fo:color=\""
		 ODT_GREY "\"/></style:style>");
	odt_style(b, "Footer", "Footer", "Standard", NULL,
		  "fo:text-align=\"center\"",
		  "fo:font-size=\"9pt\" fo:color=\"" ODT_GREY "\"");
	buf_puts(b, "<style:style style:name=\"Internet_20_link\" "
		 "style:display-name=\"Internet link\" style:family=\"text\">"
		 "<style:text-properties fo:color=\"#0563c1\" "
		 "style:text-underline-style=\"solid\" "
		 "style:text-underline-width=\"auto\" "
		 "style:text-underline-color=\"font-color\"/></style:style>"
		 "<style:style style:name=\"Visited_20_Internet_20_Link\" "
		 "style:display-name=\"Visited Internet Link\" "
		 "style:family=\"text\"><style:text-properties "
		 "fo:color=\"#954f72\" style:text-underline-style=\"solid\" "
		 "style:text-underline-width=\"auto\" "
		 "style:text-underline-color=\"font-color\"/></style:style>");
	odt_list_styles(b);
	buf_puts(b, "</office:styles><office:automatic-styles>"
		 "<style:page-layout style:name=\"pm1\">"
		 "<style:page-layout-properties fo:page-width=\"21cm\" "
		 "fo:page-height=\"29.7cm\" style:print-orientation="
		 "\"portrait\" fo:margin-top=\"1.5cm\" fo:margin-bottom="
		 "\"1.5cm\" fo:margin-left=\"2.5cm\" fo:margin-right="
		 "\"2.5cm\"/><style:header-style><style:header-footer-"
		 "properties fo:min-height=\"0cm\" fo:margin-bottom=\"0.6cm\"/>"
		 "</style:header-style><style:footer-style><style:header-"
		 "footer-properties fo:min-height=\"0cm\" fo:margin-top="
		 "\"0.6cm\"/></style:footer-style></style:page-layout>"
		 "<style:style style:name=\"MT1\" style:family=\"text\">"
		 "<style:text-properties fo:font-weight=\"bold\" "
		 "style:font-weight-complex=\"bold\" fo:color=\"#262626\"/>"
		 "</style:style></office:automatic-styles>"
		 "<office:master-styles><style:master-page style:name="
		 "\"Standard\" style:page-layout-name=\"pm1\"><style:header>"
		 "<text:p text:style-name=\"Header\"><text:span "
		 "text:style-name=\"MT1\">");
	note_xml_puts(b, d->organization);
	buf_puts(b, "</text:span><text:tab/>");
	note_xml_puts(b, d->kind_label);
	buf_puts(b, "</text:p></style:header><style:footer><text:p "
		 "text:style-name=\"Footer\">");
	note_xml_puts(b, d->label_page);
	buf_puts(b, " <text:page-number text:select-page=\"current\">1"
		 "</text:page-number></text:p></style:footer>"
		 "</style:master-page></office:master-styles>"
		 "</office:document-styles>");
}

/* The automatic styles of content.xml. */
static void odt_automatic_styles(struct buf *b)
{
	buf_puts(b, "<office:automatic-styles>");
	for (unsigned s = 1; s < NOTE_STYLES; s++) {
		buf_printf(b, "<style:style style:name=\"T%u\" "
			   "style:family=\"text\"><style:text-properties", s);
		if (s & NOTE_BOLD)
			buf_puts(b, " fo:font-weight=\"bold\" style:font-weight-"
				 "asian=\"bold\" style:font-weight-complex="
				 "\"bold\"");
		if (s & NOTE_ITALIC)
			buf_puts(b, " fo:font-style=\"italic\" style:font-style-"
				 "asian=\"italic\" style:font-style-complex="
				 "\"italic\"");
		if (s & NOTE_STRIKE)
			buf_puts(b, " style:text-line-through-style=\"solid\" "
				 "style:text-line-through-type=\"single\"");
		if (s & NOTE_CODE)
			buf_puts(b, " style:font-name=\"" ODT_MONO "\" "
				 "style:font-name-complex=\"" ODT_MONO "\" "
				 "fo:background-color=\"#f2f2f2\"");
		buf_puts(b, "/></style:style>");
	}
	for (int q = 1; q <= NOTE_MAX_DEPTH; q++)
		buf_printf(b, "<style:style style:name=\"Q%d\" style:family="
			   "\"paragraph\" style:parent-style-name="
			   "\"Quotations\"><style:paragraph-properties "
			   "fo:margin-left=\"%dmm\"/></style:style>", q,
			   10 * q);
	static const char *const align[3][2] = {
		{ "L", "start" }, { "C", "center" }, { "R", "end" } };
	for (int i = 0; i < 3; i++) {
		buf_printf(b, "<style:style style:name=\"C%s\" style:family="
			   "\"paragraph\" style:parent-style-name=\"Table_20_"
			   "Contents\"><style:paragraph-properties "
			   "fo:text-align=\"%s\"/></style:style>",
			   align[i][0], align[i][1]);
		buf_printf(b, "<style:style style:name=\"H%s\" style:family="
			   "\"paragraph\" style:parent-style-name=\"Table_20_"
			   "Heading\"><style:paragraph-properties "
			   "fo:text-align=\"%s\"/></style:style>",
			   align[i][0], align[i][1]);
	}
	buf_puts(b, "<style:style style:name=\"Tbl\" style:family=\"table\">"
		 "<style:table-properties style:width=\"" ODT_TEXT_WIDTH "\" "
		 "table:align=\"margins\" fo:margin-top=\"0.1cm\" "
		 "fo:margin-bottom=\"0.3cm\"/></style:style>"
		 "<style:style style:name=\"TblCol\" style:family="
		 "\"table-column\"/>");
	/* Each border drawn once: the top one by the header row only,
	 * the right one by the last column only. */
	for (int head = 0; head < 2; head++)
		for (int last = 0; last < 2; last++)
			buf_printf(b, "<style:style style:name=\"%s%s\" "
				   "style:family=\"table-cell\">"
				   "<style:table-cell-properties fo:padding="
				   "\"0.1cm\" fo:border-left=\"" ODT_BORDER
				   "\" fo:border-right=\"%s\" "
				   "fo:border-top=\"%s\" fo:border-bottom=\""
				   ODT_BORDER "\"%s/></style:style>",
				   head ? "TblHead" : "TblCell",
				   last ? "End" : "",
				   last ? ODT_BORDER : "none",
				   head ? ODT_BORDER : "none",
				   head ? " fo:background-color=\"#d9e2f3\""
					: "");
	buf_puts(b,
		 "<style:style style:name=\"MetaTbl\" style:family=\"table\">"
		 "<style:table-properties style:width=\"" ODT_TEXT_WIDTH "\" "
		 "table:align=\"margins\"/></style:style>"
		 "<style:style style:name=\"MetaCol1\" style:family="
		 "\"table-column\"><style:table-column-properties "
		 "style:column-width=\"4cm\"/></style:style>"
		 "<style:style style:name=\"MetaCol2\" style:family="
		 "\"table-column\"><style:table-column-properties "
		 "style:column-width=\"12cm\"/></style:style>"
		 "<style:style style:name=\"MetaCell\" style:family="
		 "\"table-cell\"><style:table-cell-properties fo:padding="
		 "\"0cm\" fo:border=\"none\"/></style:style>"
		 "</office:automatic-styles>");
}

/* A row of the meta block, when there is a value. */
static void odt_meta_row(struct odt *o, const char *label, const char *value)
{
	struct buf *b = &o->body;
	if (!*value)
		return;
	buf_puts(b, "<table:table-row><table:table-cell table:style-name="
		 "\"MetaCell\" office:value-type=\"string\">");
	odt_open(o, "text:p", "Note_20_Meta_20_Label");
	buf_putc(b, '>');
	odt_text(o, label, strlen(label));
	buf_puts(b, "</text:p></table:table-cell><table:table-cell "
		 "table:style-name=\"MetaCell\" office:value-type=\"string\">");
	odt_open(o, "text:p", "Note_20_Meta_20_Value");
	buf_putc(b, '>');
	odt_text(o, value, strlen(value));
	buf_puts(b, "</text:p></table:table-cell></table:table-row>");
}

/* A paragraph in `style` holding `text` only. */
static void odt_simple_p(struct odt *o, const char *style, const char *text)
{
	odt_open(o, "text:p", style);
	buf_putc(&o->body, '>');
	odt_text(o, text, strlen(text));
	buf_puts(&o->body, "</text:p>");
}

static void odt_content(struct odt *o)
{
	struct note_doc *d = o->doc;
	struct buf *b = &o->body;
	buf_puts(b, ODT_XML_DECL "<office:document-content" ODT_NS ">"
		 ODT_FONT_FACES);
	odt_automatic_styles(b);
	buf_puts(b, "<office:body><office:text>");
	if (*d->kind_label)
		odt_simple_p(o, "Subtitle", d->kind_label);
	odt_simple_p(o, "Title", d->title);
	if (*d->date || *d->author || *d->validator) {
		buf_puts(b, "<table:table table:name=\"Meta\" table:style-name="
			 "\"MetaTbl\"><table:table-column table:style-name="
			 "\"MetaCol1\"/><table:table-column table:style-name="
			 "\"MetaCol2\"/>");
		odt_meta_row(o, d->label_date, d->date);
		odt_meta_row(o, d->label_author, d->author);
		odt_meta_row(o, d->label_validator, d->validator);
		buf_puts(b, "</table:table>");
	}
	odt_open(o, "text:p", "Note_20_Meta_20_End");
	buf_puts(b, "/>");
	struct odt_ctx ctx = { 0, 0, 0 };
	odt_blocks(o, d->root->children, ctx);
	buf_puts(b, "</office:text></office:body></office:document-content>");
}

static void odt_meta(struct buf *b, const struct note_doc *d)
{
	buf_puts(b, ODT_XML_DECL "<office:document-meta" ODT_NS "><office:meta>"
		 "<meta:generator>Passerelle</meta:generator><dc:title>");
	note_xml_puts(b, d->title);
	buf_puts(b, "</dc:title><dc:subject>");
	note_xml_puts(b, d->kind_label);
	buf_puts(b, "</dc:subject><meta:initial-creator>");
	note_xml_puts(b, d->author);
	buf_puts(b, "</meta:initial-creator>");
	if (*d->lang)
		buf_printf(b, "<dc:language>%s</dc:language>", d->lang);
	buf_puts(b, "</office:meta></office:document-meta>");
}

static const char odt_manifest[] = ODT_XML_DECL
	"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:"
	"xmlns:manifest:1.0\" manifest:version=\"1.2\">"
	"<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" "
	"manifest:media-type=\"" ODT_MIMETYPE "\"/>"
	"<manifest:file-entry manifest:full-path=\"content.xml\" "
	"manifest:media-type=\"text/xml\"/>"
	"<manifest:file-entry manifest:full-path=\"styles.xml\" "
	"manifest:media-type=\"text/xml\"/>"
	"<manifest:file-entry manifest:full-path=\"meta.xml\" "
	"manifest:media-type=\"text/xml\"/>"
	"</manifest:manifest>";

int note_odt_write(struct buf *out, const struct note_doc_meta *m,
		   const char *markdown, size_t len, char *err, size_t errlen)
{
	struct note_doc doc;
	struct odt o = { &doc, BUF_INIT, 1, 0 };
	struct buf mimetype = BUF_INIT, manifest = BUF_INIT, meta = BUF_INIT;
	struct buf styles = BUF_INIT;
	int rc = note_doc_build(&doc, m, markdown, len, err, errlen);
	if (rc == 0) {
		odt_content(&o);
		buf_puts(&mimetype, ODT_MIMETYPE);
		buf_puts(&manifest, odt_manifest);
		odt_meta(&meta, &doc);
		odt_styles(&styles, &doc);
		const struct note_part parts[] = {
			{ "mimetype", &mimetype, 1 },
			{ "META-INF/manifest.xml", &manifest, 0 },
			{ "meta.xml", &meta, 0 },
			{ "styles.xml", &styles, 0 },
			{ "content.xml", &o.body, 0 },
		};
		rc = note_zip(out, parts, sizeof(parts) / sizeof(parts[0]),
			      err, errlen);
	}
	note_doc_release(&doc);
	buf_release(&o.body);
	buf_release(&mimetype);
	buf_release(&manifest);
	buf_release(&meta);
	buf_release(&styles);
	return rc;
}
