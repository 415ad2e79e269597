package aieditor.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class JobStatusTest {
    @Test
    void should_allow_only_the_lifecycle_moves() {
        assertThat(JobStatus.QUEUED.canMoveTo(JobStatus.RUNNING)).isTrue();
        assertThat(JobStatus.QUEUED.canMoveTo(JobStatus.CANCELLED)).isTrue();
        assertThat(JobStatus.RUNNING.canMoveTo(JobStatus.RETRYING)).isTrue();
        assertThat(JobStatus.RETRYING.canMoveTo(JobStatus.QUEUED)).isTrue();
        assertThat(JobStatus.QUEUED.canMoveTo(JobStatus.COMPLETED)).isFalse();
        assertThat(JobStatus.RETRYING.canMoveTo(JobStatus.RUNNING)).isFalse();
        assertThat(JobStatus.CANCELLED.canMoveTo(JobStatus.RUNNING)).isFalse();
    }

    @Test
    void should_never_leave_a_final_state() {
        for (JobStatus end : new JobStatus[]{JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.DEAD}) {
            assertThat(end.isFinal()).isTrue();
            for (JobStatus any : JobStatus.values()) {
                assertThat(end.canMoveTo(any)).as(end + " -> " + any).isFalse();
            }
        }
    }

    @Test
    void should_know_where_a_state_can_be_reached_from() {
        assertThat(JobStatus.sourcesOf(JobStatus.CANCELLED)).containsExactlyInAnyOrder(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.RETRYING);
        assertThat(JobStatus.sourcesOf(JobStatus.DEAD)).containsExactly(JobStatus.RUNNING);
    }

    @Test
    void should_double_the_wait_before_each_retry() {
        JobPolicy policy = new JobPolicy(s -> 3, Duration.ofMinutes(1), s -> Duration.ofMinutes(30), 10);
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofMinutes(4));
    }
}
