package org.protocolregistry.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;
import static org.protocolregistry.testing.ProtocolApi.createdId;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.Lifecycle;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Search over one sponsor organisation's protocols (each test has its own organisation). */
@QuarkusTest
class SearchApiTest {

    private static final String COMPLETE = Examples.text(Examples.FIBROMYALGIA);

    private String org;
    private String sponsor;
    private Map<String, String> ids;

    @BeforeEach
    void fiveProtocols() {
        org = Tokens.uniqueOrg();
        sponsor = Tokens.sponsor(org);
        ids = new java.util.LinkedHashMap<>();
        ids.put("fibro", createdId(sponsor, COMPLETE));
        ids.put("fibroHighDose", createdId(sponsor, COMPLETE.replace("\"initialDoseMg\": 120", "\"initialDoseMg\": 130")
                .replace("MDMA-assisted therapy for fibromyalgia", "High-dose MDMA therapy for fibromyalgia")));
        ids.put("neuropathic", createdId(sponsor, Examples.text(Examples.NEUROPATHIC_DRAFT)));
        ids.put("backPain", createdId(sponsor, "{\"registration\":{\"briefTitle\":\"Low back pain pilot\","
                + "\"phase\":\"PHASE_1\",\"overallStatus\":\"RECRUITING\"},"
                + "\"condition\":{\"category\":\"CHRONIC_LOW_BACK_PAIN\",\"name\":\"Chronic low back pain\"},"
                + "\"dosing\":{\"initialDoseMg\":80.5}}"));
        ids.put("untitledDose", createdId(sponsor, "{\"registration\":{\"briefTitle\":\"A 100% draft_with wildcards\"}}"));
        Lifecycle.submit(sponsor, ids.get("fibro"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            status=DRAFT                                   | fibroHighDose,neuropathic,backPain,untitledDose
            status=SUBMITTED                               | fibro
            status=SUBMITTED&status=DRAFT                  | fibro,fibroHighDose,neuropathic,backPain,untitledDose
            status=SUBMITTED,APPROVED                      | fibro
            conditionCategory=FIBROMYALGIA                 | fibro,fibroHighDose
            conditionCategory=NEUROPATHIC_PAIN,CHRONIC_LOW_BACK_PAIN | neuropathic,backPain
            phase=PHASE_1                                  | backPain
            phase=PHASE_2&phase=EARLY_PHASE_1              | fibro,fibroHighDose,neuropathic
            overallStatus=RECRUITING                       | backPain
            hasErrors=true                                 | fibroHighDose,neuropathic,backPain,untitledDose
            hasErrors=false                                | fibro
            ruleId=DOSE-003                                | fibroHighDose
            ruleId=DOSE-010                                | fibro,fibroHighDose,neuropathic,backPain,untitledDose
            ruleId=GATE-001                                | backPain,untitledDose
            minInitialDoseMg=100                           | fibro,fibroHighDose,neuropathic
            maxInitialDoseMg=100                           | neuropathic,backPain
            minInitialDoseMg=80.5&maxInitialDoseMg=80.5    | backPain
            q=fibromyalgia                                 | fibro,fibroHighDose
            q=HIGH-DOSE fibromyalgia                       | fibroHighDose
            q=weekly average pain                          | fibro,fibroHighDose
            q=back                                         | backPain
            q=100%                                         | untitledDose
            q=t_w                                          | untitledDose
            q=%                                            | untitledDose
            q=nothing-matches-this                         | ''
            """)
    void everyFilterNarrowsTheResult(String filter, String expected) {
        var response = search(sponsor, filter + "&pageSize=200");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(names(response.path("items.id")))
                .containsExactlyInAnyOrderElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split(",")));
    }

    @Test
    void updatedSinceKeepsOnlyLaterChanges() {
        var cutoff = as(sponsor).get(PROTOCOLS + "/" + ids.get("untitledDose")).then().extract().<String>path("updatedAt");
        as(sponsor).contentType("application/json").header("If-Match", "*")
                .body("{\"registration\":{\"briefTitle\":\"Renamed later\"}}").put(PROTOCOLS + "/" + ids.get("backPain"));

        var response = search(sponsor, "updatedSince=" + cutoff);

        assertThat(names(response.path("items.id"))).contains("backPain", "untitledDose").doesNotContain("fibroHighDose");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            initialDoseMg:asc   | backPain,neuropathic,fibro,fibroHighDose,untitledDose
            initialDoseMg:desc  | fibroHighDose,fibro,neuropathic,backPain,untitledDose
            briefTitle          | untitledDose,fibroHighDose,backPain,fibro,neuropathic
            """)
    void sortsOnEveryKeyWithMissingValuesLast(String sort, String expected) {
        var response = search(sponsor, "sort=" + sort);

        assertThat(names(response.path("items.id"))).containsExactly(expected.split(","));
    }

    @ParameterizedTest
    @CsvSource({"createdAt:asc", "createdAt:desc", "updatedAt:asc", "updatedAt:desc", "initialDoseMg:asc",
        "briefTitle:desc"})
    void walkingAllPagesReturnsEachProtocolExactlyOnceInOrder(String sort) {
        var seen = new ArrayList<String>();
        var sortValues = new ArrayList<String>();
        String token = null;
        var pages = 0;
        do {
            var response = search(sponsor, "sort=" + sort + "&pageSize=2" + (token == null ? "" : "&pageToken=" + token));
            assertThat(response.statusCode()).isEqualTo(200);
            seen.addAll(response.path("items.id"));
            if (sort.startsWith("createdAt") || sort.startsWith("updatedAt")) {
                sortValues.addAll(response.<List<String>>path("items." + sort.split(":")[0]));
            }
            token = response.path("nextPageToken");
            pages++;
        } while (token != null && pages < 10);

        assertThat(seen).hasSize(5).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids.values());
        assertThat(pages).isEqualTo(3);
        if (sort.startsWith("createdAt") || sort.startsWith("updatedAt")) {
            var times = sortValues.stream().map(java.time.Instant::parse).toList();
            var sorted = new ArrayList<>(times);
            sorted.sort(sort.endsWith("desc") ? Comparator.reverseOrder() : Comparator.naturalOrder());
            assertThat(times).isEqualTo(sorted);
        }
    }

    @Test
    void aPageTokenWorksOnlyWithItsOwnQuery() {
        var first = search(sponsor, "phase=PHASE_2&pageSize=1");
        String token = first.path("nextPageToken");

        var reused = search(sponsor, "phase=PHASE_1&pageSize=1&pageToken=" + token);
        var forged = search(sponsor, "pageToken=not-a-token");

        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.<List<String>>path("violations.parameter")).containsExactly("pageToken");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(search(sponsor, "phase=PHASE_2&pageSize=5&pageToken=" + token).statusCode())
                .as("page size may change between pages").isEqualTo(200);
    }

