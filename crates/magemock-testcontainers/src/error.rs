//! The one error type of the helpers.

/// Why a helper failed. The HTTP variants carry magemock's own answer, whose `message` says
/// what was wrong (an unknown user, a bad fixture, ...).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Docker or testcontainers failed (no engine, no such image, the container exited, ...).
    #[error(transparent)]
    Container(#[from] testcontainers::TestcontainersError),
    /// The request did not complete (refused, timed out, ...).
    #[error("{method} {url}: {source}")]
    Http {
        method: &'static str,
        url: String,
        #[source]
        source: reqwest::Error,
    },
    /// magemock answered with a status other than 2xx.
    #[error("{method} {url} answered {status}: {body}")]
    Status {
        method: &'static str,
        url: String,
        status: u16,
        body: String,
    },
    /// magemock answered 2xx with a body the helper could not read.
    #[error("{method} {url}: unexpected answer ({reason}): {body}")]
    Decode {
        method: &'static str,
        url: String,
        reason: String,
        body: String,
    },
    /// A request body could not be encoded.
    #[error("cannot encode the request: {0}")]
    Encode(String),
    /// The HTTP client could not be built (TLS back end, ...).
    #[error("cannot build the HTTP client: {0}")]
    Client(#[source] reqwest::Error),
    /// With port 0 (or a network set by hand) the address comes from the ready line, and the
    /// container's stdout has none.
    #[error("the container's stdout has no `magemock listening on http://...` line")]
    NoReadyLine,
}
