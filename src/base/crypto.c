/* crypto.c - see crypto.h. */
#include "base/crypto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/hmac.h>
#include <sodium.h>

/* Marks a string literal as a msgid for extraction (xgettext -kN_). */
#ifndef N_
#define N_(s) s
#endif

#define CRYPTO_TOKEN_BYTES 32
#define CRYPTO_TOTP_SECRET_BYTES 20
#define CRYPTO_TOTP_SECRET_MIN_BYTES 16
#define CRYPTO_TOTP_SECRET_MAX_BYTES 64
#define CRYPTO_TOTP_STEP 30
#define CRYPTO_TOTP_DIGITS 6

_Static_assert(CRYPTO_PASSWORD_HASH_SIZE == crypto_pwhash_STRBYTES,
	       "CRYPTO_PASSWORD_HASH_SIZE is libsodium's string size");
_Static_assert(CRYPTO_TOKEN_SIZE ==
	       sodium_base64_ENCODED_LEN(CRYPTO_TOKEN_BYTES,
					 sodium_base64_VARIANT_URLSAFE_NO_PADDING),
	       "a token is 43 base64 characters and a NUL");
_Static_assert(CRYPTO_SHA256_HEX_SIZE == crypto_hash_sha256_BYTES * 2 + 1,
	       "a SHA-256 is 64 hex digits and a NUL");
_Static_assert(CRYPTO_TOTP_SECRET_SIZE == CRYPTO_TOTP_SECRET_BYTES * 8 / 5 + 1,
	       "a TOTP secret is 32 base32 characters and a NUL");

/*
 * Set by crypto_init() before threads start, only read afterwards.  The
 * defaults let crypto_password_hash() work even if the limits were never
 * chosen; the dummy hash needs crypto_init().
 */
static unsigned long long password_opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t password_memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
static char dummy_hash[CRYPTO_PASSWORD_HASH_SIZE];

static const char base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
static const char recovery_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

int crypto_init(void)
{
	if (sodium_init() < 0) {
		fputs("passerelle: cannot initialise libsodium\n", stderr);
		return -1;
	}
	const char *fast = getenv("PASSERELLE_ARGON2_FAST");
	if (fast && strcmp(fast, "1") == 0) {
		fputs("passerelle: PASSERELLE_ARGON2_FAST=1: weak password "
		      "hashing, for tests only\n", stderr);
		password_opslimit = crypto_pwhash_OPSLIMIT_MIN;
		password_memlimit = crypto_pwhash_MEMLIMIT_MIN;
	} else {
		password_opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
		password_memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	}

	/* A hash of a random password nobody knows, with the limits real
	 * hashes get, so that a dummy verification costs what a real one
	 * does. */
	char secret[CRYPTO_TOKEN_SIZE];
	crypto_random_token(secret);
	int rc = crypto_password_hash(secret, dummy_hash);
	sodium_memzero(secret, sizeof(secret));
	if (rc != 0) {
		fputs("passerelle: cannot hash a password (out of memory?)\n",
		      stderr);
		return -1;
	}
	return 0;
}

