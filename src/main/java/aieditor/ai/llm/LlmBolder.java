package aieditor.ai.llm;

import aieditor.ai.BoldingProvider;
import aieditor.ai.offline.BoldPhrase;
import aieditor.store.SystemPrompts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/**
 * Bolds each bullet's key phrase with a model. The bullets were already approved by decoration, so an answer
 * that changes their words (not just adds **) counts as malformed. Spans are held to the offline bolder's rules
 * ({@link BoldPhrase}): a fragment like "at **least four malicious** packages" is repaired to a whole phrase,
 * or unbolded when it cannot be; a poorly placed span is no reason to ask again or lose the other bullets.
 */
public final class LlmBolder extends LlmTask implements BoldingProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    public LlmBolder(LlmClient client, SystemPrompts prompts, TaskModel model) {
        super(client, prompts, model);
    }

    @Override
    public List<String> bold(List<String> bullets) {
        String user;
        try {
            user = JSON.writeValueAsString(Map.of("bullets", bullets));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Bullets could not be written as JSON", e);
        }
        return client.ask(model.request("bolding", prompts.active("bolding").body(), user), json -> {
            List<String> bolded = JsonAnswer.texts(json, "bullets", bullets.size());
            for (int i = 0; i < bullets.size(); i++) {
                if (!words(bolded.get(i)).equals(words(bullets.get(i)))) {
                    throw new InvalidAnswer("bullet " + (i + 1) + " came back reworded, not just bolded");
                }
            }
            return bolded.stream().map(BoldPhrase::repair).toList();
        });
    }

    private static String words(String bullet) {
        return bullet.replace("**", "").replaceAll("\\s+", " ").trim();
    }
}
