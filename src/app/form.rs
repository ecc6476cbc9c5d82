//! The enterprise profile form: its fields, their inline checks (the model's profile validators)
//! and the searchable lists for industry and province.

use super::input::TextInput;
use crate::i18n::Lang;
use crate::model::IndustryType;
use crate::model::diagnostic::{Code, Diagnostic};
use crate::model::fields::Field;
use crate::model::profile::{self, Coverage, Profile};
use crate::model::reference::{self, City, DIVISIONS, Division, PROVINCES, Province};

/// Where the cursor is in the form: on one of the profile's fields, or on the Continue button
/// below them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Field(Field),
    Continue,
}

impl Focus {
    /// The form's rows, top to bottom: the profile's fields in their order, then Continue.
    pub const ALL: [Focus; 9] = [
        Focus::Field(Field::PROFILE[0]),
        Focus::Field(Field::PROFILE[1]),
        Focus::Field(Field::PROFILE[2]),
        Focus::Field(Field::PROFILE[3]),
        Focus::Field(Field::PROFILE[4]),
        Focus::Field(Field::PROFILE[5]),
        Focus::Field(Field::PROFILE[6]),
        Focus::Field(Field::PROFILE[7]),
        Focus::Continue,
    ];

    /// The row's label is `form.<key>`: the field's own key, or `continue`.
    pub fn key(self) -> &'static str {
        match self {
            Focus::Field(field) => field.key(),
            Focus::Continue => "continue",
        }
    }

    /// The field the cursor is on (none on Continue).
    pub fn field(self) -> Option<Field> {
        match self {
            Focus::Field(field) => Some(field),
            Focus::Continue => None,
        }
    }

    fn index(self) -> usize {
        Focus::ALL.iter().position(|&f| f == self).unwrap_or(0)
    }

    pub fn next(self) -> Focus {
        Focus::ALL[(self.index() + 1).min(Focus::ALL.len() - 1)]
    }

    pub fn previous(self) -> Focus {
        Focus::ALL[self.index().saturating_sub(1)]
    }
}

impl From<Field> for Focus {
    fn from(field: Field) -> Focus {
        Focus::Field(field)
    }
}

