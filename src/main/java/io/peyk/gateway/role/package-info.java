/**
 * The instance role ({@code peyk.instance.role}, env {@code PEYK_INSTANCE_ROLE}): one image runs as the gateway, as the
 * billing worker, or as both (the default), so an operator scales the two apart.
 *
 * <p>
 * <b>Gateway only</b> (started when {@link io.peyk.gateway.role.Roles#gateway()}): the message dispatcher, the SMPP
 * binds (a billing instance builds a bridge with no connector: it never binds and its readiness check has nothing to
 * wait for), the webhook dispatcher, fallback timers, device presence and heartbeats, app-channel notifications and
 * text retention; and the partner messaging API and device WebSocket ({@link io.peyk.gateway.role.GatewayOnlyRoutes}
 * answers them with 503 {@code role-not-served} elsewhere).
 *
 * <p>
 * <b>Billing only</b> (when {@link io.peyk.gateway.role.Roles#billing()}): metering, which
 * {@code peyk.billing.metering.enabled=false} still turns off.
 *
 * <p>
 * <b>Every role</b>: HTTP health, metrics, the admin API and the billing reads; Flyway migrations; and the outbox
 * publisher. The outbox is how any committed state change reaches Kafka, not gateway work: its rows are written by
 * whoever changes state (today gateway work, usage events included), and an advisory lock lets one instance publish at a
 * time whatever the number of candidates. Running it everywhere costs a billing instance one idle poll and means rows
 * committed by gateway instances that have since died are still published, and metered.
 */
package io.peyk.gateway.role;
