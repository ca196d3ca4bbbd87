/*
 * view_auth.c - signing in and out, and one's own account: password,
 * language, second factor (TOTP) with recovery codes, API tokens, signing
 * out everywhere; and an administrator's one-time password for another
 * account.
 *
 * Messages never say whether an account exists: a wrong email and a wrong
 * password get the same answer, after the same time.
 */
#include "web/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/text.h"
#include "store/auth.h"

/* A local path to go back to, or "/". */
static const char *safe_back(const char *back)
{
	if (!back || back[0] != '/' || !html_url_is_safe(back) || strncmp(back, "/login", 6) == 0 ||
	    strncmp(back, "/logout", 7) == 0)
		return "/";
	return back;
}

static void set_session_cookie(struct request *r, const char *token, int max_age)
{
	const char *forced = getenv("PASSERELLE_SECURE_COOKIES");
	int secure = (r->forwarded_proto && strcmp(r->forwarded_proto, "https") == 0) || (forced && strcmp(forced, "1") == 0);
	response_header(r, "Set-Cookie", arena_printf(&r->arena, SESSION_COOKIE "=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax%s",
						      token, max_age, secure ? "; Secure" : ""));
}

static void field_input(struct html *h, const char *id, const char *name, const char *type, const char *label_msgid,
			const char *value, const char *autocomplete)
{
	html_raw(h, "<div class=\"field\"><label");
	html_attr(h, "for", id);
	html_raw(h, ">");
	html_t(h, label_msgid);
	html_raw(h, "</label><input");
	html_attr(h, "id", id);
	html_attr(h, "name", name);
	html_attr(h, "type", type);
	html_attr(h, "value", value);
	html_attr(h, "autocomplete", autocomplete);
	html_raw(h, " required></div>");
}

static void alert(struct html *h, const char *msgid, const char *detail)
{
	html_raw(h, "<p class=\"error-text\" role=\"alert\">");
	html_message(h, msgid, detail);
	html_raw(h, "</p>");
}

static void login_form(struct request *r, int status, const char *error_msgid, const char *detail, const char *email)
{
	r->res.status = status;
	buf_reset(&r->res.body);
	struct html h = page_writer(r);
	page_begin(&h, r, T(&h, N_("Sign in")));
	html_raw(&h, "<div class=\"narrow\"><h1>");
	html_t(&h, N_("Sign in"));
	html_raw(&h, "</h1>");
	if (error_msgid)
		alert(&h, error_msgid, detail);
	html_raw(&h, "<form method=\"post\" action=\"/login\" class=\"record-form\"><input type=\"hidden\" name=\"back\"");
	html_attr(&h, "value", safe_back(params_get(&r->form, "back") ? params_get(&r->form, "back") : params_get(&r->query, "back")));
	html_raw(&h, ">");
	field_input(&h, "login-email", "email", "email", N_("Email"), email, "username");
	field_input(&h, "login-password", "password", "password", N_("Password"), NULL, "current-password");
	html_raw(&h, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">");
	html_t(&h, N_("Sign in"));
	html_raw(&h, "</button></div></form><p class=\"help\">");
	html_t(&h, N_("Forgotten password? Ask an administrator of your Passerelle for a one-time password."));
	html_raw(&h, "</p></div>");
	page_end(&h, r);
}

void auth_login_page(struct request *r, const struct route_match *m)
{
	(void)m;
	if (r->signed_in) {
		response_redirect(r, safe_back(params_get(&r->query, "back")));
		return;
	}
	login_form(r, 200, NULL, NULL, NULL);
}

static void start_session(struct request *r, int64_t account_id, const char *back)
{
	char token[CRYPTO_TOKEN_SIZE], csrf[CRYPTO_TOKEN_SIZE];
	if (auth_session_create(r->store, account_id, r->address, token, csrf) != AUTH_OK) {
		view_error_page(r, 500, N_("The database could not answer. Try again."));
		return;
	}
	struct auth_limits l = auth_limits_get();
	set_session_cookie(r, token, l.session_max_hours * 3600);
	response_redirect(r, safe_back(back));
}

