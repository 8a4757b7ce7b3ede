package io.vjvector.ops.metrics;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.prometheus.client.exporter.common.TextFormat;
import io.vjvector.tenant.TenantNamespace;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The part of the Prometheus metrics a caller of one tenant may read: every series whose
 * {@code collection} label names one of its own collections, relabelled with the name it uses
 * (without the {@code <tenant>~} prefix), and the node's runtime families ({@code jvm_*},
 * {@code process_*}, {@code system_*}), which describe the process and name no tenant's data.
 *
 * <p>Everything else is left out, on purpose as an allow-list: a series without a collection
 * label may still tell about other tenants (the HTTP request counts by endpoint add up every
 * tenant's traffic, the authentication refusals every tenant's callers), and a family added later
 * stays hidden from tenants until someone decides it leaks nothing.
 */
public final class TenantMetrics {

    static final String COLLECTION = "collection";
    /** Families without a collection label that a tenant sees: the shared process, not anyone's data or traffic. */
    private static final List<String> NODE_FAMILIES = List.of("jvm_", "process_", "system_");

    /** A scrape's answer: its {@code Content-Type} and body. */
    public record Exposition(String contentType, String text) {
    }

    private TenantMetrics() {
    }

    /**
     * What of {@code all} the tenant {@code namespace} may read, in the format {@link #formatFor}
     * picks for the {@code Accept} header.
     */
    public static Exposition render(TenantNamespace namespace, Enumeration<MetricFamilySamples> all, String accept) {
        String contentType = formatFor(accept);
        StringWriter out = new StringWriter();
        try {
            TextFormat.writeFormat(contentType, out, visibleTo(namespace, all));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Exposition(contentType, out.toString());
    }

    /**
     * The content type the unfiltered endpoint (Quarkus' Prometheus handler) answers {@code accept}
     * with, so that one scraper gets one format whichever caller it scrapes as: Prometheus text
     * 0.0.4 when the header names {@code text/plain} or {@code text/html} anywhere (Prometheus
     * itself lists {@code text/plain} as a fallback, so it gets 0.0.4 too), OpenMetrics 1.0
     * otherwise, also with no header or {@code *}{@code /*}.
     */
    static String formatFor(String accept) {
        if (accept != null && (accept.contains("text/plain") || accept.contains("text/html"))) {
            return TextFormat.CONTENT_TYPE_004;
        }
        return TextFormat.CONTENT_TYPE_OPENMETRICS_100;
    }

    /** What of {@code all} the tenant {@code namespace} may read, in the same order. */
    public static Enumeration<MetricFamilySamples> visibleTo(TenantNamespace namespace,
                                                            Enumeration<MetricFamilySamples> all) {
        List<MetricFamilySamples> visible = new ArrayList<>();
        while (all.hasMoreElements()) {
            MetricFamilySamples family = all.nextElement();
            boolean nodeFamily = NODE_FAMILIES.stream().anyMatch(family.name::startsWith);
            List<Sample> kept = new ArrayList<>();
            for (Sample sample : family.samples) {
                int label = sample.labelNames.indexOf(COLLECTION);
                if (label < 0) {
                    if (nodeFamily) {
                        kept.add(sample);
                    }
                    continue;
                }
                String name = namespace.external(sample.labelValues.get(label));
                if (name != null) {
                    List<String> values = new ArrayList<>(sample.labelValues);
                    values.set(label, name);
                    kept.add(new Sample(sample.name, sample.labelNames, values, sample.value, sample.exemplar,
                            sample.timestampMs));
                }
            }
            if (!kept.isEmpty()) {
                visible.add(new MetricFamilySamples(family.name, family.unit, family.type, family.help, kept));
            }
        }
        return Collections.enumeration(visible);
    }
}
