package aieditor.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sources table (one row per configured source: names, conditional GET validators, health of its last read)
 * and source_names (what readers see for each slug). Written by ingest one source at a time, read by GET /sources
 * and by the steps that show a story's source.
 */
public final class Sources {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    public Sources(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * A source as of its last read.
     *
     * @param slug       the slug its articles carry; null for a folder or table
     * @param lastStatus "200", "304 not modified", "file", ...; null when the source was not reached
     */
    public record Source(String location, String kind, String slug, String feedTitle, String displayName, String etag,
                         String lastModified, Instant lastFetchAt, String lastStatus, int itemsRead, int newItems,
                         List<String> errors, long durationMs, Instant retryNotBefore) {
        public Source {
            errors = List.copyOf(errors);
        }
    }

    public Optional<Source> find(String location) {
        return jdbc.query("SELECT * FROM sources WHERE location = :location", Map.of("location", location), mapper())
                .stream().findFirst();
    }

    /** All sources ever read, by location. */
    public List<Source> list() {
        return jdbc.query("SELECT * FROM sources ORDER BY location", Map.of(), mapper());
    }

    /** Writes a source's row as of its last read. */
    public void record(Source s) {
        MapSqlParameterSource row = new MapSqlParameterSource()
                .addValue("location", s.location()).addValue("kind", s.kind()).addValue("slug", s.slug())
                .addValue("feedTitle", cut(s.feedTitle(), 1000)).addValue("displayName", cut(s.displayName(), 1000))
                .addValue("etag", cut(s.etag(), 1000)).addValue("lastModified", cut(s.lastModified(), 100))
                .addValue("at", Sql.ts(s.lastFetchAt())).addValue("status", cut(s.lastStatus(), 50))
                .addValue("read", s.itemsRead()).addValue("new", s.newItems()).addValue("errors", text(s.errors()))
                .addValue("duration", s.durationMs()).addValue("notBefore", Sql.ts(s.retryNotBefore()));
        // ingest stores one source at a time; the insert's ON CONFLICT covers a second process racing this one
        int updated = jdbc.update("UPDATE sources SET kind = :kind, slug = :slug, feed_title = :feedTitle, "
                + "display_name = :displayName, etag = :etag, last_modified = :lastModified, last_fetch_at = :at, "
                + "last_status = :status, items_read = :read, new_items = :new, errors = :errors, duration_ms = :duration, "
                + "retry_not_before = :notBefore WHERE location = :location", row);
        if (updated == 0) {
            jdbc.update("INSERT INTO sources (location, kind, slug, feed_title, display_name, etag, last_modified, "
                    + "last_fetch_at, last_status, items_read, new_items, errors, duration_ms, retry_not_before) VALUES "
                    + "(:location, :kind, :slug, :feedTitle, :displayName, :etag, :lastModified, :at, :status, :read, :new, "
                    + ":errors, :duration, :notBefore) ON CONFLICT DO NOTHING", row);
        }
    }

    /** What readers see for a slug from now on. */
    public void name(String slug, String displayName) {
        MapSqlParameterSource row = new MapSqlParameterSource().addValue("slug", slug)
                .addValue("name", cut(displayName, 1000));
        if (jdbc.update("UPDATE source_names SET display_name = :name WHERE slug = :slug", row) == 0) {
            jdbc.update("INSERT INTO source_names (slug, display_name) VALUES (:slug, :name) ON CONFLICT DO NOTHING", row);
        }
    }

    /** A name for a slug that has none yet: never replaces a feed's title or a configured name. */
    public void nameIfUnnamed(String slug, String displayName) {
        jdbc.update("INSERT INTO source_names (slug, display_name) VALUES (:slug, :name) ON CONFLICT DO NOTHING",
                new MapSqlParameterSource().addValue("slug", slug).addValue("name", cut(displayName, 1000)));
    }

    private RowMapper<Source> mapper() {
        return (rs, i) -> new Source(rs.getString("location"), rs.getString("kind"), rs.getString("slug"),
                rs.getString("feed_title"), rs.getString("display_name"), rs.getString("etag"),
                rs.getString("last_modified"), Sql.instant(rs, "last_fetch_at"), rs.getString("last_status"),
                rs.getInt("items_read"), rs.getInt("new_items"), strings(rs.getString("errors")),
                rs.getLong("duration_ms"), Sql.instant(rs, "retry_not_before"));
    }

    private String text(List<String> errors) {
        try {
            return json.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> strings(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
