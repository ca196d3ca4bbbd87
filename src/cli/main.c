/*
 * main.c - the command line: serve, init, --help, --version.
 *
 *   passerelle serve [--db PATH] [--listen ADDR:PORT] [--demo]
 *   passerelle init [--db PATH] [--demo]
 *
 * Exit codes: 0 success, 1 failure (database, port), 2 bad usage.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/crypto.h"
#include "base/text.h"
#include "cli/cli.h"
#include "io/xlsx.h"
#include "domain/demo.h"
#include "domain/mailer.h"
#include "store/activity.h"
#include "domain/jobs.h"
#include "store/store.h"
#include "version.h"
#include "web/router.h"
#include "web/server.h"
#include "web/views.h"

#define DEFAULT_DB "./var/passerelle.db"
#define DEFAULT_LISTEN "127.0.0.1:8080"

static const char usage[] =
	"Passerelle " PASSERELLE_VERSION " - the shared memory of cooperation networks\n"
	"\n"
	"usage:\n"
	"  passerelle serve [--db PATH] [--listen ADDR:PORT] [--demo]\n"
	"      start the web server (default database " DEFAULT_DB ", address " DEFAULT_LISTEN ");\n"
	"      --demo loads the demo network into an empty directory first\n"
	"  passerelle init [--db PATH] [--demo] [--admin EMAIL]\n"
	"      create the database (and its folder), apply migrations, load the reference lists,\n"
	"      create the first administrator (default admin@passerelle.local) and print its one-time password\n"
	"  passerelle digest [--db PATH]\n"
	"      prepare today's digest of follow-ups due (once a day) and send the mail waiting\n"
	"      through PASSERELLE_SMTP_URL\n"
	"  passerelle user add|passwd|disable|enable|list|token ...   accounts (passerelle user for details)\n"
	"  passerelle audit verify [--db PATH]                          check the history's hash chain\n"
	"  passerelle import FILE --kind organizations|people [--dry-run] ...   import a CSV or XLSX file\n"
	"  passerelle export --kind KIND --format csv|xlsx|json|geojson|vcard ... export a list\n"
	"  passerelle routes                                            the routes and who may call them\n"
	"  passerelle --help | --version\n";

struct options {
	const char *db;
	const char *listen;
	const char *admin;
	int demo;
};

/* Parse the flags after the command; 0, or 2 after a message. */
static int parse_options(int argc, char **argv, int allow_listen, struct options *o)
{
	o->db = DEFAULT_DB;
	o->listen = DEFAULT_LISTEN;
	o->admin = "admin@passerelle.local";
	o->demo = 0;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--demo") == 0) {
			o->demo = 1;
		} else if (strcmp(a, "--db") == 0 || strcmp(a, "--admin") == 0 || (allow_listen && strcmp(a, "--listen") == 0)) {
			if (i + 1 >= argc || !argv[i + 1][0]) {
				fprintf(stderr, "passerelle: %s needs a value\n", a);
				return 2;
			}
			if (strcmp(a, "--db") == 0)
				o->db = argv[++i];
			else if (strcmp(a, "--admin") == 0)
				o->admin = argv[++i];
			else
				o->listen = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			o->db = a + 5;
		} else if (allow_listen && strncmp(a, "--listen=", 9) == 0) {
			o->listen = a + 9;
		} else {
			fprintf(stderr, "passerelle: unknown option \"%s\" for %s (see passerelle --help)\n", a, argv[1]);
			return 2;
		}
	}
	return 0;
}

static struct store *open_store(const char *path, int create)
{
	return cli_open_store(path, create);
}

static int load_demo(struct store *s)
{
	char err[600];
	size_t loaded;
	/* The accounts first: the demo's notes and meetings name them. */
	if (cli_demo_accounts(s) != 0)
		return -1;
	if (demo_load(s, &loaded, err, sizeof(err)) != 0) {
		fprintf(stderr, "passerelle: %s\n", err);
		return -1;
	}
	if (loaded)
		printf("Loaded the demo network: %zu records.\n", loaded);
	return 0;
}

static int cmd_init(int argc, char **argv)
{
	struct options o;
	int rc = parse_options(argc, argv, 0, &o);
	if (rc)
		return rc;
	struct store *s = open_store(o.db, 1);
	if (!s)
		return 1;
	rc = cli_first_admin(s, o.admin);
	if (rc == 0 && o.demo)
		rc = load_demo(s);
	store_close(s);
	if (rc == 0)
		printf("Database ready: %s\n", o.db);
	return rc ? 1 : 0;
}

