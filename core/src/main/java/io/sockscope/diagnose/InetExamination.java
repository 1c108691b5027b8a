package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the inet checks share: the target, the client's path, the snapshot, and the listeners on the port with
 * the doctor's judgement of each.
 */
final class InetExamination {
    final InetTarget target;
    final ClientPath path;
    final Snapshot snapshot;
    final Thresholds thresholds;
    /** Whether the firewall is part of the question ({@code --no-firewall} leaves it out). */
    final boolean examineFirewall;
    /** Listening sockets on the target port, each with whether it takes the client. */
    final Map<InetSocket, ListenerFit> listeners;

    InetExamination(InetTarget target, ClientPath path, Snapshot snapshot, Thresholds thresholds,
                    boolean examineFirewall) {
        this.target = target;
        this.examineFirewall = examineFirewall;
        this.path = path;
        this.snapshot = snapshot;
        this.thresholds = thresholds;
        Map<InetSocket, ListenerFit> fits = new LinkedHashMap<>();
        for (InetSocket s : snapshot.inet(target.transport())) {
            if (SocketFacts.isListening(s, target.transport()) && s.local().port() == target.port()) {
                fits.put(s, ListenerFit.judge(s, path, snapshot));
            }
        }
        this.listeners = fits;
    }

    Transport transport() {
        return target.transport();
    }

    /** The listeners that take the client. */
    List<InetSocket> accepting() {
        return listeners.entrySet().stream()
                .filter(e -> e.getValue() == ListenerFit.ACCEPTS)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The listeners the other checks judge: those that take the client, or every one when none does. */
    List<InetSocket> relevantListeners() {
        List<InetSocket> accepting = accepting();
        return accepting.isEmpty() ? List.copyOf(listeners.keySet()) : accepting;
    }

    /** The socket with its owners, as evidence. */
    SocketSighting sighting(InetSocket s) {
        return new SocketSighting(s, snapshot.ownersOf(s.inode()));
    }

    List<SocketSighting> sightings(List<InetSocket> sockets) {
        List<SocketSighting> out = new ArrayList<>();
        for (InetSocket s : sockets) {
            out.add(sighting(s));
        }
        return out;
    }

    /** Every owner of these sockets, without repeating a process. */
    List<Owner> owners(List<InetSocket> sockets) {
        List<Owner> out = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        for (InetSocket s : sockets) {
            for (Owner o : snapshot.ownersOf(s.inode())) {
                if (seen.add(o.pid())) {
                    out.add(o);
                }
            }
        }
        return out;
    }
}
