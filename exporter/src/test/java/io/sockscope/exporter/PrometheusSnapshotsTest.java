package io.sockscope.exporter;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.sockscope.export.AddressScope;
import io.sockscope.export.ListenQueue;
import io.sockscope.export.ListenerSeries;
import io.sockscope.export.MetricsSnapshot;
import io.sockscope.export.ProcessSeries;
import io.sockscope.export.QueuedBytes;
import io.sockscope.export.SeriesPlace;
import io.sockscope.export.SocketCount;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PrometheusSnapshots}: the series, labels and types client_java's writers get from a snapshot. */
class PrometheusSnapshotsTest {
    private static final MetricsSnapshot SNAPSHOT = new MetricsSnapshot(1_000, false,
            List.of(new SocketCount(SeriesPlace.NONE, "tcp", "close-wait", 3),
                    new SocketCount(SeriesPlace.NONE, "u_str", "established", 12)),
            List.of(new ListenerSeries(SeriesPlace.NONE, "tcp", AddressScope.LOOPBACK, "127.0.0.1", 8080, "api")),
            List.of(new ListenQueue(SeriesPlace.NONE, "tcp", "127.0.0.1", 8080, 2, 128)),
            List.of(new QueuedBytes(SeriesPlace.NONE, "tcp", 1500, 230)),
            List.of(new ProcessSeries("api", "4242", 5, 3, 75.5, 40, 1024),
                    new ProcessSeries("other", "", 9, 0, 0, -1, -1)),
            new MetricsSnapshot.TruncatedSeries(6, 0, 0), 0.25);

    private static String text(MetricsSnapshot snapshot) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, PrometheusSnapshots.of(snapshot));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theTextFormatHoldsEverySeriesWithItsLabels() throws IOException {
        String text = text(SNAPSHOT);
        for (String line : List.of(
                "sockscope_sockets{netid=\"tcp\",state=\"close-wait\"} 3.0",
                "sockscope_sockets{netid=\"u_str\",state=\"established\"} 12.0",
                "sockscope_listener_info{address=\"127.0.0.1\",address_scope=\"loopback\",netid=\"tcp\",port=\"8080\","
                        + "process=\"api\"} 1",
                "sockscope_listen_queue{address=\"127.0.0.1\",netid=\"tcp\",port=\"8080\"} 2.0",
                "sockscope_listen_queue_limit{address=\"127.0.0.1\",netid=\"tcp\",port=\"8080\"} 128.0",
                "sockscope_process_sockets{pid=\"4242\",process=\"api\"} 5.0",
                "sockscope_process_sockets{pid=\"\",process=\"other\"} 9.0",
                "sockscope_close_wait_sockets{pid=\"4242\",process=\"api\"} 3.0",
                "sockscope_close_wait_oldest_seconds{pid=\"4242\",process=\"api\"} 75.5",
                "sockscope_process_open_fds{pid=\"4242\",process=\"api\"} 40.0",
                "sockscope_process_max_fds{pid=\"4242\",process=\"api\"} 1024.0",
                "sockscope_scrape_duration_seconds 0.25",
                "sockscope_queued_bytes{netid=\"tcp\",queue=\"receive\"} 1500.0",
                "sockscope_queued_bytes{netid=\"tcp\",queue=\"send\"} 230.0",
                "sockscope_series_truncated_total{series=\"process\"} 6.0",
                "# TYPE sockscope_series_truncated_total counter",
                "# TYPE sockscope_listener_info gauge")) {
            assertTrue(text.contains(line + "\n"), () -> "missing: " + line + "\nin:\n" + text);
        }
        assertFalse(text.contains("sockscope_process_open_fds{pid=\"\""), "other has no descriptor count");
        assertFalse(text.contains("sockscope_process_max_fds{pid=\"\""), "nor a limit");
        assertFalse(text.contains("netns="), "one namespace: no place labels");
    }

    @Test
    void openMetricsTypesTheListenerAsInfoAndEndsWithEof() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenMetricsTextFormatWriter.create().write(out, PrometheusSnapshots.of(SNAPSHOT));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("# TYPE sockscope_listener info\n"), text);
        assertTrue(text.contains("# UNIT sockscope_close_wait_oldest_seconds seconds\n"), text);
        assertTrue(text.endsWith("# EOF\n"), text);
    }

    @Test
    void everyNamespaceAddsThePlaceLabelsAndAFamilyWithNoSeriesIsLeftOut() throws IOException {
        SeriesPlace pod = new SeriesPlace("pid:77", "cart", "shop/cart-1", "");
        MetricsSnapshot placed = new MetricsSnapshot(1_000, true,
                List.of(new SocketCount(pod, "tcp", "established", 1)), List.of(), List.of(), List.of(), List.of(),
                MetricsSnapshot.TruncatedSeries.NONE, 0.1);
        String text = text(placed);
        assertTrue(text.contains("sockscope_sockets{container=\"cart\",netid=\"tcp\",netns=\"pid:77\","
                + "pod=\"shop/cart-1\",state=\"established\",unit=\"\"} 1.0\n"), text);
        assertFalse(text.contains("sockscope_listen_queue"), text);
        assertFalse(text.contains("sockscope_process_sockets"), text);
        assertEquals(1, text.lines().filter(l -> l.startsWith("sockscope_scrape_duration_seconds ")).count());
    }
}
