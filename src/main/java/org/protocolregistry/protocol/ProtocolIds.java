package org.protocolregistry.protocol;

import java.security.SecureRandom;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;

/**
 * Protocol ids: version-7 UUIDs (RFC 9562), the creation millisecond followed by 74 random bits
 * from SecureRandom, fresh for every id (not a counter within the millisecond, so an id does not
 * tell the next one). Being time-ordered, a new protocol's entries in the indexes keyed by its id
 * (the protocol's, its versions', findings' and audit events') land on the pages the previous
 * creates touched; random version-4 ids dirtied another page of each such B-tree per create, and
 * the committed pages were the largest part of a create's cost (README, Performance).
 */
final class ProtocolIds {

    private static final NoArgGenerator GENERATOR = Generators.timeBasedEpochRandomGenerator(new SecureRandom());

    private ProtocolIds() {
    }

    static String next() {
        return GENERATOR.generate().toString();
    }
}
