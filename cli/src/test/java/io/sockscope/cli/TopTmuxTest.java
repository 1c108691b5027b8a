package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code sockscope top} on a real terminal: tmux runs it in a detached session of its own server, keys are
 * typed with {@code send-keys} and the screen is read with {@code capture-pane}. This JVM holds the sockets
 * the screen must show: two loopback listeners, one of them with an accepted connection, one whose client
 * left (CLOSE-WAIT) and one waiting in the accept queue. The command line's filter keeps the screen to those
 * two ports, so that the host's other sockets do not move the rows.
 */
@Timeout(120)
class TopTmuxTest {
    private static final long SCREEN_WAIT_MILLIS = 20_000;
    private static final int BACKLOG = 7;

    /** A tmux server of this test's own, so that a user's sessions are never touched. */
    private final String server = "sockscope-top-test-" + ProcessHandle.current().pid();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private Path script;
    private ServerSocket busy;
    private ServerSocket quiet;

    @BeforeEach
    void needsTmux() throws Exception {
        assumeTrue(CommandRun.onPath("tmux"), "tmux is not installed (bin/install-deps installs it)");
        busy = listen();
        quiet = listen();
        Socket served = connect(busy);
        opened.add(busy.accept());
        assertTrue(served.isConnected());
        Socket leaving = connect(busy);
        Socket left = busy.accept();
        opened.add(left);
        leaving.close(); // the server never closes its end: CLOSE-WAIT
        connect(busy); // never accepted: it waits in the accept queue
    }

    @AfterEach
    void cleanUp() throws Exception {
        tmux("kill-server");
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        if (script != null) {
            Files.deleteIfExists(script);
        }
    }

    @Test
    void theScreenShowsTheProcessAndItsPortsAndAnswersEveryKey() throws Exception {
        start(160, 40);
        String pid = Long.toString(ProcessHandle.current().pid());
        Map<String, String> me = row(awaitScreen(s -> row(s, "PID", pid) != null, "this JVM's row"), "PID", pid);
        assertTrue(me.get("COMMAND").startsWith("java"), me.toString());
        assertEquals("2", me.get("LISTEN"), me.toString());
        assertEquals("1", me.get("ESTAB"), "the connection accepted and still open: " + me);
        assertEquals("1", me.get("CLOSE-WAIT"), me.toString());
        assertTrue(Integer.parseInt(me.get("FDS")) > 0, me.toString());

        keys("l");
        String busyPort = Integer.toString(busy.getLocalPort());
        String quietPort = Integer.toString(quiet.getLocalPort());
        // While this JVM starts a process (tmux), the child holds copies of its descriptors until it execs, and
        // a dump may find it first: the owner settles on this JVM at the next refresh.
        List<String> ports = awaitScreen(s -> row(s, "PORT", busyPort) != null && row(s, "PORT", quietPort) != null
                && pid.equals(row(s, "PORT", busyPort).get("PID")), "both listening ports, owned by this JVM");
        Map<String, String> port = row(ports, "PORT", busyPort);
        assertEquals("1", port.get("ACCEPT-Q"), port.toString());
        assertEquals(Integer.toString(BACKLOG), port.get("BACKLOG"), port.toString());
        assertEquals("2", port.get("ESTAB"), "the accepted connection and the queued one: " + port);
        assertEquals("1", port.get("CLOSE-WAIT"), port.toString());
        assertEquals(pid, port.get("PID"), port.toString());
        boolean busyFirst = busy.getLocalPort() < quiet.getLocalPort();
        assertEquals(busyFirst, indexOf(ports, busyPort) < indexOf(ports, quietPort), "lowest port first");

        keys("r");
        awaitScreen(s -> s.getFirst().contains("sort PORT desc")
                && (indexOf(s, busyPort) < indexOf(s, quietPort)) != busyFirst, "the order reversed");
        keys("s");
        awaitScreen(s -> s.getFirst().contains("sort ADDRESS asc"), "the next sort column");

        keys("/");
        typeLiterally("sport = :" + busyPort);
        keys("Enter");
        awaitScreen(s -> s.get(1).equals("filter: sport = :" + busyPort) && row(s, "PORT", busyPort) != null
                && row(s, "PORT", quietPort) == null, "the typed filter's one row");

        keys("/");
        typeLiterally("sport = :no-such-service!");
        keys("Enter");
        awaitScreen(s -> s.get(1).startsWith("filter: ") && s.get(1).contains("no-such-service")
                && row(s, "PORT", busyPort) != null && row(s, "PORT", quietPort) == null,
                "the filter's error on the status line, the last good filter kept");

        keys("Space");
        List<String> paused = awaitScreen(s -> s.getFirst().contains("PAUSED"), "the pause");
        Thread.sleep(1_500);
        assertEquals(paused.getFirst(), capture().getFirst(), "no refresh while paused (the title holds the time)");
        keys("/");
        keys("Enter");
        awaitScreen(s -> s.getFirst().contains("PAUSED") && s.get(1).startsWith("filter: none")
                && row(s, "PORT", quietPort) != null, "an empty filter, read at once though paused");
        keys("Space");
        awaitScreen(s -> !s.getFirst().contains("PAUSED") && !s.getFirst().equals(paused.getFirst()), "the resume");

        tmux("resize-window", "-t", server, "-x", "60", "-y", "20");
        awaitScreen(s -> s.size() == 20 && s.getLast().startsWith("q quit")
                && s.stream().allMatch(l -> l.length() < 60) && row(s, "PORT", busyPort) != null,
                "the screen drawn again for 60x20");
        tmux("resize-window", "-t", server, "-x", "150", "-y", "30");
        // The footer was cut at 60 columns: whole again only if the screen was drawn anew.
        awaitScreen(s -> s.size() == 30 && s.getLast().equals(TopKeys.FOOTER), "the screen drawn again for 150x30");

        keys("q");
        List<String> after = awaitScreen(s -> s.stream().anyMatch(l -> l.startsWith("terminal:")), "the exit");
        assertTrue(after.contains("exit=0"), String.join("\n", after));
        assertTrue(after.contains("terminal: echo icanon isig"), "the terminal is restored: " + after);
    }

