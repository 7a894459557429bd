package org.protocolregistry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/** An unexpected fault answers a 500 problem with an incident id, and nothing else. */
@QuarkusTest
class FaultResponsesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/test-only/resource-fault", "/test-only/route-fault"})
    void faultsAnswerAnOpaqueProblem(String path) {
        var response = given().get(path).then().extract();

        ProblemResponsesTest.assertProblem(response, 500);
        assertThat(response.<String>path("type")).isEqualTo(ProblemType.INTERNAL.uri());
        assertThat(response.<String>path("detail")).containsPattern("incident [0-9a-f-]{36}");
        assertThat(response.asString()).doesNotContain("secret", "Hidden", "IllegalState");
    }
}
