package io.sockscope.diagnose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The symbolic links met when following one path, as readlink(2) gives them: what explains a path the kernel
 * refuses to resolve with ELOOP.
 *
 * @param links each link in order
 * @param loop  the link the chain comes back to, or null when it does not come back
 * @param tooMany whether it goes on past the kernel's limit of {@value #MAX_LINKS} links without coming back
 */
public record LinkChain(List<Link> links, String loop, boolean tooMany) {
    /** The kernel's limit on symbolic links in one path lookup (MAXSYMLINKS). */
    static final int MAX_LINKS = 40;
    /** No links at all. */
    static final LinkChain NONE = new LinkChain(List.of(), null, false);

    public LinkChain {
        links = List.copyOf(links);
    }

    /**
     * One symbolic link.
     *
     * @param path   where it is
     * @param target what it points at, as written in it
     */
    public record Link(String path, String target) {
        /** {@code PATH -> TARGET}, as {@code ls -l} writes it. */
        public String describe() {
            return path + " -> " + target;
        }
    }

    /** Whether following these links can never end: connect(2) fails with ELOOP. */
    public boolean endless() {
        return loop != null || tooMany;
    }

    /**
     * Follows {@code start} link by link until it is no link, one comes back or the kernel's limit is passed.
     * Relative targets are taken from the link's directory without folding {@code ..}, so that readlink
     * resolves them as the kernel would.
     */
    static LinkChain follow(String start, FileProvider files) {
        List<Link> links = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String current = start;
        while (links.size() <= MAX_LINKS) {
            if (!seen.add(current)) {
                return new LinkChain(links, current, false);
            }
            Optional<String> target;
            try {
                target = files.readLink(current);
            } catch (ProviderException e) {
                break; // what can be shown ends here; the stat problem still stands
            }
            if (target.isEmpty()) {
                break;
            }
            links.add(new Link(current, target.get()));
            Path parent = Path.of(current).getParent();
            current = target.get().startsWith("/") || parent == null ? target.get()
                    : parent.resolve(target.get()).toString();
        }
        return new LinkChain(links, null, links.size() > MAX_LINKS);
    }
}
