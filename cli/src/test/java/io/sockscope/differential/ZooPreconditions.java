package io.sockscope.differential;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a machine needs before the differential tests can run, checked as JUnit assumptions so that a
 * missing piece skips the tests with a visible reason instead of failing them.
 */
final class ZooPreconditions {

    /** The interpreter the zoo runs on: the system one, whose standard library is all the zoo uses. */
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private ZooPreconditions() {
    }

    /** Skips unless iproute2's {@code ss} is installed (enough for comparisons that need no namespace). */
    static void assumeSsInstalled() {
        assumeTrue(onPath("ss").isPresent(), "needs iproute2's ss on PATH (apt-get install iproute2)");
    }

    /** Skips unless this process can build the zoo: root, {@code ss}, {@code ip} and the system python3. */
    static void assumeZooCanRun() {
        assumeTrue(isRoot(), "needs root: builds network namespaces, a veth pair and raw/packet sockets");
        assumeSsInstalled();
        assumeTrue(onPath("ip").isPresent(), "needs iproute2's ip on PATH (apt-get install iproute2)");
        assumeTrue(Files.isExecutable(PYTHON), "needs " + PYTHON + " to run the socket zoo (apt-get install python3)");
    }

    /** Whether the effective uid of this process is 0, read from {@code /proc/self/status}. */
    static boolean isRoot() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            // "Uid:\treal\teffective\tsaved\tfilesystem"
            return lines.filter(line -> line.startsWith("Uid:"))
                    .map(line -> line.substring(4).trim().split("\\s+")[1])
                    .anyMatch("0"::equals);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The first executable called {@code name} on {@code PATH}. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        return Stream.of(path.split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
