/*
 * auth.h - the storage side of signing in: passwords, sessions, API
 * tokens, the second factor and recovery codes, and login throttling.
 *
 * Secrets are stored hashed (passwords with argon2id, tokens and recovery
 * codes with SHA-256) and never leave this module.  What a handler gets is
 * a struct auth_account, from which it builds the request's viewer.
 */
#ifndef PASSERELLE_AUTH_H
#define PASSERELLE_AUTH_H

#include <stdint.h>

#include "base/crypto.h"
#include "store/store.h"

enum auth_status {
	AUTH_OK = 0,
	AUTH_BAD = 1,        /* wrong name, password, code or token: one answer for all */
	AUTH_THROTTLED = 2,  /* too many failures: wait */
	AUTH_NEED_CODE = 3,  /* password right, second factor to give */
	AUTH_ERROR = -1,
};

struct auth_account {
	int64_t id;
	const char *email;
	const char *display_name;
	const char *language;
	enum role role;
	int64_t organization;
	int64_t teams[VIEWER_MAX_TEAMS];
	size_t nteams;
	int must_change;   /* the password is one-time: change it first */
	int totp_enabled;
};

struct auth_limits {
	int session_idle_minutes;  /* default 480 (a working day) */
	int session_max_hours;     /* default 168 (a week) */
	int account_failures;      /* per account name and window; default 5 */
	int address_failures;      /* per client address and window; default 30 */
	int window_minutes;        /* default 15 */
};
/* The limits in force: defaults, overridden by the environment
 * (PASSERELLE_SESSION_IDLE_MINUTES, PASSERELLE_SESSION_MAX_HOURS,
 * PASSERELLE_LOGIN_FAILURES). */
struct auth_limits auth_limits_get(void);

/* The viewer of an account. */
struct viewer auth_viewer(const struct auth_account *acc, const char *origin, const char *address);

/* Check a sign-in.  Throttled per account name and per address before
 * anything else; an unknown name costs the same time as a wrong password
 * and gets the same answer.  On AUTH_OK or AUTH_NEED_CODE *out is the
 * account.  *wait_minutes is set for AUTH_THROTTLED. */
int auth_login(struct store *s, struct arena *a, const char *email, const char *password, const char *address,
	       struct auth_account *out, int *wait_minutes);
/* The second step: a TOTP code or a recovery code for the account. */
int auth_login_code(struct store *s, int64_t account_id, const char *code, const char *address, int *wait_minutes);

/* Sessions: the token goes in the cookie, only its hash is stored. */
int auth_session_create(struct store *s, int64_t account_id, const char *address, char token[CRYPTO_TOKEN_SIZE],
			char csrf[CRYPTO_TOKEN_SIZE]);
/* The account of a live session (idle and absolute expiry checked, a
 * disabled account refused); csrf receives the session's form token. */
int auth_session_account(struct store *s, struct arena *a, const char *token, struct auth_account *out,
			 char csrf[CRYPTO_TOKEN_SIZE]);
int auth_session_end(struct store *s, const char *token);
/* Sign out everywhere: every session of the account. */
int auth_sessions_end_all(struct store *s, int64_t account_id);

/* A password for a pending sign-in (second factor), valid five minutes. */
int auth_pending_create(struct store *s, int64_t account_id, char token[CRYPTO_TOKEN_SIZE]);
/* The account of a pending sign-in, consumed. */
int auth_pending_take(struct store *s, const char *token, int64_t *account_id);

/* Set a password (argon2id); must_change marks a one-time password.
 * The password's quality is the caller's to check (crypto_password_acceptable). */
int auth_set_password(struct store *s, int64_t account_id, const char *password, int must_change);
/* Check the current password of a signed-in account (changing it). */
int auth_check_password(struct store *s, int64_t account_id, const char *password);

/* API tokens, shown once at creation. */
struct auth_token {
	int64_t id;
	const char *name;
	const char *created_at;
	const char *last_used_at;
	const char *revoked_at;
};
int auth_token_create(struct store *s, int64_t account_id, const char *name, char token[CRYPTO_TOKEN_SIZE]);
int auth_token_list(struct store *s, struct arena *a, int64_t account_id, struct auth_token **out, size_t *count);
int auth_token_revoke(struct store *s, int64_t account_id, int64_t token_id);
int auth_token_account(struct store *s, struct arena *a, const char *token, struct auth_account *out);

/* The second factor.  auth_totp_enable checks a first code against the
 * new secret before turning it on, and writes ten recovery codes (shown
 * once) into codes. */
int auth_totp_enable(struct store *s, int64_t account_id, const char *secret, const char *code,
		     char codes[10][CRYPTO_RECOVERY_SIZE]);
int auth_totp_disable(struct store *s, int64_t account_id);

/* The account with this email (any case), for the command line. */
int auth_account_by_email(struct store *s, struct arena *a, const char *email, struct auth_account *out);
/* Has the base any account at all?  (The first administrator.) */
/* An account that may sign in (not disabled, not deleted), by id: for
 * work done on its behalf (its digest, its calendar feed). */
int auth_account_by_id(struct store *s, struct arena *a, int64_t id, struct auth_account *out);
int auth_has_accounts(struct store *s);

#endif
