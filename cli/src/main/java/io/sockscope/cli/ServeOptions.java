package io.sockscope.cli;

import io.sockscope.export.SeriesCaps;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * What {@code sockscope serve} takes: where to serve {@code /metrics} ({@code --listen}, 127.0.0.1:9947 unless told
 * otherwise, {@code none} for no HTTP at all), the series caps ({@code --max-processes}, {@code --max-listeners}),
 * {@code --all-netns}, and an OTLP endpoint to push to ({@code --otlp URL}, every {@code --every}). It exports every
 * table and takes no listing option or filter: a metric's meaning must not depend on how the exporter was started.
 *
 * @param listen        the address to serve on, or null for none
 * @param caps          how many processes and listening addresses get series of their own
 * @param allNamespaces every network namespace on the host, each socket labelled by namespace and workload
 * @param otlp          the OTLP/HTTP endpoint (its base, {@code /v1/metrics} is added when absent), or null
 * @param everyMillis   the time between two OTLP pushes
 */
record ServeOptions(InetSocketAddress listen, SeriesCaps caps, boolean allNamespaces, URI otlp, long everyMillis) {
    static final int DEFAULT_PORT = 9947;
    static final long DEFAULT_EVERY_MILLIS = 15_000;
    private static final int MOST_SERIES = 100_000;

    /** Reads {@code line} (the words after {@code serve}). */
    static ServeOptions parse(CommandLine line) throws UsageException {
        if (!line.operands().isEmpty()) {
            throw new UsageException("serve takes no filter (\"" + line.operands().getFirst() + "\"): it exports"
                    + " every socket; select in the query (PromQL) instead", 1);
        }
        InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT);
        int processes = SeriesCaps.DEFAULTS.processes();
        int listeners = SeriesCaps.DEFAULTS.listeners();
        boolean allNamespaces = false;
        URI otlp = null;
        long every = DEFAULT_EVERY_MILLIS;
        boolean everyGiven = false;
        for (CommandLine.Option o : line.options()) {
            switch (o.key()) {
                case "listen" -> listen = listenAddress(o.argument());
                case "max-processes" -> processes = WatchOptions.whole("--max-processes", o.argument(), 0,
                        MOST_SERIES);
                case "max-listeners" -> listeners = WatchOptions.whole("--max-listeners", o.argument(), 0,
                        MOST_SERIES);
                case "all-netns" -> allNamespaces = true;
                case "otlp" -> otlp = otlpEndpoint(o.argument());
                case "every" -> {
                    every = DurationArgument.millis("--every", o.argument());
                    everyGiven = true;
                }
                case "debug" -> {
                }
                default -> throw new UsageException("serve cannot take " + (o.key().length() == 1 ? "-" : "--")
                        + o.key() + ": it exports every table, and takes --listen, --max-processes,"
                        + " --max-listeners, --all-netns, --otlp and --every", 1);
            }
        }
        if (everyGiven && otlp == null) {
            throw new UsageException("--every is how often --otlp pushes: give --otlp URL too", 1);
        }
        if (listen == null && otlp == null) {
            throw new UsageException("--listen none serves nothing: give --otlp URL to push instead", 1);
        }
        return new ServeOptions(listen, new SeriesCaps(processes, listeners), allNamespaces, otlp, every);
    }

    /** Whether the last {@code --listen} is {@code 0.0.0.0:PORT}. */
    static boolean asksForEveryIpv4Address(CommandLine line) {
        String last = null;
        for (CommandLine.Option o : line.options()) {
            if (o.key().equals("listen")) {
                last = o.argument();
            }
        }
        return last != null && last.startsWith("0.0.0.0:");
    }

    /**
     * {@code HOST:PORT} with HOST an IPv4 address, {@code [IPv6]} or {@code localhost}; {@code none} for no HTTP.
     * A host must be given: {@code :9947} would mean every address to some and loopback to others.
     */
    static InetSocketAddress listenAddress(String text) throws UsageException {
        if (text.equals("none")) {
            return null;
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw listenUsage(text);
        }
        String host = text.substring(0, colon);
        String portText = text.substring(colon + 1);
        if (!portText.matches("[0-9]{1,5}") || Integer.parseInt(portText) > 65535) {
            throw listenUsage(text);
        }
        int port = Integer.parseInt(portText);
        if (host.equals("localhost")) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw listenUsage(text);
        }
        try {
            return new InetSocketAddress(InetAddress.ofLiteral(host), port);
        } catch (IllegalArgumentException e) {
            throw listenUsage(text);
        }
    }

    private static UsageException listenUsage(String text) {
        return new UsageException("--listen takes HOST:PORT (127.0.0.1:9947, 0.0.0.0:9947, [::1]:9947) or none,"
                + " not \"" + text + "\"", 1);
    }

    /** An {@code http} or {@code https} URL; the OTLP/HTTP metrics path is added when it has no path. */
    static URI otlpEndpoint(String text) throws UsageException {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw otlpUsage(text);
            }
            String path = uri.getPath();
            if (path == null || path.isEmpty() || path.equals("/")) {
                return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), "/v1/metrics", null, null);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw otlpUsage(text);
        }
    }

    private static UsageException otlpUsage(String text) {
        return new UsageException("--otlp takes an OTLP/HTTP URL (http://collector:4318), not \"" + text + "\"", 1);
    }
}
