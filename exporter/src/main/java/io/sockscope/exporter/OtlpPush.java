package io.sockscope.exporter;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.sockscope.export.ListenQueue;
import io.sockscope.export.ListenerSeries;
import io.sockscope.export.MetricsSnapshot;
import io.sockscope.export.ProcessSeries;
import io.sockscope.export.QueuedBytes;
import io.sockscope.export.SeriesPlace;
import io.sockscope.export.SocketCount;
import io.sockscope.model.WarningSink;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The same snapshots pushed as OTLP/HTTP metrics by the OpenTelemetry SDK, every interval: each push takes a
 * snapshot ({@link SharedSnapshots}, shared with scrapes in flight) in one batch callback. Names follow OpenTelemetry's
 * semantic conventions where they have one ({@code system.network.connections} with {@code network.transport} and
 * {@code network.connection.state}; {@code process.open_file_descriptor.count}; {@code process.pid},
 * {@code process.executable.name}, {@code network.local.address}, {@code network.local.port},
 * {@code container.name}), and the Prometheus series' names with dots otherwise (docs/metrics.md).
 *
 * <p>The SDK reports failed exports through java.util.logging, with stack traces; here they become one-line warnings.
 */
public final class OtlpPush implements AutoCloseable {
    /** How long one push may wait for its snapshot before it is sent without one. */
    private static final long SNAPSHOT_WAIT_SECONDS = 30;
    /** The longest one push may take. */
    private static final long EXPORT_TIMEOUT_MILLIS = 10_000;

    private final SdkMeterProvider provider;
    /** Held so that the SDK's loggers keep the handler that routes them (JUL keeps loggers weakly). */
    private final Logger sdkLogger;
    private final Handler sdkLogHandler;

    private OtlpPush(SdkMeterProvider provider, Logger sdkLogger, Handler sdkLogHandler) {
        this.provider = provider;
        this.sdkLogger = sdkLogger;
        this.sdkLogHandler = sdkLogHandler;
    }

