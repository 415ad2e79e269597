package aieditor.config;

import aieditor.mautic_send.MauticSendStep;
import aieditor.observe.QueueHealthCheck;
import aieditor.observe.WorkerMetrics;
import aieditor.pipeline.DeadLetters;
import aieditor.pipeline.ErrorsAsFailures;
import aieditor.pipeline.JobControl;
import aieditor.pipeline.JobEngine;
import aieditor.pipeline.JobPolicy;
import aieditor.pipeline.JobQueue;
import aieditor.pipeline.JobRecovery;
import aieditor.pipeline.JobStore;
import aieditor.pipeline.PipelineRuns;
import aieditor.pipeline.RedeliverWhileWanted;
import aieditor.pipeline.ScheduleSettings;
import aieditor.pipeline.SignalListening;
import aieditor.pipeline.Step;
import aieditor.pipeline.Steps;
import aieditor.pipeline.Triggers;
import aieditor.pipeline.WaitingReasons;
import aieditor.queue.QueueTransport;
import aieditor.queue.RedisTransport;
import aieditor.queue.SedaQueueTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import static org.apache.camel.support.CamelContextHelper.mandatoryLookup;

/**
 * The job engine (aieditor.pipeline, jobs.*): jobs and their store, the queues between steps and their transport
 * (queue.*: embedded SEDA, or Redis in distributed mode), retries and dead letters, orphan recovery, triggers.
 */
