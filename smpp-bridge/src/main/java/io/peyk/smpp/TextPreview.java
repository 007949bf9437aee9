package io.peyk.smpp;

import io.peyk.smpp.encoding.TextEncoding;

/** How a text would be sent on a connector, without sending it: its encoding and billable segments. */
public record TextPreview(String connector, TextEncoding encoding, int billableSegments) {
}
