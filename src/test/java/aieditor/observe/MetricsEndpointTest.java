package aieditor.observe;

import aieditor.PipelineTestSupport;
import aieditor.fixtures.Http;
import aieditor.fixtures.NeedsPrograms;
import aieditor.fixtures.Network;
import aieditor.fixtures.Programs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus at /observe/metrics: the worker meters next to Camel's and the JVM's, valid for a real parser. */
class MetricsEndpointTest extends PipelineTestSupport {
    private static final int PORT = Network.freePort();
    private static final Path DASHBOARD = Path.of("ops/grafana/ai-editor-dashboard.json");

    static {
        // read by the application's properties before the Camel context starts
        System.setProperty("camel.server.port", String.valueOf(PORT));
    }

    @Test
    void should_expose_worker_route_and_jvm_meters_after_a_job() throws Exception {
        String scrape = scrapeAfterAJob();

        assertThat(scrape)
                .contains("worker_tasks_total{status=\"completed\",type=\"prefilter\"} 1.0")
                .contains("worker_task_duration_seconds_count{type=\"prefilter\"} 1")
                .contains("worker_task_duration_seconds_bucket{type=\"prefilter\",le=")
                .contains("worker_errors_total{type=\"prefilter\"} 0.0")
                .contains("worker_queue_size{type=\"default\"} 0.0")
                .contains("worker_queue_size{type=\"high\"}")
                .contains("worker_queue_size{type=\"low\"}");
        assertThat(sampleNames(scrape)).contains("camel_exchanges_total", "jvm_memory_used_bytes");
    }

    @Test
    @NeedsPrograms(value = "promtool", install = "Debian: apt-get install prometheus; .ci/run installs it")
    void should_pass_the_prometheus_parser() throws Exception {
        Path promtool = Programs.find("promtool").orElseThrow();
        Path scrape = Files.writeString(Files.createTempFile("scrape", ".prom"), scrapeAfterAJob());

        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectInput(scrape.toFile()).redirectErrorStream(true).start();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // exit 1 is a parse error; 3 only lint (Camel's camelCase labels such as routeId), which ours must not have
        assertThat(check.exitValue()).as(report).isIn(0, 3);
        assertThat(report).doesNotContain("worker_");
    }

    @Test
    void should_chart_only_metrics_the_application_exposes() throws Exception {
        Set<String> exposed = sampleNames(scrapeAfterAJob());
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<String> charted = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                Matcher names = Pattern.compile("\\b(?:worker|camel|jvm|process|system)_[a-z0-9_]+").matcher(target.path("expr").asText());
                while (names.find()) {
                    charted.add(names.group());
                }
            }
        }

        assertThat(dashboard.path("templating").path("list").get(0).path("type").asText()).isEqualTo("datasource");
        assertThat(charted).contains("worker_tasks_total", "worker_errors_total", "worker_task_duration_seconds_bucket",
                "worker_queue_size", "camel_exchanges_total", "camel_exchanges_failed_total", "jvm_memory_used_bytes");
        assertThat(exposed).containsAll(charted);
    }

    private String scrapeAfterAJob() throws Exception {
        assertThat(runStep("prefilter", LocalDate.of(2026, 11, 21)).get("status")).isEqualTo("completed");
        var response = Http.get("http://127.0.0.1:" + PORT + "/observe/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Set<String> sampleNames(String scrape) {
        return scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toSet());
    }
}
