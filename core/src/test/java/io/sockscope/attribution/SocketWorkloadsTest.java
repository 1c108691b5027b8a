package io.sockscope.attribution;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import io.sockscope.model.UnixSocket;
import io.sockscope.model.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sockscope.attribution.CgroupLayoutTest.ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The one rule of a listing across namespaces, over a directory tree standing in for the cgroup2 mount and a
 * fixture {@code /proc}: the socket's cgroup id first, else its first owner's cgroup when owners were looked for,
 * else nothing.
 */
class SocketWorkloadsTest {
    private static final String NGINX = "system.slice/nginx.service";
    private static final String DOCKER = "system.slice/docker-" + ID + ".scope";
    private static final Workload NGINX_UNIT = new Workload(null, null, "nginx.service");
    private static final Workload DOCKER_CONTAINER = new Workload(new Workload.Container("docker", ID, null), null,
            "docker-" + ID + ".scope");

    private static InetSocket tcp(long inode, long cgroupId) {
        InetEndpoint any = new InetEndpoint(new byte[4], 0);
        return new InetSocket(SocketTable.TCP, AddressFamily.INET, TcpState.LISTEN.code(), 0, 128,
                new InetEndpoint(new byte[4], 80), any, 0, inode, 0, 1, Timer.OFF, 0, -1, 0, 0, cgroupId, -1, null,
                null);
    }

    private static UnixSocket unix(long inode) {
        return new UnixSocket(SocketTable.UNIX_STREAM, TcpState.LISTEN.code(), 0, 128, null, inode, 0, null, -1, -1,
                -1, null, -1, null);
    }

    private static WorkloadResolver resolver(Path dir) throws IOException {
        Path mount = Files.createDirectories(dir.resolve("cgroup"));
        Files.createDirectories(mount.resolve(NGINX));
        Files.createDirectories(mount.resolve(DOCKER));
        Path proc = dir.resolve("proc");
        for (Map.Entry<Integer, String> p : Map.of(40, NGINX, 41, DOCKER).entrySet()) {
            Path process = Files.createDirectories(proc.resolve(Integer.toString(p.getKey())));
            Files.writeString(process.resolve("cgroup"), "0::/" + p.getValue() + "\n");
        }
        return new WorkloadResolver(mount, dir.resolve("root"), proc, warning -> {
            throw new AssertionError(warning);
        });
    }

    private static long id(Path dir, String cgroup) throws IOException {
        return WorkloadResolverTest.inode(dir.resolve("cgroup").resolve(cgroup));
    }

    @Test
    void theSocketsCgroupComesFirstThenItsFirstOwner(@TempDir Path dir) throws IOException {
        Map<Long, List<Owner>> owners = Map.of(7L, List.of(new Owner("nginx", 40, 40, 3),
                new Owner("dockerd", 41, 41, 9)), 8L, List.of(new Owner("dockerd", 41, 41, 4)));
        List<Long> asked = new ArrayList<>();
        SocketWorkloads workloads = new SocketWorkloads(resolver(dir), inode -> {
            asked.add(inode);
            return owners.getOrDefault(inode, List.of());
        });

        assertEquals(DOCKER_CONTAINER, workloads.apply(tcp(7, id(dir, DOCKER))), "tagged: the owners are not asked");
        assertEquals(List.of(), asked);
        assertEquals(NGINX_UNIT, workloads.apply(tcp(7, 0)), "no cgroup id: the first owner's");
        assertEquals(NGINX_UNIT, workloads.apply(tcp(7, id(dir, "system.slice"))),
                "a cgroup that names nothing: the first owner's");
        assertEquals(DOCKER_CONTAINER, workloads.apply(unix(8)), "a unix socket has no cgroup id");
        assertSame(Workload.NONE, workloads.apply(unix(9)), "nobody holds it");
        assertSame(Workload.NONE, workloads.apply(unix(0)), "no inode: the owners are not asked");
        assertEquals(List.of(7L, 7L, 8L, 9L), asked);
    }

    @Test
    void withoutOwnersOnlyTheSocketsCgroupTells(@TempDir Path dir) throws IOException {
        SocketWorkloads workloads = new SocketWorkloads(resolver(dir), null);
        assertEquals(NGINX_UNIT, workloads.apply(tcp(7, id(dir, NGINX))));
        for (SocketRecord socket : List.<SocketRecord>of(tcp(7, 0), unix(8))) {
            assertSame(Workload.NONE, workloads.apply(socket), socket.toString());
        }
    }
}
