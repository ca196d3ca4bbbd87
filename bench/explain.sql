-- bench/explain.sql - the plans and timings behind bench/NOTES.md, on the
-- benchmark database, read-only:
--
--   sqlite3 -readonly bench/work/bench.db < bench/explain.sql
--
-- The statements are those src/store/query.c builds (commit d95f4f0) for an
-- anonymous visitor, with the parameters written in; then the bounded
-- alternatives NOTES.md proposes.  Times are those of the sqlite3 shell,
-- whose page cache (2 MB) is the server's too.
.timer on
.headers off

SELECT '== how many records a type-ahead prefix matches';
SELECT 'de*', count(*) FROM search_index WHERE search_index MATCH '"de"*';
SELECT 'sain*', count(*) FROM search_index WHERE search_index MATCH '"sain"*';
SELECT 'saint* martin*', count(*) FROM search_index WHERE search_index MATCH '"saint"* "martin"*';

SELECT '== (a) store_search, as today: bm25 and the exact-key test over every match, joined, sorted';
EXPLAIN QUERY PLAN
SELECT rid, rank, sk FROM (
  SELECT search_index.rowid AS rid, bm25(search_index, 10.0, 1.0, 0.0) - CASE WHEN instr(' ' || search_index.keys || ' ', ' sain ') > 0 THEN 1000.0 ELSE 0.0 END AS rank, t.sort_key AS sk
  FROM search_index JOIN organization t ON t.id = search_index.rowid - 0
  WHERE search_index MATCH '"sain"*' AND search_index.rowid BETWEEN 0 AND 1099511627775 AND t.deleted_at IS NULL AND t.visibility = 'public'
  UNION ALL
  SELECT search_index.rowid AS rid, bm25(search_index, 10.0, 1.0, 0.0) - CASE WHEN instr(' ' || search_index.keys || ' ', ' sain ') > 0 THEN 1000.0 ELSE 0.0 END AS rank, t.sort_key AS sk
  FROM search_index JOIN person t ON t.id = search_index.rowid - 1099511627776
  WHERE search_index MATCH '"sain"*' AND search_index.rowid BETWEEN 1099511627776 AND 2199023255551 AND t.deleted_at IS NULL AND t.visibility = 'public'
) x ORDER BY x.rank, x.sk, x.rid LIMIT 11;
SELECT count(*) FROM (
  SELECT search_index.rowid AS rid, bm25(search_index, 10.0, 1.0, 0.0) - CASE WHEN instr(' ' || search_index.keys || ' ', ' sain ') > 0 THEN 1000.0 ELSE 0.0 END AS rank, t.sort_key AS sk
  FROM search_index JOIN organization t ON t.id = search_index.rowid - 0
  WHERE search_index MATCH '"sain"*' AND search_index.rowid BETWEEN 0 AND 1099511627775 AND t.deleted_at IS NULL AND t.visibility = 'public'
  UNION ALL
  SELECT search_index.rowid AS rid, bm25(search_index, 10.0, 1.0, 0.0) - CASE WHEN instr(' ' || search_index.keys || ' ', ' sain ') > 0 THEN 1000.0 ELSE 0.0 END AS rank, t.sort_key AS sk
  FROM search_index JOIN person t ON t.id = search_index.rowid - 1099511627776
  WHERE search_index MATCH '"sain"*' AND search_index.rowid BETWEEN 1099511627776 AND 2199023255551 AND t.deleted_at IS NULL AND t.visibility = 'public'
) x ORDER BY x.rank, x.sk, x.rid LIMIT 11;

SELECT '== the parts of that cost: bm25 alone (its IDF scans every match), then the rows alone';
SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH '"de"*' LIMIT 200);
SELECT count(*) FROM (SELECT rowid, bm25(search_index) FROM search_index WHERE search_index MATCH '"de"*' LIMIT 200);
SELECT count(*) FROM (SELECT rowid, keys FROM search_index WHERE search_index MATCH '"de"*' LIMIT 200);

SELECT '== prefixes longer than the prefix index (1, 2, 3) are merged in memory before the first row';
SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH '"sai"*' LIMIT 200);
SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH '"sain"*' LIMIT 200);
SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH '"saint" OR "sainte"' LIMIT 200);

SELECT '== (a) bounded alternative: at most 200 candidates per kind and tier, no bm25, the page sorted by tier then title,'
  || ' the last word expanded to its completions ("sain" -> "saint" OR "sainte")';
