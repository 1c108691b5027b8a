package io.sockscope.cli;

import io.sockscope.cli.json.DoctorJson;
import io.sockscope.cli.json.HostFacts;
import io.sockscope.diagnose.Audit;
import io.sockscope.diagnose.AuditQuery;
import io.sockscope.diagnose.Diagnosis;
import io.sockscope.diagnose.Evidence;
import io.sockscope.diagnose.Finding;
import io.sockscope.diagnose.FindingCode;
import io.sockscope.diagnose.ListenerAudit;
import io.sockscope.diagnose.Severity;
import io.sockscope.diagnose.SocketSighting;
import io.sockscope.diagnose.Transport;
import io.sockscope.inspect.EntryNames;
import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonValue;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import io.sockscope.render.NameLookups;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code doctor --all}'s two output forms for an audit built by hand. */
class DoctorAuditReportTest {
    private static final DoctorEvidenceText EVIDENCE = new DoctorEvidenceText(
            new NameLookups(null, null, null, null, index -> "if" + index));
    private static final Owner NGINX = new Owner("nginx", 90, 90, 6);
    private static final Owner APP = new Owner("app", 4242, 4242, 3);

    private static InetSocket listener(byte[] address, int port, long inode) {
        byte[] any = new byte[address.length];
        return new InetSocket(SocketTable.TCP, address.length == 4 ? 2 : 10, TcpState.LISTEN.code(), 0, 128,
                new InetEndpoint(address, port), new InetEndpoint(any, 0), 0, inode, 0, 0, Timer.OFF, 0, -1, -1, 0, 0, -1,
                null, null);
    }

    private static Audit audit() {
        InetSocket web = listener(new byte[4], 80, 501);
        InetSocket web6 = listener(new byte[16], 80, 502);
        InetSocket app = listener(new byte[4], 8080, 503);
        SocketSighting appSighting = new SocketSighting(app, List.of(APP));
        Diagnosis ok = new Diagnosis("tcp port 80 for a remote IPv4 client",
                "tcp port 80 for a remote IPv4 client: OK — nginx (pid 90) listens on 0.0.0.0:80 and the firewall lets"
                        + " it through", Diagnosis.Status.OK, List.of(),
                List.of(new Evidence.Fact("firewall: no nftables chain on the input path")));
        Diagnosis blocked = new Diagnosis("tcp port 8080 for a remote IPv4 client",
                "tcp port 8080 for a remote IPv4 client: PROBLEM — the firewall drops tcp port 8080 for a remote IPv4"
                        + " client (clients time out)", Diagnosis.Status.PROBLEM,
                List.of(new Finding(FindingCode.FIREWALL_BLOCKED, Severity.ERROR, "the firewall drops tcp port 8080 for"
                        + " a remote IPv4 client (clients time out)", List.of(new Evidence.FirewallRule("inet", "filter",
                        "input", 3, "table inet filter chain input handle 3", "tcp dport 8080 drop")),
                        "Let it through.")),
                List.of(new Evidence.Sockets(List.of(appSighting))));
        return new Audit("tcp listeners for remote clients", "tcp listeners for remote clients: PROBLEM — 1 of 3"
                + " listeners has a problem (firewalled)", Diagnosis.Status.PROBLEM, List.of(
                new ListenerAudit(web.local(), null, "nginx (pid 90)", List.of(new SocketSighting(web, List.of(NGINX))),
                        "ok", ok),
                new ListenerAudit(web6.local(), null, "nginx (pid 90)",
                        List.of(new SocketSighting(web6, List.of(NGINX))), "ok", ok),
                new ListenerAudit(app.local(), null, "app (pid 4242)", List.of(appSighting), "firewalled", blocked)),
                null);
    }

