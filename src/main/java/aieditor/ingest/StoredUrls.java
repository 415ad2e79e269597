package aieditor.ingest;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Which canonical URLs are stored already: a stored story's page is not fetched again. */
final class StoredUrls {
    // an IN list per query stays well under what H2 and PostgreSQL take as parameters
    private static final int CHUNK = 500;

    private final NamedParameterJdbcTemplate jdbc;

    StoredUrls(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Set<String> among(List<String> canonicalUrls) {
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < canonicalUrls.size(); from += CHUNK) {
            List<String> chunk = canonicalUrls.subList(from, Math.min(canonicalUrls.size(), from + CHUNK));
            stored.addAll(jdbc.queryForList("SELECT canonical_url FROM articles WHERE canonical_url IN (:urls)",
                    Map.of("urls", chunk), String.class));
        }
        return stored;
    }
}
