/**
 * The sockscope library: the kernel's socket tables as immutable values, read over sock_diag netlink.
 *
 * <p>Open a {@link io.sockscope.api.SocketInspector} once, ask it as many {@link io.sockscope.api.SocketQuery}
 * questions as needed, close it. Every socket comes back as a {@link io.sockscope.api.SocketEntry}: an
 * {@link io.sockscope.api.InetSocketEntry} (TCP, UDP, raw, MPTCP, DCCP, SCTP), a
 * {@link io.sockscope.api.UnixSocketEntry}, a {@link io.sockscope.api.PacketSocketEntry} or a
 * {@link io.sockscope.api.NetlinkSocketEntry}. Failures are {@link io.sockscope.api.SockscopeException}s
 * of a documented kind. This package is the library's whole API: nothing else is exported.
 *
 * <p>The values are sealed interfaces of accessors, made by the library only, so that later versions can add
 * accessors without breaking a caller; enums may gain constants. docs/library.md, section Compatibility, has
 * the whole rule.
 */
package io.sockscope.api;
