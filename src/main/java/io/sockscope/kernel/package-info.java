/**
 * The system calls, through {@code java.lang.foreign}: the only package that calls native code. A
 * {@link io.sockscope.kernel.NetlinkChannel} opens a netlink socket and runs dumps (sequence and port checks,
 * {@code MSG_PEEK|MSG_TRUNC} sizing, multipart replies, {@code NLMSG_DONE}/{@code NLMSG_ERROR},
 * {@code NLM_F_DUMP_INTR} retries); failures are {@link io.sockscope.kernel.NetlinkException}s naming the call
 * and the errno. {@link io.sockscope.kernel.InterfaceNames} turns interface indexes into names as ss prints them.
 * The package knows framing, never what a payload means. Callers need {@code --enable-native-access}.
 */
package io.sockscope.kernel;
