/*
 * test_crypto.c - unit tests for src/base/crypto.c (passwords, tokens,
 * digests, TOTP, recovery codes) and src/web/auth_header.c (bearer token
 * and session cookie parsers).
 *
 * Password hashing runs at libsodium's minimum limits: the group setup sets
 * PASSERELLE_ARGON2_FAST=1 before crypto_init().
 *
 * Build and run:
 *   gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wformat=2 -Wshadow -Werror \
 *     -Isrc -fsanitize=address,undefined tests/unit/test_crypto.c \
 *     src/base/crypto.c src/web/auth_header.c -lsodium -lnettle -lcmocka \
 *     -o /tmp/test_crypto && /tmp/test_crypto
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/crypto.h"
#include "web/auth_header.h"

#define URLSAFE_CHARS \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
#define BASE32_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
#define RECOVERY_CHARS "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

/* RFC 6238 Appendix B: the ASCII secret "12345678901234567890". */
#define RFC_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

static int group_setup(void **state)
{
	(void)state;
	if (setenv("PASSERELLE_ARGON2_FAST", "1", 1) != 0)
		return -1;
	return crypto_init();
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Are all n strings of `all` distinct? */
static int all_distinct(char **all, size_t n)
{
	qsort(all, n, sizeof(*all), compare_strings);
	for (size_t i = 1; i < n; i++)
		if (strcmp(all[i - 1], all[i]) == 0)
			return 0;
	return 1;
}

/* ---- passwords ---- */

static void test_password_round_trip(void **state)
{
	char hash[CRYPTO_PASSWORD_HASH_SIZE], again[CRYPTO_PASSWORD_HASH_SIZE];
	(void)state;

	assert_int_equal(crypto_password_hash("correct horse battery", hash), 0);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_true(strlen(hash) < CRYPTO_PASSWORD_HASH_SIZE);
	assert_int_equal(crypto_password_verify(hash, "correct horse battery"), 1);

	/* A random salt: the same password never hashes the same way. */
	assert_int_equal(crypto_password_hash("correct horse battery", again), 0);
	assert_string_not_equal(hash, again);
	assert_int_equal(crypto_password_verify(again, "correct horse battery"), 1);

	/* Non-ASCII passwords are bytes like any other. */
	assert_int_equal(crypto_password_hash("mot de passe été", hash), 0);
	assert_int_equal(crypto_password_verify(hash, "mot de passe été"), 1);
	assert_int_equal(crypto_password_verify(hash, "mot de passe ete"), 0);
}

static void test_password_wrong(void **state)
{
	char hash[CRYPTO_PASSWORD_HASH_SIZE];
	(void)state;

	assert_int_equal(crypto_password_hash("correct horse battery", hash), 0);
	assert_int_equal(crypto_password_verify(hash, "correct horse batter"), 0);
	assert_int_equal(crypto_password_verify(hash, "Correct horse battery"), 0);
	assert_int_equal(crypto_password_verify(hash, ""), 0);
	assert_int_equal(crypto_password_verify(hash, NULL), 0);
	assert_int_equal(crypto_password_verify(NULL, "x"), 0);
	assert_int_equal(crypto_password_verify("", "x"), 0);
	assert_int_equal(crypto_password_verify("$argon2id$garbage", "x"), 0);

	/* A tampered hash does not verify. */
	size_t n = strlen(hash);
	hash[n - 2] = hash[n - 2] == 'A' ? 'B' : 'A';
	assert_int_equal(crypto_password_verify(hash, "correct horse battery"), 0);

	/* The dummy verification runs on anything and changes nothing. */
	crypto_password_dummy_verify("correct horse battery");
	crypto_password_dummy_verify("");
	crypto_password_dummy_verify(NULL);
}

struct acceptable_case {
	const char *name;
	const char *password;
	int ok;
};

static void test_password_acceptable(void **state)
{
	char max[CRYPTO_PASSWORD_MAX + 2];
	(void)state;

	memset(max, 'x', sizeof(max) - 1);
	max[0] = 'y';
	max[CRYPTO_PASSWORD_MAX] = '\0';

	static const struct acceptable_case cases[] = {
		{"acceptable-1.1 empty", "", 0},
		{"acceptable-1.2 11 bytes", "abcdefghijk", 0},
		{"acceptable-1.3 12 bytes", "abcdefghijkl", 1},
		{"acceptable-1.4 passphrase", "correct horse battery staple", 1},
		{"acceptable-2.1 one letter repeated", "aaaaaaaaaaaaaaaa", 0},
		{"acceptable-2.2 one space repeated", "            ", 0},
		{"acceptable-2.3 one accented letter repeated",
		 "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 0},
		{"acceptable-2.4 two letters", "aaaaaaaaaaab", 1},
		{"acceptable-2.5 same first byte, other letter",
		 "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa8", 1},
		{"acceptable-3.1 invalid byte", "abcdefghijk\xff", 0},
		{"acceptable-3.2 overlong slash", "abcdefghij\xc0\xaf", 0},
		{"acceptable-3.3 surrogate", "abcdefghi\xed\xa0\x80", 0},
		{"acceptable-3.4 cut sequence", "abcdefghijk\xe2\x82", 0},
		{"acceptable-3.5 beyond U+10FFFF", "abcdefgh\xf4\x90\x80\x80", 0},
		{"acceptable-3.6 four-byte emoji", "abcdefgh\xf0\x9f\x94\x91", 1},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *reason = "unset";
		int ok = crypto_password_acceptable(cases[i].password, &reason);
		if (ok != cases[i].ok)
			fail_msg("%s: got %d", cases[i].name, ok);
		if (ok && reason != NULL)
			fail_msg("%s: a reason for an acceptable password",
				 cases[i].name);
		if (!ok && (reason == NULL || reason[0] == '\0'))
			fail_msg("%s: no reason", cases[i].name);
	}

	const char *reason = NULL;
	assert_int_equal(crypto_password_acceptable(max, &reason), 1);
	max[CRYPTO_PASSWORD_MAX] = 'x';
	max[CRYPTO_PASSWORD_MAX + 1] = '\0';
	assert_int_equal(crypto_password_acceptable(max, &reason), 0);
	assert_non_null(strstr(reason, "long"));
	assert_int_equal(crypto_password_acceptable("short", &reason), 0);
	assert_non_null(strstr(reason, "short"));
	assert_int_equal(crypto_password_acceptable(NULL, &reason), 0);
	assert_int_equal(crypto_password_acceptable("abcdefghijkl", NULL), 1);
	assert_int_equal(crypto_password_acceptable("aaa", NULL), 0);
}

/* ---- tokens, digests, comparison ---- */

static void test_random_token(void **state)
{
	enum { DRAWS = 1000 };
	static char tokens[DRAWS][CRYPTO_TOKEN_SIZE];
	static char *all[DRAWS];
	(void)state;

	for (size_t i = 0; i < DRAWS; i++) {
		crypto_random_token(tokens[i]);
		assert_int_equal(strlen(tokens[i]), 43);
		assert_int_equal(strspn(tokens[i], URLSAFE_CHARS), 43);
		all[i] = tokens[i];
	}
	assert_true(all_distinct(all, DRAWS));
}

static void test_token_hash(void **state)
{
	char token[CRYPTO_TOKEN_SIZE], h1[CRYPTO_SHA256_HEX_SIZE];
	char h2[CRYPTO_SHA256_HEX_SIZE], h3[CRYPTO_SHA256_HEX_SIZE];
	(void)state;

	crypto_random_token(token);
	crypto_token_hash(token, h1);
	crypto_token_hash(token, h2);
	assert_int_equal(strlen(h1), 64);
	assert_int_equal(strspn(h1, "0123456789abcdef"), 64);
	assert_string_equal(h1, h2);
	crypto_sha256_hex(token, strlen(token), h3);
	assert_string_equal(h1, h3);

	token[0] = token[0] == 'A' ? 'B' : 'A';
	crypto_token_hash(token, h2);
	assert_string_not_equal(h1, h2);
}

static void test_sha256(void **state)
{
	char hex[CRYPTO_SHA256_HEX_SIZE];
	(void)state;

	crypto_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
				 "b00361a396177a9cb410ff61f20015ad");
	crypto_sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb924"
				 "27ae41e4649b934ca495991b7852b855");
	/* Bytes, not strings: an inner NUL counts. */
	crypto_sha256_hex("ab\0c", 4, hex);
	assert_string_not_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
				     "b00361a396177a9cb410ff61f20015ad");
}

