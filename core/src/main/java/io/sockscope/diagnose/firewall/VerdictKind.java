package io.sockscope.diagnose.firewall;

/** The verdicts of nftables statements. */
public enum VerdictKind {
    ACCEPT,
    DROP,
    REJECT,
    JUMP,
    GOTO,
    RETURN,
    CONTINUE
}
