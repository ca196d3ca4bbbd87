-- 0010: the lists of dated kinds come newest first (store/query.c,
-- model_list_date); each reads its date index backwards.  Meetings
-- already have interaction_by_start (starts_at, id).
CREATE INDEX note_by_date ON note (date, id);
CREATE INDEX document_by_date ON document (date, id);
CREATE INDEX followup_by_due_date ON followup (due_date, id);
