package io.sockscope.diagnose;

/**
 * One component of a unix socket path, from the root down to the socket file.
 *
 * @param path      the path up to and including this component
 * @param facts     what stat says about it, or null when it does not exist (or could not be examined)
 * @param problem   why it could not be examined, or null
 * @param ownerName the name of the owning user (the uid in decimal when it has none), or null without facts
 * @param groupName the name of the owning group (likewise)
 * @param links     for a component that could not be examined, the symbolic links followed from it (empty when
 *                  it is not one)
 */
public record PathStep(String path, FileFacts facts, String problem, String ownerName, String groupName,
                       LinkChain links) {
    public PathStep {
        links = links == null ? LinkChain.NONE : links;
    }
}
