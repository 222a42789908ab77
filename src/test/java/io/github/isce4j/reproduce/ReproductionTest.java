package io.github.isce4j.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.TestData;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.model.Architecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

class ReproductionTest {

    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void cellKeysChangeExactlyWhenASettingChanges() {
        Cells quick = new Cells(Budget.QUICK);
        TrainingCell isce = quick.model(Architecture.RESNET32, DatasetName.MNIST, Method.ISCE);
        assertEquals(isce.key(), new Cells(Budget.QUICK).model(Architecture.RESNET32, DatasetName.MNIST, Method.ISCE).key());
        // the default grid point of Fig. 4 is the very model of Table 1
        assertEquals(isce.key(), quick.isce(Architecture.RESNET32, DatasetName.MNIST, 1.0, 0.1).key());
        assertNotEquals(isce.key(), quick.isce(Architecture.RESNET32, DatasetName.MNIST, 1.0, 0.07).key());
        assertNotEquals(isce.key(), quick.model(Architecture.RESNET32, DatasetName.MNIST, Method.ISCE_CODE).key());
        assertNotEquals(isce.key(), new Cells(Budget.PAPER).model(Architecture.RESNET32, DatasetName.MNIST, Method.ISCE).key());
        // random resize + pad attacks the SCE model; AT is Fig. 7's size-0.02 model
        assertEquals(quick.model(Architecture.LENET5, DatasetName.MNIST, Method.SCE).key(),
                quick.model(Architecture.LENET5, DatasetName.MNIST, Method.RANDOM).key());
        assertEquals(quick.model(Architecture.RESNET32, DatasetName.CIFAR10, Method.AT).key(),
                quick.adversarial(Architecture.RESNET32, DatasetName.CIFAR10, 0.02).key());
        assertNotEquals(quick.model(Architecture.RESNET32, DatasetName.CIFAR10, Method.AT).key(),
                quick.adversarial(Architecture.RESNET32, DatasetName.CIFAR10, 0.04).key());

        AttackPlan pgd = AttackPlan.of(Cells.pgd(1.0, 50, TargetChoice.NONE));
        AttackCell a = quick.attack(Architecture.LENET5, DatasetName.MNIST, Method.SCE, pgd);
        assertEquals(a.key(), quick.attack(Architecture.LENET5, DatasetName.MNIST, Method.SCE,
                AttackPlan.of(Cells.pgd(1.0, 50, TargetChoice.NONE))).key());
        assertNotEquals(a.key(), quick.attack(Architecture.LENET5, DatasetName.MNIST, Method.SCE,
                AttackPlan.of(Cells.pgd(1.5, 50, TargetChoice.NONE))).key());
        assertNotEquals(a.key(), quick.attack(Architecture.LENET5, DatasetName.MNIST, Method.SCE,
                AttackPlan.of(Cells.pgd(1.0, 10, TargetChoice.NONE))).key());
        assertNotEquals(a.key(), quick.attack(Architecture.LENET5, DatasetName.MNIST, Method.SCE,
                AttackPlan.of(Cells.pgd(1.0, 50, TargetChoice.LEAST_LIKELY))).key());
        assertNotEquals(a.key(), quick.attack(Architecture.LENET5, DatasetName.MNIST, Method.RANDOM, pgd).key());
        assertNotEquals(a.key(), quick.attack(Architecture.LENET5, DatasetName.MNIST, Method.ISCE, pgd).key());
        assertNotEquals(a.key(), new AttackCell(a.model(), false, pgd, a.images() - 1, a.batchSize(), a.seed()).key());
        assertNotEquals(a.key(), new AttackCell(a.model(), false, pgd, a.images(), a.batchSize(), a.seed() + 1).key());
        AttackPlan deepFool = quick.deepFool(DatasetName.MNIST);
        AttackCell d = quick.attack(Architecture.LENET5, DatasetName.MNIST, Method.SCE, deepFool);
        assertNotEquals(d.key(), quick.attack(Architecture.LENET5, DatasetName.MNIST, Method.SCE,
                AttackPlan.judgedAt(deepFool.spec(), List.of(0.5, 1.0), deepFool.budgetNorm())).key());
        assertEquals(d.key(), new AttackCell(d.model(), false, deepFool, d.images(), d.batchSize(), d.seed()).key());
    }

