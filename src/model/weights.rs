//! Weights (GB/T 39117 sets capability-domain weights at the pre-assessment): a table of
//! sub-domain or domain weights, as a questionnaire's weight profile or an assessor's override
//! for one assessment, and the exact per-sub-domain weights the engine uses.
//!
//! A table names either sub-domains or domains, not both; whatever it does not name weighs 1; a
//! domain's weight is split equally over its sub-domains. Nine keys are both a domain and its
//! only sub-domain, so a table is read as **domain** weights when it names a domain with several
//! sub-domains (`design`, `production`, `service`) and as sub-domain weights otherwise.
//! Weights renormalise over what applies (the engine divides by their sum).

use std::collections::BTreeMap;

use num_rational::Ratio;
use toml::Spanned;

use super::diagnostic::{Code, Diagnostic};
use super::questionnaire::{MAX_WEIGHT, Questionnaire, WEIGHT_UNIT};

/// What a weight table names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    Subdomains,
    Domains,
}

impl Basis {
    pub fn key(self) -> &'static str {
        match self {
            Basis::Subdomains => "subdomains",
            Basis::Domains => "domains",
        }
    }
}

/// A checked weight table: keys (sub-domain or domain) with weights in millionths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeightTable {
    pub basis: Basis,
    /// Key → weight in millionths (> 0), in the order of the questionnaire.
    pub weights: BTreeMap<String, i128>,
}

impl WeightTable {
    /// Checks `(key, weight)` pairs against `q`: keys known, weights finite and in
    /// (0, [`MAX_WEIGHT`]], exact to a millionth, and not domains and their sub-domains mixed.
    pub fn check(
        q: &Questionnaire,
        entries: &[(Spanned<String>, Spanned<f64>)],
    ) -> Result<WeightTable, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let multi = |key: &str| {
            q.domains
                .iter()
                .position(|d| d.key == key)
                .is_some_and(|d| q.subdomains_of_domain(d).count() > 1)
        };
        let names_multi_domain = entries.iter().any(|(k, _)| multi(k.get_ref()));
        let basis = if names_multi_domain {
            Basis::Domains
        } else {
            Basis::Subdomains
        };
        let mut weights = BTreeMap::new();
        for (key, value) in entries {
            let name = key.get_ref();
            let known = match basis {
                Basis::Domains => q.domains.iter().any(|d| &d.key == name),
                Basis::Subdomains => q.subdomain_index(name).is_some(),
            };
            if !known {
                // A sub-domain inside a multi-sub-domain domain, named beside such a domain.
                let mixed = basis == Basis::Domains && q.subdomain_index(name).is_some();
                problems.push(
                    Diagnostic::new(if mixed {
                        Code::WeightsMixed
                    } else {
                        Code::WeightUnknownKey
                    })
                    .arg("key", name)
                    .at(key.span()),
                );
                continue;
            }
            let w = *value.get_ref();
            let micro = (w * WEIGHT_UNIT as f64).round();
            let exact = (w * WEIGHT_UNIT as f64 - micro).abs() < 1e-6;
            if !w.is_finite() || micro < 1.0 || micro > (MAX_WEIGHT * WEIGHT_UNIT) as f64 || !exact
            {
                problems.push(
                    Diagnostic::new(Code::BadWeight)
                        .arg("value", w)
                        .arg("max", MAX_WEIGHT)
                        .at(value.span()),
                );
                continue;
            }
            weights.insert(name.clone(), micro as i128);
        }
        if problems.is_empty() {
            Ok(WeightTable { basis, weights })
        } else {
            Err(problems)
        }
    }

    /// The weight of every sub-domain (in questionnaire order) as integers on one common
    /// denominator: exact, so 2/7 stays 2/7.
    pub fn per_subdomain(&self, q: &Questionnaire) -> Vec<i128> {
        match self.basis {
            Basis::Subdomains => q
                .subdomains
                .iter()
                .map(|s| self.weights.get(&s.key).copied().unwrap_or(WEIGHT_UNIT))
                .collect(),
            Basis::Domains => {
                let sizes: Vec<i128> = (0..q.domains.len())
                    .map(|d| q.subdomains_of_domain(d).count().max(1) as i128)
                    .collect();
                let common = sizes.iter().copied().fold(1, num_integer::lcm);
                q.subdomains
                    .iter()
                    .map(|s| {
                        let domain = &q.domains[s.domain];
                        let w = self
                            .weights
                            .get(&domain.key)
                            .copied()
                            .unwrap_or(WEIGHT_UNIT);
                        w * (common / sizes[s.domain])
                    })
                    .collect()
            }
        }
    }

    /// Each sub-domain's exact weight relative to a weight of 1 (for display and results).
    pub fn relative(&self, q: &Questionnaire) -> Vec<Ratio<i128>> {
        let per = self.per_subdomain(q);
        let unit = match self.basis {
            Basis::Subdomains => WEIGHT_UNIT,
            Basis::Domains => {
                let sizes = (0..q.domains.len()).map(|d| q.subdomains_of_domain(d).count().max(1));
                WEIGHT_UNIT * sizes.map(|n| n as i128).fold(1, num_integer::lcm)
            }
        };
        per.into_iter().map(|w| Ratio::new(w, unit)).collect()
    }

    /// The table as written (key → weight as a decimal), for files.
    pub fn as_decimals(&self) -> BTreeMap<String, f64> {
        self.weights
            .iter()
            .map(|(k, &w)| (k.clone(), w as f64 / WEIGHT_UNIT as f64))
            .collect()
    }
}
