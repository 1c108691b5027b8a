package io.sockscope.filter;

import io.sockscope.model.AddressFamily;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * ss 6.1's {@code ssfilter_bytecompile}: a filter to the {@code inet_diag} bytecode the kernel runs for each
 * socket of an inet dump ({@code inet_diag_bc_run}).
 *
 * <p>Layout, per node: {@code src}/{@code dst} become one {@code S_COND}/{@code D_COND} op with an
 * {@code inet_diag_hostcond} and the address per resolved address, joined by jumps (ss repeats the
 * <em>first</em> address in each copy); port comparisons become {@code S_GE}/{@code S_LE}/{@code D_GE}/
 * {@code D_LE} plus a data op holding the port; {@code autobound}, {@code fwmark} and {@code cgroup} become
 * {@code AUTO}, {@code MARK_COND} and {@code CGROUP_COND}. AND is concatenation with the left part's
 * failure exits moved past the right part; OR puts a jump to the end between its parts; NOT appends a
 * jump that turns "passed" into "failed". {@code dev} has no bytecode in 6.1 (the kernel has
 * {@code DEV_COND}, ss does not emit it), and one {@code dev} anywhere leaves the whole expression
 * uncompiled.
 *
 * <p>The program answers like {@link FilterEvaluator} except where the kernel's meaning differs from ss's
 * userspace one:
 * <ul>
 * <li>{@code autobound} tests the socket's bind lock ({@code SOCK_BINDPORT_LOCK} unset) rather than the
 *     ephemeral port range;</li>
 * <li>a port comparison carries a 16-bit port, so "no port" (-1) compares with 65535, not -1;</li>
 * <li>the kernel refuses a host condition whose family is set and differs from the socket's — except an
 *     IPv4 condition on an IPv4-mapped IPv6 socket, tested on the embedded address — while ss compares the
 *     leading address bits whatever the families: {@code src 0.0.0.0/0} passes a pure IPv6 socket in ss
 *     only, {@code src 32.1.0.0/16} passes {@code 2001::1} in ss only;</li>
 * <li>a name that resolved to several addresses tests only the first one (ss repeats it).</li>
 * </ul>
 * ss applies both filters to inet sockets, so a socket is listed when both accept it.
 */
public final class BytecodeCompiler {
    /** {@code INET_DIAG_BC_*} op codes. */
    static final int JMP = 1;
    static final int S_GE = 2;
    static final int S_LE = 3;
    static final int D_GE = 4;
    static final int D_LE = 5;
    static final int AUTO = 6;
    static final int S_COND = 7;
    static final int D_COND = 8;
    static final int MARK_COND = 10;
    static final int CGROUP_COND = 13;

    /** The longest program an {@code rtattr} (16-bit length including its 4-byte header) can carry. */
    static final int MAX_LENGTH = 0xFFFF - 4;

    private static final ByteOrder HOST = ByteOrder.nativeOrder();

    private BytecodeCompiler() {
    }

    /** What ss sends for {@code filter}. */
    public static BytecodePlan compile(Filter filter) {
        List<Filter> missing = uncompilableNodes(filter);
        if (!missing.isEmpty()) {
            return new BytecodePlan.None(missing);
        }
        long length = length(filter);
        if (length > MAX_LENGTH) {
            return new BytecodePlan.Oversized(length);
        }
        Flags flags = new Flags();
        byte[] program = emit(filter, flags);
        return new BytecodePlan.Program(program, flags.exact, flags.kernelAccepts, flags.needsNetAdmin);
    }

    /** Whether ss compiles the whole expression (it has no {@code dev} condition). */
    public static boolean isFullyCompilable(Filter filter) {
        return uncompilableNodes(filter).isEmpty();
    }

