-- bench/explain-desk.sql - the plans and timings behind the desk's part of
-- bench/NOTES.md, on the database bench/desk.c writes, read-only:
--
--   BENCH_STEPS=desk BENCH_DESK_KEEP=1 sh bench/run.sh
--   sqlite3 -readonly bench/work/desk.db < bench/explain-desk.sql
--
-- The statements are those src/store/timeline.c, calendar.c and workflow.c
-- build for an editor of a team (ids bound as text, as the store binds
-- them), with the ones measured in bench/desk.c found first.  Times are
-- those of the sqlite3 shell, whose page cache (2 MB) is the server's too;
-- run it twice, the first run reads the file into the kernel's cache.
.timer off
.headers off
.parameter init
-- The organisation named by the most interactions, the first editor and their team, the busiest colleague, the largest team,
-- the owner with the most open follow-ups, the validator with the most
-- notes waiting.
.parameter set @org "(SELECT value FROM record_value WHERE kind = 'interaction' AND field = 'organizations' GROUP BY value ORDER BY count(*) DESC, value LIMIT 1)"
.parameter set @editor "(SELECT CAST(id AS TEXT) FROM account WHERE role = 'editor' ORDER BY id LIMIT 1)"
.parameter set @team "(SELECT min(value) FROM record_value WHERE kind = 'account' AND field = 'teams' AND record_id = (SELECT min(id) FROM account WHERE role = 'editor'))"
.parameter set @busy "(SELECT value FROM record_value WHERE kind = 'interaction' AND field = 'participants' GROUP BY value ORDER BY count(*) DESC, value LIMIT 1)"
.parameter set @bigteam "(SELECT value FROM record_value WHERE kind = 'account' AND field = 'teams' GROUP BY value ORDER BY count(*) DESC, value LIMIT 1)"
.parameter set @owner "(SELECT CAST(owner AS TEXT) FROM followup WHERE status IN ('open', 'in_progress') GROUP BY owner ORDER BY count(*) DESC, owner LIMIT 1)"
.parameter set @validator "(SELECT CAST(validator AS TEXT) FROM note WHERE status = 'submitted' GROUP BY validator ORDER BY count(*) DESC, validator LIMIT 1)"
.parameter set @since "date('now', '-90 days')"
.parameter set @week "date('now', '+7 days')"
.parameter list
.timer on

SELECT '== store_timeline of the hottest organisation: every record naming it is found (record_value_by_target,'
  || ' then its row for the date and visibility), the union deduplicated and sorted, 200 kept';
SELECT 'records naming it', count(*) FROM record_value WHERE field = 'organizations' AND value = @org;
EXPLAIN QUERY PLAN
SELECT 6 AS k, t.id AS id, t.starts_at AS d FROM interaction t JOIN record_value rv ON rv.kind = 'interaction' AND rv.record_id = t.id AND rv.field = 'organizations' AND rv.value = @org WHERE t.deleted_at IS NULL
  AND (t.visibility IN ('public', 'internal') OR (t.visibility = 'team' AND EXISTS (SELECT 1 FROM record_value vt WHERE vt.kind = 'interaction' AND vt.record_id = t.id AND vt.field = 'visibility_teams' AND vt.value IN (@team)))
  OR (t.visibility = 'confidential' AND EXISTS (SELECT 1 FROM record_value vu WHERE vu.kind = 'interaction' AND vu.record_id = t.id AND vu.field = 'visibility_users' AND vu.value = @editor)))
