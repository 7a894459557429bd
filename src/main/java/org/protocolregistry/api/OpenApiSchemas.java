package org.protocolregistry.api;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * States the JSON contract precisely in the generated schemas, where the Java types cannot say it:
 * <ul>
 *   <li>the protocol document (protocol-document.md): every field may be {@code null} ("not stated")
 *       except {@code registration} and {@code registration.briefTitle}; unknown properties are refused
 *       ({@code additionalProperties: false}); list elements are never null; lists hold at most
 *       {@value StrictJson#MAX_LIST_ELEMENTS} elements; lists of codes are sets whose duplicates are
 *       ignored, so they are not {@code uniqueItems} (a duplicate is accepted and returned as sent);</li>
 *   <li>the review request: read by the same strict reader, so closed too;</li>
 *   <li>list envelopes: {@code nextPageToken} is null on the last page;</li>
 *   <li>a nullable reference ({@code anyOf: [$ref, {type: "null"}]}) carries no {@code type} of its own,
 *       which would refuse the {@code null} that its second branch allows.</li>
 * </ul>
 */
final class OpenApiSchemas {

    static final String DOCUMENT = "ProtocolDocument";
    private static final String REF_PREFIX = "#/components/schemas/";
    /** Fields the parser requires: a draft needs a name. */
    private static final Map<String, String> REQUIRED_DOCUMENT_FIELDS = Map.of(
            DOCUMENT, "registration",
            "Registration", "briefTitle");
    /** Request bodies other than the document that the strict reader refuses unknown properties in. */
    private static final List<String> CLOSED_REQUEST_SCHEMAS = List.of("ReviewRequest", "ReviewComment");

    private OpenApiSchemas() {
    }

    static void apply(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        var schemas = openAPI.getComponents().getSchemas();
        if (schemas.containsKey(DOCUMENT)) {
            for (var name : objectSchemasReachableFrom(DOCUMENT, schemas)) {
                stateDocumentObject(name, schemas.get(name));
            }
        }
        for (var name : CLOSED_REQUEST_SCHEMAS) {
            var schema = schemas.get(name);
            if (schema != null) {
                schema.setAdditionalPropertiesBoolean(false);
                forEachArray(schema, array -> array.setMaxItems(StrictJson.MAX_LIST_ELEMENTS));
            }
        }
        for (var schema : schemas.values()) {
            if (schema.getProperties() == null) {
                continue;
            }
            var pageToken = schema.getProperties().get("nextPageToken");
            if (pageToken != null && pageToken.getType() != null && !pageToken.getType().contains(SchemaType.NULL)) {
                pageToken.addType(SchemaType.NULL);
                if (pageToken.getDescription() == null) {
                    pageToken.setDescription("Opaque token of the next page; null on the last page.");
                }
            }
            schema.getProperties().values().forEach(OpenApiSchemas::untypeNullableReference);
        }
    }

    private static void stateDocumentObject(String name, Schema schema) {
        schema.setAdditionalPropertiesBoolean(false);
        var required = REQUIRED_DOCUMENT_FIELDS.get(name);
        if (required != null) {
            schema.addRequired(required);
        }
        for (var property : List.copyOf(schema.getProperties().entrySet())) {
            var field = property.getValue();
            if (isArray(field)) {
                field.setMaxItems(StrictJson.MAX_LIST_ELEMENTS);
                field.setUniqueItems(null);
            }
            if (property.getKey().equals(required)) {
                if (isString(field)) {
                    field.setMinLength(1);
                }
                continue;
            }
            schema.addProperty(property.getKey(), nullable(field));
        }
    }

    /** The same field, also allowing null. */
    private static Schema nullable(Schema field) {
        if (field.getRef() != null) {
            var reference = OASFactory.createSchema().ref(field.getRef());
            return OASFactory.createSchema()
                    .description(field.getDescription())
                    .anyOf(List.of(reference, OASFactory.createSchema().addType(SchemaType.NULL)));
        }
        if (field.getType() != null && !field.getType().contains(SchemaType.NULL)) {
            field.addType(SchemaType.NULL);
        }
        return field;
    }

    private static void untypeNullableReference(Schema property) {
        var anyOf = property.getAnyOf();
        if (anyOf != null && property.getType() != null
                && anyOf.stream().anyMatch(branch -> branch.getType() != null && branch.getType().contains(SchemaType.NULL))) {
            property.setType(null);
        }
    }

    /** The object schemas (not enums or scalars) that a schema refers to, directly or not, itself included. */
    private static Set<String> objectSchemasReachableFrom(String root, Map<String, Schema> schemas) {
        var reached = new LinkedHashSet<String>();
        var pending = new ArrayDeque<String>(List.of(root));
        while (!pending.isEmpty()) {
            var name = pending.pop();
            var schema = schemas.get(name);
            if (schema == null || schema.getProperties() == null || !reached.add(name)) {
                continue;
            }
            for (var field : schema.getProperties().values()) {
                var target = field.getRef() != null ? field.getRef() : isArray(field) && field.getItems() != null
                        ? field.getItems().getRef() : null;
                if (target != null && target.startsWith(REF_PREFIX)) {
                    pending.push(target.substring(REF_PREFIX.length()));
                }
            }
        }
        return reached;
    }

    private static void forEachArray(Schema schema, Consumer<Schema> action) {
        schema.getProperties().values().stream().filter(OpenApiSchemas::isArray).forEach(action);
    }

    private static boolean isArray(Schema schema) {
        return schema.getType() != null && schema.getType().contains(SchemaType.ARRAY);
    }

    private static boolean isString(Schema schema) {
        return schema.getType() != null && schema.getType().contains(SchemaType.STRING);
    }
}
