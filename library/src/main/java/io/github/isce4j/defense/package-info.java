/**
 * Defenses that wrap a classifier: random resize + pad (Xie et al. 2018) with its expectation over
 * transformations for attacks. PGD adversarial training lives in {@code train}.
 */
package io.github.isce4j.defense;
