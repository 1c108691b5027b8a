package io.sockscope.differential;

import io.sockscope.testing.CommandRun;
import io.sockscope.testing.JniLibrary;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two command lines under comparison, given the same flags: the reference, the installed iproute2
 * {@code ss}, and a candidate. The candidate is normally the sockscope CLI ({@code io.sockscope.cli.Main})
 * run from this build's {@code target/classes} and runtime libraries by the JDK that runs the tests (the jar
 * does not exist yet in the test phase), with the start-up options of {@code bin/sockscope}, which change
 * nothing visible but start it faster, and through the JNI library when {@code bin/build-native} has built
 * it. Checks of the harness itself use another command as the candidate (ss itself).
 */
final class ToolCommands {

    static final String CLI_MAIN_CLASS = "io.sockscope.cli.Main";

    private final String candidateName;
    private final List<String> candidate;
    private final Optional<Path> mainClassFile;

    private ToolCommands(String candidateName, List<String> candidate, Optional<Path> mainClassFile) {
        this.candidateName = candidateName;
        this.candidate = List.copyOf(candidate);
        this.mainClassFile = mainClassFile;
    }

    /** ss against the sockscope CLI of this build: {@code java.home}'s java on the main classes directory. */
    static ToolCommands ofThisBuild() {
        Path classes;
        try {
            classes = Path.of(ToolCommands.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolveSibling("classes");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the command's classes", e);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xss512k",
                "--enable-native-access=ALL-UNNAMED"));
        // The C library calls go through the JNI library when it is built, as in bin/sockscope.
        command.addAll(JniLibrary.options());
        command.addAll(List.of("-cp", CommandRun.cliClassPath(), CLI_MAIN_CLASS));
        return new ToolCommands("sockscope", command, Optional.of(classes.resolve(CLI_MAIN_CLASS.replace('.', '/') + ".class")));
    }

    /** ss against an arbitrary candidate command (for checking that the harness itself is right). */
    static ToolCommands ssAgainst(String name, List<String> candidate) {
        return new ToolCommands(name, candidate, Optional.empty());
    }

    /** What the candidate is called in messages. */
    String candidateName() {
        return candidateName;
    }

    List<String> ss(List<String> flags) {
        List<String> command = new ArrayList<>();
        command.add("ss");
        command.addAll(flags);
        return command;
    }

    List<String> candidate(List<String> flags) {
        List<String> command = new ArrayList<>(candidate);
        command.addAll(flags);
        return command;
    }

    /** Why the candidate cannot run, if it cannot: the CLI's main class has not been compiled. */
    Optional<String> whyCandidateMissing() {
        return mainClassFile.filter(file -> !Files.isRegularFile(file))
                .map(file -> "the sockscope CLI is not built: " + file + " does not exist");
    }
}
