package io.peyk.gateway.metering;

import java.util.List;

/**
 * The answer to a CSV upload of data records: how many data lines the file had, how many were stored, how many were
 * duplicates (already stored, from Kafka or an earlier upload, or repeated in the file) and how many were rejected, with
 * the errors of the rejected lines in line order (at most {@code peyk.billing.metering.upload.max-errors}; then
 * {@code errorsTruncated}). {@code lines == stored + duplicates + rejected}.
 */
public record UsageUploadReport(long lines, long stored, long duplicates, long rejected, List<LineError> errors,
        boolean errorsTruncated) {

    public UsageUploadReport {
        errors = List.copyOf(errors);
    }

    /**
     * Why one line of the file was rejected.
     *
     * @param line the 1-based physical line where the record starts (the header is line 1)
     * @param field the column at fault, or null when the whole line is (a CSV syntax error, a wrong number of fields)
     * @param reason what is wrong (it may name the rating group or APN, never quotes the line)
     */
    public record LineError(int line, String field, String reason) {
    }
}
