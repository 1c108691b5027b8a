/**
 * The library's mapping, not exported: the model's socket records as the API's entries ({@link
 * io.sockscope.api.internal.EntryMapper}, the owner join's answers as {@code Owners}), shared by {@link
 * io.sockscope.api.SocketInspector} and the command's JSON output, and the door to the API's package-private
 * records ({@link io.sockscope.api.internal.ApiValues}). It is part of the api (the same row of
 * docs/architecture.md's rules): it reads the model, the name tables and the owner join's answers
 * ({@code io.sockscope.inspect}), and no package of the engine uses it.
 */
package io.sockscope.api.internal;
