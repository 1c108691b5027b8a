package io.sockscope.junit;

import io.sockscope.api.Endpoint;
import io.sockscope.api.InetSocketEntry;
import io.sockscope.api.SocketEntry;
import io.sockscope.api.UnixSocketEntry;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The failure's message: a sentence, the leaked sockets as ss lays them out (Netid, State, Recv-Q, Send-Q, the local
 * and peer ends with each address right-aligned on its port, Process as {@code users:(…)}) with the Leak and Test
 * columns after them, and a line of advice per kind of leak.
 */
final class LeakTable {
    /** One end as ss prints it: the address, what separates it from the port (a colon, a blank for unix), the port. */
    private record End(String address, String separator, String port) {
    }

    private record Row(String netid, String state, String recvQ, String sendQ, End local, End peer, String process,
                       String leak, String test) {
    }

    private static final Row HEADER = new Row("Netid", "State", "Recv-Q", "Send-Q",
            new End("Local Address", ":", "Port"), new End("Peer Address", ":", "Port"), "Process", "Leak", "Test");

    private LeakTable() {
    }

    static String message(LeakReport report) {
        StringBuilder out = new StringBuilder();
        int n = report.leaks().size();
        out.append("sockscope: ").append(report.testName()).append(" left ").append(n)
                .append(n == 1 ? " socket" : " sockets").append(" open (after a linger of ")
                .append(report.linger().toMillis()).append(" ms)");
        if (report.allowedBecause() != null) {
            out.append(", allowed: ").append(report.allowedBecause());
        }
        out.append(":\n\n");
        out.append(table(report.leaks(), report.testName()));
        Set<LeakKind> kinds = EnumSet.noneOf(LeakKind.class);
        report.leaks().forEach(l -> kinds.add(l.kind()));
        out.append('\n');
        for (LeakKind k : kinds) {
            out.append(k.summary()).append(": ").append(k.advice()).append('\n');
        }
        if (!report.allowed().isEmpty()) {
            out.append(report.allowed().size()).append(" more allowed by the allow-list (inodes ")
                    .append(report.allowed().stream().map(l -> Long.toString(l.inode()))
                            .collect(Collectors.joining(", ")))
                    .append(")\n");
        }
        if (report.tablesFailure() != null) {
            out.append("the kernel's socket tables could not be read (").append(report.tablesFailure())
                    .append("): the sockets are known by their descriptors only\n");
        }
        return out.toString();
    }

    /** The rows with their header, the Leak and Test columns included; lines end with a newline, no trailing blank. */
    static String table(List<LeakedSocket> sockets, String testName) {
        return layout(sockets, testName, true);
    }

    /** The rows as ss alone would show them: without the Leak and Test columns. */
    static String listing(List<LeakedSocket> sockets) {
        return layout(sockets, "", false);
    }

    private static String layout(List<LeakedSocket> sockets, String testName, boolean leakColumns) {
        List<Row> rows = new ArrayList<>();
        rows.add(HEADER);
        for (LeakedSocket s : sockets) {
            rows.add(row(s, testName));
        }
        int[] w = new int[11];
        for (Row r : rows) {
            String[] cells = {r.netid, r.state, r.recvQ, r.sendQ, r.local.address, r.local.port, r.peer.address,
                    r.peer.port, r.process, r.leak, r.test};
            for (int i = 0; i < cells.length; i++) {
                w[i] = Math.max(w[i], cells[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (Row r : rows) {
            String line = left(r.netid, w[0]) + left(r.state, w[1]) + left(r.recvQ, w[2]) + left(r.sendQ, w[3])
                    + end(r.local, w[4], w[5]) + end(r.peer, w[6], w[7]) + left(r.process, w[8])
                    + (leakColumns ? left(r.leak, w[9]) + r.test : "");
            out.append(line.stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String left(String cell, int width) {
        return cell + " ".repeat(width - cell.length() + 1);
    }

    private static String end(End end, int addressWidth, int portWidth) {
        return " ".repeat(addressWidth - end.address.length()) + end.address + end.separator
                + left(end.port, portWidth);
    }

    private static Row row(LeakedSocket s, String testName) {
        SocketEntry e = s.entry();
        End local;
        End peer;
        switch (e) {
            case InetSocketEntry inet -> {
                local = new End(address(inet.local(), inet), ":", port(inet.local()));
                peer = new End(address(inet.peer(), inet), ":", port(inet.peer()));
            }
            case UnixSocketEntry unix -> {
                local = new End(s.unixPath() == null ? "*" : s.unixPath(), " ", Long.toString(unix.inode()));
                peer = new End(unix.peerPath() == null ? "*" : unix.peerPath(), " ", Long.toString(unix.peerInode()));
            }
            case null, default -> {
                local = new End("socket", ":", "[" + s.inode() + "]");
                peer = new End("*", ":", "*");
            }
        }
        String process = "users:(" + s.holders().stream().map(SocketHolder::toString).collect(Collectors.joining(","))
                + ")";
        return new Row(e == null ? "?" : e.protocol().netid(), e == null ? "?" : e.state().ssName(),
                e == null ? "?" : Long.toString(e.recvQueue()), e == null ? "?" : Long.toString(e.sendQueue()),
                local, peer, process, s.kind().summary(), testName);
    }

    /** The address as ss prints it: IPv6 in brackets, the dual-stack wildcard {@code *}, the device after {@code %}. */
    private static String address(Endpoint end, InetSocketEntry socket) {
        String text;
        if (end.address().contains(":")) {
            text = end.wildcard() && Boolean.FALSE.equals(socket.v6only()) ? "*" : "[" + end.address() + "]";
        } else {
            text = end.address();
        }
        return end.interfaceName() == null ? text : text + "%" + end.interfaceName();
    }

    private static String port(Endpoint end) {
        return end.port() == 0 ? "*" : Integer.toString(end.port());
    }
}
