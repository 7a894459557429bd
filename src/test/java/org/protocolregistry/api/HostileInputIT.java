package org.protocolregistry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;

import org.protocolregistry.api.HostileRequests.Endpoint;
import org.protocolregistry.api.HostileRequests.HostileRequest;

/**
 * Thousands of generated hostile and malformed requests against the packaged application, on
 * every write and search endpoint: bad tokens, callers without the right, hostile ids,
 * malformed bodies (truncated, wrong types, huge numbers, 10,000 levels deep, 1 MiB on either
 * side of the limit, bytes that are not UTF-8, NUL, lone surrogates), invalid and hostile
 * query parameters (SQL, LIKE wildcards, formulas, edited page tokens), stale If-Match, wrong
 * media types, methods and states. Every answer must be the expected 4xx problem+json (never
 * a 5xx, never a 2xx for a malformed request, never a Java name), or for a valid request 200
 * with nothing the caller may not see; and afterwards what a write would change (see
 * {@link HostileFixture#snapshot()}) must be exactly as before.
 *
 * <p>The seed is fixed, so a failure reproduces: {@code ./mvnw verify -Dit.test=HostileInputIT}
 * (add {@code -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false} to skip the other tests).
 * Shrinking is off: the requests go to a live server, and the first failing request, printed
 * with the seed, is the reproducer.
 */
class HostileInputIT {

    static final String SEED = "20261126";
    static final int TRIES = 5000;

    private static HostileFixture fixture;
    private static HostileFixture.Snapshot before;
    private static final AtomicInteger SENT = new AtomicInteger();
    private static final Map<String, Long> NANOS_BY_FAMILY = new TreeMap<>();
    private static long startedNanos;
    private static long startedApplicationCpu;
    private static long startedTestCpu;

    @BeforeContainer
    static void startTheApplication() throws Exception {
        fixture = HostileFixture.start();
    }

    @AfterContainer
    static void stopTheApplication() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeProperty
    void takeTheSnapshot() throws Exception {
        before = fixture.snapshot();
        startedNanos = System.nanoTime();
        startedApplicationCpu = applicationCpuNanos();
        startedTestCpu = testCpuNanos();
    }

    private static long applicationCpuNanos() {
        return ProcessHandle.current().children().flatMap(child -> child.info().totalCpuDuration().stream())
                .mapToLong(Duration::toNanos).sum();
    }

    private static long testCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Property(tries = TRIES, seed = SEED, shrinking = ShrinkingMode.OFF)
    void everyHostileRequestIsRefusedOrHarmless(@ForAll("hostileRequests") HostileRequest request) throws Exception {
        Statistics.label("family").collect(request.family());
        Statistics.label("endpoint").collect(request.endpoint());

        var started = System.nanoTime();
        var response = fixture.http.send(request.raw());
        NANOS_BY_FAMILY.merge(request.family(), System.nanoTime() - started, Long::sum);
        SENT.incrementAndGet();

        Statistics.label("status").collect(response.status());
        HostileRequests.check(request, response);
        Statistics.label("endpoint").coverage(coverage -> {
            for (var endpoint : Endpoint.values()) {
                coverage.check(endpoint).count(count -> count >= 50);
            }
        });
    }

    @Provide
    Arbitrary<HostileRequest> hostileRequests() {
        return new HostileRequests(fixture, () -> before).all();
    }

    /** Nothing stored changed, and the server logged no unexpected fault. */
    @AfterProperty
    void nothingChanged() throws Exception {
        var seconds = (System.nanoTime() - startedNanos) / 1e9;
        // CPU time says more than wall time on a shared machine; the requests go one at a time.
        var applicationCpu = (applicationCpuNanos() - startedApplicationCpu) / 1e9;
        var testCpu = (testCpuNanos() - startedTestCpu) / 1e9;
        var after = fixture.snapshot();
        System.out.printf("HostileInputIT: %d requests in %.1f s (seed %s); %d protocols compared before and after%n",
                SENT.get(), seconds, SEED, after.envelopes().size());
        System.out.printf("  CPU time for the requests: application %.1f s, test JVM %.1f s%n", applicationCpu,
                testCpu);
        NANOS_BY_FAMILY.forEach((family, nanos) -> System.out.printf("  %-28s %6.1f s waiting for answers%n", family,
                nanos / 1e9));

        assertThat(before.differencesTo(after)).as("changes made by hostile requests").isEmpty();
        assertThat(after.auditVerification().get("intact").asBoolean()).isTrue();
        assertThat(fixture.app.log().lines().filter(line -> line.contains("\"level\":\"ERROR\""))
                .map(line -> HostileRequests.shorten(line, 600)))
                .as("faults the application logged").isEmpty();
    }
}
