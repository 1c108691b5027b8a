/**
 * The metrics exporter: snapshots of the socket table ({@link io.sockscope.exporter.EngineSnapshots}, through the
 * query engine), taken one at a time and shared by the scrapes that ask meanwhile
 * ({@link io.sockscope.exporter.SharedSnapshots}), written in the Prometheus text format or OpenMetrics by
 * Prometheus' client_java ({@link io.sockscope.exporter.PrometheusSnapshots}) and served over HTTP
 * ({@link io.sockscope.exporter.MetricsServer}), or pushed as OTLP by the OpenTelemetry SDK. Prints nothing: what
 * goes wrong is told to a {@link io.sockscope.model.WarningSink} or returned.
 */
package io.sockscope.exporter;
