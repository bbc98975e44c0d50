-- oauth_nonce without its rowid (issue 8, BENCHMARKS.md: RSS after 60 s of load). Every signed
-- request adds a row, ~170,000 in a minute of the soak, and as a rowid table with a unique
-- index each nonce was stored twice: once in the table, once in the index. Keyed by the unique
-- key itself, the rows are the index. The key is Magento's unique key (nonce, consumer_id)
-- with consumer_id first: the same set of pairs is unique, and deleting an integration's
-- nonces (`DELETE ... WHERE consumer_id = ?`, and the cascade from oauth_consumer) seeks its
-- range instead of scanning every nonce.

CREATE TABLE oauth_nonce_compact (
    nonce       TEXT NOT NULL,
    timestamp   INTEGER NOT NULL,
    consumer_id INTEGER NOT NULL REFERENCES oauth_consumer(entity_id) ON DELETE CASCADE,
    PRIMARY KEY (consumer_id, nonce)
) WITHOUT ROWID;

INSERT INTO oauth_nonce_compact(nonce, timestamp, consumer_id)
    SELECT nonce, timestamp, consumer_id FROM oauth_nonce;
DROP TABLE oauth_nonce;
ALTER TABLE oauth_nonce_compact RENAME TO oauth_nonce;
