package io.sockscope.cli;

import io.sockscope.cli.LauncherCheckout.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code bin/sockscope}, the launcher, in a {@link LauncherCheckout}: what it prints on stderr while it builds
 * or when it cannot, which JDK it runs, and that stdout is the command's alone (byte-identical to ss is the
 * command's business; the launcher must add nothing to it).
 */
class LauncherTest {

    private static final Path SOURCE = Path.of(System.getProperty("sockscope.checkout", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private LauncherCheckout checkout;

    @BeforeEach
    void setUp() throws IOException {
        checkout = new LauncherCheckout(dir, SOURCE);
    }

    @Test
    void anExportedCdpathDoesNotMoveTheCheckout() throws Exception {
        checkout.built();
        // A directory on the CDPATH with a bin/ of its own: `cd bin/..` would go there, and say so on stdout.
        Path decoy = dir.resolve("decoy");
        Files.createDirectories(decoy.resolve("bin"));
        checkout.environment().put("CDPATH", decoy.toString());
        Run run = checkout.run(List.of(), "bin/sockscope", "-tlnp");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(LauncherCheckout.LISTING, run.stdout(), run.toString());
    }

    @Test
    void withoutAJdk25ItSaysWhatToInstallWhereNoDistributionPackagesOne() throws Exception {
        assumeJvmNamespace();
        checkout.built();
        Path old = checkout.jdk("jdk-17", "17.0.2", true);
        Files.move(checkout.jdk("jdk-25"), dir.resolve("jdk-25-elsewhere"));
        checkout.environment().put("JAVA_HOME", old.toString());
        for (String script : List.of("bin/find-java", "bin/sockscope")) {
            Run run = checkout.run(checkout.inJvmNamespace(), checkout.root().resolve(script).toString());
            assertEquals(1, run.exit(), script + ": " + run);
            assertEquals("", run.stdout(), script + ": " + run);
            assertContains(run.stderr(), "no JDK 25 or newer found", "JAVA_HOME=" + old + " is JDK 17",
                    "download a JDK 25 (e.g. Eclipse Temurin", "adoptium.net", "set JAVA_HOME");
            assertFalse(run.stderr().contains("openjdk-25"), "no package Debian 12 lacks: " + run.stderr());
        }
    }

    @Test
    void aFailedBuildShowsMavensErrorsAndWhatToDoAboutADownload() throws Exception {
        // What Debian's Maven 3.8.7 writes when its repository cannot be reached (a mirror on a closed port).
        LauncherCheckout.write(checkout.tools().resolve("mvn.fails"), """
                \u001b[0m\u001b[0mWARNING: A terminally deprecated method in sun.misc.Unsafe has been called
                [INFO] BUILD FAILURE
                [INFO] ------------------------------------------------------------------------
                [ERROR] Plugin org.apache.maven.plugins:maven-jar-plugin:3.4.2 or one of its dependencies could not be \
                resolved: Failed to read artifact descriptor for org.apache.maven.plugins:maven-jar-plugin:jar:3.4.2: \
                Could not transfer artifact org.apache.maven.plugins:maven-jar-plugin:pom:3.4.2 from/to m \
                (http://127.0.0.1:9/repo): transfer failed for http://127.0.0.1:9/repo/org/apache/maven/plugins/\
                maven-jar-plugin/3.4.2/maven-jar-plugin-3.4.2.pom: Connect to 127.0.0.1:9 [/127.0.0.1] failed: \
                Connection refused -> [Help 1]
                [ERROR]\s
                [ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.
                [ERROR] Re-run Maven using the -X switch to enable full debug logging.
                [ERROR]\s
                [ERROR] For more information about the errors and possible solutions, please read the following articles:
                [ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/PluginResolutionException
                \u001b[0m\u001b[0m
                """);
        Run run = checkout.launcher("-tlnp");
        assertEquals(1, run.exit(), run.toString());
        assertEquals("", run.stdout(), run.toString());
        assertContains(run.stderr(), "the build failed",
                "[ERROR] Plugin org.apache.maven.plugins:maven-jar-plugin:3.4.2 or one of its dependencies",
                "failed: Connection refused\n", checkout.root().resolve("target.build.log").toString(),
                "Maven could not download", "https://repo.maven.apache.org/maven2", "~/.m2/settings.xml");
        for (String noise : List.of("To see the full stack trace", "[Help 1]", "sun.misc.Unsafe", "\u001b")) {
            assertFalse(run.stderr().contains(noise), "says " + noise + ": " + run.stderr());
        }
        assertTrue(Files.readString(checkout.root().resolve("target.build.log")).contains("To see the full stack trace"),
                "the log keeps all of Maven's output");
    }

    @Test
    void aFailedBuildWithoutErrorLinesShowsTheEndOfTheLog() throws Exception {
        LauncherCheckout.write(checkout.tools().resolve("mvn.fails"), "WARNING: noise\nline one\nthe last words\n");
        Run run = checkout.launcher("-tlnp");
        assertEquals(1, run.exit(), run.toString());
        assertContains(run.stderr(), "  line one\n  the last words\n");
        assertFalse(run.stderr().contains("noise") || run.stderr().contains("Maven could not download"), run.stderr());
    }

    @Test
    void withoutMavenItSaysHowToGetIt() throws Exception {
        // A PATH with every command of this machine but mvn.
        Path path = dir.resolve("path-without-mvn");
        Files.createDirectories(path);
        for (String bin : List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (!Files.isDirectory(Path.of(bin))) {
                continue;
            }
            try (var commands = Files.list(Path.of(bin))) {
                for (Path command : commands.toList()) {
                    Path link = path.resolve(command.getFileName().toString());
                    if (!link.getFileName().toString().equals("mvn") && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, command);
                    }
                }
            }
        }
        checkout.environment().put("PATH", path.toString());
        Run run;
        try {
            run = checkout.launcher("-tlnp");
        } finally {
            // The links go before the temporary directory's clean-up, which warns of each link to outside it.
            try (var links = Files.list(path)) {
                for (Path link : links.toList()) {
                    Files.delete(link);
                }
            }
        }
        assertEquals(1, run.exit(), run.toString());
        assertEquals("", run.stdout(), run.toString());
        assertContains(run.stderr(), "needs Maven", "apt-get install maven", "gcc");
        assertFalse(run.stderr().contains("command not found") || run.stderr().contains("target.build.log"), run.stderr());
        assertFalse(Files.exists(checkout.root().resolve("target.build.log")), "no log of a build that never started");
    }

    @Test
    void theFirstRunSaysEachStepOnStderrAndTheNextSaysNothing() throws Exception {
        checkout.environment().put("CC", "no-such-cc");
        Run first = checkout.launcher("-tlnp");
        assertEquals(0, first.exit(), first.toString());
        assertEquals(LauncherCheckout.LISTING, first.stdout(), first.toString());
        assertLines(first.stderr(), "sockscope: building the library and the command with Maven",
                "sockscope: building the JNI library", "sockscope: no JNI library (no C compiler (no-such-cc)",
                "sockscope: training the start-up cache");
        assertContains(first.stderr(), "apt-get install gcc");
        List<String> calls = checkout.takeCalls();
        assertTrue(calls.getFirst().startsWith("mvn "), calls.toString());
        assertTrue(calls.getLast().contains("-XX:AOTCache="), "the command runs with the new cache: " + calls);

        Run next = checkout.launcher("-tlnp");
        assertEquals(0, next.exit(), next.toString());
        assertEquals(LauncherCheckout.LISTING, next.stdout(), next.toString());
        assertEquals("", next.stderr(), next.toString());
        calls = checkout.takeCalls();
        assertEquals(1, calls.size(), "only the command: " + calls);
        assertTrue(calls.getFirst().contains("-XX:AOTCache=") && calls.getFirst().endsWith("io.sockscope.cli.Main -tlnp"),
                calls.toString());
    }

    @Test
    void onATerminalMavensModulesShowAsTheyAreBuiltAndStdoutIsStillTheListingAlone() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux's script for a terminal");
        Path stdout = dir.resolve("stdout");
        // script(1) gives the launcher a terminal for stderr; stdout goes to a file.
        Run run = checkout.run(List.of(), "/usr/bin/script", "-q", "-e", "-c",
                checkout.root().resolve("bin/sockscope") + " -tlnp >" + stdout, "/dev/null");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(LauncherCheckout.LISTING, Files.readString(stdout));
        String terminal = run.stdout().replace("\r\n", "\n");
        assertLines(terminal, "sockscope: building the library and the command with Maven",
                "sockscope:   [1/2] sockscope library 0.1.0-SNAPSHOT\n", "sockscope:   [2/2] sockscope command 0.1.0-SNAPSHOT\n",
                "sockscope: building the JNI library", "sockscope: training the start-up cache");
        assertFalse(terminal.contains("fake listing"), terminal);
    }

