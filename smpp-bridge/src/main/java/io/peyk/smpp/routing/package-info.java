/**
 * Choice of SMPP connectors for a destination number: longest-prefix rules with an ordered failover list each.
 */
package io.peyk.smpp.routing;