UNION SELECT 7 AS k, t.id AS id, t.due_date AS d FROM followup t JOIN record_value rv ON rv.kind = 'followup' AND rv.record_id = t.id AND rv.field = 'organizations' AND rv.value = @org WHERE t.deleted_at IS NULL AND t.visibility IN ('public', 'internal')
UNION SELECT 8 AS k, t.id AS id, t.date AS d FROM note t JOIN record_value rv ON rv.kind = 'note' AND rv.record_id = t.id AND rv.field = 'organizations' AND rv.value = @org WHERE t.deleted_at IS NULL AND t.visibility IN ('public', 'internal')
UNION SELECT 9 AS k, t.id AS id, t.date AS d FROM document t WHERE t.sender_organization = @org AND t.deleted_at IS NULL AND t.visibility IN ('public', 'internal')
UNION SELECT 9 AS k, t.id AS id, t.date AS d FROM document t WHERE t.recipient_organization = @org AND t.deleted_at IS NULL AND t.visibility IN ('public', 'internal')
UNION SELECT 9 AS k, t.id AS id, t.date AS d FROM document t JOIN record_value rv ON rv.kind = 'document' AND rv.record_id = t.id AND rv.field = 'organizations' AND rv.value = @org WHERE t.deleted_at IS NULL AND t.visibility IN ('public', 'internal')
ORDER BY d DESC, k, id DESC LIMIT 200;
SELECT count(*) FROM (
SELECT 6 AS k, t.id AS id, t.starts_at AS d FROM interaction t JOIN record_value rv ON rv.kind = 'interaction' AND rv.record_id = t.id AND rv.field = 'organizations' AND rv.value = @org WHERE t.deleted_at IS NULL
  AND (t.visibility IN ('public', 'internal') OR (t.visibility = 'team' AND EXISTS (SELECT 1 FROM record_value vt WHERE vt.kind = 'interaction' AND vt.record_id = t.id AND vt.field = 'visibility_teams' AND vt.value IN (@team)))
  OR (t.visibility = 'confidential' AND EXISTS (SELECT 1 FROM record_value vu WHERE vu.kind = 'interaction' AND vu.record_id = t.id AND vu.field = 'visibility_users' AND vu.value = @editor)))
UNION SELECT 7 AS k, t.id AS id, t.due_date AS d FROM followup t JOIN record_value rv ON rv.kind = 'followup' AND rv.record_id = t.id AND rv.field = 'organizations' AND rv.value = @org WHERE t.deleted_at IS NULL AND t.visibility IN ('public', 'internal')
UNION SELECT 8 AS k, t.id AS id, t.date AS d FROM note t JOIN record_value rv ON rv.kind = 'note' AND rv.record_id = t.id AND rv.field = 'organizations' AND rv.value = @org WHERE t.deleted_at IS NULL AND t.visibility IN ('public', 'internal')
UNION SELECT 9 AS k, t.id AS id, t.date AS d FROM document t WHERE t.sender_organization = @org AND t.deleted_at IS NULL AND t.visibility IN ('public', 'internal')
UNION SELECT 9 AS k, t.id AS id, t.date AS d FROM document t WHERE t.recipient_organization = @org AND t.deleted_at IS NULL AND t.visibility IN ('public', 'internal')
UNION SELECT 9 AS k, t.id AS id, t.date AS d FROM document t JOIN record_value rv ON rv.kind = 'document' AND rv.record_id = t.id AND rv.field = 'organizations' AND rv.value = @org WHERE t.deleted_at IS NULL AND t.visibility IN ('public', 'internal')
ORDER BY d DESC, k, id DESC LIMIT 200);

SELECT '== store_calendar_records of the busiest colleague, as calendar.c asked before migration 0009: CAST(value AS INTEGER) hides the'
  || ' value from the index, so every participant of every interaction is read (record_value_by_value (kind=? AND field=?))';
EXPLAIN QUERY PLAN
SELECT t.id FROM interaction t WHERE t.deleted_at IS NULL AND t.starts_at >= @since AND t.id IN (
  SELECT record_id FROM record_value WHERE kind = 'interaction' AND field = 'participants' AND CAST(value AS INTEGER) IN (SELECT @busy))
  AND t.visibility IN ('public', 'internal') ORDER BY t.starts_at, t.id;
SELECT count(*) FROM (SELECT t.id FROM interaction t WHERE t.deleted_at IS NULL AND t.starts_at >= @since AND t.id IN (
  SELECT record_id FROM record_value WHERE kind = 'interaction' AND field = 'participants' AND CAST(value AS INTEGER) IN (SELECT @busy))
  AND t.visibility IN ('public', 'internal') ORDER BY t.starts_at, t.id);
SELECT '== the same as text, as calendar.c asks now: record_value_by_target (field=? AND value=? AND kind=?)';
EXPLAIN QUERY PLAN
SELECT t.id FROM interaction t WHERE t.deleted_at IS NULL AND t.starts_at >= @since AND t.id IN (
  SELECT record_id FROM record_value WHERE field = 'participants' AND value IN (SELECT @busy) AND kind = 'interaction')
  AND t.visibility IN ('public', 'internal') ORDER BY t.starts_at, t.id;
