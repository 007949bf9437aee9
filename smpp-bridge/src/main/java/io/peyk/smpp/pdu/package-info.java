/**
 * SMPP 3.4 wire values the bridge reasons about: command_status codes and what to do about them, message states,
 * TLV tags and esm_class bits. Pure Java, independent of the SMPP library used by the session layer.
 */
package io.peyk.smpp.pdu;
