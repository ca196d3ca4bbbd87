/*
 * query.c - lists with filters and keyset pagination, and full-text search
 * across kinds.
 *
 * Order: by relevance (exact name or acronym, then names that begin with
 * the words, then names that hold them, then other text) when
 * there is search text, then by the French collation key of the title,
 * then by id.  Without search text, the kinds that are dated
 * (model_list_date: meetings, notes, documents, follow-ups) list newest
 * first instead, then by id descending.  The cursor of the next page
 * carries the last row's sort values ("rank~sortkey~id", the sort key
 * being the date for those), so a page costs the same whether it is the
 * first or the thousandth.  The search text is folded and turned into
 * quoted prefix terms (text_fts_query): user input never reaches FTS5 as
 * syntax.
 */
#include "store/store_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "model/check.h"

/* How many full-text matches a search considers, per kind and per tier.
 * Ranking every match of a short prefix in a million records ("de", a
 * million matches) would take a second: bm25() reads every match whatever
 * the LIMIT (bench/NOTES.md).  The first matches in index order cost a
 * fraction of a millisecond, and the records that carry exactly what was
 * typed as a name or an acronym are always found, by index. */
#define SEARCH_CANDIDATES 200

/* The candidates of a search among records of kind k, as rows (rid, rank),
 * rid being the search rowid and rank a tier: 0 for a record one of whose
 * names or acronyms is exactly what was typed ("eclac" gives the
 * Commission, not every record that mentions it), 1 when the words are in
 * its names, 2 when they are elsewhere (address, description, emails).
 * Within a tier, pages are in French alphabetical order.  pm: the MATCH
 * expression; pn: the same restricted to names; pf: the folded text,
 * and pf + 1 the first text after every text beginning with it. */
static void candidates_sql(struct buf *sql, const struct kind *k, int pm, int pn, int pf)
{
	long long base = (long long)k->index << SEARCH_ROWID_SHIFT;
	long long top = base + ((long long)1 << SEARCH_ROWID_SHIFT) - 1;
	buf_printf(sql, "(SELECT rid, min(rank) AS rank FROM ("
			" SELECT %lld + id AS rid, 0.0 AS rank FROM %s WHERE name_key = ?%d",
		   base, k->name, pf);
	if (model_field(k, "names"))
		buf_printf(sql, " UNION ALL SELECT %lld + record_id, 0.0 FROM record_value"
				" WHERE kind = '%s' AND field = 'names' AND folded = ?%d", base, k->name, pf);
	/* Names that begin with what was typed come next ("societe" finds
	 * "Société coopérative…" before "Æquo — Société…"). */
	buf_printf(sql, " UNION ALL SELECT * FROM (SELECT %lld + id, 0.5 FROM %s WHERE name_key >= ?%d AND name_key < ?%d LIMIT %d)",
		   base, k->name, pf, pf + 1, SEARCH_CANDIDATES);
	if (model_field(k, "names"))
		buf_printf(sql, " UNION ALL SELECT * FROM (SELECT %lld + record_id, 0.5 FROM record_value WHERE kind = '%s'"
				" AND field = 'names' AND folded >= ?%d AND folded < ?%d LIMIT %d)",
			   base, k->name, pf, pf + 1, SEARCH_CANDIDATES);
	buf_printf(sql, " UNION ALL SELECT * FROM (SELECT rowid, 1.0 FROM search_index WHERE search_index MATCH ?%d"
			" AND rowid BETWEEN %lld AND %lld LIMIT %d)"
			" UNION ALL SELECT * FROM (SELECT rowid, 2.0 FROM search_index WHERE search_index MATCH ?%d"
			" AND rowid BETWEEN %lld AND %lld LIMIT %d)"
			") GROUP BY rid)",
		   pn, base, top, SEARCH_CANDIDATES, pm, base, top, SEARCH_CANDIDATES);
}

struct cursor {
	int has_rank;
	double rank;
	const char *sort_key;
	int64_t id;
};

