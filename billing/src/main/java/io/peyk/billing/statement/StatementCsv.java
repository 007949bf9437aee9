package io.peyk.billing.statement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.peyk.billing.money.Money;

/**
 * The CSV export of revenue-share statements (RFC 4180): one header row with the stable names of {@link #COLUMNS}, then
 * one row per statement line, every row self-contained (it repeats its statement's partner, period, currency, status
 * and version), so that a finance tool can filter and sum rows without reading anything else. Totals are not rows:
 * they are the sums of the lines.
 * <p>
 * Format: records end with CRLF (the last one too); a field is quoted only when it contains a comma, a double quote, a
 * CR or an LF, and quotes inside it are doubled. The text is returned as a Java string; it is meant to be written as
 * UTF-8 (partner names may be Persian), without a byte-order mark (a caller serving it to spreadsheet users may add
 * one). Fields are written as they are: a partner name starting with {@code =} is not escaped against spreadsheet
 * formula injection, because that would change the exact name the export must carry.
 * <p>
 * Values: instants are ISO-8601 UTC ({@code 2026-10-31T20:30:00Z}); the period and the usage period are {@code YYYY-MM};
 * quantities and unit prices are plain decimals without exponent and without trailing zeros ({@code 1000}, {@code 2.5},
 * {@code -3}, {@code 0}); amounts and shares are decimals at the currency's scale ({@code 12.50} USD, {@code 120000}
 * IRR), signed; the meter is its usage-event kind ({@code sms.segment}); the kind and status are their wire values. An
 * adjustment line points back to the line it corrects through the same {@code usage_period}, {@code meter},
 * {@code tariff_version} and {@code tier}.
 * <p>
 * A statement without lines still gets one row, with its statement columns filled and its line columns empty, so that a
 * partner with nothing due is visible in the export; it adds nothing to the sums.
 */
public final class StatementCsv {

    /** The header row, in order; stable: renaming or reordering a column breaks the readers of the export. */
    public static final List<String> COLUMNS = List.of("partner_id", "partner_name", "period", "zone",
            "period_start_utc", "period_end_utc", "currency", "status", "version", "line_number", "kind",
            "usage_period", "meter", "tariff_version", "tier", "quantity", "unit", "unit_price", "amount",
            "operator_share", "partner_share");

    /** Most rows (lines, or statements without lines) one export may hold, all statements together. */
    public static final int MAX_ROWS = 100_000;

    private static final String CRLF = "\r\n";

    private StatementCsv() {
    }

    /** The header row and the rows of one statement. */
    public static String render(Statement s) {
        return render(List.of(s));
    }

    /**
     * The header row and the rows of several statements (several partners, or periods), in the order given.
     *
     * @throws IllegalArgumentException if they would make more than {@link #MAX_ROWS} rows
     */
    public static String render(List<Statement> all) {
        long rows = 0;
        for (Statement s : all) {
            rows += Math.max(1, s.lines().size());
        }
        if (rows > MAX_ROWS) {
            throw new IllegalArgumentException(
                    "a CSV export holds at most " + MAX_ROWS + " rows; these statements make " + rows);
        }
        StringBuilder out = new StringBuilder(4096);
        record(out, COLUMNS);
        for (Statement s : all) {
            List<String> statement = statementFields(s);
            if (s.lines().isEmpty()) {
                List<String> row = new ArrayList<>(statement);
                while (row.size() < COLUMNS.size()) {
                    row.add("");
                }
                record(out, row);
            }
            for (StatementLine line : s.lines()) {
                List<String> row = new ArrayList<>(COLUMNS.size());
                row.addAll(statement);
                row.add(Integer.toString(line.number()));
                row.add(line.kind().wire());
                row.add(line.usagePeriod().toString());
                row.add(line.meter().kind());
                row.add(Integer.toString(line.tariffVersion()));
                row.add(Integer.toString(line.tier()));
                row.add(plain(line.quantity()));
                row.add(line.unit());
                row.add(plain(line.unitPrice()));
                row.add(amount(line.amount()));
                row.add(amount(line.operatorShare()));
                row.add(amount(line.partnerShare()));
                record(out, row);
            }
        }
        return out.toString();
    }

    private static List<String> statementFields(Statement s) {
        List<String> row = new ArrayList<>(COLUMNS.size());
        row.add(s.partnerId().toString());
        row.add(s.partnerName());
        row.add(s.period().toString());
        row.add(s.zone().getId());
        row.add(s.periodStart().toString());
        row.add(s.periodEnd().toString());
        row.add(s.currency().code());
        row.add(s.status().wire());
        row.add(Integer.toString(s.version()));
        return row;
    }

    private static void record(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            field(out, fields.get(i));
        }
        out.append(CRLF);
    }

    private static void field(StringBuilder out, String value) {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    /** A plain decimal: no exponent, no trailing zeros, {@code 0} for zero. */
    static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** An amount at its currency's scale. */
    static String amount(Money money) {
        return money.toDecimal().toPlainString();
    }
}
