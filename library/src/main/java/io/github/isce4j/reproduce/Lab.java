package io.github.isce4j.reproduce;

import ai.djl.ndarray.NDManager;
import io.github.isce4j.ProgressListener;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * Where cells run: the reproduction's folder, the data, a log for the training runs' own output,
 * and a listener that hears how far the cell in flight has got.
 */
public final class Lab {

    private final Path out;
    private final DataLocator data;
    private final PrintStream log;
    private final DoubleConsumer cellFraction;
    private final Map<DatasetName, ImageSet> tests = new EnumMap<>(DatasetName.class);

    /**
     * @param out the reproduction's folder
     * @param data where the datasets are
     * @param log where the trainings write their epoch lines
     * @param cellFraction hears the fraction of the cell in flight that is done
     */
    public Lab(Path out, DataLocator data, PrintStream log, DoubleConsumer cellFraction) {
        this.out = out;
        this.data = data;
        this.log = log;
        this.cellFraction = cellFraction;
    }

    Path out() {
        return out;
    }

    DataLocator data() {
        return data;
    }

    PrintStream log() {
        return log;
    }

    /** @return the first {@code n} test images of the dataset (read once per run) */
    ImageSet test(DatasetName dataset, int n) {
        return tests.computeIfAbsent(dataset, d -> data.load(d, Split.TEST)).atMost(n);
    }

    /** @return a progress listener that reports the cell in flight's fraction done */
    ProgressListener listener() {
        return new ProgressListener() {
            private long total = 1;

            @Override
            public void start(String task, long work, String unit) {
                total = Math.max(1, work);
            }

            @Override
            public void update(long done, String status) {
                cellFraction.accept(Math.min(1.0, done / (double) total));
            }

            @Override
            public void finish() {}
        };
    }

    /** @return e.g. "the first 500 test images", or "all 10,000 test images" */
    static String note(ImageSet test) {
        return test.note().isEmpty()
                ? String.format(java.util.Locale.ROOT, "all %,d test images", test.size())
                : "the " + test.note();
    }

    /** @return a fresh native memory scope for one cell */
    static NDManager manager() {
        return NDManager.newBaseManager();
    }
}
