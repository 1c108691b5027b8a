package io.sockscope.live;

import io.sockscope.model.TcpState;

import java.util.Arrays;

/**
 * How many sockets are in each state ({@link TcpState} codes), for one row of {@code top}. Immutable; a state
 * code the model does not know counts as {@link TcpState#UNKNOWN}.
 */
public final class StateCounts {
    /** No socket at all. */
    public static final StateCounts NONE = new StateCounts(new int[TcpState.values().length]);

    private final int[] byCode;

    private StateCounts(int[] byCode) {
        this.byCode = byCode;
    }

    /** The sockets in {@code state}. */
    public int count(TcpState state) {
        return byCode[state.code()];
    }

    /** Every socket counted, whatever its state. */
    public int total() {
        return Arrays.stream(byCode).sum();
    }

    /** The sockets in none of {@code shown}: what a row has besides the states it has columns for. */
    public int otherThan(TcpState... shown) {
        int other = total();
        for (TcpState s : shown) {
            other -= count(s);
        }
        return other;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateCounts other && Arrays.equals(byCode, other.byCode);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(byCode);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (TcpState state : TcpState.values()) {
            if (count(state) > 0) {
                s.append(s.length() > 1 ? ", " : "").append(state.ssName()).append('=').append(count(state));
            }
        }
        return s.append('}').toString();
    }

    /** Counts sockets one at a time; {@link #build} makes the immutable value. */
    static final class Tally {
        private final int[] byCode = new int[TcpState.values().length];

        void add(int stateCode) {
            byCode[TcpState.ofCode(stateCode).code()]++;
        }

        StateCounts build() {
            return new StateCounts(byCode.clone());
        }
    }
}
