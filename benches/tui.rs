//! Timing of the interactive TUI as a user meets it: the release binary in a real
//! pseudo-terminal (80×24), its output parsed by a vt100 emulator. Run with
//! `cargo bench --bench tui` (cargo builds the binary in the bench profile, i.e. release).
//!
//! Targets (reported, never enforced — shared machines are noisy):
//! - time to first frame ≤ 30 ms (spawn → the main screen's header is drawn);
//! - keypress-to-redraw p99 ≤ 5 ms (key written to the pty → the parsed screen changes);
//!   a rating key also saves the answers file (atomic write + fsync) before the redraw;
//! - peak RSS ≤ 20 MB (VmHWM of the process after the latency runs).
//!
//! The start-up opens an existing assessment (`examples/demo-machinery.toml`) directly.
//! `ZIZHEN_BENCH_BIN=PATH` times another build of the program instead, e.g. the static release
//! file of `scripts/dist.sh`, to hold it against the dynamic release build.
//! Without `--bench` (e.g. `cargo test --benches`) it does a short smoke run.

#[path = "../tests/pty_harness/mod.rs"]
mod pty_harness;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use pty_harness::{Pty, RIGHT, TIMEOUT, env};

const BUILT: &str = env!("CARGO_BIN_EXE_zizhen");

/// The program timed: the bench's own build, or `ZIZHEN_BENCH_BIN`.
fn bin() -> String {
    std::env::var("ZIZHEN_BENCH_BIN").unwrap_or_else(|_| BUILT.to_string())
}
const HEADER: &str = "zizhen 自诊 ·";

struct Setup {
    _root: tempfile::TempDir,
    env: Vec<(String, String)>,
}

/// A data directory holding the demo assessment, remembered as the last one opened.
fn setup() -> Setup {
    let root = tempfile::tempdir().expect("temp dir");
    let data = root.path().join("data");
    let config = root.path().join("config");
    let assessments = data.join("assessments");
    fs::create_dir_all(&assessments).expect("create the data dir");
    fs::create_dir_all(&config).expect("create the config dir");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo-machinery.toml");
    fs::copy(&demo, assessments.join("demo.toml")).expect("copy the demo assessment");
    fs::write(data.join("state.toml"), "last = \"demo\"\n").expect("write state.toml");
    Setup {
        env: env(&data, &config, "en_US.UTF-8"),
        _root: root,
    }
}

fn spawn(setup: &Setup) -> Pty {
    Pty::spawn(&bin(), (80, 24), &setup.env)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The value at `p` percent of sorted samples (nearest rank).
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn verdict(ok: bool) -> &'static str {
    if ok { "meets" } else { "MISSES" }
}

fn quit(mut t: Pty) {
    t.send("q");
    let code = t.wait_exit();
    assert_eq!(code, 0, "q exits with 0");
}

/// Spawn → the header drawn, and → the whole first frame drawn.
fn first_frames(setup: &Setup, runs: usize) -> (Vec<Duration>, Vec<Duration>) {
    let (mut header, mut whole) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let start = Instant::now();
        let t = spawn(setup);
        let drawn = |s: &vt100::Screen| s.contents().contains(HEADER);
        let seen = t.wait_screen(drawn, TIMEOUT);
        let done = t.wait_frame(drawn, TIMEOUT);
        match (seen, done) {
            (Ok(seen), Ok(done)) => {
                header.push(seen - start);
                whole.push(done - start);
            }
            (Err(screen), _) | (_, Err(screen)) => {
                panic!("no main screen within {TIMEOUT:?}:\n{screen}")
            }
        }
        quit(t);
    }
    (header, whole)
}

/// Sends `key` and times until the screen (with attributes) first changes and until the frame
/// that changed it is complete.
fn time_key(t: &mut Pty, key: &str) -> (Duration, Duration) {
    let before = t.formatted();
    let changed = |s: &vt100::Screen| s.contents_formatted() != before;
    let start = Instant::now();
    t.send(key);
    let seen = t.wait_screen(changed, TIMEOUT);
    let done = t.wait_frame(changed, TIMEOUT);
    match (seen, done) {
        (Ok(seen), Ok(done)) => (seen - start, done - start),
        (Err(screen), _) | (_, Err(screen)) => {
            panic!("{key:?} changed nothing within {TIMEOUT:?}:\n{screen}")
        }
    }
}

