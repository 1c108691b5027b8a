package io.sockscope.differential;

import io.sockscope.names.MountTable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A host laid out as one running containers, for {@code --all-netns}: real network namespaces holding real
 * sockets, the processes that hold them moved into real cgroup v2 directories named as the runtimes name them
 * (so that the kernel tags their sockets), and the runtimes' metadata files under a temporary root:
 * <ul>
 *   <li>{@link #web}: named; a process in {@code …/docker-ID.scope} (Docker names it {@code web}) with a TCP
 *       listener on 0.0.0.0:8080, an established connection, a UDP socket and a unix listener;</li>
 *   <li>{@link #cart}: named; a process in a kubelet pod's {@code cri-containerd-ID.scope} (pod {@code shop/cart},
 *       container {@code app}) with a listener on 127.0.0.1:9090 only;</li>
 *   <li>{@link #empty}: named, no process, no socket ({@code ip netns add} alone);</li>
 *   <li>an unnamed namespace with a process ({@code unshare -n}): a listener on [::]:7070 — {@link #unnamedPid};</li>
 *   <li>a namespace pinned only by a descriptor: its name was deleted after a process in the host's namespace
 *       opened it, entered it, made a listener on 127.0.0.1:6060 there and came back — so a process of one
 *       namespace holds a socket of another ({@link #pinnedEntry}).</li>
 * </ul>
 * Closing it ends the processes and removes the namespaces, the cgroups and the files.
 */
final class AllNamespacesFixture implements AutoCloseable {
    static final String DOCKER_ID = "4f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f";
    static final String CART_ID = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b";
    static final String POD_UID = "0b6c2f4e-3d1a-4c5b-9e8f-7a6d5c4b3a21";

    final String web;
    final String cart;
    final String empty;
    private final String pinnedName;
    final Path root;
    private final Path cgroupSlice;
    private final List<Process> holders = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();
    int unnamedPid;
    int pinnedHolderPid;
    int pinnedFd;
    int webPid;
    int cartPid;

    private AllNamespacesFixture() throws IOException {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        String tag = HexFormat.of().formatHex(random);
        web = "sockscope-an-" + tag + "-web";
        cart = "sockscope-an-" + tag + "-cart";
        empty = "sockscope-an-" + tag + "-empty";
        pinnedName = "sockscope-an-" + tag + "-pinned";
        root = Files.createTempDirectory("sockscope-allnetns-root-");
        String mount = MountTable.PROC.cgroup2Mount();
        if (mount == null) {
            throw new IOException("no cgroup2 mount");
        }
        cgroupSlice = Path.of(mount, "sockscope-an-" + tag + ".slice");
    }

    static AllNamespacesFixture start() throws IOException, InterruptedException {
        AllNamespacesFixture f = new AllNamespacesFixture();
        try {
            f.build();
        } catch (IOException | InterruptedException | RuntimeException e) {
            try {
                f.close();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return f;
    }

    private void build() throws IOException, InterruptedException {
        writeMetadata();
        Path dockerScope = Files.createDirectories(cgroupSlice.resolve("docker-" + DOCKER_ID + ".scope"));
        String podSlice = "kubepods-besteffort-pod" + POD_UID.replace('-', '_') + ".slice";
        Path podScope = Files.createDirectories(cgroupSlice.resolve("kubepods.slice")
                .resolve("kubepods-besteffort.slice").resolve(podSlice).resolve("cri-containerd-" + CART_ID + ".scope"));
        for (String ns : List.of(web, cart, empty, pinnedName)) {
            addNamespace(ns);
        }
        webPid = hold(List.of("ip", "netns", "exec", web), dockerScope, "tcp-listen:0.0.0.0,8080",
                "tcp-pair:127.0.0.1,8081", "udp:0.0.0.0,5353", "unix-listen:@sockscope-an-web")[0];
        cartPid = hold(List.of("ip", "netns", "exec", cart), podScope, "tcp-listen:127.0.0.1,9090")[0];
        unnamedPid = hold(List.of("unshare", "-n"), null, "tcp-listen:::,7070")[0];
        int[] pinned = hold(List.of(), null, "hold-ns:/run/netns/" + pinnedName, "enter-held",
                "tcp-listen:127.0.0.1,6060", "enter-own");
        pinnedHolderPid = pinned[0];
        pinnedFd = pinned[1];
        // From now on only the holder's descriptor (and its socket) keeps that namespace alive.
        ip("netns", "delete", pinnedName);
        namespaces.remove(pinnedName);
    }

    /** Docker's config for the web container, the kubelet's log directories for the cart pod. */
    private void writeMetadata() throws IOException {
        Path docker = Files.createDirectories(root.resolve("var/lib/docker/containers").resolve(DOCKER_ID));
        Files.writeString(docker.resolve("config.v2.json"), "{\"ID\":\"" + DOCKER_ID + "\",\"Config\":{\"Hostname\":"
                + "\"4f1c2a9d8e7b\",\"Labels\":{\"a\":\"b\"}},\"Name\":\"/web\",\"State\":{\"Running\":true}}");
        Path pod = Files.createDirectories(root.resolve("var/log/pods").resolve("shop_cart_" + POD_UID).resolve("app"));
        Files.writeString(pod.resolve("0.log"), "");
        Path containers = Files.createDirectories(root.resolve("var/log/containers"));
        Files.createSymbolicLink(containers.resolve("cart_shop_app-" + CART_ID + ".log"),
                Path.of("/var/log/pods/shop_cart_" + POD_UID + "/app/0.log"));
    }

    private void addNamespace(String name) throws IOException, InterruptedException {
        ip("netns", "add", name);
        namespaces.add(name);
        ip("-n", name, "link", "set", "lo", "up");
    }

    /**
     * Starts a holder under {@code prefix} (which puts it in its namespace), moves it into {@code cgroup} before it
     * opens anything, and waits until its sockets are open; returns its pid and the descriptor it holds.
     */
    private int[] hold(List<String> prefix, Path cgroup, String... specs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add("python3");
        command.add(holderScript().toString());
        command.addAll(List.of(specs));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        holders.add(p);
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        int pid = Integer.parseInt(readLine(lines, p));
        if (cgroup != null) {
            Files.writeString(cgroup.resolve("cgroup.procs"), Integer.toString(pid));
        }
        OutputStream in = p.getOutputStream();
        in.write('\n');
        in.flush();
        String ready = readLine(lines, p);
        if (!ready.startsWith("ready ")) {
            throw new IOException("holder did not get ready: " + ready);
        }
        return new int[] {pid, Integer.parseInt(ready.substring("ready ".length()))};
    }

    private static String readLine(BufferedReader lines, Process p) throws IOException {
        String line = lines.readLine();
        if (line == null) {
            throw new IOException("holder ended early: " + p.info().commandLine().orElse("?"));
        }
        return line.strip();
    }

    private static Path holderScript() {
        try {
            return Path.of(AllNamespacesFixture.class.getResource("/allnetns/holder.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pinned namespace's only handle: the holder's descriptor. */
    Path pinnedEntry() {
        return Path.of("/proc", Integer.toString(pinnedHolderPid), "fd", Integer.toString(pinnedFd));
    }

    /** The inode of a network namespace file. */
    static long inode(Path nsfs) throws IOException {
        return ((Number) Files.getAttribute(nsfs, "unix:ino")).longValue();
    }

    static void ip(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Process p : holders) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : namespaces) {
            try {
                ip("netns", "delete", ns);
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Deepest first; a cgroup directory goes once its processes are gone.
        if (Files.isDirectory(cgroupSlice)) {
            try (Stream<Path> dirs = Files.walk(cgroupSlice)) {
                for (Path d : dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                    removeCgroup(d);
                }
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** rmdir, retried briefly: a killed process leaves its cgroup a moment after it is reaped. */
    private static void removeCgroup(Path dir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                Files.delete(dir);
                return;
            } catch (IOException e) {
                if (attempt >= 50) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