/* Parse "sortkey~id" or "rank~sortkey~id"; 0 on success. */
static int cursor_parse(struct arena *a, const char *text, int with_rank, struct cursor *c)
{
	memset(c, 0, sizeof(*c));
	char *copy = arena_strdup(a, text);
	char *parts[3];
	int n = 0;
	for (char *p = copy, *tok; n < 3 && (tok = strsep(&p, "~")) != NULL;)
		parts[n++] = tok;
	if (n != (with_rank ? 3 : 2) || strchr(text, '~') == NULL)
		return -1;
	int i = 0;
	if (with_rank) {
		char *end;
		errno = 0;
		c->rank = strtod(parts[i], &end);
		if (*end || errno || !isfinite(c->rank) || !*parts[i])
			return -1;
		c->has_rank = 1;
		i++;
	}
	/* A collation key in hexadecimal, or a date ("2026-11-21T09:30"). */
	for (const char *p = parts[i]; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || *p == '-' || *p == 'T' || *p == ':'))
			return -1;
	c->sort_key = parts[i++];
	char *end;
	errno = 0;
	long long id = strtoll(parts[i], &end, 10);
	if (*end || errno || id <= 0 || !*parts[i])
		return -1;
	c->id = id;
	return 0;
}

/* Append the SQL of one filter, its value a new parameter. */
static int filter_sql(struct store *s, struct arena *a, const struct kind *k, const struct store_filter *flt,
		      struct buf *sql, struct sql_params *params, struct field_errors *errors)
{
	const struct field *by_date = model_list_date(k);
	int from = strcmp(flt->field, "from") == 0, until = strcmp(flt->field, "until") == 0;
	if (by_date && (from || until)) {
		/* A day, whether the date has a time or not: "2026-10-31T18:00"
		 * sorts before "2026-10-31T99", after "2026-10-31". */
		const char *day = store_french_date(a, flt->value);
		if (!check_date(day)) {
			field_errors_add(errors, flt->field, N_("Not a date (YYYY-MM-DD or DD/MM/YYYY)."), flt->value);
			return -1;
		}
		buf_printf(sql, " AND t.%s %s ?%d", by_date->name, from ? ">=" : "<=",
			   sql_param(params, from ? day : arena_printf(a, "%sT99", day)));
		return 0;
	}
	const struct field *f = model_field(k, flt->field);
	if (!f || !(f->flags & F_FILTER)) {
		field_errors_add(errors, flt->field, N_("Unknown filter."), NULL);
		return -1;
	}
	const char *value = flt->value;
	if (f->type == FT_BOOL) {
		const char *b = check_bool(value);
		value = !b ? NULL : strcmp(b, "true") == 0 ? "1" : "0";
		if (!value) {
			field_errors_add(errors, f->name, N_("Answer yes or no."), flt->value);
			return -1;
		}
	} else if (f->type == FT_ENUM && !model_enum_value(f->enumeration, value)) {
		field_errors_add(errors, f->name, N_("Unknown value: {}."), value);
		return -1;
	} else if (f->type == FT_CODE) {
		int ambiguous = 0;
		const struct ref_item *it = store_ref_resolve(s, a, f->ref, value, &ambiguous);
		if (!it) {
			field_errors_add(errors, f->name, ambiguous ? N_("Several match \"{}\": give the code.")
							    : N_("Unknown code or name: {}."), value);
			return -1;
		}
		value = it->code;
	} else if (f->type == FT_REF) {
		char *end;
		errno = 0;
		long long id = strtoll(value, &end, 10);
		if (*end || errno || id <= 0) {
			field_errors_add(errors, f->name, N_("No such record: {}."), value);
			return -1;
		}
	}
	int p = sql_param(params, value);
	if ((f->flags & F_MULTI) && (f->type == FT_TEXT || f->type == FT_LONGTEXT)) {
		/* Free text lists (tags): case and accents ignored. */
		params->items[p].text = text_fold(a, value);
		buf_printf(sql, " AND EXISTS (SELECT 1 FROM record_value v WHERE v.kind = '%s' AND v.field = '%s'"
				" AND v.folded = ?%d AND v.record_id = t.id)", k->name, f->name, p);
	} else if (f->flags & F_MULTI) {
		buf_printf(sql, " AND EXISTS (SELECT 1 FROM record_value v WHERE v.kind = '%s' AND v.field = '%s'"
				" AND v.value = ?%d AND v.record_id = t.id)", k->name, f->name, p);
	} else if (f->type == FT_CODE && strcmp(f->ref, "territory") == 0) {
		/* A country includes its regions: FR includes FR-NAQ.  A territory
		 * without regions stays one equality, which the (territory,
		 * sort_key, id) index answers in order. */
		size_t n;
		const struct ref_item *items = store_ref_items(s, "territory", &n);
		buf_printf(sql, " AND t.%s IN (?%d", f->name, p);
		for (size_t i = 0; i < n; i++) {
			if (!items[i].parent || strcmp(items[i].parent, value) != 0 || params->count >= 100)
				continue;
			buf_printf(sql, ", ?%d", sql_param(params, items[i].code));
		}
		buf_puts(sql, ")");
	} else {
		buf_printf(sql, " AND t.%s = ?%d", f->name, p);
	}
	return 0;
}

