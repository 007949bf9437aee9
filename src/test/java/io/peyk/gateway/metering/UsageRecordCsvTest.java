package io.peyk.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.peyk.billing.metering.DataRecord;
import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.metering.UsageUploadReport.LineError;

/**
 * CSV files of data records: RFC 4180 quoting, line endings and a leading BOM; columns in any order; each bad line
 * reported at its physical line with the column at fault while the good ones are read; whole-file faults refused.
 */
class UsageRecordCsvTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final UsageRecordCsv.Limits LIMITS = new UsageRecordCsv.Limits(10 * 1024 * 1024, 100_000, 4096,
            1000);
    private static final UsageRecordCsv CSV = new UsageRecordCsv(LIMITS, Duration.ofHours(1));
    private static final String HEADER = "recordId,number,ratingGroup,apn,bytesUp,bytesDown,start,end";
    private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant END = Instant.parse("2026-11-30T10:05:00Z");

    private static UsageRecordCsv.Read read(String text) {
        return CSV.read(text.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static ProblemException refused(UsageRecordCsv csv, byte[] body) {
        return catchThrowableOfType(ProblemException.class, () -> csv.read(body, NOW));
    }

    private static ProblemException refused(String text) {
        return refused(CSV, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String line(String id) {
        return id + ",+989121234567,100,,1000,2000,2026-11-30T10:00:00Z,2026-11-30T10:05:00Z";
    }

    private static DataRecord record(String id) {
        return new DataRecord(id, "+989121234567", Optional.of("100"), Optional.empty(), 1000, 2000, START, END);
    }

    @Test
    void recordsAreReadWithTheirLinesInAnyColumnOrder() {
        UsageRecordCsv.Read read = read("end,bytesDown,apn,start,number,recordId,bytesUp\n"
                + "2026-11-30T10:05:00Z,2000,internet.sponsor,2026-11-30T10:00:00Z,+989121234567,r-1,1000\n"
                + "2026-11-30T10:05:00.5Z,0,other,2026-11-30T10:05:00.5Z,+14155550100,r-2,0\n");

        assertThat(read.lines()).isEqualTo(2);
        assertThat(read.rejected()).isZero();
        assertThat(read.errors()).isEmpty();
        assertThat(read.records()).containsExactly(
                new UsageRecordCsv.Line(2, new DataRecord("r-1", "+989121234567", Optional.empty(),
                        Optional.of("internet.sponsor"), 1000, 2000, START, END)),
                new UsageRecordCsv.Line(3, new DataRecord("r-2", "+14155550100", Optional.empty(), Optional.of("other"),
                        0, 0, Instant.parse("2026-11-30T10:05:00.5Z"), Instant.parse("2026-11-30T10:05:00.5Z"))));
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() {
        UsageRecordCsv.Read read = read(HEADER + "\r\n"
                + "\"a,\"\"b\"\"\r\nc\",\"+989121234567\",\"100\",\"\",1000,2000,2026-11-30T10:00:00Z,"
                + "2026-11-30T10:05:00Z\r\n"
                + line("after") + "\r\n"
                + "\"\"\"\",+989121234567,100,,1000,2000,2026-11-30T10:00:00Z,2026-11-30T10:05:00Z\r\n");

        assertThat(read.errors()).isEmpty();
        // The first record spans lines 2 and 3: the next one starts on line 4.
        assertThat(read.records()).containsExactly(new UsageRecordCsv.Line(2, record("a,\"b\"\r\nc")),
                new UsageRecordCsv.Line(4, record("after")), new UsageRecordCsv.Line(5, record("\"")));
    }

    @Test
    void crlfLfLoneCrAndAMissingFinalLineBreakAllEndLinesAndBlankLinesAreSkipped() {
        UsageRecordCsv.Read read = read(HEADER + "\r\n" + line("crlf") + "\r\n\n" + line("lf") + "\n\r\n"
                + line("cr") + "\r" + line("last"));

        assertThat(read.lines()).isEqualTo(4);
        assertThat(read.records()).extracting(UsageRecordCsv.Line::line).containsExactly(2, 4, 6, 7);
        assertThat(read.records()).extracting(l -> l.record().recordId()).containsExactly("crlf", "lf", "cr", "last");
    }

    @Test
    void aLeadingByteOrderMarkIsIgnored() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] rest = (HEADER + "\n" + line("r-1") + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[bom.length + rest.length];
        System.arraycopy(bom, 0, body, 0, bom.length);
        System.arraycopy(rest, 0, body, bom.length, rest.length);

        UsageRecordCsv.Read read = CSV.read(body, NOW);

        assertThat(read.records()).containsExactly(new UsageRecordCsv.Line(2, record("r-1")));
    }

    @Test
    void eachBadLineIsReportedWithItsColumnsAndTheGoodLinesAreRead() {
        UsageRecordCsv.Read read = read(HEADER + "\n"
                + line("ok-1") + "\n"
                + "bad-number,989121234567,100,,1000,2000,2026-11-30T10:00:00Z,2026-11-30T10:05:00Z\n"
                + "bad-bytes,+989121234567,100,,-5,1.5,2026-11-30T10:00:00Z,2026-11-30T10:05:00Z\n"
                + "backwards,+989121234567,100,,1,2,2026-11-30T10:05:00Z,2026-11-30T10:00:00Z\n"
                + "future,+989121234567,100,,1,2,2026-11-30T10:00:00Z,2026-12-01T11:00:01Z\n"
                + "nogroup,+989121234567,,,1,2,2026-11-30T10:00:00Z,2026-11-30T10:05:00Z\n"
                + ",,100,,,99999999999999999999,yesterday,\n"
                + "short,+989121234567,100\n"
                + "x\"y,+989121234567,100,,1,2,2026-11-30T10:00:00Z,2026-11-30T10:05:00Z\n"
                + "\"x\"y,+989121234567,100,,1,2,2026-11-30T10:00:00Z,2026-11-30T10:05:00Z\n"
                + "huge,+989121234567,100,,1000000000000000000,1,2026-11-30T10:00:00Z,2026-11-30T10:05:00Z\n"
                + "r".repeat(129) + ",+989121234567,100,,1,2,2026-11-30T10:00:00Z,2026-11-30T10:05:00Z\n"
                + line("ok-2") + "\n"
                + "\"open,+989121234567\n");

        assertThat(read.records()).extracting(UsageRecordCsv.Line::line).containsExactly(2, 14);
        assertThat(read.lines()).isEqualTo(14);
        assertThat(read.rejected()).isEqualTo(12);
        assertThat(read.errorCount()).isEqualTo(18);
        assertThat(read.errors()).containsExactly(
                new LineError(3, "number", "number must be E.164: + and 7 to 15 digits, no spaces"),
                new LineError(4, "bytesUp", "bytesUp must be a whole number of bytes (digits only)"),
                new LineError(4, "bytesDown", "bytesDown must be a whole number of bytes (digits only)"),
                new LineError(5, "end", "end is before start"),
                new LineError(6, "end", "end is in the future beyond PT1H"),
                new LineError(7, "ratingGroup", "ratingGroup or apn is required"),
                new LineError(8, "recordId", "recordId is required"),
                new LineError(8, "number", "number is required (E.164)"),
                new LineError(8, "bytesUp", "bytesUp is required (a whole number of bytes)"),
                new LineError(8, "bytesDown", "bytesDown is more than 1000000000000000000 bytes"),
                new LineError(8, "start", "start must be an ISO-8601 instant such as 2026-12-01T09:20:01Z"),
                new LineError(8, "end", "end is required (an ISO-8601 instant)"),
                new LineError(9, null, "3 fields where the header has 8"),
                new LineError(10, null, "a quote in an unquoted field (quote the whole field and double its quotes)"),
                new LineError(11, null, "a closing quote must be followed by a comma or a line break"),
                new LineError(12, "bytesDown",
                        "bytesUp and bytesDown add up to more than 1000000000000000000 bytes"),
                new LineError(13, "recordId", "recordId is longer than 128 characters"),
                new LineError(15, null, "a quoted field is not closed"));
    }

    @Test
    void aLineLongerThanTheLimitIsRejectedAndTheNextLineIsRead() {
        UsageRecordCsv csv = new UsageRecordCsv(new UsageRecordCsv.Limits(1_000_000, 100, 100, 10),
                Duration.ofHours(1));
        String exactly100 = line("r".repeat(100 - line("").length()));
        assertThat(exactly100).hasSize(100);
        // An unclosed quote runs over the limit: the record ends at the line where the limit is reached.
        String body = HEADER + "\n" + exactly100 + "\n" + line("r".repeat(101 - line("").length())) + "\n"
                + "\"unclosed,+989121234567\n" + "x".repeat(120) + "\n" + line("ok") + "\n";

        UsageRecordCsv.Read read = csv.read(body.getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(read.records()).extracting(UsageRecordCsv.Line::line).containsExactly(2, 6);
        assertThat(read.errors()).containsExactly(new LineError(3, null, "the line is longer than 100 characters"),
                new LineError(4, null, "the line is longer than 100 characters"));
    }

    @Test
    void badHeadersAreRefusedNamingTheColumn() {
        assertHeaderRefused("recordId,number,ratingGroup,bytesUp,bytesDown,start,end,colour\n" + line("x"), "colour",
                "Unknown column 'colour'");
        assertHeaderRefused("recordId,number,ratingGroup,bytesUp,bytesDown,start,end,number\n", "number",
                "names column 'number' twice");
        assertHeaderRefused("recordId,number,ratingGroup,bytesUp,start,end\n", "bytesDown", "lacks column 'bytesDown'");
        assertHeaderRefused("recordId,number,bytesUp,bytesDown,start,end\n", "ratingGroup",
                "neither 'ratingGroup' nor 'apn'");
        assertHeaderRefused("RecordId,number,ratingGroup,bytesUp,bytesDown,start,end\n", "RecordId",
                "Unknown column 'RecordId'");
        assertHeaderRefused(" recordId,number,ratingGroup,bytesUp,bytesDown,start,end\n", " recordId",
                "Unknown column ' recordId'");
        assertHeaderRefused(HEADER + ",\n", "", "Unknown column ''");
        ProblemException syntax = refused("recordId,\"number\"x\n");
        assertThat(syntax.status()).isEqualTo(422);
        assertThat(syntax.field()).isEmpty();
        assertThat(syntax.detail()).contains("line 1").contains("closing quote");
    }

    private static void assertHeaderRefused(String text, String field, String detail) {
        ProblemException problem = refused(text);
        assertThat(problem).as(text).isNotNull();
        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.type()).isEqualTo("invalid-csv-header");
        assertThat(problem.field()).contains(field);
        assertThat(problem.detail()).contains(detail);
    }

    @Test
    void aHeaderQuotedOrAfterBlankLinesIsAHeaderAndAHeaderAloneHasNoLines() {
        UsageRecordCsv.Read read = read("\n\r\n\"recordId\",number,ratingGroup,bytesUp,bytesDown,start,end\n");
        assertThat(read.lines()).isZero();
        assertThat(read.records()).isEmpty();
        UsageRecordCsv.Read later = read("\n" + HEADER + "\n" + line("r") + "\n");
        assertThat(later.records()).containsExactly(new UsageRecordCsv.Line(3, record("r")));
    }

    @Test
    void anEmptyBodyIsRefused() {
        for (String empty : List.of("", "\uFEFF", "\n", "\r\n\r\n")) {
            ProblemException problem = refused(empty);
            assertThat(problem).as("%s", empty.length()).isNotNull();
            assertThat(problem.status()).isEqualTo(422);
            assertThat(problem.type()).isEqualTo("empty-csv");
        }
    }

    @Test
    void bodiesAndLineCountsOverTheLimitsAreRefused() {
        UsageRecordCsv small = new UsageRecordCsv(new UsageRecordCsv.Limits(2_000, 3, 4096, 1000),
                Duration.ofHours(1));
        String three = HEADER + "\n" + line("a") + "\n\n" + line("b") + "\n" + "garbage\n";
        assertThat(small.read(three.getBytes(StandardCharsets.UTF_8), NOW).lines()).isEqualTo(3);

        ProblemException lines = refused(small, (three + line("c") + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(lines.status()).isEqualTo(413);
        assertThat(lines.type()).isEqualTo("too-many-lines");
        assertThat(lines.detail()).contains("more than 3 data lines");

        ProblemException size = refused(small, new byte[2_001]);
        assertThat(size.status()).isEqualTo(413);
        assertThat(size.type()).isEqualTo("body-too-large");
        assertThat(small.read((HEADER + "\n" + " ".repeat(2_000 - HEADER.length() - 1))
                .getBytes(StandardCharsets.UTF_8), NOW).lines()).isEqualTo(1);
    }

    @Test
    void errorsAreCappedButAllCounted() {
        UsageRecordCsv capped = new UsageRecordCsv(new UsageRecordCsv.Limits(1_000_000, 1000, 4096, 5),
                Duration.ofHours(1));
        StringBuilder body = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 10; i++) {
            body.append("x\n");
        }
        UsageRecordCsv.Read read = capped.read(body.toString().getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(read.rejected()).isEqualTo(10);
        assertThat(read.errorCount()).isEqualTo(10);
        assertThat(read.errors()).extracting(LineError::line).containsExactly(2, 3, 4, 5, 6);
    }

    @Test
    void invalidUtf8IsRefusedWithItsLine() {
        byte[] head = (HEADER + "\n" + line("ok") + "\nbad").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 1];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3; // a lead byte with nothing after it

        ProblemException problem = refused(CSV, body);

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo("invalid-utf8");
        assertThat(problem.detail()).isEqualTo("The body is not valid UTF-8 (line 3, byte offset " + head.length + ").");
    }

    /** Generated files round-trip: whatever the fields hold, the quoting, the order and the line endings. */
    @Test
    void generatedFilesAreReadBackExactly() {
        Random random = new Random(4180);
        String[] alphabet = {"a", "Z", "7", " ", ",", "\"", "\r", "\n", "\r\n", "é", "\uD83D\uDE00", "'", ";", "\t"};
        String[] endings = {"\r\n", "\n", "\r"};
        for (int round = 0; round < 2_000; round++) {
            List<UsageRecordCsv.Column> columns = new ArrayList<>(List.of(UsageRecordCsv.Column.values()));
            Collections.shuffle(columns, random);
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "");
            int bom = text.length();
            appendRow(text, columns.stream().map(c -> c.header).toList(), random);
            List<DataRecord> expected = new ArrayList<>();
            List<Integer> offsets = new ArrayList<>();
            int records = random.nextInt(6);
            for (int r = 0; r < records; r++) {
                text.append(endings[random.nextInt(endings.length)]);
                if (random.nextInt(5) == 0) {
                    text.append(endings[random.nextInt(endings.length)]); // a blank line (or CR+LF: one break)
                }
                StringBuilder id = new StringBuilder("r");
                for (int k = random.nextInt(12); k > 0; k--) {
                    id.append(alphabet[random.nextInt(alphabet.length)]);
                }
                boolean byGroup = random.nextBoolean();
                DataRecord record = new DataRecord(id.toString(), "+98912" + (1_000_000 + random.nextInt(8_999_999)),
                        byGroup ? Optional.of(Integer.toString(random.nextInt(1000))) : Optional.empty(),
                        byGroup && random.nextBoolean() ? Optional.empty() : Optional.of("apn." + random.nextInt(9)),
                        random.nextInt(Integer.MAX_VALUE), Math.abs(random.nextLong() % 1_000_000_000_000L),
                        START.plusSeconds(random.nextInt(60)), END.plusMillis(random.nextInt(100_000)));
                expected.add(record);
                offsets.add(text.length());
                appendRow(text, columns.stream().map(c -> cell(record, c)).toList(), random);
            }
            if (random.nextBoolean()) {
                text.append(endings[random.nextInt(endings.length)]);
            }

            UsageRecordCsv.Read read = read(text.toString());

            assertThat(read.errors()).as("round %d: %s", round, text).isEmpty();
            assertThat(read.records()).extracting(UsageRecordCsv.Line::record).as("round %d", round)
                    .containsExactlyElementsOf(expected);
            List<Integer> lines = offsets.stream().map(o -> 1 + lineBreaks(text.substring(bom, o))).toList();
            assertThat(read.records()).extracting(UsageRecordCsv.Line::line).as("round %d", round)
                    .containsExactlyElementsOf(lines);
        }
    }

    /** Any text after a valid header is read into records and line errors, never anything else. */
    @Test
    void arbitraryTextNeverFailsTheFile() {
        Random random = new Random(7);
        String[] alphabet = {",", "\"", "\r", "\n", "x", "100", "+989121234567", "2026-11-30T10:00:00Z", "5", "-"};
        for (int round = 0; round < 3_000; round++) {
            StringBuilder text = new StringBuilder(HEADER).append('\n');
            for (int k = random.nextInt(200); k > 0; k--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            UsageRecordCsv.Read read = read(text.toString());
            assertThat(read.records().size() + read.rejected()).isEqualTo(read.lines());
            assertThat(read.errorCount()).isGreaterThanOrEqualTo(read.rejected());
        }
    }

    private static int lineBreaks(String text) {
        Matcher m = Pattern.compile("\r\n|\r|\n").matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String cell(DataRecord r, UsageRecordCsv.Column column) {
        return switch (column) {
            case RECORD_ID -> r.recordId();
            case NUMBER -> r.number();
            case RATING_GROUP -> r.ratingGroup().orElse("");
            case APN -> r.apn().orElse("");
            case BYTES_UP -> Long.toString(r.bytesUp());
            case BYTES_DOWN -> Long.toString(r.bytesDown());
            case START -> r.start().toString();
            case END -> r.end().toString();
        };
    }

    /** A row as a careful writer would put it: fields quoted when they must be, and sometimes when they need not. */
    private static void appendRow(StringBuilder text, List<String> fields, Random random) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            String f = fields.get(i);
            boolean must = f.contains(",") || f.contains("\"") || f.contains("\r") || f.contains("\n");
            if (must || random.nextInt(4) == 0) {
                text.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                text.append(f);
            }
        }
    }
}
