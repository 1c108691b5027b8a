package io.sockscope.cli;

import io.sockscope.cli.json.DoctorJson;
import io.sockscope.cli.json.HostFacts;
import io.sockscope.diagnose.Diagnosis;
import io.sockscope.diagnose.Evidence;
import io.sockscope.diagnose.Finding;
import io.sockscope.diagnose.FindingCode;
import io.sockscope.diagnose.Severity;
import io.sockscope.diagnose.SocketSighting;
import io.sockscope.inspect.EntryNames;
import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonValue;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.Netns;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import io.sockscope.model.Workload;
import io.sockscope.render.NameLookups;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The doctor's two output forms for one diagnosis built by hand. */
class DoctorReportTest {
    private static final DoctorEvidenceText EVIDENCE = new DoctorEvidenceText(
            new NameLookups(null, null, null, null, index -> "if" + index));
    private static final HostFacts HOST = new HostFacts("0.1.0", "db1", "6.1.0", 4026531840L, null);
    private static final EntryNames NAMES = new EntryNames() {
        @Override
        public String interfaceName(int ifindex) {
            return ifindex == 0 ? null : "if" + ifindex;
        }

        @Override
        public String cgroupPath(long id) {
            return null;
        }

        @Override
        public String netlinkProtocol(int protocol) {
            return null;
        }
    };

    private static Diagnosis diagnosis(String summary) {
        InetSocket listener = new InetSocket(SocketTable.TCP, 2, TcpState.LISTEN.code(), 0, 128,
                new InetEndpoint(new byte[] {127, 0, 0, 1}, 5432), new InetEndpoint(new byte[4], 0), 0, 777, 0, 0, Timer.OFF, 0, -1, -1, 0, 0, -1, null, null);
        Finding loopback = new Finding(FindingCode.LOOPBACK_ONLY, Severity.ERROR, summary,
                List.of(new Evidence.Sockets(List.of(new SocketSighting(listener,
                                List.of(new Owner("postgres", 700, 700, 5))))),
                        new Evidence.Fact("the client is remote"),
                        new Evidence.FirewallRule("inet", "filter", "input", 4, "table inet filter chain input handle 4",
                                "tcp dport 5432 accept")),
                "Make postgres listen on \"*\".");
        Finding info = new Finding(FindingCode.TIME_WAIT_NORMAL, Severity.INFO, "many TIME-WAIT", List.of(), null);
        return new Diagnosis("tcp port 5432 for a remote IPv4 client",
                "tcp port 5432 for a remote IPv4 client: PROBLEM — " + summary,
                Diagnosis.Status.PROBLEM, List.of(loopback, info), List.of(
                        new Evidence.FirewallRule("ip", "filter", "input", -1,
                                "table ip filter chain input (hook input priority 0 policy accept)", "policy accept"),
                        new Evidence.Fact("firewall: no nftables chain on the input path")));
    }

    private static Diagnosis diagnosis() {
        return diagnosis("postgres (pid 700) listens on 127.0.0.1:5432 only");
    }

    private static String json(Diagnosis d) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DoctorJson.write(out, HOST, d, e -> EVIDENCE.lines(e, false), NAMES, 0);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textPutsTheVerdictFirstThenFindingsEvidenceAndFix() {
        assertEquals("""
                tcp port 5432 for a remote IPv4 client: PROBLEM — postgres (pid 700) listens on 127.0.0.1:5432 only

                error LOOPBACK_ONLY: postgres (pid 700) listens on 127.0.0.1:5432 only
                  Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess
                  tcp   LISTEN 0      128        127.0.0.1:5432      0.0.0.0:*    users:(("postgres",pid=700,fd=5))
                  the client is remote
                  firewall: table inet filter chain input handle 4: tcp dport 5432 accept
                  fix: Make postgres listen on "*".

                info TIME_WAIT_NORMAL: many TIME-WAIT

                looked at:
                  firewall: table ip filter chain input (hook input priority 0 policy accept): policy accept
                  firewall: no nftables chain on the input path
                """, DoctorTextReport.render(diagnosis(), EVIDENCE));
    }

