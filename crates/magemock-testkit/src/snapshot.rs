//! insta settings for snapshots of what a connector exchanged with magemock. magemock's own
//! output needs no redaction: ids, keys, tokens and times are fixed by the seed and the frozen
//! clock. What the connector's OAuth client randomises (nonces, timestamps, and so the
//! signatures) is replaced by placeholders, in request excerpts and headers alike.

/// Settings to `bind` around snapshot assertions.
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r#"oauth_nonce=\\?"[^"\\]*\\?""#, r#"oauth_nonce="[nonce]""#);
    settings.add_filter(
        r#"oauth_timestamp=\\?"[0-9]*\\?""#,
        r#"oauth_timestamp="[timestamp]""#,
    );
    settings.add_filter(
        r#"oauth_signature=\\?"[^"\\]*\\?""#,
        r#"oauth_signature="[signature]""#,
    );
    settings
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_only_what_clients_randomise() {
        super::snapshot_settings().bind(|| {
            insta::assert_snapshot!(
                "oauth_header",
                r#"Authorization: OAuth oauth_consumer_key="ldtcv8tx05lb0fcsm92a8miqtmausrvh",oauth_nonce="Xy12",oauth_signature="a%2Bb%3D",oauth_timestamp="1768471200""#
            );
        });
    }
}
