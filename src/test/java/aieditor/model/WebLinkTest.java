package aieditor.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as a link the pipeline may store and publish: absolute http(s) with a host, nothing else. */
class WebLinkTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
            "\u0001javascript:alert(1)", "\u0000\u001f javascript:alert(1)", "java\tscript:alert(1)",
            "java\nscript:alert(1)", "vbscript:msgbox(1)", "VBScript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>", "data:text/html;base64,PHNjcmlwdD4=",
            "file:/etc/passwd", "file:///etc/passwd", "ftp://example.com/x", "mailto:editor@example.com",
            "//evil.example/x", "https:\\\\evil.example", "https://", "https:///path", "https:example.com",
            "example.com/page", "/relative/path", "https://exa mple.com/", "https://exa\"mple.com/",
            "java script:alert(1)", "https://bad_host%00.example/", "   "})
    void should_refuse_anything_but_an_absolute_http_or_https_address(String link) {
        assertThat(WebLink.isWeb(link)).isFalse();
        assertThat(WebLink.clean(link)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com", "https://example.com/a/b?c=1&d=2#e", "HTTPS://EXAMPLE.COM/X",
            "Http://example.com/", "https://example.com:8443/x", "http://127.0.0.1:8080/feed.xml", "http://[::1]/x",
            "https://bücher.example/straße", "https://bücher.example:8443/", "https://xn--bcher-kva.example/",
            "https://example.com/café?q=ü"})
    void should_keep_http_and_https_addresses_with_a_host(String link) {
        assertThat(WebLink.isWeb(link)).isTrue();
        assertThat(WebLink.clean(link)).isEqualTo(link);
    }

    @Test
    void should_trim_the_link_and_encode_what_a_browser_would() {
        assertThat(WebLink.clean("  https://example.com/x \n")).isEqualTo("https://example.com/x");
        assertThat(WebLink.clean("\u0001https://example.com/x")).isEqualTo("https://example.com/x");
        assertThat(WebLink.clean("https://example.com/a b")).isEqualTo("https://example.com/a%20b");
        assertThat(WebLink.clean("https://example.com/a|b?q=\"x\"&ids[]=1"))
                .isEqualTo("https://example.com/a%7Cb?q=%22x%22&ids[]=1");
    }
}
