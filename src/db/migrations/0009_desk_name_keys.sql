-- 0009: the search box finds a record of the desk by its exact name, or a
-- name beginning with what was typed, through name_key (store_search,
-- src/store/query.c), as it finds organisations and people.  Without an
-- index each search read every interaction, follow-up, note and document
-- twice: 130 ms for one word among 400,000 of them (bench/desk.c).
CREATE INDEX interaction_by_name_key ON interaction (name_key);
CREATE INDEX followup_by_name_key ON followup (name_key);
CREATE INDEX note_by_name_key ON note (name_key);
CREATE INDEX document_by_name_key ON document (name_key);
CREATE INDEX working_group_by_name_key ON working_group (name_key);
CREATE INDEX roadmap_axis_by_name_key ON roadmap_axis (name_key);
CREATE INDEX roadmap_action_by_name_key ON roadmap_action (name_key);
