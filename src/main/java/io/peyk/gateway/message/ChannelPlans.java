package io.peyk.gateway.message;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.partner.DefaultChannels;
import io.peyk.gateway.partner.Partner;

/**
 * Turns a request's channel plan (or, without one, the partner's default plan) into the hops a message tries: an OTT
 * hop first if any, an SMS hop last if any. Each refusal is a 422 problem naming the field, e.g.
 * {@code channels[0].payload}.
 */
public final class ChannelPlans {

    static final int MAX_HOPS = 2;

    /** The hops of one message: the OTT hop, and the SMS text with the field it came from (for refusals). */
    record Plan(Optional<OttHop> ott, Optional<String> smsText, String smsTextField) {
    }

    private final MessagesConfig config;

    ChannelPlans(MessagesConfig config) {
        this.config = config;
    }

    Plan plan(Partner partner, SendMessageRequest r, String prefix) {
        return r.channels() == null ? fromDefault(partner.defaultChannels(), r, prefix) : fromRequest(r, prefix);
    }

    private Plan fromDefault(DefaultChannels plan, SendMessageRequest r, String prefix) {
        Optional<String> text = Optional.ofNullable(r.text());
        if (plan.ott().isEmpty()) {
            if (r.payload() != null) {
                throw ProblemException.invalidField(422, prefix + "payload",
                        "payload is for the app channel; this partner's default plan has none, so send a channels plan");
            }
            return new Plan(Optional.empty(), Optional.of(text(r.text(), prefix + "text")), prefix + "text");
        }
        DefaultChannels.Ott ott = plan.ott().get();
        byte[] payload;
        if (r.payload() != null) {
            payload = payload(r.payload(), prefix + "payload");
        } else if (text.isPresent()) {
            payload = text(text.get(), prefix + "text").getBytes(StandardCharsets.UTF_8);
            checkPayloadSize(payload, prefix + "text");
        } else {
            throw ProblemException.invalidField(422, prefix + "payload",
                    "this partner's default plan starts with the app channel: send payload (base64) or text");
        }
        OttHop hop = new OttHop(payload, OttSuccess.parse(ott.successStatus()).orElse(OttSuccess.DELIVERED),
                ott.fallbackAfterSeconds());
        if (!plan.sms()) {
            return new Plan(Optional.of(hop), Optional.empty(), prefix + "text");
        }
        return new Plan(Optional.of(hop), Optional.of(text(r.text(), prefix + "text")), prefix + "text");
    }

    private Plan fromRequest(SendMessageRequest r, String prefix) {
        List<ChannelRequest> hops = r.channels();
        if (r.payload() != null) {
            throw ProblemException.invalidField(422, prefix + "payload",
                    "with a channels plan, the payload goes in the ott hop (channels[0].payload)");
        }
        if (hops.isEmpty() || hops.size() > MAX_HOPS) {
            throw ProblemException.invalidField(422, prefix + "channels",
                    "channels must list 1 or 2 hops: ott, sms, or ott then sms");
        }
        Optional<OttHop> ott = Optional.empty();
        Optional<String> smsText = Optional.empty();
        String smsField = prefix + "text";
        for (int i = 0; i < hops.size(); i++) {
            String field = prefix + "channels[" + i + "]";
            ChannelRequest hop = hops.get(i);
            if (hop == null || hop.type() == null) {
                throw ProblemException.invalidField(422, field + ".type", "each hop needs a type: ott or sms");
            }
            switch (hop.type()) {
                case "ott" -> {
                    if (i != 0) {
                        throw ProblemException.invalidField(422, field + ".type", "the ott hop must come first");
                    }
                    if (hop.text() != null) {
                        throw ProblemException.invalidField(422, field + ".text",
                                "an ott hop carries a payload, not text");
                    }
                    if (hop.payload() == null) {
                        throw ProblemException.invalidField(422, field + ".payload",
                                "an ott hop needs a payload (base64)");
                    }
                    ott = Optional.of(new OttHop(payload(hop.payload(), field + ".payload"),
                            success(hop.successStatus(), field + ".successStatus"),
                            fallbackAfter(hop.fallbackAfterSeconds(), field + ".fallbackAfterSeconds")));
                }
                case "sms" -> {
                    if (i != hops.size() - 1) {
                        throw ProblemException.invalidField(422, field + ".type", "the sms hop must come last");
                    }
                    if (hop.payload() != null || hop.successStatus() != null || hop.fallbackAfterSeconds() != null) {
                        throw ProblemException.invalidField(422, field,
                                "an sms hop takes only text; payload, successStatus and fallbackAfterSeconds are for"
                                        + " the ott hop");
                    }
                    if (hop.text() != null && r.text() != null) {
                        throw ProblemException.invalidField(422, field + ".text",
                                "give the text once: in the sms hop or at the top level");
                    }
                    smsField = hop.text() != null ? field + ".text" : prefix + "text";
                    smsText = Optional.of(text(hop.text() != null ? hop.text() : r.text(), smsField));
                }
                default -> throw ProblemException.invalidField(422, field + ".type", "type must be ott or sms");
            }
        }
        if (smsText.isEmpty() && r.text() != null) {
            throw ProblemException.invalidField(422, prefix + "text",
                    "text is sent by an sms hop, and this plan has none");
        }
        return new Plan(ott, smsText, smsField);
    }

