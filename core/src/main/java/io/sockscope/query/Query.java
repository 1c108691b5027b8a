package io.sockscope.query;

import io.sockscope.filter.CompiledFilter;
import io.sockscope.model.AddressFamily;
import io.sockscope.procmap.OwnerScanner;
import io.sockscope.source.DumpKind;
import io.sockscope.source.DumpPlan;
import io.sockscope.source.DumpRequest;

import java.util.List;
import java.util.Objects;

/**
 * One question to the socket tables, whoever asks it (the command line, the library, the doctor): which tables,
 * states and families, the compiled filter, what the kernel should report beside each socket, where a table
 * may be read from, whether what is listed is closed ({@code -K}), and whether the processes holding each socket
 * are wanted ({@code -p}). Immutable; {@link QueryEngine} answers it.
 *
 * @param tables          the tables ({@code SocketTable} bits)
 * @param states          the states ({@code TcpState} bits)
 * @param families        the address families ({@link AddressFamily#mask} bits)
 * @param preferredFamily the family an expression's bare addresses mean ({@link AddressFamily#UNSPEC} for any)
 * @param filter          the compiled expression, {@link CompiledFilter#NONE} for none
 * @param attributes      what the kernel is asked to report beside each socket
 * @param fallback        when a table is read from {@code /proc/net} instead of the kernel
 * @param kill            close each inet socket the kernel lists and the filter keeps, and list it once closed
 * @param owners          whether, and how, the processes holding each socket are found
 */
public record Query(int tables, int states, long families, int preferredFamily, CompiledFilter filter,
                    Attributes attributes, FallbackPolicy fallback, boolean kill, Owners owners) {

    public Query {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(owners, "owners");
    }

    /** A query that wants no owners. */
    public Query(int tables, int states, long families, int preferredFamily, CompiledFilter filter,
                 Attributes attributes, FallbackPolicy fallback, boolean kill) {
        this(tables, states, families, preferredFamily, filter, attributes, fallback, kill, Owners.NONE);
    }

    /** This query, wanting {@code owners}. */
    public Query withOwners(Owners owners) {
        return new Query(tables, states, families, preferredFamily, filter, attributes, fallback, kill, owners);
    }

    /** This query, asking the kernel for {@code attributes}. */
    public Query withAttributes(Attributes attributes) {
        return new Query(tables, states, families, preferredFamily, filter, attributes, fallback, kill, owners);
    }

    /**
     * Whether the engine finds the processes holding each socket ({@link QueryEngine#owners()}), and how.
     *
     * @param wanted      whether owners are looked for at all
     * @param threads     every thread's descriptors too, as {@code ss -T} reads them
     * @param method      how the scan finds them: {@code /proc}, or the kernel's task-file iterator
     * @param excludeSelf pass over this process: ss reads {@code /proc} before it opens a socket of its own, so
     *                    it never lists itself, whereas the engine's scan overlaps its own netlink channel; a
     *                    library asking about its own program's sockets wants itself found
     */
    public record Owners(boolean wanted, boolean threads, OwnerScanner.Method method, boolean excludeSelf) {
        /** No owners. */
        public static final Owners NONE = new Owners(false, false, OwnerScanner.Method.AUTOMATIC, false);

        public Owners {
            Objects.requireNonNull(method, "method");
        }

        /** ss's {@code -p} (and {@code -T} when {@code threads}): owners found as {@code method} says, never itself. */
        public static Owners asSs(boolean threads, OwnerScanner.Method method) {
            return new Owners(true, threads, method, true);
        }

        /** Every owner a scan of {@code /proc} (or the iterator, where it pays) finds, this process included. */
        public static Owners all(boolean threads) {
            return new Owners(true, threads, OwnerScanner.Method.AUTOMATIC, false);
        }
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
