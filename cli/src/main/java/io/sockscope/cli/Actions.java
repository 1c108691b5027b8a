package io.sockscope.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * Picks the command a command line runs, in ss's order: {@code -D} writes the raw TCP dump (before the
 * filter expression is even read), otherwise the listing runs, which {@code -E} turns into following destroy
 * events and {@code -K} into closing what is listed. With {@code -N} the chosen command runs in that network
 * namespace on a thread of its own ({@link NamespaceRunner}).
 */
final class Actions {
    private Actions() {
    }

    static int run(CommandLine line, RawArguments raw, ListingOptions options, Map<String, String> environment,
                   PrintStream err, OutputStream stdout) throws IOException, UsageException {
        ActionOptions actions = ActionOptions.parse(line);
        actions.check();
        // -D's file is opened by its bytes as typed, which argv's decoding may have lost.
        byte[] dumpFileBytes = actions.dumpFile() == null ? null : raw.argument(lastOption(line, "D"));
        NamespaceRunner.Body body = actions.dumpFile() != null
                ? () -> new DumpCommand(options, actions.dumpFile(), dumpFileBytes, err).run(stdout)
                : () -> new ListingCommand(options, environment, err, actions).run(stdout);
        if (actions.namespace() == null) {
            return body.run();
        }
        // The last -N wins, as in ss; its name is opened by its bytes, which argv's decoding may have lost.
        return NamespaceRunner.run(actions.namespace(), raw.argument(lastOption(line, "N")), body);
    }

    private static CommandLine.Option lastOption(CommandLine line, String key) {
        return line.options().stream().filter(o -> o.key().equals(key)).reduce((a, b) -> b).orElseThrow();
    }
}
