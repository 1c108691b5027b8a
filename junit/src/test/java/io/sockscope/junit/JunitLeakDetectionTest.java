package io.sockscope.junit;

import io.sockscope.junit.fixtures.ChildServer;
import io.sockscope.junit.fixtures.ClassLevelTests;
import io.sockscope.junit.fixtures.LeakyTests;
import io.sockscope.junit.fixtures.LeftOpen;
import io.sockscope.junit.fixtures.WellBehavedTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extension run on deliberately leaky tests and on well-behaved ones, through the engine test kit: each leak fails
 * its test with the right classification, in ss's format, with the JSON report published; what closes passes.
 */
class JunitLeakDetectionTest {
    @AfterEach
    void closeWhatTheFixturesLeft() throws Exception {
        LeftOpen.closeAll();
    }

    @Test
    void anUnclosedServerSocketIsAListenerLeftOpen() {
        FixtureRuns.Outcome outcome = FixtureRuns.run(LeakyTests.class, "unclosedServerSocket");
        SocketLeakError error = assertInstanceOf(SocketLeakError.class, outcome.failure());
        int port = LeftOpen.last(ServerSocket.class).orElseThrow().getLocalPort();
        assertEquals(List.of(LeakKind.LISTENER), kinds(error));
        LeakedSocket leak = error.leaks().getFirst();
        assertEquals(port, leak.localPort());
        // Java's sockets are IPv6 ones unless java.net.preferIPv4Stack is set: 127.0.0.1 is then IPv4-mapped.
        assertTrue(leak.localAddress().equals("127.0.0.1") || leak.localAddress().equals("::ffff:127.0.0.1"),
                leak.localAddress());
        assertTrue(leak.holders().getFirst().isThisProcess(), leak.toString());
        String message = error.getMessage();
        assertTrue(message.startsWith("sockscope: LeakyTests > unclosedServerSocket() left 1 socket open (after a "
                + "linger of 200 ms):\n\n"), message);
        assertTrue(message.lines().anyMatch(l -> l.matches(
                "Netid State  Recv-Q Send-Q +Local Address:Port +Peer Address:Port Process +Leak +Test")), message);
        String row = message.lines().filter(l -> l.startsWith("tcp")).findFirst().orElseThrow();
        assertTrue(row.matches("tcp +LISTEN +0 +50 +(127\\.0\\.0\\.1|\\[::ffff:127\\.0\\.0\\.1]):" + port
                + " +(0\\.0\\.0\\.0|\\*):\\* +users:\\(\\(\""
                + "java\",pid=" + ProcessHandle.current().pid() + ",fd=\\d+\\)\\) +listener left open +LeakyTests > "
                + "unclosedServerSocket\\(\\)"), row);
        assertTrue(message.contains("\nlistener left open: a server socket nobody closed"), message);
        String json = outcome.json();
        assertTrue(json.contains("\"format\": \"sockscope-junit-leaks/1\""), json);
        assertTrue(json.contains("\"kind\": \"listener\""), json);
        assertTrue(json.contains("\"local\": {\"address\": \"" + leak.localAddress() + "\", \"port\": " + port + "}"),
                json);

        assertTrue(json.contains("\"failed\": true"), json);
    }

    @Test
    void anUnclosedClientChannelIsAClientConnection() {
        SocketLeakError error = leakOf("unclosedClientChannel");
        assertEquals(List.of(LeakKind.CLIENT_CONNECTION), kinds(error));
        assertEquals("ESTAB", error.leaks().getFirst().state().ssName());
        assertTrue(error.getMessage().contains("client connection left open"), error.getMessage());
    }

    @Test
    void aServerThatNeverClosesWhatItAcceptsLeavesCloseWait() {
        SocketLeakError error = leakOf("serverThatNeverClosesWhatItAccepts");
        assertEquals(List.of(LeakKind.CLOSE_WAIT), kinds(error), error.getMessage());
        assertTrue(error.getMessage().contains("tcp   CLOSE-WAIT"), error.getMessage());
        assertTrue(error.getMessage().contains("\nCLOSE-WAIT: peer closed, never closed here: a read saw the end of "
                + "the stream and nobody closed the socket"), error.getMessage());
    }

