package org.protocolregistry.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.protocolregistry.protocol.document.DocumentParser;
import org.protocolregistry.testing.PackagedApp;
import org.protocolregistry.testing.Tokens;
import org.protocolregistry.validation.SafetyValidator;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.Thresholds;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Search and statistics latency with 100,000 protocols in H2 (file mode), seeded straight
 * into the database by a generator (real documents, parsed and validated, not through the
 * API), then measured over HTTP against the packaged jar, one request at a time. Run with
 * {@code ./mvnw -Pscale-benchmark verify}; figures go to target/scale-benchmark.txt.
 */
@Tag("benchmark")
class SearchScaleBenchmarkIT {

    static final int PROTOCOLS = Integer.getInteger("registry.benchmark.protocols", 100_000);
    static final int WARM_UP = 300;
    static final int MEASURED = 500;
    /** Rows per commit; ids ascend, so H2's copy-on-write B-trees only ever append. */
    static final int BATCH = 5_000;

    private static final String[] CATEGORIES = {"FIBROMYALGIA", "NEUROPATHIC_PAIN", "CHRONIC_LOW_BACK_PAIN",
        "PHANTOM_LIMB_PAIN", "CRPS", "OSTEOARTHRITIS_PAIN", "CHRONIC_PAIN_WITH_PTSD", "OTHER_CHRONIC_PAIN"};
    private static final String[] PHASES = {"EARLY_PHASE_1", "PHASE_1", "PHASE_1_2", "PHASE_2", "PHASE_2_3", "PHASE_3"};
    private static final String[] STATUSES = {"DRAFT", "DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED"};
    private static final String[] WORDS = {"fibromyalgia", "neuropathic", "back", "phantom", "regional", "knee",
        "trauma", "widespread", "burning", "pilot", "randomized", "open-label"};

    @TempDir
    Path workingDirectory;

    @Test
    void searchAndStatisticsLatencyAt100kProtocols() throws Exception {
        var results = new LinkedHashMap<String, String>();
        var database = workingDirectory.resolve("data/registry");
        // The schema as it was before the statistics tallies (V5): the application's start-up then
        // migrates 100,000 protocols, as an upgrade of a full registry would.
        Flyway.configure().dataSource("jdbc:h2:file:" + database, "registry", "")
                .locations("classpath:db/migration").target(MigrationVersion.fromVersion("4")).load().migrate();
        results.put("seeding", seed(database));
        results.put("database file", Files.size(workingDirectory.resolve("data/registry.mv.db")) / 1_048_576 + " MiB");
        // H2 hands back the stored result of an identical earlier query when no table changed;
        // switched off so that every request is computed.
        try (var app = new PackagedApp(workingDirectory, List.of(
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:./data/registry;WRITE_DELAY=0;OPTIMIZE_REUSE_RESULTS=FALSE"))) {
            var starting = System.nanoTime();
            // V5 backfills the tallies from 100,000 protocols and their findings before the port opens.
            app.start(Duration.ofMinutes(20));
            results.put("first start-up, migrating to the statistics tallies (V5)",
                    String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - starting) / 1e9));

            var http = HttpClient.newHttpClient();
            var admin = token("admin", null);
            var sponsor = token("sponsor", "org-7");
            var reviewer = token("reviewer", null);
            var viewer = token("viewer", null);
            var probes = List.of(
                    new Probe("search, admin: phase + category + dose range, sorted by dose", admin,
                            "/api/v1/protocols?phase=PHASE_2&conditionCategory=FIBROMYALGIA&minInitialDoseMg=80"
                                    + "&maxInitialDoseMg=125&sort=initialDoseMg:desc"),
                    new Probe("search, admin: status + hasErrors, with countTotal", admin,
                            "/api/v1/protocols?status=SUBMITTED&hasErrors=false&countTotal=true"),
                    new Probe("search, admin: ruleId", admin, "/api/v1/protocols?ruleId=DOSE-003"),
                    new Probe("search, sponsor (2,000 own rows): q free text", sponsor,
                            "/api/v1/protocols?q=" + URLEncoder.encode("widespread pilot", StandardCharsets.UTF_8)),
                    new Probe("stats, admin, all protocols", admin, "/api/v1/stats"),
                    new Probe("stats, sponsor (2,000 own rows)", sponsor, "/api/v1/stats"),
                    new Probe("stats, reviewer: status SUBMITTED", reviewer, "/api/v1/stats?status=SUBMITTED"),
                    new Probe("stats, viewer (published protocols)", viewer, "/api/v1/stats"),
                    new Probe("stats, admin: phase filter (counted, not tallied)", admin, "/api/v1/stats?phase=PHASE_3"));
            for (var probe : probes) {
                results.put(probe.name(), measure(http, app, probe));
            }
        }
        var report = new StringBuilder("Search scale benchmark: " + PROTOCOLS + " protocols, H2 file mode, "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", one request at a time after warm-up, H2 result reuse off (every request computed)\n");
        results.forEach((name, figures) -> report.append("- ").append(name).append(": ").append(figures).append('\n'));
        Files.writeString(Path.of("target", "scale-benchmark.txt"), report);
        System.out.println(report);
        assertThat(results).hasSize(12);
    }