    @Test
    void onATerminalSentencesWrapAtWordsAndTheVerdictAndSeveritiesAreColoured() {
        String text = DoctorTextReport.render(diagnosis(), EVIDENCE, new TextStyle(48, true, false));
        assertEquals("""
                tcp port 5432 for a remote IPv4 client:
                    \u001b[1;31mPROBLEM\u001b[0m — postgres (pid 700) listens on
                    127.0.0.1:5432 only

                \u001b[31merror\u001b[0m LOOPBACK_ONLY: postgres (pid 700) listens
                    on 127.0.0.1:5432 only
                  Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess
                  tcp   LISTEN 0      128        127.0.0.1:5432      0.0.0.0:*    users:(("postgres",pid=700,fd=5))
                  the client is remote
                  firewall: table inet filter chain input handle
                      4: tcp dport 5432 accept
                  fix: Make postgres listen on "*".

                \u001b[36minfo\u001b[0m TIME_WAIT_NORMAL: many TIME-WAIT

                looked at:
                  firewall: table ip filter chain input (hook
                      input priority 0 policy accept): policy
                      accept
                  firewall: no nftables chain on the input path
                """, text);
    }

    @Test
    void underTheCLocalePunctuationIsAscii() {
        String text = DoctorTextReport.render(diagnosis("app (pids 1, 2, …) → here"), EVIDENCE,
                new TextStyle(-1, false, true));
        assertTrue(text.startsWith("tcp port 5432 for a remote IPv4 client: PROBLEM - app (pids 1, 2, ...) -> here\n"),
                text);
        assertTrue(text.chars().allMatch(c -> c < 0x80), text);
    }

    @Test
    void jsonKeepsEveryMemberItHadAndAddsTheVersionAndStructuredEvidence() throws Exception {
        String json = json(diagnosis());
        assertEquals(List.of(), DoctorSchema.repository().errors(json), json);
        // The schema would notice: an unknown kind of evidence, a member gone.
        assertTrue(!DoctorSchema.repository().errors(json.replace("\"kind\": \"fact\"", "\"kind\": \"hint\"")).isEmpty());
        assertTrue(!DoctorSchema.repository().errors(json.replace("\"looked_at\"", "\"seen\"")).isEmpty());
        JsonValue.JsonObject doc = (JsonValue.JsonObject) JsonReader.read(json);
        assertEquals(List.of("schema_version", "tool", "host", "target", "verdict", "status", "findings", "looked_at"),
                List.copyOf(doc.members().keySet()));
        assertEquals(1L, doc.members().get("schema_version").integer().orElseThrow());
        assertEquals("sockscope 0.1.0", doc.members().get("tool").string().orElseThrow());
        assertEquals("problem", doc.members().get("status").string().orElseThrow());
        JsonValue.JsonObject first = (JsonValue.JsonObject) doc.members().get("findings").elements().getFirst();
        assertEquals(List.of("code", "severity", "summary", "evidence", "fix", "evidence_items"),
                List.copyOf(first.members().keySet()));
        assertEquals("LOOPBACK_ONLY", first.members().get("code").string().orElseThrow());
        assertEquals("error", first.members().get("severity").string().orElseThrow());
        assertEquals(List.of(
                // Rows without the header line are as wide as their own fields need.
                "tcp LISTEN 0      128    127.0.0.1:5432 0.0.0.0:* users:((\"postgres\",pid=700,fd=5))",
                "the client is remote",
                "firewall: table inet filter chain input handle 4: tcp dport 5432 accept"),
                first.members().get("evidence").elements().stream().map(e -> e.string().orElseThrow()).toList());
        assertEquals("Make postgres listen on \"*\".", first.members().get("fix").string().orElseThrow());
        JsonValue second = doc.members().get("findings").elements().get(1);
        assertEquals(JsonValue.JsonNull.INSTANCE, second.member("fix").orElseThrow());
        assertEquals("info", second.member("severity").flatMap(JsonValue::string).orElseThrow());

        List<JsonValue> items = first.members().get("evidence_items").elements();
        assertEquals(List.of("sockets", "fact", "firewall_rule"),
                items.stream().map(i -> i.member("kind").flatMap(JsonValue::string).orElseThrow()).toList());
        // The listing's socket object, owners included.
        JsonValue socket = items.getFirst().member("sockets").orElseThrow().elements().getFirst();
        assertEquals("LISTEN", socket.member("state").flatMap(JsonValue::string).orElseThrow());
        assertEquals("127.0.0.1", socket.member("local").flatMap(l -> l.member("address")).flatMap(JsonValue::string)
                .orElseThrow());
        JsonValue owners = socket.member("owners").orElseThrow();
        assertEquals("known", owners.member("status").flatMap(JsonValue::string).orElseThrow());
        assertEquals("postgres", owners.member("processes").orElseThrow().elements().getFirst().member("command")
                .flatMap(JsonValue::string).orElseThrow());
        JsonValue rule = items.get(2);
        assertEquals("inet", rule.member("family").flatMap(JsonValue::string).orElseThrow());
        assertEquals("filter", rule.member("table").flatMap(JsonValue::string).orElseThrow());
        assertEquals("input", rule.member("chain").flatMap(JsonValue::string).orElseThrow());
        assertEquals(4L, rule.member("handle").flatMap(JsonValue::integer).orElseThrow());
        assertEquals("tcp dport 5432 accept", rule.member("text").flatMap(JsonValue::string).orElseThrow());
        // A chain's policy has no handle.
        JsonValue policy = doc.members().get("looked_at").elements().getFirst();
        assertEquals(JsonValue.JsonNull.INSTANCE, policy.member("handle").orElseThrow());
        assertEquals("policy accept", policy.member("text").flatMap(JsonValue::string).orElseThrow());
    }

