package io.sockscope.cli;

import io.sockscope.render.ControlEscapes;
import io.sockscope.live.PortRow;
import io.sockscope.live.ProcessRow;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.ProcessLimits;
import io.sockscope.model.TcpState;
import io.sockscope.names.AddressText;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The columns of {@code top}'s two tables (docs/top.md names each). Every cell is printable text: process names
 * are escaped ({@link ControlEscapes}), so a name cannot act on the terminal it is shown on.
 */
final class TopTables {
    private static final String UNKNOWN = "-";

    /** The process view: a process's sockets by state, its CLOSE-WAIT trend and its descriptors. */
    static final List<TopColumn<ProcessRow>> PROCESSES = List.of(
            TopColumn.number("PID", r -> Integer.toString(r.pid()), Comparator.comparingInt(ProcessRow::pid)),
            TopColumn.flexibleText("COMMAND", r -> ControlEscapes.text(r.command().bytes())),
            count("SOCKETS", ProcessRow::sockets),
            count("LISTEN", r -> r.states().count(TcpState.LISTEN)),
            count("ESTAB", r -> r.states().count(TcpState.ESTABLISHED)),
            count("CLOSE-WAIT", ProcessRow::closeWait),
            trend("CW/MIN", ProcessRow::closeWaitPerMinute),
            count("OTHER", r -> r.states().otherThan(TcpState.LISTEN, TcpState.ESTABLISHED, TcpState.CLOSE_WAIT)),
            TopColumn.number("FDS", r -> r.limits() == null ? UNKNOWN : Long.toString(r.limits().openDescriptors()),
                    Comparator.comparingLong(r -> r.limits() == null ? -1 : r.limits().openDescriptors())),
            TopColumn.number("FD-LIMIT", r -> r.limits() == null ? UNKNOWN : limit(r.limits()),
                    Comparator.comparingLong(r -> r.limits() == null ? -1 : unlimitedLast(r.limits().softLimit()))),
            share("FD%", ProcessRow::descriptorFill));

    /** The port view: a listening port's accept queue and the connections on it. */
    static final List<TopColumn<PortRow>> PORTS = List.of(
            TopColumn.text("PROTO", r -> r.table().netid()),
            TopColumn.number("PORT", r -> Integer.toString(r.port()), Comparator.comparingInt(PortRow::port)),
            TopColumn.text("ADDRESS", TopTables::addresses),
            TopColumn.number("PID", r -> r.owner() == null ? UNKNOWN : Integer.toString(r.owner().pid()),
                    Comparator.comparingInt(r -> r.owner() == null ? -1 : r.owner().pid())),
            TopColumn.flexibleText("COMMAND",
                    r -> r.owner() == null ? UNKNOWN : ControlEscapes.text(r.owner().command().bytes())),
            number("ACCEPT-Q", PortRow::acceptQueue),
            number("BACKLOG", PortRow::backlog),
            share("FILL%", PortRow::acceptFill),
            count("ESTAB", r -> r.connections().count(TcpState.ESTABLISHED)),
            count("SYN-RECV", r -> r.connections().count(TcpState.SYN_RECV)),
            count("CLOSE-WAIT", PortRow::closeWait),
            trend("CW/MIN", PortRow::closeWaitPerMinute),
            count("TIME-WAIT", r -> r.connections().count(TcpState.TIME_WAIT)),
            count("OTHER", r -> r.connections().otherThan(TcpState.ESTABLISHED, TcpState.SYN_RECV,
                    TcpState.CLOSE_WAIT, TcpState.TIME_WAIT)));

    /** The column each view is sorted by at first: the busiest process, the lowest port. */
    static int defaultSort(TopView view) {
        return view == TopView.PROCESSES ? 2 : 1;
    }

    /** Whether the view's default sort runs against its column's natural order (ports: lowest first). */
    static boolean defaultReversed(TopView view) {
        return view == TopView.PORTS;
    }

    private TopTables() {
    }

    private static <R> TopColumn<R> count(String header, java.util.function.ToIntFunction<R> value) {
        return TopColumn.number(header, r -> Integer.toString(value.applyAsInt(r)), Comparator.comparingInt(value));
    }

    private static <R> TopColumn<R> number(String header, ToLongFunction<R> value) {
        return TopColumn.number(header, r -> Long.toString(value.applyAsLong(r)), Comparator.comparingLong(value));
    }

    /** A change per minute, signed, one decimal; unknown before a second refresh. */
    private static <R> TopColumn<R> trend(String header, ToDoubleFunction<R> value) {
        return TopColumn.number(header, r -> {
            double v = value.applyAsDouble(r);
            return Double.isNaN(v) ? UNKNOWN : String.format(Locale.ROOT, "%+.1f", v + 0.0);
        }, Comparator.comparingDouble(r -> nanFirst(value.applyAsDouble(r))));
    }

    /** A share as a whole percentage. */
    private static <R> TopColumn<R> share(String header, ToDoubleFunction<R> value) {
        return TopColumn.number(header, r -> {
            double v = value.applyAsDouble(r);
            return Double.isNaN(v) ? UNKNOWN : Long.toString(Math.round(v * 100));
        }, Comparator.comparingDouble(r -> nanFirst(value.applyAsDouble(r))));
    }

    private static double nanFirst(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    private static String limit(ProcessLimits limits) {
        return limits.softLimit() < 0 ? "unlimited" : Long.toString(limits.softLimit());
    }

    private static long unlimitedLast(long limit) {
        return limit < 0 ? Long.MAX_VALUE : limit;
    }

    /** The listeners' addresses as ss writes them: IPv6 in brackets. */
    private static String addresses(PortRow row) {
        return row.addresses().stream().map(TopTables::address).distinct().collect(Collectors.joining(","));
    }

    private static String address(InetEndpoint e) {
        String text = AddressText.text(e.address());
        return e.address().length == 16 ? "[" + text + "]" : text;
    }
}
