//! Server processes under test: the real `magemock` binary and the floor (this binary's hidden
//! `__floor` subcommand), started on 127.0.0.1 port 0, read from `/proc`, stopped by signal.

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// How much of a server's stderr is kept for error messages.
const STDERR_TAIL: usize = 4096;

/// What to start.
#[derive(Debug, Clone)]
pub enum Kind {
    /// The real binary with these extra arguments (after `--host 127.0.0.1 --port 0`).
    Magemock { binary: PathBuf, args: Vec<String> },
    /// The bare actix-web server of [`crate::floor`].
    Floor { binary: PathBuf },
    /// The real binary, default arguments, run by a tool (`valgrind --tool=callgrind ...`).
    Under { tool: Vec<String>, binary: PathBuf },
}

impl Kind {
    fn command(&self) -> Command {
        match self {
            Kind::Magemock { binary, args } => {
                let mut cmd = Command::new(binary);
                cmd.args(["--host", "127.0.0.1", "--port", "0"]).args(args);
                cmd
            }
            Kind::Floor { binary } => {
                let mut cmd = Command::new(binary);
                cmd.arg("__floor");
                cmd
            }
            Kind::Under { tool, binary } => {
                let (program, tool_args) = tool
                    .split_first()
                    .map_or(("", &[][..]), |(p, a)| (p.as_str(), a));
                let mut cmd = Command::new(program);
                cmd.args(tool_args)
                    .arg(binary)
                    .args(["--host", "127.0.0.1", "--port", "0"]);
                cmd
            }
        }
    }
}

/// A started server; killed on drop if still running.
pub struct Server {
    child: Option<Child>,
    pub pid: u32,
    pub addr: SocketAddr,
    pub spawned_at: Instant,
    pub ready_at: Instant,
}

/// Starts `kind` and waits (at most `timeout`) for its `... listening on http://ADDR` line.
/// The server's stderr (magemock's request log) goes to `log`, or nowhere.
pub fn start(kind: &Kind, log: Option<&Path>, timeout: Duration) -> Result<Server, String> {
    let mut cmd = kind.command();
    cmd.stdin(Stdio::null()).stdout(Stdio::piped());
    match log {
        Some(path) => {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
            cmd.stderr(file);
        }
        None => {
            // Read as a test runner would, keeping only the tail for error messages.
            cmd.stderr(Stdio::piped());
        }
    }
    let spawned_at = Instant::now();
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    let pid = child.id();
    let stdout = child
        .stdout
        .take()
        .ok_or("the server's stdout was not captured")?;
    let tail = Arc::new(Mutex::new(Vec::<u8>::new()));
    if let Some(mut stderr) = child.stderr.take() {
        let tail = Arc::clone(&tail);
        std::thread::spawn(move || {
            let mut chunk = vec![0u8; 64 * 1024];
            // Ends when the server closes stderr (at exit).
            while let Ok(n) = stderr.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                let mut t = tail.lock().unwrap_or_else(|e| e.into_inner());
                t.extend_from_slice(&chunk[..n]);
                if t.len() > STDERR_TAIL {
                    let cut = t.len() - STDERR_TAIL;
                    t.drain(..cut);
                }
            }
        });
    }
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        let mut sent = false;
        // Reads until the server closes stdout, so that it never blocks on a full pipe.
        while let Some(Ok(line)) = lines.next() {
            if !sent && line.contains(" listening on http://") {
                let _ = tx.send((Instant::now(), line));
                sent = true;
            }
        }
    });
    let mut server = Server {
        child: Some(child),
        pid,
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        spawned_at,
        ready_at: spawned_at,
    };
    let (ready_at, line) = match rx.recv_timeout(timeout) {
        Ok(ready) => ready,
        Err(e) => {
            let program = kind.command().get_program().to_string_lossy().into_owned();
            let why = match e {
                mpsc::RecvTimeoutError::Timeout => {
                    format!("printed no ready line within {timeout:?}")
                }
                mpsc::RecvTimeoutError::Disconnected => {
                    let status = server
                        .child
                        .as_mut()
                        .and_then(|c| c.wait().ok())
                        .map_or_else(|| "?".to_string(), |s| s.to_string());
                    format!("exited ({status}) without a ready line")
                }
            };
            drop(server);
            let tail = tail.lock().unwrap_or_else(|e| e.into_inner());
            return Err(format!(
                "{program} {why}; its stderr ends with:\n{}",
                String::from_utf8_lossy(&tail)
            ));
        }
    };
    let url = line
        .split(" listening on http://")
        .nth(1)
        .unwrap_or_default()
        .trim_end_matches('/');
    server.addr = url
        .parse()
        .map_err(|e| format!("ready line {line:?}: bad address ({e})"))?;
    server.ready_at = ready_at;
    Ok(server)
}

