package org.protocolregistry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import com.atlassian.oai.validator.OpenApiInteractionValidator.SpecSource;
import com.atlassian.oai.validator.util.OpenApiLoader;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.parser.core.models.ParseOptions;

/**
 * Loads the OpenAPI 3.1 contract for swagger-request-validator, which validates with a JSON Schema
 * draft-4 engine and serialises schemas the OpenAPI 3.0 way: it drops the 3.1 {@code type} arrays,
 * so {@code type: [string, "null"]} and even {@code type: integer} would check nothing. Each schema's
 * 3.1 types are therefore restated in the 3.0 form the validator reads ({@code type} plus
 * {@code nullable}), which says exactly the same thing. Keywords that only 3.1 has and that this
 * translation cannot restate make loading fail, so the contract can never be weakened silently.
 */
final class ContractModel {

    private static final String NULL = "null";

    private ContractModel() {
    }

    static OpenAPI load(Path contract) {
        String text;
        try {
            text = Files.readString(contract);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the contract " + contract, e);
        }
        var options = new ParseOptions();
        // Schema references stay references, resolved by the validator against the translated components:
        // fully resolved copies would come with the type "object" forced onto every anyOf.
        options.setResolve(true);
        options.setResolveFully(false);
        options.setResolveCombinators(false);
        var api = new OpenApiLoader().loadApi(SpecSource.inline(text), List.of(), options);
        var problems = new ArrayList<String>();
        new Translation(problems).openApi(api);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The contract uses OpenAPI 3.1 keywords that the contract checks cannot "
                    + "validate; teach ContractModel to restate them:\n" + String.join("\n", problems));
        }
        return api;
    }

    /** Walks every schema of the document once (the resolved document shares schema objects). */
    private static final class Translation {

        private final Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<String> problems;

        Translation(List<String> problems) {
            this.problems = problems;
        }

        void openApi(OpenAPI api) {
            var components = api.getComponents();
            if (components != null) {
                each(components.getSchemas(), this::schema);
                each(components.getResponses(), this::response);
                each(components.getParameters(), this::parameter);
                each(components.getHeaders(), this::header);
                each(components.getRequestBodies(), body -> content(body.getContent()));
            }
            if (api.getPaths() != null) {
                api.getPaths().values().forEach(pathItem -> {
                    refuseReferences(pathItem.getParameters(), Parameter::get$ref, "parameter");
                    if (pathItem.getParameters() != null) {
                        pathItem.getParameters().forEach(this::parameter);
                    }
                    pathItem.readOperations().forEach(operation -> {
                        refuseReferences(operation.getParameters(), Parameter::get$ref, "parameter");
                        if (operation.getParameters() != null) {
                            operation.getParameters().forEach(this::parameter);
                        }
                        if (operation.getRequestBody() != null) {
                            refuseReferences(List.of(operation.getRequestBody()), body -> body.get$ref(), "request body");
                            content(operation.getRequestBody().getContent());
                        }
                        if (operation.getResponses() != null) {
                            inlineResponseReferences(operation.getResponses(), components);
                            operation.getResponses().values().forEach(this::response);
                        }
                    });
                });
            }
        }

        /** The validator reads an operation's responses as they stand, so shared ones are put in place. */
        private void inlineResponseReferences(ApiResponses responses, Components components) {
            for (var entry : responses.entrySet()) {
                var reference = entry.getValue().get$ref();
                if (reference == null) {
                    continue;
                }
                var name = reference.substring(reference.lastIndexOf('/') + 1);
                var shared = components == null || components.getResponses() == null ? null
                        : components.getResponses().get(name);
                if (shared == null) {
                    problems.add("the response reference " + reference + " does not resolve");
                } else {
                    entry.setValue(shared);
                }
            }
        }

        /** Shared parameters, bodies and headers are not used by this contract; inline them here if they come. */
        private <T> void refuseReferences(List<T> items, Function<T, String> reference, String kind) {
            if (items != null) {
                items.stream().map(reference).filter(Objects::nonNull)
                        .forEach(ref -> problems.add("a " + kind + " reference, which the checks do not resolve: " + ref));
            }
        }

        private void response(ApiResponse response) {
            content(response.getContent());
            if (response.getHeaders() != null) {
                refuseReferences(List.copyOf(response.getHeaders().values()), Header::get$ref, "header");
            }
            each(response.getHeaders(), this::header);
        }

        private void parameter(Parameter parameter) {
            schema(parameter.getSchema());
            content(parameter.getContent());
        }

        private void header(Header header) {
            schema(header.getSchema());
            content(header.getContent());
        }

        private void content(Content content) {
            if (content != null) {
                content.values().forEach(media -> schema(media.getSchema()));
            }
        }

        private void schema(Schema<?> schema) {
            if (schema == null || !seen.add(schema)) {
                return;
            }
            restateTypes(schema);
            restateBooleanSchemas(schema);
            refuseUntranslatable(schema);
            each(schema.getProperties(), this::schema);
            schema(schema.getItems());
            schema(schema.getNot());
            if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
                schema(additional);
            }
            for (var composed : List.of(nonNull(schema.getAllOf()), nonNull(schema.getAnyOf()),
                    nonNull(schema.getOneOf()))) {
                composed.forEach(this::schema);
            }
        }

        /**
         * {@code type: [X, "null"]} becomes {@code type: X, nullable: true}; {@code type: "null"} stays. A
         * schema that states no type keeps none: the parser gives combinations ({@code anyOf} ...) the type
         * {@code object}, which would refuse the non-object branches.
         */
        private void restateTypes(Schema<?> schema) {
            var types = schema.getTypes();
            if (types == null || types.isEmpty()) {
                if (schema.getAnyOf() != null || schema.getOneOf() != null || schema.getAllOf() != null) {
                    schema.setType(null);
                }
                return;
            }
            var nonNullTypes = types.stream().filter(type -> !NULL.equals(type)).toList();
            if (nonNullTypes.size() > 1) {
                problems.add("a schema allows several types " + types + ": " + describe(schema));
                return;
            }
            if (nonNullTypes.isEmpty()) {
                schema.setType(NULL);
                return;
            }
            schema.setType(nonNullTypes.get(0));
            if (types.contains(NULL)) {
                schema.setNullable(true);
            }
        }

        /**
         * {@code additionalProperties: false} is a boolean schema in 3.1, which the 3.0 serialisation would
         * write as {@code {}} (anything allowed); it is restated as the boolean. Boolean schemas anywhere
         * else cannot be restated.
         */
        private void restateBooleanSchemas(Schema<?> schema) {
            if (schema.getAdditionalProperties() instanceof Schema<?> additional
                    && additional.getBooleanSchemaValue() != null) {
                schema.setAdditionalProperties(additional.getBooleanSchemaValue());
            }
            if (schema.getBooleanSchemaValue() != null) {
                problems.add("a boolean schema (" + schema.getBooleanSchemaValue() + ") outside additionalProperties: "
                        + describe(schema));
            }
        }

        private void refuseUntranslatable(Schema<?> schema) {
            Map<String, Object> only31 = new LinkedHashMap<>();
            only31.put("const", schema.getConst());
            only31.put("prefixItems", schema.getPrefixItems());
            only31.put("contains", schema.getContains());
            only31.put("if", schema.getIf());
            only31.put("then", schema.getThen());
            only31.put("else", schema.getElse());
            only31.put("dependentSchemas", schema.getDependentSchemas());
            only31.put("dependentRequired", schema.getDependentRequired());
            only31.put("patternProperties", schema.getPatternProperties());
            only31.put("propertyNames", schema.getPropertyNames());
            only31.put("unevaluatedProperties", schema.getUnevaluatedProperties());
            only31.put("unevaluatedItems", schema.getUnevaluatedItems());
            only31.put("exclusiveMinimum (a number)", schema.getExclusiveMinimumValue());
            only31.put("exclusiveMaximum (a number)", schema.getExclusiveMaximumValue());
            only31.put("contentSchema", schema.getContentSchema());
            only31.forEach((keyword, value) -> {
                if (value != null) {
                    problems.add(keyword + ": " + describe(schema));
                }
            });
        }

        private static String describe(Schema<?> schema) {
            return schema.getName() != null ? schema.getName()
                    : schema.getTitle() != null ? schema.getTitle()
                    : String.valueOf(schema.getDescription());
        }

        private static <T> List<T> nonNull(List<T> list) {
            return list == null ? List.of() : list;
        }

        private static <T> void each(Map<String, T> map, Consumer<T> action) {
            if (map != null) {
                map.values().forEach(action);
            }
        }
    }
}
