package org.protocolregistry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.protocolregistry.testing.Examples;

/**
 * {@link RawJson} writes exactly what {@code @JsonRawValue} writes, to bytes and to text, for
 * ASCII, Latin-1, other BMP characters, characters outside the BMP and escaped ones, and for
 * texts larger than the generator's buffer.
 */
class RawJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    record ViaJackson(String before, @JsonRawValue String json, String after) {
    }

    record ViaRawJson(String before, @JsonSerialize(using = RawJson.class) String json, String after) {
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"dose\":\"125 mg\",\"ok\":true,\"n\":[1,2.5e3,null]}",
        "{\"note\":\"caf\u00e9, 37 \u00b0C, \u00b5g\"}",
        "{\"note\":\"\u2265 18 years, \u65e5\u672c\u8a9e, \u0645\u0631\u062d\u0628\u0627\"}",
        "{\"note\":\"\ud83d\udc8a \ud834\udd1e\"}",
        "{\"note\":\"line\\nbreak \\\"quoted\\\" \\u0000 \\\\\"}",
        "COMPLETE_EXAMPLE",
        "LARGE"})
    void writesWhatJsonRawValueWrites(String json) throws Exception {
        var text = switch (json) {
            case "COMPLETE_EXAMPLE" -> Examples.text(Examples.FIBROMYALGIA);
            case "LARGE" -> "[" + "\"\u00e9\u2265\ud83d\udc8a-\",".repeat(20_000) + "0]";
            default -> json;
        };
        var expected = MAPPER.writeValueAsBytes(new ViaJackson("a\u00e9", text, "z"));
        var actual = MAPPER.writeValueAsBytes(new ViaRawJson("a\u00e9", text, "z"));
        assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(actual).isEqualTo(expected);
        assertThat(MAPPER.writeValueAsString(new ViaRawJson("a", text, "z")))
                .isEqualTo(MAPPER.writeValueAsString(new ViaJackson("a", text, "z")));
    }
}
