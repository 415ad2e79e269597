package aieditor.config;

import org.apache.camel.CamelContext;

import java.util.Optional;

/**
 * The properties whose keys are made at start-up (one per step of the chain, per queue, per model), those a
 * settings record reads and checks itself ({@code IngestSettings.read}) and those read after start-up (a run's
 * timeout). The configurations' fixed keys are {@code @PropertyInject}ed fields.
 */
public final class ConfigProperties {
    private final CamelContext context;

    public ConfigProperties(CamelContext context) {
        this.context = context;
    }

    /** The key's value; a missing key stops start-up, naming it. */
    public String required(String key) {
        return optional(key).orElseThrow(() -> new IllegalStateException("Missing configuration property '" + key + "'"));
    }

    public Optional<String> optional(String key) {
        return context.getPropertiesComponent().resolveProperty(key);
    }
}
