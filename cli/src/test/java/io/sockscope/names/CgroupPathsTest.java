package io.sockscope.names;

import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CgroupPaths}: on a directory tree standing in for a cgroup2 mount (ids are inode numbers there too),
 * and, as root, on the real hierarchy against ss: a process moved into a fresh cgroup opens a listener in its
 * own network namespace, and both tools name that cgroup the same way.
 */
class CgroupPathsTest {

    private static long inode(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    }

    private static Path mounts(Path dir, String mountPoint) throws IOException {
        Path mounts = dir.resolve("mounts");
        Files.writeString(mounts, "proc /proc proc rw,nosuid 0 0\n"
                + "cgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0\n"
                + "cgroup2 " + mountPoint + " cgroup2 rw,relatime 0 0\n"
                + "cgroup2 /elsewhere cgroup2 rw 0 0\n");
        return mounts;
    }

    @Test
    void directoriesBelowTheFirstCgroup2Mount(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("hierarchy"));
        Path service = Files.createDirectories(root.resolve("system.slice/app.service"));
        Files.writeString(root.resolve("cgroup.procs"), "");
        CgroupPaths paths = new CgroupPaths(new MountTable(mounts(dir, root.toString()), false));
        assertEquals(root.toString(), paths.cgroup2Mount());
        assertEquals("/", paths.apply(inode(root)));
        assertEquals("/system.slice", paths.apply(inode(root.resolve("system.slice"))));
        assertEquals("/system.slice/app.service", paths.apply(inode(service)));
        assertEquals("unreachable:" + Long.toHexString(inode(root.resolve("cgroup.procs"))),
                paths.apply(inode(root.resolve("cgroup.procs"))), "files are not cgroups");
    }

    @Test
    void aCgroupMadeAfterTheWalkIsFoundByOneMoreWalk(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("hierarchy"));
        CgroupPaths paths = new CgroupPaths(new MountTable(mounts(dir, root.toString()), false));
        assertEquals("/", paths.apply(inode(root)));
        Path late = Files.createDirectory(root.resolve("late"));
        assertEquals("/late", paths.apply(inode(late)));
        Path later = Files.createDirectory(root.resolve("later"));
        assertEquals("unreachable:" + Long.toHexString(inode(later)), paths.apply(inode(later)),
                "the hierarchy is walked twice at most");
    }

    @Test
    void withoutACgroup2MountEveryIdIsUnreachable(@TempDir Path dir) throws IOException {
        Path mounts = dir.resolve("mounts");
        Files.writeString(mounts, "cgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0\n");
        CgroupPaths paths = new CgroupPaths(new MountTable(mounts, false));
        assertEquals("unreachable:1", paths.apply(1));
        assertEquals("unreachable:abcdef", paths.apply(0xabcdef));
        assertEquals("unreachable:1", new CgroupPaths(new MountTable(dir.resolve("no-such-file"), false)).apply(1));
        MountTable gone = new MountTable(mounts(dir, dir.resolve("gone").toString()), false);
        assertEquals("unreachable:2a", new CgroupPaths(gone).apply(42));
    }

    @Test
    void namesARealCgroupAsSsDoes() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root: makes a cgroup");
        Assumptions.assumeTrue(CommandRun.onPath("ss") && CommandRun.onPath("unshare")
                && CommandRun.onPath("nsenter") && Files.isExecutable(Path.of("/usr/bin/python3")),
                "needs ss, unshare, nsenter and python3");
        String mount = new CgroupPaths(MountTable.PROC).cgroup2Mount();
        Assumptions.assumeTrue(mount != null, "needs a cgroup2 mount");
        String name = "sockscope-test-" + HexFormat.of().formatHex(new byte[] {
                (byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt()});
        Path cgroup = Path.of(mount, name);
        Files.createDirectory(cgroup);
        Process holder = null;
        try {
            // A process in a network namespace of its own (unshare -n keeps /sys, so cgroup2 stays visible) that
            // opens its listener only once it has been moved into the new cgroup.
            holder = new ProcessBuilder("unshare", "-n", "/usr/bin/python3", "-c",
                    "import socket,sys\nsys.stdin.readline()\ns=socket.socket()\ns.bind(('127.0.0.1',7777))\n"
                            + "s.listen()\nprint('READY',flush=True)\nsys.stdin.readline()\n")
                    .redirectErrorStream(true).start();
            long pid = holder.pid();
            Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(pid));
            holder.getOutputStream().write('\n');
            holder.getOutputStream().flush();
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("READY", out.readLine());
            List<String> inNamespace = List.of("nsenter", "--net=/proc/" + pid + "/ns/net");
            for (String flags : List.of("-tlne --cgroup", "-tln --cgroup", "-tlnoemi")) {
                List<String> ss = new ArrayList<>(inNamespace);
                ss.add("ss");
                ss.addAll(List.of(flags.split(" ")));
                List<String> ours = new ArrayList<>(inNamespace);
                ours.addAll(CommandRun.sockscope(flags.split(" ")));
                CommandRun expected = CommandRun.run(ss, Map.of(), 30);
                CommandRun actual = CommandRun.run(ours, Map.of(), 60);
                assertTrue(expected.stdoutText().contains("cgroup:/" + name), expected.stdoutText());
                assertEquals(expected.stdoutText(), actual.stdoutText(), "ss " + flags + "\n" + actual.stderrText());
            }
        } finally {
            if (holder != null) {
                holder.getOutputStream().close();
                if (!holder.waitFor(5, TimeUnit.SECONDS)) {
                    holder.destroyForcibly();
                    holder.waitFor(5, TimeUnit.SECONDS);
                }
            }
            Files.delete(cgroup);
        }
    }
}
