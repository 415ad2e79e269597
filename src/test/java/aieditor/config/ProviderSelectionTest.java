package aieditor.config;

import aieditor.ai.llm.CallGuard;
import aieditor.ai.llm.LlmPrices;
import aieditor.ai.llm.UsageLog;
import aieditor.ai.offline.OfflineCleaner;
import aieditor.ai.offline.OfflineDecorator;
import aieditor.ai.offline.OfflineScorer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each task gets the provider its properties name, and the offline one when that provider has no key. */
class ProviderSelectionTest {
    private CamelContext context;

    private ProviderSelection selection(String... keyValues) {
        Properties props = new Properties();
        for (String task : new String[] {"scoring", "cleaning", "decoration", "bolding", "social"}) {
            props.setProperty("ai." + task + ".provider", "offline");
            props.setProperty("ai." + task + ".model", task + "-model");
            props.setProperty("ai." + task + ".max-tokens", "1024");
        }
        for (String vendor : new String[] {"anthropic", "gemini", "openai"}) {
            props.setProperty("ai." + vendor + ".api-key", "");
            props.setProperty("ai." + vendor + ".max-concurrent", "2");
            props.setProperty("ai." + vendor + ".requests-per-second", "1");
        }
        props.setProperty("ai.http.max-attempts", "3");
        props.setProperty("ai.http.initial-backoff-ms", "100");
        props.setProperty("ai.http.max-backoff-ms", "1000");
        props.setProperty("decoration.max-input-chars", "8000");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.setProperty(keyValues[i], keyValues[i + 1]);
        }
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(props);
        context.start();
        return new ProviderSelection(context, null, new UsageLog(null, new SimpleMeterRegistry(), LlmPrices.NONE, Clock.systemUTC()),
                CallGuard.NEVER_STOPPED, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    @Test
    void should_use_the_offline_provider_when_the_chosen_vendor_has_no_key() {
        ProviderSelection selection = selection("ai.decoration.provider", "anthropic", "ai.cleaning.provider", "gemini");

        assertThat(selection.decoration()).isInstanceOf(OfflineDecorator.class);
        assertThat(selection.cleaning()).isInstanceOf(OfflineCleaner.class);
        assertThat(selection.scoring()).isInstanceOf(OfflineScorer.class);
    }

    @Test
    void should_report_the_configured_vendor_and_model_when_the_key_is_set() {
        ProviderSelection selection = selection("ai.decoration.provider", "anthropic", "ai.anthropic.api-key", "test-key",
                "ai.social.provider", "OpenAI", "ai.openai.api-key", "test-key", "ai.social.model", "llama3.1");

        assertThat(selection.decoration().name()).isEqualTo("anthropic");
        assertThat(selection.decoration().model()).isEqualTo("decoration-model");
        assertThat(selection.social().name()).isEqualTo("openai");
        assertThat(selection.social().model()).isEqualTo("llama3.1");
    }

    @Test
    void should_refuse_an_unknown_provider_at_startup() {
        ProviderSelection selection = selection("ai.bolding.provider", "mistral");

        assertThatThrownBy(selection::bolding).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ai.bolding.provider must be offline, anthropic, gemini or openai, not 'mistral'");
    }
}
