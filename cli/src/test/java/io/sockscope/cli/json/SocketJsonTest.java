package io.sockscope.cli.json;

import io.sockscope.api.Container;
import io.sockscope.api.Endpoint;
import io.sockscope.api.Family;
import io.sockscope.api.InetSocketEntry;
import io.sockscope.api.InetSocketOption;
import io.sockscope.api.NetlinkSocketEntry;
import io.sockscope.api.NetworkNamespace;
import io.sockscope.api.OwnerStatus;
import io.sockscope.api.Owners;
import io.sockscope.api.PacketSocketEntry;
import io.sockscope.api.Pod;
import io.sockscope.api.Protocol;
import io.sockscope.api.Shutdown;
import io.sockscope.api.SocketEntry;
import io.sockscope.api.SocketState;
import io.sockscope.api.TcpInfo;
import io.sockscope.api.UnixSocketEntry;
import io.sockscope.api.internal.ApiValues;
import io.sockscope.model.ProcessName;
import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON of schema v1 as {@link JsonListingWriter} writes it, checked as exact text on hand-built entries:
 * member names and order, nulls written (never left out), unsigned values never negative, the namespace and
 * workload members present and null; and the command's refusal of a bad output format.
 */
class SocketJsonTest {

    private static final ApiValues V = ApiValues.get();
    private static final Owners NOT_REQUESTED = V.owners(OwnerStatus.NOT_REQUESTED, List.of());
    private static final HostFacts HOST = new HostFacts("9.9.9", "web1", "6.1.0-18-amd64", 4026531840L, "blue");
    private static final Endpoint ANY4 = V.endpoint("0.0.0.0", 0, null, false, true);
    private static final Owners ONE_OWNER = V.owners(OwnerStatus.KNOWN,
            List.of(V.processOwner(812, 812, "nginx", 6)));

    private static InetSocketEntry listener() {
        return V.inet(Protocol.TCP, Family.INET, SocketState.LISTEN, 0, 511,
                V.endpoint("0.0.0.0", 80, null, false, true), ANY4, null, 23456, 0, "1a2b", null,
                Shutdown.NONE, 0, 0, null, null, null, null, null, null, ONE_OWNER, null, null, null, null, null);
    }

