package io.sockscope.differential;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Two fresh network namespaces, "zoo" and "sink", joined by a veth pair ({@value #ZOO_DEVICE} in the zoo,
 * {@value #SINK_DEVICE} in the sink) on the private subnet {@value #SUBNET}.0/24. Its addresses exist only
 * inside these two namespaces; neither end of the veth is ever in the host namespace, so no packet can leave.
 *
 * <p>The zoo also gets a permanent neighbour entry for {@link #BLACKHOLE_ADDRESS} pointing at a MAC that no
 * interface owns: SYNs sent there reach the sink, which drops them, so a connect stays in SYN-SENT.
 * IPv6 is turned off on the veth (but not on loopback) so that neighbour discovery does not keep adding
 * frames while the tests run.
 *
 * <p>{@link #close()} kills whatever still runs inside either namespace and deletes both; deleting a
 * namespace destroys the veth end it holds, and with it the pair.
 */
final class ZooNetwork implements AutoCloseable {

    static final String ZOO_DEVICE = "zoo0";
    static final String SINK_DEVICE = "sink0";
    static final String SUBNET = "10.77.91";
    static final String ZOO_ADDRESS = SUBNET + ".1";
    static final String SINK_ADDRESS = SUBNET + ".2";
    static final String BLACKHOLE_ADDRESS = SUBNET + ".3";
    private static final String BLACKHOLE_MAC = "02:00:00:00:00:03";
    private static final String NAME_PREFIX = "sockscope-zoo-";

    private final CommandRunner runner;
    private final String zoo;
    private final String sink;
    private boolean closed;

    private ZooNetwork(CommandRunner runner, String suffix) {
        this.runner = runner;
        this.zoo = NAME_PREFIX + suffix;
        this.sink = NAME_PREFIX + suffix + "-sink";
    }

    /** Creates and wires both namespaces; on any failure removes whatever it had made and rethrows. */
    static ZooNetwork create(CommandRunner runner) throws IOException, InterruptedException {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        ZooNetwork network = new ZooNetwork(runner, HexFormat.of().formatHex(random));
        try {
            network.build();
            return network;
        } catch (IOException | InterruptedException | RuntimeException e) {
            try {
                network.close();
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void build() throws IOException, InterruptedException {
        for (String ns : List.of(zoo, sink)) {
            ip("netns", "add", ns);
            ip("-n", ns, "link", "set", "lo", "up");
            // New devices inherit "default": the veth gets no IPv6, loopback keeps it.
            runner.output(List.of("ip", "netns", "exec", ns, "sh", "-c",
                    "echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6"));
        }
        ip("-n", zoo, "link", "add", ZOO_DEVICE, "type", "veth", "peer", "name", SINK_DEVICE, "netns", sink);
        ip("-n", zoo, "addr", "add", ZOO_ADDRESS + "/24", "dev", ZOO_DEVICE);
        ip("-n", sink, "addr", "add", SINK_ADDRESS + "/24", "dev", SINK_DEVICE);
        ip("-n", zoo, "link", "set", ZOO_DEVICE, "up");
        ip("-n", sink, "link", "set", SINK_DEVICE, "up");
        ip("-n", zoo, "neigh", "replace", BLACKHOLE_ADDRESS, "lladdr", BLACKHOLE_MAC,
                "dev", ZOO_DEVICE, "nud", "permanent");
    }

    private void ip(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(arguments));
        runner.output(command);
    }

    /** The namespace holding the zoo's sockets, the one both tools list. */
    String zooNamespace() {
        return zoo;
    }

    /** The namespace at the far end of the veth. */
    String sinkNamespace() {
        return sink;
    }

    /** {@code command} prefixed so that it runs inside the zoo namespace (same pid: ip execs it). */
    List<String> inZoo(List<String> command) {
        return Stream.concat(Stream.of("ip", "netns", "exec", zoo), command.stream()).toList();
    }

    /** The names among ours that {@code ip netns list} still shows. */
    List<String> remainingNamespaces() throws IOException, InterruptedException {
        List<String> listed = runner.output(List.of("ip", "netns", "list")).lines()
                .map(line -> line.split("\\s+")[0])
                .toList();
        return Stream.of(zoo, sink).filter(listed::contains).toList();
    }

    /**
     * Kills what still runs in either namespace (only our own zoo processes can be there) and deletes both.
     *
     * @throws IOException when a namespace could not be deleted
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // Cleanup must run to the end even when the test thread was interrupted: clear the flag, restore it after.
        boolean interrupted = Thread.interrupted();
        List<String> failures = new ArrayList<>();
        try {
            for (String ns : List.of(zoo, sink)) {
                killProcessesIn(ns);
                CommandResult deleted = runner.run(List.of("ip", "netns", "del", ns));
                if (deleted.exitCode() != 0 && !deleted.stderrText().contains("No such file")) {
                    failures.add(deleted.describe() + ": " + deleted.stderrText().strip());
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            throw new IOException("interrupted while removing the zoo's namespaces " + zoo + ", " + sink, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException("could not remove the zoo's namespaces: " + failures);
        }
    }

    private static void kill(ProcessHandle process) {
        process.destroyForcibly();
        try {
            // Bounded: a zombie whose parent is gone may never be reported as exited.
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Nothing more to do; deleting the namespace still detaches it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void killProcessesIn(String ns) throws IOException, InterruptedException {
        CommandResult pids = runner.run(List.of("ip", "netns", "pids", ns));
        if (pids.exitCode() != 0) {
            return; // the namespace was never made
        }
        for (String pid : pids.stdoutText().split("\\s+")) {
            if (!pid.isEmpty()) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ZooNetwork::kill);
            }
        }
    }
}
