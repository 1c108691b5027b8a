package io.sockscope.differential;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@code socket_holder.py} process inside a network namespace, holding the sockets the action tests
 * close, watch being destroyed, or dump: {@link #run} sends one command and waits for its answer.
 * {@link #close()} ends it (its sockets close with it) and removes its script.
 */
final class SocketHolder implements AutoCloseable {
    private static final long ANSWER_SECONDS = 15;

    private final Process process;
    private final Path script;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final StringBuilder errors = new StringBuilder();

    private SocketHolder(Process process, Path script) {
        this.process = process;
        this.script = script;
    }

    /** Starts a holder with {@code placement} (e.g. {@code ip netns exec NS}) in front of the interpreter. */
    static SocketHolder start(List<String> placement, CommandRunner runner) throws IOException {
        Path script = Files.createTempFile(Path.of("/tmp"), "sockscope-holder-", ".py");
        try (InputStream in = SocketHolder.class.getResourceAsStream("/actions/socket_holder.py")) {
            if (in == null) {
                throw new IOException("resource /actions/socket_holder.py is not on the test classpath");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new java.util.ArrayList<>(placement);
        command.add(ZooPreconditions.PYTHON.toString());
        command.add(script.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(runner.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            Files.deleteIfExists(script);
            throw e;
        }
        SocketHolder holder = new SocketHolder(process, script);
        Thread out = new Thread(() -> holder.pump(process.getInputStream(), true), "socket-holder-stdout");
        Thread err = new Thread(() -> holder.pump(process.getErrorStream(), false), "socket-holder-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
        return holder;
    }

    private void pump(InputStream stream, boolean isAnswers) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (isAnswers) {
                    answers.add(line);
                } else {
                    synchronized (errors) {
                        errors.append(line).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            // The holder ended; run() reports it.
        }
    }

    /** Sends one command (words separated by blanks) and fails unless the holder answers OK in time. */
    void run(String command) throws IOException, InterruptedException {
        OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
        String answer = answers.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
        if (!"OK".equals(answer)) {
            String why = answer == null ? "no answer within " + ANSWER_SECONDS + " s" : answer;
            synchronized (errors) {
                throw new IOException("socket holder: `" + command + "`: " + why
                        + (errors.isEmpty() ? "" : "\n" + errors));
            }
        }
    }

    /** Sends each command in turn. */
    void run(String... commands) throws IOException, InterruptedException {
        for (String c : commands) {
            run(c);
        }
    }

    /** Ends the holder (closing its sockets) and deletes its script. */
    @Override
    public void close() throws IOException {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
