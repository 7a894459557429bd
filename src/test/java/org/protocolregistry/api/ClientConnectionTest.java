package org.protocolregistry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.HttpClosedException;

/**
 * A client whose request body stops arriving, or who hangs up half-way through it, is the
 * client's failure: the connection is closed (after a 408 problem if that answer wins the race
 * with the close), nothing is stored, and the registry logs no "unexpected fault" incident. Both were 500s with an ERROR
 * incident in the log (seen when wrk stopped mid-upload at the end of a load run).
 */
@QuarkusTest
class ClientConnectionTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @ConfigProperty(name = "quarkus.http.read-timeout")
    Duration readTimeout;

    private final List<LogRecord> problemLog = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord logRecord) {
            problemLog.add(logRecord);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureProblemLog() {
        Logger.getLogger(ProblemMappers.class.getName()).addHandler(capture);
    }

    @AfterEach
    void releaseProblemLog() {
        Logger.getLogger(ProblemMappers.class.getName()).removeHandler(capture);
    }

    @ParameterizedTest(name = "announced {0} bytes")
    @ValueSource(ints = {500, 20_000, 200_000})
    void aBodyThatStopsArrivingClosesTheConnectionAtTheReadTimeout(int announced) throws Exception {
        var org = Tokens.uniqueOrg();
        var body = Examples.bytes("fibromyalgia-phase2.json");

        try (var socket = connect()) {
            sendHeadAndPartOfBody(socket, Tokens.sponsor(org), announced, body, 100);
            socket.setSoTimeout((int) readTimeout.plusSeconds(20).toMillis());
            // Returns once the server has closed the connection (or throws at the socket timeout).
            var answer = socket.getInputStream().readAllBytes();

            // Quarkus REST closes the connection at the read timeout; the mapper's answer is written
            // only when it wins that race (seen on PostgreSQL in CI), and then it is a 408 problem.
            var text = new String(answer, StandardCharsets.UTF_8);
            if (!text.isEmpty()) {
                assertThat(text).startsWith("HTTP/1.1 408 ").containsIgnoringCase("content-type: application/problem+json")
                        .contains(ProblemType.REQUEST_TIMEOUT.uri()).contains("\"instance\":\"" + PROTOCOLS + "\"");
            }
        }
        // The server closes the connection first, then notes the timeout.
        awaitLogRecord("read timeout on " + PROTOCOLS);
        assertThat(as(Tokens.sponsor(org)).get(PROTOCOLS).then().statusCode(200).extract().<List<?>>path("items"))
                .isEmpty();
        assertThat(errors()).isEmpty();
    }

    @Test
    void aClientThatHangsUpMidBodyIsNotAnIncident() throws Exception {
        var org = Tokens.uniqueOrg();
        var body = Examples.bytes("fibromyalgia-phase2.json");

        try (var socket = connect()) {
            sendHeadAndPartOfBody(socket, Tokens.sponsor(org), 200_000, body, body.length);
            // Hang up once the server is waiting for the rest of the body (it gets there in milliseconds);
            // a request closed before it reaches the application leaves no trace to wait for.
            Thread.sleep(1_000);
        }

        // The server notices the closed connection at once; its note of it shows the request was handled.
        awaitLogRecord("closed the connection on " + PROTOCOLS);
        assertThat(errors()).isEmpty();
        assertThat(as(Tokens.sponsor(org)).get(PROTOCOLS).then().statusCode(200).extract().<List<?>>path("items"))
                .isEmpty();
    }

    @Test
    void aReadTimeoutIsCountedAs408AndAHangUpAs400AndOtherInputOutputFailuresAreStillFaults() {
        var mappers = new ProblemMappers();

        var timedOut = mappers.connectionFailed(new IOException(ClientConnection.READ_TIMED_OUT), null);
        assertThat(timedOut.getStatus()).isEqualTo(408);
        assertThat(((Problem) timedOut.getEntity()).type()).isEqualTo(ProblemType.REQUEST_TIMEOUT.uri());
        assertThat(mappers.connectionFailed(new IOException(new HttpClosedException("Connection was closed")), null)
                .getStatus()).isEqualTo(400);
        assertThat(mappers.connectionFailed(new IOException("No space left on device"), null).getStatus())
                .isEqualTo(500);
        assertThat(errors()).singleElement()
                .satisfies(r -> assertThat(r.getMessage()).contains("Unexpected fault"));
    }

    private void awaitLogRecord(String fragment) throws InterruptedException {
        var deadline = System.nanoTime() + readTimeout.plusSeconds(10).toNanos();
        while (problemLog.stream().noneMatch(r -> r.getMessage().contains(fragment)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(problemLog).anySatisfy(r -> assertThat(r.getMessage()).contains(fragment));
    }

    private List<LogRecord> errors() {
        return problemLog.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    private Socket connect() throws IOException {
        var socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", port), 10_000);
        return socket;
    }

    private void sendHeadAndPartOfBody(Socket socket, String token, int announced, byte[] body, int sent)
            throws IOException {
        var head = "POST " + PROTOCOLS + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + announced + "\r\n\r\n";
        var out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, 0, Math.min(sent, Math.min(body.length, announced - 1)));
        out.flush();
    }
}
