package dev.pipelinetriage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Keys of runs and jobs are stored (claims, occurrences): their spelling must not drift. */
class RefKeysTest {
    private final RunRef run = new RunRef("github", CiKind.GITHUB, "octo-org/octo-repo", "30433642", 2);

    @Test
    void aRunAttemptsKeyNamesInstanceProjectRunAndAttempt() {
        assertThat(run.key()).isEqualTo("github:octo-org/octo-repo:30433642:2");
    }

    @Test
    void aJobsKeyUsesItsOwnAttemptElseTheRuns() {
        assertThat(new JobRef(run, "399444496", "build", 3).key(2)).isEqualTo("github:octo-org/octo-repo:399444496:3");
        assertThat(new JobRef(run, "399444496", "build", 0).key(2)).isEqualTo("github:octo-org/octo-repo:399444496:2");
    }

    @Test
    void aRefWithAKeySeparatorInItsIdIsRefused() {
        assertThatThrownBy(() -> new RunRef("github", CiKind.GITHUB, "o/r", "1:2", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
