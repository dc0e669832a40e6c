package com.verity.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.reindex.ReindexJob;
import com.verity.reindex.ReindexState;
import com.verity.reindex.ReindexTrigger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReindexJobViewTest {

    @Test
    void timeLeftReadsAsAPersonWouldSayIt() {
        assertThat(ReindexJobView.timeLeft(0)).isEqualTo("under a minute");
        assertThat(ReindexJobView.timeLeft(59)).isEqualTo("under a minute");
        assertThat(ReindexJobView.timeLeft(60)).isEqualTo("about 1 min");
        assertThat(ReindexJobView.timeLeft(150)).isEqualTo("about 3 min");
        assertThat(ReindexJobView.timeLeft(3590)).isEqualTo("about 1 h");
        assertThat(ReindexJobView.timeLeft(2 * 3600 + 10 * 60)).isEqualTo("about 2 h 10 min");
        assertThat(ReindexJobView.timeLeft(86_400 + 3 * 3600)).isEqualTo("about 1 d 3 h");
        assertThat(ReindexJobView.timeLeft(2 * 86_400)).isEqualTo("about 2 d");
    }

    @Test
    void aRunningJobSaysHowFarItIsAndHowLongItStillTakes() {
        ReindexJobView view = new ReindexJobView(job(ReindexState.RUNNING, null, 240L, 12.34));

        assertThat(view.running()).isTrue();
        assertThat(view.scope()).isEqualTo("All collections");
        assertThat(view.processed()).isEqualTo(12);
        assertThat(view.pace()).isEqualTo("12.3 passages/s");
        assertThat(view.status())
                .isEqualTo("Running: 40% · 12 of 30 documents · time left: about 4 min");
    }

    @Test
    void aRunningJobWithoutAPaceYetIsEstimating() {
        ReindexJobView view = new ReindexJobView(job(ReindexState.RUNNING, "hr", null, null));

        assertThat(view.scope()).isEqualTo("hr");
        assertThat(view.timeLeft()).isEqualTo("estimating…");
        assertThat(view.pace()).isEqualTo("–");
    }

    @Test
    void aFinishedJobHasNoTimeLeftAndNamesItsOutcome() {
        assertThat(new ReindexJobView(job(ReindexState.CANCELLED, "hr", null, 3.0)).status())
                .isEqualTo("Cancelled: 40% · 12 of 30 documents");
        assertThat(new ReindexJobView(job(ReindexState.SUCCEEDED, "hr", null, 3.0)).timeLeft())
                .isEqualTo("none");
    }

    private static ReindexJob job(ReindexState state, String collection, Long eta, Double pace) {
        return new ReindexJob(
                UUID.randomUUID(),
                collection,
                null,
                ReindexTrigger.UI,
                false,
                state,
                "bge-small-en-v15-q",
                new ReindexJob.Progress(30, 10, 1, 1, 18, 40),
                120,
                0,
                pace,
                eta,
                List.of(),
                List.of(),
                null,
                null,
                Instant.now(),
                null);
    }
}
