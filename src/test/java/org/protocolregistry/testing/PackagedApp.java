package org.protocolregistry.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application (target/quarkus-app) run as a separate process, as an operator
 * would run it, for tests that restart or kill it.
 */
public final class PackagedApp implements AutoCloseable {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path RUNNER = Path.of(System.getProperty("registry.runner-jar",
            "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();

    private final Path workingDirectory;
    private final List<String> extraProperties;
    private final int port;
    private final Path log;
    private Process process;

    /**
     * @param workingDirectory where the process runs (H2's ./data lands there)
     * @param extraProperties  further -D settings, e.g. a PostgreSQL URL
     */
    public PackagedApp(Path workingDirectory, List<String> extraProperties) throws IOException {
        this.workingDirectory = workingDirectory;
        this.extraProperties = List.copyOf(extraProperties);
        this.port = freePort();
        this.log = workingDirectory.resolve("app.log");
    }

    /** Settings for the PostgreSQL build, from the same variables the test suite uses. */
    public static List<String> databaseProperties() {
        if (!"postgresql".equals(System.getProperty("registry.db-kind"))) {
            return List.of();
        }
        return List.of(
                "-Dquarkus.datasource.jdbc.url=" + env("REGISTRY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/registry_test"),
                "-Dquarkus.datasource.username=" + env("REGISTRY_TEST_PG_USER", "registry"),
                "-Dquarkus.datasource.password=" + env("REGISTRY_TEST_PG_PASSWORD", "registry"));
    }

    public void start() throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dmp.jwt.verify.publickey.location=file:" + PROJECT.resolve("src/dev-keys/publicKey.pem"));
        command.add("-Dmp.jwt.verify.issuer=" + Tokens.ISSUER);
        command.addAll(extraProperties);
        command.add("-jar");
        command.add(RUNNER.toString());
        process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        awaitReady(Duration.ofSeconds(60));
    }

    /** SIGTERM, as an orchestrator stops a container; waits for a graceful exit. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        var client = HttpClient.newHttpClient();
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited during start-up:\n" + log());
            }
            try {
                var response = client.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the application was not ready within " + timeout + ":\n" + log());
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
