-- Acknowledged work (pasted links, webhook deliveries) until its card is posted: leased to one process at a time,
-- taken over when the lease runs out or is given back. Finished rows stay until forget_at, so a redelivery of
-- finished work is recognised.
CREATE TABLE pending_work (
  work_id VARCHAR(64) PRIMARY KEY,
  work_key VARCHAR(300) NOT NULL UNIQUE,
  kind VARCHAR(64) NOT NULL,
  payload VARCHAR(8000) NOT NULL,
  placeholder VARCHAR(128),
  owner VARCHAR(128),
  lease_until TIMESTAMP WITH TIME ZONE NOT NULL,
  takeovers INTEGER NOT NULL,
  accepted_at TIMESTAMP WITH TIME ZONE NOT NULL,
  done_at TIMESTAMP WITH TIME ZONE,
  forget_at TIMESTAMP WITH TIME ZONE);

CREATE INDEX pending_work_by_lease ON pending_work (lease_until);

CREATE INDEX pending_work_by_owner ON pending_work (owner);
