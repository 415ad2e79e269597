package aieditor.pipeline;

import org.apache.camel.spi.RouteTemplateParameterSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The cron routes, one per step of the chain, made by Camel at start-up from the {@value #TEMPLATE} route template
 * in routes/schedule.camel.yaml: route {@code schedule-<id>} fires step {@code <id>} on its cron {@code schedule.<id>}.
 * A step added to {@code pipeline.steps} gets its cron route without any route file naming it.
 */
public final class ScheduledSteps implements RouteTemplateParameterSource {
    static final String TEMPLATE = "scheduled-step";

    private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

    public ScheduledSteps(Steps steps) {
        for (Step step : steps.all()) {
            routes.put(routeId(step), Map.of(TEMPLATE_ID, TEMPLATE, "step", step.id()));
        }
    }

    public static String routeId(Step step) {
        return "schedule-" + step.id();
    }

    @Override
    public Map<String, Object> parameters(String routeId) {
        return routes.get(routeId);
    }

    @Override
    public Set<String> routeIds() {
        return routes.keySet();
    }
}
