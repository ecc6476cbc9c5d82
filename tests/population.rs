//! The whole chain of `zizhen demo --population`: generate result files with the binary, read
//! every one back as `zizhen verify` does, and check that the population's marginals are the
//! 2021 report's within sampling error. The expected shares are computed here from the data
//! file and the documented draws, not taken from the generator.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::command::{json_of, zizhen};
use predicates::str::contains;
use zizhen::model::national;
use zizhen::model::questionnaire::IndustryType;
use zizhen::model::reference;
use zizhen::model::{Questionnaire, scoring};
use zizhen::result;

/// Enough for the bounds to mean something, few enough for a debug build (each file is scored
/// and verified: ~30 ms unoptimised). The release binary writes 20,000 in about 20 seconds.
const N: usize = 1000;
const SEED: &str = "20211231";

fn generate(dir: &Path, n: usize, seed: &str) {
    zizhen()
        .args([
            "demo",
            "--lang",
            "en",
            "--population",
            &n.to_string(),
            "--seed",
            seed,
        ])
        .arg("--out")
        .arg(dir)
        .assert()
        .success()
        .stderr(contains(format!("Wrote {n} made-up result files")));
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Checks that `count` of `n` is a share `p` within four standard errors of a binomial share.
fn within_sampling_error(what: &str, count: usize, n: usize, p: f64) {
    let observed = count as f64 / n as f64;
    let se = (p * (1.0 - p) / n as f64).sqrt();
    assert!(
        (observed - p).abs() <= 4.0 * se,
        "{what}: {observed:.4} of {n}, expected {p:.4} ± {:.4}",
        4.0 * se
    );
}

/// One file read back as `zizhen verify` reads it, and what the marginals need from it.
fn read_back(q: &Questionnaire, path: &Path) -> Seen {
    let known = result::known(q);
    let bytes = fs::read(path).unwrap();
    let file = result::parse(path, bytes).unwrap();
    let verified =
        result::verify(path, file, &known).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    let answers = verified.answers;
    let p = &answers.profile;
    // The SME rule applied here, on the figures in the file.
    let sme = p.employees.unwrap() < 1000 || p.revenue.unwrap() < 40_000.0;
    let province = p.province.as_deref().unwrap();
    assert_eq!(province.len(), 6, "a city code");
    Seen {
        level: scoring::score(q, &answers).level,
        sme,
        province: province[..2].parse().unwrap(),
        discrete: p.industry_type == Some(IndustryType::Discrete),
        covers: p
            .covers
            .as_ref()
            .unwrap()
            .iter()
            .map(|c| c.key().to_string())
            .collect(),
    }
}

struct Seen {
    level: u8,
    sme: bool,
    province: u8,
    discrete: bool,
    covers: Vec<String>,
}

#[test]
fn a_generated_population_verifies_and_gives_back_the_report_marginals() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("population");
    generate(&out, N, SEED);
    let files = files_in(&out);
    assert_eq!(files.len(), N);

    // Every file passes `zizhen verify`: the binary on a sample, and its checks (parse, digest,
    // questionnaire, the score rebuilt from the answers) on every file, on every core.
    zizhen()
        .args(["verify", "--lang", "en"])
        .args(&files[..50])
        .assert()
        .success();
    let q = Questionnaire::embedded();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let seen: Vec<Seen> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(N.div_ceil(threads))
            .map(|chunk| {
                let q = &q;
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|path| read_back(q, path))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });

    let data = national::get();
    // The level distribution, by scoring each file's answers.
    let bands = |level: u8| match level {
        0 | 1 => 0,
        2 => 1,
        3 => 2,
        _ => 3,
    };
    for (band, share) in data.levels.as_array().iter().enumerate() {
        let count = seen.iter().filter(|s| bands(s.level) == band).count();
        within_sampling_error(&format!("level band {band}"), count, N, share / 100.0);
    }
    // The SME share, of all and of those at level 1 or below.
    let smes = seen.iter().filter(|s| s.sme).count();
    within_sampling_error("SME share", smes, N, data.sme.share / 100.0);
    let low: Vec<&Seen> = seen.iter().filter(|s| s.level <= 1).collect();
    let low_smes = low.iter().filter(|s| s.sme).count();
    within_sampling_error(
        "SME share at ≤L1",
        low_smes,
        low.len(),
        data.sme.share_of_le1 / 100.0,
    );
    // The province mix: the provinces' counts at level 2 or above.
    let total: u32 = data.provinces_ge2.iter().map(|(_, c)| c).sum();
    for (province, count) in &data.provinces_ge2 {
        let here = seen.iter().filter(|s| s.province == *province).count();
        let share = f64::from(*count) / f64::from(total);
        within_sampling_error(&format!("province {province}"), here, N, share);
    }
    // The industry type mix: the division mix as documented (100 each, +200 for a division the
    // report tables or names as leading, + its SME class counts), the suggested type 90 %.
    let weights: BTreeMap<u8, f64> = reference::DIVISIONS
        .iter()
        .map(|d| {
            let named = data.industries.iter().any(|i| i.division == d.code)
                || data.top_industries.divisions.contains(&d.code);
            let classes: u32 = data
                .sme_classes
                .iter()
                .filter(|(class, _, _)| u32::from(*class) / 100 == u32::from(d.code))
                .map(|(_, n, _)| n)
                .sum();
            (
                d.code,
                100.0 + if named { 200.0 } else { 0.0 } + f64::from(classes),
            )
        })
        .collect();
    let weight_total: f64 = weights.values().sum();
    let discrete_share: f64 = weights
        .iter()
        .map(|(code, w)| {
            let suggested = reference::division(*code).unwrap().suggested_type();
            let p = if suggested == IndustryType::Discrete {
                0.9
            } else {
                0.1
            };
            w / weight_total * p
        })
        .sum();
    let discrete = seen.iter().filter(|s| s.discrete).count();
    within_sampling_error("discrete share", discrete, N, discrete_share);
    // Business coverage of the SMEs.
    let sme_list: Vec<&Seen> = seen.iter().filter(|s| s.sme).collect();
    for (business, share) in [
        ("design", data.sme.covers_design),
        ("logistics", data.sme.covers_logistics),
        ("sales", data.sme.covers_sales),
        ("service", data.sme.covers_service),
    ] {
        let count = sme_list
            .iter()
            .filter(|s| s.covers.iter().any(|c| c == business))
            .count();
        within_sampling_error(business, count, sme_list.len(), share / 100.0);
    }

    // The rest of the chain: the same files collected into a store and indexed give back
    // exactly what was read from them here (so the index shows the report's marginals too).
    let store = dir.path().join("region.zizhen");
    zizhen()
        .args(["collect", "--lang", "en"])
        .arg(&store)
        .arg(&out)
        .assert()
        .success();
    let index = json_of(
        zizhen()
            .args([
                "index",
                "--lang",
                "en",
                "--format",
                "json",
                "--min-group",
                "1",
            ])
            .arg(&store),
    );
    assert_eq!(index["enterprises"], N);
    for level in 0..=5u8 {
        let count = seen.iter().filter(|s| s.level == level).count();
        assert_eq!(index["levels"][level.to_string()], count, "level {level}");
    }
    assert_eq!(index["by_size"]["sme"]["enterprises"], smes);
    assert_eq!(index["by_size"]["large"]["enterprises"], N - smes);
    assert_eq!(index["by_type"]["discrete"]["enterprises"], discrete);
    for (province, _) in &data.provinces_ge2 {
        let here = seen.iter().filter(|s| s.province == *province).count();
        let group = &index["by_province"][province.to_string()];
        let shown = group["enterprises"].as_u64().unwrap_or(0) as usize;
        assert_eq!(shown, here, "province {province}: {group}");
    }
}

