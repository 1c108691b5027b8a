package io.sockscope.cli;

/**
 * The shell completions of sockscope for bash, zsh and fish, written from the same tables the manual is
 * ({@link OptionDocs}, {@link DoctorOptionDocs}, {@link CommandWords}). None of them starts the command: the
 * namespace names for {@code -N} are listed from /run/netns by the shell itself.
 */
final class Completions {
    /**
     * The variable the scripts read the named-namespace directory from, /run/netns when unset: tests point it at
     * a directory of their own.
     */
    static final String NETNS_DIRECTORY_VARIABLE = "SOCKSCOPE_NETNS_DIR";

    private Completions() {
    }

    /** The bash script: a function {@code _sockscope}, registered with {@code complete -F}. */
    static String bash() {
        return BashCompletion.script();
    }

    /** The zsh script, a {@code #compdef} function file named {@code _sockscope}. */
    static String zsh() {
        return ZshCompletion.script();
    }

    /** The fish script, {@code complete -c sockscope} lines. */
    static String fish() {
        return FishCompletion.script();
    }
}
