package io.github.isce4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.isce4j.AtomicFile;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.loss.IsceConfig;
import io.github.isce4j.loss.LossConfig;
import io.github.isce4j.loss.SceConfig;
import io.github.isce4j.model.Architecture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run directories stay whole: one writer at a time, resumes that compute what config.json says,
 * no temporary files left behind, a diverged run that does not block the next attempt, and
 * output files others can read.
 */
class RunDirectorySafetyTest {

    private static final DataLocator DATA = new DataLocator((Path) null);

    private static TrainingConfig config(LossConfig loss, int epochs, float lr) {
        return TrainingConfig.builder()
                .setDataset(DatasetName.MNIST)
                .setModel(Architecture.LENET5)
                .setLoss(loss)
                .optEpochs(epochs)
                .optLearningRate(lr)
                .optTrainLimit(1_000)
                .build();
    }

    private static TrainingConfig isce(int epochs) {
        return config(IsceConfig.DEFAULT, epochs, 1e-3f);
    }

    @Test
    void aSecondWriterIsRefusedNamingTheOwnerAndAStaleLockIsTakenOver(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        try (RunLock held = RunLock.acquire(dir)) {
            assertThatThrownBy(() -> RunLock.acquire(dir))
                    .isInstanceOf(RunLock.Held.class)
                    .hasMessageContaining(
                            "in use by process " + ProcessHandle.current().pid());
            assertThatThrownBy(() -> TrainingRun.start(isce(1), dir, DATA, quiet()))
                    .isInstanceOf(RunLock.Held.class)
                    .hasMessageContaining("in use by process");
        }
        assertThat(dir.resolve(RunLock.NAME)).doesNotExist();
        // a process that has exited, as after kill -9
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve(RunLock.NAME), gone.pid() + " 2020-01-01T00:00:00Z\n");
        RunLock.acquire(dir).close();
        // this pid, but another start time: a new process that reused a dead owner's pid
        Files.writeString(dir.resolve(RunLock.NAME), ProcessHandle.current().pid() + " 2001-01-01T00:00:00Z\n");
        RunLock.acquire(dir).close();
        // a lock cut short before its pid was written
        Files.writeString(dir.resolve(RunLock.NAME), "");
        RunLock.acquire(dir).close();
    }

    @Test
    void resumeRefusesOtherSettingsNamingEachAndAllowsMoreEpochs(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        TrainingRun.start(isce(1), run, DATA, quiet());
        byte[] metrics = Files.readAllBytes(run.resolve("metrics.json"));
        TrainingConfig asked = config(SceConfig.DEFAULT, 2, 0.1f);
        assertThatThrownBy(() -> TrainingRun.resume(run, asked, Set.of("loss", "lr", "epochs"), DATA, quiet()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loss sce (the run has isce)")
                .hasMessageContaining("lr 0.1 (the run has 0.001)")
                .hasMessageNotContaining("epochs 2");
        assertThat(Files.readAllBytes(run.resolve("metrics.json"))).isEqualTo(metrics);
        assertThat(RunDirectory.open(run).readConfig()).isEqualTo(isce(1));

        // A setting asked for is compared whatever its value, a default one too (--loss sce on a run of
        // I-SCE, which is not the default, is the mirror case of --loss isce typed on an SCE run).
        assertThatThrownBy(() ->
                        TrainingRun.resume(run, config(SceConfig.DEFAULT, 1, 1e-3f), Set.of("loss"), DATA, quiet()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loss sce (the run has isce)");
        // Settings not asked for are not compared, even where the run differs.
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingResult more = TrainingRun.resume(
                run,
                config(SceConfig.DEFAULT, 2, 1e-2f),
                Set.of("epochs"),
                DATA,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("epochs changed from 1 to 2, as asked");
        assertThat(more.epochs()).hasSize(2);
        assertThat(RunDirectory.open(run).readConfig()).isEqualTo(isce(2));
        TrainingRun.start(isce(2), tmp.resolve("whole"), DATA, quiet());
        assertThat(Files.readAllBytes(run.resolve("model.params")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("whole/model.params")));
        assertThatThrownBy(() -> TrainingRun.resume(run, isce(1), Set.of("epochs"), DATA, quiet()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already finished 2 epochs");
    }

    @Test
    void leftoverTemporaryFilesAreRemovedOnResumeAndOutputsAreReadableByAll(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        TrainingRun.start(isce(1), run, DATA, quiet());
        Path leftover = Files.writeString(run.resolve(".metrics.json1234567.tmp"), "half");
        Path checkpointLeftover = Files.writeString(run.resolve("checkpoint/.last.ckpt987.tmp"), "half");
        Path mine = Files.writeString(run.resolve("notes.tmp"), "kept: not an AtomicFile name");
        TrainingRun.resume(run, DATA, quiet());
        assertThat(leftover).doesNotExist();
        assertThat(checkpointLeftover).doesNotExist();
        assertThat(mine).exists();
        for (String name : new String[] {"config.json", "metrics.json", "model.params", "checkpoint/last.ckpt"}) {
            assertThat(Files.getPosixFilePermissions(run.resolve(name)))
                    .as(name)
                    .contains(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        }
        assertThat(AtomicFile.removeLeftovers(tmp.resolve("absent"))).isZero();
    }

    @Test
    void aDivergedRunLeavesAFolderTheNextAttemptCanUse(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        assertThatThrownBy(() -> TrainingRun.start(config(SceConfig.DEFAULT, 1, 1e30f), run, DATA, quiet()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("diverged")
                .hasMessageContaining("was cleared");
        assertThat(run.resolve("config.json")).doesNotExist();
        assertThat(run.resolve("checkpoint/last.ckpt")).doesNotExist();
        assertThat(run.resolve("diverged-config.json")).content().contains("\"lr\": 1.0E30");
        assertThat(TrainingRun.start(isce(1), run, DATA, quiet()).epochs()).hasSize(1);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
