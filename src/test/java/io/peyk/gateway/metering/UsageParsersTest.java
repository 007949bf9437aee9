package io.peyk.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Quantities are read as exact decimals, never through a double; malformed numbers are refused with a reason. */
class UsageParsersTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final UsageParsers PARSERS = new UsageParsers(TestMeteringConfig.withoutDataGroups());

    private static String event(String quantity) {
        return "{\"eventId\":\"e-1\",\"kind\":\"data.sponsored\",\"partnerId\":\"" + UUID.randomUUID()
                + "\",\"quantity\":" + quantity + ",\"unit\":\"MB\",\"eventTime\":\"2026-12-01T09:00:00Z\"}";
    }

    @Test
    void quantitiesStayExact() {
        // 18 significant digits: through a double this would become 1.0E12.
        Parsed parsed = PARSERS.usageEvent(event("999999999999.999999"), NOW);
        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        assertThat(((Parsed.Valid) parsed).event().quantity().toPlainString()).isEqualTo("999999999999.999999");
        assertThat(((Parsed.Valid) PARSERS.usageEvent(event("3"), NOW)).event().quantity()).isEqualByComparingTo("3");
    }

    @Test
    void malformedNumbersAreRefusedWithAReason() {
        assertThat(PARSERS.usageEvent(event("0.1234567"), NOW)).isEqualTo(
                new Parsed.Invalid("quantity has more than six decimals"));
        assertThat(PARSERS.usageEvent(event("\"3\""), NOW)).isEqualTo(
                new Parsed.Invalid("quantity is required (a number)"));
        assertThat(PARSERS.dataRecord("{\"recordId\":\"r\",\"number\":\"+989121234567\",\"ratingGroup\":1,"
                + "\"bytesUp\":1.5,\"bytesDown\":0,\"start\":\"2026-12-01T09:00:00Z\",\"end\":\"2026-12-01T09:10:00Z\"}",
                NOW)).isEqualTo(new Parsed.Invalid("bytesUp is required (a whole number of bytes)"));
        assertThat(PARSERS.usageEvent("[1,2]", NOW)).isInstanceOf(Parsed.Invalid.class);
    }
}
