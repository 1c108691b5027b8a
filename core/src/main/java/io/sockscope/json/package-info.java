/**
 * A small, dependency-free JSON reader for the few documents the core library reads whole: the doctor's
 * {@code nft -j list ruleset} and the container runtimes' files that name their containers.
 * {@link io.sockscope.json.JsonReader} turns text into immutable {@link io.sockscope.json.JsonValue}s or fails
 * with a positioned {@link io.sockscope.json.JsonSyntaxException}, never another exception, however deep or
 * damaged the text; {@link io.sockscope.json.JsonText} writes a value back.
 *
 * <p>It uses nothing of ours, so that every package that reads JSON may use it.
 */
package io.sockscope.json;
