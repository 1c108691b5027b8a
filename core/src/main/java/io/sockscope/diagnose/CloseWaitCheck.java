package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.TcpState;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code CLOSE_WAIT_LEAK}: the listener's owner holds CLOSE-WAIT sockets. The peer closed; the application
 * never called close(). They never time out, and each one holds a descriptor.
 */
final class CloseWaitCheck {
    private static final int MAX_ROWS = 5;

    private CloseWaitCheck() {
    }

    static List<Finding> run(InetExamination ex) {
        if (ex.transport() != Transport.TCP) {
            return List.of();
        }
        Set<Integer> ownerPids = new LinkedHashSet<>();
        for (Owner o : ex.owners(List.copyOf(ex.listeners.keySet()))) {
            ownerPids.add(o.pid());
        }
        List<InetSocket> leaked = new ArrayList<>();
        for (InetSocket s : ex.snapshot.inet(Transport.TCP)) {
            if (!SocketFacts.hasState(s, TcpState.CLOSE_WAIT)) {
                continue;
            }
            boolean onPort = s.local().port() == ex.target.port();
            boolean heldByOwner = ex.snapshot.ownersOf(s.inode()).stream().anyMatch(o -> ownerPids.contains(o.pid()));
            if (onPort || heldByOwner) {
                leaked.add(s);
            }
        }
        if (leaked.size() < ex.thresholds.closeWaitLeak()) {
            return List.of();
        }
        List<Owner> holders = ex.owners(leaked);
        String who = holders.isEmpty()
                ? OwnerText.of(ex.owners(List.copyOf(ex.listeners.keySet())))
                : OwnerText.of(holders);
        List<Evidence> evidence = new ArrayList<>();
        String whose = holders.isEmpty() ? " on port " + ex.target.port() : " held by " + who;
        String shown = leaked.size() > MAX_ROWS ? "; the first " + MAX_ROWS + ":" : ":";
        evidence.add(new Evidence.Fact(leaked.size() + " sockets in CLOSE-WAIT" + whose + shown));
        evidence.add(new Evidence.Sockets(ex.sightings(leaked.subList(0, Math.min(MAX_ROWS, leaked.size())))));
        return List.of(new Finding(FindingCode.CLOSE_WAIT_LEAK, Severity.WARNING,
                who + " holds " + leaked.size() + " connections in CLOSE-WAIT: the clients hung up and it never"
                        + " closed its side",
                evidence,
                "Fix " + who + " to close() a connection once read() returns 0 (often a missing close on an error"
                        + " path or a stuck worker); restarting it releases them, and they do not time out on their"
                        + " own."));
    }
}
