package org.protocolregistry.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;

import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.PackagedApp;
import org.protocolregistry.testing.ProtocolApi;
import org.protocolregistry.testing.RawHttp;
import org.protocolregistry.testing.Tokens;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The packaged application with a known set of protocols in every lifecycle state, the tokens
 * of every kind of caller (good and bad), and what each caller may see. Built once, over
 * HTTP, before the hostile requests start.
 */
final class HostileFixture implements AutoCloseable {

    /** The callers with valid tokens. */
    enum Caller { SPONSOR_A, SPONSOR_B, REVIEWER, VIEWER, ADMIN, SPONSOR_WITHOUT_ORG, NO_ROLE }

    /** The protocols the requests aim at; all of sponsor A unless named RIVAL (sponsor B). */
    enum Target {
        /** The neuropathic draft: ERROR findings, so submitting it answers 422. */
        DRAFT_WITH_ERRORS,
        /** The complete example as a draft: every write to it would succeed if it were let through. */
        SUBMITTABLE_DRAFT,
        SUBMITTED,
        APPROVED,
        WITHDRAWN,
        /** Titles that a spreadsheet would read as formulas, and SQL and LIKE metacharacters. */
        FORMULA_DRAFT,
        RIVAL_DRAFT,
        RIVAL_APPROVED
    }

    static final String SHARED_WORD = "sharedword";

    final PackagedApp app;
    final RawHttp http;
    final String orgA;
    final String orgB;
    final Map<Caller, String> tokens = new LinkedHashMap<>();
    /** Authorization header values that must all answer 401, by what is wrong with them. */
    final Map<String, String> badAuthorizations = new LinkedHashMap<>();
    final Map<Target, String> ids = new LinkedHashMap<>();
    final Map<Target, String> etags = new LinkedHashMap<>();
    /** Real next-page tokens of sponsor A's search, by sort key, for tampering with. */
    final Map<String, String> pageTokens = new LinkedHashMap<>();
    /** Ids each caller may see, read before the hostile requests start. */
    final Map<Caller, Set<String>> visible = new LinkedHashMap<>();
    private final PrivateKey devKey;

    private HostileFixture(PackagedApp app) throws Exception {
        this.app = app;
        this.http = new RawHttp("127.0.0.1", app.uri("/").getPort());
        this.orgA = Tokens.uniqueOrg();
        this.orgB = Tokens.uniqueOrg();
        this.devKey = KeyUtils.decodePrivateKey(Files.readString(Path.of("src/dev-keys/privateKey.pem")));
    }

    static HostileFixture start() throws Exception {
        var directory = Files.createTempDirectory(Path.of("target"), "hostile-input-");
        var app = new PackagedApp(directory, PackagedApp.databaseProperties());
        app.start();
        var fixture = new HostileFixture(app);
        fixture.signTokens();
        fixture.createProtocols();
        fixture.readVisibility();
        return fixture;
    }

    @Override
    public void close() throws Exception {
        app.close();
    }

    String token(Caller caller) {
        return tokens.get(caller);
    }

    String bearer(Caller caller) {
        return "Bearer " + tokens.get(caller);
    }

    String id(Target target) {
        return ids.get(target);
    }

    // ---- tokens --------------------------------------------------------------------------

    private void signTokens() throws Exception {
        tokens.put(Caller.SPONSOR_A, sign(claims("sponsor-a", "sponsor").claim("org", orgA)));
        tokens.put(Caller.SPONSOR_B, sign(claims("sponsor-b", "sponsor").claim("org", orgB)));
        tokens.put(Caller.REVIEWER, sign(claims("reviewer", "reviewer")));
        tokens.put(Caller.VIEWER, sign(claims("viewer", "viewer")));
        tokens.put(Caller.ADMIN, sign(claims("admin", "admin")));
        tokens.put(Caller.SPONSOR_WITHOUT_ORG, sign(claims("no-org", "sponsor")));
        tokens.put(Caller.NO_ROLE, sign(claims("nobody", "' OR 1=1 --", "root", "ADMIN")));

        var valid = tokens.get(Caller.SPONSOR_A);
        var parts = valid.split("\\.");
        var issuedAt = Instant.now().minus(Duration.ofHours(3));
        badAuthorizations.put("no Authorization header", null);
        badAuthorizations.put("expired", "Bearer " + sign(Jwt.issuer(Tokens.ISSUER).subject("late").groups("sponsor")
                .claim("org", orgA).issuedAt(issuedAt).expiresAt(issuedAt.plus(Duration.ofMinutes(10)))));
        badAuthorizations.put("signed with another key", "Bearer " + claims("forger", "admin").sign(randomKey()));
        badAuthorizations.put("another issuer", "Bearer " + sign(Jwt.issuer("https://someone-else.example/issuer")
                .subject("other").groups("admin").expiresIn(Duration.ofHours(2))));
        badAuthorizations.put("alg none", "Bearer " + base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + parts[1] + ".");
        badAuthorizations.put("alg none, no signature part", "Bearer " + base64Url("{\"alg\":\"none\"}") + "."
                + parts[1]);
        badAuthorizations.put("HS256 keyed with the public key", "Bearer " + hs256WithPublicKey(parts[1]));
        badAuthorizations.put("payload swapped under a valid signature", "Bearer " + parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(adminPayload(parts[1]))
                + "." + parts[2]);
        badAuthorizations.put("signature cut short", "Bearer " + valid.substring(0, valid.length() - 5));
        badAuthorizations.put("one character appended", "Bearer " + valid + "A");
        badAuthorizations.put("Basic scheme", "Basic YWRtaW46YWRtaW4=");
        badAuthorizations.put("scheme only", "Bearer");
        badAuthorizations.put("token without scheme", valid);
        badAuthorizations.put("garbage", "Bearer garbage");
        badAuthorizations.put("three empty parts", "Bearer ..");
        badAuthorizations.put("SQL", "Bearer ' OR 1=1 --");
        badAuthorizations.put("JSON instead of a JWT", "Bearer {\"alg\":\"none\",\"groups\":[\"admin\"]}");
        badAuthorizations.put("8 KiB of base64", "Bearer " + "QUFB".repeat(2048));
        badAuthorizations.put("null", "Bearer null");
    }

