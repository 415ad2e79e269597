package aieditor.ingest;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import aieditor.model.Article;

/**
 * One ingest job's article-page fetches, shared by the sources it reads in parallel: a page is fetched at most once
 * per job whichever sources carry its story (the others wait for that fetch), and no more pages are fetched than
 * the job's cap and each host's cap allow.
 */
public final class PageFetches {
    /** Exchange property the job's page fetches travel under. */
    public static final String PROPERTY = "ingestPages";

    private final int maxPerJob;
    private final int maxPerHost;
    private final AtomicInteger started = new AtomicInteger();
    private final Map<String, AtomicInteger> perHost = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Optional<String>>> pages = new ConcurrentHashMap<>();
    // what each page gave, by canonical URL, so the store can tell a page's text from a feed's
    private final Map<String, String> texts = new ConcurrentHashMap<>();

    PageFetches(int maxPerJob, int maxPerHost) {
        this.maxPerJob = maxPerJob;
        this.maxPerHost = maxPerHost;
    }

    /**
     * The article text of a page: fetched by the first source of the job that asks for it.
     *
     * @param fetch fetches and extracts the page; empty when it failed or held no article
     * @return empty when the page is over a cap, failed, or held no article
     */
    Optional<String> text(String canonicalUrl, String url, Function<String, Optional<String>> fetch) {
        CompletableFuture<Optional<String>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<String>> first = pages.putIfAbsent(canonicalUrl, mine);
        if (first != null) {
            return first.join();
        }
        Optional<String> text = Optional.empty();
        try {
            if (withinCaps(url)) {
                text = fetch.apply(url);
                text.ifPresent(t -> texts.put(canonicalUrl, t));
            }
            return text;
        } finally {
            mine.complete(text);
        }
    }

    /** Whether the article's body is what its page gave. */
    boolean gave(Article article) {
        String text = article.canonicalUrl() == null ? null : texts.get(article.canonicalUrl());
        return text != null && text.equals(article.body());
    }

    private boolean withinCaps(String url) {
        if (perHost.computeIfAbsent(HostPermits.host(url), h -> new AtomicInteger()).incrementAndGet() > maxPerHost) {
            return false;
        }
        return started.incrementAndGet() <= maxPerJob;
    }
}
