package aieditor.ai.llm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What each model's tokens cost: USD per million input and per million output tokens, from
 * {@code ai.price.<model>.input-per-mtok} and {@code ai.price.<model>.output-per-mtok}. A call's cost is
 * input x input price + output x output price, per million; a model without a price costs 0 and is named once in
 * the log, so a missing price shows instead of silently under-counting an issue.
 */
public final class LlmPrices {
    private static final Logger LOG = LoggerFactory.getLogger(LlmPrices.class);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    /** llm_usage.cost_usd is NUMERIC(20, 10). */
    static final int SCALE = 10;

    /** No prices at all: every call costs 0. */
    public static final LlmPrices NONE = new LlmPrices(key -> Optional.empty());

    /** USD per million tokens. */
    public record Price(BigDecimal inputPerMtok, BigDecimal outputPerMtok) {
        public BigDecimal cost(long inputTokens, long outputTokens) {
            return inputPerMtok.multiply(BigDecimal.valueOf(Math.max(0, inputTokens)))
                    .add(outputPerMtok.multiply(BigDecimal.valueOf(Math.max(0, outputTokens))))
                    .divide(MILLION, SCALE, RoundingMode.HALF_UP);
        }

        @Override
        public String toString() {
            return "$" + inputPerMtok.stripTrailingZeros().toPlainString() + " / $"
                    + outputPerMtok.stripTrailingZeros().toPlainString() + " per million input / output tokens";
        }
    }

    private final Function<String, Optional<String>> properties;
    private final Map<String, Optional<Price>> prices = new ConcurrentHashMap<>();

    /** @param properties looks up one configuration property by its key (the Camel properties component) */
    public LlmPrices(Function<String, Optional<String>> properties) {
        this.properties = properties;
    }

    /** A fixed table, model -> {input, output} per million tokens. */
    public static LlmPrices of(Map<String, double[]> table) {
        return new LlmPrices(key -> {
            for (Map.Entry<String, double[]> e : table.entrySet()) {
                if (key.equals(key(e.getKey(), "input"))) {
                    return Optional.of(String.valueOf(e.getValue()[0]));
                }
                if (key.equals(key(e.getKey(), "output"))) {
                    return Optional.of(String.valueOf(e.getValue()[1]));
                }
            }
            return Optional.empty();
        });
    }

    static String key(String model, String direction) {
        return "ai.price." + model + "." + direction + "-per-mtok";
    }

    /**
     * The model's price, or empty when neither price is configured. One of the two alone, or a value that is not
     * a number of dollars at least 0, is a configuration mistake and fails at once.
     */
    public Optional<Price> of(String model) {
        if (model == null) {
            return Optional.empty();
        }
        return prices.computeIfAbsent(model, m -> {
            Optional<BigDecimal> in = read(key(m, "input"));
            Optional<BigDecimal> out = read(key(m, "output"));
            if (in.isEmpty() && out.isEmpty()) {
                LOG.warn("No price for model {} ({} and {}): its calls count as $0 in llm_usage and /issues/{date}/usage.",
                        m, key(m, "input"), key(m, "output"));
                return Optional.empty();
            }
            if (in.isEmpty() || out.isEmpty()) {
                throw new IllegalStateException("Model " + m + " has only one of its prices: set both " + key(m, "input")
                        + " and " + key(m, "output"));
            }
            return Optional.of(new Price(in.get(), out.get()));
        });
    }

    /** What a call with these tokens cost, in USD; 0 for a model without a price. */
    public BigDecimal cost(String model, long inputTokens, long outputTokens) {
        return of(model).map(p -> p.cost(inputTokens, outputTokens)).orElse(BigDecimal.ZERO.setScale(SCALE));
    }

    private Optional<BigDecimal> read(String key) {
        Optional<String> raw = properties.apply(key).map(String::trim).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            BigDecimal value = new BigDecimal(raw.get());
            if (value.signum() < 0) {
                throw new NumberFormatException("negative");
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(key + " must be US dollars per million tokens (a number, 0 or more), not '"
                    + raw.get() + "'");
        }
    }
}
