package aieditor.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The chain: which steps exist and the order a chained run takes them in, read once from {@code pipeline.steps}
 * with each step's {@code step.<id>.label} and {@code step.<id>.queue}. Everything that lists steps - the cron
 * routes, the job engine, the API's checks, the meters - asks this, so inserting a step is a matter of its route
 * file, its bean and these settings, not of the engine's code.
 */
public final class Steps {
    public static final String LIST = "pipeline.steps";

    private final Map<String, Step> byId = new LinkedHashMap<>();

    public Steps(List<Step> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException(LIST + " names no step");
        }
        for (Step step : steps) {
            if (byId.putIfAbsent(step.id(), step) != null) {
                throw new IllegalArgumentException(LIST + " names step '" + step.id() + "' twice");
            }
        }
        StepLog.label(steps);
    }

    /** Reads the chain from configuration: a step's label is required, its queue is {@code default} unless set. */
    public static Steps read(Function<String, Optional<String>> prop) {
        String list = prop.apply(LIST).filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException("Missing configuration property '" + LIST + "'"));
        List<Step> steps = new ArrayList<>();
        for (String id : Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            if (!id.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException(LIST + ": '" + id + "' is not a step id (lower case letters, digits, _)");
            }
            String label = prop.apply("step." + id + ".label").filter(s -> !s.isBlank()).orElseThrow(() ->
                    new IllegalStateException("Step '" + id + "' of " + LIST + " needs a log label: step." + id + ".label"));
            String queue = prop.apply("step." + id + ".queue").map(String::strip).filter(s -> !s.isEmpty()).orElse("default");
            steps.add(new Step(id, label.strip(), Step.Queue.of(queue, "step." + id + ".queue")));
        }
        return new Steps(steps);
    }

    public List<Step> all() {
        return List.copyOf(byId.values());
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** Where a chained run starts. */
    public Step first() {
        return byId.values().iterator().next();
    }

    /** The step a chained run goes to after this one, if any. */
    public Optional<Step> next(Step step) {
        List<Step> all = all();
        int n = all.indexOf(step) + 1;
        return n > 0 && n < all.size() ? Optional.of(all.get(n)) : Optional.empty();
    }

    public Optional<Step> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The step with this id; an unknown one is an {@link UnknownStepException} listing the valid ones. */
    public Step require(String id) {
        return byId(id).orElseThrow(() -> new UnknownStepException(id, ids()));
    }
}
