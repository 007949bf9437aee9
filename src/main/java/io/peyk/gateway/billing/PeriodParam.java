package io.peyk.gateway.billing;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import io.peyk.gateway.api.Problems;

/** A billing period in a request: {@code YYYY-MM}, years 2000..9999; anything else is a 422 naming the field. */
public final class PeriodParam {

    private PeriodParam() {
    }

    public static YearMonth parse(String value, String field) {
        if (value == null) {
            throw Problems.invalidField(field, field + " is required, as YYYY-MM.");
        }
        YearMonth p;
        try {
            p = YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw Problems.invalidField(field, field + " must be a month written YYYY-MM, such as 2026-11.");
        }
        if (p.getYear() < 2000 || p.getYear() > 9999) {
            throw Problems.invalidField(field, field + " must be a month between 2000-01 and 9999-12.");
        }
        return p;
    }
}