    /** A finding whose evidence is a listener of a container's namespace, bound to one of its devices. */
    private static Diagnosis inAnotherNamespace() {
        InetSocket listener = new InetSocket(SocketTable.TCP, 2, TcpState.LISTEN.code(), 0, 128,
                new InetEndpoint(new byte[] {127, 0, 0, 1}, 8080), new InetEndpoint(new byte[4], 0), 2, 991, 0, 0,
                Timer.OFF, 0, -1, -1, 0, 0, -1, null, null);
        Workload container = new Workload(new Workload.Container("docker", "3f2a1b2c3d4e" + "0".repeat(52), "web"),
                null, null);
        Finding f = new Finding(FindingCode.LISTENING_IN_OTHER_NETNS, Severity.ERROR, "nothing listens here",
                List.of(new Evidence.NamespaceSockets(new Netns(4026532900L, null, List.of(812)), container,
                        Map.of(1, "lo", 2, "eth0"), List.of(new SocketSighting(listener,
                        List.of(new Owner("python3", 812, 812, 3)))))), "Make it listen on 0.0.0.0.");
        return new Diagnosis("tcp port 8080 for a remote IPv4 client", "tcp port 8080 …: PROBLEM — nothing listens here",
                Diagnosis.Status.PROBLEM, List.of(f), List.of());
    }

