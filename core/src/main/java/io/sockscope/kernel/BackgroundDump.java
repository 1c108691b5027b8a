package io.sockscope.kernel;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs the receiving side of a dump on a thread of its own while the calling thread handles the messages,
 * so that the kernel's work of filling the reply (done inside {@code recvmsg}, about a third of a large
 * listing) overlaps the decoding and printing of what it already sent. Messages are copied, as they are
 * received, into chunks of a few tens of KiB that the caller takes in order; at most
 * {@code budgetBytes} of them wait at any time, so memory stays bounded however long the dump is, and a
 * receiver that gets that far ahead waits for the caller.
 *
 * <p>The caller sees exactly what a dump on its own thread would show: the same messages in the same order,
 * then the receiver's failure (a {@link NetlinkException}, a runtime exception or an error), rethrown on the
 * calling thread once every message received before it was handled. A failure of the handler stops the
 * receiver at its next message. The receiving thread is created by the caller's thread and so shares its
 * network namespace.
 */
public final class BackgroundDump {
    /** What runs on the receiving thread: opens its own channel, dumps into {@code forward}, closes it. */
    @FunctionalInterface
    public interface Receiver {
        void run(NetlinkMessageHandler forward) throws NetlinkException;
    }

    private static final int CHUNK_BYTES = 64 * 1024;
    /** Four ints of bookkeeping per message: type, flags, offset, length. */
    private static final int META = 4;

    private final BlockingQueue<Chunk> ready;
    private final BlockingQueue<Chunk> spare;
    private volatile boolean cancelled;

    private BackgroundDump(int chunks) {
        // One more than the budget: the closing chunk must always find room.
        this.ready = new ArrayBlockingQueue<>(chunks + 1);
        this.spare = new ArrayBlockingQueue<>(chunks + 1);
    }

    /**
     * Runs {@code receiver} on a new thread named {@code threadName} and hands every message it forwards to
     * {@code handler} on the calling thread, in order; returns when the receiver has returned and every
     * message was handled.
     *
     * @param budgetBytes how many bytes of received messages may wait for the handler (at least one chunk)
     * @throws NetlinkException what the receiver threw, after the messages before it were handled
     */
    public static void run(String threadName, Receiver receiver, NetlinkMessageHandler handler, long budgetBytes)
            throws NetlinkException {
        int chunks = Math.clamp(budgetBytes / CHUNK_BYTES, 1, 4096);
        BackgroundDump dump = new BackgroundDump(chunks);
        Thread thread = Thread.ofPlatform().daemon().name(threadName).start(() -> dump.receive(receiver));
        try {
            dump.handOut(handler);
        } catch (NetlinkException | RuntimeException | Error e) {
            dump.cancel(thread);
            throw e;
        }
        Threads.joinUninterruptibly(thread);
    }

    private void receive(Receiver receiver) {
        Forwarder forwarder = new Forwarder();
        Throwable failure = null;
        try {
            receiver.run(forwarder);
        } catch (Cancelled e) {
            return;
        } catch (NetlinkException | RuntimeException | Error e) {
            failure = e;
        }
        forwarder.current.failure = failure;
        forwarder.current.last = true;
        putUninterruptibly(forwarder.current);
    }

    private void handOut(NetlinkMessageHandler handler) throws NetlinkException {
        while (true) {
            Chunk chunk = takeUninterruptibly();
            handOut(chunk, handler);
            if (chunk.last) {
                // instanceof tests, not a type switch (docs/startup.md).
                Throwable failure = chunk.failure;
                if (failure == null) {
                    return;
                } else if (failure instanceof NetlinkException e) {
                    throw e;
                } else if (failure instanceof RuntimeException e) {
                    throw e;
                } else if (failure instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException("unexpected failure", failure);
            }
            if (chunk.data.length == CHUNK_BYTES) {
                chunk.count = 0;
                chunk.used = 0;
                spare.offer(chunk);
            }
        }
    }

    /** The messages of one chunk: a call per chunk, for the JIT (docs/startup.md). */
    private static void handOut(Chunk chunk, NetlinkMessageHandler handler) {
        int[] meta = chunk.meta;
        for (int m = 0, at = 0; m < chunk.count; m++, at += META) {
            handler.onMessage(meta[at], meta[at + 1], chunk.data, meta[at + 2], meta[at + 3]);
        }
    }

    /** Stops the receiver after a failure of the handler and waits until it has let go of its channel. */
    private void cancel(Thread thread) {
        cancelled = true;
        // Room for a receiver blocked on a full queue; it then sees the flag at its next message.
        ready.clear();
        Threads.joinUninterruptibly(thread);
    }

    /** Copies messages into chunks on the receiving thread and queues each chunk once it is full. */
    private final class Forwarder implements NetlinkMessageHandler {
        Chunk current = newChunk(CHUNK_BYTES);

        @Override
        public void onMessage(int type, int flags, byte[] buffer, int offset, int length) {
            if (cancelled) {
                throw new Cancelled();
            }
            if (current.data.length - current.used < length || current.count == current.meta.length / META) {
                if (current.count > 0) {
                    putUninterruptibly(current);
                    current = recycledOrNew(length);
                } else {
                    current = newChunk(length);
                }
            }
            System.arraycopy(buffer, offset, current.data, current.used, length);
            int at = current.count * META;
            current.meta[at] = type;
            current.meta[at + 1] = flags;
            current.meta[at + 2] = current.used;
            current.meta[at + 3] = length;
            current.count++;
            current.used += length;
        }

        private Chunk recycledOrNew(int length) {
            Chunk chunk = length <= CHUNK_BYTES ? spare.poll() : null;
            return chunk != null ? chunk : newChunk(length);
        }
    }

    private static Chunk newChunk(int length) {
        // An oversized message gets a chunk of its own size, which is not recycled.
        int size = Math.max(length, CHUNK_BYTES);
        // Room for the bookkeeping of as many messages as typical sock_diag replies fill the chunk with (a
        // socket takes 72 bytes and more); a chunk of smaller ones is handed over before its data area is full.
        return new Chunk(new byte[size], new int[META * Math.max(1, size / 64)]);
    }

    private void putUninterruptibly(Chunk chunk) {
        boolean interrupted = false;
        while (true) {
            try {
                ready.put(chunk);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Chunk takeUninterruptibly() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return ready.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Messages waiting for the handler, back to back, with their type, flags, offset and length. */
    private static final class Chunk {
        final byte[] data;
        final int[] meta;
        int used;
        int count;
        boolean last;
        Throwable failure;

        Chunk(byte[] data, int[] meta) {
            this.data = data;
            this.meta = meta;
        }
    }

    /** Unwinds the receiver once the handler has failed. */
    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super(null, null, false, false);
        }
    }
}
