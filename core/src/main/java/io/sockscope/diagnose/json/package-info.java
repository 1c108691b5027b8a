/**
 * A small, dependency-free JSON reader for the documents the doctor consumes ({@code nft -j list ruleset}):
 * {@link io.sockscope.diagnose.json.JsonReader} turns text into immutable
 * {@link io.sockscope.diagnose.json.JsonValue}s or fails with a positioned
 * {@link io.sockscope.diagnose.json.JsonSyntaxException}.
 */
package io.sockscope.diagnose.json;