static void test_equal(void **state)
{
	(void)state;
	assert_int_equal(crypto_equal("abc", "abc"), 1);
	assert_int_equal(crypto_equal("", ""), 1);
	assert_int_equal(crypto_equal("abc", "abd"), 0);
	assert_int_equal(crypto_equal("xbc", "abc"), 0);
	assert_int_equal(crypto_equal("abc", "abcd"), 0);
	assert_int_equal(crypto_equal("abcd", "abc"), 0);
	assert_int_equal(crypto_equal("", "a"), 0);
	assert_int_equal(crypto_equal(NULL, "a"), 0);
	assert_int_equal(crypto_equal("a", NULL), 0);
	assert_int_equal(crypto_equal(NULL, NULL), 0);
}

/* ---- TOTP ---- */

static void test_totp_rfc6238(void **state)
{
	static const struct {
		int64_t time;
		const char *code;
	} vectors[] = {
		{59, "287082"},
		{1111111109, "081804"},
		{1111111111, "050471"},
		{1234567890, "005924"},
		{2000000000, "279037"},
		{20000000000, "353130"},
	};
	char code[CRYPTO_TOTP_CODE_SIZE];
	(void)state;

	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		assert_int_equal(crypto_totp_code(RFC_SECRET, vectors[i].time,
						  code), 0);
		if (strcmp(code, vectors[i].code) != 0)
			fail_msg("totp-1.%zu: at %lld got %s, want %s", i + 1,
				 (long long)vectors[i].time, code,
				 vectors[i].code);

		int64_t last = -1;
		assert_int_equal(crypto_totp_verify(RFC_SECRET, vectors[i].code,
						    vectors[i].time, &last), 1);
		assert_int_equal(last, vectors[i].time / 30);
	}

	/* Base32 letters in either case decode the same. */
	assert_int_equal(crypto_totp_code("gezdgnbvgy3tqojqgezdgnbvgy3tqojq",
					  59, code), 0);
	assert_string_equal(code, "287082");
	/* The same step gives the same code. */
	assert_int_equal(crypto_totp_code(RFC_SECRET, 30, code), 0);
	assert_string_equal(code, "287082");
}

