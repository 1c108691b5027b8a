package io.sockscope.cli;

import io.sockscope.kernel.NativeLayer;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * Entry point of the {@code sockscope} command: an ss-compatible listing. The only place that prints to the
 * user's terminal or decides the exit code; everything it calls reports through return values and exceptions.
 */
public final class Main {
    /** A shell reports a process killed by SIGPIPE as 128 + 13; ss ends that way when its reader goes away. */
    private static final int BROKEN_PIPE_EXIT = 141;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv());
        // Halt rather than exit (docs/startup.md). The streams are flushed here, and no hook is left that must
        // run: StopOnSignal restores its handlers once the command it guards has stopped.
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    static int run(String[] typed, java.util.Map<String, String> typedEnvironment) {
        PrintStream err = System.err;
        // Names are bytes on Linux; the JVM decoded argv and the environment with the locale's character set.
        RawArguments raw = RawArguments.of(typed);
        String[] args = raw.repaired(typed);
        java.util.Map<String, String> environment = EnvironmentPaths.reachable(typedEnvironment);
        boolean debug = Arrays.asList(args).contains("--debug");
        if (debug) {
            // A missing or stale cache only costs start-up time; --debug is where that is worth a line.
            RuntimeReport.unusedCacheNote().ifPresent(note -> err.println("sockscope: " + note));
        }
        OutputStream stdout = new BufferedOutputStream(
                OutputFailure.naming("standard output", new FileOutputStream(FileDescriptor.out)), 64 * 1024);
        if (args.length > 0 && args[0].equals("help")) {
            // ss reads "help" as a filter it cannot parse, so taking it as a sub-command loses nothing.
            return help(Arrays.copyOfRange(args, 1, args.length), stdout, err);
        }
        if (args.length > 0 && args[0].equals("doctor")) {
            return DoctorCommand.run(Arrays.copyOfRange(args, 1, args.length), environment, stdout, err);
        }
        try {
            // The dialect decides which options there are (7.1 has -Q and -B): chosen before the line is parsed.
            DialectChoice dialect = SsDialectChoice.choose(args, environment, new InstalledSs(environment));
            CommandLine line = CommandLine.parse(args, dialect.dialect());
            String command = args.length > 0 && !line.operands().isEmpty() ? args[0] : "";
            if (command.equals("watch") || command.equals("leaks") || command.equals("top")
                    || command.equals("serve")) {
                // Like "help", these would be filters ss cannot parse. The words are parsed whole so that each
                // option keeps its place in argv, which -F's raw bytes are found by.
                CommandLine rest = new CommandLine(line.options(), line.operands().subList(1, line.operands().size()));
                if (rest.options().stream().anyMatch(o -> o.key().equals("h"))) {
                    stdout.write(Help.TEXT.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    stdout.flush();
                    return 0;
                }
                int code = switch (command) {
                    case "watch" -> WatchCommand.run(rest, raw, environment, err, stdout);
                    case "leaks" -> LeaksCommand.run(rest, raw, environment, err, stdout);
                    case "serve" -> ServeCommand.run(rest, environment, err);
                    default -> TopCommand.run(rest, raw, environment, err, stdout);
                };
                stdout.flush();
                return code;
            }
            for (CommandLine.Option o : line.options()) {
                // ss answers "-f help" with its usage text, as -h.
                boolean familyHelp = o.key().equals("f") && "help".equals(o.argument());
                switch (familyHelp ? "h" : o.key()) {
                    case "h" -> {
                        stdout.write(Help.TEXT.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        stdout.flush();
                        return 0;
                    }
                    case "v", "V" -> {
                        // The first line is what scripts parse; the runtime, the cache and the native calls follow.
                        stdout.write(("sockscope " + Version.VALUE + " (ss-compatible listing of iproute2 "
                                + dialect.dialect().label() + ")\n" + "ss dialect: " + dialect.dialect().label()
                                + " (" + dialect.reason() + ")\n" + RuntimeReport.lines())
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        stdout.flush();
                        return 0;
                    }
                    default -> {
                    }
                }
            }
            ListingOptions options = ListingOptionsParser.parse(line, raw, dialect.dialect());
            int code = Actions.run(line, raw, options, environment, err, stdout);
            stdout.flush();
            return code;
        } catch (UsageException e) {
            flushQuietly(stdout);
            String hint = e.pointsToHelp() ? " (sockscope -h lists the options)" : "";
            err.println("sockscope: " + e.getMessage() + hint);
            return e.exitCode();
        } catch (OutputFailure e) {
            if (debug) {
                e.printStackTrace(err);
            }
            // Writing to a closed pipe (sockscope -tan | head) is a normal way for a listing to end.
            if (e.brokenPipe()) {
                return BROKEN_PIPE_EXIT;
            }
            err.println("sockscope: " + e.describe());
            return 1;
        } catch (IOException e) {
            err.println("sockscope: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        } catch (java.nio.file.InvalidPathException e) {
            // The JVM names files in the locale's character set; under LC_ALL=C that is ASCII.
            flushQuietly(stdout);
            err.println("sockscope: cannot name the file \"" + e.getInput() + "\" in this locale's character set ("
                    + System.getProperty("sun.jnu.encoding") + "): run sockscope in a UTF-8 locale (LC_ALL=C.UTF-8)");
            return 1;
        } catch (RuntimeException e) {
            flushQuietly(stdout);
            err.println("sockscope: internal error: " + e + (debug ? "" : " (run with --debug for details)"));
            if (debug) {
                printDebugDetails(e, err);
            }
            return 1;
        } catch (OutOfMemoryError e) {
            // One line, not a stack trace: the heap is the JVM's default share of memory unless -Xmx says more.
            err.println("sockscope: out of memory: " + e.getMessage());
            return 1;
        } catch (Error e) {
            flushQuietly(stdout);
            err.println("sockscope: fatal error: " + e + (debug ? "" : " (run with --debug for details)"));
            if (debug) {
                printDebugDetails(e, err);
            }
            return 1;
        }
    }

    /** What {@code --debug} adds to an unexpected failure: the stack trace, and which native calls served the run. */
    private static void printDebugDetails(Throwable e, PrintStream err) {
        e.printStackTrace(err);
        err.println("sockscope: native calls: " + NativeLayer.describe());
    }

    /** {@code sockscope help [doctor]}: the listing's help, or a sub-command's. */
    private static int help(String[] topic, OutputStream stdout, PrintStream err) {
        String text;
        if (topic.length == 0) {
            text = Help.TEXT;
        } else if (topic.length == 1 && topic[0].equals("doctor")) {
            text = DoctorHelp.TEXT;
        } else {
            err.println("sockscope: no help on '" + String.join(" ", topic) + "': try sockscope help, or"
                    + " sockscope help doctor");
            return UsageException.SS_USAGE_EXIT;
        }
        try {
            stdout.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            stdout.flush();
            return 0;
        } catch (IOException e) {
            return e instanceof OutputFailure f && f.brokenPipe() ? BROKEN_PIPE_EXIT : 1;
        }
    }

    private static void flushQuietly(OutputStream out) {
        try {
            out.flush();
        } catch (IOException e) {
            // Nothing more can be shown on a closed stdout.
        }
    }
}
