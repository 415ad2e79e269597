package aieditor.store;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.Map;

/** Reads the active version of a system prompt, so every AI result can record which prompt produced it. */
public final class SystemPrompts {
    private final NamedParameterJdbcTemplate jdbc;

    public SystemPrompts(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Prompt active(String name) {
        return jdbc.query("SELECT version, body FROM system_prompts WHERE name = :n AND active = TRUE ORDER BY version DESC",
                        Map.of("n", name), (rs, i) -> new Prompt(name, rs.getInt("version"), rs.getString("body")))
                .stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("No active system prompt named '" + name + "'"));
    }

    public record Prompt(String name, int version, String body) {
    }
}
