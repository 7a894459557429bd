package org.protocolregistry.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a stored JSON text (a protocol document, a validation report) into a response as it
 * is, like {@code @JsonRawValue}, but encoded to UTF-8 in one {@link String#getBytes} call: the
 * JDK copies an ASCII string's bytes in bulk, where Jackson's raw-value path encodes it
 * character by character through its char buffer, and a search page carries twenty documents.
 * The text must be JSON already: it is the canonical JSON this service stored, never a caller's
 * input as such.
 */
public final class RawJson extends StdSerializer<String> {

    public RawJson() {
        super(String.class);
    }

    @Override
    public void serialize(String json, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeRawValue(new Utf8(json));
    }

    /**
     * A raw value whose UTF-8 bytes come from the JDK's encoder. {@code writeRawValue} asks only
     * for those; everything else is Jackson's own {@link SerializedString}, made when asked.
     */
    private record Utf8(String json) implements SerializableString {

        @Override
        public String getValue() {
            return json;
        }

        @Override
        public int charLength() {
            return json.length();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return json.getBytes(StandardCharsets.UTF_8);
        }

        /** Declines to copy into the generator's buffer, which makes it write {@link #asUnquotedUTF8()}. */
        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            return -1;
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            return jackson().writeUnquotedUTF8(out);
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) throws IOException {
            return jackson().putUnquotedUTF8(buffer);
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            return jackson().appendUnquoted(buffer, offset);
        }

        @Override
        public char[] asQuotedChars() {
            return jackson().asQuotedChars();
        }

        @Override
        public byte[] asQuotedUTF8() {
            return jackson().asQuotedUTF8();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return jackson().appendQuotedUTF8(buffer, offset);
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            return jackson().appendQuoted(buffer, offset);
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            return jackson().writeQuotedUTF8(out);
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
            return jackson().putQuotedUTF8(buffer);
        }

        private SerializedString jackson() {
            return new SerializedString(json);
        }
    }
}
