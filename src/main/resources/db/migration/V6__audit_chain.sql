-- Each audit entry carries the hash of the entry before it and its own, so a changed or removed entry breaks the
-- chain (`pipeline-triage audit verify`); and the database itself refuses to change or remove one. Entries written
-- before this version have no hash: the chain starts after them.
ALTER TABLE audit_log ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_log ADD COLUMN row_hash VARCHAR(64);
${append_only audit_log};
