package org.protocolregistry.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.protocolregistry.api.ProblemException;
import org.protocolregistry.api.ProblemType;
import org.protocolregistry.api.Violation;
import org.protocolregistry.protocol.ProtocolEnvelope;
import org.protocolregistry.protocol.ProtocolLifecycle;
import org.protocolregistry.protocol.ProtocolService;
import org.protocolregistry.security.Caller;

/** Records ethics-board decisions with their comments, and lists them. */
@ApplicationScoped
public class ReviewService {

    static final int MAX_COMMENT_LENGTH = 5_000;
    static final int MAX_SUMMARY_LENGTH = 10_000;

    /** The decision as recorded, and the protocol as it now stands. */
    public record Recorded(ReviewView review, ProtocolEnvelope protocol) {
    }

    @Inject
    ProtocolLifecycle lifecycle;

    @Inject
    ProtocolService protocols;

    @Inject
    ObjectMapper json;

    @Transactional
    public Recorded recordDecision(Caller caller, String protocolId, ReviewRequest request, String ifMatch) {
        requireWellFormed(request);
        var target = lifecycle.decisionTarget(caller, protocolId, request.version(), ifMatch);
        var comments = request.comments() == null ? List.<ReviewComment>of() : request.comments();
        requireAnchorsResolve(comments, target.documentJson());
        var review = new Review();
        review.protocolId = protocolId;
        review.versionNumber = target.version();
        review.reviewer = caller.requireSubject();
        review.decision = request.decision().name();
        review.summary = request.summary();
        review.commentsJson = write(comments);
        review.createdAt = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        review.persist();
        var protocol = lifecycle.decide(caller, protocolId, request.decision());
        return new Recorded(view(review), protocol);
    }

    /** The reviews of a protocol the caller may read, oldest first. */
    @Transactional
    public Optional<List<ReviewView>> listReviews(Caller caller, String protocolId) {
        return protocols.findProtocolById(caller, protocolId)
                .map(protocol -> Review.listForProtocol(protocolId).stream().map(this::view).toList());
    }

    private static void requireWellFormed(ReviewRequest request) {
        var violations = new ArrayList<Violation>();
        if (request.decision() == null) {
            violations.add(Violation.atPointer("/decision", "required: APPROVE, REQUEST_CHANGES or REJECT"));
        }
        if (request.summary() != null && request.summary().length() > MAX_SUMMARY_LENGTH) {
            violations.add(Violation.atPointer("/summary", "at most " + MAX_SUMMARY_LENGTH + " characters"));
        }
        var comments = request.comments() == null ? List.<ReviewComment>of() : request.comments();
        for (int i = 0; i < comments.size(); i++) {
            var text = comments.get(i).text();
            if (text == null || text.isBlank() || text.length() > MAX_COMMENT_LENGTH) {
                violations.add(Violation.atPointer("/comments/" + i + "/text",
                        "required: 1 to " + MAX_COMMENT_LENGTH + " characters"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The review is incomplete or too long.",
                    violations);
        }
    }

    /** Every anchor must name a field that exists in the reviewed version (RFC 6901). */
    private void requireAnchorsResolve(List<ReviewComment> comments, String documentJson) {
        var document = read(documentJson);
        var violations = new ArrayList<Violation>();
        for (int i = 0; i < comments.size(); i++) {
            var pointer = comments.get(i).pointer();
            if (pointer == null) {
                continue;
            }
            String problem = null;
            try {
                if (pointer.isEmpty() || document.at(JsonPointer.compile(pointer)).isMissingNode()) {
                    problem = "does not resolve in the reviewed version: no field " + pointer;
                }
            } catch (IllegalArgumentException malformed) {
                problem = "is not a JSON Pointer (RFC 6901): it must be empty or start with /";
            }
            if (problem != null) {
                violations.add(Violation.atPointer("/comments/" + i + "/pointer", "the anchor " + problem));
            }
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "Some comment anchors do not point at a field of the reviewed version.", violations);
        }
    }

    private ReviewView view(Review review) {
        List<ReviewComment> comments;
        try {
            comments = json.readValue(review.commentsJson, new TypeReference<List<ReviewComment>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored review comments do not read back", e);
        }
        return new ReviewView(review.id, review.protocolId, review.versionNumber, review.reviewer,
                ProtocolLifecycle.Decision.valueOf(review.decision), review.summary, comments, review.createdAt);
    }

    private com.fasterxml.jackson.databind.JsonNode read(String documentJson) {
        try {
            return json.readTree(documentJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document does not read back", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
