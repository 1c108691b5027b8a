/**
 * The connectivity doctor: "why can't clients reach this port?" A {@link io.sockscope.diagnose.Doctor} reads the
 * socket table, the owners, kernel settings, resource limits, interfaces and the firewall ruleset through
 * injected {@link io.sockscope.diagnose.Providers} into one immutable {@link io.sockscope.diagnose.Snapshot}, runs
 * its checks over it and answers with a {@link io.sockscope.diagnose.Diagnosis}: a verdict and
 * {@link io.sockscope.diagnose.Finding}s with stable {@link io.sockscope.diagnose.FindingCode}s, evidence and a fix.
 * The package depends on the JDK alone (and the project's model); it never prints or exits. Providers over the
 * live system are in {@code io.sockscope.diagnose.system}.
 */
package io.sockscope.diagnose;
