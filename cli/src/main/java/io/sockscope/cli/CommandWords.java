package io.sockscope.cli;

import io.sockscope.model.TcpState;

import java.util.ArrayList;
import java.util.List;

/**
 * The words the command line takes besides options, for the manual page and the shell completions: sub-commands,
 * {@code -A} table names, {@code -f} families, state names and filter keywords. Tests hold each list to the parser
 * that reads it ({@link TableSelection}, {@link StateWords}).
 */
final class CommandWords {
    /** The sub-commands, taken as the first word only. */
    static final List<String> SUB_COMMANDS = List.of("doctor", "watch", "leaks", "top", "serve", "help");

    /** {@code -A}'s table names (TableSelection also takes ss's short aliases such as u_str, left out here). */
    static final List<String> TABLES = List.of("all", "inet", "tcp", "mptcp", "udp", "raw", "unix", "unix_stream",
            "unix_dgram", "unix_seqpacket", "packet", "packet_raw", "packet_dgram", "netlink", "dccp", "sctp", "vsock",
            "vsock_stream", "vsock_dgram", "tipc", "xdp");

    /** {@code -f}'s family names. */
    static final List<String> FAMILIES = List.of("inet", "inet6", "link", "unix", "netlink", "vsock", "tipc", "xdp");

    /** ss's groups of states, after the single states. */
    static final List<String> STATE_GROUPS = List.of("all", "connected", "synchronized", "bucket", "big");

    /** The words that start a state selection. */
    static final List<String> STATE_KEYWORDS = List.of("state", "exclude");

    /** The filter expression's keywords. */
    static final List<String> FILTER_KEYWORDS = List.of("src", "dst", "sport", "dport", "dev", "fwmark", "cgroup",
            "autobound", "and", "or", "not");

    /** {@code --output}'s formats. */
    static final List<String> OUTPUT_FORMATS = List.of("ss", "json", "ndjson");
    /** The ss releases {@code --ss-dialect} takes. */
    static final List<String> DIALECTS = java.util.Arrays.stream(io.sockscope.render.SsDialect.values())
            .map(io.sockscope.render.SsDialect::label).toList();

    private CommandWords() {
    }

    /**
     * The single state names, as {@code state} takes them: the TCP states' long names, {@code closed}, and the
     * 7.1 dialect's {@code bound-inactive}.
     */
    static List<String> states() {
        List<String> names = new ArrayList<>();
        for (TcpState s : TcpState.values()) {
            if (s != TcpState.UNKNOWN) {
                names.add(s.longName());
            }
        }
        names.add("closed");
        // The 7.1 dialect's (ss 6.8 and later); the 6.1 dialect refuses it, as ss 6.1 does.
        names.add("bound-inactive");
        return List.copyOf(names);
    }

    /** The single states and the groups: every word {@code state} and {@code exclude} complete with. */
    static List<String> stateWords() {
        List<String> words = new ArrayList<>(states());
        words.addAll(STATE_GROUPS);
        return List.copyOf(words);
    }
}
