-- Condition category and phase together: the pair ethics boards filter by ("phase 3 trials in
-- neuropathic pain"). With the category alone, H2 read every protocol of the category to keep
-- those of the phase (626 rows for a page of 20 at 5,000 protocols); the pair reads only the
-- matches. It replaces the category index, whose work its first column does, so a write
-- maintains as many indexes as before. Portable SQL: runs unchanged on H2 2.x and PostgreSQL.
DROP INDEX ix_protocol_condition_category;
CREATE INDEX ix_protocol_category_phase ON protocol (condition_category, phase);
