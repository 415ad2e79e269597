package aieditor.mautic_send;

import aieditor.Application;
import aieditor.PipelineTestSupport;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * newsletter.delivery=mautic with neither images.public-base-url nor images.cloudinary-url: the images are
 * relative links Mautic could not serve, so the send is refused before Mautic is asked anything, and the refusal is
 * the job's failure (a dead letter), not retried, since no retry can host the images.
 */
class MauticUnhostedImagesTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    private static final FakeMautic MAUTIC = FakeMautic.startForDelivery();

    @AfterAll
    static void stop() {
        MAUTIC.close();
    }

    @Test
    void should_refuse_to_send_through_mautic_without_hosted_images_sending_nothing_and_not_retrying() throws Exception {
        AtomicInteger redeliveries = new AtomicInteger();
        EventNotifierSupport counter = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeRedeliveryEvent) {
                    redeliveries.incrementAndGet();
                }
            }
        };
        context.getManagementStrategy().addEventNotifier(counter);
        counter.start();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = Application.runChain(context, DATE, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isNotZero();
        Map<String, Object> job = lastJob("mautic_send");
        assertThat(job.get("status")).isEqualTo("failed");
        assertThat(job.get("attempt")).as("not retried: no retry can host the images").isEqualTo(1);
        assertThat(redeliveries.get()).as("no redelivery in place either").isZero();
        assertThat((String) job.get("error")).contains("cannot go out through Mautic")
                .contains("5 of 5 are not (images/slot-1.jpg, images/slot-2.jpg, images/slot-3.jpg, ...)")
                .contains("images.public-base-url").contains("images.cloudinary-url").contains("Nothing was sent");
        assertThat(count("SELECT COUNT(*) FROM dead_letters WHERE job_id = ?", job.get("id"))).isEqualTo(1);
        // Mautic was asked nothing: no token, no email created, none sent
        assertThat(MAUTIC.server.requests()).isEmpty();
        assertThat(MAUTIC.creates()).isZero();
        assertThat(MAUTIC.sends()).isZero();
        // no claim is left behind to lock the issue: once the images are hosted, the next send goes ahead
        assertThat(count("SELECT COUNT(*) FROM deliveries")).isZero();
        assertThat(jdbc().queryForObject("SELECT status FROM issues WHERE issue_date = ?", String.class, DATE))
                .isEqualTo("approved");
        // what the editor sees before approving: the message cannot go out, and why
        MauticSendStep.Preview preview = context.getRegistry().lookupByNameAndType("mauticSend", MauticSendStep.class)
                .preview(DATE).orElseThrow();
        assertThat(preview.message()).isNull();
        assertThat(preview.problem()).contains("images.public-base-url").contains("images.cloudinary-url");
    }
}
