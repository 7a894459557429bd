package org.protocolregistry.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;
import static org.protocolregistry.testing.ProtocolApi.createdId;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.Lifecycle;
import org.protocolregistry.testing.ProtocolApi;
import org.protocolregistry.testing.Tokens;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/** Statistics agree with search; exports parse back; a page costs the same statements whatever its size. */
@QuarkusTest
class StatisticsAndExportTest {

    private static final String COMPLETE = Examples.text(Examples.FIBROMYALGIA);

    @Inject
    SessionFactory sessionFactory;

    @Inject
    MeterRegistry meters;

    private double envelopeStatements() {
        return meters.counter("registry.envelope.statements").count();
    }

    private String sponsor;
    private List<String> ids;

    @BeforeEach
    void sixProtocols() {
        sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(createdId(sponsor, COMPLETE));
        }
        ids.add(createdId(sponsor, Examples.text(Examples.NEUROPATHIC_DRAFT)));
        ids.add(createdId(sponsor, "{\"registration\":{\"briefTitle\":\"=HYPERLINK(\\\"http://x\\\")\"},"
                + "\"dosing\":{\"initialDoseMg\":-5}}"));
        ids.add(createdId(sponsor, "{\"registration\":{\"briefTitle\":\"Comma, \\\"quote\\\" and\\nnew line\"}}"));
        Lifecycle.submit(sponsor, ids.get(0));
    }

    @Test
    void statisticsTotalsEqualSearchTotals() {
        for (var filter : List.of("", "phase=PHASE_2", "hasErrors=true", "ruleId=DOSE-010", "q=fibromyalgia")) {
            var stats = as(sponsor).get("/api/v1/stats" + (filter.isEmpty() ? "" : "?" + filter)).then().extract();
            var searched = as(sponsor).get(PROTOCOLS + "?countTotal=true" + (filter.isEmpty() ? "" : "&" + filter))
                    .then().extract();

            assertThat(stats.statusCode()).isEqualTo(200);
            long total = stats.<Number>path("total").longValue();
            assertThat(total).as(filter).isEqualTo(searched.<Number>path("totalCount").longValue());
            for (var dimension : List.of("byStatus", "byConditionCategory", "byPhase", "byOverallStatus")) {
                assertThat(stats.<List<Number>>path(dimension + ".count").stream().mapToLong(Number::longValue).sum())
                        .as(filter + " " + dimension).isEqualTo(total);
            }
        }
        var all = as(sponsor).get("/api/v1/stats").then().extract();
        assertThat(all.<List<Map<String, Object>>>path("byStatus")).containsExactly(
                Map.of("key", "DRAFT", "count", 5), Map.of("key", "SUBMITTED", "count", 1));
        assertThat(all.<List<String>>path("submissionsPerMonth.key")).hasSize(1).allMatch(key -> key.matches("\\d{4}-\\d{2}"));
        assertThat(all.<List<Map<String, Object>>>path("findingsByRule")).contains(Map.of("key", "DOSE-010", "count", 6));
        assertThat(as(Tokens.sponsor(Tokens.uniqueOrg())).get("/api/v1/stats").then().extract()
                .<Integer>path("total")).as("another sponsor counts none of these").isZero();
        assertThat(as(sponsor).get("/api/v1/stats?pageSize=5").then().extract().statusCode()).isEqualTo(400);
    }

    @Test
    void csvExportParsesBackWithEveryProtocolOnce() throws IOException {
        var csv = as(sponsor).accept("text/csv").get(PROTOCOLS + "?sort=createdAt").then().extract();

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.asString());
        var parsed = rows.readAll();
        assertThat(parsed).extracting(row -> row.get("id")).containsExactlyElementsOf(ids);
        assertThat(parsed.get(0)).containsEntry("status", "SUBMITTED").containsEntry("phase", "PHASE_2")
                .containsEntry("initialDoseMg", "120").containsEntry("errorCount", "0").containsEntry("warningCount", "1");
        assertThat(parsed.get(4).get("briefTitle")).as("formula neutralised").isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(parsed.get(4).get("initialDoseMg")).as("numbers as written").isEqualTo("-5");
        assertThat(parsed.get(5).get("briefTitle")).isEqualTo("Comma, \"quote\" and\nnew line");
        assertThat(parsed.get(0).keySet()).containsExactlyElementsOf(Exports.CSV_COLUMNS);
    }

    @Test
    void ndjsonExportHasOneEnvelopePerLine() {
        var ndjson = as(sponsor).accept("application/x-ndjson").get(PROTOCOLS + "?sort=createdAt").then().extract();

        assertThat(ndjson.statusCode()).isEqualTo(200);
        var lines = ndjson.asString().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.stream().map(line -> ProtocolApi.json(line).get("id").asText()).toList())
                .containsExactlyElementsOf(ids);
        assertThat(ProtocolApi.json(lines.get(0)).get("document")).isEqualTo(ProtocolApi.json(COMPLETE));
        var invalid = as(sponsor).accept("application/x-ndjson").get(PROTOCOLS + "?phase=PHASE_X").then().extract();
        assertThat(invalid.statusCode()).isEqualTo(400);
    }

    @Test
    void jsonStaysTheDefaultForClientsThatAcceptAnything() {
        var response = as(sponsor).accept("*/*").get(PROTOCOLS).then().extract();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
    }

    @Test
    void aPageCostsTheSameStatementsWhateverItsSize() {
        var statistics = sessionFactory.getStatistics();
        statistics.setStatisticsEnabled(true);

        statistics.clear();
        var envelopesBefore = envelopeStatements();
        var pageOfOne = as(sponsor).get(PROTOCOLS + "?pageSize=1").then().statusCode(200).extract();
        var one = statistics.getPrepareStatementCount();
        var envelopesForOne = envelopeStatements() - envelopesBefore;
        statistics.clear();
        envelopesBefore = envelopeStatements();
        var pageOfSix = as(sponsor).get(PROTOCOLS + "?pageSize=6").then().statusCode(200).extract();
        var six = statistics.getPrepareStatementCount();
        var envelopesForSix = envelopeStatements() - envelopesBefore;

        assertThat(pageOfOne.<List<?>>path("items")).hasSize(1);
        assertThat(pageOfSix.<List<?>>path("items")).hasSize(6);
        assertThat(one).isPositive();
        assertThat(six).as("no query per item (N+1)").isEqualTo(one);
        assertThat(six).isLessThanOrEqualTo(3);
        // The envelopes are read by plain JDBC (EnvelopeReader), which Hibernate does not count.
        assertThat(envelopesForOne).as("envelope statements for a page of 1").isEqualTo(1.0);
        assertThat(envelopesForSix).as("envelope statements for a page of 6").isEqualTo(1.0);
    }
}
