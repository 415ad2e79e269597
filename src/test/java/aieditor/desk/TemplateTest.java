package aieditor.desk;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The desk's templates escape every value, a raw slot takes only rendered markup, and feed URLs cannot run script. */
class TemplateTest {
    @Test
    void should_escape_every_value_even_in_a_raw_slot() {
        String hostile = "\"><script>alert('x')</script>{{csrf}}`";
        Template.Safe page = Template.render("alert", Map.of("message", hostile));
        assertThat(page.html()).isEqualTo("<p class=\"problem\" role=\"alert\">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)"
                + "&lt;/script&gt;&#123;&#123;csrf}}&#96;</p>\n");
        // {{{body}}} is for rendered fragments; a plain string there is escaped like anywhere else
        Template.Safe layout = Template.render("layout", Map.of("title", "t", "brand", "b", "csrf", "c",
                "nav", Template.Safe.EMPTY, "scripts", "<script src=//evil.example/x.js></script>", "body", page));
        assertThat(layout.html()).doesNotContain("<script src=//evil").contains("&lt;script src=//evil.example/x.js&gt;")
                .contains("role=\"alert\">&quot;&gt;&lt;script");
    }

    @Test
    void should_fail_a_page_that_misses_a_value() {
        assertThatThrownBy(() -> Template.render("alert", Map.of())).hasMessageContaining("needs a value for 'message'");
    }

    @Test
    void should_link_only_web_urls() {
        assertThat(DeskPages.safeUrl("javascript:alert(1)")).isEqualTo("#");
        assertThat(DeskPages.safeUrl("data:text/html,<script>x</script>")).isEqualTo("#");
        assertThat(DeskPages.safeUrl(" JaVaScRiPt:alert(1)")).isEqualTo("#");
        assertThat(DeskPages.safeUrl(null)).isEqualTo("#");
        assertThat(DeskPages.safeUrl("https://news.example/a?b=1&c=2")).isEqualTo("https://news.example/a?b=1&c=2");
    }

    @Test
    void should_only_lead_back_into_the_desk_after_sign_in() {
        assertThat(DeskHttp.next("/desk/issues/2026-11-18")).isEqualTo("/desk/issues/2026-11-18");
        for (String away : new String[]{"//evil.example", "https://evil.example/desk/", "/desk/\\\\evil", "/other", null,
                "/desk/\r\nSet-Cookie: x=y"}) {
            assertThat(DeskHttp.next(away)).as(String.valueOf(away)).isEqualTo("/desk/");
        }
    }
}
