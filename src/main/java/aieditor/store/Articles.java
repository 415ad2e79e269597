package aieditor.store;

import aieditor.model.Article;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.Map;
import java.util.Optional;

/** Read access to stored articles, shared by the steps after ingest. */
public final class Articles {
    public static final RowMapper<Article> MAPPER = (rs, i) -> new Article(rs.getLong("id"), rs.getString("source"),
            rs.getString("title"), rs.getString("url"), rs.getString("canonical_url"), rs.getString("author"),
            Sql.instant(rs, "published_at"), rs.getString("summary"), rs.getString("body"));

    private final NamedParameterJdbcTemplate jdbc;

    public Articles(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Article> byId(long id) {
        return jdbc.query("SELECT * FROM articles WHERE id = :id", Map.of("id", id), MAPPER).stream().findFirst();
    }

    public Article require(long id) {
        return byId(id).orElseThrow(() -> new IllegalStateException("Article " + id + " does not exist"));
    }

    /**
     * The article with its source under the name readers see (source_names; the slug when it has none), for text
     * written for readers. Scoring and slot selection key on the slug: they use {@link #require}.
     */
    public Article requireForReaders(long id) {
        return jdbc.query("SELECT a.id, COALESCE(n.display_name, a.source) AS source, a.title, a.url, a.canonical_url, "
                        + "a.author, a.published_at, a.summary, a.body FROM articles a "
                        + "LEFT JOIN source_names n ON n.slug = a.source WHERE a.id = :id", Map.of("id", id), MAPPER)
                .stream().findFirst().orElseThrow(() -> new IllegalStateException("Article " + id + " does not exist"));
    }
}
