package org.protocolregistry.protocol.document;

/**
 * A protocol document that passed strict parsing.
 *
 * @param model         the typed view, for validation and indexed columns
 * @param canonicalJson the sponsor's JSON with object keys sorted and insignificant
 *                      whitespace removed; values (numbers included) exactly as sent
 * @param sha256        lower-case hex SHA-256 of the UTF-8 canonical JSON
 */
public record ParsedDocument(ProtocolDocument model, String canonicalJson, String sha256) {
}
