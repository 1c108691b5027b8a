package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A deliberate difference (README): a service name that /etc/services gives for UDP only ({@code bootpc}, port
 * 68) in a filter over every table. ss 6.1 looks the name up for TCP, fails, and its whole listing comes back
 * empty ("RTNETLINK answers: Invalid argument"); sockscope looks it up for each table it lists, so the UDP
 * socket on port 68 is listed. Tried in a network namespace of the test's own, so that no DHCP client of the
 * host is in the way.
 */
class UdpServiceNameTest {
    private static final long TIMEOUT = 60;

    @Test
    void aUdpOnlyServiceNameFindsTheUdpSocket() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: creates a network namespace");
        assumeTrue(CommandRun.onPath("ip"), "needs iproute2's ip");
        assumeTrue(servicesHaveUdpOnlyBootpc(), "needs /etc/services with bootpc 68/udp and no bootpc/tcp");
        String namespace = "sockscope-svc-" + HexFormat.of().formatHex(
                new byte[] {(byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt()});
        assertEquals(0, CommandRun.run(List.of("ip", "netns", "add", namespace), Map.of(), TIMEOUT).exitCode());
        Process holder = null;
        try {
            CommandRun.run(List.of("ip", "-n", namespace, "link", "set", "lo", "up"), Map.of(), TIMEOUT);
            holder = new ProcessBuilder("ip", "netns", "exec", namespace, "python3", "-c",
                    "import socket, sys, time\n"
                            + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                            + "s.bind(('127.0.0.1', 68))\n"
                            + "print('ready', flush=True)\n"
                            + "time.sleep(60)\n")
                    .redirectErrorStream(true).start();
            BufferedReader lines = new BufferedReader(
                    new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", lines.readLine(), "the UDP socket on port 68 is bound");
            CommandRun ours = CommandRun.run(CommandRun.sockscope("-N", namespace, "-an", "sport", "=", ":bootpc"),
                    Map.of(), TIMEOUT);
            assertEquals(0, ours.exitCode(), ours.stderrText());
            assertEquals("", ours.stderrText());
            List<String> rows = ours.stdoutText().lines().skip(1).toList();
            assertEquals(1, rows.size(), ours.stdoutText());
            assertTrue(rows.get(0).startsWith("udp   UNCONN") && rows.get(0).contains("127.0.0.1:68"),
                    ours.stdoutText());
        } finally {
            if (holder != null) {
                holder.destroyForcibly().waitFor(TIMEOUT, TimeUnit.SECONDS);
            }
            CommandRun.run(List.of("ip", "netns", "del", namespace), Map.of(), TIMEOUT);
        }
    }

    private static boolean servicesHaveUdpOnlyBootpc() throws Exception {
        List<String> entries = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/etc/services")).stream()
                .map(l -> l.replaceAll("#.*", "").trim()).filter(l -> l.matches("bootpc\\s.*")).toList();
        return entries.stream().anyMatch(l -> l.matches("bootpc\\s+68/udp.*"))
                && entries.stream().noneMatch(l -> l.contains("/tcp"));
    }
}
