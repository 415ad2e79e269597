package aieditor.desk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The desk's templates (classpath desk/templates/*.html): {@code {{name}}} is replaced by the value HTML-escaped -
 * always, whatever it is; {@code {{{name}}}} inserts a {@link Safe} fragment, which only this class makes (a rendered
 * template, or escaped text). A plain string given for {@code {{{name}}}} is escaped like any other, and a name
 * without a value fails the page: nothing from an article, an editor or a model reaches the page unescaped.
 */
final class Template {
    /** Markup that is already safe: a rendered template or escaped text. */
    record Safe(String html) {
        static final Safe EMPTY = new Safe("");

        static Safe join(List<Safe> parts) {
            StringBuilder b = new StringBuilder();
            parts.forEach(p -> b.append(p.html()));
            return new Safe(b.toString());
        }

        @Override
        public String toString() {
            return html;
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\{?)\\s*([a-zA-Z0-9_]+)\\s*\\}?\\}\\}");
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Template() {
    }

    static Safe render(String name, Map<String, ?> values) {
        String source = CACHE.computeIfAbsent(name, Template::load);
        Matcher m = PLACEHOLDER.matcher(source);
        StringBuilder out = new StringBuilder(source.length() + 256);
        while (m.find()) {
            String key = m.group(2);
            if (!values.containsKey(key)) {
                throw new IllegalStateException("Template " + name + " needs a value for '" + key + "'");
            }
            Object value = values.get(key);
            String html = value instanceof Safe s ? s.html() : escape(value == null ? "" : String.valueOf(value));
            m.appendReplacement(out, Matcher.quoteReplacement(html));
        }
        m.appendTail(out);
        return new Safe(out.toString());
    }

    /** One fragment per item, joined. */
    static <T> Safe each(String name, List<T> items, Function<T, Map<String, ?>> values) {
        return Safe.join(items.stream().map(i -> render(name, values.apply(i))).toList());
    }

    static Safe text(String text) {
        return new Safe(escape(text));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '`' -> b.append("&#96;");
                case '{' -> b.append("&#123;"); // a value can never form a placeholder of a template rendered around it
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String load(String name) {
        try (InputStream in = Template.class.getResourceAsStream("/desk/templates/" + name + ".html")) {
            if (in == null) {
                throw new IllegalStateException("No template desk/templates/" + name + ".html");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