    /** The partner's default plan from admin input: hops without content. */
    public static DefaultChannels template(List<ChannelRequest> hops, MessagesConfig config) {
        if (hops == null || hops.isEmpty() || hops.size() > MAX_HOPS) {
            throw ProblemException.invalidField(422, "channels", "channels must list 1 or 2 hops: ott, sms, or ott"
                    + " then sms");
        }
        ChannelPlans plans = new ChannelPlans(config);
        Optional<DefaultChannels.Ott> ott = Optional.empty();
        boolean sms = false;
        for (int i = 0; i < hops.size(); i++) {
            String field = "channels[" + i + "]";
            ChannelRequest hop = hops.get(i);
            if (hop == null || hop.type() == null || !(hop.type().equals("ott") || hop.type().equals("sms"))) {
                throw ProblemException.invalidField(422, field + ".type", "type must be ott or sms");
            }
            if (hop.payload() != null || hop.text() != null) {
                throw ProblemException.invalidField(422, field, "a default plan has no content: payload and text come"
                        + " with each message");
            }
            if (hop.type().equals("ott")) {
                if (i != 0) {
                    throw ProblemException.invalidField(422, field + ".type", "the ott hop must come first");
                }
                ott = Optional.of(new DefaultChannels.Ott(
                        plans.success(hop.successStatus(), field + ".successStatus").name(),
                        plans.fallbackAfter(hop.fallbackAfterSeconds(), field + ".fallbackAfterSeconds")));
            } else {
                if (i != hops.size() - 1 || hop.successStatus() != null || hop.fallbackAfterSeconds() != null) {
                    throw ProblemException.invalidField(422, field, "the sms hop comes last and has no settings");
                }
                sms = true;
            }
        }
        return new DefaultChannels(ott, sms);
    }

    private String text(String text, String field) {
        if (text == null || text.isEmpty()) {
            throw ProblemException.invalidField(422, field, "text must not be empty");
        }
        if (text.length() > config.maxTextChars()) {
            throw ProblemException.invalidField(422, field,
                    "text is longer than " + config.maxTextChars() + " characters");
        }
        if (MessageValidator.hasUnpairedSurrogate(text)) {
            throw ProblemException.invalidField(422, field, "text contains an unpaired UTF-16 surrogate");
        }
        return text;
    }

    private byte[] payload(String base64, String field) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(422, field, "payload must be base64 (standard alphabet, padded)");
        }
        if (bytes.length == 0) {
            throw ProblemException.invalidField(422, field, "payload must not be empty");
        }
        checkPayloadSize(bytes, field);
        return bytes;
    }

    private void checkPayloadSize(byte[] bytes, String field) {
        if (bytes.length > config.ott().maxPayloadBytes()) {
            throw ProblemException.invalidField(422, field,
                    "payload is " + bytes.length + " bytes; at most " + config.ott().maxPayloadBytes() + " are allowed");
        }
    }

    private OttSuccess success(String raw, String field) {
        if (raw == null) {
            return OttSuccess.DELIVERED;
        }
        return OttSuccess.parse(raw)
                .orElseThrow(() -> ProblemException.invalidField(422, field, "successStatus must be delivered or read"));
    }

    private int fallbackAfter(Integer seconds, String field) {
        if (seconds == null) {
            return config.ott().defaultFallbackAfterSeconds();
        }
        if (seconds < 1 || seconds > config.ott().maxFallbackAfterSeconds()) {
            throw ProblemException.invalidField(422, field,
                    "fallbackAfterSeconds must be in 1.." + config.ott().maxFallbackAfterSeconds());
        }
        return seconds;
    }
}