    @Test
    void aJavaHomeNamingAnOlderJdkIsLookedPastOnceUntilItOrTheChoiceChanges() throws Exception {
        assumeJvmNamespace();
        checkout.built();
        // A JDK 17 without a release file: bin/find-java asks its java for the version, which shows as a call.
        Path old = dir.resolve("opt/jdk-17");
        Files.createDirectories(old.getParent());
        Files.move(checkout.jdk("jdk-17", "17.0.2", false), old);
        checkout.environment().put("JAVA_HOME", old.toString());
        assertEquals(List.of(old), probes(launch()), "the first run asks");
        assertEquals(JVM.resolve("jdk-25"), commandJdk);
        assertEquals(List.of(), probes(launch()), "the next run remembers");
        assertEquals(JVM.resolve("jdk-25"), commandJdk);

        // The chosen JDK goes, another comes.
        checkout.jdk("jdk-26", "26", true);
        Files.move(checkout.jdk("jdk-25"), dir.resolve("jdk-25-removed"));
        assertEquals(List.of(old), probes(launch()), "a vanished choice is asked about again");
        assertEquals(JVM.resolve("jdk-26"), commandJdk);
        assertEquals(List.of(), probes(launch()));
        assertEquals(JVM.resolve("jdk-26"), commandJdk);

        // Another JAVA_HOME.
        Path older = dir.resolve("opt/jdk-11");
        Files.move(checkout.jdk("jdk-11", "11.0.9", false), older);
        checkout.environment().put("JAVA_HOME", older.toString());
        assertEquals(List.of(older), probes(launch()), "another JAVA_HOME is asked about");
        assertEquals(List.of(), probes(launch()));

        // The JDK at JAVA_HOME replaced in place by a JDK 25 (a link moved, a package upgraded): JAVA_HOME wins.
        LauncherCheckout.write(older.resolve("release"), "JAVA_VERSION=\"25.0.2\"\n");
        launch();
        assertEquals(older, commandJdk);
        assertEquals(List.of(), probes(launch()));
        assertEquals(older, commandJdk);
    }

