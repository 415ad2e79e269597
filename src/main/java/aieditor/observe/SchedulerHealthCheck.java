package aieditor.observe;

import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import java.util.Map;

/** The Quartz schedule is running, or switched off on purpose (schedule.enabled=false), which is healthy too. */
public final class SchedulerHealthCheck extends AbstractHealthCheck {
    private final boolean enabled;

    public SchedulerHealthCheck(boolean enabled) {
        super("ai-editor", "scheduler");
        this.enabled = enabled;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (!enabled) {
            builder.up().detail("scheduler", "disabled").message("The schedule is off (schedule.enabled=false).");
            return;
        }
        QuartzComponent quartz = (QuartzComponent) getCamelContext().hasComponent("quartz");
        Scheduler scheduler = quartz == null ? null : quartz.getScheduler();
        try {
            if (scheduler != null && scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown()) {
                builder.up().detail("scheduler", scheduler.getSchedulerName());
            } else {
                builder.down().detail("scheduler", "stopped").message("The Quartz scheduler is not running.");
            }
        } catch (SchedulerException e) {
            builder.down().message("The Quartz scheduler could not be asked: " + e.getMessage()).error(e);
        }
    }
}
