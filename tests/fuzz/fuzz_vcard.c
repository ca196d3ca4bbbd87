/*
 * fuzz_vcard.c - libFuzzer target for the vCard writer (src/io/
 * export_vcard.c through export.h).
 *
 * The input gives the field values of one person: the first byte picks
 * the version (3 or 4) and which columns exist, the next two how many
 * values each list has; the rest, split at NUL bytes, are the values in
 * column order (id, given_name, family_name, emails, phones, organization,
 * title, languages, notes, updated_at; missing ones are empty), each
 * repeated past 150 bytes when bit 4 of the third byte is set.  The card
 * is written to a file, then read back by a small reader of its own:
 *   - every physical line ends in CRLF, holds no other CR or LF, is at
 *     most 75 octets and is whole UTF-8 (no sequence cut by a fold), and
 *     no fold separates a backslash from the character it escapes;
 *   - after unfolding, the card is BEGIN, VERSION, then exactly the
 *     properties a reference model of export.h expects, in order, each
 *     value unescaping (only \\ \, \; \n, no bare ',' or ';' in text) to
 *     the model's value, then REV and END;
 *   - the model: values UTF-8 repaired byte by byte (U+FFFD), CRLF and CR
 *     made LF, other control characters but tab dropped, empty values
 *     skipped; FN from the names, else the first email, else the first
 *     organisation; international phones as tel: URIs in 4.0.
 *
 * Build and run (tests/fuzz/run.sh builds it against all of src/):
 *   clang-14 -std=c11 -D_GNU_SOURCE -g -fsanitize=fuzzer,address,undefined \
 *     -Isrc tests/fuzz/fuzz_vcard.c src/io/export*.c src/base/buf.c \
 *     $(pkg-config --cflags --libs xlsxwriter) -lm -o /tmp/fuzz_vcard && \
 *     /tmp/fuzz_vcard -max_total_time=60
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "io/export.h"

#define FUZZ_CHECK(cond)                                                      \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "fuzz_vcard: check failed: %s "       \
				"(%s:%d)\n", #cond, __FILE__, __LINE__);      \
			abort();                                              \
		}                                                             \
	} while (0)

enum field {
	F_ID, F_GIVEN, F_FAMILY, F_EMAILS, F_PHONES, F_ORG, F_TITLE,
	F_LANGUAGES, F_NOTES, F_UPDATED, F_COUNT
};

static const char *const keys[F_COUNT] = {
	"id", "given_name", "family_name", "emails", "phones",
	"organization", "title", "languages", "notes", "updated_at",
};

#define MAX_VALUES 4

struct person {
	const char *values[F_COUNT][MAX_VALUES];
	size_t count[F_COUNT]; /* 0 when the column is absent */
};

static char path[64];

/* ---- the reference model ---- */

/* The length of the well-formed UTF-8 sequence at s[0..n), 0 if none;
 * decoded, unlike the writer's table of byte ranges. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xF8 ? 0 : s[0] >= 0xF0 ? 4
		   : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
	if (len == 0 || len > n)
		return 0;
	uint32_t cp = len == 1 ? s[0] : s[0] & (0xFFu >> (len + 1));
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3Fu);
	}
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

static void repair(struct buf *out, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		size_t k = utf8_len((const unsigned char *)s + i, n - i);
		if (k) {
			buf_append(out, s + i, k);
			i += k;
		} else {
			buf_puts(out, "\xEF\xBF\xBD");
			i++;
		}
	}
}

/* The model's cleaning; returns out->len. */
static size_t clean(struct buf *out, const char *s)
{
	struct buf r = BUF_INIT;
	buf_reset(out);
	repair(&r, s ? s : "");
	for (size_t i = 0; i < r.len; i++) {
		unsigned char c = (unsigned char)r.data[i];
		if (c == '\r') {
			buf_putc(out, '\n');
			if (i + 1 < r.len && r.data[i + 1] == '\n')
				i++;
		} else if (c >= 0x20 ? c != 0x7F : c == '\t' || c == '\n') {
			buf_putc(out, (char)c);
		}
	}
	buf_puts(out, "");
	buf_release(&r);
	return out->len;
}

/* Expected properties: name, then value, each NUL-terminated, in order. */
static void expect(struct buf *want, const char *name, const char *value)
{
	buf_append(want, name, strlen(name) + 1);
	buf_append(want, value, strlen(value) + 1);
}

