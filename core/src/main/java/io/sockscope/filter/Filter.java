package io.sockscope.filter;

import java.util.Objects;

/**
 * A parsed ss filter expression: one node per ss filter node ({@code SSF_*}), so both back ends — the
 * userspace {@link FilterEvaluator} and the kernel {@link BytecodeCompiler} — see exactly the tree ss
 * builds. {@code dport > X} is therefore {@code Not(PortAtMost(REMOTE, X))}, {@code sport != X} is
 * {@code Not(Host(LOCAL, X))}, and a sequence {@code a b | c} is {@code Or(And(a, b), c)}: AND and OR have
 * equal precedence and group left to right.
 *
 * <p>Nodes are immutable values; two parses of the same words give equal trees.
 */
public sealed interface Filter {

    /** Which end of the socket a condition looks at. */
    enum Side {
        /** {@code src} / {@code sport}: the local address and port. */
        LOCAL,
        /** {@code dst} / {@code dport}: the peer address and port. */
        REMOTE
    }

    /** Both operands match ({@code SSF_AND}). */
    record And(Filter left, Filter right) implements Filter {
        public And {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    /** Either operand matches ({@code SSF_OR}). */
    record Or(Filter left, Filter right) implements Filter {
        public Or {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    /** The operand does not match ({@code SSF_NOT}). */
    record Not(Filter operand) implements Filter {
        public Not {
            Objects.requireNonNull(operand);
        }
    }

    /**
     * {@code src X}, {@code dst X}, {@code sport = X}, {@code dport = X} ({@code SSF_SCOND}/{@code SSF_DCOND}):
     * the address and port of one side match the host condition.
     */
    record Host(Side side, HostSpec spec) implements Filter {
        public Host {
            Objects.requireNonNull(side);
            Objects.requireNonNull(spec);
        }
    }

    /**
     * {@code sport >= X} / {@code dport >= X} ({@code SSF_S_GE}/{@code SSF_D_GE}): the port of one side is at
     * least {@code bound.port()}. The whole operand is kept because ss keeps it.
     */
    record PortAtLeast(Side side, HostSpec bound) implements Filter {
        public PortAtLeast {
            Objects.requireNonNull(side);
            Objects.requireNonNull(bound);
        }
    }

    /** {@code sport <= X} / {@code dport <= X} ({@code SSF_S_LE}/{@code SSF_D_LE}). */
    record PortAtMost(Side side, HostSpec bound) implements Filter {
        public PortAtMost {
            Objects.requireNonNull(side);
            Objects.requireNonNull(bound);
        }
    }

    /** {@code autobound} ({@code SSF_S_AUTO}): the local port was picked by the kernel. */
    record Autobound() implements Filter {
    }

    /**
     * {@code dev NAME} ({@code SSF_DEVCOND}): the socket is bound to this interface. ss 6.1 has no bytecode
     * for it, so an expression containing it is filtered in userspace only.
     *
     * @param ifindex interface index (unsigned 32-bit in an int)
     */
    record Device(int ifindex) implements Filter {
    }

    /**
     * {@code fwmark VALUE[/MASK]} ({@code SSF_MARKMASK}): {@code (mark & mask) == value}.
     *
     * @param value the mark to compare with (unsigned 32-bit in an int)
     * @param mask  the mask, all ones when none was given
     */
    record Mark(int value, int mask) implements Filter {
    }

    /**
     * {@code cgroup PATH} ({@code SSF_CGROUPCOND}): the socket belongs to this cgroup v2.
     *
     * @param id the cgroup id the path resolved to (never 0)
     */
    record Cgroup(long id) implements Filter {
    }
}
