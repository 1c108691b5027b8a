package io.sockscope.source;

import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketTable;

/**
 * Parses one line of {@code /proc/net/packet} as ss's {@code packet_show_line} does:
 * {@code %llx %*d %d %x %d %d %u %u %u} (sk, refcount, type, protocol, interface, running, receive memory,
 * uid, inode). Type {@code SOCK_RAW} (3) is {@code p_raw}, every other type {@code p_dgr}; the protocol is
 * kept to 16 bits as ss keeps it. ss's table check looks at a field it has not filled yet and so never
 * drops a line: both packet tables are always delivered, whatever the request's tables say. The socket
 * address is not kept (ss shows {@code sk:0} for these), so the cookie is 0. Not thread-safe.
 */
final class ProcNetPacketParser {
    private static final int SOCK_RAW = 3;

    private final ProcNetScanner scanner = new ProcNetScanner();
    private PacketSocket record;
    private String problem;

    PacketSocket record() {
        return record;
    }

    String problem() {
        return problem;
    }

    ProcNetLineOutcome parse(byte[] b, int start, int end) {
        ProcNetScanner s = scanner.reset(b, start, end);
        if (!s.hex() || !s.signedDecimal()) {
            return malformed("bad socket address or refcount");
        }
        if (!s.signedDecimal()) {
            return malformed("bad type");
        }
        int type = (int) s.value();
        if (!s.hex()) {
            return malformed("bad protocol");
        }
        int protocol = (int) s.value() & 0xffff;
        if (!s.signedDecimal()) {
            return malformed("bad interface");
        }
        int ifindex = (int) s.value();
        if (!s.signedDecimal() || !s.unsignedDecimal()) {
            return malformed("bad receive memory");
        }
        long recvQ = s.value() & 0xffffffffL;
        if (!s.unsignedDecimal()) {
            return malformed("bad uid");
        }
        int uid = (int) s.value();
        if (!s.unsignedDecimal()) {
            return malformed("bad inode");
        }
        long inode = s.value() & 0xffffffffL;
        SocketTable table = type == SOCK_RAW ? SocketTable.PACKET_RAW : SocketTable.PACKET_DGRAM;
        record = new PacketSocket(table, protocol, ifindex, recvQ, inode, uid, 0, null);
        return ProcNetLineOutcome.RECORD;
    }

    private ProcNetLineOutcome malformed(String why) {
        problem = why;
        return ProcNetLineOutcome.MALFORMED;
    }
}
