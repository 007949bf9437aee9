package io.peyk.gateway.metering;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits of CSV uploads of packet-core data records ({@code peyk.billing.metering.upload.*}, endpoint
 * {@code POST /admin/v1/usage-records}). The body is also bounded by {@code quarkus.http.limits.max-body-size}, which
 * applies first.
 */
@ConfigMapping(prefix = "peyk.billing.metering.upload")
public interface UsageUploadConfig {

    /** Largest body accepted (413 beyond). */
    @WithDefault("10M")
    MemorySize maxBodySize();

    /** Data lines (records after the header, blank lines not counted) per file at most (413 beyond). */
    @WithDefault("100000")
    int maxLines();

    /** Characters per record at most, quoted line breaks included; a longer record is a line error. */
    @WithDefault("4096")
    int maxLineLength();

    /** Line errors listed in an answer at most (all are counted). */
    @WithDefault("1000")
    int maxErrors();

    /** Records stored per database transaction at most (1..5000; outside, the nearest bound). */
    @WithDefault("5000")
    int batchSize();
}
