package aieditor.config;

import aieditor.pipeline.MissedFires;
import aieditor.pipeline.ScheduleSettings;
import aieditor.pipeline.ScheduledSteps;
import aieditor.pipeline.Steps;
import aieditor.store.DatabaseUrl;
import aieditor.pipeline.QuartzSchedule;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;

import static org.apache.camel.support.CamelContextHelper.mandatoryLookup;

/**
 * The chain (pipeline.steps: its steps, their order and queues, bean {@code steps}), the cron routes made for its
 * steps from routes/schedule.camel.yaml's template, and the Quartz scheduler that fires them (schedule.*).
 */
public class ChainConfiguration implements CamelConfiguration {
    /** Distributed mode: the schedule is a Quartz cluster in the shared database. */
    @PropertyInject("db.database-url")
    String databaseUrl;

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        ConfigProperties props = new ConfigProperties(context);
        Steps steps = Steps.read(props::optional);
        registry.bind("steps", steps);
        registry.bind("scheduledSteps", new ScheduledSteps(steps));
        ScheduleSettings schedule = ScheduleSettings.read(props::required, steps);
        registry.bind("scheduleSettings", schedule);
        QuartzSchedule.configure(context, schedule,
                databaseUrl.isBlank() ? null : mandatoryLookup(context, "databaseUrl", DatabaseUrl.class));
        registry.bind("missedFires", new MissedFires(mandatoryLookup(context, "jdbc", NamedParameterJdbcTemplate.class),
                schedule, steps, mandatoryLookup(context, "clock", Clock.class)));
    }
}
