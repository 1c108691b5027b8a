package io.sockscope.source;

import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.UnixSocket;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns the lines of {@code /proc/net/unix} into sockets in the order ss prints them, following its
 * {@code unix_show}:
 * <ul>
 *   <li>{@code %x: %x %x %x %x %x %d %s}: first column, refcount (or queues), flags, type, state, inode,
 *       path; the path is one word, an abstract name is printed by the kernel with a leading '@' and is
 *       given back its leading NUL byte here;</li>
 *   <li>the listening flag ({@code __SO_ACCEPTCON}, bit 16) makes the state LISTEN; otherwise the socket
 *       states 1..4 (unconnected, connecting, connected, disconnecting) become UNCONN, SYN-SENT, ESTAB,
 *       CLOSING, and any other value is kept as is; an "unconnected" datagram socket whose first column is
 *       not zero is shown as ESTAB (in today's format that column is the kernel address, so this applies
 *       to nearly every datagram socket when addresses are not hidden);</li>
 *   <li>type (stream, datagram, seqpacket; other types are never filtered out) and state filters;</li>
 *   <li>only the old-style header starting with {@code Peer} has peers and queues in the first three
 *       columns; with today's {@code Num} header they are zero and there is no peer;</li>
 *   <li>a peer is named after the first remembered socket with that inode (its path, or none when it has
 *       none), or {@code "?"} when no remembered socket has it;</li>
 *   <li>sockets are held and sorted by type then inode, and printed whenever more than
 *       {@value #MAX_REMEMBERED} are held (ss's one-megabyte cap), which also forgets them as peers.</li>
 * </ul>
 * Not thread-safe; one instance per dump.
 */
final class ProcNetUnixTable {
    /** ss remembers at most 1 MiB of its 624-byte socket entries before printing them. */
    static final int MAX_REMEMBERED = 1024 * 1024 / 624;
    private static final byte[] UNKNOWN_PEER = {'?'};
    private static final int ACCEPTING_FLAG = 1 << 16;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_SEQPACKET = 5;
    private static final int[] STATE_BY_SOCKET_STATE = {
            TcpState.CLOSE.code(), TcpState.SYN_SENT.code(), TcpState.ESTABLISHED.code(), TcpState.CLOSING.code()};
    private static final Comparator<Held> PRINT_ORDER = Comparator
            .comparingInt((Held h) -> h.type + Integer.MIN_VALUE)
            .thenComparingInt(h -> h.inode + Integer.MIN_VALUE);

    private final boolean peerFormat;
    private final int tables;
    private final int states;
    private final Predicate<? super SocketRecord> keep;
    private final SocketSink sink;
    private final ProcNetScanner scanner = new ProcNetScanner();
    private final long[] columns = new long[5];
    private final List<Held> held = new ArrayList<>();
    private final Map<Integer, Held> firstByInode = new HashMap<>();
    private String problem;

    /** A socket waiting to be printed, with the raw type and 32-bit inode ss sorts and matches by. */
    private record Held(int type, int inode, UnixSocket socket) {
    }

    /**
     * @param header the file's first line: a header starting with {@code Peer} means the old layout with
     *               peer inode and queues in the first three columns
     */
    ProcNetUnixTable(byte[] header, int start, int end, DumpRequest request, Predicate<? super SocketRecord> keep,
                     SocketSink sink) {
        this.peerFormat = end - start >= 4 && header[start] == 'P' && header[start + 1] == 'e'
                && header[start + 2] == 'e' && header[start + 3] == 'r';
        this.tables = request.tables();
        this.states = request.states();
        this.keep = keep;
        this.sink = sink;
    }

    /** Why the last line was malformed. */
    String problem() {
        return problem;
    }

    /** Reads one line; sockets reach the sink only when the table is flushed. */
    ProcNetLineOutcome add(byte[] b, int start, int end) {
        ProcNetScanner s = scanner.reset(b, start, end);
        if (!s.hex()) {
            return malformed("bad first column");
        }
        int first = (int) s.value();
        if (!s.literal(':')) {
            return malformed("no ':' after the first column");
        }
        long[] columns = this.columns;
        for (int i = 0; i < 5; i++) {
            if (!s.hex()) {
                return malformed("too few columns");
            }
            columns[i] = s.value();
        }
        if (!s.signedDecimal()) {
            return malformed("bad inode");
        }
        int inode = (int) s.value();
        long word = s.word();

        int flags = (int) columns[2];
        int type = (int) columns[3];
        int state = (int) columns[4];
        if ((flags & ACCEPTING_FLAG) != 0) {
            state = TcpState.LISTEN.code();
        } else if (state > 0 && state <= STATE_BY_SOCKET_STATE.length) {
            state = STATE_BY_SOCKET_STATE[state - 1];
            if (type == SOCK_DGRAM && state == TcpState.CLOSE.code() && first != 0) {
                state = TcpState.ESTABLISHED.code();
            }
        }
        if (typeExcluded(type) || (states & (1 << state)) == 0) {
            return ProcNetLineOutcome.FILTERED;
        }
        int peer = peerFormat ? first : 0;
        long recvQ = peerFormat ? columns[0] & 0xffffffffL : 0;
        long sendQ = peerFormat ? columns[1] & 0xffffffffL : 0;
        byte[] name = word < 0 ? null : name(b, (int) (word >>> 32), (int) word);
        byte[] peerName = null;
        if (peer != 0) {
            Held p = firstByInode.get(peer);
            peerName = p == null ? UNKNOWN_PEER : p.socket.name();
        }
        UnixSocket socket = new UnixSocket(table(type), state, recvQ, sendQ, name, inode & 0xffffffffL,
                peer & 0xffffffffL, peerName, -1, -1, -1, null, -1, null);
        if (!keep.test(socket)) {
            return ProcNetLineOutcome.FILTERED;
        }
        Held entry = new Held(type, inode, socket);
        held.add(entry);
        // Peers match the first socket with that inode in print order: lowest type, then earliest added.
        firstByInode.merge(inode, entry,
                (old, added) -> Integer.compareUnsigned(added.type, old.type) < 0 ? added : old);
        if (held.size() > MAX_REMEMBERED) {
            flush();
        }
        return ProcNetLineOutcome.RECORD;
    }

    /** Delivers every held socket in ss's order (type, then inode; stable) and forgets them. */
    void flush() {
        held.sort(PRINT_ORDER);
        for (Held h : held) {
            sink.accept(h.socket);
        }
        held.clear();
        firstByInode.clear();
    }

    private boolean typeExcluded(int type) {
        return switch (type) {
            case SOCK_STREAM -> !SocketTable.UNIX_STREAM.in(tables);
            case SOCK_DGRAM -> !SocketTable.UNIX_DGRAM.in(tables);
            case SOCK_SEQPACKET -> !SocketTable.UNIX_SEQPACKET.in(tables);
            default -> false;
        };
    }

    /** ss names every type other than stream and seqpacket "u_dgr". */
    private static SocketTable table(int type) {
        return switch (type) {
            case SOCK_STREAM -> SocketTable.UNIX_STREAM;
            case SOCK_SEQPACKET -> SocketTable.UNIX_SEQPACKET;
            default -> SocketTable.UNIX_DGRAM;
        };
    }

    /** The path as bytes; the kernel's '@' for an abstract name's leading NUL becomes NUL again. */
    private static byte[] name(byte[] b, int from, int to) {
        byte[] name = new byte[to - from];
        System.arraycopy(b, from, name, 0, name.length);
        if (name[0] == '@') {
            name[0] = 0;
        }
        return name;
    }

    private ProcNetLineOutcome malformed(String why) {
        problem = why;
        return ProcNetLineOutcome.MALFORMED;
    }
}
