package org.protocolregistry.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A validated search: filters, sort, page and the members to return. */
public record SearchQuery(
        List<String> statuses,
        List<String> conditionCategories,
        List<String> phases,
        String overallStatus,
        String sponsorOrg,
        Boolean hasErrors,
        String ruleId,
        BigDecimal minInitialDoseMg,
        BigDecimal maxInitialDoseMg,
        Instant updatedSince,
        List<String> terms,
        SortKey sort,
        boolean descending,
        int pageSize,
        PageToken after,
        boolean countTotal,
        Set<String> fields) {

    /** What a page can be sorted on; the protocol id breaks ties. */
    public enum SortKey {
        UPDATED_AT("updatedAt"), CREATED_AT("createdAt"), INITIAL_DOSE_MG("initialDoseMg"), BRIEF_TITLE("briefTitle");

        final String parameter;

        SortKey(String parameter) {
            this.parameter = parameter;
        }
    }

    /** Where the next page starts: after this sort value and id, for this query only. */
    public record PageToken(String sortValue, String id, String queryFingerprint) {
    }
}