static void test_totp_replay(void **state)
{
	const int64_t t = 1111111111, step = t / 30;
	char now[CRYPTO_TOTP_CODE_SIZE], before[CRYPTO_TOTP_CODE_SIZE];
	char after[CRYPTO_TOTP_CODE_SIZE];
	int64_t last = -1;
	(void)state;

	assert_int_equal(crypto_totp_code(RFC_SECRET, t, now), 0);
	assert_int_equal(crypto_totp_code(RFC_SECRET, t - 30, before), 0);
	assert_int_equal(crypto_totp_code(RFC_SECRET, t + 30, after), 0);

	assert_int_equal(crypto_totp_verify(RFC_SECRET, now, t, &last), 1);
	assert_int_equal(last, step);
	/* The same code again, even a second later: refused. */
	assert_int_equal(crypto_totp_verify(RFC_SECRET, now, t, &last), 0);
	assert_int_equal(crypto_totp_verify(RFC_SECRET, now, t + 1, &last), 0);
	/* An older, still in-window code: refused. */
	assert_int_equal(crypto_totp_verify(RFC_SECRET, before, t, &last), 0);
	assert_int_equal(last, step);
	/* The next step's code: accepted once. */
	assert_int_equal(crypto_totp_verify(RFC_SECRET, after, t, &last), 1);
	assert_int_equal(last, step + 1);
	assert_int_equal(crypto_totp_verify(RFC_SECRET, after, t + 30, &last), 0);
}

