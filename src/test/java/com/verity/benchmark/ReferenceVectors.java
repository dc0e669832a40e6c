package com.verity.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Real embeddings of generated passages, by topic, re-used for a large collection. A new passage of
 * a topic gets a random blend of two real embeddings of that topic plus small Gaussian noise,
 * re-normalised to unit length.
 *
 * <p>Why a blend and not only noise around one real vector: tens of noisy copies of each real
 * vector form tight clusters, and an HNSW graph over such clusters finds only about half of the
 * true nearest neighbours (recall@60 ~0.5 at 100k, measured), which real passages do not do. Blends
 * spread the vectors over the region between real passages of a topic, as new documents would.
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
        float[] a = pool.get(random.nextInt(pool.size()));
        float[] b = pool.get(random.nextInt(pool.size()));
        double weight = random.nextDouble();
        float[] vector = new float[a.length];
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            vector[i] =
                    (float) (weight * a[i] + (1 - weight) * b[i] + noise * random.nextGaussian());
            norm += vector[i] * vector[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }
}