SELECT count(*) FROM (SELECT t.id FROM interaction t WHERE t.deleted_at IS NULL AND t.starts_at >= @since AND t.id IN (
  SELECT record_id FROM record_value WHERE field = 'participants' AND value IN (SELECT @busy) AND kind = 'interaction')
  AND t.visibility IN ('public', 'internal') ORDER BY t.starts_at, t.id);
SELECT '== and for the largest team (its members'' ids as text)';
SELECT count(*) FROM (SELECT t.id FROM interaction t WHERE t.deleted_at IS NULL AND t.starts_at >= @since AND t.id IN (
  SELECT record_id FROM record_value WHERE field = 'participants' AND kind = 'interaction' AND value IN (
    SELECT CAST(record_id AS TEXT) FROM record_value WHERE kind = 'account' AND field = 'teams' AND value = @bigteam))
  AND t.visibility IN ('public', 'internal') ORDER BY t.starts_at, t.id);
SELECT 'the team''s open follow-ups', count(*) FROM followup t WHERE t.deleted_at IS NULL AND t.status IN ('open', 'in_progress')
  AND t.owner IN (SELECT record_id FROM record_value WHERE kind = 'account' AND field = 'teams' AND value = @bigteam);

SELECT '== store_followups_due for the busiest owner, as the desk asks (due within a week): followup_by_owner';
EXPLAIN QUERY PLAN
SELECT t.id FROM followup t WHERE t.owner = @owner AND t.status IN ('open', 'in_progress') AND t.deleted_at IS NULL
  AND t.due_date <= @week AND t.visibility IN ('public', 'internal') ORDER BY t.due_date, t.id;

SELECT '== store_workflow_waiting as workflow.c asked before migration 0009: every note waiting for anyone, the oldest 1,000 only,'
  || ' each read in C to keep the validator''s';
SELECT 'notes waiting', count(*), 'of them for this validator', sum(validator = @validator) FROM note WHERE status = 'submitted';
EXPLAIN QUERY PLAN
SELECT t.id FROM note t WHERE t.deleted_at IS NULL AND t.status IN ('submitted') AND t.visibility IN ('public', 'internal')
  ORDER BY t.updated_at, t.id LIMIT 1000;
SELECT '== now: only those that may be the validator''s (named, their team''s, or no one''s; not their own): note_by_status';
EXPLAIN QUERY PLAN
SELECT t.id FROM note t WHERE t.deleted_at IS NULL AND t.status IN ('submitted') AND (t.author IS NULL OR t.author <> @validator)
  AND (t.validator = @validator OR t.validator_team IN (@team) OR (1 AND t.validator IS NULL AND t.validator_team IS NULL))
  AND t.visibility IN ('public', 'internal') ORDER BY t.updated_at, t.id;
SELECT count(*) FROM (SELECT t.id FROM note t WHERE t.deleted_at IS NULL AND t.status IN ('submitted') AND (t.author IS NULL OR t.author <> @validator)
  AND (t.validator = @validator OR t.validator_team IN (@team) OR (1 AND t.validator IS NULL AND t.validator_team IS NULL))
  AND t.visibility IN ('public', 'internal') ORDER BY t.updated_at, t.id);

SELECT '== store_search: the exact-name and name-prefix tiers of each kind (src/store/query.c); without migration 0009'
  || ' SCAN interaction (and followup, note, document), twice per search';
EXPLAIN QUERY PLAN SELECT id FROM interaction WHERE name_key = 'sargasses';
EXPLAIN QUERY PLAN SELECT id FROM interaction WHERE name_key >= 'sargasses' AND name_key < 'sargasses' || char(65535) LIMIT 200;
SELECT count(*) FROM interaction WHERE name_key = 'sargasses';
SELECT count(*) FROM interaction NOT INDEXED WHERE name_key = 'sargasses';
SELECT '== and the full-text part: a word longer than the prefix index (1, 2, 3) is merged in memory, per kind and tier';
SELECT count(*) FROM search_index WHERE search_index MATCH '"sargasses"*';
SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH '"sargasses"*' AND rowid BETWEEN 6597069766656 AND 7696581394431 LIMIT 200);