    @Test
    void verdictRuleOnHandMadeNumbers() {
        assertEquals(Verdict.MATCHED, Verdict.ofNumber(98.6, 99.57, true));
        assertEquals(Verdict.NOT_MATCHED, Verdict.ofNumber(98.5, 99.57, true));
        assertEquals(Verdict.MATCHED, Verdict.ofNumber(58.5, 63.47, false));
        assertEquals(Verdict.NOT_MATCHED, Verdict.ofNumber(58.4, 63.47, false));
        assertEquals(Verdict.NOT_MEASURED, Verdict.ofNumber(Double.NaN, 63.47, false));
        assertEquals(Verdict.REPRODUCED, Verdict.ofClaim(58.2, 63.13));
        assertEquals(Verdict.REPRODUCED, Verdict.ofClaim(90, 63.13));
        assertEquals(Verdict.PARTLY, Verdict.ofClaim(58.1, 63.13));
        assertEquals(Verdict.PARTLY, Verdict.ofClaim(5, 63.13));
        assertEquals(Verdict.NOT_REPRODUCED, Verdict.ofClaim(4.9, 63.13));
        assertEquals(Verdict.NOT_REPRODUCED, Verdict.ofClaim(-30, 63.13));
        // "is the best" claims: within 5 points below the best still holds, nothing is partly
        assertEquals(Verdict.REPRODUCED, Verdict.ofClaim(-5, 0));
        assertEquals(Verdict.NOT_REPRODUCED, Verdict.ofClaim(-5.1, 0));
    }

    @Test
    void theoryFigureSurfaceHasTheKnownSigns() {
        // s = 1, m = 0 is plain softmax on the normalised logits: no change at all
        assertEquals(0, TheoryFigure.z(1, 0, 0.97, 8), 1e-15);
        double e = Math.exp(0.97 + 0.1);
        double plain = Math.exp(0.97);
        assertEquals(e / Math.pow(e + 8, 2) - plain / Math.pow(plain + 8, 2), TheoryFigure.z(1, 0.1, 0.97, 8), 1e-15);
        assertTrue(TheoryFigure.minimumOnPaperRange(0.97, 8) > 0, "the paper's range has z > 0");
        assertTrue(TheoryFigure.z(5, 0.5, 0.97, 8) < 0, "large s and m make z negative");
    }

