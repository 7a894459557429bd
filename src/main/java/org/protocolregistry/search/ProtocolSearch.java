package org.protocolregistry.search;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.protocolregistry.protocol.ProtocolEnvelope;
import org.protocolregistry.protocol.ProtocolService;
import org.protocolregistry.search.SearchQuery.PageToken;
import org.protocolregistry.search.SearchQuery.SortKey;
import org.protocolregistry.security.Caller;

/**
 * Finds the protocols a caller may see that match a query, a page at a time (keyset paging:
 * stable under inserts, no offset scans). Three statements per page whatever its size: the
 * page of ids, the protocols and their versions (no N+1), plus one count when asked.
 */
@ApplicationScoped
public class ProtocolSearch {

    /** Sorts missing doses after every stated one, in both directions. */
    private static final double MISSING_DOSE_ASCENDING = Double.MAX_VALUE;
    private static final double MISSING_DOSE_DESCENDING = -Double.MAX_VALUE;

    @Inject
    EntityManager entityManager;

    @Inject
    ProtocolService protocols;

    @Inject
    StatementTimeout statementTimeout;

    /** A page of envelopes in order, the token of the next page and, when asked, the total. */
    public record Page(List<ProtocolEnvelope> items, PageToken next, Long totalCount) {

        /** The opaque form of {@link #next()} that clients send back. */
        public String nextPageToken() {
            return next == null ? null : SearchParameters.encode(next);
        }
    }

    @Transactional
    public Page search(Caller caller, SearchQuery query, String fingerprint) {
        var visibility = VisibilityClause.of(caller);
        var parameters = new HashMap<String, Object>(visibility.parameters());
        var where = where(query, visibility, parameters);
        var sortExpression = sortExpression(query);
        var direction = query.descending() ? "DESC" : "ASC";
        var keyset = "";
        if (query.after() != null) {
            var comparison = query.descending() ? "<" : ">";
            keyset = " AND (" + sortExpression + " " + comparison + " :afterValue OR (" + sortExpression
                    + " = :afterValue AND p.id " + comparison + " :afterId))";
            parameters.put("afterValue", sortParameter(query.sort(), query.after().sortValue()));
            parameters.put("afterId", query.after().id());
        }
        var sql = "SELECT p.id, " + sortExpression + " AS sort_value FROM protocol p WHERE " + where + keyset
                + " ORDER BY sort_value " + direction + ", p.id " + direction
                + " FETCH FIRST " + (query.pageSize() + 1) + " ROWS ONLY";
        var select = statementTimeout.apply(entityManager.createNativeQuery(sql));
        parameters.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();

        var hasMore = rows.size() > query.pageSize();
        var page = hasMore ? rows.subList(0, query.pageSize()) : rows;
        var ids = page.stream().map(row -> (String) row[0]).toList();
        PageToken next = null;
        if (hasMore) {
            var last = page.get(page.size() - 1);
            next = new PageToken(sortValueText(last[1]), (String) last[0], fingerprint);
        }
        Long total = null;
        if (query.countTotal()) {
            total = answeredByTallies(query) ? talliedTotal(caller, query) : countedTotal(where, parameters);
        }
        return new Page(protocols.envelopesInOrder(caller, ids), next, total);
    }

    private long countedTotal(String where, Map<String, Object> parameters) {
        var count = statementTimeout.apply(entityManager.createNativeQuery("SELECT COUNT(*) FROM protocol p WHERE "
                + where));
        parameters.forEach((name, value) -> {
            if (!name.startsWith("after")) {
                count.setParameter(name, value);
            }
        });
        return ((Number) count.getSingleResult()).longValue();
    }

    private long talliedTotal(Caller caller, SearchQuery query) {
        var visibility = VisibilityClause.overTallies(caller);
        var parameters = new HashMap<String, Object>(visibility.parameters());
        var where = tallyWhere(query, visibility, parameters);
        return ((Number) bind(entityManager.createNativeQuery("SELECT COALESCE(SUM(t.protocol_count), 0) FROM "
                + "stats_protocol_tally t WHERE " + where), parameters).getSingleResult()).longValue();
    }

    /**
     * Counts by status, category, phase, overall status, findings and month, under the same
     * filters as search. Served from the statistics tallies when the filters are among those the
     * tallies are keyed by (status, sponsorOrg, hasErrors), else counted over the protocols.
     */
    @Transactional
    public Statistics statistics(Caller caller, SearchQuery query) {
        return answeredByTallies(query) ? statisticsFromTallies(caller, query) : statisticsCounted(caller, query);
    }

    static boolean answeredByTallies(SearchQuery query) {
        return query.conditionCategories().isEmpty() && query.phases().isEmpty() && query.overallStatus() == null
                && query.ruleId() == null && query.minInitialDoseMg() == null && query.maxInitialDoseMg() == null
                && query.updatedSince() == null && query.terms().isEmpty();
    }

