package org.protocolregistry.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A response as sent and as replayed: status, the headers the resource set (Location, ETag,
 * Version-Created, Content-Type …) and the serialised body. Headers that belong to each exchange
 * (X-Request-Id, added later by a filter) are not part of it.
 */
public record StoredResponse(int status, String headersJson, String body) {

    private static final TypeReference<TreeMap<String, List<String>>> HEADERS = new TypeReference<>() { };

    /** Serialises a resource's response once, so that the first answer and every replay carry the same bytes. */
    static StoredResponse of(Response response, ObjectMapper json) {
        var headers = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        response.getStringHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        // Without a type of its own the entity is JSON, which the REST layer sends as UTF-8 and says so.
        var mediaType = response.getMediaType() == null ? MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8").toString()
                : response.getMediaType().toString();
        headers.put(HttpHeaders.CONTENT_TYPE, List.of(mediaType));
        try {
            var body = response.hasEntity() ? json.writeValueAsString(response.getEntity()) : null;
            return new StoredResponse(response.getStatus(), json.writeValueAsString(headers), body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response does not serialise", e);
        }
    }

    static StoredResponse of(IdempotencyRecord record) {
        return new StoredResponse(record.responseStatus, record.responseHeaders, record.responseBody);
    }

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The HTTP response; a replay says so in {@value IdempotentRequests#REPLAYED_HEADER}. */
    Response toResponse(ObjectMapper json, boolean replayed) {
        var builder = Response.status(status);
        Map<String, List<String>> headers;
        try {
            headers = json.readValue(headersJson, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored response headers do not read back", e);
        }
        headers.forEach((name, values) -> {
            if (name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                builder.type(values.get(0));
            } else {
                values.forEach(value -> builder.header(name, value));
            }
        });
        if (body != null) {
            builder.entity(body.getBytes(StandardCharsets.UTF_8));
        }
        if (replayed) {
            builder.header(IdempotentRequests.REPLAYED_HEADER, "true");
        }
        return builder.build();
    }
}
