package org.protocolregistry.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.protocolregistry.api.ProblemException;
import org.protocolregistry.api.ProblemType;

/** The Idempotency-Key field: an RFC 8941 string, or a bare token meaning the same key. */
class IdempotencyKeyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'\"8e03978e-40d5-43e8-bc93-6894a57f9324\"' | 8e03978e-40d5-43e8-bc93-6894a57f9324",
        "8e03978e-40d5-43e8-bc93-6894a57f9324       | 8e03978e-40d5-43e8-bc93-6894a57f9324",
        "'  \"spaces around are dropped\"  '         | spaces around are dropped",
        "'\"a \\\"quoted\\\" \\\\ word\"'            | 'a \"quoted\" \\ word'",
        "base64+/=_-.~!#$%&*                        | base64+/=_-.~!#$%&*",
        "x                                          | x"})
    void readsQuotedAndBareKeys(String field, String key) {
        assertThat(IdempotencyKey.parse(List.of(field))).contains(key);
    }

    @Test
    void noFieldMeansNoKey() {
        assertThat(IdempotencyKey.parse(List.of())).isEmpty();
        assertThat(IdempotencyKey.parse(null)).isEmpty();
    }

    @Test
    void keysOfTheMaximumLengthAreAcceptedQuotedOrBare() {
        var longest = "k".repeat(IdempotencyKey.MAX_LENGTH);
        assertThat(IdempotencyKey.parse(List.of(longest))).contains(longest);
        assertThat(IdempotencyKey.parse(List.of("\"" + longest + "\""))).contains(longest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\"\"", "\"unterminated", "\"a\"b", "\"a\\b\"", "\"tab\there\"", "two words",
        "caf\u00e9", "\"caf\u00e9\"", "a\"b", "a\\b", "\"trailing backslash\\"})
    void refusesMalformedKeysNamingTheHeader(String field) {
        assertInvalid(List.of(field));
    }

    @Test
    void refusesKeysLongerThanTheMaximum() {
        assertInvalid(List.of("k".repeat(IdempotencyKey.MAX_LENGTH + 1)));
        assertInvalid(List.of("\"" + "k".repeat(IdempotencyKey.MAX_LENGTH + 1) + "\""));
    }

    @Test
    void refusesTwoKeyFields() {
        assertInvalid(List.of("\"one\"", "\"two\""));
    }

    private static void assertInvalid(List<String> fieldLines) {
        assertThatThrownBy(() -> IdempotencyKey.parse(fieldLines))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.type()).isEqualTo(ProblemType.INVALID_REQUEST);
                    assertThat(problem.detail()).contains("Idempotency-Key");
                    assertThat(problem.violations()).singleElement()
                            .satisfies(violation -> assertThat(violation.parameter()).isEqualTo("Idempotency-Key"));
                });
    }
}
