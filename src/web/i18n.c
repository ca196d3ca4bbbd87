/*
 * i18n.c - see i18n.h.
 *
 * A catalogue is an open-addressing hash table (linear probing, at most half
 * full, so a probe always ends on an empty slot) of entries whose strings
 * live in the catalogue's arena.  Every entry of the file is in the table,
 * translated or not, so that duplicates are found; an untranslated one has
 * no forms and lookups fall back to the msgid.
 *
 * The parser reads the file line by line.  The state says which keyword
 * came last, hence which field a continuation string extends and which
 * keywords may follow; an entry is stored when the next one starts (or a
 * comment, or the end of the file) follows its last msgstr.
 */
#include "web/i18n.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"

/* The largest nplurals of the rules understood (see i18n_plural_rule). */
#define I18N_MAX_FORMS 2

enum i18n_plural_rule {
	PLURAL_SINGLE, /* nplurals=1; plural=0 */
	PLURAL_GT_ONE, /* nplurals=2; plural=(n > 1): French */
	PLURAL_NE_ONE, /* nplurals=2; plural=(n != 1): English, Spanish */
};

struct i18n_entry {
	const char *context; /* NULL without msgctxt */
	const char *msgid;
	const char *forms[I18N_MAX_FORMS];
	unsigned nforms;    /* 0: untranslated */
	unsigned long line; /* of the msgid, to report a duplicate */
	uint32_t hash;
};

struct i18n_catalogue {
	struct arena arena;        /* entries and their strings */
	struct i18n_entry **slots; /* malloc'd; nslots is a power of two */
	size_t nslots;
	size_t count;
	enum i18n_plural_rule rule;
	unsigned nplurals;
};

/* Built by i18n_load() before threads start, read-only afterwards. */
static struct i18n_catalogue *i18n_catalogues[LANG_COUNT];

static const char *const i18n_codes[LANG_COUNT] = {
	[LANG_FR] = "fr",
	[LANG_EN] = "en",
	[LANG_ES] = "es",
};

/* ---- the table ---------------------------------------------------------- */

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u

static uint32_t hash_string(uint32_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= FNV_PRIME;
	}
	return h;
}

static uint32_t entry_hash(const char *context, const char *msgid)
{
	uint32_t h = FNV_OFFSET;
	if (context) {
		h = hash_string(h, context);
		h ^= 4; /* gettext's separator; only spreads the hash here */
		h *= FNV_PRIME;
	}
	return hash_string(h, msgid);
}

static int entry_is(const struct i18n_entry *e, uint32_t hash,
		    const char *context, const char *msgid)
{
	if (e->hash != hash || strcmp(e->msgid, msgid) != 0)
		return 0;
	if (!context || !e->context)
		return !context && !e->context;
	return strcmp(e->context, context) == 0;
}

static const struct i18n_entry *catalogue_find(const struct i18n_catalogue *cat,
					       const char *context,
					       const char *msgid)
{
	if (!cat || cat->nslots == 0)
		return NULL;
	uint32_t hash = entry_hash(context, msgid);
	size_t mask = cat->nslots - 1;
	for (size_t i = hash & mask;; i = (i + 1) & mask) {
		const struct i18n_entry *e = cat->slots[i];
		if (!e)
			return NULL;
		if (entry_is(e, hash, context, msgid))
			return e;
	}
}

static void catalogue_place(struct i18n_entry **slots, size_t nslots,
			    struct i18n_entry *e)
{
	size_t mask = nslots - 1;
	size_t i = e->hash & mask;
	while (slots[i])
		i = (i + 1) & mask;
	slots[i] = e;
}

static void catalogue_grow(struct i18n_catalogue *cat)
{
	size_t nslots = cat->nslots ? cat->nslots * 2 : 64;
	struct i18n_entry **slots = calloc(nslots, sizeof(*slots));
	if (!slots) {
		fputs("passerelle: out of memory\n", stderr);
		abort();
	}
	for (size_t i = 0; i < cat->nslots; i++)
		if (cat->slots[i])
			catalogue_place(slots, nslots, cat->slots[i]);
	free(cat->slots);
	cat->slots = slots;
	cat->nslots = nslots;
}

