-- Failure signatures, their occurrences (one row per job attempt) and the tickets filed for them.
CREATE TABLE failure_signature (
  signature_key VARCHAR(220) PRIMARY KEY,
  summary VARCHAR(1000) NOT NULL,
  verdict VARCHAR(16) NOT NULL,
  known_error VARCHAR(200),
  runbook VARCHAR(2000),
  excerpt ${large_text} NOT NULL,
  total BIGINT NOT NULL,
  first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen TIMESTAMP WITH TIME ZONE NOT NULL);

CREATE TABLE occurrence (
  signature_key VARCHAR(220) NOT NULL,
  job_key VARCHAR(1500) NOT NULL,
  repository VARCHAR(1024) NOT NULL,
  job_name VARCHAR(512) NOT NULL,
  link VARCHAR(2000),
  seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (signature_key, job_key));

CREATE INDEX occurrence_by_signature_time ON occurrence (signature_key, seen_at);

CREATE INDEX occurrence_by_time ON occurrence (seen_at);

CREATE TABLE ticket_claim (
  signature_key VARCHAR(220) NOT NULL,
  generation INTEGER NOT NULL,
  state VARCHAR(16) NOT NULL,
  attempt_id VARCHAR(64) NOT NULL,
  claimed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  ticket_key VARCHAR(200),
  ticket_url VARCHAR(2000),
  active BOOLEAN NOT NULL,
  last_comment_at TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (signature_key, generation));

CREATE INDEX ticket_claim_pending ON ticket_claim (state, claimed_at);
