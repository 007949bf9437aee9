/**
 * Mobile-originated (MO) message reassembly: concatenated parts (UDH IEI 0x00 / 0x08 or SAR TLVs) are grouped and
 * joined into one message body, on octets; decoding to text happens elsewhere.
 */
package io.peyk.smpp.inbound;