static int cmd_serve(int argc, char **argv)
{
	struct options o;
	int rc = parse_options(argc, argv, 1, &o);
	if (rc)
		return rc;
	/* The signals are waited for here, never delivered to a worker. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	char err[600];
	if (views_init(err, sizeof(err)) != 0) {
		fprintf(stderr, "passerelle: %s\n", err);
		return 1;
	}
	struct store *s = open_store(o.db, o.demo);
	if (!s) {
		views_shutdown();
		return 1;
	}
	if (cli_first_admin(s, o.admin) != 0 || (o.demo && load_demo(s) != 0)) {
		store_close(s);
		views_shutdown();
		return 1;
	}
	struct jobs *jobs = jobs_new();
	if (!jobs) {
		fprintf(stderr, "passerelle: cannot start the background worker\n");
		store_close(s);
		views_shutdown();
		return 1;
	}
	struct server_config cfg = {.listen = o.listen, .jobs = jobs};
	const char *max_upload = getenv("PASSERELLE_MAX_UPLOAD");
	if (max_upload)
		cfg.max_upload = strtoull(max_upload, NULL, 10);
	const char *max_body = getenv("PASSERELLE_MAX_BODY");
	if (max_body)
		cfg.max_body = strtoull(max_body, NULL, 10);
	struct server *srv = server_start(&cfg, s, err, sizeof(err));
	if (!srv) {
		fprintf(stderr, "passerelle: %s\n", err);
		jobs_free(jobs);
		store_close(s);
		views_shutdown();
		return 1;
	}
	if (mailer_start(s) != 0)
		fprintf(stderr, "passerelle: cannot start the mailer; mail stays in the outbox\n");
	printf("Passerelle %s is serving %s on http://%.*s:%u/\n"
	       "Open that address in a browser and sign in.\n"
	       "Stop with Ctrl-C.\n",
	       PASSERELLE_VERSION, o.db, (int)(strrchr(o.listen, ':') - o.listen), o.listen, server_port(srv));
	fflush(stdout);
	int sig = 0;
	sigwait(&stop, &sig);
	printf("Stopping (signal %d)...\n", sig);
	server_stop(srv);
	mailer_stop();
	jobs_free(jobs);
	store_close(s);
	views_shutdown();
	printf("Stopped.\n");
	return 0;
}

/* passerelle digest [--db PATH]: prepare today's digest now (if not done
 * today) and send every mail waiting in the outbox. */
static int cmd_digest(int argc, char **argv)
{
	struct options o;
	int rc = parse_options(argc, argv, 0, &o);
	if (rc)
		return rc;
	char err[300];
	/* The digests speak each account's language. */
	if (views_init(err, sizeof(err)) != 0) {
		fprintf(stderr, "passerelle: %s\n", err);
		return 1;
	}
	struct store *s = open_store(o.db, 0);
	if (!s) {
		views_shutdown();
		return 1;
	}
	size_t queued, sent, failed;
	rc = mailer_run_once(s, 1, &queued, &sent, &failed);
	if (rc != 0) {
		struct arena a = ARENA_INIT;
		struct outbox_mail *waiting;
		size_t nwaiting = 0;
		store_outbox_pending(s, &a, 1000, 100000, &waiting, &nwaiting);
		fprintf(stderr, "passerelle: no SMTP server configured (PASSERELLE_SMTP_URL); mails waiting in the outbox: %zu\n",
			nwaiting);
		arena_release(&a);
	} else
		printf("Digest: %zu mails prepared; %zu sent, %zu failed.\n", queued, sent, failed);
	store_close(s);
	views_shutdown();
	return rc != 0 || failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("passerelle %s\n", PASSERELLE_VERSION);
		return 0;
	}
	if (strcmp(cmd, "routes") == 0) {
		size_t n;
		const struct route *routes = router_routes(&n);
		for (size_t i = 0; i < n; i++)
			printf("%s\t%s\t%s\n", routes[i].method, routes[i].pattern, router_perm_name(routes[i].perm));
		return 0;
	}
	if (text_init() != 0 || crypto_init() != 0)
		return 1;
	xlsx_init();
	int rc;
	if (strcmp(cmd, "serve") == 0) {
		rc = cmd_serve(argc, argv);
	} else if (strcmp(cmd, "init") == 0) {
		rc = cmd_init(argc, argv);
	} else if (strcmp(cmd, "user") == 0) {
		rc = cli_user(argc - 1, argv + 1);
	} else if (strcmp(cmd, "import") == 0) {
		rc = cli_import(argc - 1, argv + 1);
	} else if (strcmp(cmd, "export") == 0) {
		rc = cli_export(argc - 1, argv + 1);
	} else if (strcmp(cmd, "digest") == 0) {
		rc = cmd_digest(argc, argv);
	} else if (strcmp(cmd, "audit") == 0) {
		rc = cli_audit(argc - 1, argv + 1);
	} else {
		fprintf(stderr, "passerelle: unknown command \"%s\"\n%s", cmd, usage);
		rc = 2;
	}
	text_shutdown();
	return rc;
}
