//! The one source of randomness. Magento draws consumer keys, secrets, tokens, verifiers and
//! nonces from `Math\Random`; magemock draws them here, from a ChaCha stream seeded once, so
//! that the same seed and the same requests give the same bytes.

use std::sync::Mutex;

use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};

/// The seed used when none is given: a plain start is already deterministic.
pub const DEFAULT_SEED: u64 = 20_240_408;

/// `Math\Random::CHARS_DIGITS . CHARS_LOWERS`, the alphabet of Magento's OAuth tokens.
pub const DIGITS_LOWERS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
/// Letters and digits, the alphabet of `Math\Random::getRandomString` with no charset given.
pub const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Where a stream stands, to start another [`Entropy`] at the same place.
#[derive(Debug, Clone)]
pub struct EntropyState(ChaCha20Rng);

#[derive(Debug)]
pub struct Entropy {
    seed: u64,
    rng: Mutex<ChaCha20Rng>,
    /// Where [`Entropy::reset`] returns to: the stream right after seeding.
    mark: Mutex<ChaCha20Rng>,
}

impl Entropy {
    pub fn new(seed: u64) -> Self {
        let rng = ChaCha20Rng::seed_from_u64(seed);
        Self {
            seed,
            mark: Mutex::new(rng.clone()),
            rng: Mutex::new(rng),
        }
    }

    /// A stream for the same seed that does not repeat the first one: used when a persistent
    /// store is reopened, so that tokens made after a restart never collide with earlier ones.
    pub fn for_generation(seed: u64, generation: u64) -> Self {
        let entropy = Self::new(seed);
        entropy.lock().set_stream(generation);
        entropy.mark();
        entropy
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The stream's current position.
    pub fn state(&self) -> EntropyState {
        EntropyState(self.lock().clone())
    }

    /// An entropy of `seed` standing at `state`, with its mark there too.
    pub fn from_state(seed: u64, state: &EntropyState) -> Self {
        Self {
            seed,
            mark: Mutex::new(state.0.clone()),
            rng: Mutex::new(state.0.clone()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ChaCha20Rng> {
        // The generator state stays valid whatever panicked while it was held.
        self.rng.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records the current position as the one [`Entropy::reset`] returns to (called once the
    /// store is seeded, since seeding itself draws salts).
    pub fn mark(&self) {
        let now = self.lock().clone();
        *self.mark.lock().unwrap_or_else(|e| e.into_inner()) = now;
    }

    /// Back to the marked position (the start of the stream if nothing was marked).
    pub fn reset(&self) {
        let marked = self.mark.lock().unwrap_or_else(|e| e.into_inner()).clone();
        *self.lock() = marked;
    }

    pub fn fill(&self, buf: &mut [u8]) {
        self.lock().fill_bytes(buf);
    }

    pub fn next_u64(&self) -> u64 {
        self.lock().next_u64()
    }

    /// A uniformly drawn string of `len` characters of `alphabet` (rejection sampling, so no
    /// character is more likely than another).
    pub fn string(&self, len: usize, alphabet: &[u8]) -> String {
        assert!(!alphabet.is_empty() && alphabet.len() <= 256);
        let n = alphabet.len() as u32;
        let zone = 256 - (256 % n);
        let mut rng = self.lock();
        let mut out = String::with_capacity(len);
        let mut byte = [0u8; 1];
        while out.len() < len {
            rng.fill_bytes(&mut byte);
            let b = u32::from(byte[0]);
            if b < zone {
                out.push(char::from(alphabet[(b % n) as usize]));
            }
        }
        out
    }

    /// A 32-character `[0-9a-z]` string: the shape of Magento's OAuth keys, secrets and opaque
    /// tokens (`Oauth\Helper\Oauth::generateRandomString`).
    pub fn token32(&self) -> String {
        self.string(32, DIGITS_LOWERS)
    }

    pub fn hex(&self, bytes: usize) -> String {
        let mut buf = vec![0u8; bytes];
        self.fill(&mut buf);
        hex::encode(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_and_reset_replays_it() {
        let a = Entropy::new(7);
        let b = Entropy::new(7);
        let first = a.token32();
        assert_eq!(first, b.token32());
        assert_eq!(first.len(), 32);
        assert!(first.bytes().all(|c| DIGITS_LOWERS.contains(&c)));
        let second = a.token32();
        assert_ne!(first, second);
        a.reset();
        assert_eq!(first, a.token32());
        a.mark();
        let third = a.token32();
        assert_eq!(second, third);
        a.reset();
        assert_eq!(third, a.token32());
    }

    #[test]
    fn other_seed_or_generation_gives_another_stream() {
        let first = Entropy::new(7).token32();
        assert_ne!(first, Entropy::new(8).token32());
        assert_ne!(first, Entropy::for_generation(7, 1).token32());
        assert_eq!(
            Entropy::for_generation(7, 1).token32(),
            Entropy::for_generation(7, 1).token32()
        );
    }
}
