package io.peyk.gateway.message;

import java.util.Optional;

/** A request that passed every check: destination in E.164, a sender of the partner, its encoding and billable parts. */
record ValidMessage(String to, String from, String text, Optional<String> clientRef, Optional<String> callbackUrl,
        Optional<Integer> validitySeconds, String encoding, int segments) {

    @Override
    public String toString() {
        return "ValidMessage[to=" + to + ", from=" + from + ", segments=" + segments + "]";
    }
}
