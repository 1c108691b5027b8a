package io.sockscope.netns;

import java.util.List;

/**
 * What {@link NamespaceDiscovery#discover()} found.
 *
 * @param namespaces         every network namespace found, each once: the calling thread's own first, then
 *                           named ones by name (in byte order), then the others by their lowest pid, then those with
 *                           no process by inode
 * @param unreadableProcesses how many processes of {@code /proc} could not be read for lack of permission (a user
 *                           who is not root reads only their own): namespaces only they are in, or only they hold
 *                           open, are missing from the list; 0 for root
 */
public record Discovery(List<DiscoveredNamespace> namespaces, int unreadableProcesses) {
    public Discovery {
        namespaces = List.copyOf(namespaces);
    }
}
