package org.protocolregistry.validation.rules;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The catalogue's words ("missing", "not true", "lacks") as code, and message formatting. */
final class Values {

    private Values() {
    }

    /** Missing text: absent, null, empty or whitespace only. */
    static boolean isMissing(String text) {
        return text == null || text.isBlank();
    }

    /** A list of free-text entries is missing when it has no non-blank entry. */
    static boolean isMissingText(List<String> entries) {
        return entries == null || entries.stream().allMatch(Values::isMissing);
    }

    /** A list or set is missing when absent or empty. */
    static boolean isMissing(Collection<?> values) {
        return values == null || values.isEmpty();
    }

    /** "Not true": anything but the JSON value true, absent and null included. */
    static boolean isNotTrue(Boolean value) {
        return !Boolean.TRUE.equals(value);
    }

    /** Text length in Unicode code points. */
    static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The required codes that {@code present} lacks, in the order required. */
    static <T> List<T> lacking(Set<T> present, List<T> required) {
        var codes = present == null ? Set.<T>of() : present;
        return required.stream().filter(code -> !codes.contains(code)).toList();
    }

    /** Codes for a message: {@code A, B and C}. */
    static String names(List<?> codes) {
        var names = codes.stream().map(String::valueOf).toList();
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** A number for a message, without needless trailing zeros: 120, 2.5, 38.5. */
    static String number(BigDecimal value) {
        try {
            var stripped = value.stripTrailingZeros();
            if ((long) stripped.precision() - stripped.scale() > 15 || stripped.scale() > 15) {
                return stripped.toString(); // absurd magnitudes stay short in a message
            }
            return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
        } catch (ArithmeticException scaleOverflow) {
            return value.toString();
        }
    }

    /** Quotes text for a message, cut to 60 code points so that a huge value cannot bloat the report. */
    static String quote(String text) {
        var shown = codePoints(text) > 60 ? text.substring(0, text.offsetByCodePoints(0, 60)) + "…" : text;
        return "\"" + shown + "\"";
    }

    /** Joins codes with commas, for listing accepted or present values. */
    static String list(Collection<?> codes) {
        return codes.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
