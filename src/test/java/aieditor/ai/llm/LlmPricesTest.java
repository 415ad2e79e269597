package aieditor.ai.llm;

import org.junit.jupiter.api.Test;

import java.io.FileReader;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The price table: cost = tokens x USD per million, per model, from ai.price.<model>.*-per-mtok. */
class LlmPricesTest {

    private static LlmPrices from(Map<String, String> props) {
        return new LlmPrices(key -> Optional.ofNullable(props.get(key)));
    }

    @Test
    void should_price_the_default_models_at_their_list_prices() throws Exception {
        Properties app = new Properties();
        try (FileReader in = new FileReader("application.properties")) {
            app.load(in);
        }
        LlmPrices prices = new LlmPrices(key -> Optional.ofNullable(app.getProperty(key)));

        // Claude Sonnet 4.5: $3 / $15 per million tokens
        assertThat(prices.cost("claude-sonnet-4-5-20250929", 1_000_000, 1_000_000)).isEqualByComparingTo("18");
        assertThat(prices.cost("claude-sonnet-4-5-20250929", 120, 40)).isEqualByComparingTo("0.00096");
        // Gemini 3 Flash preview: $0.50 / $3.00
        assertThat(prices.cost("gemini-3-flash-preview", 200, 80)).isEqualByComparingTo("0.00034");
        assertThat(prices.of(app.getProperty("ai.decoration.model"))).isPresent();
        assertThat(prices.of(app.getProperty("ai.cleaning.model"))).isPresent();
    }

    @Test
    void should_compute_input_and_output_at_their_own_price_exactly() {
        LlmPrices prices = from(Map.of("ai.price.m.input-per-mtok", "0.075", "ai.price.m.output-per-mtok", "0.3"));

        assertThat(prices.cost("m", 1, 0)).isEqualByComparingTo("0.000000075");
        assertThat(prices.cost("m", 0, 1)).isEqualByComparingTo("0.0000003");
        assertThat(prices.cost("m", 2_500_000, 400_000)).isEqualByComparingTo("0.3075");
        assertThat(prices.cost("m", 0, 0)).isEqualByComparingTo("0");
        assertThat(prices.of("m").orElseThrow().toString()).isEqualTo("$0.075 / $0.3 per million input / output tokens");
    }

    @Test
    void should_let_a_property_override_a_price_and_price_any_model_named() {
        // -Dai.price.<model>.* wins over the file, as any Camel property does; a model with dots in its id works too
        LlmPrices prices = from(Map.of("ai.price.claude-sonnet-4-5-20250929.input-per-mtok", "2.5",
                "ai.price.claude-sonnet-4-5-20250929.output-per-mtok", "12.5",
                "ai.price.llama3.1.input-per-mtok", "0", "ai.price.llama3.1.output-per-mtok", "0"));

        assertThat(prices.cost("claude-sonnet-4-5-20250929", 1_000_000, 100_000)).isEqualByComparingTo("3.75");
        assertThat(prices.of("llama3.1")).isPresent();
        assertThat(prices.cost("llama3.1", 5_000, 5_000)).isEqualByComparingTo("0");
    }

    @Test
    void should_count_a_model_without_a_price_as_free() {
        LlmPrices prices = from(Map.of());

        assertThat(prices.of("unpriced-model")).isEmpty();
        assertThat(prices.cost("unpriced-model", 1_000, 1_000)).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(LlmPrices.NONE.cost("claude-sonnet-4-5-20250929", 1_000, 1_000)).isEqualByComparingTo("0");
        assertThat(LlmPrices.of(Map.of("x", new double[]{1, 2})).cost("x", 1_000_000, 1_000_000)).isEqualByComparingTo("3");
    }

    @Test
    void should_refuse_a_price_that_is_half_set_negative_or_not_a_number() {
        assertThatThrownBy(() -> from(Map.of("ai.price.m.input-per-mtok", "3")).of("m"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ai.price.m.output-per-mtok");
        assertThatThrownBy(() -> from(Map.of("ai.price.m.input-per-mtok", "-1", "ai.price.m.output-per-mtok", "1")).of("m"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ai.price.m.input-per-mtok");
        assertThatThrownBy(() -> from(Map.of("ai.price.m.input-per-mtok", "$3", "ai.price.m.output-per-mtok", "15")).of("m"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not '$3'");
    }
}