    @Test
    void oneLinePerListenerThenTheDetailsOfTheProblems() {
        assertEquals("""
                tcp listeners for remote clients: PROBLEM — 1 of 3 listeners has a problem (firewalled)

                State    Verdict     Listener      Process
                OK       ok          0.0.0.0:80    nginx (pid 90)
                OK       ok          [::]:80       nginx (pid 90)
                PROBLEM  firewalled  0.0.0.0:8080  app (pid 4242)

                tcp port 8080 for a remote IPv4 client: PROBLEM — the firewall drops tcp port 8080 for a remote IPv4 client (clients time out)

                error FIREWALL_BLOCKED: the firewall drops tcp port 8080 for a remote IPv4 client (clients time out)
                  firewall: table inet filter chain input handle 3: tcp dport 8080 drop
                  fix: Let it through.
                """, DoctorAuditTextReport.render(audit(), EVIDENCE, TextStyle.PLAIN));
    }

    @Test
    void anUnreadableRulesetIsSaidOnceNotForEveryListener() {
        Audit a = audit();
        Diagnosis undecided = new Diagnosis("tcp port 80 for a remote IPv4 client", "tcp port 80 …: UNDECIDED — …",
                Diagnosis.Status.UNDECIDED, List.of(new Finding(FindingCode.FIREWALL_UNKNOWN, Severity.INFO,
                "the firewall ruleset could not be read", List.of(), null)), List.of());
        Audit unread = new Audit(a.subject(), "tcp listeners for remote clients: UNDECIDED — …", Diagnosis.Status.UNDECIDED,
                List.of(new ListenerAudit(a.listeners().getFirst().local(), null, "nginx (pid 90)",
                        a.listeners().getFirst().sockets(), "undecided", undecided)), "nft is not installed");
        String text = DoctorAuditTextReport.render(unread, EVIDENCE, new TextStyle(-1, false, true));
        assertEquals("""
                tcp listeners for remote clients: UNDECIDED - ...

                State      Verdict    Listener    Process
                UNDECIDED  undecided  0.0.0.0:80  nginx (pid 90)

                firewall: not examined, the ruleset could not be read (nft is not installed): run the doctor as root, or pass --no-firewall to leave the firewall out
                """, text);
    }

    @Test
    void jsonHasEveryListenerWithItsSocketsAndDiagnosis() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DoctorJson.writeAudit(out, new HostFacts("0.1.0", "db1", "6.1.0", 4026531840L, "web"), audit(),
                new AuditQuery(Transport.TCP, null, true), e -> EVIDENCE.lines(e, false), names(), 0);
        String json = out.toString(StandardCharsets.UTF_8);
        assertEquals(List.of(), DoctorSchema.repository().errors(json), json);
        JsonValue doc = JsonReader.read(json);
        assertEquals(List.of("schema_version", "tool", "host", "audit", "subject", "verdict", "status",
                "firewall_problem", "listeners"), List.copyOf(((JsonValue.JsonObject) doc).members().keySet()));
        assertEquals("problem", doc.member("status").flatMap(JsonValue::string).orElseThrow());
        List<JsonValue> listeners = doc.member("listeners").orElseThrow().elements();
        assertEquals(List.of("0.0.0.0:80 ok", "[::]:80 ok", "0.0.0.0:8080 firewalled"), listeners.stream()
                .map(l -> l.member("listener").flatMap(JsonValue::string).orElseThrow() + " "
                        + l.member("label").flatMap(JsonValue::string).orElseThrow()).toList());
        JsonValue app = listeners.get(2);
        assertEquals("::", listeners.get(1).member("address").flatMap(JsonValue::string).orElseThrow());
        assertEquals(8080L, app.member("port").flatMap(JsonValue::integer).orElseThrow());
        assertEquals("app", app.member("sockets").orElseThrow().elements().getFirst().member("owners")
                .flatMap(o -> o.member("processes")).orElseThrow().elements().getFirst().member("command")
                .flatMap(JsonValue::string).orElseThrow());
        JsonValue diagnosis = app.member("diagnosis").orElseThrow();
        assertEquals("FIREWALL_BLOCKED", diagnosis.member("findings").orElseThrow().elements().getFirst()
                .member("code").flatMap(JsonValue::string).orElseThrow());
        // The schema tells an audit from a diagnosis.
        assertTrue(!DoctorSchema.repository().errors(json.replace("\"listeners\"", "\"listening\"")).isEmpty());
    }

    private static EntryNames names() {
        return new EntryNames() {
            @Override
            public String interfaceName(int ifindex) {
                return null;
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
    }
}
