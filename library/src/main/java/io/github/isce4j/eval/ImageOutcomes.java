package io.github.isce4j.eval;

/**
 * Per-image 0/1 outcomes as results.json stores them: one character per attacked image, in image
 * order, '1' for an image classified correctly (clean) or still correct after the attack (robust),
 * '0' otherwise. Readable by eye and by any JSON tool; what a paired comparison of two models on the
 * same images needs.
 */
public final class ImageOutcomes {

    private ImageOutcomes() {}

    /**
     * @param outcomes one per image
     * @return the string of '0' and '1'
     */
    public static String encode(boolean[] outcomes) {
        StringBuilder s = new StringBuilder(outcomes.length);
        for (boolean o : outcomes) {
            s.append(o ? '1' : '0');
        }
        return s.toString();
    }

    /**
     * @param text a string written by {@link #encode}
     * @return the outcomes
     * @throws IllegalArgumentException when it holds another character than '0' or '1'
     */
    public static boolean[] decode(String text) {
        boolean[] outcomes = new boolean[text.length()];
        for (int i = 0; i < outcomes.length; i++) {
            char c = text.charAt(i);
            if (c != '0' && c != '1') {
                throw new IllegalArgumentException("per-image outcomes are '0' or '1', got '" + c + "' at " + i);
            }
            outcomes[i] = c == '1';
        }
        return outcomes;
    }

    /**
     * @param text outcomes as stored, or null when not recorded
     * @param images how many images they must cover
     * @param name the field's name, for the message
     * @throws IllegalArgumentException when the text is there but not {@code images} '0'/'1' characters
     */
    static void check(String text, int images, String name) {
        if (text == null) {
            return;
        }
        if (text.length() != images) {
            throw new IllegalArgumentException(
                    name + " holds " + text.length() + " per-image outcomes for " + images + " images");
        }
        decode(text);
    }
}
