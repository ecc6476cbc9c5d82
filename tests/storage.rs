//! The storage layer on a temporary directory: atomic writes and backups, the folder of
//! assessments, loading with a fallback, quarantine, and two sessions on one file.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use zizhen::model::{Answers, Questionnaire, Rating};
use zizhen::storage::atomic::write_new;
use zizhen::storage::{
    Dirs, NameProblem, Session, Store, StoreError, backup_path, paths, write_atomic,
};

fn answers(q: &Questionnaire, ratings: &[(&str, Rating)]) -> Answers {
    let mut a = Answers::new(q);
    a.ratings = ratings
        .iter()
        .map(|(id, r)| (id.to_string(), zizhen::model::answers::Rated::given(*r)))
        .collect();
    a
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("assessments")).unwrap();
    (dir, store)
}

fn names(store: &Store) -> Vec<String> {
    store.list().unwrap().into_iter().map(|e| e.name).collect()
}

fn set_mtime(path: &Path, secs_ago: u64) {
    let time = SystemTime::now() - Duration::from_secs(secs_ago);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

/// Files in `dir` other than the ones named: catches leftover temp files.
fn others(dir: &Path, expected: &[&str]) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !expected.contains(&n.as_str()))
        .collect()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn write_atomic_keeps_the_previous_content_as_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    write_atomic(&path, b"one").unwrap();
    assert!(!backup_path(&path).exists(), "a new file has no backup");
    write_atomic(&path, b"two").unwrap();
    write_atomic(&path, b"three").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"three");
    assert_eq!(fs::read(backup_path(&path)).unwrap(), b"two");
    assert_eq!(
        others(dir.path(), &["a.toml", "a.toml.bak"]),
        Vec::<String>::new()
    );
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn backup_path_appends_bak() {
    assert_eq!(
        backup_path(Path::new("/x/a.toml")),
        Path::new("/x/a.toml.bak")
    );
}

#[test]
fn write_new_refuses_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    write_new(&path, b"one").unwrap();
    let e = write_new(&path, b"two").unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(fs::read(&path).unwrap(), b"one");
    assert_eq!(others(dir.path(), &["a.toml"]), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn store_folder_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("data/assessments")).unwrap();
    assert_eq!(mode(store.dir()), 0o700);
}

#[test]
fn list_skips_everything_but_assessments() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    store.create("工厂", &Answers::new(&q)).unwrap();
    let dir = store.dir();
    for stray in [
        "工厂.toml.bak",
        "工厂.toml.lock",
        ".工厂.toml.123.0.tmp",
        "b.toml.tmp",
        "工厂.corrupt-20260101T120000.toml",
        "工厂.corrupt-20260101T120000-2.toml",
        ".hidden.toml",
        "notes.txt",
    ] {
        fs::write(dir.join(stray), "x").unwrap();
    }
    fs::create_dir(dir.join("trash")).unwrap();
    fs::write(dir.join("trash/old.toml"), "x").unwrap();
    fs::create_dir(dir.join("folder.toml")).unwrap();
    assert_eq!(names(&store), ["工厂"]);
    let entries = store.list().unwrap();
    assert_eq!(entries[0].path, store.path_of("工厂"));
    assert!(entries[0].modified.is_some());
}

#[test]
fn list_is_newest_first() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    for (name, age) in [("old", 300), ("new", 10), ("middle", 100)] {
        store.create(name, &Answers::new(&q)).unwrap();
        set_mtime(&store.path_of(name), age);
    }
    assert_eq!(names(&store), ["new", "middle", "old"]);
}

#[test]
fn check_name_rules() {
    assert_eq!(Store::check_name("无锡工厂 2026").unwrap(), "无锡工厂 2026");
    assert_eq!(Store::check_name("  a b  ").unwrap(), "a b");
    assert_eq!(
        Store::check_name(&"名".repeat(64)).unwrap(),
        "名".repeat(64)
    );
    assert_eq!(Store::check_name(""), Err(NameProblem::Empty));
    assert_eq!(Store::check_name("   "), Err(NameProblem::Empty));
    assert_eq!(Store::check_name("a/b"), Err(NameProblem::BadChar('/')));
    assert_eq!(Store::check_name("a\\b"), Err(NameProblem::BadChar('\\')));
    assert_eq!(Store::check_name("a:b"), Err(NameProblem::BadChar(':')));
    assert_eq!(Store::check_name("a\tb"), Err(NameProblem::BadChar('\t')));
    assert_eq!(Store::check_name(".x"), Err(NameProblem::LeadingDot));
    assert_eq!(Store::check_name(".."), Err(NameProblem::LeadingDot));
    assert_eq!(
        Store::check_name(&"a".repeat(65)),
        Err(NameProblem::TooLong)
    );
}

