/**
 * ss's filter expression language, as iproute2 ss 6.1 reads and applies it: {@link Filters} parses the
 * words (and {@code -F} file) into a sealed {@link Filter} tree, {@link FilterEvaluator} applies it to
 * sockets in userspace exactly as ss's {@code run_ssfilter} does, and {@link BytecodeCompiler} produces the
 * {@code inet_diag} bytecode ss sends so the kernel can filter inet dumps.
 *
 * <p>The package does no I/O: names (interfaces, hosts, services, cgroups) are resolved through a
 * {@link FilterEnvironment} the caller supplies, and every refusal is a {@link FilterSyntaxException}
 * carrying a position and the text ss itself would print.
 */
package io.sockscope.filter;
