package aieditor.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import aieditor.model.Article;

/**
 * Loads hand-curated articles from a folder of {@code *.json} and {@code *.md} files. One bad file is reported
 * and skipped so an editor's typo never blocks the issue; other file types are ignored.
 */
public class FolderReader {

    /**
     * Files are read in name order so repeated runs (and the first-wins dedupe after them) are deterministic.
     *
     * @throws UncheckedIOException when the folder itself cannot be listed: that is configuration, not content
     */
    public FolderResult read(Path folder) {
        List<Article> articles = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : list(folder)) {
            String name = file.getFileName().toString();
            try {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
                    articles.addAll(JsonArticles.parse(content, name, problems::add));
                } else {
                    articles.add(MarkdownArticles.parse(content, name));
                }
            } catch (IOException | RuntimeException e) {
                problems.add(name + ": " + e.getMessage());
            }
        }
        return new FolderResult(articles, problems);
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(FolderReader::isArticleFile)
                    .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list article folder " + folder, e);
        }
    }

    private static boolean isArticleFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".md");
    }
}
