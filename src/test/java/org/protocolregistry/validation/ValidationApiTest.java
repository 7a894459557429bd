package org.protocolregistry.validation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;
import static org.protocolregistry.testing.ProtocolApi.create;
import static org.protocolregistry.testing.ProtocolApi.get;
import static org.protocolregistry.testing.ProtocolApi.replace;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.Tokens;
import org.protocolregistry.validation.rules.RuleCatalogue;

import io.quarkus.test.junit.QuarkusTest;

/** The validator through the API: reports on every version, dry runs, the catalogue, re-validation, metrics. */
@QuarkusTest
class ValidationApiTest {

    private static final String FIBROMYALGIA = new String(Examples.bytes(Examples.FIBROMYALGIA), StandardCharsets.UTF_8);

    @Test
    void everyStoredVersionCarriesItsReport() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());

        var created = create(sponsor, FIBROMYALGIA);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.<String>path("validation.ruleSetVersion")).isEqualTo("2026.1");
        assertThat(created.<Boolean>path("validation.valid")).isTrue();
        assertThat(created.<Map<String, Integer>>path("validation.counts"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("ERROR", 0, "WARNING", 1, "INFO", 0));
        assertThat(created.<List<String>>path("validation.findings.ruleId")).containsExactly("DOSE-010");
        assertThat(created.<List<String>>path("validation.findings.path")).containsExactly("/dosing/initialDoseMg");
        assertThat(created.<Object>path("validation.thresholds.'dose.max-initial-mg'")).isEqualTo(125);

        String id = created.path("id");
        var psilocybin = FIBROMYALGIA.replaceFirst("\"substance\": \"MDMA\"", "\"substance\": \"psilocybin\"");
        var replaced = replace(sponsor, id, created.header("ETag"), psilocybin);

        assertThat(replaced.statusCode()).as(replaced.asString()).isEqualTo(200);
        assertThat(replaced.<Boolean>path("validation.valid")).as("findings never stop a draft being saved").isFalse();
        assertThat(replaced.<List<String>>path("validation.findings.ruleId")).contains("GATE-001");
        assertThat(get(sponsor, PROTOCOLS + "/" + id + "/versions/1").<List<String>>path("validation.findings.ruleId"))
                .containsExactly("DOSE-010");
    }

    @Test
    void dryRunValidatesWithoutStoring() {
        var viewer = Tokens.viewer();

        var report = as(viewer).contentType("application/json").body(FIBROMYALGIA).post("/api/v1/validate")
                .then().extract();

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.<Boolean>path("valid")).isTrue();
        assertThat(report.<List<String>>path("findings.ruleId")).containsExactly("DOSE-010");
        assertThat(report.<List<String>>path("findings.severity")).containsExactly("WARNING");
    }

    @Test
    void dryRunRefusesWhatCreateRefuses() {
        var response = as(Tokens.reviewer()).contentType("application/json")
                .body("{\"registration\":{\"briefTitle\":\"T\"},\"dosing\":{\"initialDoseMg\":\"120\"}}")
                .post("/api/v1/validate").then().extract();

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.<List<String>>path("violations.pointer")).containsExactly("/dosing/initialDoseMg");
    }

    @Test
    void catalogueListsEveryRuleWithItsThresholds() {
        var rules = as(Tokens.viewer()).get("/api/v1/rules").then().extract();

        assertThat(rules.statusCode()).isEqualTo(200);
        assertThat(rules.<String>path("ruleSetVersion")).isEqualTo("2026.1");
        assertThat(rules.<List<String>>path("items.id"))
                .containsExactlyElementsOf(RuleCatalogue.rules().stream().map(Rule::id).toList());
        assertThat(rules.<Integer>path("totalCount")).isEqualTo(RuleCatalogue.rules().size());

        var gate = as(Tokens.viewer()).get("/api/v1/rules/GATE-001").then().extract();
        assertThat(gate.statusCode()).isEqualTo(200);
        assertThat(gate.<List<String>>path("severities")).containsExactly("ERROR");
        assertThat(gate.<String>path("reference")).isNotBlank();

        var unknown = as(Tokens.viewer()).get("/api/v1/rules/NOPE-001").then().extract();
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void revalidationReturnsTheNewReportBesideTheStoredOneAndChangesNothing() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        String id = create(sponsor, FIBROMYALGIA).path("id");
        var before = get(sponsor, PROTOCOLS + "/" + id + "/versions/1").asString();

        var revalidation = as(Tokens.admin()).post(PROTOCOLS + "/" + id + "/versions/1/revalidate").then().extract();

        assertThat(revalidation.statusCode()).isEqualTo(200);
        assertThat(revalidation.<String>path("protocolId")).isEqualTo(id);
        assertThat(revalidation.<Integer>path("version")).isEqualTo(1);
        assertThat(revalidation.<String>path("storedRuleSetVersion")).isEqualTo("2026.1");
        assertThat(revalidation.<List<String>>path("report.findings.ruleId")).containsExactly("DOSE-010");
        assertThat(revalidation.<List<String>>path("storedReport.findings.ruleId")).containsExactly("DOSE-010");
        assertThat(get(sponsor, PROTOCOLS + "/" + id + "/versions/1").asString()).isEqualTo(before);
        assertThat(as(Tokens.admin()).post(PROTOCOLS + "/" + id + "/versions/9/revalidate").then().extract()
                .statusCode()).isEqualTo(404);
    }

    @Test
    void findingsAreCountedByRuleAndSeverity() {
        var before = findingCount("DOSE-010", "WARNING");

        create(Tokens.sponsor(Tokens.uniqueOrg()), FIBROMYALGIA);

        assertThat(findingCount("DOSE-010", "WARNING")).isEqualTo(before + 1);
        assertThat(given().get("/q/metrics").asString()).contains("registry_validation_seconds_count");
    }

    private static double findingCount(String rule, String severity) {
        var metrics = given().get("/q/metrics").asString();
        return metrics.lines()
                .filter(line -> line.startsWith("registry_validation_findings_total{"))
                .filter(line -> line.contains("rule=\"" + rule + "\"") && line.contains("severity=\"" + severity + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }
}
