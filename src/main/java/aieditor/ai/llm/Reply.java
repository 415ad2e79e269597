package aieditor.ai.llm;

/**
 * What a vendor answered with HTTP 200, in vendor-neutral terms.
 *
 * @param text   the answer text (thinking parts left out), never null
 * @param end    whether the model finished, ran out of tokens, or refused
 * @param detail the vendor's own reason when it did not finish (stop reason, block reason)
 */
public record Reply(String text, End end, String detail, long inputTokens, long outputTokens) {

    public enum End { COMPLETE, TRUNCATED, REFUSED }
}
