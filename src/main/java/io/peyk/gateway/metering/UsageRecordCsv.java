package io.peyk.gateway.metering;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.peyk.billing.metering.DataRecord;
import io.peyk.billing.metering.UsageEvent;
import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.metering.UsageUploadReport.LineError;

/**
 * Reads an RFC 4180 CSV file of packet-core data records (docs/metering.md, "Uploading records as CSV"): UTF-8 (a
 * leading byte-order mark is ignored), a header row naming columns exactly as the JSON record's fields in any order,
 * then one record per line. Lines end in CRLF, LF or a lone CR; a field may be quoted with {@code "} (a quote inside
 * doubled), and a quoted field may hold commas and line breaks. Blank lines are skipped; an empty cell is an absent
 * value.
 *
 * <p>
 * Faults of the whole file (not UTF-8, too large, no header, a bad header, too many lines) are {@link ProblemException}s
 * and nothing of the file is read. Faults of one record are {@link LineError}s at the physical line where the record
 * starts (the header is line 1), and the other records are read. Pure: a function of the bytes, the limits, the
 * future-skew rule and the clock.
 */
final class UsageRecordCsv {

    /** The columns, named as the fields of the JSON record; a file names each required one and a rating group or APN. */
    enum Column {

        RECORD_ID("recordId", true), NUMBER("number", true), RATING_GROUP("ratingGroup", false), APN("apn",
                false), BYTES_UP("bytesUp", true), BYTES_DOWN("bytesDown", true), START("start", true), END("end", true);

        final String header;
        final boolean required;

        Column(String header, boolean required) {
            this.header = header;
            this.required = required;
        }

        static Optional<Column> ofHeader(String name) {
            return Arrays.stream(values()).filter(c -> c.header.equals(name)).findFirst();
        }
    }

    /**
     * Bounds on a file.
     *
     * @param maxBodyBytes body size at most (413 beyond)
     * @param maxLines data lines at most, blank lines not counted (413 beyond)
     * @param maxLineLength characters of one record at most, quoted line breaks included (a line error beyond)
     * @param maxErrors line errors kept at most (all are counted)
     */
    record Limits(long maxBodyBytes, int maxLines, int maxLineLength, int maxErrors) {

        Limits {
            if (maxBodyBytes < 1 || maxLines < 1 || maxLineLength < 1 || maxErrors < 0) {
                throw new IllegalArgumentException("upload limits must be positive");
            }
        }
    }

    /** A record read from the file, with the physical line where it starts. */
    record Line(int line, DataRecord record) {
    }

    /**
     * What a file holds.
     *
     * @param lines data lines (records after the header; blank lines not counted)
     * @param records the records read, in file order
     * @param rejected lines that could not be read into a record
     * @param errorCount errors of those lines (a line may have several)
     * @param errors the first {@code maxErrors} of them, in line order
     */
    record Read(int lines, List<Line> records, int rejected, long errorCount, List<LineError> errors) {
    }

    /** The most bytes a record may move in all: {@link UsageEvent#MAX_QUANTITY} MB. */
    static final long MAX_BYTES = UsageEvent.MAX_QUANTITY.movePointRight(6).longValueExact();
    static final int MAX_RATING_GROUP = 64;
    /** An APN is at most 100 octets (3GPP TS 23.003). */
    static final int MAX_APN = 100;
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final String COLUMNS = Arrays.stream(Column.values()).map(c -> c.header)
            .collect(Collectors.joining(", "));

    private final Limits limits;
    private final Duration maxFutureSkew;

    UsageRecordCsv(Limits limits, Duration maxFutureSkew) {
        this.limits = limits;
        this.maxFutureSkew = maxFutureSkew;
    }

    Read read(byte[] body, Instant now) {
        if (body.length > limits.maxBodyBytes()) {
            throw ProblemException.of(413, "body-too-large", "Request body too large",
                    "The CSV body is larger than " + limits.maxBodyBytes() + " bytes; split the file.");
        }
        String text = utf8(body);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Scanner scanner = new Scanner(text, limits.maxLineLength());
        Raw header = scanner.nextNonBlank();
        if (header == null) {
            throw ProblemException.of(422, "empty-csv", "Empty CSV",
                    "The body holds no header row: send a header row naming the columns (" + COLUMNS
                            + "), then one record per line.");
        }
        Column[] columns = header(header);
        Reader reader = new Reader(columns, now);
        for (Raw raw = scanner.nextNonBlank(); raw != null; raw = scanner.nextNonBlank()) {
            if (reader.lines == limits.maxLines()) {
                throw ProblemException.of(413, "too-many-lines", "Too many lines", "The file has more than "
                        + limits.maxLines() + " data lines; split it (a record uploaded twice counts once).");
            }
            reader.read(raw);
        }
        return new Read(reader.lines, List.copyOf(reader.records), reader.rejected, reader.errorCount,
                List.copyOf(reader.errors));
    }

