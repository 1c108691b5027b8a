package io.sockscope.cli;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Puts a fixed column in front of every line written through it: the {@code Netns} column of a listing over
 * every namespace, which leaves the rest of each line as ss prints it. The first line may take a prefix of its
 * own (the column's heading in front of ss's header). Never closes the stream under it.
 */
final class LinePrefixStream extends OutputStream {
    private final OutputStream out;
    private final byte[] firstPrefix;
    private final byte[] prefix;
    private boolean atLineStart = true;
    private boolean first = true;

    /**
     * @param firstPrefix what goes in front of the first line
     * @param prefix      what goes in front of every later line
     */
    LinePrefixStream(OutputStream out, byte[] firstPrefix, byte[] prefix) {
        this.out = out;
        this.firstPrefix = firstPrefix.clone();
        this.prefix = prefix.clone();
    }

    @Override
    public void write(int b) throws IOException {
        startLineIfDue();
        out.write(b);
        atLineStart = b == '\n';
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        int start = off;
        while (start < end) {
            startLineIfDue();
            int newline = start;
            while (newline < end && b[newline] != '\n') {
                newline++;
            }
            if (newline < end) {
                out.write(b, start, newline + 1 - start);
                atLineStart = true;
                start = newline + 1;
            } else {
                out.write(b, start, end - start);
                start = end;
            }
        }
    }

    private void startLineIfDue() throws IOException {
        if (atLineStart) {
            out.write(first ? firstPrefix : prefix);
            first = false;
            atLineStart = false;
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