static void throttled(struct request *r, int minutes)
{
	login_form(r, 429, N_("Too many failed attempts. Wait {} minutes, then try again."), arena_printf(&r->arena, "%d", minutes),
		   NULL);
	response_header(r, "Retry-After", arena_printf(&r->arena, "%d", minutes * 60));
}

void auth_login_post(struct request *r, const struct route_match *m)
{
	(void)m;
	const char *email = params_get(&r->form, "email"), *password = params_get(&r->form, "password");
	struct auth_account acc;
	int wait = 0;
	int rc = auth_login(r->store, &r->arena, email, password, r->address, &acc, &wait);
	if (rc == AUTH_THROTTLED) {
		throttled(r, wait);
		return;
	}
	if (rc == AUTH_BAD || !email || !password) {
		login_form(r, 401, N_("The email or the password is wrong."), NULL, email);
		return;
	}
	if (rc == AUTH_ERROR) {
		view_error_page(r, 500, N_("The database could not answer. Try again."));
		return;
	}
	if (rc == AUTH_NEED_CODE) {
		char pending[CRYPTO_TOKEN_SIZE];
		if (auth_pending_create(r->store, acc.id, pending) != AUTH_OK) {
			view_error_page(r, 500, N_("The database could not answer. Try again."));
			return;
		}
		struct html h = page_writer(r);
		page_begin(&h, r, T(&h, N_("Second factor")));
		html_raw(&h, "<div class=\"narrow\"><h1>");
		html_t(&h, N_("Second factor"));
		html_raw(&h, "</h1><p>");
		html_t(&h, N_("Type the code your authenticator app shows, or one of your recovery codes."));
		html_raw(&h, "</p><form method=\"post\" action=\"/login/code\" class=\"record-form\"><input type=\"hidden\" name=\"pending\"");
		html_attr(&h, "value", pending);
		html_raw(&h, "><input type=\"hidden\" name=\"back\"");
		html_attr(&h, "value", safe_back(params_get(&r->form, "back")));
		html_raw(&h, ">");
		field_input(&h, "login-code", "code", "text", N_("Code"), NULL, "one-time-code");
		html_raw(&h, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">");
		html_t(&h, N_("Sign in"));
		html_raw(&h, "</button></div></form></div>");
		page_end(&h, r);
		return;
	}
	start_session(r, acc.id, params_get(&r->form, "back"));
}

void auth_login_code_post(struct request *r, const struct route_match *m)
{
	(void)m;
	int64_t account = 0;
	if (auth_pending_take(r->store, params_get(&r->form, "pending"), &account) != AUTH_OK) {
		login_form(r, 401, N_("This sign-in has expired: start again."), NULL, NULL);
		return;
	}
	int wait = 0;
	int rc = auth_login_code(r->store, account, params_get(&r->form, "code"), r->address, &wait);
	if (rc == AUTH_THROTTLED) {
		throttled(r, wait);
		return;
	}
	if (rc != AUTH_OK) {
		login_form(r, 401, N_("The code is wrong: sign in again."), NULL, NULL);
		return;
	}
	start_session(r, account, params_get(&r->form, "back"));
}

void auth_logout(struct request *r, const struct route_match *m)
{
	(void)m;
	if (r->session_token)
		auth_session_end(r->store, r->session_token);
	set_session_cookie(r, "", 0);
	response_redirect(r, "/login");
}

void auth_sessions_end_post(struct request *r, const struct route_match *m)
{
	(void)m;
	auth_sessions_end_all(r->store, r->account.id);
	set_session_cookie(r, "", 0);
	response_redirect(r, "/login");
}

static void section(struct html *h, const char *msgid)
{
	html_raw(h, "<section class=\"account-section\"><h2>");
	html_t(h, msgid);
	html_raw(h, "</h2>");
}

/* The account page, with an optional notice or error and, once, a new
 * secret to show (an API token, recovery codes). */