    @Test
    void unknownRecipeIsRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Reproduction(Budget.SMOKE, Path.of("x"), List.of("table4")));
        assertTrue(e.getMessage().contains("table1") && e.getMessage().contains("fig12"), e.getMessage());
    }

    /**
     * A reproduction holds its folder: a second one is refused naming the owner, and the one that
     * holds it first removes what killed atomic writes left in the folder, its cells and figures.
     */
    @Test
    void aHeldFolderIsRefusedAndLeftoversOfKilledWritesAreRemoved(@TempDir Path out) throws IOException {
        Reproduction reproduction = new Reproduction(Budget.SMOKE, out, List.of("fig3"));
        Files.createDirectories(out);
        Files.writeString(out.resolve("lock"), ProcessHandle.current().pid() + " ?\n");
        RuntimeException held = assertThrows(RuntimeException.class,
                () -> reproduction.run(TestData.shared(), NOWHERE, c -> { }));
        assertTrue(held.getMessage().contains("in use by process " + ProcessHandle.current().pid()), held.getMessage());
        assertThrows(RuntimeException.class, reproduction::report);
        Files.writeString(out.resolve("lock"), "not a pid\n"); // a lock cut short by a kill: stale

        List<Path> leftovers = List.of(out.resolve(".timings.json123.tmp"), out.resolve("figures/.fig3.png9.tmp"),
                out.resolve("cells/.statistics-ab.json5.tmp"), out.resolve("cells/attack-cd/.results.json7.tmp"));
        for (Path p : leftovers) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "half");
        }
        Path kept = Files.writeString(out.resolve("cells/attack-cd/results.md"), "kept");
        assertThrows(IllegalStateException.class, () -> reproduction.run(TestData.shared(), NOWHERE, c -> {
            throw new IllegalStateException("stop before the first cell");
        }));
        leftovers.forEach(p -> assertFalse(Files.exists(p), p + " is left over"));
        assertTrue(Files.exists(kept));
        assertFalse(Files.exists(out.resolve("lock")), "the lock is released");
    }

    /**
     * The smoke budget end to end: a run crashed in the middle keeps its finished cells, the next run
     * does only the rest, every recipe is in the report, every linked number is in the file it links
     * to, and a deleted cell is the only one that runs again.
     */
    @Test
    void smokeBudgetEndToEnd(@TempDir Path out) throws Exception {
        TestData.assumeShared(DatasetName.CIFAR10);
        Reproduction reproduction = new Reproduction(Budget.SMOKE, out, List.of());
        List<Cell> cells = reproduction.cells();
        int crashAt = cells.size() / 3;
        AtomicInteger started = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> reproduction.run(TestData.shared(), NOWHERE, c -> {
            if (started.incrementAndGet() == crashAt) {
                throw new IllegalStateException("simulated crash");
            }
        }));
        long doneBefore = cells.stream().filter(c -> c.done(out)).count();
        assertEquals(crashAt - 1, doneBefore);
        Map<Path, FileTime> finished = times(out, cells);

        AtomicInteger second = new AtomicInteger();
        Path report = reproduction.run(TestData.shared(), NOWHERE, c -> second.incrementAndGet());
        assertEquals(cells.size() - doneBefore, second.get(), "the second run does only the cells not done");
        finished.forEach((file, time) -> assertEquals(time, mtime(file), file + " was recomputed"));
        assertTrue(cells.stream().allMatch(c -> c.done(out)));

        String md = Files.readString(report);
        for (Recipe recipe : Recipes.ALL) {
            assertTrue(md.contains("## " + recipe.title()), recipe.id() + " is missing from the report");
        }
        assertFalse(md.contains("not measured in this run"), "a finished run has measured every plot and figure");
        checkLinks(out, md);
        assertTrue(Files.size(out.resolve("index.html")) > 10_000);
        long figures = Pattern.compile("!\\[").matcher(md).results().count();
        assertTrue(figures >= 20, figures + " figures");
        if (HeadlessChromium.present()) {
            HeadlessChromium.Opened page = HeadlessChromium.open(out.resolve("index.html"), out);
            assertEquals("true", page.body().get("data-checked"));
            assertEquals(String.valueOf(figures), page.body().get("data-images-loaded"), page.body().toString());
            assertEquals("0", page.body().get("data-errors"), page.body().toString());
            assertTrue(page.console().isEmpty(), page.console().toString());
        }

        AttackCell victim = (AttackCell) cells.stream().filter(c -> c instanceof AttackCell).skip(5).findFirst().orElseThrow();
        Files.delete(victim.result(out));
        Map<Path, FileTime> before = times(out, cells);
        List<Cell> rerun = new java.util.ArrayList<>();
        reproduction.run(TestData.shared(), NOWHERE, rerun::add);
        assertEquals(List.of(victim.key()), rerun.stream().map(Cell::key).toList());
        before.forEach((file, time) -> assertEquals(time, mtime(file), file + " was recomputed"));
    }

    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)]+)\\)");

    /** Every link and image resolves; every number linked to an attack result is one of that file's accuracies. */
    private static void checkLinks(Path out, String md) throws IOException {
        Matcher m = LINK.matcher(md);
        int numbers = 0;
        while (m.find()) {
            Path target = out.resolve(m.group(2));
            assertTrue(Files.isRegularFile(target), "broken link " + m.group(2));
            if (m.group(2).endsWith("results.md") && m.group(1).matches("-?\\d+\\.\\d")) {
                JsonObject json = JsonParser.parseString(Files.readString(target.resolveSibling("results.json")))
                        .getAsJsonObject();
                List<String> values = new java.util.ArrayList<>(List.of(percent(json.get("clean_accuracy"))));
                for (JsonElement row : json.getAsJsonArray("rows")) {
                    values.add(percent(row.getAsJsonObject().get("robustAccuracy")));
                }
                assertTrue(values.contains(m.group(1)), m.group(1) + " is not in " + m.group(2) + ": " + values);
                numbers++;
            }
        }
        assertTrue(numbers > 500, "only " + numbers + " linked numbers");
    }

    private static String percent(JsonElement fraction) {
        return String.format(Locale.ROOT, "%.1f", 100 * fraction.getAsDouble());
    }

    private static Map<Path, FileTime> times(Path out, List<Cell> cells) {
        Map<Path, FileTime> times = new HashMap<>();
        cells.stream().filter(c -> c.done(out)).forEach(c -> times.put(c.result(out), mtime(c.result(out))));
        return times;
    }

    private static FileTime mtime(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
