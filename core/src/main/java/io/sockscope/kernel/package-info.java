/**
 * The native layer: the only package that calls native code, through one {@link io.sockscope.kernel.Syscalls}
 * whose implementation (the JNI library or FFM downcalls) {@link io.sockscope.kernel.NativeLayer} chooses once. A
 * {@link io.sockscope.kernel.NetlinkChannel} opens a netlink socket and streams dumps datagram by datagram
 * (sequence and port checks, one receive buffer sized with {@code MSG_PEEK|MSG_TRUNC}, multipart replies,
 * {@code NLMSG_DONE}/{@code NLMSG_ERROR}, {@code NLM_F_DUMP_INTR}); the
 * {@link io.sockscope.kernel.NetlinkExchange} beneath it is where tests put scripted replies instead of a
 * kernel. Failures are {@link io.sockscope.kernel.NetlinkException}s naming the call and the errno.
 * {@link io.sockscope.kernel.InterfaceNames} turns interface indexes into names as ss prints them.
 * {@link io.sockscope.kernel.NetlinkSubscription} receives multicast notifications (sock_diag destroy events),
 * and {@link io.sockscope.kernel.NetworkNamespace} moves one thread into a network namespace (by name, or by any
 * file that refers to one) and says what kind of namespace a file is. The
 * package knows framing, never what a payload means. Callers need {@code --enable-native-access}.
 */
package io.sockscope.kernel;
