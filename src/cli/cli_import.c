/*
 * cli_import.c - `passerelle import` and `passerelle export`: the same
 * import and export as the web pages, from the command line, with a
 * progress line on standard error.
 *
 *   passerelle import FILE --kind organizations|people [--mapping FILE.json] [--encoding E] [--separator ;|,|tab]
 *                     [--sheet N] [--dry-run] [--on-duplicate skip|update|create] [--skip-invalid] [--db PATH]
 *   passerelle export --kind organizations|people --format csv|xlsx|json|geojson|vcard [--output FILE]
 *                     [--q TEXT] [--filter FIELD=VALUE]... [--lang fr|en|es] [--db PATH]
 */
#include "cli/cli.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/import.h"
#include "io/encoding.h"
#include "io/export.h"
#include "store/store.h"
#include "web/views.h"

#define DEFAULT_DB "./var/passerelle.db"

static char *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, size);
}

struct ticker {
	struct job_progress *p;
	volatile int stop;
};

/* A progress line every half second while the import runs. */
static void *tick(void *arg)
{
	struct ticker *t = arg;
	while (!t->stop) {
		fprintf(stderr, "\r%lld rows", (long long)atomic_load(&t->p->done));
		usleep(500000);
	}
	fprintf(stderr, "\r%lld rows\n", (long long)atomic_load(&t->p->done));
	return NULL;
}

static const char import_usage[] =
	"usage: passerelle import FILE --kind organizations|people [--mapping FILE.json] [--encoding E]\n"
	"         [--separator ';'|','|tab] [--sheet N] [--dry-run] [--on-duplicate skip|update|create] [--skip-invalid] [--db PATH]\n";

int cli_import(int argc, char **argv)
{
	const char *file = NULL, *kind = NULL, *mapping_path = NULL, *encoding = NULL, *separator = NULL, *db = DEFAULT_DB,
		   *on_dup = NULL;
	int sheet = 0, dry_run = 0, skip_invalid = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = strcmp(a, "--kind") == 0 ? &kind : strcmp(a, "--mapping") == 0 ? &mapping_path
				  : strcmp(a, "--encoding") == 0 ? &encoding : strcmp(a, "--separator") == 0 ? &separator
				  : strcmp(a, "--db") == 0 ? &db : strcmp(a, "--on-duplicate") == 0 ? &on_dup : NULL;
		if (slot || strcmp(a, "--sheet") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "passerelle: %s needs a value\n", a);
				return 2;
			}
			if (slot)
				*slot = argv[++i];
			else
				sheet = atoi(argv[++i]) - 1;
		} else if (strcmp(a, "--dry-run") == 0) {
			dry_run = 1;
		} else if (strcmp(a, "--skip-invalid") == 0) {
			skip_invalid = 1;
		} else if (a[0] != '-' && !file) {
			file = a;
		} else {
			fprintf(stderr, "passerelle: unknown option \"%s\"\n%s", a, import_usage);
			return 2;
		}
	}
	const struct kind *k = kind ? model_kind_by_plural(kind) : NULL;
	if (!file || !k || (k != &model_organization && k != &model_person) || sheet < 0) {
		fputs(import_usage, stderr);
		return 2;
	}
	size_t size;
	char *data = read_file(file, &size);
	if (!data) {
		fprintf(stderr, "passerelle: cannot read %s\n", file);
		return 1;
	}
	struct store *s = cli_open_store(db, 0);
	if (!s) {
		free(data);
		return 1;
	}
	struct arena a = ARENA_INIT;
	int rc = 1;
	char err[300];
	/* Enumeration labels are recognised in every language of the interface. */
	if (views_init(err, sizeof(err)) != 0) {
		fprintf(stderr, "passerelle: %s\n", err);
		goto out;
	}
	const char *format, *detected;
	char sep;
	import_detect(data, size, &format, &detected, &sep);
	if (separator)
		sep = strcmp(separator, "tab") == 0 ? '\t' : separator[0];
	enum text_encoding e;
	if (encoding && encoding_parse(encoding, &e) != 0) {
		fprintf(stderr, "passerelle: unknown encoding %s\n", encoding);
		goto out;
	}
	const char *enc = encoding ? encoding_name(e) : detected;
	struct import_table *t = import_table_open(data, size, format, enc, sep, sheet, err, sizeof(err));
	const char *const *cells;
	size_t count;
	if (!t || import_table_next(t, &cells, &count) != 1) {
		fprintf(stderr, "passerelle: %s: %s\n", file, t ? (import_table_error(t)[0] ? import_table_error(t) : "no heading row") : err);
		import_table_close(t);
		goto out;
	}
	struct import_mapping *m = import_suggest(&a, k, cells, count);
	import_table_close(t);
	if (mapping_path) {
		size_t msize;
		char *json = read_file(mapping_path, &msize);
		m = json ? import_mapping_parse(&a, json, err, sizeof(err)) : NULL;
		free(json);
		if (!m || m->kind != k) {
			fprintf(stderr, "passerelle: %s: %s\n", mapping_path, m ? "the mapping is for another kind" : err);
			goto out;
		}
	}
	if (on_dup && strcmp(on_dup, "skip") && strcmp(on_dup, "update") && strcmp(on_dup, "create")) {
		fprintf(stderr, "passerelle: --on-duplicate takes skip, update or create, not \"%s\"\n", on_dup);
		rc = 2;
		goto out;
	}
	if (on_dup)
		m->on_duplicate = import_action(on_dup);
	m->skip_invalid = skip_invalid;
	struct viewer v = store_system_viewer("cli");
	char sepstr[2] = {sep, 0};
	int64_t id;
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	if (import_batch_create(s, &v, k->plural, base, data, size, format, enc, sep ? sepstr : NULL, &id) != STORE_OK) {
		fprintf(stderr, "passerelle: cannot record the import\n");
		goto out;
	}
	struct import_batch b;
	if (import_batch_get(s, &a, id, &b) == STORE_OK) {
		b.sheet = sheet;
		b.mapping = import_mapping_json(&a, m);
		import_batch_save(s, &b);
	}
	fprintf(stderr, "Import %lld: %s (%s%s%s)\n", (long long)id, base, format, enc ? ", " : "", enc ? enc : "");
	for (size_t c = 0; c < m->ncolumns; c++)
		fprintf(stderr, "  column %zu -> %s\n", c + 1, m->columns[c].field >= 0 ? k->fields[m->columns[c].field].name : "(ignored)");
	struct job_progress progress = {0};
	struct ticker ticker = {&progress, 0};
	pthread_t th;
	int ticking = isatty(2) && pthread_create(&th, NULL, tick, &ticker) == 0;
	int run = import_run(s, &v, id, dry_run, &progress);
	if (ticking) {
		ticker.stop = 1;
		pthread_join(th, NULL);
	}
	if (import_batch_get(s, &a, id, &b) != STORE_OK)
		goto out;
	printf("%lld rows, %lld with problems, %lld probable duplicates", (long long)b.rows_total, (long long)b.rows_invalid,
	       (long long)b.rows_duplicate);
	if (!dry_run)
		printf("; %lld created, %lld updated, %lld skipped", (long long)b.created, (long long)b.updated, (long long)b.skipped);
	printf("\n");
	if (b.report && (b.rows_invalid || dry_run))
		printf("Report: %s\n", b.report);
	if (b.message)
		fprintf(stderr, "passerelle: %s\n", b.message);
	rc = run == STORE_OK ? 0 : 1;
