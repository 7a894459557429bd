package org.protocolregistry.idempotency;

import java.util.List;
import java.util.Optional;

import org.protocolregistry.api.ProblemException;
import org.protocolregistry.api.ProblemType;
import org.protocolregistry.api.Violation;

/**
 * Reads the {@code Idempotency-Key} field. The draft defines it as a Structured Field String
 * (RFC 8941, {@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}); clients often send the bare value, so
 * a bare token of visible ASCII is accepted too and means the same key as its quoted form.
 */
public final class IdempotencyKey {

    /** The request header. */
    public static final String HEADER = "Idempotency-Key";

    /** Longest key accepted (characters of the value, without quotes). */
    public static final int MAX_LENGTH = 255;

    private IdempotencyKey() {
    }

    /**
     * The key carried by the request's {@code Idempotency-Key} field lines, if any.
     *
     * @throws ProblemException 400 naming the header when the field is not one valid key
     */
    public static Optional<String> parse(List<String> fieldLines) {
        if (fieldLines == null || fieldLines.isEmpty()) {
            return Optional.empty();
        }
        if (fieldLines.size() > 1) {
            throw invalid("send exactly one key; the request has " + fieldLines.size() + " Idempotency-Key fields");
        }
        var value = stripWhitespace(fieldLines.get(0));
        var key = value.startsWith("\"") ? quoted(value) : bare(value);
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw invalid("the key must have 1 to " + MAX_LENGTH + " characters");
        }
        return Optional.of(key);
    }

    /** An sf-string: printable ASCII between double quotes, with \" and \\ as the only escapes. */
    private static String quoted(String value) {
        var key = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                if (i != value.length() - 1) {
                    throw invalid("nothing may follow the closing double quote of the key");
                }
                return key.toString();
            }
            if (c == '\\') {
                char next = i + 1 < value.length() ? value.charAt(i + 1) : 0;
                if (next != '"' && next != '\\') {
                    throw invalid("inside a quoted key, a backslash may only escape \" or \\");
                }
                key.append(next);
                i++;
            } else if (c < 0x20 || c > 0x7e) {
                throw invalid("the key may contain only printable ASCII characters");
            } else {
                key.append(c);
            }
        }
        throw invalid("the quoted key has no closing double quote");
    }

    /** A bare key: visible ASCII, no spaces, quotes or backslashes (which only a quoted key can carry). */
    private static String bare(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c > 0x7e || c == '"' || c == '\\') {
                throw invalid("a key that is not quoted may contain only visible ASCII characters, without "
                        + "spaces, quotes or backslashes; send it as a quoted string (\"...\") otherwise");
            }
        }
        return value;
    }

    /** Structured Fields parsing discards leading and trailing spaces (RFC 8941, section 4.2). */
    private static String stripWhitespace(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        return value.substring(start, end);
    }

    private static ProblemException invalid(String message) {
        return new ProblemException(ProblemType.INVALID_REQUEST,
                "The Idempotency-Key header is not a valid key: " + message + ". Send one key of 1 to "
                        + MAX_LENGTH + " printable ASCII characters, e.g. Idempotency-Key: "
                        + "\"8e03978e-40d5-43e8-bc93-6894a57f9324\".",
                List.of(Violation.atParameter(HEADER, message)));
    }
}
