package aieditor.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

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

    /** Cheap first look: text with none of these needs no parsing (most summaries). */
    private static final Pattern MAYBE = Pattern.compile("<|\\[(…|\\.\\.\\.|&#8230;|&hellip;|&#x2026;)]|continue reading|read more|keep reading"
            + "|read the (full|whole|rest)|full story|appeared first on|submitted by", FLAGS);

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
        if (html == null || html.isBlank() || !MAYBE.matcher(html).find()) {
            return html == null ? "" : html;
        }
        Document doc = Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false);
        return clean(doc.body()) ? doc.body().html().trim() : html;
    }

    /** A summary as plain text, furniture removed. */
    public static String text(String html) {
        return Text.plain(html(html));
    }

    /**
     * Cleans an element in place (an extracted page uses this on its article); true when anything was removed.
     */
    static boolean clean(Element root) {
        // reddit's footer first: its "[comments]" link is part of the signature
        boolean changed = cutSignatures(root);
        changed |= removeAll(root.select(SHARE_WIDGETS));
        for (Element img : root.select("img")) {
            if (tracker(img)) {
                img.remove();
                changed = true;
            }
        }
        for (Element a : root.select("a")) {
            String text = Text.collapse(a.text());
            if (SHARE_HREF.matcher(a.attr("href")).find() || SHARE_TEXT.matcher(text).matches()
                    || COMMENTS_TEXT.matcher(text).matches() || MORE_ALONE.matcher(text).matches() && endsItsBlock(a)) {
                a.remove();
                changed = true;
            }
        }
        for (Element block : root.select("p, div, li, span, td")) {
            String text = Text.collapse(block.text());
            if (block.parent() != null && (MORE_ALONE.matcher(text).matches() || COMMENTS_TEXT.matcher(text).matches())) {
                block.remove();
                changed = true;
            }
        }
        changed |= trimTail(root);
        changed |= removeEmpty(root);
        return changed;
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
    private static boolean cutSignatures(Element root) {
        boolean changed = false;
        for (TextNode node : textNodes(root)) {
            if (node.parent() == null) {
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
                    changed = true;
                    break;
                }
            }
        }
        return changed;
    }

    /** "... Continue reading" and "[...]" at the very end of the text. */
    private static boolean trimTail(Element root) {
        List<TextNode> nodes = textNodes(root);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            TextNode last = nodes.get(i);
            String text = last.getWholeText();
            if (text.isBlank()) {
                continue;
            }
            String trimmed = MORE_TAIL.matcher(text).replaceFirst("");
            // the excerpt's own marker of a cut becomes a plain ellipsis
            trimmed = ELLIPSIS_TAIL.matcher(trimmed).replaceFirst("…");
            if (trimmed.equals(text)) {
                return false;
            }
            last.text(trimmed);
            return true;
        }
        return false;
    }

    /** Blocks and links left with nothing but separators once their links were removed. */
    private static boolean removeEmpty(Element root) {
        boolean changed = false;
        List<Element> all = new ArrayList<>(root.select("a, p, div, span, li, ul, ol, td, tr, table, small, font, em, strong"));
        // innermost first, so a paragraph holding only an emptied span goes too
        for (int i = all.size() - 1; i >= 0; i--) {
            Element e = all.get(i);
            if (e.parent() != null && ONLY_SEPARATORS.matcher(e.text()).matches()
                    && e.select("img, picture, video, audio, iframe, object, embed, svg").isEmpty()) {
                e.remove();
                changed = true;
            }
        }
        return changed;
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

    private static boolean removeAll(List<Element> elements) {
        elements.forEach(Element::remove);
        return !elements.isEmpty();
    }
}
