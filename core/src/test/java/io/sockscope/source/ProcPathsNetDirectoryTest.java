package io.sockscope.source;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * On a thread in another network namespace than the process, a path that means "my namespace's /proc/net"
 * is read through that thread's own {@code net} directory; every other path stays as ss would open it.
 */
class ProcPathsNetDirectoryTest {
    private static final String THREAD_NET = "/proc/4242/task/4250/net";

    private static Path resolve(Map<String, String> environment, ProcNetFile file) {
        return new ProcPaths(environment, THREAD_NET).resolve(file);
    }

    @Test
    void theProcessesNetDirectoryBecomesTheThreadsOwn() {
        assertEquals(Path.of(THREAD_NET, "tcp"), resolve(Map.of(), ProcNetFile.TCP));
        assertEquals(Path.of(THREAD_NET, "unix"), resolve(Map.of("PROC_ROOT", "/proc"), ProcNetFile.UNIX));
        assertEquals(Path.of(THREAD_NET, "udp6"), resolve(Map.of("PROC_NET_UDP6", "/proc/net/udp6"), ProcNetFile.UDP6));
        assertEquals(Path.of(THREAD_NET, "raw"), resolve(Map.of("PROC_NET_RAW", "/proc/self/net/raw"), ProcNetFile.RAW));
        assertEquals(Path.of(THREAD_NET, "sockstat"), resolve(Map.of(), ProcNetFile.SOCKSTAT));
    }

    @Test
    void filesSsHasNoVariableForFollowTheThreadToo() {
        assertEquals(Path.of(THREAD_NET, "netstat"), new ProcPaths(Map.of(), THREAD_NET).underRoot("net/netstat"));
        assertEquals(Path.of("/fixture/net/netstat"),
                new ProcPaths(Map.of("PROC_ROOT", "/fixture"), THREAD_NET).underRoot("net/netstat"));
        assertEquals(Path.of("/proc/net/netstat"), new ProcPaths(Map.of(), null).underRoot("net/netstat"));
    }

    @Test
    void otherPathsAreLeftAlone() {
        assertEquals(Path.of("/fixture/net/tcp"), resolve(Map.of("PROC_ROOT", "/fixture"), ProcNetFile.TCP));
        assertEquals(Path.of("/tmp/udp"), resolve(Map.of("PROC_NET_UDP", "/tmp/udp"), ProcNetFile.UDP));
        assertEquals(Path.of("/proc/netstat-like/tcp"),
                resolve(Map.of("PROC_NET_TCP", "/proc/netstat-like/tcp"), ProcNetFile.TCP));
        // Network sysctls follow the reading thread by themselves.
        assertEquals(Path.of("/proc/sys/net/ipv4/ip_local_port_range"),
                resolve(Map.of(), ProcNetFile.IP_LOCAL_PORT_RANGE));
        assertEquals(Path.of("/proc"), new ProcPaths(Map.of(), THREAD_NET).procRoot());
    }

    @Test
    void aThreadInTheProcessesNamespaceNeedsNoDirectoryOfItsOwn() {
        assertNull(ProcPaths.threadNetDirectory(), "the test thread never left the process's namespace");
        assertEquals(Path.of("/proc/net/tcp"), new ProcPaths(Map.of()).resolve(ProcNetFile.TCP));
    }
}
