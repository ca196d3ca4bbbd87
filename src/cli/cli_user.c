/*
 * cli_user.c - `passerelle user add|passwd|disable|enable|list|token` and
 * `passerelle audit verify`, and the first administrator.
 *
 * Passwords typed by nobody: a one-time password is generated and printed
 * once; the person chooses their own at first sign-in.  --password-stdin
 * reads a chosen password from standard input instead (for scripts).
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/crypto.h"
#include "store/auth.h"
#include "store/history.h"
#include "store/store.h"

#define DEFAULT_DB "./var/passerelle.db"

struct store *cli_open_store(const char *path, int create)
{
	char err[600];
	struct stat st;
	if (!create && stat(path, &st) != 0) {
		fprintf(stderr, "passerelle: no database at %s (create it with: passerelle init --db %s)\n", path, path);
		return NULL;
	}
	if (create) {
		char dir[4096];
		snprintf(dir, sizeof(dir), "%s", path);
		char *slash = strrchr(dir, '/');
		if (slash && slash != dir) {
			*slash = '\0';
			if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
				fprintf(stderr, "passerelle: cannot create the folder %s: %s\n", dir, strerror(errno));
				return NULL;
			}
		}
	}
	struct store *s = store_open(path, create, err, sizeof(err));
	if (!s)
		fprintf(stderr, "passerelle: %s\n", err);
	return s;
}

/* A one-time password: 16 URL-safe random characters (96 bits). */
static void one_time_password(char out[CRYPTO_TOKEN_SIZE])
{
	crypto_random_token(out);
	out[16] = '\0';
}

static int read_password(char *out, size_t size)
{
	if (!fgets(out, (int)size, stdin)) {
		fprintf(stderr, "passerelle: no password on standard input\n");
		return -1;
	}
	out[strcspn(out, "\r\n")] = '\0';
	const char *reason;
	if (!crypto_password_acceptable(out, &reason)) {
		fprintf(stderr, "passerelle: %s\n", reason);
		return -1;
	}
	return 0;
}

/* Create an account; *id receives it.  Prints the field errors. */
static int create_account(struct store *s, const char *email, const char *name, const char *role, const char *org,
			  int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct viewer v = store_system_viewer("cli");
	struct record *r = record_new(&a, &model_account);
	record_set(r, model_field_index(&model_account, "email"), email);
	record_set(r, model_field_index(&model_account, "display_name"), name);
	record_set(r, model_field_index(&model_account, "role"), role);
	record_set(r, model_field_index(&model_account, "language"), "fr");
	if (org)
		record_set(r, model_field_index(&model_account, "organization"), org);
	struct field_errors errors;
	field_errors_init(&errors, &a);
	int rc = store_create(s, &a, &v, r, &errors);
	for (size_t i = 0; i < errors.count; i++) {
		/* The message's "{}" stands for the detail. */
		const char *m = errors.items[i].message, *hole = strstr(m, "{}");
		const char *d = errors.items[i].detail ? errors.items[i].detail : "";
		if (hole)
			fprintf(stderr, "passerelle: %s: %.*s%s%s\n", errors.items[i].field, (int)(hole - m), m, d, hole + 2);
		else
			fprintf(stderr, "passerelle: %s: %s\n", errors.items[i].field, m);
	}
	*id = r->id;
	arena_release(&a);
	return rc == STORE_OK ? 0 : -1;
}

static int set_one_time(struct store *s, int64_t id, const char *email)
{
	char once[CRYPTO_TOKEN_SIZE];
	one_time_password(once);
	if (auth_set_password(s, id, once, 1) != AUTH_OK) {
		fprintf(stderr, "passerelle: cannot store the password\n");
		return -1;
	}
	printf("%s: one-time password %s (to change at first sign-in)\n", email, once);
	return 0;
}

int cli_first_admin(struct store *s, const char *email)
{
	if (auth_has_accounts(s))
		return 0;
	int64_t id;
	if (create_account(s, email, "Administrateur", "administrator", NULL, &id) != 0)
		return -1;
	printf("First administrator created.\n");
	return set_one_time(s, id, email);
}