    private JwtClaimsBuilder claims(String subject, String... groups) {
        return Jwt.issuer(Tokens.ISSUER).subject("hostile-" + subject).groups(Set.of(groups))
                .expiresIn(Duration.ofHours(2));
    }

    private String sign(JwtClaimsBuilder claims) {
        return claims.sign(devKey);
    }

    /** The algorithm-confusion attack: HMAC keyed with the verifier's public key, which anyone has. */
    private static String hs256WithPublicKey(String payload) throws Exception {
        var signingInput = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + payload;
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Files.readAllBytes(Path.of("src/dev-keys/publicKey.pem")), "HmacSHA256"));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] adminPayload(String payload) throws IOException {
        var claims = (com.fasterxml.jackson.databind.node.ObjectNode) ProtocolApi.json(
                Base64.getUrlDecoder().decode(payload));
        claims.putArray("groups").add("admin");
        return ProtocolApi.EXACT_JSON.writeValueAsBytes(claims);
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey randomKey() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }

    // ---- protocols -----------------------------------------------------------------------

    private void createProtocols() throws IOException {
        var complete = Examples.bytes(Examples.FIBROMYALGIA);
        ids.put(Target.DRAFT_WITH_ERRORS, create(Caller.SPONSOR_A, Examples.bytes(Examples.NEUROPATHIC_DRAFT)));
        ids.put(Target.SUBMITTABLE_DRAFT, create(Caller.SPONSOR_A, complete));
        ids.put(Target.SUBMITTED, create(Caller.SPONSOR_A, complete));
        step(Caller.SPONSOR_A, Target.SUBMITTED, "submit", null);
        ids.put(Target.APPROVED, create(Caller.SPONSOR_A, complete));
        step(Caller.SPONSOR_A, Target.APPROVED, "submit", null);
        step(Caller.REVIEWER, Target.APPROVED, "reviews", "{\"decision\":\"APPROVE\",\"comments\":[{\"pointer\":"
                + "\"/dosing/initialDoseMg\",\"text\":\"' OR 1=1 -- =cmd|' /C calc'!A0\"}]}");
        ids.put(Target.WITHDRAWN, create(Caller.SPONSOR_A, complete));
        step(Caller.SPONSOR_A, Target.WITHDRAWN, "submit", null);
        step(Caller.SPONSOR_A, Target.WITHDRAWN, "withdraw", null);
        ids.put(Target.FORMULA_DRAFT, create(Caller.SPONSOR_A, ("{\"registration\":{\"briefTitle\":\"=cmd|' /C calc'!A0 "
                + SHARED_WORD + "\",\"officialTitle\":\"@SUM(1+1) ' OR 1=1 -- 100% \\\\_x\"},"
                + "\"condition\":{\"name\":\"+1-1 \\u202Eevil\\u200B\"}}").getBytes(StandardCharsets.UTF_8)));
        ids.put(Target.RIVAL_DRAFT, create(Caller.SPONSOR_B, ("{\"registration\":{\"briefTitle\":\"" + SHARED_WORD
                + " rival draft ' OR 1=1 -- %_\"}}").getBytes(StandardCharsets.UTF_8)));
        ids.put(Target.RIVAL_APPROVED, create(Caller.SPONSOR_B, complete));
        step(Caller.SPONSOR_B, Target.RIVAL_APPROVED, "submit", null);
        step(Caller.REVIEWER, Target.RIVAL_APPROVED, "reviews", "{\"decision\":\"APPROVE\"}");
        for (var target : Target.values()) {
            var read = send("GET", ProtocolApi.PROTOCOLS + "/" + id(target), Caller.ADMIN, null, null);
            etags.put(target, read.header("ETag"));
        }
        for (var sort : List.of("updatedAt", "createdAt:asc", "initialDoseMg", "briefTitle:asc")) {
            var page = json(send("GET", ProtocolApi.PROTOCOLS + "?pageSize=1&sort=" + sort, Caller.SPONSOR_A, null,
                    null));
            pageTokens.put(sort, page.get("nextPageToken").asText());
        }
    }

    private String create(Caller caller, byte[] document) throws IOException {
        var response = send("POST", ProtocolApi.PROTOCOLS, caller, null, document);
        require(response, 201);
        return ProtocolApi.json(response.body()).get("id").asText();
    }

    private void step(Caller caller, Target target, String action, String body) throws IOException {
        var response = send("POST", ProtocolApi.PROTOCOLS + "/" + id(target) + "/" + action, caller, null,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        require(response, action.equals("reviews") ? 201 : 200);
    }

    private void readVisibility() throws IOException {
        for (var caller : List.of(Caller.SPONSOR_A, Caller.SPONSOR_B, Caller.REVIEWER, Caller.VIEWER, Caller.ADMIN)) {
            var ids = new TreeSet<String>();
            ndjson(send("GET", ProtocolApi.PROTOCOLS + "?fields=id", caller, "application/x-ndjson", null))
                    .forEach(line -> ids.add(line.get("id").asText()));
            visible.put(caller, Set.copyOf(ids));
        }
    }

    // ---- the snapshot --------------------------------------------------------------------

    /**
     * What a write would change, as an admin reads it: every protocol's envelope (its version
     * number and ETag change with every new version and state), the version list, history and
     * reviews of the protocols the requests aim at, and the audit chain's verification (every
     * write appends an event, so {@code eventsChecked} would grow).
     */
    record Snapshot(Map<String, JsonNode> envelopes, Map<String, JsonNode> versions, Map<String, JsonNode> histories,
            Map<String, JsonNode> reviews, JsonNode auditVerification) {

        /** The protocols whose state differs, by what differs; empty when nothing changed. */
        List<String> differencesTo(Snapshot later) {
            var differences = new ArrayList<String>();
            compare("envelope", envelopes, later.envelopes, differences);
            compare("versions", versions, later.versions, differences);
            compare("history", histories, later.histories, differences);
            compare("reviews", reviews, later.reviews, differences);
            if (!auditVerification.equals(later.auditVerification)) {
                differences.add("audit verification " + auditVerification + " became " + later.auditVerification);
            }
            return differences;
        }

        private static void compare(String what, Map<String, JsonNode> before, Map<String, JsonNode> after,
                List<String> differences) {
            var ids = new TreeSet<>(before.keySet());
            ids.addAll(after.keySet());
            for (var id : ids) {
                if (!java.util.Objects.equals(before.get(id), after.get(id))) {
                    differences.add(what + " of " + id + " changed");
                }
            }
        }
    }

    Snapshot snapshot() throws IOException {
        var envelopes = new TreeMap<String, JsonNode>();
        ndjson(send("GET", ProtocolApi.PROTOCOLS + "?sort=createdAt:asc", Caller.ADMIN, "application/x-ndjson", null))
                .forEach(envelope -> envelopes.put(envelope.get("id").asText(), envelope));
        var versions = new TreeMap<String, JsonNode>();
        var histories = new TreeMap<String, JsonNode>();
        var reviews = new TreeMap<String, JsonNode>();
        for (var id : ids.values()) {
            var path = ProtocolApi.PROTOCOLS + "/" + id;
            versions.put(id, json(send("GET", path + "/versions", Caller.ADMIN, null, null)));
            histories.put(id, json(send("GET", path + "/history", Caller.ADMIN, null, null)));
            reviews.put(id, json(send("GET", path + "/reviews", Caller.ADMIN, null, null)));
        }
        var audit = json(send("GET", "/api/v1/audit/verify", Caller.ADMIN, null, null));
        return new Snapshot(envelopes, versions, histories, reviews, audit);
    }

    // ---- plain requests for set-up -------------------------------------------------------

    RawHttp.Response send(String method, String target, Caller caller, String accept, byte[] body) throws IOException {
        var headers = new ArrayList<RawHttp.Header>();
        headers.add(new RawHttp.Header("Authorization", bearer(caller)));
        if (accept != null) {
            headers.add(new RawHttp.Header("Accept", accept));
        }
        if (body != null) {
            headers.add(new RawHttp.Header("Content-Type", "application/json"));
        }
        return http.send(new RawHttp.Request(method, target, headers, body, false));
    }

    private static void require(RawHttp.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("set-up request answered " + response.status() + ": " + response.text());
        }
    }

    static JsonNode json(RawHttp.Response response) {
        require(response, 200);
        return ProtocolApi.json(response.body());
    }

    static List<JsonNode> ndjson(RawHttp.Response response) {
        require(response, 200);
        var lines = new ArrayList<JsonNode>();
        for (var line : response.text().split("\n")) {
            if (!line.isBlank()) {
                lines.add(ProtocolApi.json(line));
            }
        }
        return lines;
    }
}
