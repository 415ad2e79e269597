package aieditor.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import aieditor.text.Text;

/**
 * Removes what feed software and publishers append to every entry, in summaries, feed bodies and extracted pages
 * alike: "Continue reading..." / "Read more" pointers, WordPress's "The post X appeared first on Y.", "[...]"
 * excerpt tails, FeedBurner and feedsportal tracking pixels and FeedFlare, share links and widgets, "Comments"
 * links, and reddit's "submitted by /u/x [link] [comments]".
 * <p>
 * Only furniture goes: a pointer phrase is removed when it stands alone (a whole link, a whole block, or the tail
 * of the text after a sentence ends), so a sentence that says "you can read more about it in the paper" stays.
 */
public final class Boilerplate {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    /**
     * Cheap first look (a case-insensitive regex over every summary costs more than the cleaning): plain text with
     * none of these words has nothing to remove.
     */
    private static final List<String> MARKERS = List.of("[…]", "[...]", "[&#8230;]", "[&hellip;]", "[&#x2026;]",
            "continue reading", "read more", "keep reading", "read the ", "full story", "appeared first on", "submitted by");
    /** The longest tail a pointer makes, with its "at The Verge" and arrows; the regex looks no further back. */
    private static final int TAIL_CHARS = 160;

    // a pointer to the rest of the story, possibly naming where: "Read more at The Verge", "Continue reading..."
    private static final String MORE = "(continue reading|read more|keep reading|read the rest|full story"
            + "|read the (full|whole|complete|entire) (story|article|post|report|piece))"
            + "( (at|on|from) [^.!?]{1,60})?";
    private static final String ARROWS = "[\\s.…:!»›→>\\-–—]*";
    private static final Pattern MORE_ALONE = Pattern.compile("^\\W*" + MORE + ARROWS + "$", FLAGS);
    /** At the end of the text, after a sentence or an ellipsis ends (or alone). */
    private static final Pattern MORE_TAIL = Pattern.compile("(^|(?<=[.!?…\"”’)\\]]))\\s*(\\[(…|\\.\\.\\.)]\\s*)?"
            + MORE + ARROWS + "$", FLAGS);
    private static final Pattern ELLIPSIS_TAIL = Pattern.compile("\\s*\\[(…|\\.\\.\\.)]\\s*$");

    private static final String NO_SENTENCE_END = "(?:(?![.!?]\\s).)";
    /** Tails cut from where their first words start to the end of their block. */
    private static final List<Pattern> SIGNATURES = List.of(
            // one sentence: "The post office closed. It appeared first on ..." is not a signature
            Pattern.compile("^the post " + NO_SENTENCE_END + "{1,400}? appeared first on " + NO_SENTENCE_END + "{1,200}$", FLAGS),
            Pattern.compile("^submitted by\\s+/?u/\\S+\\s*\\[link]\\s*\\[comments]\\s*$", FLAGS));
    private static final Pattern SIGNATURE_START = Pattern.compile("the post |submitted by", FLAGS);

    private static final String THIS = "( this( article| story| post| page)?)?";
    private static final Pattern SHARE_TEXT = Pattern.compile("^(share|tweet)" + THIS + "$|^(share|post|tweet|pin|email)"
            + THIS + " (on|to|via) (twitter|facebook|x|linkedin|reddit|email|whatsapp|bluesky|threads|pinterest|mastodon"
            + "|telegram)$", FLAGS);
    private static final Pattern SHARE_HREF = Pattern.compile("addtoany\\.com|facebook\\.com/sharer|twitter\\.com/(intent|share)"
            + "|//x\\.com/intent|linkedin\\.com/(shareArticle|sharing)|reddit\\.com/submit|pinterest\\.com/pin/create"
            + "|api\\.whatsapp\\.com/send|bsky\\.app/intent", FLAGS);
    private static final Pattern COMMENTS_TEXT = Pattern.compile("^((\\d+|no) )?comments?( yet)?$"
            + "|^(leave|post|add|write) a (comment|reply)$|^(view|see|read|join) (the )?(comments|discussion|conversation)$"
            + "|^\\[comments]$", FLAGS);
    private static final Pattern TRACKER_SRC = Pattern.compile("feeds\\.feedburner\\.com|feedproxy\\.google\\.com|feedsportal\\.com"
            + "|/~r/|/~ff/|pixel\\.wp\\.com|stats\\.wordpress\\.com", FLAGS);
    private static final Pattern ONLY_SEPARATORS = Pattern.compile("^[\\s|·•,;:\\-–—/]*$");
    private static final String SHARE_WIDGETS = ".addtoany_share_save_container, .addtoany_share, .a2a_kit, .sharedaddy, "
            + ".share, .sharing, .share-buttons, .social-share, .feedflare";

    private Boilerplate() {
    }

