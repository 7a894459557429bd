package org.protocolregistry.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
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

/**
 * Strict JSON for request bodies: no unknown property, no type coercion ({@code "120"} is
 * not 120, {@code 2.0} is not an integer), no unknown code, no {@code null} list element, no
 * duplicate key, bounded nesting, list sizes and numbers. Every refusal names the field by
 * JSON Pointer. Bodies must be UTF-8; text must hold no U+0000 and no unpaired surrogate.
 * Thread-safe and free of I/O.
 */
public final class StrictJson {

    /** Request bodies are a few levels deep; anything far deeper is hostile or broken. */
    public static final int MAX_NESTING_DEPTH = 32;

    /**
     * No list in a request holds more than this many elements (real protocols hold tens). The
     * cap keeps a 1 MiB body from turning into hundreds of thousands of validation findings.
     */
    public static final int MAX_LIST_ELEMENTS = 200;

    /**
     * Numbers beyond these bounds are refused: they mean nothing here, and an exponent near the
     * int range would not survive being written out and read back.
     */
    public static final int MAX_NUMBER_DIGITS = 100;
    public static final int MAX_NUMBER_EXPONENT = 1000;

    /** The strict mapper; shared, as ObjectMapper is thread-safe once configured. */
    public static final ObjectMapper MAPPER = strictMapper();

    private StrictJson() {
    }

    /** Reads a body that must be a JSON object into a record, refusing with {@code refusal}. */
    public static <T> T read(byte[] body, Class<T> type, Function<Violation, ? extends ProblemException> refusal) {
        RequestBodyLimit.requireWithinLimit(body == null ? 0 : body.length);
        if (body == null || body.length == 0) {
            throw refusal.apply(Violation.atPointer("", "the request body is empty; send a JSON object"));
        }
        var tree = readTree(body, refusal);
        if (!tree.isObject()) {
            throw refusal.apply(Violation.atPointer("", "the body must be a JSON object, not " + describe(tree)));
        }
        var value = bind(tree, type, refusal);
        requireWithinLimits(tree, "", refusal);
        return value;
    }

    /** The mapper's configuration, shared with readers of other request bodies that must be as strict. */
    private static ObjectMapper strictMapper() {
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

    /** Reads the body as one JSON value within the limits; refusals are made by {@code refusal}. */
    public static JsonNode readTree(byte[] body, Function<Violation, ? extends ProblemException> refusal) {
        try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
            try {
                JsonNode tree = MAPPER.readTree(parser);
                if (tree == null) {
                    throw refusal.apply(Violation.atPointer("", "the request body holds no JSON value"));
                }
                if (parser.nextToken() != null) {
                    throw refusal.apply(Violation.atPointer("",
                            "unexpected content after the JSON document" + at(parser)));
                }
                requireUtf8(body, refusal);
                return tree;
            } catch (StreamConstraintsException e) {
                throw refusal.apply(Violation.atPointer(pointerOf(parser.getParsingContext()),
                        "the JSON is nested too deeply or holds a value too large (nesting is limited to "
                                + MAX_NESTING_DEPTH + " levels)"));
            } catch (JsonProcessingException e) {
                throw refusal.apply(Violation.atPointer(pointerOf(parser.getParsingContext()),
                        malformedMessage(e) + at(parser)));
            } catch (NumberFormatException e) {
                // Jackson's decimal parser throws this, not a parse exception, for an exponent beyond the int range.
                throw refusal.apply(Violation.atPointer(pointerOf(parser.getParsingContext()),
                        "a number is out of range: at most " + MAX_NUMBER_DIGITS + " digits and a magnitude between 1E-"
                                + MAX_NUMBER_EXPONENT + " and 1E+" + MAX_NUMBER_EXPONENT + at(parser)));
            }
        } catch (IOException e) {
            // Reading from a byte array fails only as a JsonProcessingException, handled above;
            // closing the parser cannot fail.
            throw new IllegalStateException(e);
        }
    }