    @Test
    void anotherUserOfACheckoutTheyCannotWriteRunsItsBuildAsItIsAndNeverBuilds() throws Exception {
        assumeTrue(isRoot(), "needs root: runs the launcher as a throwaway user");
        checkout.built();
        checkout.sourceChanged();
        try (ThrowawayUser user = new ThrowawayUser()) {
            Map<String, String> env = userEnvironment(user);
            Run run = checkout.run(user.prefix(), env, launcherPath(), "-tlnp");
            assertEquals(0, run.exit(), run.toString());
            assertEquals(LauncherCheckout.LISTING, run.stdout(), run.toString());
            assertLines(run.stderr(), "sockscope: warning: " + checkout.jar() + " is older than the sources");
            assertEquals(1, run.stderr().lines().filter(line -> line.contains("older than the sources")).count(), run.stderr());
            assertFalse(checkout.takeCalls().stream().anyMatch(call -> call.startsWith("mvn ")), "no build");
            assertFalse(Files.exists(checkout.root().resolve("target.build.log")));

            Files.delete(checkout.jar());
            run = checkout.run(user.prefix(), env, launcherPath(), "-tlnp");
            assertEquals(1, run.exit(), run.toString());
            assertEquals("", run.stdout(), run.toString());
            assertContains(run.stderr(), checkout.root() + " has not been built", "not writable by you",
                    "its owner can, by running bin/sockscope once");
            assertEquals(List.of(), checkout.takeCalls(), "no build, no command");
            assertFalse(Files.exists(checkout.root().resolve("target.build.log")));
        }
    }