int crypto_password_hash(const char *password,
			 char out[CRYPTO_PASSWORD_HASH_SIZE])
{
	if (!password)
		password = "";
	if (crypto_pwhash_str(out, password, strlen(password),
			      password_opslimit, password_memlimit) != 0) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

int crypto_password_verify(const char *hash, const char *password)
{
	if (!hash || !password ||
	    strnlen(hash, CRYPTO_PASSWORD_HASH_SIZE) >= CRYPTO_PASSWORD_HASH_SIZE)
		return 0;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void crypto_password_dummy_verify(const char *password)
{
	if (!password)
		password = "";
	/* The answer is meaningless: only the time spent matters. */
	int rc = crypto_pwhash_str_verify(dummy_hash, password, strlen(password));
	(void)rc;
}

/* Length of the well-formed UTF-8 sequence at s (left bytes available), or
 * 0 when it is ill-formed (overlong, surrogate, beyond U+10FFFF, cut). */
static size_t utf8_sequence(const unsigned char *s, size_t left)
{
	unsigned char c = s[0];
	uint32_t cp, min;
	size_t n;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2, cp = c & 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3, cp = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4, cp = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (left < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

int crypto_password_acceptable(const char *password, const char **reason_msgid)
{
	const unsigned char *s = (const unsigned char *)(password ? password : "");
	size_t len = strlen((const char *)s);
	const char *reason = NULL;

	if (len < CRYPTO_PASSWORD_MIN) {
		reason = N_("The password is too short: use at least 12 characters.");
		goto out;
	}
	if (len > CRYPTO_PASSWORD_MAX) {
		reason = N_("The password is too long: use at most 256 bytes.");
		goto out;
	}

	size_t first = utf8_sequence(s, len);
	int all_same = first != 0;
	for (size_t i = 0; i < len;) {
		size_t n = utf8_sequence(s + i, len - i);
		if (n == 0) {
			reason = N_("The password is not valid UTF-8 text.");
			goto out;
		}
		if (n != first || memcmp(s + i, s, n) != 0)
			all_same = 0;
		i += n;
	}
	if (all_same)
		reason = N_("The password must not be one character repeated.");
out:
	if (reason_msgid)
		*reason_msgid = reason;
	return reason == NULL;
}

void crypto_random_token(char out[CRYPTO_TOKEN_SIZE])
{
	unsigned char bytes[CRYPTO_TOKEN_BYTES];

	randombytes_buf(bytes, sizeof(bytes));
	sodium_bin2base64(out, CRYPTO_TOKEN_SIZE, bytes, sizeof(bytes),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(bytes, sizeof(bytes));
}

void crypto_sha256_hex(const void *data, size_t len,
		       char out[CRYPTO_SHA256_HEX_SIZE])
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(digest, data, len);
	sodium_bin2hex(out, CRYPTO_SHA256_HEX_SIZE, digest, sizeof(digest));
}

void crypto_token_hash(const char *token, char out[CRYPTO_SHA256_HEX_SIZE])
{
	if (!token)
		token = "";
	crypto_sha256_hex(token, strlen(token), out);
}

int crypto_equal(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	size_t len = strlen(a);
	if (strlen(b) != len)
		return 0;
	return sodium_memcmp(a, b, len) == 0;
}

/* ---- TOTP ---- */

/* Value of a base32 character (either case), or -1. */
static int base32_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= '2' && c <= '7')
		return c - '2' + 26;
	return -1;
}

/*
 * Decode unpadded RFC 4648 base32 `s` into out[0..cap).  Returns the number
 * of bytes, or -1 for an invalid character, more than cap bytes, a length
 * no encoding has (1, 3 or 6 characters past a multiple of 8) or non-zero
 * unused trailing bits.
 */
static int base32_decode(const char *s, unsigned char *out, size_t cap)
{
	uint32_t acc = 0;
	unsigned bits = 0;
	size_t n = 0;

	for (; *s; s++) {
		int v = base32_value(*s);
		if (v < 0)
			return -1;
		acc = acc << 5 | (uint32_t)v;
		bits += 5;
		if (bits >= 8) {
			if (n == cap)
				return -1;
			bits -= 8;
			out[n++] = (unsigned char)(acc >> bits);
		}
		acc &= (1u << bits) - 1;
	}
	if (bits >= 5 || acc != 0)
		return -1;
	return (int)n;
}

/* Decode a TOTP secret into key (CRYPTO_TOTP_SECRET_MAX_BYTES); its
 * length, or -1 when it is not an acceptable secret. */
static int totp_key(const char *secret_base32, unsigned char *key)
{
	if (!secret_base32)
		return -1;
	int n = base32_decode(secret_base32, key, CRYPTO_TOTP_SECRET_MAX_BYTES);
	if (n < CRYPTO_TOTP_SECRET_MIN_BYTES) {
		sodium_memzero(key, CRYPTO_TOTP_SECRET_MAX_BYTES);
		return -1;
	}
	return n;
}

/* RFC 4226 HOTP, SHA-1, 6 digits: the code of `counter` into out. */
static void hotp(const unsigned char *key, size_t keylen, uint64_t counter,
		 char out[CRYPTO_TOTP_CODE_SIZE])
{
	struct hmac_sha1_ctx ctx;
	uint8_t message[8], mac[SHA1_DIGEST_SIZE];

	for (int i = 7; i >= 0; i--) {
		message[i] = (uint8_t)(counter & 0xff);
		counter >>= 8;
	}
	hmac_sha1_set_key(&ctx, keylen, key);
	hmac_sha1_update(&ctx, sizeof(message), message);
	hmac_sha1_digest(&ctx, sizeof(mac), mac);

	/* Dynamic truncation: 31 bits at the offset the last nibble says. */
	unsigned offset = mac[SHA1_DIGEST_SIZE - 1] & 0x0f;
	uint32_t value = (uint32_t)(mac[offset] & 0x7f) << 24 |
			 (uint32_t)mac[offset + 1] << 16 |
			 (uint32_t)mac[offset + 2] << 8 |
			 (uint32_t)mac[offset + 3];
	value %= 1000000;
	for (int i = CRYPTO_TOTP_DIGITS - 1; i >= 0; i--) {
		out[i] = (char)('0' + value % 10);
		value /= 10;
	}
	out[CRYPTO_TOTP_DIGITS] = '\0';

	sodium_memzero(&ctx, sizeof(ctx));
	sodium_memzero(mac, sizeof(mac));
}

void crypto_totp_new_secret(char out_base32[CRYPTO_TOTP_SECRET_SIZE])
{
	unsigned char bytes[CRYPTO_TOTP_SECRET_BYTES];

	randombytes_buf(bytes, sizeof(bytes));
	/* 20 bytes are 160 bits: exactly 32 groups of 5, no padding. */
	for (size_t i = 0; i < CRYPTO_TOTP_SECRET_SIZE - 1; i++) {
		size_t bit = i * 5, byte = bit / 8, shift = bit % 8;
		unsigned pair = (unsigned)bytes[byte] << 8;
		if (byte + 1 < sizeof(bytes))
			pair |= bytes[byte + 1];
		out_base32[i] = base32_alphabet[pair >> (11 - shift) & 0x1f];
	}
	out_base32[CRYPTO_TOTP_SECRET_SIZE - 1] = '\0';
	sodium_memzero(bytes, sizeof(bytes));
}

int crypto_totp_code(const char *secret_base32, int64_t unix_time,
		     char out[CRYPTO_TOTP_CODE_SIZE])
{
	unsigned char key[CRYPTO_TOTP_SECRET_MAX_BYTES];

	out[0] = '\0';
	if (unix_time < 0)
		return -1;
	int keylen = totp_key(secret_base32, key);
	if (keylen < 0)
		return -1;
	hotp(key, (size_t)keylen, (uint64_t)(unix_time / CRYPTO_TOTP_STEP), out);
	sodium_memzero(key, sizeof(key));
	return 0;
}

int crypto_totp_verify(const char *secret_base32, const char *code,
		       int64_t unix_time, int64_t *last_step_used)
{
	unsigned char key[CRYPTO_TOTP_SECRET_MAX_BYTES];
	char typed[CRYPTO_TOTP_CODE_SIZE], expected[CRYPTO_TOTP_CODE_SIZE];
	size_t digits = 0;

	if (!code || unix_time < 0)
		return 0;
	for (const char *p = code; *p; p++) {
		if (*p == ' ')
			continue;
		if (*p < '0' || *p > '9' || digits == CRYPTO_TOTP_DIGITS)
			return 0;
		typed[digits++] = *p;
	}
	if (digits != CRYPTO_TOTP_DIGITS)
		return 0;
	typed[digits] = '\0';

	int keylen = totp_key(secret_base32, key);
	if (keylen < 0)
		return 0;

	/* All three steps are computed and compared whatever matches, the
	 * earliest unused matching step wins. */
	int64_t step = unix_time / CRYPTO_TOTP_STEP, accepted = -1;
	for (int64_t s = step - 1; s <= step + 1; s++) {
		if (s < 0)
			continue;
		hotp(key, (size_t)keylen, (uint64_t)s, expected);
		int match = sodium_memcmp(expected, typed, CRYPTO_TOTP_DIGITS) == 0;
		if (match && s > *last_step_used && accepted < 0)
			accepted = s;
	}
	sodium_memzero(key, sizeof(key));
	sodium_memzero(expected, sizeof(expected));
	sodium_memzero(typed, sizeof(typed));
	if (accepted < 0)
		return 0;
	*last_step_used = accepted;
	return 1;
}

/* ---- Recovery codes ---- */

void crypto_recovery_code(char out[CRYPTO_RECOVERY_SIZE])
{
	const uint32_t size = sizeof(recovery_alphabet) - 1;
	size_t o = 0;

	for (int i = 0; i < 10; i++) {
		if (i == 5)
			out[o++] = '-';
		out[o++] = recovery_alphabet[randombytes_uniform(size)];
	}
	out[o] = '\0';
}
