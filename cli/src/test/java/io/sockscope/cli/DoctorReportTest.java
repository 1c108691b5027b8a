package io.sockscope.cli;

import io.sockscope.diagnose.Diagnosis;
import io.sockscope.diagnose.Evidence;
import io.sockscope.diagnose.Finding;
import io.sockscope.diagnose.FindingCode;
import io.sockscope.diagnose.Severity;
import io.sockscope.diagnose.SocketSighting;
import io.sockscope.diagnose.json.JsonReader;
import io.sockscope.diagnose.json.JsonValue;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.render.NameLookups;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The doctor's two output forms for one diagnosis built by hand. */
class DoctorReportTest {
    private static final DoctorEvidenceText EVIDENCE = new DoctorEvidenceText(
            new NameLookups(null, null, null, null, index -> "if" + index));

    private static Diagnosis diagnosis() {
        InetSocket listener = new InetSocket(SocketTable.TCP, 2, TcpState.LISTEN.code(), 0, 128,
                new InetEndpoint(new byte[] {127, 0, 0, 1}, 5432), new InetEndpoint(new byte[4], 0), 0, 777, 0, 0, 0,
                0, 0, -1, -1, 0, 0, -1, null, null);
        Finding loopback = new Finding(FindingCode.LOOPBACK_ONLY, Severity.ERROR,
                "postgres (pid 700) listens on 127.0.0.1:5432 only",
                List.of(new Evidence.Sockets(List.of(new SocketSighting(listener,
                                List.of(new Owner("postgres", 700, 700, 5))))),
                        new Evidence.Fact("the client is remote"),
                        new Evidence.FirewallRule("table inet filter chain input handle 4", "tcp dport 5432 accept")),
                "Make postgres listen on \"*\".");
        Finding info = new Finding(FindingCode.TIME_WAIT_NORMAL, Severity.INFO, "many TIME-WAIT", List.of(), null);
        return new Diagnosis("tcp port 5432 for a remote IPv4 client",
                "tcp port 5432 for a remote IPv4 client: PROBLEM — postgres (pid 700) listens on 127.0.0.1:5432 only",
                Diagnosis.Status.PROBLEM, List.of(loopback, info), List.of(new Evidence.Fact("firewall: no nftables chain on the input path")));
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
                  firewall: no nftables chain on the input path
                """, DoctorTextReport.render(diagnosis(), EVIDENCE));
    }

    @Test
    void jsonHasExactlyTheDocumentedShape() throws Exception {
        String json = DoctorJsonReport.render(diagnosis(), EVIDENCE);
        JsonValue.JsonObject doc = (JsonValue.JsonObject) JsonReader.read(json);
        assertEquals(List.of("target", "verdict", "status", "findings"), List.copyOf(doc.members().keySet()));
        assertEquals("problem", doc.members().get("status").string().orElseThrow());
        JsonValue.JsonObject first = (JsonValue.JsonObject) doc.members().get("findings").elements().getFirst();
        assertEquals(List.of("code", "severity", "summary", "evidence", "fix"), List.copyOf(first.members().keySet()));
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
    }
}
