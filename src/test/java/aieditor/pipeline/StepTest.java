package aieditor.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepTest {
    @Test
    void should_chain_the_seed_steps_in_order() {
        assertThat(Step.ids()).containsExactly("ingest", "ai_scoring", "prefilter", "slot_selection", "decoration",
                "images", "html_compile", "mautic_send", "social_sync");
        assertThat(Step.DECORATION.next()).contains(Step.IMAGES);
        assertThat(Step.SOCIAL_SYNC.next()).isEmpty();
    }

    @Test
    void should_map_steps_to_the_seed_queue_priorities() {
        assertThat(Step.SLOT_SELECTION.queue()).isEqualTo(Step.Queue.HIGH);
        assertThat(Step.MAUTIC_SEND.queue()).isEqualTo(Step.Queue.HIGH);
        assertThat(Step.SOCIAL_SYNC.queue()).isEqualTo(Step.Queue.LOW);
        assertThat(Step.INGEST.queue().id()).isEqualTo("default");
    }

    @Test
    void should_label_log_lines_like_the_seed() {
        assertThat(Step.IMAGES.label()).isEqualTo("Step 3b");
        assertThat(Step.byId("nope")).isEmpty();
    }
}
