package io.sockscope.architecture;

/**
 * A dependency the architecture forbids that the code has today, listed so that the test can tell a new
 * violation from an old one. Its count may only go down: the test fails when it grows, and also when it
 * shrinks or disappears until the entry is lowered or removed, so that a paid debt cannot come back unseen.
 *
 * @param from      the package holding the uses ({@code render})
 * @param to        what it must not use ({@code netlink}), as in {@link Violation#to()}
 * @param classes   how many top-level classes of {@code from} use it
 * @param removedBy the step of issue 11 that removes it
 */
record KnownDebt(String from, String to, int classes, String removedBy) {
}
