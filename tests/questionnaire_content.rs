//! The shipped questionnaire is the complete model of the domain brief, with 2–4 bilingual
//! requirements, each with an evidence hint, for every sub-domain and level.

use zizhen::model::{IndustryType, Questionnaire};

const SUBDOMAINS: [(&str, &str, &str); 20] = [
    ("strategy", "strategy", "personnel"),
    ("skills", "skills", "personnel"),
    ("data", "data", "technology"),
    ("integration", "integration", "technology"),
    ("security", "security", "technology"),
    ("equipment", "equipment", "resources"),
    ("network", "network", "resources"),
    ("product-design", "design", "manufacturing"),
    ("process-design", "design", "manufacturing"),
    ("procurement", "production", "manufacturing"),
    ("planning", "production", "manufacturing"),
    ("operations", "production", "manufacturing"),
    ("maintenance", "production", "manufacturing"),
    ("warehousing", "production", "manufacturing"),
    ("ehs", "production", "manufacturing"),
    ("energy", "production", "manufacturing"),
    ("logistics", "logistics", "manufacturing"),
    ("sales", "sales", "manufacturing"),
    ("customer-service", "service", "manufacturing"),
    ("product-service", "service", "manufacturing"),
];

#[test]
fn structure_matches_the_model() {
    let q = Questionnaire::embedded();
    assert_eq!(q.id(), "gbt39116-2020");
    assert_eq!(q.elements.len(), 4);
    assert_eq!(q.domains.len(), 12);
    let found: Vec<(&str, &str, &str)> = q
        .subdomains
        .iter()
        .map(|s| {
            (
                s.key.as_str(),
                q.domains[s.domain].key.as_str(),
                q.elements[s.element].key.as_str(),
            )
        })
        .collect();
    assert_eq!(found, SUBDOMAINS);
    let names: Vec<&str> = q.levels.iter().map(|l| l.name.zh.as_str()).collect();
    assert_eq!(names, ["规划级", "规范级", "集成级", "优化级", "引领级"]);
    let values: Vec<u32> = q.scale.iter().map(|s| s.value_milli).collect();
    assert_eq!(values, [0, 500, 800, 1000]);
    assert!(
        q.header.wording.is_some(),
        "the header says the wording is ours"
    );
}

#[test]
fn every_cell_has_two_to_four_requirements_in_both_languages() {
    let q = Questionnaire::embedded();
    for (s, subdomain) in q.subdomains.iter().enumerate() {
        for level in 1..=5 {
            let cell = q.cell(s, level);
            assert!(
                (2..=4).contains(&cell.len()),
                "{} level {level}: {} requirements",
                subdomain.key,
                cell.len()
            );
            for r in &q.requirements[cell] {
                assert!(
                    r.id.starts_with(&format!("{}.{level}.", subdomain.key)),
                    "{} sits in its cell",
                    r.id
                );
                assert!(r.text.missing().is_empty(), "{}", r.id);
                let evidence = r
                    .evidence
                    .as_ref()
                    .unwrap_or_else(|| panic!("{} evidence", r.id));
                assert!(evidence.missing().is_empty(), "{} evidence", r.id);
                assert!(
                    r.text.zh.ends_with('。'),
                    "{}: Chinese sentence ends with 。",
                    r.id
                );
                assert!(
                    r.text.en.ends_with('.'),
                    "{}: English sentence ends with a period",
                    r.id
                );
            }
        }
    }
}

#[test]
fn tailoring_rule_of_the_brief() {
    let q = Questionnaire::embedded();
    let tailorable = |t: IndustryType| -> Vec<&str> {
        q.subdomains
            .iter()
            .filter(|s| s.tailorable_for(t))
            .map(|s| s.key.as_str())
            .collect()
    };
    assert_eq!(
        tailorable(IndustryType::Discrete),
        [
            "product-design",
            "process-design",
            "logistics",
            "sales",
            "customer-service",
            "product-service"
        ]
    );
    assert_eq!(
        tailorable(IndustryType::Process),
        [
            "product-design",
            "logistics",
            "sales",
            "customer-service",
            "product-service"
        ]
    );
}

#[test]
fn no_vague_verbs() {
    let q = Questionnaire::embedded();
    for r in &q.requirements {
        for vague in ["应加强", "不断提升", "实现智能化"] {
            assert!(!r.text.zh.contains(vague), "{}: {vague}", r.id);
        }
    }
}

/// Ids are upload keys: every id of an earlier version this build carries is either still here
/// (same check) or in the migration table, never both; a retired number is never reused.
#[test]
fn every_earlier_id_is_kept_or_migrated_and_no_number_is_reused() {
    let q = Questionnaire::embedded();
    for earlier in Questionnaire::embedded_versions().into_iter().skip(1) {
        let migration = q
            .migration_from(&earlier.header.version)
            .unwrap_or_else(|| panic!("no migration from {}", earlier.header.version));
        for r in &earlier.requirements {
            let kept = q.requirement_index(&r.id).is_some();
            let mapped = migration.fates.contains_key(&r.id);
            assert!(
                kept != mapped,
                "{}: kept {kept}, in the migration table {mapped}",
                r.id
            );
        }
        // A new id is numbered above every number its cell ever had.
        for r in &q.requirements {
            if earlier.requirement_index(&r.id).is_some() {
                continue;
            }
            let highest_before = earlier
                .requirements
                .iter()
                .filter(|e| e.subdomain == r.subdomain && e.level == r.level)
                .map(|e| e.number)
                .max()
                .unwrap_or(0);
            assert!(
                r.number > highest_before,
                "{} reuses a number of {} (highest there was {highest_before})",
                r.id,
                earlier.header.version
            );
        }
    }
}

#[test]
fn conditions_are_written_in_both_languages_and_used_sparingly() {
    let q = Questionnaire::embedded();
    let conditional: Vec<_> = q
        .requirements
        .iter()
        .filter(|r| r.condition.is_some())
        .collect();
    assert!(!conditional.is_empty());
    // A condition excuses what a plant cannot have, not weak practice: few of them.
    assert!(
        conditional.len() * 10 < q.requirements.len(),
        "{} conditional",
        conditional.len()
    );
    for r in conditional {
        let c = r.condition.as_ref().unwrap();
        assert!(c.missing().is_empty(), "{}", r.id);
    }
}
