package org.protocolregistry.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.Lifecycle.amend;
import static org.protocolregistry.testing.Lifecycle.review;
import static org.protocolregistry.testing.Lifecycle.submit;
import static org.protocolregistry.testing.Lifecycle.withdraw;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;
import static org.protocolregistry.testing.ProtocolApi.create;
import static org.protocolregistry.testing.ProtocolApi.get;
import static org.protocolregistry.testing.ProtocolApi.replace;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/** The whole story of a protocol before an ethics board, step by step, with its audit history. */
@QuarkusTest
class ReviewStoryTest {

    private static final String COMPLETE = Examples.text(Examples.FIBROMYALGIA);
    private static final String COMPLETE_HEAVIER_PARTICIPANTS = COMPLETE.replace("\"minWeightKg\": 48", "\"minWeightKg\": 60");

    @Test
    void createSubmitFixReviewAmendApprove() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var reviewer = Tokens.reviewer();
        var viewer = Tokens.viewer();

        // A draft with ERROR findings cannot be submitted; the answer carries them.
        var created = create(sponsor, Examples.text(Examples.NEUROPATHIC_DRAFT));
        String id = created.path("id");
        var refused = submit(sponsor, id);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.<List<String>>path("findings.severity")).hasSize(29).containsOnly("ERROR");
        assertThat(get(reviewer, PROTOCOLS + "/" + id).statusCode()).as("never submitted").isEqualTo(404);

        // Fixed, it goes to the board.
        assertThat(replace(sponsor, id, "*", COMPLETE).<Integer>path("version")).isEqualTo(2);
        var submitted = submit(sponsor, id);
        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(submitted.<String>path("status")).isEqualTo("SUBMITTED");
        assertThat(get(reviewer, PROTOCOLS + "/" + id).statusCode()).isEqualTo(200);

        // An anchor that does not resolve is refused; a valid one is kept with the decision.
        var badAnchor = review(reviewer, id, "{\"decision\":\"REQUEST_CHANGES\",\"comments\":["
                + "{\"pointer\":\"/dosing/initialDose\",\"text\":\"typo\"}]}");
        assertThat(badAnchor.statusCode()).isEqualTo(400);
        assertThat(badAnchor.<List<String>>path("violations.pointer")).containsExactly("/comments/0/pointer");
        var changes = review(reviewer, id, "{\"decision\":\"REQUEST_CHANGES\",\"version\":2,"
                + "\"summary\":\"Dose per kg\",\"comments\":[{\"pointer\":\"/eligibility/minWeightKg\","
                + "\"text\":\"120 mg at 48 kg is 2.5 mg/kg; raise the minimum weight.\"},{\"text\":\"Otherwise fine.\"}]}");
        assertThat(changes.statusCode()).as(changes.asString()).isEqualTo(201);
        assertThat(changes.<String>path("decision")).isEqualTo("REQUEST_CHANGES");
        assertThat(changes.<List<String>>path("comments.pointer")).containsExactly("/eligibility/minWeightKg", null);
        assertThat(get(sponsor, PROTOCOLS + "/" + id).<String>path("status")).isEqualTo("CHANGES_REQUESTED");

        // The sponsor answers with a new version and resubmits; the board approves.
        var edited = replace(sponsor, id, "*", COMPLETE_HEAVIER_PARTICIPANTS);
        assertThat(edited.<Integer>path("version")).isEqualTo(3);
        assertThat(edited.<List<String>>path("validation.findings")).isEmpty();
        assertThat(submit(sponsor, id).<String>path("status")).isEqualTo("SUBMITTED");
        var approved = review(reviewer, id, "{\"decision\":\"APPROVE\"}");
        assertThat(approved.statusCode()).isEqualTo(201);
        assertThat(get(viewer, PROTOCOLS + "/" + id).<String>path("status")).isEqualTo("APPROVED");

        // An amendment is a new draft version; viewers keep seeing the approved version until it is approved.
        var amendment = amend(sponsor, id);
        assertThat(amendment.statusCode()).isEqualTo(201);
        assertThat(amendment.<Integer>path("version")).isEqualTo(4);
        assertThat(amendment.<String>path("status")).isEqualTo("DRAFT");
        assertThat(amendment.header("Location")).endsWith("/versions/4");
        assertThat(replace(sponsor, id, "*", COMPLETE_HEAVIER_PARTICIPANTS.replace("\"plannedEnrollment\": 60",
                "\"plannedEnrollment\": 80")).<Integer>path("version")).isEqualTo(5);
        var published = get(viewer, PROTOCOLS + "/" + id);
        assertThat(published.<String>path("status")).isEqualTo("APPROVED");
        assertThat(published.<Integer>path("version")).isEqualTo(3);
        assertThat(get(viewer, PROTOCOLS + "/" + id + "/versions").<List<Integer>>path("items.version")).containsExactly(3);
        assertThat(get(viewer, PROTOCOLS + "/" + id + "/versions/5").statusCode()).isEqualTo(404);
        assertThat(submit(sponsor, id).statusCode()).isEqualTo(200);
        assertThat(review(reviewer, id, "{\"decision\":\"APPROVE\",\"version\":5}").statusCode()).isEqualTo(201);
        assertThat(get(viewer, PROTOCOLS + "/" + id).<Integer>path("version")).isEqualTo(5);
        assertThat(get(viewer, PROTOCOLS + "/" + id).<Integer>path("document.registration.plannedEnrollment")).isEqualTo(80);

        // The diff between two versions is a JSON Patch with the old value beside each change.
        var diff = get(sponsor, PROTOCOLS + "/" + id + "/versions/2/diff/3");
        assertThat(diff.statusCode()).isEqualTo(200);
        assertThat(diff.<List<Map<String, Object>>>path("")).containsExactly(
                Map.of("op", "replace", "path", "/eligibility/minWeightKg", "value", 60, "fromValue", 48));

        // Illegal transitions name the state and what is allowed from it.
        var illegal = submit(sponsor, id);
        assertThat(illegal.statusCode()).isEqualTo(409);
        assertThat(illegal.<String>path("currentState")).isEqualTo("APPROVED");
        assertThat(illegal.<List<String>>path("allowedActions")).containsExactly("amend", "withdraw");
        assertThat(withdraw(sponsor, id).<String>path("status")).isEqualTo("WITHDRAWN");
        assertThat(withdraw(sponsor, id).<List<String>>path("allowedActions")).isEmpty();
        assertThat(get(viewer, PROTOCOLS + "/" + id).statusCode()).as("withdrawn: no longer published").isEqualTo(404);

        // The sponsor sees the board's reviews; the history lists every step in order.
        assertThat(get(sponsor, PROTOCOLS + "/" + id + "/reviews").<List<String>>path("items.decision"))
                .containsExactly("REQUEST_CHANGES", "APPROVE", "APPROVE");
        var history = get(sponsor, PROTOCOLS + "/" + id + "/history");
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.<List<String>>path("items.action")).containsExactly("CREATE", "UPDATE", "SUBMIT", "REVIEW",
                "UPDATE", "SUBMIT", "REVIEW", "AMEND", "UPDATE", "SUBMIT", "REVIEW", "WITHDRAW");
        assertThat(history.<List<String>>path("items.toState")).containsExactly("DRAFT", "DRAFT", "SUBMITTED",
                "CHANGES_REQUESTED", "CHANGES_REQUESTED", "SUBMITTED", "APPROVED", "DRAFT", "DRAFT", "SUBMITTED",
                "APPROVED", "WITHDRAWN");
        assertThat(history.<List<Integer>>path("items.version")).containsExactly(1, 2, 2, 2, 3, 3, 3, 4, 5, 5, 5, 5);
        assertThat(history.<List<String>>path("items.actorRole")).containsExactly("sponsor", "sponsor", "sponsor",
                "reviewer", "sponsor", "sponsor", "reviewer", "sponsor", "sponsor", "sponsor", "reviewer", "sponsor");
        assertThat(get(viewer, PROTOCOLS + "/" + id + "/history").statusCode()).isEqualTo(403);

        var verification = as(Tokens.admin()).get("/api/v1/audit/verify").then().extract();
        assertThat(verification.statusCode()).isEqualTo(200);
        assertThat(verification.<Boolean>path("intact")).isTrue();
    }

    @Test
    void rejectingAnAmendmentKeepsTheApprovedVersion() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var reviewer = Tokens.reviewer();
        var id = org.protocolregistry.testing.Lifecycle.submittedProtocol(sponsor);
        review(reviewer, id, "{\"decision\":\"APPROVE\"}");
        amend(sponsor, id);
        submit(sponsor, id);

        var rejected = review(reviewer, id, "{\"decision\":\"REJECT\",\"summary\":\"No change needed\"}");

        assertThat(rejected.statusCode()).isEqualTo(201);
        var protocol = get(sponsor, PROTOCOLS + "/" + id);
        assertThat(protocol.<String>path("status")).isEqualTo("APPROVED");
        assertThat(protocol.<Integer>path("version")).isEqualTo(1);
        assertThat(amend(sponsor, id).<Integer>path("version")).as("numbers keep rising").isEqualTo(3);
    }

    @Test
    void rejectingAFirstSubmissionIsFinal() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var id = org.protocolregistry.testing.Lifecycle.submittedProtocol(sponsor);

        assertThat(review(Tokens.reviewer(), id, "{\"decision\":\"REJECT\"}").statusCode()).isEqualTo(201);

        assertThat(get(sponsor, PROTOCOLS + "/" + id).<String>path("status")).isEqualTo("REJECTED");
        var again = submit(sponsor, id);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.<List<String>>path("allowedActions")).isEmpty();
        assertThat(replace(sponsor, id, "*", COMPLETE_HEAVIER_PARTICIPANTS).statusCode()).isEqualTo(409);
    }

    @Test
    void reviewBodiesAreStrict() {
        var id = org.protocolregistry.testing.Lifecycle.submittedProtocol(Tokens.sponsor(Tokens.uniqueOrg()));
        var reviewer = Tokens.reviewer();

        var unknownDecision = review(reviewer, id, "{\"decision\":\"MAYBE\"}");
        var unknownField = review(reviewer, id, "{\"decision\":\"APPROVE\",\"verdict\":\"yes\"}");
        var noDecision = review(reviewer, id, "{\"summary\":\"hm\"}");
        var blankComment = review(reviewer, id, "{\"decision\":\"APPROVE\",\"comments\":[{\"text\":\" \"}]}");
        var wrongVersion = review(reviewer, id, "{\"decision\":\"APPROVE\",\"version\":7}");

        assertThat(unknownDecision.<List<String>>path("violations.pointer")).containsExactly("/decision");
        assertThat(unknownDecision.<String>path("violations[0].message")).contains("APPROVE, REQUEST_CHANGES, REJECT");
        assertThat(unknownField.<List<String>>path("violations.pointer")).containsExactly("/verdict");
        assertThat(noDecision.<List<String>>path("violations.pointer")).containsExactly("/decision");
        assertThat(blankComment.<List<String>>path("violations.pointer")).containsExactly("/comments/0/text");
        assertThat(List.of(unknownDecision.statusCode(), unknownField.statusCode(), noDecision.statusCode(),
                blankComment.statusCode())).containsOnly(400);
        assertThat(wrongVersion.statusCode()).isEqualTo(409);
        assertThat(get(Tokens.admin(), PROTOCOLS + "/" + id).<String>path("status")).isEqualTo("SUBMITTED");
    }
}
