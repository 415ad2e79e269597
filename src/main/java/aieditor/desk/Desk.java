package aieditor.desk;

import aieditor.api.IssueApprovals;
import aieditor.api.IssueEditor;
import aieditor.api.JobsApi;
import aieditor.api.OpsApi;
import aieditor.pipeline.DeadLetters;
import aieditor.decoration.DecorationStep;
import aieditor.html_compile.HtmlCompileStep;
import aieditor.images.ImagesStep;
import aieditor.mautic_send.MauticSendStep;
import aieditor.pipeline.JobCancellation;
import aieditor.pipeline.JobStore;
import aieditor.pipeline.Triggers;
import aieditor.store.AuditLog;
import aieditor.store.Issues;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Wires the editor's desk (routes/desk.camel.yaml) and the slot editing it shares with the REST API: bean
 * {@code issueEditor} (IssueEditor) and {@code desk} (DeskHttp). Built after the steps' beans, from the registry.
 */
public final class Desk {
    private Desk() {
    }

    public static void configure(CamelContext context, NamedParameterJdbcTemplate jdbc, ObjectMapper json, AuditLog audit,
                                 IssueApprovals approvals, JobStore jobStore, DeadLetters deadLetters, ZoneId zone) {
        PropertiesComponent props = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        IssueEditor.Settings settings = new IssueEditor.Settings(
                Integer.parseInt(prop(props, "decoration.headline-max-chars")),
                Integer.parseInt(prop(props, "decoration.max-input-chars")),
                Integer.parseInt(prop(props, "images.width")), Integer.parseInt(prop(props, "images.height")),
                props.resolveProperty("images.public-base-url").orElse(""),
                Integer.parseInt(props.resolveProperty("desk.candidates").orElse("5")));
        Issues issues = registry.lookupByNameAndType("issues", Issues.class);
        MauticSendStep sending = registry.lookupByNameAndType("mauticSend", MauticSendStep.class);
        ImagesStep images = registry.lookupByNameAndType("images", ImagesStep.class);
        IssueEditor editor = new IssueEditor(jdbc, json, issues, audit,
                registry.lookupByNameAndType("decoration", DecorationStep.class), images,
                registry.lookupByNameAndType("htmlCompile", HtmlCompileStep.class), sending, settings);
        registry.bind("issueEditor", editor);
        DeskSessions sessions = new DeskSessions(props.resolveProperty("api.trigger-secret").orElse(""),
                Duration.ofMinutes(Long.parseLong(props.resolveProperty("desk.session-minutes").orElse("480"))),
                Integer.parseInt(props.resolveProperty("desk.max-failed-sign-ins").orElse("5")),
                Duration.ofSeconds(Long.parseLong(props.resolveProperty("desk.sign-in-lockout-seconds").orElse("300"))),
                Clock.systemUTC());
        DeskPages pages = new DeskPages(new DeskPages.Services(editor, approvals, issues, sending,
                registry.lookupByNameAndType("jobsApi", JobsApi.class), jobStore,
                registry.lookupByNameAndType("jobCancellation", JobCancellation.class), registry.lookupByNameAndType("triggers", Triggers.class),
                registry.lookupByNameAndType("opsApi", OpsApi.class), deadLetters, images, jdbc, json,
                prop(props, "newsletter.title"), zone));
        registry.bind("desk", new DeskHttp(sessions, pages));
    }

    private static String prop(PropertiesComponent props, String key) {
        return props.resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("Missing configuration property '" + key + "'"));
    }
}
