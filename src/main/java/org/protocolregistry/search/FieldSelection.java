package org.protocolregistry.search;

import java.util.LinkedHashMap;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.protocolregistry.api.StrictJson;
import org.protocolregistry.protocol.ProtocolEnvelope;

/** Picks the envelope members and document sections a search asked for (fields=...). */
public final class FieldSelection {

    private FieldSelection() {
    }

    /** The whole envelope when no fields were asked for; otherwise only those members, in envelope order. */
    public static Object select(ProtocolEnvelope envelope, Set<String> fields) {
        if (fields.isEmpty()) {
            return envelope;
        }
        var selected = new LinkedHashMap<String, Object>();
        put(selected, fields, "id", envelope.id());
        put(selected, fields, "sponsorOrg", envelope.sponsorOrg());
        put(selected, fields, "status", envelope.status());
        put(selected, fields, "version", envelope.version());
        put(selected, fields, "createdAt", envelope.createdAt());
        put(selected, fields, "updatedAt", envelope.updatedAt());
        put(selected, fields, "etag", envelope.etag());
        var sections = fields.stream().filter(SearchParameters.DOCUMENT_FIELDS::contains).toList();
        if (fields.contains("document") || !sections.isEmpty()) {
            var document = read(envelope.document());
            if (!fields.contains("document")) {
                var picked = new LinkedHashMap<String, JsonNode>();
                sections.forEach(section -> {
                    if (document.has(section)) {
                        picked.put(section, document.get(section));
                    }
                });
                selected.put("document", picked);
            } else {
                selected.put("document", document);
            }
        }
        if (fields.contains("validation")) {
            selected.put("validation", envelope.validation() == null ? null : read(envelope.validation()));
        }
        return selected;
    }

    private static void put(LinkedHashMap<String, Object> selected, Set<String> fields, String name, Object value) {
        if (fields.contains(name)) {
            selected.put(name, value);
        }
    }

    private static JsonNode read(String json) {
        try {
            return StrictJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not read back", e);
        }
    }
}
