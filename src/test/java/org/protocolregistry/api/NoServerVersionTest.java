package org.protocolregistry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * No answer, whatever its status or endpoint, names the server software or its versions: no
 * Server or X-Powered-By header, no product or version in any header, no stack version in any body.
 */
@QuarkusTest
class NoServerVersionTest {

    /** Headers that announce software; none may be sent. */
    private static final List<String> ANNOUNCING_HEADERS = List.of("Server", "X-Powered-By", "X-AspNet-Version",
            "X-Runtime", "Via");

    /** Products of the stack: no header value names them. */
    private static final List<String> PRODUCTS = List.of("quarkus", "vert.x", "vertx", "netty", "resteasy",
            "smallrye", "hibernate", "narayana", "agroal", "h2", "jetty", "undertow", "openjdk", "java");

    static Stream<Arguments> answers() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        return Stream.of(
                answer("200 API", 200, spec -> as(Tokens.viewer()).get("/api/v1/rules")),
                answer("201 create", 201, spec -> as(sponsor).contentType("application/json")
                        .body(Examples.text(Examples.FIBROMYALGIA)).post(PROTOCOLS)),
                answer("200 health", 200, spec -> spec.get("/q/health")),
                answer("200 readiness", 200, spec -> spec.get("/q/health/ready")),
                answer("200 metrics", 200, spec -> spec.get("/q/metrics")),
                answer("200 OpenAPI", 200, spec -> spec.get("/q/openapi")),
                answer("200 Swagger UI", 200, spec -> spec.get("/q/swagger-ui/")),
                answer("400 invalid", 400, spec -> as(Tokens.viewer()).get(PROTOCOLS + "?phase=PHASE_9")),
                answer("401 no token", 401, spec -> spec.get(PROTOCOLS)),
                answer("403 wrong role", 403, spec -> as(Tokens.viewer()).contentType("application/json")
                        .body("{}").post(PROTOCOLS)),
                answer("404 unknown path", 404, spec -> spec.get("/nothing-here")),
                answer("405 wrong method", 405, spec -> as(Tokens.viewer()).delete("/api/v1/rules")),
                answer("413 body too large", 413, spec -> as(sponsor).contentType("application/json")
                        .body("x".repeat(RequestBodyLimit.MAX_BODY_BYTES + 1)).post(PROTOCOLS)),
                answer("414 request line too long", 414, spec -> spec.urlEncodingEnabled(false)
                        .get(PROTOCOLS + "?q=" + "a".repeat(5000))),
                answer("431 headers too large", 431, spec -> spec.header("X-Padding", "a".repeat(20_000))
                        .get(PROTOCOLS)),
                answer("500 in a resource", 500, spec -> spec.get("/test-only/resource-fault")),
                answer("500 in a route", 500, spec -> spec.get("/test-only/route-fault")),
                answer("503 query timeout", 503, spec -> spec.get("/test-only/slow-statement")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void namesNoSoftwareAndNoVersion(String name, int status, Function<RequestSpecification, Response> request) {
        ExtractableResponse<Response> response = request.apply(io.restassured.RestAssured.given()).then().extract();

        assertThat(response.statusCode()).isEqualTo(status);
        for (var header : ANNOUNCING_HEADERS) {
            assertThat(response.header(header)).as(header).isNull();
        }
        for (var header : response.headers()) {
            var value = header.getValue().toLowerCase(Locale.ROOT);
            for (var product : PRODUCTS) {
                assertThat(value).as(header.getName()).doesNotContain(product);
            }
            for (var version : stackVersions()) {
                assertThat(value).as(header.getName()).doesNotContain(version);
            }
        }
        var body = response.asString();
        for (var version : stackVersions()) {
            assertThat(body).as("body").doesNotContain(version);
        }
    }

    private static Arguments answer(String name, int status, Function<RequestSpecification, Response> request) {
        return Arguments.of(name, status, request);
    }

    /** The exact versions of the runtime and the main libraries, as a fingerprinting client would look for. */
    private static List<String> stackVersions() {
        var versions = new ArrayList<String>();
        versions.add(System.getProperty("java.version"));
        versions.add(Runtime.version().toString());
        versions.add(io.quarkus.builder.Version.getVersion());
        versions.add(org.hibernate.Version.getVersionString());
        versions.add(org.h2.engine.Constants.VERSION);
        versions.add(io.vertx.core.impl.launcher.commands.VersionCommand.getVersion());
        versions.removeIf(version -> version == null || version.isBlank());
        return versions;
    }
}
