-- Search support: free text over titles, condition and outcome titles (lower case, portable
-- LIKE), and the current version's findings by rule for the ruleId filter and statistics.
ALTER TABLE protocol ADD COLUMN search_text VARCHAR(4000);

CREATE TABLE protocol_finding (
    protocol_id    VARCHAR(36) NOT NULL,
    rule_id        VARCHAR(20) NOT NULL,
    severity       VARCHAR(10) NOT NULL,
    finding_count  INTEGER     NOT NULL,
    CONSTRAINT pk_protocol_finding PRIMARY KEY (protocol_id, rule_id, severity),
    CONSTRAINT fk_protocol_finding_protocol FOREIGN KEY (protocol_id) REFERENCES protocol (id)
);
CREATE INDEX ix_protocol_finding_rule ON protocol_finding (rule_id, protocol_id);
CREATE INDEX ix_protocol_first_submitted ON protocol (first_submitted_at);