/// `form.field == Field::Covers`: the cursor is on that field.
impl PartialEq<Field> for Focus {
    fn eq(&self, field: &Field) -> bool {
        *self == Focus::Field(*field)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProfileForm {
    pub field: Focus,
    pub name: TextInput,
    pub credit_code: TextInput,
    pub industry: TextInput,
    pub industry_type: Option<IndustryType>,
    /// The user chose the industry type (or it differs from what the industry suggests): it no
    /// longer follows the industry.
    pub type_chosen: bool,
    pub province: TextInput,
    pub employees: TextInput,
    pub revenue: TextInput,
    pub covers: [bool; 4],
    /// Which of the four businesses the cursor is on, in the covers field.
    pub cover_cursor: usize,
    /// The highlighted suggestion in the industry or province list.
    pub suggestion: usize,
    /// The form opened at the start of a new assessment (Esc goes back to the welcome).
    pub first_run: bool,
    /// Continue was pressed without an industry type: show that it is required.
    pub attempted: bool,
}

impl ProfileForm {
    pub fn new(p: &Profile, first_run: bool) -> ProfileForm {
        let text = |v: &Option<String>| TextInput::new(v.clone().unwrap_or_default());
        let covers = match &p.covers {
            Some(list) => Coverage::ALL.map(|c| list.contains(&c)),
            None => [true; 4],
        };
        let industry = text(&p.industry);
        let suggested = profile::check_industry(industry.text())
            .ok()
            .map(Division::suggested_type);
        ProfileForm {
            field: Focus::Field(Field::Name),
            name: text(&p.name),
            credit_code: text(&p.credit_code),
            industry,
            industry_type: p.industry_type,
            type_chosen: p.industry_type.is_some() && p.industry_type != suggested,
            province: text(&p.province),
            employees: TextInput::new(p.employees.map(|e| e.to_string()).unwrap_or_default()),
            revenue: TextInput::new(p.revenue.map(|r| r.to_string()).unwrap_or_default()),
            covers,
            cover_cursor: 0,
            suggestion: 0,
            first_run,
            attempted: false,
        }
    }

    pub fn input_mut(&mut self, field: Field) -> Option<&mut TextInput> {
        Some(match field {
            Field::Name => &mut self.name,
            Field::CreditCode => &mut self.credit_code,
            Field::Industry => &mut self.industry,
            Field::Province => &mut self.province,
            Field::Employees => &mut self.employees,
            Field::Revenue => &mut self.revenue,
            _ => return None,
        })
    }

    pub fn input(&self, field: Field) -> Option<&TextInput> {
        Some(match field {
            Field::Name => &self.name,
            Field::CreditCode => &self.credit_code,
            Field::Industry => &self.industry,
            Field::Province => &self.province,
            Field::Employees => &self.employees,
            Field::Revenue => &self.revenue,
            _ => return None,
        })
    }

    /// The problem with a field's current content, if any (shown inline as the user types).
    pub fn problem(&self, field: Field) -> Option<Diagnostic> {
        let value = self.input(field).map(|i| i.text().trim()).unwrap_or("");
        let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
        match field {
            Field::CreditCode if !value.is_empty() => profile::check_credit_code(value).err(),
            // Letters, or the first digits of a code, are a search in the list, not yet a code.
            Field::Industry
                if digits && !typing_code(value, 4, DIVISIONS.iter().map(|d| d.code)) =>
            {
                profile::check_industry(value).err()
            }
            Field::Province
                if digits && !typing_code(value, 6, PROVINCES.iter().map(|p| p.code)) =>
            {
                profile::check_province(value).err()
            }
            Field::Employees if !value.is_empty() => profile::parse_employees(value).err(),
            Field::Revenue if !value.is_empty() => profile::parse_revenue(value).err(),
            Field::IndustryType if self.attempted && self.industry_type.is_none() => {
                Some(Diagnostic::new(Code::IndustryTypeRequired))
            }
            _ => None,
        }
    }

    /// The division the industry field names, when it is a valid code.
    pub fn division(&self) -> Option<&'static Division> {
        profile::check_industry(self.industry.text()).ok()
    }

    pub fn province_entry(&self) -> Option<&'static Province> {
        profile::check_province(self.province.text()).ok()
    }