    /** Sums of the tallies' rows (a few thousand at most), whatever the number of protocols. */
    Statistics statisticsFromTallies(Caller caller, SearchQuery query) {
        var visibility = VisibilityClause.overTallies(caller);
        var parameters = new HashMap<String, Object>(visibility.parameters());
        var where = tallyWhere(query, visibility, parameters);
        var protocols = "stats_protocol_tally t WHERE " + where;
        var byStatus = summed(visibility.effectiveStatus(), "t.protocol_count", protocols, parameters);
        return new Statistics(total(byStatus), byStatus,
                summed("t.condition_category", "t.protocol_count", protocols, parameters),
                summed("t.phase", "t.protocol_count", protocols, parameters),
                summed("t.overall_status", "t.protocol_count", protocols, parameters),
                summed("t.rule_id", "t.finding_count", "stats_finding_tally t WHERE " + where, parameters),
                summed("t.severity", "t.finding_count", "stats_finding_tally t WHERE " + where, parameters),
                months("SELECT submitted_year, submitted_month, SUM(c) FROM (SELECT t.submitted_year, "
                        + "t.submitted_month, t.submission_count AS c FROM stats_submission_tally t WHERE " + where
                        + ") submissions GROUP BY submitted_year, submitted_month HAVING SUM(c) > 0", parameters));
    }

    /** Every counted protocol has exactly one status, so the bars by status add up to the total. */
    private static long total(List<Statistics.KeyCount> byStatus) {
        return byStatus.stream().mapToLong(Statistics.KeyCount::count).sum();
    }

    /** The filters the tallies are keyed by, under the caller's visibility, over a tally aliased {@code t}. */
    private static String tallyWhere(SearchQuery query, VisibilityClause visibility, Map<String, Object> parameters) {
        var clauses = new ArrayList<String>();
        clauses.add(visibility.visible());
        if (!query.statuses().isEmpty()) {
            clauses.add(visibility.effectiveStatus() + " IN (:statuses)");
            parameters.put("statuses", query.statuses());
        }
        if (query.sponsorOrg() != null) {
            clauses.add("t.sponsor_org = :sponsorOrg");
            parameters.put("sponsorOrg", query.sponsorOrg());
        }
        if (query.hasErrors() != null) {
            clauses.add("t.has_errors = :hasErrors");
            parameters.put("hasErrors", query.hasErrors());
        }
        return String.join(" AND ", clauses);
    }

    /** Counted over the matching protocols, their findings and their submit events. */
    Statistics statisticsCounted(Caller caller, SearchQuery query) {
        var visibility = VisibilityClause.of(caller);
        var parameters = new HashMap<String, Object>(visibility.parameters());
        var where = where(query, visibility, parameters);
        var protocols = "protocol p WHERE " + where;
        // The matching protocols' ids first, then their findings by index: H2 otherwise may walk
        // every finding and look its protocol up (and evaluates IN (SELECT ...) far slower still).
        var findings = "(SELECT p.id FROM protocol p WHERE " + where + ") matching JOIN protocol_finding f "
                + "ON f.protocol_id = matching.id";
        var byStatus = summed(visibility.effectiveStatus(), "1", protocols, parameters);
        return new Statistics(total(byStatus), byStatus,
                summed("p.condition_category", "1", protocols, parameters),
                summed("p.phase", "1", protocols, parameters),
                summed("p.overall_status", "1", protocols, parameters),
                summed("f.rule_id", "f.finding_count", findings, parameters),
                summed("f.severity", "f.finding_count", findings, parameters),
                months("SELECT submitted_year, submitted_month, COUNT(*) FROM (SELECT EXTRACT(YEAR FROM e.occurred_at) "
                        + "AS submitted_year, EXTRACT(MONTH FROM e.occurred_at) AS submitted_month FROM audit_event e "
                        + "JOIN protocol p ON p.id = e.protocol_id WHERE e.action = 'SUBMIT' AND " + where
                        + ") submissions GROUP BY submitted_year, submitted_month", parameters));
    }

    /** Calls {@code consumer} with every matching envelope, a batch at a time, in the query's order. */
    public void forEachMatching(Caller caller, SearchQuery query, String fingerprint, int batchSize,
            java.util.function.Consumer<List<ProtocolEnvelope>> consumer) {
        var batchQuery = withPage(query, batchSize, null);
        while (true) {
            var page = search(caller, batchQuery, fingerprint);
            consumer.accept(page.items());
            if (page.next() == null) {
                return;
            }
            batchQuery = withPage(query, batchSize, page.next());
        }
    }

    private static SearchQuery withPage(SearchQuery query, int pageSize, PageToken after) {
        return new SearchQuery(query.statuses(), query.conditionCategories(), query.phases(), query.overallStatus(),
                query.sponsorOrg(), query.hasErrors(), query.ruleId(), query.minInitialDoseMg(),
                query.maxInitialDoseMg(), query.updatedSince(), query.terms(), query.sort(), query.descending(),
                pageSize, after, false, query.fields());
    }

