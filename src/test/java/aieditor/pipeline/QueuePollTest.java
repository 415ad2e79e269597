package aieditor.pipeline;

import aieditor.PipelineTestSupport;
import org.apache.camel.Endpoint;
import org.apache.camel.component.seda.SedaEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An idle SEDA worker sleeps its poll timeout while Camel starts and waits it out when Camel stops; with Camel's
 * default of one second a `run` lost about a second before its first job and another at exit.
 */
class QueuePollTest extends PipelineTestSupport {

    @Test
    void should_look_at_the_job_queue_often_enough_that_starting_and_stopping_cost_no_second() {
        Endpoint workers = context.getRoute("worker").getEndpoint();
        assumeTrue(workers instanceof SedaEndpoint, "the workers read a SEDA queue (embedded transport)");

        assertThat(((SedaEndpoint) workers).getPollTimeout()).isLessThanOrEqualTo(100);
    }
}
