/*
 * text.c - see text.h.
 *
 * Folding pipeline (text_fold), on UTF-16 because that is what ICU speaks:
 *
 *   UTF-8 -> UTF-16 -> NFKC_Casefold -> NFKD -> drop marks, map separators,
 *   expand ligatures -> NFC (only when non-ASCII remains) -> UTF-8
 *
 * NFKC_Casefold (ICU's "nfkc_cf") does the case folding in a way that is
 * closed under normalisation (a plain u_strFoldCase before or after NFKD is
 * not: "ℌ" decomposes to an upper-case "H"), expands "ß" to "ss", and removes
 * default-ignorable characters such as the soft hyphen, so "ré\u00ADsumé"
 * stays one word.  The NFKD pass then splits accented letters from their
 * marks.  The final NFC only recomposes what marks removal leaves composable
 * (Hangul jamo, some Indic vowel signs), so Korean stays compact.
 *
 * What is kept: letters (L*), numbers (N*) and spacing marks (Mc, which are
 * vowel signs inside Indic words).  Non-spacing and enclosing marks (Mn, Me)
 * are dropped.  Everything else (punctuation, symbols, spaces, controls)
 * separates words.  A pure ASCII input, the common case, takes a fast path
 * that gives the same result without calling ICU.
 *
 * Memory: the intermediate UTF-16 buffers live on the stack for inputs of
 * up to a few hundred characters and in the caller's arena beyond; the
 * result is always in the arena.  Nothing is malloc'd per call.
 *
 * Threads: the normalisers are ICU singletons, immutable and thread-safe.
 * ICU collators are not safe to share, so each thread lazily clones the
 * French collator opened by text_init() and keeps the clone in a
 * pthread key whose destructor closes it when the thread exits.  The
 * template itself is only read (ucol_clone takes a const collator).
 */
#include "base/text.h"

#include "base/buf.h"

#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* Inputs longer than this are not folded nor collated: it keeps every
 * UTF-16 length, even after the worst normalisation expansion, within
 * ICU's int32_t.  No field of a record comes near it. */
#define TEXT_MAX_INPUT (16u << 20)

/* UTF-16 units kept on the stack per intermediate buffer. */
#define TEXT_STACK_UNITS 256

#define TEXT_FTS_MAX_WORDS 16

/* Set by text_init() before threads start, read-only afterwards. */
static const UNormalizer2 *text_nfkc_cf;
static const UNormalizer2 *text_nfkd;
static const UNormalizer2 *text_nfc;
static UCollator *text_collator_template;
static pthread_key_t text_collator_key;
static int text_ready;

static void text_collator_free(void *coll)
{
	ucol_close(coll);
}

int text_init(void)
{
	UErrorCode err = U_ZERO_ERROR;

	if (text_ready)
		return 0;
	text_nfkc_cf = unorm2_getNFKCCasefoldInstance(&err);
	if (U_SUCCESS(err))
		text_nfkd = unorm2_getNFKDInstance(&err);
	if (U_SUCCESS(err))
		text_nfc = unorm2_getNFCInstance(&err);
	if (U_FAILURE(err)) {
		fprintf(stderr, "passerelle: ICU normaliser: %s\n",
			u_errorName(err));
		return -1;
	}
	/* Plain "fr": modern CLDR French has no tailoring and, unlike
	 * "fr-CA", compares accents from the start of the word. */
	text_collator_template = ucol_open("fr", &err);
	if (U_FAILURE(err)) {
		fprintf(stderr, "passerelle: ICU collator (fr): %s\n",
			u_errorName(err));
		return -1;
	}
	ucol_setStrength(text_collator_template, UCOL_TERTIARY);
	/* Decomposed input ("e" + U+0301) must sort as precomposed "é". */
	ucol_setAttribute(text_collator_template, UCOL_NORMALIZATION_MODE,
			  UCOL_ON, &err);
	if (U_FAILURE(err)) {
		fprintf(stderr, "passerelle: ICU collator attribute: %s\n",
			u_errorName(err));
		goto fail;
	}
	if (pthread_key_create(&text_collator_key, text_collator_free)) {
		fputs("passerelle: pthread_key_create failed\n", stderr);
		goto fail;
	}
	text_ready = 1;
	return 0;
fail:
	ucol_close(text_collator_template);
	text_collator_template = NULL;
	return -1;
}

/* Only the calling thread's clone is closed here; other threads close
 * theirs on exit, and must have exited before this is called. */