static void account_page(struct request *r, int status, const char *notice, const char *error, const char *error_detail,
			 const char *secret_msgid, const char *const *secrets, size_t nsecrets)
{
	r->res.status = status;
	buf_reset(&r->res.body);
	struct html h = page_writer(r);
	page_begin(&h, r, T(&h, N_("My account")));
	html_raw(&h, "<h1>");
	html_t(&h, N_("My account"));
	html_raw(&h, "</h1><p>");
	html_text(&h, r->account.display_name);
	html_raw(&h, " · ");
	html_text(&h, r->account.email);
	html_raw(&h, " · ");
	const struct enum_value *role = model_enum_value(&model_roles, permission_role_code(r->account.role));
	html_t(&h, role ? role->label : "?");
	html_raw(&h, "</p>");
	if (r->account.must_change || params_get(&r->query, "must_change")) {
		html_raw(&h, "<p class=\"notice warning\" role=\"alert\">");
		html_t(&h, N_("Your password was given to you for one use: choose your own to continue."));
		html_raw(&h, "</p>");
	}
	if (notice) {
		html_raw(&h, "<p class=\"notice\" role=\"status\">");
		html_t(&h, notice);
		html_raw(&h, "</p>");
	}
	if (error)
		alert(&h, error, error_detail);
	if (secret_msgid) {
		html_raw(&h, "<div class=\"notice secret\" role=\"status\"><p>");
		html_t(&h, secret_msgid);
		html_raw(&h, "</p><ul>");
		for (size_t i = 0; i < nsecrets; i++) {
			html_raw(&h, "<li><code>");
			html_text(&h, secrets[i]);
			html_raw(&h, "</code></li>");
		}
		html_raw(&h, "</ul></div>");
	}
	section(&h, N_("Password"));
	post_form_open(&h, r, "/account/password", "record-form");
	field_input(&h, "pw-current", "current", "password", N_("Current password"), NULL, "current-password");
	field_input(&h, "pw-new", "password", "password", N_("New password (12 characters or more)"), NULL, "new-password");
	field_input(&h, "pw-confirm", "confirm", "password", N_("New password again"), NULL, "new-password");
	html_raw(&h, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">");
	html_t(&h, N_("Change the password"));
	html_raw(&h, "</button></div></form></section>");

	section(&h, N_("Language of the interface"));
	post_form_open(&h, r, "/account/language", "inline-form");
	html_raw(&h, "<label for=\"acc-lang\" class=\"visually-hidden\">");
	html_t(&h, N_("Language of the interface"));
	html_raw(&h, "</label><select id=\"acc-lang\" name=\"language\">");
	static const char *codes[] = {"fr", "en", "es"}, *names[] = {"Français", "English", "Español"};
	for (int i = 0; i < 3; i++) {
		html_raw(&h, "<option");
		html_attr(&h, "value", codes[i]);
		if (strcmp(r->account.language, codes[i]) == 0)
			html_raw(&h, " selected");
		html_raw(&h, ">");
		html_text(&h, names[i]);
		html_raw(&h, "</option>");
	}
	html_raw(&h, "</select> <button type=\"submit\">");
	html_t(&h, N_("Save"));
	html_raw(&h, "</button></form></section>");

	section(&h, N_("Second factor"));
	html_raw(&h, "<p>");
	html_t(&h, r->account.totp_enabled ? N_("On: signing in asks for a code from your authenticator app.")
					   : N_("Off: signing in asks for your password only."));
	html_raw(&h, "</p>");
	if (r->account.totp_enabled) {
		post_form_open(&h, r, "/account/totp/disable", "record-form");
		field_input(&h, "totp-off-pw", "current", "password", N_("Current password"), NULL, "current-password");
		html_raw(&h, "<div class=\"actions\"><button type=\"submit\" class=\"danger\">");
		html_t(&h, N_("Turn the second factor off"));
		html_raw(&h, "</button></div></form>");
	} else {
		html_raw(&h, "<p><a class=\"button\" href=\"/account/totp\">");
		html_t(&h, N_("Turn the second factor on"));
		html_raw(&h, "</a></p>");
	}
	html_raw(&h, "</section>");

	section(&h, N_("API tokens"));
	html_raw(&h, "<p class=\"help\">");
	html_t(&h, N_("A token lets a program use the API as you: send it as \"Authorization: Bearer TOKEN\". It is shown once."));
	html_raw(&h, "</p>");
	struct auth_token *tokens;
	size_t ntokens;
	if (auth_token_list(r->store, &r->arena, r->account.id, &tokens, &ntokens) == AUTH_OK && ntokens) {
		html_raw(&h, "<table class=\"records\"><thead><tr><th scope=\"col\">");
		html_t(&h, N_("Name"));
		html_raw(&h, "</th><th scope=\"col\">");
		html_t(&h, N_("Created"));
		html_raw(&h, "</th><th scope=\"col\">");
		html_t(&h, N_("Last used"));
		html_raw(&h, "</th><th scope=\"col\"><span class=\"visually-hidden\">");
		html_t(&h, N_("Actions"));
		html_raw(&h, "</span></th></tr></thead><tbody>");
		for (size_t i = 0; i < ntokens; i++) {
			html_raw(&h, "<tr><td>");
			html_text(&h, tokens[i].name);
			html_raw(&h, "</td><td>");
			html_text(&h, tokens[i].created_at);
			html_raw(&h, "</td><td>");
			html_text(&h, tokens[i].last_used_at ? tokens[i].last_used_at : "—");
			html_raw(&h, "</td><td>");
			if (tokens[i].revoked_at) {
				html_t(&h, N_("revoked"));
			} else {
				post_form_open(&h, r, arena_printf(&r->arena, "/account/tokens/%lld/revoke", (long long)tokens[i].id), NULL);
				html_raw(&h, "<button type=\"submit\" class=\"danger\">");
				html_t(&h, N_("Revoke"));
				html_raw(&h, "</button></form>");
			}
			html_raw(&h, "</td></tr>");
		}
		html_raw(&h, "</tbody></table>");
	}
	post_form_open(&h, r, "/account/tokens", "inline-form");
	html_raw(&h, "<label for=\"token-name\">");
	html_t(&h, N_("Name of a new token"));
	html_raw(&h, "</label> <input id=\"token-name\" name=\"name\" type=\"text\" maxlength=\"80\" required> <button type=\"submit\">");
	html_t(&h, N_("Create a token"));
	html_raw(&h, "</button></form></section>");

	section(&h, N_("Sessions"));
	post_form_open(&h, r, "/account/sessions/end", NULL);
	html_raw(&h, "<button type=\"submit\">");
	html_t(&h, N_("Sign out everywhere"));
	html_raw(&h, "</button></form></section>");
	page_end(&h, r);
}

