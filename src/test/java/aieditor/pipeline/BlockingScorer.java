package aieditor.pipeline;

import aieditor.ai.ArticleScore;
import aieditor.ai.ScoringCriteria;
import aieditor.ai.ScoringProvider;
import aieditor.model.Article;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A scoring provider whose calls hang until released or interrupted, like a provider that stopped answering. */
final class BlockingScorer implements ScoringProvider {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger interrupted = new AtomicInteger();

    @Override
    public ArticleScore score(Article article, ScoringCriteria criteria) {
        entered.countDown();
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scoring call interrupted", e);
        }
        return new ArticleScore(50, 0.5, 0.5, 0.5, 0.5, "released");
    }

    @Override
    public String name() {
        return "blocking";
    }

    @Override
    public String model() {
        return "blocking-1";
    }
}
