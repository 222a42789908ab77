/**
 * Robustness evaluation: an {@link io.github.isce4j.eval.AttackPlan} (a spec, judged at optional budgets)
 * run by {@link io.github.isce4j.eval.RobustnessEvaluation} gives a {@link io.github.isce4j.eval.RobustnessResult}
 * whose rows are looked up by spec; {@link io.github.isce4j.eval.AttackReport} writes results.json (with
 * provenance), CSV, Markdown and a plot; {@link io.github.isce4j.eval.SanityChecks} runs the checks against
 * gradient masking. {@link io.github.isce4j.eval.Target} and the report/plot classes serve the command line.
 */
package io.github.isce4j.eval;
