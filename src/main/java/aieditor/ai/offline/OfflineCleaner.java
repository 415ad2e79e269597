package aieditor.ai.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import aieditor.ai.CleaningProvider;
import aieditor.text.Text;
import aieditor.text.Words;

/**
 * Reduces a published article (HTML or Markdown) to its readable prose: one paragraph per block,
 * separated by blank lines, with page furniture (menus, share bars, cookie banners, sign-up boxes) gone.
 */
public final class OfflineCleaner implements CleaningProvider {

    /** Elements that never hold article prose. Captions are dropped too: they repeat or credit, not report. */
    private static final String NON_CONTENT = "script, style, noscript, template, nav, footer, aside, form, "
            + "figcaption, iframe, object, embed, video, audio, canvas, svg, button, input, select, textarea, "
            + "dialog, menu";

    /** class/id tokens that mark page furniture on most news sites. */
    private static final Set<String> BOILERPLATE_TOKENS = Set.of(
            "cookie", "cookies", "consent", "gdpr", "subscribe", "subscription", "newsletter", "newsletters",
            "signup", "share", "sharing", "social", "related", "advert", "advertisement", "advertising", "ad",
            "ads", "promo", "promotion", "promoted", "sponsor", "sponsored", "comment", "comments", "popup",
            "modal", "paywall", "outbrain", "taboola", "recommended", "breadcrumb", "breadcrumbs");

    /** Elements we never remove by class, or we could lose the whole page to one odd class name. */
    private static final Set<String> PROTECTED = Set.of("html", "body", "main", "head");

    /**
     * Whole-line furniture, matched against the lower-cased line. Kept specific ("share this article", not
     * any line starting with "share") so that real sentences such as "Share prices rose 5%" survive.
     */
    private static final List<Pattern> BOILERPLATE_LINES = List.of(
            Pattern.compile("^(advertisement|advert|ad|sponsored( content)?|promoted|story continues below.*)[.:]?$"),
            Pattern.compile("^(subscribe|sign up|signup|join (our|the) (newsletter|mailing list)|"
                    + "get (our|the) newsletter)\\b.*"),
            Pattern.compile(".*\\b(subscribe to|sign up for|sign up to) (our|the|this)\\b.*\\b(newsletter|updates|emails?)\\b.*"),
            Pattern.compile("^(share( this( article| story| post| page)?)?|share on (facebook|twitter|x|linkedin|whatsapp|"
                    + "reddit|bluesky|threads|email)|tweet|pin it|email|print|copy link)[.:!]?$"),
            Pattern.compile("^(read more( (about|on|at|from)\\b.*)?|see also|also read|related( articles| stories| coverage|"
                    + " content| reading)?|more from .{0,40}|recommended( for you)?|you (may|might) also like)"
                    + "(\\s*[:\\-–—].*|[.!]?)$"),
            Pattern.compile("^(most popular|trending( now)?|top stories|editor's picks)$"),
            Pattern.compile(".*\\ball rights reserved\\b.*"),
            Pattern.compile("^(©|\\(c\\)\\s*\\d{4}|copyright\\s*(©|\\(c\\))?\\s*\\d{4}).*"),
            Pattern.compile(".*\\b(we|this (site|website)|our (site|website|partners)) uses? cookies\\b.*"),
            Pattern.compile(".*\\b(accept|manage|reject|allow)( all)? cookies\\b.*"),
            Pattern.compile("^cookie (settings|preferences|policy|notice|consent)\\b.*"),
            Pattern.compile(".*\\bby (continuing|using) (to use )?(this|our) (site|website)\\b.*"),
            Pattern.compile("^(click here|follow us|like us on|download (our|the) app|listen to this (article|story)|"
                    + "leave a comment)\\b.*"),
            Pattern.compile("^(\\d+\\s*min(ute)?s? read|\\d+ comments?|comments|show comments|view comments)$"),
            Pattern.compile("^(photo|image|illustration|photograph|credit)s?( credit)?\\s*:.*"),
            Pattern.compile("^[\\p{Punct}\\p{S}\\s|•·–—]*$"));

    /** Boilerplate lines are short; a long line that mentions "subscribe" is probably reporting. */
    private static final int BOILERPLATE_MAX_WORDS = 25;

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public String model() {
        return "offline-cleaner-1";
    }

    @Override
    public String clean(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        List<String> lines = Text.looksLikeHtml(raw) ? htmlBlocks(raw) : markdownBlocks(raw);
        return filterLines(lines);
    }

