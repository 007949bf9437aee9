package io.peyk.gateway.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.peyk.billing.rating.GraduatedPrice;
import io.peyk.billing.rating.Meter;
import io.peyk.billing.rating.Tier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The stored form of a tariff's prices ({@code tariff.prices}): an object keyed by meter kind ({@code sms.segment}),
 * each a list of tiers {@code {"upTo": "10000", "unitPrice": "120"}} (the last without {@code upTo}). Numbers are kept as
 * strings, so no price ever passes through a double.
 */
final class TariffJson {

    private TariffJson() {
    }

    static JsonObject write(Map<Meter, GraduatedPrice> prices) {
        JsonObject out = new JsonObject();
        for (Map.Entry<Meter, GraduatedPrice> e : prices.entrySet()) {
            JsonArray tiers = new JsonArray();
            for (Tier t : e.getValue().tiers()) {
                JsonObject tier = new JsonObject();
                t.upTo().ifPresent(u -> tier.put("upTo", u.toPlainString()));
                tier.put("unitPrice", t.unitPrice().toPlainString());
                tiers.add(tier);
            }
            out.put(e.getKey().kind(), tiers);
        }
        return out;
    }

    static Map<Meter, GraduatedPrice> read(JsonObject json) {
        Map<Meter, GraduatedPrice> prices = new EnumMap<>(Meter.class);
        for (String kind : json.fieldNames()) {
            Meter meter = Meter.ofKind(kind).orElseThrow(() -> new IllegalStateException("stored tariff prices an"
                    + " unknown meter: " + kind));
            List<Tier> tiers = new ArrayList<>();
            for (Object o : json.getJsonArray(kind)) {
                JsonObject t = (JsonObject) o;
                tiers.add(new Tier(Optional.ofNullable(t.getString("upTo")).map(BigDecimal::new),
                        new BigDecimal(t.getString("unitPrice"))));
            }
            prices.put(meter, new GraduatedPrice(tiers));
        }
        return prices;
    }
}
