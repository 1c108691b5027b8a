package io.sockscope.cli;

import io.sockscope.live.TopSnapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code top} when stdout is not a terminal: at every interval a title line, the process table and the port
 * table, whole (no width limit, no key), and a blank line, until SIGINT or SIGTERM or until stdout closes
 * (Main turns that into status 141, as for a listing).
 */
final class TopPlain {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TopPlain() {
    }

    /** Refreshes until stopped; returns the exit status. */
    static int run(TopRefresh refresh, long intervalMillis, OutputStream out, StopOnSignal stop)
            throws IOException {
        long next = System.currentTimeMillis();
        while (!stop.requested()) {
            long now = System.currentTimeMillis();
            if (now < next) {
                sleep(Math.min(next - now, TopCommand.STOP_POLL_MILLIS));
                continue;
            }
            next = now + intervalMillis;
            out.write(text(refresh.read(now)).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        return stop.exitStatus();
    }

    /** One refresh's block: title, both tables, blank line. */
    static String text(TopSnapshot snapshot) {
        StringBuilder s = new StringBuilder();
        s.append(title(snapshot)).append('\n');
        append(s, TopLayout.lines(TopTables.PROCESSES, snapshot.processes(),
                TopTables.defaultSort(TopView.PROCESSES), TopTables.defaultReversed(TopView.PROCESSES), 0));
        s.append('\n');
        append(s, TopLayout.lines(TopTables.PORTS, snapshot.ports(), TopTables.defaultSort(TopView.PORTS),
                TopTables.defaultReversed(TopView.PORTS), 0));
        return s.append('\n').toString();
    }

    /** The line that opens a refresh: when, and how many sockets, how many of them with no owner found. */
    static String title(TopSnapshot snapshot) {
        return "sockscope top " + TIME.format(Instant.ofEpochMilli(snapshot.atMillis())) + ": "
                + snapshot.sockets() + " sockets, " + snapshot.unowned() + " without a known owner, "
                + snapshot.processes().size() + " processes, " + snapshot.ports().size() + " listening ports";
    }

    private static void append(StringBuilder s, List<String> lines) {
        for (String line : lines) {
            s.append(line).append('\n');
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
