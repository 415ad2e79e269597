package db.vendor.postgresql;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;

/**
 * The tables of Quartz's clustered JDBC job store, so several scheduler processes share one schedule and each
 * cron fires once. Taken from the schema Quartz ships for PostgreSQL in its jar, which matches the Quartz version
 * in use; its DROP statements are skipped (there is nothing to drop in a migration).
 */
public class V20__quartz_cluster_tables extends BaseJavaMigration {
    private static final String SCHEMA = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements(read())) {
                statement.execute(sql);
            }
        }
    }

    private static String read() throws IOException {
        try (InputStream in = V20__quartz_cluster_tables.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("Quartz's schema " + SCHEMA + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static java.util.List<String> statements(String script) {
        StringBuilder kept = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.trim().startsWith("--")) {
                kept.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(kept.toString().split(";")).map(String::trim)
                .filter(s -> !s.isEmpty())
                .filter(s -> !s.toUpperCase().startsWith("DROP ") && !s.equalsIgnoreCase("COMMIT"))
                .toList();
    }
}
