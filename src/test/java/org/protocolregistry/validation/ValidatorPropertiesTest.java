package org.protocolregistry.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.protocolregistry.protocol.document.DocumentParser;
import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.testing.Examples;

/**
 * Validation never throws on a document that parsed, and every finding points at a field
 * of the document schema. Documents are the complete and the draft example with sections
 * and fields at random removed, set to null, emptied or given edge values of their type.
 */
class ValidatorPropertiesTest {

    private static final ObjectMapper JSON = DocumentParser.strictMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final SafetyValidator VALIDATOR = new SafetyValidator(Thresholds.DEFAULTS);
    private static final Set<String> SCHEMA_POINTERS = schemaPointers(ProtocolDocument.class, "");
    private static final JsonNode COMPLETE = read(Examples.FIBROMYALGIA);
    private static final JsonNode DRAFT = read(Examples.NEUROPATHIC_DRAFT);

    @Property(tries = 2000)
    void validationNeverThrowsAndEveryFindingPointsIntoTheSchema(@ForAll("documents") String document) {
        var parsed = DocumentParser.parse(document.getBytes(StandardCharsets.UTF_8));

        var report = VALIDATOR.validate(parsed.model());

        assertThat(report.valid()).isEqualTo(report.counts().get(Severity.ERROR) == 0);
        assertThat(report.counts().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(report.findings().size());
        for (var finding : report.findings()) {
            assertThat(SCHEMA_POINTERS).as("path of %s", finding).contains(finding.path().replaceAll("/[0-9]+", "/*"));
            assertThat(finding.message()).isNotBlank();
            assertThat(finding.reference()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.randoms().map(random -> {
            var base = (random.nextBoolean() ? COMPLETE : DRAFT).deepCopy();
            mutate(base, random, "");
            return base.toString();
        });
    }

    /** Changes about a third of the fields; registration.briefTitle stays, as the parser requires it. */
    private static void mutate(JsonNode node, Random random, String pointer) {
        if (node instanceof ObjectNode object) {
            var names = new ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            for (var name : names) {
                var path = pointer + "/" + name;
                if (path.equals("/registration/briefTitle") || path.equals("/registration")) {
                    mutate(object.get(name), random, path);
                    continue;
                }
                switch (random.nextInt(9)) {
                    case 0 -> object.remove(name);
                    case 1 -> object.putNull(name);
                    case 2 -> object.set(name, edgeValue(object.get(name), random));
                    default -> mutate(object.get(name), random, path);
                }
            }
        } else if (node instanceof ArrayNode array) {
            if (random.nextInt(6) == 0) {
                array.removeAll();
            } else if (array.size() > 0 && random.nextInt(4) == 0) {
                array.add(array.get(random.nextInt(array.size())).deepCopy()); // duplicates are allowed in sets
            }
            for (var element : array) {
                mutate(element, random, pointer + "/*");
            }
        }
    }

    /** A value of the same JSON type as {@code current}, from the edges of its range. */
    private static JsonNode edgeValue(JsonNode current, Random random) {
        if (current.isIntegralNumber()) {
            int[] edges = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 7, 365};
            return NODES.numberNode(edges[random.nextInt(edges.length)]);
        }
        if (current.isNumber()) {
            String[] edges = {"0", "-0.5", "0.0001", "1E+300", "125.0000001", "9999999999.99", "2.0"};
            return NODES.numberNode(new java.math.BigDecimal(edges[random.nextInt(edges.length)]));
        }
        if (current.isTextual() && current.asText().matches("[A-Z][A-Z0-9_]*|[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return current; // a code or a date: other text would be a parse error, not a validator input
        }
        if (current.isTextual()) {
            // Unusual but valid text; U+0000 and lone surrogates are parse errors, not validator inputs.
            String[] edges = {"", "   ", "x".repeat(5_000), "mdma", "\u200b\ud83d\udc8a\u202e", "Safety"};
            return NODES.textNode(edges[random.nextInt(edges.length)]);
        }
        if (current.isBoolean()) {
            return NODES.booleanNode(!current.booleanValue());
        }
        if (current.isArray()) {
            return NODES.arrayNode();
        }
        if (current.isObject()) {
            return NODES.objectNode();
        }
        return current;
    }

    /** Every JSON Pointer the document schema defines, list elements as "*". */
    private static Set<String> schemaPointers(Class<?> record, String prefix) {
        var pointers = new HashSet<String>();
        for (var component : record.getRecordComponents()) {
            var pointer = prefix + "/" + component.getName();
            pointers.add(pointer);
            var type = component.getType();
            if (type.isRecord()) {
                pointers.addAll(schemaPointers(type, pointer));
            } else if (Collection.class.isAssignableFrom(type)) {
                var element = elementType(component.getGenericType());
                pointers.add(pointer + "/*");
                if (element instanceof Class<?> elementClass && elementClass.isRecord()) {
                    pointers.addAll(schemaPointers(elementClass, pointer + "/*"));
                }
            }
        }
        return pointers;
    }

    private static Type elementType(Type collection) {
        return ((ParameterizedType) collection).getActualTypeArguments()[0];
    }

    private static JsonNode read(String example) {
        try {
            return JSON.readTree(Examples.bytes(example));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
