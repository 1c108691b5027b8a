package io.sockscope.differential;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gives one {@link FlagCase} to both tools and explains, for a person, how their results differ.
 *
 * <p>A listing must match ss exactly: same exit code, byte-identical stdout (stderr is free: ss itself
 * writes kernel complaints there that have nothing to do with the listing). The one exception is the
 * lister's own sock_diag socket, see {@link OwnSockDiagLines}. Because the zoo is a live kernel, a socket
 * can change between the two runs (a TIME-WAIT expiring); so when they disagree ss runs once more, and a
 * sockscope output equal to that later ss output counts as agreement. Otherwise the report diffs against
 * the first ss run.
 *
 * <p>A rejected command line must be rejected the same way: same exit code, same (empty) stdout, the same
 * first line on stderr once the program name that starts it ({@code ss:} or {@code sockscope:}) is set
 * aside, and a usage text after it from both or from neither.
 */
final class Differential {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern PROGRAM_NAME = Pattern.compile("^(?:ss|sockscope|\\S*/ss): ");
    private static final int STDERR_LINES_SHOWN = 12;

    private final CommandRunner runner;
    private final ToolCommands tools;
    private final UnaryOperator<List<String>> placement;
    private final String where;

    /**
     * @param placement wraps a command so that it runs where the sockets are (e.g. inside the zoo namespace)
     * @param where     says where that is, for messages
     */
    Differential(CommandRunner runner, ToolCommands tools, UnaryOperator<List<String>> placement, String where) {
        this.runner = runner;
        this.tools = tools;
        this.placement = placement;
        this.where = where;
    }

    /** Why the candidate's listing for {@code flags} is not ss's, or empty when it is. */
    Optional<String> listingMismatch(FlagCase flags) throws IOException, InterruptedException {
        CommandResult ss = runSs(flags);
        CommandResult ours = runCandidate(flags);
        Optional<String> difference = listingDifference(flags, ss, ours);
        if (difference.isEmpty()) {
            return difference;
        }
        CommandResult ssAgain = runSs(flags);
        if (listingDifference(flags, ssAgain, ours).isEmpty()) {
            return Optional.empty(); // the zoo moved between the first ss run and the candidate's
        }
        boolean ssMoved = !Arrays.equals(ss.stdout(), ssAgain.stdout())
                && listingDifference(flags, ss, ssAgain).isPresent();
        return difference.map(text -> ssMoved
                ? text + "(note: ss's own output changed between two runs, so part of this may be the zoo moving)\n"
                : text);
    }

    /** Why the candidate's rejection of {@code flags} is not ss's, or empty when it is the same. */
    Optional<String> rejectionMismatch(FlagCase flags) throws IOException, InterruptedException {
        CommandResult ss = runSs(flags);
        CommandResult ours = runCandidate(flags);
        StringBuilder why = new StringBuilder();
        if (ss.exitCode() != ours.exitCode()) {
            why.append("exit code: ss ").append(ss.exitCode()).append(", ").append(name()).append(' ').append(ours.exitCode())
                    .append('\n');
        }
        if (!Arrays.equals(ss.stdout(), ours.stdout())) {
            why.append("stdout differs:\n")
                    .append(LineDiff.render("ss stdout", ss.stdoutText(), name() + " stdout", ours.stdoutText()));
        }
        String ssMessage = firstLineWithoutProgramName(ss.stderrText());
        String ourMessage = firstLineWithoutProgramName(ours.stderrText());
        if (!ssMessage.equals(ourMessage)) {
            why.append("first stderr line (program name set aside) differs:\n")
                    .append("  ss: ").append(LineDiff.visible(ssMessage)).append('\n')
                    .append("  ").append(name()).append(": ").append(LineDiff.visible(ourMessage)).append('\n');
        }
        if (showsUsage(ss.stderrText()) != showsUsage(ours.stderrText())) {
            why.append(showsUsage(ss.stderrText())
                    ? "ss prints its usage text after the message; " + name() + " does not\n"
                    : name() + " prints a usage text after the message; ss does not\n");
        }
        if (why.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(header(flags) + why + stderrOf("ss", ss) + stderrOf(name(), ours));
    }

    private Optional<String> listingDifference(FlagCase flags, CommandResult ss, CommandResult ours) {
        boolean ownSockDiag = OwnSockDiagLines.presentIn(ss.stdoutText());
        String expected = ownSockDiag ? OwnSockDiagLines.normalised(ss.stdoutText()) : ss.stdoutText();
        String actual = ownSockDiag ? OwnSockDiagLines.normalised(ours.stdoutText()) : ours.stdoutText();
        boolean sameOutput = ownSockDiag ? expected.equals(actual) : Arrays.equals(ss.stdout(), ours.stdout());
        if (sameOutput && ss.exitCode() == ours.exitCode()) {
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder(header(flags));
        if (ss.exitCode() != ours.exitCode()) {
            why.append("exit code: ss ").append(ss.exitCode()).append(", ").append(name()).append(' ').append(ours.exitCode())
                    .append('\n');
        }
        why.append(stderrOf(name(), ours));
        if (!sameOutput) {
            if (ownSockDiag) {
                why.append("(netlink table listed: each tool's own sock_diag line removed and blanks collapsed"
                        + " before comparing)\n");
            }
            why.append(LineDiff.render(flags.commandLine("ss"), expected, flags.commandLine(name()), actual));
        }
        return Optional.of(why.toString());
    }

    private String header(FlagCase flags) {
        return "ss and " + name() + " disagree on `" + flags + "` " + where + ":\n";
    }

    private String name() {
        return tools.candidateName();
    }

    private CommandResult runSs(FlagCase flags) throws IOException, InterruptedException {
        return runner.run(placement.apply(tools.ss(flags.flags())), flags.environment(), TIMEOUT);
    }

    private CommandResult runCandidate(FlagCase flags) throws IOException, InterruptedException {
        return runner.run(placement.apply(tools.candidate(flags.flags())), flags.environment(), TIMEOUT);
    }

    static String firstLineWithoutProgramName(String stderr) {
        String first = stderr.lines().findFirst().orElse("");
        return PROGRAM_NAME.matcher(first).replaceFirst("<program>: ");
    }

    private static boolean showsUsage(String stderr) {
        return stderr.lines().anyMatch(line -> line.startsWith("Usage:"));
    }

    private static String stderrOf(String tool, CommandResult result) {
        if (result.stderr().length == 0) {
            return "";
        }
        List<String> lines = result.stderrText().lines().toList();
        String shown = lines.stream().limit(STDERR_LINES_SHOWN).map(line -> "  | " + line)
                .collect(Collectors.joining("\n", "", "\n"));
        String more = lines.size() > STDERR_LINES_SHOWN
                ? "  | ... " + (lines.size() - STDERR_LINES_SHOWN) + " more lines\n" : "";
        return tool + " stderr:\n" + shown + more;
    }
}