int store_list(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k,
	       const struct store_query *q, struct store_page *out, struct field_errors *errors)
{
	memset(out, 0, sizeof(*out));
	struct db *db = store_reader(s);
	if (!db)
		return STORE_ERROR;
	int limit = q->limit ? q->limit : 50;
	if (limit < 1 || limit > STORE_MAX_LIMIT) {
		field_errors_add(errors, "limit", N_("Out of range ({})."), arena_printf(a, "1..%d", STORE_MAX_LIMIT));
		return STORE_INVALID;
	}
	const char *match = NULL;
	if (q->q && *q->q) {
		if (!k->searchable) {
			field_errors_add(errors, "q", N_("This list cannot be searched."), NULL);
			return STORE_INVALID;
		}
		match = text_fts_query(a, q->q);
	}
	struct cursor cur = {0};
	if (q->after && *q->after && cursor_parse(a, q->after, match != NULL, &cur) != 0) {
		field_errors_add(errors, "after", N_("Not a valid page cursor."), NULL);
		return STORE_INVALID;
	}
	if (!permission_allows(v ? v->role : ROLE_ANONYMOUS, k, ACT_READ) ||
	    (q->deleted && !permission_allows(v ? v->role : ROLE_ANONYMOUS, k, ACT_DELETE)))
		return STORE_FORBIDDEN; /* the bin is for those who may put records in it */
	struct sql_params *params = arena_alloc(a, sizeof(*params));
	struct buf sql = BUF_INIT, where = BUF_INIT;
	buf_printf(&where, " WHERE t.deleted_at IS %s", q->deleted ? "NOT NULL" : "NULL");
	store_visibility_sql(v, k, "t", &where, params, a);
	int rc = STORE_OK;
	for (size_t i = 0; i < q->nfilters && rc == STORE_OK; i++)
		if (filter_sql(s, a, k, &q->filters[i], &where, params, errors) != 0)
			rc = STORE_INVALID;
	if (rc != STORE_OK)
		goto out;
	if (q->q && *q->q && !match) {
		/* Nothing searchable in the text (only punctuation): no hit. */
		goto out;
	}
	int64_t base = (int64_t)k->index << SEARCH_ROWID_SHIFT;
	const struct field *by_date = model_list_date(k);
	out->by_relevance = match != NULL;
	out->by_date = match ? NULL : by_date;
	if (match) {
		int pm = sql_param(params, match);
		int pn = sql_param(params, arena_printf(a, "{names} : (%s)", match));
		int pf = sql_param(params, text_fold(a, q->q));
		sql_param(params, arena_printf(a, "%s\xef\xbf\xbf", text_fold(a, q->q)));
		buf_printf(&sql, "SELECT * FROM (SELECT %s, c.rank AS rank, t.sort_key AS sk FROM ", s->sql[k->index].columns);
		candidates_sql(&sql, k, pm, pn, pf);
		buf_printf(&sql, " c JOIN %s t ON t.id = c.rid - %lld%s) x", k->name, (long long)base, buf_str(&where));
		if (cur.id) {
			int pr = sql_param_number(params, cur.rank);
			int ps = sql_param(params, cur.sort_key);
			int pi = sql_param(params, arena_printf(a, "%lld", (long long)cur.id));
			buf_printf(&sql, " WHERE (x.rank > ?%d OR (x.rank = ?%d AND (x.sk > ?%d OR (x.sk = ?%d AND x.id > ?%d))))",
				   pr, pr, ps, ps, pi);
		}
		buf_printf(&sql, " ORDER BY x.rank, x.sk, x.id LIMIT %d", limit + 1);
	} else if (by_date) {
		buf_printf(&sql, "SELECT %s, 0.0 AS rank, t.%s AS sk FROM %s t%s", s->sql[k->index].columns, by_date->name,
			   k->name, buf_str(&where));
		if (cur.id) {
			int pd = sql_param(params, cur.sort_key);
			int pi = sql_param(params, arena_printf(a, "%lld", (long long)cur.id));
			buf_printf(&sql, " AND (t.%s < ?%d OR (t.%s = ?%d AND t.id < ?%d))", by_date->name, pd, by_date->name, pd,
				   pi);
		}
		buf_printf(&sql, " ORDER BY t.%s DESC, t.id DESC LIMIT %d", by_date->name, limit + 1);
	} else {
		buf_printf(&sql, "SELECT %s, 0.0 AS rank, t.sort_key AS sk FROM %s t%s", s->sql[k->index].columns, k->name,
			   buf_str(&where));
		if (cur.id) {
			int ps = sql_param(params, cur.sort_key);
			int pi = sql_param(params, arena_printf(a, "%lld", (long long)cur.id));
			buf_printf(&sql, " AND (t.sort_key > ?%d OR (t.sort_key = ?%d AND t.id > ?%d))", ps, ps, pi);
		}
		buf_printf(&sql, " ORDER BY t.sort_key, t.id LIMIT %d", limit + 1);
	}
	struct db_stmt *st = db_prepare(db, buf_str(&sql));
	if (!st) {
		fprintf(stderr, "passerelle: list %s: %s\n", k->name, db_errmsg(db));
		rc = STORE_ERROR;
		goto out;
	}
	sql_bind(st, params);
	out->items = arena_alloc(a, (size_t)(limit + 1) * sizeof(*out->items));
	int step;
	int ncols = s->sql[k->index].nscalar + 4;
	double last_rank = 0;
	const char *last_sk = NULL;
	while ((step = db_step(st)) == DB_ROW) {
		if (out->count == (size_t)limit) {
			out->next = match ? arena_printf(a, "%.17g~%s~%lld", last_rank, last_sk,
							 (long long)out->items[out->count - 1]->id)
					  : arena_printf(a, "%s~%lld", last_sk, (long long)out->items[out->count - 1]->id);
			break;
		}
		struct record *r = record_new(a, k);
		store_row_to_record(s, st, r);
		last_rank = db_column_double(st, ncols);
		last_sk = arena_strdup(a, db_column_text(st, ncols + 1));
		out->items[out->count++] = r;
	}
	db_stmt_done(st);
	if (step != DB_ROW && step != DB_DONE) {
		fprintf(stderr, "passerelle: list %s: %s\n", k->name, db_errmsg(db));
		rc = STORE_ERROR;
		goto out;
	}
	for (size_t i = 0; i < out->count; i++) {
		if (store_load_multi(db, out->items[i]) != STORE_OK)
			rc = STORE_ERROR;
		store_redact(db, v, out->items[i]);
	}
out:
	buf_release(&sql);
	buf_release(&where);
	return rc;
}

