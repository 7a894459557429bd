-- Statistics tallies: running counts that GET /api/v1/stats sums instead of scanning every
-- protocol and every finding (seconds at 100,000 protocols). Each protocol is counted under its
-- sponsor organisation, its audience (who beyond its sponsor may see it: PRIVATE never submitted,
-- SUBMITTED ever submitted, PUBLISHED approved and neither withdrawn nor rejected), its status and
-- whether its current version has ERROR findings: enough to apply every role's visibility rules
-- and the status, sponsorOrg and hasErrors filters. Writes keep them in step in the same
-- transaction (protocol.StatisticsTallies); rows may fall to zero and are then ignored.
-- A missing category, phase or overall status is counted under '' (key columns cannot be NULL).

CREATE TABLE stats_protocol_tally (
    sponsor_org         VARCHAR(200) NOT NULL,
    audience            VARCHAR(10)  NOT NULL,
    status              VARCHAR(32)  NOT NULL,
    has_errors          BOOLEAN      NOT NULL,
    condition_category  VARCHAR(40)  NOT NULL,
    phase               VARCHAR(20)  NOT NULL,
    overall_status      VARCHAR(40)  NOT NULL,
    protocol_count      BIGINT       NOT NULL,
    CONSTRAINT pk_stats_protocol_tally PRIMARY KEY (sponsor_org, audience, status, has_errors,
        condition_category, phase, overall_status)
);

CREATE TABLE stats_finding_tally (
    sponsor_org    VARCHAR(200) NOT NULL,
    audience       VARCHAR(10)  NOT NULL,
    status         VARCHAR(32)  NOT NULL,
    has_errors     BOOLEAN      NOT NULL,
    rule_id        VARCHAR(20)  NOT NULL,
    severity       VARCHAR(10)  NOT NULL,
    finding_count  BIGINT       NOT NULL,
    CONSTRAINT pk_stats_finding_tally PRIMARY KEY (sponsor_org, audience, status, has_errors, rule_id, severity)
);

CREATE TABLE stats_submission_tally (
    sponsor_org       VARCHAR(200) NOT NULL,
    audience          VARCHAR(10)  NOT NULL,
    status            VARCHAR(32)  NOT NULL,
    has_errors        BOOLEAN      NOT NULL,
    submitted_year    INTEGER      NOT NULL,
    submitted_month   INTEGER      NOT NULL,
    submission_count  BIGINT       NOT NULL,
    CONSTRAINT pk_stats_submission_tally PRIMARY KEY (sponsor_org, audience, status, has_errors, submitted_year,
        submitted_month)
);

-- Counts for the protocols already stored. The audience and has_errors expressions are the
-- same as protocol.StatisticsTallies uses.
CREATE VIEW stats_protocol_cell AS
SELECT p.id,
       p.sponsor_org,
       CASE WHEN p.approved_version IS NOT NULL AND p.status NOT IN ('REJECTED', 'WITHDRAWN') THEN 'PUBLISHED'
            WHEN p.first_submitted_at IS NOT NULL THEN 'SUBMITTED'
            ELSE 'PRIVATE' END AS audience,
       p.status,
       CASE WHEN p.error_count > 0 THEN TRUE ELSE FALSE END AS has_errors,
       COALESCE(p.condition_category, '') AS condition_category,
       COALESCE(p.phase, '') AS phase,
       COALESCE(p.overall_status, '') AS overall_status
FROM protocol p;

INSERT INTO stats_protocol_tally (sponsor_org, audience, status, has_errors, condition_category, phase,
                                  overall_status, protocol_count)
SELECT sponsor_org, audience, status, has_errors, condition_category, phase, overall_status, COUNT(*)
FROM stats_protocol_cell
GROUP BY sponsor_org, audience, status, has_errors, condition_category, phase, overall_status;

INSERT INTO stats_finding_tally (sponsor_org, audience, status, has_errors, rule_id, severity, finding_count)
SELECT c.sponsor_org, c.audience, c.status, c.has_errors, f.rule_id, f.severity, SUM(f.finding_count)
FROM protocol_finding f JOIN stats_protocol_cell c ON c.id = f.protocol_id
GROUP BY c.sponsor_org, c.audience, c.status, c.has_errors, f.rule_id, f.severity;

INSERT INTO stats_submission_tally (sponsor_org, audience, status, has_errors, submitted_year, submitted_month,
                                    submission_count)
SELECT sponsor_org, audience, status, has_errors, submitted_year, submitted_month, COUNT(*)
FROM (SELECT c.sponsor_org, c.audience, c.status, c.has_errors,
             CAST(EXTRACT(YEAR FROM e.occurred_at) AS INTEGER) AS submitted_year,
             CAST(EXTRACT(MONTH FROM e.occurred_at) AS INTEGER) AS submitted_month
      FROM audit_event e JOIN stats_protocol_cell c ON c.id = e.protocol_id
      WHERE e.action = 'SUBMIT') submissions
GROUP BY sponsor_org, audience, status, has_errors, submitted_year, submitted_month;
