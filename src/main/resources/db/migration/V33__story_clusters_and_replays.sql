-- Story clusters: a report of a story that another source already had is stored too, naming the story by the
-- canonical URL of its first report; a story's key is COALESCE(story_url, canonical_url).
ALTER TABLE articles ADD COLUMN story_url VARCHAR(2000);
CREATE INDEX ix_articles_story_url ON articles (story_url);
-- Recorded sources (the bundled samples) are replayed for each issue date they are run for: '' for an article as
-- fetched, the issue date (yyyy-mm-dd) for a replayed copy. Each date gets its own copy, and issues of other dates
-- neither see it nor count it as featured; one row per canonical URL still holds among articles as fetched.
ALTER TABLE articles ADD COLUMN replayed_for VARCHAR(10) DEFAULT '' NOT NULL;
ALTER TABLE articles DROP CONSTRAINT uq_articles_canonical_url;
ALTER TABLE articles ADD CONSTRAINT uq_articles_canonical_url UNIQUE (canonical_url, replayed_for);
-- The prefilter merges a story's reports into its best-scored one: the merged reports name it, and the issue
-- lists them under that story as "Also reported by".
ALTER TABLE prefilter_log ADD COLUMN merged_into BIGINT;