    /**
     * Regression: a token decoded, edited and encoded again kept its fingerprint and was trusted, so a
     * sort value that does not parse answered 500 (and on PostgreSQL, so did any U+0000 in it).
     */
    @ParameterizedTest(name = "{0}: {1}={2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            updatedAt:desc     | sortValue | yesterday
            createdAt:asc      | sortValue | 1e999999
            initialDoseMg:asc  | sortValue | a lot
            initialDoseMg:asc  | sortValue | NaN
            briefTitle:asc     | sortValue | A\\u0000B
            updatedAt:desc     | id        | ' OR 1=1 --
            updatedAt:desc     | id        | 
            """)
    void editedPageTokensAnswer400(String sort, String member, String value) throws Exception {
        var first = search(sponsor, "sort=" + sort + "&pageSize=1");
        var json = new ObjectMapper();
        var token = (ObjectNode) json.readTree(
                Base64.getUrlDecoder().decode(first.<String>path("nextPageToken")));
        token.put(member, value == null ? null : value.replace("\\u0000", "\u0000"));
        var edited = Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(token));

        var response = search(sponsor, "sort=" + sort + "&pageSize=1&pageToken=" + edited);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.<List<String>>path("violations.parameter")).containsExactly("pageToken");
    }

    @Test
    void aTokenOfJsonNullAnswers400() {
        var response = search(sponsor, "pageToken=" + Base64.getUrlEncoder().encodeToString("null".getBytes()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.<List<String>>path("violations.parameter")).containsExactly("pageToken");
    }

    @Test
    void countTotalCountsEveryMatchAndFieldsPickMembers() {
        var response = search(sponsor, "countTotal=true&pageSize=2&fields=id,status,registration");

        assertThat(response.<Integer>path("totalCount")).isEqualTo(5);
        assertThat(response.<List<Map<String, Object>>>path("items")).hasSize(2)
                .allSatisfy(item -> assertThat(item).containsOnlyKeys("id", "status", "document"));
        assertThat(response.<Map<String, Object>>path("items[0].document")).containsOnlyKeys("registration");
        assertThat(search(sponsor, "").<Integer>path("totalCount")).as("only when asked").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            stauts=DRAFT                     | stauts
            status=DRAFTY                    | status
            phase=PHASE_9                    | phase
            pageSize=0                       | pageSize
            pageSize=201                     | pageSize
            sort=title                       | sort
            sort=updatedAt:sideways          | sort
            hasErrors=yes                    | hasErrors
            minInitialDoseMg=lots            | minInitialDoseMg
            minInitialDoseMg=2&maxInitialDoseMg=1 | minInitialDoseMg
            updatedSince=yesterday           | updatedSince
            ruleId=DROP TABLE protocol       | ruleId
            fields=id,secret                 | fields
            sponsorOrg=someone               | sponsorOrg
            countTotal=maybe                 | countTotal
            """)
    void invalidParametersAnswer400NamingThem(String query, String parameter) {
        var response = search(sponsor, query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.<List<String>>path("violations.parameter")).contains(parameter);
    }

