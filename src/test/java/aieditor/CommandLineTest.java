package aieditor;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The `run` command as a newcomer types it: the whole chain in a process of its own, exit code and outbox. */
class CommandLineTest {

    @Test
    void should_run_the_chain_once_and_exit_zero_with_the_newsletter_in_the_outbox() throws Exception {
        System.setProperty("db.url", "jdbc:h2:mem:cli-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        System.setProperty("aieditor.data-dir", "target/test-data/cli");

        int exit = Application.run(new String[]{"run", "--date", "2026-11-15"});

        assertThat(exit).isZero();
        Path outbox = Path.of("target/test-data/cli/outbox/2026-11-15");
        assertThat(outbox.resolve("newsletter.eml")).exists();
        assertThat(Files.readString(outbox.resolve("newsletter.html"))).contains("data-slot=\"5\"");
    }

    @Test
    void should_refuse_a_malformed_date_with_exit_code_two() throws Exception {
        assertThat(Application.run(new String[]{"run", "--date", "2026-13-01"})).isEqualTo(2);
        assertThat(Application.run(new String[]{"run", "--date", "+99999-01-01"})).isEqualTo(2);
        assertThat(Application.run(new String[]{"run", "--date=1999-12-31"})).isEqualTo(2);
        assertThat(Application.run(new String[]{"run", "--when", "today"})).isEqualTo(2);
    }

    @Test
    void should_refuse_an_unknown_role_and_a_role_without_distributed_mode_with_exit_code_two() throws Exception {
        assertThat(Application.serve(new String[]{"serve", "--role", "boss"})).isEqualTo(2);
        assertThat(Application.serve(new String[]{"serve", "--colour", "blue"})).isEqualTo(2);
        // neither DATABASE_URL nor REDIS_URL is set here: the worker would share its jobs with nobody
        assertThat(Application.serve(new String[]{"serve", "--role", "worker"})).isEqualTo(2);
    }
}
