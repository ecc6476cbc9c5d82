//! A small, deterministic population of result files for the collection's tests and benchmark:
//! random profiles (province, city, industry, type, size, coverage) and ratings drawn around a
//! target level, each written as a real, verifiable result file. Shared by `benches/collect.rs`
//! and `tests/collection.rs` (`#[path]`); not the product's demo generator.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use zizhen::model::answers::{Meta, Rated};
use zizhen::model::profile::{Coverage, Profile};
use zizhen::model::reference::{DIVISIONS, PROVINCES};
use zizhen::model::{Answers, Questionnaire, Rating};
use zizhen::result;

/// xorshift64*: enough randomness for synthetic data, no crate needed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn step(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.step() % n.max(1)
    }
}

/// The check character of a unified social credit code's first 17 characters (GB 32100).
pub fn credit_code(body17: &str) -> String {
    const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [u32; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let sum: u32 = body17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| ALPHABET.iter().position(|&c| c == b).unwrap_or(0) as u32 * w)
        .sum();
    let check = ALPHABET[((31 - sum % 31) % 31) as usize] as char;
    format!("{body17}{check}")
}

/// Ratings where every requirement at levels 1..=`reached` is `high` and the rest `low`
/// (`reached` = 2, LI, NI gives level 2 exactly).
pub fn ratings_to(q: &Questionnaire, reached: u8, high: Rating, low: Rating) -> Answers {
    let mut a = Answers::new(q);
    for r in &q.requirements {
        let rating = if r.level <= reached { high } else { low };
        a.ratings.insert(r.id.clone(), Rated::given(rating));
    }
    a
}

/// One random enterprise's answers (enterprise number `i`).
pub fn random_answers(q: &Questionnaire, rng: &mut Rng, i: u64) -> Answers {
    // Target levels roughly like the national report: most at ≤ L1.
    let target = match rng.below(100) {
        0..=39 => 0,
        40..=68 => 1,
        69..=83 => 2,
        84..=90 => 3,
        91..=96 => 4,
        _ => 5,
    };
    let mut a = Answers::new(q);
    for r in &q.requirements {
        let roll = rng.below(10);
        let rating = if r.level <= target {
            if roll < 8 { Rating::FI } else { Rating::LI }
        } else if r.level == target + 1 {
            [Rating::NI, Rating::PI, Rating::LI, Rating::FI][(roll % 4) as usize]
        } else if roll < 7 {
            Rating::NI
        } else {
            Rating::PI
        };
        a.ratings.insert(r.id.clone(), Rated::given(rating));
    }
    let province = PROVINCES[rng.below(PROVINCES.len() as u64) as usize].code;
    // Half give the province alone, half one of its first five cities (GB/T 2260 table).
    let cities: Vec<u32> = zizhen::model::reference::cities_of(province)
        .map(|c| c.code)
        .take(5)
        .collect();
    let region = if rng.below(2) == 0 || cities.is_empty() {
        format!("{province}")
    } else {
        format!("{}", cities[rng.below(cities.len() as u64) as usize])
    };
    let division = DIVISIONS[rng.below(DIVISIONS.len() as u64) as usize];
    let covers: Vec<Coverage> = Coverage::ALL
        .into_iter()
        .filter(|_| rng.below(10) < 7)
        .collect();
    let large = rng.below(10) == 0;
    a.profile = Profile {
        name: Some(format!("示例企业 {i:06}")),
        credit_code: None,
        industry: Some(division.code.to_string()),
        industry_type: Some(division.suggested_type()),
        province: Some(region),
        employees: Some(if large {
            1500 + rng.below(5000)
        } else {
            20 + rng.below(900)
        }),
        revenue: Some(if large { 50_000.0 } else { 3_000.0 }),
        covers: Some(covers),
    };
    let year = 2021 + rng.below(2);
    a.meta = Meta {
        created: Some(format!("{year}-03-01T08:00:00Z")),
        updated: Some(format!("{year}-{:02}-15T08:00:00Z", 3 + rng.below(9))),
        target_level: None,
    };
    a
}

/// Writes `answers` as a result file at `path`.
pub fn write(q: &Questionnaire, answers: &Answers, path: &Path) {
    let file = result::build(q, answers, None);
    std::fs::write(path, result::to_bytes(&file)).expect("write a result file");
}

/// `n` random result files in `dir` (`r000000.json`, …), from `seed`.
pub fn population(q: &Questionnaire, dir: &Path, n: u64, seed: u64) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).expect("make the folder");
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| {
            let path = dir.join(format!("r{i:06}.json"));
            write(q, &random_answers(q, &mut rng, i), &path);
            path
        })
        .collect()
}
