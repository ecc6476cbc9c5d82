//! Runs zizhen in a real pseudo-terminal and reads its screen through a vt100 parser.
//! Shared by `tests/pty.rs` and `benches/tui.rs` (a `#[path]` module there; not a test target).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const UP: &str = "\x1b[A";
pub const DOWN: &str = "\x1b[B";
pub const RIGHT: &str = "\x1b[C";
pub const LEFT: &str = "\x1b[D";
pub const TAB: &str = "\t";
pub const F12: &str = "\x1b[24~";
pub const CTRL_C: &str = "\x03";

/// How long the waits wait before failing.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// Waits look at the screen whenever output arrives, and at least this often.
const POLL: Duration = Duration::from_millis(5);

/// The program's environment: data and config in the given directories, nothing inherited
/// but PATH.
pub fn env(data: &Path, config: &Path, lang: &str) -> Vec<(String, String)> {
    let path = |p: &Path| p.display().to_string();
    vec![
        ("ZIZHEN_DATA_DIR".into(), path(data)),
        ("ZIZHEN_CONFIG_DIR".into(), path(config)),
        ("HOME".into(), path(data.parent().unwrap_or(data))),
        ("LANG".into(), lang.into()),
        ("LC_ALL".into(), lang.into()),
        ("TERM".into(), "xterm-256color".into()),
        ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
    ]
}

/// What the reader thread keeps up to date.
struct Term {
    parser: vt100::Parser,
    /// Every byte the program wrote.
    output: Vec<u8>,
    /// The program closed the terminal (exited).
    eof: bool,
    /// Where the last frame's end was seen in `output`, and how far `output` was searched.
    frame_end: Option<usize>,
    searched: usize,
}

/// Each frame ratatui draws ends with hiding the cursor, or showing it and moving it there.
const FRAME_ENDS: [&[u8]; 2] = [b"\x1b[?25l", b"\x1b[?25h"];

impl Term {
    fn take(&mut self, bytes: &[u8]) {
        self.parser.process(bytes);
        self.output.extend_from_slice(bytes);
        let from = self.searched.saturating_sub(FRAME_ENDS[0].len() - 1);
        let found = (from..self.output.len()).rev().find_map(|i| {
            FRAME_ENDS
                .iter()
                .find(|end| self.output[i..].starts_with(end))
                .map(|end| i + end.len())
        });
        if found.is_some() {
            self.frame_end = found;
        }
        self.searched = self.output.len();
    }

    /// Whether the output ends with a whole frame: nothing after the last frame's end but,
    /// perhaps, the cursor's move.
    fn settled(&self) -> bool {
        let Some(end) = self.frame_end else {
            return false;
        };
        let tail = &self.output[end..];
        tail.is_empty()
            || (tail.starts_with(b"\x1b[")
                && tail.ends_with(b"H")
                && tail[2..tail.len() - 1]
                    .iter()
                    .all(|b| b.is_ascii_digit() || *b == b';'))
    }
}

type Shared = Arc<(Mutex<Term>, Condvar)>;

pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    term: Shared,
    /// The pty's modes (termios) before the program started, as text.
    initial_modes: String,
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("terminal size must not be zero")
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Pty {
    /// Starts `program` in a new pty of `cols`×`rows` with exactly the environment `env`.
    pub fn spawn(program: &str, cols_rows: (u16, u16), env: &[(String, String)]) -> Pty {
        Pty::spawn_args(program, &[], cols_rows, env)
    }

    /// Starts `program` with arguments `args`, as [`Pty::spawn`].
    pub fn spawn_args(
        program: &str,
        args: &[&str],
        (cols, rows): (u16, u16),
        env: &[(String, String)],
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pty");
        let initial_modes = format!("{:?}", pair.master.get_termios());
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.cwd(std::env::temp_dir());
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        drop(pair.slave); // so the reader sees the end once the program exits
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let term: Shared = Arc::new((
            Mutex::new(Term {
                parser: vt100::Parser::new(nz(rows), nz(cols), 0),
                output: Vec::new(),
                eof: false,
                frame_end: None,
                searched: 0,
            }),
            Condvar::new(),
        ));
        let shared = term.clone();
        thread::spawn(move || {
            let mut buf = [0u8; 16384];
            loop {
                let read = reader.read(&mut buf);
                let (lock, changed) = &*shared;
                let mut term = lock.lock().unwrap();
                match read {
                    Ok(n) if n > 0 => {
                        term.take(&buf[..n]);
                        changed.notify_all();
                    }
                    _ => {
                        term.eof = true;
                        changed.notify_all();
                        break;
                    }
                }
            }
        });
        Pty {
            master: pair.master,
            writer,
            child,
            term,
            initial_modes,
        }
    }

    /// Whether the terminal modes (termios: raw mode, echo …) are as before the program started.
    pub fn modes_restored(&self) -> bool {
        format!("{:?}", self.master.get_termios()) == self.initial_modes
    }

    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Runs `f` on the current screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.term.0.lock().unwrap().parser.screen())
    }

    /// The screen as text, rows separated by newlines.
    pub fn screen(&self) -> String {
        self.with_screen(|s| s.contents())
    }

    /// The screen with its attributes (colours, reverse video …), to notice any change.
    pub fn formatted(&self) -> String {
        self.with_screen(|s| s.contents_formatted())
    }

    pub fn alternate_screen(&self) -> bool {
        self.with_screen(|s| s.alternate_screen())
    }

    /// Everything the program wrote so far, lossily decoded.
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.term.0.lock().unwrap().output).into_owned()
    }

    /// Waits until `cond` holds for the screen, looking at it after every piece of output;
    /// `Ok` with the moment it first held, `Err(screen text)` after `timeout`.
    pub fn wait_screen(
        &self,
        cond: impl Fn(&vt100::Screen) -> bool,
        timeout: Duration,
    ) -> Result<Instant, String> {
        self.wait_term(|t| cond(t.parser.screen()), timeout)
    }

    /// `wait_screen`, once the frame that made `cond` true is drawn to its end.
    pub fn wait_frame(
        &self,
        cond: impl Fn(&vt100::Screen) -> bool,
        timeout: Duration,
    ) -> Result<Instant, String> {
        self.wait_term(|t| t.settled() && cond(t.parser.screen()), timeout)
    }

    fn wait_term(
        &self,
        cond: impl Fn(&Term) -> bool,
        timeout: Duration,
    ) -> Result<Instant, String> {
        let start = Instant::now();
        let (lock, changed) = &*self.term;
        let mut term = lock.lock().unwrap();
        loop {
            if cond(&term) {
                return Ok(Instant::now());
            }
            let left = timeout.saturating_sub(start.elapsed());
            if left.is_zero() {
                return Err(term.parser.screen().contents());
            }
            term = changed.wait_timeout(term, left.min(POLL)).unwrap().0;
        }
    }

    /// Waits until a whole frame is drawn whose text satisfies `cond`; returns the text. Fails
    /// after TIMEOUT, showing the screen.
    pub fn wait_for(&self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        match self.wait_frame(|s| cond(&s.contents()), TIMEOUT) {
            Ok(_) => self.screen(),
            Err(screen) => panic!("timed out waiting for {what}; screen:\n{screen}\n---"),
        }
    }

    /// `wait_for` a piece of text.
    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Waits until the screen, attributes included, differs from `before` (from `formatted`)
    /// and the frame that changed it is complete.
    pub fn wait_changed(&self, what: &str, before: &str) {
        if let Err(screen) = self.wait_frame(|s| s.contents_formatted() != before, TIMEOUT) {
            panic!("timed out waiting for {what}; screen:\n{screen}\n---");
        }
    }

    /// Resizes the pty (the program gets SIGWINCH) and the parser.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.term
            .0
            .lock()
            .unwrap()
            .parser
            .set_size(nz(rows), nz(cols));
        self.master.resize(size(cols, rows)).expect("resize pty");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Waits for the program to exit and for its last output; its exit code (1 when killed by
    /// a signal). Fails after TIMEOUT.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                panic!("the program did not exit; screen:\n{}\n---", self.screen());
            }
            thread::sleep(POLL);
        };
        // The reader sees the end once the last output is read.
        let (lock, changed) = &*self.term;
        let term = lock.lock().unwrap();
        let (term, _) = changed
            .wait_timeout_while(term, TIMEOUT, |t| !t.eof)
            .unwrap();
        assert!(term.eof, "the pty stayed open after the program exited");
        status.exit_code()
    }

    /// SIGKILL: no chance to clean up (portable-pty's own `kill` starts with SIGHUP).
    pub fn kill9(&mut self) {
        let status = std::process::Command::new("kill")
            .args(["-KILL", &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -KILL failed");
        self.wait_exit();
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &self.pid().to_string()])
                .status();
            let _ = self.child.wait();
        }
    }
}