/* Insert e, unless an entry with its context and msgid is there: then
 * return that one and leave the table as it was. */
static const struct i18n_entry *catalogue_insert(struct i18n_catalogue *cat,
						 struct i18n_entry *e)
{
	const struct i18n_entry *old = catalogue_find(cat, e->context, e->msgid);
	if (old)
		return old;
	if ((cat->count + 1) * 2 > cat->nslots)
		catalogue_grow(cat);
	catalogue_place(cat->slots, cat->nslots, e);
	cat->count++;
	return NULL;
}

static void catalogue_free(struct i18n_catalogue *cat)
{
	if (!cat)
		return;
	arena_release(&cat->arena);
	free(cat->slots);
	free(cat);
}

/* ---- small character helpers (ASCII only, whatever the locale) ---------- */

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Do s[0..n) and the NUL-terminated `word` match, ignoring ASCII case? */
static int equal_nocase(const char *s, size_t n, const char *word)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (word[i] == '\0' || to_lower(s[i]) != to_lower(word[i]))
			return 0;
	return word[i] == '\0';
}

static const char *skip_blanks(const char *s, const char *end)
{
	while (s < end && is_blank(*s))
		s++;
	return s;
}

/* Is s[0..n) valid UTF-8: shortest forms, no surrogates, <= U+10FFFF? */
static int utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t more;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			more = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			more = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			more = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (n - i <= more)
			return 0;
		for (size_t k = 1; k <= more; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((more == 2 && cp < 0x800) || (more == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		i += more + 1;
	}
	return 1;
}

/* ---- the .po parser ----------------------------------------------------- */

enum po_state {
	PO_BETWEEN,  /* outside an entry */
	PO_CONTEXT,  /* after msgctxt */
	PO_MSGID,    /* after msgid */
	PO_PLURAL,   /* after msgid_plural */
	PO_MSGSTR,   /* after msgstr: the entry may end */
	PO_MSGSTR_N, /* after msgstr[N]: the entry may end */
};

struct po_parser {
	struct i18n_catalogue *cat;
	unsigned long line;       /* of the line being read */
	enum po_state state;
	struct buf *field;        /* what a continuation string extends */
	int fuzzy;                /* "#, fuzzy" before the current entry */
	int has_context;
	int has_plural;
	unsigned nforms;          /* msgstr[N] read so far */
	unsigned long entry_line; /* of the current entry's msgid */
	const char *bare;         /* a keyword whose string is still to come */
	size_t bare_len;
	unsigned long bare_line;
	int header_seen;
	int entry_seen;           /* an entry other than the header */
	struct buf context, msgid, plural, forms[I18N_MAX_FORMS];
	char *err;
	size_t errlen;
};

static int po_error_at(struct po_parser *ps, unsigned long line,
		       const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Write "line N: message" to the caller's error buffer; returns -1. */
static int po_error_at(struct po_parser *ps, unsigned long line,
		       const char *fmt, ...)
{
	if (!ps->err || ps->errlen == 0)
		return -1;
	int n = snprintf(ps->err, ps->errlen, "line %lu: ", line);
	if (n >= 0 && (size_t)n < ps->errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(ps->err + n, ps->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

#define po_error(ps, ...) po_error_at((ps), (ps)->line, __VA_ARGS__)

static void po_reset_entry(struct po_parser *ps)
{
	ps->state = PO_BETWEEN;
	ps->field = NULL;
	ps->fuzzy = 0;
	ps->has_context = 0;
	ps->has_plural = 0;
	ps->nforms = 0;
	buf_reset(&ps->context);
	buf_reset(&ps->msgid);
	buf_reset(&ps->plural);
	for (unsigned i = 0; i < I18N_MAX_FORMS; i++)
		buf_reset(&ps->forms[i]);
}

/* The rules of Plural-Forms, compared once blanks are removed and the
 * expression's outer parentheses stripped. */
static const struct {
	const char *expression;
	unsigned nplurals;
	enum i18n_plural_rule rule;
} po_plural_rules[] = {
	{"0", 1, PLURAL_SINGLE},
	{"n>1", 2, PLURAL_GT_ONE},
	{"n!=1", 2, PLURAL_NE_ONE},
};

/* Pick the rule of the Plural-Forms value v[0..n). */
static int po_plural_forms(struct po_parser *ps, const char *v, size_t n)
{
	char compact[64];
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_blank(v[i]))
			continue;
		if (len + 1 >= sizeof(compact))
			goto unsupported;
		compact[len++] = v[i];
	}
	compact[len] = '\0';

	char *s = compact;
	if (strncmp(s, "nplurals=", 9) != 0 || !is_digit(s[9]))
		goto unsupported;
	s += 9;
	unsigned nplurals = 0;
	while (is_digit(*s) && nplurals < 100)
		nplurals = nplurals * 10 + (unsigned)(*s++ - '0');
	if (strncmp(s, ";plural=", 8) != 0)
		goto unsupported;
	char *expr = s + 8;
	size_t elen = strcspn(expr, ";");
	if (expr[elen] == ';' && expr[elen + 1] != '\0')
		goto unsupported;
	expr[elen] = '\0';
	while (elen >= 2 && expr[0] == '(' && expr[elen - 1] == ')') {
		expr[elen - 1] = '\0';
		expr++;
		elen -= 2;
	}
	for (size_t i = 0; i < sizeof(po_plural_rules) / sizeof(po_plural_rules[0]); i++) {
		if (strcmp(expr, po_plural_rules[i].expression) == 0 &&
		    nplurals == po_plural_rules[i].nplurals) {
			ps->cat->rule = po_plural_rules[i].rule;
			ps->cat->nplurals = nplurals;
			return 0;
		}
	}
unsupported:
	return po_error_at(ps, ps->entry_line,
			   "unsupported Plural-Forms (understood: "
			   "\"nplurals=2; plural=(n > 1);\", "
			   "\"nplurals=2; plural=(n != 1);\", "
			   "\"nplurals=1; plural=0;\")");
}

/* Check the charset of the Content-Type value v[0..n). */
static int po_content_type(struct po_parser *ps, const char *v, size_t n)
{
	for (size_t i = 0; i + 8 <= n; i++) {
		if (!equal_nocase(v + i, 8, "charset="))
			continue;
		const char *cs = v + i + 8;
		size_t cslen = 0;
		while (cs + cslen < v + n && cs[cslen] != ';' &&
		       !is_blank(cs[cslen]))
			cslen++;
		if (equal_nocase(cs, cslen, "UTF-8"))
			return 0;
		return po_error_at(ps, ps->entry_line,
				   "the header's charset must be UTF-8");
	}
	return 0;
}

/* Read the header entry's msgstr: "Name: value\n" lines. */
static int po_header(struct po_parser *ps, const char *h, size_t n)
{
	const char *end = h + n;
	while (h < end) {
		const char *eol = memchr(h, '\n', (size_t)(end - h));
		if (!eol)
			eol = end;
		const char *colon = memchr(h, ':', (size_t)(eol - h));
		if (colon) {
			const char *v = skip_blanks(colon + 1, eol);
			size_t vlen = (size_t)(eol - v);
			size_t name = (size_t)(colon - h);
			int rc = 0;
			if (equal_nocase(h, name, "Plural-Forms"))
				rc = po_plural_forms(ps, v, vlen);
			else if (equal_nocase(h, name, "Content-Type"))
				rc = po_content_type(ps, v, vlen);
			if (rc)
				return rc;
		}
		h = eol < end ? eol + 1 : end;
	}
	return 0;
}

/* Store the entry just read (its last msgstr is complete). */
static int po_end_entry(struct po_parser *ps)
{
	struct i18n_catalogue *cat = ps->cat;
	unsigned nforms = ps->has_plural ? ps->nforms : 1;

	if (!utf8_valid(ps->context.data, ps->context.len) ||
	    !utf8_valid(ps->msgid.data, ps->msgid.len) ||
	    !utf8_valid(ps->plural.data, ps->plural.len))
		return po_error_at(ps, ps->entry_line, "invalid UTF-8");
	for (unsigned i = 0; i < nforms; i++)
		if (!utf8_valid(ps->forms[i].data, ps->forms[i].len))
			return po_error_at(ps, ps->entry_line, "invalid UTF-8");
	/* gettext joins msgctxt and msgid with it, so msgfmt refuses it. */
	if (memchr(buf_str(&ps->context), '\004', ps->context.len) ||
	    memchr(buf_str(&ps->msgid), '\004', ps->msgid.len) ||
	    memchr(buf_str(&ps->plural), '\004', ps->plural.len))
		return po_error_at(ps, ps->entry_line,
				   "context separator (byte 0x04) in a string");

	if (!ps->has_context && ps->msgid.len == 0) {
		if (ps->header_seen)
			return po_error_at(ps, ps->entry_line,
					   "second header entry (msgid \"\")");
		if (ps->entry_seen)
			return po_error_at(ps, ps->entry_line,
					   "the header entry (msgid \"\") must come first");
		if (ps->has_plural)
			return po_error_at(ps, ps->entry_line,
					   "the header entry has a msgid_plural");
		ps->header_seen = 1;
		int rc = po_header(ps, buf_str(&ps->forms[0]), ps->forms[0].len);
		po_reset_entry(ps);
		return rc;
	}
	ps->entry_seen = 1;

	if (ps->has_plural && !ps->fuzzy && nforms != cat->nplurals)
		return po_error_at(ps, ps->entry_line,
				   "%u plural forms where Plural-Forms says %u",
				   nforms, cat->nplurals);

	struct i18n_entry *e = arena_alloc(&cat->arena, sizeof(*e));
	if (ps->has_context)
		e->context = arena_strndup(&cat->arena, buf_str(&ps->context),
					   ps->context.len);
	e->msgid = arena_strndup(&cat->arena, buf_str(&ps->msgid), ps->msgid.len);
	e->line = ps->entry_line;
	e->hash = entry_hash(e->context, e->msgid);

	int translated = !ps->fuzzy;
	for (unsigned i = 0; i < nforms; i++)
		if (ps->forms[i].len == 0)
			translated = 0;
	if (translated) {
		for (unsigned i = 0; i < nforms; i++)
			e->forms[i] = arena_strndup(&cat->arena,
						    buf_str(&ps->forms[i]),
						    ps->forms[i].len);
		e->nforms = nforms;
	}

	const struct i18n_entry *old = catalogue_insert(cat, e);
	if (old)
		return po_error_at(ps, ps->entry_line,
				   "duplicate entry (first defined on line %lu)",
				   old->line);
	po_reset_entry(ps);
	return 0;
}

/*
 * Append the strings of s[0..end) ("..." separated by blanks, up to the
 * end of the line) to `to`, unescaped.
 */
static int po_strings(struct po_parser *ps, const char *s, const char *end,
		      struct buf *to)
{
	while (s < end) {
		if (*s != '"')
			return po_error(ps, "unexpected text after a string");
		s++;
		for (;;) {
			const char *run = s;
			while (s < end && *s != '"' && *s != '\\' && *s != '\0')
				s++;
			buf_append(to, run, (size_t)(s - run));
			if (s == end)
				return po_error(ps, "unterminated string");
			if (*s == '\0')
				return po_error(ps, "NUL byte in a string");
			if (*s == '"')
				break;
			if (s + 1 == end)
				return po_error(ps, "unterminated string");
			char c;
			switch (s[1]) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case '"': c = '"'; break;
			case '\\': c = '\\'; break;
			case '\'': c = '\''; break;
			case '?': c = '?'; break;
			case 'a': c = '\a'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'v': c = '\v'; break;
			default:
				if (s[1] > ' ' && s[1] < 0x7f)
					return po_error(ps, "unknown escape \\%c", s[1]);
				return po_error(ps, "unknown escape \\ followed by byte 0x%02x",
						(unsigned char)s[1]);
			}
			buf_putc(to, c);
			s += 2;
		}
		s = skip_blanks(s + 1, end);
	}
	return 0;
}

/* A comment line s[0..end), s[0] being '#'. */
static int po_comment(struct po_parser *ps, const char *s, const char *end)
{
	if (ps->state == PO_MSGSTR || ps->state == PO_MSGSTR_N) {
		if (po_end_entry(ps))
			return -1;
	} else if (ps->state != PO_BETWEEN) {
		return po_error(ps, "comment inside an entry (msgstr expected)");
	}
	if (end - s < 2 || s[1] != ',')
		return 0;
	/* Flags: "#, fuzzy, c-format" */
	s += 2;
	while (s < end) {
		s = skip_blanks(s, end);
		const char *flag = s;
		while (s < end && *s != ',' && !is_blank(*s))
			s++;
		if (s - flag == 5 && memcmp(flag, "fuzzy", 5) == 0)
			ps->fuzzy = 1;
		s = skip_blanks(s, end);
		if (s < end && *s == ',')
			s++;
	}
	return 0;
}

/* A keyword line s[0..end), s[0] being neither blank, '#' nor '"'. */
static int po_keyword(struct po_parser *ps, const char *s, const char *end)
{
	const char *word = s;
	while (s < end && (is_alpha(*s) || *s == '_'))
		s++;
	size_t wlen = (size_t)(s - word);
	int complete = ps->state == PO_MSGSTR || ps->state == PO_MSGSTR_N;

	if (wlen == 7 && memcmp(word, "msgctxt", 7) == 0) {
		if (complete && po_end_entry(ps))
			return -1;
		if (ps->state != PO_BETWEEN)
			return po_error(ps, "msgctxt inside an entry (msgstr expected)");
		ps->state = PO_CONTEXT;
		ps->has_context = 1;
		ps->field = &ps->context;
	} else if (wlen == 5 && memcmp(word, "msgid", 5) == 0) {
		if (complete && po_end_entry(ps))
			return -1;
		if (ps->state != PO_BETWEEN && ps->state != PO_CONTEXT)
			return po_error(ps, "msgid inside an entry (msgstr expected)");
		ps->state = PO_MSGID;
		ps->entry_line = ps->line;
		ps->field = &ps->msgid;
	} else if (wlen == 12 && memcmp(word, "msgid_plural", 12) == 0) {
		if (ps->state != PO_MSGID)
			return po_error(ps, "msgid_plural without msgid");
		ps->state = PO_PLURAL;
		ps->has_plural = 1;
		ps->field = &ps->plural;
	} else if (wlen == 6 && memcmp(word, "msgstr", 6) == 0 &&
		   (s == end || *s != '[')) {
		if (ps->state == PO_PLURAL)
			return po_error(ps, "msgstr[0] expected after msgid_plural");
		if (ps->state != PO_MSGID)
			return po_error(ps, "msgstr without msgid");
		ps->state = PO_MSGSTR;
		ps->field = &ps->forms[0];
	} else if (wlen == 6 && memcmp(word, "msgstr", 6) == 0) {
		unsigned long index = 0;
		s++;
		if (s == end || !is_digit(*s))
			return po_error(ps, "bad msgstr index");
		while (s < end && is_digit(*s)) {
			if (index < 1000)
				index = index * 10 + (unsigned long)(*s - '0');
			s++;
		}
		if (s == end || *s != ']')
			return po_error(ps, "bad msgstr index");
		s++;
		if (ps->state == PO_MSGID)
			return po_error(ps, "msgstr[%lu] without msgid_plural", index);
		if (ps->state != PO_PLURAL && ps->state != PO_MSGSTR_N)
			return po_error(ps, "msgstr[%lu] without msgid", index);
		if (index != ps->nforms)
			return po_error(ps, "bad msgstr index %lu (msgstr[%u] expected)",
					index, ps->nforms);
		if (index >= ps->cat->nplurals)
			return po_error(ps, "bad msgstr index %lu (Plural-Forms says nplurals=%u)",
					index, ps->cat->nplurals);
		ps->state = PO_MSGSTR_N;
		ps->field = &ps->forms[ps->nforms++];
	} else {
		return po_error(ps, "unknown keyword (msgctxt, msgid, msgid_plural, msgstr expected)");
	}

	s = skip_blanks(s, end);
	if (s == end) {
		/* Its string is on the next line: allowed, if unusual. */
		ps->bare = word;
		ps->bare_len = wlen;
		ps->bare_line = ps->line;
		return 0;
	}
	if (*s != '"')
		return po_error(ps, "string expected after %.*s", (int)wlen, word);
	return po_strings(ps, s, end, ps->field);
}

/* Fail if the last keyword still waits for its string. */
static int po_check_bare(struct po_parser *ps)
{
	if (!ps->bare)
		return 0;
	return po_error_at(ps, ps->bare_line, "string expected after %.*s",
			   (int)ps->bare_len, ps->bare);
}

static int po_line(struct po_parser *ps, const char *s, const char *end)
{
	s = skip_blanks(s, end);
	if (s == end)
		return 0;
	if (*s == '"') {
		if (!ps->field)
			return po_error(ps, "string outside an entry");
		ps->bare = NULL;
		return po_strings(ps, s, end, ps->field);
	}
	if (po_check_bare(ps))
		return -1;
	if (*s == '#')
		return po_comment(ps, s, end);
	return po_keyword(ps, s, end);
}

static int po_parse(struct po_parser *ps, const char *po, size_t len)
{
	const char *s = po;
	const char *end = po + len;
	ps->line = 1;
	while (s < end) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		if (po_line(ps, s, eol ? eol : end))
			return -1;
		if (!eol)
			break;
		s = eol + 1;
		if (s < end)
			ps->line++;
	}
	if (po_check_bare(ps))
		return -1;
	switch (ps->state) {
	case PO_BETWEEN:
		return 0;
	case PO_MSGSTR:
	case PO_MSGSTR_N:
		return po_end_entry(ps);
	default:
		return po_error(ps, "unexpected end of file (msgstr expected)");
	}
}

int i18n_load(enum i18n_lang lang, const char *po, size_t len, char *err,
	      size_t errlen)
{
	struct po_parser ps = {
		.err = err,
		.errlen = errlen,
	};
	int rc = -1;

	if (err && errlen)
		err[0] = '\0';
	if ((unsigned)lang >= LANG_COUNT) {
		if (err && errlen)
			snprintf(err, errlen, "unknown language");
		return -1;
	}
	ps.cat = calloc(1, sizeof(*ps.cat));
	if (!ps.cat) {
		fputs("passerelle: out of memory\n", stderr);
		abort();
	}
	ps.cat->rule = lang == LANG_FR ? PLURAL_GT_ONE : PLURAL_NE_ONE;
	ps.cat->nplurals = 2;

	if (len && po_parse(&ps, po, len))
		goto out;
	catalogue_free(i18n_catalogues[lang]);
	i18n_catalogues[lang] = ps.cat;
	ps.cat = NULL;
	rc = 0;
out:
	catalogue_free(ps.cat);
	buf_release(&ps.context);
	buf_release(&ps.msgid);
	buf_release(&ps.plural);
	for (unsigned i = 0; i < I18N_MAX_FORMS; i++)
		buf_release(&ps.forms[i]);
	return rc;
}

void i18n_unload_all(void)
{
	for (int i = 0; i < LANG_COUNT; i++) {
		catalogue_free(i18n_catalogues[i]);
		i18n_catalogues[i] = NULL;
	}
}

/* ---- lookups ------------------------------------------------------------ */

static const struct i18n_catalogue *catalogue_of(enum i18n_lang lang)
{
	return (unsigned)lang < LANG_COUNT ? i18n_catalogues[lang] : NULL;
}

const char *i18n_pgettext(enum i18n_lang lang, const char *context,
			  const char *msgid)
{
	const struct i18n_entry *e =
		catalogue_find(catalogue_of(lang), context, msgid);
	return e && e->nforms ? e->forms[0] : msgid;
}

const char *i18n_gettext(enum i18n_lang lang, const char *msgid)
{
	return i18n_pgettext(lang, NULL, msgid);
}

const char *i18n_ngettext(enum i18n_lang lang, const char *singular,
			  const char *plural, unsigned long n)
{
	const struct i18n_catalogue *cat = catalogue_of(lang);
	const struct i18n_entry *e = catalogue_find(cat, NULL, singular);
	if (e && e->nforms) {
		unsigned index = 0;
		switch (cat->rule) {
		case PLURAL_SINGLE: index = 0; break;
		case PLURAL_GT_ONE: index = n > 1; break;
		case PLURAL_NE_ONE: index = n != 1; break;
		}
		if (index < e->nforms)
			return e->forms[index];
	}
	return n == 1 ? singular : plural;
}

/* ---- language negotiation ----------------------------------------------- */

/* The language of the tag s[0..n): a supported primary subtag, then
 * nothing or subtags of letters and digits after '-' (or '_'). */
static int lang_of_tag(const char *s, size_t n, enum i18n_lang *out)
{
	size_t primary = 0;
	while (primary < n && is_alpha(s[primary]))
		primary++;
	if (primary < n && s[primary] != '-' && s[primary] != '_')
		return -1;
	for (size_t i = primary; i < n; i++)
		if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '-' && s[i] != '_')
			return -1;
	for (int l = 0; l < LANG_COUNT; l++) {
		if (equal_nocase(s, primary, i18n_codes[l])) {
			*out = (enum i18n_lang)l;
			return 0;
		}
	}
	return -1;
}

