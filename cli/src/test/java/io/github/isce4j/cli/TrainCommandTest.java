package io.github.isce4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.isce4j.loss.ArcFaceConfig;
import io.github.isce4j.loss.CenterLossConfig;
import io.github.isce4j.loss.IsceConfig;
import io.github.isce4j.loss.LabelSmoothingConfig;
import io.github.isce4j.loss.LgmConfig;
import io.github.isce4j.loss.LossConfig;
import io.github.isce4j.loss.LossName;
import io.github.isce4j.loss.MmcConfig;
import io.github.isce4j.loss.SceConfig;
import io.github.isce4j.train.EarlyStopping;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** How {@code isce train}'s loss flags become a loss configuration, without training. */
class TrainCommandTest {

    private static LossConfig loss(String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(args);
        return command.config().loss();
    }

    @ParameterizedTest
    @EnumSource(LossName.class)
    void withoutItsFlagsALossHasTheDefaultsOfItsConfiguration(LossName name) {
        assertThat(loss("--loss", name.id())).isEqualTo(LossConfig.of(name));
    }

    static Stream<Arguments> flags() {
        return Stream.of(
                Arguments.of(new String[] {"--loss", "sce"}, SceConfig.DEFAULT),
                Arguments.of(
                        new String[] {"--loss", "isce", "--s", "2", "--m", "0.3", "--isce-variant", "code"},
                        IsceConfig.code(2f, 0.3f)),
                Arguments.of(
                        new String[] {"--loss", "label-smoothing", "--ls-epsilon", "0.2"},
                        new LabelSmoothingConfig(0.2f)),
                Arguments.of(
                        new String[] {"--loss", "center", "--center-lambda", "0.02", "--center-alpha", "0.3"},
                        new CenterLossConfig(0.02f, 0.3f)),
                Arguments.of(
                        new String[] {"--loss", "lgm", "--lgm-alpha", "0.3", "--lgm-lambda", "0.05"},
                        new LgmConfig(0.3f, 0.05f)),
                Arguments.of(
                        new String[] {"--loss", "arcface", "--arcface-s", "16", "--arcface-m", "0.35"},
                        new ArcFaceConfig(16f, 0.35f)),
                Arguments.of(new String[] {"--loss", "mmc", "--mmc-c", "5"}, new MmcConfig(5f)));
    }

    /** Each flag reaches its own setting. */
    @ParameterizedTest
    @MethodSource("flags")
    void eachFlagSetsItsLossSetting(String[] args, LossConfig expected) {
        assertThat(loss(args)).isEqualTo(expected);
    }

    /** A flag of another loss would be silently ignored, so it is refused, naming the loss it belongs to. */
    @ParameterizedTest
    @MethodSource("foreignFlags")
    void anotherLossesFlagIsRefused(String[] args, String message) {
        assertThatThrownBy(() -> loss(args)).isInstanceOf(UserError.class).hasMessageStartingWith(message);
    }

    static Stream<Arguments> foreignFlags() {
        return Stream.of(
                Arguments.of(new String[] {"--loss", "sce", "--s", "3"}, "--s is a setting of --loss isce, not of sce"),
                Arguments.of(
                        new String[] {"--loss", "mmc", "--ls-epsilon", "0.1"},
                        "--ls-epsilon is a setting of --loss label-smoothing, not of mmc"));
    }

