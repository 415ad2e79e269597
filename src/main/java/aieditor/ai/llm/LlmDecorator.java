package aieditor.ai.llm;

import aieditor.ai.DecorationProvider;
import aieditor.model.Article;
import aieditor.model.Decoration;
import aieditor.store.SystemPrompts;

import java.util.Map;

/** Headline and exactly three bullets from a model; a headline over the limit counts as a malformed answer. */
public final class LlmDecorator extends LlmTask implements DecorationProvider {
    public LlmDecorator(LlmClient client, SystemPrompts prompts, TaskModel model) {
        super(client, prompts, model);
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
