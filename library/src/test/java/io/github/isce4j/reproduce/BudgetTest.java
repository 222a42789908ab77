package io.github.isce4j.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.isce4j.model.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A budget is one value of data; the claims are typed values the report and verdicts.json share. */
class BudgetTest {

    /** Every budget sizes every network and dataset of the paper, and the paper budget departs only where it is silent. */
    @Test
    void everyBudgetIsOneCompleteValue() {
        for (Budget budget : Budget.values()) {
            assertEquals(Set.copyOf(Setting.ALL), budget.settings().sizes().keySet(), budget.id());
        }
        assertEquals(Budget.PAPER.settings().notes(), Budget.PAPER.reductions());
        assertEquals("", Budget.PAPER.settings().headline());
        assertEquals(List.of(Setting.LENET_MNIST), Budget.SMOKE.sanitySettings());
        assertEquals(List.of(Setting.LENET_MNIST), Budget.QUICK.sanitySettings());
        // the smoke budget's curves have one radius; its checks need two or more, so they run at DeepFool's
        assertEquals(List.of(1.0), Budget.SMOKE.radii(Architecture.LENET5, io.github.isce4j.data.DatasetName.MNIST));
        assertEquals(
                List.of(1.0, 1.5),
                Budget.SMOKE.sanityRadii(Architecture.LENET5, io.github.isce4j.data.DatasetName.MNIST));
        assertEquals(
                List.of(0.5, 1.0, 2.0),
                Budget.QUICK.sanityRadii(Architecture.LENET5, io.github.isce4j.data.DatasetName.MNIST));
        // DeepFool: the usual 50 iterations but in smoke, which says so where it applies and only there
        assertEquals(new io.github.isce4j.attack.DeepFoolSpec(), Budget.PAPER.deepFool());
        assertEquals(new io.github.isce4j.attack.DeepFoolSpec(), Budget.QUICK.deepFool());
        assertEquals(10, Budget.SMOKE.deepFool().maxIterations());
        Cells smoke = new Cells(Budget.SMOKE);
        assertTrue(Budget.SMOKE
                .reductions("fig12", List.of(Setting.LENET_MNIST))
                .contains("DeepFool at most 10 iterations (paper budget: 50)"));
        assertTrue(Budget.SMOKE.reductions("fig10", List.of(Setting.LENET_MNIST)).stream()
                .noneMatch(l -> l.contains("iterations")));
        assertTrue(Budget.QUICK.reductions().stream().noneMatch(l -> l.contains("iterations")));
        // the sanity line names only the models that are checked
        assertTrue(Budget.QUICK
                .reductions()
                .contains("sanity checks on the first 100 test images (LeNet-5 on MNIST), at the PGD curves' radii"));
        assertTrue(Budget.SMOKE
                .reductions()
                .contains("sanity checks on the first 4 test images (LeNet-5 on MNIST), at DeepFool's radii (two or "
                        + "more)"));
        assertEquals(
                10,
                ((io.github.isce4j.attack.DeepFoolSpec) smoke.deepFool(io.github.isce4j.data.DatasetName.MNIST)
                                .spec())
                        .maxIterations());
    }

    /**
     * A report of a folder where nothing has run: verdicts.json holds every claim of the report's
     * claims table, in its order, each not measured in all six columns (per I-SCE variant both
     * protocols and AutoAttack).
     */
    @Test
    void verdictsJsonHoldsTheReportsClaims(@TempDir Path out) throws IOException {
        new Reproduction(Budget.SMOKE, out, List.of("fig3")).report();
        String md = Files.readString(out.resolve("report.md"));
        List<String> rows = Pattern.compile("(?m)^\\| <a id=\"c\\d+\"></a>(C\\d+) \\|")
                .matcher(md)
                .results()
                .map(m -> m.group(1))
                .toList();
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("verdicts.json")))
                .getAsJsonObject();
        assertEquals(VerdictsFile.FORMAT, json.get("format").getAsString());
        assertEquals("smoke", json.get("budget").getAsString());
        JsonArray claims = json.getAsJsonArray("claims");
        assertEquals(
                rows,
                claims.asList().stream()
                        .map(c -> c.getAsJsonObject().get("id").getAsString())
                        .toList());
        assertTrue(rows.size() >= 10, rows.toString());
        for (JsonElement c : claims) {
            JsonArray judgements = c.getAsJsonObject().getAsJsonArray("judgements");
            assertEquals(6, judgements.size());
            assertEquals(
                    "CODE_VARIANT_AUTOATTACK",
                    judgements.get(5).getAsJsonObject().get("column").getAsString());
            for (JsonElement j : judgements) {
                assertEquals("NOT_MEASURED", j.getAsJsonObject().get("verdict").getAsString());
                assertTrue(j.getAsJsonObject().get("measured").isJsonNull());
            }
        }
        assertTrue(md.contains(json.getAsJsonArray("claims")
                .get(0)
                .getAsJsonObject()
                .getAsJsonObject("claim")
                .get("text")
                .getAsString()));
    }
}