#[test]
fn create_rename_duplicate_delete() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    let a = answers(&q, &[("planning.1.1", Rating::FI)]);
    store.create(" 一号 ", &a).unwrap();
    assert!(store.exists("一号"), "the name is trimmed");
    assert!(matches!(
        store.create("一号", &a),
        Err(StoreError::Exists { name }) if name == "一号"
    ));
    assert!(matches!(
        store.create("a/b", &a),
        Err(StoreError::BadName {
            problem: NameProblem::BadChar('/'),
            ..
        })
    ));

    store.duplicate("一号", "二号").unwrap();
    assert_eq!(
        fs::read(store.path_of("一号")).unwrap(),
        fs::read(store.path_of("二号")).unwrap()
    );
    assert!(matches!(
        store.duplicate("一号", "二号"),
        Err(StoreError::Exists { .. })
    ));
    assert!(matches!(
        store.duplicate("无", "三号"),
        Err(StoreError::NotFound { .. })
    ));

    // a backup follows its assessment
    write_atomic(&store.path_of("一号"), a.to_toml().as_bytes()).unwrap();
    store.rename("一号", "三号").unwrap();
    assert!(!store.exists("一号"));
    assert!(backup_path(&store.path_of("三号")).exists());
    assert!(!backup_path(&store.path_of("一号")).exists());
    assert_eq!(store.load("三号", &q).unwrap(), a);
    assert!(matches!(
        store.rename("三号", "二号"),
        Err(StoreError::Exists { .. })
    ));
    assert!(matches!(
        store.rename("一号", "四号"),
        Err(StoreError::NotFound { .. })
    ));
    store.rename("三号", "三号").unwrap();

    let trashed = store.delete("三号").unwrap();
    assert!(!store.exists("三号"));
    assert_eq!(trashed.parent().unwrap(), store.dir().join("trash"));
    assert!(
        trashed
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("三号-")
    );
    assert_eq!(
        Answers::load(&trashed, &q).unwrap(),
        a,
        "the trash keeps the file"
    );
    assert!(backup_path(&trashed).exists(), "and its backup");
    assert!(matches!(
        store.delete("三号"),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(names(&store), ["二号"]);
}

#[test]
fn deleting_the_same_name_twice_keeps_both() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    store
        .create("x", &answers(&q, &[("planning.1.1", Rating::FI)]))
        .unwrap();
    let first = store.delete("x").unwrap();
    store
        .create("x", &answers(&q, &[("planning.1.1", Rating::NI)]))
        .unwrap();
    let second = store.delete("x").unwrap();
    assert_ne!(first, second);
    assert_eq!(
        Answers::load(&first, &q).unwrap().ratings["planning.1.1"].rating,
        Rating::FI
    );
    assert_eq!(
        Answers::load(&second, &q).unwrap().ratings["planning.1.1"].rating,
        Rating::NI
    );
}

#[test]
fn names_of_existing_files_cannot_leave_the_folder() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    for name in ["../x", "..", "", "a/b"] {
        assert!(matches!(
            store.delete(name),
            Err(StoreError::BadName { .. })
        ));
        assert!(matches!(
            store.load(name, &q).unwrap_err().error,
            StoreError::BadName { .. }
        ));
        assert!(!store.exists(name));
    }
}

#[test]
fn load_of_a_corrupt_file_offers_the_backup() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    let good = answers(&q, &[("strategy.2.1", Rating::LI)]);
    store.create("a", &good).unwrap();
    write_atomic(&store.path_of("a"), b"questionnaire = [broken").unwrap();
    let failure = store.load("a", &q).unwrap_err();
    assert!(matches!(failure.error, StoreError::Corrupt(_)));
    assert_eq!(failure.backup, Some(good));

    // now the backup is the broken file too
    write_atomic(&store.path_of("a"), b"\xff\xfe not utf-8").unwrap();
    let failure = store.load("a", &q).unwrap_err();
    assert!(matches!(failure.error, StoreError::Corrupt(_)));
    assert_eq!(failure.backup, None);

    let failure = store.load("missing", &q).unwrap_err();
    assert!(matches!(failure.error, StoreError::NotFound { .. }));
    assert_eq!(failure.backup, None);
}

