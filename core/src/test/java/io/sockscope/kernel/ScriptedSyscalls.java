package io.sockscope.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * {@link Syscalls} whose netlink socket answers from a queue of receive steps instead of a kernel, for testing
 * {@link SocketExchange}, the exchange that really runs under both implementations: its peek-then-read sizing,
 * its retries and what it skips. A step is a datagram from a sender port, or a receive that fails with an
 * errno; a peek ({@code MSG_PEEK}) looks at the next step without taking it, as the kernel's queue does, except
 * for a failure, which is taken either way. The calls no netlink socket makes throw.
 */
final class ScriptedSyscalls implements Syscalls {
    static final int FD = 42;
    static final int PORT_ID = 0x4242;

    /**
     * One event of the receive queue.
     *
     * @param datagram what a peek sees, and a read too unless {@code grownTo} is given
     * @param grownTo  what a read after the peek sees instead, or null
     */
    record Step(byte[] datagram, int senderPortId, int errno, byte[] grownTo) {
        static Step fromKernel(byte[] datagram) {
            return new Step(datagram, 0, 0, null);
        }

        static Step from(int senderPortId, byte[] datagram) {
            return new Step(datagram, senderPortId, 0, null);
        }

        static Step failure(int errno) {
            return new Step(null, 0, errno, null);
        }

        /** A datagram that grows between the peek and the read, as only another reader could make it. */
        static Step growing(byte[] peeked, byte[] read) {
            return new Step(peeked, 0, 0, read);
        }
    }

    private final Deque<Step> queue = new ArrayDeque<>();
    private final Deque<Long> sendResults = new ArrayDeque<>();
    private final List<byte[]> sent = new ArrayList<>();
    private final List<Integer> closed = new ArrayList<>();
    private long socketResult = FD;
    private long bindResult;

    ScriptedSyscalls then(Step step) {
        queue.add(step);
        return this;
    }

    ScriptedSyscalls failingSocket(int errno) {
        socketResult = -errno;
        return this;
    }

    ScriptedSyscalls failingBind(int errno) {
        bindResult = -errno;
        return this;
    }

    /** The results of the next sends, in order (a send beyond them succeeds). */
    ScriptedSyscalls sending(long... results) {
        for (long r : results) {
            sendResults.add(r);
        }
        return this;
    }

    List<byte[]> sent() {
        return sent;
    }

    List<Integer> closed() {
        return closed;
    }

    int unread() {
        return queue.size();
    }

    @Override
    public long socket(int domain, int type, int protocol) {
        return socketResult;
    }

    @Override
    public long setsockopt(int fd, int level, int name, byte[] value) {
        return 0;
    }

    @Override
    public long bindNetlink(int fd, int groups) {
        return bindResult;
    }

    @Override
    public long netlinkPortId(int fd) {
        return PORT_ID;
    }

    @Override
    public long sendToKernel(int fd, byte[] bytes, int length, int flags) {
        Long result = sendResults.poll();
        if (result == null || result >= 0) {
            sent.add(Arrays.copyOf(bytes, length));
            return length;
        }
        return result;
    }

    @Override
    public long receive(int fd, byte[] buffer, int length, int flags, int[] meta) {
        Step step = queue.peek();
        if (step == null) {
            throw new AssertionError("receive past the end of the script");
        }
        if (step.datagram() == null) {
            queue.poll();
            return -step.errno();
        }
        byte[] datagram = step.datagram();
        if ((flags & MSG_PEEK) == 0) {
            queue.poll();
            if (step.grownTo() != null) {
                datagram = step.grownTo();
            }
        }
        int copied = Math.min(datagram.length, length);
        if (copied > 0) {
            System.arraycopy(datagram, 0, buffer, 0, copied);
        }
        meta[0] = step.senderPortId();
        meta[1] = datagram.length > length ? MSG_TRUNC : 0;
        // With MSG_TRUNC, recvmsg returns the datagram's real length, not what was copied.
        return (flags & MSG_TRUNC) != 0 ? datagram.length : copied;
    }

    @Override
    public long close(int fd) {
        closed.add(fd);
        return 0;
    }

    @Override
    public long openat(int dirfd, byte[] path, int flags) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long createFile(int dirfd, byte[] path, int flags, int mode) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long unlinkat(int dirfd, byte[] path, int flags) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long read(int fd, byte[] buffer, int offset, int length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long getdents64(int fd, byte[] buffer, int length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long readlinkat(int dirfd, byte[] name, byte[] target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long nameToHandle8(int dirfd, byte[] path, long[] handle) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long setns(int fd, int nstype) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long namespaceType(int fd) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long isatty(int fd) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long terminalColumns(int fd) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long ifIndexToName(int index, byte[] name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long ifNameToIndex(byte[] name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long bpfLoadIteratorProgram(byte[] instructions, byte[] license, byte[] name, int attachBtfId,
                                       byte[] log) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long bpfCreateIteratorLink(int programFd) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long bpfCreateIterator(int linkFd) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void prepareProcScan() {
        throw new UnsupportedOperationException();
    }
}
