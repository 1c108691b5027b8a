package io.sockscope.exporter;

/** OpenTelemetry's semantic-convention values for what sockscope names the way ss does. */
final class SemanticNames {
    private SemanticNames() {
    }

    /**
     * {@code network.connection.state} for ss's state word ({@code close-wait} → {@code close_wait},
     * {@code listening} → {@code listen}, {@code unconnected} → {@code close}), or null for a state the convention
     * has no value for.
     */
    static String connectionState(String ssState) {
        return switch (ssState) {
            case "listening" -> "listen";
            case "unconnected" -> "close";
            case "established", "syn-sent", "syn-recv", "fin-wait-1", "fin-wait-2", "time-wait", "close-wait",
                 "last-ack", "closing" -> ssState.replace('-', '_');
            default -> null;
        };
    }
}
