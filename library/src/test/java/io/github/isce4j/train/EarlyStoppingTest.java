package io.github.isce4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.isce4j.InvalidSetting;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.loss.SceConfig;
import io.github.isce4j.model.Architecture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Early stopping: the rule on hand-made held-out curves, and a real run that stops and resumes exactly. */
class EarlyStoppingTest {

    private static final DataLocator DATA = new DataLocator((Path) null);
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    private static List<EpochMetrics> curve(double... heldOut) {
        List<EpochMetrics> history = new ArrayList<>();
        for (int i = 0; i < heldOut.length; i++) {
            history.add(new EpochMetrics(i + 1, 0, 0, 0, 0, 0, 0, heldOut[i], null));
        }
        return history;
    }

    @Test
    void stopsAfterPatienceEpochsWithoutANewBestAndATieIsNoImprovement() {
        EarlyStopping two = new EarlyStopping(2, 100);
        assertThat(two.stops(curve())).isFalse();
        assertThat(two.stops(curve(0.5, 0.7, 0.6))).isFalse();
        assertThat(two.stops(curve(0.5, 0.7, 0.6, 0.7)))
                .as("0.7 again ties the best")
                .isTrue();
        assertThat(two.bestEpoch(curve(0.5, 0.7, 0.6, 0.7))).isEqualTo(2);
        assertThat(two.stops(curve(0.5, 0.7, 0.6, 0.71))).isFalse();
        assertThat(new EarlyStopping(1, 100).stops(curve(0.5, 0.5))).isTrue();
        assertThat(two.reason(curve(0.5, 0.7, 0.6, 0.7)))
                .isEqualTo("held-out accuracy has not improved for 2 epochs (best 70.00% after epoch 2, on 100"
                        + " held-out training images); keeping the model of epoch 4");
    }

    @Test
    void refusesSettingsOutOfRangeByName() {
        assertThatThrownBy(() -> new EarlyStopping(0, 100))
                .isInstanceOf(InvalidSetting.class)
                .hasMessage("patience must be >= 1, got 0");
        assertThatThrownBy(() -> new EarlyStopping(3, 0))
                .isInstanceOf(InvalidSetting.class)
                .hasMessage("hold_out must be >= 1, got 0");
        assertThatThrownBy(() -> config(8, 1_000))
                .isInstanceOf(InvalidSetting.class)
                .hasFieldOrPropertyWithValue("setting", "hold_out");
    }

    /** LeNet-5 on 1,000 MNIST images; 20 held out, so ties are common and the run stops early. */
    private static TrainingConfig config(int epochs, int holdOut) {
        return TrainingConfig.builder()
                .setDataset(DatasetName.MNIST)
                .setModel(Architecture.LENET5)
                .setLoss(SceConfig.DEFAULT)
                .optEpochs(epochs)
                .optTrainLimit(1_000)
                .optTestLimit(200)
                .optEarlyStopping(new EarlyStopping(2, holdOut))
                .build();
    }

    private static List<List<Object>> numbers(List<EpochMetrics> history) {
        return history.stream()
                .map(e -> List.<Object>of(
                        e.trainLoss(), e.testAccuracy(), e.heldOutAccuracy(), String.valueOf(e.stoppedEarly())))
                .toList();
    }

    @Test
    void stopsEarlyRecordsItAndAResumedRunCountsItsPatienceOn(@TempDir Path tmp) throws IOException {
        TrainingResult whole = TrainingRun.start(config(12, 20), tmp.resolve("whole"), DATA, QUIET);
        List<EpochMetrics> epochs = whole.epochs();
        int stop = epochs.size();
        assertThat(stop).as("stopped before the cap of 12").isLessThan(12);
        assertThat(epochs.get(stop - 1).stoppedEarly()).isTrue();
        assertThat(epochs.subList(0, stop - 1)).allMatch(e -> e.stoppedEarly() == null);
        assertThat(stop - new EarlyStopping(2, 20).bestEpoch(epochs)).isEqualTo(2);
        assertThat(RunDirectory.open(tmp.resolve("whole")).readMetrics()).isEqualTo(epochs);
        assertThat(RunDirectory.open(tmp.resolve("whole")).readConfig()).isEqualTo(config(12, 20));

        // Killed one epoch before the stop: past the best, so the resumed run must stop after one more epoch.
        Path cut = tmp.resolve("cut");
        TrainingRun.start(config(stop - 1, 20), cut, DATA, QUIET);
        RunDirectory dir = RunDirectory.open(cut);
        dir.writeConfig(config(12, 20), dir.readProvenance());
        Files.delete(dir.modelFile());
        TrainingResult resumed = TrainingRun.resume(cut, DATA, QUIET);

        assertThat(numbers(resumed.epochs())).isEqualTo(numbers(epochs));
        assertThat(Files.readAllBytes(cut.resolve("model.params")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("whole/model.params")));
    }
}
