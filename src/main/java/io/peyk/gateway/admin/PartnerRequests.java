package io.peyk.gateway.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.api.Problems;
import io.peyk.gateway.partner.NewPartner;
import io.peyk.gateway.partner.SenderIds;

/** The rules a new partner must meet; each broken rule is a 422 {@code invalid-field} problem naming the field. */
public final class PartnerRequests {

    public static final int MAX_NAME = 100;
    public static final int MAX_SENDER_IDS = 50;
    public static final int MAX_URL = 2000;
    public static final int MAX_RATE = 100_000;
    public static final String DEFAULT_TIME_ZONE = "Asia/Tehran";

    private PartnerRequests() {
    }

    public static NewPartner validate(CreatePartnerRequest request) {
        if (request == null) {
            throw ProblemException.of(400, "missing-body", "Missing body", "Send the partner as a JSON object.");
        }
        return new NewPartner(name(request.name()), senderIds(request.senderIds()), webhookUrl(request.webhookUrl()),
                timeZone(request.timeZone()), rate(request.rateLimitPerSecond()));
    }

    static String name(String name) {
        if (name == null) {
            throw Problems.invalidField("name", "name is required.");
        }
        if (name.isBlank() || name.length() > MAX_NAME || !name.equals(name.strip())
                || name.codePoints().anyMatch(Character::isISOControl)) {
            throw Problems.invalidField("name", "name must be 1 to " + MAX_NAME
                    + " characters, without control characters or surrounding spaces.");
        }
        return name;
    }

    static List<String> senderIds(List<String> senderIds) {
        if (senderIds == null || senderIds.isEmpty() || senderIds.size() > MAX_SENDER_IDS) {
            throw Problems.invalidField("senderIds", "senderIds must list 1 to " + MAX_SENDER_IDS + " sender ids.");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < senderIds.size(); i++) {
            String senderId = senderIds.get(i);
            String field = "senderIds[" + i + "]";
            if (!SenderIds.isValid(senderId)) {
                throw Problems.invalidField(field, "A sender id must be an E.164 number (+ and 8 to 15 digits), a short"
                        + " code (3 to 8 digits) or an alphanumeric name (1 to 11 of A-Z a-z 0-9 and inner spaces,"
                        + " with a letter).");
            }
            if (!seen.add(senderId)) {
                throw Problems.invalidField(field, "This sender id is listed twice.");
            }
        }
        return senderIds;
    }

    static Optional<String> webhookUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        if (url.length() > MAX_URL) {
            throw Problems.invalidField("webhookUrl", "webhookUrl must be at most " + MAX_URL + " characters.");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (uri.isAbsolute() && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && uri.getHost() != null && uri.getFragment() == null && uri.getUserInfo() == null) {
                return Optional.of(url);
            }
        } catch (URISyntaxException e) {
            // Falls through to the problem.
        }
        throw Problems.invalidField("webhookUrl",
                "webhookUrl must be an absolute http or https URL with a host, without credentials or fragment.");
    }

    static ZoneId timeZone(String timeZone) {
        if (timeZone == null) {
            return ZoneId.of(DEFAULT_TIME_ZONE);
        }
        try {
            if (timeZone.length() <= 64) {
                return ZoneId.of(timeZone);
            }
        } catch (DateTimeException e) {
            // Falls through to the problem.
        }
        throw Problems.invalidField("timeZone", "timeZone must be an IANA time zone such as Asia/Tehran.");
    }

    static int rate(Integer rate) {
        if (rate == null || rate < 1 || rate > MAX_RATE) {
            throw Problems.invalidField("rateLimitPerSecond",
                    "rateLimitPerSecond must be an integer from 1 to " + MAX_RATE + ".");
        }
        return rate;
    }
}
