package org.protocolregistry.protocol.document;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads a date only from an ISO-8601 {@code yyyy-MM-dd} string. Jackson's own reader
 * also takes arrays and numbers, which the contract does not allow.
 */
final class StrictLocalDateDeserializer extends StdScalarDeserializer<LocalDate> {

    StrictLocalDateDeserializer() {
        super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
        }
        var text = parser.getText();
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text,
                    "expected an ISO-8601 date such as 2026-01-10");
        }
    }
}
