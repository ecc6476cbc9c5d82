//! `export`, `verify` and `import`: result files out of and into zizhen.

use std::path::{Path, PathBuf};

use super::{Exit, emit, fail, write_output};
use crate::cli::{ExportArgs, ImportArgs};
use crate::i18n::Strings;
use crate::model::{Answers, Questionnaire};
use crate::report;
use crate::result;
use crate::storage::{Dirs, Store};

/// An assessment named on the command line: an answers file, else a saved assessment.
pub fn resolve(spec: &str, q: &Questionnaire, s: &Strings) -> Result<(Answers, String), String> {
    let path = Path::new(spec);
    // Anything at that path is read as a file (a pipe or a folder is refused with its own
    // message); only a name that is nothing on disk is looked up as a saved assessment.
    if std::fs::metadata(path).is_ok() {
        let (answers, migrated) = Answers::load_reporting(path, q).map_err(|e| e.render(s))?;
        if let Some(m) = migrated {
            eprint!("{}", report::migration::warning(&m, spec, s));
        }
        let name = path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Ok((answers, name));
    }
    let store = saved_assessments().map_err(|e| e.render(s))?;
    if !store.exists(spec) {
        return Err(s.fmt(
            "results.not_found",
            &[("name", spec), ("dir", &store.dir().display().to_string())],
        ));
    }
    store
        .load(spec, q)
        .map(|answers| (answers, spec.to_string()))
        .map_err(|failure| failure.error.render(s))
}

/// The answers behind an ASSESSMENT of `score` and `report`: a result file (`.json`, verified
/// first), else as [`resolve`] finds it (an answers file or a saved assessment).
pub fn answers_of(spec: &str, q: &Questionnaire, s: &Strings) -> Result<Answers, String> {
    let path = Path::new(spec);
    let is_result = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_result {
        return result::load(path)
            .and_then(|file| result::verify_answers(path, file, &result::known(q)))
            .map(|verified| verified.answers)
            .map_err(|e| e.render(s));
    }
    resolve(spec, q, s).map(|(answers, _)| answers)
}

fn saved_assessments() -> Result<Store, crate::storage::StoreError> {
    Store::open(Dirs::from_env()?.assessments_dir())
}

pub fn export(q: &Questionnaire, args: &ExportArgs, s: &Strings) -> Exit {
    let (answers, name) = match resolve(&args.assessment, q, s) {
        Ok(found) => found,
        Err(message) => {
            eprint!("{message}");
            return Exit::BadInput;
        }
    };
    let file = result::build(q, &answers, Some(&name));
    let bytes = result::to_bytes(&file);
    match &args.output {
        None => emit(&String::from_utf8_lossy(&bytes)),
        Some(path) => match write_output(path, &bytes, "result.json", s) {
            Ok(()) => {
                let level = file.score.level.to_string();
                let line = s.fmt(
                    "results.exported",
                    &[
                        ("file", &path.display().to_string()),
                        ("level", &level),
                        ("digest", &file.digest),
                    ],
                );
                eprintln!("{line}");
                Exit::Ok
            }
            Err(exit) => exit,
        },
    }
}

/// One line per file: OK with what it is, or what is wrong. 0 when all pass; 2 when a file
/// could not be read at all (missing, a folder, unreadable: the check could not run); else 1
/// when a file was read and failed a check.
pub fn verify(q: &Questionnaire, files: &[PathBuf], s: &Strings) -> Exit {
    let mut all_ok = true;
    let mut all_read = true;
    for path in files {
        let checked = match crate::model::source::read_limited(path) {
            Ok((bytes, _)) => result::parse(path, bytes)
                .and_then(|file| result::verify(path, file, &result::known(q))),
            Err(problem) => {
                all_read = false;
                Err(problem.into_file_error(path))
            }
        };
        match checked {
            Ok(verified) => {
                let f = &verified.file;
                let enterprise = f.profile.name.clone().unwrap_or_else(|| "-".into());
                let line = s.fmt(
                    "results.verified",
                    &[
                        ("file", &path.display().to_string()),
                        ("enterprise", &enterprise),
                        ("level", &f.score.level.to_string()),
                        ("x", &crate::figures::score(&verified_x(&verified))),
                        ("rated", &f.completeness.rated.to_string()),
                        ("total", &f.completeness.total.to_string()),
                    ],
                );
                emit(&format!("{line}\n"));
            }
            Err(e) => {
                all_ok = false;
                emit(&format!(
                    "{}\n{}",
                    s.fmt("results.failed", &[("file", &path.display().to_string())]),
                    e.render(s)
                ));
            }
        }
    }
    if !all_read {
        Exit::BadInput
    } else if all_ok {
        Exit::Ok
    } else {
        Exit::Failed
    }
}

pub fn import(q: &Questionnaire, args: &ImportArgs, s: &Strings) -> Exit {
    let path = &args.file;
    let known = result::known(q);
    let verified = match result::load(path).and_then(|f| result::verify_answers(path, f, &known)) {
        Ok(v) => v,
        Err(e) => return fail(&e, s),
    };
    if let Some(m) = &verified.migrated {
        eprint!(
            "{}",
            report::migration::warning(m, &path.display().to_string(), s)
        );
    }
    let store = match saved_assessments().and_then(|store| {
        store.check_writable()?;
        Ok(store)
    }) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("{}", e.render(s));
            return Exit::BadInput;
        }
    };
    if args.name.is_none()
        && let Some(name) = store.holding(&verified.answers, q)
    {
        // The same result again: say where it already is instead of making a copy.
        let line = s.fmt(
            "results.already_imported",
            &[
                ("name", &name),
                ("path", &store.path_of(&name).display().to_string()),
            ],
        );
        return emit(&format!("{line}\n"));
    }
    let wanted = args
        .name
        .clone()
        .unwrap_or_else(|| result::suggested_name(&verified.file, path));
    let name = store.free_name(&wanted);
    match store.create(&name, &verified.answers) {
        Ok(()) => {
            let line = s.fmt(
                "results.imported",
                &[
                    ("name", &name),
                    ("path", &store.path_of(&name).display().to_string()),
                ],
            );
            emit(&format!("{line}\n"))
        }
        Err(e) => {
            eprintln!("{}", e.render(s));
            Exit::BadInput
        }
    }
}

/// The X a verified file states, exactly (its `overall_exact`, which verify has checked).
fn verified_x(verified: &result::Verified) -> crate::model::scoring::Exact {
    verified
        .file
        .score
        .overall_exact
        .parse()
        .unwrap_or_else(|_| crate::model::scoring::Exact::from_integer(0))
}
