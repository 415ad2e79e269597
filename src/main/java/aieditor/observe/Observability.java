package aieditor.observe;

import aieditor.pipeline.Steps;
import aieditor.queue.QueueTransport;
import aieditor.queue.SedaQueueTransport;
import aieditor.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/** Binds the worker meters, the health checks and the access policy of /observe; the endpoints are Camel's own. */
public final class Observability {
    /** The name camel-micrometer-prometheus looks up, so Camel's meters and ours share one scrape. */
    public static final String METRICS_REGISTRY = "metricsRegistry";

    private Observability() {
    }

    public static WorkerMetrics configure(CamelContext context, Store store, Steps steps) throws Exception {
        DataSource dataSource = store.dataSource();
        Registry registry = context.getRegistry();
        PropertiesComponent props = context.getPropertiesComponent();
        MeterRegistry meters = registry.lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(METRICS_REGISTRY, meters);
        }
        WorkerMetrics workerMetrics = new WorkerMetrics(meters, steps,
                new QueueDepths(dataSource, Duration.ofSeconds(1), Clock.systemUTC()));
        registry.bind("workerMetrics", workerMetrics);

        registry.bind("databaseHealthCheck", new DatabaseHealthCheck(dataSource, Duration.ofSeconds(2)));
        // another transport binds its own QueueTransport as "queueTransport"
        QueueTransport transport = registry.lookupByNameAndType("queueTransport", QueueTransport.class);
        if (transport == null && props.resolveProperty("queue.consumer").orElse("seda:").startsWith("seda:")) {
            transport = new SedaQueueTransport(context);
            registry.bind("queueTransport", transport);
        }
        if (transport != null) {
            registry.bind("queueHealthCheck", new QueueHealthCheck(transport));
        }
        registry.bind("schedulerHealthCheck", new SchedulerHealthCheck(
                Boolean.parseBoolean(props.resolveProperty("schedule.enabled").orElse("true"))));

        ObserveAccess access = new ObserveAccess(props.resolveProperty("jolokia.username").orElse(""),
                props.resolveProperty("jolokia.password").orElse(""),
                props.resolveProperty("observe.trusted-addresses").orElse("loopback"));
        ObserveGuards guards = new ObserveGuards(access,
                props.resolveProperty("camel.metrics.path").orElse("/observe/metrics"));
        context.addService(guards);
        context.addStartupListener(guards);
        return workerMetrics;
    }
}
