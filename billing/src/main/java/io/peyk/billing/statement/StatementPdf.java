package io.peyk.billing.statement;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import io.peyk.billing.money.Money;
import io.peyk.billing.rating.Settlement;

/**
 * The PDF export of a revenue-share statement, the document finance sends to a partner: a header (operator, partner,
 * period in the partner's zone with its UTC bounds, status and version, when it was generated and closed, by whom), a
 * table of the lines that breaks across A4 pages (its header repeated on each page, "Page i of n" in every footer),
 * then the totals with the net settlement and its direction in words.
 * <p>
 * Text is set in the standard 14 Helvetica fonts, which are not embedded and only cover WinAnsi (Latin-1 and a few
 * more): every other character, a Persian partner name for instance, is printed as {@code ?}; control characters are
 * printed as spaces. The CSV export carries the exact name, and so does the PDF's document information (title).
 * Text that is too wide for its table cell is set smaller: a number as small as it takes (it is never cut), other text
 * down to a floor, then cut with {@code ...}; header fields too wide for the page are cut too.
 * <p>
 * The output is deterministic: the same statement gives the same bytes. The creation date is the statement's
 * {@code generatedAt}, and the document id in the trailer is derived from the statement's content instead of the clock.
 */
public final class StatementPdf {

    /** Most lines a statement may have to be rendered (about 75 pages). */
    public static final int MAX_LINES = 5_000;

    static final String OPERATOR = "Peyk";
    static final String TITLE = "Revenue-share statement";

    private static final PDRectangle PAGE = PDRectangle.A4;
    // Page geometry in PDF points, as PDFBox takes it (float). Amounts never pass through a float: they are rendered
    // from Money and BigDecimal to text (money(), decimal()) before layout.
    private static final float MARGIN = 40;
    private static final float FOOTER_Y = 24;
    private static final float BOTTOM = 48;
    private static final float BODY_SIZE = 8;
    private static final float MIN_SIZE = 5;
    private static final float ROW = 11;
    private static final float PAD = 2;

    private static final String[] HEADERS = {"No.", "Kind", "Usage period", "Meter", "Tariff/tier", "Quantity", "Unit",
            "Unit price", "Amount", "Partner share"};
    private static final float[] WIDTHS = {22, 44, 52, 56, 42, 60, 40, 55, 74, 70};
    /** Numbers: right-aligned, never cut. */
    private static final boolean[] NUMERIC = {true, false, false, false, false, true, false, true, true, true};

    private StatementPdf() {
    }

    /**
     * The statement as a PDF document.
     *
     * @throws IllegalArgumentException if it has more than {@link #MAX_LINES} lines
     */
    public static byte[] render(Statement s) {
        if (s.lines().size() > MAX_LINES) {
            throw new IllegalArgumentException(
                    "a PDF statement holds at most " + MAX_LINES + " lines; this one has " + s.lines().size());
        }
        try (PDDocument doc = new PDDocument()) {
            info(doc, s);
            new Layout(doc, s).write();
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering a statement PDF in memory failed", e);
        }
    }

    private static void info(PDDocument doc, Statement s) {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(TITLE + ", " + s.partnerName() + ", " + s.period() + ", version " + s.version());
        info.setAuthor(OPERATOR);
        info.setCreator("Peyk billing");
        info.setSubject("Revenue-share statement of partner " + s.partnerId() + " for " + s.period() + " ("
                + s.zone().getId() + ")");
        GregorianCalendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        created.setTimeInMillis(s.generatedAt().toEpochMilli());
        info.setCreationDate(created);
        // PDFBox derives the trailer /ID from this seed (and the info values) instead of the clock.
        doc.setDocumentId(seed(s));
    }

