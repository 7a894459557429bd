package org.protocolregistry.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.protocolregistry.audit.ChainVerification.BrokenLink;

/**
 * Appends events to the registry-wide hash chain and verifies it. Appends join the caller's
 * transaction, so an event exists exactly when the change it records was committed.
 */
@ApplicationScoped
public class AuditTrail {

    /** What one audited step is about. */
    public record Step(String protocolId, String actorSubject, String actorOrg, String actorRole, AuditAction action,
            String fromState, String toState, int version, String requestId) {
    }

    private static final int VERIFY_BATCH = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent append(Step step) {
        // Locking the head serialises appends: two concurrent writers cannot both link to it.
        var head = AuditHead.<AuditHead>getEntityManager().find(AuditHead.class, AuditHead.ID,
                LockModeType.PESSIMISTIC_WRITE);
        var event = new AuditEvent();
        event.sequenceNumber = head.sequenceNumber + 1;
        event.protocolId = step.protocolId();
        event.actorSubject = step.actorSubject();
        event.actorOrg = step.actorOrg();
        event.actorRole = step.actorRole();
        event.action = step.action().name();
        event.fromState = step.fromState();
        event.toState = step.toState();
        event.versionNumber = step.version();
        event.occurredAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        event.requestId = step.requestId();
        event.previousHash = head.hash;
        event.hash = hash(event);
        event.persist();
        head.sequenceNumber = event.sequenceNumber;
        head.hash = event.hash;
        return event;
    }

    @Transactional
    public List<AuditEntry> history(String protocolId) {
        return AuditEvent.<AuditEvent>list("protocolId = ?1 order by sequenceNumber", protocolId).stream()
                .map(AuditEntry::of)
                .toList();
    }

    /** Recomputes every hash and link from the first event; reports the first that does not check out. */
    @Transactional
    public ChainVerification verify() {
        var expectedPrevious = AuditHead.GENESIS_HASH;
        var expectedSequence = 1L;
        var checked = 0L;
        while (true) {
            List<AuditEvent> batch = AuditEvent.find("sequenceNumber >= ?1 order by sequenceNumber", expectedSequence)
                    .page(0, VERIFY_BATCH).list();
            for (var event : batch) {
                checked++;
                if (event.sequenceNumber != expectedSequence) {
                    return broken(checked, expectedSequence, null,
                            "event " + expectedSequence + " is missing: the chain jumps to " + event.sequenceNumber);
                }
                if (!event.previousHash.equals(expectedPrevious)) {
                    return broken(checked, event.sequenceNumber, event.protocolId,
                            "its previousHash does not match the hash of the event before it");
                }
                if (!hash(event).equals(event.hash)) {
                    return broken(checked, event.sequenceNumber, event.protocolId,
                            "its content does not match its hash: the row was changed after it was written");
                }
                expectedPrevious = event.hash;
                expectedSequence++;
            }
            AuditEvent.getEntityManager().clear(); // constant memory over a long chain
            if (batch.size() < VERIFY_BATCH) {
                break;
            }
        }
        var head = AuditHead.<AuditHead>findById(AuditHead.ID);
        if (head.sequenceNumber != expectedSequence - 1 || !head.hash.equals(expectedPrevious)) {
            return broken(checked, head.sequenceNumber, null,
                    "the chain head names event " + head.sequenceNumber + " but the chain ends at event "
                            + (expectedSequence - 1) + ": events were removed from its end");
        }
        return new ChainVerification(true, checked, null);
    }

    private static ChainVerification broken(long checked, long sequence, String protocolId, String reason) {
        return new ChainVerification(false, checked, new BrokenLink(sequence, protocolId, reason));
    }

    /** SHA-256 over the event's fields as a JSON array: unambiguous, whatever the fields contain. */
    static String hash(AuditEvent event) {
        var content = Arrays.asList(event.sequenceNumber, event.protocolId, event.actorSubject, event.actorOrg,
                event.actorRole, event.action, event.fromState, event.toState, event.versionNumber,
                event.occurredAt.toString(), event.requestId, event.previousHash);
        try {
            var bytes = JSON.writeValueAsString(content).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("hashing an audit event cannot fail", e);
        }
    }
}
