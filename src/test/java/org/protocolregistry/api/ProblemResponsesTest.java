package org.protocolregistry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;
import static org.protocolregistry.testing.ProtocolApi.create;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Every refusal is an RFC 9457 problem: the right status, the field named, nothing internal leaked. */
@QuarkusTest
class ProblemResponsesTest {

    private String sponsor;

    @BeforeEach
    void newSponsor() {
        sponsor = Tokens.sponsor(Tokens.uniqueOrg());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown property       | {"registration":{"briefTitle":"T","briefTitel":"x"}} | /registration/briefTitel | unknown property
            malformed JSON         | {"registration":{"briefTitle":"T"}                   | /registration            | malformed JSON
            string for a number    | {"registration":{"briefTitle":"T"},"dosing":{"initialDoseMg":"120"}} | /dosing/initialDoseMg | the string "120"
            fraction for a count   | {"registration":{"briefTitle":"T","plannedEnrollment":60.5}} | /registration/plannedEnrollment | an integer
            unknown enum value     | {"registration":{"briefTitle":"T","phase":"PHASE_9"}} | /registration/phase | EARLY_PHASE_1, PHASE_1, PHASE_1_2, PHASE_2, PHASE_2_3, PHASE_3, PHASE_4, NOT_APPLICABLE
            missing brief title    | {"registration":{"phase":"PHASE_2"}}                 | /registration/briefTitle | briefTitle is required
            null list element      | {"registration":{"briefTitle":"T","countries":[null]}} | /registration/countries/0 | null
            empty body             | ''                                                   | ''                       | empty
            """)
    void parseErrorsAnswer400NamingTheField(String name, String body, String pointer, String messagePart) {
        var response = create(sponsor, body);

        assertProblem(response, 400);
        assertThat(response.<String>path("type")).isEqualTo(ProblemType.INVALID_DOCUMENT.uri());
        assertThat(response.<List<String>>path("violations.pointer")).containsExactly(pointer);
        assertThat(response.<String>path("violations[0].message")).contains(messagePart);
        assertThat(response.<String>path("instance")).isEqualTo(PROTOCOLS);
    }

    @Test
    void bodyOverOneMebibyteAnswers413WhenItsLengthIsAnnounced() {
        var response = create(sponsor, paddedDocument(RequestBodyLimit.MAX_BODY_BYTES + 1));

        assertProblem(response, 413);
        assertThat(response.<String>path("type")).isEqualTo(ProblemType.BODY_TOO_LARGE.uri());
    }

    @Test
    void bodyOverOneMebibyteAnswers413WhenSentInChunks() {
        InputStream chunked = new ByteArrayInputStream(paddedDocument(RequestBodyLimit.MAX_BODY_BYTES + 1));

        var response = as(sponsor).contentType("application/json").body(chunked).post(PROTOCOLS).then().extract();

        assertProblem(response, 413);
    }

    @Test
    void bodyOfExactlyOneMebibyteIsAccepted() {
        var response = create(sponsor, paddedDocument(RequestBodyLimit.MAX_BODY_BYTES));

        assertThat(response.statusCode()).isEqualTo(201);
    }

    /**
     * Regression: a lone surrogate used to be stored, and then no answer that held the document
     * could be written (500 on the create and on every later search of the sponsor).
     */
    @Test
    void aLoneSurrogateIsRefusedAndNothingIsStored() {
        var response = create(sponsor, "{\"registration\":{\"briefTitle\":\"broken \\ud800 title\"}}");

        assertProblem(response, 400);
        assertThat(response.<List<String>>path("violations.pointer")).containsExactly("/registration/briefTitle");
        var search = as(sponsor).get(PROTOCOLS).then().extract();
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.<List<Object>>path("items")).isEmpty();
    }

    /** Regression: PostgreSQL cannot compare text holding U+0000, so an id or filter with %00 answered 500 there. */
    @ParameterizedTest
    @CsvSource({"/api/v1/protocols/%00", "/api/v1/protocols/abc%00def/versions", "/api/v1/protocols?sponsorOrg=a%00b",
            "/api/v1/stats?q=%00", "/api/v1/rules/DOSE-001%00"})
    void nulInTheUrlAnswers400(String url) {
        var response = as(Tokens.admin()).urlEncodingEnabled(false).get(url).then().extract();

        assertProblem(response, 400);
        assertThat(response.<String>path("detail")).contains("U+0000");
    }

    @Test
    void unknownPathAnswers404() {
        assertProblem(as(sponsor).get("/api/v1/nothing-here").then().extract(), 404);
    }

    @Test
    void unsupportedMethodAnswers405WithAllow() {
        var response = as(sponsor).delete(PROTOCOLS).then().extract();

        assertProblem(response, 405);
        assertThat(response.header("Allow")).contains("POST");
    }

    /**
     * Regression: paths served by their own resource class under /protocols/{id} (reviews, FHIR)
     * answered an unsupported method with 404, as if the path did not exist.
     */
    @ParameterizedTest
    @CsvSource({"DELETE, /reviews, 'GET, HEAD, OPTIONS, POST'", "PUT, /reviews, 'GET, HEAD, OPTIONS, POST'",
            "POST, /fhir, 'GET, HEAD, OPTIONS'", "DELETE, '', 'GET, HEAD, OPTIONS, PUT'"})
    void unsupportedMethodOnAProtocolSubresourceAnswers405(String method, String subresource, String allow) {
        var id = create(sponsor, "{\"registration\":{\"briefTitle\":\"T\"}}").<String>path("id");

        var response = as(sponsor).request(method, PROTOCOLS + "/" + id + subresource).then().extract();

        assertProblem(response, 405);
        assertThat(response.header("Allow")).isEqualTo(allow);
    }

    @Test
    void unproducibleAcceptAnswers406() {
        var id = create(sponsor, "{\"registration\":{\"briefTitle\":\"T\"}}").<String>path("id");

        assertProblem(as(sponsor).accept("text/csv").get(PROTOCOLS + "/" + id).then().extract(), 406);
    }

    @Test
    void bodyThatIsNotJsonAnswers415() {
        assertProblem(as(sponsor).contentType("text/plain").body("{}").post(PROTOCOLS).then().extract(), 415);
    }

    @Test
    void noTokenAnswers401WithABearerChallenge() {
        var response = as(null).get(PROTOCOLS + "/any").then().extract();

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    /** A valid document of exactly {@code size} bytes: the title is padded. */
    private static byte[] paddedDocument(int size) {
        var prefix = "{\"registration\":{\"briefTitle\":\"";
        var suffix = "\"}}";
        var body = new byte[size];
        Arrays.fill(body, (byte) 'a');
        System.arraycopy(prefix.getBytes(), 0, body, 0, prefix.length());
        System.arraycopy(suffix.getBytes(), 0, body, size - suffix.length(), suffix.length());
        return body;
    }

    static void assertProblem(ExtractableResponse<Response> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.<Integer>path("status")).isEqualTo(status);
        assertThat(response.<String>path("title")).isNotBlank();
        assertThat(response.<String>path("detail")).isNotBlank();
        assertThat(response.asString()).doesNotContain("java.", "Exception", "\tat ", "org.protocolregistry",
                "com.fasterxml", "io.quarkus");
    }
}