int cli_demo_accounts(struct store *s)
{
	static const struct {
		const char *email, *name, *role;
	} demo[] = {
		{"editrice@demo.passerelle.invalid", "Chargée de mission (démo)", "editor"},
		{"validateur@demo.passerelle.invalid", "Directeur de l'action extérieure (démo)", "validator"},
		{"lecteur@demo.passerelle.invalid", "Lecteur (démo)", "reader"},
	};
	struct arena a = ARENA_INIT;
	struct auth_account existing;
	int rc = 0;
	if (auth_account_by_email(s, &a, demo[0].email, &existing) == AUTH_OK) {
		arena_release(&a);
		return 0;
	}
	printf("Demo accounts:\n");
	for (size_t i = 0; i < sizeof(demo) / sizeof(*demo) && rc == 0; i++) {
		int64_t id;
		rc = create_account(s, demo[i].email, demo[i].name, demo[i].role, NULL, &id);
		if (rc == 0)
			rc = set_one_time(s, id, demo[i].email);
	}
	arena_release(&a);
	return rc;
}

static const char user_usage[] =
	"usage:\n"
	"  passerelle user add EMAIL --name NAME --role ROLE [--organization ID] [--password-stdin] [--db PATH]\n"
	"      ROLE: administrator, validator, editor, reader, partner (a partner needs --organization)\n"
	"  passerelle user passwd EMAIL [--password-stdin] [--db PATH]   a new one-time password, or the one given\n"
	"  passerelle user disable|enable EMAIL [--db PATH]\n"
	"  passerelle user list [--db PATH]\n"
	"  passerelle user token EMAIL --name NAME [--db PATH]              a new API token, printed once\n";

