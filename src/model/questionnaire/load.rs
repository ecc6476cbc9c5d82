//! Questionnaire files: the TOML form, and the checks that turn it into a [`Questionnaire`].

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::raw::{RawFile, RawHeader, RawLevel, RawRequirement, RawScaleStep};
use super::{
    Domain, Element, Header, IndustryType, LEVELS, Level, LevelExamples, MAX_CELL, MAX_WEIGHT,
    Questionnaire, Requirement, ScaleStep, Subdomain, WEIGHT_UNIT, revisions,
};
use crate::model::diagnostic::{Code, Diagnostic, FileError};
use crate::model::rating::Rating;
use crate::model::source;
use crate::model::text::Text;

/// The embedded default questionnaire file.
pub const DEFAULT_SOURCE: &str = include_str!("../../../questionnaires/gbt39116-2020.toml");

impl Questionnaire {
    /// Reads and validates the questionnaire file at `path`.
    pub fn load(path: &Path) -> Result<Questionnaire, FileError> {
        let text = source::read_text(path)?;
        Questionnaire::from_source(path, &text)
    }

    /// Validates questionnaire `text`, naming `path` in errors.
    pub fn from_source(path: &Path, text: &str) -> Result<Questionnaire, FileError> {
        let raw: RawFile = source::parse_toml(path, text)?;
        let mut checker = Checker::default();
        let questionnaire = checker.build(raw);
        if checker.problems.is_empty()
            && let Some(mut q) = questionnaire
        {
            q.origin = path.display().to_string();
            return Ok(q);
        }
        Err(FileError::new(
            path,
            Some(text.to_string()),
            checker.problems,
        ))
    }
}

#[derive(Default)]
struct Checker {
    problems: Vec<Diagnostic>,
}

impl Checker {
    fn report(&mut self, diagnostic: Diagnostic) {
        self.problems.push(diagnostic);
    }

    fn text(&mut self, text: Spanned<Text>, what: impl Fn() -> String) -> Text {
        for lang in text.get_ref().missing() {
            self.report(
                Diagnostic::new(Code::MissingTranslation)
                    .arg("what", what())
                    .arg("lang", lang)
                    .at(text.span()),
            );
        }
        text.into_inner()
    }

    fn not_empty(&mut self, value: &Spanned<String>, key: &str) {
        if value.get_ref().trim().is_empty() {
            self.report(
                Diagnostic::new(Code::EmptyValue)
                    .arg("key", key)
                    .at(value.span()),
            );
        }
    }

    fn key_name(&mut self, key: &Spanned<String>) {
        let k = key.get_ref();
        let good = k.starts_with(|c: char| c.is_ascii_lowercase())
            && k.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !good {
            self.report(
                Diagnostic::new(Code::BadKeyName)
                    .arg("key", k)
                    .at(key.span()),
            );
        }
    }

    /// Registers `key` under `kind`, reporting a duplicate; returns its index.
    fn unique(
        &mut self,
        seen: &mut HashMap<String, usize>,
        kind: &str,
        key: &Spanned<String>,
    ) -> usize {
        let next = seen.len();
        match seen.get(key.get_ref()) {
            Some(&index) => {
                self.report(
                    Diagnostic::new(Code::DuplicateKey)
                        .arg("kind", kind)
                        .arg("key", key.get_ref())
                        .at(key.span()),
                );
                index
            }
            None => {
                seen.insert(key.get_ref().clone(), next);
                next
            }
        }
    }