    private static List<String> htmlBlocks(String html) {
        Document doc = Jsoup.parse(html);
        doc.select(NON_CONTENT).remove();
        for (Element el : new ArrayList<>(doc.getAllElements())) {
            if (el.parent() != null && !PROTECTED.contains(el.normalName()) && looksLikeBoilerplate(el)) {
                el.remove();
            }
        }
        // Walk the tree so block boundaries become line breaks; Element.text() would glue paragraphs.
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.text());
                } else if (node instanceof Element el && (el.isBlock() || el.normalName().equals("br"))) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element el && el.isBlock()) {
                    out.append('\n');
                }
            }
        }, doc.body());
        return List.of(out.toString().split("\n"));
    }

    private static boolean looksLikeBoilerplate(Element el) {
        String marks = el.id() + " " + el.className() + " " + el.attr("role") + " " + el.attr("aria-label");
        if (marks.isBlank()) {
            return false;
        }
        if (el.attr("aria-hidden").equals("true") && el.text().isBlank()) {
            return true;
        }
        // Split "share-bar", "cookie_notice", "newsletterSignup" into tokens so "shared" or "header" never match.
        for (String token : marks.split("[-_\\s:]+|(?<=[a-z])(?=[A-Z])")) {
            if (BOILERPLATE_TOKENS.contains(token.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern MD_FENCE = Pattern.compile("^\\s*(```|~~~).*");
    private static final Pattern MD_BLOCK_START = Pattern.compile("^\\s*(#{1,6}\\s|[-*+]\\s|\\d+[.)]\\s|>).*");
    private static final Pattern MD_RULE = Pattern.compile("^\\s*([-*_=]\\s*){3,}$");
    private static final Pattern MD_REF_DEF = Pattern.compile("^\\s*\\[[^\\]]+]:\\s*\\S+.*$");

    /**
     * Markdown soft-wraps paragraphs across lines, so lines are re-joined until a blank line or a new
     * block (heading, list item, quote) starts.
     */
    private static List<String> markdownBlocks(String md) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inFence = false;
        for (String line : md.split("\\R")) {
            if (MD_FENCE.matcher(line).matches()) {
                inFence = !inFence; // code is not prose for a newsletter reader
                flush(blocks, current);
                continue;
            }
            if (inFence || MD_RULE.matcher(line).matches() || MD_REF_DEF.matcher(line).matches()) {
                flush(blocks, current);
                continue;
            }
            if (line.isBlank() || MD_BLOCK_START.matcher(line).matches()) {
                flush(blocks, current);
            }
            String text = Text.collapseBreaks(stripMarkdown(line));
            // Filter before joining: once soft-wrapped lines are glued, a "Subscribe..." line is unfindable.
            if (isBoilerplate(text)) {
                flush(blocks, current);
            } else if (!text.isEmpty()) {
                current.append(current.length() > 0 ? " " : "").append(text);
            }
        }
        flush(blocks, current);
        return blocks;
    }

    private static void flush(List<String> blocks, StringBuilder current) {
        if (current.length() > 0) {
            blocks.add(current.toString());
            current.setLength(0);
        }
    }

    static String stripMarkdown(String line) {
        String s = line;
        s = s.replaceAll("<!--.*?-->", "");
        s = s.replaceAll("^\\s*>\\s?", "");
        s = s.replaceAll("^\\s*#{1,6}\\s+", "").replaceAll("\\s+#+\\s*$", "");
        s = s.replaceAll("^\\s*([-*+]|\\d+[.)])\\s+", "");
        s = s.replaceAll("!\\[[^\\]]*]\\([^)]*\\)", "");            // images: alt text is not prose
        s = s.replaceAll("!\\[[^\\]]*]\\[[^\\]]*]", "");
        s = s.replaceAll("\\[([^\\]]+)]\\([^)]*\\)", "$1");           // [text](url) -> text
        s = s.replaceAll("\\[([^\\]]+)]\\[[^\\]]*]", "$1");           // [text][ref] -> text
        s = s.replaceAll("<(https?://[^>\\s]+)>", "$1");
        s = s.replaceAll("`([^`]+)`", "$1");
        s = s.replaceAll("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1", "$2");
        s = s.replaceAll("(?<![\\p{L}\\p{N}*])\\*(?=\\S)(.+?)(?<=\\S)\\*(?![\\p{L}\\p{N}*])", "$1");
        s = s.replaceAll("(?<![\\p{L}\\p{N}_])_(?=\\S)(.+?)(?<=\\S)_(?![\\p{L}\\p{N}_])", "$1");
        s = s.replaceAll("~~(.+?)~~", "$1");
        s = s.replaceAll("</?[a-zA-Z][^>]*>", "");                   // stray inline HTML such as <br>
        return Parser.unescapeEntities(s, false);
    }

    private static String filterLines(List<String> lines) {
        List<String> kept = new ArrayList<>();
        String previous = null;
        for (String line : lines) {
            String t = Text.collapseBreaks(line);
            if (t.isEmpty() || isBoilerplate(t)) {
                continue;
            }
            String key = t.toLowerCase(Locale.ROOT);
            if (key.equals(previous)) {
                continue; // repeated headings and "sticky" blocks often appear twice in a row
            }
            kept.add(t);
            previous = key;
        }
        return String.join("\n\n", kept);
    }

    static boolean isBoilerplate(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (Words.words(line).size() > BOILERPLATE_MAX_WORDS) {
            return false;
        }
        for (Pattern p : BOILERPLATE_LINES) {
            if (p.matcher(lower).matches()) {
                return true;
            }
        }
        return false;
    }
}
