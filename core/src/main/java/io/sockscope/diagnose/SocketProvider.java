package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;
import io.sockscope.model.UnixSocket;

import java.util.List;

/** The socket tables of the network namespace being examined. */
public interface SocketProvider {
    /** Every TCP or UDP socket, IPv4 and IPv6, in every state (v6only known for IPv6 sockets when possible). */
    List<InetSocket> inet(Transport transport) throws ProviderException;

    /** Every unix socket, with the inode and device of its socket file when it has one. */
    List<UnixSocket> unix() throws ProviderException;
}
