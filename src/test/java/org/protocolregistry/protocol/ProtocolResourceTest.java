package org.protocolregistry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.create;
import static org.protocolregistry.testing.ProtocolApi.createdId;
import static org.protocolregistry.testing.ProtocolApi.documentOf;
import static org.protocolregistry.testing.ProtocolApi.draft;
import static org.protocolregistry.testing.ProtocolApi.get;
import static org.protocolregistry.testing.ProtocolApi.json;
import static org.protocolregistry.testing.ProtocolApi.replace;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.protocolregistry.testing.Concurrently;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;

/** Creating, reading and replacing protocol documents, and their versions. */
@QuarkusTest
class ProtocolResourceTest {

    private static final int WRITERS = 16;
    private static final int ROUNDS = 5;

    private String org;
    private String sponsor;

    @BeforeEach
    void newSponsor() {
        org = Tokens.uniqueOrg();
        sponsor = Tokens.sponsor(org);
    }

    @ParameterizedTest
    @ValueSource(strings = {Examples.FIBROMYALGIA, Examples.NEUROPATHIC_DRAFT})
    void examplesComeBackEqualToWhatWasSent(String example) {
        var sent = Examples.bytes(example);

        var created = create(sponsor, sent);

        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith(PROTOCOLS + "/" + id);
        assertThat(created.header("ETag")).isEqualTo(created.path("etag")).startsWith("\"").endsWith("\"");
        assertThat(created.<String>path("sponsorOrg")).isEqualTo(org);
        assertThat(created.<String>path("status")).isEqualTo("DRAFT");
        assertThat(created.<Integer>path("version")).isEqualTo(1);
        assertThat(created.<String>path("createdAt")).isEqualTo(created.path("updatedAt")).endsWith("Z");
        assertThat(json(created.asString()).has("validation")).isTrue();
        assertThat(documentOf(created)).isEqualTo(json(sent));

        var read = get(sponsor, created.header("Location"));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo(created.header("ETag"));
        assertThat(documentOf(read)).isEqualTo(json(sent));
        assertThat(documentOf(get(sponsor, PROTOCOLS + "/" + id + "/versions/1"))).isEqualTo(json(sent));
    }

    @Test
    void nullAndAbsentFieldsAreKeptApartAndNothingIsDefaulted() {
        var sent = "{\"registration\":{\"briefTitle\":\"T\",\"acronym\":null,\"countries\":[\"US\",\"US\"]},"
                + "\"dosing\":{\"initialDoseMg\":120.0},\"setting\":{}}";

        var read = get(sponsor, PROTOCOLS + "/" + createdId(sponsor, sent));

        var document = documentOf(read);
        assertThat(document).isEqualTo(json(sent));
        assertThat(document.at("/registration").has("acronym")).isTrue();
        assertThat(document.at("/registration/acronym").isNull()).isTrue();
        assertThat(document.at("/registration").has("officialTitle")).isFalse();
        assertThat(document.at("/dosing/initialDoseMg").decimalValue().toPlainString()).isEqualTo("120.0");
        assertThat(document.at("/registration/countries")).hasSize(2);
    }

