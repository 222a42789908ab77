package io.github.isce4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void durationsReadAsMinutesAndHours() {
        assertEquals("<1 min", ProgressBar.minutes(12));
        assertEquals("35 min", ProgressBar.minutes(35 * 60 + 10));
        assertEquals("2 h 05 min", ProgressBar.minutes(2 * 3600 + 5 * 60));
    }

    @Test
    void aReproductionCountsCellsAndGivesTheEstimateAsEtaBeforeAnyWork() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressBar bar = ProgressBar.ofItems("reproducing", 2_820, 944, "cells", out);
        bar.update(0, 0, "now: train LeNet-5");
        String line = bytes.toString(StandardCharsets.UTF_8).strip();
        assertTrue(line.contains(" 0/944 cells | ETA 47 min | now: train LeNet-5"), line);
        assertTrue(!line.contains("est-s"), line);
    }
}
