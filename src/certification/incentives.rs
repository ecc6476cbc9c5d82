//! What a certified level is worth where the enterprise is: local rewards, grant shares,
//! conditions and priorities by level, as a data file with its source and date
//! (`data/incentives.toml`, embedded; an institution may load a newer one). Every problem in a
//! file is located, like those of questionnaire files.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::i18n::Lang;
use crate::model::diagnostic::{Code, Diagnostic, FileError};
use crate::model::profile::check_province;
use crate::model::source;
use crate::model::text::Text;

/// The bundled file: the incentives the project's first source document lists.
pub const EMBEDDED_SOURCE: &str = include_str!("../../data/incentives.toml");
/// The name the embedded file is shown under.
pub const EMBEDDED_NAME: &str = "data/incentives.toml";
/// What the `format` key of an incentive file must say.
pub const FORMAT: &str = "zizhen-incentives/1";

/// What a level brings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A one-off amount for the certified level.
    Reward,
    /// A grant as a share of a project, by the level reached.
    Share,
    /// The level (or higher) is a condition to apply for funds.
    Eligibility,
    /// The level (or higher) gives priority.
    Priority,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Reward, Kind::Share, Kind::Eligibility, Kind::Priority];

    /// The word used in files.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Reward => "reward",
            Kind::Share => "share",
            Kind::Eligibility => "eligibility",
            Kind::Priority => "priority",
        }
    }

    pub fn parse(word: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == word)
    }

    /// Whether the entry holds for its level and every level above.
    pub fn from_level_up(self) -> bool {
        matches!(self, Kind::Eligibility | Kind::Priority)
    }
}

/// One entry: what a level brings in one place.
#[derive(Clone, Debug, PartialEq)]
pub struct Incentive {
    /// GB/T 2260: province (2 digits), city or district (6 digits).
    pub region: String,
    pub place: Text,
    pub kind: Kind,
    pub level: u8,
    /// 万元 (10,000 CNY), for a reward.
    pub amount_wan: Option<u32>,
    /// Percent, for a share.
    pub share_percent: Option<u32>,
    pub condition: Text,
    pub year: Option<u16>,
    pub source: Text,
}

impl Incentive {
    /// What it brings, in the reader's language: "50 万元" / "CNY 500,000", "16 %", or the
    /// kind's word.
    pub fn value(&self, lang: Lang) -> String {
        match (self.kind, self.amount_wan, self.share_percent) {
            (Kind::Reward, Some(wan), _) => match lang {
                Lang::ZhCn => format!("{wan} 万元"),
                Lang::En => format!("CNY {}", thousands(u64::from(wan) * 10_000)),
            },
            (Kind::Share, _, Some(p)) => format!("{p}%"),
            _ => String::new(),
        }
    }

    /// Whether this entry applies to an enterprise whose certified level is `level`.
    pub fn applies_at(&self, level: u8) -> bool {
        if self.kind.from_level_up() {
            level >= self.level
        } else {
            level == self.level
        }
    }
}

/// `1234567` → `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The bundled file, read once (the interactive program draws it on every frame).
pub fn bundled() -> &'static Incentives {
    static BUNDLED: std::sync::OnceLock<Incentives> = std::sync::OnceLock::new();
    BUNDLED.get_or_init(Incentives::embedded)
}

/// An incentive file: its entries, where they come from and how old they are.
#[derive(Clone, Debug, PartialEq)]
pub struct Incentives {
    pub source: Text,
    /// The date of the source (YYYY, YYYY-MM or YYYY-MM-DD).
    pub date: String,
    /// Policies change: what the reader should do before relying on them.
    pub note: Text,
    pub entries: Vec<Incentive>,
    /// The file it was read from (the embedded one's name for the bundled data).
    pub origin: String,
}

impl Incentives {
    /// The bundled file. It is checked by a test, so it always loads.
    pub fn embedded() -> Incentives {
        Incentives::from_source(Path::new(EMBEDDED_NAME), EMBEDDED_SOURCE)
            .expect("the embedded incentive file is valid")
    }

    /// Reads and checks an incentive file.
    pub fn load(path: &Path) -> Result<Incentives, FileError> {
        let text = source::read_text(path)?;
        Incentives::from_source(path, &text)
    }

    /// Checks incentive file `text`, naming `path` in errors.
    pub fn from_source(path: &Path, text: &str) -> Result<Incentives, FileError> {
        let raw: RawFile = source::parse_toml(path, text)?;
        let mut problems = Vec::new();
        let incentives = check(raw, &mut problems);
        if problems.is_empty() {
            let mut incentives = incentives;
            incentives.origin = path.display().to_string();
            return Ok(incentives);
        }
        Err(FileError::new(path, Some(text.to_string()), problems))
    }

