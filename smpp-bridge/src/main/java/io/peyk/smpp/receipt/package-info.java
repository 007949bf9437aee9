/**
 * Delivery receipts: parsing deliver_sm receipts (TLVs and the tolerant appendix B text form) and normalising SMSC
 * message ids so that the id of a submit_sm_resp and the id of its receipt meet on one key.
 */
package io.peyk.smpp.receipt;
