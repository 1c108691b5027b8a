package io.sockscope.exporter;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.sockscope.export.ListenQueue;
import io.sockscope.export.ListenerSeries;
import io.sockscope.export.MetricsSnapshot;
import io.sockscope.export.ProcessSeries;
import io.sockscope.export.QueuedBytes;
import io.sockscope.export.SeriesPlace;
import io.sockscope.export.SocketCount;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A {@link MetricsSnapshot} as client_java's model, which its writers turn into the Prometheus text format or
 * OpenMetrics. Names, help texts and labels are the ones docs/metrics.md lists; a family with no series is left
 * out, as client_java's own collectors leave it.
 */
public final class PrometheusSnapshots {
    private PrometheusSnapshots() {
    }

    /** Every family of {@code snapshot}. */
    public static MetricSnapshots of(MetricsSnapshot snapshot) {
        List<MetricSnapshot> families = new ArrayList<>();
        boolean placed = snapshot.placed();
        add(families, gauge("sockscope_sockets", "Sockets by table (netid, as ss names it) and state.", null,
                snapshot.sockets(), s -> labels(placed, s.place(), "netid", s.netid(), "state", s.state()),
                SocketCount::count));
        if (!snapshot.listeners().isEmpty()) {
            InfoSnapshot.Builder info = InfoSnapshot.builder().name("sockscope_listener")
                    .help("One series per listening address: its table, bound address and port, who may connect"
                            + " (address_scope: loopback, any or specific) and the process holding it.");
            for (ListenerSeries l : snapshot.listeners()) {
                info.dataPoint(InfoDataPointSnapshot.builder().labels(labels(placed, l.place(), "netid", l.netid(),
                        "address_scope", l.scope().label(), "address", l.address(), "port",
                        Integer.toString(l.port()), "process", l.process())).build());
            }
            families.add(info.build());
        }
        add(families, gauge("sockscope_listen_queue", "Connections waiting to be accepted on a listening address"
                        + " (ss's Recv-Q of a listener).", null, snapshot.queues(), q -> queueLabels(placed, q),
                ListenQueue::queued));
        add(families, gauge("sockscope_listen_queue_limit", "The accept queue's limit: the listen() backlog as"
                        + " the kernel capped it (ss's Send-Q of a listener).", null, snapshot.queues(),
                q -> queueLabels(placed, q), ListenQueue::limit));
        GaugeSnapshot.Builder queued = GaugeSnapshot.builder().name("sockscope_queued_bytes").unit(Unit.BYTES)
                .help("Bytes waiting in the kernel's buffers of a table's connections, summed: received and not yet"
                        + " read (queue=\"receive\", ss's Recv-Q), or not yet sent or acknowledged (queue=\"send\").");
        for (QueuedBytes q : snapshot.queued()) {
            queued.dataPoint(GaugeDataPointSnapshot.builder()
                    .labels(labels(placed, q.place(), "netid", q.netid(), "queue", "receive")).value(q.receive()).build());
            queued.dataPoint(GaugeDataPointSnapshot.builder()
                    .labels(labels(placed, q.place(), "netid", q.netid(), "queue", "send")).value(q.send()).build());
        }
        add(families, queued.build());
        List<ProcessSeries> processes = snapshot.processes();
        add(families, gauge("sockscope_process_sockets", "Sockets a process holds (the processes past the cap"
                + " summed as process=\"other\").", null, processes, PrometheusSnapshots::processLabels,
                ProcessSeries::sockets));
        add(families, gauge("sockscope_close_wait_sockets", "A process's sockets in CLOSE-WAIT: the peer has"
                        + " closed and the process has not.", null, processes, PrometheusSnapshots::processLabels,
                ProcessSeries::closeWait));
        add(families, gauge("sockscope_close_wait_oldest_seconds", "How long a process's oldest CLOSE-WAIT socket"
                        + " has been in that state at least; 0 when it has none.", Unit.SECONDS, processes,
                PrometheusSnapshots::processLabels, ProcessSeries::closeWaitOldestSeconds));
        add(families, gauge("sockscope_process_open_fds", "A socket owner's open file descriptors.", null,
                processes.stream().filter(p -> p.openDescriptors() >= 0).toList(),
                PrometheusSnapshots::processLabels, ProcessSeries::openDescriptors));
        add(families, gauge("sockscope_process_max_fds", "A socket owner's soft RLIMIT_NOFILE (absent when"
                        + " unlimited).", null, processes.stream().filter(p -> p.maxDescriptors() >= 0).toList(),
                PrometheusSnapshots::processLabels, ProcessSeries::maxDescriptors));
        families.add(GaugeSnapshot.builder().name("sockscope_scrape_duration_seconds")
                .help("How long taking this scrape's snapshot of the socket table took.").unit(Unit.SECONDS)
                .dataPoint(GaugeDataPointSnapshot.builder().value(snapshot.durationSeconds()).build()).build());
        MetricsSnapshot.TruncatedSeries truncated = snapshot.truncated();
        families.add(CounterSnapshot.builder().name("sockscope_series_truncated")
                .help("Series the caps kept out since the exporter started: processes folded into"
                        + " process=\"other\", listening addresses and accept queues dropped.")
                .dataPoint(counter("process", truncated.processes()))
                .dataPoint(counter("listener", truncated.listeners()))
                .dataPoint(counter("listen_queue", truncated.listenQueues()))
                .build());
        return new MetricSnapshots(families);
    }

    private static CounterDataPointSnapshot counter(String series, long value) {
        return CounterDataPointSnapshot.builder().labels(Labels.of("series", series)).value(value).build();
    }

    private static void add(List<MetricSnapshot> families, GaugeSnapshot gauge) {
        if (!gauge.getDataPoints().isEmpty()) {
            families.add(gauge);
        }
    }

    private static <T> GaugeSnapshot gauge(String name, String help, Unit unit, List<T> rows,
                                           Function<T, Labels> labels, ToDoubleFunction<T> value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        if (unit != null) {
            b.unit(unit);
        }
        for (T row : rows) {
            b.dataPoint(GaugeDataPointSnapshot.builder().labels(labels.apply(row)).value(value.applyAsDouble(row))
                    .build());
        }
        return b.build();
    }

    private static Labels queueLabels(boolean placed, ListenQueue q) {
        return labels(placed, q.place(), "netid", q.netid(), "address", q.address(), "port",
                Integer.toString(q.port()));
    }

    private static Labels processLabels(ProcessSeries p) {
        return Labels.of("process", p.process(), "pid", p.pid());
    }

    /** {@code names} and values in pairs, with the place's four labels when every namespace was read. */
    private static Labels labels(boolean placed, SeriesPlace place, String... pairs) {
        if (!placed) {
            return Labels.of(pairs);
        }
        String[] all = new String[pairs.length + 8];
        System.arraycopy(pairs, 0, all, 0, pairs.length);
        int i = pairs.length;
        all[i++] = "netns";
        all[i++] = place.netns();
        all[i++] = "container";
        all[i++] = place.container();
        all[i++] = "pod";
        all[i++] = place.pod();
        all[i++] = "unit";
        all[i] = place.unit();
        return Labels.of(all);
    }
}
