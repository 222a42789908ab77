package io.github.isce4j.cli;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.eval.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The model an evaluating command looks at: a run directory or a TorchScript file and its dataset. */
final class TargetOption {

    @Parameters(index = "0", paramLabel = "TARGET", description = "A run directory or a TorchScript .pt file.")
    Path target;

    @Option(
            names = "--dataset",
            paramLabel = "NAME",
            description = "Test set for a .pt file: mnist, fashion-mnist or cifar10 (a run directory knows its own).")
    String dataset;

    /**
     * @param batchSize the images per batch the command will evaluate (a TorchScript file is probed with that many)
     * @return the opened target; the caller closes it
     */
    Target open(int batchSize) {
        if (dataset != null) {
            return Target.open(target, DatasetName.parse(dataset), batchSize);
        }
        try {
            return Target.open(target, null, batchSize);
        } catch (Target.DatasetMissing e) {
            throw new UserError(e.getMessage() + " with --dataset", e);
        }
    }

    /**
     * @param kind what is written, e.g. "attacks" or "sanity"
     * @param name a sub-folder, or null for none
     * @return TARGET/kind[/name] for a run directory, FILE-kind[/name] beside a .pt file
     */
    Path defaultOut(String kind, String name) {
        Path base;
        if (Files.isDirectory(target)) {
            base = target.resolve(kind);
        } else {
            String file = target.getFileName().toString().replaceFirst("\\.pt$", "");
            base = target.toAbsolutePath().getParent().resolve(file + "-" + kind);
        }
        return name == null ? base : base.resolve(name);
    }
}
