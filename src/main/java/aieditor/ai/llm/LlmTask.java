package aieditor.ai.llm;

import aieditor.ai.Provider;
import aieditor.store.SystemPrompts;

/** What every model-backed task shares: the vendor client, the prompts table and the task's model. */
abstract class LlmTask implements Provider {
    final LlmClient client;
    final SystemPrompts prompts;
    final TaskModel model;

    LlmTask(LlmClient client, SystemPrompts prompts, TaskModel model) {
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
}
