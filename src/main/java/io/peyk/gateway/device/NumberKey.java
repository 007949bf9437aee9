package io.peyk.gateway.device;

import java.util.UUID;

/** A partner's subscriber number: the unit connections are grouped and messages are pushed by. */
record NumberKey(UUID partnerId, String msisdn) {
}
