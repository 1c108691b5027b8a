package io.sockscope.cli;

import io.sockscope.render.SsDialect;

import java.util.List;

/**
 * The options ss accepts (short letters and long names, with whether each takes an argument), plus
 * sockscope's own long options. Keys are the short letter, or a name for long-only options.
 */
final class OptionSpec {
    /** A long option: its name, whether it takes an argument, and the key it stands for. */
    record LongOption(String name, boolean hasArgument, String key) {
    }

    /** ss 6.1's short options; a letter followed by ':' takes an argument. */
    static final String SHORT = "dhaletuwxnro460spTbEf:mMiA:D:F:vVzZN:KHSO";
    /** ss 7.1's: 6.1's, {@code -B} (bound-inactive sockets) and {@code -Q} (no queue columns). */
    static final String SHORT_7_1 = SHORT + "BQ";

    /** ss 7.1's long options beyond 6.1's. */
    static final List<LongOption> ONLY_7_1 = List.of(
            new LongOption("bound-inactive", false, "B"),
            new LongOption("no-queues", false, "Q"),
            // BPF socket-local storage (ss built with libbpf, as Debian's is): taken, and refused as not supported.
            new LongOption("bpf-maps", false, "bpf-maps"),
            new LongOption("bpf-map-id", true, "bpf-map-id"));

    static final List<LongOption> LONG = List.of(
            new LongOption("numeric", false, "n"),
            new LongOption("resolve", false, "r"),
            new LongOption("options", false, "o"),
            new LongOption("extended", false, "e"),
            new LongOption("memory", false, "m"),
            new LongOption("info", false, "i"),
            new LongOption("processes", false, "p"),
            new LongOption("threads", false, "T"),
            new LongOption("bpf", false, "b"),
            new LongOption("events", false, "E"),
            new LongOption("dccp", false, "d"),
            new LongOption("tcp", false, "t"),
            new LongOption("sctp", false, "S"),
            new LongOption("udp", false, "u"),
            new LongOption("raw", false, "w"),
            new LongOption("unix", false, "x"),
            new LongOption("tipc", false, "tipc"),
            new LongOption("vsock", false, "vsock"),
            new LongOption("all", false, "a"),
            new LongOption("listening", false, "l"),
            new LongOption("ipv4", false, "4"),
            new LongOption("ipv6", false, "6"),
            new LongOption("packet", false, "0"),
            new LongOption("family", true, "f"),
            new LongOption("socket", true, "A"),
            new LongOption("query", true, "A"),
            new LongOption("summary", false, "s"),
            new LongOption("diag", true, "D"),
            new LongOption("filter", true, "F"),
            new LongOption("version", false, "V"),
            new LongOption("help", false, "h"),
            new LongOption("context", false, "Z"),
            new LongOption("contexts", false, "z"),
            new LongOption("net", true, "N"),
            new LongOption("tipcinfo", false, "tipcinfo"),
            new LongOption("tos", false, "tos"),
            new LongOption("cgroup", false, "cgroup"),
            new LongOption("kill", false, "K"),
            new LongOption("no-header", false, "H"),
            new LongOption("xdp", false, "xdp"),
            new LongOption("mptcp", false, "M"),
            new LongOption("oneline", false, "O"),
            new LongOption("inet-sockopt", false, "inet-sockopt"),
            new LongOption("debug", false, "debug"),
            // sockscope's own: every network namespace at once (long only: ss's letters are taken).
            new LongOption("all-netns", false, "all-netns"),
            // sockscope's own: which release of ss the table copies (no ss option starts with "ss").
            new LongOption("ss-dialect", true, "ss-dialect"),
            new LongOption("root", true, "root"),
            // sockscope's own: structured output.
            new LongOption("json", false, "json"),
            new LongOption("ndjson", false, "ndjson"),
            new LongOption("output", true, "output"),
            // sockscope's own: how often sockscope watch reads the table.
            new LongOption("interval", true, "interval"),
            // sockscope's own: the leak detectors' thresholds (watch and leaks).
            new LongOption("close-wait-age", true, "close-wait-age"),
            new LongOption("close-wait-rising", true, "close-wait-rising"),
            new LongOption("fd-percent", true, "fd-percent"),
            new LongOption("backlog-percent", true, "backlog-percent"),
            new LongOption("backlog-reads", true, "backlog-reads"),
            // sockscope's own: how long sockscope leaks watches.
            new LongOption("for", true, "for"),
            // sockscope's own: names' control bytes on a terminal (escaped by default, as ls does).
            new LongOption("show-control-chars", false, "show-control-chars"),
            new LongOption("escape-control-chars", false, "escape-control-chars"));

    /**
     * sockscope serve's own options: its address, series caps and OTLP push. Known only after {@code serve}, because
     * they would change what ss's own long names abbreviate to: {@code --listen} is ss's {@code --listening} cut
     * short, and {@code --eve} its {@code --events}.
     */
    static final List<LongOption> SERVE_ONLY = List.of(
            new LongOption("listen", true, "listen"),
            new LongOption("max-processes", true, "max-processes"),
            new LongOption("max-listeners", true, "max-listeners"),
            new LongOption("otlp", true, "otlp"),
            new LongOption("every", true, "every"));

    /** What {@code sockscope serve} parses: ss's long options, sockscope's, and its own. */
    static final List<LongOption> SERVE = java.util.stream.Stream.concat(LONG.stream(), SERVE_ONLY.stream()).toList();

    private static final List<LongOption> LONG_7_1 =
            java.util.stream.Stream.concat(LONG.stream(), ONLY_7_1.stream()).toList();
    private static final List<LongOption> SERVE_7_1 =
            java.util.stream.Stream.concat(SERVE.stream(), ONLY_7_1.stream()).toList();

    /** Every short option of any dialect: what the manual and the completions offer. */
    static final String EVERY_SHORT = SHORT_7_1;
    /** Every long option of any dialect and sub-command: what the manual and the completions offer. */
    static final List<LongOption> EVERY_LONG = SERVE_7_1;

    private OptionSpec() {
    }

    /** The short options of {@code dialect}. */
    static String shortOptions(SsDialect dialect) {
        return dialect.hasNewerOptionsAndStates() ? SHORT_7_1 : SHORT;
    }

    /** The long options of {@code dialect}, with serve's own after {@code serve}. */
    static List<LongOption> longOptions(SsDialect dialect, boolean serve) {
        if (dialect.hasNewerOptionsAndStates()) {
            return serve ? SERVE_7_1 : LONG_7_1;
        }
        return serve ? SERVE : LONG;
    }

    /** -1 when the letter is not in {@code shortOptions}, 0 when it takes no argument, 1 when it takes one. */
    static int shortArity(char c, String shortOptions) {
        int i = shortOptions.indexOf(c);
        if (i < 0 || c == ':') {
            return -1;
        }
        return i + 1 < shortOptions.length() && shortOptions.charAt(i + 1) == ':' ? 1 : 0;
    }
}