#[test]
fn quarantine_keeps_the_bytes() {
    let (_tmp, store) = store();
    let bytes = b"ratings = { oops\n\xff";
    fs::write(store.path_of("坏"), bytes).unwrap();
    assert_eq!(names(&store), ["坏"]);
    let kept = store.quarantine("坏").unwrap();
    assert_eq!(fs::read(&kept).unwrap(), bytes);
    let file_name = kept.file_name().unwrap().to_str().unwrap();
    assert!(file_name.starts_with("坏.corrupt-"), "{file_name}");
    assert!(file_name.ends_with(".toml"), "{file_name}");
    assert!(!store.exists("坏"));
    assert!(names(&store).is_empty(), "quarantined files are not listed");
    assert!(matches!(
        store.quarantine("坏"),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn two_sessions_keep_each_others_answers() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    let mut first = Session::create(&store, "共享", &Answers::new(&q)).unwrap();
    let (mut second, mut theirs) = Session::open(&store, "共享", &q).unwrap();
    assert_eq!(second.name(), "共享");
    assert_eq!(second.path(), store.path_of("共享"));

    let mut ours = answers(&q, &[("planning.1.1", Rating::FI)]);
    let saved = first.save(&ours, &q).unwrap();
    assert_eq!(saved.answers, ours);
    assert_eq!(saved.quarantined, None);

    theirs.ratings.insert(
        "strategy.2.1".into(),
        zizhen::model::answers::Rated::given(Rating::PI),
    );
    let saved = second.save(&theirs, &q).unwrap();
    let both = answers(
        &q,
        &[("planning.1.1", Rating::FI), ("strategy.2.1", Rating::PI)],
    );
    assert_eq!(
        saved.answers, both,
        "the second save merges the first's answer"
    );
    theirs = saved.answers;
    assert_eq!(store.load("共享", &q).unwrap(), both);

    // the first picks the second's change up without saving
    ours.notes.insert("planning.1.1".into(), "APS pilot".into());
    let refreshed = first.refresh(&ours, &q).unwrap().expect("the file changed");
    assert_eq!(refreshed.ratings, both.ratings);
    assert_eq!(
        refreshed.notes["planning.1.1"], "APS pilot",
        "our unsaved note stays"
    );
    assert_eq!(first.refresh(&refreshed, &q).unwrap(), None, "nothing new");

    // the same answer changed in both: the later save wins
    let mut ours = refreshed;
    ours.ratings.insert(
        "strategy.2.1".into(),
        zizhen::model::answers::Rated::given(Rating::NI),
    );
    first.save(&ours, &q).unwrap();
    theirs.ratings.insert(
        "strategy.2.1".into(),
        zizhen::model::answers::Rated::given(Rating::LI),
    );
    let saved = second.save(&theirs, &q).unwrap();
    assert_eq!(saved.answers.ratings["strategy.2.1"].rating, Rating::LI);
    assert_eq!(saved.answers.ratings["planning.1.1"].rating, Rating::FI);
    assert_eq!(saved.answers.notes["planning.1.1"], "APS pilot");
    assert_eq!(store.load("共享", &q).unwrap(), saved.answers);
}

#[test]
fn sessions_saving_at_the_same_time_lose_nothing() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    Session::create(&store, "并发", &Answers::new(&q)).unwrap();
    let ids: Vec<String> = q
        .requirements
        .iter()
        .map(|r| r.id.clone())
        .take(40)
        .collect();
    std::thread::scope(|scope| {
        for half in ids.chunks(20) {
            let (store, q) = (&store, &q);
            scope.spawn(move || {
                let (mut session, mut ours) = Session::open(store, "并发", q).unwrap();
                for id in half {
                    ours.ratings
                        .insert(id.clone(), zizhen::model::answers::Rated::given(Rating::LI));
                    ours = session.save(&ours, q).unwrap().answers;
                }
            });
        }
    });
    let ratings = store.load("并发", &q).unwrap().ratings;
    assert_eq!(ratings.len(), 40, "{ratings:?}");
    #[cfg(unix)]
    assert_eq!(
        others(store.dir(), &["并发.toml", "并发.toml.bak"]),
        Vec::<String>::new(),
        "no lock file stays behind"
    );
}

#[cfg(unix)]
#[test]
fn many_savers_on_one_file_lose_nothing_and_leave_no_lock() {
    // Lock files are removed on release: whoever waited on a removed one must lock again.
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    Session::create(&store, "多人", &Answers::new(&q)).unwrap();
    let ids: Vec<String> = q
        .requirements
        .iter()
        .map(|r| r.id.clone())
        .take(120)
        .collect();
    std::thread::scope(|scope| {
        for part in ids.chunks(15) {
            let (store, q) = (&store, &q);
            scope.spawn(move || {
                let (mut session, mut ours) = Session::open(store, "多人", q).unwrap();
                for id in part {
                    ours.ratings
                        .insert(id.clone(), zizhen::model::answers::Rated::given(Rating::FI));
                    ours = session.save(&ours, q).unwrap().answers;
                }
            });
        }
    });
    assert_eq!(store.load("多人", &q).unwrap().ratings.len(), 120);
    assert_eq!(
        others(store.dir(), &["多人.toml", "多人.toml.bak"]),
        Vec::<String>::new()
    );
}

#[cfg(unix)]
#[test]
fn tidy_removes_a_lock_file_left_by_a_killed_process_but_not_a_held_one() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    store.create("a", &Answers::new(&q)).unwrap();
    store.create("b", &Answers::new(&q)).unwrap();
    let stale = store.dir().join("a.toml.lock");
    fs::write(&stale, "").unwrap();
    let held_path = store.dir().join("b.toml.lock");
    let held = fs::File::create(&held_path).unwrap();
    held.lock().unwrap();
    store.tidy(&q);
    assert!(!stale.exists(), "nobody held it");
    assert!(held_path.exists(), "another zizhen holds it");
    drop(held);
}

