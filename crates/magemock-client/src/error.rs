/// Why a call failed. The HTTP variants carry magemock's own answer, whose `message` says what
/// was wrong (an unknown user, a bad fixture, an unknown config path, ...).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The store did not start: an in-process store's seeding failed (a bad fixture names its
    /// file, line and column), or Docker did not run the container (no engine, no such image,
    /// no ready line). The client never raises it; the crates that start stores
    /// (magemock-testkit, magemock-testcontainers) do, so that one error type covers a test.
    /// The source is the starter's own error: downcast it for details.
    #[error("magemock did not start: {0}")]
    Start(Box<dyn std::error::Error + Send + Sync>),
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
    /// magemock answered 2xx with a body the client could not read.
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
}

impl Error {
    /// A [`Error::Start`] from any error or message.
    pub fn start(why: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::Start(why.into())
    }

    /// The HTTP status magemock answered, for [`Error::Status`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}
