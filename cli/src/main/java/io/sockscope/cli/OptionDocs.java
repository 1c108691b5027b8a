package io.sockscope.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Every option of {@link OptionSpec} with a description and its argument's name, in the groups and the wording of
 * {@link Help}: the one table the manual page and the shell completions are written from. A test holds it to
 * {@link OptionSpec}, so an option added there without a line here fails the build.
 */
final class OptionDocs {
    /** The headings the help text lists options under, in its order. */
    enum Group {
        TABLES("Tables"),
        STATES("States"),
        FILTER("Filter"),
        OUTPUT("Output"),
        ACTIONS("Actions"),
        WATCH("Watch and leaks"),
        LEAKS("Leaks"),
        SERVE("Serve"),
        UNSUPPORTED("Not supported");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        /** The heading as the manual writes it. */
        String title() {
            return title;
        }
    }

    static final List<OptionDoc> ALL = List.of(
            doc(Group.TABLES, "t", null, "List TCP sockets."),
            doc(Group.TABLES, "u", null, "List UDP sockets."),
            doc(Group.TABLES, "w", null, "List raw IP sockets."),
            doc(Group.TABLES, "x", null, "List unix domain sockets."),
            doc(Group.TABLES, "0", null, "List packet sockets."),
            doc(Group.TABLES, "d", null, "List DCCP sockets."),
            doc(Group.TABLES, "S", null, "List SCTP sockets."),
            doc(Group.TABLES, "M", null, "List MPTCP sockets."),
            doc(Group.TABLES, "vsock", null, "List vsock sockets (taken, but sockscope does not read that table yet)."),
            doc(Group.TABLES, "tipc", null, "List TIPC sockets (taken, but sockscope does not read that table yet)."),
            doc(Group.TABLES, "xdp", null, "List XDP sockets (taken, but sockscope does not read that table yet)."),
            doc(Group.TABLES, "A", "LIST", "List the tables in LIST, separated by commas: all, inet, tcp, mptcp, udp,"
                    + " raw, unix, unix_stream, unix_dgram, unix_seqpacket, packet, packet_raw, packet_dgram, netlink,"
                    + " dccp, sctp, vsock_stream, vsock_dgram, tipc or xdp. A leading ! removes one."),
            doc(Group.TABLES, "f", "FAMILY", "List the sockets of one address family: inet, inet6, link, unix,"
                    + " netlink, vsock, tipc or xdp (help: the usage text)."),
            doc(Group.TABLES, "4", null, "IPv4 only (of -4 and -6, the last one given wins)."),
            doc(Group.TABLES, "6", null, "IPv6 only (of -4 and -6, the last one given wins)."),
            doc(Group.STATES, "a", null, "List sockets in every state."),
            doc(Group.STATES, "l", null, "List listening sockets only (and unconnected datagram sockets)."),
            doc(Group.STATES, "B", null, "List TCP sockets bound but neither listening nor connected (the 7.1"
                    + " dialect, Linux 6.8 or later)."),
            doc(Group.FILTER, "F", "FILE", "Read the filter expression from FILE (-: standard input)."),
            doc(Group.OUTPUT, "n", null, "Show numeric ports, not service names."),
            doc(Group.OUTPUT, "r", null, "Resolve addresses to host names (each lookup limited to 0.5 s)."),
            doc(Group.OUTPUT, "p", null, "Show the processes that own each socket."),
            doc(Group.OUTPUT, "Q", null, "Leave out the Recv-Q and Send-Q columns (the 7.1 dialect)."),
            doc(Group.OUTPUT, "ss-dialect", "RELEASE", "Print what the ss of iproute2 RELEASE prints: 6.1 or 7.1"
                    + " (default: the dialect of the ss installed; SOCKSCOPE_SS_DIALECT sets it too)."),
            doc(Group.OUTPUT, "T", null, "Show the threads that own each socket."),
            doc(Group.OUTPUT, "o", null, "Show timers."),
            doc(Group.OUTPUT, "e", null, "Show uid, inode, cookie, cgroup and shutdown state."),
            doc(Group.OUTPUT, "m", null, "Show socket memory."),
            doc(Group.OUTPUT, "i", null, "Show TCP internals (tcp_info, congestion control)."),
            doc(Group.OUTPUT, "b", null, "Show packet socket filters."),
            doc(Group.OUTPUT, "tos", null, "Show TOS and priority."),
            doc(Group.OUTPUT, "cgroup", null, "Show the cgroup of each socket."),
            doc(Group.OUTPUT, "inet-sockopt", null, "Show inet socket options (recverr, freebind, transparent,"
                    + " mc_loop and others)."),
            doc(Group.OUTPUT, "tipcinfo", null, "Show TIPC socket details (taken, but sockscope reads no TIPC table"
                    + " yet)."),
            doc(Group.OUTPUT, "s", null, "Print socket counters."),
            doc(Group.OUTPUT, "H", null, "Print no header line."),
            doc(Group.OUTPUT, "O", null, "Print one line per socket."),
            doc(Group.OUTPUT, "show-control-chars", null, "Print control bytes in process names, socket paths and"
                    + " interface names as they are, also on a terminal (as ss does)."),
            doc(Group.OUTPUT, "escape-control-chars", null, "Escape control bytes (as ls -b does), also in a pipe;"
                    + " by default they are escaped on a terminal only."),
            doc(Group.OUTPUT, "json", null, "Write one JSON document (schema_version 1)."),
            doc(Group.OUTPUT, "ndjson", null, "Write one JSON object per socket and line."),
            doc(Group.OUTPUT, "output", "FORMAT", "Write FORMAT: ss (the default), json or ndjson."),
            doc(Group.OUTPUT, "debug", null, "Show stack traces of internal errors."),
            doc(Group.OUTPUT, "V", null, "Print the version and exit."),
            doc(Group.OUTPUT, "v", null, "Print the version and exit (as -V)."),
            doc(Group.OUTPUT, "h", null, "Print the usage text and exit."),
            doc(Group.ACTIONS, "K", null, "Close the sockets listed (needs a filter or a state, and CAP_NET_ADMIN)."),
            doc(Group.ACTIONS, "E", null, "Print TCP and UDP sockets as they are destroyed, until interrupted."),
            doc(Group.ACTIONS, "D", "FILE", "Write the raw TCP dump to FILE (-: standard output), for TCPDIAG_FILE."),
            doc(Group.ACTIONS, "N", "NAME", "Work in the network namespace NAME (ip netns), pid:PID (the one process"
                    + " PID is in) or PATH (an nsfs file such as /proc/PID/ns/net)."),
            doc(Group.ACTIONS, "all-netns", null, "List every network namespace on the host, behind a Netns column;"
                    + " JSON adds each socket's netns and its container, pod and unit."),
            doc(Group.ACTIONS, "root", "DIR", "Read container runtimes' files under DIR (default /), with"
                    + " --all-netns."),
            doc(Group.WATCH, "interval", "TIME", "Read the table every TIME (500ms, 1s, 2m; default 1s); destroy"
                    + " events between reads still show sockets shorter-lived than TIME (CAP_NET_ADMIN)."),
            doc(Group.WATCH, "close-wait-age", "TIME", "Report a socket held in CLOSE-WAIT this long (default 60s)."),
            doc(Group.WATCH, "close-wait-rising", "N", "Report a process whose lingering CLOSE-WAIT count rises over"
                    + " N reads (default 5)."),
            doc(Group.WATCH, "fd-percent", "P", "Report a socket owner past P% of its soft RLIMIT_NOFILE"
                    + " (default 80)."),
            doc(Group.WATCH, "backlog-percent", "P", "Report a listener whose accept queue is at or past P% of its"
                    + " backlog (with --backlog-reads)."),
            doc(Group.WATCH, "backlog-reads", "N", "How many reads in a row the accept queue must stay that full"
                    + " (default 3)."),
            doc(Group.LEAKS, "for", "TIME", "How long sockscope leaks watches (default 60s)."),
            doc(Group.SERVE, "listen", "HOST:PORT", "Serve /metrics there (default 127.0.0.1:9947; none: no HTTP)."),
            doc(Group.SERVE, "max-processes", "N", "Processes with series of their own, the most sockets first; the"
                    + " rest are summed as process=\"other\" (default 100)."),
            doc(Group.SERVE, "max-listeners", "N", "Listening addresses kept (default 1000)."),
            doc(Group.SERVE, "otlp", "URL", "Also push OTLP/HTTP metrics to URL (such as http://collector:4318)."),
            doc(Group.SERVE, "every", "TIME", "How often to push OTLP metrics (default 15s)."),
            doc(Group.UNSUPPORTED, "Z", null, "SELinux security contexts: not supported."),
            doc(Group.UNSUPPORTED, "bpf-maps", null, "BPF socket-local storage of every map (the 7.1 dialect): not"
                    + " supported."),
            doc(Group.UNSUPPORTED, "bpf-map-id", "ID", "BPF socket-local storage of one map (the 7.1 dialect): not"
                    + " supported."),
            doc(Group.UNSUPPORTED, "z", null, "SELinux security contexts: not supported."));

    private OptionDocs() {
    }

    private static OptionDoc doc(Group group, String key, String argument, String description) {
        return new OptionDoc(group, key, argument, description);
    }

    /** The documented options of one group, in the table's order. */
    static List<OptionDoc> in(Group group) {
        return ALL.stream().filter(d -> d.group() == group).toList();
    }

    /** The option's short letter, or 0 when it has none. */
    static char shortLetter(OptionDoc doc) {
        return doc.key().length() == 1 && OptionSpec.shortArity(doc.key().charAt(0), OptionSpec.EVERY_SHORT) >= 0
                ? doc.key().charAt(0) : 0;
    }

    /** The option's long names: ss's and sockscope's, and serve's own for the serve group. */
    static List<String> longNames(OptionDoc doc) {
        List<String> names = new ArrayList<>();
        for (OptionSpec.LongOption o : OptionSpec.EVERY_LONG) {
            if (o.key().equals(doc.key())) {
                names.add(o.name());
            }
        }
        return names;
    }

    /** Whether the option is known only after {@code serve}. */
    static boolean serveOnly(OptionDoc doc) {
        return OptionSpec.SERVE_ONLY.stream().anyMatch(o -> o.key().equals(doc.key()));
    }
}
