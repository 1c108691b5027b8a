package io.sockscope.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Writes the files a package installs besides the command, all generated from the option tables:
 * {@code OUTDIR/man/sockscope.8}, {@code OUTDIR/bash-completion/sockscope}, {@code OUTDIR/zsh/_sockscope} and
 * {@code OUTDIR/fish/sockscope.fish}. Prints nothing when it succeeds; a usage error exits 2, a failure to
 * write 1, each with one line. The page is dated by SOURCE_DATE_EPOCH when it is set, so that a package built
 * twice from one source is the same.
 */
public final class InstallFiles {
    private static final int USAGE_EXIT = 2;

    private InstallFiles() {
    }

    /**
     * Writes the files under the directory given.
     *
     * @param args one word: the output directory
     */
    public static void main(String[] args) {
        if (args.length != 1 || args[0].isEmpty()) {
            System.err.println("usage: java io.sockscope.cli.InstallFiles OUTDIR");
            System.exit(USAGE_EXIT);
        }
        LocalDate date;
        try {
            date = pageDate(System.getenv());
        } catch (NumberFormatException e) {
            System.err.println("sockscope: SOURCE_DATE_EPOCH is not a number of seconds: "
                    + System.getenv("SOURCE_DATE_EPOCH"));
            System.exit(USAGE_EXIT);
            return;
        }
        try {
            write(Path.of(args[0]), date);
        } catch (IOException e) {
            System.err.println("sockscope: cannot write the install files: " + e);
            System.exit(1);
        }
    }

    /** Writes the four files under {@code out}, creating its directories. */
    static void write(Path out, LocalDate date) throws IOException {
        put(out.resolve("man/sockscope.8"), ManPage.text(date));
        put(out.resolve("bash-completion/sockscope"), Completions.bash());
        put(out.resolve("zsh/_sockscope"), Completions.zsh());
        put(out.resolve("fish/sockscope.fish"), Completions.fish());
    }

    /** The build date reproducible builds agree on (SOURCE_DATE_EPOCH), else today, in UTC. */
    static LocalDate pageDate(Map<String, String> environment) {
        String epoch = environment.get("SOURCE_DATE_EPOCH");
        Instant when = epoch == null || epoch.isBlank() ? Instant.now() : Instant.ofEpochSecond(Long.parseLong(epoch.trim()));
        return LocalDate.ofInstant(when, ZoneOffset.UTC);
    }

    private static void put(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
