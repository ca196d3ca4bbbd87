-- 0007: the directory's combined filters answered from one index each,
-- in title order (kind and territory; kind and ESS), over the records
-- outside the bin: without them a filtered page walked past every record
-- of the other kinds (bench/NOTES.md, scenario c).
CREATE INDEX organization_live_by_kind_territory ON organization (kind, territory, sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX organization_live_by_kind_ess ON organization (kind, ess, sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX organization_live_by_territory ON organization (territory, sort_key, id) WHERE deleted_at IS NULL;
