package org.protocolregistry.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.protocolregistry.testing.ProtocolApi.as;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.protocolregistry.api.ProblemException;
import org.protocolregistry.api.ProblemType;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The load benchmark's in-memory baseline: absent unless switched on (as in every deployment),
 * and when on, it answers exactly the bytes it was given.
 */
@QuarkusTest
class LoadBaselineTest {

    private static final String SLOT = LoadBaselineResource.PATH + "/get-by-id";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "PUT", "POST", "DELETE"})
    void isAbsentByDefaultWhateverTheMethodAndToken(String method) {
        for (var token : new String[] {null, Tokens.admin(), Tokens.sponsor(Tokens.uniqueOrg()), "not-a-token"}) {
            var answer = as(token).contentType("application/json").body("{}").request(method, SLOT).then().extract();
            var unknownPath = as(token).contentType("application/json").body("{}")
                    .request(method, "/api/v1/no-such-thing/get-by-id").then().extract();

            assertThat(answer.statusCode()).as(method + " with token " + token).isEqualTo(404);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.<String>path("type")).isEqualTo(unknownPath.<String>path("type"))
                    .isEqualTo(ProblemType.NOT_FOUND.uri());
            assertThat(answer.<String>path("detail")).isEqualTo(unknownPath.<String>path("detail"));
            assertThat(answer.header("WWW-Authenticate")).isNull();
        }
        assertThat(given().get(LoadBaselineResource.PATH).then().extract().statusCode()).isEqualTo(404);
    }

    @Test
    void isNotInTheOpenApiDocument() {
        var document = given().get("/q/openapi").then().statusCode(200).extract().asString();

        assertThat(document).doesNotContain("load-baseline").doesNotContain("LoadBaseline");
    }

    @Test
    void whenEnabledServesTheStoredBytesAsTheyWereGiven() {
        var baseline = enabledBaseline();
        var envelope = "{\"id\":\"x\",\"document\":{\"b\":1,\"a\":[2.0,\"\\u00e9\"]}}".getBytes(StandardCharsets.UTF_8);

        assertThat(baseline.storeSlot("get-by-id", envelope).getStatus()).isEqualTo(204);
        var read = baseline.readSlot("get-by-id");
        var created = baseline.createInSlot("get-by-id", "{\"registration\":{}}".getBytes(StandardCharsets.UTF_8));

        assertThat(read.getStatus()).isEqualTo(200);
        assertThat((byte[]) read.getEntity()).isEqualTo(envelope);
        assertThat(read.getMediaType()).hasToString("application/json");
        assertThat(read.getHeaderString("ETag")).matches("\"[0-9a-f]{16}\"");
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat((byte[]) created.getEntity()).isEqualTo(envelope);
        assertThat(created.getLocation()).hasToString(SLOT);
        assertThat(created.getHeaderString("ETag")).isEqualTo(read.getHeaderString("ETag"));
    }

    @Test
    void whenEnabledRefusesUnknownSlotsAndTooManySlots() {
        var baseline = enabledBaseline();
        for (int i = 0; i < LoadBaselineResource.MAX_SLOTS; i++) {
            baseline.storeSlot("slot-" + i, new byte[] {'{', '}'});
        }

        assertThatThrownBy(() -> baseline.readSlot("never-stored")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND));
        assertThatThrownBy(() -> baseline.storeSlot("one-too-many", new byte[] {'{', '}'}))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST));
        assertThat(baseline.storeSlot("slot-0", new byte[] {'[', ']'}).getStatus()).isEqualTo(204);
    }

    @Test
    void hidesOnlyItsOwnPathsAndOnlyWhileDisabled() {
        var disabled = new LoadBaselineResource();

        assertThat(disabled.hides(LoadBaselineResource.PATH)).isTrue();
        assertThat(disabled.hides(SLOT)).isTrue();
        assertThat(disabled.hides("/api/v1/load-baselines")).isFalse();
        assertThat(disabled.hides("/api/v1/protocols")).isFalse();
        assertThat(enabledBaseline().hides(SLOT)).isFalse();
    }

    private static LoadBaselineResource enabledBaseline() {
        var baseline = new LoadBaselineResource();
        baseline.enabled = true;
        return baseline;
    }
}
