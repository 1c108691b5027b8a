package io.sockscope.cli;

import io.sockscope.render.SsDialect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ss installed on the host, and the dialect closest to it. Its version comes from {@code ss -V}, run once per
 * binary: the answer is kept in the user's cache directory under the binary's path, size, modification time and
 * inode, so a listing that finds it there starts no process (the quiet start-up budget holds). Without a cache
 * directory it asks every time; without an ss, or with one whose version cannot be read, the newest dialect
 * serves.
 */
final class InstalledSs {
    /** Where ss is when PATH does not say: a user's PATH often lacks the sbin directories. */
    private static final List<String> USUAL_DIRECTORIES = List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin");
    private static final long VERSION_TIMEOUT_MS = 2000;
    private static final String CACHE_FILE = "ss-version";
    private static final String PREFIX = "iproute2-";
    /** Longer numbers are not a release (and would not fit an int). */
    private static final int MAX_DIGITS = 8;

    private final Map<String, String> environment;

    InstalledSs(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The dialect of the installed ss and why; the newest when there is none. */
    DialectChoice dialect() {
        Path ss = find();
        if (ss == null) {
            return new DialectChoice(SsDialect.newest(), "no ss installed: the newest dialect");
        }
        String key = key(ss);
        String version = key == null ? null : cached(key);
        if (version == null) {
            version = ask(ss);
            if (version != null && key != null) {
                remember(key, version);
            }
        }
        if (version == null) {
            return new DialectChoice(SsDialect.newest(), "the version of " + ss + " could not be read: the newest"
                    + " dialect");
        }
        return new DialectChoice(dialectOf(version), "the installed ss: " + ss + ", " + version);
    }

    /**
     * The dialect closest to what {@code ss -V} printed ({@code iproute2-6.1.0}; {@code iproute2-ss200127}, a
     * release named by its date, is from before 5.5 and so older than 6.1); the newest when it names none.
     * Read by hand, as every run reads the cached text: a regular expression would cost a fresh JVM more.
     */
    static SsDialect dialectOf(String version) {
        int at = version.indexOf(PREFIX);
        if (at < 0) {
            return SsDialect.newest();
        }
        int i = at + PREFIX.length();
        if (version.startsWith("ss", i)) {
            return SsDialect.V6_1;
        }
        int majorEnd = digitsEnd(version, i);
        if (majorEnd == i || majorEnd >= version.length() || version.charAt(majorEnd) != '.') {
            return SsDialect.newest();
        }
        int minorEnd = digitsEnd(version, majorEnd + 1);
        if (minorEnd == majorEnd + 1 || minorEnd - i > MAX_DIGITS) {
            return SsDialect.newest();
        }
        return SsDialect.closestTo(Integer.parseInt(version, i, majorEnd, 10),
                Integer.parseInt(version, majorEnd + 1, minorEnd, 10));
    }

    private static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** The first executable named ss on PATH, then in the usual directories; null when there is none. */
    Path find() {
        List<String> directories = new ArrayList<>();
        String path = environment.get("PATH");
        if (path != null) {
            for (String d : path.split(":", -1)) {
                if (!d.isEmpty()) {
                    directories.add(d);
                }
            }
        }
        directories.addAll(USUAL_DIRECTORIES);
        for (String d : directories) {
            Path candidate = Path.of(d, "ss");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The binary as the cache knows it: a new build or install changes one of these. */
    private static String key(Path ss) {
        try {
            Path real = ss.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            return real + " " + a.size() + " " + a.lastModifiedTime().toMillis() + " " + a.fileKey();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private Path cacheFile() {
        String base = environment.get("XDG_CACHE_HOME");
        if (base == null || base.isEmpty() || !base.startsWith("/")) {
            String home = environment.get("HOME");
            if (home == null || home.isEmpty() || !home.startsWith("/")) {
                return null;
            }
            base = home + "/.cache";
        }
        return Path.of(base, "sockscope", CACHE_FILE);
    }

    /** The version remembered for {@code key}, or null. One line: the key, a tab, the version. */
    private String cached(String key) {
        Path file = cacheFile();
        if (file == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int tab = text.indexOf('\t');
            int end = text.indexOf('\n');
            if (tab < 0 || end < tab || !text.substring(0, tab).equals(key)) {
                return null;
            }
            return text.substring(tab + 1, end);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void remember(String key, String version) {
        Path file = cacheFile();
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".ss-version", ".tmp");
            try {
                Files.writeString(tmp, key + "\t" + version + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be written only means asking ss again next time.
        }
    }

    /** The first line of {@code ss -V}, trimmed, or null when it does not answer in time. */
    private static String ask(Path ss) {
        Process p;
        try {
            p = new ProcessBuilder(ss.toString(), "-V").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return null;
        }
        try (InputStream in = p.getInputStream()) {
            // Its one line fits the pipe: wait first, so a hung ss costs the timeout, not the run.
            if (!p.waitFor(VERSION_TIMEOUT_MS, TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                return null;
            }
            byte[] out = in.readNBytes(4096);
            String text = new String(out, StandardCharsets.UTF_8).strip();
            int nl = text.indexOf('\n');
            String first = nl < 0 ? text : text.substring(0, nl);
            return first.contains("iproute2") ? first.replace("ss utility, ", "") : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            p.destroyForcibly();
        }
    }
}