#[test]
fn a_file_corrupted_elsewhere_is_quarantined_on_save() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    let mut session = Session::create(&store, "a", &Answers::new(&q)).unwrap();
    let broken = b"questionnaire = \"gbt39116-2020\"\n[ratings]\n\"planning.1.1\" = \"XX\"\n";
    fs::write(store.path_of("a"), broken).unwrap();
    let ours = answers(&q, &[("planning.1.2", Rating::PI)]);
    assert!(matches!(
        session.refresh(&ours, &q),
        Err(StoreError::Corrupt(_))
    ));
    assert_eq!(
        fs::read(store.path_of("a")).unwrap(),
        broken,
        "refresh leaves it"
    );

    let saved = session.save(&ours, &q).unwrap();
    let kept = saved.quarantined.expect("quarantined");
    assert_eq!(fs::read(&kept).unwrap(), broken);
    assert_eq!(saved.answers, ours);
    assert_eq!(store.load("a", &q).unwrap(), ours);
    assert_eq!(names(&store), ["a"]);
}

#[test]
fn a_save_that_would_not_load_back_writes_nothing() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    let first = answers(&q, &[("planning.1.1", Rating::FI)]);
    let mut session = Session::create(&store, "a", &first).unwrap();
    let mut bad = first.clone();
    bad.ratings.insert(
        "no.such.id".into(),
        zizhen::model::answers::Rated::given(Rating::FI),
    );
    assert!(matches!(
        session.save(&bad, &q),
        Err(StoreError::Corrupt(_))
    ));
    assert_eq!(store.load("a", &q).unwrap(), first);
}

#[test]
fn an_unchanged_save_keeps_the_backup() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    let mut session = Session::create(&store, "a", &Answers::new(&q)).unwrap();
    let one = answers(&q, &[("planning.1.1", Rating::FI)]);
    session.save(&one, &q).unwrap();
    session.save(&one, &q).unwrap();
    let backup = Answers::load(&backup_path(&store.path_of("a")), &q).unwrap();
    assert_eq!(
        backup,
        Answers::new(&q),
        "the backup is still the version before"
    );
}