static void test_totp_window(void **state)
{
	const int64_t t = 1234567890, step = t / 30;
	char code[CRYPTO_TOTP_CODE_SIZE];
	int64_t last;
	(void)state;

	for (int d = -3; d <= 3; d++) {
		assert_int_equal(crypto_totp_code(RFC_SECRET, t + 30 * d, code), 0);
		last = -1;
		int accepted = crypto_totp_verify(RFC_SECRET, code, t, &last);
		if (accepted != (d >= -1 && d <= 1))
			fail_msg("totp-window-%d: accepted %d", d, accepted);
		assert_int_equal(last, accepted ? step + d : -1);
	}

	/* Spaces are ignored, anything else is not. */
	last = -1;
	assert_int_equal(crypto_totp_verify(RFC_SECRET, "005 924", t, &last), 1);
	last = -1;
	assert_int_equal(crypto_totp_verify(RFC_SECRET, " 00 59 24 ", t, &last), 1);
	last = -1;
	assert_int_equal(crypto_totp_verify(RFC_SECRET, "005-924", t, &last), 0);
	assert_int_equal(crypto_totp_verify(RFC_SECRET, "05924", t, &last), 0);
	assert_int_equal(crypto_totp_verify(RFC_SECRET, "0059240", t, &last), 0);
	assert_int_equal(crypto_totp_verify(RFC_SECRET, "", t, &last), 0);
	assert_int_equal(crypto_totp_verify(RFC_SECRET, NULL, t, &last), 0);
	assert_int_equal(crypto_totp_verify(RFC_SECRET, "005924", -1, &last), 0);
	assert_int_equal(last, -1);
	/* A wrong code. */
	assert_int_equal(crypto_totp_verify(RFC_SECRET, "005925", t, &last), 0);

	/* Time 0: the step before does not exist, the code still works. */
	assert_int_equal(crypto_totp_code(RFC_SECRET, 0, code), 0);
	assert_int_equal(crypto_totp_verify(RFC_SECRET, code, 0, &last), 1);
	assert_int_equal(last, 0);
}

static void test_totp_bad_secret(void **state)
{
	static const char *const bad[] = {
		"",
		"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1",   /* 1 is not base32 */
		"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ0",   /* nor 0 */
		"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ8",   /* nor 8 */
		"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ====", /* no padding */
		"GEZDGNBV GY3TQOJQGEZDGNBVGY3TQOJQ",  /* no space */
		"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n",
		"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ\xc3\xa9",
		"GEZDGNBVGY3TQOJQ",                   /* 10 bytes: too short */
		"GEZDGNBVGY3TQOJQGEZDGNBVG",          /* 25 characters: no encoding */
		"GEZDGNBVGY3TQOJQGEZDGNBVGY3",        /* 27 characters: no encoding */
		"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQO",     /* 30 characters: no encoding */
		"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJR",   /* fine: 32 is a multiple of 8 */
	};
	char code[CRYPTO_TOTP_CODE_SIZE] = "xxxxxx";
	int64_t last = -1;
	(void)state;

	/* All but the last are refused. */
	size_t n = sizeof(bad) / sizeof(bad[0]);
	for (size_t i = 0; i + 1 < n; i++) {
		if (crypto_totp_code(bad[i], 59, code) != -1)
			fail_msg("totp-bad-%zu: \"%s\" accepted", i, bad[i]);
		assert_string_equal(code, "");
		if (crypto_totp_verify(bad[i], "287082", 59, &last) != 0)
			fail_msg("totp-bad-%zu: verified", i);
	}
	assert_int_equal(crypto_totp_code(bad[n - 1], 59, code), 0);
	assert_int_equal(crypto_totp_code(NULL, 59, code), -1);
	assert_int_equal(crypto_totp_code(RFC_SECRET, -1, code), -1);

	/* The unused bits of the last character must be zero: 16 bytes are
	 * 26 characters and 2 unused bits, 17 bytes 28 and 4. */
	assert_int_equal(crypto_totp_code("GEZDGNBVGY3TQOJQGEZDGNBVGY", 59, code), 0);
	assert_int_equal(crypto_totp_code("GEZDGNBVGY3TQOJQGEZDGNBVGZ", 59, code), -1);
	assert_int_equal(crypto_totp_code("GEZDGNBVGY3TQOJQGEZDGNBVGZAA", 59, code), 0);
	assert_int_equal(crypto_totp_code("GEZDGNBVGY3TQOJQGEZDGNBVGZAB", 59, code), -1);
	/* 64 bytes is the longest secret, 65 too long. */
	char longest[104 + 8 + 1];
	memset(longest, 'A', sizeof(longest));
	longest[103] = 'A';
	longest[104] = '\0'; /* 104 characters: 65 bytes (520 bits) */
	assert_int_equal(crypto_totp_code(longest, 59, code), -1);
	longest[102] = '\0'; /* 102 characters: 63 bytes + 6 bits: invalid */
	assert_int_equal(crypto_totp_code(longest, 59, code), -1);
	longest[103] = '\0'; /* 103 characters: 64 bytes + 3 zero bits */
	longest[102] = 'A';
	assert_int_equal(crypto_totp_code(longest, 59, code), 0);
}

