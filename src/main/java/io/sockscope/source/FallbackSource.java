package io.sockscope.source;

import java.util.function.Predicate;

/**
 * ss's choice of source per dump: the kernel over netlink first, and {@code /proc/net} when the kernel has
 * no diag handler for that kind, or when the user pointed ss at a /proc tree ({@code PROC_ROOT},
 * {@code PROC_NET_*}) for it.
 */
public final class FallbackSource implements SocketSource {
    private final SocketSource primary;
    private final SocketSource fallback;
    private final Predicate<DumpKind> forceFallback;

    /**
     * @param primary       normally the netlink source
     * @param fallback      normally the /proc/net source
     * @param forceFallback kinds that must come from the fallback (the environment asked for it)
     */
    public FallbackSource(SocketSource primary, SocketSource fallback, Predicate<DumpKind> forceFallback) {
        this.primary = primary;
        this.fallback = fallback;
        this.forceFallback = forceFallback;
    }

    @Override
    public void dump(DumpKind kind, DumpRequest request, SocketSink sink, WarningSink warnings)
            throws SourceException {
        if (!forceFallback.test(kind)) {
            try {
                primary.dump(kind, request, sink, warnings);
                return;
            } catch (TableUnavailableException e) {
                // Nothing was delivered yet: the fallback lists this kind instead.
            }
        }
        fallback.dump(kind, request, sink, warnings);
    }
}