    /// The entries for an enterprise in `region` (the profile's GB/T 2260 code), compared at
    /// the precision of the less precise of the two codes: a province's entries reach all its
    /// cities; a city's reach its districts, and a district's are shown to a firm that gave only
    /// its city or province. Nothing without a region.
    pub fn for_region(&self, region: Option<&str>) -> Vec<&Incentive> {
        let Some(region) = region.map(str::trim).filter(|r| !r.is_empty()) else {
            return Vec::new();
        };
        self.entries
            .iter()
            .filter(|e| regions_meet(&e.region, region))
            .collect()
    }
}

/// The significant digits of a GB/T 2260 code: "32" → "32", "320400" → "3204", "320206" →
/// "320206", "320000" → "32".
fn significant(code: &str) -> &str {
    let mut s = code;
    while s.len() > 2 && s.ends_with("00") {
        s = &s[..s.len() - 2];
    }
    s
}

/// Whether two region codes name places of which one contains the other.
pub fn regions_meet(a: &str, b: &str) -> bool {
    let (a, b) = (significant(a), significant(b));
    a.starts_with(b) || b.starts_with(a)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    format: Spanned<String>,
    date: Spanned<String>,
    source: Spanned<Text>,
    note: Spanned<Text>,
    #[serde(default)]
    incentive: Vec<Spanned<RawIncentive>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIncentive {
    region: Spanned<String>,
    place: Spanned<Text>,
    kind: Spanned<String>,
    level: Spanned<i64>,
    amount: Option<Spanned<i64>>,
    share: Option<Spanned<i64>>,
    condition: Spanned<Text>,
    year: Option<Spanned<i64>>,
    source: Spanned<Text>,
}

/// Years a policy may carry: from the standards' first drafts on.
const YEARS: std::ops::RangeInclusive<i64> = 2015..=2100;

fn check(raw: RawFile, problems: &mut Vec<Diagnostic>) -> Incentives {
    if raw.format.get_ref() != FORMAT {
        problems.push(
            Diagnostic::new(Code::IncentiveFormat)
                .arg("value", raw.format.get_ref())
                .arg("expected", FORMAT)
                .at(raw.format.span()),
        );
    }
    if !is_date(raw.date.get_ref()) {
        problems.push(
            Diagnostic::new(Code::IncentiveDate)
                .arg("value", raw.date.get_ref())
                .at(raw.date.span()),
        );
    }
    let source = text(raw.source, "source", problems);
    let note = text(raw.note, "note", problems);
    if raw.incentive.is_empty() {
        problems.push(Diagnostic::new(Code::IncentiveEmpty));
    }
    let mut seen: HashMap<(String, Kind, u8), usize> = HashMap::new();
    let mut entries = Vec::new();
    for (n, spanned) in raw.incentive.into_iter().enumerate() {
        let entry_span = spanned.span();
        let r = spanned.into_inner();
        let what = |key: &str| format!("[[incentive]] {}: {key}", n + 1);
        let region = r.region.get_ref().trim().to_string();
        if let Err(d) = check_province(&region) {
            problems.push(d.at(r.region.span()));
        }
        let kind = Kind::parse(r.kind.get_ref().trim());
        if kind.is_none() {
            problems.push(
                Diagnostic::new(Code::IncentiveKind)
                    .arg("value", r.kind.get_ref())
                    .at(r.kind.span()),
            );
        }
        let level = *r.level.get_ref();
        if !(1..=5).contains(&level) {
            problems.push(
                Diagnostic::new(Code::LevelOutOfRange)
                    .arg("level", level)
                    .at(r.level.span()),
            );
        }
        let kind_word = r.kind.get_ref().trim().to_string();
        let amount = value_for(
            r.amount,
            "amount",
            kind == Some(Kind::Reward),
            1..=100_000,
            &kind_word,
            &entry_span,
            problems,
        );
        let share = value_for(
            r.share,
            "share",
            kind == Some(Kind::Share),
            1..=100,
            &kind_word,
            &entry_span,
            problems,
        );
        let year = r.year.and_then(|y| {
            if YEARS.contains(y.get_ref()) {
                Some(*y.get_ref() as u16)
            } else {
                problems.push(
                    Diagnostic::new(Code::IncentiveYear)
                        .arg("value", y.get_ref())
                        .at(y.span()),
                );
                None
            }
        });
        let place = text(r.place, &what("place"), problems);
        let condition = text(r.condition, &what("condition"), problems);
        let entry_source = text(r.source, &what("source"), problems);
        let Some(kind) = kind else { continue };
        let level = level.clamp(1, 5) as u8;
        let key = (significant(&region).to_string(), kind, level);
        if let Some(&first) = seen.get(&key) {
            problems.push(
                Diagnostic::new(Code::IncentiveDuplicate)
                    .arg("region", &region)
                    .arg("kind", kind.key())
                    .arg("level", level)
                    .arg("first", first)
                    .at(r.region.span()),
            );
        } else {
            seen.insert(key, n + 1);
        }
        entries.push(Incentive {
            region,
            place,
            kind,
            level,
            amount_wan: amount,
            share_percent: share,
            condition,
            year,
            source: entry_source,
        });
    }
    Incentives {
        source,
        date: raw.date.into_inner(),
        note,
        entries,
        origin: String::new(),
    }
}

/// A value that one kind needs and the others must not carry.
fn value_for(
    value: Option<Spanned<i64>>,
    key: &'static str,
    needed: bool,
    range: std::ops::RangeInclusive<i64>,
    kind: &str,
    entry: &std::ops::Range<usize>,
    problems: &mut Vec<Diagnostic>,
) -> Option<u32> {
    match (value, needed) {
        (None, true) => {
            problems.push(
                Diagnostic::new(Code::IncentiveMissingValue)
                    .arg("key", key)
                    .arg("kind", kind)
                    .at(entry.start..entry.start),
            );
            None
        }
        (None, false) => None,
        (Some(v), needed) => {
            if needed && range.contains(v.get_ref()) {
                return Some(*v.get_ref() as u32);
            }
            problems.push(
                Diagnostic::new(Code::IncentiveBadValue)
                    .arg("key", key)
                    .arg("value", v.get_ref())
                    .arg("kind", kind)
                    .at(v.span()),
            );
            None
        }
    }
}

fn text(value: Spanned<Text>, what: &str, problems: &mut Vec<Diagnostic>) -> Text {
    for lang in value.get_ref().missing() {
        problems.push(
            Diagnostic::new(Code::MissingTranslation)
                .arg("what", what)
                .arg("lang", lang.tag())
                .at(value.span()),
        );
    }
    value.into_inner()
}

/// YYYY, YYYY-MM or YYYY-MM-DD with a plausible month and day.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok())
    };
    match parts.as_slice() {
        [y] => number(y, 4).flatten().is_some(),
        [y, m] => {
            number(y, 4).flatten().is_some()
                && number(m, 2)
                    .flatten()
                    .is_some_and(|m| (1..=12).contains(&m))
        }
        [y, m, d] => {
            number(y, 4).flatten().is_some()
                && number(m, 2)
                    .flatten()
                    .is_some_and(|m| (1..=12).contains(&m))
                && number(d, 2)
                    .flatten()
                    .is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_file_loads_with_every_place_of_the_source() {
        let i = Incentives::embedded();
        assert!(!i.entries.is_empty());
        for region in ["350200", "320400", "320206", "320200", "440300", "61", "37"] {
            assert!(
                i.entries.iter().any(|e| e.region == region),
                "no entry for {region}"
            );
        }
    }

    #[test]
    fn regions_meet_at_the_less_precise_code() {
        assert!(regions_meet("32", "320400"));
        assert!(regions_meet("320400", "320400"));
        assert!(regions_meet("320200", "320206"));
        assert!(regions_meet("320206", "320200"));
        assert!(!regions_meet("320206", "320205"));
        assert!(!regions_meet("320400", "320200"));
        assert!(!regions_meet("61", "320400"));
    }

    #[test]
    fn values_are_said_in_each_language() {
        let i = Incentives::embedded();
        let xiamen3 = i
            .entries
            .iter()
            .find(|e| e.region == "350200" && e.level == 3)
            .unwrap();
        assert_eq!(xiamen3.value(Lang::ZhCn), "50 万元");
        assert_eq!(xiamen3.value(Lang::En), "CNY 500,000");
        let shenzhen4 = i
            .entries
            .iter()
            .find(|e| e.region == "440300" && e.level == 4)
            .unwrap();
        assert_eq!(shenzhen4.kind, Kind::Share);
        assert_eq!(shenzhen4.value(Lang::En), "20%");
        assert_eq!(thousands(2_000_000), "2,000,000");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn dates() {
        for good in ["2022", "2022-05", "2022-05-31"] {
            assert!(is_date(good), "{good}");
        }
        for bad in ["22", "2022-13", "2022-5", "2022-05-32", "soon", ""] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
