package io.sockscope.architecture;

import java.util.Set;

/**
 * What one top-level package of ours may use of the others (its own subpackages are always allowed), and why.
 *
 * @param name     the package relative to {@code io.sockscope}, with its subpackages ({@code diagnose})
 * @param only     whether {@code packages} lists what it may use (everything else is forbidden) rather than
 *                 what it must not use
 * @param packages top-level packages relative to {@code io.sockscope}
 * @param why      the sentence of docs/architecture.md the rule enforces, shown when it is broken
 */
record PackageRule(String name, boolean only, Set<String> packages, String why) {

    static PackageRule mayUseOnly(String name, String why, String... packages) {
        return new PackageRule(name, true, Set.of(packages), why);
    }

    static PackageRule mustNotUse(String name, String why, String... packages) {
        return new PackageRule(name, false, Set.of(packages), why);
    }

    /** Whether a class of this package may use one of the top-level package {@code target}. */
    boolean allows(String target) {
        return target.equals(name) || packages.contains(target) == only;
    }
}
