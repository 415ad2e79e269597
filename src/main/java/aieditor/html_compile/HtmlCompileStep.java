package aieditor.html_compile;

import aieditor.pipeline.JobHeaders;
import aieditor.pipeline.Step;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import aieditor.store.DecoratedStories;
import aieditor.store.Issues;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/** Step 4: renders the decorated stories into the email HTML and its plain-text twin, stored with the issue. */
public final class HtmlCompileStep {
    /** This step's id in pipeline.steps, its route's id. */
    public static final String ID = "html_compile";

    private final DecoratedStories stories;
    private final Issues issues;
    private final NewsletterHtml html = new NewsletterHtml();
    private final NewsletterText text = new NewsletterText();
    private final Function<LocalDate, String> webPage;
    private final Settings settings;

    /**
     * The step's settings, as values: a title with a quote in it is a title, not a broken expression.
     *
     * @param title          newsletter.title
     * @param unsubscribeUrl newsletter.unsubscribe-url
     * @param maxHtmlBytes   newsletter.max-html-bytes: above it Gmail clips the message, so the issue is refused
     * @param autoApprove    approval.auto-approve
     */
    public record Settings(String title, String unsubscribeUrl, int maxHtmlBytes, boolean autoApprove) {
    }

    /** @param webPage an issue's page in the public archive, for "View in browser"; null: the issue has none */
    public HtmlCompileStep(DecoratedStories stories, Issues issues, Function<LocalDate, String> webPage, Settings settings) {
        this.stories = stories;
        this.issues = issues;
        this.webPage = webPage;
        this.settings = settings;
    }

    public void run(@Header(JobHeaders.ISSUE_DATE) LocalDate issueDate, @Header(JobHeaders.JOB_ID) String jobId,
                    @ExchangeProperty(StepResult.PROPERTY) StepResult result) {
        compile(issueDate, result, StepLog.of(HtmlCompileStep.ID, jobId), "html_compile");
    }

    /**
     * Compiles the issue from its decorations as they are now (the step, and the editor's desk after every change):
     * what an editor edited is what is compiled, and so what is sent. The status moves to awaiting approval (or
     * approved when auto-approve is on), recorded as by {@code actor}.
     */
    public void compile(LocalDate issueDate, StepResult result, StepLog out, String actor) {
        String title = settings.title();
        String unsubscribeUrl = settings.unsubscribeUrl();
        int maxHtmlBytes = settings.maxHtmlBytes();
        boolean autoApprove = settings.autoApprove();
        if (issues.isSent(issueDate)) {
            out.info("Issue {} was already sent: keeping the HTML that went out.", issueDate);
            result.summary("issue already sent, HTML kept");
            return;
        }
        Newsletter newsletter = newsletter(issueDate, title, unsubscribeUrl);
        String htmlVersion = html.render(newsletter);
        String textVersion = text.render(newsletter);
        int bytes = htmlVersion.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxHtmlBytes) {
            throw new IllegalStateException("The HTML of issue " + issueDate + " is " + bytes + " bytes, over the "
                    + maxHtmlBytes + "-byte limit above which Gmail clips messages");
        }
        issues.saveCompiled(issueDate, newsletter.subject(), newsletter.preheader(), htmlVersion, textVersion, bytes);
        issues.setStatus(issueDate, Issues.COMPILED, actor);
        // a new compilation needs a new approval: what is sent is what an editor saw
        if (autoApprove) {
            issues.setStatus(issueDate, Issues.APPROVED, "auto-approve");
        } else {
            issues.setStatus(issueDate, Issues.AWAITING_APPROVAL, actor);
            out.info("Issue {} awaits an editor's approval before it can be sent.", issueDate);
        }
        result.processed(newsletter.stories().size());
        result.written(1);
        result.summary("HTML " + bytes + " bytes, text " + textVersion.length() + " chars, "
                + newsletter.stories().size() + " stories");
        out.info("Issue {} compiled: {} stories, HTML {} bytes, text {} characters.", issueDate,
                newsletter.stories().size(), bytes, textVersion.length());
    }

    Newsletter newsletter(LocalDate issueDate, String title, String unsubscribeUrl) {
        List<DecoratedStories.Story> decorated = stories.list(issueDate);
        if (decorated.isEmpty()) {
            throw new IllegalStateException("Issue " + issueDate + " has no decorated story: nothing to compile");
        }
        List<Newsletter.Story> list = decorated.stream().map(s -> new Newsletter.Story(s.slot(), s.headline(), s.bullets(),
                s.url(), s.source(), s.imageUrl(), s.imageWidth(), s.imageHeight(), s.alsoReportedBy().stream()
                .map(r -> new Newsletter.Report(r.source(), r.url())).toList())).toList();
        Newsletter.Story lead = list.get(0);
        String subject = title + ": " + lead.headline();
        String preheader = lead.bullets().get(0).replace("**", "")
                + (list.size() > 1 ? " Plus " + (list.size() - 1) + " more stories." : "");
        return new Newsletter(issueDate, title, subject, preheader, list, unsubscribeUrl, webPage.apply(issueDate));
    }
}
