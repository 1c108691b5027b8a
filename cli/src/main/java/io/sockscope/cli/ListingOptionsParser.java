package io.sockscope.cli;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.render.ExtendedOutput;
import io.sockscope.render.SsDialect;

import java.util.List;
import java.util.Set;

/** Turns a parsed command line into {@link ListingOptions}, applying options in order as ss does. */
final class ListingOptionsParser {
    /** Options ss has that sockscope does not implement yet; refused with a clear message. */
    private static final Set<String> NOT_YET = Set.of("z", "Z", "bpf-maps", "bpf-map-id");

    private ListingOptionsParser() {
    }

    static ListingOptions parse(CommandLine line) throws UsageException {
        return parse(line, RawArguments.unknown());
    }

    /** As {@link #parse(CommandLine)}, opening the {@code -F} file by the bytes {@code raw} holds for it. */
    static ListingOptions parse(CommandLine line, RawArguments raw) throws UsageException {
        return parse(line, raw, SsDialect.V6_1);
    }

    /** As {@link #parse(CommandLine, RawArguments)}, with the options and state sets of {@code dialect}'s ss. */
    static ListingOptions parse(CommandLine line, RawArguments raw, SsDialect dialect) throws UsageException {
        StateMasks masks = StateMasks.of(dialect);
        TableSelection sel = new TableSelection(masks.connectedDefault());
        boolean queues = true;
        int stateFilter = 0;
        boolean numeric = false;
        boolean processes = false;
        boolean threads = false;
        boolean header = true;
        boolean oneline = false;
        boolean debug = false;
        String filterFileText = null;
        boolean summary = false;
        boolean resolve = false;
        boolean sawFilterFile = false;
        boolean timers = false;
        boolean details = false;
        boolean memory = false;
        boolean tcpInfo = false;
        boolean tos = false;
        boolean cgroup = false;
        boolean inetSockopt = false;
        boolean bpf = false;
        OutputFormat format = OutputFormat.SS;
        boolean listening = false;
        ControlChars controlChars = ControlChars.AUTOMATIC;
        for (CommandLine.Option o : line.options()) {
            if (NOT_YET.contains(o.key())) {
                throw new UsageException("option " + display(o.key()) + " is not supported yet", 1);
            }
            switch (o.key()) {
                case "n" -> numeric = true;
                case "p" -> processes = true;
                case "T" -> threads = true;
                case "H" -> header = false;
                case "O" -> oneline = true;
                case "s" -> summary = true;
                case "r" -> resolve = true;
                case "debug" -> debug = true;
                case "json" -> format = OutputFormat.JSON;
                case "ndjson" -> format = OutputFormat.NDJSON;
                case "output" -> format = OutputFormat.named(o.argument());
                case "show-control-chars" -> controlChars = ControlChars.SHOW;
                case "escape-control-chars" -> controlChars = ControlChars.ESCAPE;
                case "o" -> timers = true;
                case "e" -> {
                    timers = true;
                    details = true;
                }
                case "b" -> {
                    timers = true;
                    bpf = true;
                }
                case "m" -> memory = true;
                case "i" -> tcpInfo = true;
                case "tos" -> tos = true;
                case "cgroup" -> cgroup = true;
                case "inet-sockopt" -> inetSockopt = true;
                case "tipcinfo" -> {
                    // ss prints it on TIPC sockets only, and sockscope reads no TIPC table: nothing to show.
                }
                case "h", "v", "V" -> {
                    // Answered by Main before the listing options are read.
                }
                case "interval" -> throw new UsageException("--interval paces sockscope watch: a listing reads the"
                        + " table once", 1);
                case "close-wait-age", "close-wait-rising", "fd-percent", "backlog-percent", "backlog-reads" ->
                        throw new UsageException("--" + o.key() + " sets a leak detector of sockscope watch and"
                                + " sockscope leaks: a listing looks for no leak", 1);
                case "for" -> throw new UsageException("--for is how long sockscope leaks watches: a listing reads"
                        + " the table once", 1);
                case "D", "K", "E", "N", "all-netns", "root" -> {
                    // Actions and where they work, read by ActionOptions.
                }
                case "d" -> sel.setTable(SocketTable.DCCP, true);
                case "t" -> sel.setTable(SocketTable.TCP, true);
                case "S" -> sel.setTable(SocketTable.SCTP, true);
                case "u" -> sel.setTable(SocketTable.UDP, true);
                case "w" -> sel.setTable(SocketTable.RAW, true);
                case "M" -> sel.setTable(SocketTable.MPTCP, true);
                case "x" -> sel.setFamily(AddressFamily.UNIX);
                case "vsock" -> sel.setFamily(AddressFamily.VSOCK);
                case "tipc" -> sel.setFamily(AddressFamily.TIPC);
                case "xdp" -> sel.setFamily(AddressFamily.XDP);
                case "4" -> sel.setFamily(AddressFamily.INET);
                case "6" -> sel.setFamily(AddressFamily.INET6);
                case "0" -> sel.setFamily(AddressFamily.PACKET);
                case "a" -> stateFilter = masks.all();
                case "B" -> stateFilter = StateMasks.BOUND_INACTIVE;
                case "Q" -> queues = false;
                case "ss-dialect" -> {
                    // Read before the line was parsed (SsDialectChoice): it decided which options there are.
                }
                case "l" -> {
                    stateFilter = TcpState.bit(TcpState.LISTEN) | TcpState.bit(TcpState.CLOSE);
                    listening = true;
                }
                case "f" -> sel.setFamilyByName(o.argument());
                case "A" -> stateFilter = sel.query(o.argument(), stateFilter);
                case "F" -> {
                    if (sawFilterFile) {
                        throw new UsageException("more than one filter file");
                    }
                    sawFilterFile = true;
                    filterFileText = FilterFile.read(o.argument(), raw.argument(o));
                }
                default -> throw new IllegalStateException("option without a handler: " + o.key());
            }
        }
        List<String> words = line.operands();
        int i = 0;
        boolean sawStates = false;
        while (i < words.size()) {
            String w = words.get(i);
            boolean include = w.equals("state");
            boolean exclude = w.equals("exclude") || w.equals("excl");
            if (!include && !exclude) {
                break;
            }
            if (i + 1 >= words.size()) {
                throw new UsageException("command line is not complete: '" + w + "' needs a state name");
            }
            int mask = StateWords.parse(words.get(i + 1), dialect);
            if (!sawStates) {
                stateFilter = include ? 0 : masks.all();
            }
            stateFilter = include ? stateFilter | mask : stateFilter & ~mask;
            sawStates = true;
            i += 2;
        }
        // ss prints only the summary when no table, family, state word or expression narrowed the listing.
        boolean summaryOnly = summary && sel.byDefault && words.isEmpty();
        if (format != OutputFormat.SS) {
            refuseWithStructuredOutput(line, format);
        }
        sel.complete(stateFilter);
        // "state connected" or "exclude listening" still hold every connection a plain listing shows.
        boolean statesNarrowed = (sawStates || listening)
                && (sel.states & masks.connectedDefault()) != masks.connectedDefault();
        ExtendedOutput extended = new ExtendedOutput(timers, details, memory, tcpInfo, tos, cgroup, inetSockopt, bpf,
                oneline);
        return new ListingOptions(sel, numeric, processes, threads, header, oneline,
                List.copyOf(words.subList(i, words.size())), filterFileText, summary, summaryOnly, resolve,
                debug, extended, format, statesNarrowed, controlChars, dialect, queues);
    }

    /** The options whose output has no JSON form: the summary, events, raw dumps. */
    private static void refuseWithStructuredOutput(CommandLine line, OutputFormat format) throws UsageException {
        for (CommandLine.Option o : line.options()) {
            String what = switch (o.key()) {
                case "s" -> "the summary (-s)";
                case "E" -> "events (-E)";
                case "D" -> "a raw dump (-D)";
                default -> null;
            };
            if (what != null) {
                throw new UsageException(format.optionName() + " cannot show " + what);
            }
        }
    }

    private static String display(String key) {
        return key.length() == 1 ? "-" + key : "--" + key;
    }
}
