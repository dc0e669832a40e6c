package com.verity.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Real embeddings of generated passages, by topic, re-used for a large collection: a new passage of
 * a topic gets the vector of a random real passage of the same topic plus small Gaussian noise,
 * re-normalised to unit length, so that nearest-neighbour structure stays close to real data.
 */
final class ReferenceVectors {

    private final Map<String, List<float[]>> byTopic = new HashMap<>();

    void add(String topic, float[] vector) {
        byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(vector);
    }

    int size() {
        return byTopic.values().stream().mapToInt(List::size).sum();
    }

    float[] perturbed(String topic, double noise, Random random) {
        List<float[]> pool = byTopic.get(topic);
        if (pool == null) {
            throw new IllegalArgumentException("no reference vectors of topic " + topic);
        }
        float[] base = pool.get(random.nextInt(pool.size()));
        float[] vector = new float[base.length];
        double norm = 0;
        for (int i = 0; i < base.length; i++) {
            vector[i] = (float) (base[i] + noise * random.nextGaussian());
            norm += vector[i] * vector[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }
}
