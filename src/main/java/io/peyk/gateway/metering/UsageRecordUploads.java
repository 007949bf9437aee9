package io.peyk.gateway.metering;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.peyk.billing.metering.DataRecord;
import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.metering.UsageUploadReport.LineError;
import io.smallrye.mutiny.Uni;

/**
 * Meters an uploaded CSV file of packet-core data records ({@link UsageRecordCsv}) exactly as the same records read
 * from {@code peyk.usage-records}: each becomes the usage event {@link UsageParsers#data} makes of it (source
 * {@code packet-core}, the record id as event id), so a record uploaded twice, or uploaded and also consumed from
 * Kafka, is counted once ({@link UsageStore}). Valid lines are stored in batches (one transaction each) even when other
 * lines are rejected; a record repeated in the file is a duplicate. A file-level fault stores nothing. A failure while
 * storing leaves the batches before it stored: uploading the file again completes it.
 */
@ApplicationScoped
class UsageRecordUploads {

    /** Records per transaction at most, whatever the configuration says. */
    static final int MAX_BATCH = 5_000;
    private static final Logger LOG = Logger.getLogger(UsageRecordUploads.class);

    private final UsageParsers parsers;
    private final UsageStore store;
    private final UsageRecordCsv csv;
    private final int batchSize;
    private final int maxErrors;

    UsageRecordUploads(MeteringConfig metering, UsageUploadConfig upload, UsageStore store) {
        this.parsers = new UsageParsers(metering);
        this.store = store;
        this.maxErrors = upload.maxErrors();
        this.batchSize = Math.max(1, Math.min(MAX_BATCH, upload.batchSize()));
        this.csv = new UsageRecordCsv(new UsageRecordCsv.Limits(upload.maxBodySize().asLongValue(), upload.maxLines(),
                upload.maxLineLength(), upload.maxErrors()), metering.maxFutureSkew());
    }

    /** The report of an upload; a {@link ProblemException} for a file that cannot be read or records not stored. */
    Uni<UsageUploadReport> upload(byte[] body) {
        UsageRecordCsv.Read read = csv.read(body, Instant.now());
        Tally tally = new Tally();
        List<Pending> pending = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (UsageRecordCsv.Line line : read.records()) {
            Parsed parsed;
            try {
                parsed = parsers.data(line.record());
            } catch (IllegalArgumentException | ArithmeticException e) {
                parsed = new Parsed.Invalid(e.getMessage());
            }
            if (parsed instanceof Parsed.Valid valid) {
                if (seen.add(valid.event().eventId())) {
                    pending.add(new Pending(line.line(), groupColumn(line.record()),
                            new UsageStore.Located(valid.event(), null, null, null)));
                } else {
                    tally.duplicates++;
                }
            } else {
                tally.refused.add(new LineError(line.line(), groupColumn(line.record()),
                        ((Parsed.Invalid) parsed).reason()));
            }
        }
        return storeFrom(pending, 0, tally).map(t -> report(read, t)).onFailure(e -> !(e instanceof ProblemException))
                .transform(e -> {
                    LOG.warnf("usage-record upload failed after %d records stored: %s", tally.stored,
                            e.getClass().getName());
                    return ProblemException.of(503, "unavailable", "Service unavailable",
                            "Storing the records failed after " + tally.stored + " were stored; upload the file again"
                                    + " (records stored already count once).");
                });
    }

    /** Stores the pending records from {@code from} on, one batch after the other. */
    private Uni<Tally> storeFrom(List<Pending> pending, int from, Tally tally) {
        if (from >= pending.size()) {
            return Uni.createFrom().item(tally);
        }
        List<Pending> batch = pending.subList(from, Math.min(pending.size(), from + batchSize));
        return store.store(batch.stream().map(Pending::located).toList()).chain(stored -> {
            long unknown = 0;
            for (Pending p : batch) {
                if (stored.unknownPartners().contains(p.located().event().partnerId())) {
                    unknown++;
                    tally.unknownPartner.add(new LineError(p.line(), p.groupColumn(),
                            "unknown partner " + p.located().event().partnerId()));
                }
            }
            tally.stored += stored.inserted();
            tally.duplicates += batch.size() - unknown - stored.inserted();
            return storeFrom(pending, from + batch.size(), tally);
        });
    }

    private UsageUploadReport report(UsageRecordCsv.Read read, Tally tally) {
        // Each list holds the first maxErrors of its kind in line order, so together they hold the first maxErrors.
        List<LineError> errors = Stream.of(read.errors(), tally.refused.first, tally.unknownPartner.first)
                .flatMap(List::stream).sorted(Comparator.comparingInt(LineError::line)).limit(maxErrors).toList();
        long errorCount = read.errorCount() + tally.refused.count + tally.unknownPartner.count;
        long rejected = read.rejected() + tally.refused.count + tally.unknownPartner.count;
        UsageUploadReport report = new UsageUploadReport(read.lines(), tally.stored, tally.duplicates, rejected,
                errors, errorCount > errors.size());
        LOG.infof("usage-record upload: %d lines, %d stored, %d duplicates, %d rejected", report.lines(),
                report.stored(), report.duplicates(), report.rejected());
        return report;
    }

    /** The column naming the record's partner: its rating group, else its APN. */
    private static String groupColumn(DataRecord record) {
        return (record.ratingGroup().isPresent()
                ? UsageRecordCsv.Column.RATING_GROUP
                : UsageRecordCsv.Column.APN).header;
    }

    /** A record to store, with the line it came from. */
    private record Pending(int line, String groupColumn, UsageStore.Located located) {
    }

    /**
     * Counts of an upload after its file was read (confined to the upload's sequential chain). Lines rejected here have
     * one error each: the partner of their rating group or APN.
     */
    private final class Tally {

        /** No partner owns the rating group or APN in the configuration. */
        private final Errors refused = new Errors();
        /** The configured partner does not exist. */
        private final Errors unknownPartner = new Errors();
        private long stored;
        private long duplicates;
    }

    /** Line errors of one kind, added in line order: the count, and the first {@code maxErrors}. */
    private final class Errors {

        private final List<LineError> first = new ArrayList<>();
        private long count;

        void add(LineError error) {
            count++;
            if (first.size() < maxErrors) {
                first.add(error);
            }
        }
    }
}
