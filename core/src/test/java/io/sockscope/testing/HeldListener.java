package io.sockscope.testing;

import io.sockscope.kernel.NetworkNamespace;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP listener on 127.0.0.1 that this JVM opens on a platform thread of its own inside a named network
 * namespace (or in its own, for null), held open until closed: a socket of another namespace whose owner is this
 * process.
 */
public final class HeldListener implements AutoCloseable {
    private final int port;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread thread;

    public HeldListener(String namespace) throws Exception {
        CountDownLatch bound = new CountDownLatch(1);
        AtomicReference<Object> result = new AtomicReference<>();
        thread = Thread.ofPlatform().start(() -> {
            try {
                if (namespace != null) {
                    NetworkNamespace.enter(namespace);
                }
                try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
                    server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 5);
                    result.set(((InetSocketAddress) server.getLocalAddress()).getPort());
                    bound.countDown();
                    release.await(120, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                result.set(e);
                bound.countDown();
            }
        });
        if (!bound.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the listener was not bound within 30 s");
        }
        if (result.get() instanceof Exception e) {
            throw e;
        }
        port = (Integer) result.get();
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        release.countDown();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
