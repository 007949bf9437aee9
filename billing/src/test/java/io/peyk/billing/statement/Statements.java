package io.peyk.billing.statement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.Money;
import io.peyk.billing.rating.Meter;

/** Statements for the export tests. */
final class Statements {

    static final CurrencyUnit USD = CurrencyUnit.of("USD");
    static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");
    static final YearMonth NOV = YearMonth.of(2026, 11);
    static final YearMonth OCT = YearMonth.of(2026, 10);
    static final UUID PARS = UUID.fromString("6f1c2a10-0000-4000-8000-000000000001");
    static final UUID BALE = UUID.fromString("6f1c2a10-0000-4000-8000-000000000002");
    static final UUID IDLE = UUID.fromString("6f1c2a10-0000-4000-8000-000000000003");
    static final String PARS_NAME = "Pars \"Cloud\", Inc.";
    /** "Payam-resan Bale", with a zero-width non-joiner (U+200C) inside the first word. */
    static final String BALE_NAME = "\u067e\u06cc\u0627\u0645\u200c\u0631\u0633\u0627\u0646 \u0628\u0644\u0647";

    private Statements() {
    }

    static StatementLine line(int number, LineKind kind, YearMonth usage, Meter meter, int version, int tier,
            String quantity, String unitPrice, long amount, long operatorShare, CurrencyUnit currency) {
        return new StatementLine(number, kind, usage, meter, version, tier, new BigDecimal(quantity), meter.unit(),
                new BigDecimal(unitPrice), Money.ofMinor(amount, currency), Money.ofMinor(operatorShare, currency),
                Money.ofMinor(amount - operatorShare, currency));
    }

    /**
     * IRR, Tehran, closed: 1000 SMS segments, 10.5 MB of revenue-share data (30% to the partner), and an adjustment of
     * October's segments by -3. Partner owes 99,700, operator owes 3,150: the partner pays 96,550.
     */
    static Statement pars() {
        CurrencyUnit irr = CurrencyUnit.IRR;
        return Statement.of(PARS, PARS_NAME, NOV, TEHRAN, irr, StatementStatus.CLOSED, 3,
                Instant.parse("2026-12-01T06:00:00Z"), Optional.of(Instant.parse("2026-12-01T06:00:00Z")),
                Optional.of("finance-ops-1"),
                List.of(line(1, LineKind.USAGE, NOV, Meter.SMS_SEGMENT, 1, 0, "1000.000000", "100.00", 100_000,
                        100_000, irr),
                        line(2, LineKind.USAGE, NOV, Meter.DATA_REVENUE_SHARE, 1, 0, "10.500", "1E+3", 10_500, 7_350,
                                irr),
                        line(3, LineKind.ADJUSTMENT, OCT, Meter.SMS_SEGMENT, 1, 0, "-3.000", "100", -300, -300,
                                irr)));
    }

    /** USD, Berlin, draft, a Persian name: 2500 OTT messages at 0.0035 and no sponsored data. Partner pays 8.75. */
    static Statement bale() {
        return Statement.of(BALE, BALE_NAME, NOV, ZoneId.of("Europe/Berlin"), USD, StatementStatus.DRAFT, 1,
                Instant.parse("2026-11-20T10:15:30Z"), Optional.empty(), Optional.empty(),
                List.of(line(1, LineKind.USAGE, NOV, Meter.OTT_MESSAGE, 2, 1, "2500", "0.0035", 875, 875, USD),
                        line(2, LineKind.USAGE, NOV, Meter.SPONSORED_DATA, 2, 0, "0.000000", "0.50", 0, 0, USD)));
    }

    /** No lines: nothing due. */
    static Statement idle() {
        return Statement.of(IDLE, "Idle Partner", NOV, ZoneId.of("UTC"), CurrencyUnit.IRR, StatementStatus.DRAFT, 0,
                Instant.parse("2026-11-15T00:00:00Z"), Optional.empty(), Optional.empty(), List.of());
    }

    /** USD, only the partner's share of data revenue: the operator pays 31.50. */
    static Statement dataOnly() {
        return Statement.of(BALE, "Data Partner", NOV, TEHRAN, USD, StatementStatus.SETTLED, 7,
                Instant.parse("2026-12-02T00:00:00Z"), Optional.of(Instant.parse("2026-12-01T00:00:00Z")),
                Optional.empty(),
                List.of(line(1, LineKind.USAGE, NOV, Meter.DATA_REVENUE_SHARE, 1, 0, "1050", "0.1", 10_500, 7_350,
                        USD)));
    }

    /** {@code n} SMS lines of 10 segments at 100 IRR, one tier each. */
    static Statement many(int n) {
        List<StatementLine> lines = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            lines.add(line(i, LineKind.USAGE, NOV, Meter.SMS_SEGMENT, 1, i - 1, "10", "100", 1000, 1000,
                    CurrencyUnit.IRR));
        }
        return Statement.of(PARS, PARS_NAME, NOV, TEHRAN, CurrencyUnit.IRR, StatementStatus.DRAFT, 2,
                Instant.parse("2026-11-30T12:00:00Z"), Optional.empty(), Optional.empty(), lines);
    }
}
