package io.sockscope.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * A write that failed, with what was being written. A closed pipe ({@code sockscope -tan | head}) is a
 * normal way for a listing to end and ends it quietly as SIGPIPE ends ss; any other failure (a full disk,
 * {@code /dev/full}, a closed stdout) is reported, so that a truncated listing or dump never passes for a
 * whole one.
 */
final class OutputFailure extends IOException {
    private static final long serialVersionUID = 1L;

    private final String target;

    OutputFailure(String target, IOException cause) {
        super(cause.getMessage(), cause);
        this.target = target;
    }

    /** Whether the reader went away: EPIPE, whose text the JDK takes from the C library. */
    boolean brokenPipe() {
        String message = getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("broken pipe");
    }

    /** One line for the user: {@code cannot write standard output: No space left on device}. */
    String describe() {
        return "cannot write " + target + ": " + getMessage();
    }

    /** Wraps a stream so that its write failures say what was being written. */
    static OutputStream naming(String target, OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (OutputFailure e) {
                    throw e;
                } catch (IOException e) {
                    throw new OutputFailure(target, e);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (OutputFailure e) {
                    throw e;
                } catch (IOException e) {
                    throw new OutputFailure(target, e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (OutputFailure e) {
                    throw e;
                } catch (IOException e) {
                    throw new OutputFailure(target, e);
                }
            }
        };
    }
}
