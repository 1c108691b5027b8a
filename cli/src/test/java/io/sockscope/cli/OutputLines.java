package io.sockscope.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A process's output read line by line on a daemon thread of its own, every line kept, until the stream ends. */
final class OutputLines {
    private final List<String> lines = new ArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);

    private OutputLines() {
    }

    /** Starts reading {@code output} (UTF-8) on a thread called {@code name}. */
    static OutputLines read(InputStream output, String name) {
        OutputLines read = new OutputLines();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (read.lines) {
                        read.lines.add(line);
                    }
                }
            } catch (IOException e) {
                // The process was killed: nothing more to read.
            } finally {
                read.ended.countDown();
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return read;
    }

    /** Every line read so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Waits at most {@code millis} for the stream to end (its process gone): its last lines are read then. */
    void awaitEnd(long millis) throws InterruptedException {
        ended.await(millis, TimeUnit.MILLISECONDS);
    }
}
