//! Answers files (`*.toml`): decode, check against the embedded questionnaire, write back, read
//! again, score. Any error result is fine; only panics, crashes and timeouts are bugs.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use zizhen::model::{Answers, Questionnaire};

static QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(Questionnaire::embedded);

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.toml");
    let _ = zizhen::model::source::decode_utf8(path, data.to_vec());
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let q: &Questionnaire = &QUESTIONNAIRE;
    let Ok(answers) = Answers::from_source(path, text, q) else {
        return;
    };
    let written = answers.to_toml();
    if let Err(e) = Answers::from_source(path, &written, q) {
        panic!("accepted answers, written back, do not load again: {e:?}\n--- toml ---\n{written}");
    }
    let _ = zizhen::model::scoring::score(q, &answers);
});
