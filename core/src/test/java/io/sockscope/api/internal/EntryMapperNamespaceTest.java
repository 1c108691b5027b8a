package io.sockscope.api.internal;

import io.sockscope.api.InetSocketEntry;
import io.sockscope.api.NetworkNamespace;
import io.sockscope.api.SocketEntry;
import io.sockscope.inspect.EntryNames;
import io.sockscope.inspect.OwnerResolver;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.Netns;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import io.sockscope.model.UnixSocket;
import io.sockscope.model.Workload;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The entries of a listing across namespaces: every kind carries its namespace and the workload found for its
 * socket, made once per namespace and once per distinct workload; the mapper of one namespace leaves all four null
 * and never asks for a workload.
 */
class EntryMapperNamespaceTest {
    private static final EntryMapper.Details NONE = new EntryMapper.Details(false, false, false, false, false, false);
    private static final Netns BLUE = new Netns(4026532301L, "blue", List.of(812, 4100));
    private static final Workload.Container WEB = new Workload.Container("containerd",
            "3f1c0e5b9a7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e", "web");
    private static final Workload.Pod WEB_POD = new Workload.Pod("shop", "web-7d9f",
            "5a1e3b2c-0d4f-4e6a-8b9c-1d2e3f4a5b6c");
    private static final String WEB_UNIT = "cri-containerd-" + WEB.id() + ".scope";

    /** Interface 3 is {@code eth0} here and {@code veth-blue} in the namespace: each mapper asks its own names. */
    private static EntryNames names(String interfaceThree) {
        return new EntryNames() {
            @Override
            public String interfaceName(int ifindex) {
                return ifindex == 3 ? interfaceThree : null;
            }

            @Override
            public String cgroupPath(long id) {
                return null;
            }

            @Override
            public String netlinkProtocol(int protocol) {
                return "rtnl";
            }
        };
    }

    private static EntryMapper plain() {
        return new EntryMapper(NONE, names("eth0"), OwnerResolver.notRequested());
    }

    private static InetSocket tcpListener(long inode, int port) {
        InetEndpoint any = new InetEndpoint(new byte[4], 0);
        return new InetSocket(SocketTable.TCP, AddressFamily.INET, TcpState.LISTEN.code(), 0, 128,
                new InetEndpoint(new byte[4], port), any, 3, inode, 0, inode, Timer.OFF, 0, -1, 0, 0, 0, -1, null,
                null);
    }

    /** One socket of each kind. */
    private static List<SocketRecord> everyKind() {
        return List.of(tcpListener(10, 80),
                new UnixSocket(SocketTable.UNIX_STREAM, TcpState.LISTEN.code(), 0, 128,
                        "/run/web.sock".getBytes(StandardCharsets.US_ASCII), 11, 0, null, -1, -1, -1, null, -1, null),
                new PacketSocket(SocketTable.PACKET_RAW, 3, 0, 0, 12, 0, 7, null),
                new NetlinkSocket(0, 900, 0, false, 0, 0, 0, 0, 0, 0, 13, true, null));
    }

    @Test
    void aMapperOfOneNamespaceLeavesNamespaceAndWorkloadNull() {
        for (SocketRecord socket : everyKind()) {
            SocketEntry e = plain().map(socket);
            assertNull(e.namespace(), e.toString());
            assertNull(e.container(), e.toString());
            assertNull(e.pod(), e.toString());
            assertNull(e.unit(), e.toString());
        }
    }

    @Test
    void everyKindCarriesTheNamespaceMadeOnceForIt() {
        EntryMapper blue = plain().inNamespace(BLUE, names("veth-blue"), socket -> Workload.NONE);
        List<SocketEntry> entries = everyKind().stream().map(blue::map).toList();
        NetworkNamespace first = entries.getFirst().namespace();
        assertEquals(4026532301L, first.inode());
        assertEquals("blue", first.name());
        assertEquals(List.of(812, 4100), first.pidsSample());
        assertEquals("blue", first.label());
        for (SocketEntry e : entries) {
            assertSame(first, e.namespace(), "one value for the whole namespace: " + e);
            assertNull(e.container());
            assertNull(e.pod());
            assertNull(e.unit());
        }
    }

    @Test
    void theNamespacesNamesAreUsedAndTheOriginalMapperIsUnchanged() {
        EntryMapper base = plain();
        EntryMapper blue = base.inNamespace(BLUE, names("veth-blue"), socket -> Workload.NONE);
        assertEquals("veth-blue", ((InetSocketEntry) blue.map(tcpListener(10, 80))).local().interfaceName());
        InetSocketEntry outside = (InetSocketEntry) base.map(tcpListener(10, 80));
        assertEquals("eth0", outside.local().interfaceName());
        assertNull(outside.namespace());
    }

