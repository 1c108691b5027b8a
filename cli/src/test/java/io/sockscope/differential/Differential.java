package io.sockscope.differential;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
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
 * <p>Cases marked {@link FlagCase#masked()} (timers, TCP internals) are compared after {@link LiveValueMask}
 * on both outputs: the numbers that move by themselves are hidden, everything else must still match.
 *
 * <p>A rejected command line must be rejected with ss's exit code and the same (empty) stdout, and sockscope
 * must explain it in exactly one line of its own on stderr ({@code sockscope: ...}), never a stack trace.
 * The wording is sockscope's: ss's usage text is not reproduced.
 *
 * <p>{@code COLUMNS=N} asks for what ss prints on a terminal N columns wide (newer iproute2 reads COLUMNS
 * when stdout is not a terminal; the installed 6.1 does not), so for those cases the installed ss runs on a
 * pseudo-terminal of that width ({@code script} plus {@code stty cols N}) and its CR LF line ends are
 * turned back into LF.
 */
final class Differential {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
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
        List<String> ourLines = ours.stderrText().lines().toList();
        boolean oneOwnLine = ourLines.size() == 1 && ourLines.get(0).startsWith(name() + ": ")
                && ourLines.get(0).length() > name().length() + 2;
        boolean stackTrace = ours.stderrText().contains("Exception") || ours.stderrText().contains("\tat ");
        if (!oneOwnLine || stackTrace) {
            why.append(name()).append(" must explain a rejection in one line starting with '").append(name())
                    .append(": ' and no stack trace\n");
        }
        if (why.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(header(flags) + why + stderrOf("ss", ss) + stderrOf(name(), ours));
    }

    private Optional<String> listingDifference(FlagCase flags, CommandResult ss, CommandResult ours) {
        boolean masked = flags.maskLiveValues();
        String ssText = masked ? LiveValueMask.apply(ss.stdoutText()) : ss.stdoutText();
        String ourText = masked ? LiveValueMask.apply(ours.stdoutText()) : ours.stdoutText();
        boolean ownSockDiag = OwnSockDiagLines.presentIn(ssText);
        String expected = ownSockDiag ? OwnSockDiagLines.normalised(ssText) : ssText;
        String actual = ownSockDiag ? OwnSockDiagLines.normalised(ourText) : ourText;
        boolean sameOutput = ownSockDiag || masked ? expected.equals(actual)
                : Arrays.equals(ss.stdout(), ours.stdout());
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
            if (masked) {
                why.append("(live values masked on both sides, trailing blanks dropped: see LiveValueMask)\n");
            }
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
        String columns = flags.environment().get("COLUMNS");
        if (columns == null) {
            return runner.run(placement.apply(tools.ss(flags.flags())), flags.environment(), TIMEOUT);
        }
        java.util.Map<String, String> environment = new java.util.TreeMap<>(flags.environment());
        environment.remove("COLUMNS");
        List<String> onTerminal = PseudoTerminal.wrap(tools.ss(flags.flags()), Integer.parseInt(columns));
        return PseudoTerminal.unwrap(runner.run(placement.apply(onTerminal), environment, TIMEOUT));
    }

    private CommandResult runCandidate(FlagCase flags) throws IOException, InterruptedException {
        return runner.run(placement.apply(tools.candidate(flags.flags())), flags.environment(), TIMEOUT);
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
