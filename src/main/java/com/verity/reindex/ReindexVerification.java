package com.verity.reindex;

import com.verity.ingestion.IndexGeneration;
import com.verity.ingestion.PassageIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Checks a job's new generations before the switch: every searchable document built (within
 * verity.reindex.max-failed-documents), each document's passage count as recorded, and sample
 * questions (passages' own text) finding their document in the top 10 of the new generation.
 */
@Component
class ReindexVerification {

    private static final int SAMPLE_TOP = 10;
    private static final int SAMPLE_QUERY_CHARS = 300;

    /** What was checked, and the first problem found. */
    record Outcome(String summary, Optional<String> problem) {}

    private final PassageIndex index;
    private final ReindexEmbedders embedders;
    private final ReindexProperties properties;

    ReindexVerification(
            PassageIndex index, ReindexEmbedders embedders, ReindexProperties properties) {
        this.index = index;
        this.embedders = embedders;
        this.properties = properties;
    }

    Outcome check(List<ReindexJobStore.Step> steps) {
        List<String> checks = new ArrayList<>();
        for (ReindexJobStore.Step step : steps) {
            Optional<String> problem = verify(step, checks);
            if (problem.isPresent()) {
                return new Outcome(String.join("; ", checks), problem);
            }
        }
        return new Outcome(String.join("; ", checks), Optional.empty());
    }

    private Optional<String> verify(ReindexJobStore.Step step, List<String> checks) {
        if (!step.rebuilt()) {
            checks.add(step.name() + ": index unchanged");
            return Optional.empty();
        }
        long regressions = index.unbuiltSearchable(step.collectionId(), step.toGeneration());
        if (regressions > properties.maxFailedDocuments()) {
            return Optional.of(
                    ("%s: %d searchable document(s) could not be re-indexed (see errors; at most %d"
                                    + " allowed by verity.reindex.max-failed-documents). The"
                                    + " current index keeps serving. Fix or delete them and start"
                                    + " the job again: it reuses what was built.")
                            .formatted(step.name(), regressions, properties.maxFailedDocuments()));
        }
        long mismatched = index.passageCountMismatches(step.collectionId(), step.toGeneration());
        if (mismatched > 0) {
            return Optional.of(
                    "%s: %d document(s) have another number of passages than was recorded"
                            .formatted(step.name(), mismatched));
        }
        IndexGeneration target = index.generation(step.toGeneration());
        PassageIndex.SampleSearch found =
                index.sampleSearch(
                        step.collectionId(),
                        step.toGeneration(),
                        embedders.forGeneration(target),
                        properties.sampleQueries(),
                        SAMPLE_QUERY_CHARS,
                        SAMPLE_TOP);
        checks.add(
                "%s: every document built, passage counts match, %d of %d sample questions found their passage's document in the top %d"
                        .formatted(step.name(), found.found(), found.asked(), SAMPLE_TOP));
        if (found.asked() > 0
                && found.found() < Math.ceil(found.asked() * properties.sampleMinHitRate())) {
            return Optional.of(
                    ("%s: only %d of %d sample questions found their own passage in the new"
                                    + " index; the current index keeps serving")
                            .formatted(step.name(), found.found(), found.asked()));
        }
        return Optional.empty();
    }
}