    @Test
    void aNamespacesLabelIsTheListingsLabel() {
        for (Netns n : List.of(BLUE, new Netns(4026532302L, null, List.of(31, 77)),
                new Netns(4026532303L, null, List.of()))) {
            NetworkNamespace mapped = plain().inNamespace(n, names("x"), socket -> null).map(tcpListener(1, 1))
                    .namespace();
            assertEquals(n.label(), mapped.label());
            assertEquals(n.name(), mapped.name());
        }
    }

    @Test
    void aWorkloadBecomesContainerPodAndUnit() {
        Workload inPod = new Workload(WEB, WEB_POD, WEB_UNIT);
        Workload serviceOnly = new Workload(null, null, "nginx.service");
        Workload docker = new Workload(new Workload.Container("docker", "ab".repeat(32), null), null, null);
        Map<Long, Workload> byInode = Map.of(10L, inPod, 11L, serviceOnly, 12L, docker);
        EntryMapper blue = plain().inNamespace(BLUE, names("veth-blue"), s -> byInode.get(s.inode()));

        SocketEntry web = blue.map(tcpListener(10, 80));
        assertEquals("containerd", web.container().runtime());
        assertEquals(WEB.id(), web.container().id());
        assertEquals("web", web.container().name());
        assertEquals("shop", web.pod().namespace());
        assertEquals("web-7d9f", web.pod().name());
        assertEquals(WEB_POD.uid(), web.pod().uid());
        assertEquals(WEB_UNIT, web.unit());

        SocketEntry nginx = blue.map(tcpListener(11, 443));
        assertNull(nginx.container());
        assertNull(nginx.pod());
        assertEquals("nginx.service", nginx.unit());

        SocketEntry unnamed = blue.map(tcpListener(12, 8080));
        assertEquals("docker", unnamed.container().runtime());
        assertNull(unnamed.container().name());
        assertNull(unnamed.pod());
        assertNull(unnamed.unit());

        // No answer, and Workload.NONE, are both "nothing known".
        SocketEntry unknown = blue.map(tcpListener(13, 9000));
        assertNull(unknown.container());
        assertNull(unknown.unit());
        assertEquals(BLUE.inode(), unknown.namespace().inode());
    }

    @Test
    void eachDistinctWorkloadIsMappedOnceAndAskedForOncePerSocket() {
        // Equal workloads in separate instances, interleaved with another: the finder need not hand back one
        // instance, and the cache must not hold only the last one.
        Workload other = new Workload(null, null, "sshd.service");
        List<Workload> answers = List.of(new Workload(WEB, WEB_POD, WEB_UNIT), other,
                new Workload(new Workload.Container(WEB.runtime(), WEB.id(), WEB.name()),
                        new Workload.Pod(WEB_POD.namespace(), WEB_POD.name(), WEB_POD.uid()), WEB_UNIT), other);
        List<Long> asked = new ArrayList<>();
        Function<SocketRecord, Workload> finder = s -> {
            asked.add(s.inode());
            return answers.get((int) s.inode());
        };
        EntryMapper blue = plain().inNamespace(BLUE, names("veth-blue"), finder);
        List<SocketEntry> entries = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            entries.add(blue.map(tcpListener(i, 80 + i)));
        }
        assertEquals(List.of(0L, 1L, 2L, 3L), asked);
        assertSame(entries.get(0).container(), entries.get(2).container(), "one Container for equal workloads");
        assertSame(entries.get(0).pod(), entries.get(2).pod());
        assertEquals(entries.get(1).unit(), entries.get(3).unit());
    }

    @Test
    void namespacesAreMappedApart() {
        Netns red = new Netns(4026532400L, "red", List.of(9));
        Map<String, EntryMapper> mappers = new HashMap<>();
        mappers.put("blue", plain().inNamespace(BLUE, names("veth-blue"), s -> new Workload(WEB, null, null)));
        mappers.put("red", plain().inNamespace(red, names("veth-red"), s -> Workload.NONE));
        SocketEntry inBlue = mappers.get("blue").map(tcpListener(10, 80));
        SocketEntry inRed = mappers.get("red").map(tcpListener(10, 80));
        assertEquals("blue", inBlue.namespace().label());
        assertEquals("red", inRed.namespace().label());
        assertEquals("web", inBlue.container().name());
        assertNull(inRed.container());
    }
}
