package aieditor.ai;

import aieditor.model.Decoration;

/** Writes one social post (plain text, at most {@code maxChars} including the link) for a decorated story. */
public interface SocialProvider extends Provider {
    String post(Decoration decoration, String url, int maxChars);
}
