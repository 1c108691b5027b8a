package io.sockscope.procmap;

import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Run by {@link UnprivilegedScanTest} as an unprivileged user: opens a listener, scans /proc with every
 * way of scanning and prints, per way, the owners of its listener, every pid the scan attributed sockets
 * to, and the warnings it gave.
 */
public final class UnprivilegedScanProbe {
    private UnprivilegedScanProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocketChannel listener = SsCommand.listenOnLoopback()) {
            long inode = SsCommand.tcpInode(SsCommand.port(listener));
            for (boolean nativeCalls : new boolean[] {false, true}) {
                List<String> warnings = new ArrayList<>();
                OwnerScanner scanner = OwnerScanner.create(warnings::add, 2, nativeCalls);
                OwnerIndex index = scanner.scan(Path.of("/proc"), true);
                TreeSet<Integer> pids = new TreeSet<>();
                index.forEach((socket, owner) -> pids.add(owner.pid()));
                String way = scanner.usesNativeCalls() ? "native" : "nio";
                System.out.println(way + " own " + SsUsers.format(index.owners(inode), false));
                System.out.println(way + " pids " + pids);
                System.out.println(way + " warnings " + warnings);
            }
        }
    }
}
