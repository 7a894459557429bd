package org.protocolregistry.search;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.protocolregistry.api.StrictJson;
import org.protocolregistry.protocol.ProtocolEnvelope;

/** Writes search results as CSV (flat columns) or NDJSON (one envelope per line), batch by batch. */
public final class Exports {

    /** The CSV columns, in order. */
    public static final List<String> CSV_COLUMNS = List.of("id", "sponsorOrg", "status", "version", "briefTitle",
            "officialTitle", "phase", "conditionCategory", "conditionName", "initialDoseMg", "supplementalDoseMg",
            "maxSessionTotalMg", "sessionCount", "errorCount", "warningCount");

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CsvSchema.builder().addColumns(CSV_COLUMNS, CsvSchema.ColumnType.STRING)
            .build().withHeader();

    private Exports() {
    }

    /** A CSV writer that stays open across batches; call {@link CsvRows#close()} at the end. */
    public static CsvRows csv(OutputStream out) {
        try {
            return new CsvRows(CSV.writer(SCHEMA).writeValues(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CSV rows from envelopes. */
    public static final class CsvRows implements AutoCloseable {
        private final SequenceWriter writer;

        private CsvRows(SequenceWriter writer) {
            this.writer = writer;
        }

        public void write(List<ProtocolEnvelope> envelopes) {
            try {
                for (var envelope : envelopes) {
                    writer.write(row(envelope));
                }
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One JSON envelope (or the selected members) per line. */
    public static void ndjson(OutputStream out, ObjectMapper json, List<Object> items) {
        var writer = json.writer().without(SerializationFeature.INDENT_OUTPUT);
        try {
            for (var item : items) {
                var line = writer.writeValueAsString(item);
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> row(ProtocolEnvelope envelope) throws IOException {
        JsonNode document = StrictJson.MAPPER.readTree(envelope.document());
        JsonNode report = envelope.validation() == null ? null : StrictJson.MAPPER.readTree(envelope.validation());
        var cells = new ArrayList<String>();
        cells.add(envelope.id());
        cells.add(text(envelope.sponsorOrg()));
        cells.add(envelope.status().name());
        cells.add(String.valueOf(envelope.version()));
        cells.add(text(document.at("/registration/briefTitle")));
        cells.add(text(document.at("/registration/officialTitle")));
        cells.add(text(document.at("/registration/phase")));
        cells.add(text(document.at("/condition/category")));
        cells.add(text(document.at("/condition/name")));
        cells.add(plain(document.at("/dosing/initialDoseMg")));
        cells.add(plain(document.at("/dosing/supplementalDoseMg")));
        cells.add(plain(document.at("/dosing/maxSessionTotalMg")));
        cells.add(plain(document.at("/dosing/sessionCount")));
        cells.add(report == null ? "" : report.at("/counts/ERROR").asText(""));
        cells.add(report == null ? "" : report.at("/counts/WARNING").asText(""));
        return cells;
    }

    /** Numbers and codes, as written. */
    private static String plain(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "" : node.asText();
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "" : text(node.asText());
    }

    /**
     * Free text as a cell. A leading =, +, -, @, tab or carriage return would make a spreadsheet
     * treat the cell as a formula (CSV injection), so such text is prefixed with an apostrophe.
     */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        var first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
