package io.sockscope.junit;

import io.sockscope.api.SocketEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the sockets a test's descriptors gained into {@link LeakedSocket}s: one dump of the tables
 * ({@link SocketTables}), each socket classified, its holders named, this JVM first; the sockets closed while the
 * dump ran dropped by a last scan.
 */
final class LeakInspection {
    private LeakInspection() {
    }

    record Result(List<LeakedSocket> sockets, String tablesFailure) {
    }

    static Result inspect(HeldSockets added, DescriptorScanner scanner) {
        SocketTables.Dump dump = SocketTables.read(added.inodes());
        // What was closed while the tables were read is not a leak: it only closed late.
        HeldSockets still = added.stillHeldIn(scanner.scan());
        List<LeakedSocket> sockets = new ArrayList<>(still.size());
        long self = ProcessHandle.current().pid();
        for (long inode : still.inodes()) {
            // No descriptor names a TIME-WAIT socket (the kernel's, inode 0): it can never be found here.
            SocketEntry entry = dump.byInode().get(inode);
            List<SocketHolder> holders = new ArrayList<>();
            for (HeldSockets.Descriptor d : still.descriptors(inode)) {
                holders.add(new SocketHolder(d.pid(), d.fd(), scanner.tree().command(d.pid())));
            }
            holders.sort(Comparator.comparing((SocketHolder h) -> h.pid() != self).thenComparingLong(SocketHolder::pid)
                    .thenComparingInt(SocketHolder::fd));
            sockets.add(new LeakedSocket(inode, LeakClassifier.classify(entry, dump.listeners()), entry, holders));
        }
        sockets.sort(Comparator.comparing(LeakedSocket::kind).thenComparingLong(LeakedSocket::inode));
        return new Result(sockets, dump.failure());
    }
}
