package io.vjvector.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.client.Collector;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.prometheus.client.exporter.common.TextFormat;
import io.vjvector.tenant.TenantNamespace;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What of the metrics a tenant's caller reads: its collections under its own names, the process, nothing else. */
class TenantMetricsTest {

    private static MetricFamilySamples family(String name, List<String> labels, List<List<String>> values) {
        return new MetricFamilySamples(name, Collector.Type.GAUGE, "help of " + name,
                values.stream().map(v -> new Sample(name, labels, v, 1.0)).toList());
    }

    private static String visibleTo(String tenant, MetricFamilySamples... families) throws IOException {
        StringWriter out = new StringWriter();
        TextFormat.write004(out, TenantMetrics.visibleTo(TenantNamespace.of(tenant),
                Collections.enumeration(List.of(families))));
        return out.toString();
    }

    @Test
    void aTenantSeesItsCollectionsUnqualifiedAndNeverAnotherTenantsOrUnscopedNames() throws IOException {
        String text = visibleTo("acme",
                family("vjvector_points", List.of("collection"),
                        List.of(List.of("acme~docs"), List.of("globex~secret_plans"), List.of("plain"))),
                family("vjvector_replication_lag", List.of("collection", "shard", "node"),
                        List.of(List.of("acme~docs", "0", "n1"), List.of("globex~docs", "0", "n1"))));
        assertTrue(text.contains("vjvector_points{collection=\"docs\",} 1.0"), text);
        assertTrue(text.contains("vjvector_replication_lag{collection=\"docs\",shard=\"0\",node=\"n1\",} 1.0"), text);
        assertFalse(text.contains("globex") || text.contains("secret_plans") || text.contains("plain")
                || text.contains("acme~"), text);
        assertEquals(2, text.lines().filter(l -> !l.startsWith("#")).count(), text);
    }

    @Test
    void seriesWithoutACollectionAreShownOnlyForTheProcessAndJvm() throws IOException {
        String text = visibleTo("acme",
                family("jvm_memory_used_bytes", List.of("area"), List.of(List.of("heap"))),
                family("process_uptime_seconds", List.of(), List.of(List.of())),
                family("http_server_requests_seconds_count", List.of("uri"),
                        List.of(List.of("/collections/{collection_name}/points"))),
                family("vjvector_auth_rejections_total", List.of("status"), List.of(List.of("401"))));
        assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\",}"), text);
        assertTrue(text.contains("process_uptime_seconds 1.0"), text);
        assertFalse(text.contains("http_server_requests") || text.contains("vjvector_auth_rejections"),
                "every tenant's traffic and refusals stay hidden: " + text);
    }

    @Test
    void aFamilyWithNothingLeftIsLeftOutWhole() throws IOException {
        String text = visibleTo("acme", family("vjvector_points", List.of("collection"),
                List.of(List.of("globex~docs"))));
        assertEquals("", text);
    }

    @Test
    void theFormatIsChosenFromAcceptAsTheUnfilteredEndpointChoosesIt() {
        for (String accept : new String[] {null, "*/*", "application/openmetrics-text",
                "application/openmetrics-text; version=1.0.0; charset=utf-8"}) {
            assertEquals(TextFormat.CONTENT_TYPE_OPENMETRICS_100, TenantMetrics.formatFor(accept), "Accept: " + accept);
        }
        for (String accept : new String[] {"text/plain", "text/html,application/xhtml+xml",
                "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"}) {
            assertEquals(TextFormat.CONTENT_TYPE_004, TenantMetrics.formatFor(accept), "Accept: " + accept);
        }
    }

    @Test
    void anOpenMetricsAcceptGetsTheSameSeriesInOpenMetricsEndingInEof() {
        MetricFamilySamples[] families = {
                family("vjvector_points", List.of("collection"), List.of(List.of("acme~docs"), List.of("globex~docs"))),
                family("jvm_threads_live", List.of(), List.of(List.of())),
                family("http_server_requests_seconds_count", List.of("uri"), List.of(List.of("/collections")))};
        TenantMetrics.Exposition open = TenantMetrics.render(TenantNamespace.of("acme"),
                Collections.enumeration(List.of(families)), "application/openmetrics-text");
        assertEquals(TextFormat.CONTENT_TYPE_OPENMETRICS_100, open.contentType());
        assertTrue(open.text().endsWith("# EOF\n"), open.text());
        assertTrue(open.text().contains("vjvector_points{collection=\"docs\"} 1.0"), open.text());
        assertTrue(open.text().contains("jvm_threads_live 1.0"), open.text());
        assertFalse(open.text().contains("globex") || open.text().contains("acme~")
                || open.text().contains("http_server_requests"), open.text());

        for (String accept : new String[] {"text/plain", "text/plain; version=0.0.4"}) {
            TenantMetrics.Exposition plain = TenantMetrics.render(TenantNamespace.of("acme"),
                    Collections.enumeration(List.of(families)), accept);
            assertEquals(TextFormat.CONTENT_TYPE_004, plain.contentType(), "Accept: " + accept);
            assertFalse(plain.text().contains("# EOF"), plain.text());
            assertTrue(plain.text().contains("vjvector_points{collection=\"docs\",} 1.0"), plain.text());
            assertEquals(2, plain.text().lines().filter(l -> !l.startsWith("#")).count(), plain.text());
        }
    }
}
