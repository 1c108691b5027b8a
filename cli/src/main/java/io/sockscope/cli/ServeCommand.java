package io.sockscope.cli;

import io.sockscope.exporter.EngineSnapshots;
import io.sockscope.exporter.MetricsServer;
import io.sockscope.exporter.OtlpPush;
import io.sockscope.exporter.SharedSnapshots;
import io.sockscope.model.WarningSink;
import io.sockscope.names.AddressText;
import io.sockscope.source.ProcPaths;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code sockscope serve}: the metrics exporter. Serves {@code /metrics} (Prometheus text, or OpenMetrics when asked)
 * on 127.0.0.1:9947 unless {@code --listen} says otherwise, and says where on stderr as it starts; pushes OTLP when
 * {@code --otlp} is given. Each scrape reads the table afresh ({@link EngineSnapshots}). Runs until SIGINT or SIGTERM,
 * then stops accepting, lets the scrapes in progress finish, and exits 0.
 */
final class ServeCommand {
    /** Threads that answer requests and write responses; snapshots are taken on a thread of their own. */
    private static final int HTTP_THREADS = 4;

    private ServeCommand() {
    }

    /** Reads {@code line} (the words after {@code serve}) and serves until stopped; returns the exit status. */
    static int run(CommandLine line, Map<String, String> environment, PrintStream err) throws UsageException {
        ServeOptions options = ServeOptions.parse(line);
        WarningSink warnings = message -> err.println("sockscope: warning: " + message);
        ProcPaths paths = new ProcPaths(environment);
        try (StopOnSignal stop = StopOnSignal.install();
             EngineSnapshots source = new EngineSnapshots(paths, options.caps(), options.allNamespaces(),
                     Path.of("/"), warnings, System::currentTimeMillis);
             SharedSnapshots snapshots = new SharedSnapshots(source);
             MetricsServer server = options.listen() == null ? null : start(options.listen(), snapshots, warnings);
             OtlpPush push = options.otlp() == null ? null : OtlpPush.start(options.otlp(), options.everyMillis(),
                     hostName(), snapshots, warnings)) {
            if (server != null) {
                InetSocketAddress bound = server.address();
                // The address asked for, with the port bound: the server reports a dual-stack socket's as IPv6.
                String where = "http://" + hostText(options.listen()) + ":" + bound.getPort() + MetricsServer.PATH;
                err.println("sockscope: serving metrics at " + where + (bound.getAddress().isLoopbackAddress() ? ""
                        : " (reachable from other hosts: it shows every listening address and the processes"
                        + " holding sockets)"));
                if (ServeOptions.asksForEveryIpv4Address(line) && !Boolean.getBoolean("java.net.preferIPv4Stack")) {
                    // The JDK's server socket is dual-stack unless the JVM started IPv4-only (bin/sockscope starts
                    // it so for 0.0.0.0; the property is read before any command runs).
                    err.println("sockscope: warning: 0.0.0.0 also answers on every IPv6 address: this JVM's sockets"
                            + " are dual-stack (start it with -Djava.net.preferIPv4Stack=true, as bin/sockscope does)");
                }
            }
            if (push != null) {
                err.println("sockscope: pushing OTLP metrics to " + options.otlp() + " every "
                        + (options.everyMillis() % 1000 == 0 ? options.everyMillis() / 1000 + "s" : options.everyMillis() + "ms"));
            }
            while (!stop.requested()) {
                Thread.sleep(TopCommand.STOP_POLL_MILLIS);
            }
        } catch (ServeFailure e) {
            err.println("sockscope: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Stopped as asked: a clean end for a service manager.
        return 0;
    }

    private static MetricsServer start(InetSocketAddress address, SharedSnapshots snapshots, WarningSink warnings)
            throws ServeFailure {
        try {
            return MetricsServer.start(address, snapshots, HTTP_THREADS, warnings);
        } catch (IOException e) {
            throw new ServeFailure("cannot serve on " + hostText(address) + ":" + address.getPort() + ": "
                    + e.getMessage());
        }
    }

    /** The host's name for OTLP's {@code host.name}: the kernel's (this UTS namespace's), never a DNS lookup. */
    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String hostText(InetSocketAddress address) {
        String host = AddressText.text(address.getAddress().getAddress());
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Serving could not start: said in one line. */
    private static final class ServeFailure extends Exception {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        ServeFailure(String message) {
            super(message);
        }
    }
}