void auth_account_page(struct request *r, const struct route_match *m)
{
	(void)m;
	account_page(r, 200, params_get(&r->query, "saved") ? N_("Saved.") : NULL, NULL, NULL, NULL, NULL, 0);
}

void auth_password_post(struct request *r, const struct route_match *m)
{
	(void)m;
	const char *current = params_get(&r->form, "current"), *password = params_get(&r->form, "password"),
		   *confirm = params_get(&r->form, "confirm");
	const char *reason = NULL;
	if (auth_check_password(r->store, r->account.id, current ? current : "") != AUTH_OK) {
		account_page(r, 422, NULL, N_("The current password is wrong."), NULL, NULL, NULL, 0);
		return;
	}
	if (!password || !confirm || strcmp(password, confirm) != 0) {
		account_page(r, 422, NULL, N_("The two new passwords differ."), NULL, NULL, NULL, 0);
		return;
	}
	if (!crypto_password_acceptable(password, &reason)) {
		account_page(r, 422, NULL, reason, NULL, NULL, NULL, 0);
		return;
	}
	if (auth_set_password(r->store, r->account.id, password, 0) != AUTH_OK) {
		view_error_page(r, 500, N_("The database could not answer. Try again."));
		return;
	}
	/* Every other session ends with the old password; this one goes on. */
	auth_sessions_end_all(r->store, r->account.id);
	char token[CRYPTO_TOKEN_SIZE], csrf[CRYPTO_TOKEN_SIZE];
	if (auth_session_create(r->store, r->account.id, r->address, token, csrf) == AUTH_OK)
		set_session_cookie(r, token, auth_limits_get().session_max_hours * 3600);
	response_redirect(r, "/account?saved=1");
}