    static Stream<Arguments> badFlags() {
        return Stream.of(
                Arguments.of(new String[] {"--loss", "isce", "--s", "-1"}, "--s must be a finite number > 0, got -1.0"),
                Arguments.of(
                        new String[] {"--loss", "isce", "--m", "-0.3"}, "--m must be a finite number >= 0, got -0.3"),
                Arguments.of(
                        new String[] {"--loss", "label-smoothing", "--ls-epsilon", "2"},
                        "--ls-epsilon must be in [0, 1], got 2.0"),
                Arguments.of(
                        new String[] {"--loss", "center", "--center-lambda", "-1"},
                        "--center-lambda must be >= 0, got -1.0"),
                Arguments.of(
                        new String[] {"--loss", "center", "--center-alpha", "0"},
                        "--center-alpha must be in (0, 1], got 0.0"),
                Arguments.of(new String[] {"--loss", "lgm", "--lgm-alpha", "-1"}, "--lgm-alpha must be >= 0, got -1.0"),
                Arguments.of(
                        new String[] {"--loss", "lgm", "--lgm-lambda", "-1"}, "--lgm-lambda must be >= 0, got -1.0"),
                Arguments.of(
                        new String[] {"--loss", "arcface", "--arcface-s", "0"}, "--arcface-s must be > 0, got 0.0"),
                Arguments.of(
                        new String[] {"--loss", "arcface", "--arcface-m", "2"},
                        "--arcface-m must be in [0, pi/2] radians, got 2.0"),
                Arguments.of(new String[] {"--loss", "mmc", "--mmc-c", "0"}, "--mmc-c must be > 0, got 0.0"),
                Arguments.of(new String[] {"--batch-size", "0"}, "--batch-size must be >= 1, got 0"),
                Arguments.of(new String[] {"--embedding-dim", "-1"}, "--embedding-dim must be >= 0 (0 = none), got -1"),
                Arguments.of(new String[] {"--train-limit", "-1"}, "--train-limit must be >= 0 (0 = all), got -1"),
                Arguments.of(new String[] {"--lr", "0"}, "--lr must be > 0, got 0.0"),
                Arguments.of(
                        new String[] {"--loss", "mmc", "--embedding-dim", "3"},
                        "--loss mmc needs a feature of at "
                                + "least 10 dimensions (one axis per class for its simplex of class centers), got --embedding-dim 3; "
                                + "use --embedding-dim 10 or more, or 0 (LeNet-5 and CNN-8 then get a 10-wide linear feature "
                                + "layer, ResNet-32 keeps its own)"),
                Arguments.of(
                        new String[] {"--defense", "pgd-at", "--at-eps", "0"},
                        "--at-eps must be finite and > 0, got 0.0"),
                Arguments.of(new String[] {"--defense", "pgd-at", "--at-steps", "0"}, "--at-steps must be >= 1, got 0"),
                Arguments.of(
                        new String[] {"--defense", "pgd-at", "--at-step-size", "-1"},
                        "--at-step-size must be finite and > 0, got -1.0"),
                Arguments.of(
                        new String[] {"--defense", "pgd-at", "--at-preset", "strong"},
                        "unknown --at-preset 'strong'; choose paper or madry-mnist"),
                Arguments.of(new String[] {"--patience", "0"}, "--patience must be >= 1, got 0"),
                Arguments.of(new String[] {"--patience", "3", "--hold-out", "0"}, "--hold-out must be >= 1, got 0"),
                Arguments.of(
                        new String[] {"--patience", "3", "--train-limit", "1000", "--hold-out", "1000"},
                        "--hold-out must be below the 1000 training images the train limit leaves, got 1000"),
                Arguments.of(
                        new String[] {"--hold-out", "500"},
                        "--hold-out needs --patience: held-out images serve early stopping only"));
    }

    @Test
    void patienceTurnsOnEarlyStoppingWithTheDefaultHoldOut() {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs("--patience", "4");
        assertThat(command.config().earlyStopping()).isEqualTo(new EarlyStopping(4, 5_000));
        TrainCommand off = new TrainCommand();
        new CommandLine(off).parseArgs();
        assertThat(off.config().earlyStopping()).isNull();
    }

    /** The library names its setting; the CLI puts the flag in its place (center's and L-GM's lambda differ). */
    @ParameterizedTest
    @MethodSource("badFlags")
    void anInvalidSettingIsReportedUnderItsFlag(String[] args, String message) {
        assertThatThrownBy(() -> loss(args)).isInstanceOf(UserError.class).hasMessage(message);
    }
}
