//! The Docker tests of the testcontainers module: real containers of the `magemock` image.
//!
//! They need a Docker engine and the image (`docker/build.sh`). Without them each test says
//! why and passes, so that `cargo test` works on a laptop without Docker; with
//! `MAGEMOCK_DOCKER_TESTS=1` (as `.ci/docker` sets it) they always run, and fail if Docker or
//! the image is missing.

mod async_flavour;
mod support;
#[cfg(feature = "blocking")]
mod sync_flavour;
