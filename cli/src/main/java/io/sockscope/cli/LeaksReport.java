package io.sockscope.cli;

import io.sockscope.live.Leak;
import io.sockscope.live.LeakRow;
import io.sockscope.model.Netns;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code leaks} as text: a verdict per process, leaking ones first with each leak's explanation and evidence, then
 * a line that sums up, e.g.
 * <pre>
 * LEAK pid=4242 (server)
 *   close_wait: holds 37 connections in CLOSE-WAIT (37 for over 60s), not rising; …
 *     tcp CLOSE-WAIT 127.0.0.1:8080 127.0.0.1:50122 age=75.0s lower_bound in-state=75.0s cookie=1f inode=123
 * ok   pid=77 (sshd)
 * </pre>
 */
final class LeaksReport {
    private final OutputStream out;
    private final Function<SocketRecord, Netns> netnsOf;

    LeaksReport(OutputStream out, Function<SocketRecord, Netns> netnsOf) {
        this.out = out;
        this.netnsOf = netnsOf;
    }

    /** The verdicts of a run of {@code forMillis} (as --for asked) that took {@code reads} reads. */
    void write(long forMillis, int reads, Collection<Owner> processes, Collection<Leak> leaks, int timeWait)
            throws IOException {
        StringBuilder text = new StringBuilder(4096);
        List<Integer> leaking = new ArrayList<>();
        for (Leak leak : leaks) {
            int pid = leak.process() == null ? -1 : leak.process().pid();
            if (!leaking.contains(pid)) {
                leaking.add(pid);
            }
        }
        for (int pid : leaking) {
            List<Leak> its = leaks.stream().filter(l -> (l.process() == null ? -1 : l.process().pid()) == pid)
                    .toList();
            text.append("LEAK");
            if (pid < 0) {
                text.append(" (no process known)");
            } else {
                WatchEventLines.owner(text, its.getFirst().process());
            }
            text.append('\n');
            for (Leak leak : its) {
                text.append("  ").append(leak.kind()).append(": ").append(leak.explanation()).append('\n');
                for (LeakRow row : leak.evidence()) {
                    WatchEventLines.evidence(text.append("    "), row, netnsOf);
                }
            }
        }
        for (Owner o : processes) {
            if (!leaking.contains(o.pid())) {
                WatchEventLines.owner(text.append("ok  "), o);
                text.append('\n');
            }
        }
        int clean = (int) processes.stream().filter(o -> !leaking.contains(o.pid())).count();
        String span = forMillis % 1000 == 0 ? forMillis / 1000 + "s" : forMillis + "ms";
        text.append(String.format(Locale.ROOT, "%d %s with leaks, %d without, over %s (%d reads).",
                leaking.size(), leaking.size() == 1 ? "process" : "processes", clean, span, reads));
        if (timeWait > 0) {
            text.append(" TIME-WAIT: ").append(timeWait).append(timeWait == 1 ? " entry" : " entries")
                    .append(", normal (connections closed in the last minute), never a leak.");
        }
        text.append('\n');
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
