package io.sockscope.source;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.ProcNetExtras;
import io.sockscope.model.SocketTable;
import io.sockscope.model.Timer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Parses one line of {@code /proc/net/{tcp,udp,raw}{,6}} the way ss's {@code tcp_show_line} and
 * {@code dgram_show_line} do:
 * <ul>
 *   <li>the line is split at its first three colons, and the local and remote fields are cut four
 *       characters after their colon; a missing colon makes ss stop reading the file;</li>
 *   <li>the state filter looks at the second character of the {@code st} column only, before anything
 *       else is parsed;</li>
 *   <li>addresses are hex words in the kernel's byte order (four of them for IPv6);</li>
 *   <li>TCP timers are clock ticks turned into milliseconds as {@code (ticks*1000 + hz - 1) / hz} in 32-bit
 *       unsigned arithmetic, and the retransmit count is the {@code timeout} (probes) column unless the
 *       timer is the retransmit timer;</li>
 *   <li>TCP lines may go on with rto, ato, quick-ack, cwnd and ssthresh (see {@link ProcNetExtras});</li>
 *   <li>UDP and raw lines carry no timer; a raw socket's "port" is its IP protocol. ss never shows their
 *       trailing columns (its scan asks for one conversion more than the format has).</li>
 * </ul>
 * Lines whose fields do not all convert, where ss would print zeros for what is missing, are reported
 * as malformed instead. One instance serves one table; it is not thread-safe.
 */
final class ProcNetInetParser {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final SocketTable table;
    private final int userHz;
    private final ProcNetScanner scanner = new ProcNetScanner();
    private final long[] extraColumns = new long[5];
    private InetSocket record;
    private String problem;
    private byte[] line;
    private int lineEnd;

    /** @param table {@link SocketTable#TCP}, {@link SocketTable#UDP} or {@link SocketTable#RAW} */
    ProcNetInetParser(SocketTable table, int userHz) {
        this.table = table;
        this.userHz = userHz;
    }

    /** The socket of the last {@link ProcNetLineOutcome#RECORD}. */
    InetSocket record() {
        return record;
    }

    /** Why the last line was malformed or stopped the file. */
    String problem() {
        return problem;
    }

    ProcNetLineOutcome parse(byte[] b, int start, int end, int family, int states) {
        line = b;
        lineEnd = end;
        int slotColon = indexOf(b, start, end);
        if (slotColon < 0) {
            return stop("no ':' after the slot number");
        }
        int local = slotColon + 2;
        if (local > end) {
            return malformed("nothing after the slot number");
        }
        int localColon = indexOf(b, local, end);
        if (localColon < 0) {
            return stop("no ':' in the local address");
        }
        int remote = localColon + 6;
        if (remote > end) {
            return malformed("line ends inside the local address");
        }
        int remoteColon = indexOf(b, remote, end);
        if (remoteColon < 0) {
            return stop("no ':' in the remote address");
        }
        int data = remoteColon + 6;
        if (data >= end) {
            return malformed("line ends inside the remote address");
        }
        // ss reads the state from one character; Java's shift takes its count mod 32 as x86 does.
        int c = data + 1 < end ? b[data + 1] : 0;
        int lineState = c >= 'A' ? c - 'A' + 10 : c - '0';
        if ((states & (1 << lineState)) == 0) {
            return ProcNetLineOutcome.FILTERED;
        }
        InetEndpoint localEndpoint = endpoint(b, local, localColon + 5, family);
        if (localEndpoint == null) {
            return malformed("bad local address");
        }
        InetEndpoint remoteEndpoint = endpoint(b, remote, remoteColon + 5, family);
        if (remoteEndpoint == null) {
            return malformed("bad remote address");
        }
        scanner.reset(b, data, end);
        return table == SocketTable.TCP
                ? tcpData(family, localEndpoint, remoteEndpoint)
                : datagramData(family, localEndpoint, remoteEndpoint);
    }

    /** {@code %x %x:%x %x:%x %x %d %d %u %d %llx}: state, tx:rx queues, timer:ticks, retransmits, uid, probes, inode, refcount, sk. */
    private ProcNetLineOutcome tcpData(int family, InetEndpoint local, InetEndpoint remote) {
        ProcNetScanner s = scanner;
        if (!s.hex()) {
            return malformed("bad state");
        }
        int state = (int) s.value();
        if (!s.hex() || !s.literal(':')) {
            return malformed("bad tx_queue");
        }
        long sendQ = s.value() & 0xffffffffL;
        if (!s.hex()) {
            return malformed("bad rx_queue");
        }
        long recvQ = s.value() & 0xffffffffL;
        if (!s.hex() || !s.literal(':')) {
            return malformed("bad timer");
        }
        int timer = (int) s.value();
        if (!s.hex()) {
            return malformed("bad timer expiry");
        }
        long ticks = s.value() & 0xffffffffL;
        if (!s.hex()) {
            return malformed("bad retransmit count");
        }
        int retransmits = (int) s.value();
        if (!s.signedDecimal()) {
            return malformed("bad uid");
        }
        int uid = (int) s.value();
        if (!s.signedDecimal()) {
            return malformed("bad probe count");
        }
        int probes = (int) s.value();
        if (!s.unsignedDecimal()) {
            return malformed("bad inode");
        }
        long inode = s.value() & 0xffffffffL;
        if (!s.signedDecimal() || !s.hex()) {
            return malformed("bad refcount or socket address");
        }
        long sk = s.value();
        long hz = userHz;
        long expiresMs = ((ticks * 1000 + hz - 1) & 0xffffffffL) / hz;
        int shownRetransmits = timer != 1 ? probes : retransmits;
        record = new InetSocket(table, family, state, recvQ, sendQ, local, remote, 0, inode, uid, sk,
                Timer.of(timer, expiresMs), shownRetransmits, -1, -1, 0, 0, -1, null, tcpExtras());
        return ProcNetLineOutcome.RECORD;
    }