#[test]
fn the_same_seed_writes_the_same_bytes_and_another_seed_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let [a, b, c] = ["a", "b", "c"].map(|n| dir.path().join(n));
    generate(&a, 40, "7");
    generate(&b, 40, "7");
    generate(&c, 40, "8");
    let names = |d: &Path| -> Vec<_> {
        files_in(d)
            .iter()
            .map(|p| p.file_name().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&a), names(&b));
    for (x, y) in files_in(&a).iter().zip(files_in(&b)) {
        assert_eq!(
            fs::read(x).unwrap(),
            fs::read(&y).unwrap(),
            "{}",
            x.display()
        );
    }
    let in_c = names(&c);
    assert!(
        names(&a).iter().all(|n| !in_c.contains(n)),
        "another seed, other enterprises"
    );
}

#[test]
fn a_folder_with_files_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("mine.json"), "{}").unwrap();
    zizhen()
        .args(["demo", "--lang", "en", "--population", "3", "--out"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("is not empty"));
    assert_eq!(files_in(dir.path()).len(), 1, "nothing written");
    zizhen()
        .args(["demo", "--lang", "zh-CN", "--population", "3", "--out"])
        .arg(dir.path().join("mine.json"))
        .assert()
        .code(2)
        .stderr(contains("不是文件夹"));
    zizhen()
        .args(["demo", "--population", "3", "--years", "2022-2019", "--out"])
        .arg(dir.path().join("new"))
        .assert()
        .code(2);
}