    @Test
    void replacingWithoutIfMatchAnswers428() {
        var id = createdId(sponsor, draft("first"));

        var response = replace(sponsor, id, null, draft("second"));

        assertThat(response.statusCode()).isEqualTo(428);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.<List<String>>path("violations.parameter")).containsExactly("If-Match");
        assertThat(get(sponsor, PROTOCOLS + "/" + id + "/versions").<Integer>path("totalCount")).isEqualTo(1);
    }

    @Test
    void replacingWithAStaleEtagAnswers412AndChangesNothing() {
        var created = create(sponsor, draft("first"));
        String id = created.path("id");
        var firstEtag = created.header("ETag");
        assertThat(replace(sponsor, id, firstEtag, draft("second")).statusCode()).isEqualTo(200);

        var stale = replace(sponsor, id, firstEtag, draft("third"));

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.contentType()).isEqualTo("application/problem+json");
        assertThat(stale.header("ETag")).isNotEqualTo(firstEtag);
        assertThat(get(sponsor, PROTOCOLS + "/" + id).<String>path("document.registration.briefTitle"))
                .isEqualTo("second");
        assertThat(replace(sponsor, id, "W/" + stale.header("ETag"), draft("third")).statusCode())
                .as("a weak tag never matches If-Match").isEqualTo(412);
    }

    @Test
    void replacingWithIdenticalContentMakesNoVersionAndSaysSo() {
        var created = create(sponsor, "{\"registration\":{\"briefTitle\":\"T\",\"phase\":\"PHASE_2\"}}");
        String id = created.path("id");

        var same = replace(sponsor, id, created.header("ETag"),
                "{ \"registration\": { \"phase\": \"PHASE_2\",\n  \"briefTitle\": \"T\" } }");

        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(same.header(ProtocolResource.VERSION_CREATED_HEADER)).isEqualTo("false");
        assertThat(same.<Integer>path("version")).isEqualTo(1);
        assertThat(same.header("ETag")).isEqualTo(created.header("ETag"));
        assertThat(same.<String>path("updatedAt")).isEqualTo(created.path("updatedAt"));
        assertThat(get(sponsor, PROTOCOLS + "/" + id + "/versions").<Integer>path("totalCount")).isEqualTo(1);
    }

    @Test
    void everyContentChangeMakesTheNextImmutableVersion() {
        var created = create(sponsor, draft("first"));
        String id = created.path("id");

        var second = replace(sponsor, id, created.header("ETag"), draft("second"));
        var third = replace(sponsor, id, "*", draft("third"));

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.header(ProtocolResource.VERSION_CREATED_HEADER)).isEqualTo("true");
        assertThat(second.<Integer>path("version")).isEqualTo(2);
        assertThat(second.header("ETag")).isNotEqualTo(created.header("ETag"));
        assertThat(third.statusCode()).as("If-Match: * matches any current state").isEqualTo(200);
        assertThat(third.<Integer>path("version")).isEqualTo(3);

        var versions = get(sponsor, PROTOCOLS + "/" + id + "/versions");
        assertThat(versions.statusCode()).isEqualTo(200);
        assertThat(versions.<List<Integer>>path("items.version")).containsExactly(1, 2, 3);
        assertThat(versions.<Integer>path("totalCount")).isEqualTo(3);
        assertThat(versions.<String>path("nextPageToken")).isNull();
        assertThat(versions.<List<String>>path("items.sha256")).doesNotHaveDuplicates().allMatch(s -> s.length() == 64);
        assertThat(versions.<List<String>>path("items.createdBy")).containsOnly("test-sponsor");

        var first = get(sponsor, PROTOCOLS + "/" + id + "/versions/1");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.<String>path("document.registration.briefTitle")).isEqualTo("first");
        assertThat(first.<String>path("sha256")).isEqualTo(versions.path("items[0].sha256"));
        assertThat(first.header("ETag")).isEqualTo("\"" + first.path("sha256") + "\"");
        assertThat(get(sponsor, PROTOCOLS + "/" + id + "/versions/2").<String>path("document.registration.briefTitle"))
                .isEqualTo("second");
        assertThat(get(sponsor, PROTOCOLS + "/" + id).<String>path("document.registration.briefTitle"))
                .isEqualTo("third");
        assertThat(get(sponsor, PROTOCOLS + "/" + id + "/versions/4").statusCode()).isEqualTo(404);
        assertThat(get(sponsor, PROTOCOLS + "/" + id + "/versions/0").statusCode()).isEqualTo(404);
        assertThat(get(sponsor, PROTOCOLS + "/" + id + "/versions/x").statusCode()).isEqualTo(404);
    }

    @Test
    void anInvalidReplacementIsRefusedAndStoresNothing() {
        var created = create(sponsor, draft("first"));
        String id = created.path("id");

        var refused = replace(sponsor, id, created.header("ETag"),
                "{\"registration\":{\"briefTitle\":\"T\"},\"dosing\":{\"initialDoseMg\":\"120\"}}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.<List<String>>path("violations.pointer")).containsExactly("/dosing/initialDoseMg");
        var read = get(sponsor, PROTOCOLS + "/" + id);
        assertThat(read.<Integer>path("version")).isEqualTo(1);
        assertThat(read.header("ETag")).isEqualTo(created.header("ETag"));
    }

    /**
     * Sixteen writers send a PUT with the same If-Match at the same moment, five rounds in a row:
     * each round exactly one wins and the others are told 412, and the versions stay 1 to 6 with
     * no gap and no duplicate.
     */
    @Test
    void concurrentReplacementsWithTheSameEtagLetExactlyOneWinEachRound() throws Exception {
        var created = create(sponsor, draft("round 0"));
        String id = created.path("id");
        var etag = created.header("ETag");
        var winners = new ArrayList<String>();
        for (int round = 1; round <= ROUNDS; round++) {
            var sentEtag = etag;
            var title = "round " + round;
            var answers = Concurrently.run(WRITERS,
                    writer -> replace(sponsor, id, sentEtag, draft(title + " writer " + writer)));

            assertThat(answers).extracting(ExtractableResponse::statusCode).as("round %d", round)
                    .containsOnly(200, 412).filteredOn(status -> status == 200).hasSize(1);
            assertThat(answers).filteredOn(answer -> answer.statusCode() == 412).allSatisfy(loser -> {
                assertThat(loser.contentType()).isEqualTo("application/problem+json");
                assertThat(loser.<Integer>path("status")).isEqualTo(412);
            });
            var winner = answers.stream().filter(answer -> answer.statusCode() == 200).findFirst().orElseThrow();
            assertThat(winner.<Integer>path("version")).isEqualTo(round + 1);
            assertThat(winner.header(ProtocolResource.VERSION_CREATED_HEADER)).isEqualTo("true");
            etag = winner.header("ETag");
            winners.add(winner.path("document.registration.briefTitle"));
        }

        var versions = get(sponsor, PROTOCOLS + "/" + id + "/versions");
        assertThat(versions.<List<Integer>>path("items.version")).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(get(sponsor, PROTOCOLS + "/" + id + "/versions/6").<String>path("document.registration.briefTitle"))
                .isEqualTo(winners.get(ROUNDS - 1));
        assertThat(get(sponsor, PROTOCOLS + "/" + id + "/history").<List<String>>path("items.action"))
                .containsExactly("CREATE", "UPDATE", "UPDATE", "UPDATE", "UPDATE", "UPDATE");
    }

    /** Sixteen sponsors create at the same moment: every create is stored, and the audit chain stays one chain. */
    @Test
    void concurrentCreatesAreAllStoredInOneAuditChain() throws Exception {
        var sponsors = java.util.stream.IntStream.range(0, WRITERS).mapToObj(i -> Tokens.sponsor(Tokens.uniqueOrg()))
                .toList();

        var answers = Concurrently.run(WRITERS, writer -> create(sponsors.get(writer), draft("writer " + writer)));

        assertThat(answers).extracting(ExtractableResponse::statusCode).containsOnly(201);
        assertThat(answers).extracting(answer -> answer.<String>path("id")).doesNotHaveDuplicates();
        for (int writer = 0; writer < WRITERS; writer++) {
            var id = answers.get(writer).<String>path("id");
            assertThat(get(sponsors.get(writer), PROTOCOLS + "/" + id + "/history").<List<String>>path("items.action"))
                    .containsExactly("CREATE");
        }
        assertThat(get(Tokens.admin(), "/api/v1/audit/verify").<Boolean>path("intact")).isTrue();
    }

    @Test
    void unknownProtocolAnswers404() {
        var response = get(sponsor, PROTOCOLS + "/does-not-exist");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(replace(sponsor, "does-not-exist", "*", draft("x")).statusCode()).isEqualTo(404);
    }
}