    /// Divisions matching the industry field (code prefix, part of the name in either language,
    /// or a common word for it).
    pub fn industry_suggestions(&self) -> Vec<&'static Division> {
        let query = self.industry.text().trim().to_lowercase();
        if self.division().is_some() {
            return Vec::new();
        }
        DIVISIONS.iter().filter(|d| d.matches(&query)).collect()
    }

    /// Provinces, then prefecture-level cities, matching the region field (code prefix, part
    /// of the name in either language): people in Wuxi type 无锡, not 江苏. Before anything is
    /// typed, the provinces only.
    pub fn place_suggestions(&self) -> Vec<Place> {
        let query = self.province.text().trim().to_lowercase();
        if self.province_entry().is_some() {
            return Vec::new();
        }
        let matches = |code: String, zh: &str, en: &str| {
            query.is_empty()
                || code.starts_with(&query)
                || zh.contains(&query)
                || en.to_lowercase().contains(&query)
        };
        let provinces = PROVINCES
            .iter()
            .filter(|p| matches(p.code.to_string(), p.zh, p.en))
            .map(Place::Province);
        // A municipality is its province already (110000 北京 is 11 北京).
        let cities = reference::cities()
            .iter()
            .filter(|c| !query.is_empty() && c.code % 10_000 != 0)
            .filter(|c| matches(c.code.to_string(), c.zh, c.en))
            .map(Place::City);
        provinces.chain(cities).collect()
    }

    pub fn suggestion_count(&self) -> usize {
        match self.field {
            Focus::Field(Field::Industry) => self.industry_suggestions().len(),
            Focus::Field(Field::Province) => self.place_suggestions().len(),
            _ => 0,
        }
    }

    /// Until the user chooses the industry type, it follows what the industry suggests.
    pub fn apply_suggested_type(&mut self) {
        if !self.type_chosen
            && let Some(division) = self.division()
        {
            self.industry_type = Some(division.suggested_type());
        }
    }

    /// The user sets the industry type: from now on it stays as chosen.
    pub fn choose_type(&mut self, industry_type: IndustryType) {
        self.industry_type = Some(industry_type);
        self.type_chosen = true;
    }

    /// Takes the highlighted suggestion into the field. Returns whether there was one.
    pub fn pick_suggestion(&mut self) -> bool {
        let index = self.suggestion;
        match self.field {
            Focus::Field(Field::Industry) => {
                let Some(division) = self.industry_suggestions().get(index).copied() else {
                    return false;
                };
                self.industry = TextInput::new(division.code.to_string());
                self.apply_suggested_type();
            }
            Focus::Field(Field::Province) => {
                let Some(place) = self.place_suggestions().get(index).copied() else {
                    return false;
                };
                self.province = TextInput::new(place.code());
            }
            _ => return false,
        }
        self.suggestion = 0;
        true
    }

    /// The profile of the form's valid content (invalid entries are not kept: a saved file must
    /// load again).
    pub fn to_profile(&self) -> Profile {
        let keep = |field: Field| -> Option<String> {
            let value = self.input(field)?.text().trim();
            (!value.is_empty() && self.problem(field).is_none()).then(|| value.to_string())
        };
        Profile {
            name: keep(Field::Name),
            credit_code: keep(Field::CreditCode).map(|c| c.to_ascii_uppercase()),
            industry: self.division().and(keep(Field::Industry)),
            industry_type: self.industry_type,
            province: self.province_entry().and(keep(Field::Province)),
            employees: keep(Field::Employees).and_then(|e| profile::parse_employees(&e).ok()),
            revenue: keep(Field::Revenue).and_then(|r| profile::parse_revenue(&r).ok()),
            covers: Some(
                Coverage::ALL
                    .into_iter()
                    .zip(self.covers)
                    .filter(|(_, on)| *on)
                    .map(|(c, _)| c)
                    .collect(),
            ),
        }
    }

    /// Fields whose content will not be kept because it is invalid or unresolved (the field
    /// being typed in is not counted: its check shows beside it).
    pub fn dropped(&self) -> Vec<Field> {
        [
            Field::CreditCode,
            Field::Industry,
            Field::Province,
            Field::Employees,
            Field::Revenue,
        ]
        .into_iter()
        .filter(|&f| {
            let text = self.input(f).map(|i| i.text().trim()).unwrap_or("");
            let resolved = match f {
                Field::Industry => self.division().is_some(),
                Field::Province => self.province_entry().is_some(),
                _ => self.problem(f).is_none(),
            };
            !text.is_empty() && !resolved && self.field != f
        })
        .collect()
    }
}

/// Whether `digits` are the start of a code not yet complete: shorter than the full length,
/// not a whole two-digit code, and the beginning of one of the two-digit `codes` (or longer
/// than two digits and starting with one).
fn typing_code(digits: &str, full: usize, codes: impl Iterator<Item = u8>) -> bool {
    if digits.len() >= full || digits.len() == 2 {
        return false;
    }
    codes
        .map(|c| c.to_string())
        .any(|c| c.starts_with(digits) || (digits.len() > 2 && digits.starts_with(&c)))
}

/// A place the region field can name: a province (two digits) or a prefecture-level city (six).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Province(&'static Province),
    City(&'static City),
}

impl Place {
    pub fn code(self) -> String {
        match self {
            Place::Province(p) => p.code.to_string(),
            Place::City(c) => c.code.to_string(),
        }
    }

    /// "江苏", or "无锡 · 江苏" for a city.
    pub fn name(self, lang: Lang) -> String {
        match self {
            Place::Province(p) => province_name(p, lang).to_string(),
            Place::City(c) => {
                let province = reference::province(c.province());
                let city = c.name().get(lang).to_string();
                match province {
                    Some(p) => format!("{city} · {}", province_name(p, lang)),
                    None => city,
                }
            }
        }
    }
}

/// What a valid region field names, most precisely: the city of a six-digit code (a district
/// counts as its city) when the table has it, else the province.
pub fn place_of(code: &str) -> Option<Place> {
    let province = profile::check_province(code).ok()?;
    let city = code
        .trim()
        .parse()
        .ok()
        .filter(|_| code.trim().len() == 6)
        .and_then(reference::city_of)
        .filter(|c| c.code % 10_000 != 0);
    Some(city.map_or(Place::Province(province), Place::City))
}

