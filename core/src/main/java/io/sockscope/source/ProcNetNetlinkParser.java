package io.sockscope.source;

import io.sockscope.model.NetlinkSocket;

/**
 * Parses one line of {@code /proc/net/netlink} as ss's {@code netlink_show} does:
 * {@code %llx %d %d %x %d %d %llx %d} (sk, protocol, port id, first groups word, receive memory, send
 * memory, dump-running flag as "cb", locks). The port id is printed unsigned by the kernel and read as an
 * {@code int}, so an unbound socket's 4294967295 becomes -1. ss ignores the drops and inode columns; the
 * inode is kept here when present because the netlink source reports it too. A /proc line never says
 * whether the socket is connected. Not thread-safe.
 */
final class ProcNetNetlinkParser {
    private final ProcNetScanner scanner = new ProcNetScanner();
    private NetlinkSocket record;
    private String problem;

    NetlinkSocket record() {
        return record;
    }

    String problem() {
        return problem;
    }

    ProcNetLineOutcome parse(byte[] b, int start, int end) {
        ProcNetScanner s = scanner.reset(b, start, end);
        if (!s.hex()) {
            return malformed("bad socket address");
        }
        long sk = s.value();
        if (!s.signedDecimal()) {
            return malformed("bad protocol");
        }
        int protocol = (int) s.value();
        if (!s.signedDecimal()) {
            return malformed("bad port id");
        }
        int portid = (int) s.value();
        if (!s.hex()) {
            return malformed("bad groups");
        }
        long groups = s.value() & 0xffffffffL;
        if (!s.signedDecimal()) {
            return malformed("bad receive memory");
        }
        long recvQ = s.value() & 0xffffffffL;
        if (!s.signedDecimal()) {
            return malformed("bad send memory");
        }
        long sendQ = s.value() & 0xffffffffL;
        if (!s.hex()) {
            return malformed("bad dump flag");
        }
        long cb = s.value();
        if (!s.signedDecimal()) {
            return malformed("bad lock count");
        }
        long inode = s.unsignedDecimal() && s.unsignedDecimal() ? s.value() : 0;
        record = new NetlinkSocket(protocol, portid, groups, false, 0, 0, recvQ, sendQ, sk, cb, inode, false, null);
        return ProcNetLineOutcome.RECORD;
    }

    private ProcNetLineOutcome malformed(String why) {
        problem = why;
        return ProcNetLineOutcome.MALFORMED;
    }
}