void text_shutdown(void)
{
	if (!text_ready)
		return;
	UCollator *mine = pthread_getspecific(text_collator_key);
	if (mine) {
		pthread_setspecific(text_collator_key, NULL);
		ucol_close(mine);
	}
	pthread_key_delete(text_collator_key);
	ucol_close(text_collator_template);
	text_collator_template = NULL;
	text_ready = 0;
}

/* This thread's French collator, cloned on first use; NULL when ICU
 * cannot clone it. */
static UCollator *text_collator(void)
{
	assert(text_ready);
	UCollator *coll = pthread_getspecific(text_collator_key);
	if (coll)
		return coll;
	UErrorCode err = U_ZERO_ERROR;
	coll = ucol_clone(text_collator_template, &err);
	if (U_FAILURE(err)) {
		ucol_close(coll);
		return NULL;
	}
	if (pthread_setspecific(text_collator_key, coll)) {
		ucol_close(coll);
		return NULL;
	}
	return coll;
}

/* Unicode 15, table 3-7 "Well-formed UTF-8 byte sequences". */
size_t text_utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
	size_t len;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0; /* overlong */
		else if (c == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90; /* overlong */
		else if (c == 0xF4)
			hi = 0x8F; /* above U+10FFFF */
	} else {
		return 0; /* continuation, C0/C1 overlong, F5..FF */
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return len;
}

void text_utf8_repair(struct buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t start = 0, i = 0;
	while (i < n) {
		size_t len = p[i] < 0x80 ? 1 : text_utf8_seq(p + i, n - i);
		if (len) {
			i += len;
			continue;
		}
		buf_append(out, s + start, i - start);
		buf_append(out, "\xEF\xBF\xBD", 3);
		start = ++i;
	}
	buf_append(out, s + start, n - start);
}

/* The offset reported is that of the first byte of the first ill-formed
 * sequence. */
int text_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		size_t n = p[i] < 0x80 ? 1 : text_utf8_seq(p + i, len - i);
		if (!n) {
			if (bad_offset)
				*bad_offset = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

int text_has_control(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return 1;
		if (c == 0x7f)
			return 1;
		/* C1 controls U+0080..U+009F are C2 80..C2 9F in UTF-8. */
		if (c == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 &&
		    p[i + 1] <= 0x9f)
			return 1;
	}
	return 0;
}

size_t text_length(const char *s)
{
	size_t n = 0;

	if (!s)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			n++;
	return n;
}

static int text_is_ascii_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* text_fold() for pure ASCII: what NFKC_Casefold and the separator rule
 * amount to on that range, without ICU. */
static char *text_fold_ascii(struct arena *a, const char *s, size_t len)
{
	char *out = arena_alloc(a, len + 1);
	size_t o = 0;
	int pending_space = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!text_is_ascii_alnum(c)) {
			pending_space = 1;
			continue;
		}
		if (pending_space && o > 0)
			out[o++] = ' ';
		pending_space = 0;
		out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
	}
	out[o] = '\0';
	return out;
}

/* A buffer of `need` UTF-16 units: `stack` when it fits in `stack_cap`,
 * else from the arena.  *cap receives the usable capacity. */
static UChar *text_ubuf(struct arena *a, UChar *stack, size_t stack_cap,
			size_t need, int32_t *cap)
{
	*cap = 0;
	if (need <= stack_cap) {
		*cap = (int32_t)stack_cap;
		return stack;
	}
	if (need > INT32_MAX)
		return NULL;
	*cap = (int32_t)need;
	return arena_alloc(a, need * sizeof(UChar));
}

/* Normalise src[0..len) with `norm` into `stack` when it fits, else into
 * the arena.  Returns the output (length in *out_len), or NULL on an ICU
 * error or a length beyond int32_t. */
static UChar *text_normalize(struct arena *a, const UNormalizer2 *norm,
			     const UChar *src, int32_t len, UChar *stack,
			     size_t stack_cap, int32_t *out_len)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t cap;
	/* Normalisation seldom grows text by more than half. */
	size_t guess = (size_t)len + (size_t)len / 2 + 16;
	UChar *dst = text_ubuf(a, stack, stack_cap, guess, &cap);
	if (!dst)
		return NULL;

	int32_t n = unorm2_normalize(norm, src, len, dst, cap, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		err = U_ZERO_ERROR;
		dst = text_ubuf(a, NULL, 0, (size_t)n + 1, &cap);
		if (!dst)
			return NULL;
		n = unorm2_normalize(norm, src, len, dst, cap, &err);
	}
	if (U_FAILURE(err))
		return NULL;
	*out_len = n;
	return dst;
}

