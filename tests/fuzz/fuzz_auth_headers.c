/*
 * fuzz_auth_headers.c - libFuzzer target for src/web/auth_header.c and the
 * TOTP input handling of src/base/crypto.c.
 *
 * Checks, for any input (as a NUL-terminated copy, and with the first byte
 * choosing the output buffer size): auth_bearer_token and
 * auth_session_cookie either fail with an empty output or give a value
 * that fits the buffer, holds only [A-Za-z0-9_-], has a length within the
 * documented bounds and occurs in the input; crypto_totp_verify with the
 * input as a code and as a secret, and crypto_totp_code with the input as a
 * secret, never crash, and a secret they accept is base32 only.
 *
 * Build and run:
 *   clang-14 -std=c11 -D_GNU_SOURCE -g -fsanitize=fuzzer,address,undefined \
 *     -Isrc tests/fuzz/fuzz_auth_headers.c src/base/crypto.c \
 *     src/web/auth_header.c -lsodium -lnettle \
 *     -o /tmp/fuzz_auth_headers && /tmp/fuzz_auth_headers -max_total_time=60
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "web/auth_header.h"

#define TOKEN_CHARS \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
#define BASE32_CHARS \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz234567"
#define RFC_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
#define OUT_MAX 200

static void fuzz_fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_auth_headers: %s: \"%s\"\n", what, detail);
	abort();
}

/* The output of a parser that returned rc with a buffer of outlen bytes
 * (a canary byte follows it). */
static void check_output(const char *what, int rc, const char *out,
			 size_t outlen, size_t min, size_t max,
			 const char *input)
{
	if (out[outlen] != '#')
		fuzz_fail(what, "wrote past the buffer");
	if (rc == -1) {
		if (out[0] != '\0')
			fuzz_fail(what, "failed with a non-empty output");
		return;
	}
	if (rc != 0)
		fuzz_fail(what, "returned neither 0 nor -1");
	size_t len = strnlen(out, outlen);
	if (len == outlen)
		fuzz_fail(what, "output not terminated");
	if (len < min || len > max)
		fuzz_fail(what, out);
	if (strspn(out, TOKEN_CHARS) != len)
		fuzz_fail(what, out);
	if (!strstr(input, out))
		fuzz_fail(what, "output not in the input");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char out[OUT_MAX + 1], code[CRYPTO_TOTP_CODE_SIZE];

	if (!ready) {
		/* Only TOTP and the parsers are fuzzed: no need for real
		 * argon2 limits in crypto_init's dummy hash. */
		setenv("PASSERELLE_ARGON2_FAST", "1", 1);
		if (crypto_init() != 0)
			abort();
		ready = 1;
	}
	if (size > 64 * 1024)
		return 0;

	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	size_t slen = strlen(s);
	size_t outlen = size > 0 ? (size_t)data[0] % OUT_MAX + 1 : OUT_MAX;

	memset(out, '#', sizeof(out));
	int rc = auth_bearer_token(s, out, outlen);
	check_output("bearer", rc, out, outlen, AUTH_BEARER_MIN,
		     AUTH_BEARER_MAX, s);
	memset(out, '#', sizeof(out));
	rc = auth_bearer_token(s, out, OUT_MAX);
	check_output("bearer", rc, out, OUT_MAX, AUTH_BEARER_MIN,
		     AUTH_BEARER_MAX, s);

	static const char *const names[] = {"session", "a", "passerelle_sid"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		memset(out, '#', sizeof(out));
		rc = auth_session_cookie(s, names[i], out, outlen);
		check_output("cookie", rc, out, outlen, 1, outlen - 1, s);
		if (rc == 0 && !strstr(s, names[i]))
			fuzz_fail("cookie found without its name", s);
	}

	/* The input as a code typed by the user. */
	int64_t t = 1111111111, last = -1;
	rc = crypto_totp_verify(RFC_SECRET, s, t, &last);
	if (rc != 0 && rc != 1)
		fuzz_fail("totp verify result", s);
	if (rc == 1) {
		if (last < t / 30 - 1 || last > t / 30 + 1)
			fuzz_fail("totp step out of the window", s);
		if (strspn(s, " 0123456789") != slen)
			fuzz_fail("totp code with other characters", s);
		if (crypto_totp_verify(RFC_SECRET, s, t, &last) != 0)
			fuzz_fail("totp code accepted twice", s);
	}

	/* The input as a secret. */
	last = -1;
	rc = crypto_totp_verify(s, "123456", t, &last);
	if (rc != 0 && rc != 1)
		fuzz_fail("totp verify result", s);
	rc = crypto_totp_code(s, t, code);
	if (rc == 0) {
		if (strlen(code) != 6 || strspn(code, "0123456789") != 6)
			fuzz_fail("totp code shape", code);
		if (strspn(s, BASE32_CHARS) != slen)
			fuzz_fail("totp secret with other characters", s);
		last = -1;
		if (crypto_totp_verify(s, code, t, &last) != 1)
			fuzz_fail("totp code of a secret refused", s);
	} else if (rc != -1 || code[0] != '\0') {
		fuzz_fail("totp code failure", s);
	}

	free(s);
	return 0;
}
