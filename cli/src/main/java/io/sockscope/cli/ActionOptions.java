package io.sockscope.cli;

/**
 * What a command line asks sockscope to do besides listing: {@code -D FILE} (write the raw TCP dump),
 * {@code -K} (close what is listed), {@code -E} (follow destroy events), {@code -N NAME} (work in a named
 * network namespace), {@code --all-netns} (every network namespace at once).
 *
 * @param dumpFile  the {@code -D} file ({@code -} or any name starting with '-' is stdout), or null
 * @param kill      {@code -K}
 * @param events    {@code -E}
 * @param namespace the {@code -N} name, or null
 * @param allNamespaces {@code --all-netns}
 */
record ActionOptions(String dumpFile, boolean kill, boolean events, String namespace, boolean allNamespaces) {

    ActionOptions(String dumpFile, boolean kill, boolean events, String namespace) {
        this(dumpFile, kill, events, namespace, false);
    }

    /** Reads the action options; the last {@code -D} and the last {@code -N} win, as they do in ss. */
    static ActionOptions parse(CommandLine line) {
        String dumpFile = null;
        boolean kill = false;
        boolean events = false;
        String namespace = null;
        boolean allNamespaces = false;
        for (CommandLine.Option o : line.options()) {
            switch (o.key()) {
                case "D" -> dumpFile = o.argument();
                case "K" -> kill = true;
                case "E" -> events = true;
                case "N" -> namespace = o.argument();
                case "all-netns" -> allNamespaces = true;
                default -> {
                }
            }
        }
        return new ActionOptions(dumpFile, kill, events, namespace, allNamespaces);
    }

    /**
     * Refuses {@code -K} with {@code -E}. Whether {@code -K} names its sockets is known only once the filter
     * is parsed ({@link #checkKillIsNarrowed}).
     */
    void check() throws UsageException {
        if (kill && events) {
            throw new UsageException("-K cannot be combined with -E: destroyed sockets cannot be closed again", 1);
        }
        if (allNamespaces) {
            // Each of these works in one namespace: say which cannot be combined, rather than pick one namespace.
            String other = namespace != null ? "-N" : kill ? "-K" : events ? "-E" : dumpFile != null ? "-D" : null;
            if (other != null) {
                throw new UsageException("--all-netns cannot be combined with " + other + ", which works in one"
                        + " network namespace", 1);
            }
        }
    }

    /**
     * Refuses {@code -K} that would close every socket of the chosen tables (ss closes them all; sockscope wants
     * them named). The parsed filter decides, not the words: {@code -K ""}, {@code -K -F /dev/null} or
     * {@code -K sport >= :0} name nothing.
     *
     * @param filterNarrows  whether the parsed expression can leave an inet socket out
     * @param statesNarrowed whether state words or {@code -l} left out some connections
     */
    void checkKillIsNarrowed(boolean filterNarrows, boolean statesNarrowed) throws UsageException {
        if (kill && !filterNarrows && !statesNarrowed) {
            throw new UsageException("-K closes every socket it lists: name them with a filter expression or a"
                    + " state (e.g. -K dport = :80, -K state established)", 1);
        }
    }
}
