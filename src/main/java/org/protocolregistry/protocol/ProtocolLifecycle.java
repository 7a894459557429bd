package org.protocolregistry.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.protocolregistry.api.ProblemException;
import org.protocolregistry.api.ProblemType;
import org.protocolregistry.audit.AuditAction;
import org.protocolregistry.protocol.document.ParsedDocument;
import org.protocolregistry.protocol.document.DocumentParser;
import org.protocolregistry.security.Caller;
import org.protocolregistry.security.Role;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.ValidationReport;
import org.protocolregistry.validation.ValidationService;

/**
 * The ethics-board lifecycle (ARCHITECTURE.md): submit, decide, amend, withdraw. Every step
 * checks who may take it and from which state, and is recorded in the audit trail in the
 * same transaction.
 */
@ApplicationScoped
public class ProtocolLifecycle {

    /** A reviewer's decision on a submitted protocol. */
    public enum Decision { APPROVE, REQUEST_CHANGES, REJECT }

    /** The version a reviewer is deciding on, with its document (to resolve comment anchors). */
    public record DecisionTarget(String protocolId, int version, String documentJson) {
    }

    @Inject
    ProtocolService protocols;

    @Inject
    ObjectMapper json;

    @Inject
    StatisticsTallies tallies;

    @Inject
    ValidationService validation;

    @Inject
    SearchColumns searchColumns;

    /** DRAFT or CHANGES_REQUESTED → SUBMITTED, only when the current version has no ERROR finding. */
    @Transactional
    public ProtocolEnvelope submit(Caller caller, String id, String ifMatch) {
        return tallies.tracking(id, () -> concurrentChange(id), () -> submitNow(caller, id, ifMatch));
    }

    private ProtocolEnvelope submitNow(Caller caller, String id, String ifMatch) {
        var protocol = ownedProtocol(caller, id, ifMatch);
        requireAction(protocol, "submit", protocol.status == ProtocolStatus.DRAFT
                || protocol.status == ProtocolStatus.CHANGES_REQUESTED);
        var version = ProtocolVersion.findVersion(id, protocol.currentVersion).orElseThrow();
        var report = readReport(version);
        if (!report.valid()) {
            throw ProblemException.blockedByFindings("Version " + version.versionNumber + " has "
                    + report.counts().get(Severity.ERROR) + " ERROR finding(s); fix them, then submit again.",
                    report.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList());
        }
        var from = protocol.status;
        protocol.status = ProtocolStatus.SUBMITTED;
        if (protocol.firstSubmittedAt == null) {
            protocol.firstSubmittedAt = ProtocolService.now();
        }
        return record(caller, Role.SPONSOR, protocol, AuditAction.SUBMIT, from);
    }

    /** Any non-terminal state → WITHDRAWN. */
    @Transactional
    public ProtocolEnvelope withdraw(Caller caller, String id, String ifMatch) {
        return tallies.tracking(id, () -> concurrentChange(id), () -> withdrawNow(caller, id, ifMatch));
    }

    private ProtocolEnvelope withdrawNow(Caller caller, String id, String ifMatch) {
        var protocol = ownedProtocol(caller, id, ifMatch);
        requireAction(protocol, "withdraw", !protocol.status.isTerminal());
        var from = protocol.status;
        protocol.status = ProtocolStatus.WITHDRAWN;
        return record(caller, Role.SPONSOR, protocol, AuditAction.WITHDRAW, from);
    }

    /**
     * APPROVED → DRAFT with a new version: the given document, or a copy of the approved one.
     * The approved version stays published until the amendment is approved.
     */
    @Transactional
    public ProtocolEnvelope amend(Caller caller, String id, String ifMatch, Optional<ParsedDocument> document) {
        return tallies.tracking(id, () -> concurrentChange(id), () -> amendNow(caller, id, ifMatch, document));
    }

    private ProtocolEnvelope amendNow(Caller caller, String id, String ifMatch, Optional<ParsedDocument> document) {
        var protocol = ownedProtocol(caller, id, ifMatch);
        requireAction(protocol, "amend", protocol.status == ProtocolStatus.APPROVED);
        var content = document.orElseGet(() -> DocumentParser.parse(ProtocolVersion
                .findVersion(id, protocol.approvedVersion).orElseThrow().documentJson
                .getBytes(StandardCharsets.UTF_8)));
        var from = protocol.status;
        var version = protocols.newVersion(protocol, content, caller, ProtocolService.now());
        protocol.status = ProtocolStatus.DRAFT;
        version.persist();
        searchColumns.indexFindings(protocol.id, version.report);
        record(caller, Role.SPONSOR, protocol, AuditAction.AMEND, from);
        return ProtocolEnvelope.of(protocol, version);
    }

