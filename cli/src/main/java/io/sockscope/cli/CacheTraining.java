package io.sockscope.cli;

import java.util.List;
import java.util.Map;

/**
 * What {@code bin/sockscope} runs once per build to train the JVM's ahead-of-time cache: several command lines
 * one after another in one JVM, since a cache is trained by a single run and holds only the classes that run
 * used. {@code -anp} lists every table with owners; {@code -tln}, a listing without them, adds the few
 * classes of that path; {@code -s}, the summary, shares little with a listing, and
 * without it a summary loads a fifth of its classes from the jar (~10 ms); {@code --all-netns -tanp} adds the
 * run across namespaces (discovery, a thread per namespace, the Netns column), some 120 classes that a listing
 * of every namespace would otherwise load from the jar. Without the privilege to enter other namespaces it
 * lists its own, which loads the same classes.
 */
public final class CacheTraining {
    /** The command lines of a training, in order. */
    static final List<List<String>> COMMAND_LINES = List.of(List.of("-anp"), List.of("-tln"), List.of("-s"),
            List.of("--all-netns", "-tanp"));

    private CacheTraining() {
    }

    /** Runs every command line and ends with the worst status, as {@link Main} ends. */
    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        int worst = 0;
        for (List<String> line : COMMAND_LINES) {
            worst = Math.max(worst, Main.run(line.toArray(String[]::new), environment));
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(worst);
    }
}