    fn build(&mut self, raw: RawFile) -> Option<Questionnaire> {
        let header = self.header(raw.questionnaire);
        let levels = self.levels(raw.levels);
        let scale = self.scale(raw.scale);

        let mut element_keys = HashMap::new();
        let mut elements = Vec::new();
        for e in raw.elements {
            self.key_name(&e.key);
            let before = element_keys.len();
            self.unique(&mut element_keys, "element", &e.key);
            if element_keys.len() > before {
                let key = e.key.get_ref().clone();
                let name = self.text(e.name, || format!("elements.{key}.name"));
                elements.push(Element { key, name });
            }
        }

        let mut domain_keys = HashMap::new();
        let mut domains = Vec::new();
        for d in raw.domains {
            self.key_name(&d.key);
            let before = domain_keys.len();
            self.unique(&mut domain_keys, "domain", &d.key);
            let element = element_keys.get(d.element.get_ref()).copied();
            if element.is_none() {
                self.report(
                    Diagnostic::new(Code::UnknownElement)
                        .arg("key", d.element.get_ref())
                        .at(d.element.span()),
                );
            }
            if domain_keys.len() > before {
                let key = d.key.get_ref().clone();
                let name = self.text(d.name, || format!("domains.{key}.name"));
                domains.push(Domain {
                    key,
                    name,
                    element: element.unwrap_or(usize::MAX),
                });
            }
        }

        let mut subdomain_keys = HashMap::new();
        let mut subdomains = Vec::new();
        // Per sub-domain kept: where its key is, and the levels it says it skips.
        let mut skips = Vec::new();
        for s in raw.subdomains {
            self.key_name(&s.key);
            let before = subdomain_keys.len();
            self.unique(&mut subdomain_keys, "subdomain", &s.key);
            let domain = domain_keys.get(s.domain.get_ref()).copied();
            if domain.is_none() {
                self.report(
                    Diagnostic::new(Code::UnknownDomain)
                        .arg("key", s.domain.get_ref())
                        .at(s.domain.span()),
                );
            }
            let weight_micro = match s.weight {
                None => WEIGHT_UNIT,
                Some(w) => self.weight(&w),
            };
            if subdomain_keys.len() > before {
                let key = s.key.get_ref().clone();
                let name = self.text(s.name, || format!("subdomains.{key}.name"));
                let domain = domain.unwrap_or(usize::MAX);
                let element = domains.get(domain).map_or(usize::MAX, |d| d.element);
                subdomains.push(Subdomain {
                    key,
                    name,
                    domain,
                    element,
                    weight_micro,
                    tailorable: [false, false],
                });
                skips.push((s.key.span(), s.skip_levels));
            }
        }

        for (index, element) in elements.iter().enumerate() {
            if !domains.iter().any(|d| d.element == index) {
                self.report(Diagnostic::new(Code::EmptyElement).arg("key", &element.key));
            }
        }
        for (index, domain) in domains.iter().enumerate() {
            if !subdomains.iter().any(|s| s.domain == index) {
                self.report(Diagnostic::new(Code::EmptyDomain).arg("key", &domain.key));
            }
        }

        for (industry_type, list) in [
            (IndustryType::Discrete, raw.tailoring.discrete),
            (IndustryType::Process, raw.tailoring.process),
        ] {
            for key in list {
                match subdomain_keys.get(key.get_ref()) {
                    Some(&s) => subdomains[s].tailorable[industry_type as usize] = true,
                    None => self.report(
                        Diagnostic::new(Code::UnknownSubdomain)
                            .arg("key", key.get_ref())
                            .at(key.span()),
                    ),
                }
            }
        }

        let requirements = self.requirements(raw.requirements, &subdomain_keys);
        self.cell_sizes(&requirements, &subdomains);
        self.cells_filled(&requirements, &subdomains, &skips);

        if subdomains.is_empty() || requirements.is_empty() {
            self.report(Diagnostic::new(Code::EmptyModel));
        }
        if !self.problems.is_empty() {
            return None;
        }
        let mut q = assemble(
            header?,
            levels?,
            scale?,
            elements,
            domains,
            subdomains,
            requirements,
        );
        q.migrations = revisions::migrations(raw.migrate, &q, &mut self.problems);
        q.weight_profiles = revisions::weight_profiles(raw.weight_profiles, &q, &mut self.problems);
        self.problems.is_empty().then_some(q)
    }