/// The name of a division or province in `lang`.
pub fn division_name(d: &Division, lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => d.zh,
        Lang::En => d.en,
    }
}

pub fn province_name(p: &Province, lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => p.zh,
        Lang::En => p.en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_and_pick_an_industry() {
        let mut form = ProfileForm::new(&Profile::default(), true);
        form.field = Field::Industry.into();
        for c in "汽车".chars() {
            form.industry.insert(c);
        }
        assert_eq!(form.industry_suggestions().len(), 1);
        assert!(
            form.problem(Field::Industry).is_none(),
            "a search is not an error"
        );
        assert!(form.pick_suggestion());
        assert_eq!(form.industry.text(), "36");
        assert_eq!(
            form.industry_type,
            Some(IndustryType::Discrete),
            "suggested from the division"
        );
        assert_eq!(form.to_profile().industry.as_deref(), Some("36"));
    }

    #[test]
    fn a_city_is_found_by_its_name_and_kept_as_its_code() {
        let mut form = ProfileForm::new(&Profile::default(), true);
        form.field = Field::Province.into();
        for c in "无锡".chars() {
            form.province.insert(c);
        }
        let found: Vec<String> = form.place_suggestions().iter().map(|p| p.code()).collect();
        assert_eq!(found, ["320200"]);
        assert!(form.problem(Field::Province).is_none(), "a search");
        assert!(form.pick_suggestion());
        assert_eq!(form.province.text(), "320200");
        let place = place_of(form.province.text()).unwrap();
        assert_eq!(place.name(Lang::ZhCn), "无锡 · 江苏");
        assert_eq!(place.name(Lang::En), "Wuxi · Jiangsu");
        assert_eq!(form.to_profile().province.as_deref(), Some("320200"));
        // Pinyin is shared: Suzhou is 苏州 (Jiangsu) and 宿州 (Anhui); both are offered.
        form.province = TextInput::new("suzhou");
        let found: Vec<String> = form.place_suggestions().iter().map(|p| p.code()).collect();
        assert_eq!(found, ["320500", "341300"]);
        // A province first, and a municipality once (as its province).
        form.province = TextInput::new("北京");
        let found: Vec<String> = form.place_suggestions().iter().map(|p| p.code()).collect();
        assert_eq!(found, ["11"]);
        // A district's code reads as its city; an empty field offers the provinces only.
        assert_eq!(place_of("320206").unwrap().code(), "320200");
        assert_eq!(place_of("32").unwrap().name(Lang::ZhCn), "江苏");
        form.province = TextInput::default();
        assert_eq!(form.place_suggestions().len(), PROVINCES.len());
    }

    #[test]
    fn a_code_being_typed_is_not_an_error() {
        let mut form = ProfileForm::new(&Profile::default(), true);
        for (typed, error) in [
            ("3", false),
            ("36", false),
            ("367", false),
            ("3670", false),
            ("9", true),
            ("99", true),
            ("994", true),
        ] {
            form.industry = TextInput::new(typed);
            assert_eq!(form.problem(Field::Industry).is_some(), error, "{typed}");
        }
        for (typed, error) in [
            ("3", false),
            ("3202", false),
            ("320200", false),
            ("7", true),
            ("71", true),
        ] {
            form.province = TextInput::new(typed);
            assert_eq!(form.problem(Field::Province).is_some(), error, "{typed}");
        }
    }

    #[test]
    fn invalid_entries_are_flagged_and_not_kept() {
        let mut form = ProfileForm::new(&Profile::default(), true);
        form.credit_code = TextInput::new("123");
        form.employees = TextInput::new("many");
        form.industry = TextInput::new("99");
        form.field = Field::Name.into();
        assert_eq!(
            form.problem(Field::CreditCode).unwrap().code,
            Code::CreditLength
        );
        assert_eq!(
            form.problem(Field::Employees).unwrap().code,
            Code::NotAHeadcount
        );
        assert_eq!(
            form.problem(Field::Industry).unwrap().code,
            Code::IndustryRange
        );
        let p = form.to_profile();
        assert_eq!((p.credit_code, p.employees, p.industry), (None, None, None));
        assert_eq!(
            form.dropped(),
            [Field::CreditCode, Field::Industry, Field::Employees]
        );
    }
}
