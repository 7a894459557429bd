package org.protocolregistry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.protocolregistry.api.ProblemType;
import org.protocolregistry.protocol.document.DocumentParser;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.PackagedApp;
import org.protocolregistry.testing.ProtocolApi;

/**
 * Crash durability of the packaged jar: eight sponsor clients create protocols (and replace
 * some of them) concurrently while the process is killed with SIGKILL at a random moment, ten
 * times, restarting it each time. After every restart:
 * <ul>
 * <li>every create answered 201 and every update answered 200 reads back exactly as
 * acknowledged: document, version, ETag and SHA-256;</li>
 * <li>nothing is half written: versions run 1..current without a hole and each reads back,
 * each version has its audit event, the audit chain verifies, and a request that was in
 * flight at the kill either exists completely or not at all.</li>
 * </ul>
 * H2 file mode with the default build; the PostgreSQL database of the suite with
 * {@code -Ppostgresql}. Alone: {@code ./mvnw verify -Pdurability}. The seed of the kill
 * moments and documents is printed; {@code -Dregistry.durability.seed=...} repeats a run.
 */
@Tag("durability")
class CrashDurabilityIT {

    static final int KILLS = Integer.getInteger("registry.durability.kills", 10);
    static final int CLIENTS = 8;
    /** The kill comes after 1..this many acknowledged writes of the round, then 0..the jitter later. */
    static final int MAX_WRITES_BEFORE_KILL = 80;
    static final int MAX_KILL_JITTER_MS = 50;
    /** Threads reading protocols back after a restart. */
    static final int CHECKERS = 4;

    private static final String PROTOCOLS = ProtocolApi.PROTOCOLS;
    private static final List<String> BASES = List.of(Examples.FIBROMYALGIA, Examples.NEUROPATHIC_DRAFT);

    @TempDir
    Path workingDirectory;

    private final String org = "durability-" + Long.toHexString(System.nanoTime());
    private final String sponsor = PackagedApp.devToken("sponsor", org, "durability-sponsor");
    private final String admin = PackagedApp.devToken("admin", null, "durability-admin");

    /** Protocols known to exist, by id: what was acknowledged or, for in-flight requests, found complete. */
    private final Map<String, Tracked> stored = new ConcurrentHashMap<>();
    /** Creates sent but not (yet) answered, by their unique title. */
    private final Map<String, Sent> unansweredCreates = new ConcurrentHashMap<>();
    /** Answers other than 201/200: none are expected, and what they refused must never exist. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    /** CPU used by the application processes: wall time on a shared machine says little. */
    private Duration applicationCpu = Duration.ZERO;
    /** Audit events written before this test (other tests share a PostgreSQL database). */
    private long eventsBefore;

    /** A document as sent, with its unique title and the SHA-256 the registry must store for it. */
    record Sent(String title, JsonNode document, byte[] bytes, String sha256) {
    }

    /** A protocol's versions as they must read back, and its last known ETag. */
    static final class Tracked {
        final String id;
        final List<Sent> versions = new ArrayList<>();
        String etag;
        /** An update sent whose answer never came: after the restart it is either version n+1 or absent. */
        Sent unansweredUpdate;
        int lastTouchedRound;

        Tracked(String id, Sent first, String etag, int round) {
            this.id = id;
            this.versions.add(first);
            this.etag = etag;
            this.lastTouchedRound = round;
        }

        Sent current() {
            return versions.get(versions.size() - 1);
        }
    }

