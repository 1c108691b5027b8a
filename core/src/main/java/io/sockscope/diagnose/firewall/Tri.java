package io.sockscope.diagnose.firewall;

/** A truth value that may be unknown: what a rule's condition is for a packet the doctor only partly knows. */
enum Tri {
    TRUE,
    FALSE,
    UNKNOWN;

    static Tri of(boolean value) {
        return value ? TRUE : FALSE;
    }

    Tri not() {
        return switch (this) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** The value over several possibilities: known only when every possibility agrees. */
    Tri join(Tri other) {
        return this == other ? this : UNKNOWN;
    }
}
