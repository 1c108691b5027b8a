package io.sockscope.model;

/**
 * Receives warnings about data that was skipped (a malformed kernel record, an unreadable file) so that
 * the caller decides whether and where to show them: sources, the owner scan and the doctor never print.
 */
@FunctionalInterface
public interface WarningSink {
    void warn(String message);

    /** A sink that drops every warning. */
    WarningSink IGNORE = message -> { };
}
