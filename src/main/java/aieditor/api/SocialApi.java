package aieditor.api;

import aieditor.social_sync.SocialPosts;
import org.apache.camel.Exchange;

import java.time.LocalDate;

/** GET /issues/{date}/social: the social posts and, per channel, what went out (remote id and URL) or why not. */
public final class SocialApi {
    private final ApiSupport api;
    private final SocialPosts posts;

    public SocialApi(ApiSupport api, SocialPosts posts) {
        this.api = api;
        this.posts = posts;
    }

    public void social(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            LocalDate date = ApiSupport.date(exchange.getMessage().getHeader("date", String.class), "date");
            return posts.view(date).orElseThrow(() -> new ApiException(404, "No issue for " + date));
        });
    }
}
