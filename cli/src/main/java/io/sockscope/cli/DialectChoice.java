package io.sockscope.cli;

import io.sockscope.render.SsDialect;

/**
 * The ss dialect a run speaks, and why: named on the command line, in the environment, or found from the ss
 * installed on the host.
 *
 * @param dialect the dialect
 * @param reason  how it was chosen, as {@code sockscope -V} says it
 */
record DialectChoice(SsDialect dialect, String reason) {
}
