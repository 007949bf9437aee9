package io.peyk.billing.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.Money;

class StatementCsvTest {

    private static final String HEADER = "partner_id,partner_name,period,zone,period_start_utc,period_end_utc,currency,"
            + "status,version,line_number,kind,usage_period,meter,tariff_version,tier,quantity,unit,unit_price,amount,"
            + "operator_share,partner_share\r\n";

    private static final String PARS_ROWS = ""
            + "6f1c2a10-0000-4000-8000-000000000001,\"Pars \"\"Cloud\"\", Inc.\",2026-11,Asia/Tehran,"
            + "2026-10-31T20:30:00Z,2026-11-30T20:30:00Z,IRR,closed,3,"
            + "1,usage,2026-11,sms.segment,1,0,1000,segment,100,100000,100000,0\r\n"
            + "6f1c2a10-0000-4000-8000-000000000001,\"Pars \"\"Cloud\"\", Inc.\",2026-11,Asia/Tehran,"
            + "2026-10-31T20:30:00Z,2026-11-30T20:30:00Z,IRR,closed,3,"
            + "2,usage,2026-11,data.revenue,1,0,10.5,MB,1000,10500,7350,3150\r\n"
            + "6f1c2a10-0000-4000-8000-000000000001,\"Pars \"\"Cloud\"\", Inc.\",2026-11,Asia/Tehran,"
            + "2026-10-31T20:30:00Z,2026-11-30T20:30:00Z,IRR,closed,3,"
            + "3,adjustment,2026-10,sms.segment,1,0,-3,segment,100,-300,-300,0\r\n";

    @Test
    void aStatementIsAHeaderAndOneSelfContainedRowPerLine() {
        assertThat(StatementCsv.render(Statements.pars())).isEqualTo(HEADER + PARS_ROWS);
    }

    @Test
    void severalPartnersShareOneHeaderAndAStatementWithoutLinesKeepsOneRow() {
        String csv = StatementCsv.render(List.of(Statements.pars(), Statements.bale(), Statements.idle()));
        String bale = "6f1c2a10-0000-4000-8000-000000000002,\u067e\u06cc\u0627\u0645\u200c\u0631\u0633\u0627\u0646 "
                + "\u0628\u0644\u0647,2026-11,Europe/Berlin,2026-10-31T23:00:00Z,2026-11-30T23:00:00Z,USD,draft,1,";
        assertThat(csv).isEqualTo(HEADER + PARS_ROWS
                + bale + "1,usage,2026-11,ott.message,2,1,2500,message,0.0035,8.75,8.75,0.00\r\n"
                + bale + "2,usage,2026-11,data.sponsored,2,0,0,MB,0.5,0.00,0.00,0.00\r\n"
                + "6f1c2a10-0000-4000-8000-000000000003,Idle Partner,2026-11,UTC,2026-11-01T00:00:00Z,"
                + "2026-12-01T00:00:00Z,IRR,draft,0,,,,,,,,,,,,\r\n");
        // The Persian name goes through UTF-8 unchanged.
        byte[] utf8 = csv.getBytes(StandardCharsets.UTF_8);
        assertThat(new String(utf8, StandardCharsets.UTF_8)).contains(Statements.BALE_NAME);
        assertThat(parse(csv)).extracting(r -> r.get(1)).containsExactly("partner_name", Statements.PARS_NAME,
                Statements.PARS_NAME, Statements.PARS_NAME, Statements.BALE_NAME, Statements.BALE_NAME,
                "Idle Partner");
    }

    @Test
    void theHeaderIsStable() {
        assertThat(StatementCsv.COLUMNS).containsExactly("partner_id", "partner_name", "period", "zone",
                "period_start_utc", "period_end_utc", "currency", "status", "version", "line_number", "kind",
                "usage_period", "meter", "tariff_version", "tier", "quantity", "unit", "unit_price", "amount",
                "operator_share", "partner_share");
        assertThat(StatementCsv.render(List.of())).isEqualTo(HEADER);
        assertThat(String.join(",", StatementCsv.COLUMNS) + "\r\n").isEqualTo(HEADER);
    }

