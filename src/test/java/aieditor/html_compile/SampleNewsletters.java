package aieditor.html_compile;

import aieditor.ai.offline.OfflineImageProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures: a realistic five-story issue, and a main that writes it to /tmp for a visual check. */
public final class SampleNewsletters {

    public static final LocalDate ISSUE_DATE = LocalDate.of(2026, 11, 22);
    public static final String UNSUBSCRIBE = "https://news.example.com/unsubscribe?u=abc123&l=daily";

    private SampleNewsletters() {
    }

    public static Newsletter realistic() {
        return realistic(null);
    }

    /** @param imageDir relative folder for slot images ("img" gives "img/1.png"), or null for no images */
    public static Newsletter realistic(String imageDir) {
        List<Newsletter.Story> stories = new ArrayList<>();
        String[][] data = {
                {"EU lawmakers agree first binding rules for general-purpose AI models", "Euronews Tech",
                        "https://www.example-euronews.com/tech/2026/11/21/eu-ai-act-gpai-rules",
                        "Providers of the largest models must publish **training-data summaries** and report serious incidents.",
                        "Fines reach **3% of global turnover**, with a two-year grace period for existing models.",
                        "Open-source models under a compute threshold get **lighter obligations**."},
                {"Chipmaker unveils 2nm accelerator aimed at on-device inference", "The Register",
                        "https://www.example-register.co.uk/2026/11/21/2nm_npu/",
                        "The part promises **4x performance per watt** over last year's generation.",
                        "Samples ship to phone makers in **Q2 2027**.",
                        "Analysts doubt supply will meet demand before 2028."},
                {"Hospital trial finds AI triage cut emergency waiting times by a fifth", "BBC Health",
                        "https://www.example-bbc.co.uk/news/health-12345678",
                        "Median wait fell from **74 to 59 minutes** across three sites.",
                        "Clinicians overrode the system's suggestion in **11% of cases**.",
                        "The NHS will run a wider evaluation next spring."},
                {"Open-weights model tops coding benchmark, then fails a fresh test set", "Ars Technica",
                        "https://www.example-ars.com/ai/2026/11/open-weights-benchmark/",
                        "Researchers suspect **benchmark contamination** in the training data.",
                        "On unseen problems the score dropped by **nearly half**.",
                        "The lab says it will publish its **data-filtering pipeline**."},
                {"Why your smart speaker still struggles with accents", "The Verge",
                        "https://www.example-verge.com/2026/11/22/smart-speaker-accents",
                        "Word error rates remain **twice as high** for some regional accents.",
                        "Vendors blame a lack of **diverse voice data**, not model size.",
                        "A new open dataset with 2,000 hours of speech aims to help."},
        };
        for (int i = 0; i < data.length; i++) {
            String[] d = data[i];
            int slot = i + 1;
            String image = imageDir == null ? null : imageDir + "/" + slot + ".png";
            int w = slot == 1 ? 1200 : 600;
            int h = slot == 1 ? 600 : 400;
            stories.add(new Newsletter.Story(slot, d[0], List.of(d[3], d[4], d[5]), d[2], d[1], image, w, h));
        }
        return new Newsletter(ISSUE_DATE, "The AI Editor", "EU agrees AI model rules, a 2nm NPU and more",
                "Binding rules for big models, faster chips, and an AI triage trial that worked.", stories, UNSUBSCRIBE);
    }

    /** A copy of {@code n} with different stories. */
    public static Newsletter withStories(Newsletter n, List<Newsletter.Story> stories) {
        return new Newsletter(n.issueDate(), n.title(), n.subject(), n.preheader(), stories, n.unsubscribeUrl());
    }

    /** Writes /tmp/render-sample.html (+ text and images) for a look in a browser. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp");
        Newsletter n = realistic("render-sample-img");
        Path img = Files.createDirectories(dir.resolve("render-sample-img"));
        OfflineImageProvider images = new OfflineImageProvider();
        for (Newsletter.Story s : n.stories()) {
            Files.write(img.resolve(s.slot() + ".png"),
                    images.image(s.headline(), s.source(), s.slot(), s.imageWidth(), s.imageHeight()));
        }
        Files.writeString(dir.resolve("render-sample.html"), new NewsletterHtml().render(n));
        Files.writeString(dir.resolve("render-sample.txt"), new NewsletterText().render(n));
    }
}