/* Letters that case folding and NFKD leave whole but a French user types
 * as plain Latin.  "ß" needs no entry: NFKC_Casefold makes it "ss". */
static const char *text_ligature(UChar32 c)
{
	switch (c) {
	case 0x00e6: /* æ (and Æ, folded) */
		return "ae";
	case 0x0153: /* œ */
		return "oe";
	case 0x00f8: /* ø */
		return "o";
	case 0x0111: /* đ */
		return "d";
	case 0x0131: /* dotless ı */
		return "i";
	case 0x0142: /* ł */
		return "l";
	}
	return NULL;
}

/* Keep letters, numbers and spacing marks; drop other marks; everything
 * else becomes a single separating space, none at either end.  dst must
 * hold 2 * len units (a ligature doubles one unit; a space is only written
 * for a unit that wrote nothing).  Sets *non_ascii when a kept code point
 * is beyond ASCII.  Returns the output length. */
static int32_t text_filter(const UChar *src, int32_t len, UChar *dst,
			   int *non_ascii)
{
	int32_t i = 0, o = 0;
	int pending_space = 0;

	*non_ascii = 0;
	while (i < len) {
		UChar32 c;
		U16_NEXT(src, i, len, c);
		uint32_t mask = U_GET_GC_MASK(c);
		if (mask & (U_GC_MN_MASK | U_GC_ME_MASK))
			continue;
		if (!(mask & (U_GC_L_MASK | U_GC_N_MASK | U_GC_MC_MASK))) {
			pending_space = 1;
			continue;
		}
		if (pending_space && o > 0)
			dst[o++] = ' ';
		pending_space = 0;
		const char *lig = text_ligature(c);
		if (lig) {
			while (*lig)
				dst[o++] = (UChar)*lig++;
			continue;
		}
		if (c >= 0x80)
			*non_ascii = 1;
		U16_APPEND_UNSAFE(dst, o, c);
	}
	return o;
}

/* Fold valid, non-ASCII UTF-8 s[0..len); NULL on ICU failure. */
static char *text_fold_unicode(struct arena *a, const char *s, size_t len)
{
	UChar stack1[TEXT_STACK_UNITS], stack2[TEXT_STACK_UNITS * 2];
	UChar stack3[TEXT_STACK_UNITS * 2];
	UErrorCode err = U_ZERO_ERROR;
	int32_t cap1, n1, n2, n3, n4;
	int non_ascii;

	/* UTF-16 never has more units than UTF-8 has bytes. */
	UChar *u1 = text_ubuf(a, stack1, TEXT_STACK_UNITS, len + 1, &cap1);
	if (!u1)
		return NULL;
	u_strFromUTF8(u1, cap1, &n1, s, (int32_t)len, &err);
	if (U_FAILURE(err))
		return NULL;

	UChar *u2 = text_normalize(a, text_nfkc_cf, u1, n1, stack2,
				   TEXT_STACK_UNITS * 2, &n2);
	if (!u2)
		return NULL;
	UChar *u3 = text_normalize(a, text_nfkd, u2, n2, stack3,
				   TEXT_STACK_UNITS * 2, &n3);
	if (!u3)
		return NULL;

	/* u1 is free again: reuse it for the filtered text when it fits. */
	int32_t cap4;
	UChar *u4 = text_ubuf(a, u1, (size_t)cap1, 2 * (size_t)n3, &cap4);
	if (!u4)
		return NULL;
	n4 = text_filter(u3, n3, u4, &non_ascii);
	assert(n4 <= cap4);

	if (!non_ascii) {
		char *out = arena_alloc(a, (size_t)n4 + 1);
		for (int32_t i = 0; i < n4; i++)
			out[i] = (char)u4[i];
		return out;
	}

	/* u2 is free again (u3 may be stack3, so not that one). */
	int32_t n5;
	UChar *u5 = text_normalize(a, text_nfc, u4, n4,
				   u2 == stack2 ? stack2 : NULL,
				   u2 == stack2 ? TEXT_STACK_UNITS * 2 : 0,
				   &n5);
	if (!u5)
		return NULL;

	int32_t n8;
	u_strToUTF8(NULL, 0, &n8, u5, n5, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		return NULL;
	err = U_ZERO_ERROR;
	char *out = arena_alloc(a, (size_t)n8 + 1);
	u_strToUTF8(out, n8 + 1, NULL, u5, n5, &err);
	if (U_FAILURE(err))
		return NULL;
	return out;
}

char *text_fold(struct arena *a, const char *s)
{
	if (!s)
		return arena_strdup(a, "");
	assert(text_ready);

	size_t len = 0;
	int ascii = 1;
	for (; s[len]; len++)
		if ((unsigned char)s[len] >= 0x80)
			ascii = 0;
	if (ascii)
		return text_fold_ascii(a, s, len);
	if (len > TEXT_MAX_INPUT || !text_utf8_valid(s, len, NULL))
		return arena_strdup(a, "");

	char *out = text_fold_unicode(a, s, len);
	return out ? out : arena_strdup(a, "");
}

static char *text_hex(struct arena *a, const uint8_t *bytes, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char *out = arena_alloc(a, 2 * n + 1);

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 0x0f];
	}
	out[2 * n] = '\0';
	return out;
}

