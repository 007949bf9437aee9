package io.peyk.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.partner.SenderIds.Kind;

class SenderIdsTest {

    @Test
    void examples() {
        assertThat(SenderIds.kindOf("+989120000000")).isEqualTo(Kind.E164);
        assertThat(SenderIds.kindOf("+12345678")).isEqualTo(Kind.E164);
        assertThat(SenderIds.kindOf("+123456789012345")).isEqualTo(Kind.E164);
        assertThat(SenderIds.kindOf("+1234567")).isEqualTo(Kind.INVALID);
        assertThat(SenderIds.kindOf("+1234567890123456")).isEqualTo(Kind.INVALID);
        assertThat(SenderIds.kindOf("+0123456789")).isEqualTo(Kind.INVALID);
        assertThat(SenderIds.kindOf("300")).isEqualTo(Kind.SHORT_CODE);
        assertThat(SenderIds.kindOf("12345678")).isEqualTo(Kind.SHORT_CODE);
        assertThat(SenderIds.kindOf("123456789")).isEqualTo(Kind.INVALID);
        assertThat(SenderIds.kindOf("30")).isEqualTo(Kind.INVALID);
        assertThat(SenderIds.kindOf("Peyk")).isEqualTo(Kind.ALPHANUMERIC);
        assertThat(SenderIds.kindOf("Shop 24")).isEqualTo(Kind.ALPHANUMERIC);
        assertThat(SenderIds.kindOf("A")).isEqualTo(Kind.ALPHANUMERIC);
        assertThat(SenderIds.kindOf("ElevenChars")).isEqualTo(Kind.ALPHANUMERIC);
        assertThat(SenderIds.kindOf("TwelveCharsX")).isEqualTo(Kind.INVALID);
        assertThat(SenderIds.kindOf(" Peyk")).isEqualTo(Kind.INVALID);
        assertThat(SenderIds.kindOf("Peyk ")).isEqualTo(Kind.INVALID);
        assertThat(SenderIds.kindOf("Pey-k")).isEqualTo(Kind.INVALID);
        assertThat(SenderIds.kindOf("پیک")).isEqualTo(Kind.INVALID);
        assertThat(SenderIds.kindOf("")).isEqualTo(Kind.INVALID);
        assertThat(SenderIds.kindOf(null)).isEqualTo(Kind.INVALID);
    }

    /** Random strings over a small alphabet: the kind agrees with a plain restatement of the rules. */
    @Test
    void propertyAgreesWithTheRules() {
        Random random = new Random(42);
        String alphabet = "+0123456789aZ -";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(18);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String id = s.toString();
            boolean digits = !id.isEmpty() && id.chars().allMatch(Character::isDigit);
            boolean e164 = id.length() >= 9 && id.length() <= 16 && id.charAt(0) == '+'
                    && id.substring(1).chars().allMatch(Character::isDigit) && id.charAt(1) != '0';
            boolean shortCode = digits && id.length() >= 3 && id.length() <= 8;
            boolean alnum = id.length() >= 1 && id.length() <= 11 && id.chars().allMatch(c -> Character.isLetterOrDigit(c)
                    || c == ' ') && id.chars().anyMatch(Character::isLetter) && id.charAt(0) != ' '
                    && id.charAt(id.length() - 1) != ' ';
            Kind expected = e164 ? Kind.E164 : shortCode ? Kind.SHORT_CODE : alnum ? Kind.ALPHANUMERIC : Kind.INVALID;
            assertThat(SenderIds.kindOf(id)).as("'%s'", id).isEqualTo(expected);
        }
    }
}
