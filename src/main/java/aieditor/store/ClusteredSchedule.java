package aieditor.store;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;

import java.util.Properties;

/**
 * On PostgreSQL the Quartz schedule lives in the database as a cluster: every scheduler process shares it, each
 * cron fires on exactly one of them, and when one dies another takes over its triggers.
 */
public final class ClusteredSchedule {
    private ClusteredSchedule() {
    }

    public static void configure(CamelContext context, DatabaseUrl db, String schedulerName) {
        Properties q = new Properties();
        q.setProperty("org.quartz.scheduler.instanceName", schedulerName);
        q.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        // once properties are given Quartz merges no defaults: the thread pool must be set too
        q.setProperty("org.quartz.threadPool.threadCount", "5");
        q.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        q.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        q.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        q.setProperty("org.quartz.jobStore.isClustered", "true");
        q.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        q.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        q.setProperty("org.quartz.jobStore.dataSource", "schedule");
        q.setProperty("org.quartz.dataSource.schedule.provider", "hikaricp");
        q.setProperty("org.quartz.dataSource.schedule.driver", "org.postgresql.Driver");
        q.setProperty("org.quartz.dataSource.schedule.URL", db.jdbcUrl());
        q.setProperty("org.quartz.dataSource.schedule.user", db.user());
        q.setProperty("org.quartz.dataSource.schedule.password", db.password());
        q.setProperty("org.quartz.dataSource.schedule.maxConnections", "4");
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        quartz.setProperties(q);
        // every node must use the same scheduler name to join the same cluster
        quartz.setPrefixInstanceName(false);
    }
}