    @Test
    void acknowledgedWritesSurviveSigkillAndNothingIsHalfWritten() throws Exception {
        try {
            runKillsAndChecks();
        } finally {
            // The working directory goes with the test; its application log (every start) stays.
            var log = workingDirectory.resolve("app.log");
            if (Files.exists(log)) {
                var kind = PackagedApp.databaseProperties().isEmpty() ? "h2" : "postgresql";
                Files.copy(log, Path.of("target", "durability-" + kind + "-app.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void runKillsAndChecks() throws Exception {
        var seed = Long.getLong("registry.durability.seed", System.nanoTime());
        var database = PackagedApp.databaseProperties().isEmpty() ? "H2 file mode" : "PostgreSQL";
        System.out.printf(Locale.ROOT, "CrashDurabilityIT: %s, seed %d (-Dregistry.durability.seed=%d repeats it)%n",
                database, seed, seed);
        var random = new Random(seed);
        var started = System.nanoTime();
        var arguments = new ArrayList<>(PackagedApp.databaseProperties());
        arguments.add(PackagedApp.QUICK_START); // eleven starts: most of the time goes into start-up
        try (var app = new PackagedApp(workingDirectory, arguments)) {
            app.start();
            eventsBefore = verifyAuditChain(app, HttpClient.newHttpClient());
            for (int round = 1; round <= KILLS; round++) {
                killDuringWrites(app, round, random);
                var restartStarted = System.nanoTime();
                app.start();
                var checkStarted = System.nanoTime();
                verifyAfterRestart(app, round);
                System.out.printf(Locale.ROOT, "    restart %5d ms, check %5d ms; %d protocols stored%n",
                        millisBetween(restartStarted, checkStarted), millisBetween(checkStarted, System.nanoTime()),
                        stored.size());
                assertThat(problems).as("after kill %d (seed %d)", round, seed).isEmpty();
            }
            // Everything once more in full, not only what the last round touched.
            var finalCheck = System.nanoTime();
            verifyInFull(app, stored.values());
            System.out.printf(Locale.ROOT, "  full check of %d protocols: %d ms%n", stored.size(),
                    millisBetween(finalCheck, System.nanoTime()));
            applicationCpu = applicationCpu.plus(app.cpuTime());
            assertThat(problems).as("final full check (seed %d)", seed).isEmpty();
        }
        report(database, seed, (System.nanoTime() - started) / 1e9);
        assertThat(count("createsAcknowledged")).as("creates acknowledged across all rounds").isPositive();
    }

    /**
     * Starts the clients and kills the process under them with SIGKILL after a random number of
     * acknowledged writes (machine speed varies too much for a fixed delay to land inside the
     * work), plus a random fraction of a request.
     */
    private void killDuringWrites(PackagedApp app, int round, Random random) throws InterruptedException {
        var stopping = new AtomicBoolean();
        var answered = new AtomicInteger();
        var clients = new ArrayList<Thread>();
        for (int c = 0; c < CLIENTS; c++) {
            var client = new Client(app, round, c, new Random(random.nextLong()), stopping, answered);
            clients.add(new Thread(client, "durability-client-" + c));
        }
        var writesBeforeKill = 1 + random.nextInt(MAX_WRITES_BEFORE_KILL);
        var jitterMillis = random.nextInt(MAX_KILL_JITTER_MS + 1);
        var started = System.nanoTime();
        clients.forEach(Thread::start);
        var deadline = started + Duration.ofSeconds(60).toNanos();
        while (answered.get() < writesBeforeKill && System.nanoTime() < deadline && problems.isEmpty()) {
            Thread.sleep(1);
        }
        Thread.sleep(jitterMillis);
        stopping.set(true);
        applicationCpu = applicationCpu.plus(app.cpuTime());
        var exit = app.kill();
        var killedAfter = millisBetween(started, System.nanoTime());
        assertThat(exit).as("exit value after destroyForcibly (SIGKILL)").isEqualTo(PackagedApp.KILLED_BY_SIGKILL);
        for (var client : clients) {
            client.join(Duration.ofSeconds(60).toMillis());
            assertThat(client.isAlive()).as("a client still waits after the kill").isFalse();
        }
        var inFlight = unansweredCreates.size()
                + stored.values().stream().filter(t -> t.unansweredUpdate != null).count();
        System.out.printf(Locale.ROOT, "  kill %2d after %3d acknowledged writes (target %d, +%d ms), %5d ms; "
                + "%d requests in flight%n", round, answered.get(), writesBeforeKill, jitterMillis, killedAfter,
                inFlight);
    }

    /**
     * A 503 "busy" problem: the database gave up a lock wait or chose the request as a deadlock
     * victim and rolled it back. A client retries it; here it counts as refused, and the checks
     * after each restart make sure it left nothing behind.
     */
    private static boolean isBusy(HttpResponse<String> response) {
        return response.statusCode() == 503 && response.body().contains(ProblemType.BUSY.uri())
                && response.headers().firstValue("Retry-After").isPresent();
    }

    private void report(String database, long seed, double seconds) throws IOException {
        var testCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        var summary = String.format(Locale.ROOT, "CrashDurabilityIT on %s: %d SIGKILLs, %d clients, %d creates and "
                + "%d updates acknowledged, all read back; in flight at a kill: %d creates found complete, %d absent, "
                + "%d updates found applied, %d not applied; %d refused as busy (503), none left a trace; "
                + "%d protocols, audit chain intact; %.0f s, CPU %.0f s in the application and %.0f s in this test "
                + "JVM (seed %d)",
                database, KILLS, CLIENTS, count("createsAcknowledged"), count("updatesAcknowledged"),
                count("inFlightCreatesStored"), count("inFlightCreatesAbsent"), count("inFlightUpdatesApplied"),
                count("inFlightUpdatesAbsent"), count("busyRefusals"), stored.size(), seconds,
                applicationCpu.toMillis() / 1e3, testCpu, seed);
        System.out.println(summary);
        var file = "durability-" + (database.startsWith("H2") ? "h2" : "postgresql") + ".txt";
        Files.writeString(Path.of("target", file), summary + "\n");
    }

    private static long millisBetween(long startNanos, long endNanos) {
        return (endNanos - startNanos) / 1_000_000;
    }

    /** One sponsor client: creates protocols and replaces some, until its requests fail at the kill. */
    private final class Client implements Runnable {
        private final PackagedApp app;
        private final int round;
        private final int number;
        private final Random random;
        private final AtomicBoolean stopping;
        private final AtomicInteger answered;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        Client(PackagedApp app, int round, int number, Random random, AtomicBoolean stopping, AtomicInteger answered) {
            this.app = app;
            this.round = round;
            this.number = number;
            this.random = random;
            this.stopping = stopping;
            this.answered = answered;
        }

        @Override
        public void run() {
            try {
                for (int n = 0; !stopping.get(); n++) {
                    var tracked = create(String.format(Locale.ROOT, "Durability r%02d c%d #%d", round, number, n));
                    // Some protocols get one or two new versions, sent with the ETag just received.
                    for (int u = random.nextInt(3); tracked != null && u > 0 && !stopping.get(); u--) {
                        tracked = update(tracked);
                    }
                }
            } catch (IOException killed) {
                // The process died under this request: its fate is checked after the restart.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                problems.add("client " + number + " failed: " + e);
            }
        }

        private Tracked create(String title) throws IOException, InterruptedException {
            var sent = document(title, random);
            unansweredCreates.put(title, sent);
            var response = http.send(HttpRequest.newBuilder(app.uri(PROTOCOLS))
                    .header("Authorization", "Bearer " + sponsor).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(sent.bytes())).build(),
                    HttpResponse.BodyHandlers.ofString());
            unansweredCreates.remove(title);
            if (response.statusCode() != 201) {
                refused.put(title, "create answered " + response.statusCode() + ": " + response.body());
                if (isBusy(response)) {
                    increment("busyRefusals"); // allowed: must have left nothing (checked after the restart)
                } else {
                    problems.add("create " + title + " answered " + response.statusCode() + ": " + response.body());
                }
                return null;
            }
            var body = ProtocolApi.json(response.body());
            var etag = response.headers().firstValue("ETag").orElse(null);
            expect(body.path("version").asInt() == 1, "create " + title + " answered version " + body.path("version"));
            expect(body.path("etag").asText().equals(etag), "create " + title + ": ETag header " + etag
                    + " differs from the body's " + body.path("etag"));
            expect(sent.document().equals(body.get("document")), "create " + title + " answered another document");
            var tracked = new Tracked(body.path("id").asText(), sent, etag, round);
            stored.put(tracked.id, tracked);
            increment("createsAcknowledged");
            answered.incrementAndGet();
            return tracked;
        }

        private Tracked update(Tracked tracked) throws IOException, InterruptedException {
            var sent = document(tracked.current().title() + " v" + (tracked.versions.size() + 1), random);
            tracked.unansweredUpdate = sent;
            var response = http.send(HttpRequest.newBuilder(app.uri(PROTOCOLS + "/" + tracked.id))
                    .header("Authorization", "Bearer " + sponsor).header("Content-Type", "application/json")
                    .header("If-Match", tracked.etag).timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(sent.bytes())).build(),
                    HttpResponse.BodyHandlers.ofString());
            tracked.unansweredUpdate = null;
            if (response.statusCode() != 200) {
                refused.put(sent.title(), "update answered " + response.statusCode() + ": " + response.body());
                if (isBusy(response)) {
                    increment("busyRefusals"); // allowed: the stored version must stay the acknowledged one
                } else {
                    problems.add("update " + sent.title() + " answered " + response.statusCode() + ": "
                            + response.body());
                }
                return null;
            }
            var body = ProtocolApi.json(response.body());
            expect("true".equals(response.headers().firstValue(ProtocolResource.VERSION_CREATED_HEADER).orElse(null)),
                    "update " + sent.title() + " made no version");
            expect(body.path("version").asInt() == tracked.versions.size() + 1,
                    "update " + sent.title() + " answered version " + body.path("version"));
            expect(sent.document().equals(body.get("document")),
                    "update " + sent.title() + " answered another document");
            tracked.versions.add(sent);
            tracked.etag = response.headers().firstValue("ETag").orElse(null);
            tracked.lastTouchedRound = round;
            increment("updatesAcknowledged");
            answered.incrementAndGet();
            return tracked;
        }
    }

    /**
     * Reconciles what the registry holds with what was sent: every stored protocol is one that
     * was acknowledged or was in flight, in exactly the acknowledged (or the in-flight) state.
     */
    private void verifyAfterRestart(PackagedApp app, int round) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var events = verifyAuditChain(app, http);
        var listed = listAll(app, http);
        for (var envelope : listed.values()) {
            var id = envelope.path("id").asText();
            var tracked = stored.get(id);
            if (tracked == null) {
                var title = envelope.path("document").path("registration").path("briefTitle").asText();
                var sent = unansweredCreates.remove(title);
                if (sent == null) {
                    problems.add("protocol " + id + " (" + title + ") exists but no create of it is unanswered"
                            + (refused.containsKey(title) ? "; it was refused: " + refused.get(title) : ""));
                    continue;
                }
                tracked = new Tracked(id, sent, envelope.path("etag").asText(), round);
                stored.put(id, tracked);
                increment("inFlightCreatesStored");
            } else if (tracked.unansweredUpdate != null) {
                if (envelope.path("version").asInt() == tracked.versions.size() + 1) {
                    tracked.versions.add(tracked.unansweredUpdate);
                    tracked.etag = envelope.path("etag").asText();
                    increment("inFlightUpdatesApplied");
                } else {
                    increment("inFlightUpdatesAbsent");
                }
                tracked.unansweredUpdate = null;
                tracked.lastTouchedRound = round;
            }
            checkEnvelope("listed " + id, tracked, envelope, envelope.path("etag").asText());
        }
        for (var tracked : stored.values()) {
            if (!listed.containsKey(tracked.id)) {
                problems.add("protocol " + tracked.id + " (" + tracked.current().title()
                        + ") was acknowledged but is gone");
            }
        }
        // One event per version, nothing else written meanwhile: an event whose change was lost, or a
        // change without its event, shows here (events of protocols checked in full show below too).
        var versions = stored.values().stream().mapToLong(t -> t.versions.size()).sum();
        expect(events == eventsBefore + versions, "the audit chain holds " + events + " events, expected "
                + eventsBefore + " from before this test and one for each of the " + versions + " versions stored");
        counts.computeIfAbsent("inFlightCreatesAbsent", k -> new AtomicInteger()).addAndGet(unansweredCreates.size());
        unansweredCreates.clear();
        verifyInFull(app, stored.values().stream().filter(t -> t.lastTouchedRound == round).toList());
    }

    /**
     * Each protocol read by id, its versions listed and read one by one, and its audit history;
     * a few protocols at a time, so that both cores work.
     */
    private void verifyInFull(PackagedApp app, Collection<Tracked> protocols) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var pool = Executors.newFixedThreadPool(CHECKERS);
        try {
            var checks = new ArrayList<Future<?>>();
            for (var tracked : protocols) {
                checks.add(pool.submit(() -> {
                    verifyInFull(app, http, tracked);
                    return null;
                }));
            }
            for (var check : checks) {
                try {
                    check.get();
                } catch (ExecutionException e) {
                    problems.add("checking a protocol failed: " + e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void verifyInFull(PackagedApp app, HttpClient http, Tracked tracked) throws Exception {
        var path = PROTOCOLS + "/" + tracked.id;
        var read = get(app, http, sponsor, path);
        if (read.statusCode() != 200) {
            problems.add("GET " + path + " answered " + read.statusCode() + ": " + read.body());
            return;
        }
        checkEnvelope("GET " + path, tracked, ProtocolApi.json(read.body()),
                read.headers().firstValue("ETag").orElse(null));

        var versions = ProtocolApi.json(get(app, http, sponsor, path + "/versions").body()).path("items");
        var numbers = new ArrayList<Integer>();
        versions.forEach(v -> numbers.add(v.path("version").asInt()));
        var expectedNumbers = new ArrayList<Integer>();
        for (int n = 1; n <= tracked.versions.size(); n++) {
            expectedNumbers.add(n);
        }
        expect(numbers.equals(expectedNumbers), path + " lists versions " + numbers + ", expected " + expectedNumbers);
        for (int n = 1; n <= Math.min(versions.size(), tracked.versions.size()); n++) {
            var expected = tracked.versions.get(n - 1);
            expect(expected.sha256().equals(versions.get(n - 1).path("sha256").asText()),
                    path + " version " + n + " is listed with another SHA-256");
            var version = get(app, http, sponsor, path + "/versions/" + n);
            if (version.statusCode() != 200) {
                problems.add("GET " + path + "/versions/" + n + " answered " + version.statusCode());
                continue;
            }
            var body = ProtocolApi.json(version.body());
            expect(expected.document().equals(body.get("document")), path + " version " + n + " reads back changed");
            expect(expected.sha256().equals(body.path("sha256").asText()),
                    path + " version " + n + " has another SHA-256");
            var storedBytes = ProtocolApi.EXACT_JSON.writeValueAsBytes(body.get("document"));
            var rehashed = DocumentParser.parse(storedBytes).sha256();
            expect(expected.sha256().equals(rehashed), path + " version " + n + " does not hash to its SHA-256");
        }

        // One audit event per version, written in the same transaction: CREATE for 1, UPDATE after.
        var events = ProtocolApi.json(get(app, http, sponsor, path + "/history").body()).path("items");
        var steps = new ArrayList<String>();
        events.forEach(e -> steps.add(e.path("action").asText() + " " + e.path("version").asInt()));
        var expectedSteps = new ArrayList<String>();
        for (int n = 1; n <= tracked.versions.size(); n++) {
            expectedSteps.add((n == 1 ? "CREATE " : "UPDATE ") + n);
        }
        expect(steps.equals(expectedSteps), path + " has audit events " + steps + ", expected " + expectedSteps);
    }

    private void checkEnvelope(String what, Tracked tracked, JsonNode envelope, String etag) {
        expect(envelope.path("version").asInt() == tracked.versions.size(), what + " is at version "
                + envelope.path("version") + ", expected " + tracked.versions.size());
        expect(tracked.current().document().equals(envelope.get("document")), what + " reads back another document");
        expect(tracked.etag.equals(etag), what + " has ETag " + etag + ", acknowledged " + tracked.etag);
        expect("DRAFT".equals(envelope.path("status").asText()), what + " is " + envelope.path("status"));
    }

    /** The whole chain verifies; returns how many events it holds. */
    private long verifyAuditChain(PackagedApp app, HttpClient http) throws Exception {
        var response = get(app, http, admin, "/api/v1/audit/verify");
        var body = ProtocolApi.json(response.body());
        expect(response.statusCode() == 200 && body.path("intact").asBoolean(), "the audit chain is broken: "
                + response.body());
        return body.path("eventsChecked").asLong();
    }

    /** Every protocol of this test's sponsor organisation, as the admin's search pages them. */
    private Map<String, JsonNode> listAll(PackagedApp app, HttpClient http) throws Exception {
        var all = new LinkedHashMap<String, JsonNode>();
        var query = "?sponsorOrg=" + URLEncoder.encode(org, StandardCharsets.UTF_8)
                + "&sort=createdAt:asc&pageSize=200";
        String token = null;
        do {
            var page = get(app, http, admin, PROTOCOLS + query
                    + (token == null ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            var body = ProtocolApi.json(page.body());
            body.path("items").forEach(item -> all.put(item.path("id").asText(), item));
            token = body.path("nextPageToken").isTextual() ? body.path("nextPageToken").asText() : null;
        } while (token != null);
        return all;
    }

    private static HttpResponse<String> get(PackagedApp app, HttpClient http, String token, String path)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(app.uri(path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One of the example protocols under a unique title, with a varied enrolment. */
    private static Sent document(String title, Random random) {
        try {
            var document = (ObjectNode) ProtocolApi.json(Examples.bytes(BASES.get(random.nextInt(BASES.size()))));
            var registration = (ObjectNode) document.get("registration");
            registration.put("briefTitle", title);
            registration.put("plannedEnrollment", 10 + random.nextInt(190));
            var bytes = ProtocolApi.EXACT_JSON.writeValueAsBytes(document);
            return new Sent(title, document, bytes, DocumentParser.parse(bytes).sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void expect(boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
        }
    }

    private void increment(String name) {
        counts.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    }

    private int count(String name) {
        var value = counts.get(name);
        return value == null ? 0 : value.get();
    }
}