    @Test
    void socketsOfAnotherNamespaceComeUnderALineNamingItWithItsOwnInterfaceNames() throws Exception {
        assertEquals("""
                tcp port 8080 …: PROBLEM — nothing listens here

                error LISTENING_IN_OTHER_NETNS: nothing listens here
                  in network namespace pid:812 (container web, docker 3f2a1b2c3d4e):
                  Netid State  Recv-Q Send-Q  Local Address:Port Peer Address:PortProcess
                  tcp   LISTEN 0      128    127.0.0.1%eth0:8080      0.0.0.0:*    users:(("python3",pid=812,fd=3))
                  fix: Make it listen on 0.0.0.0.
                """, DoctorTextReport.render(inAnotherNamespace(), EVIDENCE));
        String json = json(inAnotherNamespace());
        assertEquals(List.of(), DoctorSchema.repository().errors(json), json);
        JsonValue item = JsonReader.read(json).member("findings").orElseThrow().elements().getFirst()
                .member("evidence_items").orElseThrow().elements().getFirst();
        assertEquals("netns_sockets", item.member("kind").flatMap(JsonValue::string).orElseThrow());
        assertEquals(4026532900L, item.member("netns").flatMap(n -> n.member("inode")).flatMap(JsonValue::integer)
                .orElseThrow());
        assertEquals(JsonValue.JsonNull.INSTANCE, item.member("netns").flatMap(n -> n.member("name")).orElseThrow());
        assertEquals(812L, item.member("netns").flatMap(n -> n.member("pids_sample")).orElseThrow().elements()
                .getFirst().integer().orElseThrow());
        assertEquals("web", item.member("container").flatMap(c -> c.member("name")).flatMap(JsonValue::string)
                .orElseThrow());
        assertEquals(JsonValue.JsonNull.INSTANCE, item.member("pod").orElseThrow());
        assertEquals(JsonValue.JsonNull.INSTANCE, item.member("unit").orElseThrow());
        JsonValue socket = item.member("sockets").orElseThrow().elements().getFirst();
        assertEquals("python3", socket.member("owners").flatMap(o -> o.member("processes")).orElseThrow().elements()
                .getFirst().member("command").flatMap(JsonValue::string).orElseThrow());
        // The socket object names its namespace, workload and interface as a listing across namespaces does.
        assertEquals(4026532900L, socket.member("netns").flatMap(n -> n.member("inode")).flatMap(JsonValue::integer)
                .orElseThrow());
        assertEquals("web", socket.member("container").flatMap(c -> c.member("name")).flatMap(JsonValue::string)
                .orElseThrow());
        assertEquals("eth0", socket.member("local").flatMap(l -> l.member("interface")).flatMap(JsonValue::string)
                .orElseThrow());
        assertEquals(List.of("in network namespace pid:812 (container web, docker 3f2a1b2c3d4e):",
                "tcp LISTEN 0      128    127.0.0.1%eth0:8080 0.0.0.0:* users:((\"python3\",pid=812,fd=3))"),
                JsonReader.read(json).member("findings").orElseThrow().elements().getFirst().member("evidence")
                        .orElseThrow().elements().stream().map(e -> e.string().orElseThrow()).toList());
    }

    @Test
    void jsonIsIndentedByTwoWithEmptyContainersClosed() throws Exception {
        Diagnosis ok = new Diagnosis("tcp port 80 for a remote IPv4 client", "tcp port 80 …: OK — nothing in the way",
                Diagnosis.Status.OK, List.of(), List.of());
        assertEquals("""
                {
                  "schema_version": 1,
                  "tool": "sockscope 0.1.0",
                  "host": {
                    "hostname": "db1",
                    "kernel": "6.1.0",
                    "network_namespace": {
                      "inode": 4026531840,
                      "name": null
                    }
                  },
                  "target": "tcp port 80 for a remote IPv4 client",
                  "verdict": "tcp port 80 …: OK — nothing in the way",
                  "status": "ok",
                  "findings": [],
                  "looked_at": []
                }
                """, json(ok));
    }

    @Test
    void anyStringComesBackAsItWent() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(20);
            for (int k = 0; k < n; k++) {
                b.append((char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000)));
            }
            String s = b.toString();
            String json = json(diagnosis(s));
            // Valid UTF-8 (no lone surrogate reaches the encoder) that reads back the same.
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            assertEquals(json, new String(utf8, StandardCharsets.UTF_8));
            JsonValue doc = JsonReader.read(json);
            assertEquals(s, doc.member("findings").orElseThrow().elements().getFirst().member("summary")
                    .flatMap(JsonValue::string).orElseThrow(), "for " + s.chars().boxed().toList());
            assertTrue(doc.member("verdict").flatMap(JsonValue::string).orElseThrow().endsWith(s));
        }
    }
}
