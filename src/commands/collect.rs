//! `zizhen collect STORE FILE|DIR...` and `--watch DIR`: verify result files and add them to a
//! collection ([`crate::collection`]).
//!
//! Files are verified on worker threads (verifying rescores the answers: the costly part) and
//! written by this thread, a batch of what is ready (up to [`BATCH`] files) per transaction and
//! a savepoint per file. Ctrl-C simply ends the process: the batch being written is in the store
//! whole or not at all (SQLite's transaction), and the same command again skips what is in and
//! adds the rest, so no handler is needed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use super::{Exit, emit};
use crate::cli::CollectArgs;
use crate::collection::{Added, Batch, Record, Store, add};
use crate::i18n::Strings;
use crate::model::Questionnaire;
use crate::model::diagnostic::FileError;
use crate::result;

/// What happened to the files of one run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Outcome {
    added: u64,
    duplicates: u64,
    refused: u64,
}

pub fn run(q: &Questionnaire, args: &CollectArgs, s: &Strings) -> Exit {
    let mut store = match Store::open(&args.store) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("{}", e.render(s));
            return Exit::BadInput;
        }
    };
    let mut missing = false;
    for input in &args.inputs {
        if std::fs::metadata(input).is_err() {
            missing = true;
            eprintln!(
                "{}",
                s.fmt(
                    "collect.not_found",
                    &[("file", &input.display().to_string())]
                )
            );
        }
    }
    let inputs: Vec<PathBuf> = args.inputs.iter().filter(|p| p.exists()).cloned().collect();
    let outcome = match collect_all(q, &mut store, inputs, s) {
        Ok(outcome) => outcome,
        Err(e) => {
            eprintln!("{}", e.render(s));
            return Exit::BadInput;
        }
    };
    if !args.inputs.is_empty() || args.watch.is_none() {
        summary(&store, &outcome, s);
    }
    if let Some(dir) = &args.watch {
        if !dir.is_dir() {
            eprintln!(
                "{}",
                s.fmt("collect.not_found", &[("file", &dir.display().to_string())])
            );
            return Exit::BadInput;
        }
        return watch(q, &mut store, dir, s);
    }
    if missing {
        Exit::BadInput
    } else if outcome.refused > 0 {
        Exit::Failed
    } else {
        Exit::Ok
    }
}

fn summary(store: &Store, outcome: &Outcome, s: &Strings) {
    let (results, enterprises) = store.counts().unwrap_or_default();
    let line = s.fmt(
        "collect.summary",
        &[
            ("store", &store.path().display().to_string()),
            ("added", &outcome.added.to_string()),
            ("duplicates", &outcome.duplicates.to_string()),
            ("refused", &outcome.refused.to_string()),
            ("results", &results.to_string()),
            ("enterprises", &enterprises.to_string()),
        ],
    );
    emit(&format!("{line}\n"));
}

/// Every `*.json` under `path` (itself when it is a file), in name order, handed to `send`
/// one by one (a folder of 20,000 files is never listed in memory at once beyond one folder).
fn walk(path: &Path, send: &mut dyn FnMut(PathBuf) -> bool) -> bool {
    if !path.is_dir() {
        return send(path.to_path_buf());
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return true;
    };
    let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.sort();
    for entry in names {
        let go_on = if entry.is_dir() {
            walk(&entry, send)
        } else if is_json(&entry) {
            send(entry)
        } else {
            true
        };
        if !go_on {
            return false;
        }
    }
    true
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        && !path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

type Checked = (PathBuf, Result<Record, FileError>);

/// Files written in one transaction at most.
const BATCH: u64 = 256;

/// Verifies the files under `inputs` on worker threads and adds them here, in batches.
fn collect_all(
    q: &Questionnaire,
    store: &mut Store,
    inputs: Vec<PathBuf>,
    s: &Strings,
) -> Result<Outcome, crate::collection::StoreError> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let (path_tx, path_rx) = sync_channel::<PathBuf>(64);
    let path_rx = Arc::new(Mutex::new(path_rx));
    let (done_tx, done_rx) = sync_channel::<Checked>(4 * workers);
    let mut outcome = Outcome::default();
    let mut failure = None;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut send = |p: PathBuf| path_tx.send(p).is_ok();
            for input in &inputs {
                if !walk(input, &mut send) {
                    break;
                }
            }
        });
        for _ in 0..workers {
            let paths = Arc::clone(&path_rx);
            let done: SyncSender<Checked> = done_tx.clone();
            scope.spawn(move || verify_worker(q, &paths, &done));
        }
        // Only the workers hold the file list's end: when they stop, the walker stops too.
        drop(path_rx);
        drop(done_tx);
        // One transaction per batch of whatever is ready (at most BATCH files), a savepoint
        // per file: a file is in the store whole or not at all, and the log is written once
        // per batch rather than once per file.
        while let Ok(first) = done_rx.recv() {
            let mut batch = match store.batch() {
                Ok(batch) => batch,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            };
            let mut next = Some(first);
            let (mut taken, mut added) = (0, 0);
            let mut stop = false;
            while let Some((path, checked)) = next.take() {
                match take(&mut batch, &path, checked, s, false) {
                    Ok(o) => {
                        added += o.added;
                        outcome.duplicates += o.duplicates;
                        outcome.refused += o.refused;
                    }
                    Err(e) => {
                        // The store failed (disk full, not a store): keep what was added,
                        // read no more files.
                        failure = Some(e);
                        stop = true;
                        break;
                    }
                }
                taken += 1;
                if taken < BATCH {
                    next = done_rx.try_recv().ok();
                }
            }
            match batch.commit() {
                Ok(()) => outcome.added += added,
                Err(e) => {
                    failure = Some(e);
                    stop = true;
                }
            }
            if stop {
                break;
            }
        }
        // Dropping the receiver ends the workers at their next send.
        drop(done_rx);
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(outcome),
    }
}

