package org.protocolregistry.validation.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.protocolregistry.protocol.document.DocumentParser;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.validation.Finding;
import org.protocolregistry.validation.SafetyValidator;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.Thresholds;
import org.protocolregistry.validation.ValidationReport;

/**
 * A protocol document to change field by field and validate, starting from the complete
 * fibromyalgia example (whose only finding is DOSE-010 WARNING at /dosing/initialDoseMg).
 * Documents go through the real strict parser, so a fixture cannot hold what the API would
 * refuse.
 */
final class RuleFixture {

    private static final ObjectMapper JSON = DocumentParser.strictMapper();

    private final ObjectNode document;

    private RuleFixture(ObjectNode document) {
        this.document = document;
    }

    /** The complete fibromyalgia phase 2 example. */
    static RuleFixture complete() {
        return of(Examples.text(Examples.FIBROMYALGIA));
    }

    /** The early neuropathic-pain draft. */
    static RuleFixture draft() {
        return of(Examples.text(Examples.NEUROPATHIC_DRAFT));
    }

    /** Only a title: every section missing. */
    static RuleFixture minimal() {
        return of("{\"registration\":{\"briefTitle\":\"Minimal draft\"}}");
    }

    static RuleFixture of(String json) {
        try {
            return new RuleFixture((ObjectNode) JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the value at a JSON Pointer (parents are created as objects); value is JSON text. */
    RuleFixture with(String pointer, String jsonValue) {
        JsonNode value;
        try {
            value = JSON.readTree(jsonValue);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var path = JsonPointer.compile(pointer);
        var last = path.last();
        if (document.at(path.head()) instanceof ArrayNode array) {
            if (last.getMatchingIndex() == array.size()) {
                array.add(value);
            } else {
                array.set(last.getMatchingIndex(), value);
            }
        } else {
            document.withObject(path.head()).set(last.getMatchingProperty(), value);
        }
        return this;
    }

    /** Removes the field at a JSON Pointer (absent, not null). */
    RuleFixture without(String pointer) {
        var path = JsonPointer.compile(pointer);
        var parent = document.at(path.head());
        if (parent instanceof ObjectNode object) {
            object.remove(path.last().getMatchingProperty());
        } else if (parent instanceof ArrayNode array) {
            array.remove(path.last().getMatchingIndex());
        }
        return this;
    }

    ValidationReport validate() {
        return validate(Thresholds.DEFAULTS);
    }

    ValidationReport validate(Thresholds thresholds) {
        var parsed = DocumentParser.parse(document.toString().getBytes(StandardCharsets.UTF_8));
        return new SafetyValidator(thresholds).validate(parsed.model());
    }

    /** The findings of one rule. */
    List<Finding> findings(String ruleId) {
        return validate().findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    /** The findings of one rule as "SEVERITY path" strings, for compact assertions. */
    List<String> outcomes(String ruleId) {
        return findings(ruleId).stream().map(f -> f.severity() + " " + f.path()).toList();
    }

    static String outcome(Severity severity, String path) {
        return severity + " " + path;
    }
}
