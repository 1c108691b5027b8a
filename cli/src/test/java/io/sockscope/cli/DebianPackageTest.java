package io.sockscope.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * sockscope installed as a user installs it, on a machine with no JDK, no Maven and no gcc: the .deb that
 * {@code bin/package} makes goes into a fresh Debian bookworm root ({@code bin/debian-root}) with {@code dpkg -i},
 * runs there, and leaves nothing behind after {@code dpkg -r}; the tarball runs unpacked in a temporary
 * directory of the host with every JDK hidden.
 *
 * <p>{@code bin/package} runs only when {@code target/} has no package or one older than a source file (a file
 * git tracks or would track, outside {@code src/test/}): it takes minutes (Maven, jlink, the AOT cache's
 * training) and would otherwise run again on every try of this test while nothing in the package changed. A
 * fresh clone always packages. Without {@code bin/package} to run the test fails: the package is what it tests.
 *
 * <p>Every command in the root runs in a private mount namespace of its own ({@code unshare --mount}) that
 * bind-mounts {@code /proc}, {@code /sys} and {@code /dev} into the root and then {@code chroot}s: the mounts
 * end with the command, even if this JVM is killed, so none can outlive the test, and the unpacked root is
 * removed with {@code rm --one-file-system}, which would stop at a mount rather than walk into the host's.
 *
 * <p>The root's base tarball stays cached under {@code target/debian-root/}; making it the first time needs
 * the Debian mirror, and the test skips, saying so, only when that cannot be reached.
 */
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class DebianPackageTest {

    private static final Path CHECKOUT = Path.of(System.getProperty("sockscope.checkout", "..")).toAbsolutePath()
            .normalize();
    /** The .deb's name: the upstream version (what -V and the tarball say), then Debian's revision. */
    private static final Pattern DEB_NAME = Pattern.compile("sockscope_(.+?)-[0-9]+_amd64\\.deb");
    private static final Pattern TARBALL_NAME = Pattern.compile("sockscope-(.+)-linux-x64\\.tar\\.gz");
    /** What bin/debian-root exits with when the mirror cannot be reached. */
    private static final int MIRROR_UNREACHABLE = 3;
    /** ss's header for -tlnp with its runs of blanks made one (the widths follow the rows). */
    private static final String LISTING_HEADER = "State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess";
    /** What {@code sockscope -V} of the installed package says of its runtime, start-up cache and JNI library. */
    private static final List<String> VERSION_SAYS_CACHE_AND_JNI_IN_USE = List.of(
            "Java runtime: ", "(/usr/lib/sockscope/runtime)", "AOT cache: in use (/usr/lib/sockscope/sockscope.aot)",
            "Native calls: the JNI library /usr/lib/sockscope/lib/libsockscope.so");
    private static final String ROOT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static Path deb;
    private static Path tarball;
    private static String version;

    @BeforeAll
    static void packaged() throws IOException, InterruptedException {
        assumeTrue(isRoot(), "needs root: installs the package into a Debian root with dpkg in a chroot");
        assumeTrue(run(List.of("unshare", "--mount", "--", "true"), 30).exit() == 0,
                "needs unshare --mount (a container may forbid it)");
        Path target = CHECKOUT.resolve("target");
        if (!packagesCurrent(target)) {
            Path script = CHECKOUT.resolve("bin/package");
            if (!Files.isExecutable(script)) {
                fail("bin/package is missing (or not executable): nothing makes the .deb and the tarball to test");
            }
            Run packaging = run(List.of(script.toString()), 20 * 60);
            assertEquals(0, packaging.exit(), () -> "bin/package failed:\n" + packaging);
        }
        deb = newest(target, DEB_NAME);
        tarball = newest(target, TARBALL_NAME);
        if (deb == null || tarball == null) {
            fail("bin/package made no target/sockscope_VERSION_amd64.deb and target/sockscope-VERSION-linux-x64.tar.gz");
        }
        version = versionOf(deb, DEB_NAME);
        assertEquals(version, versionOf(tarball, TARBALL_NAME), "the .deb and the tarball disagree on the version");
    }

    @Test
    void theDebInstallsRunsWithoutAJdkAndRemovesEveryFileItInstalled() throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("sockscope-debian-");
        try {
            Path root = scratch.resolve("root");
            Run made = run(List.of(CHECKOUT.resolve("bin/debian-root").toString(), root.toString()), 20 * 60);
            assumeTrue(made.exit() != MIRROR_UNREACHABLE, made.stderr().strip());
            assertEquals(0, made.exit(), () -> "bin/debian-root failed:\n" + made);
            // The package's services are none of this test's business: a policy-rc.d that forbids every action
            // keeps a maintainer script from starting one, as in any chroot.
            Path policy = root.resolve("usr/sbin/policy-rc.d");
            Files.writeString(policy, "#!/bin/sh\nexit 101\n");
            assertTrue(policy.toFile().setExecutable(true, false));
            Files.copy(deb, root.resolve("tmp/sockscope.deb"));

            Run install = inRoot(root, "dpkg -i /tmp/sockscope.deb");
            assertEquals(0, install.exit(), () -> "dpkg -i:\n" + install);
            Run listed = inRoot(root, "dpkg -L sockscope");
            assertEquals(0, listed.exit(), () -> "dpkg -L:\n" + listed);
            List<String> files = listed.stdout().lines().filter(l -> l.startsWith("/") && !l.equals("/.")).toList();
            String installed = "dpkg -L sockscope:\n" + String.join("\n", files);
            assertTrue(files.contains("/usr/bin/sockscope"), installed);

            Run java = inRoot(root, "which java");
            assertNotEquals(0, java.exit(), () -> "the root has a java: " + java);
            Run mvn = inRoot(root, "which mvn");
            assertNotEquals(0, mvn.exit(), () -> "the root has a mvn: " + mvn);

            Run listing = inRoot(root, "sockscope -tlnp");
            assertEquals(0, listing.exit(), () -> "sockscope -tlnp:\n" + listing);
            assertEquals(LISTING_HEADER, firstLine(listing.stdout()).replaceAll("\\s+", " "), listing::toString);

            Run versionRun = inRoot(root, "sockscope -V");
            assertEquals(0, versionRun.exit(), () -> "sockscope -V:\n" + versionRun);
            assertTrue(firstLine(versionRun.stdout()).startsWith("sockscope " + version + " "), versionRun::toString);
            for (String wanted : VERSION_SAYS_CACHE_AND_JNI_IN_USE) {
                assertTrue(versionRun.stdout().contains(wanted), () -> "wanted: " + wanted + "\n" + versionRun);
            }

            Run man = inRoot(root, "MANPAGER=cat man -l /usr/share/man/man8/sockscope.8.gz");
            assertEquals(0, man.exit(), () -> "man -l:\n" + man);
            assertTrue(man.stdout().contains("SYNOPSIS"), man::toString);

            Run completion = inRoot(root, """
                    source /usr/share/bash-completion/bash_completion
                    source /usr/share/bash-completion/completions/sockscope
                    complete -p sockscope
                    COMP_WORDS=(sockscope -t); COMP_CWORD=1; COMP_LINE="sockscope -t"; COMP_POINT=${#COMP_LINE}
                    _sockscope sockscope -t sockscope
                    printf '%s\\n' "${COMPREPLY[@]}"
                    """);
            assertEquals(0, completion.exit(), () -> "bash completion of sockscope -t<Tab>:\n" + completion);
            assertTrue(completion.stdout().lines().anyMatch(l -> l.startsWith("complete ")
                    && l.endsWith(" sockscope")), completion::toString);
            assertTrue(completion.stdout().lines().anyMatch("-t"::equals),
                    () -> "-t is not among the completions of sockscope -t<Tab>:\n" + completion);

            // dpkg -r keeps conffiles, by design, for a later install; dpkg --purge must take those too.
            Run conffiles = inRoot(root, "dpkg-query -W -f='${Conffiles}\\n' sockscope");
            assertEquals(0, conffiles.exit(), conffiles::toString);
            List<String> kept = conffiles.stdout().lines().map(String::strip).filter(l -> l.startsWith("/"))
                    .map(l -> l.split("\\s+")[0]).toList();
            Files.writeString(root.resolve("tmp/sockscope.list"), String.join("\n", files) + "\n");
            Run removal = inRoot(root, "dpkg -r sockscope");
            assertEquals(0, removal.exit(), () -> "dpkg -r:\n" + removal);
            List<String> left = leftOver(root);
            assertEquals(kept.stream().filter(left::contains).toList(), left,
                    () -> "dpkg -r left " + left + " behind (other than conffiles and shared directories)\n" + installed);
            Run purge = inRoot(root, "dpkg --purge sockscope");
            assertEquals(0, purge.exit(), () -> "dpkg --purge:\n" + purge);
            List<String> purged = leftOver(root);
            assertEquals(List.of(), purged, () -> "dpkg --purge left " + purged + " behind\n" + installed);
        } finally {
            remove(scratch);
        }
    }

    @Test
    void theTarballRunsUnpackedWithEveryJdkHidden() throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("sockscope-tarball-");
        try {
            Run unpacked = run(List.of("tar", "-xzf", tarball.toString(), "-C", scratch.toString()), 120);
            assertEquals(0, unpacked.exit(), unpacked::toString);
            Path launcher = launcherIn(scratch);
            // The host has JDKs (and a java on /usr/bin through the alternatives): an empty tmpfs over
            // /usr/lib/jvm and /usr/share/maven, in a mount namespace of the command's own, hides them all.
            String hide = Stream.of("/usr/lib/jvm", "/usr/share/maven").filter(d -> Files.isDirectory(Path.of(d)))
                    .map(d -> "mount -t tmpfs none " + d + " && ").reduce("", String::concat);
            List<String> noJdk = List.of("unshare", "--mount", "--", "sh", "-c",
                    hide + "exec env -i PATH=/usr/bin:/bin \"$@\"", "sh");

            Run java = run(concat(noJdk, "sh", "-c", "java -version"), 60);
            assertNotEquals(0, java.exit(), () -> "a java is still there: " + java);
            Run listing = run(concat(noJdk, launcher.toString(), "-tlnp"), 120);
            assertEquals(0, listing.exit(), () -> launcher + " -tlnp:\n" + listing);
            assertEquals(LISTING_HEADER, firstLine(listing.stdout()).replaceAll("\\s+", " "), listing::toString);
            Run versionRun = run(concat(noJdk, launcher.toString(), "-V"), 120);
            assertEquals(0, versionRun.exit(), () -> launcher + " -V:\n" + versionRun);
            assertTrue(firstLine(versionRun.stdout()).startsWith("sockscope " + version + " "), versionRun::toString);
        } finally {
            remove(scratch);
        }
    }

    /** Whether target/ has both packages, each newer than every source (false when that cannot be told). */
    private static boolean packagesCurrent(Path target) throws IOException, InterruptedException {
        Path newestDeb = newest(target, DEB_NAME);
        Path newestTarball = newest(target, TARBALL_NAME);
        if (newestDeb == null || newestTarball == null) {
            return false;
        }
        // Tracked files and those git would track: not target/, not the launcher's build log.
        Run sources = run(List.of("git", "-C", CHECKOUT.toString(), "ls-files", "--cached", "--others",
                "--exclude-standard"), 60);
        if (sources.exit() != 0) {
            return false;
        }
        FileTime packaged = min(Files.getLastModifiedTime(newestDeb), Files.getLastModifiedTime(newestTarball));
        for (String name : sources.stdout().lines().toList()) {
            Path source = CHECKOUT.resolve(name);
            if (!name.contains("src/test/") && Files.exists(source)
                    && Files.getLastModifiedTime(source).compareTo(packaged) > 0) {
                return false;
            }
        }
        return true;
    }

    /** The installed files and directories of the list that are still there, but for directories others own. */
    private static List<String> leftOver(Path root) throws IOException, InterruptedException {
        Run check = inRoot(root, """
                while IFS= read -r path; do
                  if [ -d "$path" ] && [ ! -L "$path" ]; then
                    dpkg-query -S "$path" >/dev/null 2>&1 || printf '%s\\n' "$path"
                  elif [ -e "$path" ] || [ -L "$path" ]; then
                    printf '%s\\n' "$path"
                  fi
                done </tmp/sockscope.list
                """);
        assertEquals(0, check.exit(), check::toString);
        return check.stdout().lines().toList();
    }

    /** {@code bin/sockscope} of the unpacked tarball: at its top or in its one top directory. */
    private static Path launcherIn(Path dir) throws IOException {
        Path top = dir.resolve("bin/sockscope");
        if (Files.isExecutable(top)) {
            return top;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> found = entries.map(e -> e.resolve("bin/sockscope")).filter(Files::isExecutable).toList();
            assertEquals(1, found.size(), () -> "no single bin/sockscope in the tarball: " + found);
            return found.get(0);
        }
    }

    /** Runs a bash script in the root, with /proc, /sys and /dev bound in, in a mount namespace of its own. */
    private static Run inRoot(Path root, String script) throws IOException, InterruptedException {
        return run(List.of("unshare", "--mount", "--", "sh", "-c",
                "for d in proc sys dev; do mount --bind \"/$d\" \"$0/$d\" || exit 125; done; "
                        + "exec chroot \"$0\" /usr/bin/env -i " + ROOT_PATH + " HOME=/root LANG=C.UTF-8 "
                        + "/bin/bash -c \"$1\"", root.toString(), script), 300);
    }

    private static Run run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("sockscope-run-", ".out");
        Path err = Files.createTempFile("sockscope-run-", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(CHECKOUT.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail("timed out after " + timeoutSeconds + " s: " + command + "\n" + Files.readString(err));
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Removes a directory tree, never crossing into a mount (there should be none left; this makes sure). */
    private static void remove(Path dir) throws IOException, InterruptedException {
        Run removed = run(List.of("rm", "-rf", "--one-file-system", dir.toString()), 300);
        assertEquals(0, removed.exit(), () -> "could not remove " + dir + ":\n" + removed);
    }

    private static Path newest(Path dir, Pattern name) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> matching = entries.filter(p -> name.matcher(p.getFileName().toString()).matches()).toList();
            Path newest = null;
            for (Path candidate : matching) {
                if (newest == null
                        || Files.getLastModifiedTime(candidate).compareTo(Files.getLastModifiedTime(newest)) > 0) {
                    newest = candidate;
                }
            }
            return newest;
        }
    }

    private static String versionOf(Path file, Pattern name) {
        Matcher matcher = name.matcher(file.getFileName().toString());
        assertTrue(matcher.matches(), file::toString);
        return matcher.group(1);
    }

    private static FileTime min(FileTime a, FileTime b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private static List<String> concat(List<String> prefix, String... rest) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(Arrays.asList(rest));
        return all;
    }

    private static boolean isRoot() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
    }

    /** A finished command: its exit status, stdout and stderr. */
    private record Run(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }
}
