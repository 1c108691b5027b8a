package io.sockscope.cli;

/** {@code sockscope doctor} cannot run as typed; printed as one line, exit code 2. */
final class DoctorUsageException extends Exception {
    private static final long serialVersionUID = 1L;

    DoctorUsageException(String message) {
        super(message);
    }
}
