package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code sockscope top} with stdout a pipe, as a script runs it: no screen, no key, but a block every interval
 * (a title line, the process table, the port table, a blank line) until SIGTERM, which ends it with 143.
 */
@Timeout(60)
class TopPlainTest {
    private static final long OUTPUT_WAIT_MILLIS = 20_000;

    private ServerSocket listener;
    private Process top;
    private Path errors;

    @AfterEach
    void cleanUp() throws Exception {
        if (top != null) {
            top.destroyForcibly();
            top.waitFor(5, TimeUnit.SECONDS);
        }
        if (listener != null) {
            listener.close();
        }
        if (errors != null) {
            Files.deleteIfExists(errors);
        }
    }

    @Test
    void aPipeGetsAPlainTableAtEveryInterval() throws Exception {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        String port = Integer.toString(listener.getLocalPort());
        errors = Files.createTempFile("sockscope-top-", ".err");
        top = new ProcessBuilder(CommandRun.sockscope("top", "--interval", "300ms", "sport = :" + port))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(errors.toFile()).start();
        List<String> lines = new ArrayList<>();
        int titles = 0;
        long deadline = System.currentTimeMillis() + OUTPUT_WAIT_MILLIS;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(top.getInputStream(),
                StandardCharsets.UTF_8))) {
            // The second block is whole once the third begins.
            while (titles < 3) {
                if (System.currentTimeMillis() > deadline) {
                    fail("no second table within " + OUTPUT_WAIT_MILLIS + " ms:\n" + String.join("\n", lines)
                            + "\nstderr: " + Files.readString(errors));
                }
                String line = out.readLine();
                if (line == null) {
                    fail("top ended: " + String.join("\n", lines) + "\nstderr: " + Files.readString(errors));
                }
                lines.add(line);
                if (line.startsWith("sockscope top ")) {
                    titles++;
                }
            }
            top.destroy();
            assertTrue(top.waitFor(10, TimeUnit.SECONDS), "top stops on SIGTERM");
        }
        assertEquals(143, top.exitValue());
        assertEquals("", Files.readString(errors));

        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("sockscope top ")) {
                starts.add(i);
            }
        }
        List<String> block = lines.subList(starts.get(1), starts.get(2));
        assertTrue(block.get(0).matches("sockscope top \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC: 1 sockets, .*"),
                block.get(0));
        assertTrue(block.get(1).trim().startsWith("PID  COMMAND"), block.get(1));
        String pid = Long.toString(ProcessHandle.current().pid());
        assertTrue(block.get(2).trim().startsWith(pid + "  java"), "this JVM holds the listener: " + block.get(2));
        assertEquals("", block.get(3));
        assertTrue(block.get(4).startsWith("PROTO"), block.get(4));
        assertTrue(block.get(5).startsWith("tcp") && List.of(block.get(5).split(" +")).contains(port), block.get(5));
        assertEquals(List.of(""), block.subList(6, block.size()), "a blank line ends the block");
    }
}
