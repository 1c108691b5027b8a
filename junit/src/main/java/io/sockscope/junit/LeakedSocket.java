package io.sockscope.junit;

import io.sockscope.api.Endpoint;
import io.sockscope.api.InetSocketEntry;
import io.sockscope.api.SocketEntry;
import io.sockscope.api.SocketState;
import io.sockscope.api.UnixSocketEntry;

import java.util.List;
import java.util.Objects;

/**
 * A socket a test left open: its inode, who holds it, what the kernel's tables say of it and how it is classified.
 * Made by the extension only; accessors may be added in a later version.
 */
public final class LeakedSocket {
    private final long inode;
    private final LeakKind kind;
    private final SocketEntry entry;
    private final List<SocketHolder> holders;

    LeakedSocket(long inode, LeakKind kind, SocketEntry entry, List<SocketHolder> holders) {
        this.inode = inode;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.entry = entry;
        this.holders = List.copyOf(holders);
    }

    /** {@return the socket's inode, as {@code /proc/PID/fd} names it ({@code socket:[INODE]})} */
    public long inode() {
        return inode;
    }

    /** {@return how it is classified} */
    public LeakKind kind() {
        return kind;
    }

    /**
     * {@return the kernel's entry for it} Null when the tables of this network namespace did not list it (it lives
     * in another namespace, or its family is one sockscope does not dump).
     */
    public SocketEntry entry() {
        return entry;
    }

    /** {@return the processes holding it, this JVM first; never empty, unmodifiable} */
    public List<SocketHolder> holders() {
        return holders;
    }

    /** {@return its state, or null when the kernel's tables did not list it} */
    public SocketState state() {
        return entry == null ? null : entry.state();
    }

    /** {@return the local address of an internet socket as ss prints it ({@code 127.0.0.1}, {@code ::}), else null} */
    public String localAddress() {
        return entry instanceof InetSocketEntry inet ? inet.local().address() : null;
    }

    /** {@return the local port of an internet socket, else -1} */
    public int localPort() {
        return entry instanceof InetSocketEntry inet ? inet.local().port() : -1;
    }

    /** {@return the peer address of an internet socket, else null} */
    public String peerAddress() {
        return entry instanceof InetSocketEntry inet ? inet.peer().address() : null;
    }

    /** {@return the peer port of an internet socket (0 when not connected), else -1} */
    public int peerPort() {
        return entry instanceof InetSocketEntry inet ? inet.peer().port() : -1;
    }

    /** {@return the bound name of a unix socket ({@code @name} for an abstract one), else null} */
    public String unixPath() {
        if (entry instanceof UnixSocketEntry unix && unix.path() != null) {
            return unix.abstractName() ? "@" + unix.path() : unix.path();
        }
        return null;
    }

    /** {@return the local endpoint of an internet socket, else null} */
    Endpoint local() {
        return entry instanceof InetSocketEntry inet ? inet.local() : null;
    }

    /** {@return the peer endpoint of an internet socket, else null} */
    Endpoint peer() {
        return entry instanceof InetSocketEntry inet ? inet.peer() : null;
    }

    @Override
    public String toString() {
        return kind.summary() + " (inode " + inode + ", " + (entry == null ? "not in the tables" : entry) + ", held by "
                + holders + ")";
    }
}
