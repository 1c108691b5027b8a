package io.sockscope.filter;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The result of reading a filter.
 *
 * @param expression        the expression, empty when the words held no token at all (ss then filters
 *                          nothing)
 * @param familyRestriction when present, the family the filter switched ss to: every host word read with a
 *                          family (from a prefix such as {@code unix:} or from the preferred family) makes
 *                          ss show that family only and prefer it from then on; the last one wins. The
 *                          caller must replace its family set with this single family, as ss does.
 */
public record ParsedFilter(Optional<Filter> expression, OptionalInt familyRestriction) {
    public ParsedFilter {
        Objects.requireNonNull(expression);
        Objects.requireNonNull(familyRestriction);
    }
}
