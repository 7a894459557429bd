package org.protocolregistry.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;

import io.restassured.authentication.AuthenticationScheme;
import io.restassured.authentication.PreemptiveOAuth2HeaderScheme;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Checks every HTTP exchange of the {@code @QuarkusTest}s against the published contract,
 * {@code openapi/openapi.yaml}, with Atlassian's swagger-request-validator. Installed as a global
 * RestAssured filter by {@link ContractValidationCallbacks} for the duration of each
 * {@code @QuarkusTest} class, so no test class can forget it. The contract is read through
 * {@link ContractModel}, which restates its OpenAPI 3.1 types in the form the validator checks.
 *
 * <p>The rules:
 * <ul>
 *   <li><b>Responses</b> of documented operations must match the operation's documented response
 *       exactly: a documented status, a documented content type, the schema of that response
 *       (including {@code additionalProperties: false} injected into every response object, so an
 *       undocumented field fails too) and the documented headers. Any mismatch fails the test.</li>
 *   <li><b>Requests</b> are validated too, but a request the contract calls invalid is not an error
 *       in itself: bad-input tests send such requests on purpose, and the server must refuse them.
 *       The rule is that a request the contract calls invalid <em>never gets a 2xx</em>: that would
 *       mean the server accepts what the contract forbids (or the contract forbids what the server
 *       accepts), and either way one of them is wrong. A request the contract calls valid may still
 *       get a 4xx for business reasons (not found, illegal state, stale ETag, ...).</li>
 *   <li><b>Undocumented API paths or methods</b> (anything under {@code /api/} that has no
 *       operation in the contract) must be refused with 404 or 405 and an
 *       {@code application/problem+json} body; anything else fails the test.</li>
 *   <li><b>Paths outside the API</b> are skipped only when {@link #NON_API_PATHS} lists them
 *       (health, metrics, the OpenAPI document and its UI, the dev-mode token endpoint, test-only
 *       fault routes) or when they are refused like an unknown API path (404/405 problem+json);
 *       any other answer fails the test, so nothing is skipped silently.</li>
 *   <li><b>Transport-level refusals</b> ({@link #TRANSPORT_REFUSALS}: 414 and 431, which the HTTP
 *       server sends itself, before the application, for an over-long request line or headers)
 *       are outside every operation; they must have an empty body.</li>
 * </ul>
 * A contract failure throws an {@link AssertionError} from the request call and is also recorded,
 * so that {@link ContractValidationCallbacks} fails the test after it even if the test caught it.
 */
public final class ContractValidationFilter implements OrderedFilter {

    /** The published contract, relative to the project directory (the tests' working directory). */
    public static final Path CONTRACT = Path.of("openapi", "openapi.yaml");

    /**
     * Paths that are deliberately outside the contract: the Quarkus management endpoints (health,
     * metrics, the served OpenAPI document), the dev/test token endpoint (absent from production)
     * and the test-only fault routes. Entries ending in "/" are prefixes.
     */
    static final Set<String> NON_API_PATHS = Set.of(
            "/q/health", "/q/health/", "/q/metrics", "/q/openapi", "/q/swagger-ui/", "/dev/token", "/test-only/");

    /**
     * Answers the HTTP server (Vert.x) gives itself, before any application code and with an
     * empty body, for a request line or headers over the configured limits: transport-level
     * refusals that no operation of the contract can describe.
     */
    static final Set<Integer> TRANSPORT_REFUSALS = Set.of(414, 431);

    private static final String API_PREFIX = "/api/";
    private static final String AUTHORIZATION = "Authorization";

    private static final ContractValidationFilter INSTANCE = new ContractValidationFilter(CONTRACT);

    private final OpenApiInteractionValidator validator;
    private final List<String> failures = new ArrayList<>();
    private final AtomicLong exchanges = new AtomicLong();
    private final AtomicLong checkNanos = new AtomicLong();
    private final AtomicLong refusedInvalidRequests = new AtomicLong();
    private final long loadNanos;

    ContractValidationFilter(Path contract) {
        var started = System.nanoTime();
        validator = OpenApiInteractionValidator.createFor(ContractModel.load(contract)).build();
        loadNanos = System.nanoTime() - started;
    }

    /** The filter shared by every test: the contract is parsed once per JVM. */
    public static ContractValidationFilter instance() {
        return INSTANCE;
    }

    @Override
    public int getOrder() {
        // Closest to the wire: the exchange is checked exactly as sent and received.
        return OrderedFilter.LOWEST_PRECEDENCE;
    }

    @Override
    public Response filter(FilterableRequestSpecification requestSpec, FilterableResponseSpecification responseSpec,
            FilterContext ctx) {
        var request = withBearerToken(RestAssuredRequest.of(requestSpec), requestSpec.getAuthenticationScheme());
        var response = ctx.next(requestSpec, responseSpec);
        var started = System.nanoTime();
        var failure = check(request, response);
        checkNanos.addAndGet(System.nanoTime() - started);
        exchanges.incrementAndGet();
        if (failure != null) {
            synchronized (failures) {
                failures.add(failure);
            }
            throw new AssertionError(failure);
        }
        return response;
    }

    /**
     * RestAssured adds the header of {@code auth().oauth2(token)} only when it sends the request, after
     * the filters; the validator must see it to check the operation's security requirement.
     */
    private static Request withBearerToken(Request request, AuthenticationScheme authentication) {
        if (!(authentication instanceof PreemptiveOAuth2HeaderScheme oauth2)
                || request.getHeaderValue(AUTHORIZATION).isPresent()) {
            return request;
        }
        var headers = new LinkedHashMap<String, Collection<String>>(request.getHeaders());
        headers.put(AUTHORIZATION, List.of("Bearer " + oauth2.getAccessToken()));
        return new Request() {
            @Override
            public String getPath() {
                return request.getPath();
            }

            @Override
            public Method getMethod() {
                return request.getMethod();
            }

            @Override
            @Deprecated
            public Optional<String> getBody() {
                return request.getBody();
            }

            @Override
            public Optional<Body> getRequestBody() {
                return request.getRequestBody();
            }

            @Override
            public Collection<String> getQueryParameters() {
                return request.getQueryParameters();
            }

            @Override
            public Collection<String> getQueryParameterValues(String name) {
                return request.getQueryParameterValues(name);
            }

            @Override
            public Map<String, Collection<String>> getHeaders() {
                return headers;
            }

            @Override
            public Collection<String> getHeaderValues(String name) {
                return name.equalsIgnoreCase(AUTHORIZATION) ? headers.get(AUTHORIZATION)
                        : request.getHeaderValues(name);
            }
        };
    }

    /** What the checks cost since the last call: exchanges checked and time spent (loading the contract once). */
    public String takeCost() {
        var count = exchanges.getAndSet(0);
        var nanos = checkNanos.getAndSet(0);
        var refused = refusedInvalidRequests.getAndSet(0);
        return String.format(Locale.ROOT, "%d exchanges checked against the contract in %.2f s, "
                + "%d of them requests it calls invalid (all refused); loading it took %.2f s once",
                count, nanos / 1e9, refused, loadNanos / 1e9);
    }

    /** The contract failures recorded since the last call, and forgets them. */
    public List<String> takeFailures() {
        synchronized (failures) {
            var taken = List.copyOf(failures);
            failures.clear();
            return taken;
        }
    }

    /** Null when the exchange keeps the contract, else what is wrong with it. */
    String check(Request request, Response response) {
        var path = request.getPath();
        var exchange = request.getMethod() + " " + path + " -> " + response.statusCode();
        if (TRANSPORT_REFUSALS.contains(response.statusCode())) {
            return response.asByteArray().length == 0 ? null
                    : exchange + ": a transport-level refusal must come from the HTTP server, with no body";
        }
        if (!path.startsWith(API_PREFIX)) {
            if (isListedNonApiPath(path) || isProblemRefusal(response)) {
                return null;
            }
            return exchange + ": the path is neither in the contract nor in ContractValidationFilter.NON_API_PATHS; "
                    + "document it in openapi/openapi.yaml or, if it is deliberately outside the API, list it there";
        }
        var requestReport = validator.validateRequest(request);
        if (hasNoOperation(requestReport)) {
            var contentType = String.valueOf(response.contentType());
            if (isProblemRefusal(response)) {
                return null;
            }
            return exchange + " (" + contentType + "): the contract has no such operation, so the answer must be "
                    + "a 404 or 405 problem+json";
        }
        var responseReport = validator.validateResponse(path, request.getMethod(), RestAssuredResponse.of(response));
        if (responseReport.hasErrors()) {
            return exchange + ": the response breaks the contract:\n" + format(responseReport)
                    + "\nresponse body: " + abbreviate(response.asString());
        }
        var status = response.statusCode();
        if (requestReport.hasErrors()) {
            if (status >= 200 && status < 300) {
                return exchange + ": the contract calls this request invalid, yet the server accepted it:\n"
                        + format(requestReport);
            }
            refusedInvalidRequests.incrementAndGet();
        }
        return null;
    }

    /** A path nothing serves, or a method it does not take, refused as the API refuses it. */
    private static boolean isProblemRefusal(Response response) {
        return (response.statusCode() == 404 || response.statusCode() == 405)
                && String.valueOf(response.contentType()).startsWith("application/problem+json");
    }

    private static boolean isListedNonApiPath(String path) {
        return NON_API_PATHS.stream().anyMatch(listed -> listed.endsWith("/") ? path.startsWith(listed)
                : path.equals(listed));
    }

    private static boolean hasNoOperation(ValidationReport report) {
        return report.getMessages().stream().anyMatch(message -> message.getKey().equals("validation.request.path.missing")
                || message.getKey().equals("validation.request.operation.notAllowed"));
    }

    private static String format(ValidationReport report) {
        return SimpleValidationReportFormat.getInstance().apply(report);
    }

    private static String abbreviate(String body) {
        return body.length() <= 2_000 ? body : body.substring(0, 2_000) + "…";
    }
}
