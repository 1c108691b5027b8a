package io.sockscope.filter;

/**
 * Decides, without looking at any socket, whether an expression keeps every inet socket: {@code -K} closes
 * what it lists, and an expression that keeps everything ({@code sport >= :0}, {@code src 0.0.0.0/0},
 * {@code dport = :80 or not dport = :80}) names nothing. The answer errs one way only: "always" is said only
 * when it is certain, so an unusual tautology still counts as a filter.
 */
final class Tautology {
    private static final int HIGHEST_PORT = 65535;

    /** What is known of an expression's value over every inet socket. */
    private enum Truth {
        ALWAYS, NEVER, DEPENDS;

        Truth not() {
            return this == ALWAYS ? NEVER : this == NEVER ? ALWAYS : DEPENDS;
        }
    }

    private Tautology() {
    }

    /** Whether the expression keeps every inet socket, whatever its addresses, ports, marks and device. */
    static boolean keepsEveryInetSocket(Filter expression) {
        return truth(expression) == Truth.ALWAYS;
    }

    private static Truth truth(Filter node) {
        if (node instanceof Filter.Not n) {
            return truth(n.operand()).not();
        }
        if (node instanceof Filter.And a) {
            if (complementary(a.left(), a.right())) {
                return Truth.NEVER;
            }
            Truth l = truth(a.left());
            Truth r = truth(a.right());
            if (l == Truth.NEVER || r == Truth.NEVER) {
                return Truth.NEVER;
            }
            return l == Truth.ALWAYS && r == Truth.ALWAYS ? Truth.ALWAYS : Truth.DEPENDS;
        }
        if (node instanceof Filter.Or o) {
            if (complementary(o.left(), o.right())) {
                return Truth.ALWAYS;
            }
            Truth l = truth(o.left());
            Truth r = truth(o.right());
            if (l == Truth.ALWAYS || r == Truth.ALWAYS) {
                return Truth.ALWAYS;
            }
            return l == Truth.NEVER && r == Truth.NEVER ? Truth.NEVER : Truth.DEPENDS;
        }
        return leaf(node);
    }

    /** {@code x} beside {@code not x}: one of them holds for every socket. */
    private static boolean complementary(Filter a, Filter b) {
        return a instanceof Filter.Not n && n.operand().equals(b) || b instanceof Filter.Not m && m.operand().equals(a);
    }

    private static Truth leaf(Filter node) {
        if (node instanceof Filter.Host h && h.spec() instanceof HostSpec.InetHost inet) {
            RawHost raw = RawHost.of(inet);
            // Any port and a zero-length prefix (or no address at all): the evaluator returns true at once.
            return raw.port() == -1 && raw.headBits() == 0 ? Truth.ALWAYS : Truth.DEPENDS;
        }
        if (node instanceof Filter.PortAtLeast p) {
            return p.bound().port() <= 0 ? Truth.ALWAYS : Truth.DEPENDS;
        }
        if (node instanceof Filter.PortAtMost p) {
            return p.bound().port() >= HIGHEST_PORT ? Truth.ALWAYS : Truth.DEPENDS;
        }
        if (node instanceof Filter.Mark m) {
            return m.mask() == 0 ? (m.value() == 0 ? Truth.ALWAYS : Truth.NEVER) : Truth.DEPENDS;
        }
        return Truth.DEPENDS;
    }
}