    @Test
    void anotherUserIsToldOncePerBuildThatItHasNoStartUpCacheAndNeverRunsAnOldOne() throws Exception {
        assumeTrue(isRoot(), "needs root: runs the launcher as a throwaway user");
        checkout.built(); // by mvn package, say: the owner has not run the launcher since
        try (ThrowawayUser user = new ThrowawayUser()) {
            Map<String, String> env = new HashMap<>(userEnvironment(user));
            // The user's own JAVA_HOME, a JDK 25 without a release file: bin/find-java asks it its version.
            Path jdk = checkout.jdk("jdk-25-user", "25.0.1", false);
            env.put("JAVA_HOME", jdk.toString());
            Path note = Path.of(env.get("HOME"), ".cache/sockscope/notes");

            Run run = checkout.run(user.prefix(), env, launcherPath(), "-tlnp");
            assertEquals(0, run.exit(), run.toString());
            assertEquals(LauncherCheckout.LISTING, run.stdout(), run.toString());
            assertLines(run.stderr(), "sockscope: note: this build has no start-up cache, and you cannot make it");
            assertContains(run.stderr(), "the checkout's owner can make it by running bin/sockscope once");
            List<String> calls = checkout.takeCalls();
            assertEquals(List.of("java " + jdk + " -version", "java " + jdk + " " + javaLine(checkout.jar())), withoutFlags(calls));
            assertTrue(Files.isDirectory(note), "the note is remembered in the user's cache directory");

            run = checkout.run(user.prefix(), env, launcherPath(), "-tlnp");
            assertEquals("", run.stderr(), "said once: " + run);
            assertEquals(List.of("java " + jdk + " " + javaLine(checkout.jar())), withoutFlags(checkout.takeCalls()),
                    "the user's JDK choice is remembered too");

            // The owner runs the launcher: the build gets its cache, which the user then runs with.
            run = checkout.launcher("-tlnp");
            assertLines(run.stderr(), "sockscope: training the start-up cache");
            checkout.takeCalls();
            run = checkout.run(user.prefix(), env, launcherPath(), "-tlnp");
            assertEquals("", run.stderr(), run.toString());
            String cached = checkout.takeCalls().getLast();
            assertTrue(cached.contains("-XX:AOTCache=" + checkout.root().resolve("cli/target/aot")), cached);

            // mvn package rebuilds the jar: the cache of the build before is not used, and the user hears once.
            Thread.sleep(10);
            checkout.built();
            run = checkout.run(user.prefix(), env, launcherPath(), "-tlnp");
            assertEquals(LauncherCheckout.LISTING, run.stdout(), run.toString());
            assertLines(run.stderr(), "sockscope: note: this build has no start-up cache");
            assertEquals(List.of("java " + jdk + " " + javaLine(checkout.jar())), withoutFlags(checkout.takeCalls()),
                    "the new jar, not the copy the old cache was made with");
            run = checkout.run(user.prefix(), env, launcherPath(), "-tlnp");
            assertEquals("", run.stderr(), run.toString());
        }
    }

    /** The environment of a throwaway user: a HOME of their own, which only they can write. */
    private Map<String, String> userEnvironment(ThrowawayUser user) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = dir.resolve("home-" + user.name());
        Files.createDirectories(home);
        Files.setOwner(home, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user.name()));
        return Map.of("HOME", home.toString());
    }

    private String launcherPath() {
        return checkout.root().resolve("bin/sockscope").toString();
    }

    /** The end of the launcher's java command line for a class path. */
    private static String javaLine(Path classPath) {
        return "-cp " + classPath + " io.sockscope.cli.Main -tlnp";
    }

    /** The calls with the JVM's options taken out of each java line ("java JDK -cp … Main ARGS"). */
    private static List<String> withoutFlags(List<String> calls) {
        return calls.stream().map(call -> call.replaceFirst("^(java \\S+) .*?(-cp |-version$)", "$1 $2")).toList();
    }

    /** Where the fake JDKs are in the mount namespace. */
    private static final Path JVM = Path.of("/usr/lib/jvm");

    /** The JDK that ran the command at the last {@link #launch()}. */
    private Path commandJdk;

    /** Runs bin/sockscope -tlnp over the fake JDKs, checks its output, notes the command's JDK and returns the calls. */
    private List<String> launch() throws Exception {
        Run run = checkout.run(checkout.inJvmNamespace(), checkout.root().resolve("bin/sockscope").toString(), "-tlnp");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(LauncherCheckout.LISTING, run.stdout(), run.toString());
        List<String> calls = checkout.takeCalls();
        List<String> command = calls.stream().filter(call -> call.endsWith("io.sockscope.cli.Main -tlnp")).toList();
        assertEquals(1, command.size(), calls.toString());
        commandJdk = Path.of(command.getFirst().split(" ")[1]);
        return calls;
    }

    /** The JDKs whose version bin/find-java asked among these calls. */
    private static List<Path> probes(List<String> calls) {
        return calls.stream().filter(call -> call.endsWith(" -version")).map(call -> Path.of(call.split(" ")[1])).toList();
    }

    /** Asserts that {@code text} has lines starting with each of {@code starts}, in that order. */
    private static void assertLines(String text, String... starts) {
        int from = 0;
        for (String start : starts) {
            int at = text.startsWith(start, from) ? from : text.indexOf("\n" + start, from);
            assertTrue(at >= 0, "no line \"" + start + "\" (in this order) in:\n" + text);
            from = at + 1;
        }
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "no \"" + part + "\" in:\n" + text);
        }
    }

    /** Skips unless this is root and can mount in a private mount namespace (util-linux's unshare). */
    private static void assumeJvmNamespace() throws IOException, InterruptedException {
        assumeTrue(isRoot(), "needs root: puts a directory of fake JDKs over /usr/lib/jvm in a mount namespace");
        assumeTrue(new ProcessBuilder("unshare", "--mount", "--", "true").start().waitFor() == 0,
                "needs unshare --mount (a container may forbid it)");
    }

    private static boolean isRoot() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
    }
}
