package io.sockscope.diagnose.firewall;

import io.sockscope.json.JsonValue;

import java.util.List;

/** The left side of a match: what part of the packet (or of its metadata) a rule looks at. */
public sealed interface Operand {
    /** A header field: {@code tcp dport}, {@code ip saddr}, {@code th dport}, … */
    record Payload(String protocol, String field) implements Operand {
    }

    /** Packet metadata: {@code meta iifname}, {@code meta l4proto}, … */
    record Meta(String key) implements Operand {
    }

    /** Connection tracking: {@code ct state}, … */
    record Ct(String key) implements Operand {
    }

    /** A routing lookup: {@code fib daddr type}, … */
    record Fib(String result, List<String> flags) implements Operand {
        public Fib {
            flags = List.copyOf(flags);
        }
    }

    /** Several fields joined ({@code ip saddr . tcp dport}), matched against joined values. */
    record Concat(List<Operand> parts) implements Operand {
        public Concat {
            parts = List.copyOf(parts);
        }
    }

    /** Anything else (bit operations, socket or osf lookups, numgen, hashes): never evaluated. */
    record Other(JsonValue raw) implements Operand {
    }
}
