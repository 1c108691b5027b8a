package io.sockscope.filter;

/**
 * What ss 6.1 exits with for each kind of refused filter, as the tests compare it with the installed ss: 255
 * ({@code exit(-1)}) when the words do not read as a filter or the kernel cannot run it, 1 when a condition
 * names what cannot be resolved. The command line makes the same choice (cli.ListingFilter).
 */
final class SsExitStatus {
    private SsExitStatus() {
    }

    static int of(FilterSyntaxException e) {
        return switch (e.kind()) {
            case MALFORMED, UNSUPPORTED -> 255;
            case UNRESOLVED -> 1;
        };
    }
}