    @Test
    void othersSeeOnlyWhatTheyMay() {
        var otherSponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var reviewer = Tokens.reviewer();

        assertThat(search(otherSponsor, "q=fibromyalgia&pageSize=200").<List<String>>path("items.id"))
                .doesNotContainAnyElementsOf(ids.values());
        assertThat(search(reviewer, "sponsorOrg=" + org + "&pageSize=200").<List<String>>path("items.id"))
                .containsExactly(ids.get("fibro"));
        assertThat(search(Tokens.viewer(), "q=fibromyalgia&pageSize=200").<List<String>>path("items.id"))
                .doesNotContainAnyElementsOf(ids.values());

        Lifecycle.review(reviewer, ids.get("fibro"), "{\"decision\":\"APPROVE\"}");
        var published = search(Tokens.viewer(), "status=APPROVED&q=fibromyalgia&pageSize=200");
        assertThat(published.<List<String>>path("items.id")).contains(ids.get("fibro"))
                .doesNotContain(ids.get("fibroHighDose"));
    }

    @Test
    void unchangedResultsAnswer304() {
        var first = search(sponsor, "phase=PHASE_2");
        var etag = first.header("ETag");

        var again = as(sponsor).header("If-None-Match", etag).get(PROTOCOLS + "?phase=PHASE_2").then().extract();
        var single = as(sponsor).get(PROTOCOLS + "/" + ids.get("fibro")).then().extract();
        var singleAgain = as(sponsor).header("If-None-Match", single.header("ETag"))
                .get(PROTOCOLS + "/" + ids.get("fibro")).then().extract();

        assertThat(etag).isNotBlank();
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(singleAgain.statusCode()).isEqualTo(304);
        as(sponsor).contentType("application/json").header("If-Match", "*")
                .body(COMPLETE.replace("\"plannedEnrollment\": 60", "\"plannedEnrollment\": 61"))
                .put(PROTOCOLS + "/" + ids.get("fibroHighDose"));
        assertThat(as(sponsor).header("If-None-Match", etag).get(PROTOCOLS + "?phase=PHASE_2").then().extract()
                .statusCode()).as("a change to an item changes the page").isEqualTo(200);
    }

    private ExtractableResponse<Response> search(String token, String query) {
        return as(token).get(query.isEmpty() ? PROTOCOLS : PROTOCOLS + "?" + query).then().extract();
    }

    private List<String> names(List<String> foundIds) {
        var byId = new java.util.HashMap<String, String>();
        ids.forEach((name, id) -> byId.put(id, name));
        return foundIds.stream().map(id -> byId.getOrDefault(id, "other:" + id)).toList();
    }
}
