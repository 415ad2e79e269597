package aieditor.ai.llm;

import aieditor.ai.SocialProvider;
import aieditor.model.Decoration;
import aieditor.store.SystemPrompts;

import java.util.Map;

/**
 * One social post from a model; a post over the limit, or without the link when the story has one, counts as a
 * malformed answer.
 */
public final class LlmSocialWriter extends LlmTask implements SocialProvider {
    public LlmSocialWriter(LlmClient client, SystemPrompts prompts, TaskModel model) {
        super(client, prompts, model);
    }

    @Override
    public String post(Decoration decoration, String url, int maxChars) {
        String system = TaskModel.fill(prompts.active("social").body(), Map.of("max_chars", String.valueOf(maxChars)));
        String user = "Headline: " + decoration.headline() + "\nBullets:\n- " + String.join("\n- ", decoration.bullets())
                + (url == null ? "\nLink: none, write the post without one" : "\nLink: " + url);
        return client.ask(model.request("social", system, user), json -> {
            String post = JsonAnswer.text(json, "post");
            boolean linked = url == null || post.contains(url);
            if (post.length() > maxChars || !linked) {
                throw new InvalidAnswer("the post must hold the link within " + maxChars + " characters (it has "
                        + post.length() + (linked ? "" : ", no link") + ")");
            }
            return post;
        });
    }
}
