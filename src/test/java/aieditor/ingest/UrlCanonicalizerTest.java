package aieditor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlCanonicalizerTest {

    @Test
    void should_drop_utm_parameters() {
        assertThat(UrlCanonicalizer.canonical("https://a.example/story?utm_source=x&utm_medium=rss&UTM_Campaign=y"))
                .isEqualTo("https://a.example/story");
    }

    @Test
    void should_drop_click_and_mailchimp_and_ref_trackers_but_keep_real_params() {
        assertThat(UrlCanonicalizer.canonical(
                "https://a.example/s?id=7&fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ref=hn&ref_src=twsrc"))
                .isEqualTo("https://a.example/s?id=7");
    }

    @Test
    void should_sort_remaining_query_params() {
        assertThat(UrlCanonicalizer.canonical("https://a.example/s?b=2&a=1&c=3"))
                .isEqualTo(UrlCanonicalizer.canonical("https://a.example/s?c=3&a=1&b=2"))
                .isEqualTo("https://a.example/s?a=1&b=2&c=3");
    }

    @Test
    void should_lower_case_scheme_and_host_but_not_path() {
        assertThat(UrlCanonicalizer.canonical("HTTPS://News.Example.COM/Path/To/Story"))
                .isEqualTo("https://news.example.com/Path/To/Story");
    }

    @Test
    void should_treat_http_and_https_as_the_same() {
        assertThat(UrlCanonicalizer.canonical("http://a.example/x"))
                .isEqualTo(UrlCanonicalizer.canonical("https://a.example/x"))
                .isEqualTo("https://a.example/x");
    }

    @ParameterizedTest
    @CsvSource({
            "https://www.a.example/x/, https://a.example/x",
            "https://a.example/x#comments, https://a.example/x",
            "http://a.example:80/x, https://a.example/x",
            "https://a.example:443/x, https://a.example/x",
            "https://a.example:8443/x, https://a.example:8443/x",
            "https://a.example/, https://a.example",
            "https://a.example, https://a.example",
            "https://www.a.example/?utm_source=x#top, https://a.example",
            "'  https://a.example/x  ', https://a.example/x",
    })
    void should_normalise_www_fragment_port_and_trailing_slash(String input, String expected) {
        assertThat(UrlCanonicalizer.canonical(input)).isEqualTo(expected);
    }

    @Test
    void should_return_trimmed_lower_case_input_for_invalid_urls() {
        assertThat(UrlCanonicalizer.canonical("  Not A URL ")).isEqualTo("not a url");
        assertThat(UrlCanonicalizer.canonical("https://A.example/bad path|x"))
                .isEqualTo("https://a.example/bad path|x");
        assertThat(UrlCanonicalizer.canonical("/relative/Only")).isEqualTo("/relative/only");
        assertThat(UrlCanonicalizer.canonical("")).isEmpty();
    }

    @Test
    void should_return_null_for_null() {
        assertThat(UrlCanonicalizer.canonical(null)).isNull();
    }
}