int cli_user(int argc, char **argv)
{
	/* argv[0] = "user", argv[1] = verb */
	if (argc < 2) {
		fputs(user_usage, stderr);
		return 2;
	}
	const char *verb = argv[1], *db = DEFAULT_DB, *email = NULL, *name = NULL, *role = NULL, *org = NULL;
	int from_stdin = 0;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = strcmp(a, "--db") == 0 ? &db : strcmp(a, "--name") == 0 ? &name
				  : strcmp(a, "--role") == 0 ? &role : strcmp(a, "--organization") == 0 ? &org : NULL;
		if (slot) {
			if (i + 1 >= argc) {
				fprintf(stderr, "passerelle: %s needs a value\n", a);
				return 2;
			}
			*slot = argv[++i];
		} else if (strcmp(a, "--password-stdin") == 0) {
			from_stdin = 1;
		} else if (a[0] != '-' && !email) {
			email = a;
		} else {
			fprintf(stderr, "passerelle: unknown option \"%s\"\n%s", a, user_usage);
			return 2;
		}
	}
	int needs_email = strcmp(verb, "list") != 0;
	if ((needs_email && !email) || (strcmp(verb, "add") == 0 && (!name || !role)) ||
	    (strcmp(verb, "token") == 0 && !name)) {
		fputs(user_usage, stderr);
		return 2;
	}
	if (strcmp(verb, "add") && strcmp(verb, "passwd") && strcmp(verb, "disable") && strcmp(verb, "enable") &&
	    strcmp(verb, "list") && strcmp(verb, "token")) {
		fprintf(stderr, "passerelle: unknown user command \"%s\"\n%s", verb, user_usage);
		return 2;
	}
	struct store *s = cli_open_store(db, 0);
	if (!s)
		return 1;
	struct arena a = ARENA_INIT;
	int rc = 0;
	struct viewer v = store_system_viewer("cli");
	if (strcmp(verb, "add") == 0) {
		int64_t id;
		char password[300];
		if (from_stdin && read_password(password, sizeof(password)) != 0)
			rc = 1;
		else if (create_account(s, email, name, role, org, &id) != 0)
			rc = 1;
		else if (from_stdin)
			rc = auth_set_password(s, id, password, 0) == AUTH_OK ? 0 : 1;
		else
			rc = set_one_time(s, id, email) == 0 ? 0 : 1;
		if (rc == 0)
			printf("Account %lld created: %s\n", (long long)id, email);
	} else if (strcmp(verb, "list") == 0) {
		struct store_query q = {.limit = STORE_MAX_LIMIT};
		struct store_page page;
		struct field_errors errors;
		field_errors_init(&errors, &a);
		do {
			if (store_list(s, &a, &v, &model_account, &q, &page, &errors) != STORE_OK) {
				rc = 1;
				break;
			}
			for (size_t i = 0; i < page.count; i++) {
				const char *disabled = record_get_by_name(page.items[i], "disabled");
				printf("%lld\t%s\t%s\t%s%s\n", (long long)page.items[i]->id, record_get_by_name(page.items[i], "email"),
				       record_get_by_name(page.items[i], "role"), record_title(page.items[i]),
				       disabled && strcmp(disabled, "true") == 0 ? "\t(disabled)" : "");
			}
			q.after = page.next;
		} while (page.next);
	} else {
		/* The account by email, disabled ones included. */
		struct store_query q = {.limit = 1};
		q.filters[0] = (struct store_filter){"email", email};
		struct store_page page = {0};
		struct field_errors errors;
		field_errors_init(&errors, &a);
		struct record *acc = NULL;
		struct store_query all = {.limit = STORE_MAX_LIMIT};
		(void)q;
		do {
			if (store_list(s, &a, &v, &model_account, &all, &page, &errors) != STORE_OK)
				break;
			for (size_t i = 0; i < page.count && !acc; i++)
				if (strcasecmp(record_get_by_name(page.items[i], "email"), email) == 0)
					acc = page.items[i];
			all.after = page.next;
		} while (page.next && !acc);
		if (!acc) {
			fprintf(stderr, "passerelle: no account %s\n", email);
			rc = 1;
		} else if (strcmp(verb, "passwd") == 0) {
			char password[300];
			if (from_stdin) {
				rc = read_password(password, sizeof(password)) == 0 &&
				     auth_set_password(s, acc->id, password, 0) == AUTH_OK ? 0 : 1;
				if (rc == 0)
					printf("Password changed for %s\n", email);
			} else {
				rc = set_one_time(s, acc->id, email) == 0 ? 0 : 1;
			}
			if (rc == 0)
				auth_sessions_end_all(s, acc->id);
		} else if (strcmp(verb, "disable") == 0 || strcmp(verb, "enable") == 0) {
			struct record *patch = record_new(&a, &model_account);
			patch->id = acc->id;
			record_set(patch, model_field_index(&model_account, "disabled"), strcmp(verb, "disable") == 0 ? "true" : "false");
			rc = store_update(s, &a, &v, patch, NULL, &errors) == STORE_OK ? 0 : 1;
			if (rc == 0 && strcmp(verb, "disable") == 0)
				auth_sessions_end_all(s, acc->id);
			if (rc == 0)
				printf("%s %s\n", email, strcmp(verb, "disable") == 0 ? "disabled" : "enabled");
		} else {
			char token[CRYPTO_TOKEN_SIZE];
			rc = auth_token_create(s, acc->id, name, token) == AUTH_OK ? 0 : 1;
			if (rc == 0)
				printf("%s\n", token);
		}
	}
	arena_release(&a);
	store_close(s);
	return rc;
}

int cli_audit(int argc, char **argv)
{
	const char *db = DEFAULT_DB;
	if (argc < 2 || strcmp(argv[1], "verify") != 0) {
		fprintf(stderr, "usage: passerelle audit verify [--db PATH]\n");
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			db = argv[++i];
		} else {
			fprintf(stderr, "usage: passerelle audit verify [--db PATH]\n");
			return 2;
		}
	}
	struct store *s = cli_open_store(db, 0);
	if (!s)
		return 1;
	int64_t bad, checked;
	char err[300] = "";
	int rc = store_audit_verify(s, &bad, &checked, err, sizeof(err));
	store_close(s);
	if (rc < 0) {
		fprintf(stderr, "passerelle: %s\n", err);
		return 1;
	}
	if (rc > 0) {
		printf("The history is broken at entry %lld: %s\n", (long long)bad, err);
		return 1;
	}
	printf("The history is intact: %lld entries verified.\n", (long long)checked);
	return 0;
}
