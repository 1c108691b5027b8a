package io.sockscope.diagnose;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What {@link NamespaceProvider#others} found: the namespaces it read, and how many it could not.
 *
 * @param namespaces the namespaces read, the examined one left out
 * @param unreadable how many could not be read (not entered for lack of privilege, a process's namespace file
 *                   that may not be opened)
 * @param limitation why some could not be read, in a sentence, or null when all could
 */
public record OtherNamespaces(List<OtherNamespace> namespaces, int unreadable, String limitation) {
    public OtherNamespaces {
        namespaces = List.copyOf(namespaces);
    }

    /** The namespace one of whose interfaces has {@code address}, if any was read. */
    public Optional<OtherNamespace> holding(InetAddress address) {
        return namespaces.stream().filter(n -> n.address(address).isPresent()).findFirst();
    }
}
