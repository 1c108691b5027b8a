package io.sockscope.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A checkout for trying {@code bin/sockscope} in: the real scripts of {@code bin/}, stand-ins for the sources
 * and poms (whose times decide whether the launcher builds), a fake {@code mvn} first on the PATH that "builds"
 * a jar, and fake JDKs whose {@code java} records how it was started and prints a fixed listing. Every
 * {@code java} and {@code mvn} started writes one line to {@link #calls()}; nothing here starts a real JVM or
 * Maven. The JDKs under {@link #jvm()} are what {@code /usr/lib/jvm} holds for a run in a private mount
 * namespace ({@link #inJvmNamespace()}).
 */
final class LauncherCheckout {

    /** What the fake java prints on stdout when it runs the command (the launcher must add nothing to it). */
    static final String LISTING = "fake listing\n";

    private final Path base;
    private final Path root;
    private final Path jvm;
    private final Path tools;
    private final Path calls;
    private final Path home;
    private final Map<String, String> environment = new HashMap<>();

    /** Sets one up in {@code base}, an empty directory, with the scripts of the checkout at {@code source}. */
    LauncherCheckout(Path base, Path source) throws IOException {
        this.base = base;
        this.root = base.resolve("checkout");
        this.jvm = base.resolve("jvm");
        this.tools = base.resolve("tools");
        this.calls = base.resolve("calls.log");
        this.home = base.resolve("home");
        for (String script : List.of("sockscope", "find-java", "build-native")) {
            Path to = root.resolve("bin").resolve(script);
            Files.createDirectories(to.getParent());
            Files.copy(source.resolve("bin").resolve(script), to);
            executable(to);
        }
        for (String file : List.of("pom.xml", "core/pom.xml", "exporter/pom.xml", "cli/pom.xml",
                "examples/loopback-guard/pom.xml", "exporter/src/main/java/C.java",
                "core/src/main/java/A.java", "cli/src/main/java/B.java", "core/src/main/c/a.c")) {
            write(root.resolve(file), "");
        }
        sourcesAged();
        jdk("jdk-25", "25.0.1", true);
        Files.createDirectories(tools);
        script(tools.resolve("mvn"), """
                #!/bin/sh
                printf 'mvn %s\\n' "$*" >>"$FAKE_CALLS"
                echo '[INFO] Scanning for projects...'
                echo '[INFO] Building sockscope library 0.1.0-SNAPSHOT                          [1/2]'
                if [ -f "${0%/*}/mvn.fails" ]; then cat "${0%/*}/mvn.fails"; exit 1; fi
                echo '[INFO] Building sockscope command 0.1.0-SNAPSHOT                          [2/2]'
                mkdir -p cli/target/lib && echo jar >cli/target/sockscope.jar
                echo '[INFO] BUILD SUCCESS'
                """);
        write(calls, "");
        Files.setPosixFilePermissions(calls, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.createDirectories(home);
        environment.putAll(System.getenv());
        for (String name : List.of("JAVA_HOME", "CDPATH", "XDG_CACHE_HOME", "COLUMNS", "CC", "MAVEN_OPTS")) {
            environment.remove(name);
        }
        environment.put("PATH", tools + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("HOME", home.toString());
        environment.put("JAVA_HOME", jdk("jdk-25").toString());
        environment.put("FAKE_CALLS", calls.toString());
    }

    Path root() {
        return root;
    }

    Path jvm() {
        return jvm;
    }

    Path home() {
        return home;
    }

    Path tools() {
        return tools;
    }

    Path jar() {
        return root.resolve("cli/target/sockscope.jar");
    }

    /** The environment of every run: the test's, with the PATH, HOME and JAVA_HOME above; change at will. */
    Map<String, String> environment() {
        return environment;
    }

    /** A JDK under {@link #jvm()}. */
    Path jdk(String name) {
        return jvm.resolve(name);
    }

    /**
     * Makes a fake JDK under {@link #jvm()}: {@code bin/java} and {@code bin/javac}, and a {@code release} file
     * naming the version when {@code release} (without one, bin/find-java asks {@code java -version}).
     */
    Path jdk(String name, String version, boolean release) throws IOException {
        Path dir = jvm.resolve(name);
        Files.createDirectories(dir.resolve("bin"));
        if (release) {
            write(dir.resolve("release"), "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"" + version + "\"\n");
        }
        script(dir.resolve("bin/java"), """
                #!/bin/sh
                printf 'java %s %s\\n' "${0%/bin/java}" "$*" >>"$FAKE_CALLS"
                for a do
                  case $a in
                    -version) echo 'openjdk version "VERSION" 2025-10-21' >&2; exit 0 ;;
                    -XX:AOTCacheOutput=*) echo cache >"${a#*=}" ;;
                  esac
                done
                printf 'fake listing\\n'
                """.replace("VERSION", version));
        script(dir.resolve("bin/javac"), "#!/bin/sh\nexit 0\n");
        return dir;
    }

    /** Gives the checkout a jar, as a build would, newer than the sources. */
    void built() throws IOException {
        write(jar(), "jar");
        Files.createDirectories(root.resolve("cli/target/lib"));
    }

    /** Makes every source and pom an hour old, older than any jar built from now on. */
    void sourcesAged() throws IOException {
        FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> !f.startsWith(root.resolve("bin")) && Files.isRegularFile(f)).toList()) {
                Files.setLastModifiedTime(file, hourAgo);
            }
        }
    }

    /** Makes a source newer than the jar, as an edit or a pull does. */
    void sourceChanged() throws IOException {
        Path source = root.resolve("core/src/main/java/A.java");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plus(Duration.ofMinutes(1))));
    }

    /** The calls recorded since the last call of this method, one line each ("java DIR ARGS", "mvn ARGS"). */
    List<String> takeCalls() throws IOException {
        List<String> lines = Files.readAllLines(calls);
        Files.writeString(calls, "");
        return lines;
    }

    /** The prefix that runs a command with {@link #jvm()} mounted over /usr/lib/jvm (root only). */
    List<String> inJvmNamespace() {
        return List.of("unshare", "--mount", "--", "sh", "-c", "mount --bind \"$0\" /usr/lib/jvm && exec \"$@\"",
                jvm.toString());
    }

    /** The prefix that runs a command as another user (root only). */
    static List<String> asUser(int uid, int gid) {
        return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
    }

    /** Runs {@code bin/sockscope ARGS} by its full path from the checkout's directory. */
    Run launcher(String... args) throws IOException, InterruptedException {
        return run(List.of(), root.resolve("bin/sockscope").toString(), args);
    }

    /** Runs {@code prefix COMMAND ARGS} from the checkout's directory, with {@link #environment()}. */
    Run run(List<String> prefix, String command, String... args) throws IOException, InterruptedException {
        return run(prefix, Map.of(), command, args);
    }

    /** Runs {@code prefix COMMAND ARGS} with {@link #environment()} and then {@code variables}. */
    Run run(List<String> prefix, Map<String, String> variables, String command, String... args)
            throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(prefix);
        line.add(command);
        line.addAll(List.of(args));
        Path out = Files.createTempFile(base, "out", "");
        Path err = Files.createTempFile(base, "err", "");
        try {
            ProcessBuilder builder = new ProcessBuilder(line).directory(root.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            builder.environment().putAll(variables);
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException("timed out: " + line);
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    /** A finished run: its exit status, stdout and stderr. */
    record Run(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static void script(Path file, String text) throws IOException {
        write(file, text);
        executable(file);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
