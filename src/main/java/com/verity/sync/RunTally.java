package com.verity.sync;

import com.verity.ingestion.SourceDocuments;

/** What a run has done so far: counted per file as it goes, saved now and then and at the end. */
final class RunTally {

    int added;
    int changed;
    int unchanged;
    int removed;
    int failed;

    void count(SourceDocuments.Outcome outcome) {
        switch (outcome) {
            case ADDED -> added++;
            case CHANGED -> changed++;
            case UNCHANGED -> unchanged++;
        }
    }

    /** Files looked at so far. */
    int files() {
        return added + changed + unchanged + failed;
    }
}
