package io.sockscope.cli;

import io.sockscope.render.ControlEscapes;
import io.sockscope.live.TopSnapshot;
import io.sockscope.query.Query;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;
import org.jline.utils.NonBlockingReader;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code top} on a terminal: the alternate screen in raw mode, drawn again at every refresh, after every key and
 * when the terminal is resized (SIGWINCH), until {@code q}, Ctrl-C, SIGINT or SIGTERM. The terminal is given
 * back as it was found on every way out ({@link #run}'s finally).
 *
 * <p>Lines: a title (the view, its sort, the interval, the time, counts), a status line (the filter, or what
 * went wrong with one, or a table that could not be read), the header, the rows that fit, and the footer (the
 * keys, or the filter prompt while one is typed).
 */
final class TopScreen {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    /** How long an escape sequence's next byte may take to be part of it rather than a lone ESC key. */
    private static final long ESCAPE_SEQUENCE_MILLIS = 30;
    /** Title, status, header above the rows; the footer below. */
    private static final int CHROME_LINES = 4;

    private final Terminal terminal;
    private final TopRefresh refresh;
    private final LiveQuery queries;
    private final long intervalMillis;
    private final TopControls controls = new TopControls();
    private final AtomicBoolean resized = new AtomicBoolean();
    private final Display display;
    private String filterText;
    /** What went wrong last (a bad filter, an unreadable table), shown on the status line until the next filter. */
    private final TopStatus problem;
    private TopSnapshot snapshot;

    private TopScreen(Terminal terminal, TopRefresh refresh, TopStatus problem, LiveQuery queries,
                      long intervalMillis, String filterText) {
        this.terminal = terminal;
        this.problem = problem;
        this.refresh = refresh;
        this.queries = queries;
        this.intervalMillis = intervalMillis;
        this.filterText = filterText;
        this.display = new Display(terminal, true);
    }

    /**
     * Shows {@code refresh}'s tables on {@code terminal} until the user quits or {@code stop} is requested;
     * returns the exit status (0 for {@code q}, 130 for Ctrl-C, the signal's status for SIGINT or SIGTERM).
     * {@code problem} is where {@code refresh} tells an unreadable table; {@code filterText} is the command
     * line's expression.
     */
    static int run(Terminal terminal, TopRefresh refresh, TopStatus problem, LiveQuery queries, long intervalMillis,
                   String filterText, StopOnSignal stop) throws IOException {
        TopScreen screen = new TopScreen(terminal, refresh, problem, queries, intervalMillis, filterText);
        Attributes original = terminal.getAttributes();
        Terminal.SignalHandler previousWinch = terminal.handle(Terminal.Signal.WINCH, s -> screen.resized.set(true));
        try {
            terminal.enterRawMode();
            // Ctrl-C as a key, not SIGINT, so that it quits through the same restoring path as q.
            Attributes raw = terminal.getAttributes();
            raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
            terminal.setAttributes(raw);
            terminal.puts(InfoCmp.Capability.enter_ca_mode);
            terminal.puts(InfoCmp.Capability.cursor_invisible);
            terminal.flush();
            int status = screen.loop(stop);
            return stop.requested() ? stop.exitStatus() : status;
        } finally {
            terminal.puts(InfoCmp.Capability.cursor_normal);
            terminal.puts(InfoCmp.Capability.exit_ca_mode);
            terminal.flush();
            terminal.setAttributes(original);
            terminal.handle(Terminal.Signal.WINCH, previousWinch);
        }
    }

    private int loop(StopOnSignal stop) throws IOException {
        NonBlockingReader keys = terminal.reader();
        long next = 0;
        // A new filter is read at once, paused or not: the rows on screen must be the filter's.
        boolean refreshNow = false;
        resize();
        while (!stop.requested()) {
            long now = System.currentTimeMillis();
            if ((!controls.paused() && now >= next) || refreshNow) {
                snapshot = refresh.read(now);
                next = now + intervalMillis;
                refreshNow = false;
                draw();
                continue;
            }
            if (resized.getAndSet(false)) {
                resize();
                draw();
            }
            long wait = controls.paused() ? TopCommand.STOP_POLL_MILLIS
                    : Math.min(next - now, TopCommand.STOP_POLL_MILLIS);
            int key = keys.read(Math.max(1, wait));
            if (key == NonBlockingReader.READ_EXPIRED) {
                continue;
            }
            if (key == NonBlockingReader.EOF) {
                return 0; // the terminal is gone: nobody is left to show anything to
            }
            if (key == TopKeys.ESC && isEscapeSequence(keys)) {
                continue;
            }
            switch (controls.key(key)) {
                case TopControls.Outcome.Quit q -> {
                    return q.status();
                }
                case TopControls.Outcome.Nothing n -> {
                }
                case TopControls.Outcome.Redraw r -> draw();
                case TopControls.Outcome.Refresh r -> next = 0;
                case TopControls.Outcome.Filter f -> {
                    if (applyFilter(f.expression())) {
                        refreshNow = true;
                    }
                    draw();
                }
            }
        }
        return 0;
    }

    /**
     * After an ESC: whether more follows at once (an arrow key, ESC [ A), in which case the sequence is read and
     * passed over; a lone ESC is a key of its own.
     */
    private static boolean isEscapeSequence(NonBlockingReader keys) throws IOException {
        int c = keys.peek(ESCAPE_SEQUENCE_MILLIS);
        if (c != '[' && c != 'O') {
            return false;
        }
        keys.read();
        // A CSI or SS3 sequence ends with a letter or '~' (ESC [ 1 5 ~ is F5).
        for (int i = 0; i < 16; i++) {
            c = keys.read(ESCAPE_SEQUENCE_MILLIS);
            if (c < 0 || Character.isLetter(c) || c == '~') {
                break;
            }
        }
        return true;
    }

    /** Parses a typed filter as the listing does; a bad one leaves the last good one and says why. */
    private boolean applyFilter(String expression) {
        try {
            Query replacement = queries.typed(expression);
            refresh.query(replacement);
            filterText = expression;
            problem.set(null);
            return true;
        } catch (UsageException | IOException e) {
            problem.set(e.getMessage());
            return false;
        }
    }

    private void resize() {
        display.clear();
        display.resize(terminal.getSize());
    }

    private void draw() {
        Size size = terminal.getSize();
        // The last column stays empty: a line that fills it leaves the cursor in the terminal's pending-wrap
        // state, which terminals resolve differently, and the screen would lose a line.
        int width = Math.max(1, size.getColumns() - 1);
        int height = Math.max(1, size.getRows());
        List<AttributedString> lines = new ArrayList<>(height);
        lines.add(line(title(), width, AttributedStyle.BOLD));
        String trouble = problem.get();
        // A message may quote what the kernel or a filter file said: its control characters are escaped.
        String status = ControlEscapes.text((trouble != null ? trouble
                : "filter: " + (filterText.isEmpty() ? "none (/ sets one)" : filterText))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        lines.add(line(status, width, trouble != null ? AttributedStyle.BOLD : AttributedStyle.DEFAULT));
        List<String> table = snapshot == null ? List.of() : controls.view() == TopView.PROCESSES
                ? TopLayout.lines(TopTables.PROCESSES, snapshot.processes(), controls.sortColumn(),
                controls.reversed(), width)
                : TopLayout.lines(TopTables.PORTS, snapshot.ports(), controls.sortColumn(), controls.reversed(),
                width);
        int room = Math.max(0, height - CHROME_LINES);
        for (int i = 0; i < table.size() && i <= room; i++) {
            lines.add(line(table.get(i), width, i == 0 ? AttributedStyle.INVERSE : AttributedStyle.DEFAULT));
        }
        while (lines.size() < height - 1) {
            lines.add(AttributedString.EMPTY);
        }
        String prompt = controls.prompt();
        String footer = prompt != null ? "/" + prompt : TopKeys.FOOTER;
        lines.add(line(footer, width, AttributedStyle.DEFAULT));
        List<AttributedString> shown = lines.subList(0, Math.min(lines.size(), height));
        int cursor = prompt != null ? size.cursorPos(shown.size() - 1, Math.min(width - 1, footer.length())) : 0;
        display.update(shown, cursor);
        terminal.flush();
    }

    private String title() {
        TopView view = controls.view();
        int rows = snapshot == null ? 0 : view == TopView.PROCESSES ? snapshot.processes().size()
                : snapshot.ports().size();
        TopColumn<?> column = (view == TopView.PROCESSES ? TopTables.PROCESSES : TopTables.PORTS)
                .get(controls.sortColumn());
        // Numbers sort largest first and text A to Z unless reversed.
        boolean descending = column.numeric() != controls.reversed();
        String when = snapshot == null ? "reading..." : TIME.format(Instant.ofEpochMilli(snapshot.atMillis()))
                + " UTC  " + snapshot.sockets() + " sockets (" + snapshot.unowned() + " no owner)";
        return "sockscope top  " + view.title() + ": " + rows + "  sort " + column.header()
                + (descending ? " desc" : " asc") + "  every " + interval(intervalMillis) + "  " + when
                + (controls.paused() ? "  PAUSED" : "");
    }

    /** An interval as --interval takes it: 500ms, 2s, 1m. */
    static String interval(long millis) {
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    /** {@code text} cut to the screen's width: nothing may wrap onto the next line. */
    private static AttributedString line(String text, int width, AttributedStyle style) {
        String cut = text.length() > width ? text.substring(0, width) : text;
        return new AttributedString(cut, style);
    }
}