fn verify_worker(q: &Questionnaire, paths: &Mutex<Receiver<PathBuf>>, done: &SyncSender<Checked>) {
    let known = result::known(q);
    loop {
        let next = paths.lock().ok().and_then(|rx| rx.recv().ok());
        let Some(path) = next else { return };
        let checked = add::check(&path, &known);
        if done.send((path, checked)).is_err() {
            return;
        }
    }
}

/// Adds one checked file and says what happened: refused files always, each added or skipped
/// one when `each` (the watch).
fn take(
    batch: &mut Batch,
    path: &Path,
    checked: Result<Record, FileError>,
    s: &Strings,
    each: bool,
) -> Result<Outcome, crate::collection::StoreError> {
    let file = path.display().to_string();
    match checked {
        Err(e) => {
            emit(&format!(
                "{}\n{}",
                s.fmt("collect.refused", &[("file", &file)]),
                e.render(s)
            ));
            Ok(Outcome {
                refused: 1,
                ..Outcome::default()
            })
        }
        Ok(record) => match batch.add(&record)? {
            Added::New => {
                if each {
                    let line = s.fmt(
                        "collect.added",
                        &[
                            ("file", &file),
                            ("enterprise", record.name.as_deref().unwrap_or("-")),
                            ("level", &record.level.to_string()),
                        ],
                    );
                    emit(&format!("{line}\n"));
                }
                Ok(Outcome {
                    added: 1,
                    ..Outcome::default()
                })
            }
            Added::Duplicate => {
                if each {
                    emit(&format!(
                        "{}\n",
                        s.fmt("collect.duplicate", &[("file", &file)])
                    ));
                }
                Ok(Outcome {
                    duplicates: 1,
                    ..Outcome::default()
                })
            }
        },
    }
}

/// How often the watched folder is looked at.
const POLL: Duration = Duration::from_secs(1);

/// Collects every result file that lands in `dir` until the process is stopped. A file is
/// taken once its size and time have stayed the same for one poll (a copy still being written
/// waits), and again whenever it changes.
fn watch(q: &Questionnaire, store: &mut Store, dir: &Path, s: &Strings) -> Exit {
    let known = result::known(q);
    let line = s.fmt("collect.watching", &[("dir", &dir.display().to_string())]);
    eprintln!("{line}");
    let mut seen: HashMap<PathBuf, (u64, Option<SystemTime>)> = HashMap::new();
    let mut taken: HashMap<PathBuf, (u64, Option<SystemTime>)> = HashMap::new();
    loop {
        let mut ready = Vec::new();
        let mut look = |path: PathBuf| {
            if let Ok(meta) = std::fs::metadata(&path) {
                let stamp = (meta.len(), meta.modified().ok());
                let stable = seen.get(&path) == Some(&stamp);
                seen.insert(path.clone(), stamp);
                if stable && taken.get(&path) != Some(&stamp) {
                    ready.push((path, stamp));
                }
            }
            true
        };
        walk(dir, &mut look);
        for (path, stamp) in ready {
            let checked = add::check(&path, &known);
            let added = store.batch().and_then(|mut batch| {
                take(&mut batch, &path, checked, s, true)?;
                batch.commit()
            });
            if let Err(e) = added {
                eprintln!("{}", e.render(s));
                return Exit::BadInput;
            }
            taken.insert(path, stamp);
        }
        std::thread::sleep(POLL);
    }
}
