package io.github.isce4j.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A classification network split at the paper's feature layer: {@code features} maps images to
 * the feature h, {@code head} maps h to the K logits z.
 *
 * <p>{@link #forward} returns {@code [z, h, extras...]}: losses that act on the feature (center
 * loss) read h, all others read z only. A head may append state its loss reads (the center-loss
 * head appends its class centers); predictions and attacks only ever use z.
 */
public final class Network extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block features;
    private final Block head;

    /**
     * @param features images [N, C, H, W] to features h [N, D]
     * @param head features h [N, D] to logits z [N, K] (and optionally further arrays)
     */
    public Network(Block features, Block head) {
        super(VERSION);
        this.features = addChildBlock("features", features);
        this.head = addChildBlock("head", head);
    }

    /** @return the block computing the feature h */
    public Block features() {
        return features;
    }

    /** @return the block computing the logits z from h */
    public Block head() {
        return head;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList h = features.forward(store, inputs, training, params);
        NDList z = head.forward(store, h, training, params);
        NDList out = new NDList(z.head(), h.head());
        out.addAll(z.subNDList(1));
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape[] h = features.getOutputShapes(inputs);
        Shape[] z = head.getOutputShapes(h);
        Shape[] out = new Shape[z.length + 1];
        out[0] = z[0];
        out[1] = h[0];
        System.arraycopy(z, 1, out, 2, z.length - 1);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        features.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, features.getOutputShapes(inputShapes));
    }
}
