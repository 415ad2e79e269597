package aieditor.ai;

import aieditor.model.Decoration;

/** Writes one social post (plain text, at most {@code maxChars} including the link) for a decorated story. */
public interface SocialProvider extends Provider {
    /** @param url the story's http(s) link, null when it has none (or one that may not be published) */
    String post(Decoration decoration, String url, int maxChars);
}