char *text_sort_key(struct arena *a, const char *s)
{
	UChar stack[TEXT_STACK_UNITS];
	uint8_t key_stack[TEXT_STACK_UNITS * 2];
	UErrorCode err = U_ZERO_ERROR;
	int32_t cap, n;

	UCollator *coll = text_collator();
	if (!coll)
		return arena_strdup(a, "");

	size_t len = s ? strlen(s) : 0;
	if (len > TEXT_MAX_INPUT || !text_utf8_valid(s, len, NULL))
		len = 0; /* sorts like "" */
	UChar *u = text_ubuf(a, stack, TEXT_STACK_UNITS, len + 1, &cap);
	if (!u)
		return arena_strdup(a, "");
	u_strFromUTF8(u, cap, &n, len ? s : "", (int32_t)len, &err);
	if (U_FAILURE(err))
		return arena_strdup(a, "");

	uint8_t *key = key_stack;
	int32_t klen = ucol_getSortKey(coll, u, n, key,
				       (int32_t)sizeof(key_stack));
	if (klen > (int32_t)sizeof(key_stack)) {
		key = arena_alloc(a, (size_t)klen);
		klen = ucol_getSortKey(coll, u, n, key, klen);
	}
	if (klen <= 0)
		return arena_strdup(a, "");
	/* The key ends with its only 0x00 byte, which a C string cannot hold
	 * and strcmp does not need. */
	assert(key[klen - 1] == 0);
	return text_hex(a, key, (size_t)klen - 1);
}

char *text_fts_query(struct arena *a, const char *input)
{
	const char *folded = text_fold(a, input);
	if (!*folded)
		return NULL;

	/* Each word gains two quotes and a star; spaces are already there. */
	size_t len = strlen(folded);
	char *out = arena_alloc(a, len + 3 * TEXT_FTS_MAX_WORDS + 1);
	char *o = out;
	const char *p = folded;
	int words = 0;

	/* Is there a word of three characters or more?  Then the short words
	 * ("de", "l", "la") but the last one are left out: they match most of
	 * a directory and narrow nothing (bench/NOTES.md). */
	int has_long = 0;
	for (const char *q = folded; *q;) {
		size_t n = strcspn(q, " ");
		has_long |= n >= 3;
		q += n;
		if (*q == ' ')
			q++;
	}
	while (*p && words < TEXT_FTS_MAX_WORDS) {
		const char *end = strchr(p, ' ');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		/* Folded text is letters, digits and single spaces only: no
		 * quote can end the FTS5 string early. */
		assert(memchr(p, '"', n) == NULL);
		assert(n > 0);
		if (has_long && n < 3 && end) {
			p += n + 1;
			continue;
		}
		if (words > 0)
			*o++ = ' ';
		*o++ = '"';
		size_t cut = 0;
		for (int chars = 0; cut < n; cut++) /* bytes of the first characters */
			if (((unsigned char)p[cut] & 0xC0) != 0x80 && ++chars > TEXT_FTS_PREFIX_CHARS)
				break;
		memcpy(o, p, cut);
		o += cut;
		*o++ = '"';
		*o++ = '*';
		words++;
		p += n;
		if (*p == ' ')
			p++;
	}
	*o = '\0';
	return out;
}