static void test_totp_new_secret(void **state)
{
	char secret[CRYPTO_TOTP_SECRET_SIZE], other[CRYPTO_TOTP_SECRET_SIZE];
	char code[CRYPTO_TOTP_CODE_SIZE];
	int seen[32] = {0};
	(void)state;

	for (int i = 0; i < 200; i++) {
		crypto_totp_new_secret(secret);
		assert_int_equal(strlen(secret), 32);
		assert_int_equal(strspn(secret, BASE32_CHARS), 32);
		for (int j = 0; j < 32; j++)
			seen[strchr(BASE32_CHARS, secret[j]) - BASE32_CHARS] = 1;
		assert_int_equal(crypto_totp_code(secret, 1700000000, code), 0);
		assert_int_equal(strlen(code), 6);
		assert_int_equal(strspn(code, "0123456789"), 6);
		int64_t last = -1;
		assert_int_equal(crypto_totp_verify(secret, code, 1700000000, &last), 1);
	}
	for (int j = 0; j < 32; j++)
		assert_int_equal(seen[j], 1);
	crypto_totp_new_secret(other);
	assert_string_not_equal(secret, other);
}

/* ---- recovery codes ---- */

static void test_recovery_code(void **state)
{
	enum { DRAWS = 1000 };
	static char codes[DRAWS][CRYPTO_RECOVERY_SIZE];
	static char *all[DRAWS];
	(void)state;

	for (size_t i = 0; i < DRAWS; i++) {
		char *c = codes[i];
		crypto_recovery_code(c);
		assert_int_equal(strlen(c), 11);
		assert_int_equal(c[5], '-');
		assert_int_equal(strspn(c, RECOVERY_CHARS), 5);
		assert_int_equal(strspn(c + 6, RECOVERY_CHARS), 5);
		assert_null(strpbrk(c, "0O1IL"));
		all[i] = c;
	}
	assert_true(all_distinct(all, DRAWS));
}

/* ---- auth_bearer_token ---- */

static void test_bearer_valid(void **state)
{
	char token[CRYPTO_TOKEN_SIZE], header[200], out[AUTH_BEARER_MAX + 1];
	(void)state;

	crypto_random_token(token);
	snprintf(header, sizeof(header), "Bearer %s", token);
	assert_int_equal(auth_bearer_token(header, out, sizeof(out)), 0);
	assert_string_equal(out, token);

	static const struct {
		const char *header, *token;
	} ok[] = {
		{"bearer abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz"},
		{"BEARER abcdefghijklmnop", "abcdefghijklmnop"},
		{"BeArEr    A-b_C-d_0123456789", "A-b_C-d_0123456789"},
		{"  Bearer abcdefghijklmnop \t", "abcdefghijklmnop"},
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		if (auth_bearer_token(ok[i].header, out, sizeof(out)) != 0)
			fail_msg("bearer-ok-%zu: refused \"%s\"", i, ok[i].header);
		assert_string_equal(out, ok[i].token);
	}
}

