package io.github.isce4j.loss;

import java.util.Locale;

/**
 * Which reading of I-SCE to use (docs/method.md §1).
 *
 * <p>The paper (Song et al. 2022, Eq. 2–4) and the one surviving file of the authors' code
 * disagree on which class receives the boost during training and how the boosted entry is
 * formed. Both are implemented; every result names the one that produced it.
 */
public enum IsceVariant {

    /**
     * The paper's reading (default): in training the true class c = y is boosted to
     * s·t_c + m; at inference c = argmax t.
     */
    PAPER,

    /**
     * The authors' script: in training too the predicted class c = argmax z is boosted, the
     * boosted entry is clip(s·(t_c + m), −1, 1), and no gradient flows through the choice of c.
     */
    CODE;

    /**
     * Parses a variant name as given on the command line.
     *
     * @param name {@code "paper"} or {@code "code"}, case-insensitive, surrounding blanks ignored
     * @return the variant
     * @throws IllegalArgumentException if the name is null or not one of the two
     */
    public static IsceVariant parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "paper":
                return PAPER;
            case "code":
                return CODE;
            default:
                throw new IllegalArgumentException("unknown I-SCE variant '" + name + "': use 'paper' or 'code'");
        }
    }
}
