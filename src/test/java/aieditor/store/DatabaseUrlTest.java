package aieditor.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {
    @Test
    void should_turn_a_platform_database_url_into_jdbc_settings() {
        DatabaseUrl db = DatabaseUrl.parse("postgresql://editor:p%40ss@db.internal:5433/newsletter?sslmode=require");
        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/newsletter?sslmode=require");
        assertThat(db.user()).isEqualTo("editor");
        assertThat(db.password()).isEqualTo("p@ss");
    }

    @Test
    void should_accept_the_short_scheme_and_no_credentials() {
        DatabaseUrl db = DatabaseUrl.parse("postgres://localhost/test");
        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/test");
        assertThat(db.user()).isEmpty();
    }

    @Test
    void should_refuse_what_is_not_a_postgresql_url_and_say_why() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u@h/db")).hasMessageContaining("must start with postgresql://");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://host")).hasMessageContaining("database name");
    }
}
