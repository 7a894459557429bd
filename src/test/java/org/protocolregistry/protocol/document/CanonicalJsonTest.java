package org.protocolregistry.protocol.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.protocolregistry.testing.Examples;

/**
 * Canonical JSON is what every stored version's sha256 is computed from, so its bytes must never
 * change: the writer is compared with the former one (ObjectMapper.writeTree for every value),
 * kept here as the reference, on the examples and on values of every kind that JSON can hold.
 */
class CanonicalJsonTest {

    private static final ObjectMapper JSON = DocumentParser.strictMapper();

    @ParameterizedTest
    @ValueSource(strings = {Examples.FIBROMYALGIA, Examples.NEUROPATHIC_DRAFT})
    void theExamplesAreWrittenAsBefore(String example) throws IOException {
        var tree = JSON.readTree(Examples.bytes(example));

        assertThat(DocumentParser.canonicalJson(tree)).isEqualTo(referenceCanonicalJson(tree));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0", "-0", "0.0", "-0.0", "1.0", "120.50", "1e2", "1E+2", "1E-7", "-1.5e-7", "0.1", "1e400",
        "12345678901234567890123", "-9223372036854775809", "2147483648", "3.141592653589793238462643383279",
        "123456789012345678901234567890.123456789", "true", "false", "null", "\"\"",
        "\"plain\"", "\"quote \\\" backslash \\\\ slash /\"", "\"\\u0000 \\u0001 \\u001f \\t \\n \\r \\b \\f\"",
        "\"\\u2028 \\u2029 \\u007f \\u0080 \\u00e9 \\uffff\"", "\"\\ud83d\\ude00 emoji and ✓ and 漢字\"",
        "\"<script>&amp;</script>\"", "[]", "{}", "[1, \"a\", null, true, [2.50, {\"b\": -0.0}]]",
        "{\"b\": 1, \"a\": {\"é\": 2, \"e\": 3, \"E\": 4, \"\\ud83d\\ude00\": 5, \"\\uffff\": 6}, \"\": null}"})
    void everyKindOfValueIsWrittenAsBefore(String value) throws IOException {
        var tree = JSON.readTree("{\"registration\": {\"briefTitle\": \"T\"}, \"value\": " + value + "}");

        assertThat(DocumentParser.canonicalJson(tree)).isEqualTo(referenceCanonicalJson(tree));
    }

    /** The writer as it was until 27 Nov 2026 (one ObjectMapper.writeTree per value node). */
    private static String referenceCanonicalJson(JsonNode tree) throws IOException {
        var out = new StringWriter();
        try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
            writeReference(tree, generator);
        }
        return out.toString();
    }

    private static void writeReference(JsonNode node, JsonGenerator generator) throws IOException {
        if (node.isObject()) {
            var names = new ArrayList<String>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            generator.writeStartObject();
            for (var name : names) {
                generator.writeFieldName(name);
                writeReference(node.get(name), generator);
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (var element : node) {
                writeReference(element, generator);
            }
            generator.writeEndArray();
        } else {
            JSON.writeTree(generator, node);
        }
    }
}
