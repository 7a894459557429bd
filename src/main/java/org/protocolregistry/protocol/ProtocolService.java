package org.protocolregistry.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;

import org.hibernate.exception.ConstraintViolationException;
import org.protocolregistry.api.ProblemException;
import org.protocolregistry.api.ProblemType;
import org.protocolregistry.protocol.document.DocumentParser;
import org.protocolregistry.protocol.document.ParsedDocument;
import org.protocolregistry.api.RequestIds;
import org.protocolregistry.audit.AuditAction;
import org.protocolregistry.audit.AuditEntry;
import org.protocolregistry.audit.AuditEvent;
import org.protocolregistry.audit.AuditTrail;
import org.protocolregistry.security.Caller;
import org.protocolregistry.security.Role;
import org.protocolregistry.validation.ValidationReport;
import org.protocolregistry.validation.ValidationService;

/** Creates protocols, stores their versions and enforces who may read or change them. */
@ApplicationScoped
public class ProtocolService {

    private static final EnumSet<DiffFlags> DIFF_FLAGS = EnumSet.of(DiffFlags.ADD_ORIGINAL_VALUE_ON_REPLACE,
            DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION);

    /** The unique key on (protocol, version number) that refuses a second writer of the same version. */
    private static final String VERSION_NUMBER_KEY = "uq_protocol_version_number";

    /** The result of replacing a document: the protocol as it now stands, and whether a version was made. */
    public record Replacement(ProtocolEnvelope envelope, boolean versionCreated) {
    }

    @Inject
    ValidationService validation;

    @Inject
    AuditTrail auditTrail;

    @Inject
    SearchColumns searchColumns;

    @Inject
    StatisticsTallies tallies;

    @Inject
    EnvelopeReader envelopes;

    @Inject
    GroupCommit groupCommit;

    /**
     * Stores the document as version 1 of a new draft, committed together with concurrent creates
     * (see {@link GroupCommit}), or in the caller's transaction when there is one.
     */
    public ProtocolEnvelope createProtocol(Caller caller, ParsedDocument document) {
        // Refused before queueing, so that a caller without an organisation never fails a group.
        caller.requireSponsorOrg();
        caller.requireSubject();
        // Validated here, on the request's own thread: a group's writes run one after the other,
        // and every microsecond spent inside one is waited for by the rest of the queue.
        var validated = validate(document);
        return groupCommit.call(() -> insertProtocol(caller, document, validated), this::storedWhole);
    }

    /**
     * Whether a create's rows are all in the database: the protocol, its version 1 and its audit
     * event. Asked after a commit failed once begun, so that a create the database kept all the
     * same is answered 201 rather than as a failure that invites a duplicate.
     */
    boolean storedWhole(ProtocolEnvelope created) {
        return Protocol.count("id", created.id()) == 1
                && ProtocolVersion.count("protocolId = ?1 and versionNumber = 1", created.id()) == 1
                && AuditEvent.count("protocolId = ?1 and versionNumber = 1", created.id()) == 1;
    }

    /** The rows of a new protocol, in the current transaction; new entities on every call. */
    private ProtocolEnvelope insertProtocol(Caller caller, ParsedDocument document, Validated validated) {
        var now = now();
        var protocol = new Protocol();
        protocol.id = ProtocolIds.next();
        protocol.sponsorOrg = caller.requireSponsorOrg();
        protocol.createdBy = caller.requireSubject();
        protocol.status = ProtocolStatus.DRAFT;
        protocol.createdAt = now;
        var version = newVersion(protocol, document, validated, caller, now);
        protocol.persist();
        version.persist();
        searchColumns.insertFindings(protocol.id, version.report);
        audit(caller, Role.SPONSOR, protocol, AuditAction.CREATE, null);
        tallies.added(protocol, version.report);
        return ProtocolEnvelope.of(protocol, version);
    }

    /**
     * The protocol as this caller may see it, or empty when it does not exist or is not visible to
     * them. One statement, no transaction of its own (see {@link EnvelopeReader}).
     */
    public Optional<ProtocolEnvelope> findProtocolById(Caller caller, String id) {
        return Optional.ofNullable(envelopes.load(List.of(id)).get(id))
                .filter(loaded -> ProtocolAccess.canRead(caller, loaded.protocol()))
                .map(loaded -> loaded.envelopeFor(caller));
    }

