package io.sockscope.cli;

import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonSyntaxException;
import io.sockscope.json.JsonValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a stream of {@code watch --ndjson} events says about the table, replayed by cookie: the sockets it
 * believes open (each as ss's {@code -tanH} would show its state and endpoints), how many resyncs it told, and
 * the events that contradict the ones before them (a cookie opened twice, closed twice, or changed after it
 * closed). Sockets in the watch's baseline are never told; a close of one is not a contradiction. Events that are
 * not about one socket's life are skipped.
 */
final class WatchedTable {
    /** The events that tell one socket's life; the rest are skipped. */
    private static final Set<String> SOCKET_EVENTS = Set.of("open", "state", "close");

    private final Map<String, String> open = new HashMap<>();
    private final Set<String> closed = new HashSet<>();
    private final List<String> contradictions = new ArrayList<>();
    private int resyncs;
    private int opens;
    private int closes;

    /** Replays {@code lines}, each one event. */
    static WatchedTable replay(List<String> lines) throws JsonSyntaxException {
        WatchedTable table = new WatchedTable();
        for (String line : lines) {
            table.apply(line);
        }
        return table;
    }

    private void apply(String line) throws JsonSyntaxException {
        JsonValue event = JsonReader.read(line);
        String kind = text(event, "event");
        if (kind.equals("resync")) {
            resyncs++;
            return;
        }
        if (!SOCKET_EVENTS.contains(kind)) {
            // Not the life of one socket (a leak detector's finding, say): nothing to replay.
            return;
        }
        String cookie = text(event, "cookie");
        if (closed.contains(cookie)) {
            contradictions.add("after its close: " + line);
            return;
        }
        switch (kind) {
            case "open" -> {
                opens++;
                if (open.put(cookie, row(event)) != null) {
                    contradictions.add("opened twice: " + line);
                }
            }
            case "state" -> open.put(cookie, row(event));
            case "close" -> {
                closes++;
                open.remove(cookie);
                closed.add(cookie);
            }
            default -> throw new IllegalStateException("not a socket event: " + line);
        }
    }

    /**
     * The sockets believed open, as {@code STATE local peer} rows counted, leaving out those in {@code ignored}
     * states.
     */
    Map<String, Integer> openRows(Set<String> ignoredStates) {
        Map<String, Integer> rows = new TreeMap<>();
        for (String row : open.values()) {
            if (!ignoredStates.contains(row.substring(0, row.indexOf(' ')))) {
                rows.merge(row, 1, Integer::sum);
            }
        }
        return rows;
    }

    int resyncs() {
        return resyncs;
    }

    int opens() {
        return opens;
    }

    int closes() {
        return closes;
    }

    List<String> contradictions() {
        return contradictions;
    }

    /** {@code STATE local peer} as ss writes them: {@code address:port}, {@code *} for port 0. */
    static String row(JsonValue event) {
        return text(event, "state") + " " + endpoint(event, "local") + " " + endpoint(event, "peer");
    }

    /** An inet endpoint of an event as ss's numeric columns write it. */
    static String endpoint(JsonValue event, String member) {
        JsonValue e = event.member(member).orElse(null);
        if (e == null) {
            return "*:*";
        }
        String address = e.member("address").flatMap(JsonValue::string).orElse("*");
        long port = e.member("port").flatMap(JsonValue::integer).orElse(0L);
        String host = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
        return host + ":" + (port == 0 ? "*" : Long.toString(port));
    }

    static String text(JsonValue event, String member) {
        return event.member(member).flatMap(JsonValue::string).orElse("");
    }
}
