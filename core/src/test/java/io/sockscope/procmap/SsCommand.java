package io.sockscope.procmap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the installed iproute2 {@code ss} for differential tests, and reads what the kernel says of sockets. */
final class SsCommand {
    private SsCommand() {
    }

    /** A TCP listener on 127.0.0.1 (IPv4 proper, so that it is in /proc/net/tcp and ss prints it as such). */
    static ServerSocketChannel listenOnLoopback() throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return channel;
    }

    static int port(ServerSocketChannel channel) throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Whether an {@code ss} binary can be run here. */
    static boolean available() {
        try {
            return run(List.of("ss", "-V"), Map.of()).contains("iproute2");
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code ss} with {@code args} and extra environment; returns its standard output. */
    static String run(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(command + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * The {@code users:(...)} part of the line ss printed for the socket bound to {@code 127.0.0.1:port},
     * "" when the line has none; fails when there is no such line.
     */
    static String usersOf(String ssOutput, int port) {
        for (String line : ssOutput.split("\n")) {
            if (line.contains(" 127.0.0.1:" + port + " ")) {
                int users = line.indexOf("users:(");
                return users < 0 ? "" : line.substring(users).trim();
            }
        }
        throw new AssertionError("ss printed no socket on port " + port + ":\n" + ssOutput);
    }

    /** The inode of the TCP socket bound to {@code 127.0.0.1:port}, from /proc/net/tcp. */
    static long tcpInode(int port) throws IOException {
        String local = String.format("0100007F:%04X", port);
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("/proc/net/tcp")));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields[1].equals(local)) {
                return Long.parseLong(fields[9]);
            }
        }
        throw new AssertionError("no socket on 127.0.0.1:" + port + " in /proc/net/tcp");
    }
}
