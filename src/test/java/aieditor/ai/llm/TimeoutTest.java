package aieditor.ai.llm;

import aieditor.fixtures.FakeServer.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A vendor that never answers costs at most the response timeout per attempt, then the call fails. */
class TimeoutTest {

    @Test
    void should_give_up_on_a_server_slower_than_the_response_timeout() throws Exception {
        try (LlmHarness harness = new LlmHarness(300)) {
            harness.server.answerWith(r -> Response.stalled());
            LlmCleaner cleaner = new LlmCleaner(harness.client(new AnthropicVendor(), 2), harness.prompts(),
                    new TaskModel("claude-test", 1024, 8000));

            long start = System.nanoTime();
            assertThatThrownBy(() -> cleaner.clean("<p>text</p>")).isInstanceOf(LlmException.class)
                    .hasMessageContaining("no answer in time").hasMessageContaining("after 2 attempts");

            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
            assertThat(harness.server.requests()).hasSize(2);
            assertThat(harness.usageStatuses()).containsExactly("timeout", "timeout");
        }
    }
}