impl Server {
    /// Sends SIGTERM and waits (at most 10 s, then SIGKILL) for the exit; returns its instant.
    pub fn terminate(self) -> Result<Instant, String> {
        self.terminate_detailed().map(|(at, _)| at)
    }

    /// As [`Server::terminate`], also telling whether the process exited by itself (status 0)
    /// rather than being killed by the signal's default action (no handler installed yet).
    pub fn terminate_detailed(mut self) -> Result<(Instant, bool), String> {
        let Some(mut child) = self.child.take() else {
            return Err("already stopped".into());
        };
        let (tx, rx) = mpsc::channel();
        let pid = self.pid;
        std::thread::spawn(move || {
            let status = child.wait();
            let _ = tx.send((Instant::now(), status));
        });
        signal(pid, Signal::SIGTERM)?;
        match rx.recv_timeout(Duration::from_secs(10)) {
            Ok((at, Ok(status))) if status.success() => Ok((at, true)),
            Ok((at, Ok(status))) if status.signal() == Some(Signal::SIGTERM as i32) => {
                Ok((at, false))
            }
            Ok((_, Ok(status))) => Err(format!("server exited with {status} on SIGTERM")),
            Ok((_, Err(e))) => Err(format!("wait: {e}")),
            Err(_) => {
                let _ = signal(pid, Signal::SIGKILL);
                Err("server did not exit within 10 s of SIGTERM".into())
            }
        }
    }

    /// user + system CPU time of the whole process (every thread) so far.
    pub fn cpu(&self) -> Result<Duration, String> {
        cpu_time(self.pid)
    }

    /// VmRSS in bytes.
    pub fn rss(&self) -> Result<u64, String> {
        rss_bytes(self.pid)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn signal(pid: u32, sig: Signal) -> Result<(), String> {
    let pid = i32::try_from(pid).map_err(|_| format!("pid {pid} out of range"))?;
    kill(Pid::from_raw(pid), sig).map_err(|e| format!("kill {pid} {sig}: {e}"))
}

/// Clock ticks per second for `/proc/<pid>/stat` times.
fn clock_ticks() -> u64 {
    use nix::unistd::{SysconfVar, sysconf};
    match sysconf(SysconfVar::CLK_TCK) {
        Ok(Some(t)) if t > 0 => u64::try_from(t).unwrap_or(100),
        _ => 100,
    }
}

/// utime + stime from `/proc/<pid>/stat` (fields 14 and 15).
pub fn cpu_time(pid: u32) -> Result<Duration, String> {
    let path = format!("/proc/{pid}/stat");
    let stat = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    // The command name may hold spaces and parentheses; fields restart after the last ')'.
    let rest = stat
        .rsplit_once(')')
        .map(|(_, r)| r)
        .ok_or_else(|| format!("{path}: unexpected format"))?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| -> Result<u64, String> {
        fields
            .get(i)
            .and_then(|f| f.parse().ok())
            .ok_or_else(|| format!("{path}: field {} missing", i + 3))
    };
    // After ')': index 0 is field 3 (state), so utime (14) is 11 and stime (15) is 12.
    let ticks = field(11)? + field(12)?;
    let tck = clock_ticks();
    Ok(Duration::from_micros(ticks * 1_000_000 / tck))
}

/// VmRSS from `/proc/<pid>/status`, in bytes.
pub fn rss_bytes(pid: u32) -> Result<u64, String> {
    let path = format!("/proc/{pid}/status");
    let status = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .ok_or_else(|| format!("{path}: no VmRSS"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_its_own_process() {
        let me = std::process::id();
        assert!(super::rss_bytes(me).is_ok_and(|b| b > 0));
        assert!(super::cpu_time(me).is_ok());
    }
}
