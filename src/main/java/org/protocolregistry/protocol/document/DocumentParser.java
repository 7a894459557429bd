package org.protocolregistry.protocol.document;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import org.protocolregistry.api.RequestBodyLimit;
import org.protocolregistry.api.Violation;

/**
 * Strict reader of protocol documents. A document is accepted only when it binds to
 * {@link ProtocolDocument} with no unknown property, no type coercion ({@code "120"}
 * is not 120, {@code 2.0} is not an integer), no unknown code, no {@code null} list
 * element and a non-blank {@code registration.briefTitle}. Every refusal names the
 * field by JSON Pointer. Thread-safe and free of I/O.
 */
public final class DocumentParser {

    /** Protocol documents are about five levels deep; anything far deeper is hostile or broken. */
    static final int MAX_NESTING_DEPTH = 32;

    /**
     * No list in a protocol holds more than this many elements (real protocols hold tens). The
     * cap keeps a 1 MiB body from turning into hundreds of thousands of validation findings.
     */
    public static final int MAX_LIST_ELEMENTS = 200;

    /**
     * Numbers beyond these bounds are refused: they mean nothing in a protocol, and an exponent
     * near the int range would not survive being written out and read back.
     */
    static final int MAX_NUMBER_DIGITS = 100;
    static final int MAX_NUMBER_EXPONENT = 1000;

    private static final String BRIEF_TITLE_POINTER = "/registration/briefTitle";

    private static final ObjectMapper MAPPER = strictMapper();

    private DocumentParser() {
    }

    /**
     * Parses a request body into a protocol document.
     *
     * @throws InvalidDocumentException naming the first field at fault
     * @throws org.protocolregistry.api.ProblemException 413 when the body exceeds 1 MiB
     */
    public static ParsedDocument parse(byte[] body) {
        RequestBodyLimit.requireWithinLimit(body == null ? 0 : body.length);
        if (body == null || body.length == 0) {
            throw new InvalidDocumentException(
                    Violation.atPointer("", "the request body is empty; send the protocol document as a JSON object"));
        }
        var tree = readTree(body);
        if (!tree.isObject()) {
            throw new InvalidDocumentException(Violation.atPointer("",
                    "the protocol document must be a JSON object, not " + describe(tree)));
        }
        var model = bind(tree);
        requireWithinLimits(tree, "");
        requireBriefTitle(tree);
        var canonical = canonicalJson(tree);
        return new ParsedDocument(model, canonical, sha256(canonical));
    }