/* A short line under a search hit: an organisation's acronyms, a person's
 * current position. */
static const char *hit_subtitle(struct store *s, struct arena *a, const struct viewer *v, struct record *r)
{
	struct buf b = BUF_INIT;
	if (r->kind == &model_organization) {
		int i = model_field_index(r->kind, "names");
		for (size_t j = 0; j < r->values[i].count; j++) {
			const struct value *name = &r->values[i].items[j];
			int seen = 0;
			for (size_t k = 0; k < j && !seen; k++)
				seen = r->values[i].items[k].acronym && strcmp(r->values[i].items[k].text, name->text) == 0;
			if (name->acronym && !seen)
				buf_printf(&b, "%s%s", b.len ? " · " : "", name->text);
		}
	} else if (r->kind == &model_person) {
		struct store_query q = {.limit = 5};
		q.filters[0] = (struct store_filter){"person", arena_printf(a, "%lld", (long long)r->id)};
		q.nfilters = 1;
		struct store_page page;
		struct field_errors errors;
		field_errors_init(&errors, a);
		if (store_list(s, a, v, &model_position, &q, &page, &errors) == STORE_OK) {
			for (size_t j = 0; j < page.count && !b.len; j++) {
				struct record *p = page.items[j];
				if (record_get_by_name(p, "end_date"))
					continue;
				const char *org = store_title(s, a, v, &model_organization,
							      strtoll(record_get_by_name(p, "organization"), NULL, 10));
				const char *title = record_get_by_name(p, "title");
				if (org)
					buf_printf(&b, "%s%s%s", title ? title : "", title ? ", " : "", org);
			}
		}
	}
	const char *out = b.len ? arena_strdup(a, buf_str(&b)) : NULL;
	buf_release(&b);
	return out;
}