public class JobsConfiguration implements CamelConfiguration {
    @PropertyInject("queue.workers")
    int workers;
    @PropertyInject("queue.consume")
    boolean consume;
    @PropertyInject("queue.consumer")
    String consumer;
    @PropertyInject("queue.untaken-after-seconds")
    long untakenAfterSeconds;
    /** REDIS_URL: set, the queues between steps move from SEDA to Redis (distributed mode). */
    @PropertyInject("queue.redis-url")
    String redisUrl;
    @PropertyInject("queue.redis.producer")
    String redisProducer;
    @PropertyInject("queue.redis.consumer")
    String redisConsumer;
    @PropertyInject("queue.redis.signals.producer")
    String redisSignalsProducer;
    @PropertyInject("queue.redis.signals.consumer")
    String redisSignalsConsumer;
    @PropertyInject("jobs.retry-base-delay-seconds")
    long retryBaseDelaySeconds;
    @PropertyInject("jobs.max-redeliveries")
    int maxRedeliveries;
    @PropertyInject("jobs.heartbeat-seconds")
    long heartbeatSeconds;
    @PropertyInject("jobs.lost-after-seconds")
    long lostAfterSeconds;
    @PropertyInject("jobs.hand-off-seconds")
    long handOffSeconds;
    @PropertyInject("deadletter.retention-days")
    long deadLetterRetentionDays;
    /** The in-job redeliveries of routes/error-handling.camel.yaml, while the job still wants them. */
    @PropertyInject("retry.max-redeliveries")
    int stepRedeliveries;

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        ConfigProperties props = new ConfigProperties(context);
        Map<Step.Queue, Integer> caps = new EnumMap<>(Step.Queue.class);
        for (Step.Queue q : Step.Queue.values()) {
            caps.put(q, Integer.parseInt(props.required("queue.max-running." + q.id())));
        }
        queueTransport(context, caps);
        jobEngine(context, caps, props);
        registry.bind("waitingReasons", new WaitingReasons(new WaitingReasons.Settings(workers, caps,
                Duration.ofSeconds(untakenAfterSeconds), mandatoryLookup(context, "scheduleSettings", ScheduleSettings.class).zone(),
                MauticSendStep.ID), mandatoryLookup(context, "clock", Clock.class)));
    }

    /** Bean queueTransport, what the queue's health check and orphan recovery ask of the queue. */
    private void queueTransport(CamelContext context, Map<Step.Queue, Integer> caps) throws Exception {
        Registry registry = context.getRegistry();
        QueueTransport transport = null;
        if (!redisUrl.isBlank()) {
            RedisTransport redis = RedisTransport.connect(context, redisUrl, caps, workers, consume);
            redis.beans().forEach(registry::bind);
            // the same routes move jobs through Redis: its endpoints replace the embedded ones
            PropertiesComponent props = context.getPropertiesComponent();
            props.addOverrideProperty("queue.producer", redisProducer);
            props.addOverrideProperty("queue.consumer", redisConsumer);
            props.addOverrideProperty("queue.signals.producer", redisSignalsProducer);
            props.addOverrideProperty("queue.signals.consumer", redisSignalsConsumer);
            transport = redis;
        } else if (consumer.startsWith("seda:")) {
            transport = new SedaQueueTransport(context);
        }
        if (transport != null) {
            registry.bind("queueTransport", transport);
            registry.bind("queueHealthCheck", new QueueHealthCheck(transport));
        }
    }

    /** The job engine's parts and the beans its routes call (routes/jobs.camel.yaml, error-handling.camel.yaml). */
    private void jobEngine(CamelContext context, Map<Step.Queue, Integer> caps, ConfigProperties props) throws Exception {
        Registry registry = context.getRegistry();
        NamedParameterJdbcTemplate jdbc = mandatoryLookup(context, "jdbc", NamedParameterJdbcTemplate.class);
        Steps steps = mandatoryLookup(context, "steps", Steps.class);
        Clock clock = mandatoryLookup(context, "clock", Clock.class);
        ObjectMapper json = new ObjectMapper();
        PipelineRuns runs = new PipelineRuns();
        JobControl control = new JobControl();
        DeadLetters deadLetters = new DeadLetters(jdbc, json, Duration.ofDays(deadLetterRetentionDays), clock);
        Map<Step, Integer> maxAttempts = new HashMap<>();
        Map<Step, Duration> timeouts = new HashMap<>();
        for (Step step : steps.all()) {
            maxAttempts.put(step, Integer.parseInt(stepProp(props, "jobs.max-attempts", step)));
            timeouts.put(step, Duration.ofSeconds(Long.parseLong(stepProp(props, "jobs.timeout-seconds", step))));
        }
        JobPolicy policy = new JobPolicy(maxAttempts::get, Duration.ofSeconds(retryBaseDelaySeconds), timeouts::get,
                maxRedeliveries);
        JobStore jobStore = new JobStore(jdbc, clock);
        JobQueue jobQueue = new JobQueue(caps);
        JobEngine engine = new JobEngine(jobStore, steps, new JobEngine.Parts(control, deadLetters, json, runs, policy,
                mandatoryLookup(context, "workerMetrics", WorkerMetrics.class),
                new JobRecovery.Settings(Duration.ofSeconds(heartbeatSeconds), Duration.ofSeconds(lostAfterSeconds),
                        Duration.ofSeconds(handOffSeconds)), clock),
                jobQueue::release, signalSender(context),
                () -> mandatoryLookup(context, "queueTransport", QueueTransport.class).jobsHeld());
        context.addStartupListener(new SignalListening(Duration.ofSeconds(heartbeatSeconds)));
        context.getCamelContextExtension().addInterceptStrategy(new ErrorsAsFailures());
        registry.bind("pipelineRuns", runs);
        registry.bind("jobControl", control);
        registry.bind("deadLetters", deadLetters);
        registry.bind("jobStore", jobStore);
        registry.bind("jobQueue", jobQueue);
        registry.bind("jobLifecycle", engine.lifecycle());
        registry.bind("jobRetries", engine.retries());
        registry.bind("jobRecovery", engine.recovery());
        registry.bind("jobWatchdog", engine.watchdog());
        registry.bind("jobCancellation", engine.cancellation());
        registry.bind("triggers", new Triggers(context, runs, jobStore, steps));
        registry.bind("redeliverWhileWanted", new RedeliverWhileWanted(control, stepRedeliveries));
    }

    /** A per-step setting: {@code key.<step>} when set, else {@code key}. */
    private static String stepProp(ConfigProperties props, String key, Step step) {
        return props.optional(key + "." + step.id()).orElseGet(() -> props.required(key));
    }

    /** Sends a job signal to every process through routes/jobs.camel.yaml (the template is made on first use). */
    private static Consumer<String> signalSender(CamelContext context) {
        ProducerTemplate[] template = new ProducerTemplate[1];
        return signal -> {
            synchronized (template) {
                if (template[0] == null) {
                    template[0] = context.createProducerTemplate();
                }
            }
            template[0].sendBody("direct:job-signal", signal);
        };
    }
}
