package io.peyk.gateway.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A partner's default channel plan, used for messages sent without one: the hops without their content. The OTT hop
 * pushes the request's {@code payload} (or its text as UTF-8), the SMS hop sends its text. Stored as JSON in
 * {@code partner.default_channels}; absent means SMS only.
 *
 * @param ott the OTT hop's settings, when the plan starts with the app channel
 * @param sms whether an SMS hop follows (or is the only hop)
 */
public record DefaultChannels(Optional<Ott> ott, boolean sms) {

    /** The OTT hop's settings: the acknowledgement that counts as success and how long to wait for it. */
    public record Ott(String successStatus, int fallbackAfterSeconds) {
    }

    public static final DefaultChannels SMS_ONLY = new DefaultChannels(Optional.empty(), true);

    public JsonArray toJson() {
        JsonArray hops = new JsonArray();
        ott.ifPresent(o -> hops.add(new JsonObject().put("type", "ott").put("successStatus", o.successStatus())
                .put("fallbackAfterSeconds", o.fallbackAfterSeconds())));
        if (sms) {
            hops.add(new JsonObject().put("type", "sms"));
        }
        return hops;
    }

    /** The hops as plain maps (for JSON views). */
    public List<Map<String, Object>> asMaps() {
        List<Map<String, Object>> hops = new ArrayList<>();
        toJson().forEach(hop -> hops.add(((JsonObject) hop).getMap()));
        return hops;
    }

    /** Reads what {@link #toJson()} wrote. */
    public static DefaultChannels fromJson(JsonArray hops) {
        Optional<Ott> ott = Optional.empty();
        boolean sms = false;
        for (int i = 0; i < hops.size(); i++) {
            JsonObject hop = hops.getJsonObject(i);
            if ("ott".equals(hop.getString("type"))) {
                ott = Optional.of(new Ott(hop.getString("successStatus"), hop.getInteger("fallbackAfterSeconds")));
            } else {
                sms = true;
            }
        }
        return new DefaultChannels(ott, sms);
    }
}