    private static long seed(Statement s) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(StatementCsv.render(s).getBytes(StandardCharsets.UTF_8));
            sha.update(("\n" + s.generatedAt() + "\n" + s.closedAt().map(Instant::toString).orElse("") + "\n"
                    + s.closedBy().orElse("")).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** The direction of a net settlement, in words. */
    static String direction(Settlement.Direction direction) {
        return switch (direction) {
            case PARTNER_PAYS_OPERATOR -> "Partner pays operator";
            case OPERATOR_PAYS_PARTNER -> "Operator pays partner";
            case NOTHING_DUE -> "Nothing due";
        };
    }

    /** A decimal for people: plain, its integer part grouped by thousands with commas ({@code -1,234,567.50}). */
    static String grouped(String plain) {
        int start = plain.startsWith("-") ? 1 : 0;
        int dot = plain.indexOf('.');
        int end = dot < 0 ? plain.length() : dot;
        StringBuilder out = new StringBuilder(plain.length() + 8);
        out.append(plain, 0, start);
        for (int i = start; i < end; i++) {
            if (i > start && (end - i) % 3 == 0) {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        out.append(plain, end, plain.length());
        return out.toString();
    }

    static String money(Money m) {
        return grouped(StatementCsv.amount(m));
    }

    static String decimal(BigDecimal d) {
        return grouped(StatementCsv.plain(d));
    }

    /** Writes the pages of one statement, top to bottom, then numbers them. */
    private static final class Layout {

        private final PDDocument doc;
        private final Statement s;
        private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private final float width = PAGE.getWidth() - 2 * MARGIN;
        private PDPageContentStream out;
        private float y;

        Layout(PDDocument doc, Statement s) {
            this.doc = doc;
            this.s = s;
        }

        void write() throws IOException {
            try {
                newPage();
                header();
                tableHeader();
                if (s.lines().isEmpty()) {
                    text(regular, BODY_SIZE, MARGIN + PAD, y, "No lines in this period.");
                    y -= ROW;
                }
                for (StatementLine line : s.lines()) {
                    if (y < BOTTOM) {
                        newPage();
                        continuation();
                        tableHeader();
                    }
                    row(regular, cells(line));
                }
                totals();
            } finally {
                if (out != null) {
                    out.close();
                }
            }
            footers();
        }

        private void newPage() throws IOException {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PAGE);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            y = PAGE.getHeight() - MARGIN;
        }

        private void header() throws IOException {
            y -= 16;
            text(bold, 16, MARGIN, y, TITLE);
            y -= 20;
            field("Operator", OPERATOR);
            field("Partner", s.partnerName() + " (" + s.partnerId() + ")");
            field("Period", s.period() + " in " + s.zone().getId() + ": from " + s.periodStart() + " to "
                    + s.periodEnd() + " (UTC, end exclusive)");
            field("Status", s.status().wire() + ", version " + s.version());
            field("Currency", s.currency().code());
            long adjustments = s.lines().stream().filter(l -> l.kind() == LineKind.ADJUSTMENT).count();
            field("Lines", s.lines().size() + " (" + (s.lines().size() - adjustments) + " usage, " + adjustments
                    + (adjustments == 1 ? " adjustment)" : " adjustments)"));
            field("Generated at", s.generatedAt().toString());
            Optional<String> closed = closed();
            if (closed.isPresent()) {
                field("Closed", closed.get());
            }
            y -= 4;
            for (String note : notes()) {
                text(regular, BODY_SIZE, MARGIN, y, fit(regular, BODY_SIZE, clean(note), width));
                y -= ROW;
            }
            y -= 6;
        }

        private Optional<String> closed() {
            if (s.closedAt().isEmpty() && s.closedBy().isEmpty()) {
                return Optional.empty();
            }
            String at = s.closedAt().map(i -> "at " + i).orElse("");
            String by = s.closedBy().map(b -> "by " + b).orElse("");
            return Optional.of((at + " " + by).trim());
        }

        private List<String> notes() {
            return List.of("All times UTC; period in " + s.zone().getId() + ". Amounts in " + s.currency().code() + ".",
                    "An adjustment line corrects the line of the same usage period, meter, tariff version and tier.");
        }

        private void continuation() throws IOException {
            y -= BODY_SIZE;
            String running = TITLE + ", " + s.partnerName() + ", " + s.period() + " (" + s.zone().getId()
                    + "), version " + s.version() + " (continued)";
            text(regular, BODY_SIZE, MARGIN, y, fit(regular, BODY_SIZE, clean(running), width));
            y -= ROW + 6;
        }

        private void field(String label, String value) throws IOException {
            float labelWidth = 70;
            text(bold, 9, MARGIN, y, label);
            text(regular, 9, MARGIN + labelWidth, y, fit(regular, 9, clean(value), width - labelWidth));
            y -= 12;
        }

        private void tableHeader() throws IOException {
            row(bold, HEADERS);
            out.setLineWidth(0.5f);
            out.moveTo(MARGIN, y + ROW - 3);
            out.lineTo(MARGIN + width, y + ROW - 3);
            out.stroke();
        }

        private String[] cells(StatementLine line) {
            return new String[]{Integer.toString(line.number()), line.kind().wire(), line.usagePeriod().toString(),
                    line.meter().kind(), "v" + line.tariffVersion() + "/t" + line.tier(), decimal(line.quantity()),
                    line.unit(), decimal(line.unitPrice()), money(line.amount()), money(line.partnerShare())};
        }

        private void row(PDType1Font font, String[] cells) throws IOException {
            float x = MARGIN;
            for (int i = 0; i < cells.length; i++) {
                float avail = WIDTHS[i] - 2 * PAD;
                String text = clean(cells[i]);
                float size = BODY_SIZE;
                float w = widthOf(font, size, text);
                if (w > avail) {
                    // Down to a tenth of a point, so that the smaller text surely fits; numbers are never cut.
                    size = (float) Math.floor(size * avail / w * 10) / 10;
                    if (!NUMERIC[i] && size < MIN_SIZE) {
                        size = MIN_SIZE;
                        text = fit(font, size, text, avail);
                    }
                    w = widthOf(font, size, text);
                }
                float tx = NUMERIC[i] ? x + WIDTHS[i] - PAD - w : x + PAD;
                text(font, size, tx, y, text);
                x += WIDTHS[i];
            }
            y -= ROW;
        }

        private void totals() throws IOException {
            List<String[]> rows = new ArrayList<>();
            Statement.Totals t = s.totals();
            rows.add(new String[]{"Amount of all lines", money(t.amount())});
            rows.add(new String[]{"Operator share", money(t.operatorShare())});
            rows.add(new String[]{"Partner share", money(t.partnerShare())});
            rows.add(new String[]{"Partner owes (its charges)", money(t.partnerOwes())});
            rows.add(new String[]{"Operator owes (partner's share of data revenue)", money(t.operatorOwes())});
            float needed = 16 + 14 * (rows.size() + 2) + 4;
            if (y - needed < BOTTOM) {
                newPage();
                continuation();
            }
            y -= 14;
            text(bold, 10, MARGIN, y, "Totals (" + s.currency().code() + ")");
            y -= 14;
            float valueRight = MARGIN + 320;
            for (String[] r : rows) {
                text(regular, 9, MARGIN, y, r[0]);
                text(regular, 9, valueRight - widthOf(regular, 9, r[1]), y, r[1]);
                y -= 14;
            }
            String net = money(t.net()) + " " + s.currency().code();
            text(bold, 10, MARGIN, y, "Net settlement");
            text(bold, 10, valueRight - widthOf(bold, 10, net), y, net);
            y -= 14;
            text(bold, 10, MARGIN, y, direction(t.direction()));
            y -= 14;
        }

        private void footers() throws IOException {
            int n = doc.getNumberOfPages();
            String left = clean(OPERATOR + " revenue-share statement, partner " + s.partnerId() + ", " + s.period()
                    + ", version " + s.version());
            for (int i = 0; i < n; i++) {
                PDPage page = doc.getPage(i);
                try (PDPageContentStream f = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND,
                        true)) {
                    out = f;
                    String pageNo = "Page " + (i + 1) + " of " + n;
                    text(regular, 7, MARGIN, FOOTER_Y, fit(regular, 7, left, width - 70));
                    text(regular, 7, MARGIN + width - widthOf(regular, 7, pageNo), FOOTER_Y, pageNo);
                }
            }
            out = null;
        }

        private void text(PDType1Font font, float size, float x, float at, String text) throws IOException {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, at);
            out.showText(text);
            out.endText();
        }

        private static float widthOf(PDType1Font font, float size, String text) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }

        /** The text, cut with {@code ...} so that it fits the width at the size. */
        private static String fit(PDType1Font font, float size, String text, float avail) throws IOException {
            if (widthOf(font, size, text) <= avail) {
                return text;
            }
            float room = avail - widthOf(font, size, "...");
            float used = 0;
            int end = 0;
            while (end < text.length()) {
                int next = text.offsetByCodePoints(end, 1);
                used += widthOf(font, size, text.substring(end, next));
                if (used > room) {
                    break;
                }
                end = next;
            }
            return text.substring(0, end) + "...";
        }

        /** The text with what Helvetica cannot show replaced: control characters by spaces, the rest by '?'. */
        private String clean(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (Character.isISOControl(cp)) {
                    out.append(' ');
                } else if (cp < 0x7F || showable(cp)) {
                    out.appendCodePoint(cp);
                } else {
                    out.append('?');
                }
            });
            return out.toString();
        }

        private boolean showable(int cp) {
            try {
                regular.encode(new String(Character.toChars(cp)));
                bold.encode(new String(Character.toChars(cp)));
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }
    }
}
