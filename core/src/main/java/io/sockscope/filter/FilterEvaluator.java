package io.sockscope.filter;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.SocketRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * ss's userspace filter ({@code run_ssfilter}) for one expression. ss applies it to every socket it lists —
 * also to inet sockets the kernel already filtered with the bytecode — so a caller reproducing ss should do
 * the same.
 *
 * <p>Semantics per condition, as in ss 6.1:
 * <ul>
 * <li>{@code src}/{@code dst}: the port must equal the condition's (unless it is -1), then, if the first
 *     address has a non-zero prefix length, one of the addresses must match the first bits of the socket's
 *     address — bit for bit, whatever the families; a plain IPv4 prefix also matches an IPv4-mapped IPv6
 *     socket through its embedded address. A Unix condition is a case-folding glob on the socket's name
 *     ({@code @…} for abstract names; a nameless socket matches as the empty name).</li>
 * <li>port comparisons: signed comparison of the socket's port with the condition's port (-1 when none).</li>
 * <li>{@code autobound}: unix — no name, or an autobind name {@code @xxxxx} (five lower-case hex digits);
 *     packet — protocol 0 on no interface; netlink — negative port id; vsock — port above 1023; inet — the
 *     local port lies in the ephemeral range.</li>
 * <li>{@code dev}, {@code fwmark}, {@code cgroup}: equality of index, masked mark, cgroup id.</li>
 * </ul>
 * Where ss reads memory it does not own (a Unix glob tested on an inet socket, an address tested on a Unix
 * socket) it has no defined result; this class then treats the name as empty and the address as zeros.
 *
 * <p>The tree is flattened once into a jump program, so evaluation needs no recursion however deep the
 * expression is. Instances are immutable and thread-safe.
 */
public final class FilterEvaluator {
    private static final int ACCEPT = -1;
    private static final int REJECT = -2;

    /** One test with where to go next. */
    private record Step(Test test, int ifTrue, int ifFalse) {
    }

    @FunctionalInterface
    private interface Test {
        boolean test(FilterSubject s);
    }

    private final Step[] program;
    private final EphemeralPortRange ephemeral;

    private FilterEvaluator(Filter filter, EphemeralPortRange ephemeral) {
        this.ephemeral = ephemeral;
        this.program = flatten(filter);
    }

    /** An evaluator for {@code filter}; {@code ephemeral} is the range {@code autobound} uses for inet. */
    public static FilterEvaluator of(Filter filter, EphemeralPortRange ephemeral) {
        Objects.requireNonNull(filter);
        Objects.requireNonNull(ephemeral);
        return new FilterEvaluator(filter, ephemeral);
    }

    /** Whether the socket, filled as ss fills it for a netlink dump ({@link FilterSubject#of}), matches. */
    public boolean matches(SocketRecord socket) {
        return matches(FilterSubject.of(socket));
    }

    /** Whether the subject matches. */
    public boolean matches(FilterSubject subject) {
        int pc = 0;
        while (pc >= 0) {
            Step step = program[pc];
            pc = step.test.test(subject) ? step.ifTrue : step.ifFalse;
        }
        return pc == ACCEPT;
    }

    /** A pending piece of the tree: the node, where its start is patched in, and its two exits. */
    private record Work(Filter node, int[] startSlot, int ifTrue, int ifFalse) {
    }

    /**
     * Short-circuit jump code: each leaf becomes one step; AND sends "true" to its right operand, OR sends
     * "false" there, NOT swaps exits. Exits that point at a not-yet-emitted operand are patched when it is.
     */
    private Step[] flatten(Filter root) {
        List<Test> tests = new ArrayList<>();
        List<int[]> exits = new ArrayList<>();
        Deque<Work> work = new ArrayDeque<>();
        List<int[]> patches = new ArrayList<>();
        work.push(new Work(root, null, ACCEPT, REJECT));
        while (!work.isEmpty()) {
            Work w = work.pop();
            int here = tests.size();
            if (w.startSlot != null) {
                w.startSlot[0] = here;
            }
            switch (w.node) {
                case Filter.And a -> {
                    int[] rightStart = {Integer.MIN_VALUE};
                    work.push(new Work(a.right(), rightStart, w.ifTrue, w.ifFalse));
                    work.push(new Work(a.left(), null, encode(rightStart, patches), w.ifFalse));
                }
                case Filter.Or o -> {
                    int[] rightStart = {Integer.MIN_VALUE};
                    work.push(new Work(o.right(), rightStart, w.ifTrue, w.ifFalse));
                    work.push(new Work(o.left(), null, w.ifTrue, encode(rightStart, patches)));
                }
                case Filter.Not n -> work.push(new Work(n.operand(), null, w.ifFalse, w.ifTrue));
                default -> {
                    tests.add(leaf(w.node));
                    exits.add(new int[] {w.ifTrue, w.ifFalse});
                }
            }
        }
        Step[] steps = new Step[tests.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = new Step(tests.get(i), resolve(exits.get(i)[0], patches), resolve(exits.get(i)[1], patches));
        }
        return steps;
    }

