package io.sockscope.diagnose;

import io.sockscope.model.Owner;
import io.sockscope.model.SocketRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code BACKLOG_FULL}: a listener's accept queue (Recv-Q) has reached its backlog (Send-Q). The kernel then
 * drops new handshakes; the owner is not calling accept() fast enough, or not at all.
 */
final class BacklogCheck {
    private BacklogCheck() {
    }

    /**
     * @param listeners the listeners that would take the client (TCP or unix stream listeners)
     * @param port      the port, for the fix text (0 for unix sockets)
     */
    static List<Finding> run(List<SocketSighting> listeners, Snapshot snapshot, int port) {
        List<SocketSighting> full = new ArrayList<>();
        for (SocketSighting s : listeners) {
            SocketRecord r = s.socket();
            // Listeners show the accept queue in Recv-Q and the backlog in Send-Q; the kernel refuses more once
            // the queue is longer than the backlog, so at the backlog it is one connection from refusing.
            if (r.recvQ() > 0 && r.recvQ() >= r.sendQ()) {
                full.add(s);
            }
        }
        if (full.isEmpty()) {
            return List.of();
        }
        List<Owner> owners = full.stream().flatMap(s -> s.owners().stream()).toList();
        String who = OwnerText.of(owners);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Sockets(full));
        for (SocketSighting s : full) {
            evidence.add(new Evidence.Fact("accept queue " + s.socket().recvQ() + " of backlog " + s.socket().sendQ()
                    + " (Recv-Q / Send-Q of the listener)"));
        }
        Long overflows = snapshot.counters().get("ListenOverflows");
        Long drops = snapshot.counters().get("ListenDrops");
        if (overflows != null || drops != null) {
            evidence.add(new Evidence.Fact("since boot in this network namespace: ListenOverflows "
                    + (overflows == null ? "?" : overflows) + ", ListenDrops " + (drops == null ? "?" : drops)
                    + " (TcpExt, /proc/net/netstat)"));
        }
        String somaxconn = snapshot.sysctl("net.core.somaxconn").orElse(null);
        if (somaxconn != null) {
            evidence.add(new Evidence.Fact("net.core.somaxconn = " + somaxconn + " (the cap on any backlog)"));
        }
        return List.of(new Finding(FindingCode.BACKLOG_FULL, Severity.ERROR,
                who + " is not accepting connections: the accept queue of " + label(full.getFirst(), port)
                        + " is full, so new connections are dropped",
                evidence,
                "Find out why " + who + " does not call accept() (stuck, overloaded, or out of workers or"
                        + " descriptors); a larger listen() backlog"
                        + (somaxconn != null ? " (at most net.core.somaxconn = " + somaxconn + ")" : "")
                        + " only absorbs bursts."));
    }

    private static String label(SocketSighting s, int port) {
        if (s.socket() instanceof io.sockscope.model.InetSocket inet) {
            return ReadableAddress.of(inet.local());
        }
        if (s.socket() instanceof io.sockscope.model.UnixSocket unix) {
            String name = SocketFacts.unixName(unix);
            return name != null ? name : "the unix listener";
        }
        return "port " + port;
    }
}
