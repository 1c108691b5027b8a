package io.sockscope.cli;

/** Entry point of the {@code sockscope} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("sockscope: not built yet");
        System.exit(1);
    }
}