    /** Exits that are not yet known are encoded as indexes into {@code patches}, below REJECT. */
    private static int encode(int[] slot, List<int[]> patches) {
        patches.add(slot);
        return REJECT - patches.size();
    }

    private static int resolve(int exit, List<int[]> patches) {
        while (exit < REJECT) {
            exit = patches.get(REJECT - exit - 1)[0];
        }
        return exit;
    }

    private Test leaf(Filter node) {
        return switch (node) {
            case Filter.Autobound a -> this::autobound;
            case Filter.Host h -> hostTest(h.side(), h.spec());
            case Filter.PortAtLeast p -> {
                int bound = p.bound().port();
                yield p.side() == Filter.Side.LOCAL ? s -> s.localPort() >= bound : s -> s.remotePort() >= bound;
            }
            case Filter.PortAtMost p -> {
                int bound = p.bound().port();
                yield p.side() == Filter.Side.LOCAL ? s -> s.localPort() <= bound : s -> s.remotePort() <= bound;
            }
            case Filter.Device d -> s -> s.ifindex() == d.ifindex();
            case Filter.Mark m -> s -> (s.mark() & m.mask()) == m.value();
            case Filter.Cgroup c -> s -> s.cgroupId() == c.id();
            case Filter.And a -> throw new IllegalStateException("not a leaf");
            case Filter.Or o -> throw new IllegalStateException("not a leaf");
            case Filter.Not n -> throw new IllegalStateException("not a leaf");
        };
    }

    private boolean autobound(FilterSubject s) {
        return switch (s.family()) {
            case AddressFamily.UNIX -> {
                byte[] name = s.localBytes();
                yield name == null || isAutobindName(name);
            }
            case AddressFamily.PACKET -> s.localPort() == 0 && firstWordIsZero(s.localBytes());
            case AddressFamily.NETLINK -> s.localPort() < 0;
            case AddressFamily.VSOCK -> s.localPort() > 1023;
            default -> ephemeral.contains(s.localPort());
        };
    }

    /** {@code @} and exactly five lower-case hex digits: the names the kernel gives on autobind. */
    private static boolean isAutobindName(byte[] name) {
        if (name.length != 6 || name[0] != '@') {
            return false;
        }
        for (int i = 1; i < 6; i++) {
            byte b = name[i];
            if (!((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean firstWordIsZero(byte[] data) {
        if (data == null) {
            return true;
        }
        for (int i = 0; i < Math.min(4, data.length); i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Test hostTest(Filter.Side side, HostSpec spec) {
        boolean local = side == Filter.Side.LOCAL;
        if (spec instanceof HostSpec.UnixGlob glob) {
            byte[] pattern = glob.pattern().getBytes(StandardCharsets.UTF_8);
            return s -> {
                byte[] name = s.family() == AddressFamily.UNIX ? (local ? s.localBytes() : s.remoteBytes()) : null;
                return Glob.matches(pattern, name == null ? new byte[0] : name);
            };
        }
        RawHost raw = RawHost.of(spec);
        int port = raw.port();
        boolean anyAddress = raw.headBits() == 0;
        return s -> {
            if (port != -1 && port != (local ? s.localPort() : s.remotePort())) {
                return false;
            }
            if (anyAddress) {
                return true;
            }
            byte[] address = s.family() == AddressFamily.UNIX ? null : (local ? s.localBytes() : s.remoteBytes());
            for (RawHost.Prefix p : raw.prefixes()) {
                if (addressMatches(s.family(), address, p)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * iproute2's {@code inet2_addr_match}: the first {@code bits} bits compared as raw bytes, and for an IPv4
     * prefix against an IPv4-mapped IPv6 address, the same comparison on the embedded IPv4 address.
     */
    static boolean addressMatches(int socketFamily, byte[] address, RawHost.Prefix p) {
        if (prefixEquals(address, p.data(), p.bits())) {
            return true;
        }
        if (p.family() == AddressFamily.INET && socketFamily == AddressFamily.INET6 && InetEndpoint.isV4Mapped(address)) {
            byte[] shifted = address.clone();
            System.arraycopy(address, 12, shifted, 0, 4);
            return prefixEquals(shifted, p.data(), p.bits());
        }
        return false;
    }

    /** Whether the first {@code bits} bits of two zero-padded byte strings agree. */
    static boolean prefixEquals(byte[] a, byte[] b, int bits) {
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (byteAt(a, i) != byteAt(b, i)) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return ((byteAt(a, whole) ^ byteAt(b, whole)) & mask) == 0;
    }

    private static int byteAt(byte[] a, int i) {
        return a != null && i < a.length ? a[i] & 0xFF : 0;
    }
}
