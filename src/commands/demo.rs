//! `zizhen demo --population N --seed S --out DIR`: N made-up result files whose make-up follows
//! the 2021 national report (the draws are in [`crate::model::population`]), written the way
//! `zizhen export` writes one, into a new or empty folder.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Exit, write_failed};
use crate::cli::DemoArgs;
use crate::i18n::Strings;
use crate::model::Questionnaire;
use crate::model::national;
use crate::model::population::{Enterprise, Mix, Spec};
use crate::result;

pub fn run(q: &Questionnaire, args: &DemoArgs, s: &Strings) -> Exit {
    if let Err(message) = check_folder(&args.out, s) {
        eprintln!("{message}");
        return Exit::BadInput;
    }
    if let Err(e) = fs::create_dir_all(&args.out) {
        return write_failed(&args.out, e, s);
    }
    let started = Instant::now();
    let mix = Mix::new(national::get());
    let spec = Spec {
        seed: args.seed,
        years: args.years,
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut levels = [0u32; 6];
    let mut smes = 0u32;
    let mut stems = HashSet::new();
    // In chunks, so memory stays small: the enterprises of a chunk are drawn and written on
    // every core; their names are made unique in order, so the files do not depend on cores.
    let total = u64::from(args.population);
    let mut start = 0;
    while start < total {
        let end = (start + CHUNK).min(total);
        let enterprises = parallel(threads, (start..end).collect(), |index| {
            mix.enterprise(q, &spec, index)
        });
        let named: Vec<(String, Enterprise)> = enterprises
            .into_iter()
            .map(|e| (unique_stem(&mut stems, &file_stem(&e.answers)), e))
            .collect();
        let written = parallel(threads, named, |(stem, enterprise)| {
            let file = result::build(q, &enterprise.answers, Some(&stem));
            let path = args.out.join(format!("{stem}.json"));
            write_new(&path, &result::to_bytes(&file))
                .map(|()| (file.score.level, enterprise.answers.profile.is_sme()))
                .map_err(|e| (path, e))
        });
        for outcome in written {
            match outcome {
                Ok((level, sme)) => {
                    levels[usize::from(level)] += 1;
                    smes += u32::from(sme == Some(true));
                }
                Err((path, e)) => return write_failed(&path, e, s),
            }
        }
        start = end;
    }
    let seconds = format!("{:.1}", started.elapsed().as_secs_f64());
    let levels: Vec<String> = levels.iter().map(ToString::to_string).collect();
    let sme = format!(
        "{:.1}",
        f64::from(smes) * 100.0 / f64::from(args.population)
    );
    eprintln!(
        "{}",
        s.fmt(
            "demo.wrote",
            &[
                ("count", &args.population.to_string()),
                ("dir", &args.out.display().to_string()),
                ("seconds", &seconds),
                ("seed", &args.seed.to_string()),
                ("levels", &levels.join(" / ")),
                ("sme", &sme),
            ],
        )
    );
    Exit::Ok
}

/// Enterprises drawn and written per round.
const CHUNK: u64 = 1024;

/// `work` applied to every item on up to `threads` threads; the results in the items' order.
fn parallel<T: Send, R: Send>(
    threads: usize,
    items: Vec<T>,
    work: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let per_thread = items.len().div_ceil(threads.max(1)).max(1);
    let mut chunks: Vec<Vec<T>> = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        chunks.push(items.by_ref().take(per_thread).collect());
    }
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| scope.spawn(move || chunk.into_iter().map(work).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// The folder must be new or empty, so generated files never mix with a user's own.
fn check_folder(dir: &Path, s: &Strings) -> Result<(), String> {
    let display = dir.display().to_string();
    match fs::metadata(dir) {
        Err(_) => Ok(()),
        Ok(meta) if !meta.is_dir() => Err(s.fmt("demo.not_a_folder", &[("dir", &display)])),
        Ok(_) => match fs::read_dir(dir).map(|mut entries| entries.next().is_none()) {
            Ok(true) => Ok(()),
            Ok(_) => {
                let example = sibling(dir).display().to_string();
                Err(s.fmt(
                    "demo.not_empty",
                    &[("dir", &display), ("example", &example)],
                ))
            }
            Err(e) => Err(s.fmt(
                "demo.unreadable",
                &[("dir", &display), ("error", &e.to_string())],
            )),
        },
    }
}

/// A new folder next to `dir` to suggest.
fn sibling(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "population".into());
    dir.with_file_name(format!("{name}-new"))
}

/// The enterprise and the day, as the TUI suggests an export's name.
fn file_stem(answers: &crate::model::Answers) -> String {
    let name = answers.profile.name.as_deref().unwrap_or("enterprise");
    let day = answers
        .meta
        .updated
        .as_deref()
        .and_then(|t| t.get(..10))
        .unwrap_or("");
    format!("{name} {day}").trim().replace(['/', '\\'], "-")
}

/// `stem`, or `stem-2`, `stem-3`, … when an earlier enterprise has the same name and day.
fn unique_stem(taken: &mut HashSet<String>, stem: &str) -> String {
    let mut n = 1;
    loop {
        let candidate = match n {
            1 => stem.to_string(),
            n => format!("{stem}-{n}"),
        };
        if taken.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

/// Writes a file that must not exist yet (the folder was new or empty): nothing of the user's
/// can be overwritten, so no backup is needed. Not synced one by one: demo data that a crash
/// cuts short is made again with the same seed, and 20,000 syncs would take minutes.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = fs::File::create_new(path)?;
    file.write_all(bytes)
}
