package org.protocolregistry.search;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.protocolregistry.api.ProblemException;
import org.protocolregistry.api.ProblemType;
import org.protocolregistry.api.Violation;
import org.protocolregistry.protocol.ProtocolStatus;
import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.search.SearchQuery.PageToken;
import org.protocolregistry.search.SearchQuery.SortKey;
import org.protocolregistry.security.Caller;

/**
 * Reads and checks the query parameters of a search. Every invalid or unknown parameter is
 * named in one 400 answer; a filter typo must never silently widen a search.
 */
public final class SearchParameters {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_QUERY_LENGTH = 200;
    /** Protocol ids are random UUIDs, as the service writes them. */
    private static final Pattern PROTOCOL_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** The sortable title column's length. */
    private static final int MAX_TITLE_SORT_VALUE = 300;

    private static final Set<String> KNOWN = Set.of("status", "conditionCategory", "phase", "overallStatus",
            "sponsorOrg", "hasErrors", "ruleId", "minInitialDoseMg", "maxInitialDoseMg", "updatedSince", "q", "sort",
            "pageSize", "pageToken", "countTotal", "fields");
    /** Parameters that change which protocols match, and so bind a page token to its query. */
    private static final Set<String> SELECTING = Set.of("status", "conditionCategory", "phase", "overallStatus",
            "sponsorOrg", "hasErrors", "ruleId", "minInitialDoseMg", "maxInitialDoseMg", "updatedSince", "q", "sort");
    static final Set<String> ENVELOPE_FIELDS = Set.of("id", "sponsorOrg", "status", "version", "createdAt",
            "updatedAt", "etag", "document", "validation");
    static final Set<String> DOCUMENT_FIELDS = Arrays.stream(ProtocolDocument.class.getRecordComponents())
            .map(component -> component.getName()).collect(Collectors.toUnmodifiableSet());

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<String>> raw;
    private final List<Violation> violations = new ArrayList<>();

    private SearchParameters(Map<String, List<String>> raw) {
        this.raw = raw;
    }

    public static SearchQuery parse(Map<String, List<String>> parameters, Caller caller) {
        return new SearchParameters(parameters).read(caller);
    }

