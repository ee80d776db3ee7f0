-- Outage grouping for CI webhook cards: every job that hit a platform signature in a channel, and the banners
-- that count them. Keys are unique so that replicas count each job once and open each banner once.
CREATE TABLE outage_hit (
  channel_key VARCHAR(300) NOT NULL,
  signature_key VARCHAR(220) NOT NULL,
  job_key VARCHAR(1500) NOT NULL,
  hit_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (channel_key, signature_key, job_key));

CREATE INDEX outage_hit_by_time ON outage_hit (channel_key, signature_key, hit_at);

CREATE TABLE outage_banner (
  channel_key VARCHAR(300) NOT NULL,
  signature_key VARCHAR(220) NOT NULL,
  generation INTEGER NOT NULL,
  since TIMESTAMP WITH TIME ZONE NOT NULL,
  last_hit_at TIMESTAMP WITH TIME ZONE NOT NULL,
  message_id VARCHAR(128),
  shown BIGINT NOT NULL,
  PRIMARY KEY (channel_key, signature_key, generation));
