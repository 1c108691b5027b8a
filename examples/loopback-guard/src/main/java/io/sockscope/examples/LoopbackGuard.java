package io.sockscope.examples;

import io.sockscope.api.InetSocketEntry;
import io.sockscope.api.SocketEntry;
import io.sockscope.api.SocketInspector;
import io.sockscope.api.SocketQuery;
import io.sockscope.api.SockscopeException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Fails when something listens on a port that should be reachable from this host only (a database, a cache, an
 * admin endpoint) on an address other hosts can reach: {@code 0.0.0.0}, {@code [::]}, or any non-loopback one.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp … io.sockscope.examples.LoopbackGuard 5432 6379
 * </pre>
 *
 * Exit 0 when every listener on those ports is loopback-only, 1 when one is not (each printed with its
 * processes), 2 on a bad argument or when the socket table cannot be read.
 */
public final class LoopbackGuard {
    private LoopbackGuard() {
    }

    /** A listener that other hosts can reach, on a port that should be loopback-only. */
    public record Exposure(InetSocketEntry listener) {
        /** One line for a person: where it listens and who holds it. */
        public String describe() {
            String holders = listener.owners().processes().stream()
                    .map(p -> p.command() + "[" + p.pid() + "]").collect(Collectors.joining(", "));
            String address = listener.local().address().contains(":")
                    ? "[" + listener.local().address() + "]" : listener.local().address();
            return "port " + listener.local().port() + " listens on " + address
                    + (holders.isEmpty() ? " (holder: " + listener.owners().status().text() + ")" : " held by " + holders);
        }
    }

    /** The listeners on {@code ports} that are not bound to a loopback address. */
    public static List<Exposure> exposures(SocketInspector inspector, Set<Integer> ports) {
        List<Exposure> found = new ArrayList<>();
        for (SocketEntry entry : inspector.list(SocketQuery.tcpListeners())) {
            if (entry instanceof InetSocketEntry listener && ports.contains(listener.local().port())
                    && !listener.local().inetAddress().isLoopbackAddress()) {
                found.add(new Exposure(listener));
            }
        }
        return found;
    }

    /** Runs the check for the ports in {@code args}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Set<Integer> ports = new TreeSet<>();
        for (String a : args) {
            try {
                int port = Integer.parseInt(a);
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                ports.add(port);
            } catch (NumberFormatException e) {
                err.println("loopback-guard: not a port: " + a);
                return 2;
            }
        }
        if (ports.isEmpty()) {
            err.println("usage: loopback-guard PORT...");
            return 2;
        }
        try (SocketInspector inspector = SocketInspector.open()) {
            List<Exposure> exposed = exposures(inspector, ports);
            for (Exposure e : exposed) {
                out.println("EXPOSED: " + e.describe());
            }
            if (exposed.isEmpty()) {
                out.println("ok: ports " + ports + " are loopback-only or not listened on");
            }
            return exposed.isEmpty() ? 0 : 1;
        } catch (SockscopeException e) {
            err.println("loopback-guard: " + e.getMessage());
            return 2;
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }
}
