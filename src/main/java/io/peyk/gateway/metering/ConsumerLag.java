package io.peyk.gateway.metering;

import java.util.Map;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * A consumer's lag from its own fetch metrics: the sum of {@code records-lag} over the partitions assigned to it (the
 * records between its position and each partition's end). Partitions whose lag is not known yet count as 0.
 */
final class ConsumerLag {

    private static final String GROUP = "consumer-fetch-manager-metrics";
    private static final String NAME = "records-lag";

    private ConsumerLag() {
    }

    static long recordsBehind(Map<MetricName, ? extends Metric> metrics) {
        long sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> m : metrics.entrySet()) {
            MetricName name = m.getKey();
            if (NAME.equals(name.name()) && GROUP.equals(name.group()) && name.tags().containsKey("partition")
                    && m.getValue().metricValue() instanceof Number n && Double.isFinite(n.doubleValue())) {
                sum += Math.max(0, n.longValue());
            }
        }
        return sum;
    }
}
