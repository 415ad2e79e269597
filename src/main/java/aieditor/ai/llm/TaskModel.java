package aieditor.ai.llm;

import java.util.Map;

/**
 * The model configured for one task, its output budget, and the input budget every text sent to it is cut to
 * (decoration.max-input-chars): a long article should cost a bounded amount, not fail.
 */
public record TaskModel(String model, int maxTokens, int maxInputChars) {

    public String cut(String text) {
        String t = text == null ? "" : text;
        return t.length() <= maxInputChars ? t : t.substring(0, maxInputChars);
    }

    /** Fills the prompt's {placeholders}; unknown ones stay visible so a prompt typo shows in the output. */
    public static String fill(String prompt, Map<String, String> values) {
        String out = prompt;
        for (Map.Entry<String, String> v : values.entrySet()) {
            out = out.replace("{" + v.getKey() + "}", v.getValue());
        }
        return out;
    }

    public LlmRequest request(String task, String system, String user) {
        return new LlmRequest(task, model, system, cut(user), maxTokens);
    }
}