static void test_bearer_invalid(void **state)
{
	static const char *const bad[] = {
		"",
		"Bearer",
		"Bearer ",
		"Bearer      ",
		"Basic xyz",
		"Basic dXNlcm5hbWU6cGFzc3dvcmQxMjM0",
		"Bearerabcdefghijklmnop",
		"Bearer\tabcdefghijklmnop",
		"Bearer abcdefghijklmno",          /* 15 characters */
		"Bearer abcdefghijklmnop=",
		"Bearer abcdefghijklmnop==",
		"Bearer abcdefgh ijklmnop",
		"Bearer abcdefghijklmnop extra",
		"Bearer abcdefghijklmnop+/",
		"Bearer abcdefghijklmnop\xc3\xa9",
		"Bearer abcdefghijklmnop\r\n",
		"Bear abcdefghijklmnop",
		"Bearers abcdefghijklmnop",
		"Token abcdefghijklmnop",
		"abcdefghijklmnop",
	};
	char out[AUTH_BEARER_MAX + 1];
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strcpy(out, "unchanged");
		if (auth_bearer_token(bad[i], out, sizeof(out)) != -1)
			fail_msg("bearer-bad-%zu: accepted \"%s\"", i, bad[i]);
		assert_string_equal(out, "");
	}
	assert_int_equal(auth_bearer_token(NULL, out, sizeof(out)), -1);
	assert_int_equal(auth_bearer_token("Bearer abcdefghijklmnop", NULL, 10), -1);
	assert_int_equal(auth_bearer_token("Bearer abcdefghijklmnop", out, 0), -1);
}

static void test_bearer_length(void **state)
{
	static char header[7 + 1000 + 1];
	char out[AUTH_BEARER_MAX + 1], small[17];
	(void)state;

	memcpy(header, "Bearer ", 7);
	memset(header + 7, 'a', 1000);
	header[7 + 1000] = '\0';
	assert_int_equal(auth_bearer_token(header, out, sizeof(out)), -1);
	header[7 + 129] = '\0';
	assert_int_equal(auth_bearer_token(header, out, sizeof(out)), -1);
	header[7 + 128] = '\0';
	assert_int_equal(auth_bearer_token(header, out, sizeof(out)), 0);
	assert_int_equal(strlen(out), 128);
	/* The caller's buffer bounds it too. */
	assert_int_equal(auth_bearer_token(header, out, 128), -1);
	assert_string_equal(out, "");
	header[7 + 16] = '\0';
	assert_int_equal(auth_bearer_token(header, small, sizeof(small)), 0);
	assert_int_equal(strlen(small), 16);
	assert_int_equal(auth_bearer_token(header, small, 16), -1);
}

/* ---- auth_session_cookie ---- */

struct cookie_case {
	const char *name;
	const char *header;
	const char *value; /* NULL: -1 expected */
};

static void test_session_cookie(void **state)
{
	static const struct cookie_case cases[] = {
		{"cookie-1.1 second pair", "a=1; session=XYZ", "XYZ"},
		{"cookie-1.2 only pair", "session=abc_DEF-123", "abc_DEF-123"},
		{"cookie-1.3 first pair", "session=XYZ; a=1", "XYZ"},
		{"cookie-1.4 no space", "a=1;session=XYZ;b=2", "XYZ"},
		{"cookie-1.5 spaces around", "a=1 ;  session = XYZ  ; b=2", "XYZ"},
		{"cookie-1.6 trailing semicolon", "session=XYZ;", "XYZ"},
		{"cookie-1.7 pair without =", "flag; session=XYZ", "XYZ"},
		{"cookie-1.8 name as a value", "x=session; session=ok", "ok"},
		{"cookie-1.9 tab", "a=1;\tsession=XYZ", "XYZ"},
		{"cookie-2.1 quoted", "session=\"XYZ\"", "XYZ"},
		{"cookie-2.2 quoted among others", "a=\"q\"; session=\"XYZ\"; b=2", "XYZ"},
		{"cookie-2.3 empty quotes", "session=\"\"", NULL},
		{"cookie-2.4 open quote", "session=\"XYZ", NULL},
		{"cookie-2.5 close quote", "session=XYZ\"", NULL},
		{"cookie-2.6 one quote", "session=\"", NULL},
		{"cookie-3.1 duplicates: first wins", "session=first; session=second", "first"},
		{"cookie-3.2 bad first decides", "session=bad!; session=good", NULL},
		{"cookie-3.3 empty first decides", "session=; session=good", NULL},
		{"cookie-4.1 longer name", "sessionx=1", NULL},
		{"cookie-4.2 shorter name", "sessio=1", NULL},
		{"cookie-4.3 prefixed name", "xsession=1", NULL},
		{"cookie-4.4 other case", "Session=1; SESSION=2", NULL},
		{"cookie-4.5 longer name then right one", "sessionx=1; session=2", "2"},
		{"cookie-5.1 empty header", "", NULL},
		{"cookie-5.2 empty value", "session=", NULL},
		{"cookie-5.3 blank value", "session=   ", NULL},
		{"cookie-5.4 name alone", "session", NULL},
		{"cookie-5.5 name then =", "session;=x", NULL},
		{"cookie-5.6 semicolons", ";;;;", NULL},
		{"cookie-5.7 equals", "=;=;==;", NULL},
		{"cookie-5.8 control bytes", "\x01\x02session\x7f=\x03", NULL},
		{"cookie-5.9 value with dot", "session=a.b", NULL},
		{"cookie-5.10 value with =", "session=abc=", NULL},
		{"cookie-5.11 value with space", "session=ab cd", NULL},
		{"cookie-5.12 value with UTF-8", "session=\xc3\xa9t\xc3\xa9", NULL},
		{"cookie-5.13 value with comma", "session=a,b", NULL},
		{"cookie-5.14 nested", "a=session=x", NULL},
	};
	char out[64];
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		strcpy(out, "unchanged");
		int rc = auth_session_cookie(cases[i].header, "session", out,
					     sizeof(out));
		if (cases[i].value) {
			if (rc != 0)
				fail_msg("%s: refused", cases[i].name);
			if (strcmp(out, cases[i].value) != 0)
				fail_msg("%s: got \"%s\"", cases[i].name, out);
		} else {
			if (rc != -1)
				fail_msg("%s: accepted \"%s\"", cases[i].name, out);
			if (out[0] != '\0')
				fail_msg("%s: out not emptied", cases[i].name);
		}
	}
}

