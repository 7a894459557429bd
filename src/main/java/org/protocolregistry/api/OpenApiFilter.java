package org.protocolregistry.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.protocolregistry.protocol.document.DocumentParser;
import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.RuleDescription;
import org.protocolregistry.validation.SafetyValidator;
import org.protocolregistry.validation.Thresholds;

/**
 * Completes the generated OpenAPI document: the JSON contract's nullability and closed objects
 * ({@link OpenApiSchemas}), the error responses every operation can give (401 and 403 when it is
 * secured, 400, 406, 500), and realistic examples taken from the product owner's example protocols,
 * with the reports the validator really gives on them.
 * Runs at build time, so the committed openapi/openapi.yaml carries them.
 */
public class OpenApiFilter implements OASFilter {

    private static final String DOCUMENT_SCHEMA = "#/components/schemas/ProtocolDocument";
    private static final String ENVELOPE_SCHEMA = "#/components/schemas/ProtocolEnvelope";
    private static final String VERSION_SCHEMA = "#/components/schemas/VersionEnvelope";
    private static final String VERSION_LIST_SCHEMA = "#/components/schemas/VersionList";
    private static final String REPORT_SCHEMA = "#/components/schemas/ValidationReport";
    private static final String RULE_LIST_SCHEMA = "#/components/schemas/RuleList";
    private static final String RULE_SCHEMA = "#/components/schemas/Rule";
    private static final String REVALIDATION_SCHEMA = "#/components/schemas/Revalidation";
    private static final String PAGE_SCHEMA = "#/components/schemas/ProtocolPage";
    private static final String CHAIN_SCHEMA = "#/components/schemas/ChainVerification";
    private static final String HISTORY_SCHEMA = "#/components/schemas/HistoryList";
    private static final String REVIEW_SCHEMA = "#/components/schemas/Review";
    private static final String REVIEW_LIST_SCHEMA = "#/components/schemas/ReviewList";
    private static final String PATCH_OPERATION_SCHEMA = "#/components/schemas/PatchOperation";
    private static final String NDJSON = "application/x-ndjson";
    private static final String EXAMPLE_ID = "01a219f7-239e-7b41-963b-7c307b2dd1d7";
    private static final String EXAMPLE_TIME = "2026-11-26T09:30:00.000Z";

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        OpenApiSchemas.apply(openAPI);
        var complete = example("fibromyalgia-phase2.json");
        var draft = example("neuropathic-open-label-draft.json");
        // Reports in the examples are what the validator really says about the example protocols.
        var validator = new SafetyValidator(Thresholds.DEFAULTS);
        var completeReport = report(validator, "fibromyalgia-phase2.json");
        var draftReport = report(validator, "neuropathic-open-label-draft.json");
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (var path : openAPI.getPaths().getPathItems().entrySet()) {
            for (var method : path.getValue().getOperations().entrySet()) {
                var operation = method.getValue();
                addCommonResponses(operation);
                if (method.getKey() != PathItem.HttpMethod.GET && path.getKey().startsWith("/api/v1/protocols")
                        && operation.getResponses() != null && !operation.getResponses().hasAPIResponse("503")) {
                    // Every change of a protocol locks rows; a lock wait given up answers 503 (ProblemMappers.busy).
                    operation.getResponses().addAPIResponse("503",
                            OASFactory.createAPIResponse().ref(OpenApiExamples.BUSY));
                }
                var body = operation.getRequestBody();
                if (body != null && operation.getResponses() != null
                        && !operation.getResponses().hasAPIResponse("408")) {
                    // A body that stops arriving ends at the read timeout (ProblemMappers.connectionFailed).
                    operation.getResponses().addAPIResponse("408",
                            OASFactory.createAPIResponse().ref(OpenApiExamples.REQUEST_TIMEOUT));
                }
                if (body != null) {
                    withSchema(body.getContent(), DOCUMENT_SCHEMA, media -> media
                            .addExample("complete", OASFactory.createExample()
                                    .summary("A complete phase 2 protocol").value(complete))
                            .addExample("draft", OASFactory.createExample()
                                    .summary("An early, incomplete draft").value(draft)));
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    for (var response : operation.getResponses().getAPIResponses().values()) {
                        var content = response.getContent();
                        withSchema(content, ENVELOPE_SCHEMA, media -> media.setExample(envelope(draft, draftReport)));
                        withSchema(content, VERSION_SCHEMA, media -> media.setExample(version(draft, draftReport)));
                        withSchema(content, VERSION_LIST_SCHEMA, media -> media.setExample(versionList()));
                        withSchema(content, REPORT_SCHEMA, media -> media.setExample(completeReport));
                        withSchema(content, RULE_LIST_SCHEMA, media -> media.setExample(ruleList(validator)));
                        withSchema(content, RULE_SCHEMA, media -> media.setExample(rule(validator.rules().get(0))));
                        withSchema(content, REVALIDATION_SCHEMA,
                                media -> media.setExample(revalidation(draftReport)));
                        withSchema(content, PAGE_SCHEMA, media -> media.setExample(ordered(
                                "items", List.of(envelope(draft, draftReport)),
                                "nextPageToken", "eyJzb3J0VmFsdWUiOiIyMDI2LTExLTI2VDA5OjMwOjAwWiJ9",
                                "totalCount", 41)));
                        withSchema(content, CHAIN_SCHEMA, media -> media.setExample(chainVerification()));
                        withSchema(content, HISTORY_SCHEMA, media -> media.setExample(
                                ordered("items", List.of(auditEntry()), "totalCount", 1)));
                        withSchema(content, REVIEW_SCHEMA, media -> media.setExample(review()));
                        withSchema(content, REVIEW_LIST_SCHEMA, media -> media.setExample(
                                ordered("items", List.of(review()), "totalCount", 1)));
                        ndjsonExampleAsText(content);
                        if (content != null && content.getMediaTypes() != null) {
                            content.getMediaTypes().values().stream()
                                    .filter(media -> media.getSchema() != null && media.getSchema().getItems() != null
                                            && PATCH_OPERATION_SCHEMA.equals(media.getSchema().getItems().getRef()))
                                    .forEach(media -> media.setExample(List.of(ordered("op", "replace",
                                            "path", "/eligibility/minWeightKg", "value", 60, "fromValue", 48))));
                        }
                    }
                }
            }
        }
    }

    /**
     * An NDJSON example is text, one JSON value per line; the annotation's one-line example is read
     * as JSON by the generator, which would leave an object where the schema says string.
     */
    private void ndjsonExampleAsText(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        var ndjson = content.getMediaTypes().get(NDJSON);
        if (ndjson != null && ndjson.getExample() != null && !(ndjson.getExample() instanceof String)) {
            try {
                ndjson.setExample(json.writeValueAsString(ndjson.getExample()) + "\n");
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the NDJSON example cannot be written", e);
            }
        }
    }

    private static void addCommonResponses(Operation operation) {
        var responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            if (!responses.hasAPIResponse("401")) {
                responses.addAPIResponse("401", OASFactory.createAPIResponse().ref(OpenApiExamples.UNAUTHENTICATED));
            }
            // Even an operation open to every role refuses a token that carries none of them.
            if (!responses.hasAPIResponse("403")) {
                responses.addAPIResponse("403", OASFactory.createAPIResponse().ref(OpenApiExamples.FORBIDDEN));
            }
        }
        // Every request is checked before its operation runs (a URL holding %00, a malformed
        // X-Request-Id), so any operation can answer 400.
        if (!responses.hasAPIResponse("400")) {
            responses.addAPIResponse("400", OASFactory.createAPIResponse().ref(OpenApiExamples.INVALID_REQUEST));
        }
        if (!responses.hasAPIResponse("406")) {
            responses.addAPIResponse("406", OASFactory.createAPIResponse().ref(OpenApiExamples.NOT_ACCEPTABLE));
        }
        if (!responses.hasAPIResponse("500")) {
            responses.addAPIResponse("500", OASFactory.createAPIResponse().ref(OpenApiExamples.INTERNAL_ERROR));
        }
    }

    private static void withSchema(Content content, String schemaRef, java.util.function.Consumer<MediaType> action) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (var media : content.getMediaTypes().values()) {
            if (media.getSchema() != null && schemaRef.equals(media.getSchema().getRef())) {
                action.accept(media);
            }
        }
    }

    private Object report(SafetyValidator validator, String example) {
        try (InputStream in = OpenApiFilter.class.getResourceAsStream("/examples/" + example)) {
            var document = DocumentParser.parse(in.readAllBytes()).model();
            return json.convertValue(validator.validate(document), Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object rule(Rule rule) {
        return json.convertValue(RuleDescription.of(rule, Thresholds.DEFAULTS), Object.class);
    }

    private Map<String, Object> ruleList(SafetyValidator validator) {
        var list = new LinkedHashMap<String, Object>();
        list.put("ruleSetVersion", SafetyValidator.RULE_SET_VERSION);
        list.put("items", validator.rules().stream().limit(2).map(this::rule).toList());
        list.put("nextPageToken", null);
        list.put("totalCount", validator.rules().size());
        return list;
    }

    /** A map that keeps the order given, so the generated document is the same on every build. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> chainVerification() {
        var verification = new LinkedHashMap<String, Object>();
        verification.put("intact", true);
        verification.put("eventsChecked", 12);
        verification.put("firstBrokenLink", null);
        return verification;
    }

    private static Map<String, Object> auditEntry() {
        var entry = new LinkedHashMap<String, Object>();
        entry.put("sequenceNumber", 7);
        entry.put("protocolId", EXAMPLE_ID);
        entry.put("actorSubject", "sponsor-client-1");
        entry.put("actorOrg", "example-pain-institute");
        entry.put("actorRole", "sponsor");
        entry.put("action", "SUBMIT");
        entry.put("fromState", "DRAFT");
        entry.put("toState", "SUBMITTED");
        entry.put("version", 2);
        entry.put("occurredAt", EXAMPLE_TIME);
        entry.put("requestId", "3f1c0b9e-5d2a-4c8e-9b7f-1a2b3c4d5e6f");
        entry.put("previousHash", "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8");
        entry.put("hash", "a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3");
        return entry;
    }

    private static Map<String, Object> review() {
        var review = new LinkedHashMap<String, Object>();
        review.put("id", 1);
        review.put("protocolId", EXAMPLE_ID);
        review.put("version", 2);
        review.put("reviewer", "board-member-3");
        review.put("decision", "REQUEST_CHANGES");
        review.put("summary", "Dose per kilogram of body weight");
        review.put("comments", List.of(ordered("pointer", "/eligibility/minWeightKg",
                "text", "120 mg at 48 kg is 2.5 mg/kg; raise the minimum weight.")));
        review.put("createdAt", EXAMPLE_TIME);
        return review;
    }

    private static Map<String, Object> revalidation(Object report) {
        var revalidation = new LinkedHashMap<String, Object>();
        revalidation.put("protocolId", EXAMPLE_ID);
        revalidation.put("version", 1);
        revalidation.put("storedRuleSetVersion", SafetyValidator.RULE_SET_VERSION);
        revalidation.put("storedReport", report);
        revalidation.put("report", report);
        return revalidation;
    }

    private static Map<String, Object> envelope(Object document, Object report) {
        var envelope = new LinkedHashMap<String, Object>();
        envelope.put("id", EXAMPLE_ID);
        envelope.put("sponsorOrg", "example-pain-institute");
        envelope.put("status", "DRAFT");
        envelope.put("version", 1);
        envelope.put("createdAt", EXAMPLE_TIME);
        envelope.put("updatedAt", EXAMPLE_TIME);
        envelope.put("etag", "\"1.0\"");
        envelope.put("document", document);
        envelope.put("validation", report);
        return envelope;
    }

    private static Map<String, Object> version(Object document, Object report) {
        var version = new LinkedHashMap<String, Object>();
        version.put("protocolId", EXAMPLE_ID);
        version.put("version", 1);
        version.put("createdAt", EXAMPLE_TIME);
        version.put("createdBy", "sponsor-client-1");
        version.put("sha256", "9f2c1e8a7b6d5c4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e");
        version.put("document", document);
        version.put("validation", report);
        return version;
    }

    private static Map<String, Object> versionList() {
        var item = new LinkedHashMap<String, Object>();
        item.put("version", 1);
        item.put("createdAt", EXAMPLE_TIME);
        item.put("createdBy", "sponsor-client-1");
        item.put("sha256", "9f2c1e8a7b6d5c4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e");
        var list = new LinkedHashMap<String, Object>();
        list.put("items", List.of(item));
        list.put("nextPageToken", null);
        list.put("totalCount", 1);
        return list;
    }

    private Object example(String name) {
        try (InputStream in = OpenApiFilter.class.getResourceAsStream("/examples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("example " + name + " is missing from the classpath");
            }
            return json.readValue(in, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
