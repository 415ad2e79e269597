package aieditor.pipeline;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * When each cron fires next. A process that runs the schedule asks its own Quartz scheduler; a web or worker
 * process has none (see {@link QuartzSchedule}), so in distributed mode it reads the cluster's triggers from the
 * shared job store instead.
 */
public final class NextFires {
    private final CamelContext context;
    private final NamedParameterJdbcTemplate clusterStore;

    /** @param clusterStore the database holding the clustered job store's tables, null in embedded mode */
    public NextFires(CamelContext context, NamedParameterJdbcTemplate clusterStore) {
        this.context = context;
        this.clusterStore = clusterStore;
    }

    /** {trigger: "group/name", next_fire: instant} per trigger, soonest first. */
    public List<Map<String, Object>> list() throws SchedulerException {
        QuartzComponent quartz = (QuartzComponent) context.hasComponent("quartz");
        Scheduler scheduler = quartz == null ? null : quartz.getScheduler();
        List<Map<String, Object>> fires = new ArrayList<>();
        if (scheduler != null && scheduler.isStarted()) {
            for (var key : scheduler.getTriggerKeys(GroupMatcher.anyTriggerGroup())) {
                Trigger t = scheduler.getTrigger(key);
                if (t != null && t.getNextFireTime() != null) {
                    fires.add(fire(key.getGroup(), key.getName(), t.getNextFireTime().toInstant()));
                }
            }
        } else if (clusterStore != null) {
            // Quartz keeps fire times as epoch milliseconds, -1 for none
            clusterStore.query("SELECT trigger_group, trigger_name, next_fire_time FROM qrtz_triggers "
                    + "WHERE sched_name = :name AND next_fire_time > 0", Map.of("name", QuartzSchedule.NAME), rs -> {
                fires.add(fire(rs.getString("trigger_group"), rs.getString("trigger_name"),
                        Instant.ofEpochMilli(rs.getLong("next_fire_time"))));
            });
        }
        fires.sort(Comparator.comparing(m -> (Instant) m.get("next_fire")));
        return fires;
    }

    private static Map<String, Object> fire(String group, String name, Instant next) {
        return Map.of("trigger", group + "/" + name, "next_fire", next);
    }
}
