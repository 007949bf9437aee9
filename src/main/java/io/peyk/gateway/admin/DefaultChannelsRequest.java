package io.peyk.gateway.admin;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.peyk.gateway.message.ChannelRequest;

/**
 * The body of {@code PUT /admin/v1/partners/{id}/default-channels}: the hops, without content, for the partner's
 * messages sent without a plan, e.g. {@code [{"type":"ott","successStatus":"delivered","fallbackAfterSeconds":30},
 * {"type":"sms"}]}.
 */
@Schema(description = "A partner's default channel plan")
public record DefaultChannelsRequest(@Schema(required = true) List<ChannelRequest> channels) {
}