int i18n_parse_code(const char *code, enum i18n_lang *out)
{
	if (!code)
		return -1;
	return lang_of_tag(code, strlen(code), out);
}

const char *i18n_code(enum i18n_lang lang)
{
	return (unsigned)lang < LANG_COUNT ? i18n_codes[lang] : i18n_codes[LANG_FR];
}

/* The weight s[0..n) ("0", "0.5", "1.000"...) in thousandths, or -1. */
static int accept_qvalue(const char *s, size_t n)
{
	if (n == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	int q = (s[0] - '0') * 1000;
	if (n == 1)
		return q;
	if (s[1] != '.' || n > 5)
		return -1;
	int scale = 100;
	for (size_t i = 2; i < n; i++, scale /= 10) {
		if (!is_digit(s[i]))
			return -1;
		q += (s[i] - '0') * scale;
	}
	return q <= 1000 ? q : -1;
}

/* The weight of the parameters s[0..end) of an Accept-Language item
 * (";q=0.8"), 1000 without q, -1 when malformed. */
static int accept_weight(const char *s, const char *end)
{
	int q = 1000;
	while (s < end) {
		if (*s != ';')
			return -1;
		s = skip_blanks(s + 1, end);
		const char *name = s;
		while (s < end && *s != '=' && *s != ';' && !is_blank(*s))
			s++;
		size_t nlen = (size_t)(s - name);
		s = skip_blanks(s, end);
		if (s == end || *s != '=')
			return -1;
		s = skip_blanks(s + 1, end);
		const char *value = s;
		while (s < end && *s != ';' && !is_blank(*s))
			s++;
		if (equal_nocase(name, nlen, "q")) {
			q = accept_qvalue(value, (size_t)(s - value));
			if (q < 0)
				return -1;
		}
		s = skip_blanks(s, end);
	}
	return q;
}

/* The best supported language of an Accept-Language header: 0 with *out
 * set, or -1 when none is acceptable. */
static int accept_best(const char *header, enum i18n_lang *out)
{
	int best = 0; /* a q of 0 means "not acceptable" */
	const char *s = header;
	while (*s) {
		const char *item = s;
		while (*s && *s != ',')
			s++;
		const char *end = s;
		if (*s)
			s++;

		const char *tag = skip_blanks(item, end);
		const char *p = tag;
		while (p < end && *p != ';' && !is_blank(*p))
			p++;
		size_t tlen = (size_t)(p - tag);
		int q = accept_weight(skip_blanks(p, end), end);
		enum i18n_lang lang;
		if (tlen == 1 && tag[0] == '*')
			lang = LANG_FR;
		else if (lang_of_tag(tag, tlen, &lang) != 0)
			continue;
		if (q > best) {
			best = q;
			*out = lang;
		}
	}
	return best > 0 ? 0 : -1;
}

enum i18n_lang i18n_negotiate(const char *explicit_choice,
			      const char *accept_language)
{
	enum i18n_lang lang = LANG_FR;
	if (explicit_choice && i18n_parse_code(explicit_choice, &lang) == 0)
		return lang;
	if (accept_language && accept_best(accept_language, &lang) == 0)
		return lang;
	return LANG_FR;
}
