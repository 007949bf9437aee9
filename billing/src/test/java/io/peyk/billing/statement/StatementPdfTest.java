package io.peyk.billing.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.rating.Meter;

class StatementPdfTest {

    private static final Pattern ROW = Pattern.compile("(?m)^(\\d+) (usage|adjustment) ");

    @Test
    void aClosedStatementShowsItsPartnerPeriodLinesAndNetSettlement() throws IOException {
        String text = text(StatementPdf.render(Statements.pars()));
        assertThat(text).contains("Revenue-share statement\n", "Operator Peyk\n",
                "Partner Pars \"Cloud\", Inc. (6f1c2a10-0000-4000-8000-000000000001)\n",
                "Period 2026-11 in Asia/Tehran: from 2026-10-31T20:30:00Z to 2026-11-30T20:30:00Z (UTC, end exclusive)\n",
                "Status closed, version 3\n", "Currency IRR\n", "Lines 3 (2 usage, 1 adjustment)\n",
                "Generated at 2026-12-01T06:00:00Z\n", "Closed at 2026-12-01T06:00:00Z by finance-ops-1\n",
                "All times UTC; period in Asia/Tehran.",
                "No. Kind Usage period Meter Tariff/tier Quantity Unit Unit price Amount Partner share\n",
                "1 usage 2026-11 sms.segment v1/t0 1,000 segment 100 100,000 0\n",
                "2 usage 2026-11 data.revenue v1/t0 10.5 MB 1,000 10,500 3,150\n",
                "3 adjustment 2026-10 sms.segment v1/t0 -3 segment 100 -300 0\n", "Totals (IRR)\n",
                "Amount of all lines 110,200\n", "Operator share 107,050\n", "Partner share 3,150\n",
                "Partner owes (its charges) 99,700\n", "Operator owes (partner's share of data revenue) 3,150\n",
                "Net settlement 96,550 IRR\nPartner pays operator\n", "Page 1 of 1");
        assertThat(rowNumbers(text)).containsExactly(1, 2, 3);
    }

    @Test
    void theOperatorPaysThePartnerItsShareOfDataRevenueInUsd() throws IOException {
        String text = text(StatementPdf.render(Statements.dataOnly()));
        assertThat(text).contains("Status settled, version 7\n", "Closed at 2026-12-01T00:00:00Z\n",
                "1 usage 2026-11 data.revenue v1/t0 1,050 MB 0.1 105.00 31.50\n",
                "Partner owes (its charges) 0.00\n", "Operator owes (partner's share of data revenue) 31.50\n",
                "Net settlement 31.50 USD\nOperator pays partner\n");
        assertThat(text).doesNotContain("Partner pays operator", "Nothing due");
    }

    @Test
    void aStatementWithoutLinesIsNothingDue() throws IOException {
        String text = text(StatementPdf.render(Statements.idle()));
        assertThat(text).contains("Partner Idle Partner (", "No lines in this period.\n", "Net settlement 0 IRR\n",
                "Nothing due\n", "Page 1 of 1");
        assertThat(text).doesNotContain("Closed ");
        assertThat(rowNumbers(text)).isEmpty();
    }

