package io.sockscope.junit;

import io.sockscope.junit.fixtures.AllowedTests;
import io.sockscope.junit.fixtures.LeftOpen;
import io.sockscope.junit.fixtures.UnannotatedTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a test may leave open: {@link AllowSocketLeaks} with its reason, allow-lists by address, predicate and
 * configured port; and when the extension looks at all (annotations, or autodetection with its own parameter).
 */
class JunitAllowListTest {
    @AfterEach
    void closeWhatTheFixturesLeft() throws Exception {
        LeftOpen.closeAll();
        System.clearProperty(AllowedTests.PORT_PROPERTY);
    }

    @Test
    void anAllowedLeakPassesAndIsStillReportedWithItsReason() {
        FixtureRuns.Outcome outcome = FixtureRuns.run(AllowedTests.class, "allowedWithAReason");
        assertTrue(outcome.passed(), outcome.result().toString());
        String json = outcome.json();
        assertTrue(json.contains("\"allowedBecause\": \"the fixture's server lives until the JVM exits\""), json);
        assertTrue(json.contains("\"failed\": false"), json);
        assertTrue(json.contains("\"kind\": \"listener\""), json);
    }

    @Test
    void aBlankReasonIsAConfigurationError() {
        Throwable failure = FixtureRuns.run(AllowedTests.class, "allowedWithABlankReason").failure();
        assertInstanceOf(ExtensionConfigurationException.class, failure);
        assertTrue(failure.getMessage().contains("@AllowSocketLeaks needs a reason"), failure.getMessage());
    }

    @Test
    void anAllowedAddressPassesAndTheJsonListsTheSocketAsAllowed() {
        FixtureRuns.Outcome outcome = FixtureRuns.run(AllowedTests.class, "allowedByAddress");
        assertTrue(outcome.passed(), outcome.result().toString());
        String json = outcome.json();
        assertTrue(json.contains("\"leaks\": []"), json);
        assertTrue(json.contains("\"allowedByList\": [\n    {\"kind\": \"listener\""), json);
    }

    @Test
    void aPredicateAllowsWhatItSaysAndNothingElse() {
        assertTrue(FixtureRuns.run(AllowedTests.class, "allowedByPredicate").passed());
        SocketLeakError error = assertInstanceOf(SocketLeakError.class,
                FixtureRuns.run(AllowedTests.class, "notAllowedByThePredicate").failure());
        assertEquals(List.of(LeakKind.DATAGRAM), error.leaks().stream().map(LeakedSocket::kind).toList());
    }

    @Test
    void aPortAllowedByConfigurationPassesAndOtherwiseFails() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        System.setProperty(AllowedTests.PORT_PROPERTY, Integer.toString(port));
        assertTrue(FixtureRuns.run(AllowedTests.class, "allowedByConfiguredPort",
                DetectionSettings.ALLOW_PORTS, "1, " + port).passed());
        LeftOpen.closeAll();
        assertInstanceOf(SocketLeakError.class, FixtureRuns.run(AllowedTests.class, "allowedByConfiguredPort",
                DetectionSettings.ALLOW_PORTS, "1").failure());
    }

    @Test
    void aBadAllowListIsAConfigurationErrorOfTheWholeClass() {
        FixtureRuns.Outcome outcome = FixtureRuns.runWithClass(AllowedTests.class, "allowedByPredicate",
                DetectionSettings.ALLOW_ADDRESSES, "localhost");
        assertEquals(1, outcome.classFailures().size(), outcome.classFailures().toString());
        Throwable failure = outcome.classFailures().getFirst();
        assertInstanceOf(ExtensionConfigurationException.class, failure);
        assertTrue(failure.getMessage().contains("not a numeric address or prefix: \"localhost\""),
                failure.getMessage());
    }

    @Test
    void autodetectionLooksAtEveryTestOnlyWithItsOwnParameter() {
        assertTrue(FixtureRuns.run(UnannotatedTests.class, "unclosedServerSocket").passed(),
                "without autodetection an unannotated test is not looked at");
        assertTrue(FixtureRuns.run(UnannotatedTests.class, "unclosedServerSocket",
                "junit.jupiter.extensions.autodetection.enabled", "true").passed(),
                "JUnit's autodetection alone loads the extension, which stays idle");
        SocketLeakError error = assertInstanceOf(SocketLeakError.class,
                FixtureRuns.run(UnannotatedTests.class, "unclosedServerSocket",
                        "junit.jupiter.extensions.autodetection.enabled", "true",
                        DetectionSettings.AUTODETECTION, "true").failure());
        assertEquals(List.of(LeakKind.LISTENER), error.leaks().stream().map(LeakedSocket::kind).toList());
    }
}