out:
	views_shutdown();
	arena_release(&a);
	free(data);
	store_close(s);
	return rc;
}

static const char export_usage[] =
	"usage: passerelle export --kind organizations|people|positions|relationships --format csv|xlsx|json|geojson|vcard\n"
	"         [--output FILE] [--q TEXT] [--filter FIELD=VALUE]... [--lang fr|en|es] [--separator ';'|','] [--db PATH]\n";

int cli_export(int argc, char **argv)
{
	const char *kind = NULL, *fname = "csv", *output = NULL, *q = NULL, *lang = "fr", *db = DEFAULT_DB, *separator = ";";
	const char *filters[STORE_MAX_FILTERS];
	size_t nfilters = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = strcmp(a, "--kind") == 0 ? &kind : strcmp(a, "--format") == 0 ? &fname
				  : strcmp(a, "--output") == 0 ? &output : strcmp(a, "--q") == 0 ? &q
				  : strcmp(a, "--lang") == 0 ? &lang : strcmp(a, "--db") == 0 ? &db
				  : strcmp(a, "--separator") == 0 ? &separator : NULL;
		if ((slot || strcmp(a, "--filter") == 0) && i + 1 < argc) {
			if (slot)
				*slot = argv[++i];
			else if (nfilters < STORE_MAX_FILTERS)
				filters[nfilters++] = argv[++i];
		} else {
			fputs(export_usage, stderr);
			return 2;
		}
	}
	const struct kind *k = kind ? model_kind_by_plural(kind) : NULL;
	enum export_format format;
	enum i18n_lang l;
	if (!k || k->access != ACCESS_DIRECTORY || export_parse_format(fname, &format) != 0 || i18n_parse_code(lang, &l) != 0) {
		fputs(export_usage, stderr);
		return 2;
	}
	if (format == EXPORT_VCARD && k != &model_person) {
		fprintf(stderr, "passerelle: only people can be exported as contact cards (vCard)\n");
		return 2;
	}
	struct store *s = cli_open_store(db, 0);
	if (!s)
		return 1;
	char err[300];
	if (views_init(err, sizeof(err)) != 0) {
		fprintf(stderr, "passerelle: %s\n", err);
		store_close(s);
		return 1;
	}
	struct request r;
	memset(&r, 0, sizeof(r));
	r.store = s;
	r.lang = l;
	r.viewer = store_system_viewer("cli");
	struct store_query query = {.q = q};
	for (size_t i = 0; i < nfilters; i++) {
		char *eq = strchr(filters[i], '=');
		if (!eq) {
			fputs(export_usage, stderr);
			views_shutdown();
			store_close(s);
			return 2;
		}
		query.filters[query.nfilters++] = (struct store_filter){arena_strndup(&r.arena, filters[i], (size_t)(eq - filters[i])), eq + 1};
	}
	struct export_options o = {.separator = strcmp(separator, "tab") == 0 ? '\t' : separator[0], .bom = 1, .french_dates = l == LANG_FR};
	const char *path = output ? output : arena_printf(&r.arena, "%s.%s", k->plural, export_extension(format));
	size_t rows = 0;
	int rc = export_records(&r, k, &query, format, &o, path, &rows, err, sizeof(err));
	if (rc == STORE_OK)
		fprintf(stderr, "%zu rows written to %s\n", rows, path);
	else
		fprintf(stderr, "passerelle: %s\n", err);
	arena_release(&r.arena);
	views_shutdown();
	store_close(s);
	return rc == STORE_OK ? 0 : 1;
}
