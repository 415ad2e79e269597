-- Social posts as they went out: one row per story and channel (mastodon, webhook). Every attempt sends the row's
-- idempotency key (Mastodon answers a repeated key with the status it created first), and a row marked posted is
-- never sent again. status: sending (an attempt holds it: claimed_by, claimed_at), posted (remote_id, remote_url:
-- the status or the receiver's id), failed (error in the channel's own words; retryable says whether waiting can
-- help). No foreign key to social_posts: the record of what went out outlives a draft that is rewritten.
CREATE TABLE social_deliveries (
    issue_date      DATE          NOT NULL,
    slot            INT           NOT NULL,
    channel         VARCHAR(20)   NOT NULL,
    idempotency_key VARCHAR(200)  NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    http_status     INT,
    remote_id       VARCHAR(200),
    remote_url      VARCHAR(2000),
    error           VARCHAR(2000),
    retryable       BOOLEAN,
    attempts        INT           NOT NULL,
    claimed_by      VARCHAR(64),
    claimed_at      TIMESTAMP WITH TIME ZONE,
    posted_at       TIMESTAMP WITH TIME ZONE,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (issue_date, slot, channel),
    CONSTRAINT uq_social_deliveries_key UNIQUE (idempotency_key)
);
