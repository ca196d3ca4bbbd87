/*
 * crypto.h - passwords, tokens, digests, TOTP and recovery codes.
 *
 * Everything but TOTP comes from libsodium; TOTP needs HMAC-SHA1, which
 * libsodium lacks, so that one primitive comes from nettle.
 *
 * Passwords are hashed with argon2id (crypto_pwhash_str), at libsodium's
 * "interactive" limits: about 2 passes over 64 MiB, tenths of a second per
 * login on a server core, which is what a login form can afford under load
 * and still makes offline guessing expensive.  The parameters live in the
 * stored string, so hashes made with other limits still verify.
 *
 * Session and API tokens are 32 random bytes shown as 43 URL-safe base64
 * characters; only their SHA-256 (crypto_token_hash) is stored, so a copy
 * of the database holds no usable token.
 *
 * TOTP follows RFC 6238 as authenticator apps do: HMAC-SHA1, 6 digits,
 * 30 second steps from the Unix epoch, secrets in RFC 4648 base32.
 *
 * crypto_init() must be called once before threads start; afterwards every
 * function is thread-safe.  Nothing here logs or prints a secret.
 */
#ifndef PASSERELLE_CRYPTO_H
#define PASSERELLE_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

/* An argon2id hash string with its NUL (crypto_pwhash_STRBYTES). */
#define CRYPTO_PASSWORD_HASH_SIZE 128
/* A random token: 43 URL-safe base64 characters and a NUL. */
#define CRYPTO_TOKEN_SIZE 44
/* A SHA-256 digest as lowercase hex with its NUL. */
#define CRYPTO_SHA256_HEX_SIZE 65
/* A TOTP secret: 20 bytes as 32 base32 characters and a NUL. */
#define CRYPTO_TOTP_SECRET_SIZE 33
/* A TOTP code: 6 digits and a NUL. */
#define CRYPTO_TOTP_CODE_SIZE 7
/* A recovery code "XXXXX-XXXXX" and a NUL. */
#define CRYPTO_RECOVERY_SIZE 12

/* Password length bounds of crypto_password_acceptable(), in bytes. */
#define CRYPTO_PASSWORD_MIN 12
#define CRYPTO_PASSWORD_MAX 256

/*
 * Initialise libsodium, choose the argon2id limits and make the dummy hash
 * crypto_password_dummy_verify() uses (one hash, a fraction of a second).
 * Call once, before threads start.  0 on success, -1 with a message on
 * stderr otherwise; nothing else here may be used after a failure.
 *
 * PASSERELLE_ARGON2_FAST=1 in the environment lowers the limits to
 * libsodium's minimum (1 pass, 8 KiB) so that test suites hashing many
 * passwords run fast.  It is for tests only: such hashes are cheap to
 * attack.  A warning is printed on stderr when it is in effect.
 */
int crypto_init(void);

/*
 * Hash `password` (NUL-terminated, any length) with argon2id and a random
 * salt into `out`, a NUL-terminated "$argon2id$..." string to store as is.
 * 0 on success, -1 when libsodium cannot get the memory (out is then "").
 */
int crypto_password_hash(const char *password,
			 char out[CRYPTO_PASSWORD_HASH_SIZE]);

/*
 * Does `password` match `hash` (from crypto_password_hash)?  1 if it does,
 * 0 if not, also for a NULL argument or a malformed hash.
 */
int crypto_password_verify(const char *hash, const char *password);

/*
 * Spend the time of one crypto_password_verify() for a login whose user
 * does not exist, so that the answer time does not reveal which accounts
 * exist.  The hash it verifies against is made by crypto_init() from random
 * bytes with the current limits: no password matches it.
 */
void crypto_password_dummy_verify(const char *password);

/*
 * May `password` be chosen as a new password?  It must be valid UTF-8 of
 * CRYPTO_PASSWORD_MIN..CRYPTO_PASSWORD_MAX bytes and not one character
 * repeated.  1 if acceptable; 0 otherwise, and when reason_msgid is not
 * NULL it receives an English msgid (marked N_, translate it for display)
 * saying why.
 */
int crypto_password_acceptable(const char *password, const char **reason_msgid);

/* A new token: 32 random bytes as 43 URL-safe base64 characters, no
 * padding ([A-Za-z0-9_-]), NUL-terminated. */
void crypto_random_token(char out[CRYPTO_TOKEN_SIZE]);

/* The form in which a token is stored and looked up: the SHA-256 of its
 * characters as 64 lowercase hex digits.  Deterministic. */
void crypto_token_hash(const char *token, char out[CRYPTO_SHA256_HEX_SIZE]);

/*
 * Are the NUL-terminated strings a and b equal?  1 or 0.  The comparison
 * of equal-length strings takes the same time wherever they differ;
 * strings of different lengths (or NULL) give 0 at once, which reveals
 * the lengths but nothing of the contents.
 */
int crypto_equal(const char *a, const char *b);

/* SHA-256 of data[0..len) as 64 lowercase hex digits (e.g. to chain the
 * history records). */
void crypto_sha256_hex(const void *data, size_t len,
		       char out[CRYPTO_SHA256_HEX_SIZE]);

/* A new TOTP secret: 20 random bytes as 32 base32 characters (A-Z, 2-7,
 * no padding), NUL-terminated. */
void crypto_totp_new_secret(char out_base32[CRYPTO_TOTP_SECRET_SIZE]);

/*
 * The 6-digit TOTP code of `secret_base32` at `unix_time` into out.
 * The secret is RFC 4648 base32 without padding (letters in either case)
 * of 16 to 64 bytes once decoded (RFC 4226 asks for at least 128 bits).
 * 0 on success; -1 for a bad secret (invalid character, impossible
 * length, non-zero trailing bits) or a negative time, out is then "".
 */
int crypto_totp_code(const char *secret_base32, int64_t unix_time,
		     char out[CRYPTO_TOTP_CODE_SIZE]);

/*
 * Check a code typed by the user.  `code` is 6 digits; spaces anywhere in
 * it are ignored.  It is accepted when it is the code of the step of
 * `unix_time` or of the step just before or after (clock drift), and that
 * step is later than *last_step_used: a code is never accepted twice, nor
 * one older than the last accepted.  On acceptance *last_step_used
 * becomes the matched step, to be stored with the secret (start it at -1
 * for a new secret).  The codes are compared in constant time.
 * 1 if accepted; 0 otherwise, including a malformed code, a bad secret or
 * a negative time.  last_step_used must not be NULL.
 */
int crypto_totp_verify(const char *secret_base32, const char *code,
		       int64_t unix_time, int64_t *last_step_used);

/*
 * A new one-time recovery code "XXXXX-XXXXX" of 10 characters drawn
 * uniformly from the 31 upper-case letters and digits that cannot be
 * mistaken for one another (no 0, O, 1, I, L): about 49 bits.  That is too
 * little for a bare SHA-256: store it with crypto_password_hash().
 */
void crypto_recovery_code(char out[CRYPTO_RECOVERY_SIZE]);

#endif
