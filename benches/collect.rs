//! The receiving side at the scale of the national report (issue 11, item 7): `zizhen collect`
//! of N result files (target ≥ 1,000 files/s on 2 cores), `zizhen index` over them (target
//! ≤ 2 s for 20,000 enterprises), peak memory of both (target: independent of N), and DuckDB
//! (the Python package) computing the same level distribution straight from the same JSON files.
//!
//! Run: `cargo bench --bench collect` (N = 20,000), or `ZIZHEN_BENCH_N=2000 cargo bench --bench
//! collect`. The files are generated once into target/bench-collect/N and reused. Peak memory
//! comes from `/usr/bin/time -v` when it is there. Not a timed test: the figures are printed.

#[path = "support/population.rs"]
mod population;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use zizhen::model::Questionnaire;

/// Generates `n` files into `dir` on two threads (skipped when they are already there).
fn generate(dir: &Path, n: u64) {
    let have = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).count() as u64)
        .unwrap_or(0);
    if have == n {
        return;
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("make the folder");
    let started = Instant::now();
    std::thread::scope(|scope| {
        for part in 0..2u64 {
            scope.spawn(move || {
                let q = Questionnaire::embedded();
                let mut rng = population::Rng::new(1000 + part);
                for i in (part..n).step_by(2) {
                    let a = population::random_answers(&q, &mut rng, i);
                    population::write(&q, &a, &dir.join(format!("r{i:06}.json")));
                }
            });
        }
    });
    eprintln!("generated {n} result files in {:.1?}", started.elapsed());
}

/// What one run took.
struct Run {
    wall: Duration,
    /// Peak RSS in KB (from `/usr/bin/time -v`, when present).
    rss: Option<u64>,
    /// User + system CPU seconds (likewise).
    cpu: Option<f64>,
}

/// Runs `args`, under `/usr/bin/time -v` when present.
fn measure(args: &[&str]) -> Run {
    let bin = env!("CARGO_BIN_EXE_zizhen");
    let timed = Path::new("/usr/bin/time").exists();
    let mut cmd = if timed {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-v").arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(args).stdout(std::process::Stdio::null());
    let started = Instant::now();
    let out = cmd.output().expect("run zizhen");
    let wall = started.elapsed();
    assert!(
        out.status.success(),
        "zizhen {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let field = |name: &str| -> Option<f64> {
        stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
    };
    let cpu = match (
        field("User time (seconds): "),
        field("System time (seconds): "),
    ) {
        (Some(u), Some(s)) => Some(u + s),
        _ => None,
    };
    Run {
        wall,
        rss: field("Maximum resident set size (kbytes): ").map(|k| k as u64),
        cpu,
    }
}

/// DuckDB's level distribution over the JSON files; `None` when duckdb is not installed.
fn duckdb(dir: &Path) -> Option<(Duration, String)> {
    let script = format!(
        "import duckdb, time\n\
         con = duckdb.connect()\n\
         con.execute('SET enable_progress_bar = false')\n\
         t = time.perf_counter()\n\
         rows = con.sql(\"SELECT score.level AS level, count(*) FROM read_json_auto('{}/*.json', maximum_object_size=16777216) GROUP BY level ORDER BY level\").fetchall()\n\
         print(time.perf_counter() - t)\n\
         print(rows)\n",
        dir.display()
    );
    let out = Command::new("python3")
        .args(["-c", &script])
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("duckdb: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut lines = text.lines();
    let seconds: f64 = lines.next()?.trim().parse().ok()?;
    Some((Duration::from_secs_f64(seconds), lines.next()?.to_string()))
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this too: keep that quick.
    let testing = !std::env::args().any(|a| a == "--bench");
    let n: u64 = std::env::var("ZIZHEN_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if testing { 50 } else { 20_000 });
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-collect");
    let dir = root.join(n.to_string());
    generate(&dir, n);
    let store = root.join(format!("{n}.zizhen"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", store.display()));
    }
    let (s, d) = (store.to_str().unwrap(), dir.to_str().unwrap());
    let collect = measure(&["--lang", "en", "collect", s, d]);
    let index = measure(&["--lang", "en", "index", s, "--format", "json"]);
    let html = measure(&["--lang", "en", "index", s, "--format", "html"]);
    let kb = |v: Option<u64>| v.map(|k| format!("{k} KB")).unwrap_or_else(|| "-".into());
    let cpu = |v: Option<f64>| v.map(|c| format!("{c:.2} s")).unwrap_or_else(|| "-".into());
    let per_cpu = collect
        .cpu
        .map(|c| format!("{:.0}", n as f64 / c))
        .unwrap_or_else(|| "-".into());
    println!("N = {n} result files");
    println!(
        "collect: {:.2} s = {:.0} files/s (CPU {}: {per_cpu} files per CPU-second), peak RSS {}",
        collect.wall.as_secs_f64(),
        n as f64 / collect.wall.as_secs_f64(),
        cpu(collect.cpu),
        kb(collect.rss)
    );
    println!(
        "index (json): {:.3} s (CPU {}), peak RSS {}; index (html): {:.3} s",
        index.wall.as_secs_f64(),
        cpu(index.cpu),
        kb(index.rss),
        html.wall.as_secs_f64()
    );
    let (collect, index) = (collect.wall, index.wall);
    match duckdb(&dir) {
        Some((t, rows)) => println!(
            "duckdb level distribution from the JSON files: {:.3} s {rows}; duckdb / zizhen index = {:.1}; duckdb / (collect + index) = {:.2}",
            t.as_secs_f64(),
            t.as_secs_f64() / index.as_secs_f64(),
            t.as_secs_f64() / (collect + index).as_secs_f64()
        ),
        None => println!("duckdb: not installed (pip install duckdb)"),
    }
}
