package io.sockscope.source;

/**
 * What to ask a source for, beyond the kind of dump.
 *
 * @param tables          mask of {@link io.sockscope.model.SocketTable} bits to keep (unix and packet types)
 * @param states          mask of {@link io.sockscope.model.TcpState} bits to keep (sent to the kernel)
 * @param families        mask of address families to keep ({@link io.sockscope.model.AddressFamily#mask})
 * @param preferredFamily the last of {@code -4 -6 -f …} given, or {@code AF_UNSPEC}: for inet dumps ss asks
 *                        for AF_INET then AF_INET6, but only AF_INET6 when it is preferred and only AF_INET
 *                        when that is preferred
 * @param memory          ask for socket memory ({@code -m})
 * @param tcpInfo         ask for tcp_info and congestion control ({@code -i})
 * @param tos             ask for TOS / traffic class ({@code --tos})
 * @param inetSockopt     keep the inet socket options ({@code --inet-sockopt}): the kernel sends them unasked,
 *                        so this only keeps the attributes they come in
 * @param details         ask for unix VFS and pending-connection details ({@code -e})
 * @param bytecode        an {@code INET_DIAG_REQ_BYTECODE} program for inet dumps, or null
 */
public record DumpRequest(
        int tables,
        int states,
        long families,
        int preferredFamily,
        boolean memory,
        boolean tcpInfo,
        boolean tos,
        boolean inetSockopt,
        boolean details,
        byte[] bytecode) {
}
