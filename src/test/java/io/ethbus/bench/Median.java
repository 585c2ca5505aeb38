package io.ethbus.bench;

import java.util.Arrays;

/** The median of a benchmark's repeated figures: on a shared machine one slow pass moves it less than the mean. */
final class Median {
    private Median() {
    }

    static double of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
