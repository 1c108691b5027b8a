package io.sockscope.export;

import java.util.List;

/**
 * Every series of one scrape, taken from one dump: what an exposition format writes as it is.
 *
 * @param takenAtMillis      when the dump was read (wall clock)
 * @param placed             whether the socket series carry {@code netns}, {@code container}, {@code pod} and
 *                           {@code unit} labels (every namespace was read)
 * @param sockets            {@code sockscope_sockets}, by place, table and state
 * @param listeners          {@code sockscope_listener_info}, at most {@link SeriesCaps#listeners()}
 * @param queues             {@code sockscope_listen_queue} and {@code _limit}, at most {@link SeriesCaps#listeners()}
 * @param queued             {@code sockscope_queued_bytes}, by place and inet table
 * @param processes          the per-process series, at most {@link SeriesCaps#processes()} and the {@code other} row
 * @param truncated          {@code sockscope_series_truncated_total}: series the caps have folded or dropped since
 *                           the exporter started, by kind
 * @param durationSeconds    {@code sockscope_scrape_duration_seconds}: how long taking this snapshot took
 */
public record MetricsSnapshot(long takenAtMillis, boolean placed, List<SocketCount> sockets,
                              List<ListenerSeries> listeners, List<ListenQueue> queues, List<QueuedBytes> queued,
                              List<ProcessSeries> processes, TruncatedSeries truncated, double durationSeconds) {
    public MetricsSnapshot {
        sockets = List.copyOf(sockets);
        listeners = List.copyOf(listeners);
        queues = List.copyOf(queues);
        queued = List.copyOf(queued);
        processes = List.copyOf(processes);
    }

    /** This snapshot, saying it took {@code seconds} to take. */
    public MetricsSnapshot withDuration(double seconds) {
        return new MetricsSnapshot(takenAtMillis, placed, sockets, listeners, queues, queued, processes, truncated,
                seconds);
    }

    /**
     * Series the caps kept out since the exporter started ({@code sockscope_series_truncated_total{series}}).
     *
     * @param processes    processes folded into {@code process="other"} ({@code series="process"})
     * @param listeners    listening addresses dropped ({@code series="listener"})
     * @param listenQueues accept queues dropped ({@code series="listen_queue"})
     */
    public record TruncatedSeries(long processes, long listeners, long listenQueues) {
        /** Nothing kept out yet. */
        public static final TruncatedSeries NONE = new TruncatedSeries(0, 0, 0);

        TruncatedSeries plus(long moreProcesses, long moreListeners, long moreQueues) {
            return new TruncatedSeries(processes + moreProcesses, listeners + moreListeners,
                    listenQueues + moreQueues);
        }
    }
}