    /**
     * Starts pushing to {@code endpoint} (the full URL, {@code http://HOST:4318/v1/metrics}) every
     * {@code everyMillis}; the first push comes one interval after the start.
     */
    public static OtlpPush start(URI endpoint, long everyMillis, String hostName, SharedSnapshots snapshots,
                                 WarningSink warnings) {
        Logger sdkLogger = Logger.getLogger("io.opentelemetry");
        Handler handler = new OneLineWarnings(endpoint, warnings);
        sdkLogger.setUseParentHandlers(false);
        sdkLogger.addHandler(handler);
        // One attempt per push, within the interval: the next push is the retry, and a failure says why at once
        // rather than "timed out" while the sender's backoff still runs.
        Duration timeout = Duration.ofMillis(Math.min(EXPORT_TIMEOUT_MILLIS, everyMillis));
        OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder().setEndpoint(endpoint.toString())
                .setTimeout(timeout).setRetryPolicy(null).build();
        PeriodicMetricReader reader = PeriodicMetricReader.builder(exporter).setInterval(Duration.ofMillis(everyMillis))
                .setExporterTimeout(timeout).build();
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.builder()
                .put("service.name", "sockscope").put("host.name", hostName).build()));
        SdkMeterProvider provider = SdkMeterProvider.builder().setResource(resource).registerMetricReader(reader)
                .build();
        new Instruments(provider.get("io.sockscope"), snapshots, warnings);
        return new OtlpPush(provider, sdkLogger, handler);
    }

    /** Pushes what is due one last time and stops (at most five seconds). */
    @Override
    public void close() {
        provider.shutdown().join(5, TimeUnit.SECONDS);
        sdkLogger.removeHandler(sdkLogHandler);
    }

    /** The instruments, recorded from one snapshot per collection. */
    private static final class Instruments {
        private final SharedSnapshots snapshots;
        private final WarningSink warnings;
        private final ObservableLongMeasurement connections;
        private final ObservableLongMeasurement sockets;
        private final ObservableLongMeasurement listeners;
        private final ObservableLongMeasurement queue;
        private final ObservableLongMeasurement queueLimit;
        private final ObservableLongMeasurement queued;
        private final ObservableLongMeasurement processSockets;
        private final ObservableLongMeasurement closeWait;
        private final ObservableDoubleMeasurement closeWaitOldest;
        private final ObservableLongMeasurement openFds;
        private final ObservableLongMeasurement maxFds;
        private final ObservableDoubleMeasurement duration;
        private final ObservableLongMeasurement truncated;

        Instruments(Meter meter, SharedSnapshots snapshots, WarningSink warnings) {
            this.snapshots = snapshots;
            this.warnings = warnings;
            connections = meter.upDownCounterBuilder("system.network.connections").setUnit("{connection}")
                    .setDescription("TCP and UDP sockets by state.").buildObserver();
            sockets = meter.gaugeBuilder("sockscope.sockets").ofLongs().setUnit("{socket}")
                    .setDescription("Sockets by table (netid, as ss names it) and state.").buildObserver();
            listeners = meter.gaugeBuilder("sockscope.listener.info").ofLongs()
                    .setDescription("One series per listening address, value 1.").buildObserver();
            queue = meter.gaugeBuilder("sockscope.listen_queue").ofLongs().setUnit("{connection}")
                    .setDescription("Connections waiting to be accepted on a listening address.").buildObserver();
            queueLimit = meter.gaugeBuilder("sockscope.listen_queue.limit").ofLongs().setUnit("{connection}")
                    .setDescription("The accept queue's limit (the listen() backlog).").buildObserver();
            queued = meter.gaugeBuilder("sockscope.queued").ofLongs().setUnit("By")
                    .setDescription("Bytes waiting in the kernel's buffers of a table's connections, summed.")
                    .buildObserver();
            processSockets = meter.gaugeBuilder("sockscope.process.sockets").ofLongs().setUnit("{socket}")
                    .setDescription("Sockets a process holds.").buildObserver();
            closeWait = meter.gaugeBuilder("sockscope.close_wait.sockets").ofLongs().setUnit("{socket}")
                    .setDescription("A process's sockets in CLOSE-WAIT.").buildObserver();
            closeWaitOldest = meter.gaugeBuilder("sockscope.close_wait.oldest").setUnit("s")
                    .setDescription("How long a process's oldest CLOSE-WAIT socket has been in that state at least.")
                    .buildObserver();
            openFds = meter.upDownCounterBuilder("process.open_file_descriptor.count").setUnit("{file_descriptor}")
                    .setDescription("A socket owner's open file descriptors.").buildObserver();
            maxFds = meter.gaugeBuilder("sockscope.process.max_fds").ofLongs().setUnit("{file_descriptor}")
                    .setDescription("A socket owner's soft RLIMIT_NOFILE.").buildObserver();
            duration = meter.gaugeBuilder("sockscope.scrape.duration").setUnit("s")
                    .setDescription("How long taking the snapshot took.").buildObserver();
            truncated = meter.counterBuilder("sockscope.series.truncated").setUnit("{series}")
                    .setDescription("Series the caps kept out since the exporter started.").buildObserver();
            meter.batchCallback(this::record, connections, sockets, listeners, queue, queueLimit, queued,
                    processSockets, closeWait, closeWaitOldest, openFds, maxFds, duration, truncated);
        }

        private void record() {
            MetricsSnapshot s;
            try {
                s = snapshots.next().get(SNAPSHOT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                warnings.warn("OTLP push without metrics: " + e.getCause().getMessage());
                return;
            } catch (TimeoutException e) {
                warnings.warn("OTLP push without metrics: the snapshot took over " + SNAPSHOT_WAIT_SECONDS + "s");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (SocketCount c : s.sockets()) {
                sockets.record(c.count(), place(s, c.place()).put("sockscope.netid", c.netid())
                        .put("sockscope.state", c.state()).build());
                String state = SemanticNames.connectionState(c.state());
                if ((c.netid().equals("tcp") || c.netid().equals("udp")) && state != null) {
                    connections.record(c.count(), place(s, c.place()).put("network.transport", c.netid())
                            .put("network.connection.state", state).build());
                }
            }
            for (ListenerSeries l : s.listeners()) {
                listeners.record(1, place(s, l.place()).put("network.transport", l.netid())
                        .put("network.local.address", l.address()).put("network.local.port", l.port())
                        .put("sockscope.address_scope", l.scope().label())
                        .put("process.executable.name", l.process().isEmpty() ? null : l.process()).build());
            }
            for (ListenQueue q : s.queues()) {
                Attributes a = place(s, q.place()).put("network.transport", q.netid())
                        .put("network.local.address", q.address()).put("network.local.port", q.port()).build();
                queue.record(q.queued(), a);
                queueLimit.record(q.limit(), a);
            }
            for (QueuedBytes q : s.queued()) {
                queued.record(q.receive(), place(s, q.place()).put("network.transport", q.netid())
                        .put("sockscope.queue", "receive").build());
                queued.record(q.send(), place(s, q.place()).put("network.transport", q.netid())
                        .put("sockscope.queue", "send").build());
            }
            for (ProcessSeries p : s.processes()) {
                AttributesBuilder b = Attributes.builder().put("process.executable.name", p.process());
                if (!p.isOther()) {
                    b.put("process.pid", Long.parseLong(p.pid()));
                }
                Attributes a = b.build();
                processSockets.record(p.sockets(), a);
                closeWait.record(p.closeWait(), a);
                closeWaitOldest.record(p.closeWaitOldestSeconds(), a);
                if (p.openDescriptors() >= 0) {
                    openFds.record(p.openDescriptors(), a);
                }
                if (p.maxDescriptors() >= 0) {
                    maxFds.record(p.maxDescriptors(), a);
                }
            }
            duration.record(s.durationSeconds());
            MetricsSnapshot.TruncatedSeries t = s.truncated();
            truncated.record(t.processes(), Attributes.builder().put("sockscope.series", "process").build());
            truncated.record(t.listeners(), Attributes.builder().put("sockscope.series", "listener").build());
            truncated.record(t.listenQueues(), Attributes.builder().put("sockscope.series", "listen_queue").build());
        }

        /** The place's attributes (those known) when every namespace was read; none otherwise. */
        private static AttributesBuilder place(MetricsSnapshot s, SeriesPlace place) {
            AttributesBuilder b = Attributes.builder();
            if (s.placed()) {
                putKnown(b, "sockscope.netns", place.netns());
                putKnown(b, "container.name", place.container());
                putKnown(b, "sockscope.pod", place.pod());
                putKnown(b, "sockscope.unit", place.unit());
            }
            return b;
        }

        private static void putKnown(AttributesBuilder b, String key, String value) {
            if (!value.isEmpty()) {
                b.put(key, value);
            }
        }
    }

    /** The SDK's log records as one warning line each, the stack trace left out. */
    private static final class OneLineWarnings extends Handler {
        private final URI endpoint;
        private final WarningSink warnings;

        OneLineWarnings(URI endpoint, WarningSink warnings) {
            this.endpoint = endpoint;
            this.warnings = warnings;
            setLevel(Level.WARNING);
            setFormatter(new java.util.logging.SimpleFormatter());
        }

        @Override
        public void publish(LogRecord record) {
            if (record != null && isLoggable(record)) {
                String message = getFormatter() != null ? getFormatter().formatMessage(record) : record.getMessage();
                warnings.warn("OTLP push to " + endpoint + ": " + message + cause(record.getThrown()));
            }
        }

        /** The innermost cause's message (or its type, when it has none), which the SDK's text leaves out. */
        private static String cause(Throwable thrown) {
            if (thrown == null) {
                return "";
            }
            Throwable root = thrown;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String text = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
            return " (" + text + ")";
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
