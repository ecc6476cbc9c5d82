//! Speed targets of the foundation (figures go in the closing notes, not in tests):
//! scoring a full assessment ≤ 50 µs; loading and validating the embedded questionnaire ≤ 5 ms;
//! `zizhen score` as a whole process ≤ 20 ms.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};
use zizhen::model::questionnaire::DEFAULT_SOURCE;
use zizhen::model::scoring::{Sheet, score_sheet};
use zizhen::model::{Answers, Questionnaire};

const DEMO: &str = "examples/demo-machinery.toml";

fn scoring(c: &mut Criterion) {
    let q = Questionnaire::embedded();
    let answers = Answers::load(Path::new(DEMO), &q).expect("demo answers");
    let sheet = Sheet::from_answers(&q, &answers);
    c.bench_function("score a full assessment (sheet)", |b| {
        b.iter(|| score_sheet(black_box(&q), black_box(&sheet)))
    });
    c.bench_function("score a full assessment (from answers)", |b| {
        b.iter(|| zizhen::model::scoring::score(black_box(&q), black_box(&answers)))
    });
}

fn loading(c: &mut Criterion) {
    c.bench_function("load and validate the embedded questionnaire", |b| {
        b.iter(|| Questionnaire::from_source(Path::new("<embedded>"), black_box(DEFAULT_SOURCE)))
    });
}

fn process(c: &mut Criterion) {
    let binary = env!("CARGO_BIN_EXE_zizhen");
    let mut group = c.benchmark_group("process");
    group.sample_size(30);
    group.bench_function("zizhen score (whole process)", |b| {
        b.iter(|| {
            let out = Command::new(binary)
                .args(["score", DEMO, "--lang", "en"])
                .output()
                .expect("run zizhen");
            assert!(out.status.success());
        })
    });
    group.finish();
}

criterion_group!(benches, scoring, loading, process);
criterion_main!(benches);