    /** Checks that a reviewer may decide now, and on which version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DecisionTarget decisionTarget(Caller caller, String id, Integer reviewedVersion, String ifMatch) {
        var protocol = protocols.findReadable(caller, id).orElseThrow(() -> ProblemException.notFound("Protocol " + id));
        requireMatch(protocol, ifMatch);
        requireAction(protocol, "review", protocol.status == ProtocolStatus.SUBMITTED);
        if (reviewedVersion != null && reviewedVersion != protocol.currentVersion) {
            throw ProblemException.illegalState("Version " + protocol.currentVersion + " is under review, not version "
                    + reviewedVersion + "; review the submitted version.", protocol.status.name(),
                    protocol.status.allowedActions());
        }
        var version = ProtocolVersion.findVersion(id, protocol.currentVersion).orElseThrow();
        return new DecisionTarget(id, version.versionNumber, version.documentJson);
    }

    /**
     * SUBMITTED → APPROVED, CHANGES_REQUESTED or REJECTED. Rejecting an amendment of an approved
     * protocol discards the amendment: the approved version stays current and published.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ProtocolEnvelope decide(Caller caller, String id, Decision decision) {
        return tallies.tracking(id, () -> concurrentChange(id), () -> decideNow(caller, id, decision));
    }

    private ProtocolEnvelope decideNow(Caller caller, String id, Decision decision) {
        var protocol = Protocol.<Protocol>findById(id);
        var from = protocol.status;
        switch (decision) {
            case APPROVE -> {
                protocol.status = ProtocolStatus.APPROVED;
                protocol.approvedVersion = protocol.currentVersion;
            }
            case REQUEST_CHANGES -> protocol.status = ProtocolStatus.CHANGES_REQUESTED;
            case REJECT -> {
                if (protocol.approvedVersion != null) {
                    protocol.status = ProtocolStatus.APPROVED;
                    protocol.currentVersion = protocol.approvedVersion;
                    var approved = ProtocolVersion.findVersion(id, protocol.approvedVersion).orElseThrow();
                    var report = readReport(approved);
                    searchColumns.describe(protocol, DocumentParser.parse(approved.documentJson
                            .getBytes(StandardCharsets.UTF_8)).model(), report);
                    searchColumns.indexFindings(id, report);
                } else {
                    protocol.status = ProtocolStatus.REJECTED;
                }
            }
        }
        return record(caller, Role.REVIEWER, protocol, AuditAction.REVIEW, from);
    }

    /** Flushes the change (so a concurrent decision surfaces as 409 here) and audits it. */
    private ProtocolEnvelope record(Caller caller, String role, Protocol protocol, AuditAction action,
            ProtocolStatus from) {
        protocol.updatedAt = ProtocolService.now();
        try {
            Protocol.flush();
        } catch (OptimisticLockException | PessimisticLockException | LockTimeoutException e) {
            throw concurrentChange(protocol.id);
        }
        protocols.audit(caller, role, protocol, action, from);
        return ProtocolEnvelope.of(protocol, ProtocolVersion.findVersion(protocol.id, protocol.currentVersion)
                .orElseThrow());
    }

    private static ProblemException concurrentChange(String id) {
        return new ProblemException(ProblemType.CONCURRENT_DECISION, "Another change to protocol " + id
                + " was recorded at the same moment; read it again to see its state.");
    }

    /** The protocol, when the caller is its sponsor; 404 when the caller may not see it, 403 when only read it. */
    private Protocol ownedProtocol(Caller caller, String id, String ifMatch) {
        var protocol = protocols.findReadable(caller, id).orElseThrow(() -> ProblemException.notFound("Protocol " + id));
        if (!ProtocolAccess.canEdit(caller, protocol)) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "Only the sponsor organisation that owns a protocol may take this step.");
        }
        requireMatch(protocol, ifMatch);
        return protocol;
    }

    /** If-Match is optional on lifecycle steps; when sent, it must match. */
    private static void requireMatch(Protocol protocol, String ifMatch) {
        if (ifMatch != null && !EntityTags.matches(ifMatch, protocol.etag())) {
            throw new ProblemException(ProblemType.STALE_ETAG, "The protocol has changed since you read it (its ETag "
                    + "is now " + protocol.etag() + "); read it again before taking this step.", null,
                    Map.of("ETag", protocol.etag()));
        }
    }

    private static void requireAction(Protocol protocol, String action, boolean allowed) {
        if (!allowed) {
            var allowedActions = protocol.status.allowedActions();
            throw ProblemException.illegalState("A protocol in state " + protocol.status + " cannot be asked to "
                    + action + (allowedActions.isEmpty() ? "; it is final." : "; allowed: "
                    + String.join(", ", allowedActions) + "."), protocol.status.name(), allowedActions);
        }
    }

    private ValidationReport readReport(ProtocolVersion version) {
        if (version.validationReport == null) {
            // Stored before reports were kept: validate it now under the current rule set.
            return validation.validate(DocumentParser.parse(version.documentJson.getBytes(StandardCharsets.UTF_8))
                    .model());
        }
        try {
            return json.readValue(version.validationReport, ValidationReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored report of " + version.protocolId + " v" + version.versionNumber
                    + " does not read back", e);
        }
    }
}