    private static String document(SocketEntry... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonListingWriter w = JsonListingWriter.document(out, HOST);
        for (SocketEntry e : entries) {
            w.write(e);
        }
        w.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String lines(SocketEntry... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonListingWriter w = JsonListingWriter.lines(out);
        for (SocketEntry e : entries) {
            w.write(e);
        }
        w.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The four members of a socket listed in one namespace, whose workload nobody looked for. */
    private static final String NO_NAMESPACE = ",\"netns\":null,\"container\":null,\"pod\":null,\"unit\":null";

    private static final String LISTENER = "{\"netid\":\"tcp\",\"state\":\"LISTEN\",\"recv_q\":0,\"send_q\":511,"
            + "\"family\":\"inet\","
            + "\"local\":{\"address\":\"0.0.0.0\",\"port\":80,\"interface\":null,\"v4_mapped\":false,\"wildcard\":true},"
            + "\"peer\":{\"address\":\"0.0.0.0\",\"port\":0,\"interface\":null,\"v4_mapped\":false,\"wildcard\":true},"
            + "\"v6only\":null,\"uid\":0,\"cookie\":\"1a2b\",\"timer\":null,\"shutdown\":\"none\",\"mark\":0,"
            + "\"cgroup_id\":0,\"cgroup\":null,\"tos\":null,\"tclass\":null,\"congestion\":null,\"tcp_info\":null,\"skmem\":null,\"inet_sockopt\":null,"
            + "\"inode\":23456,"
            + "\"owners\":{\"status\":\"known\",\"processes\":[{\"pid\":812,\"tid\":812,\"command\":\"nginx\","
            + "\"command_bytes\":null,\"fd\":6}]}" + NO_NAMESPACE + "}";

    @Test
    void documentIsOneLineWithHostAndSockets() throws IOException {
        assertEquals("{\"schema_version\":1,\"tool\":\"sockscope 9.9.9\","
                + "\"host\":{\"hostname\":\"web1\",\"kernel\":\"6.1.0-18-amd64\","
                + "\"network_namespace\":{\"inode\":4026531840,\"name\":\"blue\"}},"
                + "\"sockets\":[" + LISTENER + "]}\n", document(listener()));
    }

    @Test
    void emptyListingIsAnEmptyArrayOrNoLines() throws IOException {
        assertTrue(document().endsWith(",\"sockets\":[]}\n"), document());
        assertEquals("", lines());
    }

    @Test
    void unknownHostFactsAreNull() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonListingWriter w = JsonListingWriter.document(out, new HostFacts("9.9.9", null, null, 0, null));
        w.finish();
        assertEquals("{\"schema_version\":1,\"tool\":\"sockscope 9.9.9\",\"host\":{\"hostname\":null,\"kernel\":null,"
                + "\"network_namespace\":{\"inode\":null,\"name\":null}},\"sockets\":[]}\n",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void ndjsonIsOneSocketPerLineEqualToTheDocumentsElements() throws IOException {
        SocketEntry unix = unixListener();
        assertEquals(LISTENER + "\n" + UNIX_LISTENER + "\n", lines(listener(), unix));
        assertTrue(document(listener(), unix).contains("\"sockets\":[" + LISTENER + "," + UNIX_LISTENER + "]}"));
    }

    @Test
    void inet6WithEverythingAsked() throws IOException {
        InetSocketEntry s = V.inet(Protocol.TCP, Family.INET6, SocketState.ESTABLISHED, 5, 1448,
                V.endpoint("::ffff:10.0.0.1", 443, "eth0", true, false),
                V.endpoint("::ffff:10.0.0.9", 51000, null, true, false), false, 777, 4294967295L,
                "ffffffffffffffff", V.timer("on", 204, 2), Shutdown.SEND, 4294967295L, 12345L, "/system.slice/web",
                null, null, "cubic", null, V.memory(1, 2, 3, 4, 5, 6, 7, 8, 4294967295L), ONE_OWNER,
                Set.of(InetSocketOption.IS_ICSK, InetSocketOption.TRANSPARENT,
                        InetSocketOption.BIND_ADDRESS_NO_PORT), null, null, null, null);
        assertEquals("{\"netid\":\"tcp\",\"state\":\"ESTAB\",\"recv_q\":5,\"send_q\":1448,\"family\":\"inet6\","
                + "\"local\":{\"address\":\"::ffff:10.0.0.1\",\"port\":443,\"interface\":\"eth0\",\"v4_mapped\":true,"
                + "\"wildcard\":false},"
                + "\"peer\":{\"address\":\"::ffff:10.0.0.9\",\"port\":51000,\"interface\":null,\"v4_mapped\":true,"
                + "\"wildcard\":false},"
                + "\"v6only\":false,\"uid\":4294967295,\"cookie\":\"ffffffffffffffff\","
                + "\"timer\":{\"name\":\"on\",\"expires_ms\":204,\"retransmits\":2},\"shutdown\":\"send\","
                + "\"mark\":4294967295,\"cgroup_id\":12345,\"cgroup\":\"/system.slice/web\",\"tos\":null,\"tclass\":null,\"congestion\":\"cubic\","
                + "\"tcp_info\":null,"
                + "\"skmem\":{\"rmem_alloc\":1,\"rcvbuf\":2,\"wmem_alloc\":3,\"sndbuf\":4,\"fwd_alloc\":5,"
                + "\"wmem_queued\":6,\"optmem\":7,\"backlog\":8,\"drops\":4294967295},"
                + "\"inet_sockopt\":{\"recverr\":false,\"is_icsk\":true,\"freebind\":false,\"hdrincl\":false,"
                + "\"mc_loop\":false,\"transparent\":true,\"mc_all\":false,\"nodefrag\":false,"
                + "\"bind_address_no_port\":true,\"recverr_rfc4884\":false,\"defer_connect\":false},"
                + "\"inode\":777,"
                + "\"owners\":{\"status\":\"known\",\"processes\":[{\"pid\":812,\"tid\":812,\"command\":\"nginx\","
                + "\"command_bytes\":null,\"fd\":6}]}" + NO_NAMESPACE + "}\n", lines(s));
    }

    private static final NetworkNamespace BLUE = V.networkNamespace(4026532301L, "blue", List.of(812, 4100));
    private static final String WEB_ID = "3f1c0e5b9a7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e";

    private static InetSocketEntry listenerIn(NetworkNamespace namespace, Container container, Pod pod, String unit) {
        return V.inet(Protocol.TCP, Family.INET, SocketState.LISTEN, 0, 511,
                V.endpoint("0.0.0.0", 80, null, false, true), ANY4, null, 23456, 0, "1a2b", null,
                Shutdown.NONE, 0, 0, null, null, null, null, null, null, ONE_OWNER, null, namespace, container, pod,
                unit);
    }

    /** A socket listed across namespaces ends with where it was listed and what runs it, after its owners. */
    @Test
    void namespaceContainerPodAndUnitAreWrittenWhenKnown() throws IOException {
        InetSocketEntry s = listenerIn(BLUE, V.container("containerd", WEB_ID, "web"),
                V.pod("shop", "web-7d9f", "5a1e3b2c-0d4f-4e6a-8b9c-1d2e3f4a5b6c"),
                "cri-containerd-" + WEB_ID + ".scope");
        String withoutTail = LISTENER.substring(0, LISTENER.length() - NO_NAMESPACE.length() - 1);
        assertEquals(withoutTail + ",\"netns\":{\"inode\":4026532301,\"name\":\"blue\",\"pids_sample\":[812,4100]},"
                + "\"container\":{\"runtime\":\"containerd\",\"id\":\"" + WEB_ID + "\",\"name\":\"web\"},"
                + "\"pod\":{\"namespace\":\"shop\",\"name\":\"web-7d9f\","
                + "\"uid\":\"5a1e3b2c-0d4f-4e6a-8b9c-1d2e3f4a5b6c\"},"
                + "\"unit\":\"cri-containerd-" + WEB_ID + ".scope\"}\n", lines(s));
    }

    /** What is not known inside the four objects is null too (an empty array for the pids), never left out. */
    @Test
    void partlyKnownNamespaceAndWorkloadWriteTheirNulls() throws IOException {
        NetworkNamespace unnamed = V.networkNamespace(4026532302L, null, List.of());
        String json = lines(listenerIn(unnamed, V.container("docker", WEB_ID, null), V.pod(null, null, "5a1e"), null));
        assertTrue(json.endsWith(",\"netns\":{\"inode\":4026532302,\"name\":null,\"pids_sample\":[]},"
                + "\"container\":{\"runtime\":\"docker\",\"id\":\"" + WEB_ID + "\",\"name\":null},"
                + "\"pod\":{\"namespace\":null,\"name\":null,\"uid\":\"5a1e\"},\"unit\":null}\n"), json);
        String unitOnly = lines(listenerIn(BLUE, null, null, "nginx.service"));
        assertTrue(unitOnly.endsWith(",\"container\":null,\"pod\":null,\"unit\":\"nginx.service\"}\n"), unitOnly);
    }

    /** Every kind writes the four, after its owners, in a document as on a line. */
    @Test
    void everyKindWritesTheFourInTheDocumentToo() throws IOException {
        Owners none = V.owners(OwnerStatus.NOT_REQUESTED, List.of());
        Container c = V.container("podman", WEB_ID, "db");
        List<SocketEntry> entries = List.of(listenerIn(BLUE, c, null, "db.service"),
                V.unix(Protocol.UNIX_STREAM, SocketState.LISTEN, 0, 5, "/run/db.sock", false, 30, 0, null, 0,
                        Shutdown.NONE, List.of(), null, none, BLUE, c, null, "db.service"),
                V.packet(Protocol.PACKET_RAW, SocketState.UNCONNECTED, 0, 0, 3, null, 51, 0, null, none, BLUE, c,
                        null, "db.service"),
                V.netlink(Protocol.NETLINK, SocketState.UNCONNECTED, 0, 0, 0, "rtnl", 900, 0, false, 0, 0, 61, none,
                        BLUE, c, null, "db.service"));
        String tail = "},\"netns\":{\"inode\":4026532301,\"name\":\"blue\",\"pids_sample\":[812,4100]},"
                + "\"container\":{\"runtime\":\"podman\",\"id\":\"" + WEB_ID + "\",\"name\":\"db\"},"
                + "\"pod\":null,\"unit\":\"db.service\"}";
        String document = document(entries.toArray(SocketEntry[]::new));
        String lines = lines(entries.toArray(SocketEntry[]::new));
        assertEquals(4, lines.lines().filter(l -> l.endsWith(tail)).count(), lines);
        assertEquals(4, document.split(java.util.regex.Pattern.quote(tail), -1).length - 1, document);
    }

    @Test
    void shutdownIsNullWhenTheKernelDidNotSay() throws IOException {
        InetSocketEntry tw = V.inet(Protocol.TCP, Family.INET, SocketState.TIME_WAIT, 0, 0,
                V.endpoint("127.0.0.1", 40000, null, false, false), V.endpoint("127.0.0.1", 80, null, false, false),
                null, 0, 0, "9", V.timer("timewait", 59000, 0), null, 0, 0, null, null, null, null, null, null,
                V.owners(OwnerStatus.KERNEL, List.of()), null, null, null, null, null);
        String json = lines(tw);
        assertTrue(json.contains(",\"shutdown\":null,"), json);
        assertTrue(json.contains("\"owners\":{\"status\":\"kernel\",\"processes\":[]}"), json);
    }

    /**
     * Every tcp_info field under its kernel name (without {@code tcpi_}) in the kernel's order, each with a value
     * of its own so that two swapped fields show; the 32-bit ones widened unsigned (all ones is 4294967295) and
     * the 64-bit counters unsigned: all ones is 18446744073709551615 ({@code tcpi_max_pacing_rate} of a socket
     * without SO_MAX_PACING_RATE), never -1.
     */
    @Test
    void tcpInfoFieldsByKernelNameAndUnsigned() throws ReflectiveOperationException, IOException {
        RecordComponent[] components = io.sockscope.model.TcpInfo.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        StringJoiner expected = new StringJoiner(",", "\"tcp_info\":{", "}");
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String name = snakeCase(c.getName());
            types[i] = c.getType();
            if (types[i] == boolean.class) {
                values[i] = true;
                expected.add("\"" + name + "\":true");
            } else if (name.equals("snd_wnd")) {
                values[i] = -1;
                expected.add("\"" + name + "\":4294967295");
            } else if (types[i] == int.class) {
                values[i] = i + 1;
                expected.add("\"" + name + "\":" + (i + 1));
            } else if (name.equals("max_pacing_rate")) {
                values[i] = -1L;
                expected.add("\"" + name + "\":18446744073709551615");
            } else if (name.equals("pacing_rate")) {
                values[i] = Long.MIN_VALUE;
                expected.add("\"" + name + "\":9223372036854775808");
            } else {
                values[i] = 1000L + i;
                expected.add("\"" + name + "\":" + (1000 + i));
            }
        }
        TcpInfo info = V.tcpInfo(io.sockscope.model.TcpInfo.class.getDeclaredConstructor(types).newInstance(values));
        InetSocketEntry s = V.inet(Protocol.TCP, Family.INET, SocketState.ESTABLISHED, 0, 0,
                V.endpoint("10.0.0.1", 22, null, false, false), V.endpoint("10.0.0.2", 50000, null, false, false),
                null, 1, 0, "2", null, Shutdown.NONE, 0, 0, null, null, null, "bbr", info, null, NOT_REQUESTED,
                null, null, null, null, null);
        String json = lines(s);
        assertTrue(json.contains(",\"congestion\":\"bbr\"," + expected + ",\"skmem\":null,\"inet_sockopt\":null,"),
                "expected " + expected + "\nin " + json);
    }

    private static String snakeCase(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }

    private static final String UNIX_LISTENER = "{\"netid\":\"u_str\",\"state\":\"LISTEN\",\"recv_q\":2,\"send_q\":128,"
            + "\"family\":\"unix\",\"path\":\"/run/app.sock\",\"path_bytes\":null,\"abstract\":false,\"peer_inode\":0,"
            + "\"peer_path\":null,\"peer_path_bytes\":null,"
            + "\"uid\":null,\"shutdown\":\"none\",\"pending_peers\":[4294967295,31],\"skmem\":null,\"inode\":30,"
            + "\"owners\":{\"status\":\"not-permitted\",\"processes\":[]}" + NO_NAMESPACE + "}";

    private static UnixSocketEntry unixListener() {
        return V.unix(Protocol.UNIX_STREAM, SocketState.LISTEN, 2, 128, "/run/app.sock", false, 30, 0,
                null, -1, Shutdown.NONE, List.of(4294967295L, 31L), null,
                V.owners(OwnerStatus.NOT_PERMITTED, List.of()), null, null, null, null);
    }

    @Test
    void unixNamesThatAreNotUtf8KeepTheirBytes() throws IOException {
        // Two names that differ only in a byte that is not UTF-8: the text alike (U+FFFD), the bytes apart.
        for (int b : new int[] {0xff, 0xfe}) {
            byte[] name = {'/', 'r', 'u', 'n', '/', (byte) b};
            String escaped = io.sockscope.model.ProcessName.of(name, 0, name.length).escapedText();
            UnixSocketEntry s = V.unix(Protocol.UNIX_STREAM, SocketState.ESTABLISHED, 0, 0, escaped, false, 50, 51,
                    escaped, 0, Shutdown.NONE, List.of(), null, NOT_REQUESTED, null, null, null, null);
            String base64 = java.util.Base64.getEncoder().encodeToString(name);
            String json = lines(s);
            assertTrue(json.contains("\"path\":\"/run/\uFFFD\",\"path_bytes\":\"" + base64 + "\","), json);
            assertTrue(json.contains("\"peer_path\":\"/run/\uFFFD\",\"peer_path_bytes\":\"" + base64 + "\","), json);
            assertArrayEquals(name, s.pathBytes());
        }
    }

    @Test
    void unixNullsAndPendingPeers() throws IOException {
        assertEquals(UNIX_LISTENER + "\n", lines(unixListener()));
        UnixSocketEntry unnamed = V.unix(Protocol.UNIX_DGRAM, SocketState.UNCONNECTED, 0, 0, null, false,
                41, 0, null, 1000, null, List.of(), null, NOT_REQUESTED, null, null, null, null);
        assertEquals("{\"netid\":\"u_dgr\",\"state\":\"UNCONN\",\"recv_q\":0,\"send_q\":0,\"family\":\"unix\","
                + "\"path\":null,\"path_bytes\":null,\"abstract\":false,\"peer_inode\":0,\"peer_path\":null,"
                + "\"peer_path_bytes\":null,\"uid\":1000,\"shutdown\":null,"
                + "\"pending_peers\":[],\"skmem\":null,\"inode\":41,"
                + "\"owners\":{\"status\":\"not-requested\",\"processes\":[]}" + NO_NAMESPACE + "}\n", lines(unnamed));
        UnixSocketEntry abstractName = V.unix(Protocol.UNIX_SEQPACKET, SocketState.ESTABLISHED, 0, 0,
                "app\u0000x", true, 42, 43, null, 0, Shutdown.BOTH, List.of(), null, NOT_REQUESTED, null, null, null,
                null);
        String json = lines(abstractName);
        assertTrue(json.contains("\"path\":\"app\\u0000x\",\"path_bytes\":null,\"abstract\":true,\"peer_inode\":43,"),
                json);
        assertTrue(json.contains("\"shutdown\":\"both\""), json);
    }

    @Test
    void packetSocket() throws IOException {
        PacketSocketEntry s = V.packet(Protocol.PACKET_RAW, SocketState.UNCONNECTED, 5006, 0, 3, null,
                51, 0, null, V.owners(OwnerStatus.OTHER_NAMESPACE, List.of()), null, null, null, null);
        assertEquals("{\"netid\":\"p_raw\",\"state\":\"UNCONN\",\"recv_q\":5006,\"send_q\":0,\"family\":\"packet\","
                + "\"ether_type\":3,\"interface\":null,\"uid\":0,\"cookie\":null,\"inode\":51,"
                + "\"owners\":{\"status\":\"other-namespace\",\"processes\":[]}" + NO_NAMESPACE + "}\n", lines(s));
    }

    @Test
    void netlinkSocketWithTwoOwners() throws IOException {
        NetlinkSocketEntry s = V.netlink(Protocol.NETLINK, SocketState.UNCONNECTED, 0, 0, 0, "rtnl",
                3118851470L, 0x11, true, 4294967295L, 4294967295L, 61, V.owners(OwnerStatus.KNOWN,
                List.of(V.processOwner(20, 21, "b", 4), V.processOwner(10, 10, "a \"q\"", 3))), null, null, null, null);
        assertEquals("{\"netid\":\"nl\",\"state\":\"UNCONN\",\"recv_q\":0,\"send_q\":0,\"family\":\"netlink\","
                + "\"netlink_protocol\":0,\"protocol_name\":\"rtnl\",\"port_id\":3118851470,\"groups\":17,"
                + "\"connected\":true,\"peer_port_id\":4294967295,\"peer_group\":4294967295,\"inode\":61,"
                + "\"owners\":{\"status\":\"known\",\"processes\":[{\"pid\":20,\"tid\":21,\"command\":\"b\","
                + "\"command_bytes\":null,\"fd\":4},"
                + "{\"pid\":10,\"tid\":10,\"command\":\"a \\\"q\\\"\",\"command_bytes\":null,\"fd\":3}]}"
                + NO_NAMESPACE + "}\n", lines(s));
    }

    @Test
    void aNameThatIsNotUtf8IsValidJsonTextWithItsBytesBeside() throws IOException {
        byte[] fd = {(byte) 0xfd, 'm', 'l'};
        byte[] fe = {(byte) 0xfe, 'm', 'l'};
        String one = ownersOf(fd);
        String other = ownersOf(fe);
        assertEquals("{\"status\":\"known\",\"processes\":[{\"pid\":9,\"tid\":9,\"command\":\"\uFFFDml\","
                + "\"command_bytes\":\"/W1s\",\"fd\":3}]}", one);
        assertTrue(other.contains("\"command\":\"\uFFFDml\",\"command_bytes\":\"/m1s\""), other);
        // UTF-8 that is valid, control bytes included, is the text itself, escaped as JSON escapes it.
        assertTrue(ownersOf("\u00fcml\u001b[2J".getBytes(StandardCharsets.UTF_8))
                .contains("\"command\":\"\u00fcml\\u001B[2J\",\"command_bytes\":null"));
    }

    /** The {@code owners} member of a listener held by pid 9 whose name is {@code name}. */
    private static String ownersOf(byte[] name) throws IOException {
        String command = ProcessName.of(name, 0, name.length).escapedText();
        PacketSocketEntry s = V.packet(Protocol.PACKET_RAW, SocketState.UNCONNECTED, 0, 0, 3, null,
                51, 0, null, V.owners(OwnerStatus.KNOWN, List.of(V.processOwner(9, 9, command, 3))), null, null,
                null, null);
        String line = lines(s);
        return line.substring(line.indexOf("\"owners\":") + "\"owners\":".length(), line.indexOf(",\"netns\":"));
    }

    /** A bad format or an argument to --json is a usage error: exit 255, nothing on stdout, one line on stderr. */
    @ParameterizedTest
    @ValueSource(strings = {"--output=xml", "--json=1", "--ndjson=yes", "--output="})
    void badOutputOptionIsOneLineAndExit255(String option) throws IOException, InterruptedException {
        CommandRun run = CommandRun.run(CommandRun.sockscope(option, "-tln"), Map.of(), 60);
        assertEquals(255, run.exitCode(), run.stderrText());
        assertEquals("", run.stdoutText());
        List<String> lines = new ArrayList<>(run.stderrText().lines().toList());
        assertEquals(1, lines.size(), "one line on stderr:\n" + run.stderrText());
        assertTrue(lines.get(0).startsWith("sockscope: "), lines.get(0));
        assertFalse(run.stderrText().contains("Exception") || run.stderrText().contains("\tat "),
                "no stack trace:\n" + run.stderrText());
    }
}
