-- Where each article's text came from: 'feed' (the source's own body), 'page' (extracted from the article's web
-- page because the feed carried only a summary) or 'summary' (nothing better was available or fetched).
ALTER TABLE articles ADD COLUMN text_from VARCHAR(10);
UPDATE articles SET text_from = CASE WHEN body IS NULL OR body = '' THEN 'summary' ELSE 'feed' END;
ALTER TABLE articles ALTER COLUMN text_from SET NOT NULL;
ALTER TABLE articles ADD CONSTRAINT ck_articles_text_from CHECK (text_from IN ('feed', 'page', 'summary'));
