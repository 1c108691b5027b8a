package io.sockscope.filter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The iproute2 {@code ss} installed on this machine, run as a subprocess with fixture files in place of
 * the kernel's tables, and the facts of this machine it consults (interfaces, services, cgroups) read into
 * a {@link MapEnvironment} so that the Java side sees the same world.
 */
final class InstalledSs {
    /** What one run printed and how it ended. */
    record Result(String stdout, String stderr, int exitStatus) {
    }

    private InstalledSs() {
    }

    /** Whether {@code ss -V} reports iproute2 6.1 (the version sockscope matches). */
    static boolean isVersion61() {
        try {
            Result r = run(Map.of(), List.of("-V"));
            return r.exitStatus() == 0 && r.stdout().contains("iproute2-6.1");
        } catch (IOException e) {
            return false;
        }
    }

    static Result run(Map<String, String> environment, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("ss");
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ss did not finish: " + args);
            }
            return new Result(new String(out, StandardCharsets.UTF_8),
                    new String(err.get(), StandardCharsets.UTF_8), p.exitValue());
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IOException(e);
        }
    }

    /** Interfaces from {@code /sys/class/net}, services from {@code /etc/services}, one cgroup. */
    static MapEnvironment machineEnvironment() throws IOException {
        MapEnvironment env = new MapEnvironment();
        Path net = Path.of("/sys/class/net");
        if (Files.isDirectory(net)) {
            try (var links = Files.list(net)) {
                for (Path link : links.toList()) {
                    Path index = link.resolve("ifindex");
                    if (Files.isReadable(index)) {
                        env.iface(link.getFileName().toString(), Integer.parseInt(Files.readString(index).trim()));
                    }
                }
            }
        }
        Path services = Path.of("/etc/services");
        if (Files.isReadable(services)) {
            // getservbyname: the first line whose name or alias matches, for that protocol.
            List<String> seen = new ArrayList<>();
            for (String line : Files.readAllLines(services)) {
                String data = line.replaceAll("#.*", "").trim();
                String[] f = data.split("\\s+");
                if (f.length < 2 || !f[1].contains("/")) {
                    continue;
                }
                String[] portProto = f[1].split("/");
                for (int i = 0; i < f.length; i++) {
                    if (i == 1) {
                        continue;
                    }
                    String key = f[i] + "/" + portProto[1];
                    if (!seen.contains(key)) {
                        seen.add(key);
                        env.service(f[i], portProto[1], Integer.parseInt(portProto[0]));
                    }
                }
            }
        }
        Path cgroup = Path.of("/sys/fs/cgroup/unified");
        if (Files.isDirectory(cgroup)) {
            // On cgroup v2 a cgroup's id is its directory's inode number.
            env.cgroup(cgroup.toString(), ((Number) Files.getAttribute(cgroup, "unix:ino")).longValue());
        }
        return env;
    }
}