#[test]
fn a_session_writes_a_file_deleted_meanwhile_again() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    let mut session = Session::create(&store, "a", &Answers::new(&q)).unwrap();
    store.delete("a").unwrap();
    let ours = answers(&q, &[("planning.1.1", Rating::FI)]);
    assert_eq!(session.refresh(&ours, &q).unwrap(), None);
    session.save(&ours, &q).unwrap();
    assert_eq!(store.load("a", &q).unwrap(), ours);
}

#[test]
fn session_create_refuses_a_taken_name() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    Session::create(&store, "a", &Answers::new(&q)).unwrap();
    assert!(matches!(
        Session::create(&store, "a", &Answers::new(&q)),
        Err(StoreError::Exists { .. })
    ));
    assert!(matches!(
        Session::open(&store, "b", &q).unwrap_err().error,
        StoreError::NotFound { .. }
    ));
}

#[test]
fn last_opened_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("data/state.toml");
    assert_eq!(Store::last_opened(&state), None, "missing state");
    Store::set_last_opened(&state, "无锡工厂 2026").unwrap();
    assert_eq!(Store::last_opened(&state).as_deref(), Some("无锡工厂 2026"));

    fs::write(&state, "theme = \"dark\"\nlast = \"a\"\n").unwrap();
    Store::set_last_opened(&state, "b").unwrap();
    assert_eq!(Store::last_opened(&state).as_deref(), Some("b"));
    assert!(
        fs::read_to_string(&state).unwrap().contains("theme"),
        "other keys are kept"
    );

    for broken in ["last = [", "last = 3", "last = \"\"", "\u{0}"] {
        fs::write(&state, broken).unwrap();
        assert_eq!(Store::last_opened(&state), None, "{broken:?}");
    }
    Store::set_last_opened(&state, "c").unwrap();
    assert_eq!(Store::last_opened(&state).as_deref(), Some("c"));
}

#[test]
fn dirs_honour_the_overrides() {
    let vars = |key: &str| match key {
        paths::CONFIG_DIR_VAR => Some("/tmp/zz-config".to_string()),
        paths::DATA_DIR_VAR => Some("/tmp/zz-data".to_string()),
        _ => None,
    };
    let dirs = Dirs::from_vars(vars).unwrap();
    assert_eq!(dirs.config, Path::new("/tmp/zz-config"));
    assert_eq!(dirs.data, Path::new("/tmp/zz-data"));
    assert_eq!(dirs.config_file(), Path::new("/tmp/zz-config/config.toml"));
    assert_eq!(
        dirs.assessments_dir(),
        Path::new("/tmp/zz-data/assessments")
    );
    assert_eq!(dirs.state_file(), Path::new("/tmp/zz-data/state.toml"));
    assert_eq!(
        (paths::CONFIG_DIR_VAR, paths::DATA_DIR_VAR),
        ("ZIZHEN_CONFIG_DIR", "ZIZHEN_DATA_DIR")
    );
}

/// A process id that is not running: a child that has exited and been reaped.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists(),
        "pid {pid} was reused already"
    );
    pid
}

