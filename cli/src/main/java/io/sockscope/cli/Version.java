package io.sockscope.cli;

/** The version sockscope reports with {@code -V}. */
final class Version {
    static final String VALUE = "0.1.0";

    private Version() {
    }
}