    /**
     * {@code %d %d %d %u %d %[^\n]} after the socket address: rto, ato, quick-ack, cwnd and ssthresh, then the
     * rest of the line, with ss's defaults for what a line lacks (time-wait and request lines stop at the
     * socket address) and ss's conversions: ticks to seconds, an initial 3 s rto shown as none, the quick-ack
     * column halved, an ssthresh of -1 shown as none. The trailing text counts only when every column before
     * it was there.
     */
    private ProcNetExtras tcpExtras() {
        ProcNetScanner s = scanner;
        long[] column = extraColumns;
        Arrays.fill(column, 0);
        int read = 0;
        while (read < column.length && (read == 3 ? s.unsignedDecimal() : s.signedDecimal())) {
            column[read++] = s.value();
        }
        byte[] options = null;
        if (read == column.length) {
            s.skipSpace();
            int from = s.position();
            if (from < lineEnd) {
                options = Arrays.copyOfRange(line, from, lineEnd);
            }
        }
        int rtoTicks = (int) column[0];
        int atoTicks = (int) column[1];
        int quickAck = (int) column[2];
        long cwnd = column[3] & 0xffffffffL;
        int ssthresh = (int) column[4];
        if (read == 0) {
            rtoTicks = 0;
            cwnd = 2;
            ssthresh = -1;
            atoTicks = 0;
            quickAck = 0;
        }
        double rto = rtoTicks;
        rto = rto != 3 * userHz ? rto / userHz : 0;
        return new ProcNetExtras(rto, (double) atoTicks / userHz, quickAck / 2, cwnd,
                ssthresh == -1 ? 0 : ssthresh, options);
    }

    /** {@code %x %x:%x %*x:%*x %*x %d %*d %u %d %llx}: state, queues, (timer), uid, (probes), inode, refcount, sk. */
    private ProcNetLineOutcome datagramData(int family, InetEndpoint local, InetEndpoint remote) {
        ProcNetScanner s = scanner;
        if (!s.hex()) {
            return malformed("bad state");
        }
        int state = (int) s.value();
        if (!s.hex() || !s.literal(':')) {
            return malformed("bad tx_queue");
        }
        long sendQ = s.value() & 0xffffffffL;
        if (!s.hex()) {
            return malformed("bad rx_queue");
        }
        long recvQ = s.value() & 0xffffffffL;
        if (!s.hex() || !s.literal(':') || !s.hex() || !s.hex()) {
            return malformed("bad timer columns");
        }
        if (!s.signedDecimal()) {
            return malformed("bad uid");
        }
        int uid = (int) s.value();
        if (!s.signedDecimal() || !s.unsignedDecimal()) {
            return malformed("bad inode");
        }
        long inode = s.value() & 0xffffffffL;
        if (!s.signedDecimal() || !s.hex()) {
            return malformed("bad refcount or socket address");
        }
        long sk = s.value();
        record = new InetSocket(table, family, state, recvQ, sendQ, local, remote, 0, inode, uid, sk,
                Timer.OFF, 0, -1, -1, 0, 0, -1, null, ProcNetExtras.DATAGRAM);
        return ProcNetLineOutcome.RECORD;
    }

    /** {@code %x:%x} for IPv4, {@code %08x%08x%08x%08x:%x} for IPv6, over {@code b[from..to)}. */
    private InetEndpoint endpoint(byte[] b, int from, int to, int family) {
        ProcNetScanner s = scanner.reset(b, from, to);
        boolean v4 = family == AddressFamily.INET;
        byte[] address = new byte[v4 ? 4 : 16];
        for (int word = 0; word < address.length / 4; word++) {
            if (!(v4 ? s.hex() : s.hex(8))) {
                return null;
            }
            putWord(address, word * 4, (int) s.value());
        }
        if (!s.literal(':') || !s.hex()) {
            return null;
        }
        return new InetEndpoint(address, (int) s.value());
    }

    /** The kernel prints each 32-bit word of the address as a number in its own byte order. */
    private static void putWord(byte[] address, int offset, int word) {
        for (int i = 0; i < 4; i++) {
            int shift = LITTLE_ENDIAN ? 8 * i : 8 * (3 - i);
            address[offset + i] = (byte) (word >>> shift);
        }
    }

    private static int indexOf(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    private ProcNetLineOutcome malformed(String why) {
        problem = why;
        return ProcNetLineOutcome.MALFORMED;
    }

    private ProcNetLineOutcome stop(String why) {
        problem = why;
        return ProcNetLineOutcome.STOP;
    }
}
