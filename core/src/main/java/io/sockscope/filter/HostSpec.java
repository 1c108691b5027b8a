package io.sockscope.filter;

import java.util.List;
import java.util.Objects;

/**
 * The operand of {@code src}, {@code dst}, {@code sport} and {@code dport}: what ss's
 * {@code parse_hostcond} makes of one word. Which variant a word becomes depends on its prefix
 * ({@code unix:}, {@code link:}, {@code netlink:}, {@code vsock:}, {@code inet:}, {@code inet6:}) or,
 * without one, on the preferred family in force when it was read.
 *
 * <p>{@link #port()} is the port the condition requires, or {@code -1} for any (ss uses the same
 * sentinel, so a literal {@code :-1} also means any). For {@code sport}/{@code dport} comparisons only
 * the port matters.
 */
public sealed interface HostSpec {

    /** The required port, or -1 for any port. */
    int port();

    /**
     * An IPv4/IPv6 condition: an optional address (a prefix, or every address a name resolved to) and an
     * optional port. An empty {@code addresses} list means "any address" (as do prefixes of length 0).
     *
     * @param port      required port or -1
     * @param addresses the prefixes in ss's order (the first one is what ss puts in the kernel bytecode)
     */
    record InetHost(int port, List<AddressPrefix> addresses) implements HostSpec {
        public InetHost {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * A Unix socket name glob ({@code fnmatch} with case folding); an abstract name shows as {@code @…}.
     *
     * @param pattern the glob as written, after the {@code unix:} prefix
     */
    record UnixGlob(String pattern) implements HostSpec {
        public UnixGlob {
            Objects.requireNonNull(pattern);
        }

        @Override
        public int port() {
            return -1;
        }
    }

    /**
     * A packet socket condition: {@code link:PROTO:IFACE}.
     *
     * @param protocol ethertype in host order, or -1 for any
     * @param port     interface index (ss keeps it in the port slot), or -1 for any
     */
    record LinkHost(int protocol, int port) implements HostSpec {
    }

    /**
     * A netlink socket condition: {@code netlink:PROTO:PORTID}.
     *
     * @param protocol netlink protocol number (0–255), or -1 for any
     * @param port     port id ({@code kernel} is 0), or -1 for any
     */
    record NetlinkHost(int protocol, int port) implements HostSpec {
    }

    /**
     * A vsock condition: {@code vsock:CID:PORT}. ss 6.1 parses the CID but then clears its prefix length,
     * so only the port ever filters; the CID still travels in the kernel bytecode.
     *
     * @param cid  context id as parsed (unsigned 32-bit), 0xFFFFFFFF when absent
     * @param port port as an unsigned 32-bit value stored in an int, or -1 for any
     */
    record VsockHost(long cid, int port) implements HostSpec {
    }
}
