package aieditor.ai.llm;

import aieditor.ai.CleaningProvider;
import aieditor.store.SystemPrompts;

/**
 * Cleans an article with a model. The model sees the first max-input-chars of the raw article, which is
 * where the story is; the page furniture it drops is mostly at the ends anyway.
 */
public final class LlmCleaner implements CleaningProvider {
    private final LlmClient client;
    private final SystemPrompts prompts;
    private final TaskModel model;

    public LlmCleaner(LlmClient client, SystemPrompts prompts, TaskModel model) {
        this.client = client;
        this.prompts = prompts;
        this.model = model;
    }

    @Override
    public String name() {
        return client.vendor();
    }

    @Override
    public String model() {
        return model.model();
    }

    @Override
    public String clean(String raw) {
        return client.ask(model.request("cleaning", prompts.active("cleaning").body(), raw),
                json -> JsonAnswer.text(json, "text"));
    }
}
