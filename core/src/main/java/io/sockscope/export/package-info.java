/**
 * The metrics model behind {@code sockscope serve}: one dump of the socket table, with its owners and their
 * descriptor limits, turned into bounded series ({@link io.sockscope.export.MetricsSnapshot}) that an exposition
 * format (Prometheus, OpenMetrics, OTLP) writes as it is. Fed model values only and does no I/O, like
 * {@code live}; the formats and the HTTP server live in the exporter module.
 *
 * <p>Every series is bounded: no peer address is ever a label, listeners and processes are capped
 * ({@link io.sockscope.export.SeriesCaps}), and what a cap folds away is counted.
 */
package io.sockscope.export;
