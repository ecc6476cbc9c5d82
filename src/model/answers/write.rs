//! Writing an answers file, in the same format it is read from.

use std::collections::BTreeMap;

use super::Answers;

impl Answers {
    /// Writes the answers as TOML in the same format they are read from.
    pub fn to_toml(&self) -> String {
        use toml::Value;
        let mut doc = toml::Table::new();
        doc.insert(
            "questionnaire".into(),
            Value::from(self.questionnaire.clone()),
        );
        if let Some(version) = &self.questionnaire_version {
            doc.insert("questionnaire_version".into(), Value::from(version.clone()));
        }
        let mut profile = toml::Table::new();
        let p = &self.profile;
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(v) = value {
                profile.insert(key.into(), v);
            }
        };
        put("name", p.name.clone().map(Value::from));
        put("credit_code", p.credit_code.clone().map(Value::from));
        put("industry", p.industry.clone().map(Value::from));
        put(
            "industry_type",
            p.industry_type.map(|t| Value::from(t.key())),
        );
        put("province", p.province.clone().map(Value::from));
        put(
            "employees",
            p.employees
                .map(|e| Value::Integer(i64::try_from(e).unwrap_or(i64::MAX))),
        );
        put("revenue", p.revenue.map(Value::Float));
        put(
            "covers",
            p.covers
                .as_ref()
                .map(|c| Value::Array(c.iter().map(|c| Value::from(c.key())).collect())),
        );
        doc.insert("profile".into(), Value::Table(profile));
        let strings = |map: &BTreeMap<String, String>| {
            Value::Table(
                map.iter()
                    .map(|(k, v)| (k.clone(), Value::from(v.clone())))
                    .collect(),
            )
        };
        doc.insert("tailoring".into(), strings(&self.tailoring));
        doc.insert(
            "ratings".into(),
            Value::Table(
                self.ratings
                    .iter()
                    .map(|(k, r)| (k.clone(), Value::from(r.rating.code())))
                    .collect(),
            ),
        );
        doc.insert("notes".into(), strings(&self.notes));
        if !self.not_applicable.is_empty() {
            doc.insert("not_applicable".into(), strings(&self.not_applicable));
        }
        if let Some(weights) = &self.weights {
            let mut table: toml::Table = weights
                .table
                .as_decimals()
                .into_iter()
                .map(|(k, w)| (k, Value::Float(w)))
                .collect();
            table.insert("reason".into(), Value::from(weights.reason.clone()));
            doc.insert("weights".into(), Value::Table(table));
        }
        let mut assessment = toml::Table::new();
        if let Some(created) = &self.meta.created {
            assessment.insert("created".into(), Value::from(created.clone()));
        }
        if let Some(updated) = &self.meta.updated {
            assessment.insert("updated".into(), Value::from(updated.clone()));
        }
        if let Some(target) = self.meta.target_level {
            assessment.insert("target_level".into(), Value::Integer(i64::from(target)));
        }
        let estimates: Vec<toml::Value> = self
            .ratings
            .iter()
            .filter(|(_, r)| r.estimate)
            .map(|(id, _)| Value::from(id.clone()))
            .collect();
        if !estimates.is_empty() {
            assessment.insert("estimates".into(), Value::Array(estimates));
        }
        if !assessment.is_empty() {
            doc.insert("assessment".into(), Value::Table(assessment));
        }
        toml::to_string(&doc).unwrap_or_default()
    }
}
