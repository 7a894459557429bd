package org.protocolregistry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.protocolregistry.security.Caller;
import org.protocolregistry.security.Role;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.Lifecycle;
import org.protocolregistry.testing.ProtocolApi;
import org.protocolregistry.testing.Tokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The one-statement JDBC read of envelopes answers exactly what loading the entities through
 * Hibernate answers, for every kind of caller, including a viewer of an approved protocol under
 * amendment (current version 2, published version 1).
 */
@QuarkusTest
class EnvelopeReaderTest {

    @Inject
    ProtocolService protocols;

    @Test
    void readsTheSameEnvelopesAsTheEntitiesForEveryCaller() {
        var org = Tokens.uniqueOrg();
        var sponsor = Tokens.sponsor(org);
        var draft = ProtocolApi.createdId(sponsor, Examples.bytes(Examples.NEUROPATHIC_DRAFT));
        var amended = Lifecycle.submittedProtocol(sponsor);
        assertThat(Lifecycle.review(Tokens.reviewer(), amended, "{\"decision\":\"APPROVE\",\"summary\":\"ok\"}")
                .statusCode()).isEqualTo(201);
        assertThat(Lifecycle.amend(sponsor, amended).statusCode()).isEqualTo(201);

        var callers = List.of(
                new Caller("owner", org, Set.of(Role.SPONSOR)),
                new Caller("rival", "rival-" + org, Set.of(Role.SPONSOR)),
                new Caller("board", null, Set.of(Role.REVIEWER)),
                new Caller("public", null, Set.of(Role.VIEWER)),
                new Caller("operator", null, Set.of(Role.ADMIN)));
        var seen = 0;
        for (var caller : callers) {
            for (var id : List.of(draft, amended)) {
                var expected = QuarkusTransaction.requiringNew().call(() -> viaEntities(caller, id));
                var actual = protocols.findProtocolById(caller, id).orElse(null);
                assertThat(actual).as(caller.subject() + " reading " + id).isEqualTo(expected);
                seen += actual == null ? 0 : 1;
            }
            var expectedList = QuarkusTransaction.requiringNew().call(() -> List.of(draft, amended).stream()
                    .map(id -> viaEntities(caller, id)).filter(java.util.Objects::nonNull).toList());
            var visible = expectedList.stream().map(ProtocolEnvelope::id).toList();
            assertThat(protocols.envelopesInOrder(caller, visible)).isEqualTo(expectedList);
        }
        // owner 2, rival 0, reviewer 1 (the submitted one), viewer 1 (published), admin 2
        assertThat(seen).isEqualTo(6);
        var viewerView = protocols.findProtocolById(callers.get(3), amended).orElseThrow();
        assertThat(viewerView.version()).isEqualTo(1);
        assertThat(viewerView.status()).isEqualTo(ProtocolStatus.APPROVED);
        assertThat(protocols.findProtocolById(callers.get(0), amended).orElseThrow().version()).isEqualTo(2);
    }

    /** The former read path: the entities, loaded by Hibernate (call inside a transaction). */
    ProtocolEnvelope viaEntities(Caller caller, String id) {
        return protocols.findReadable(caller, id).map(protocol -> entityEnvelope(caller, protocol)).orElse(null);
    }

    /** The envelope built from Hibernate entities, as reads did before EnvelopeReader: the reference. */
    private static ProtocolEnvelope entityEnvelope(Caller caller, Protocol protocol) {
        if (ProtocolAccess.seesOnlyPublished(caller, protocol)) {
            return ProtocolEnvelope.published(protocol,
                    ProtocolVersion.findVersion(protocol.id, protocol.approvedVersion).orElseThrow());
        }
        return ProtocolEnvelope.of(protocol, ProtocolVersion.findVersion(protocol.id, protocol.currentVersion)
                .orElseThrow());
    }
}
