package io.github.isce4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PrincipalComponentsTest {

    @Test
    void findsTheDirectionsOfLargestVarianceInOrder() {
        // Points spread 10 along (1, 1, 0, 0, 0)/√2, 3 along e_3, 0.1 in the other directions.
        Random random = new Random(0);
        float[][] points = new float[2000][5];
        double[] a = new double[2000];
        double[] b = new double[2000];
        for (int i = 0; i < points.length; i++) {
            a[i] = random.nextGaussian() * 10;
            b[i] = random.nextGaussian() * 3;
            for (int j = 0; j < 5; j++) {
                points[i][j] = (float) (random.nextGaussian() * 0.1 + 7);
            }
            points[i][0] += (float) (a[i] / Math.sqrt(2));
            points[i][1] += (float) (a[i] / Math.sqrt(2));
            points[i][2] += (float) b[i];
        }
        double[][] projected = PrincipalComponents.project(points, 3);
        assertThat(Math.abs(correlation(projected, 0, a))).isCloseTo(1, within(1e-3));
        assertThat(Math.abs(correlation(projected, 1, b))).isCloseTo(1, within(1e-2));
        assertThat(Math.abs(correlation(projected, 2, a))).isLessThan(0.1);
    }

    private static double correlation(double[][] p, int column, double[] v) {
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < v.length; i++) {
            mx += p[i][column] / v.length;
            my += v[i] / v.length;
        }
        for (int i = 0; i < v.length; i++) {
            double x = p[i][column] - mx;
            double y = v[i] - my;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
