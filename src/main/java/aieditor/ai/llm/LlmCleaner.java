package aieditor.ai.llm;

import aieditor.ai.CleaningProvider;
import aieditor.store.SystemPrompts;

/**
 * Cleans an article with a model. The model sees the first max-input-chars of the raw article, which is
 * where the story is; the page furniture it drops is mostly at the ends anyway.
 */
public final class LlmCleaner extends LlmTask implements CleaningProvider {
    public LlmCleaner(LlmClient client, SystemPrompts prompts, TaskModel model) {
        super(client, prompts, model);
    }

    @Override
    public String clean(String raw) {
        return client.ask(model.request("cleaning", prompts.active("cleaning").body(), raw),
                json -> JsonAnswer.text(json, "text"));
    }
}
