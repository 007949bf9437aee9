/**
 * Text encodings used on SMPP binds: the GSM 03.38 default alphabet (unpacked and packed), UCS-2, and decoding of
 * received bodies by {@code data_coding}.
 */
package io.peyk.smpp.encoding;
