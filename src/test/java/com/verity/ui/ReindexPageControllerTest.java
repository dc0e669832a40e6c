package com.verity.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.web.ProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ReindexPageControllerTest {

    @Test
    void aConflictPointsAtTheJobOnThePageNotAtRestUrls() {
        ProblemException running =
                new ProblemException(
                        HttpStatus.CONFLICT,
                        "reindex-running",
                        "A re-index is already running",
                        "Re-index job 1 is running. Follow it at /api/reindex-jobs/1 ...") {};

        assertThat(ReindexPageController.plainMessage(running))
                .isEqualTo("A re-index is already running; it is shown below.");
    }

    @Test
    void otherProblemsSayWhatToChange() {
        ProblemException tooLong =
                new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        "reindex-reason-too-long",
                        "Reason too long",
                        "Keep the reason under 500 characters.") {};

        assertThat(ReindexPageController.plainMessage(tooLong))
                .isEqualTo("Keep the reason under 500 characters.");
    }
}
