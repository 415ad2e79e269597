package aieditor.config;

import aieditor.api.ApiSupport;
import aieditor.api.EditingApi;
import aieditor.api.HttpErrors;
import aieditor.api.IssueApprovals;
import aieditor.api.JobsApi;
import aieditor.api.OpsApi;
import aieditor.api.SocialApi;
import aieditor.api.SourcesApi;
import aieditor.api.UsageApi;
import aieditor.archive.ArchiveHttp;
import aieditor.archive.ArchiveLinks;
import aieditor.decoration.DecorationStep;
import aieditor.desk.Desk;
import aieditor.desk.DeskPages;
import aieditor.api.IssueEditor;
import aieditor.html_compile.HtmlCompileStep;
import aieditor.images.ImagesStep;
import aieditor.mautic_send.MauticSendStep;
import aieditor.mautic_send.SendSchedule;
import aieditor.mautic_send.SendTiming;
import aieditor.pipeline.JobStore;
import aieditor.pipeline.DeadLetters;
import aieditor.pipeline.JobCancellation;
import aieditor.pipeline.MissedFires;
import aieditor.pipeline.ScheduleSettings;
import aieditor.pipeline.Triggers;
import aieditor.pipeline.WaitingReasons;
import aieditor.prefilter.PrefilterLog;
import aieditor.social_sync.SocialChannels;
import aieditor.store.AuditLog;
import aieditor.store.DecoratedStories;
import aieditor.store.Issues;
import aieditor.store.LlmUsage;
import aieditor.pipeline.NextFires;
import aieditor.store.Sources;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.time.Duration;

import static org.apache.camel.support.CamelContextHelper.mandatoryLookup;

/**
 * What people reach over HTTP (routes/api.camel.yaml, desk.camel.yaml, archive.camel.yaml): the control API, the
 * editor's desk and the public archive of sent issues.
 */
public class ApiConfiguration implements CamelConfiguration {
    /** Every API call and desk sign-in must carry it; unset, both refuse everyone. */
    @PropertyInject("api.trigger-secret")
    String triggerSecret;
    @PropertyInject("api.max-body-bytes")
    int maxBodyBytes;
    @PropertyInject("approval.send-when-past")
    String sendWhenPast;
    /** Distributed mode: a scheduler process fires the crons, and the next fires are read from the shared schedule. */
    @PropertyInject("db.database-url")
    String databaseUrl;
    @PropertyInject("newsletter.title")
    String title;
    @PropertyInject("newsletter.public-base-url")
    String publicBaseUrl;
    @PropertyInject("decoration.headline-max-chars")
    int headlineMaxChars;
    @PropertyInject("desk.candidates")
    int deskCandidates;
    @PropertyInject("desk.session-minutes")
    long deskSessionMinutes;
    @PropertyInject("desk.max-failed-sign-ins")
    int deskMaxFailedSignIns;
    @PropertyInject("desk.sign-in-lockout-seconds")
    long deskLockoutSeconds;

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        context.addStartupListener(new HttpErrors());
        NamedParameterJdbcTemplate jdbc = mandatoryLookup(context, "jdbc", NamedParameterJdbcTemplate.class);
        Clock clock = mandatoryLookup(context, "clock", Clock.class);
        Issues issues = mandatoryLookup(context, "issues", Issues.class);
        AuditLog audit = mandatoryLookup(context, "auditLog", AuditLog.class);
        DecoratedStories stories = mandatoryLookup(context, "decoratedStories", DecoratedStories.class);
        ScheduleSettings schedule = mandatoryLookup(context, "scheduleSettings", ScheduleSettings.class);
        Triggers triggers = mandatoryLookup(context, "triggers", Triggers.class);
        JobCancellation jobs = mandatoryLookup(context, "jobCancellation", JobCancellation.class);
        JobStore jobStore = mandatoryLookup(context, "jobStore", JobStore.class);
        DeadLetters deadLetters = mandatoryLookup(context, "deadLetters", DeadLetters.class);
        MauticSendStep sending = mandatoryLookup(context, "mauticSend", MauticSendStep.class);
        ImagesStep images = mandatoryLookup(context, "images", ImagesStep.class);
        boolean distributed = !databaseUrl.isBlank();

        ApiSupport api = new ApiSupport(triggerSecret, maxBodyBytes);
        JobsApi jobsApi = new JobsApi(api, triggers, jobs, jobStore, schedule,
                mandatoryLookup(context, "missedFires", MissedFires.class), new NextFires(context, distributed ? jdbc : null),
                mandatoryLookup(context, "waitingReasons", WaitingReasons.class), issues, clock);
        registry.bind("jobsApi", jobsApi);
        // in distributed mode a scheduler process fires the crons even when this one (web, worker) does not
        SendTiming sendTiming = new SendTiming(new SendSchedule(schedule), SendTiming.WhenPast.parse(sendWhenPast),
                schedule.enabled() || distributed, clock);
        IssueApprovals approvals = new IssueApprovals(issues, triggers, sendTiming, sending, audit, clock);
        OpsApi opsApi = new OpsApi(api, deadLetters, triggers, issues, sending, approvals);
        registry.bind("opsApi", opsApi);
        registry.bind("usageApi", new UsageApi(api, new LlmUsage(jdbc)));
        registry.bind("sourcesApi", new SourcesApi(api, mandatoryLookup(context, "sources", Sources.class)));
        registry.bind("socialApi", new SocialApi(api, mandatoryLookup(context, "socialChannels", SocialChannels.class).posts()));
        // the public archive of sent issues (/archive/), which the email's "View in browser" links to
        registry.bind("archive", new ArchiveHttp(jdbc, stories, images::folder, ArchiveLinks.of(publicBaseUrl), title));

        // the editor's desk (/desk/) and the slot editing it shares with the REST API (aieditor.desk)
        ObjectMapper json = new ObjectMapper();
        IssueEditor editor = new IssueEditor(jdbc, json, issues, audit,
                mandatoryLookup(context, "decoration", DecorationStep.class), images,
                mandatoryLookup(context, "htmlCompile", HtmlCompileStep.class), sending,
                mandatoryLookup(context, "prefilterLog", PrefilterLog.class),
                new IssueEditor.Settings(headlineMaxChars, deskCandidates), clock);
        registry.bind("issueEditor", editor);
        registry.bind("editingApi", new EditingApi(api, editor, approvals));
        registry.bind("desk", Desk.http(new Desk.Settings(triggerSecret, Duration.ofMinutes(deskSessionMinutes),
                deskMaxFailedSignIns, Duration.ofSeconds(deskLockoutSeconds)), new DeskPages.Services(editor, approvals,
                issues, sending, jobsApi, jobStore, jobs, triggers, opsApi, deadLetters, images, jdbc, json, title,
                schedule.zone(), clock)));
    }
}
