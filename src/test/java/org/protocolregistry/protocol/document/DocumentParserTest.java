package org.protocolregistry.protocol.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.protocolregistry.api.Violation;
import org.protocolregistry.testing.Examples;

/** Strict parsing of protocol documents, without booting Quarkus. */
class DocumentParserTest {

    private static final ObjectMapper JSON = DocumentParser.strictMapper();

    @ParameterizedTest
    @ValueSource(strings = {Examples.FIBROMYALGIA, Examples.NEUROPATHIC_DRAFT})
    void examplesParseAndCanonicalJsonIsEqualToWhatWasSent(String example) throws IOException {
        var sent = Examples.bytes(example);

        var parsed = DocumentParser.parse(sent);

        assertThat(JSON.readTree(parsed.canonicalJson())).isEqualTo(JSON.readTree(sent));
        assertThat(parsed.sha256()).hasSize(64).isEqualTo(DocumentParser.sha256(parsed.canonicalJson()));
        assertThat(parsed.model().registration().briefTitle()).isNotBlank();
    }

    @Test
    void canonicalJsonSortsKeysAndKeepsNumbersAndNullsVerbatim() {
        var parsed = parse("""
                { "registration": {"briefTitle": "T", "acronym": null},
                  "dosing": {"initialDoseMg": 120.50, "maxSessionTotalMg": 1e2},
                  "condition": {"minBaselinePainNrs": 4} }""");

        assertThat(parsed.canonicalJson()).isEqualTo(
                "{\"condition\":{\"minBaselinePainNrs\":4},"
                        + "\"dosing\":{\"initialDoseMg\":120.50,\"maxSessionTotalMg\":1E+2},"
                        + "\"registration\":{\"acronym\":null,\"briefTitle\":\"T\"}}");
        assertThat(parsed.model().dosing().initialDoseMg()).isEqualByComparingTo(new BigDecimal("120.5"));
    }

