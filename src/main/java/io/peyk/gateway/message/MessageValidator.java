package io.peyk.gateway.message;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.partner.Partner;
import io.peyk.smpp.NoRouteException;
import io.peyk.smpp.SmppBridge;
import io.peyk.smpp.TextPreview;
import io.peyk.smpp.segment.TooManySegmentsException;

/**
 * Every rule a message must pass before it is accepted, each refusal a 422 problem naming its field (the JSON shape
 * itself — syntax, types, unknown fields — is refused with 400 before this runs).
 */
@ApplicationScoped
public class MessageValidator {

    static final int MAX_CLIENT_REF = 128;
    static final int MAX_URL = 2000;

    private final MessagesConfig config;
    private final SmppBridge bridge;

    private final ChannelPlans plans;

    MessageValidator(MessagesConfig config, SmppBridge bridge) {
        this.config = config;
        this.bridge = bridge;
        this.plans = new ChannelPlans(config);
    }

    ValidMessage validate(Partner partner, SendMessageRequest request, String fieldPrefix) {
        if (request == null) {
            throw ProblemException.invalidField(422, fieldPrefix.isEmpty() ? "body" : strip(fieldPrefix),
                    "a message object is required");
        }
        String to = required(request.to(), fieldPrefix + "to");
        String from = required(request.from(), fieldPrefix + "from");
        String e164 = PhoneNumbers.toE164(to, config.defaultRegion()).orElseThrow(() -> ProblemException
                .invalidField(422, fieldPrefix + "to", "not a valid phone number; use E.164, e.g. +989121234567"));
        if (!partner.senderIds().contains(from)) {
            throw ProblemException.invalidField(422, fieldPrefix + "from", "not one of this partner's sender ids");
        }
        Optional<String> clientRef = Optional.ofNullable(request.clientRef());
        if (clientRef.isPresent() && (clientRef.get().isEmpty() || clientRef.get().length() > MAX_CLIENT_REF)) {
            throw ProblemException.invalidField(422, fieldPrefix + "clientRef",
                    "clientRef must have 1.." + MAX_CLIENT_REF + " characters");
        }
        Optional<String> callbackUrl = Optional.ofNullable(request.callbackUrl());
        if (callbackUrl.isPresent() && !isHttpUrl(callbackUrl.get())) {
            throw ProblemException.invalidField(422, fieldPrefix + "callbackUrl",
                    "callbackUrl must be an absolute http or https URL of at most " + MAX_URL + " characters");
        }
        Optional<Integer> validity = Optional.ofNullable(request.validitySeconds());
        if (validity.isPresent()
                && (validity.get() < config.minValiditySeconds() || validity.get() > config.maxValiditySeconds())) {
            throw ProblemException.invalidField(422, fieldPrefix + "validitySeconds", "validitySeconds must be in "
                    + config.minValiditySeconds() + ".." + config.maxValiditySeconds());
        }
        ChannelPlans.Plan plan = plans.plan(partner, request, fieldPrefix);
        if (plan.smsText().isEmpty()) {
            return new ValidMessage(e164, from, Optional.empty(), clientRef, callbackUrl, validity, null, 0, plan.ott());
        }
        String text = plan.smsText().get();
        String textField = plan.smsTextField();
        TextPreview preview;
        try {
            preview = bridge.preview(e164, text);
        } catch (TooManySegmentsException e) {
            throw ProblemException.invalidField(422, textField,
                    "text needs " + e.needed() + " SMS parts; at most " + e.allowed() + " are allowed");
        } catch (NoRouteException e) {
            throw ProblemException.invalidField(422, fieldPrefix + "to", "no SMS route serves this destination");
        }
        return new ValidMessage(e164, from, Optional.of(text), clientRef, callbackUrl, validity,
                preview.encoding().name(), preview.billableSegments(), plan.ott());
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(422, field, field.substring(field.lastIndexOf('.') + 1) + " is required");
        }
        return value.trim();
    }

    private static String strip(String prefix) {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static boolean isHttpUrl(String raw) {
        if (raw.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(raw);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