    /** The nodes ss 6.1 cannot compile, in tree order: every {@link Filter.Device}. */
    public static List<Filter> uncompilableNodes(Filter filter) {
        List<Filter> found = new ArrayList<>();
        Deque<Filter> work = new ArrayDeque<>();
        work.push(filter);
        while (!work.isEmpty()) {
            Filter f = work.pop();
            switch (f) {
                case Filter.And a -> {
                    work.push(a.right());
                    work.push(a.left());
                }
                case Filter.Or o -> {
                    work.push(o.right());
                    work.push(o.left());
                }
                case Filter.Not n -> work.push(n.operand());
                case Filter.Device d -> found.add(d);
                default -> { }
            }
        }
        return found;
    }

    /** What the compiled program turned out to contain. */
    private static final class Flags {
        boolean exact = true;
        boolean kernelAccepts = true;
        boolean needsNetAdmin;
    }

    /** The program's length, computed without building it. */
    private static long length(Filter root) {
        long total = 0;
        Deque<Filter> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Filter f = work.pop();
            switch (f) {
                case Filter.And a -> {
                    work.push(a.right());
                    work.push(a.left());
                }
                case Filter.Or o -> {
                    total += 4;
                    work.push(o.right());
                    work.push(o.left());
                }
                case Filter.Not n -> {
                    total += 4;
                    work.push(n.operand());
                }
                case Filter.Host h -> total += hostLength(h.spec());
                case Filter.PortAtLeast p -> total += 8;
                case Filter.PortAtMost p -> total += 8;
                case Filter.Autobound a -> total += 4;
                case Filter.Mark m -> total += 12;
                case Filter.Cgroup c -> total += 12;
                case Filter.Device d -> { }
            }
        }
        return total;
    }

    private static long hostLength(HostSpec spec) {
        int count = spec instanceof HostSpec.InetHost h ? Math.max(1, h.addresses().size()) : 1;
        int oplen = opLength(spec);
        return (long) count * oplen + (count - 1) * 4L;
    }

    /** One host op: the op header, {@code inet_diag_hostcond}, and 4 or 16 address bytes. */
    private static int opLength(HostSpec spec) {
        int family = spec instanceof HostSpec.UnixGlob ? AddressFamily.UNIX : RawHost.of(spec).family();
        return 4 + 8 + (family == AddressFamily.INET6 ? 16 : 4);
    }

    /** Post-order emission with an explicit stack; each finished subtree leaves its bytes on {@code done}. */
    private static byte[] emit(Filter root, Flags flags) {
        Deque<Object[]> work = new ArrayDeque<>();
        Deque<byte[]> done = new ArrayDeque<>();
        work.push(new Object[] {root, Boolean.FALSE});
        while (!work.isEmpty()) {
            Object[] item = work.pop();
            Filter f = (Filter) item[0];
            boolean childrenDone = (Boolean) item[1];
            switch (f) {
                case Filter.And a -> {
                    if (!childrenDone) {
                        pushChildren(work, f, a.left(), a.right());
                    } else {
                        byte[] right = done.pop();
                        byte[] left = done.pop();
                        byte[] out = concat(left, right);
                        relocateFailures(out, left.length, right.length);
                        done.push(out);
                    }
                }
                case Filter.Or o -> {
                    if (!childrenDone) {
                        pushChildren(work, f, o.left(), o.right());
                    } else {
                        byte[] right = done.pop();
                        byte[] left = done.pop();
                        done.push(concat(left, op(JMP, 4, right.length + 4), right));
                    }
                }
                case Filter.Not n -> {
                    if (!childrenDone) {
                        work.push(new Object[] {f, Boolean.TRUE});
                        work.push(new Object[] {n.operand(), Boolean.FALSE});
                    } else {
                        done.push(concat(done.pop(), op(JMP, 4, 8)));
                    }
                }
                default -> done.push(leaf(f, flags));
            }
        }
        return done.pop();
    }

    private static void pushChildren(Deque<Object[]> work, Filter parent, Filter left, Filter right) {
        work.push(new Object[] {parent, Boolean.TRUE});
        work.push(new Object[] {right, Boolean.FALSE});
        work.push(new Object[] {left, Boolean.FALSE});
    }

    private static byte[] leaf(Filter f, Flags flags) {
        return switch (f) {
            case Filter.Autobound a -> op(AUTO, 4, 8);
            case Filter.Host h -> hostCondition(h.side() == Filter.Side.REMOTE ? D_COND : S_COND, h.spec(), flags);
            case Filter.PortAtLeast p -> portComparison(p.side() == Filter.Side.LOCAL ? S_GE : D_GE, p.bound());
            case Filter.PortAtMost p -> portComparison(p.side() == Filter.Side.LOCAL ? S_LE : D_LE, p.bound());
            case Filter.Mark m -> {
                flags.needsNetAdmin = true;
                yield ByteBuffer.allocate(12).order(HOST).put(op(MARK_COND, 12, 16))
                        .putInt(m.value()).putInt(m.mask()).array();
            }
            case Filter.Cgroup c -> ByteBuffer.allocate(12).order(HOST).put(op(CGROUP_COND, 12, 16))
                    .putLong(c.id()).array();
            default -> throw new IllegalStateException("no bytecode for " + f);
        };
    }

    private static byte[] portComparison(int code, HostSpec bound) {
        return concat(op(code, 8, 12), op(0, 0, bound.port()));
    }

    /**
     * One {@code inet_diag_hostcond} op per address, each followed (but the last) by a jump to the end: the
     * first op that passes accepts. Every copy carries the first address, family, length and port, as ss's
     * loop does.
     */
    private static byte[] hostCondition(int code, HostSpec spec, Flags flags) {
        int family;
        int bits;
        int port;
        byte[] data;
        int count;
        if (spec instanceof HostSpec.UnixGlob glob) {
            family = AddressFamily.UNIX;
            bits = 8 * glob.pattern().getBytes(StandardCharsets.UTF_8).length;
            port = -1;
            data = new byte[4]; // ss copies a pointer here
            count = 1;
            flags.exact = false;
        } else {
            RawHost raw = RawHost.of(spec);
            RawHost.Prefix head = raw.prefixes().get(0);
            family = head.family();
            bits = head.bits();
            port = raw.port();
            data = head.data();
            count = raw.prefixes().size();
        }
        if (family != AddressFamily.UNSPEC && family != AddressFamily.INET && family != AddressFamily.INET6) {
            flags.kernelAccepts = false;
        }
        int alen = family == AddressFamily.INET6 ? 16 : 4;
        int oplen = 4 + 8 + alen;
        int total = count * oplen + (count - 1) * 4;
        ByteBuffer out = ByteBuffer.allocate(total).order(HOST);
        for (int i = 0; i < count; i++) {
            out.put(op(code, oplen, oplen + 4));
            out.put((byte) family).put((byte) bits).putShort((short) 0).putInt(port);
            for (int k = 0; k < alen; k++) {
                out.put(k < data.length ? data[k] : 0);
            }
            if (i < count - 1) {
                out.put(op(JMP, 4, total - out.position()));
            }
        }
        return out.array();
    }

    /** {@code struct inet_diag_bc_op}: code (u8), yes (u8), no (u16, host order). */
    static byte[] op(int code, int yes, int no) {
        return ByteBuffer.allocate(4).order(HOST).put((byte) code).put((byte) yes).putShort((short) no).array();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /**
     * ss's {@code ssfilter_patch}: walking the left part op by op, every op whose failure exit lands just
     * past the left part's end (its "failed" position) is moved by the right part's length, so failing the
     * left part fails the conjunction.
     */
    private static void relocateFailures(byte[] program, int leftLength, int rightLength) {
        ByteBuffer b = ByteBuffer.wrap(program).order(HOST);
        int offset = 0;
        int remaining = leftLength;
        while (remaining > 0) {
            int yes = b.get(offset + 1) & 0xFF;
            int no = b.getShort(offset + 2) & 0xFFFF;
            if (no == remaining + 4) {
                b.putShort(offset + 2, (short) (no + rightLength));
            }
            if (yes == 0) {
                throw new IllegalStateException("op with zero length at " + offset);
            }
            remaining -= yes;
            offset += yes;
        }
    }
}
