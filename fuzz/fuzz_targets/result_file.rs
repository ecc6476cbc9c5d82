//! Result files (`*.json`) as received from someone else: parse, verify, write back, parse again.
//! Any error result is fine; only panics, crashes and timeouts are bugs.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use zizhen::model::Questionnaire;

static QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(Questionnaire::embedded);

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.json");
    let Ok(file) = zizhen::result::parse(path, data.to_vec()) else {
        return;
    };
    let q: &Questionnaire = &QUESTIONNAIRE;
    let Ok(verified) = zizhen::result::verify(path, file, &[q]) else {
        return;
    };
    let bytes = zizhen::result::to_bytes(&verified.file);
    if let Err(e) = zizhen::result::parse(path, bytes.clone()) {
        panic!(
            "a verified result file, written back, does not parse again: {e:?}\n--- bytes ---\n{}",
            String::from_utf8_lossy(&bytes)
        );
    }
});
