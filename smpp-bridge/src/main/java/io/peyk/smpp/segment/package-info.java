/**
 * Splitting an outgoing text into SMPP submissions: encoding choice, concatenation method (UDH, SAR TLVs or
 * message_payload) and billable segment count.
 */
package io.peyk.smpp.segment;
