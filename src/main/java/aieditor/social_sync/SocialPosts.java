package aieditor.social_sync;

import aieditor.store.Issues;
import aieditor.store.Sql;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an operator sees of an issue's social posts (GET /issues/{date}/social): each story's stored text and, per
 * channel, whether it went out - remote id and URL - or why not, in the channel's words. A configured channel with
 * no attempt yet is "waiting" while the issue is not sent, else "pending".
 */
public final class SocialPosts {
    static final String WAITING = "waiting";
    static final String PENDING = "pending";

    private final NamedParameterJdbcTemplate jdbc;
    private final SocialDeliveries deliveries;
    private final Issues issues;
    private final List<String> channels;

    SocialPosts(NamedParameterJdbcTemplate jdbc, SocialDeliveries deliveries, Issues issues, List<String> channels) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.issues = issues;
        this.channels = List.copyOf(channels);
    }

    /** Empty when there is no issue for the date. */
    public Optional<Map<String, Object>> view(LocalDate issueDate) {
        Optional<String> status = issues.status(issueDate);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        boolean sent = status.get().equals(Issues.SENT);
        Map<Integer, Map<String, Object>> posts = new LinkedHashMap<>();
        jdbc.query("SELECT slot, post_text, created_at FROM social_posts WHERE issue_date = :d ORDER BY slot",
                Map.of("d", issueDate), rs -> {
                    Map<String, Object> post = new LinkedHashMap<>();
                    post.put("slot", rs.getInt("slot"));
                    post.put("text", rs.getString("post_text"));
                    post.put("created_at", String.valueOf(Sql.instant(rs, "created_at")));
                    post.put("deliveries", new ArrayList<Map<String, Object>>());
                    posts.put(rs.getInt("slot"), post);
                });
        for (SocialDeliveries.Row row : deliveries.ofIssue(issueDate)) {
            Map<String, Object> post = posts.get(row.slot());
            if (post != null) {
                deliveriesOf(post).add(delivery(row));
            }
        }
        for (Map<String, Object> post : posts.values()) {
            List<Map<String, Object>> list = deliveriesOf(post);
            for (String channel : channels) {
                if (list.stream().noneMatch(d -> d.get("channel").equals(channel))) {
                    list.add(notTried(channel, sent ? PENDING : WAITING));
                }
            }
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("issue_date", issueDate.toString());
        view.put("issue_status", status.get());
        view.put("channels", channels);
        view.put("publishing", channels.isEmpty() ? "off: social.channels is empty, posts are stored only"
                : sent ? "on" : "waiting for the issue to be sent");
        view.put("posts", List.copyOf(posts.values()));
        return Optional.of(view);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> deliveriesOf(Map<String, Object> post) {
        return (List<Map<String, Object>>) post.get("deliveries");
    }

    private static Map<String, Object> delivery(SocialDeliveries.Row row) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("channel", row.channel());
        d.put("status", row.status());
        d.put("remote_id", row.remoteId());
        d.put("remote_url", row.remoteUrl());
        d.put("error", row.error());
        d.put("http_status", row.httpStatus());
        d.put("retryable", row.retryable());
        d.put("attempts", row.attempts());
        d.put("idempotency_key", row.idempotencyKey());
        d.put("posted_at", row.postedAt() == null ? null : row.postedAt().toString());
        d.put("updated_at", row.updatedAt() == null ? null : row.updatedAt().toString());
        return d;
    }

    private static Map<String, Object> notTried(String channel, String status) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("channel", channel);
        d.put("status", status);
        for (String field : List.of("remote_id", "remote_url", "error", "http_status", "retryable")) {
            d.put(field, null);
        }
        d.put("attempts", 0);
        for (String field : List.of("idempotency_key", "posted_at", "updated_at")) {
            d.put(field, null);
        }
        return d;
    }
}
