package io.github.isce4j.eval;

/**
 * The outcome of one of docs/method.md §7's checks against gradient masking.
 *
 * @param number its number in docs/method.md §7 (1 to 9)
 * @param claim what must hold for a robustness number to be trusted
 * @param verdict ok, warning or failed
 * @param measured the numbers the verdict rests on, in words
 */
public record SanityCheck(int number, String claim, Verdict verdict, String measured) {

    /** How a check came out. */
    public enum Verdict {
        /** The check holds. */
        OK("ok"),
        /** The check holds only with a caveat the reader must know. */
        WARNING("warning"),
        /** The check does not hold: robustness numbers of this model are not to be trusted as they are. */
        FAILED("FAILED");

        private final String word;

        Verdict(String word) {
            this.word = word;
        }

        /** @return how tables print it */
        public String word() {
            return word;
        }
    }
}