    /**
     * The envelopes of the given protocols, in the given order, as this caller may see them: one
     * statement for the whole list. The ids come from a search that applied the caller's visibility.
     */
    public List<ProtocolEnvelope> envelopesInOrder(Caller caller, List<String> ids) {
        var loaded = envelopes.load(ids);
        return ids.stream().map(loaded::get).filter(Objects::nonNull)
                .map(protocol -> protocol.envelopeFor(caller)).toList();
    }

    /**
     * Replaces the document of an editable protocol if {@code ifMatch} still matches.
     * Identical content (same canonical JSON) makes no version.
     */
    @Transactional
    public Replacement replaceDocument(Caller caller, String id, String ifMatch, ParsedDocument document) {
        return tallies.tracking(id, () -> lostRace(id), () -> replace(caller, id, ifMatch, document));
    }

    private Replacement replace(Caller caller, String id, String ifMatch, ParsedDocument document) {
        var protocol = findReadable(caller, id).orElseThrow(() -> ProblemException.notFound("Protocol " + id));
        if (!ProtocolAccess.canEdit(caller, protocol)) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "Only the sponsor organisation that owns a protocol may change its document.");
        }
        if (!EntityTags.matches(ifMatch, protocol.etag())) {
            throw new ProblemException(ProblemType.STALE_ETAG,
                    "The protocol has changed since you read it (its ETag is now " + protocol.etag()
                            + "); read it again, reapply your change and send the new ETag in If-Match.",
                    null, Map.of("ETag", protocol.etag()));
        }
        if (!protocol.status.isEditable()) {
            throw new ProblemException(ProblemType.ILLEGAL_STATE,
                    "A protocol in status " + protocol.status + " cannot be edited; only DRAFT and "
                            + "CHANGES_REQUESTED protocols can.");
        }
        var current = ProtocolVersion.findVersion(id, protocol.currentVersion).orElseThrow();
        if (current.sha256.equals(document.sha256())) {
            return new Replacement(ProtocolEnvelope.of(protocol, current), false);
        }
        var next = newVersion(protocol, document, caller, now());
        try {
            // The version insert happens here (identity key) and the flush applies the optimistic
            // lock check, so a concurrent writer's win surfaces as 412 rather than a failed commit.
            // A writer still waiting for the winner's uncommitted version row when the database's
            // lock timeout ends has lost the same race.
            next.persist();
            Protocol.flush();
        } catch (OptimisticLockException | LockTimeoutException | PessimisticLockException e) {
            throw lostRace(id);
        } catch (ConstraintViolationException e) {
            if (e.getConstraintName() != null
                    && e.getConstraintName().toLowerCase(Locale.ROOT).contains(VERSION_NUMBER_KEY)) {
                throw lostRace(id);
            }
            throw e;
        }
        searchColumns.indexFindings(protocol.id, next.report);
        audit(caller, Role.SPONSOR, protocol, AuditAction.UPDATE, protocol.status);
        return new Replacement(ProtocolEnvelope.of(protocol, next), true);
    }

    @Transactional
    public Optional<List<VersionSummary>> listVersions(Caller caller, String id) {
        return findReadable(caller, id).map(protocol -> Protocol.getEntityManager()
                .createQuery("select new org.protocolregistry.protocol.VersionSummary("
                        + "v.versionNumber, v.createdAt, v.createdBy, v.sha256) from ProtocolVersion v "
                        + "where v.protocolId = :id order by v.versionNumber", VersionSummary.class)
                .setParameter("id", id)
                .getResultList()
                .stream()
                .filter(version -> mayReadVersion(caller, protocol, version.version()))
                .toList());
    }

    /**
     * Runs the current rule set on a stored version and returns the new report beside the
     * stored one; the stored report is left as it was.
     */
    @Transactional
    public Optional<Revalidation> revalidateVersion(Caller caller, String id, int versionNumber) {
        return findReadable(caller, id)
                .filter(protocol -> mayReadVersion(caller, protocol, versionNumber))
                .flatMap(protocol -> ProtocolVersion.findVersion(id, versionNumber))
                .map(version -> {
                    var document = DocumentParser.parse(version.documentJson.getBytes(StandardCharsets.UTF_8));
                    var report = validation.validate(document.model());
                    return new Revalidation(id, versionNumber, version.ruleSetVersion, version.validationReport,
                            validation.toJson(report));
                });
    }

    /**
     * The RFC 6902 JSON Patch that turns version {@code from} into version {@code to}, with the old
     * value beside every replaced ("fromValue") and removed ("value") path.
     */
    @Transactional
    public Optional<JsonNode> diffVersions(Caller caller, String id, int from, int to) {
        return findReadable(caller, id)
                .filter(protocol -> mayReadVersion(caller, protocol, from) && mayReadVersion(caller, protocol, to))
                .flatMap(protocol -> ProtocolVersion.findVersion(id, from))
                .flatMap(source -> ProtocolVersion.findVersion(id, to)
                        .map(target -> JsonDiff.asJson(readTree(source.documentJson), readTree(target.documentJson),
                                DIFF_FLAGS)));
    }

    /** The audit history of a protocol, for its sponsor, the reviewers who can see it and admins. */
    @Transactional
    public Optional<List<AuditEntry>> history(Caller caller, String id) {
        var protocol = findReadable(caller, id);
        if (protocol.isPresent() && !ProtocolAccess.canReadHistory(caller, protocol.get())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Viewers do not read audit histories.");
        }
        return protocol.map(p -> auditTrail.history(id));
    }

    private static JsonNode readTree(String json) {
        try {
            return DocumentParser.strictMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document does not read back", e);
        }
    }

    @Transactional
    public Optional<VersionEnvelope> findVersion(Caller caller, String id, int versionNumber) {
        return findReadable(caller, id)
                .filter(protocol -> mayReadVersion(caller, protocol, versionNumber))
                .flatMap(protocol -> ProtocolVersion.findVersion(id, versionNumber))
                .map(VersionEnvelope::of);
    }

    Optional<Protocol> findReadable(Caller caller, String id) {
        return Protocol.<Protocol>findByIdOptional(id).filter(protocol -> ProtocolAccess.canRead(caller, protocol));
    }

    /** Viewers read only the published version; everyone else who can read the protocol reads them all. */
    static boolean mayReadVersion(Caller caller, Protocol protocol, int versionNumber) {
        return !ProtocolAccess.seesOnlyPublished(caller, protocol)
                || protocol.approvedVersion != null && protocol.approvedVersion == versionNumber;
    }

    /** Records a step of the protocol's life in the audit trail, in the current transaction. */
    void audit(Caller caller, String role, Protocol protocol, AuditAction action, ProtocolStatus from) {
        auditTrail.append(new AuditTrail.Step(protocol.id, caller.requireSubject(), caller.org(), role, action,
                from == null ? null : from.name(), protocol.status.name(), protocol.currentVersion,
                RequestIds.current()));
    }

    static ProblemException lostRace(String id) {
        return new ProblemException(ProblemType.STALE_ETAG,
                "Another change to protocol " + id + " was saved first; read it again and retry with its new ETag.");
    }

    /** A document's validation report, and the report as stored. */
    record Validated(ValidationReport report, String reportJson) {
    }

    Validated validate(ParsedDocument document) {
        var report = validation.validate(document.model());
        return new Validated(report, validation.toJson(report));
    }

    /** The protocol's next version (one more than the highest so far), validated; it becomes current. */
    ProtocolVersion newVersion(Protocol protocol, ParsedDocument document, Caller caller, Instant now) {
        return newVersion(protocol, document, validate(document), caller, now);
    }

    private ProtocolVersion newVersion(Protocol protocol, ParsedDocument document, Validated validated, Caller caller,
            Instant now) {
        var number = protocol.lastVersion + 1;
        var version = new ProtocolVersion();
        version.protocolId = protocol.id;
        version.versionNumber = number;
        version.documentJson = document.canonicalJson();
        version.sha256 = document.sha256();
        version.createdAt = now;
        version.createdBy = caller.requireSubject();
        // Findings never stop a draft from being saved; they travel with the version.
        var report = validated.report();
        version.ruleSetVersion = report.ruleSetVersion();
        version.validationReport = validated.reportJson();
        protocol.currentVersion = number;
        protocol.lastVersion = number;
        protocol.updatedAt = now;
        searchColumns.describe(protocol, document.model(), report);
        version.report = report;
        return version;
    }

    /** Millisecond precision: what every supported database stores and returns unchanged. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
