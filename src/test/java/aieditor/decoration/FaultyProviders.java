package aieditor.decoration;

import aieditor.ai.BoldingProvider;
import aieditor.ai.CleaningProvider;
import aieditor.ai.DecorationProvider;
import aieditor.ai.offline.OfflineBolder;
import aieditor.ai.offline.OfflineCleaner;
import aieditor.ai.offline.OfflineDecorator;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Offline providers that fail on demand, to stand in for a model that is down or refuses a story. */
final class FaultyProviders {
    private FaultyProviders() {
    }

    static CleaningProvider cleaning(AtomicBoolean down) {
        OfflineCleaner offline = new OfflineCleaner();
        return new CleaningProvider() {
            @Override
            public String clean(String raw) {
                failIf(down.get(), "cleaning model unavailable");
                return offline.clean(raw);
            }

            @Override
            public String name() {
                return "faulty";
            }

            @Override
            public String model() {
                return offline.model();
            }
        };
    }

    static BoldingProvider bolding(AtomicBoolean down) {
        OfflineBolder offline = new OfflineBolder();
        return new BoldingProvider() {
            @Override
            public List<String> bold(List<String> bullets) {
                failIf(down.get(), "bolding model unavailable");
                return offline.bold(bullets);
            }

            @Override
            public String name() {
                return "faulty";
            }

            @Override
            public String model() {
                return offline.model();
            }
        };
    }

    /** Always refuses the article whose id is in {@code refused}; counts the refusals. */
    static DecorationProvider decoration(AtomicLong refused, AtomicInteger refusals) {
        OfflineDecorator offline = new OfflineDecorator();
        return new DecorationProvider() {
            @Override
            public aieditor.model.Decoration decorate(aieditor.model.Article article, String cleanedText, int headlineMaxChars) {
                if (article.id() == refused.get()) {
                    refusals.incrementAndGet();
                    failIf(true, "model refused this story");
                }
                return offline.decorate(article, cleanedText, headlineMaxChars);
            }

            @Override
            public String name() {
                return "faulty";
            }

            @Override
            public String model() {
                return offline.model();
            }
        };
    }

    private static void failIf(boolean fail, String message) {
        if (fail) {
            throw new IllegalStateException(message);
        }
    }
}
