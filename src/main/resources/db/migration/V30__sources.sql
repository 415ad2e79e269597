-- One row per configured source (a feed URL or file, an article folder, the Airtable table), keyed by where it is
-- read from: its names, the validators of its last good read (sent as If-None-Match / If-Modified-Since next time),
-- and its health as of its last read. articles.source keeps the slug: scoring weights and one-story-per-source key
-- on it.
CREATE TABLE sources (
    location          VARCHAR(2000) PRIMARY KEY,
    kind              VARCHAR(20)   NOT NULL,
    -- the slug its articles carry; null for a folder or table, whose articles each name their own
    slug              VARCHAR(300),
    -- the feed's own title (RSS channel / Atom feed title) as last read
    feed_title        VARCHAR(1000),
    display_name      VARCHAR(1000) NOT NULL,
    etag              VARCHAR(1000),
    last_modified     VARCHAR(100),
    last_fetch_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- "200", "304 not modified", "404", "file", "folder", "airtable"; null when the source was not reached
    last_status       VARCHAR(50),
    items_read        INT           NOT NULL,
    new_items         INT           NOT NULL,
    -- the problems of the last read, a JSON array of strings
    errors            TEXT          NOT NULL,
    duration_ms       BIGINT        NOT NULL,
    -- the host answered 429/503 asking not to be fetched before then
    retry_not_before  TIMESTAMP WITH TIME ZONE
);

-- What readers see for each slug ("via The Northwind Ledger"): a feed's title or a configured name
-- (ingest.source-names). A slug with no row is shown as it is.
CREATE TABLE source_names (
    slug         VARCHAR(300)  PRIMARY KEY,
    display_name VARCHAR(1000) NOT NULL
);