#[test]
fn restoring_a_backup_writes_it_over_the_damaged_file_and_keeps_both() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    let good = answers(
        &q,
        &[("strategy.2.1", Rating::LI), ("planning.1.1", Rating::FI)],
    );
    store.create("a", &good).unwrap();
    let path = store.path_of("a");
    let damaged = b"questionnaire = \"gbt39116-2020\"\n[ratings\n\xff";
    write_atomic(&path, damaged).unwrap();
    let backup_bytes = fs::read(backup_path(&path)).unwrap();

    let kept = store
        .restore_backup("a", &q)
        .unwrap()
        .expect("the damaged file is kept aside");
    assert_eq!(
        store.load("a", &q).unwrap(),
        good,
        "the backup is the file again"
    );
    assert_eq!(
        fs::read(backup_path(&path)).unwrap(),
        backup_bytes,
        "the backup stays, unchanged (the damaged file did not become it)"
    );
    assert_eq!(
        fs::read(&kept).unwrap(),
        damaged,
        "the damaged bytes are kept"
    );
    let kept_name = kept.file_name().unwrap().to_str().unwrap();
    assert!(
        kept_name.starts_with("a.corrupt-") && kept_name.ends_with(".toml"),
        "{kept_name}"
    );
    assert_eq!(names(&store), ["a"], "the kept copy is not an assessment");
    assert_eq!(
        others(
            store.dir(),
            &["a.toml", "a.toml.bak", "a.toml.lock", kept_name]
        ),
        Vec::<String>::new()
    );
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn an_assessment_left_only_as_its_backup_is_listed_and_recovered() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    let good = answers(&q, &[("strategy.1.1", Rating::PI)]);
    store.create("only-bak", &good).unwrap();
    store.create("whole", &Answers::new(&q)).unwrap();
    let path = store.path_of("only-bak");
    fs::rename(&path, backup_path(&path)).unwrap();

    let entries = store.list().unwrap();
    let entry = entries
        .iter()
        .find(|e| e.name == "only-bak")
        .unwrap_or_else(|| panic!("a lone backup is listed: {entries:?}"));
    assert!(entry.backup_only);
    assert_eq!(entry.path, path);
    assert!(entries.iter().any(|e| e.name == "whole" && !e.backup_only));
    assert!(!store.exists("only-bak") && store.has_backup("only-bak"));

    let failure = store.load("only-bak", &q).unwrap_err();
    assert!(matches!(failure.error, StoreError::NotFound { .. }));
    assert_eq!(failure.backup, Some(good.clone()), "the backup is offered");

    assert_eq!(
        store.restore_backup("only-bak", &q).unwrap(),
        None,
        "nothing to keep aside"
    );
    assert_eq!(store.load("only-bak", &q).unwrap(), good);
    assert!(backup_path(&path).exists(), "the backup stays");
    let entry = store
        .list()
        .unwrap()
        .into_iter()
        .find(|e| e.name == "only-bak")
        .unwrap();
    assert!(!entry.backup_only);
}

#[test]
fn tidy_clears_up_after_interrupted_saves() {
    let q = Questionnaire::embedded();
    let (_tmp, store) = store();
    let dir = store.dir().to_path_buf();
    let a = answers(&q, &[("planning.1.1", Rating::FI)]);
    let b = answers(&q, &[("planning.1.2", Rating::LI)]);
    store.create("a", &a).unwrap();
    let dead = dead_pid();
    let mut alive = std::process::Command::new("sleep")
        .arg("30")
        .spawn()
        .unwrap();
    let live = alive.id();

    // a.toml is in place: its stale copy goes.
    let stale = format!(".a.toml.{dead}.0.tmp");
    fs::write(dir.join(&stale), b.to_toml()).unwrap();
    // b.toml was never renamed into place: the complete temp file becomes it.
    let complete = format!(".b.toml.{dead}.1.tmp");
    fs::write(dir.join(&complete), b.to_toml()).unwrap();
    // c.toml neither, and its temp file was cut short: it goes.
    let cut = format!(".c.toml.{dead}.2.tmp");
    fs::write(dir.join(&cut), &b.to_toml()[..20]).unwrap();
    // A running process's temp files are its own business.
    let busy_a = format!(".a.toml.{live}.0.tmp");
    let busy_d = format!(".d.toml.{live}.1.tmp");
    fs::write(dir.join(&busy_a), "half").unwrap();
    fs::write(dir.join(&busy_d), b.to_toml()).unwrap();

    assert_eq!(names(&store), ["a"], "temp files are never assessments");
    let tidied = store.tidy(&q);
    assert_eq!(tidied.restored, ["b.toml"]);
    assert_eq!(tidied.removed, 2);
    assert_eq!(
        store.load("a", &q).unwrap(),
        a,
        "the file in place is untouched"
    );
    assert_eq!(store.load("b", &q).unwrap(), b);
    assert!(!store.path_of("c").exists());
    let mut left = others(&dir, &["a.toml", "b.toml", "a.toml.lock"]);
    left.sort();
    let mut busy = vec![busy_a.clone(), busy_d.clone()];
    busy.sort();
    assert_eq!(left, busy);
    assert_eq!(fs::read(dir.join(&busy_a)).unwrap(), b"half");

    // Once that process is gone, the next tidy finishes the job.
    alive.kill().unwrap();
    alive.wait().unwrap();
    let tidied = store.tidy(&q);
    assert_eq!(tidied.restored, ["d.toml"]);
    assert_eq!(tidied.removed, 1);
    assert_eq!(store.load("d", &q).unwrap(), b);
    let mut listed = names(&store);
    listed.sort();
    assert_eq!(listed, ["a", "b", "d"]);
}
