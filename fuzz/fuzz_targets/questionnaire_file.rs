//! Questionnaire files (`*.toml`): load any UTF-8 text as a questionnaire. Any error result is
//! fine. A questionnaire that loads must be complete and consistent, since everything else
//! indexes into it without checking: every sub-domain has requirements, its cells tile its
//! range level by level, every id finds its requirement, answers rating everything load back,
//! and scoring, the JSON form and the fingerprint do not panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use zizhen::model::{Answers, Questionnaire, Rating};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(q) = Questionnaire::from_source(Path::new("fuzz.toml"), text) else {
        return;
    };
    assert!(!q.subdomains.is_empty() && !q.requirements.is_empty());
    for s in 0..q.subdomains.len() {
        let range = q.subdomain_requirements(s);
        if range.is_empty() {
            panic!("sub-domain {} has no requirements", q.subdomains[s].key);
        }
        let mut next = range.start;
        for level in 1..=5u8 {
            let cell = q.cell(s, level);
            assert_eq!(
                cell.start, next,
                "cells of {} do not tile",
                q.subdomains[s].key
            );
            for r in &q.requirements[cell.clone()] {
                assert_eq!(
                    (r.subdomain, r.level),
                    (s, level),
                    "{} in the wrong cell",
                    r.id
                );
            }
            next = cell.end;
        }
        assert_eq!(
            next, range.end,
            "cells of {} do not tile",
            q.subdomains[s].key
        );
    }
    for (i, r) in q.requirements.iter().enumerate() {
        assert_eq!(
            q.requirement_index(&r.id),
            Some(i),
            "{} is not found by its id",
            r.id
        );
    }

    let path = Path::new("answers.toml");
    let mut answers = Answers::new(&q);
    for (i, r) in q.requirements.iter().enumerate() {
        answers
            .ratings
            .insert(r.id.clone(), zizhen::model::answers::Rated::given(Rating::ALL[i % 4]));
    }
    let written = answers.to_toml();
    let loaded = match Answers::from_source(path, &written, &q) {
        Ok(loaded) => loaded,
        Err(e) => panic!("answers rating every requirement do not load: {e:?}\n{written}"),
    };
    assert_eq!(loaded.ratings, answers.ratings);
    let _ = zizhen::model::scoring::score(&q, &loaded);
    let _ = zizhen::model::scoring::score(&q, &Answers::new(&q));
    let _ = zizhen::result::questionnaire_sha256(&q);
});
