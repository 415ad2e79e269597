package aieditor.pipeline;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chain as configuration defines it: pipeline.steps, step.<id>.label and step.<id>.queue. */
class StepTest {
    private static Steps read(Map<String, String> props) {
        return Steps.read(key -> Optional.ofNullable(props.get(key)));
    }

    @Test
    void should_chain_the_bundled_steps_in_order() {
        Steps steps = BundledSteps.steps();
        assertThat(steps.ids()).containsExactly("ingest", "ai_scoring", "prefilter", "slot_selection", "decoration",
                "images", "html_compile", "mautic_send", "social_sync");
        assertThat(steps.first().id()).isEqualTo("ingest");
        assertThat(steps.next(steps.require("decoration"))).contains(steps.require("images"));
        assertThat(steps.next(steps.require("social_sync"))).isEmpty();
    }

    @Test
    void should_map_the_bundled_steps_to_their_queues_and_labels() {
        Steps steps = BundledSteps.steps();
        assertThat(steps.require("slot_selection").queue()).isEqualTo(Step.Queue.HIGH);
        assertThat(steps.require("mautic_send").queue()).isEqualTo(Step.Queue.HIGH);
        assertThat(steps.require("social_sync").queue()).isEqualTo(Step.Queue.LOW);
        assertThat(steps.require("ingest").queue().id()).isEqualTo("default");
        assertThat(steps.require("images").label()).isEqualTo("Step 3b");
        assertThat(steps.byId("nope")).isEmpty();
        assertThatThrownBy(() -> steps.require("nope")).isInstanceOf(UnknownStepException.class)
                .hasMessage("Unknown step 'nope'; valid steps: [ingest, ai_scoring, prefilter, slot_selection, "
                        + "decoration, images, html_compile, mautic_send, social_sync]");
    }

    @Test
    void should_take_an_inserted_step_in_its_place_with_the_default_queue() {
        Steps steps = read(Map.of("pipeline.steps", "decoration, translation, images",
                "step.decoration.label", "Step 3", "step.translation.label", "Step 3t", "step.images.label", "Step 3b"));
        assertThat(steps.next(steps.require("decoration")).map(Step::id)).contains("translation");
        assertThat(steps.next(steps.require("translation")).map(Step::id)).contains("images");
        assertThat(steps.require("translation").queue()).isEqualTo(Step.Queue.DEFAULT);
        StepLog.of("translation", null); // its label is known to the step's own classes from here
    }

    @Test
    void should_refuse_a_chain_it_cannot_run_naming_the_setting() {
        assertThatThrownBy(() -> read(Map.of())).hasMessageContaining("pipeline.steps");
        assertThatThrownBy(() -> read(Map.of("pipeline.steps", "ingest"))).hasMessageContaining("step.ingest.label");
        assertThatThrownBy(() -> read(Map.of("pipeline.steps", "ingest", "step.ingest.label", "Step 0",
                "step.ingest.queue", "urgent"))).hasMessage("step.ingest.queue must be high, default or low, got 'urgent'");
        assertThatThrownBy(() -> read(Map.of("pipeline.steps", "ingest, ingest", "step.ingest.label", "Step 0")))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> read(Map.of("pipeline.steps", "Ingest Now", "step.Ingest Now.label", "x")))
                .hasMessageContaining("is not a step id");
    }
}
