//! Helpers on a started container: its URL and working credentials, without a line of HTTP.

use std::future::Future;

use magemock_client::{
    AclCoverage, Activation, Clock, HandshakeReport, Health, Integration, Journal, NewIntegration,
    Wait,
};
use testcontainers::{ContainerAsync, TestcontainersError};

use crate::image::{Networking, PORT, READY_LINE};
use crate::{ADMIN_USERNAME, Error, Magemock, MagemockClient};

mod sealed {
    pub trait Sealed {}
    impl Sealed for testcontainers::ContainerAsync<crate::Magemock> {}
    #[cfg(feature = "blocking")]
    impl Sealed for testcontainers::Container<crate::Magemock> {}
}

/// Docker's failures are the store not starting, in the one error type of the client.
fn docker(e: TestcontainersError) -> Error {
    Error::start(e)
}

/// Helpers on a `ContainerAsync<Magemock>` (testcontainers' `AsyncRunner`).
///
/// Each helper makes a short-lived [`MagemockClient`]; for many calls, or for the calls not
/// repeated here, take one with [`client`](Self::client) and use it.
pub trait AsyncMagemockExt: sealed::Sealed + Sync {
    /// Where magemock answers from the test's side: `http://127.0.0.1:PORT` on the host network,
    /// `http://<docker host>:<mapped port>` with a bridge. No trailing slash.
    fn base_url(&self) -> impl Future<Output = Result<String, Error>> + Send;

    /// A client of this container's control API and token routes.
    fn client(&self) -> impl Future<Output = Result<MagemockClient, Error>> + Send {
        async move { MagemockClient::new(self.base_url().await?) }
    }

    /// See [`MagemockClient::health`].
    fn health(&self) -> impl Future<Output = Result<Health, Error>> + Send {
        async move { self.client().await?.health().await }
    }

    /// A valid admin token for the default store's `admin`, minted without the password round
    /// trip; see [`MagemockClient::admin_token`] for other admins.
    fn admin_token(&self) -> impl Future<Output = Result<String, Error>> + Send {
        async move { self.client().await?.admin_token(ADMIN_USERNAME).await }
    }

    /// The customer token Magento's `POST /V1/integration/customer/token` answers for these
    /// credentials (a wrong password is Magento's 401, as an [`Error::Status`]); see
    /// [`MagemockClient::login_customer`], and [`MagemockClient::customer_token`] for one
    /// minted without a password.
    fn customer_token(
        &self,
        email: &str,
        password: &str,
    ) -> impl Future<Output = Result<String, Error>> + Send {
        async move { self.client().await?.login_customer(email, password).await }
    }

    /// See [`MagemockClient::create_integration`].
    fn create_integration(
        &self,
        new: &NewIntegration,
    ) -> impl Future<Output = Result<Integration, Error>> + Send {
        async move { self.client().await?.create_integration(new).await }
    }

    /// See [`MagemockClient::activate`].
    fn activate(
        &self,
        id: i64,
        wait: Wait,
    ) -> impl Future<Output = Result<Activation, Error>> + Send {
        async move { self.client().await?.activate(id, wait).await }
    }

    /// See [`MagemockClient::handshake_report`].
    fn handshake_report(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<HandshakeReport, Error>> + Send {
        async move { self.client().await?.handshake_report(id).await }
    }

    /// See [`MagemockClient::acl_coverage`].
    fn acl_coverage(&self) -> impl Future<Output = Result<AclCoverage, Error>> + Send {
        async move { self.client().await?.acl_coverage().await }
    }

    /// See [`MagemockClient::journal`].
    fn journal(&self) -> impl Future<Output = Result<Journal, Error>> + Send {
        async move { self.client().await?.journal().await }
    }

    /// See [`MagemockClient::reset`].
    fn reset(&self) -> impl Future<Output = Result<(), Error>> + Send {
        async move { self.client().await?.reset().await }
    }

    /// See [`MagemockClient::advance_clock`].
    fn advance_clock(&self, seconds: i64) -> impl Future<Output = Result<Clock, Error>> + Send {
        async move { self.client().await?.advance_clock(seconds).await }
    }

    /// See [`MagemockClient::set_config`].
    fn set_config(
        &self,
        path: &str,
        value: &str,
    ) -> impl Future<Output = Result<(), Error>> + Send {
        async move { self.client().await?.set_config(path, value).await }
    }
}

impl AsyncMagemockExt for ContainerAsync<Magemock> {
    async fn base_url(&self) -> Result<String, Error> {
        match self.image().networking {
            Networking::Host { port } if port != 0 => Ok(loopback(port)),
            Networking::Host { .. } => ready_url(&self.stdout_to_vec().await.map_err(docker)?),
            Networking::Bridge => match self.get_host_port_ipv4(PORT).await {
                Ok(port) => Ok(format!(
                    "http://{}:{port}",
                    self.get_host().await.map_err(docker)?
                )),
                // A network set by hand (`with_network("host")`): trust the ready line.
                Err(TestcontainersError::PortNotExposed { .. }) => {
                    ready_url(&self.stdout_to_vec().await.map_err(docker)?)
                }
                Err(e) => Err(docker(e)),
            },
        }
    }
}

#[cfg(feature = "blocking")]
pub use blocking::SyncMagemockExt;

#[cfg(feature = "blocking")]
mod blocking {
    use magemock_client::{
        AclCoverage, Activation, Clock, HandshakeReport, Health, Integration, Journal,
        NewIntegration, Wait,
    };
    use testcontainers::{Container, TestcontainersError};

