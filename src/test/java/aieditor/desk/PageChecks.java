package aieditor.desk;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;

import java.util.List;
import java.util.Set;

/**
 * axe-core's WCAG 2.x A and AA rules run on a desk page, as an accessibility audit would: what it finds with a
 * critical or serious impact (missing labels and names, contrast, a page without a language...) is a problem,
 * given as "rule-id (impact): the elements".
 */
final class PageChecks {
    private static final Set<String> BLOCKING = Set.of("critical", "serious");
    private static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private PageChecks() {
    }

    static List<String> problems(Page page) {
        return blocking(page).stream().map(PageChecks::describe).toList();
    }

    /** The rule ids of every problem, for tests that check what the audit catches. */
    static List<String> ruleIds(Page page) {
        return blocking(page).stream().map(Rule::getId).toList();
    }

    private static List<Rule> blocking(Page page) {
        // the preview is a sandboxed iframe without scripts (the email itself): axe cannot run in it and would wait
        // for it forever (the frame-by-frame mode goes into every frame whatever the options say), so the audit is of
        // the desk's own page, in one run in its top frame
        AxeRunOptions options = new AxeRunOptions();
        options.setIFrames(false);
        return new AxeBuilder(page).withTags(WCAG_AA).options(options).setLegacyMode(true).analyze().getViolations().stream()
                .filter(rule -> BLOCKING.contains(rule.getImpact())).toList();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " - "
                + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList();
    }
}
