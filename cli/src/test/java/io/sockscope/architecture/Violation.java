package io.sockscope.architecture;

/**
 * One class depending on something its package must not use.
 *
 * @param from       the package of the class, relative to {@code io.sockscope} ({@code render})
 * @param to         what it must not use: a package of ours relative to {@code io.sockscope} ({@code netlink}),
 *                   {@code third-party}, or {@code public-signature:PACKAGE} for a type an exported API leaks
 * @param className  the class's binary name
 * @param dependency the binary name of the class it uses
 */
record Violation(String from, String to, String className, String dependency) {

    /** The top-level class the violation is in: nested and anonymous classes count as their source file. */
    String sourceClass() {
        int dot = className.lastIndexOf('.');
        int dollar = className.indexOf('$', dot + 1);
        return dollar < 0 ? className : className.substring(0, dollar);
    }
}