    private SearchQuery read(Caller caller) {
        for (var name : raw.keySet()) {
            if (!KNOWN.contains(name)) {
                violations.add(Violation.atParameter(name, "unknown parameter; known: " + String.join(", ",
                        KNOWN.stream().sorted().toList())));
            }
        }
        var statuses = codes("status", ProtocolStatus.class);
        var categories = codes("conditionCategory", ProtocolDocument.ConditionCategory.class);
        var phases = codes("phase", ProtocolDocument.Phase.class);
        var overall = codes("overallStatus", ProtocolDocument.OverallStatus.class);
        if (overall.size() > 1) {
            violations.add(Violation.atParameter("overallStatus", "give one value"));
        }
        var sponsorOrg = single("sponsorOrg");
        if (sponsorOrg != null && !(caller.isReviewer() || caller.isAdmin())) {
            violations.add(Violation.atParameter("sponsorOrg", "only reviewers and admins filter by sponsor"));
        }
        var hasErrors = bool("hasErrors");
        var ruleId = single("ruleId");
        if (ruleId != null && !ruleId.matches("[A-Z]{2,5}-[0-9]{3}")) {
            violations.add(Violation.atParameter("ruleId", "a rule id such as DOSE-003"));
        }
        var minDose = decimal("minInitialDoseMg");
        var maxDose = decimal("maxInitialDoseMg");
        if (minDose != null && maxDose != null && minDose.compareTo(maxDose) > 0) {
            violations.add(Violation.atParameter("minInitialDoseMg", "must not exceed maxInitialDoseMg"));
        }
        var updatedSince = instant("updatedSince");
        var terms = terms();
        var sortSpec = single("sort");
        var sort = SortKey.UPDATED_AT;
        var descending = true;
        if (sortSpec != null) {
            var parts = sortSpec.split(":", -1);
            var key = Arrays.stream(SortKey.values()).filter(k -> k.parameter.equals(parts[0])).findFirst();
            var direction = parts.length == 2 ? parts[1] : "asc";
            if (key.isEmpty() || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
                violations.add(Violation.atParameter("sort", "one of updatedAt, createdAt, initialDoseMg, briefTitle, "
                        + "optionally followed by :asc or :desc, e.g. updatedAt:desc"));
            } else {
                sort = key.get();
                descending = direction.equals("desc");
            }
        }
        var pageSize = pageSize();
        var countTotal = Boolean.TRUE.equals(bool("countTotal"));
        var fields = fields();
        var fingerprint = fingerprint();
        var token = token(fingerprint, sort);
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "Some search parameters are invalid.", violations);
        }
        return new SearchQuery(statuses, categories, phases, overall.isEmpty() ? null : overall.get(0), sponsorOrg,
                hasErrors, ruleId, minDose, maxDose, updatedSince, terms, sort, descending, pageSize, token,
                countTotal, fields);
    }

    /** Every value of a repeatable code parameter, also comma-separated. */
    private <E extends Enum<E>> List<String> codes(String name, Class<E> type) {
        var values = new ArrayList<String>();
        for (var value : raw.getOrDefault(name, List.of())) {
            for (var code : value.split(",")) {
                var trimmed = code.trim();
                if (Arrays.stream(type.getEnumConstants()).noneMatch(constant -> constant.name().equals(trimmed))) {
                    violations.add(Violation.atParameter(name, "\"" + shorten(trimmed) + "\" is not one of "
                            + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))));
                } else {
                    values.add(trimmed);
                }
            }
        }
        return List.copyOf(new LinkedHashSet<>(values));
    }

    private String single(String name) {
        var values = raw.getOrDefault(name, List.of());
        if (values.size() > 1) {
            violations.add(Violation.atParameter(name, "give it once"));
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private Boolean bool(String name) {
        var value = single(name);
        if (value == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            violations.add(Violation.atParameter(name, "true or false"));
            return null;
        }
        return Boolean.valueOf(value);
    }

    private BigDecimal decimal(String name) {
        var value = single(name);
        if (value == null) {
            return null;
        }
        try {
            var number = new BigDecimal(value);
            if (number.precision() > 30 || Math.abs(number.scale()) > 30) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            violations.add(Violation.atParameter(name, "a decimal number such as 120 or 1.5"));
            return null;
        }
    }

    private Instant instant(String name) {
        var value = single(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(Violation.atParameter(name, "an ISO-8601 UTC time such as 2026-11-26T09:30:00Z"));
            return null;
        }
    }

    /** Lower-case words of q, each of which must appear. */
    private List<String> terms() {
        var q = single("q");
        if (q == null) {
            return List.of();
        }
        if (q.length() > MAX_QUERY_LENGTH || q.chars().anyMatch(c -> c == 0)) {
            violations.add(Violation.atParameter("q", "at most " + MAX_QUERY_LENGTH + " characters, no NUL"));
            return List.of();
        }
        return Arrays.stream(q.toLowerCase(Locale.ROOT).trim().split("\\s+")).filter(term -> !term.isEmpty())
                .distinct().limit(10).toList();
    }

    private int pageSize() {
        var value = single("pageSize");
        if (value == null) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            var size = Integer.parseInt(value);
            if (size >= 1 && size <= MAX_PAGE_SIZE) {
                return size;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        violations.add(Violation.atParameter("pageSize", "a whole number from 1 to " + MAX_PAGE_SIZE));
        return DEFAULT_PAGE_SIZE;
    }

    private Set<String> fields() {
        var value = single("fields");
        if (value == null) {
            return Set.of();
        }
        var fields = new LinkedHashSet<String>();
        for (var field : value.split(",")) {
            var trimmed = field.trim();
            if (!ENVELOPE_FIELDS.contains(trimmed) && !DOCUMENT_FIELDS.contains(trimmed)) {
                violations.add(Violation.atParameter("fields", "\"" + shorten(trimmed) + "\" is neither an envelope "
                        + "member (" + String.join(", ", ENVELOPE_FIELDS.stream().sorted().toList())
                        + ") nor a document section"));
            }
            fields.add(trimmed);
        }
        return fields;
    }

    /** A hash of the parameters that select protocols, so a token cannot be replayed with others. */
    private String fingerprint() {
        var selecting = new TreeMap<String, List<String>>();
        raw.forEach((name, values) -> {
            if (SELECTING.contains(name)) {
                selecting.put(name, values.stream().sorted().toList());
            }
        });
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(JSON.writeValueAsString(selecting).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private PageToken token(String fingerprint, SortKey sort) {
        var value = single("pageToken");
        if (value == null) {
            return null;
        }
        try {
            var token = JSON.readValue(Base64.getUrlDecoder().decode(value), PageToken.class);
            if (token == null || !couldHaveIssued(token, sort)) {
                violations.add(Violation.atParameter("pageToken", "not a token this service issued"));
                return null;
            }
            if (!fingerprint.equals(token.queryFingerprint())) {
                violations.add(Violation.atParameter("pageToken",
                        "this token belongs to a search with other filters or sort; start again without it"));
                return null;
            }
            return token;
        } catch (IllegalArgumentException | java.io.IOException e) {
            violations.add(Violation.atParameter("pageToken", "not a token this service issued"));
            return null;
        }
    }

    /**
     * Tokens are not signed, so one can be decoded, edited and encoded again: its values must be
     * what a page could have ended on, or the keyset query would fail on them.
     */
    private static boolean couldHaveIssued(PageToken token, SortKey sort) {
        if (token.id() == null || !PROTOCOL_ID.matcher(token.id()).matches() || token.sortValue() == null) {
            return false;
        }
        var sortValue = token.sortValue();
        try {
            return switch (sort) {
                case UPDATED_AT, CREATED_AT -> Instant.parse(sortValue) != null;
                case INITIAL_DOSE_MG -> Double.isFinite(Double.parseDouble(sortValue));
                case BRIEF_TITLE -> sortValue.length() <= MAX_TITLE_SORT_VALUE && sortValue.indexOf('\0') < 0;
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            return false;
        }
    }

    static String encode(PageToken token) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(token));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String fingerprintOf(Map<String, List<String>> parameters) {
        return new SearchParameters(parameters).fingerprint();
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
