/**
 * Network namespaces as a listing over all of them sees them: {@link io.sockscope.netns.NamespaceDiscovery} finds
 * every network namespace on the host, from all that can keep one alive (the processes in it, its
 * {@code /run/netns} names, other nsfs bind mounts in mountinfo, descriptors held open on it), once each by inode,
 * with its {@link io.sockscope.model.Netns} value and a file to enter it by; {@link
 * io.sockscope.netns.NamespaceReference} resolves what {@code -N} names (a name, {@code pid:N}, an nsfs path) to
 * such a file. The package finds and names namespaces; entering one and dumping it is the engine's, through
 * {@link io.sockscope.kernel.NetworkNamespace}. It reads {@code /proc} with {@code procmap}'s link scan and never
 * touches netlink; nothing here prints.
 */
package io.sockscope.netns;