    /**
     * Jackson decodes some byte sequences that are not UTF-8 (overlong forms, code points beyond
     * U+10FFFF) without complaint, and detects UTF-16 and UTF-32 on its own; RFC 8259 and RFC 3629
     * allow neither, and a document must come back as the bytes that were meant.
     */
    private static void requireUtf8(byte[] body, Function<Violation, ? extends ProblemException> refusal) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var in = ByteBuffer.wrap(body);
        var out = CharBuffer.allocate(8192);
        while (true) {
            var result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw refusal.apply(Violation.atPointer("", "the body is not valid UTF-8 (at byte offset "
                        + in.position() + "); send JSON encoded as UTF-8"));
            }
            if (result.isUnderflow()) {
                return;
            }
            out.clear();
        }
    }

    /**
     * Why a text value cannot be accepted, or null: U+0000 (PostgreSQL cannot store it, and many
     * clients cut text at it) and unpaired surrogates (not Unicode characters; no UTF-8 answer
     * could carry them).
     */
    static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (c == '\0') {
                return "U+0000 (NUL) is not allowed in text";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "the text holds an unpaired surrogate (\\u" + String.format("%04x", (int) c)
                        + "), which is not a Unicode character";
            }
        }
        return null;
    }

    /**
     * Lists of at most {@link #MAX_LIST_ELEMENTS} elements; numbers of sane size; text free of NUL
     * and unpaired surrogates.
     */
    public static void requireWithinLimits(JsonNode node, String pointer,
            Function<Violation, ? extends ProblemException> refusal) {
        if (node.isTextual()) {
            var problem = textProblem(node.textValue());
            if (problem != null) {
                throw refusal.apply(Violation.atPointer(pointer, problem));
            }
        } else if (node.isBigDecimal() || node.isBigInteger()) {
            var number = node.decimalValue();
            var exponent = (long) number.precision() - number.scale() - 1;
            if (number.precision() > MAX_NUMBER_DIGITS || Math.abs(exponent) > MAX_NUMBER_EXPONENT) {
                throw refusal.apply(Violation.atPointer(pointer, "the number " + describe(node)
                        .substring("the number ".length()) + " is out of range: at most " + MAX_NUMBER_DIGITS
                        + " digits and a magnitude between 1E-" + MAX_NUMBER_EXPONENT + " and 1E+"
                        + MAX_NUMBER_EXPONENT));
            }
        } else if (node.isArray()) {
            if (node.size() > MAX_LIST_ELEMENTS) {
                throw refusal.apply(Violation.atPointer(pointer, "the list holds " + node.size()
                        + " elements; a protocol document list holds at most " + MAX_LIST_ELEMENTS));
            }
            for (int index = 0; index < node.size(); index++) {
                requireWithinLimits(node.get(index), pointer + "/" + index, refusal);
            }
        } else if (node.isObject()) {
            for (var field : node.properties()) {
                requireWithinLimits(field.getValue(), pointer + "/" + escape(field.getKey()), refusal);
            }
        }
    }

    /** Escapes a property name for a JSON Pointer (RFC 6901). */
    public static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
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
    public static String describe(JsonNode node) {
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

    /** Binds a tree to a record, strictly; refusals are made by {@code refusal}. */
    public static <T> T bind(JsonNode tree, Class<T> type, Function<Violation, ? extends ProblemException> refusal) {
        try (JsonParser parser = MAPPER.treeAsTokens(tree)) {
            try {
                return MAPPER.readValue(parser, type);
            } catch (UnrecognizedPropertyException e) {
                // The parser has already skipped the unknown value; the exception's path names it.
                throw refusal.apply(Violation.atPointer(pointerOf(e.getPath()), bindingMessage(e, null)));
            } catch (JsonProcessingException e) {
                var pointer = pointerOf(parser.getParsingContext());
                throw refusal.apply(Violation.atPointer(pointer, bindingMessage(e, tree.at(pointer))));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
