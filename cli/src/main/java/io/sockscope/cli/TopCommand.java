package io.sockscope.cli;

import io.sockscope.model.LimitsProvider;
import io.sockscope.model.WarningSink;
import io.sockscope.procmap.ProcLimits;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.source.ProcPaths;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.Console;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code sockscope top}: the table the listing's options select (every TCP socket by default), refreshed every
 * interval and shown per process and per listening port ({@link io.sockscope.live.TopModel}): full-screen on a
 * terminal ({@link TopScreen}, JLine), a plain table at every interval otherwise ({@link TopPlain}).
 */
final class TopCommand {
    /** The longest wait between looks at the stop flag, so that a signal is answered promptly. */
    static final long STOP_POLL_MILLIS = 100;

    private TopCommand() {
    }

    /** Reads {@code line} (the words after {@code top}) and runs top; returns the exit status. */
    static int run(CommandLine line, RawArguments raw, Map<String, String> environment, PrintStream err,
                   OutputStream stdout) throws IOException, UsageException {
        TopOptions top = TopOptions.parse(line);
        ListingOptions options = ListingOptionsParser.parse(top.rest(), raw);
        ProcPaths paths = new ProcPaths(environment);
        LiveQuery queries = new LiveQuery(options.selection(), paths, environment);
        if (queries.selectsNothing()) {
            err.println("sockscope: no sockets to show with such filter.");
            return 0;
        }
        Query query = queries.of(options.expression(), options.filterFileText());
        String filterText = options.filterFileText() != null ? options.filterFileText().strip()
                : String.join(" ", options.expression());
        LimitsProvider limits = new ProcLimits(paths.procRoot());
        Terminal terminal = onTerminal() ? openTerminal() : null;
        if (terminal == null) {
            WarningSink warnings = message -> err.println("sockscope: warning: " + message);
            try (StopOnSignal stop = StopOnSignal.install(); QueryEngine engine = new QueryEngine(paths, warnings)) {
                TopRefresh refresh = new TopRefresh(engine, query, limits,
                        message -> err.println("sockscope: " + message));
                return TopPlain.run(refresh, top.intervalMillis(), stdout, stop);
            }
        }
        // The handlers go in after JLine's, which the terminal sets as it is built, and come out before them.
        TopStatus status = new TopStatus();
        try (terminal; StopOnSignal stop = StopOnSignal.install();
             QueryEngine engine = new QueryEngine(paths, message -> status.set("warning: " + message))) {
            TopRefresh refresh = new TopRefresh(engine, query, limits, status::set);
            return TopScreen.run(terminal, refresh, status, queries, top.intervalMillis(), filterText, stop);
        }
    }

    /** Whether both ends are a terminal: a screen needs keys in as much as a place to draw. */
    private static boolean onTerminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    /**
     * The system terminal through JLine's FFM provider (the launcher allows native access), or its exec
     * provider ({@code stty}) where that is refused; null when JLine finds only a dumb terminal, which cannot
     * draw a screen.
     */
    private static Terminal openTerminal() throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).providers("ffm,exec").dumb(true).build();
        String type = terminal.getType();
        if (type == null || type.startsWith(Terminal.TYPE_DUMB)) {
            terminal.close();
            return null;
        }
        return terminal;
    }
}