    @Test
    void aChildProcessLeftRunningIsItsListener() {
        SocketLeakError error = leakOf("childProcessLeftRunning");
        ChildServer child = LeftOpen.last(ChildServer.class).orElseThrow();
        assertEquals(List.of(LeakKind.LISTENER), kinds(error));
        LeakedSocket leak = error.leaks().getFirst();
        assertEquals(child.port(), leak.localPort());
        assertEquals(child.pid(), leak.holders().getFirst().pid());
        assertEquals("python3", leak.holders().getFirst().command());
        assertTrue(error.getMessage().contains("users:((\"python3\",pid=" + child.pid() + ",fd="), error.getMessage());
    }

    @Test
    void anUnclosedUnixChannelIsAUnixSocket() {
        SocketLeakError error = leakOf("unclosedUnixChannel");
        assertEquals(List.of(LeakKind.UNIX), kinds(error));
        String row = error.getMessage().lines().filter(l -> l.startsWith("u_str")).findFirst().orElseThrow();
        assertTrue(row.matches("u_str +ESTAB +0 +0 +\\* " + error.leaks().getFirst().inode() + " +\\* \\d+ +users:.*"),
                row);
    }

    @Test
    void anUnclosedDatagramSocketIsADatagramSocket() {
        SocketLeakError error = leakOf("unclosedDatagramSocket");
        assertEquals(List.of(LeakKind.DATAGRAM), kinds(error));
        assertEquals(LeftOpen.last(DatagramSocket.class).orElseThrow().getLocalPort(),
                error.leaks().getFirst().localPort());
    }

    @Test
    void aTestThatFailsOnItsOwnKeepsItsFailureAndCarriesTheLeak() {
        Throwable failure = FixtureRuns.run(LeakyTests.class, "failsOnItsOwnAndLeaks").failure();
        assertInstanceOf(IllegalStateException.class, failure);
        assertEquals(1, failure.getSuppressed().length);
        assertInstanceOf(SocketLeakError.class, failure.getSuppressed()[0]);
    }

    @Test
    void whatTheClassLeavesOpenFailsTheClassNotItsTests() {
        FixtureRuns.Outcome outcome = FixtureRuns.runWithClass(ClassLevelTests.class, "usesTheServer");
        assertTrue(outcome.passed(), outcome.result().toString());
        assertEquals(1, outcome.classFailures().size(), outcome.classFailures().toString());
        SocketLeakError error = assertInstanceOf(SocketLeakError.class, outcome.classFailures().getFirst());
        assertEquals(List.of(LeakKind.LISTENER), kinds(error));
        assertEquals(LeftOpen.last(ServerSocket.class).orElseThrow().getLocalPort(), error.leaks().getFirst().localPort());
        assertTrue(error.getMessage().startsWith("sockscope: ClassLevelTests (@BeforeAll, @AfterAll, after its tests) "
                + "left 1 socket open"), error.getMessage());
    }

    @Test
    void aLeakChargedToATestIsNotChargedToItsClassAgain() {
        // run() fails when the class fails: the listener the test left is not the class's leak too.
        assertInstanceOf(SocketLeakError.class, FixtureRuns.run(LeakyTests.class, "unclosedServerSocket").failure());
    }

    @Test
    void tryWithResourcesPassesAndTimeWaitNeverCounts() {
        FixtureRuns.Outcome outcome = FixtureRuns.run(WellBehavedTests.class,
                "closesWithTryWithResourcesAndLeavesTimeWait");
        assertTrue(outcome.passed(), outcome.result().toString());
        assertTrue(outcome.publishedFiles().isEmpty() && outcome.reportEntries().isEmpty());
    }

    @Test
    void aCloseOnAnotherThreadWithinTheLingerPassesAndWithoutLingerFails() {
        assertTrue(FixtureRuns.run(WellBehavedTests.class, "closesOnAnotherThreadWithinTheLinger").passed());
        FixtureRuns.Outcome noLinger = FixtureRuns.run(WellBehavedTests.class, "closesOnAnotherThreadWithinTheLinger",
                DetectionSettings.LINGER, "0");
        SocketLeakError error = assertInstanceOf(SocketLeakError.class, noLinger.failure());
        assertTrue(error.getMessage().contains("(after a linger of 0 ms)"), error.getMessage());
    }

    @Test
    void aTestThatOpensNothingPasses() {
        assertTrue(FixtureRuns.run(WellBehavedTests.class, "opensNothing").passed());
    }

    private static SocketLeakError leakOf(String method) {
        return assertInstanceOf(SocketLeakError.class, FixtureRuns.run(LeakyTests.class, method).failure());
    }

    private static List<LeakKind> kinds(SocketLeakError error) {
        return error.leaks().stream().map(LeakedSocket::kind).toList();
    }
}