    fn header(&mut self, raw: RawHeader) -> Option<Header> {
        self.not_empty(&raw.id, "questionnaire.id");
        self.not_empty(&raw.version, "questionnaire.version");
        let title = self.text(raw.title, || "questionnaire.title".into());
        let wording = raw
            .wording
            .map(|w| self.text(w, || "questionnaire.wording".into()));
        Some(Header {
            id: raw.id.into_inner().trim().to_string(),
            version: raw.version.into_inner().trim().to_string(),
            standard: raw.standard,
            title,
            wording,
        })
    }

    fn levels(&mut self, raw: Vec<RawLevel>) -> Option<Vec<Level>> {
        let mut slots: [Option<Level>; 5] = Default::default();
        for l in raw {
            let number = *l.level.get_ref();
            if !(1..=5).contains(&number) {
                self.report(
                    Diagnostic::new(Code::LevelOutOfRange)
                        .arg("level", number)
                        .at(l.level.span()),
                );
                continue;
            }
            let slot = &mut slots[(number - 1) as usize];
            if slot.is_some() {
                self.report(
                    Diagnostic::new(Code::DuplicateLevel)
                        .arg("level", number)
                        .at(l.level.span()),
                );
                continue;
            }
            let name = self.text(l.name, || format!("levels.{number}.name"));
            let description = self.text(l.description, || format!("levels.{number}.description"));
            let examples = l.examples.map(|e| LevelExamples {
                pi: self.text(e.pi, || format!("levels.{number}.examples.PI")),
                li: self.text(e.li, || format!("levels.{number}.examples.LI")),
                fi: self.text(e.fi, || format!("levels.{number}.examples.FI")),
            });
            *slot = Some(Level {
                level: number as u8,
                name,
                description,
                examples,
            });
        }
        let missing: Vec<String> = LEVELS
            .iter()
            .filter(|&&l| slots[usize::from(l - 1)].is_none())
            .map(u8::to_string)
            .collect();
        if !missing.is_empty() {
            self.report(Diagnostic::new(Code::LevelsIncomplete).arg("missing", missing.join(", ")));
            return None;
        }
        Some(slots.into_iter().flatten().collect())
    }

    fn scale(&mut self, raw: Vec<RawScaleStep>) -> Option<Vec<ScaleStep>> {
        let mut slots: [Option<(ScaleStep, Range<usize>)>; 4] = Default::default();
        for step in raw {
            let code = step.code.get_ref();
            let Some(rating) = Rating::ALL.into_iter().find(|r| r.code() == code) else {
                self.report(
                    Diagnostic::new(Code::ScaleCode)
                        .arg("code", code)
                        .at(step.code.span()),
                );
                continue;
            };
            if slots[rating.index()].is_some() {
                self.report(
                    Diagnostic::new(Code::DuplicateKey)
                        .arg("kind", "scale")
                        .arg("key", code)
                        .at(step.code.span()),
                );
                continue;
            }
            let value = *step.value.get_ref();
            let milli = (value * 1000.0).round();
            if !(0.0..=1.0).contains(&value) || (value * 1000.0 - milli).abs() > 1e-6 {
                self.report(
                    Diagnostic::new(Code::ScaleValue)
                        .arg("code", code)
                        .arg("value", value)
                        .at(step.value.span()),
                );
            }
            let name = self.text(step.name, || format!("scale.{rating}.name"));
            let finding = self.text(step.finding, || format!("scale.{rating}.finding"));
            let guidance = self.text(step.guidance, || format!("scale.{rating}.guidance"));
            slots[rating.index()] = Some((
                ScaleStep {
                    rating,
                    value_milli: milli.clamp(0.0, 1000.0) as u32,
                    name,
                    finding,
                    guidance,
                },
                step.value.span(),
            ));
        }
        let missing: Vec<&str> = Rating::ALL
            .into_iter()
            .filter(|r| slots[r.index()].is_none())
            .map(Rating::code)
            .collect();
        if !missing.is_empty() {
            self.report(Diagnostic::new(Code::ScaleIncomplete).arg("missing", missing.join(", ")));
            return None;
        }
        let steps: Vec<(ScaleStep, Range<usize>)> = slots.into_iter().flatten().collect();
        for pair in steps.windows(2) {
            if pair[1].0.value_milli <= pair[0].0.value_milli {
                self.report(
                    Diagnostic::new(Code::ScaleOrder)
                        .arg("lower", pair[0].0.rating)
                        .arg("higher", pair[1].0.rating)
                        .at(pair[1].1.clone()),
                );
            }
        }
        Some(steps.into_iter().map(|(step, _)| step).collect())
    }

