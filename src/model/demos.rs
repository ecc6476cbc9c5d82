//! The demo companies shipped in `examples/demo-*.toml`, embedded in the binary: a trainer shows
//! the model and its arithmetic on them (read only), and students rate a copy of their own.
//! Pure: the files are compiled in, and what the list shows (enterprise, industry, level, X) is
//! read and scored from them when asked, never written down twice.

use std::path::Path;

use super::diagnostic::FileError;
use super::scoring::{Exact, score};
use super::{Answers, IndustryType, Questionnaire, Text};

/// One demo company: a short key and its answers file as shipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Demo {
    /// `jobshop`, `autoparts`, … (the file is `examples/demo-<key>.toml`).
    pub key: &'static str,
    pub text: &'static str,
}

/// Every demo company, in the order the list shows them.
pub const ALL: [Demo; 6] = [
    Demo {
        key: "jobshop",
        text: include_str!("../../examples/demo-jobshop.toml"),
    },
    Demo {
        key: "autoparts",
        text: include_str!("../../examples/demo-autoparts.toml"),
    },
    Demo {
        key: "chemical",
        text: include_str!("../../examples/demo-chemical.toml"),
    },
    Demo {
        key: "electronics",
        text: include_str!("../../examples/demo-electronics.toml"),
    },
    Demo {
        key: "garment",
        text: include_str!("../../examples/demo-garment.toml"),
    },
    Demo {
        key: "machinery",
        text: include_str!("../../examples/demo-machinery.toml"),
    },
];

impl Demo {
    pub fn by_key(key: &str) -> Option<&'static Demo> {
        ALL.iter().find(|d| d.key == key)
    }

    /// The file's path as shipped (named in errors).
    pub fn file(&self) -> String {
        format!("examples/demo-{}.toml", self.key)
    }

    /// The demo's answers, read and checked like any answers file.
    pub fn answers(&self, q: &Questionnaire) -> Result<Answers, FileError> {
        Answers::from_source(Path::new(&self.file()), self.text, q)
    }
}

/// What the list of demo companies shows of one.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: &'static str,
    /// The enterprise's name (the profile's), else the key.
    pub name: String,
    /// The GB/T 4754 division code and name, in both languages.
    pub industry: Option<(u8, Text)>,
    pub industry_type: Option<IndustryType>,
    /// Scored now from the file.
    pub level: u8,
    pub overall: Exact,
}

impl Entry {
    pub fn of(demo: &Demo, answers: &Answers, q: &Questionnaire) -> Entry {
        let score = score(q, answers);
        Entry {
            key: demo.key,
            name: answers
                .profile
                .name
                .clone()
                .unwrap_or_else(|| demo.key.to_string()),
            industry: answers.profile.division().map(|d| (d.code, d.name())),
            industry_type: answers.profile.industry_type,
            level: score.level,
            overall: score.overall,
        }
    }
}

/// Every demo company that reads against `q`, with its level scored now; the files that do not
/// read (they are tested not to happen) with their error.
pub fn entries(q: &Questionnaire) -> (Vec<Entry>, Vec<FileError>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for demo in &ALL {
        match demo.answers(q) {
            Ok(answers) => entries.push(Entry::of(demo, &answers, q)),
            Err(e) => problems.push(e),
        }
    }
    (entries, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_file_is_embedded_and_reads() {
        let q = Questionnaire::embedded();
        let examples = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with("demo-") && n.ends_with(".toml"))
            .count();
        assert_eq!(ALL.len(), examples, "a demo file is not embedded");
        for demo in &ALL {
            let on_disk = std::fs::read_to_string(
                concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + &demo.file(),
            )
            .unwrap();
            assert_eq!(demo.text, on_disk);
            let answers = demo.answers(&q).unwrap();
            assert!(answers.profile.name.is_some(), "{}", demo.key);
            assert!(answers.profile.industry_type.is_some(), "{}", demo.key);
        }
        let (entries, problems) = entries(&q);
        assert!(problems.is_empty());
        assert_eq!(entries.len(), ALL.len());
    }
}
