package io.sockscope.query;

import io.sockscope.filter.CompiledFilter;
import io.sockscope.model.AddressFamily;
import io.sockscope.source.DumpKind;
import io.sockscope.source.DumpPlan;
import io.sockscope.source.DumpRequest;

import java.util.List;
import java.util.Objects;

/**
 * One question to the socket tables, whoever asks it (the command line, the library, the doctor): which tables,
 * states and families, the compiled filter, what the kernel should report beside each socket, where a table
 * may be read from, and whether what is listed is closed ({@code -K}). Immutable; {@link QueryEngine} answers it.
 *
 * @param tables          the tables ({@code SocketTable} bits)
 * @param states          the states ({@code TcpState} bits)
 * @param families        the address families ({@link AddressFamily#mask} bits)
 * @param preferredFamily the family an expression's bare addresses mean ({@link AddressFamily#UNSPEC} for any)
 * @param filter          the compiled expression, {@link CompiledFilter#NONE} for none
 * @param attributes      what the kernel is asked to report beside each socket
 * @param fallback        when a table is read from {@code /proc/net} instead of the kernel
 * @param kill            close each inet socket the kernel lists and the filter keeps, and list it once closed
 */
public record Query(int tables, int states, long families, int preferredFamily, CompiledFilter filter,
                    Attributes attributes, FallbackPolicy fallback, boolean kill) {

    public Query {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(fallback, "fallback");
    }

    /**
     * What the kernel reports beside each socket, as ss asks for it: {@code -m} and {@code -i} set idiag_ext bits
     * (and unix MEMINFO), {@code --tos} the TOS bits, {@code --inet-sockopt} the socket option bits, and
     * {@code details} the unix VFS and pending-connection attributes and the packet attributes.
     */
    public record Attributes(boolean memory, boolean tcpInfo, boolean tos, boolean inetSockopt, boolean details) {
        /** Nothing beyond the socket itself. */
        public static final Attributes NONE = new Attributes(false, false, false, false, false);
    }

    /** The request each table's dump sends. */
    public DumpRequest request() {
        return new DumpRequest(tables, states, families, preferredFamily, attributes.memory(), attributes.tcpInfo(),
                attributes.tos(), attributes.inetSockopt(), attributes.details(), filter.bytecode());
    }

    /** The dumps that answer the query, in ss's order. */
    public List<DumpKind> plan() {
        return DumpPlan.of(tables, families, states);
    }
}
