package io.github.isce4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import io.github.isce4j.AtomicFile;
import io.github.isce4j.model.NetworkClassifier;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The feature h each image has just before the network's head (docs/method.md §2; the paper's Fig. 9 plots
 * them with a 3-D embedding layer), with the label and the prediction argmax z.
 *
 * @param labels true classes, one per image
 * @param predictions argmax z, one per image
 * @param features h, [N][D]
 */
public record Embeddings(int[] labels, int[] predictions, float[][] features) {

    /**
     * Runs the network in inference mode batch by batch and keeps h.
     *
     * @param classifier a trained network
     * @param images [N, C, H, W] in [0, 1]
     * @param labels int64 [N]
     * @param batchSize images per forward pass
     * @return the embeddings of all N images
     */
    public static Embeddings of(NetworkClassifier classifier, NDArray images, NDArray labels, int batchSize) {
        int n = (int) images.getShape().get(0);
        int[] y = new int[n];
        int[] predicted = new int[n];
        float[][] h = new float[n][];
        ParameterStore store = new ParameterStore(classifier.model().getNDManager(), false);
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            try (NDManager batch = images.getManager().newSubManager()) {
                NDIndex rows = new NDIndex().addSliceDim(start, end);
                NDList out = classifier.network().forward(store, new NDList(images.get(batch, rows)), false);
                long[] p = out.get(0).argMax(1).toLongArray();
                long[] l = labels.get(batch, rows).toLongArray();
                NDArray features = out.get(1);
                int d = (int) features.getShape().get(1);
                float[] flat = features.toFloatArray();
                for (int i = start; i < end; i++) {
                    y[i] = (int) l[i - start];
                    predicted[i] = (int) p[i - start];
                    h[i] = Arrays.copyOfRange(flat, (i - start) * d, (i - start + 1) * d);
                }
            }
        }
        return new Embeddings(y, predicted, h);
    }

    /** @return N, the number of images */
    public int size() {
        return labels.length;
    }

    /** @return D, the width of h */
    public int dimension() {
        return features.length == 0 ? 0 : features[0].length;
    }

    /** @return the fraction of images whose prediction equals the label */
    public double accuracy() {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += labels[i] == predictions[i] ? 1 : 0;
        }
        return labels.length == 0 ? 0 : (double) correct / labels.length;
    }

    /**
     * Writes {@code index,label,prediction,h0,h1,...}, one row per image in test-set order.
     *
     * @param file the CSV file, written atomically
     * @throws IOException when writing fails
     */
    public void writeCsv(Path file) throws IOException {
        AtomicFile.write(file, raw -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8));
            w.write("index,label,prediction");
            for (int d = 0; d < dimension(); d++) {
                w.write(",h" + d);
            }
            w.write('\n');
            for (int i = 0; i < size(); i++) {
                w.write(i + "," + labels[i] + "," + predictions[i]);
                for (float v : features[i]) {
                    w.write(',');
                    w.write(Float.toString(v));
                }
                w.write('\n');
            }
            w.flush();
        });
    }
}
