package io.github.isce4j.data;

/** Which part of a dataset: the training images or the test images. */
public enum Split {
    /** The training images. */
    TRAIN,
    /** The test (held-out) images. */
    TEST;

    /** @return the word used in notes and messages: "training" or "test" */
    public String word() {
        return this == TRAIN ? "training" : "test";
    }
}
