//! The single-valued fields of an assessment — the enterprise profile's eight, the target level
//! and the assessor's weights — named, read as text and copied from one set of answers to
//! another. `compare` lists the ones that changed; `merge` unions them across parts.

use super::answers::Answers;

/// One field of an assessment that holds a single value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Name,
    CreditCode,
    Industry,
    IndustryType,
    Province,
    Employees,
    Revenue,
    Covers,
    /// The level the enterprise aims for (`[assessment] target_level`).
    Target,
    /// The assessor's weights for this assessment (`[weights]`, with its reason).
    Weights,
}

impl Field {
    /// The enterprise profile's eight, in the order the profile form shows them.
    pub const PROFILE: [Field; 8] = [
        Field::Name,
        Field::CreditCode,
        Field::Industry,
        Field::IndustryType,
        Field::Province,
        Field::Employees,
        Field::Revenue,
        Field::Covers,
    ];

    /// Every field: the profile's eight, then the target and the weights.
    pub const ALL: [Field; 10] = {
        let [a, b, c, d, e, f, g, h] = Field::PROFILE;
        [a, b, c, d, e, f, g, h, Field::Target, Field::Weights]
    };

    /// The key used in JSON and in the answers file (`employees`, `target_level`, `weights`),
    /// and in the locale keys that name the field (`form.employees`, `compare.field.weights`).
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::CreditCode => "credit_code",
            Field::Industry => "industry",
            Field::IndustryType => "industry_type",
            Field::Province => "province",
            Field::Employees => "employees",
            Field::Revenue => "revenue",
            Field::Covers => "covers",
            Field::Target => "target_level",
            Field::Weights => "weights",
        }
    }

    /// The field's value as text (codes and keys as the answers file writes them: `discrete`,
    /// `design,sales`, `production=2 (reason)`), `None` when it is not set. Two values are the
    /// same exactly when their texts are.
    pub fn value(self, answers: &Answers) -> Option<String> {
        let p = &answers.profile;
        match self {
            Field::Name => p.name.clone(),
            Field::CreditCode => p.credit_code.clone(),
            Field::Industry => p.industry.clone(),
            Field::IndustryType => p.industry_type.map(|t| t.key().to_string()),
            Field::Province => p.province.clone(),
            Field::Employees => p.employees.map(|e| e.to_string()),
            Field::Revenue => p.revenue.map(|r| format!("{r}")),
            Field::Covers => p
                .covers
                .as_ref()
                .map(|list| list.iter().map(|c| c.key()).collect::<Vec<_>>().join(",")),
            Field::Target => answers.meta.target_level.map(|t| t.to_string()),
            Field::Weights => answers.weights.as_ref().map(|w| {
                let table: Vec<String> = w
                    .table
                    .as_decimals()
                    .into_iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                format!("{} ({})", table.join(", "), w.reason)
            }),
        }
    }

    /// Sets this field of `to` to its value in `from` (unset when `from` has none).
    pub fn copy(self, from: &Answers, to: &mut Answers) {
        let (f, t) = (&from.profile, &mut to.profile);
        match self {
            Field::Name => t.name = f.name.clone(),
            Field::CreditCode => t.credit_code = f.credit_code.clone(),
            Field::Industry => t.industry = f.industry.clone(),
            Field::IndustryType => t.industry_type = f.industry_type,
            Field::Province => t.province = f.province.clone(),
            Field::Employees => t.employees = f.employees,
            Field::Revenue => t.revenue = f.revenue,
            Field::Covers => t.covers = f.covers.clone(),
            Field::Target => to.meta.target_level = from.meta.target_level,
            Field::Weights => to.weights = from.weights.clone(),
        }
    }

    /// Unsets this field of `answers`.
    pub fn clear(self, answers: &mut Answers) {
        self.copy(&Answers::default(), answers);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::profile::Coverage;
    use crate::model::questionnaire::IndustryType;

    #[test]
    fn copy_and_clear_touch_one_field_only() {
        let mut from = Answers::default();
        from.profile.name = Some("A".into());
        from.profile.employees = Some(12);
        from.profile.industry_type = Some(IndustryType::Process);
        from.profile.covers = Some(vec![Coverage::Design, Coverage::Sales]);
        from.meta.target_level = Some(3);
        for field in Field::ALL {
            let mut to = Answers::default();
            field.copy(&from, &mut to);
            for other in Field::ALL {
                let expected = if other == field {
                    other.value(&from)
                } else {
                    None
                };
                assert_eq!(
                    other.value(&to),
                    expected,
                    "{field:?} copied, {other:?} read"
                );
            }
            field.clear(&mut to);
            assert_eq!(field.value(&to), None);
        }
        assert_eq!(Field::Covers.value(&from).as_deref(), Some("design,sales"));
        assert_eq!(Field::IndustryType.value(&from).as_deref(), Some("process"));
    }
}