    @Test
    void sameContentWithOtherKeyOrderAndWhitespaceHasTheSameHash() {
        var a = parse("{\"registration\":{\"briefTitle\":\"T\",\"phase\":\"PHASE_2\"}}");
        var b = parse("{ \"registration\" : { \"phase\" : \"PHASE_2\" ,\n \"briefTitle\" : \"T\" } }");

        assertThat(a.sha256()).isEqualTo(b.sha256());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            string where an integer belongs  | {"registration":{"briefTitle":"T","plannedEnrollment":"60"}} | /registration/plannedEnrollment | an integer
            string where a decimal belongs   | {"registration":{"briefTitle":"T"},"dosing":{"initialDoseMg":"120"}} | /dosing/initialDoseMg | a number
            fraction where an integer belongs| {"registration":{"briefTitle":"T"},"dosing":{"sessionCount":2.5}} | /dosing/sessionCount | an integer
            2.0 where an integer belongs     | {"registration":{"briefTitle":"T"},"dosing":{"sessionCount":2.0}} | /dosing/sessionCount | an integer
            integer overflow                 | {"registration":{"briefTitle":"T"},"dosing":{"sessionCount":99999999999}} | /dosing/sessionCount | out of range
            number where a string belongs    | {"registration":{"briefTitle":"T","acronym":5}} | /registration/acronym | a string
            string where a boolean belongs   | {"registration":{"briefTitle":"T"},"setting":{"overnightStay":"true"}} | /setting/overnightStay | true or false
            number where a boolean belongs   | {"registration":{"briefTitle":"T"},"setting":{"overnightStay":1}} | /setting/overnightStay | true or false
            boolean where a string belongs   | {"registration":{"briefTitle":true}} | /registration/briefTitle | a string
            string where a list belongs      | {"registration":{"briefTitle":"T","countries":"US"}} | /registration/countries | an array
            array where an object belongs    | {"registration":{"briefTitle":"T"},"dosing":[]} | /dosing | an object
            string where an object belongs   | {"registration":{"briefTitle":"T"},"dosing":"MDMA"} | /dosing | an object
            unknown enum value               | {"registration":{"briefTitle":"T","phase":"PHASE_5"}} | /registration/phase | PHASE_1_2
            enum in wrong case               | {"registration":{"briefTitle":"T","phase":"phase_2"}} | /registration/phase | PHASE_2_3
            enum by index                    | {"registration":{"briefTitle":"T","phase":1}} | /registration/phase | one of
            empty string enum                | {"registration":{"briefTitle":"T","phase":""}} | /registration/phase | one of
            unknown code in a set            | {"registration":{"briefTitle":"T"},"eligibility":{"exclusions":["BIPOLAR_I","BIPOLAR_I","NOPE"]}} | /eligibility/exclusions/2 | PSYCHOTIC_DISORDER
            unknown property at top level    | {"registration":{"briefTitle":"T"},"dosage":{}} | /dosage | unknown property "dosage"
            unknown property deep in a list  | {"registration":{"briefTitle":"T"},"supervision":{"monitors":[{},{"rol":"LEAD"}]}} | /supervision/monitors/1/rol | unknown property "rol"
            null element in a code list      | {"registration":{"briefTitle":"T","countries":["US",null]}} | /registration/countries/1 | null is not allowed
            null element in an object list   | {"registration":{"briefTitle":"T"},"arms":[null]} | /arms/0 | null is not allowed
            date that is not a date          | {"registration":{"briefTitle":"T"},"regulatory":{"ethics":{"approvalDate":"2026-13-01"}}} | /regulatory/ethics/approvalDate | ISO-8601
            date as a number                 | {"registration":{"briefTitle":"T"},"regulatory":{"ethics":{"approvalDate":20260101}}} | /regulatory/ethics/approvalDate | ISO-8601
            missing brief title              | {"registration":{"officialTitle":"x"}} | /registration/briefTitle | briefTitle is required
            null brief title                 | {"registration":{"briefTitle":null}} | /registration/briefTitle | briefTitle is required
            blank brief title                | {"registration":{"briefTitle":"  "}} | /registration/briefTitle | briefTitle is required
            missing registration             | {"dosing":{}} | /registration/briefTitle | briefTitle is required
            top level array                  | [] | '' | must be a JSON object
            top level null                   | null | '' | must be a JSON object
            malformed JSON                   | {"registration":{"briefTitle":"T",}} | /registration/briefTitle | malformed JSON
            truncated JSON                   | {"registration":{"briefTitle":"T" | /registration/briefTitle | malformed JSON
            trailing content                 | {"registration":{"briefTitle":"T"}} {} | '' | unexpected content
            duplicate key                    | {"registration":{"briefTitle":"T","briefTitle":"U"}} | /registration/briefTitle | malformed JSON
            escaped NUL                      | {"registration":{"briefTitle":"T \\u0000 x"}} | /registration/briefTitle | U+0000
            escaped NUL deep in a list       | {"registration":{"briefTitle":"T"},"outcomeMeasures":[{},{"title":"\\u0000"}]} | /outcomeMeasures/1/title | U+0000
            lone high surrogate              | {"registration":{"briefTitle":"T \\ud800 x"}} | /registration/briefTitle | unpaired surrogate
            lone low surrogate at the end    | {"registration":{"briefTitle":"T \\udc00"}} | /registration/briefTitle | unpaired surrogate
            surrogate pair in reverse order  | {"registration":{"briefTitle":"\\ude00\\ud83d"}} | /registration/briefTitle | unpaired surrogate
            """)
    void everyParseErrorNamesTheFieldByJsonPointer(String name, String body, String pointer, String messagePart) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    assertThat(e.violations()).hasSize(1);
                    Violation violation = e.violations().get(0);
                    assertThat(violation.pointer()).isEqualTo(pointer);
                    assertThat(violation.message()).contains(messagePart).doesNotContain("java.", "com.fasterxml");
                });
    }

    @Test
    void emptyBodyIsRefused() {
        assertThatThrownBy(() -> DocumentParser.parse(new byte[0]))
                .isInstanceOfSatisfying(InvalidDocumentException.class,
                        e -> assertThat(e.violations().get(0).message()).contains("empty"));
    }

    @Test
    void deepNestingIsRefusedWithoutRecursingThroughIt() {
        var body = "{\"registration\":{\"briefTitle\":\"T\"},\"arms\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";

        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(InvalidDocumentException.class,
                        e -> assertThat(e.violations().get(0).message()).contains("nested too deeply"));
    }

    @Test
    void listsHoldAtMost200Elements() {
        var outcomes = String.join(",", java.util.Collections.nCopies(DocumentParser.MAX_LIST_ELEMENTS, "{}"));

        assertThat(parse("{\"registration\":{\"briefTitle\":\"T\"},\"outcomeMeasures\":[" + outcomes + "]}")
                .model().outcomeMeasures()).hasSize(200);
        assertThatThrownBy(() -> parse("{\"registration\":{\"briefTitle\":\"T\"},\"outcomeMeasures\":["
                + outcomes + ",{}]}"))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    assertThat(e.violations().get(0).pointer()).isEqualTo("/outcomeMeasures");
                    assertThat(e.violations().get(0).message()).contains("at most 200");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000e2147483647", "1e-2147483647", "1e1001", "1e-1001", "1E+2147483648", "1e-2147483649"})
    void absurdNumbersAreRefusedBecauseTheyWouldNotRoundTrip(String number) {
        assertThatThrownBy(() -> parse("{\"registration\":{\"briefTitle\":\"T\"},\"dosing\":{\"initialDoseMg\":"
                + number + "}}"))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    assertThat(e.violations().get(0).pointer()).isEqualTo("/dosing/initialDoseMg");
                    assertThat(e.violations().get(0).message()).contains("out of range");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e1000", "1.5e-999", "120.000", "-0.0"})
    void largeButSaneNumbersSurviveTheCanonicalRoundTrip(String number) throws IOException {
        var parsed = parse("{\"registration\":{\"briefTitle\":\"T\"},\"dosing\":{\"initialDoseMg\":" + number + "}}");

        var reparsed = DocumentParser.parse(parsed.canonicalJson().getBytes(StandardCharsets.UTF_8));

        assertThat(reparsed.sha256()).isEqualTo(parsed.sha256());
        assertThat(JSON.readTree(parsed.canonicalJson()).at("/dosing/initialDoseMg").decimalValue())
                .isEqualByComparingTo(new BigDecimal(number));
    }

    @Test
    void nullFieldsAndEmptySectionsAreAllowedForDrafts() {
        var parsed = parse("{\"registration\":{\"briefTitle\":\"T\",\"phase\":null},\"dosing\":{},\"arms\":[]}");

        assertThat(parsed.model().registration().phase()).isNull();
        assertThat(parsed.model().dosing().initialDoseMg()).isNull();
    }

    /** Bytes that are not UTF-8 (RFC 3629), inside a string value; Jackson decodes some of them without complaint. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            overlong '.' (2 bytes)              | C0 AE
            overlong '/' (3 bytes)              | E0 80 AF
            encoded surrogate U+D800            | ED A0 80
            beyond U+10FFFF                     | F4 90 80 80
            five-byte form                      | F8 88 80 80 80
            invalid start byte                  | FF
            truncated sequence                  | E2 82
            """)
    void bytesThatAreNotUtf8AreRefused(String name, String hexBytes) {
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes("{\"registration\":{\"briefTitle\":\"T ".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(java.util.HexFormat.ofDelimiter(" ").parseHex(hexBytes));
        body.writeBytes(" x\"}}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> DocumentParser.parse(body.toByteArray()))
                .isInstanceOfSatisfying(InvalidDocumentException.class,
                        e -> assertThat(e.violations().get(0).message()).containsIgnoringCase("UTF-8"));
    }

    @Test
    void aBodyInUtf16IsRefused() {
        var body = "{\"registration\":{\"briefTitle\":\"T\"}}".getBytes(StandardCharsets.UTF_16);

        assertThatThrownBy(() -> DocumentParser.parse(body)).isInstanceOf(InvalidDocumentException.class);
    }

    @Test
    void unusualUnicodeIsKeptExactly() throws IOException {
        var title = "Schmerz \u00e9 \ud83d\udc8a \u2028 \u202e\u200b\ufeff \"quoted\"";
        var body = JSON.writeValueAsString(JSON.createObjectNode()
                .set("registration", JSON.createObjectNode().put("briefTitle", title)));

        var parsed = parse(body);

        JsonNode back = JSON.readTree(parsed.canonicalJson());
        assertThat(back.at("/registration/briefTitle").asText()).isEqualTo(title);
    }

    private static ParsedDocument parse(String body) {
        return DocumentParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
