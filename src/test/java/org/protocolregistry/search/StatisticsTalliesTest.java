package org.protocolregistry.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.createdId;
import static org.protocolregistry.testing.ProtocolApi.replace;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.protocolregistry.security.Caller;
import org.protocolregistry.security.Role;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.Lifecycle;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The statistics tallies, kept in step by every write, give exactly what counting over the
 * protocols gives: for every role and every filter the tallies answer, after protocols have
 * been through every lifecycle path (the database also holds every other test's protocols).
 */
@QuarkusTest
class StatisticsTalliesTest {

    private static final String COMPLETE = Examples.text(Examples.FIBROMYALGIA);
    private static final String DRAFT = Examples.text(Examples.NEUROPATHIC_DRAFT);
    private static final String APPROVE = "{\"decision\":\"APPROVE\"}";

    @Inject
    ProtocolSearch search;

    private String orgA;
    private String orgB;

    @BeforeEach
    void protocolsInEveryState() {
        orgA = Tokens.uniqueOrg();
        orgB = Tokens.uniqueOrg();
        var sponsorA = Tokens.sponsor(orgA);
        var sponsorB = Tokens.sponsor(orgB);
        var reviewer = Tokens.reviewer();

        createdId(sponsorA, DRAFT); // private draft with errors
        var edited = createdId(sponsorA, DRAFT);
        replace(sponsorA, edited, "*", COMPLETE); // errors fixed by an edit, never submitted

        var changesRequested = Lifecycle.submittedProtocol(sponsorA);
        Lifecycle.review(reviewer, changesRequested, "{\"decision\":\"REQUEST_CHANGES\"}");
        replace(sponsorA, changesRequested, "*", DRAFT); // back to errors after review

        var amended = Lifecycle.submittedProtocol(sponsorB);
        Lifecycle.review(reviewer, amended, APPROVE);
        Lifecycle.amend(sponsorB, amended);
        replace(sponsorB, amended, "*", DRAFT); // an amendment in progress, published version stays

        var amendmentRejected = Lifecycle.submittedProtocol(sponsorB);
        Lifecycle.review(reviewer, amendmentRejected, APPROVE);
        Lifecycle.amend(sponsorB, amendmentRejected);
        Lifecycle.submit(sponsorB, amendmentRejected);
        Lifecycle.review(reviewer, amendmentRejected, "{\"decision\":\"REJECT\"}");

        var rejected = Lifecycle.submittedProtocol(sponsorB);
        Lifecycle.review(reviewer, rejected, "{\"decision\":\"REJECT\"}");

        var withdrawnAfterApproval = Lifecycle.submittedProtocol(sponsorA);
        Lifecycle.review(reviewer, withdrawnAfterApproval, APPROVE);
        Lifecycle.withdraw(sponsorA, withdrawnAfterApproval);

        var resubmitted = Lifecycle.submittedProtocol(sponsorA);
        Lifecycle.review(reviewer, resubmitted, "{\"decision\":\"REQUEST_CHANGES\"}");
        Lifecycle.submit(sponsorA, resubmitted);
    }

    @Test
    void talliesGiveWhatCountingGivesForEveryRoleAndFilter() {
        var callers = List.of(
                new Caller("admin", null, Set.of(Role.ADMIN)),
                new Caller("reviewer", null, Set.of(Role.REVIEWER)),
                new Caller("viewer", null, Set.of(Role.VIEWER)),
                new Caller("sponsor-a", orgA, Set.of(Role.SPONSOR)),
                new Caller("sponsor-b", orgB, Set.of(Role.SPONSOR)),
                new Caller("sponsor-b-viewer", orgB, Set.of(Role.SPONSOR, Role.VIEWER)),
                new Caller("sponsor-a-reviewer", orgA, Set.of(Role.SPONSOR, Role.REVIEWER)),
                new Caller("no-role", null, Set.of()));
        var filters = List.<Map<String, String>>of(Map.of(), Map.of("status", "APPROVED"),
                Map.of("status", "DRAFT,SUBMITTED"), Map.of("hasErrors", "true"), Map.of("hasErrors", "false"),
                Map.of("sponsorOrg", orgB), Map.of("status", "APPROVED", "sponsorOrg", orgB, "hasErrors", "false"));
        for (var caller : callers) {
            for (var filter : filters) {
                if (filter.containsKey("sponsorOrg") && !(caller.isAdmin() || caller.isReviewer())) {
                    continue; // sponsorOrg is a reviewer's and admin's filter
                }
                var query = query(filter, caller);
                assertThat(ProtocolSearch.answeredByTallies(query)).isTrue();
                var tallied = search.statisticsFromTallies(caller, query);
                assertThat(tallied).as(caller.subject() + " " + filter)
                        .isEqualTo(search.statisticsCounted(caller, query));
                if (filter.isEmpty() && !caller.roles().isEmpty()) {
                    assertThat(tallied.total()).as(caller.subject() + " sees some protocols").isPositive();
                }
            }
        }
    }

    @Test
    void onlyFiltersTheTalliesAreKeyedByUseThem() {
        var admin = new Caller("admin", null, Set.of(Role.ADMIN));
        assertThat(ProtocolSearch.answeredByTallies(query(Map.of("status", "DRAFT", "hasErrors", "true"), admin)))
                .isTrue();
        for (var filter : List.of(Map.of("phase", "PHASE_2"), Map.of("conditionCategory", "FIBROMYALGIA"),
                Map.of("overallStatus", "RECRUITING"), Map.of("ruleId", "DOSE-010"), Map.of("minInitialDoseMg", "80"),
                Map.of("maxInitialDoseMg", "80"), Map.of("updatedSince", "2026-01-01T00:00:00Z"),
                Map.of("q", "pain"))) {
            assertThat(ProtocolSearch.answeredByTallies(query(filter, admin))).as(filter.toString()).isFalse();
        }
    }

    private static SearchQuery query(Map<String, String> filter, Caller caller) {
        var parameters = new MultivaluedHashMap<String, String>();
        filter.forEach(parameters::add);
        return SearchParameters.parse(parameters, caller);
    }
}
