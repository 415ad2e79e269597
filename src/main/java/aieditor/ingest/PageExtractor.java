package aieditor.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.select.Elements;

import aieditor.text.Text;

/**
 * Finds the article in a web page and keeps its text as simple HTML: paragraphs, sub-headings, lists and quotes,
 * without the page's markup, links or scripts (the cleaning step downstream works from paragraphs).
 * <p>
 * Readability-style: page furniture is removed first (navigation, header and footer, asides, forms, scripts,
 * comments, share and ad blocks by their class or id), then the article is the first of {@code [itemprop=articleBody]},
 * {@code <article>}, {@code <main>} that holds at least {@link #MIN_CHARS} of paragraph text, else the element whose
 * own paragraphs hold the most text. A page with less than that is no article (an index page, a video, a paywall).
 * Stateless and thread-safe.
 */
final class PageExtractor {
    /** Less paragraph text than this is no article, and the summary stays. */
    static final int MIN_CHARS = 200;

    /** A paragraph of mostly link text is a menu or a list of related stories. */
    private static final double MAX_LINK_SHARE = 0.5;

    private static final String NON_CONTENT = "script, style, noscript, template, iframe, object, embed, form, nav, "
            + "header, footer, aside, button, svg, canvas, input, select, textarea, dialog, menu, figcaption, "
            + "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [aria-hidden=true], [hidden]";

    /** class/id words of furniture; an element that also has one of {@link #ARTICLE_TOKENS} stays. */
    private static final Set<String> FURNITURE_TOKENS = Set.of("share", "sharing", "social", "comment", "comments",
            "related", "promo", "newsletter", "subscribe", "signup", "advert", "advertisement", "ad", "ads", "sponsor",
            "sponsored", "cookie", "cookies", "consent", "breadcrumb", "breadcrumbs", "sidebar", "popup", "modal",
            "outbrain", "taboola", "recommended", "trending", "popular", "menu", "masthead", "paywall", "disqus");
    private static final Set<String> ARTICLE_TOKENS = Set.of("article", "body", "content", "entry", "main", "post",
            "story", "text", "prose");
    private static final Set<String> KEPT_TAGS = Set.of("html", "body", "article", "main");
    private static final Pattern TOKEN_SPLIT = Pattern.compile("[^a-z0-9]+");

    private static final String BLOCKS = "p, h2, h3, h4, h5, h6, pre, blockquote, li";

    /**
     * @param page    the page's bytes as fetched
     * @param charset from the response's Content-Type, or null to let jsoup read the page's own meta/BOM
     * @param url     the page's address, for relative links
     * @return the article as HTML paragraphs, or empty when the page holds no article
     */
    Optional<String> extract(byte[] page, String charset, String url) {
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(page), charset, url);
        } catch (IOException e) {
            // a byte array does not fail to read; an unknown charset name lands here
            throw new UncheckedIOException(e);
        }
        return extract(doc);
    }

    Optional<String> extract(Document doc) {
        removeFurniture(doc);
        Element article = article(doc);
        if (article == null) {
            return Optional.empty();
        }
        Boilerplate.clean(article);
        String html = paragraphs(article);
        return Text.plain(html).length() < MIN_CHARS ? Optional.empty() : Optional.of(html);
    }

    private static void removeFurniture(Document doc) {
        List<Node> comments = new ArrayList<>();
        doc.traverse((node, depth) -> {
            if (node instanceof Comment) {
                comments.add(node);
            }
        });
        comments.forEach(Node::remove);
        doc.select(NON_CONTENT).remove();
        for (Element e : doc.body().select("*")) {
            if (e.parent() != null && !KEPT_TAGS.contains(e.tagName()) && !e.hasAttr("itemprop") && furniture(e)) {
                e.remove();
            }
        }
    }

    private static boolean furniture(Element e) {
        List<String> tokens = new ArrayList<>();
        for (String value : new String[]{e.className(), e.id()}) {
            tokens.addAll(Arrays.asList(TOKEN_SPLIT.split(value.toLowerCase(Locale.ROOT))));
        }
        return tokens.stream().anyMatch(FURNITURE_TOKENS::contains) && tokens.stream().noneMatch(ARTICLE_TOKENS::contains);
    }

    /** The marked-up article if the page has one with enough text, else the densest block of paragraphs. */
    private static Element article(Document doc) {
        for (String marked : new String[]{"[itemprop=articleBody]", "article", "main, [role=main]"}) {
            Element best = doc.select(marked).stream().max(Comparator.comparingInt(PageExtractor::paragraphChars)).orElse(null);
            if (best != null && paragraphChars(best) >= MIN_CHARS) {
                return best;
            }
        }
        // each paragraph counts for its parent, and half for its grandparent, so the container of the story wins
        // over both a single long paragraph and the whole page
        Map<Element, Double> scores = new HashMap<>();
        for (Element p : doc.body().select("p")) {
            int chars = prose(p);
            if (chars == 0 || p.parent() == null) {
                continue;
            }
            scores.merge(p.parent(), (double) chars, Double::sum);
            if (p.parent().parent() != null) {
                scores.merge(p.parent().parent(), chars / 2.0, Double::sum);
            }
        }
        return scores.entrySet().stream().filter(s -> s.getValue() >= MIN_CHARS)
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    private static int paragraphChars(Element e) {
        return e.select("p").stream().mapToInt(PageExtractor::prose).sum();
    }

    // the paragraph's text length, or 0 when it is mostly links
    private static int prose(Element p) {
        int chars = p.text().length();
        int linked = p.select("a").stream().mapToInt(a -> a.text().length()).sum();
        return chars == 0 || linked > chars * MAX_LINK_SHARE ? 0 : chars;
    }

    /** The article's blocks as plain paragraphs; lists stay lists. */
    private static String paragraphs(Element article) {
        StringBuilder html = new StringBuilder();
        Elements blocks = article.select(BLOCKS);
        Element openList = null;
        for (Element block : blocks) {
            // a quote or list item made of paragraphs is written as those paragraphs
            if (!block.select(BLOCKS).stream().allMatch(b -> b == block)) {
                continue;
            }
            String text = Text.collapse(block.text());
            if (text.isEmpty() || block.tagName().equals("p") && prose(block) == 0) {
                continue;
            }
            boolean item = block.tagName().equals("li");
            if (openList != null && (!item || block.parent() != openList)) {
                html.append("</ul>");
                openList = null;
            }
            if (item && openList == null) {
                html.append("<ul>");
                openList = block.parent();
            }
            String tag = switch (block.tagName()) {
                case "li", "h2", "h3", "h4", "pre", "blockquote" -> block.tagName();
                case "h5", "h6" -> "h4";
                default -> "p";
            };
            html.append('<').append(tag).append('>').append(Entities.escape(text)).append("</").append(tag).append('>');
        }
        if (openList != null) {
            html.append("</ul>");
        }
        return html.toString();
    }
}
