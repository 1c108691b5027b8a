package io.sockscope.diagnose.firewall;

import java.net.InetAddress;
import java.util.List;

/** What the doctor knows about one field of the probe packet, as a rule's left side names it. */
sealed interface FieldValue {
    /** The packet does not have this header (an {@code ip saddr} test on an IPv6 packet): the match fails. */
    record Absent() implements FieldValue {
    }

    /** Not known at all. */
    record Unknown() implements FieldValue {
    }

    /** One of these ports, numbers or names (exactly one of them is the packet's). */
    record Candidates(FieldKind kind, List<Object> values) implements FieldValue {
        public Candidates {
            values = List.copyOf(values);
        }
    }

    /** Some port in {@code [low, high]}. */
    record PortRange(int low, int high) implements FieldValue {
    }

    /** Some address that is not a loopback address (a remote client's unknown source). */
    record AnyRemoteAddress(int ipVersion) implements FieldValue {
    }

    /** Not {@code excluded}, otherwise unknown (a remote packet's interface type is not {@code loopback}). */
    record Excluding(FieldKind kind, Object excluded) implements FieldValue {
    }

    /** Convenience for a single known value. */
    static FieldValue of(FieldKind kind, Object value) {
        return new Candidates(kind, List.of(value));
    }

    /** Addresses as candidates, or unknown when there are none. */
    static FieldValue addresses(List<InetAddress> addresses) {
        return addresses.isEmpty() ? new Unknown() : new Candidates(FieldKind.ADDRESS, List.copyOf(addresses));
    }
}
