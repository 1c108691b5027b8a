package io.sockscope.api;

import io.sockscope.api.internal.ApiValues;
import io.sockscope.model.Netns;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NetworkNamespace}, {@link Container} and {@link Pod} are values of the library's kind: sealed interfaces
 * of accessors over package-private records, equal when their accessors answer alike, shown by {@code toString};
 * and every kind of entry counts them in its own equality.
 */
class NamespaceAndWorkloadValuesTest {
    private static final ApiValues V = ApiValues.get();
    private static final String ID = "3f1c0e5b9a7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e";

    @Test
    void theNewTypesAreSealedInterfacesOfAccessors() {
        List<Class<?>> exported = ExportedTypes.all();
        for (Class<?> type : List.of(NetworkNamespace.class, Container.class, Pod.class)) {
            assertTrue(exported.contains(type), type + " is exported");
            assertTrue(type.isInterface() && type.isSealed(), type + " is a sealed interface");
            for (Class<?> implementation : type.getPermittedSubclasses()) {
                assertTrue(implementation.isRecord() && !ExportedTypes.isExported(implementation),
                        implementation + " is a record callers cannot name");
            }
        }
        List<String> accessors = new ArrayList<>();
        for (Method m : SocketEntry.class.getDeclaredMethods()) {
            accessors.add(m.getName());
        }
        assertTrue(accessors.containsAll(List.of("namespace", "container", "pod", "unit")), accessors.toString());
    }

    @Test
    void namespacesAreEqualByTheirAccessors() {
        NetworkNamespace blue = V.networkNamespace(4026532301L, "blue", List.of(812, 4100));
        NetworkNamespace same = V.networkNamespace(4026532301L, "blue", new ArrayList<>(List.of(812, 4100)));
        assertEquals(blue, same);
        assertEquals(blue.hashCode(), same.hashCode());
        assertNotEquals(blue, V.networkNamespace(4026532301L, null, List.of(812, 4100)));
        assertNotEquals(blue, V.networkNamespace(4026532301L, "blue", List.of(812)));
        assertNotEquals(blue, V.networkNamespace(4026532302L, "blue", List.of(812, 4100)));
        String text = blue.toString();
        assertTrue(text.contains("4026532301") && text.contains("blue") && text.contains("4100"), text);
    }

    @Test
    void theSampleOfPidsIsACopyThatCannotChange() {
        List<Integer> pids = new ArrayList<>(List.of(31, 77));
        NetworkNamespace n = V.networkNamespace(4026532302L, null, pids);
        pids.add(99);
        assertEquals(List.of(31, 77), n.pidsSample());
        assertThrows(UnsupportedOperationException.class, () -> n.pidsSample().add(1));
        assertThrows(NullPointerException.class, () -> V.networkNamespace(1, null, null));
    }

    /** The library's label is the command's Netns column: the name, else pid:N, else inode:N. */
    @Test
    void theLabelIsTheOneTheListingShows() {
        for (Netns n : List.of(new Netns(4026532301L, "blue", List.of(812)),
                new Netns(4026532302L, null, List.of(31, 77)), new Netns(4026532303L, null, List.of()))) {
            assertEquals(n.label(), V.networkNamespace(n.inode(), n.name(), n.pidsSample()).label());
        }
        assertEquals("pid:31", V.networkNamespace(4026532302L, null, List.of(31, 77)).label());
        assertEquals("inode:4026532303", V.networkNamespace(4026532303L, null, List.of()).label());
    }

    @Test
    void containersAndPodsAreEqualByTheirAccessors() {
        Container web = V.container("containerd", ID, "web");
        assertEquals(web, V.container("containerd", ID, "web"));
        assertEquals(web.hashCode(), V.container("containerd", ID, "web").hashCode());
        assertNotEquals(web, V.container("containerd", ID, null));
        assertNotEquals(web, V.container("cri-o", ID, "web"));
        assertTrue(web.toString().contains(ID) && web.toString().contains("containerd"), web.toString());

        Pod pod = V.pod("shop", "web-7d9f", "5a1e3b2c-0d4f-4e6a-8b9c-1d2e3f4a5b6c");
        assertEquals(pod, V.pod("shop", "web-7d9f", "5a1e3b2c-0d4f-4e6a-8b9c-1d2e3f4a5b6c"));
        assertNotEquals(pod, V.pod(null, null, "5a1e3b2c-0d4f-4e6a-8b9c-1d2e3f4a5b6c"));
        assertTrue(pod.toString().contains("web-7d9f"), pod.toString());
    }

    @Test
    void whatIdentifiesAContainerOrAPodIsNeverNull() {
        assertThrows(NullPointerException.class, () -> V.container(null, ID, "web"));
        assertThrows(NullPointerException.class, () -> V.container("docker", null, "web"));
        assertThrows(NullPointerException.class, () -> V.pod("shop", "web", null));
    }

    /** Two entries that differ only in their namespace, container, pod or unit are different entries. */
    @Test
    void everyKindOfEntryCountsTheFourInItsEquality() {
        NetworkNamespace blue = V.networkNamespace(4026532301L, "blue", List.of(812));
        Container web = V.container("docker", ID, "web");
        Pod pod = V.pod("shop", "web-0", "5a1e3b2c-0d4f-4e6a-8b9c-1d2e3f4a5b6c");
        List<Object[]> variants = List.of(new Object[] {null, null, null, null},
                new Object[] {blue, null, null, null}, new Object[] {blue, web, null, null},
                new Object[] {blue, web, pod, null}, new Object[] {blue, web, pod, "web.scope"});
        for (int i = 0; i < variants.size(); i++) {
            for (int j = 0; j < variants.size(); j++) {
                for (int kind = 0; kind < 4; kind++) {
                    SocketEntry a = entry(kind, variants.get(i));
                    SocketEntry b = entry(kind, variants.get(j));
                    assertEquals(i == j, a.equals(b), a + " against " + b);
                }
            }
        }
        SocketEntry full = entry(0, variants.getLast());
        assertTrue(full.toString().contains("web.scope") && full.toString().contains("blue"), full.toString());
        assertEquals(Arrays.asList(variants.getLast()),
                Arrays.asList(full.namespace(), full.container(), full.pod(), full.unit()));
    }

    private static SocketEntry entry(int kind, Object[] where) {
        NetworkNamespace n = (NetworkNamespace) where[0];
        Container c = (Container) where[1];
        Pod p = (Pod) where[2];
        String u = (String) where[3];
        Owners none = V.owners(OwnerStatus.NOT_REQUESTED, List.of());
        Endpoint any = V.endpoint("0.0.0.0", 0, null, false, true);
        return switch (kind) {
            case 0 -> V.inet(Protocol.TCP, Family.INET, SocketState.LISTEN, 0, 128, any, any, null, 10, 0, "a",
                    null, Shutdown.NONE, 0, 0, null, null, null, null, null, null, none, null, n, c, p, u);
            case 1 -> V.unix(Protocol.UNIX_STREAM, SocketState.LISTEN, 0, 128, "/run/web.sock", false, 11, 0, null,
                    0, Shutdown.NONE, List.of(), null, none, n, c, p, u);
            case 2 -> V.packet(Protocol.PACKET_RAW, SocketState.UNCONNECTED, 0, 0, 3, null, 12, 0, "b", none, n, c,
                    p, u);
            default -> V.netlink(Protocol.NETLINK, SocketState.UNCONNECTED, 0, 0, 0, "rtnl", 900, 0, false, 0, 0,
                    13, none, n, c, p, u);
        };
    }
}
