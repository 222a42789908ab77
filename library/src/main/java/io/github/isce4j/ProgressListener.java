package io.github.isce4j;

/**
 * Hears how far long work has got. The library is silent by default ({@link #SILENT}); the CLI
 * passes one that draws a progress bar.
 */
public interface ProgressListener {

    /** Hears nothing. */
    ProgressListener SILENT = new ProgressListener() {
        @Override
        public void start(String task, long total, String unit) {}

        @Override
        public void update(long done, String status) {}

        @Override
        public void finish() {}
    };

    /**
     * @param task what is being done, e.g. "attacking"
     * @param total units of work in all
     * @param unit what a unit is, e.g. "img"
     */
    void start(String task, long total, String unit);

    /**
     * @param done units finished so far
     * @param status what is running now, e.g. the attack's label
     */
    void update(long done, String status);

    /** The work is over (finished or failed). */
    void finish();

    /** @return a listener drawing a {@link ProgressBar} on stderr */
    static ProgressListener bar() {
        return new ProgressListener() {
            private ProgressBar bar;

            @Override
            public void start(String task, long total, String unit) {
                bar = new ProgressBar(task, total, unit);
            }

            @Override
            public void update(long done, String status) {
                bar.update(done, status);
            }

            @Override
            public void finish() {
                if (bar != null) {
                    bar.close();
                    bar = null;
                }
            }
        };
    }
}