#[derive(Default)]
struct Latencies {
    first_change: Vec<Duration>,
    frame: Vec<Duration>,
}

impl Latencies {
    fn push(&mut self, (change, frame): (Duration, Duration)) {
        self.first_change.push(change);
        self.frame.push(frame);
    }
}

struct Run {
    moves: Latencies,
    ratings: Latencies,
    peak_rss_kb: Option<u64>,
    rss_kb: Option<u64>,
}

/// In the first sub-domain's requirement list: j/k moves, then ratings 1 and 4 on one
/// requirement (each rating moves the cursor on; an untimed k brings it back).
fn latencies(setup: &Setup, samples: usize) -> Run {
    let mut t = spawn(setup);
    t.wait_for("the main screen", |s| s.contains(HEADER));
    time_key(&mut t, RIGHT);
    let mut moves = Latencies::default();
    for i in 0..samples {
        moves.push(time_key(&mut t, if i % 2 == 0 { "j" } else { "k" }));
    }
    let mut ratings = Latencies::default();
    for i in 0..samples {
        ratings.push(time_key(&mut t, if i % 2 == 0 { "1" } else { "4" }));
        time_key(&mut t, "k");
    }
    let status = fs::read_to_string(format!("/proc/{}/status", t.pid())).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
    };
    let run = Run {
        moves,
        ratings,
        peak_rss_kb: field("VmHWM:"),
        rss_kb: field("VmRSS:"),
    };
    quit(t);
    run
}

fn report_keys(what: &str, lat: &Latencies, target: Duration) {
    let mut change = lat.first_change.clone();
    let mut frame = lat.frame.clone();
    change.sort();
    frame.sort();
    let p99 = percentile(&change, 99.0);
    println!(
        "  {what:<34} p50 {:6.2} ms   p99 {:6.2} ms   max {:6.2} ms   [target p99 ≤ {} ms: {}]",
        ms(percentile(&change, 50.0)),
        ms(p99),
        ms(*change.last().unwrap()),
        target.as_millis(),
        verdict(p99 <= target),
    );
    println!(
        "  {:<34} p50 {:6.2} ms   p99 {:6.2} ms   max {:6.2} ms",
        "  … until the whole frame is drawn",
        ms(percentile(&frame, 50.0)),
        ms(percentile(&frame, 99.0)),
        ms(*frame.last().unwrap()),
    );
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (runs, samples) = if full { (20, 300) } else { (2, 10) };
    let setup = setup();

    let (mut header, mut whole) = first_frames(&setup, runs);
    header.sort();
    whole.sort();
    let run = latencies(&setup, samples);

    let first_target = Duration::from_millis(30);
    let key_target = Duration::from_millis(5);
    let rss_target_mb = 20.0;
    println!();
    println!("zizhen TUI in an 80×24 pty, demo assessment ({})", bin());
    if !full {
        println!("(smoke run: pass --bench, as `cargo bench --bench tui` does, for the full run)");
    }
    println!("time to first frame (spawn → header drawn), {runs} runs:");
    println!(
        "  {:<34} median {:6.2} ms   max {:6.2} ms   [target ≤ {} ms: {}]",
        "header",
        ms(percentile(&header, 50.0)),
        ms(*header.last().unwrap()),
        first_target.as_millis(),
        verdict(percentile(&header, 50.0) <= first_target),
    );
    println!(
        "  {:<34} median {:6.2} ms   max {:6.2} ms",
        "  … whole first frame",
        ms(percentile(&whole, 50.0)),
        ms(*whole.last().unwrap()),
    );
    println!("keypress → screen changes, {samples} samples each:");
    report_keys("move (j/k)", &run.moves, key_target);
    report_keys("rate (1/4; saves with fsync)", &run.ratings, key_target);
    let mb = |kb: Option<u64>| kb.map(|kb| kb as f64 / 1024.0);
    match mb(run.peak_rss_kb) {
        Some(peak) => println!(
            "peak RSS (VmHWM) after the key runs: {peak:.1} MB (VmRSS {:.1} MB)   [target ≤ {rss_target_mb} MB: {}]",
            mb(run.rss_kb).unwrap_or(0.0),
            verdict(peak <= rss_target_mb),
        ),
        None => println!("peak RSS: /proc/<pid>/status not readable here"),
    }
}