    /// The weight in millionths.
    fn weight(&mut self, w: &Spanned<f64>) -> i128 {
        let value = *w.get_ref();
        let scaled = (value * WEIGHT_UNIT as f64).round();
        let most = (MAX_WEIGHT * WEIGHT_UNIT) as f64;
        if !value.is_finite() || !(1.0..=most).contains(&scaled) {
            self.report(
                Diagnostic::new(Code::BadWeight)
                    .arg("value", value)
                    .arg("max", MAX_WEIGHT)
                    .at(w.span()),
            );
            return WEIGHT_UNIT;
        }
        scaled as i128
    }

    fn requirements(
        &mut self,
        raw: Vec<RawRequirement>,
        subdomain_keys: &HashMap<String, usize>,
    ) -> Vec<Requirement> {
        let mut seen = HashSet::new();
        let mut out = Vec::with_capacity(raw.len());
        for r in raw {
            let id = r.id.get_ref().clone();
            let Some((subdomain, level, number)) = self.requirement_id(&r.id, subdomain_keys)
            else {
                continue;
            };
            if !seen.insert(id.clone()) {
                self.report(
                    Diagnostic::new(Code::DuplicateId)
                        .arg("id", &id)
                        .at(r.id.span()),
                );
                continue;
            }
            let text = self.text(r.text, || format!("{id}.text"));
            let evidence = r
                .evidence
                .map(|e| self.text(e, || format!("{id}.evidence")));
            let condition = r
                .conditional
                .map(|c| self.text(c, || format!("{id}.conditional")));
            out.push(Requirement {
                id,
                subdomain,
                level,
                number,
                text,
                evidence,
                condition,
            });
        }
        out
    }

    fn cell_sizes(&mut self, requirements: &[Requirement], subdomains: &[Subdomain]) {
        let mut sizes: HashMap<(usize, u8), usize> = HashMap::new();
        for r in requirements {
            *sizes.entry((r.subdomain, r.level)).or_default() += 1;
        }
        let mut over: Vec<_> = sizes.into_iter().filter(|&(_, n)| n > MAX_CELL).collect();
        over.sort();
        for ((s, level), count) in over {
            self.report(
                Diagnostic::new(Code::CellTooLarge)
                    .arg("key", &subdomains[s].key)
                    .arg("level", level)
                    .arg("count", count)
                    .arg("max", MAX_CELL),
            );
        }
    }

