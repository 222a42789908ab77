package io.github.isce4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.loss.SceConfig;
import io.github.isce4j.model.Architecture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.json's checksums tell a run's own files from files copied in, and survive a kill between two writes. */
class RunChecksumsTest {

    private static RunDirectory run(Path tmp) throws IOException {
        TrainingConfig config = TrainingConfig.builder()
                .setDataset(DatasetName.MNIST)
                .setModel(Architecture.LENET5)
                .setLoss(SceConfig.DEFAULT)
                .build();
        RunDirectory dir = RunDirectory.create(tmp.resolve("run"));
        dir.writeConfig(config, new JsonObject());
        Files.createDirectories(dir.checkpointFile().getParent());
        return dir;
    }

    @Test
    void aCheckpointFromElsewhereIsRefusedAndTheOneReplacedByAKilledWriteIsNot(@TempDir Path tmp) throws IOException {
        RunDirectory dir = run(tmp);
        Path ckpt = dir.checkpointFile();
        Files.writeString(ckpt, "epoch 1");
        dir.recordSha256(ckpt, FileChecksum.of(ckpt));
        assertThatCode(() -> dir.requireOwn(ckpt)).doesNotThrowAnyException();

        // epoch 2 recorded, then killed before its file was renamed into place: epoch 1's stays valid
        dir.recordSha256(ckpt, FileChecksum.of("epoch 2".getBytes(StandardCharsets.UTF_8)));
        assertThatCode(() -> dir.requireOwn(ckpt)).doesNotThrowAnyException();

        Files.writeString(ckpt, "another run's checkpoint");
        assertThatThrownBy(() -> dir.requireOwn(ckpt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last.ckpt is not the file this run wrote")
                .hasMessageContaining("copied in from another run");
    }

    @Test
    void aFileWithoutARecordedChecksumIsNotChecked(@TempDir Path tmp) throws IOException {
        RunDirectory dir = run(tmp);
        Files.writeString(dir.modelFile(), "parameters of a run older than the checksums");
        assertThatCode(() -> dir.requireOwn(dir.modelFile())).doesNotThrowAnyException();
    }

    @Test
    void aConfigEditedToClaimAnotherDatasetIsRefused(@TempDir Path tmp) throws IOException {
        RunDirectory dir = run(tmp);
        Path config = dir.path().resolve("config.json");
        Files.writeString(
                config, Files.readString(config).replace("\"dataset\": \"mnist\"", "\"dataset\": \"fashion-mnist\""));
        assertThatThrownBy(dir::readConfig)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was edited after training");
    }

    @Test
    void anEarlierModelOfTheSameRunIsRefused(@TempDir Path tmp) throws IOException {
        RunDirectory dir = run(tmp);
        Files.writeString(dir.modelFile(), "after 1 epoch");
        dir.recordSha256(dir.modelFile(), FileChecksum.of(dir.modelFile()));
        dir.recordSha256(dir.modelFile(), FileChecksum.of("after 2 epochs".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> dir.requireOwn(dir.modelFile())).hasMessageContaining("model.params is not");
    }

    @Test
    void rewritingTheConfigKeepsTheFilesChecksums(@TempDir Path tmp) throws IOException {
        RunDirectory dir = run(tmp);
        Files.writeString(dir.modelFile(), "model");
        dir.recordSha256(dir.modelFile(), FileChecksum.of(dir.modelFile()));
        TrainingConfig longer = dir.readConfig().toBuilder().optEpochs(9).build();
        dir.writeConfig(longer, dir.readProvenance());
        assertThat(dir.readConfig()).isEqualTo(longer);
        Files.writeString(dir.modelFile(), "other model");
        assertThatThrownBy(() -> dir.requireOwn(dir.modelFile())).hasMessageContaining("model.params is not");
    }
}
