package com.verity.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReferenceVectorsTest {

    @Test
    void newVectorsAreUnitLengthAndCloserToTheirTopicThanToAnother() {
        ReferenceVectors vectors = new ReferenceVectors();
        vectors.add("travel", unit(1, 0, 0, 0));
        vectors.add("travel", unit(1, 1, 0, 0));
        vectors.add("billing", unit(0, 0, 1, 0));
        Random random = new Random(1);

        for (int i = 0; i < 100; i++) {
            float[] vector = vectors.perturbed("travel", 0.02, random);
            assertThat(dot(vector, vector)).isCloseTo(1.0, within(1e-4));
            assertThat(dot(vector, unit(1, 0.5f, 0, 0))).isGreaterThan(0.85);
            assertThat(dot(vector, unit(0, 0, 1, 0))).isLessThan(0.15);
        }
    }

    private static float[] unit(float... values) {
        double norm = Math.sqrt(dot(values, values));
        float[] unit = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            unit[i] = (float) (values[i] / norm);
        }
        return unit;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
