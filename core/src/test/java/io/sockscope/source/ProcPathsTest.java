package io.sockscope.source;

import io.sockscope.model.InetSocket;
import io.sockscope.model.WarningSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.sockscope.source.ProcNetTestSupport.Dump;
import static io.sockscope.source.ProcNetTestSupport.everything;
import static io.sockscope.source.ProcNetTestSupport.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcPathsTest {
    @Test
    void defaultsAreUnderProc() {
        ProcPaths paths = new ProcPaths(Map.of());
        assertEquals(Path.of("/proc/net/tcp"), paths.resolve(ProcNetFile.TCP));
        assertEquals(Path.of("/proc/net/netlink"), paths.resolve(ProcNetFile.NETLINK));
        assertEquals(Path.of("/proc/net/sockstat6"), paths.resolve(ProcNetFile.SOCKSTAT6));
        assertEquals(Path.of("/proc/sys/net/ipv4/ip_local_port_range"),
                paths.resolve(ProcNetFile.IP_LOCAL_PORT_RANGE));
        assertEquals(Path.of("/proc"), paths.procRoot());
        for (DumpKind kind : DumpKind.values()) {
            assertFalse(paths.forcesProc(kind), kind.name());
        }
        assertEquals(Path.of("/proc/net/unix"), ProcPaths.system().resolve(ProcNetFile.UNIX));
    }

    @Test
    void procRootMovesEveryFileAndForcesEveryKind() {
        ProcPaths paths = new ProcPaths(Map.of("PROC_ROOT", "/srv/snapshot"));
        for (ProcNetFile file : ProcNetFile.values()) {
            assertEquals(Path.of("/srv/snapshot/" + file.relativePath()), paths.resolve(file));
        }
        assertEquals(Path.of("/srv/snapshot"), paths.procRoot());
        for (DumpKind kind : DumpKind.values()) {
            assertTrue(paths.forcesProc(kind), kind.name());
        }
    }

    @Test
    void eachVariableOverridesOnlyItsFileAndWinsOverProcRoot() {
        for (ProcNetFile file : ProcNetFile.values()) {
            ProcPaths paths = new ProcPaths(Map.of(file.environmentVariable(), "/elsewhere/x", "PROC_ROOT", "/r"));
            for (ProcNetFile other : ProcNetFile.values()) {
                Path expected = other == file ? Path.of("/elsewhere/x") : Path.of("/r/" + other.relativePath());
                assertEquals(expected, paths.resolve(other), file + " / " + other);
            }
        }
        assertEquals("PROC_IP_LOCAL_PORT_RANGE", ProcNetFile.IP_LOCAL_PORT_RANGE.environmentVariable());
    }

    @Test
    void eachKindIsForcedByItsOwnVariableOnly() {
        Map<String, DumpKind> forcing = Map.of(
                "PROC_NET_TCP", DumpKind.TCP, "PROC_NET_UDP", DumpKind.UDP, "PROC_NET_RAW", DumpKind.RAW,
                "PROC_NET_UNIX", DumpKind.UNIX, "PROC_NET_PACKET", DumpKind.PACKET,
                "PROC_NET_NETLINK", DumpKind.NETLINK, "PROC_NET_DCCP", DumpKind.DCCP,
                "PROC_NET_SCTP", DumpKind.SCTP, "PROC_NET_MPTCP", DumpKind.MPTCP);
        forcing.forEach((variable, kind) -> {
            ProcPaths paths = new ProcPaths(Map.of(variable, "/x"));
            for (DumpKind k : DumpKind.values()) {
                assertEquals(k == kind, paths.forcesProc(k), variable + " -> " + k);
            }
        });
        // ss decides on the IPv4 file's variable alone.
        ProcPaths v6Only = new ProcPaths(Map.of("PROC_NET_TCP6", "/x", "PROC_NET_UDP6", "/x", "PROC_NET_RAW6", "/x"));
        for (DumpKind k : EnumSet.allOf(DumpKind.class)) {
            assertFalse(v6Only.forcesProc(k), k.name());
        }
    }

    @Test
    void anEmptyValueCountsAsSet() {
        ProcPaths paths = new ProcPaths(Map.of("PROC_ROOT", ""));
        assertEquals(Path.of("/net/tcp"), paths.resolve(ProcNetFile.TCP));
        assertEquals(Path.of("/"), paths.procRoot());
        assertTrue(paths.forcesProc(DumpKind.UNIX));
        ProcNetSource source = new ProcNetSource(new ProcPaths(Map.of("PROC_NET_TCP", "")), 100);
        SourceException e = assertThrows(SourceException.class,
                () -> source.dump(DumpKind.TCP, everything(), s -> { }, WarningSink.IGNORE));
        assertEquals("cannot open : No such file or directory", e.getMessage());
    }

    @Test
    void laterChangesToTheMapAreNotSeen() {
        Map<String, String> env = new HashMap<>(Map.of("PROC_ROOT", "/a"));
        ProcPaths paths = new ProcPaths(env);
        env.put("PROC_ROOT", "/b");
        env.put("PROC_NET_UDP", "/c");
        assertEquals(Path.of("/a/net/udp"), paths.resolve(ProcNetFile.UDP));
    }

    @Test
    void sourceReadsOverriddenFilesAndSkipsTheMissingIpv6OneUnderTheRoot(@TempDir Path emptyRoot) throws Exception {
        Path zoo = fixture("zoo");
        ProcNetSource source = new ProcNetSource(new ProcPaths(Map.of(
                "PROC_ROOT", emptyRoot.toString(), "PROC_NET_TCP", zoo.resolve("net/tcp").toString())), 100);
        Dump d = new Dump().run(source, DumpKind.TCP, everything());
        assertEquals(18, d.sockets.size());
        assertEquals(List.of(), d.warnings);
        ProcNetSource both = new ProcNetSource(new ProcPaths(Map.of("PROC_ROOT", emptyRoot.toString(),
                "PROC_NET_TCP", zoo.resolve("net/tcp").toString(),
                "PROC_NET_TCP6", zoo.resolve("net/tcp6").toString())), 100);
        assertEquals(24, new Dump().run(both, DumpKind.TCP, everything()).sockets.size());
    }

    @Test
    void userHzMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ProcNetSource(ProcPaths.system(), 0));
    }

    @Test
    void userHzScalesTimers() throws Exception {
        ProcNetSource source = new ProcNetSource(new ProcPaths(Map.of("PROC_ROOT", fixture("zoo").toString())), 250);
        Dump d = new Dump().run(source, DumpKind.TCP, everything());
        InetSocket timeWait = (InetSocket) d.sockets.stream().filter(s -> s.state() == 6)
                .findFirst().orElseThrow();
        assertEquals((0x16CFL * 1000 + 249) / 250, timeWait.timer().expiresMs());
    }
}
