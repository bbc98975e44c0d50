//! Where log lines go: stderr, written by one thread of their own.
//!
//! Writing each line straight to stderr cost a `write` per request on the worker's thread (and,
//! when stderr is a pipe as a test runner reads it, waking the reader each time): 17% of a
//! product GET's CPU. Here a line is appended to a shared buffer; the log thread wakes once for
//! the lines that arrive within [`BATCH_WINDOW`] and writes them in one go. Lines stay in the
//! order they were logged (one buffer, appended under one lock), a full buffer makes the logger
//! wait as a blocked stderr did, and [`LogGuard`] writes what is left when it is dropped.

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long the log thread lets lines gather after the first one wakes it.
const BATCH_WINDOW: Duration = Duration::from_millis(2);
/// Past this many buffered bytes a logger waits for the log thread.
const BUFFER_LIMIT: usize = 1 << 20;

#[derive(Default)]
struct State {
    lines: Vec<u8>,
    closed: bool,
}

struct Shared {
    state: Mutex<State>,
    /// Lines arrived, or closing.
    arrived: Condvar,
    /// The buffer was taken.
    drained: Condvar,
    /// stderr, or a test's buffer.
    sink: Mutex<Box<dyn Write + Send>>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves whole lines behind: the buffer is still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Nothing sensible to do when stderr is gone: the lines are dropped, as eprintln!'s would
    /// be.
    fn write_out(&self, bytes: &[u8]) -> std::io::Result<()> {
        let mut sink = self.sink.lock().unwrap_or_else(|e| e.into_inner());
        sink.write_all(bytes)?;
        sink.flush()
    }
}

/// The `MakeWriter` for the tracing subscriber.
#[derive(Clone)]
pub struct LogWriter {
    shared: Arc<Shared>,
}

/// Stops the log thread after it has written every line; dropped when `serve` ends.
pub struct LogGuard {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

/// Starts the log thread writing to stderr.
pub fn start() -> (LogWriter, LogGuard) {
    start_with(Box::new(std::io::stderr()))
}

/// Starts the log thread writing to `sink`. Without a thread (the spawn failed), lines go
/// straight to the sink.
fn start_with(sink: Box<dyn Write + Send>) -> (LogWriter, LogGuard) {
    let shared = Arc::new(Shared {
        state: Mutex::default(),
        arrived: Condvar::new(),
        drained: Condvar::new(),
        sink: Mutex::new(sink),
    });
    let drain = Arc::clone(&shared);
    let thread = std::thread::Builder::new()
        .name("magemock-log".into())
        .spawn(move || run(&drain))
        .ok();
    if thread.is_none() {
        shared.lock().closed = true;
    }
    (
        LogWriter {
            shared: Arc::clone(&shared),
        },
        LogGuard { shared, thread },
    )
}

fn run(shared: &Shared) {
    let mut spare = Vec::new();
    loop {
        let mut state = shared.lock();
        while state.lines.is_empty() && !state.closed {
            state = shared
                .arrived
                .wait(state)
                .unwrap_or_else(|e| e.into_inner());
        }
        if state.lines.is_empty() && state.closed {
            return;
        }
        // Let the lines of the next moments join this write; closing cuts the wait short, so
        // that a stop is not held up.
        state = shared
            .arrived
            .wait_timeout_while(state, BATCH_WINDOW, |s| !s.closed)
            .map(|(state, _)| state)
            .unwrap_or_else(|e| e.into_inner().0);
        std::mem::swap(&mut state.lines, &mut spare);
        drop(state);
        shared.drained.notify_all();
        let _ = shared.write_out(&spare);
        spare.clear();
    }
}

impl Drop for LogGuard {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.arrived.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogWriter {
    type Writer = LineWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        LineWriter {
            shared: &self.shared,
        }
    }
}

/// One event's writer: the formatter hands it the whole line at once.
pub struct LineWriter<'a> {
    shared: &'a Shared,
}

impl Write for LineWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut state = self.shared.lock();
        if state.closed {
            // No log thread (any more): write in place, still under the lock so that lines
            // keep their order.
            self.shared.write_out(buf)?;
            return Ok(buf.len());
        }
        while state.lines.len() >= BUFFER_LIMIT && !state.closed {
            state = self
                .shared
                .drained
                .wait(state)
                .unwrap_or_else(|e| e.into_inner());
        }
        let first = state.lines.is_empty();
        state.lines.extend_from_slice(buf);
        drop(state);
        if first {
            self.shared.arrived.notify_one();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use tracing_subscriber::fmt::MakeWriter;

    use super::*;

    /// A sink the test can read afterwards.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("sink").extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Every line is written whole, each logger's lines in the order it logged them, and the
    /// guard writes what was still buffered; lines logged after it go straight out.
    #[test]
    fn lines_arrive_whole_in_order_and_the_guard_drains_them() {
        let sink = Sink::default();
        let (writer, guard) = start_with(Box::new(sink.clone()));
        let loggers: Vec<_> = (0..4)
            .map(|t| {
                let writer = writer.clone();
                std::thread::spawn(move || {
                    for i in 0..500 {
                        writer
                            .make_writer()
                            .write_all(format!("logger {t} line {i}\n").as_bytes())
                            .expect("write");
                    }
                })
            })
            .collect();
        for logger in loggers {
            logger.join().expect("logger");
        }
        drop(guard);
        writer
            .make_writer()
            .write_all(b"after the guard\n")
            .expect("write");
        let text = String::from_utf8(sink.0.lock().expect("sink").clone()).expect("utf-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2001);
        assert_eq!(lines.last(), Some(&"after the guard"));
        for t in 0..4 {
            let mine: Vec<&str> = lines
                .iter()
                .copied()
                .filter(|l| l.starts_with(&format!("logger {t} ")))
                .collect();
            let expected: Vec<String> = (0..500).map(|i| format!("logger {t} line {i}")).collect();
            assert_eq!(mine, expected);
        }
    }
}
