package io.peyk.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.peyk.smpp.BridgeEvent;

/** Keyword normalisation and extraction ({@link Keywords}), and which MO has a keyword ({@link InboundRouter}). */
class InboundKeywordsTest {

    private static final String ZWNJ = "\u200C";

    /** Letters, digits and separators a subscriber's phone may send, Persian/Arabic variants and look-alikes. */
    private static final String[] ALPHABET = {"a", "B", "z", "Q", "0", "7", "İ", "ß", "Σ", "ς", "Ж", "ǅ", "ﬁ", "Ａ", "ｚ", "５",
            "①", "²", "ی", "ي", "ى", "ک", "ك", "س", "ف", "ا", "ر", "ش", "ۀ", "ة", "ئ", "ٔ", "۰", "۹", "٠", "٩", "٣", "۳", "ﻙ",
            "ﯼ", "ﻱ", "ﷲ", "ﷺ", ZWNJ, "\u200D", "\u200B", "\u200F", "\uFEFF", "\u00AD", " ", "\t", "\n", "\u00A0", "\u2009",
            "\u3000", "\u202F", "-", "!", "/", ".", "\u0007", "😀", "𝐀", "\uD835", "é", "e\u0301", "\u0301"};

    @Test
    void normalisingFoldsCaseWidthDigitsAndArabicLetters() {
        assertThat(Keywords.normalise("SNAPP")).isEqualTo("snapp");
        assertThat(Keywords.normalise("Ｓｎａｐｐ")).isEqualTo("snapp");
        assertThat(Keywords.normalise("JOIN")).isEqualTo("join"); // ROOT locale: never a Turkish dotless i
        assertThat(Keywords.normalise("ﬁx")).isEqualTo("fix");
        assertThat(Keywords.normalise("۱۲۳۴۵۶۷۸۹۰")).isEqualTo("1234567890");
        assertThat(Keywords.normalise("١٢٣٤٥٦٧٨٩٠")).isEqualTo("1234567890");
        assertThat(Keywords.normalise("كيك")).isEqualTo("کیک");
        assertThat(Keywords.normalise("تاكسي")).isEqualTo("تاکسی");
        // Presentation forms go through NFKC to the Arabic letters, then to the Persian ones.
        assertThat(Keywords.normalise("\uFED9\uFEF1")).isEqualTo("کی");
        assertThat(Keywords.normalise("\uFBFC")).isEqualTo("ی");
        assertThat(Keywords.normalise("Cafe\u0301")).isEqualTo("café");
    }

    @Test
    void formatCharactersGoAtTheEndsButZwnjStaysInside() {
        assertThat(Keywords.normalise(ZWNJ + "سفارش" + ZWNJ + ZWNJ)).isEqualTo("سفارش");
        assertThat(Keywords.normalise("\uFEFF\u200Fمی" + ZWNJ + "خواهم\u200E")).isEqualTo("می" + ZWNJ + "خواهم");
        assertThat(Keywords.normalise(ZWNJ)).isEmpty();
    }

