/**
 * Adversarial attacks on a {@link io.github.isce4j.model.Classifier}. Describe an attack with an
 * {@link io.github.isce4j.attack.AttackSpec} record ({@code PgdSpec.l2(1.0).steps(50).build()},
 * {@code new DeepFoolSpec()}, {@code SimBaSpec.dct().queries(500).build()}, ...), which validates its
 * settings, names itself and reads/writes itself as JSON ({@link io.github.isce4j.attack.AttackSpecJson});
 * {@code spec.attack()} builds the {@link io.github.isce4j.attack.Attack}. Every attack takes images in
 * [0, 1], never modifies them, and draws its randomness from the given {@code Random}. Each attack
 * class (ProjectedGradientDescent, DeepFool, SimBa, ...) is built from its spec and only from it,
 * {@code new ProjectedGradientDescent(spec)}, so its settings are described and checked once.
 */
package io.github.isce4j.attack;