SELECT count(*) FROM (SELECT rid, min(tier), sk FROM (
  SELECT c.rid, 1 AS tier, t.sort_key AS sk FROM (SELECT rowid AS rid FROM search_index WHERE search_index MATCH '{names} : ("saint" OR "sainte")' AND rowid BETWEEN 0 AND 1099511627775 LIMIT 200) c
    JOIN organization t ON t.id = c.rid WHERE t.deleted_at IS NULL AND t.visibility = 'public'
  UNION ALL
  SELECT c.rid, 1, t.sort_key FROM (SELECT rowid AS rid FROM search_index WHERE search_index MATCH '{names} : ("saint" OR "sainte")' AND rowid BETWEEN 1099511627776 AND 2199023255551 LIMIT 200) c
    JOIN person t ON t.id = c.rid - 1099511627776 WHERE t.deleted_at IS NULL AND t.visibility = 'public'
  UNION ALL
  SELECT c.rid, 2, t.sort_key FROM (SELECT rowid AS rid FROM search_index WHERE search_index MATCH '"saint" OR "sainte"' AND rowid BETWEEN 0 AND 1099511627775 LIMIT 200) c
    JOIN organization t ON t.id = c.rid WHERE t.deleted_at IS NULL AND t.visibility = 'public'
) GROUP BY rid ORDER BY min(tier), sk, rid LIMIT 11);

SELECT '== (b) store_list with q, as today: every column of every match goes through the sorter';
SELECT count(*) FROM (SELECT * FROM (
  SELECT t.*, bm25(search_index, 10.0, 1.0, 0.0) - CASE WHEN instr(' ' || search_index.keys || ' ', ' association_pou ') > 0 THEN 1000.0 ELSE 0.0 END AS rank, t.sort_key AS sk
  FROM search_index JOIN organization t ON t.id = search_index.rowid - 0
  WHERE t.deleted_at IS NULL AND t.visibility = 'public' AND search_index MATCH '"association"* "pou"*' AND search_index.rowid BETWEEN 0 AND 1099511627775
) x ORDER BY x.rank, x.sk, x.id LIMIT 51);

SELECT '== (c) kind and territory: the territory index in title order, the kind checked row by row';
EXPLAIN QUERY PLAN
SELECT t.id FROM organization t WHERE t.deleted_at IS NULL AND t.visibility = 'public' AND t.territory IN ('MQ') AND t.kind = 'network'
ORDER BY t.sort_key, t.id LIMIT 51;
SELECT count(*) FROM (SELECT t.* FROM organization t WHERE t.deleted_at IS NULL AND t.visibility = 'public' AND t.territory IN ('MQ') AND t.kind = 'network'
ORDER BY t.sort_key, t.id LIMIT 51);
SELECT 'rows read before the first network of MQ (names of networks begin with R)',
  count(*) FROM organization WHERE territory = 'MQ' AND sort_key < (SELECT min(sort_key) FROM organization WHERE territory = 'MQ' AND kind = 'network');
SELECT '== the same for ess and kind, and for one sector (a multi-valued filter: EXISTS per row)';
EXPLAIN QUERY PLAN
SELECT t.id FROM organization t WHERE t.deleted_at IS NULL AND t.visibility = 'public' AND t.ess = 1 AND t.kind = 'network'
ORDER BY t.sort_key, t.id LIMIT 51;
SELECT count(*) FROM (SELECT t.* FROM organization t WHERE t.deleted_at IS NULL AND t.visibility = 'public' AND t.ess = 1 AND t.kind = 'network'
ORDER BY t.sort_key, t.id LIMIT 51);
SELECT count(*) FROM (SELECT t.* FROM organization t WHERE t.deleted_at IS NULL AND t.visibility = 'public'
  AND EXISTS (SELECT 1 FROM record_value v WHERE v.kind = 'organization' AND v.field = 'sectors' AND v.value = '11110' AND v.record_id = t.id)
ORDER BY t.sort_key, t.id LIMIT 51);

SELECT '== (e) a deep page: the sort index from the cursor on';
EXPLAIN QUERY PLAN
SELECT t.id FROM organization t WHERE t.deleted_at IS NULL AND t.visibility = 'public'
  AND (t.sort_key > '4c' OR (t.sort_key = '4c' AND t.id > 1)) ORDER BY t.sort_key, t.id LIMIT 51;