    /** The mapper's configuration, shared with readers of other request bodies that must be as strict. */
    public static ObjectMapper strictMapper() {
        var factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .build();
        var mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                // Keep numbers exactly as sent: 38.0 stays 38.0, 1e2 is not turned into a double.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .build();
        // No silent coercion between JSON types, in either direction.
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Collection)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.POJO)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    private static JsonNode readTree(byte[] body) {
        try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
            try {
                JsonNode tree = MAPPER.readTree(parser);
                if (tree == null) {
                    throw new InvalidDocumentException(Violation.atPointer("", "the request body holds no JSON value"));
                }
                if (parser.nextToken() != null) {
                    throw new InvalidDocumentException(Violation.atPointer("",
                            "unexpected content after the JSON document" + at(parser)));
                }
                return tree;
            } catch (StreamConstraintsException e) {
                throw new InvalidDocumentException(Violation.atPointer(pointerOf(parser.getParsingContext()),
                        "the JSON is nested too deeply or holds a value too large (nesting is limited to "
                                + MAX_NESTING_DEPTH + " levels)"));
            } catch (JsonProcessingException e) {
                throw new InvalidDocumentException(Violation.atPointer(pointerOf(parser.getParsingContext()),
                        malformedMessage(e) + at(parser)));
            }
        } catch (IOException e) {
            // Reading from a byte array fails only as a JsonProcessingException, handled above;
            // closing the parser cannot fail.
            throw new IllegalStateException(e);
        }
    }

    private static ProtocolDocument bind(JsonNode tree) {
        try (JsonParser parser = MAPPER.treeAsTokens(tree)) {
            try {
                return MAPPER.readValue(parser, ProtocolDocument.class);
            } catch (UnrecognizedPropertyException e) {
                // The parser has already skipped the unknown value; the exception's path names it.
                throw new InvalidDocumentException(Violation.atPointer(pointerOf(e.getPath()), bindingMessage(e, null)));
            } catch (JsonProcessingException e) {
                var pointer = pointerOf(parser.getParsingContext());
                throw new InvalidDocumentException(Violation.atPointer(pointer, bindingMessage(e, tree.at(pointer))));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lists of at most {@link #MAX_LIST_ELEMENTS}; numbers of sane size. */
    private static void requireWithinLimits(JsonNode node, String pointer) {
        if (node.isBigDecimal() || node.isBigInteger()) {
            var number = node.decimalValue();
            var exponent = (long) number.precision() - number.scale() - 1;
            if (number.precision() > MAX_NUMBER_DIGITS || Math.abs(exponent) > MAX_NUMBER_EXPONENT) {
                throw new InvalidDocumentException(Violation.atPointer(pointer, "the number " + describe(node)
                        .substring("the number ".length()) + " is out of range: at most " + MAX_NUMBER_DIGITS
                        + " digits and a magnitude between 1E-" + MAX_NUMBER_EXPONENT + " and 1E+"
                        + MAX_NUMBER_EXPONENT));
            }
        } else if (node.isArray()) {
            if (node.size() > MAX_LIST_ELEMENTS) {
                throw new InvalidDocumentException(Violation.atPointer(pointer, "the list holds " + node.size()
                        + " elements; a protocol document list holds at most " + MAX_LIST_ELEMENTS));
            }
            for (int index = 0; index < node.size(); index++) {
                requireWithinLimits(node.get(index), pointer + "/" + index);
            }
        } else if (node.isObject()) {
            for (var field : node.properties()) {
                requireWithinLimits(field.getValue(), pointer + "/" + escape(field.getKey()));
            }
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static void requireBriefTitle(JsonNode tree) {
        var title = tree.at(BRIEF_TITLE_POINTER);
        if (!title.isTextual() || title.asText().isBlank()) {
            throw new InvalidDocumentException(Violation.atPointer(BRIEF_TITLE_POINTER,
                    "registration.briefTitle is required: a draft needs a non-blank title"
                            + (title.isMissingNode() ? "" : ", got " + describe(title))));
        }
    }

    private static String pointerOf(JsonStreamContext context) {
        if (context == null) {
            return "";
        }
        return context.pathAsPointer().toString();
    }

    /** Exact for objects and lists; not used for sets, whose reported index skips duplicates. */
    private static String pointerOf(List<JsonMappingException.Reference> path) {
        var pointer = new StringBuilder();
        for (var reference : path) {
            pointer.append('/');
            if (reference.getFieldName() != null) {
                pointer.append(escape(reference.getFieldName()));
            } else {
                pointer.append(reference.getIndex());
            }
        }
        return pointer.toString();
    }

    private static String at(JsonParser parser) {
        var location = parser.currentLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Jackson's messages for malformed JSON name no Java type; cut any source excerpt it adds. */
    private static String malformedMessage(JsonProcessingException e) {
        if (e instanceof InputCoercionException) {
            return "a number is out of range";
        }
        var message = e.getOriginalMessage();
        if (message == null) {
            return "malformed JSON";
        }
        var newline = message.indexOf('\n');
        return "malformed JSON: " + (newline < 0 ? message : message.substring(0, newline));
    }

    private static String bindingMessage(JsonProcessingException e, JsonNode found) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            var known = unknown.getKnownPropertyIds() == null ? List.<String>of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return "unknown property \"" + unknown.getPropertyName() + "\"; the properties allowed here are "
                    + String.join(", ", known);
        }
        if (e instanceof InvalidNullException) {
            return "null is not allowed as a list element";
        }
        if (e instanceof InputCoercionException || e.getCause() instanceof InputCoercionException) {
            return describe(found) + " is out of range for an integer field";
        }
        if (e instanceof MismatchedInputException mismatch) {
            var target = mismatch.getTargetType();
            if (target != null && target.isEnum() && found.isTextual()) {
                return describe(found) + " is not an accepted value; use one of " + enumValues(target);
            }
            if (mismatch instanceof InvalidFormatException && target == LocalDate.class) {
                return "expected an ISO-8601 date such as \"2026-01-10\", got " + describe(found);
            }
            return "expected " + expected(target) + ", got " + describe(found);
        }
        return "the value does not fit the protocol document schema";
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "a different JSON type";
        }
        if (target == Integer.class || target == int.class || target == Long.class) {
            return "an integer (a whole number without a decimal point)";
        }
        if (Number.class.isAssignableFrom(target)) {
            return "a number";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == LocalDate.class) {
            return "an ISO-8601 date string such as \"2026-01-10\"";
        }
        if (target.isEnum()) {
            return "one of " + enumValues(target);
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String enumValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }

    /** Describes a JSON value for a message, briefly and without echoing huge input. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            var text = node.asText();
            var shown = text.codePointCount(0, text.length()) > 40
                    ? text.substring(0, text.offsetByCodePoints(0, 40)) + "…" : text;
            return "the string \"" + shown + "\"";
        }
        if (node.isNumber()) {
            var text = node.asText();
            return "the number " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
        }
        if (node.isBoolean()) {
            return String.valueOf(node.booleanValue());
        }
        if (node.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** Object keys sorted by UTF-16 code unit (as in RFC 8785), no whitespace, values verbatim. */
    static String canonicalJson(JsonNode tree) {
        var out = new StringWriter();
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            writeCanonical(tree, generator);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void writeCanonical(JsonNode node, JsonGenerator generator) throws IOException {
        if (node.isObject()) {
            var names = new ArrayList<String>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            generator.writeStartObject();
            for (var name : names) {
                generator.writeFieldName(name);
                writeCanonical(node.get(name), generator);
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (var element : node) {
                writeCanonical(element, generator);
            }
            generator.writeEndArray();
        } else {
            MAPPER.writeTree(generator, node);
        }
    }

    static String sha256(String canonicalJson) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
