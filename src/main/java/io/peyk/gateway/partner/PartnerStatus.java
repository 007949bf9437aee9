package io.peyk.gateway.partner;

/** Whether a partner may send. A suspended partner's keys are refused until it is resumed. */
public enum PartnerStatus {
    ACTIVE, SUSPENDED
}