    private static String utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        // UTF-8 never takes fewer bytes than UTF-16 takes chars.
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (body[i] == '\n') {
                    line++;
                }
            }
            throw ProblemException.of(400, "invalid-utf8", "Invalid UTF-8",
                    "The body is not valid UTF-8 (line " + line + ", byte offset " + offset + ").");
        }
        return out.flip().toString();
    }

    /** The column of each field of the header row, or a 422 problem naming the column at fault. */
    private static Column[] header(Raw header) {
        if (header.fields() == null) {
            throw headerProblem(null, "The header row (line " + header.line() + ") is not valid CSV: "
                    + header.syntaxError() + ".");
        }
        Map<Column, Integer> seen = new EnumMap<>(Column.class);
        Column[] columns = new Column[header.fields().size()];
        for (int i = 0; i < columns.length; i++) {
            String name = header.fields().get(i);
            Column column = Column.ofHeader(name).orElseThrow(() -> headerProblem(name,
                    "Unknown column '" + name + "' in the header row; the columns are " + COLUMNS
                            + " (names exact, order free)."));
            if (seen.put(column, i) != null) {
                throw headerProblem(name, "The header row names column '" + name + "' twice.");
            }
            columns[i] = column;
        }
        for (Column column : Column.values()) {
            if (column.required && !seen.containsKey(column)) {
                throw headerProblem(column.header, "The header row lacks column '" + column.header + "'.");
            }
        }
        if (!seen.containsKey(Column.RATING_GROUP) && !seen.containsKey(Column.APN)) {
            throw headerProblem(Column.RATING_GROUP.header,
                    "The header row names neither 'ratingGroup' nor 'apn'; records need one of them.");
        }
        return columns;
    }

    private static ProblemException headerProblem(String column, String detail) {
        return new ProblemException(422, "invalid-csv-header", "Invalid CSV header", detail,
                Optional.ofNullable(column), Map.of());
    }

    /** Reads data lines into records or line errors, counting them. */
    private final class Reader {

        private final Column[] columns;
        private final Instant now;
        private final List<Line> records = new ArrayList<>();
        private final List<LineError> errors = new ArrayList<>();
        private int lines;
        private int rejected;
        private long errorCount;

        Reader(Column[] columns, Instant now) {
            this.columns = columns;
            this.now = now;
        }

        void read(Raw raw) {
            lines++;
            if (raw.fields() == null) {
                reject(List.of(new LineError(raw.line(), null, raw.syntaxError())));
                return;
            }
            if (raw.fields().size() != columns.length) {
                reject(List.of(new LineError(raw.line(), null,
                        raw.fields().size() + " fields where the header has " + columns.length)));
                return;
            }
            Map<Column, String> cells = new EnumMap<>(Column.class);
            for (int i = 0; i < columns.length; i++) {
                cells.put(columns[i], raw.fields().get(i));
            }
            Fields fields = new Fields(raw.line(), cells);
            Optional<DataRecord> record = fields.record(now);
            if (record.isPresent()) {
                records.add(new Line(raw.line(), record.get()));
            } else {
                reject(fields.errors);
            }
        }

        private void reject(List<LineError> lineErrors) {
            rejected++;
            errorCount += lineErrors.size();
            for (LineError e : lineErrors) {
                if (errors.size() < limits.maxErrors()) {
                    errors.add(e);
                }
            }
        }
    }

    /** The cells of one record, read into a {@link DataRecord} or the errors of its fields (in column order). */
    private final class Fields {

        private final int line;
        private final Map<Column, String> cells;
        private final List<LineError> errors = new ArrayList<>();

        Fields(int line, Map<Column, String> cells) {
            this.line = line;
            this.cells = cells;
        }

        Optional<DataRecord> record(Instant now) {
            String recordId = required(Column.RECORD_ID, "");
            if (recordId != null && recordId.length() > UsageEvent.MAX_ID) {
                error(Column.RECORD_ID, "recordId is longer than " + UsageEvent.MAX_ID + " characters");
            }
            String number = required(Column.NUMBER, " (E.164)");
            if (number != null && !E164.matcher(number).matches()) {
                error(Column.NUMBER, "number must be E.164: + and 7 to 15 digits, no spaces");
            }
            Optional<String> ratingGroup = optional(Column.RATING_GROUP, MAX_RATING_GROUP);
            Optional<String> apn = optional(Column.APN, MAX_APN);
            if (ratingGroup.isEmpty() && apn.isEmpty() && !failed(Column.RATING_GROUP) && !failed(Column.APN)) {
                error(cells.containsKey(Column.RATING_GROUP) ? Column.RATING_GROUP : Column.APN,
                        "ratingGroup or apn is required");
            }
            Long bytesUp = bytes(Column.BYTES_UP);
            Long bytesDown = bytes(Column.BYTES_DOWN);
            Instant start = instant(Column.START, now);
            Instant end = instant(Column.END, now);
            if (!errors.isEmpty()) {
                return Optional.empty();
            }
            if (end.isBefore(start)) {
                error(Column.END, "end is before start");
            }
            if (bytesUp + bytesDown > MAX_BYTES) {
                error(Column.BYTES_DOWN, "bytesUp and bytesDown add up to more than " + MAX_BYTES + " bytes");
            }
            if (!errors.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional
                        .of(new DataRecord(recordId, number, ratingGroup, apn, bytesUp, bytesDown, start, end));
            } catch (IllegalArgumentException e) {
                errors.add(new LineError(line, null, e.getMessage()));
                return Optional.empty();
            }
        }

        private String required(Column column, String what) {
            String value = cells.get(column);
            if (value == null || value.isBlank()) {
                error(column, column.header + " is required" + what);
                return null;
            }
            return value;
        }

        private Optional<String> optional(Column column, int maxLength) {
            String value = cells.get(column);
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            if (value.length() > maxLength) {
                error(column, column.header + " is longer than " + maxLength + " characters");
                return Optional.empty();
            }
            return Optional.of(value);
        }

        private Long bytes(Column column) {
            String value = required(column, " (a whole number of bytes)");
            if (value == null) {
                return null;
            }
            if (!DIGITS.matcher(value).matches()) {
                error(column, column.header + " must be a whole number of bytes (digits only)");
                return null;
            }
            // Nineteen digits always fit a long.
            if (value.length() > 19 || Long.parseLong(value) > MAX_BYTES) {
                error(column, column.header + " is more than " + MAX_BYTES + " bytes");
                return null;
            }
            return Long.parseLong(value);
        }

        private Instant instant(Column column, Instant now) {
            String value = required(column, " (an ISO-8601 instant)");
            if (value == null) {
                return null;
            }
            try {
                return UsageParsers.instant(column.header, value, now, maxFutureSkew);
            } catch (IllegalArgumentException e) {
                error(column, e.getMessage());
                return null;
            }
        }

        private boolean failed(Column column) {
            return errors.stream().anyMatch(e -> column.header.equals(e.field()));
        }

        private void error(Column column, String reason) {
            errors.add(new LineError(line, column.header, reason));
        }
    }

    /** One record as text: its fields, or (when it is not valid CSV) null and the syntax error. */
    private record Raw(int line, List<String> fields, String syntaxError) {
    }

    /** Splits the text into records by RFC 4180, tracking physical lines; a record is bounded in length. */
    private static final class Scanner {

        private enum State {
            FIELD_START, PLAIN, QUOTED, CLOSED
        }

        private final String text;
        private final int maxLength;
        private int pos;
        private int line = 1;

        Scanner(String text, int maxLength) {
            this.text = text;
            this.maxLength = maxLength;
        }

        /** The next record that is not a blank line, or null at the end. */
        Raw nextNonBlank() {
            while (pos < text.length()) {
                Raw raw = next();
                if (raw != null) {
                    return raw;
                }
            }
            return null;
        }

        /** The next record, or null for a blank line. */
        private Raw next() {
            int startLine = line;
            int startPos = pos;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            State state = State.FIELD_START;
            int n = text.length();
            while (pos < n) {
                char c = text.charAt(pos);
                boolean lineBreak = c == '\r' || c == '\n';
                if ((state == State.QUOTED || !lineBreak) && pos - startPos >= maxLength) {
                    return syntaxError(startLine, "the line is longer than " + maxLength + " characters");
                }
                if (state == State.QUOTED) {
                    if (c == '"') {
                        if (pos + 1 < n && text.charAt(pos + 1) == '"') {
                            field.append('"');
                            pos += 2;
                        } else {
                            state = State.CLOSED;
                            pos++;
                        }
                    } else {
                        if (c == '\n' || c == '\r' && !(pos + 1 < n && text.charAt(pos + 1) == '\n')) {
                            line++;
                        }
                        field.append(c);
                        pos++;
                    }
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    state = State.FIELD_START;
                    pos++;
                } else if (lineBreak) {
                    skipLineBreak();
                    if (state == State.FIELD_START && fields.isEmpty()) {
                        return null;
                    }
                    fields.add(field.toString());
                    return new Raw(startLine, fields, null);
                } else if (state == State.CLOSED) {
                    return syntaxError(startLine, "a closing quote must be followed by a comma or a line break");
                } else if (c == '"') {
                    if (state == State.PLAIN) {
                        return syntaxError(startLine,
                                "a quote in an unquoted field (quote the whole field and double its quotes)");
                    }
                    state = State.QUOTED;
                    pos++;
                } else {
                    field.append(c);
                    state = State.PLAIN;
                    pos++;
                }
            }
            if (state == State.QUOTED) {
                return new Raw(startLine, null, "a quoted field is not closed");
            }
            fields.add(field.toString());
            return new Raw(startLine, fields, null);
        }

        /** Ends a faulty record at the end of the physical line it is on. */
        private Raw syntaxError(int startLine, String reason) {
            while (pos < text.length() && text.charAt(pos) != '\r' && text.charAt(pos) != '\n') {
                pos++;
            }
            skipLineBreak();
            return new Raw(startLine, null, reason);
        }

        private void skipLineBreak() {
            if (pos < text.length()) {
                pos += text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n' ? 2 : 1;
                line++;
            }
        }
    }
}