    @Test
    void normalisingRefusesLongInput() {
        assertThat(Keywords.normalise("x".repeat(Keywords.MAX_INPUT))).hasSize(Keywords.MAX_INPUT);
        assertThatThrownBy(() -> Keywords.normalise("x".repeat(Keywords.MAX_INPUT + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Keywords.parse("x".repeat(Keywords.MAX_INPUT + 1))).isEmpty();
    }

    @Test
    void aRuleKeywordIsOneWordOfOneTo32Characters() {
        assertThat(Keywords.parse("SNAPP")).contains("snapp");
        assertThat(Keywords.parse("سفارش")).contains("سفارش");
        assertThat(Keywords.parse("Join2Win")).contains("join2win");
        assertThat(Keywords.parse("co-op_2.0")).contains("co-op_2.0");
        assertThat(Keywords.parse("①")).contains("1");
        assertThat(Keywords.parse("x".repeat(32))).contains("x".repeat(32));
        assertThat(Keywords.parse("𝐀".repeat(32))).contains("a".repeat(32));
        assertThat(Keywords.parse("𐐀".repeat(32))).contains("𐐨".repeat(32)); // code points, not UTF-16 units
        assertThat(Keywords.parse("۱".repeat(32))).contains("1".repeat(32));
        assertThat(Keywords.parse("می" + ZWNJ + "خواهم")).contains("می" + ZWNJ + "خواهم");
        assertThat(Keywords.parse(ZWNJ + "JOIN" + ZWNJ)).contains("join");

        assertThat(Keywords.parse(null)).isEmpty();
        assertThat(Keywords.parse("")).isEmpty();
        assertThat(Keywords.parse(ZWNJ)).isEmpty();
        assertThat(Keywords.parse("x".repeat(33))).isEmpty();
        assertThat(Keywords.parse("𐐀".repeat(33))).isEmpty();
        assertThat(Keywords.parse("two words")).isEmpty();
        assertThat(Keywords.parse(" join")).isEmpty();
        assertThat(Keywords.parse("join ")).isEmpty();
        assertThat(Keywords.parse("no\u00A0break")).isEmpty(); // NFKC makes it a space
        assertThat(Keywords.parse("tab\tbed")).isEmpty();
        assertThat(Keywords.parse("bell\u0007")).isEmpty();
        assertThat(Keywords.parse("in\u200Bvisible")).isEmpty(); // a zero-width space inside is no part of a word
        assertThat(Keywords.parse("\uD835x")).isEmpty(); // a lone surrogate
        assertThat(Keywords.parse("ﷺ")).isEmpty(); // NFKC expands this ligature into four words
        // Punctuation other than - _ . is no part of a word, and a word needs a letter or digit.
        for (String notAWord : new String[]{"join!", "a/b", "a;b", "a?b", "a#b", "a%b", "😀", ".", "..", "-", "_.-"}) {
            assertThat(Keywords.parse(notAWord)).as(notAWord).isEmpty();
        }
    }

    @Test
    void theKeywordOfAnMoIsItsFirstWord() {
        assertThat(Keywords.ofText("SNAPP 1234")).contains("snapp");
        assertThat(Keywords.ofText("  \t\nTapsi")).contains("tapsi");
        assertThat(Keywords.ofText("\u00A0\u3000join\u00A0now")).contains("join");
        assertThat(Keywords.ofText(ZWNJ + " سفارش ۱۲")).contains("سفارش");
        assertThat(Keywords.ofText("\uFEFFتاكسي لطفا")).contains("تاکسی");
        assertThat(Keywords.ofText("١٢٣")).contains("123");
        assertThat(Keywords.ofText("join!")).isEmpty(); // the word is "join!", which no rule can hold

        assertThat(Keywords.ofText(null)).isEmpty();
        assertThat(Keywords.ofText("")).isEmpty();
        assertThat(Keywords.ofText(" \t " + ZWNJ + " ")).isEmpty();
        assertThat(Keywords.ofText("x".repeat(33) + " more")).isEmpty();
        assertThat(Keywords.ofText("bell\u0007 ring")).isEmpty();
    }

    @Test
    void onlyTheFirst64CharactersAreExaminedAndACutWordIsNoKeyword() {
        String pad = " ".repeat(Keywords.MAX_EXAMINED - 4);
        assertThat(Keywords.ofText(pad + "join")).contains("join");
        assertThat(Keywords.ofText(pad + "join now")).contains("join");
        // "JOINED" would be cut to "join" at 64 characters: it is not the keyword join.
        assertThat(Keywords.ofText(pad + "JOINED")).isEmpty();
        assertThat(Keywords.ofText(" ".repeat(Keywords.MAX_EXAMINED) + "join")).isEmpty();
        // A surrogate pair straddling the window is not split.
        assertThat(Keywords.ofText(" ".repeat(Keywords.MAX_EXAMINED - 3) + "ab𐐨")).isEmpty();
        assertThat(Keywords.ofText(" ".repeat(Keywords.MAX_EXAMINED - 4) + "ab𐐨")).contains("ab𐐨");
        assertThat(Keywords.ofText(" ".repeat(Keywords.MAX_EXAMINED - 4) + "ab𐐨 x")).contains("ab𐐨");
        // Only the window is examined, however long the text.
        assertThat(Keywords.ofText("SNAPP " + "x".repeat(100_000))).contains("snapp");
    }

    @Test
    void normalisingIsIdempotentAndKeywordsAreValidRuleKeywords() {
        Random random = new Random(20261201L);
        int keywords = 0;
        int rules = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = randomText(random, random.nextInt(40));
            String once = Keywords.normalise(text);
            assertThat(Keywords.normalise(once)).as("normalise(%s)", escape(text)).isEqualTo(once);
            assertThat(once).doesNotContain("ي", "ك", "۰", "۹", "٠", "٩", "٣", "۳")
                    .doesNotStartWith(ZWNJ).doesNotEndWith(ZWNJ);
            assertThat(once).isEqualTo(once.toLowerCase(Locale.ROOT));

            Optional<String> keyword = Keywords.ofText(text);
            if (keyword.isPresent()) {
                keywords++;
                assertThat(Keywords.parse(keyword.get())).as("keyword of %s", escape(text)).isEqualTo(keyword);
                assertThat(keyword.get().codePointCount(0, keyword.get().length())).isBetween(1, Keywords.MAX_LENGTH);
                assertThat(keyword.get().codePoints().allMatch(Keywords::isWordCharacter)).isTrue();
            }
            Optional<String> rule = Keywords.parse(text);
            if (rule.isPresent()) {
                rules++;
                assertThat(Keywords.parse(rule.get())).isEqualTo(rule);
            }
        }
        // The generator reaches both sides often enough for the properties to mean something.
        assertThat(keywords).isGreaterThan(5_000);
        assertThat(rules).isGreaterThan(500);
    }

    @Test
    void everySpellingOfAKeywordReachesItsRule() {
        Random random = new Random(4L);
        String[] letters = {"a", "b", "k", "y", "s", "1", "9", "س", "ف", "ا", "ر", "ش", "ی", "ک", "۱", "۹", "ت", "م"};
        int checked = 0;
        for (int i = 0; i < 10_000; i++) {
            StringBuilder word = new StringBuilder();
            int length = 1 + random.nextInt(Keywords.MAX_LENGTH);
            for (int j = 0; j < length; j++) {
                word.append(letters[random.nextInt(letters.length)]);
            }
            Optional<String> rule = Keywords.parse(word.toString());
            assertThat(rule).as(word.toString()).isPresent();
            checked++;
            String mo = spaces(random) + (random.nextBoolean() ? ZWNJ : "") + respell(random, word.toString())
                    + (random.nextBoolean() ? ZWNJ : "") + (random.nextBoolean() ? "" : " " + randomText(random, 20));
            assertThat(Keywords.ofText(mo)).as(escape(mo)).isEqualTo(rule);
        }
        assertThat(checked).isEqualTo(10_000);
    }

    @Test
    void binaryMoHasNoKeyword() {
        assertThat(InboundRouter.isBinary(0x00)).isFalse(); // GSM-7
        assertThat(InboundRouter.isBinary(0x08)).isFalse(); // UCS-2
        assertThat(InboundRouter.isBinary(0x03)).isFalse(); // Latin-1
        assertThat(InboundRouter.isBinary(0x02)).isTrue();
        assertThat(InboundRouter.isBinary(0x04)).isTrue();
        assertThat(InboundRouter.isBinary(0xF4)).isTrue();
        assertThat(InboundRouter.isBinary(0xF0)).isFalse();
        assertThat(InboundRouter.isBinary(-1)).isTrue();
        assertThat(InboundRouter.isBinary(256)).isTrue();

        assertThat(InboundRouter.keywordOf(mo(0x00, "CAFE au lait"))).contains("cafe");
        assertThat(InboundRouter.keywordOf(mo(0x08, "كافه"))).contains("کافه");
        assertThat(InboundRouter.keywordOf(mo(0x04, "cafe"))).isEmpty();
    }

    private static BridgeEvent.InboundSms mo(int dataCoding, String text) {
        return new BridgeEvent.InboundSms("test", "+989121234567", "3000", text, dataCoding, 1, true, Instant.EPOCH);
    }

    /** The same word as a subscriber may type it: other case, Arabic letters and digits, full-width Latin. */
    private static String respell(Random random, String word) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            boolean swap = random.nextBoolean();
            if (c >= 'a' && c <= 'z') {
                out.append(!swap ? c : random.nextBoolean() ? Character.toUpperCase(c) : (char) (c - 'a' + 'Ａ'));
            } else if (c >= '0' && c <= '9') {
                out.append(!swap ? c : random.nextBoolean() ? (char) (c - '0' + '۰') : (char) (c - '0' + '٠'));
            } else if (c >= '۰' && c <= '۹') {
                out.append(!swap ? c : (char) (c - '۰' + '٠'));
            } else if (c == 'ی') {
                out.append(swap ? 'ي' : c);
            } else if (c == 'ک') {
                out.append(swap ? 'ك' : c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String spaces(Random random) {
        String[] spaces = {"", " ", "\t", "\u00A0", "\n", "\u3000"};
        return spaces[random.nextInt(spaces.length)];
    }

    private static String randomText(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (random.nextInt(8) == 0) {
                out.appendCodePoint(randomCodePoint(random));
            } else {
                out.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
        }
        return out.toString();
    }

    private static int randomCodePoint(Random random) {
        while (true) {
            int cp = random.nextInt(0x30000);
            if (Character.isDefined(cp) && Character.getType(cp) != Character.SURROGATE
                    && Character.getType(cp) != Character.PRIVATE_USE) {
                return cp;
            }
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> out.append(cp < 0x80 && cp >= 0x20
                ? Character.toString(cp)
                : String.format("\\u{%X}", cp)));
        return out.toString();
    }
}
