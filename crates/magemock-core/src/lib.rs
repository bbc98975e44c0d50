//! The ground every magemock crate stands on: the one [`Clock`], the one seeded [`Entropy`],
//! the SQLite [`Store`], Magento's configuration paths, the searchCriteria model, and the
//! description of a Magento exception ([`MagentoError`]) that domain crates return and the
//! server alone renders on the wire.
//!
//! Nothing here knows HTTP. Nothing in magemock reads the system clock or the thread RNG
//! except [`Clock`] and [`Entropy`].

pub mod clock;
pub mod config;
pub mod entropy;
pub mod error;
pub mod profile;
pub mod search_criteria;
pub mod store;
pub mod text_pos;

pub use clock::Clock;
pub use config::{ConfigPath, Settings};
pub use entropy::{Entropy, EntropyState};
pub use error::{CoreError, ExceptionKind, MagentoError, Params, ToMagentoError};
pub use profile::MagentoVersion;
pub use store::{Opened, Store};
pub use text_pos::{LineIndex, TextPos};
