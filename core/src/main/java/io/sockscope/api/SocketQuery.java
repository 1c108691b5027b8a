package io.sockscope.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What to list: which tables, families and states, an optional ss filter expression, and which details to
 * read, and in which network namespaces: the calling thread's, or every one on the host
 * ({@link Builder#allNamespaces()}). Immutable; build one with {@link #builder()}. Unlike ss, a query that names
 * nothing lists everything: every table, every family, every state (of the caller's namespace).
 *
 * <pre>{@code
 * SocketQuery q = SocketQuery.builder()
 *         .protocols(Protocol.TCP)
 *         .states(SocketState.LISTEN)
 *         .filter("sport = :443 or sport = :80")
 *         .withOwners()
 *         .build();
 * }</pre>
 */
public final class SocketQuery {
    private final Set<Protocol> protocols;
    private final Set<Family> families;
    private final Set<SocketState> states;
    private final String filter;
    private final boolean owners;
    private final boolean threads;
    private final boolean tcpInfo;
    private final boolean memory;
    private final boolean inetSocketOptions;
    private final boolean allNamespaces;

    private SocketQuery(Builder b) {
        this.protocols = Collections.unmodifiableSet(EnumSet.copyOf(b.protocols));
        this.families = Collections.unmodifiableSet(EnumSet.copyOf(b.families));
        this.states = Collections.unmodifiableSet(EnumSet.copyOf(b.states));
        this.filter = b.filter;
        this.owners = b.owners || b.threads;
        this.threads = b.threads;
        this.tcpInfo = b.tcpInfo;
        this.memory = b.memory;
        this.inetSocketOptions = b.inetSocketOptions;
        this.allNamespaces = b.allNamespaces;
    }

    /** {@return a builder that lists everything, with no details} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return every listening TCP socket, with its owners: the library's {@code ss -tlnp}} */
    public static SocketQuery tcpListeners() {
        return builder().protocols(Protocol.TCP).states(SocketState.LISTEN).withOwners().build();
    }

    /** {@return the tables to list; never empty} */
    public Set<Protocol> protocols() {
        return protocols;
    }

    /** {@return the address families to list; never empty} */
    public Set<Family> families() {
        return families;
    }

    /** {@return the states to list; never empty} */
    public Set<SocketState> states() {
        return states;
    }

    /** {@return the ss filter expression, or null for none} */
    public String filter() {
        return filter;
    }

    /** {@return whether owners are looked up} */
    public boolean owners() {
        return owners;
    }

    /** {@return whether owners are looked up per thread (ss {@code -T})} */
    public boolean threads() {
        return threads;
    }

    /** {@return whether TCP sockets carry {@code tcp_info} and their congestion control} */
    public boolean tcpInfo() {
        return tcpInfo;
    }

    /** {@return whether sockets carry their memory} */
    public boolean memory() {
        return memory;
    }

    /** {@return whether inet sockets carry their {@link InetSocketEntry#options() options}} */
    public boolean inetSocketOptions() {
        return inetSocketOptions;
    }

    /**
     * {@return whether every network namespace on the host is listed, not only the calling thread's}
     * {@link Builder#allNamespaces()} says what that means.
     */
    public boolean allNamespaces() {
        return allNamespaces;
    }

    @Override
    public String toString() {
        return "SocketQuery[protocols=" + protocols + ", families=" + families + ", states=" + states
                + ", filter=" + filter + ", owners=" + owners + ", threads=" + threads + ", tcpInfo=" + tcpInfo
                + ", memory=" + memory + ", inetSocketOptions=" + inetSocketOptions
                + ", allNamespaces=" + allNamespaces + "]";
    }

    /** Builds a {@link SocketQuery}. Each setter replaces what an earlier call of it set. */
    public static final class Builder {
        private Set<Protocol> protocols = EnumSet.allOf(Protocol.class);
        private Set<Family> families = EnumSet.allOf(Family.class);
        private Set<SocketState> states = EnumSet.allOf(SocketState.class);
        private String filter;
        private boolean owners;
        private boolean threads;
        private boolean tcpInfo;
        private boolean memory;
        private boolean inetSocketOptions;
        private boolean allNamespaces;

        private Builder() {
        }

        /**
         * Only these tables.
         *
         * @param first a table
         * @param more  more tables, if any
         * @return this builder
         */
        public Builder protocols(Protocol first, Protocol... more) {
            protocols = EnumSet.of(first, more);
            return this;
        }

        /**
         * Only these address families ({@link Family#INET} and {@link Family#INET6} narrow the inet tables).
         *
         * @param first a family
         * @param more  more families, if any
         * @return this builder
         */
        public Builder families(Family first, Family... more) {
            families = EnumSet.of(first, more);
            return this;
        }

        /**
         * Only sockets in these states.
         *
         * @param first a state
         * @param more  more states, if any
         * @return this builder
         */
        public Builder states(SocketState first, SocketState... more) {
            states = EnumSet.of(first, more);
            return this;
        }

        /**
         * Only sockets an ss filter expression accepts ({@code "dport = :443"}, {@code "src 10.0.0.0/8 and
         * not sport = :22"}); checked when the query runs, where a bad one is an {@link InvalidFilterException}.
         *
         * @param expression the expression; blank for none
         * @return this builder
         */
        public Builder filter(String expression) {
            Objects.requireNonNull(expression, "expression");
            filter = expression.isBlank() ? null : expression;
            return this;
        }

        /**
         * Look up the processes holding each socket (ss {@code -p}).
         *
         * @return this builder
         */
        public Builder withOwners() {
            owners = true;
            return this;
        }

        /**
         * Look up owners per thread (ss {@code -T}); implies {@link #withOwners()}.
         *
         * @return this builder
         */
        public Builder withThreads() {
            threads = true;
            return this;
        }

        /**
         * Read {@code tcp_info} and the congestion control of TCP sockets (ss {@code -i}).
         *
         * @return this builder
         */
        public Builder withTcpInfo() {
            tcpInfo = true;
            return this;
        }

        /**
         * Read each socket's memory (ss {@code -m}).
         *
         * @return this builder
         */
        public Builder withMemory() {
            memory = true;
            return this;
        }

        /**
         * Read the options of each inet socket that the kernel reports as bits (ss {@code --inet-sockopt}).
         *
         * @return this builder
         */
        public Builder withInetSocketOptions() {
            inetSocketOptions = true;
            return this;
        }

        /**
         * List the sockets of every network namespace on the host (the command's {@code --all-netns}), not only
         * those of the calling thread's. Each entry then carries the {@link SocketEntry#namespace() namespace} it
         * was listed in and, where its cgroup tells, its {@link SocketEntry#container() container},
         * {@link SocketEntry#pod() pod} and {@link SocketEntry#unit() unit}: by the cgroup the kernel tagged an inet
         * socket with, else by the first of its owners when owners are asked for ({@link #withOwners()}).
         *
         * <p>The entries come namespace after namespace: the calling thread's own first, then the named ones
         * ({@code ip netns}) by name, then the others by their lowest process id, then those no process is in; within
         * one, in the usual order. Each namespace is read on a thread of the library's that entered it; the entries
         * are handed to the caller's thread, which stays where it is. Entering another namespace needs
         * {@code CAP_SYS_ADMIN}: the namespaces that cannot be entered are left out, and said so by
         * {@link SocketInspector#skippedNamespaces()}; those that disappear while the query runs are left out in
         * silence. The filter is compiled once, in the caller's namespace: an interface it names ({@code dev eth0})
         * is looked up there, and matched by its index everywhere, where another namespace may number another
         * device alike.
         *
         * @return this builder
         */
        public Builder allNamespaces() {
            allNamespaces = true;
            return this;
        }

        /** {@return the query as set so far; the builder may go on being used} */
        public SocketQuery build() {
            return new SocketQuery(this);
        }

        @Override
        public String toString() {
            return "SocketQuery.Builder" + Arrays.asList(protocols, families, states, filter);
        }
    }
}
