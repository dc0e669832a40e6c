package com.verity.retrieval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps a ranked list from repeating itself: a passage that largely overlaps a better-ranked
 * passage of the same document (neighbours cut with overlap, or two index generations) is dropped
 * as a near-duplicate, and no document contributes more than a set number of passages.
 */
final class PassageDiversifier {

    private PassageDiversifier() {}

    static List<RetrievedPassage> diversify(
            List<RetrievedPassage> ranked, int maxPerDocument, int limit) {
        List<RetrievedPassage> kept = new ArrayList<>();
        Map<UUID, List<RetrievedPassage>> byDocument = new HashMap<>();
        for (RetrievedPassage candidate : ranked) {
            List<RetrievedPassage> same =
                    byDocument.computeIfAbsent(candidate.documentId(), id -> new ArrayList<>());
            if (same.size() >= maxPerDocument
                    || same.stream().anyMatch(p -> nearDuplicate(p, candidate))) {
                continue;
            }
            same.add(candidate);
            kept.add(candidate);
            if (kept.size() == limit) {
                break;
            }
        }
        return kept;
    }

    /** Two passages sharing at least half of the shorter one's text say the same thing. */
    private static boolean nearDuplicate(RetrievedPassage a, RetrievedPassage b) {
        int shared = Math.min(a.end(), b.end()) - Math.max(a.start(), b.start());
        int shorter = Math.min(a.end() - a.start(), b.end() - b.start());
        return shared > 0 && shared * 2 >= shorter;
    }
}