    @Test
    void twoHundredLinesBreakAcrossNumberedPagesWithTheTableHeaderOnEach() throws IOException {
        byte[] pdf = StatementPdf.render(Statements.many(200));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int n = doc.getNumberOfPages();
            assertThat(n).isGreaterThan(1);
            List<Integer> rows = new ArrayList<>();
            for (int page = 1; page <= n; page++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(doc);
                assertThat(text).contains("Page " + page + " of " + n, "No. Kind Usage period Meter");
                assertThat(text.contains("Net settlement")).isEqualTo(page == n);
                if (page > 1) {
                    assertThat(text).contains("Pars \"Cloud\", Inc., 2026-11 (Asia/Tehran), version 2 (continued)");
                }
                rows.addAll(rowNumbers(text));
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                expected.add(i);
            }
            assertThat(rows).isEqualTo(expected);
            String all = new PDFTextStripper().getText(doc);
            assertThat(all).contains("200 usage 2026-11 sms.segment v1/t199 10 segment 100 1,000 0\n",
                    "Net settlement 200,000 IRR\nPartner pays operator\n");
        }
    }

    @Test
    void aPersianNameIsPrintedAsQuestionMarksAndKeptExactInTheDocumentInformation() throws IOException {
        byte[] pdf = StatementPdf.render(Statements.bale());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            // 9 code points (with the zero-width non-joiner), a space, 3 code points.
            assertThat(text).contains("Partner ????????? ??? (6f1c2a10-0000-4000-8000-000000000002)\n",
                    "Period 2026-11 in Europe/Berlin: from 2026-10-31T23:00:00Z to 2026-11-30T23:00:00Z",
                    "1 usage 2026-11 ott.message v2/t1 2,500 message 0.0035 8.75 0.00\n",
                    "2 usage 2026-11 data.sponsored v2/t0 0 MB 0.5 0.00 0.00\n",
                    "Net settlement 8.75 USD\nPartner pays operator\n");
            assertThat(doc.getDocumentInformation().getTitle())
                    .isEqualTo("Revenue-share statement, " + Statements.BALE_NAME + ", 2026-11, version 1");
        }
    }

    @Test
    void theSameStatementGivesTheSameBytesWhateverTheClock() throws IOException {
        Statement s = Statements.pars();
        byte[] first = StatementPdf.render(s);
        long at = System.currentTimeMillis();
        while (System.currentTimeMillis() == at) {
            StatementPdf.render(s); // work until the clock has moved
        }
        byte[] second = StatementPdf.render(s);
        assertThat(second).isEqualTo(first);
        try (PDDocument doc = Loader.loadPDF(first)) {
            assertThat(doc.getDocumentInformation().getCreationDate().toInstant()).isEqualTo(s.generatedAt());
            COSArray id = doc.getDocument().getDocumentID();
            assertThat(id).isNotNull();
            assertThat(id.size()).isEqualTo(2);
        }
        Statement next = Statement.of(s.partnerId(), s.partnerName(), s.period(), s.zone(), s.currency(), s.status(),
                s.version() + 1, s.generatedAt(), s.closedAt(), s.closedBy(), s.lines());
        assertThat(StatementPdf.render(next)).isNotEqualTo(first);
    }

    @Test
    void wideTextIsCutButAmountsAreSetSmallerNeverCut() throws IOException {
        String name = "Very Long Partner Name ".repeat(40);
        long huge = 9_000_000_000_000_000L;
        Statement s = Statement.of(Statements.PARS, name, Statements.NOV, Statements.TEHRAN, CurrencyUnit.IRR,
                StatementStatus.DRAFT, 1, Instant.parse("2026-11-30T00:00:00Z"), Optional.empty(), Optional.empty(),
                List.of(Statements.line(1, LineKind.USAGE, Statements.NOV, Meter.SMS_SEGMENT, 1, 0, "90000000000000",
                        "100", huge, huge, CurrencyUnit.IRR)));
        String text = text(StatementPdf.render(s));
        assertThat(text).contains("Partner Very Long Partner Name Very Long", "...\n", "9,000,000,000,000,000",
                "90,000,000,000,000", "Net settlement 9,000,000,000,000,000 IRR\n");
        assertThat(text).doesNotContain(name.trim());
    }

    @Test
    void aStatementHasALimitOfLines() {
        assertThatThrownBy(() -> StatementPdf.render(Statements.many(StatementPdf.MAX_LINES + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most " + StatementPdf.MAX_LINES);
    }

    @Test
    void amountsForPeopleAreGroupedByThousands() {
        assertThat(StatementPdf.grouped("0")).isEqualTo("0");
        assertThat(StatementPdf.grouped("999")).isEqualTo("999");
        assertThat(StatementPdf.grouped("1000")).isEqualTo("1,000");
        assertThat(StatementPdf.grouped("-100")).isEqualTo("-100");
        assertThat(StatementPdf.grouped("-1234567.50")).isEqualTo("-1,234,567.50");
        assertThat(StatementPdf.grouped("123456.0035")).isEqualTo("123,456.0035");
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private static List<Integer> rowNumbers(String text) {
        List<Integer> rows = new ArrayList<>();
        Matcher m = ROW.matcher(text);
        while (m.find()) {
            rows.add(Integer.parseInt(m.group(1)));
        }
        return rows;
    }
}
