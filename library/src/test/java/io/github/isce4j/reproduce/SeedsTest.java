package io.github.isce4j.reproduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.isce4j.InvalidSetting;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.model.Architecture;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void onlyTheReplicatedModelsChangeWithTheSeed() {
        Cells seed1 = new Cells(Budget.QUICK).withSeed(1);
        TrainingCell isce = seed1.model(Architecture.LENET5, DatasetName.MNIST, Method.ISCE);
        assertThat(isce.config().seed()).isEqualTo(1);
        assertThat(isce.slug()).endsWith("-seed1");
        assertThat(isce.name()).endsWith("(seed 1)");
        Cells seed0 = new Cells(Budget.QUICK);
        assertThat(isce.key())
                .isNotEqualTo(seed0.model(Architecture.LENET5, DatasetName.MNIST, Method.ISCE)
                        .key());
        // MMC on LeNet-5, and every ResNet-32 model, keep seed 0 in quick
        assertThat(seed1.model(Architecture.LENET5, DatasetName.MNIST, Method.MMC)
                        .key())
                .isEqualTo(seed0.model(Architecture.LENET5, DatasetName.MNIST, Method.MMC)
                        .key());
        assertThat(seed1.model(Architecture.RESNET32, DatasetName.MNIST, Method.ISCE)
                        .key())
                .isEqualTo(seed0.model(Architecture.RESNET32, DatasetName.MNIST, Method.ISCE)
                        .key());
        // random resize + pad wraps SCE's model, so it follows SCE's seed
        assertThat(seed1.model(Architecture.LENET5, DatasetName.MNIST, Method.RANDOM)
                        .config()
                        .seed())
                .isEqualTo(1);
    }

    @Test
    void theSpreadRecipeTrainsThreeSeedsOfTheThreeQuickModelsAndNothingMore() {
        List<Cell> cells = new SeedSpread().cells(new Cells(Budget.QUICK));
        List<TrainingCell> seeded = cells.stream()
                .filter(c -> c instanceof TrainingCell t && t.config().seed() > 0)
                .map(c -> (TrainingCell) c)
                .toList();
        assertThat(seeded).hasSize(6); // SCE, I-SCE paper and code variant, seeds 1 and 2
        assertThat(seeded).allMatch(t -> t.config().model() == Architecture.LENET5);
        // the claims' measurements only: the sanity recipe decides which models are checked
        assertThat(cells).noneMatch(c -> c instanceof SanityCell);
        assertThat(new SeedSpread().cells(new Cells(Budget.PAPER))).isEmpty();
    }

    @Test
    void atLeastOneSeed() {
        assertThatThrownBy(() -> new Seeds(0, Set.of(), Set.of()))
                .isInstanceOf(InvalidSetting.class)
                .hasMessage("seeds must be at least 1, got 0");
        assertThat(Seeds.all(2).replicates(Setting.CNN_CIFAR, Method.AT)).isTrue();
        assertThat(Seeds.ONE.replicates(Setting.CNN_CIFAR, Method.ISCE)).isFalse();
    }
}
