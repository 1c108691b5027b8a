package io.sockscope.cli;

import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.testing.ScratchNamespace;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TCP connections on 127.0.0.1 inside a named network namespace, made by this JVM: a listener, a thread serving
 * it, and clients. A client that sends nothing and closes is served by closing in turn (the client, which closed
 * first, leaves a TIME-WAIT entry; the server's socket goes through LAST-ACK and is destroyed); a client that
 * sends {@link #HOLD} is held open at both ends until this closes. Closing it closes every socket it made.
 */
final class LoopbackTraffic implements AutoCloseable {
    /** The byte a client sends to have its connection held open. */
    private static final int HOLD = 'H';

    private final ServerSocketChannel listener;
    private final int port;
    private final Thread server;
    private final AtomicInteger served = new AtomicInteger();
    private final List<SocketChannel> held = new ArrayList<>();

    /** A connection made: its client's endpoint and the server's, as {@code address:port}. */
    record Connection(String client, String server) {
    }

    private LoopbackTraffic(ServerSocketChannel listener) throws IOException {
        this.listener = listener;
        this.port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        this.server = Thread.ofPlatform().daemon().name("loopback-traffic-server").start(this::serve);
    }

    /** Listens on 127.0.0.1, on a port the kernel picks, in {@code namespace}. */
    static LoopbackTraffic listen(String namespace) throws Exception {
        return new LoopbackTraffic(inNamespace(namespace, () -> {
            ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
            channel.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 4096);
            return channel;
        }));
    }

    /** Runs {@code body} on a platform thread of its own that has entered {@code namespace}. */
    static <T> T inNamespace(String namespace, Callable<T> body) throws Exception {
        return ScratchNamespace.onThread(() -> {
            NetworkNamespace.enter(namespace);
            return body.call();
        });
    }

    int port() {
        return port;
    }

    /** The listener's endpoint, as ss writes it. */
    String endpoint() {
        return "127.0.0.1:" + port;
    }

    /**
     * Makes up to {@code count} connections from {@code namespace}, one after another, for at most
     * {@code maxMillis}: every {@code holdEvery}-th (0 for none) is held open, each other one closes after
     * {@code lingerMillis}. Returns those made, in order.
     */
    List<Connection> connect(String namespace, int count, int holdEvery, long lingerMillis, long maxMillis)
            throws Exception {
        return inNamespace(namespace, () -> {
            List<Connection> made = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
            InetSocketAddress target = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
            for (int i = 1; i <= count && System.nanoTime() < deadline; i++) {
                // IPv4 rather than the JDK's dual-stack default, so that both ends show 127.0.0.1 as ss shows them.
                SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET);
                client.connect(target);
                made.add(new Connection("127.0.0.1:"
                        + ((InetSocketAddress) client.getLocalAddress()).getPort(), endpoint()));
                if (holdEvery > 0 && i % holdEvery == 0) {
                    client.write(ByteBuffer.wrap(new byte[] {HOLD}));
                    hold(client);
                    continue;
                }
                if (lingerMillis > 0) {
                    Thread.sleep(lingerMillis);
                }
                client.close();
            }
            return made;
        });
    }

    /** Waits at most {@code millis} until the server has dealt with {@code count} connections. */
    void awaitServed(int count, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (served.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server dealt with " + served.get() + " of " + count
                        + " connections within " + millis + " ms");
            }
            Thread.sleep(20);
        }
    }

    /** Accepts until the listener closes: holds what asks to be held, closes the rest once their client has. */
    private void serve() {
        ByteBuffer one = ByteBuffer.allocate(1);
        try {
            while (true) {
                SocketChannel accepted = listener.accept();
                one.clear();
                int read = accepted.read(one);
                if (read == 1 && one.get(0) == HOLD) {
                    hold(accepted);
                } else {
                    accepted.close();
                }
                served.incrementAndGet();
            }
        } catch (ClosedChannelException e) {
            // Closed by close(): the end of serving.
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void hold(SocketChannel channel) {
        synchronized (held) {
            held.add(channel);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        try {
            server.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (held) {
            for (SocketChannel channel : held) {
                channel.close();
            }
            held.clear();
        }
    }
}
