package io.peyk.gateway.message;

import java.util.Optional;

/**
 * A request that passed every check: destination in E.164, a sender of the partner, and its channel plan — an OTT hop
 * (the app channel), an SMS hop (the text, its encoding and billable parts), or the OTT hop followed by the SMS hop.
 */
record ValidMessage(String to, String from, Optional<String> text, Optional<String> clientRef,
        Optional<String> callbackUrl, Optional<Integer> validitySeconds, String encoding, int segments,
        Optional<OttHop> ott) {

    /** The channel the message starts on. */
    String firstChannel() {
        return ott.isPresent() ? "ott" : "sms";
    }

    @Override
    public String toString() {
        return "ValidMessage[to=" + to + ", from=" + from + ", segments=" + segments + ", ott=" + ott + "]";
    }
}
