package io.sockscope.inspect;

import io.sockscope.model.Netns;

import java.util.List;

/**
 * What a run across network namespaces ({@link QueryRunner#runAcross}) found and could not list.
 *
 * @param notEntered          the namespaces that could not be entered (without {@code CAP_SYS_ADMIN},
 *                            {@code setns} is refused), in the order they were found; those that disappeared
 *                            before they were entered are in no list
 * @param unreadableProcesses how many processes' namespaces could not be read for lack of permission: namespaces
 *                            only they are in, or hold open, were not found at all ({@code Discovery})
 */
public record NamespacesNotListed(List<Netns> notEntered, int unreadableProcesses) {
    public NamespacesNotListed {
        notEntered = List.copyOf(notEntered);
    }
}
