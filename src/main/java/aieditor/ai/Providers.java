package aieditor.ai;

import org.apache.camel.CamelContext;

/**
 * The AI providers the steps use, looked up by bean name on every call so that configuration (or a test)
 * can swap one without touching the steps.
 */
public final class Providers {
    public static final String SCORING = "scoringProvider";
    public static final String CLEANING = "cleaningProvider";
    public static final String DECORATION = "decorationProvider";
    public static final String BOLDING = "boldingProvider";
    public static final String SOCIAL = "socialProvider";
    public static final String IMAGES = "imageProvider";

    private final CamelContext context;

    public Providers(CamelContext context) {
        this.context = context;
    }

    public ScoringProvider scoring() {
        return lookup(SCORING, ScoringProvider.class);
    }

    public CleaningProvider cleaning() {
        return lookup(CLEANING, CleaningProvider.class);
    }

    public DecorationProvider decoration() {
        return lookup(DECORATION, DecorationProvider.class);
    }

    public BoldingProvider bolding() {
        return lookup(BOLDING, BoldingProvider.class);
    }

    public SocialProvider social() {
        return lookup(SOCIAL, SocialProvider.class);
    }

    public ImageProvider images() {
        return lookup(IMAGES, ImageProvider.class);
    }

    private <T> T lookup(String name, Class<T> type) {
        T provider = context.getRegistry().lookupByNameAndType(name, type);
        if (provider == null) {
            throw new IllegalStateException("No " + type.getSimpleName() + " bound as '" + name + "'");
        }
        return provider;
    }
}
