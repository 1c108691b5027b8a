/**
 * Socket ownership: which processes (and threads) hold each socket, read from a {@code /proc} tree the way
 * iproute2 ss 6.1 reads it for {@code -p} and {@code -T}, with the same owners in the same order, but with
 * relative native system calls on several threads, or, as root on a busy host, in one pass of a BPF task-file
 * iterator the kernel runs over every descriptor table. {@link io.sockscope.procmap.OwnerScanner} scans;
 * {@link io.sockscope.procmap.OwnerIndex} answers "who holds inode N". The same walk serves callers looking for
 * other links: {@link io.sockscope.procmap.ProcessLinkScanner} reads one link of each process (its {@code ns/net})
 * and the descriptor links a filter keeps (namespace files held open). Nothing here touches netlink.
 */
package io.sockscope.procmap;
