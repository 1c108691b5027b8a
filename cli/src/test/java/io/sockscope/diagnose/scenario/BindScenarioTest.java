package io.sockscope.diagnose.scenario;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.sockscope.diagnose.scenario.DoctorNetwork.CLIENT_V4;
import static io.sockscope.diagnose.scenario.DoctorNetwork.SERVER_V4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Why would this bind fail?" on real sockets: each scenario is checked against an actual bind(2) in the same
 * namespace (as the same user), so the doctor's verdict is compared with what the kernel does.
 */
class BindScenarioTest {
    private static final String NOBODY = "65534:65534";

    private DoctorNetwork net;

    @BeforeEach
    void setUp() throws IOException, InterruptedException {
        ScenarioSupport.assumeScenarioHost();
        net = DoctorNetwork.create();
    }

    @AfterEach
    void tearDown() throws IOException, InterruptedException {
        if (net != null) {
            net.close();
            assertEquals(List.of(), net.remainingNamespaces(), "namespaces left behind");
        }
    }

    private static void assertFindings(DoctorResult r, int exit, String... codes) {
        assertEquals(List.of(codes), r.codes(), r.describe());
        assertEquals(exit, r.exitCode(), r.describe());
    }

    private static void assertContains(String haystack, String... needles) {
        for (String n : needles) {
            assertTrue(haystack.contains(n), "expected «" + n + "» in:\n" + haystack);
        }
    }

    @Test
    void freePortBindsFine() throws Exception {
        assertEquals("bound", net.serverAs(null, "bind", "0.0.0.0", "8080"));
        DoctorResult r = net.doctor("bind", "8080", "--json");
        assertFindings(r, 0);
        assertContains(DoctorResult.text(r.json(), "verdict"), "bind tcp port 8080 as root: OK — nothing holds the port");
    }

    @Test
    void privilegedPortForAnUnprivilegedUser() throws Exception {
        assertEquals("error:EACCES", net.serverAs(NOBODY, "bind", "0.0.0.0", "80"));
        DoctorResult r = net.doctor("bind", "80", "--user", "nobody", "--json");
        assertFindings(r, 1, "PRIVILEGED_PORT");
        assertContains(r.allText("PRIVILEGED_PORT"), "nobody cannot bind port 80", "ip_unprivileged_port_start = 1024",
                "CAP_NET_BIND_SERVICE");
        // The doctor's own user is judged with its own capabilities: as root the bind works.
        assertEquals("bound", net.serverAs(null, "bind", "0.0.0.0", "80"));
        assertFindings(net.doctor("bind", "80", "--json"), 0);
        // Lowering the sysctl changes the kernel's answer and the doctor's.
        net.sysctl("net.ipv4.ip_unprivileged_port_start", "80");
        assertEquals("bound", net.serverAs(NOBODY, "bind", "0.0.0.0", "80"));
        assertFindings(net.doctor("bind", "80", "--user", "nobody", "--json"), 0);
        net.sysctl("net.ipv4.ip_unprivileged_port_start", "1024");
        ScenarioSupport.saveExample(net, "privileged-port", "bind", "80", "--user", "nobody");
    }

    @Test
    void addressInUseByAListener() throws Exception {
        net.startServer("listen", "0.0.0.0", "8080", "--name", "nginx");
        assertEquals("error:EADDRINUSE", net.serverAs(null, "bind", "0.0.0.0", "8080", "--reuseaddr"));
        DoctorResult r = net.doctor("bind", "8080", "--json");
        assertFindings(r, 1, "ADDRESS_IN_USE");
        assertContains(r.allText("ADDRESS_IN_USE"), "nginx (pid ", "already listens on 0.0.0.0:8080", "EADDRINUSE");
        // Another address of another family does not clash with an IPv4 listener... unless it is [::] dual-stack.
        assertEquals("bound", net.serverAs(null, "bind", "127.0.0.2", "8081"));
        assertFindings(net.doctor("bind", "127.0.0.2:8081", "--json"), 0);
        ScenarioSupport.saveExample(net, "address-in-use", "bind", "8080");
    }

    @Test
    void onlyTimeWaitHoldsThePort() throws Exception {
        Process server = net.startServer("listen", "0.0.0.0", "8080");
        net.startClient("connect", SERVER_V4, "8080", "3");
        server.destroyForcibly().waitFor();
        // The kernel: refused without SO_REUSEADDR, fine with it.
        assertEquals("error:EADDRINUSE", net.serverAs(null, "bind", "0.0.0.0", "8080"));
        assertEquals("bound", net.serverAs(null, "bind", "0.0.0.0", "8080", "--reuseaddr"));
        DoctorResult r = net.doctor("bind", "8080", "--json");
        assertFindings(r, 1, "ADDRESS_IN_USE");
        assertEquals("warning", DoctorResult.text(r.finding("ADDRESS_IN_USE"), "severity"));
        assertContains(r.allText("ADDRESS_IN_USE"), "only TIME-WAIT sockets hold tcp port 8080", "3 TIME-WAIT",
                "SO_REUSEADDR", CLIENT_V4);
        ScenarioSupport.saveExample(net, "address-in-use-time-wait", "bind", "8080");
    }
}