    /**
     * SUM({@code count}) per value of {@code key} over {@code from} (a table and its WHERE), as
     * chart bars sorted by key; a missing value ('' in the tallies) counts as UNSPECIFIED.
     */
    private List<Statistics.KeyCount> summed(String key, String count, String from, Map<String, Object> parameters) {
        // Grouped in an outer query: PostgreSQL does not match a GROUP BY expression that holds
        // bind parameters with the selected one, and H2 does not group by position.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(entityManager.createNativeQuery("SELECT group_key, SUM(c) FROM (SELECT " + key
                + " AS group_key, " + count + " AS c FROM " + from + ") grouped GROUP BY group_key HAVING SUM(c) > 0"),
                parameters).getResultList();
        var bars = new java.util.TreeMap<String, Long>();
        for (var row : rows) {
            var value = row[0] == null || row[0].toString().isEmpty() ? "UNSPECIFIED" : row[0].toString();
            bars.merge(value, ((Number) row[1]).longValue(), Long::sum);
        }
        return bars.entrySet().stream().map(bar -> new Statistics.KeyCount(bar.getKey(), bar.getValue())).toList();
    }

    private List<Statistics.KeyCount> months(String sql, Map<String, Object> parameters) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(entityManager.createNativeQuery(sql), parameters).getResultList();
        return rows.stream()
                .map(row -> new Statistics.KeyCount(String.format("%04d-%02d", ((Number) row[0]).intValue(),
                        ((Number) row[1]).intValue()), ((Number) row[2]).longValue()))
                .sorted(java.util.Comparator.comparing(Statistics.KeyCount::key))
                .toList();
    }

    private jakarta.persistence.Query bind(jakarta.persistence.Query query, Map<String, Object> parameters) {
        parameters.forEach(query::setParameter);
        return statementTimeout.apply(query);
    }

    /** The filters, under the caller's visibility; every value is a bound parameter. */
    static String where(SearchQuery query, VisibilityClause visibility, Map<String, Object> parameters) {
        var clauses = new ArrayList<String>();
        clauses.add(visibility.visible());
        if (!query.statuses().isEmpty()) {
            clauses.add(visibility.effectiveStatus() + " IN (:statuses)");
            parameters.put("statuses", query.statuses());
        }
        if (!query.conditionCategories().isEmpty()) {
            clauses.add("p.condition_category IN (:categories)");
            parameters.put("categories", query.conditionCategories());
        }
        if (!query.phases().isEmpty()) {
            clauses.add("p.phase IN (:phases)");
            parameters.put("phases", query.phases());
        }
        if (query.overallStatus() != null) {
            clauses.add("p.overall_status = :overallStatus");
            parameters.put("overallStatus", query.overallStatus());
        }
        if (query.sponsorOrg() != null) {
            clauses.add("p.sponsor_org = :sponsorOrg");
            parameters.put("sponsorOrg", query.sponsorOrg());
        }
        if (query.hasErrors() != null) {
            clauses.add(query.hasErrors() ? "p.error_count > 0" : "(p.error_count = 0 OR p.error_count IS NULL)");
        }
        if (query.ruleId() != null) {
            clauses.add("EXISTS (SELECT 1 FROM protocol_finding f WHERE f.protocol_id = p.id AND f.rule_id = :ruleId)");
            parameters.put("ruleId", query.ruleId());
        }
        if (query.minInitialDoseMg() != null) {
            clauses.add("p.initial_dose_mg >= :minDose");
            parameters.put("minDose", query.minInitialDoseMg().doubleValue());
        }
        if (query.maxInitialDoseMg() != null) {
            clauses.add("p.initial_dose_mg <= :maxDose");
            parameters.put("maxDose", query.maxInitialDoseMg().doubleValue());
        }
        if (query.updatedSince() != null) {
            clauses.add("p.updated_at >= :updatedSince");
            parameters.put("updatedSince", query.updatedSince().atOffset(ZoneOffset.UTC));
        }
        for (int i = 0; i < query.terms().size(); i++) {
            clauses.add("p.search_text LIKE :term" + i + " ESCAPE '\\'");
            parameters.put("term" + i, "%" + escapeLike(query.terms().get(i)) + "%");
        }
        return String.join(" AND ", clauses);
    }

    private static String sortExpression(SearchQuery query) {
        return switch (query.sort()) {
            case UPDATED_AT -> "p.updated_at";
            case CREATED_AT -> "p.created_at";
            case BRIEF_TITLE -> "p.brief_title";
            case INITIAL_DOSE_MG -> "COALESCE(p.initial_dose_mg, "
                    + (query.descending() ? MISSING_DOSE_DESCENDING : MISSING_DOSE_ASCENDING) + ")";
        };
    }

    private static Object sortParameter(SortKey key, String value) {
        return switch (key) {
            case UPDATED_AT, CREATED_AT -> Instant.parse(value).atOffset(ZoneOffset.UTC);
            case INITIAL_DOSE_MG -> Double.parseDouble(value);
            case BRIEF_TITLE -> value;
        };
    }

    /** The sort value as the token carries it, whatever type the driver returned. */
    private static String sortValueText(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof Number number) {
            return Double.toString(number.doubleValue());
        }
        return String.valueOf(value);
    }

    private static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
