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
 * @param root      {@code --root}: where the container runtimes' files are read for {@code --all-netns}, or null
 *                  for {@code /}
 */
record ActionOptions(String dumpFile, boolean kill, boolean events, String namespace, boolean allNamespaces,
                     String root) {

    ActionOptions(String dumpFile, boolean kill, boolean events, String namespace) {
        this(dumpFile, kill, events, namespace, false, null);
    }

    /** Reads the action options; the last {@code -D} and the last {@code -N} win, as they do in ss. */
    static ActionOptions parse(CommandLine line) {
        String dumpFile = null;
        boolean kill = false;
        boolean events = false;
        String namespace = null;
        boolean allNamespaces = false;
        String root = null;
        for (CommandLine.Option o : line.options()) {
            switch (o.key()) {
                case "D" -> dumpFile = o.argument();
                case "K" -> kill = true;
                case "E" -> events = true;
                case "N" -> namespace = o.argument();
                case "all-netns" -> allNamespaces = true;
                case "root" -> root = o.argument();
                default -> {
                }
            }
        }
        return new ActionOptions(dumpFile, kill, events, namespace, allNamespaces, root);
    }

    /**
     * Whether {@code -N} names a namespace as ss does, by its name under /run/netns (not {@code pid:N}, not a
     * path): ss then remounts /sys for it, which the listing mirrors.
     */
    boolean namespaceByName() {
        return namespace != null && !namespace.startsWith("pid:") && !namespace.startsWith("/");
    }

    /**
     * Refuses {@code -K} with {@code -E}. Whether {@code -K} names its sockets is known only once the filter
     * is parsed ({@link #checkKillIsNarrowed}).
     */
    void check() throws UsageException {
        if (kill && events) {
            throw new UsageException("-K cannot be combined with -E: destroyed sockets cannot be closed again", 1);
        }
        if (root != null && !allNamespaces) {
            throw new UsageException("--root names where container runtimes keep their files, which only"
                    + " --all-netns reads", 1);
        }
        if (root != null && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(root))) {
            throw new UsageException("--root " + root + ": not a directory", 1);
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
