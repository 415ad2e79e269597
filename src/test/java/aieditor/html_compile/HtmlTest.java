package aieditor.html_compile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @Test
    void should_escape_all_html_special_characters() {
        assertThat(Html.escape("<a href=\"x\">Tom's & Jerry</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void should_convert_balanced_bold_pairs_to_strong() {
        assertThat(Html.boldMarkdown("a **b** c **d e**"))
                .isEqualTo("a <strong>b</strong> c <strong>d e</strong>");
    }

    @Test
    void should_leave_unbalanced_bold_marker_literal() {
        assertThat(Html.boldMarkdown("**one** and ** two")).isEqualTo("<strong>one</strong> and ** two");
        assertThat(Html.boldMarkdown("5 ** 2")).isEqualTo("5 ** 2");
        assertThat(Html.boldMarkdown("****")).isEqualTo("****");
    }

    @Test
    void should_escape_markup_inside_bold_phrase() {
        assertThat(Html.boldMarkdown("**<b>$1 & \\x</b>**"))
                .isEqualTo("<strong>&lt;b&gt;$1 &amp; \\x&lt;/b&gt;</strong>");
    }

    @Test
    void should_strip_bold_markers_for_plain_text() {
        assertThat(Html.stripBold("a **b** c")).isEqualTo("a b c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x", "ftp://example.com/x", "//evil.example/x",
            "https:\\\\evil.example", "https://", "https:///path", ""})
    void should_replace_non_http_urls_with_hash(String url) {
        assertThat(Html.href(url)).isEqualTo("#");
        assertThat(Html.imageSrc(url)).isEqualTo("#");
    }

    @Test
    void should_keep_http_and_https_urls_escaped() {
        // the quotes are percent-encoded by WebLink, as a browser would, before the escaping
        assertThat(Html.href("https://example.com/a?b=1&c=\"2\"")).isEqualTo("https://example.com/a?b=1&amp;c=%222%22");
        assertThat(Html.href("HTTP://example.com/")).isEqualTo("HTTP://example.com/");
        assertThat(Html.href(null)).isEqualTo("#");
    }

    @Test
    void should_accept_relative_image_paths_but_not_as_links() {
        assertThat(Html.imageSrc("img/1.png")).isEqualTo("img/1.png");
        assertThat(Html.href("img/1.png")).isEqualTo("#");
        assertThat(Html.imageSrc("/etc/passwd")).isEqualTo("#");
    }
}