static void test_session_cookie_bounds(void **state)
{
	char out[4];
	static char big[10000];
	(void)state;

	assert_int_equal(auth_session_cookie("session=abc", "session", out, 4), 0);
	assert_string_equal(out, "abc");
	assert_int_equal(auth_session_cookie("session=\"abc\"", "session", out, 4), 0);
	assert_string_equal(out, "abc");
	assert_int_equal(auth_session_cookie("session=abcd", "session", out, 4), -1);
	assert_string_equal(out, "");
	assert_int_equal(auth_session_cookie("session=a", "session", out, 1), -1);
	assert_int_equal(auth_session_cookie("session=a", "session", out, 0), -1);
	assert_int_equal(auth_session_cookie("session=a", "session", NULL, 4), -1);
	assert_int_equal(auth_session_cookie(NULL, "session", out, 4), -1);
	assert_int_equal(auth_session_cookie("session=a", NULL, out, 4), -1);
	assert_int_equal(auth_session_cookie("=a", "", out, 4), -1);

	/* Many pairs before the one sought, and a long value. */
	size_t o = 0;
	while (o < sizeof(big) - 100)
		o += (size_t)snprintf(big + o, sizeof(big) - o, "k%zu=v; ", o);
	snprintf(big + o, sizeof(big) - o, "sid=ok");
	assert_int_equal(auth_session_cookie(big, "sid", out, sizeof(out)), 0);
	assert_string_equal(out, "ok");
	memcpy(big, "sid=", 4);
	memset(big + 4, 'v', sizeof(big) - 5);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(auth_session_cookie(big, "sid", out, sizeof(out)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_round_trip),
		cmocka_unit_test(test_password_wrong),
		cmocka_unit_test(test_password_acceptable),
		cmocka_unit_test(test_random_token),
		cmocka_unit_test(test_token_hash),
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_totp_rfc6238),
		cmocka_unit_test(test_totp_replay),
		cmocka_unit_test(test_totp_window),
		cmocka_unit_test(test_totp_bad_secret),
		cmocka_unit_test(test_totp_new_secret),
		cmocka_unit_test(test_recovery_code),
		cmocka_unit_test(test_bearer_valid),
		cmocka_unit_test(test_bearer_invalid),
		cmocka_unit_test(test_bearer_length),
		cmocka_unit_test(test_session_cookie),
		cmocka_unit_test(test_session_cookie_bounds),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
