package aieditor.pipeline;

import aieditor.store.DatabaseUrl;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;

import java.util.Properties;

/**
 * The Quartz scheduler behind the cron routes. Only a process that runs the schedule (roles scheduler and all) has
 * one: a scheduler in a web or worker process would still acquire fires from the cluster, with no route to run
 * them, and each such fire would be lost. On PostgreSQL the schedule lives in the database as a cluster: every
 * scheduler process shares it, each cron fires on exactly one of them, and when one dies another takes over.
 */
public final class QuartzSchedule {
    /** The cluster's name: every node must use the same one to join it. */
    public static final String NAME = "ai-editor";
    /**
     * How often a clustered scheduler checks in. Another one takes a dead one's triggers over once its last check-in
     * is this interval plus Quartz's 7.5 s grace old, noticed at the survivor's next check-in: 12.5 to 17.5 s after
     * the death, and the fires missed meanwhile are caught up (the misfire threshold is far longer).
     */
    static final long CHECKIN_INTERVAL_MS = 5000;

    private QuartzSchedule() {
    }

    /** @param clusterStore the shared database in distributed mode, null for the embedded one (in-memory schedule) */
    public static void configure(CamelContext context, ScheduleSettings schedule, DatabaseUrl clusterStore) {
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        if (!schedule.enabled()) {
            // the schedule routes stay stopped here, and so does the scheduler: it never joins the cluster
            quartz.setAutoStartScheduler(false);
            return;
        }
        Properties q = new Properties();
        // once properties are given Quartz merges no defaults: the thread pool must be set too
        q.setProperty("org.quartz.threadPool.threadCount", "5");
        q.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(schedule.misfireThreshold().toMillis()));
        if (clusterStore != null) {
            clustered(q, clusterStore);
            // every node must use the same scheduler name to join the same cluster
            quartz.setPrefixInstanceName(false);
        }
        quartz.setProperties(q);
    }

    private static void clustered(Properties q, DatabaseUrl db) {
        q.setProperty("org.quartz.scheduler.instanceName", NAME);
        q.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        q.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        q.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        q.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        q.setProperty("org.quartz.jobStore.isClustered", "true");
        q.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(CHECKIN_INTERVAL_MS));
        q.setProperty("org.quartz.jobStore.dataSource", "schedule");
        q.setProperty("org.quartz.dataSource.schedule.provider", "hikaricp");
        q.setProperty("org.quartz.dataSource.schedule.driver", "org.postgresql.Driver");
        q.setProperty("org.quartz.dataSource.schedule.URL", db.jdbcUrl());
        q.setProperty("org.quartz.dataSource.schedule.user", db.user());
        q.setProperty("org.quartz.dataSource.schedule.password", db.password());
        q.setProperty("org.quartz.dataSource.schedule.maxConnections", "4");
    }
}
