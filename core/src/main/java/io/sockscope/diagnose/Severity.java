package io.sockscope.diagnose;

/** How bad a finding is. Errors and warnings are problems (exit 1); information is not. */
public enum Severity {
    /** Clients cannot get through, or a bind fails. */
    ERROR("error"),
    /** Something is wrong or about to go wrong (a leak, a limit close by). */
    WARNING("warning"),
    /** Worth knowing, nothing to fix. */
    INFO("info");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** {@code error}, {@code warning} or {@code info}, as the JSON output writes it. */
    public String label() {
        return label;
    }

    /** Whether findings of this severity count as a problem. */
    public boolean isProblem() {
        return this != INFO;
    }
}