    /** The HTML without feed furniture; the very same string when there was none. */
    public static String html(String html) {
        if (html == null || html.isBlank() || !maybe(html)) {
            return html == null ? "" : html;
        }
        Document doc = Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false);
        return clean(doc.body()) ? doc.body().html().trim() : html;
    }

    /** A summary as plain text, furniture removed. */
    public static String text(String html) {
        if (html == null || html.isBlank() || !maybe(html)) {
            return Text.plain(html);
        }
        // parsed once: the cleaned fragment's text is what Text.plain would make of its HTML
        Document doc = Jsoup.parseBodyFragment(html);
        clean(doc.body());
        return Text.collapse(doc.body().text());
    }

    private static boolean maybe(String html) {
        if (html.indexOf('<') >= 0) {
            return true;
        }
        String lower = html.toLowerCase(Locale.ROOT);
        return MARKERS.stream().anyMatch(lower::contains);
    }

    /**
     * Cleans an element in place (an extracted page uses this on its article); true when anything was removed.
     * Blocks left with nothing but separators ("Share on X | Share on Y" without its links) go too.
     */
    static boolean clean(Element root) {
        List<Element> touched = new ArrayList<>();
        // reddit's footer first: its "[comments]" link is part of the signature
        cutSignatures(root, touched);
        root.select(SHARE_WIDGETS).forEach(widget -> remove(widget, touched));
        for (Element img : root.getElementsByTag("img")) {
            if (tracker(img)) {
                remove(img, touched);
            }
        }
        for (Element a : root.getElementsByTag("a")) {
            String text = Text.collapse(a.text());
            if (SHARE_HREF.matcher(a.attr("href")).find() || SHARE_TEXT.matcher(text).matches()
                    || COMMENTS_TEXT.matcher(text).matches() || MORE_ALONE.matcher(text).matches() && endsItsBlock(a)) {
                remove(a, touched);
            }
        }
        // a pointer that is a block's whole text: "<p>Read the full story</p>"
        for (TextNode node : textNodes(root)) {
            String text = node.text().trim();
            Element block = node.parent();
            if (text.length() <= 120 && block != null && block != root
                    && (MORE_ALONE.matcher(text).matches() || COMMENTS_TEXT.matcher(text).matches())
                    && Text.collapse(block.text()).equals(Text.collapse(text))) {
                remove(node, touched);
            }
        }
        trimTail(root, touched);
        for (Element e : touched) {
            removeIfEmpty(e, root);
        }
        return !touched.isEmpty();
    }

    private static boolean tracker(Element img) {
        return TRACKER_SRC.matcher(img.attr("src")).find()
                || tiny(img.attr("width")) && tiny(img.attr("height"));
    }

    private static boolean tiny(String size) {
        return size.trim().matches("[01](px)?");
    }

    // "Read more" as the last words of its paragraph is a pointer; inside a sentence it is the sentence's link
    private static boolean endsItsBlock(Element a) {
        for (Node next = a.nextSibling(); next != null; next = next.nextSibling()) {
            String text = next instanceof TextNode t ? t.text() : next instanceof Element e ? e.text() : "";
            if (!ONLY_SEPARATORS.matcher(text.replace('.', ' ').replace('…', ' ')).matches()) {
                return false;
            }
        }
        return true;
    }

    /** "The post ... appeared first on ..." and reddit's footer, from their first word to the end of their block. */
    private static void cutSignatures(Element root, List<Element> touched) {
        for (TextNode node : textNodes(root)) {
            if (node.parent() == null) {
                continue;
            }
            String lower = node.getWholeText().toLowerCase(Locale.ROOT);
            if (!lower.contains("the post ") && !lower.contains("submitted by")) {
                continue;
            }
            Matcher start = SIGNATURE_START.matcher(node.getWholeText());
            while (start.find()) {
                StringBuilder rest = new StringBuilder(node.getWholeText().substring(start.start()));
                for (Node next = node.nextSibling(); next != null; next = next.nextSibling()) {
                    rest.append(next instanceof TextNode t ? t.getWholeText() : next instanceof Element e ? " " + e.text() + " " : "");
                }
                String tail = Text.collapse(rest.toString());
                if (SIGNATURES.stream().anyMatch(p -> p.matcher(tail).matches())) {
                    while (node.nextSibling() != null) {
                        node.nextSibling().remove();
                    }
                    node.text(node.getWholeText().substring(0, start.start()));
                    touched.add(node.parent());
                    break;
                }
            }
        }
    }

    /** "... Continue reading" and "[...]" at the very end of the text. */
    private static void trimTail(Element root, List<Element> touched) {
        List<TextNode> nodes = textNodes(root);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            TextNode last = nodes.get(i);
            String text = last.getWholeText();
            if (text.isBlank()) {
                continue;
            }
            String trimmed = withoutPointer(text);
            // the excerpt's own marker of a cut becomes a plain ellipsis
            if (trimmed.stripTrailing().endsWith("]")) {
                trimmed = ELLIPSIS_TAIL.matcher(trimmed).replaceFirst("…");
            }
            if (!trimmed.equals(text)) {
                last.text(trimmed);
                touched.add(last.parent());
            }
            return;
        }
    }

    // only the end of the text is searched; "^" still means the start of the whole text, and the lookbehind sees
    // the character before the region
    private static String withoutPointer(String text) {
        int from = Math.max(0, text.length() - TAIL_CHARS);
        String lower = text.substring(from).toLowerCase(Locale.ROOT);
        if (MARKERS.stream().noneMatch(lower::contains)) {
            return text;
        }
        Matcher m = MORE_TAIL.matcher(text).region(from, text.length()).useAnchoringBounds(false).useTransparentBounds(true);
        return m.find() ? text.substring(0, m.start()) : text;
    }

    private static void remove(Node node, List<Element> touched) {
        if (node.parentNode() instanceof Element parent) {
            touched.add(parent);
        }
        node.remove();
    }

    // upwards from where something was removed, while what is left holds no words and no media
    private static void removeIfEmpty(Element e, Element root) {
        while (e != null && e != root && e.parent() != null && ONLY_SEPARATORS.matcher(e.text()).matches()
                && e.select("img, picture, video, audio, iframe, object, embed, svg").isEmpty()) {
            Element parent = e.parent();
            e.remove();
            e = parent;
        }
    }

    private static List<TextNode> textNodes(Element root) {
        List<TextNode> nodes = new ArrayList<>();
        root.traverse((node, depth) -> {
            if (node instanceof TextNode t) {
                nodes.add(t);
            }
        });
        return nodes;
    }
}
