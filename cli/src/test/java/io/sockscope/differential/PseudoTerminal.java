package io.sockscope.differential;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs a command with a pseudo-terminal of a given width as its stdout ({@code script} from util-linux plus
 * {@code stty cols N}), the way a person at a shell runs it, and gives back what it wrote with the
 * terminal's CR LF line ends turned back into LF. Everything else stays byte for byte, since what is
 * compared is often not UTF-8.
 */
final class PseudoTerminal {
    private PseudoTerminal() {
    }

    /** {@code command} wrapped to run on a terminal {@code columns} wide. */
    static List<String> wrap(List<String> command, int columns) {
        String shellLine = "stty cols " + columns + " rows 50 && exec "
                + command.stream().map(PseudoTerminal::shellQuoted).collect(Collectors.joining(" "));
        return List.of("script", "-qec", shellLine, "/dev/null");
    }

    /** The output of a wrapped command as the command wrote it: each CR LF the terminal made is LF again. */
    static CommandResult unwrap(CommandResult onTerminal) {
        byte[] b = onTerminal.stdout();
        ByteArrayOutputStream lf = new ByteArrayOutputStream(b.length);
        for (int i = 0; i < b.length; i++) {
            if (!(b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n')) {
                lf.write(b[i]);
            }
        }
        return new CommandResult(onTerminal.command(), onTerminal.exitCode(), lf.toByteArray(), onTerminal.stderr());
    }

    private static String shellQuoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