/* The first value of field f that cleans to something, into out. */
static size_t first_clean(struct buf *out, const struct person *p, int f)
{
	for (size_t i = 0; i < p->count[f]; i++)
		if (clean(out, p->values[f][i]))
			return out->len;
	buf_reset(out);
	buf_puts(out, "");
	return 0;
}

/* The tel: URI of an international number, or 0. */
static int tel_uri(struct buf *out, const char *raw)
{
	buf_reset(out);
	if (raw[0] != '+')
		return 0;
	buf_puts(out, "tel:+");
	size_t digits = 0;
	for (const char *s = raw + 1; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			buf_putc(out, *s);
			digits++;
		} else if (*s != ' ' && *s != '.' && *s != '-' && *s != '(' &&
			   *s != ')') {
			return 0;
		}
	}
	return digits >= 2;
}

static int valid_datetime(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
				    30, 31 };
	const char *shape = "dddd-dd-ddTdd:dd:ddZ";
	if (strlen(s) != 20)
		return 0;
	for (int i = 0; i < 20; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9'
				    : s[i] != shape[i])
			return 0;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] &&
	       !(m == 2 && d == 29 && !leap) && atoi(s + 11) <= 23 &&
	       atoi(s + 14) <= 59 && atoi(s + 17) <= 59;
}

/* The properties the card must have between VERSION and REV. */
static void model(struct buf *want, const struct person *p, int version)
{
	struct buf v = BUF_INIT, w = BUF_INIT;

	/* FN */
	struct buf fn = BUF_INIT;
	buf_puts(&fn, "");
	if (first_clean(&v, p, F_GIVEN))
		buf_puts(&fn, v.data);
	if (first_clean(&v, p, F_FAMILY)) {
		if (fn.len)
			buf_putc(&fn, ' ');
		buf_puts(&fn, v.data);
	}
	if (!fn.len && first_clean(&v, p, F_EMAILS))
		buf_puts(&fn, v.data);
	if (!fn.len && first_clean(&v, p, F_ORG))
		buf_puts(&fn, v.data);
	expect(want, "FN", fn.data);
	buf_release(&fn);

	/* N, as its components joined by a NUL-free marker "|;|" */
	first_clean(&v, p, F_FAMILY);
	first_clean(&w, p, F_GIVEN);
	struct buf n = BUF_INIT;
	buf_printf(&n, "%s|;|%s|;||;||;|", v.data, w.data);
	expect(want, "N", n.data);
	buf_release(&n);

	/* UID */
	const char *id = NULL;
	for (size_t i = 0; i < p->count[F_ID]; i++) {
		if (!p->values[F_ID][i][0])
			continue;
		id = id ? "" : p->values[F_ID][i]; /* two: none */
	}
	if (id && id[0]) {
		struct buf r = BUF_INIT, uid = BUF_INIT;
		repair(&r, id);
		buf_puts(&uid, "urn:passerelle:person:");
		for (size_t i = 0; i < r.len; i++) {
			unsigned char c = (unsigned char)r.data[i];
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
			    c == '_' || c == '~')
				buf_putc(&uid, (char)c);
			else
				buf_printf(&uid, "%%%02X", c);
		}
		expect(want, "UID", uid.data);
		buf_release(&r);
		buf_release(&uid);
	}

	/* ORG and TITLE */
	size_t orgs = p->count[F_ORG] > p->count[F_TITLE] ? p->count[F_ORG]
							  : p->count[F_TITLE];
	for (size_t i = 0; i < orgs; i++) {
		char name[32];
		if (i < p->count[F_ORG] && clean(&v, p->values[F_ORG][i])) {
			snprintf(name, sizeof(name), orgs > 1 ? "org%zu.ORG" :
				 "ORG", i + 1);
			expect(want, name, v.data);
		}
		if (i < p->count[F_TITLE] && clean(&v, p->values[F_TITLE][i])) {
			snprintf(name, sizeof(name), orgs > 1 ? "org%zu.TITLE" :
				 "TITLE", i + 1);
			expect(want, name, v.data);
		}
	}

	for (size_t i = 0; i < p->count[F_EMAILS]; i++)
		if (clean(&v, p->values[F_EMAILS][i]))
			expect(want, version == 4 ? "EMAIL" :
			       "EMAIL;TYPE=INTERNET", v.data);
	for (size_t i = 0; i < p->count[F_PHONES]; i++) {
		const char *raw = p->values[F_PHONES][i];
		if (version == 4 && tel_uri(&w, raw))
			expect(want, "TEL;VALUE=uri", w.data);
		else if (clean(&v, raw))
			expect(want, version == 4 ? "TEL" : "TEL;TYPE=WORK",
			       v.data);
	}
	if (version == 4)
		for (size_t i = 0; i < p->count[F_LANGUAGES]; i++)
			if (clean(&v, p->values[F_LANGUAGES][i]))
				expect(want, "LANG", v.data);
	for (size_t i = 0; i < p->count[F_NOTES]; i++)
		if (clean(&v, p->values[F_NOTES][i]))
			expect(want, "NOTE", v.data);
	buf_release(&v);
	buf_release(&w);
}

