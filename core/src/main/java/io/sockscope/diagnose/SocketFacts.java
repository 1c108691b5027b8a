package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.UnixSocket;

/** Small questions about sockets that several checks ask. */
final class SocketFacts {
    private SocketFacts() {
    }

    /** Whether the socket takes new clients: a TCP listener, or a UDP socket bound and not connected. */
    static boolean isListening(InetSocket s, Transport transport) {
        if (transport == Transport.TCP) {
            return s.state() == TcpState.LISTEN.code();
        }
        return s.state() == TcpState.CLOSE.code() && s.peer().port() == 0 && s.local().port() != 0;
    }

    static boolean hasState(InetSocket s, TcpState state) {
        return s.state() == state.code();
    }

    static boolean isV6(InetSocket s) {
        return s.local().address().length == 16;
    }

    /** Whether the IPv6 socket refuses IPv4 clients: its own flag, else the namespace default. */
    static boolean v6only(InetSocket s, Snapshot snapshot) {
        if (s.v6only() >= 0) {
            return s.v6only() == 1;
        }
        return snapshot.sysctl("net.ipv6.bindv6only").map("1"::equals).orElse(false);
    }

    /** A unix socket that takes connections: a stream or seqpacket listener, or a bound datagram socket. */
    static boolean isUnixListener(UnixSocket u) {
        if (u.table() == SocketTable.UNIX_DGRAM) {
            return u.name() != null && u.name().length > 0 && u.peerInode() == 0;
        }
        return u.state() == TcpState.LISTEN.code();
    }

    /** The unix socket's bound name as text ({@code @name} for abstract names), or null when unnamed. */
    static String unixName(UnixSocket u) {
        byte[] name = u.name();
        if (name == null || name.length == 0) {
            return null;
        }
        if (name[0] == 0) {
            return "@" + new String(name, 1, name.length - 1, java.nio.charset.StandardCharsets.UTF_8);
        }
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return new String(name, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }
}
