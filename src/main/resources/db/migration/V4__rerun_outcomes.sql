-- Triaged failures waiting for a later attempt of their run, and how that attempt ended. One row per failed run
-- attempt, job and signature; the outcome is set once by a conditional update, so replicas and redeliveries
-- record it once.
CREATE TABLE rerun_outcome (
  awaited_key VARCHAR(1800) PRIMARY KEY,
  run_key VARCHAR(1500) NOT NULL,
  ci_instance VARCHAR(128) NOT NULL,
  ci_kind VARCHAR(16) NOT NULL,
  project VARCHAR(1024) NOT NULL,
  run_id VARCHAR(128) NOT NULL,
  attempt INTEGER NOT NULL,
  job_name VARCHAR(512) NOT NULL,
  signature_key VARCHAR(220) NOT NULL,
  card_id VARCHAR(64) NOT NULL,
  awaited_at TIMESTAMP WITH TIME ZONE NOT NULL,
  outcome VARCHAR(8),
  outcome_link VARCHAR(2000),
  outcome_at TIMESTAMP WITH TIME ZONE);

CREATE INDEX rerun_outcome_by_run ON rerun_outcome (run_key);

CREATE INDEX rerun_outcome_by_signature ON rerun_outcome (signature_key, outcome, outcome_at);
