package aieditor.config;

import aieditor.observe.DatabaseHealthCheck;
import aieditor.observe.ObserveAccess;
import aieditor.observe.ObserveGuards;
import aieditor.observe.QueueDepths;
import aieditor.observe.SchedulerHealthCheck;
import aieditor.observe.WorkerMetrics;
import aieditor.pipeline.Steps;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

import static org.apache.camel.support.CamelContextHelper.mandatoryLookup;

/**
 * Observability (aieditor.observe): the worker meters, the health checks of the database and the schedule, and the
 * access policy of /observe; the endpoints are Camel's own. The queue's health check is bound with the queue
 * (JobsConfiguration).
 */
public class ObserveConfiguration implements CamelConfiguration {
    /** The name camel-micrometer-prometheus looks up, so Camel's meters and ours share one scrape. */
    public static final String METRICS_REGISTRY = "metricsRegistry";

    @PropertyInject("schedule.enabled")
    boolean scheduleEnabled;
    @PropertyInject("jolokia.username")
    String jolokiaUsername;
    @PropertyInject("jolokia.password")
    String jolokiaPassword;
    @PropertyInject("observe.trusted-addresses")
    String trustedAddresses;
    /** Camel's own setting, with Camel's default. */
    @PropertyInject(value = "camel.metrics.path", defaultValue = "/observe/metrics")
    String metricsPath;

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        DataSource dataSource = mandatoryLookup(context, "dataSource", DataSource.class);
        MeterRegistry meters = registry.lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(METRICS_REGISTRY, meters);
        }
        registry.bind("workerMetrics", new WorkerMetrics(meters, mandatoryLookup(context, "steps", Steps.class),
                new QueueDepths(dataSource, Duration.ofSeconds(1), mandatoryLookup(context, "clock", Clock.class))));
        registry.bind("databaseHealthCheck", new DatabaseHealthCheck(dataSource, Duration.ofSeconds(2)));
        registry.bind("schedulerHealthCheck", new SchedulerHealthCheck(scheduleEnabled));

        ObserveGuards guards = new ObserveGuards(new ObserveAccess(jolokiaUsername, jolokiaPassword, trustedAddresses),
                metricsPath);
        context.addService(guards);
        context.addStartupListener(guards);
    }
}
