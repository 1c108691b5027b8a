package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.ProcessLimits;
import io.sockscope.model.TcpState;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code CLOSE_WAIT_LEAK}: the listener's owner holds CLOSE-WAIT sockets. The peer closed; the application
 * never called close(). They never time out, and each one holds a descriptor.
 *
 * <p>The verdict is about the port asked for: a leak on that port is a warning, and so is one elsewhere in the
 * owner once its descriptors near the limit (accept() then starts failing for this port's clients too). A leak
 * only on the owner's other ports, with descriptors to spare, is a note under the verdict.
 */
final class CloseWaitCheck {
    private static final int MAX_ROWS = 5;

    private CloseWaitCheck() {
    }

    static List<Finding> run(InetExamination ex) {
        if (ex.transport() != Transport.TCP) {
            return List.of();
        }
        List<Owner> listenerOwners = ex.owners(List.copyOf(ex.listeners.keySet()));
        Set<Integer> ownerPids = new LinkedHashSet<>();
        for (Owner o : listenerOwners) {
            ownerPids.add(o.pid());
        }
        List<InetSocket> leaked = new ArrayList<>();
        int onPort = 0;
        for (InetSocket s : ex.snapshot.inet(Transport.TCP)) {
            if (!SocketFacts.hasState(s, TcpState.CLOSE_WAIT)) {
                continue;
            }
            boolean here = s.local().port() == ex.target.port();
            boolean heldByOwner = ex.snapshot.ownersOf(s.inode()).stream().anyMatch(o -> ownerPids.contains(o.pid()));
            if (here || heldByOwner) {
                leaked.add(s);
                onPort += here ? 1 : 0;
            }
        }
        if (leaked.size() < ex.thresholds.closeWaitLeak()) {
            return List.of();
        }
        List<Owner> holders = ex.owners(leaked);
        String who = holders.isEmpty() ? OwnerText.of(listenerOwners) : OwnerText.of(holders);
        int port = ex.target.port();
        List<Evidence> evidence = new ArrayList<>();
        String whose = holders.isEmpty() ? " on port " + port : " held by " + who;
        String shown = leaked.size() > MAX_ROWS ? "; the first " + MAX_ROWS + ":" : ":";
        evidence.add(new Evidence.Fact(leaked.size() + " sockets in CLOSE-WAIT" + whose + shown));
        evidence.add(new Evidence.Sockets(ex.sightings(leaked.subList(0, Math.min(MAX_ROWS, leaked.size())))));
        String fix = "Fix " + who + " to close() a connection once read() returns 0 (often a missing close on an error"
                + " path or a stuck worker); restarting it releases them, and they do not time out on their own."
                + " sockscope leaks --for 60s tells whether they still pile up and when the descriptors run out.";
        String leak = who + " holds " + leaked.size() + " connections in CLOSE-WAIT";
        if (onPort >= ex.thresholds.closeWaitLeak()) {
            return List.of(new Finding(FindingCode.CLOSE_WAIT_LEAK, Severity.WARNING,
                    leak + ": the clients hung up and it never closed its side", evidence, fix));
        }
        // Elsewhere in the owner: in the way of this port's clients only once it nears its descriptor limit.
        boolean nearLimit = false;
        for (Owner o : distinctByPid(holders.isEmpty() ? listenerOwners : holders)) {
            ProcessLimits l = ex.snapshot.limits().get(o.pid());
            String name = OwnerText.of(List.of(o));
            if (l == null) {
                evidence.add(new Evidence.Fact("the open descriptors of " + name + " could not be counted"));
            } else if (l.softLimit() >= 0) {
                double used = (double) l.openDescriptors() / l.softLimit();
                boolean near = used >= ex.thresholds.fdLimitFraction();
                nearLimit |= near;
                evidence.add(new Evidence.Fact(name + ": " + l.openDescriptors() + " of " + l.softLimit()
                        + " descriptors open (" + Math.round(used * 100) + "%), "
                        + (near ? "near the limit" : "far from the limit")));
            }
        }
        String where = (onPort == 0 ? "none" : Integer.toString(onPort)) + " of them on port " + port;
        if (nearLimit) {
            return List.of(new Finding(FindingCode.CLOSE_WAIT_LEAK, Severity.WARNING,
                    leak + ", " + where + ": they use up the descriptors that port " + port + "'s connections need",
                    evidence, fix));
        }
        return List.of(new Finding(FindingCode.CLOSE_WAIT_LEAK, Severity.INFO,
                leak + ", " + where + ": a leak, not yet in the way of port " + port + "'s clients",
                evidence, fix));
    }

    private static List<Owner> distinctByPid(List<Owner> owners) {
        Set<Integer> seen = new LinkedHashSet<>();
        return owners.stream().filter(o -> seen.add(o.pid())).toList();
    }
}
