package io.peyk.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.peyk.billing.rating.Meter;
import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.metering.UsageUploadReport.LineError;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;

/**
 * Uploads against a store that keeps ids in memory: records become the events Kafka records become, are stored in
 * batches of at most the batch size, duplicates and unknown partners are counted, errors of every kind come in line
 * order within the cap, and a store failure is a 503 problem.
 */
class UsageRecordUploadsTest {

    private static final UUID SPONSOR = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID SHARER = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
    /** Configured for rating group 200, but not a partner of the store. */
    private static final UUID GHOST = UUID.fromString("00000000-0000-0000-0000-0000000000a3");
    private static final String HEADER = "recordId,number,ratingGroup,apn,bytesUp,bytesDown,start,end";
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));

    /** Stores events by id in memory, refusing those of {@link #GHOST}; fails on call {@code failOnCall} (1-based). */
    private static final class MemoryStore extends UsageStore {

        final Set<String> ids = new HashSet<>();
        final List<List<Located>> batches = new ArrayList<>();
        int failOnCall = -1;

        MemoryStore() {
            super(null);
        }

        @Override
        public Uni<Stored> store(List<Located> batch) {
            batches.add(List.copyOf(batch));
            if (batches.size() == failOnCall) {
                return Uni.createFrom().failure(new IllegalStateException("database down"));
            }
            long inserted = 0;
            Set<UUID> unknown = new HashSet<>();
            for (Located l : batch) {
                if (l.event().partnerId().equals(GHOST)) {
                    unknown.add(GHOST);
                } else if (ids.add(l.event().source() + "/" + l.event().eventId())) {
                    inserted++;
                }
            }
            return Uni.createFrom().item(new Stored(inserted, unknown));
        }
    }

    private static MeteringConfig.DataGroup group(UUID partner, String mode) {
        return new MeteringConfig.DataGroup() {

            public UUID partner() {
                return partner;
            }

            public String mode() {
                return mode;
            }

            public Optional<String> description() {
                return Optional.empty();
            }
        };
    }

    private static UsageRecordUploads uploads(MemoryStore store, int batchSize, int maxErrors) {
        MeteringConfig metering = new TestMeteringConfig(
                Map.of("100", group(SPONSOR, "sponsored"), "200", group(GHOST, "sponsored"), "300",
                        group(SPONSOR, "free-for-all")),
                Map.of("share.apn", group(SHARER, "revenue-share")));
        UsageUploadConfig upload = new UsageUploadConfig() {

            public MemorySize maxBodySize() {
                return new MemorySize(BigInteger.valueOf(1_000_000));
            }

            public int maxLines() {
                return 10_000;
            }

            public int maxLineLength() {
                return 1000;
            }

            public int maxErrors() {
                return maxErrors;
            }

            public int batchSize() {
                return batchSize;
            }
        };
        return new UsageRecordUploads(metering, upload, store);
    }

    private static String line(String id, String group, String apn, long up) {
        return id + ",+989121234567," + group + "," + apn + "," + up + ",0," + START + "," + START.plusSeconds(600);
    }

    private static UsageUploadReport upload(UsageRecordUploads uploads, String... lines) {
        return uploads.upload((HEADER + "\n" + String.join("\n", lines)).getBytes(StandardCharsets.UTF_8)).await()
                .atMost(Duration.ofSeconds(5));
    }

    @Test
    void recordsBecomeTheEventsOfTheirGroupsInBatchesOfAtMostTheBatchSize() {
        MemoryStore store = new MemoryStore();
        UsageRecordUploads uploads = uploads(store, 2, 100);

        UsageUploadReport report = upload(uploads,
                line("a", "100", "", 1_000_000), // line 2
                line("b", "", "share.apn", 2_500_000),
                line("ghost", "200", "", 1),
                line("a", "100", "", 1_000_000), // line 5: repeated in the file
                line("c", "100", "ignored.apn", 1),
                line("orphan", "", "nobody.apn", 1), // line 7
                line("mode", "300", "", 1),
                line("d", "100", "", 1)); // line 9

        assertThat(store.batches).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(report).isEqualTo(new UsageUploadReport(8, 4, 1, 3, List.of(
                new LineError(4, "ratingGroup", "unknown partner " + GHOST),
                new LineError(7, "apn", "no partner owns rating group - / APN nobody.apn"),
                new LineError(8, "ratingGroup", "rating group mode must be sponsored or revenue-share")), false));
        UsageStore.Located a = store.batches.get(0).get(0);
        assertThat(a.topic()).isNull();
        assertThat(a.partition()).isNull();
        assertThat(a.offset()).isNull();
        assertThat(a.event().source()).isEqualTo("packet-core");
        assertThat(a.event().eventId()).isEqualTo("a");
        assertThat(a.event().partnerId()).isEqualTo(SPONSOR);
        assertThat(a.event().meter()).isEqualTo(Meter.SPONSORED_DATA);
        assertThat(a.event().quantity()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(a.event().eventTime()).isEqualTo(START.plusSeconds(600));
        assertThat(a.event().number()).contains("+989121234567");
        UsageStore.Located b = store.batches.get(0).get(1);
        assertThat(b.event().partnerId()).isEqualTo(SHARER);
        assertThat(b.event().meter()).isEqualTo(Meter.DATA_REVENUE_SHARE);
        assertThat(b.event().quantity()).isEqualByComparingTo("2.5");

        UsageUploadReport again = upload(uploads, line("a", "100", "", 1_000_000), line("b", "", "share.apn", 1),
                line("e", "100", "", 1));
        assertThat(again).isEqualTo(new UsageUploadReport(3, 1, 2, 0, List.of(), false));
    }

    @Test
    void errorsOfEveryKindComeInLineOrderWithinTheCap() {
        UsageRecordUploads uploads = uploads(new MemoryStore(), 5000, 3);

        UsageUploadReport report = upload(uploads,
                line("x", "999", "", 1), // line 2: no partner owns it
                line("ghost", "200", "", 1), // line 3: unknown partner
                "broken", // line 4
                line("y", "999", "", 1),
                line("ghost-2", "200", "", 1),
                "broken",
                line("ok", "100", "", 1));

        assertThat(report.errors()).extracting(LineError::line).containsExactly(2, 3, 4);
        assertThat(report.errorsTruncated()).isTrue();
        assertThat(report.rejected()).isEqualTo(6);
        assertThat(report.stored()).isEqualTo(1);
        assertThat(report.lines()).isEqualTo(7);
    }

    @Test
    void aStoreFailureIsA503AndTheBatchesBeforeItStayStored() {
        MemoryStore store = new MemoryStore();
        store.failOnCall = 2;
        UsageRecordUploads uploads = uploads(store, 1, 100);

        ProblemException problem = catchThrowableOfType(ProblemException.class,
                () -> upload(uploads, line("a", "100", "", 1), line("b", "100", "", 1), line("c", "100", "", 1)));

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.detail()).contains("after 1 were stored").contains("upload the file again");
        assertThat(store.ids).containsExactly("packet-core/a");
        store.failOnCall = -1;
        assertThat(upload(uploads, line("a", "100", "", 1), line("b", "100", "", 1), line("c", "100", "", 1)))
                .isEqualTo(new UsageUploadReport(3, 2, 1, 0, List.of(), false));
    }

    @Test
    void theBatchSizeIsAtMostFiveThousand() {
        MemoryStore store = new MemoryStore();
        String[] lines = new String[5_001];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = line("r" + i, "100", "", 1);
        }
        UsageRecordUploads uploads = uploads(store, 1_000_000, 10);
        UsageUploadReport report = uploads.upload((HEADER + "\n" + String.join("\n", lines))
                .getBytes(StandardCharsets.UTF_8)).await().atMost(Duration.ofSeconds(5));

        assertThat(store.batches).extracting(List::size).containsExactly(5_000, 1);
        assertThat(report.stored()).isEqualTo(5_001);
    }
}
