package aieditor.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The decorated stories of an issue with their article and image, as the later steps need them. */
public final class DecoratedStories {
    private static final TypeReference<List<String>> BULLETS = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    public DecoratedStories(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * @param imagePath file of the story image, null when there is none
     * @param imageUrl  URL the newsletter uses for it, null when there is none
     * @param source    the source's display name, as readers see it
     */
    public record Story(int slot, long articleId, String headline, List<String> bullets, String url, String source,
                        String imagePath, String imageUrl, int imageWidth, int imageHeight, List<Report> alsoReportedBy) {
    }

    /** Another source's report of a story, merged into it by the prefilter. */
    public record Report(String source, String url) {
    }

    public List<Story> list(LocalDate issueDate) {
        Map<Long, List<Report>> reports = new java.util.HashMap<>();
        // one report per other source, in the order of their names
        jdbc.query("SELECT p.merged_into, COALESCE(MIN(n.display_name), a.source) AS source, MIN(a.url) AS url "
                        + "FROM prefilter_log p JOIN articles a ON a.id = p.article_id "
                        + "JOIN articles m ON m.id = p.merged_into LEFT JOIN source_names n ON n.slug = a.source "
                        + "WHERE p.issue_date = :d AND p.merged_into IS NOT NULL AND a.source <> m.source "
                        + "GROUP BY p.merged_into, a.source ORDER BY p.merged_into, source",
                Map.of("d", issueDate), rs -> {
                    reports.computeIfAbsent(rs.getLong("merged_into"), k -> new java.util.ArrayList<>())
                            .add(new Report(rs.getString("source"), rs.getString("url")));
                });
        // readers see a source's display name (source_names); a slug without one is shown as it is
        return jdbc.query("SELECT d.slot, d.article_id, d.headline, d.bullets, a.url, COALESCE(n.display_name, a.source) "
                        + "AS source, i.path, i.url AS image_url, i.width, i.height FROM decorations d "
                        + "JOIN articles a ON a.id = d.article_id LEFT JOIN source_names n ON n.slug = a.source "
                        + "LEFT JOIN images i ON i.issue_date = d.issue_date AND i.slot = d.slot "
                        + "WHERE d.issue_date = :d AND d.status = 'decorated' ORDER BY d.slot",
                Map.of("d", issueDate), (rs, i) -> new Story(rs.getInt("slot"), rs.getLong("article_id"),
                        rs.getString("headline"), bullets(rs.getString("bullets")), rs.getString("url"),
                        rs.getString("source"), rs.getString("path"), rs.getString("image_url"),
                        rs.getInt("width"), rs.getInt("height"), reports.getOrDefault(rs.getLong("article_id"), List.of())));
    }

    private List<String> bullets(String text) {
        try {
            return json.readValue(text, BULLETS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
