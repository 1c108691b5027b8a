package io.sockscope.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A {@link NetlinkExchange} that answers from a script instead of a kernel, after mdlayher/netlink's
 * {@code nltest}: the script is given each request's bytes and returns the steps of its reply, datagrams or
 * receive failures, which {@link #receive} then plays one at a time.
 *
 * <p>It is as strict as a real socket where that catches bugs: every datagram is copied into one array, lent
 * as {@code SocketExchange} lends its own and poisoned before the next datagram overwrites it (a consumer that
 * keeps a payload past its delivery reads garbage); the reply to a request queues behind whatever of the
 * previous reply was left unread, as in a socket's receive queue; receiving past the end of the script fails
 * with a {@link NetlinkException} where a socket would block.
 */
public final class ScriptedExchange implements NetlinkExchange {
    /** The port id scripted replies should be addressed to, unless another is given. */
    public static final int PORT_ID = 0x4242;

    private static final byte POISON = (byte) 0xA5;

    /** Produces the reply to one request. */
    @FunctionalInterface
    public interface Script {
        List<Step> reply(byte[] request);
    }

    /** One event of a reply: a datagram arriving, or {@code recvmsg} failing with an errno. */
    public record Step(byte[] datagram, int errno) {
        public static Step datagram(byte[] bytes) {
            return new Step(bytes, 0);
        }

        public static Step failure(int errno) {
            return new Step(null, errno);
        }
    }

    private final int portId;
    private final Script script;
    private final Deque<Step> pending = new ArrayDeque<>();
    private final List<byte[]> requests = new ArrayList<>();
    /** 32 KiB to start with, as {@code SocketExchange}'s, grown only for a larger datagram. */
    private byte[] buffer = new byte[32 * 1024];
    private int length;
    private int received;
    private boolean closed;

    public ScriptedExchange(int portId, Script script) {
        this.portId = portId;
        this.script = script;
    }

    public ScriptedExchange(Script script) {
        this(PORT_ID, script);
    }

    /** A script that answers the n-th request (from 0) with the n-th list of datagrams, and fails after. */
    public static Script inTurn(List<List<byte[]>> replies) {
        int[] next = {0};
        return request -> {
            if (next[0] >= replies.size()) {
                throw new AssertionError("request " + (next[0] + 1) + " was not expected; the script has "
                        + replies.size());
            }
            return replies.get(next[0]++).stream().map(Step::datagram).toList();
        };
    }

    @Override
    public int portId() {
        return portId;
    }

    @Override
    public void send(byte[] request) {
        checkOpen();
        // Like a socket's receive queue: a reply not read to its end is still there, ahead of the new one.
        requests.add(request.clone());
        pending.addAll(script.reply(request.clone()));
    }

    @Override
    public byte[] receive() throws NetlinkException {
        checkOpen();
        Step step = pending.poll();
        if (step == null) {
            // A real socket would block for ever here; a typed failure keeps a test from hanging.
            throw NetlinkException.ofProtocol("recvmsg", "the script has no datagram left");
        }
        if (step.datagram() == null) {
            throw NetlinkException.ofSyscall("recvmsg", step.errno());
        }
        byte[] bytes = step.datagram();
        Arrays.fill(buffer, POISON);
        if (buffer.length < bytes.length) {
            buffer = new byte[Math.max(bytes.length, 64)];
        }
        System.arraycopy(bytes, 0, buffer, 0, bytes.length);
        length = bytes.length;
        received++;
        return buffer;
    }

    @Override
    public int receivedLength() {
        return length;
    }

    /** The requests sent so far, in order. */
    public List<byte[]> requests() {
        return List.copyOf(requests);
    }

    /** How many datagrams {@link #receive} has handed out so far. */
    public int datagramsReceived() {
        return received;
    }

    /** Steps of the current reply not yet received. */
    public int unread() {
        return pending.size();
    }

    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("scripted exchange is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Arrays.fill(buffer, POISON);
        }
    }
}