    @Test
    void ctrlCQuitsWithTheTerminalRestored() throws Exception {
        start(100, 30);
        awaitScreen(s -> s.getFirst().startsWith("sockscope top") && s.getFirst().contains("sockets"), "the screen");
        keys("C-c");
        List<String> after = awaitScreen(s -> s.stream().anyMatch(l -> l.startsWith("terminal:")), "the exit");
        assertTrue(after.contains("exit=130"), String.join("\n", after));
        assertTrue(after.contains("terminal: echo icanon isig"), "the terminal is restored: " + after);
        assertTrue(after.stream().noneMatch(l -> l.startsWith("sockscope top")), "the alternate screen is left");
    }

    private ServerSocket listen() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        opened.add(s);
        return s;
    }

    private Socket connect(ServerSocket to) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), to.getLocalPort());
        opened.add(s);
        return s;
    }

    /**
     * Runs top in a new detached session of {@code columns} x {@code rows}; once it exits, the shell prints its
     * status and the terminal modes that matter (canonical input, signals, echo) and stays, for the test to see.
     */
    private void start(int columns, int rows) throws Exception {
        List<String> command = CommandRun.sockscope("top", "--interval", "500ms", "-ta",
                "sport = :" + busy.getLocalPort() + " or sport = :" + quiet.getLocalPort());
        script = Files.createTempFile("sockscope-top-", ".sh");
        Files.writeString(script, command.stream().map(TopTmuxTest::quoted).collect(Collectors.joining(" "))
                + "\necho \"exit=$?\"\n"
                + "echo \"terminal: $(stty -a | tr ' ;' '\\n\\n' | grep -E '^(icanon|isig|echo)$' | sort"
                + " | tr '\\n' ' ' | sed 's/ $//')\"\n"
                + "sleep 60\n", StandardCharsets.UTF_8);
        String started = tmux("new-session", "-d", "-s", server, "-x", Integer.toString(columns), "-y",
                Integer.toString(rows), "sh " + quoted(script.toString()));
        assumeTrue(started != null, () -> "tmux cannot start a session here: " + lastTmuxFailure);
    }

    private List<String> awaitScreen(Predicate<List<String>> wanted, String what) throws Exception {
        long deadline = System.currentTimeMillis() + SCREEN_WAIT_MILLIS;
        List<String> screen = List.of();
        while (System.currentTimeMillis() < deadline) {
            screen = capture();
            if (!screen.isEmpty() && wanted.test(screen)) {
                return screen;
            }
            Thread.sleep(100);
        }
        fail("the screen did not show " + what + " within " + SCREEN_WAIT_MILLIS + " ms:\n"
                + String.join("\n", screen));
        return null;
    }

    /** The pane's lines, as many as it has rows (trailing spaces dropped by tmux). */
    private List<String> capture() throws Exception {
        String text = tmux("capture-pane", "-p", "-t", server);
        return text == null ? List.of() : text.lines().toList();
    }

    private void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", server));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    private void typeLiterally(String text) throws Exception {
        tmux("send-keys", "-t", server, "-l", text);
    }

    /** The row of the table on {@code screen} whose {@code column} holds {@code value}, by header, or null. */
    private static Map<String, String> row(List<String> screen, String column, String value) {
        for (int h = 0; h < screen.size(); h++) {
            List<String> headers = List.of(screen.get(h).trim().split(" +"));
            if (!headers.contains(column) || !headers.contains("COMMAND")) {
                continue;
            }
            for (String line : screen.subList(h + 1, screen.size())) {
                String[] cells = line.trim().split(" +");
                if (cells.length != headers.size()) {
                    continue;
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    row.put(headers.get(i), cells[i]);
                }
                if (value.equals(row.get(column))) {
                    return row;
                }
            }
        }
        return null;
    }

    private static int indexOf(List<String> screen, String port) {
        for (int i = 0; i < screen.size(); i++) {
            if (List.of(screen.get(i).trim().split(" +")).contains(port)) {
                return i;
            }
        }
        return -1;
    }

    /** What tmux said when it last failed, for a skip's reason. */
    private String lastTmuxFailure = "";

    /** Runs tmux on this test's server; its stdout, or null when it failed. */
    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", server));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        if (p.exitValue() != 0) {
            lastTmuxFailure = "tmux " + String.join(" ", args) + ": exit " + p.exitValue() + ": " + out.strip();
            return null;
        }
        return out;
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