    @Test
    void fieldsAreQuotedOnlyWhenTheyMustBeAndParseBackExactly() {
        Random random = new Random(4180);
        String alphabet = "ab ,\"\r\n\u0628\u067e\u200c;'\t=-";
        for (int run = 0; run < 2000; run++) {
            StringBuilder name = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Statement s = named(name.toString());
            String csv = StatementCsv.render(s);
            List<List<String>> rows = parse(csv);
            assertThat(rows).hasSize(1 + s.lines().size());
            for (List<String> row : rows.subList(1, rows.size())) {
                assertThat(row).hasSize(StatementCsv.COLUMNS.size());
                assertThat(row.get(1)).isEqualTo(name.toString());
            }
            String n = name.toString();
            boolean special = n.contains(",") || n.contains("\"") || n.contains("\r") || n.contains("\n");
            String field = special ? "\"" + n.replace("\"", "\"\"") + "\"" : n;
            assertThat(csv).contains("," + field + ",2026-11,");
        }
    }

    @Test
    void quantitiesAndPricesArePlainDecimalsWithoutTrailingZerosAndAmountsKeepTheCurrencyScale() {
        assertThat(StatementCsv.plain(new BigDecimal("1E+6"))).isEqualTo("1000000");
        assertThat(StatementCsv.plain(new BigDecimal("0.000"))).isEqualTo("0");
        assertThat(StatementCsv.plain(new BigDecimal("-0.000100"))).isEqualTo("-0.0001");
        assertThat(StatementCsv.plain(new BigDecimal("1.5E-7"))).isEqualTo("0.00000015");
        assertThat(StatementCsv.amount(Money.ofMinor(-5, Statements.USD))).isEqualTo("-0.05");
        assertThat(StatementCsv.amount(Money.ofMinor(120_000, CurrencyUnit.IRR)))
                .isEqualTo("120000");
    }

    @Test
    void anExportHasALimit() {
        List<Statement> many = Collections.nCopies(StatementCsv.MAX_ROWS + 1, Statements.idle());
        assertThatThrownBy(() -> StatementCsv.render(many)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most " + StatementCsv.MAX_ROWS);
        assertThat(StatementCsv.render(many.subList(0, StatementCsv.MAX_ROWS))).startsWith(HEADER);
    }

    private static Statement named(String name) {
        Statement p = Statements.pars();
        return Statement.of(p.partnerId(), name, p.period(), p.zone(), p.currency(), p.status(), p.version(),
                Instant.EPOCH, Optional.empty(), Optional.empty(), p.lines());
    }

    /** A strict RFC 4180 reader: every record ends with CRLF; a quoted field may hold anything, quotes doubled. */
    static List<List<String>> parse(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < csv.length()) {
            if (csv.charAt(i) == '"') {
                i++;
                while (true) {
                    char c = csv.charAt(i++);
                    if (c == '"') {
                        if (csv.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
            } else {
                while (csv.charAt(i) != ',' && csv.charAt(i) != '\r') {
                    char c = csv.charAt(i++);
                    if (c == '"' || c == '\n') {
                        throw new IllegalArgumentException("unquoted field holds " + (int) c + " at " + i);
                    }
                    field.append(c);
                }
            }
            record.add(field.toString());
            field.setLength(0);
            char end = csv.charAt(i++);
            if (end == '\r') {
                if (csv.charAt(i++) != '\n') {
                    throw new IllegalArgumentException("CR without LF at " + i);
                }
                records.add(record);
                record = new ArrayList<>();
            } else if (end != ',') {
                throw new IllegalArgumentException("a quoted field must end at a comma or CRLF, at " + i);
            }
        }
        if (!record.isEmpty()) {
            throw new IllegalArgumentException("the last record does not end with CRLF");
        }
        return records;
    }
}
