package org.protocolregistry.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;
import static org.protocolregistry.testing.ProtocolApi.createdId;
import static org.protocolregistry.testing.ProtocolApi.draft;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.Tokens;

import ca.uhn.fhir.parser.StrictErrorHandler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** GET /api/v1/protocols/{id}/fhir over HTTP: what a FHIR client gets, parsed with HAPI. */
@QuarkusTest
class FhirResourceTest {

    private String org;
    private String sponsor;

    @BeforeEach
    void newSponsor() {
        org = Tokens.uniqueOrg();
        sponsor = Tokens.sponsor(org);
    }

    @Test
    void ownerGetsAResearchStudyThatHapiParses() {
        var id = createdId(sponsor, Examples.bytes(Examples.FIBROMYALGIA));

        var response = fhir(sponsor, id, FhirJson.MEDIA_TYPE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(FhirJson.MEDIA_TYPE);
        var study = parse(response.asString());
        assertThat(study.getIdElement().getIdPart()).isEqualTo(id);
        assertThat(study.getTitle()).isEqualTo("MDMA-assisted therapy for fibromyalgia");
        assertThat(study.getStatus()).isEqualTo(ResearchStudy.ResearchStudyStatus.INREVIEW);
        assertThat(study.getIdentifier())
                .extracting(Identifier::getSystem, Identifier::getValue)
                .contains(
                        tuple(ResearchStudyMapper.PROTOCOL_ID_SYSTEM, id),
                        tuple(ResearchStudyMapper.orgStudyIdSystem(org), "MAT-FM-02"),
                        tuple("https://clinicaltrials.gov", "NCT09990001"));
        assertThat(study.getSponsor().getIdentifier().getValue()).isEqualTo(org);
    }

    @Test
    void servedAsFhirJsonByDefaultAndAsJsonWhenAsked() {
        var id = createdId(sponsor, draft("Only a title"));

        var anything = fhir(sponsor, id, "*/*");
        var json = fhir(sponsor, id, "application/json");

        assertThat(anything.statusCode()).isEqualTo(200);
        assertThat(anything.contentType()).startsWith(FhirJson.MEDIA_TYPE);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(parse(json.asString()).getTitle()).isEqualTo("Only a title");
    }

    @Test
    void anotherSponsorGets404Problem() {
        var id = createdId(sponsor, Examples.bytes(Examples.FIBROMYALGIA));

        var response = fhir(Tokens.sponsor(Tokens.uniqueOrg()), id, "*/*");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.<Integer>path("status")).isEqualTo(404);
        assertThat(response.<String>path("type")).endsWith(":not-found");
    }

    @Test
    void visibilityFollowsTheProtocolRead() {
        var id = createdId(sponsor, Examples.bytes(Examples.FIBROMYALGIA));

        // A never-submitted draft: reviewers and viewers do not see it, admins do.
        assertThat(fhir(Tokens.reviewer(), id, "*/*").statusCode()).isEqualTo(404);
        assertThat(fhir(Tokens.viewer(), id, "*/*").statusCode()).isEqualTo(404);
        assertThat(fhir(Tokens.admin(), id, "*/*").statusCode()).isEqualTo(200);
        assertThat(fhir(null, id, "*/*").statusCode()).isEqualTo(401);
        assertThat(fhir(sponsor, "no-such-protocol", "*/*").statusCode()).isEqualTo(404);
    }

    private static ExtractableResponse<Response> fhir(String token, String id, String accept) {
        return as(token).accept(accept).get(PROTOCOLS + "/" + id + "/fhir").then().extract();
    }

    private static ResearchStudy parse(String json) {
        return FhirJson.CONTEXT.newJsonParser().setParserErrorHandler(new StrictErrorHandler())
                .parseResource(ResearchStudy.class, json);
    }
}
