package org.protocolregistry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.ProtocolApi;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Protocol ids are time-ordered version-7 UUIDs (the B-tree locality that halves a create's page
 * writes) whose random part stays unpredictable: ids made in the same millisecond are not
 * consecutive (as a counter within the millisecond would make them).
 */
@QuarkusTest
class ProtocolIdsTest {

    private static final long RANDOM_BITS = (1L << 62) - 1;

    @Test
    void idsAreVersion7UuidsCarryingTheirCreationTimeInOrder() throws InterruptedException {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < 3; i++) {
            var before = System.currentTimeMillis();
            var id = UUID.fromString(ProtocolApi.createdId(sponsor, Examples.bytes(Examples.FIBROMYALGIA)));
            var after = System.currentTimeMillis();
            assertThat(id.version()).as(id.toString()).isEqualTo(7);
            assertThat(id.variant()).as(id.toString()).isEqualTo(2);
            assertThat(unixMillis(id)).as(id.toString()).isBetween(before, after);
            ids.add(id);
            Thread.sleep(2);
        }
        var texts = ids.stream().map(UUID::toString).toList();
        assertThat(texts).as("string order is creation order").isSorted();
    }

    @Test
    void idsMadeInTheSameMillisecondAreDistinctAndNotConsecutive() {
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < 2_000; i++) {
            ids.add(UUID.fromString(ProtocolIds.next()));
        }
        assertThat(ids).doesNotHaveDuplicates();
        var sameMillisecond = 0;
        for (int i = 1; i < ids.size(); i++) {
            var previous = ids.get(i - 1);
            var id = ids.get(i);
            if (unixMillis(previous) == unixMillis(id)) {
                sameMillisecond++;
                // The 62 random bits after the variant: a counter would make neighbours differ by one.
                var distance = (id.getLeastSignificantBits() & RANDOM_BITS)
                        - (previous.getLeastSignificantBits() & RANDOM_BITS);
                assertThat(Math.abs(distance)).as(previous + " then " + id).isGreaterThan(1L);
            }
        }
        assertThat(sameMillisecond).as("ids made within one millisecond, the case this checks").isPositive();
    }

    private static long unixMillis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}