    use super::{docker, loopback, ready_url, sealed};
    use crate::image::{Networking, PORT};
    use crate::{ADMIN_USERNAME, BlockingMagemockClient, Error, Magemock};

    /// Helpers on a `Container<Magemock>` (testcontainers' `SyncRunner`), the blocking twins
    /// of [`AsyncMagemockExt`](super::AsyncMagemockExt). Do not call them from async code.
    pub trait SyncMagemockExt: sealed::Sealed {
        /// See [`AsyncMagemockExt::base_url`](super::AsyncMagemockExt::base_url).
        fn base_url(&self) -> Result<String, Error>;

        /// A blocking client of this container.
        fn client(&self) -> Result<BlockingMagemockClient, Error> {
            BlockingMagemockClient::new(self.base_url()?)
        }

        /// See [`MagemockClient::health`](crate::MagemockClient::health).
        fn health(&self) -> Result<Health, Error> {
            self.client()?.health()
        }

        /// See [`AsyncMagemockExt::admin_token`](super::AsyncMagemockExt::admin_token).
        fn admin_token(&self) -> Result<String, Error> {
            self.client()?.admin_token(ADMIN_USERNAME)
        }

        /// See [`AsyncMagemockExt::customer_token`](super::AsyncMagemockExt::customer_token).
        fn customer_token(&self, email: &str, password: &str) -> Result<String, Error> {
            self.client()?.login_customer(email, password)
        }

        /// See [`MagemockClient::create_integration`](crate::MagemockClient::create_integration).
        fn create_integration(&self, new: &NewIntegration) -> Result<Integration, Error> {
            self.client()?.create_integration(new)
        }

        /// See [`MagemockClient::activate`](crate::MagemockClient::activate).
        fn activate(&self, id: i64, wait: Wait) -> Result<Activation, Error> {
            self.client()?.activate(id, wait)
        }

        /// See [`MagemockClient::handshake_report`](crate::MagemockClient::handshake_report).
        fn handshake_report(&self, id: i64) -> Result<HandshakeReport, Error> {
            self.client()?.handshake_report(id)
        }

        /// See [`MagemockClient::acl_coverage`](crate::MagemockClient::acl_coverage).
        fn acl_coverage(&self) -> Result<AclCoverage, Error> {
            self.client()?.acl_coverage()
        }

        /// See [`MagemockClient::journal`](crate::MagemockClient::journal).
        fn journal(&self) -> Result<Journal, Error> {
            self.client()?.journal()
        }

        /// See [`MagemockClient::reset`](crate::MagemockClient::reset).
        fn reset(&self) -> Result<(), Error> {
            self.client()?.reset()
        }

        /// See [`MagemockClient::advance_clock`](crate::MagemockClient::advance_clock).
        fn advance_clock(&self, seconds: i64) -> Result<Clock, Error> {
            self.client()?.advance_clock(seconds)
        }

        /// See [`MagemockClient::set_config`](crate::MagemockClient::set_config).
        fn set_config(&self, path: &str, value: &str) -> Result<(), Error> {
            self.client()?.set_config(path, value)
        }
    }

    impl SyncMagemockExt for Container<Magemock> {
        fn base_url(&self) -> Result<String, Error> {
            match self.image().networking {
                Networking::Host { port } if port != 0 => Ok(loopback(port)),
                Networking::Host { .. } => ready_url(&self.stdout_to_vec().map_err(docker)?),
                Networking::Bridge => match self.get_host_port_ipv4(PORT) {
                    Ok(port) => Ok(format!(
                        "http://{}:{port}",
                        self.get_host().map_err(docker)?
                    )),
                    Err(TestcontainersError::PortNotExposed { .. }) => {
                        ready_url(&self.stdout_to_vec().map_err(docker)?)
                    }
                    Err(e) => Err(docker(e)),
                },
            }
        }
    }
}

fn loopback(port: u16) -> String {
    format!("http://127.0.0.1:{port}")
}

const NO_READY_LINE: &str = "the container's stdout has no `magemock listening on http://...` line";

/// The URL of the last ready line, an unspecified listen address read as loopback.
pub(crate) fn ready_url(stdout: &[u8]) -> Result<String, Error> {
    let text = String::from_utf8_lossy(stdout);
    let url = text
        .lines()
        .rev()
        .find_map(|line| line.strip_prefix(READY_LINE))
        .map(str::trim)
        .ok_or_else(|| Error::start(NO_READY_LINE))?;
    Ok(url
        .replacen("://0.0.0.0:", "://127.0.0.1:", 1)
        .replacen("://[::]:", "://[::1]:", 1))
}

#[cfg(test)]
mod tests;
