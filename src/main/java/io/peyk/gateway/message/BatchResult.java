package io.peyk.gateway.message;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One result per message of a batch, in request order: {@code status} 202 with {@code message}, or a 4xx with the same
 * problem object a single request would have got.
 */
@Schema(name = "BatchResult")
public record BatchResult(int accepted, int rejected, List<Item> results) {

    @Schema(name = "BatchItem")
    public record Item(int index, int status, MessageAccepted message, Map<String, Object> problem) {
    }
}
