package org.protocolregistry.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

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
     * @param extraProperties  further JVM arguments: -D settings such as a PostgreSQL URL, or
     *                         {@link #QUICK_START} for tests that restart the process often
     */
    public PackagedApp(Path workingDirectory, List<String> extraProperties) throws IOException {
        this.workingDirectory = workingDirectory;
        this.extraProperties = List.copyOf(extraProperties);
        this.port = freePort();
        this.log = workingDirectory.resolve("app.log");
    }

    /**
     * The client compiler only: half the CPU time to start (about 5 s instead of 10 s on two
     * cores), for tests that start the process many times. It changes speed, not behaviour.
     */
    public static final String QUICK_START = "-XX:TieredStopAtLevel=1";

    /**
     * The JVM options the README recommends and the container image sets (ZGC), so that the
     * tests that kill and restart the service run it as it is deployed.
     */
    public static final List<String> RECOMMENDED_JVM_OPTIONS = List.of("-XX:+UseZGC");

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
        start(Duration.ofSeconds(60));
    }

    /** Starts the process and waits up to {@code readiness} (longer when start-up migrates much data). */
    public void start(Duration readiness) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(RECOMMENDED_JVM_OPTIONS);
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
        awaitReady(readiness);
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

    /**
     * SIGKILL, as the kernel's OOM killer or a power cut leaves it: no shutdown hook, no
     * flush, nothing. {@link Process#destroyForcibly()} sends SIGKILL on Linux and macOS;
     * the exit value proves it (the JDK reports death by signal n as 128 + n).
     *
     * @return the process's exit value, 137 when SIGKILL ended it
     */
    public int kill() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("the application is not running");
        }
        process.destroyForcibly();
        return process.waitFor();
    }

    /** The exit value of a process ended by SIGKILL (128 + signal 9). */
    public static final int KILLED_BY_SIGKILL = 128 + 9;

    /** A token the packaged app accepts: signed with the dev key pair whose public half it is given. */
    public static String devToken(String role, String org, String subject) {
        try {
            var claims = Jwt.issuer(Tokens.ISSUER).subject(subject).groups(role).expiresIn(Duration.ofHours(1));
            if (org != null) {
                claims.claim("org", org);
            }
            var privateKey = Files.readString(PROJECT.resolve("src/dev-keys/privateKey.pem"));
            return claims.sign(KeyUtils.decodePrivateKey(privateKey));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the dev private key does not read", e);
        }
    }

    /** CPU time the running process has used so far (where the platform reports it). */
    public Duration cpuTime() {
        return process == null ? Duration.ZERO : process.info().totalCpuDuration().orElse(Duration.ZERO);
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
