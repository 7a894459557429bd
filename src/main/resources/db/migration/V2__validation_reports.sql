-- Every version keeps the safety validator's report made when it was stored, with the rule-set
-- version that made it; the protocol row carries the current version's counts for searches.
ALTER TABLE protocol_version ADD COLUMN rule_set_version VARCHAR(20);
-- JSON; bounded well below 1 MiB because document lists hold at most 200 elements.
ALTER TABLE protocol_version ADD COLUMN validation_report VARCHAR(1048576);

ALTER TABLE protocol ADD COLUMN error_count INTEGER;
ALTER TABLE protocol ADD COLUMN warning_count INTEGER;
ALTER TABLE protocol ADD COLUMN info_count INTEGER;
CREATE INDEX ix_protocol_error_count ON protocol (error_count);