/* ---- the reader ---- */

/* Unescape value[0..n) into out; ';' separates components when
 * `structured` (written as "|;|"), and is an error otherwise, as is ','
 * unescaped and a backslash before anything but \ , ; n N. */
static void unescape(struct buf *out, const char *s, size_t n, int structured)
{
	buf_reset(out);
	buf_puts(out, "");
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\') {
			FUZZ_CHECK(i + 1 < n);
			char c = s[++i];
			FUZZ_CHECK(c == '\\' || c == ',' || c == ';' ||
				   c == 'n' || c == 'N');
			buf_putc(out, c == 'n' || c == 'N' ? '\n' : c);
		} else if (s[i] == ';') {
			FUZZ_CHECK(structured);
			buf_puts(out, "|;|");
		} else {
			FUZZ_CHECK(s[i] != ',');
			buf_putc(out, s[i]);
		}
	}
}

/* Check the physical lines of text[0..len) and unfold them into logical
 * lines, each NUL-terminated, in *lines. */
static void unfold(struct buf *lines, const char *text, size_t len)
{
	size_t pos = 0, count = 0;
	while (pos < len) {
		const char *line = text + pos;
		const char *cr = memchr(line, '\r', len - pos);
		FUZZ_CHECK(cr != NULL && cr + 1 < text + len && cr[1] == '\n');
		size_t n = (size_t)(cr - line);
		FUZZ_CHECK(n <= 75);
		FUZZ_CHECK(memchr(line, '\n', n) == NULL);
		for (size_t i = 0; i < n;) {
			size_t k = utf8_len((const unsigned char *)line + i,
					    n - i);
			FUZZ_CHECK(k > 0);
			i += k;
		}
		size_t from = 0;
		if (line[0] == ' ') {
			FUZZ_CHECK(count > 0);
			lines->len--; /* drop the previous NUL */
			from = 1;
		}
		/* No fold between a backslash and what it escapes. */
		for (size_t i = from; i < n; i++)
			if (line[i] == '\\')
				FUZZ_CHECK(++i < n);
		buf_append(lines, line + from, n - from);
		buf_putc(lines, '\0');
		count++;
		pos += n + 2;
	}
}

static void check_card(const char *text, size_t len, const struct person *p,
		       int version)
{
	struct buf lines = BUF_INIT, want = BUF_INIT, value = BUF_INIT;
	unfold(&lines, text, len);
	model(&want, p, version);

	const char *l = lines.data, *end = lines.data + lines.len;
	FUZZ_CHECK(l && strcmp(l, "BEGIN:VCARD") == 0);
	l += strlen(l) + 1;
	FUZZ_CHECK(l < end && strcmp(l, version == 4 ? "VERSION:4.0" :
				     "VERSION:3.0") == 0);
	l += strlen(l) + 1;
	const char *w = want.data, *wend = want.data + want.len;
	while (w < wend) {
		FUZZ_CHECK(l < end);
		const char *colon = strchr(l, ':');
		FUZZ_CHECK(colon != NULL);
		size_t name_len = (size_t)(colon - l);
		FUZZ_CHECK(strlen(w) == name_len &&
			   memcmp(w, l, name_len) == 0);
		const char *v = colon + 1;
		if (strcmp(w, "UID") == 0 || strcmp(w, "TEL;VALUE=uri") == 0) {
			buf_reset(&value);
			buf_puts(&value, v);
		} else {
			unescape(&value, v, strlen(v), strcmp(w, "N") == 0);
		}
		w += strlen(w) + 1;
		FUZZ_CHECK(strcmp(value.data, w) == 0);
		w += strlen(w) + 1;
		l += strlen(l) + 1;
	}
	/* REV: the row's updated_at when it is a date-time. */
	FUZZ_CHECK(l < end && strncmp(l, "REV:", 4) == 0);
	const char *rev = l + 4;
	const char *updated = p->count[F_UPDATED] == 1 ?
			      p->values[F_UPDATED][0] : "";
	if (version == 4) {
		FUZZ_CHECK(strlen(rev) == 16 && rev[8] == 'T' &&
			   rev[15] == 'Z');
		if (valid_datetime(updated)) {
			char want_rev[17];
			snprintf(want_rev, sizeof(want_rev),
				 "%.4s%.2s%.2sT%.2s%.2s%.2sZ", updated,
				 updated + 5, updated + 8, updated + 11,
				 updated + 14, updated + 17);
			FUZZ_CHECK(strcmp(rev, want_rev) == 0);
		}
	} else {
		FUZZ_CHECK(strlen(rev) == 20 && rev[10] == 'T');
		if (valid_datetime(updated))
			FUZZ_CHECK(strcmp(rev, updated) == 0);
	}
	l += strlen(l) + 1;
	FUZZ_CHECK(l < end && strcmp(l, "END:VCARD") == 0);
	l += strlen(l) + 1;
	FUZZ_CHECK(l == end);
	buf_release(&lines);
	buf_release(&want);
	buf_release(&value);
}

