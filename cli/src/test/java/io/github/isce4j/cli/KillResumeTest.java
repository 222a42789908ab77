package io.github.isce4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training killed with SIGKILL five times, at different moments of its life (while writing its
 * first files, mid-epoch, around checkpoints), and resumed after each kill, ends with parameters
 * byte-identical to those of the same training run without interruption.
 */
class KillResumeTest {

    private static final String[] TRAINING = {"--loss", "sce", "--epochs", "4", "--train-limit", "6000"};

    /** Milliseconds after a process takes the run's lock until it is killed. */
    private static final long[] KILL_AFTER = {0, 300, 900, 1600, 2600};

    @Test
    void fiveKillsAndResumesEndByteIdenticalToAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path whole = tmp.resolve("whole");
        PrintStream saved = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(args("--out", whole.toString()))).isZero();
        } finally {
            System.setOut(saved);
        }

        Path cut = tmp.resolve("cut");
        int killed = 0;
        for (int i = 0; i < KILL_AFTER.length; i++) {
            String[] command = i == 0 || !Files.exists(cut.resolve("config.json"))
                    ? args("--out", cut.toString())
                    : new String[] {"train", "--resume", "--out", cut.toString()};
            Process p = launch(command, tmp.resolve("log-" + i + ".txt"));
            if (awaitLock(p, cut.resolve("lock"))) {
                Thread.sleep(KILL_AFTER[i]);
            }
            if (p.isAlive()) {
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
                killed++;
            }
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(killed).as("processes killed before they finished").isGreaterThanOrEqualTo(4);
        Process last = launch(new String[] {"train", "--resume", "--out", cut.toString()}, tmp.resolve("log-last.txt"));
        assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(last.exitValue())
                .as(Files.readString(tmp.resolve("log-last.txt")))
                .isZero();
        assertThat(Files.readAllBytes(cut.resolve("model.params")))
                .isEqualTo(Files.readAllBytes(whole.resolve("model.params")));
        assertThat(cut.resolve("lock")).doesNotExist();
        try (var files = Files.walk(cut)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** SIGTERM (what Ctrl-C's SIGINT also does to a JVM: shutdown hooks run) says how to continue. */
    @Test
    void anInterruptedTrainingSaysHowToContinue(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Path log = tmp.resolve("log.txt");
        Process p = launch(args("--out", run.toString()), log);
        assertThat(awaitLock(p, run.resolve("lock"))).as("training started").isTrue();
        while (p.isAlive() && !Files.exists(run.resolve("config.json"))) {
            Thread.sleep(5);
        }
        Thread.sleep(300);
        p.destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(log)).contains("interrupted; continue with: isce train --resume --out " + run);
        Path resumed = tmp.resolve("resumed.txt");
        Process done = launch(new String[] {"train", "--resume", "--out", run.toString()}, resumed);
        assertThat(done.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(done.exitValue()).as(Files.readString(resumed)).isZero();
        assertThat(Files.readString(resumed)).doesNotContain("interrupted;");
    }

    private static String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(List.of(TRAINING));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static Process launch(String[] command, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-XX:+UseSerialGC",
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(command));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Waits until {@code p} holds the lock (its pid is in the file); false if it ended first. */
    private static boolean awaitLock(Process p, Path lock) throws IOException, InterruptedException {
        String pid = Long.toString(p.pid());
        while (p.isAlive()) {
            if (Files.exists(lock)) {
                try {
                    if (Files.readString(lock).startsWith(pid + " ")) {
                        return true;
                    }
                } catch (IOException gone) {
                    // released between the check and the read
                }
            }
            Thread.sleep(5);
        }
        return false;
    }
}
