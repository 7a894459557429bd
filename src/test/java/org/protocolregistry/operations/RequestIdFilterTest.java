package org.protocolregistry.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The request id filter, as a plain unit test: the choice of id, and the filter on a real Vert.x
 * router and HTTP server (an ephemeral port, no Quarkus boot). {@code RequestIdTest} checks the
 * same against the whole application.
 */
class RequestIdFilterTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private static Vertx vertx;
    private static HttpServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void startServer() throws Exception {
        vertx = Vertx.vertx();
        var router = Router.router(vertx);
        new RequestIdFilter().install(router);
        // Answers with what a resource would log: the MDC value and the routing-context value.
        router.get("/echo").handler(context -> context.response()
                .end(MDC.get(RequestIdFilter.MDC_KEY) + " " + context.get(RequestIdFilter.MDC_KEY)));
        server = vertx.createHttpServer().requestHandler(router).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopServer() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "3f2b9c1e-6d4a-4f7e-9a51-0c2d8e7b6a10", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "req_1.2:3~x", "dGVzdA+/==", "a"})
    void keepsASaneIncomingId(String incoming) {
        assertThat(RequestIdFilter.requestIdFor(incoming)).isEqualTo(incoming);
    }

    @Test
    void keepsAnIdOfExactly100Characters() {
        var longest = "x".repeat(RequestIdFilter.MAX_LENGTH);
        assertThat(RequestIdFilter.requestIdFor(longest)).isEqualTo(longest);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "a b", "id\r\nFAKE log line", "id\nx", "\"quoted\"", "<script>", "caf\u00e9", "tab\tid", "semi;colon"})
    void replacesAMissingOrUnsafeIdWithANewUuid(String incoming) {
        assertThat(RequestIdFilter.requestIdFor(incoming)).matches(UUID_PATTERN);
    }

    @Test
    void replacesAnIdLongerThan100Characters() {
        assertThat(RequestIdFilter.requestIdFor("x".repeat(RequestIdFilter.MAX_LENGTH + 1))).matches(UUID_PATTERN);
    }

    @Test
    void generatesADifferentIdForEveryRequest() {
        assertThat(RequestIdFilter.requestIdFor(null)).isNotEqualTo(RequestIdFilter.requestIdFor(null));
    }

    @Test
    void echoesTheCallersIdAndPutsItInTheMdc() throws Exception {
        var response = get("/echo", "client-42");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(RequestIdFilter.HEADER)).hasValue("client-42");
        assertThat(response.body()).isEqualTo("client-42 client-42");
    }

    @Test
    void answersAGeneratedIdWhenTheCallerSentNone() throws Exception {
        var response = get("/echo", null);

        var id = response.headers().firstValue(RequestIdFilter.HEADER).orElseThrow();
        assertThat(id).matches(UUID_PATTERN);
        assertThat(response.body()).isEqualTo(id + " " + id);
    }

    @Test
    void replacesAnUnsafeIncomingIdInTheAnswer() throws Exception {
        var response = get("/echo", "two words");

        assertThat(response.headers().firstValue(RequestIdFilter.HEADER)).hasValueSatisfying(
                id -> assertThat(id).matches(UUID_PATTERN));
    }

    @Test
    void evenAnAnswerNoHandlerGaveCarriesTheId() throws Exception {
        var response = get("/no-such-path", "lost-1");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue(RequestIdFilter.HEADER)).hasValue("lost-1");
    }

    private static HttpResponse<String> get(String path, String requestId) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path));
        if (requestId != null) {
            request.header(RequestIdFilter.HEADER, requestId);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
