package aieditor.config;

import aieditor.store.Articles;
import aieditor.store.AuditLog;
import aieditor.store.DatabaseUrl;
import aieditor.store.DecoratedStories;
import aieditor.store.Issues;
import aieditor.store.Sources;
import aieditor.store.Store;
import aieditor.store.SystemPrompts;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The store (db.*): the database, migrated when the store starts, and the tables the steps share. Also the one clock
 * everything outside the job engine reads the time from (bean {@code clock}).
 */
public class StoreConfiguration implements CamelConfiguration {
    /** DATABASE_URL: set, distributed mode's PostgreSQL wins over the embedded database. */
    @PropertyInject("db.database-url")
    String databaseUrl;
    @PropertyInject("db.url")
    String url;
    @PropertyInject("db.user")
    String user;
    @PropertyInject("db.password")
    String password;
    @PropertyInject("db.pool-size")
    int poolSize;
    @PropertyInject("db.startup-wait-seconds")
    long startupWaitSeconds;
    @PropertyInject("aieditor.data-dir")
    String dataDir;

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        // a test that moves time binds its own clock first (aieditor.fixtures.SettableClockConfiguration)
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        if (clock == null) {
            clock = Clock.systemUTC();
            registry.bind("clock", clock);
        }

        DatabaseUrl db = databaseUrl.isBlank()
                ? new DatabaseUrl(url.isBlank() ? Store.embeddedUrl(Path.of(dataDir)) : url, user, password)
                : DatabaseUrl.parse(databaseUrl);
        registry.bind("databaseUrl", db);
        Store store = new Store(db.jdbcUrl(), db.user(), db.password(), poolSize, Duration.ofSeconds(startupWaitSeconds));
        context.addService(store, true, true);
        registry.bind("dataSource", store.dataSource());
        NamedParameterJdbcTemplate jdbc = store.jdbc();
        registry.bind("jdbc", jdbc);

        ObjectMapper json = new ObjectMapper();
        AuditLog audit = new AuditLog(jdbc, clock);
        registry.bind("auditLog", audit);
        registry.bind("issues", new Issues(jdbc, audit, clock));
        registry.bind("articles", new Articles(jdbc));
        registry.bind("systemPrompts", new SystemPrompts(jdbc));
        registry.bind("decoratedStories", new DecoratedStories(jdbc, json));
        registry.bind("sources", new Sources(jdbc, json));
    }
}
