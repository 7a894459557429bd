package org.protocolregistry.testing;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Small helpers over RestAssured for the protocol endpoints. */
public final class ProtocolApi {

    public static final String PROTOCOLS = "/api/v1/protocols";

    /** Compares JSON exactly: 38.0 and 38 differ, key order does not matter. */
    public static final ObjectMapper EXACT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private ProtocolApi() {
    }

    public static RequestSpecification as(String token) {
        var spec = given();
        return token == null ? spec : spec.auth().oauth2(token);
    }

    /** POSTs a document; bytes are sent as they are (RestAssured would otherwise base64 them). */
    public static ExtractableResponse<Response> create(String token, Object body) {
        return as(token).contentType("application/json").body(raw(body)).post(PROTOCOLS).then().extract();
    }

    private static Object raw(Object body) {
        return body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : body;
    }

    /** Creates a protocol and returns its id, failing unless the answer is 201. */
    public static String createdId(String token, Object body) {
        var response = create(token, body);
        if (response.statusCode() != 201) {
            throw new AssertionError("create answered " + response.statusCode() + ": " + response.asString());
        }
        return response.path("id");
    }

    public static ExtractableResponse<Response> replace(String token, String id, String ifMatch, Object body) {
        var spec = as(token).contentType("application/json").body(raw(body));
        if (ifMatch != null) {
            spec = spec.header("If-Match", ifMatch);
        }
        return spec.put(PROTOCOLS + "/" + id).then().extract();
    }

    public static ExtractableResponse<Response> get(String token, String path) {
        return as(token).get(path).then().extract();
    }

    public static JsonNode json(String text) {
        try {
            return EXACT_JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(byte[] bytes) {
        try {
            return EXACT_JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The "document" member of a response body, compared exactly. */
    public static JsonNode documentOf(ExtractableResponse<Response> response) {
        return json(response.asString()).get("document");
    }

    /** A minimal valid draft with the given title. */
    public static String draft(String briefTitle) {
        return "{\"registration\":{\"briefTitle\":\"" + briefTitle + "\"}}";
    }
}
