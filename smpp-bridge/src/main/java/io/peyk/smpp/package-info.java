/**
 * Peyk's SMPP bridge: the gateway talks to operator SMSCs only through the types of this package tree.
 */
package io.peyk.smpp;
