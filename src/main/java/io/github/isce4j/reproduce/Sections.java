package io.github.isce4j.reproduce;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.model.Architecture;

import java.util.List;

/** What several sections share: the sanity-checked models and how a method's row is named. */
final class Sections {

    private Sections() {}

    /** The methods whose models get the sanity checks (docs/method.md §7): SCE and both I-SCE variants. */
    static final List<Method> CHECKED = List.of(Method.SCE, Method.ISCE, Method.ISCE_CODE);

    /** The networks and datasets the paper runs, in its order. */
    static final List<Setting> SETTINGS = List.of(new Setting(Architecture.RESNET32, DatasetName.MNIST),
            new Setting(Architecture.RESNET32, DatasetName.CIFAR10), new Setting(Architecture.LENET5, DatasetName.MNIST),
            new Setting(Architecture.CNN8, DatasetName.CIFAR10));

    /**
     * @param network the architecture
     * @param dataset its dataset
     */
    record Setting(Architecture network, DatasetName dataset) {
        @Override
        public String toString() {
            return Names.network(network) + " on " + Names.dataset(dataset);
        }
    }

    /**
     * @return the method's label, marked when its model failed a sanity check (then its numbers
     *     are not to be trusted as they are)
     */
    static String method(Results results, Architecture network, DatasetName dataset, Method method) {
        if (!CHECKED.contains(method)) {
            return method.label();
        }
        SanityCell.Verdicts v = results.sanity(results.cells().sanity(network, dataset, method));
        return v != null && v.failed() ? method.label() + " ⚠ (failed a sanity check)" : method.label();
    }
}
