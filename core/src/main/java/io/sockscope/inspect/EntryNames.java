package io.sockscope.inspect;

/**
 * The names a socket's entry carries, looked up by number: what the library's entries and the command's JSON
 * show beside the numbers the kernel gives. {@link SystemNames} reads them from this machine.
 */
public interface EntryNames {
    /** The interface with this index, or null for 0 or an unknown one. */
    String interfaceName(int ifindex);

    /** The cgroup v2 path of this id, or null when unknown. */
    String cgroupPath(long id);

    /** The name ss prints for a netlink protocol number. */
    String netlinkProtocol(int protocol);
}