void auth_language_post(struct request *r, const struct route_match *m)
{
	(void)m;
	enum i18n_lang lang;
	const char *code = params_get(&r->form, "language");
	if (!code || i18n_parse_code(code, &lang) != 0) {
		account_page(r, 422, NULL, N_("Unknown value: {}."), code ? code : "", NULL, NULL, 0);
		return;
	}
	struct record *patch = record_new(&r->arena, &model_account);
	patch->id = r->account.id;
	record_set(patch, model_field_index(&model_account, "language"), i18n_code(lang));
	struct field_errors errors;
	field_errors_init(&errors, &r->arena);
	/* One's own language is not an administrator's change. */
	struct viewer self = store_system_viewer("web");
	self.account_id = r->account.id;
	self.label = r->account.display_name;
	self.address = r->address;
	int rc = store_update(r->store, &r->arena, &self, patch, NULL, &errors);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	response_header(r, "Set-Cookie", arena_printf(&r->arena, "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly", i18n_code(lang)));
	response_redirect(r, "/account?saved=1");
}

static void totp_setup_page(struct request *r, int status, const char *secret, const char *error)
{
	r->res.status = status;
	buf_reset(&r->res.body);
	struct html h = page_writer(r);
	page_begin(&h, r, T(&h, N_("Second factor")));
	html_raw(&h, "<div class=\"narrow\"><h1>");
	html_t(&h, N_("Turn the second factor on"));
	html_raw(&h, "</h1>");
	if (error)
		alert(&h, error, NULL);
	html_raw(&h, "<ol><li>");
	html_t(&h, N_("In your authenticator app (FreeOTP, Aegis, Google Authenticator…), add an account with this key:"));
	html_raw(&h, "<br><code class=\"secret-key\">");
	html_text(&h, secret);
	html_raw(&h, "</code><br><a");
	html_attr(&h, "href", arena_printf(&r->arena, "otpauth://totp/Passerelle:%s?secret=%s&issuer=Passerelle",
					  url_encode(&r->arena, r->account.email), secret));
	html_raw(&h, ">");
	html_t(&h, N_("or open this link on your phone"));
	html_raw(&h, "</a></li><li>");
	html_t(&h, N_("Type the code it shows to confirm."));
	html_raw(&h, "</li></ol>");
	post_form_open(&h, r, "/account/totp", "record-form");
	html_raw(&h, "<input type=\"hidden\" name=\"secret\"");
	html_attr(&h, "value", secret);
	html_raw(&h, ">");
	field_input(&h, "totp-code", "code", "text", N_("Code"), NULL, "one-time-code");
	html_raw(&h, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">");
	html_t(&h, N_("Turn the second factor on"));
	html_raw(&h, "</button> <a href=\"/account\">");
	html_t(&h, N_("Cancel"));
	html_raw(&h, "</a></div></form></div>");
	page_end(&h, r);
}

void auth_totp_page(struct request *r, const struct route_match *m)
{
	(void)m;
	char secret[CRYPTO_TOTP_SECRET_SIZE];
	crypto_totp_new_secret(secret);
	totp_setup_page(r, 200, secret, NULL);
}

void auth_totp_post(struct request *r, const struct route_match *m)
{
	(void)m;
	const char *secret = params_get(&r->form, "secret"), *code = params_get(&r->form, "code");
	char codes[10][CRYPTO_RECOVERY_SIZE];
	char check[CRYPTO_TOTP_CODE_SIZE];
	if (!secret || crypto_totp_code(secret, 0, check) != 0) {
		router_error(r, 400, "secret", N_("The form could not be read."));
		return;
	}
	int rc = auth_totp_enable(r->store, r->account.id, secret, code ? code : "", codes);
	if (rc == AUTH_BAD) {
		totp_setup_page(r, 422, secret, N_("The code is wrong: check the time of your phone and try the next code."));
		return;
	}
	if (rc != AUTH_OK) {
		view_error_page(r, 500, N_("The database could not answer. Try again."));
		return;
	}
	r->account.totp_enabled = 1;
	const char *list[10];
	for (int i = 0; i < 10; i++)
		list[i] = codes[i];
	account_page(r, 200, N_("The second factor is on."), NULL, NULL,
		     N_("Your recovery codes, each usable once if you lose your phone. Keep them somewhere safe: they are shown only now."),
		     list, 10);
}