    private record Probe(String name, String token, String path) {
    }

    private static HttpRequest request(PackagedApp app, Probe probe) {
        return HttpRequest.newBuilder(app.uri(probe.path()))
                .header("Authorization", "Bearer " + probe.token()).timeout(Duration.ofSeconds(60)).build();
    }

    private static String measure(HttpClient http, PackagedApp app, Probe probe) throws Exception {
        // Statistics counted over the protocols take seconds (see README): a few requests show it.
        var slow = probe.name().contains("counted");
        for (int i = 0; i < (slow ? 1 : WARM_UP); i++) {
            http.send(request(app, probe), HttpResponse.BodyHandlers.discarding());
        }
        var millis = new ArrayList<Double>();
        for (int i = 0; i < (slow ? 3 : MEASURED); i++) {
            var request = request(app, probe);
            var start = System.nanoTime();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            millis.add((System.nanoTime() - start) / 1e6);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        millis.sort(null);
        return String.format(Locale.ROOT, "n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms", millis.size(),
                percentile(millis, 50), percentile(millis, 95), percentile(millis, 99), millis.get(millis.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** Protocols, their current version (parsed and validated for real) and the findings index. */
    private static String seed(Path database) throws Exception {
        var started = System.nanoTime();
        var random = new Random(42);
        var validator = new SafetyValidator(Thresholds.DEFAULTS);
        var json = new ObjectMapper();
        try (var connection = DriverManager.getConnection("jdbc:h2:file:" + database, "registry", "")) {
            connection.setAutoCommit(false);
            var protocolInsert = connection.prepareStatement("INSERT INTO protocol (id, sponsor_org, created_by, status, "
                    + "current_version, last_version, approved_version, first_submitted_at, brief_title, "
                    + "condition_category, phase, overall_status, initial_dose_mg, error_count, warning_count, "
                    + "info_count, search_text, created_at, updated_at, lock_version) "
                    + "VALUES (?, ?, 'seed', ?, 1, 1, ?, ?, ?, ?, ?, 'NOT_YET_RECRUITING', ?, ?, ?, ?, ?, ?, ?, 0)");
            var versionInsert = connection.prepareStatement("INSERT INTO protocol_version (protocol_id, version_number, "
                    + "document_json, sha256, created_at, created_by, rule_set_version, validation_report) "
                    + "VALUES (?, 1, ?, ?, ?, 'seed', '2026.1', ?)");
            // A SUBMIT event for every protocol past DRAFT, for submissions per month (hashes are
            // placeholders: the benchmark never verifies the chain).
            var submitInsert = connection.prepareStatement("INSERT INTO audit_event (sequence_number, protocol_id, "
                    + "actor_subject, actor_org, actor_role, action, from_state, to_state, version_number, occurred_at, "
                    + "previous_hash, hash) VALUES (?, ?, 'seed', ?, 'SPONSOR', 'SUBMIT', 'DRAFT', 'SUBMITTED', 1, ?, ?, ?)");
            var placeholderHash = "0".repeat(64);
            long sequence = 0;
            var findingInsert = connection.prepareStatement("INSERT INTO protocol_finding (protocol_id, rule_id, "
                    + "severity, finding_count) VALUES (?, ?, ?, ?)");
            var base = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < PROTOCOLS; i++) {
                // Ascending ids: opaque strings to clients, and cheap to append for the database.
                var id = String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", i);
                var category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                var phase = PHASES[random.nextInt(PHASES.length)];
                var status = STATUSES[random.nextInt(STATUSES.length)];
                var dose = 60 + random.nextInt(100);
                var condition = category.toLowerCase(Locale.ROOT).replace('_', ' ');
                var title = "MDMA-assisted therapy in " + WORDS[random.nextInt(WORDS.length)] + " "
                        + WORDS[random.nextInt(WORDS.length)] + " pain " + i;
                var document = "{\"registration\":{\"briefTitle\":\"" + title + "\",\"phase\":\"" + phase
                        + "\",\"overallStatus\":\"NOT_YET_RECRUITING\",\"plannedEnrollment\":" + (10 + random.nextInt(90))
                        + "},\"condition\":{\"category\":\"" + category + "\",\"name\":\"" + condition
                        + "\"},\"dosing\":{\"substance\":\"MDMA\",\"initialDoseMg\":" + dose + ",\"supplementalDoseMg\":"
                        + dose / 2 + ",\"sessionCount\":" + (1 + random.nextInt(4)) + ",\"minIntervalDays\":28},"
                        + "\"eligibility\":{\"minAge\":18,\"minWeightKg\":" + (45 + random.nextInt(30)) + "}}";
                var parsed = DocumentParser.parse(document.getBytes(StandardCharsets.UTF_8));
                var report = validator.validate(parsed.model());
                var created = Timestamp.from(base.plusSeconds(i * 60L));
                protocolInsert.setString(1, id);
                protocolInsert.setString(2, "org-" + (i % 50));
                protocolInsert.setString(3, status);
                protocolInsert.setObject(4, status.equals("APPROVED") ? 1 : null);
                protocolInsert.setTimestamp(5, status.equals("DRAFT") ? null : created);
                protocolInsert.setString(6, title);
                protocolInsert.setString(7, category);
                protocolInsert.setString(8, phase);
                protocolInsert.setDouble(9, dose);
                protocolInsert.setInt(10, report.counts().get(Severity.ERROR));
                protocolInsert.setInt(11, report.counts().get(Severity.WARNING));
                protocolInsert.setInt(12, report.counts().get(Severity.INFO));
                protocolInsert.setString(13, (title + " " + condition).toLowerCase(Locale.ROOT));
                protocolInsert.setTimestamp(14, created);
                protocolInsert.setTimestamp(15, created);
                protocolInsert.addBatch();
                versionInsert.setString(1, id);
                versionInsert.setString(2, parsed.canonicalJson());
                versionInsert.setString(3, parsed.sha256());
                versionInsert.setTimestamp(4, created);
                versionInsert.setString(5, json.writeValueAsString(report));
                versionInsert.addBatch();
                if (!status.equals("DRAFT")) {
                    submitInsert.setLong(1, ++sequence);
                    submitInsert.setString(2, id);
                    submitInsert.setString(3, "org-" + (i % 50));
                    submitInsert.setTimestamp(4, created);
                    submitInsert.setString(5, placeholderHash);
                    submitInsert.setString(6, placeholderHash);
                    submitInsert.addBatch();
                }
                var byRule = new java.util.TreeMap<String, Integer>();
                report.findings().forEach(f -> byRule.merge(f.ruleId() + " " + f.severity(), 1, Integer::sum));
                for (var entry : byRule.entrySet()) {
                    var key = entry.getKey().split(" ");
                    findingInsert.setString(1, id);
                    findingInsert.setString(2, key[0]);
                    findingInsert.setString(3, key[1]);
                    findingInsert.setInt(4, entry.getValue());
                    findingInsert.addBatch();
                }
                if ((i + 1) % BATCH == 0) {
                    protocolInsert.executeBatch();
                    versionInsert.executeBatch();
                    findingInsert.executeBatch();
                    submitInsert.executeBatch();
                    connection.commit();
                }
            }
            protocolInsert.executeBatch();
            versionInsert.executeBatch();
            findingInsert.executeBatch();
            submitInsert.executeBatch();
            connection.commit();
            connection.createStatement().execute("SHUTDOWN COMPACT");
        }
        return String.format(Locale.ROOT, "%d protocols written in %.1f s", PROTOCOLS, (System.nanoTime() - started) / 1e9);
    }

    private static String token(String role, String org) throws Exception {
        var builder = Jwt.issuer(Tokens.ISSUER).subject("benchmark-" + role).groups(role).expiresIn(Duration.ofHours(1));
        if (org != null) {
            builder.claim("org", org);
        }
        return builder.sign(KeyUtils.decodePrivateKey(Files.readString(Path.of("src/dev-keys/privateKey.pem"))));
    }
}
