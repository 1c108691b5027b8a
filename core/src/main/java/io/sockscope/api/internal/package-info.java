/**
 * The library's mapping, not exported: the model's socket records as the API's entries ({@link
 * io.sockscope.api.internal.EntryMapper}, the owner join's answers as {@code Owners}), shared by {@link
 * io.sockscope.api.SocketInspector} and the command's JSON output, and the door to the API's package-private
 * records ({@link io.sockscope.api.internal.ApiValues}). It is part of the api (the same row of
 * docs/architecture.md's rules): it reads the model and names, and reaches the engine only through
 * {@code io.sockscope.inspect}'s interfaces.
 */
package io.sockscope.api.internal;