void auth_totp_disable_post(struct request *r, const struct route_match *m)
{
	(void)m;
	if (auth_check_password(r->store, r->account.id, params_get(&r->form, "current")) != AUTH_OK) {
		account_page(r, 422, NULL, N_("The current password is wrong."), NULL, NULL, NULL, 0);
		return;
	}
	if (auth_totp_disable(r->store, r->account.id) != AUTH_OK) {
		view_error_page(r, 500, N_("The database could not answer. Try again."));
		return;
	}
	response_redirect(r, "/account?saved=1");
}

void auth_token_post(struct request *r, const struct route_match *m)
{
	(void)m;
	const char *name = params_get(&r->form, "name");
	if (!name || !*name || strlen(name) > 80 || text_has_control(name, strlen(name)) ||
	    !text_utf8_valid(name, strlen(name), NULL)) {
		account_page(r, 422, NULL, N_("Give the token a name (80 characters at most)."), NULL, NULL, NULL, 0);
		return;
	}
	char token[CRYPTO_TOKEN_SIZE];
	if (auth_token_create(r->store, r->account.id, name, token) != AUTH_OK) {
		view_error_page(r, 500, N_("The database could not answer. Try again."));
		return;
	}
	const char *list[1] = {token};
	account_page(r, 201, NULL, NULL, NULL, N_("Your new token, shown only now: copy it."), list, 1);
}

void auth_token_revoke_post(struct request *r, const struct route_match *m)
{
	if (auth_token_revoke(r->store, r->account.id, m->id) != AUTH_OK) {
		router_error(r, 404, NULL, N_("There is no such record, or you may not see it."));
		return;
	}
	response_redirect(r, "/account?saved=1");
}

void auth_reset_password_post(struct request *r, const struct route_match *m)
{
	struct record *acc;
	int rc = store_get(r->store, &r->arena, &r->viewer, &model_account, m->id, 0, &acc);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	char once[CRYPTO_TOKEN_SIZE];
	crypto_random_token(once);
	once[16] = '\0'; /* 16 URL-safe characters: 96 bits, typeable */
	if (auth_set_password(r->store, m->id, once, 1) != AUTH_OK || auth_sessions_end_all(r->store, m->id) != AUTH_OK) {
		view_error_page(r, 500, N_("The database could not answer. Try again."));
		return;
	}
	struct html h = page_writer(r);
	page_begin(&h, r, T(&h, N_("One-time password")));
	html_raw(&h, "<div class=\"narrow\"><h1>");
	html_t(&h, N_("One-time password"));
	html_raw(&h, "</h1><p>");
	html_text(&h, record_title(acc));
	html_raw(&h, " · ");
	html_text(&h, record_get_by_name(acc, "email"));
	html_raw(&h, "</p><p class=\"notice secret\"><code>");
	html_text(&h, once);
	html_raw(&h, "</code></p><p>");
	html_t(&h, N_("Give it to them by a safe way; they choose their own password when they first sign in. It is shown only now."));
	html_raw(&h, "</p><p><a");
	html_attr_url(&h, "href", arena_printf(&r->arena, "/accounts/%lld", (long long)m->id));
	html_raw(&h, ">");
	html_t(&h, N_("Back to the account"));
	html_raw(&h, "</a></p></div>");
	page_end(&h, r);
}

void auth_reset_totp_post(struct request *r, const struct route_match *m)
{
	/* For someone who lost both their phone and their recovery codes. */
	struct record *acc;
	int rc = store_get(r->store, &r->arena, &r->viewer, &model_account, m->id, 0, &acc);
	if (rc != STORE_OK) {
		view_store_failure(r, rc);
		return;
	}
	if (auth_totp_disable(r->store, m->id) != AUTH_OK) {
		view_error_page(r, 500, N_("The database could not answer. Try again."));
		return;
	}
	response_redirect(r, arena_printf(&r->arena, "/accounts/%lld?saved=1", (long long)m->id));
}