    /// Every sub-domain has requirements, and at every level unless it says it skips that one
    /// (`skip_levels`): a questionnaire file cut short must not pass as complete.
    fn cells_filled(
        &mut self,
        requirements: &[Requirement],
        subdomains: &[Subdomain],
        skips: &[(Range<usize>, Vec<Spanned<i64>>)],
    ) {
        for (index, (subdomain, (key_span, skip))) in subdomains.iter().zip(skips).enumerate() {
            let filled: Vec<u8> = LEVELS
                .into_iter()
                .filter(|&l| {
                    requirements
                        .iter()
                        .any(|r| r.subdomain == index && r.level == l)
                })
                .collect();
            for level in skip {
                let value = *level.get_ref();
                let valid = (1..=5).contains(&value) && !filled.contains(&(value as u8));
                if !valid {
                    self.report(
                        Diagnostic::new(Code::SkipLevel)
                            .arg("key", &subdomain.key)
                            .arg("level", value)
                            .at(level.span()),
                    );
                }
            }
            if filled.is_empty() {
                self.report(
                    Diagnostic::new(Code::EmptySubdomain)
                        .arg("key", &subdomain.key)
                        .at(key_span.clone()),
                );
                continue;
            }
            let skipped = |l: u8| skip.iter().any(|s| *s.get_ref() == i64::from(l));
            for level in LEVELS {
                if !filled.contains(&level) && !skipped(level) {
                    self.report(
                        Diagnostic::new(Code::EmptyCell)
                            .arg("key", &subdomain.key)
                            .arg("level", level)
                            .at(key_span.clone()),
                    );
                }
            }
        }
    }

    /// Splits `<sub-domain>.<level>.<n>`, reporting what is wrong with it.
    fn requirement_id(
        &mut self,
        id: &Spanned<String>,
        subdomain_keys: &HashMap<String, usize>,
    ) -> Option<(usize, u8, u32)> {
        let text = id.get_ref();
        let parts: Vec<&str> = text.split('.').collect();
        let is_number =
            |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0');
        if parts.len() != 3 || !is_number(parts[1]) || !is_number(parts[2]) {
            self.report(
                Diagnostic::new(Code::BadRequirementId)
                    .arg("id", text)
                    .at(id.span()),
            );
            return None;
        }
        let level: u8 = match parts[1].parse() {
            Ok(l) if (1..=5).contains(&l) => l,
            _ => {
                self.report(
                    Diagnostic::new(Code::LevelOutOfRange)
                        .arg("level", parts[1])
                        .at(id.span()),
                );
                return None;
            }
        };
        let Ok(number) = parts[2].parse::<u32>() else {
            self.report(
                Diagnostic::new(Code::BadRequirementId)
                    .arg("id", text)
                    .at(id.span()),
            );
            return None;
        };
        let Some(&subdomain) = subdomain_keys.get(parts[0]) else {
            self.report(
                Diagnostic::new(Code::UnknownSubdomain)
                    .arg("key", parts[0])
                    .at(id.span()),
            );
            return None;
        };
        Some((subdomain, level, number))
    }
}

fn assemble(
    header: Header,
    levels: Vec<Level>,
    scale: Vec<ScaleStep>,
    elements: Vec<Element>,
    domains: Vec<Domain>,
    subdomains: Vec<Subdomain>,
    mut requirements: Vec<Requirement>,
) -> Questionnaire {
    requirements.sort_by_key(|r| (r.subdomain, r.level, r.number));
    let mut cells = vec![<[Range<usize>; 5]>::default(); subdomains.len()];
    let mut start = 0;
    for (s, cell) in cells.iter_mut().enumerate() {
        for level in LEVELS {
            let end = start
                + requirements[start..]
                    .iter()
                    .take_while(|r| r.subdomain == s && r.level == level)
                    .count();
            cell[usize::from(level - 1)] = start..end;
            start = end;
        }
    }
    // Every count up to the largest cell, not only the sizes that occur: requirements marked not
    // applicable leave a cell with fewer, and its mean must stay a whole number of units.
    let largest = cells
        .iter()
        .flatten()
        .map(|cell| cell.len())
        .max()
        .unwrap_or(1);
    let cell_lcm = (1..=largest as i128).fold(1, num_integer::lcm);
    let by_id = requirements
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let by_subdomain_key = subdomains
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key.clone(), i))
        .collect();
    Questionnaire {
        header,
        levels,
        scale,
        elements,
        domains,
        subdomains,
        requirements,
        cells,
        cell_lcm,
        by_id,
        by_subdomain_key,
        origin: String::new(),
        migrations: Vec::new(),
        weight_profiles: Vec::new(),
        fingerprint: std::sync::OnceLock::new(),
    }
}
