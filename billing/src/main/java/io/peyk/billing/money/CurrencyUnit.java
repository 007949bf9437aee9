package io.peyk.billing.money;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A currency and the scale of its minor unit: amounts in it are whole numbers of {@code 10^-scale}. The Iranian rial is
 * kept in whole rials (scale 0: it has no subunit in use, although ISO 4217 lists two digits); other codes take
 * their ISO 4217 digits from the JDK.
 *
 * @param code ISO 4217 code, upper case
 * @param scale digits of the minor unit (0..4)
 */
public record CurrencyUnit(String code, int scale) {

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    private static final Map<String, Integer> OVERRIDES = Map.of("IRR", 0);
    public static final CurrencyUnit IRR = of("IRR");

    public CurrencyUnit {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("currency code must be three upper-case letters: " + code);
        }
        if (scale < 0 || scale > 4) {
            throw new IllegalArgumentException("currency scale must be 0..4: " + scale);
        }
    }

    /** The unit of an ISO 4217 code (any case); unknown codes are refused. */
    public static CurrencyUnit of(String code) {
        String upper = code == null ? "" : code.toUpperCase(Locale.ROOT);
        Integer override = OVERRIDES.get(upper);
        if (override != null) {
            return new CurrencyUnit(upper, override);
        }
        try {
            int digits = java.util.Currency.getInstance(upper).getDefaultFractionDigits();
            return new CurrencyUnit(upper, Math.max(digits, 0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown currency: " + code, e);
        }
    }

    @Override
    public String toString() {
        return code;
    }
}
