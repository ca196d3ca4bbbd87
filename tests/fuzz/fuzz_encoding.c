/*
 * fuzz_encoding.c - libFuzzer target for the CSV encodings
 * (src/io/encoding.c).
 *
 * For any input, detects its encoding, then converts it from each of the
 * four encodings.  Besides memory errors, it checks:
 *   - detection gives one of the four, and a byte-order mark, valid UTF-8
 *     or a byte in 0x80-0x9F decide as encoding.h says;
 *   - a conversion fails exactly when the input has a NUL byte, or is
 *     ill-formed UTF-8 (UTF-8 encodings), or has one of Windows-1252's
 *     five undefined bytes; it then gives NULL, 0 and a message;
 *   - a successful conversion is valid UTF-8, NUL-terminated, without NUL
 *     inside, as long as the input was (UTF-8, less a byte-order mark) or
 *     one code point per input byte (single-byte encodings), and
 *     detects as UTF-8 (or as UTF-8 with BOM when one remains).
 *
 * Build and run:
 *   clang-14 -std=c11 -D_GNU_SOURCE -g -fsanitize=fuzzer,address,undefined \
 *     -Isrc tests/fuzz/fuzz_encoding.c src/io/encoding.c src/base/text.c \
 *     src/base/arena.c src/base/buf.c \
 *     $(pkg-config --cflags --libs icu-uc icu-i18n) \
 *     -o /tmp/fuzz_encoding && /tmp/fuzz_encoding -max_total_time=60
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "io/encoding.h"

#define FUZZ_CHECK(cond)                                                      \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "fuzz_encoding: check failed: %s "    \
				"(%s:%d)\n", #cond, __FILE__, __LINE__);      \
			abort();                                              \
		}                                                             \
	} while (0)

static int has_bom(const char *s, size_t len)
{
	return len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0;
}

/* Number of code points in valid UTF-8 s[0..len). */
static size_t count_code_points(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *input, size_t size)
{
	const char *data = (const char *)input;
	int has_nul = size > 0 && memchr(data, '\0', size) != NULL;
	int has_c1 = 0, has_hole = 0;
	for (size_t i = 0; i < size; i++) {
		uint8_t c = input[i];
		has_c1 |= c >= 0x80 && c <= 0x9F;
		has_hole |= c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 ||
			    c == 0x9D;
	}
	int bom = has_bom(data, size);
	size_t skip = bom ? 3 : 0;
	int utf8_ok = text_utf8_valid(data + skip, size - skip, NULL);

	enum text_encoding detected = encoding_detect(data, size);
	if (bom)
		FUZZ_CHECK(detected == ENC_UTF8_BOM);
	else if (utf8_ok)
		FUZZ_CHECK(detected == ENC_UTF8);
	else
		FUZZ_CHECK(detected == (has_c1 ? ENC_WINDOWS_1252 :
						 ENC_ISO_8859_1));

	for (int e = ENC_UTF8; e <= ENC_ISO_8859_1; e++) {
		enum text_encoding from = (enum text_encoding)e;
		char err[160] = "";
		char *out = (char *)"sentinel";
		size_t out_len = 12345;
		int rc = encoding_to_utf8(data, size, from, &out, &out_len,
					  err, sizeof(err));
		int utf8 = from == ENC_UTF8 || from == ENC_UTF8_BOM;
		int should_fail = has_nul || (utf8 && !utf8_ok) ||
				  (from == ENC_WINDOWS_1252 && has_hole);
		FUZZ_CHECK(rc == (should_fail ? -1 : 0));
		if (rc < 0) {
			FUZZ_CHECK(out == NULL && out_len == 0);
			FUZZ_CHECK(err[0] != '\0');
			continue;
		}
		FUZZ_CHECK(out != NULL);
		FUZZ_CHECK(out[out_len] == '\0');
		FUZZ_CHECK(memchr(out, '\0', out_len) == NULL);
		FUZZ_CHECK(text_utf8_valid(out, out_len, NULL));
		if (utf8) {
			FUZZ_CHECK(out_len == size - skip);
			FUZZ_CHECK(memcmp(out, data + skip, out_len) == 0);
		} else {
			FUZZ_CHECK(count_code_points(out, out_len) == size);
		}
		enum text_encoding again = encoding_detect(out, out_len);
		FUZZ_CHECK(again == (has_bom(out, out_len) ? ENC_UTF8_BOM :
							      ENC_UTF8));
		free(out);
	}
	const char *name = encoding_name(detected);
	enum text_encoding back;
	FUZZ_CHECK(encoding_parse(name, &back) == 0 && back == detected);
	return 0;
}
