package aieditor.ai.llm;

import aieditor.ai.DecorationProvider;
import aieditor.model.Article;
import aieditor.model.Decoration;
import aieditor.store.SystemPrompts;

import java.util.Map;

/** Headline and exactly three bullets from a model; a headline over the limit counts as a malformed answer. */
public final class LlmDecorator implements DecorationProvider {
    private final LlmClient client;
    private final SystemPrompts prompts;
    private final TaskModel model;

    public LlmDecorator(LlmClient client, SystemPrompts prompts, TaskModel model) {
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
    public Decoration decorate(Article article, String cleanedText, int headlineMaxChars) {
        String system = TaskModel.fill(prompts.active("decoration").body(), Map.of("headline_max", String.valueOf(headlineMaxChars)));
        String user = "Source: " + article.source() + "\nTitle: " + article.title() + "\n\nArticle:\n" + cleanedText;
        return client.ask(model.request("decoration", system, user), json -> {
            String headline = JsonAnswer.text(json, "headline");
            if (headline.length() > headlineMaxChars) {
                throw new InvalidAnswer("the headline has " + headline.length() + " characters, the limit is " + headlineMaxChars);
            }
            return new Decoration(headline, JsonAnswer.texts(json, "bullets", 3));
        });
    }
}