int store_search(struct store *s, struct arena *a, const struct viewer *v, const char *text, int limit,
		 const char *after, struct search_hit **hits, size_t *count, const char **next,
		 struct field_errors *errors)
{
	*hits = NULL;
	*count = 0;
	*next = NULL;
	if (limit < 1 || limit > STORE_MAX_LIMIT) {
		field_errors_add(errors, "limit", N_("Out of range ({})."), arena_printf(a, "1..%d", STORE_MAX_LIMIT));
		return STORE_INVALID;
	}
	const char *match = text_fts_query(a, text ? text : "");
	if (!match)
		return STORE_OK;
	struct cursor cur = {0};
	/* The mixed cursor is "rank~sortkey~kindindex.id" folded into one id:
	 * kind index * 2^40 + id, which is the search rowid. */
	if (after && *after && cursor_parse(a, after, 1, &cur) != 0) {
		field_errors_add(errors, "after", N_("Not a valid page cursor."), NULL);
		return STORE_INVALID;
	}
	struct db *db = store_reader(s);
	if (!db)
		return STORE_ERROR;
	struct buf sql = BUF_INIT;
	struct sql_params *params = arena_alloc(a, sizeof(*params));
	int pm = sql_param(params, match);
	int pn = sql_param(params, arena_printf(a, "{names} : (%s)", match));
	int pf = sql_param(params, text_fold(a, text));
	sql_param(params, arena_printf(a, "%s\xef\xbf\xbf", text_fold(a, text)));
	buf_puts(&sql, "SELECT rid, rank, sk FROM (");
	size_t nk;
	const struct kind *const *kinds = model_kinds(&nk);
	int first = 1;
	for (size_t i = 0; i < nk; i++) {
		const struct kind *k = kinds[i];
		/* The search box finds the directory; accounts and teams are
		 * found in their own lists. */
		if (!k->searchable || k->access != ACCESS_DIRECTORY || !permission_allows(v ? v->role : ROLE_ANONYMOUS, k, ACT_READ))
			continue;
		int64_t base = (int64_t)k->index << SEARCH_ROWID_SHIFT;
		buf_printf(&sql, "%sSELECT c.rid AS rid, c.rank AS rank, t.sort_key AS sk FROM ", first ? "" : " UNION ALL ");
		candidates_sql(&sql, k, pm, pn, pf);
		buf_printf(&sql, " c JOIN %s t ON t.id = c.rid - %lld WHERE t.deleted_at IS NULL", k->name, (long long)base);
		store_visibility_sql(v, k, "t", &sql, params, a);
		first = 0;
	}
	if (first) {
		buf_release(&sql);
		return STORE_OK;
	}
	buf_puts(&sql, ") x");
	if (cur.id) {
		int pr = sql_param_number(params, cur.rank);
		int ps = sql_param(params, cur.sort_key);
		int pi = sql_param(params, arena_printf(a, "%lld", (long long)cur.id));
		buf_printf(&sql, " WHERE (x.rank > ?%d OR (x.rank = ?%d AND (x.sk > ?%d OR (x.sk = ?%d AND x.rid > ?%d))))",
			   pr, pr, ps, ps, pi);
	}
	buf_printf(&sql, " ORDER BY x.rank, x.sk, x.rid LIMIT %d", limit + 1);
	struct db_stmt *st = db_prepare(db, buf_str(&sql));
	buf_release(&sql);
	if (!st) {
		fprintf(stderr, "passerelle: search: %s\n", db_errmsg(db));
		return STORE_ERROR;
	}
	sql_bind(st, params);
	struct {
		int64_t rid;
		double rank;
		const char *sk;
	} rows[STORE_MAX_LIMIT + 1];
	size_t n = 0;
	int step;
	while ((step = db_step(st)) == DB_ROW && n < (size_t)limit + 1) {
		rows[n].rid = db_column_int(st, 0);
		rows[n].rank = db_column_double(st, 1);
		rows[n].sk = arena_strdup(a, db_column_text(st, 2));
		n++;
	}
	db_stmt_done(st);
	if (step != DB_ROW && step != DB_DONE)
		return STORE_ERROR;
	if (n > (size_t)limit) {
		n = (size_t)limit;
		*next = arena_printf(a, "%.17g~%s~%lld", rows[n - 1].rank, rows[n - 1].sk, (long long)rows[n - 1].rid);
	}
	*hits = arena_alloc(a, (n ? n : 1) * sizeof(**hits));
	for (size_t i = 0; i < n; i++) {
		const struct kind *k = kinds[rows[i].rid >> SEARCH_ROWID_SHIFT];
		int64_t id = rows[i].rid & (((int64_t)1 << SEARCH_ROWID_SHIFT) - 1);
		struct record *r;
		if (store_read_record(s, db, a, v, k, id, 0, &r) != STORE_OK)
			continue;
		struct search_hit *h = &(*hits)[(*count)++];
		h->kind = k;
		h->id = id;
		h->title = record_title(r);
		h->subtitle = hit_subtitle(s, a, v, r);
	}
	return STORE_OK;
}
