package io.sockscope.api;

import io.sockscope.api.internal.EntryMapper;
import io.sockscope.filter.CompiledFilter;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.TcpState;
import io.sockscope.query.FallbackPolicy;
import io.sockscope.query.Query;

/**
 * A {@link SocketQuery} as the engine's {@link Query}: the same tables, states and families as masks, the details
 * as the attributes the kernel is asked for, and the library's {@link FallbackPolicy#KERNEL_FIRST}, which leaves
 * a program the kernel cannot run to the user-space test rather than reading {@code /proc/net}.
 */
final class QueryMapping {
    private QueryMapping() {
    }

    /** The engine's query, with the filter compiled from {@link SocketQuery#filter()}. */
    static Query of(SocketQuery query, CompiledFilter filter) {
        return new Query(tables(query), states(query), families(query), preferredFamily(query), filter,
                new Query.Attributes(query.memory(), query.tcpInfo(), false, query.inetSocketOptions(), true),
                FallbackPolicy.KERNEL_FIRST, false,
                query.owners() ? Query.Owners.all(query.threads()) : Query.Owners.NONE);
    }

    /** What the entries carry beyond the common fields: timers and cgroup paths always, the rest when asked. */
    static EntryMapper.Details details(SocketQuery query) {
        return new EntryMapper.Details(true, query.memory(), query.tcpInfo(), true, false,
                query.inetSocketOptions());
    }

    /** The tables as {@code SocketTable} bits. */
    static int tables(SocketQuery query) {
        int tables = 0;
        for (Protocol p : query.protocols()) {
            tables |= EntryMapper.table(p).bit();
        }
        return tables;
    }

    /**
     * The family an expression's bare addresses mean: the one inet family asked for, when only one is, else
     * either ({@link AddressFamily#UNSPEC}).
     */
    static int preferredFamily(SocketQuery query) {
        boolean inet = query.families().contains(Family.INET);
        if (inet == query.families().contains(Family.INET6)) {
            return AddressFamily.UNSPEC;
        }
        return inet ? AddressFamily.INET : AddressFamily.INET6;
    }

    private static int states(SocketQuery query) {
        int states = 0;
        for (SocketState s : query.states()) {
            if (s != SocketState.UNKNOWN) {
                states |= 1 << s.code();
            }
        }
        return states & TcpState.ALL;
    }

    private static long families(SocketQuery query) {
        long families = 0;
        for (Family f : query.families()) {
            families |= AddressFamily.mask(familyNumber(f));
        }
        return families;
    }

    private static int familyNumber(Family f) {
        return switch (f) {
            case INET -> AddressFamily.INET;
            case INET6 -> AddressFamily.INET6;
            case UNIX -> AddressFamily.UNIX;
            case PACKET -> AddressFamily.PACKET;
            case NETLINK -> AddressFamily.NETLINK;
        };
    }
}