int LLVMFuzzerTestOneInput(const uint8_t *input, size_t size)
{
	if (size < 3)
		return 0;
	if (!path[0])
		/* In memory when /dev/shm is there; removed after each run
		 * (libFuzzer ends without running atexit handlers). */
		snprintf(path, sizeof(path), "%s/fuzz_vcard.%d.vcf",
			 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp",
			 (int)getpid());
	uint8_t flags = input[0];
	int version = flags & 1 ? 3 : 4;
	unsigned lists = (unsigned)input[1] | (unsigned)input[2] << 8;
	/* Bit 4 of the third byte: each value repeated to over 150 bytes,
	 * so that short inputs make lines folded many times. */
	int stretch = input[2] >> 4 & 1;
	struct buf stretched[F_COUNT * MAX_VALUES];
	size_t nstretched = 0;

	/* The values: the rest of the input split at NUL bytes. */
	char *data = malloc(size - 3 + 1);
	FUZZ_CHECK(data != NULL);
	memcpy(data, input + 3, size - 3);
	data[size - 3] = '\0';
	char *next = data, *stop = data + (size - 3);

	struct person p;
	memset(&p, 0, sizeof(p));
	struct export_column cols[F_COUNT];
	struct export_value cells[F_COUNT];
	size_t ncols = 0;
	for (int f = 0; f < F_COUNT; f++) {
		/* Bits 1..7 of the first byte drop columns 1..7. */
		if (f >= 1 && f <= 7 && (flags >> f & 1))
			continue;
		int is_list = f >= F_EMAILS && f <= F_NOTES;
		size_t count = 1;
		if (is_list) {
			count = lists & 3;
			lists >>= 2;
		}
		for (size_t i = 0; i < count; i++) {
			p.values[f][i] = next;
			if (next < stop)
				next += strlen(next) + 1;
			if (next > stop)
				next = stop;
			if (stretch && p.values[f][i][0]) {
				struct buf *b = &stretched[nstretched++];
				*b = (struct buf)BUF_INIT;
				while (b->len <= 150)
					buf_puts(b, p.values[f][i]);
				p.values[f][i] = b->data;
			}
		}
		p.count[f] = count;
		cols[ncols] = (struct export_column){
			keys[f], keys[f], is_list ? EXPORT_LIST : EXPORT_TEXT };
		cells[ncols] = (struct export_value){ p.values[f], count };
		ncols++;
	}
	/* A value past the end of the input is "" (next == stop). */

	char err[256];
	struct export_options o = { .vcard_version = version };
	struct export_writer *w = export_open(path, EXPORT_VCARD, &o, cols,
					      ncols, err, sizeof(err));
	FUZZ_CHECK(w != NULL);
	FUZZ_CHECK(export_row(w, cells) == 0);
	FUZZ_CHECK(export_rows(w) == 1);
	FUZZ_CHECK(export_close(w, err, sizeof(err)) == 0);

	FILE *f = fopen(path, "rb");
	FUZZ_CHECK(f != NULL);
	struct buf text = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&text, chunk, n);
	fclose(f);
	unlink(path);
	check_card(text.data, text.len, &p, version);
	buf_release(&text);
	for (size_t i = 0; i < nstretched; i++)
		buf_release(&stretched[i]);
	free(data);
	return 0;
}
