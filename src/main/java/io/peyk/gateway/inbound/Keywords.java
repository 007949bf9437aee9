package io.peyk.gateway.inbound;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place keywords of inbound SMS are normalised, so that a rule and the MO it is meant for compare equal whatever
 * keyboard the subscriber used. Normalising is, in this order: Unicode NFKC (full-width and presentation forms become
 * plain letters), lower case with {@link Locale#ROOT}, NFKC again, Persian ({@code ۰-۹}) and Arabic-Indic ({@code ٠-٩})
 * digits to ASCII digits, Arabic yeh and kaf ({@code ي ك}) to Persian ({@code ی ک}), and invisible format characters
 * (zero-width non-joiner, zero-width joiner and space, bidi marks, byte-order mark: Unicode category Cf) stripped at both
 * ends. A zero-width non-joiner inside a word is kept: it is part of Persian spelling. Arabic alef maksura
 * ({@code ى}) is left as it is.
 *
 * <p>
 * The keyword of an MO is its first word: the text's first {@value #MAX_EXAMINED} characters are examined, leading
 * spaces and format characters skipped, and the word runs up to the next space character (Unicode space or Java
 * whitespace); a word that runs past the examined characters has no keyword. A keyword is valid when its normalised
 * form has 1 to {@value #MAX_LENGTH} code points, all of them {@linkplain #isWordCharacter word characters}, at least
 * one a letter or digit; an MO word that is not a valid keyword cannot match a rule, and has none. Keywords never reach
 * the log: they are the start of a message text.
 */
public final class Keywords {

    /** Most code points of a normalised keyword. */
    public static final int MAX_LENGTH = 32;
    /** Most characters (UTF-16 units) of an MO text looked at for its keyword. */
    public static final int MAX_EXAMINED = 64;
    /** Longest input (UTF-16 units) {@link #normalise} and {@link #parse} accept. */
    public static final int MAX_INPUT = 256;

    private static final char ZWNJ = '\u200C';
    private static final char ZWJ = '\u200D';

    private Keywords() {
    }

    /**
     * {@code text} normalised as the class describes.
     *
     * @throws IllegalArgumentException when longer than {@value #MAX_INPUT} characters
     */
    public static String normalise(String text) {
        if (text.length() > MAX_INPUT) {
            throw new IllegalArgumentException("keyword input longer than " + MAX_INPUT + " characters: " + text.length());
        }
        String folded = Normalizer.normalize(
                Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            out.append(fold(folded.charAt(i)));
        }
        int start = 0;
        int end = out.length();
        while (start < end && isFormat(Character.codePointAt(out, start))) {
            start += Character.charCount(Character.codePointAt(out, start));
        }
        while (end > start && isFormat(Character.codePointBefore(out, end))) {
            end -= Character.charCount(Character.codePointBefore(out, end));
        }
        return out.substring(start, end);
    }

    /**
     * The normalised keyword of a rule, or empty when {@code raw} is missing, longer than {@value #MAX_INPUT}
     * characters or not a valid keyword once normalised.
     */
    public static Optional<String> parse(String raw) {
        if (raw == null || raw.length() > MAX_INPUT) {
            return Optional.empty();
        }
        String keyword = normalise(raw);
        return isValid(keyword) ? Optional.of(keyword) : Optional.empty();
    }

    /** The normalised keyword of an MO text (its first word), or empty when it has none that a rule could hold. */
    public static Optional<String> ofText(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int end = Math.min(text.length(), MAX_EXAMINED);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // Never split a surrogate pair: the word then runs past the window.
        }
        int start = 0;
        while (start < end && (isSpace(text.codePointAt(start)) || isFormat(text.codePointAt(start)))) {
            start += Character.charCount(text.codePointAt(start));
        }
        int stop = start;
        while (stop < end && !isSpace(text.codePointAt(stop))) {
            stop += Character.charCount(text.codePointAt(stop));
        }
        if (stop == start || stop == end && end < text.length() && !isSpace(text.codePointAt(end))) {
            return Optional.empty();
        }
        return parse(text.substring(start, stop));
    }

    /** Whether {@code keyword}, already normalised, is one a rule may hold. */
    static boolean isValid(String keyword) {
        int length = keyword.codePointCount(0, keyword.length());
        if (length < 1 || length > MAX_LENGTH || !keyword.equals(normalise(keyword))) {
            return false;
        }
        return keyword.codePoints().allMatch(Keywords::isWordCharacter)
                && keyword.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /**
     * A character a keyword may hold: a letter, mark or digit, ZWNJ or ZWJ inside a word, or one of {@code - _ .}. Other
     * punctuation is refused: besides being no part of a word, {@code / ; ? #} and the segments {@code .} and
     * {@code ..} would make the rule's URL ({@code /admin/v1/inbound-keywords/{senderId}/{keyword}}) ambiguous.
     */
    static boolean isWordCharacter(int codePoint) {
        if (Character.isLetterOrDigit(codePoint)) {
            return true;
        }
        switch (Character.getType(codePoint)) {
            case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER :
                return true;
            default :
                return codePoint == ZWNJ || codePoint == ZWJ || codePoint == '-' || codePoint == '_' || codePoint == '.';
        }
    }

    /** A character that separates words. */
    static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    private static boolean isFormat(int codePoint) {
        return Character.getType(codePoint) == Character.FORMAT;
    }

    private static char fold(char c) {
        if (c >= '\u06F0' && c <= '\u06F9') {
            return (char) ('0' + (c - '\u06F0')); // Extended Arabic-Indic (Persian) digits
        }
        if (c >= '\u0660' && c <= '\u0669') {
            return (char) ('0' + (c - '\u0660')); // Arabic-Indic digits
        }
        if (c == '\u064A') {
            return '\u06CC'; // Arabic yeh to Farsi yeh
        }
        if (c == '\u0643') {
            return '\u06A9'; // Arabic kaf to keheh (Persian kaf)
        }
        return c;
    }
}
