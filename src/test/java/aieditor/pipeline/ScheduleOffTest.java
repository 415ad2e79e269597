package aieditor.pipeline;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the schedule off (`run`, the web and worker roles) the process runs no Quartz scheduler: one would join the
 * cluster in distributed mode and take fires that this process has no route to run.
 */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:schedule-off-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "aieditor.data-dir=target/test-data/schedule-off", "schedule.enabled=false"})
class ScheduleOffTest {
    @BeanInject
    CamelContext context;

    @Test
    void should_start_neither_the_schedule_routes_nor_a_quartz_scheduler() throws Exception {
        for (Step step : BundledSteps.steps().all()) {
            assertThat(context.getRouteController().getRouteStatus("schedule-" + step.id()).isStarted()).as(step.id()).isFalse();
        }
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        assertThat(quartz.isAutoStartScheduler()).isFalse();
        assertThat(quartz.getScheduler() == null || !quartz.getScheduler().isStarted()).isTrue();
    }
}
