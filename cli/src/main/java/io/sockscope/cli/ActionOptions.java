package io.sockscope.cli;

/**
 * What a command line asks sockscope to do besides listing: {@code -D FILE} (write the raw TCP dump),
 * {@code -K} (close what is listed), {@code -E} (follow destroy events), {@code -N NAME} (work in a named
 * network namespace).
 *
 * @param dumpFile  the {@code -D} file ({@code -} or any name starting with '-' is stdout), or null
 * @param kill      {@code -K}
 * @param events    {@code -E}
 * @param namespace the {@code -N} name, or null
 * @param narrowed  whether the sockets were narrowed by a filter expression, a filter file, state words or
 *                  {@code -l}: what {@code -K} demands before it closes anything
 */
record ActionOptions(String dumpFile, boolean kill, boolean events, String namespace, boolean narrowed) {

    /** Reads the action options; the last {@code -D} and the last {@code -N} win, as they do in ss. */
    static ActionOptions parse(CommandLine line) {
        String dumpFile = null;
        boolean kill = false;
        boolean events = false;
        String namespace = null;
        boolean narrowed = !line.operands().isEmpty();
        for (CommandLine.Option o : line.options()) {
            switch (o.key()) {
                case "D" -> dumpFile = o.argument();
                case "K" -> kill = true;
                case "E" -> events = true;
                case "N" -> namespace = o.argument();
                case "F", "l" -> narrowed = true;
                default -> {
                }
            }
        }
        return new ActionOptions(dumpFile, kill, events, namespace, narrowed);
    }

    /**
     * Refuses combinations sockscope will not run: {@code -K} that would close every socket of the chosen
     * tables (ss closes them all; sockscope wants them named), and {@code -K} with {@code -E}.
     */
    void check() throws UsageException {
        if (kill && !narrowed) {
            throw new UsageException("-K closes every socket it lists: name them with a filter expression or a"
                    + " state (e.g. -K dport = :80, -K state established)", 1);
        }
        if (kill && events) {
            throw new UsageException("-K cannot be combined with -E: destroyed sockets cannot be closed again", 1);
        }
    }
}
