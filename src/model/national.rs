//! The 2021 national reference figures (data/national-2021.toml, embedded): the level
//! distribution, discrete vs process, the eight industries' distributions, the provinces' and
//! top-50 cities' counts at level 2 or above, the SME share and business coverage, and the
//! practice adoption rates mapped to requirement ids. Shown as peer context where a user
//! decides, and the make-up `zizhen demo --population` follows. Every table carries its source.

use std::sync::OnceLock;

use serde::Deserialize;

use super::questionnaire::IndustryType;
use super::reference::{self, City, Division};
use super::text::Text;

/// The embedded data file.
pub const SOURCE: &str = include_str!("../../data/national-2021.toml");

#[derive(Clone, Debug, Deserialize)]
pub struct Source {
    pub title_zh: String,
    pub title_en: String,
    pub publisher_zh: String,
    pub publisher_en: String,
    pub year: u16,
    pub respondents: u32,
}

impl Source {
    pub fn title(&self) -> Text {
        Text::new(&self.title_zh, &self.title_en)
    }
}

/// A level distribution in percent: level 1 or below, 2, 3, 4 or above.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
pub struct Levels {
    pub le1: f64,
    pub l2: f64,
    pub l3: f64,
    pub ge4: f64,
}

impl Levels {
    pub fn as_array(&self) -> [f64; 4] {
        [self.le1, self.l2, self.l3, self.ge4]
    }

    fn from_array(a: [f64; 4]) -> Levels {
        Levels {
            le1: a[0],
            l2: a[1],
            l3: a[2],
            ge4: a[3],
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct IndustryTypes {
    pub discrete_le1: f64,
    pub process_le1: f64,
    pub discrete_minus_process_l2_l3: f64,
    pub discrete_minus_process_ge4: f64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Sme {
    /// Percent of all self-diagnosed enterprises.
    pub share: f64,
    /// Percent of the enterprises at level 1 or below.
    pub share_of_le1: f64,
    pub covers_design: f64,
    pub covers_logistics: f64,
    pub covers_sales: f64,
    pub covers_service: f64,
}

#[derive(Clone, Debug)]
pub struct Industry {
    pub division: u8,
    /// The heading the report prints.
    pub seed_name: String,
    pub y2021: Levels,
    pub y2020: Levels,
}

impl Industry {
    pub fn division(&self) -> &'static Division {
        reference::division(self.division).expect("checked when loaded")
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct TopIndustries {
    pub names: Vec<String>,
    pub divisions: Vec<u8>,
}

/// A practice the report measured, with the requirements that check it.
#[derive(Clone, Debug, Deserialize)]
pub struct Practice {
    pub key: String,
    pub zh: String,
    pub en: String,
    /// Percent, all industries, 2021.
    pub share: f64,
    pub share_2020: Option<f64>,
    /// "equipment" where the figure is a rate over equipment, not a share of enterprises.
    #[serde(default)]
    pub of: Option<String>,
    pub source: String,
    pub requirements: Vec<String>,
}

impl Practice {
    pub fn name(&self) -> Text {
        Text::new(&self.zh, &self.en)
    }

    /// The figure is a share of equipment, not of enterprises.
    pub fn of_equipment(&self) -> bool {
        self.of.as_deref() == Some("equipment")
    }
}

/// A city's count of enterprises at level 2 or above.
#[derive(Clone, Debug)]
pub struct CityCount {
    pub rank: u16,
    pub city: &'static City,
    pub count: u32,
}

/// The national figures, typed.
#[derive(Clone, Debug)]
pub struct National {
    pub source: Source,
    pub levels: Levels,
    pub industry_types: IndustryTypes,
    pub sme: Sme,
    pub industries: Vec<Industry>,
    pub top_industries: TopIndustries,
    /// (GB/T 4754 class, SMEs counted).
    pub sme_classes: Vec<(u16, u32, String)>,
    /// (province, enterprises that took part), where the report gives a number.
    pub participation: Vec<(u8, u32)>,
    /// (province, enterprises at level 2 or above), in the report's order.
    pub provinces_ge2: Vec<(u8, u32)>,
    pub cities_ge2: Vec<CityCount>,
    pub practices: Vec<Practice>,
}

#[derive(Deserialize)]
struct Raw {
    source: Source,
    levels: Levels,
    industry_types: IndustryTypes,
    sme: Sme,
    industries: Vec<RawIndustry>,
    top_industries: TopIndustries,
    sme_classes: RawClasses,
    participation: RawParticipation,
    provinces_ge2: RawCounts,
    cities_ge2: RawCities,
    practices: Vec<Practice>,
}

#[derive(Deserialize)]
struct RawIndustry {
    division: u8,
    seed_name: String,
    y2021: [f64; 4],
    y2020: [f64; 4],
}

#[derive(Deserialize)]
struct RawClasses {
    classes: Vec<(u16, u32)>,
    names: Vec<String>,
}

#[derive(Deserialize)]
struct RawParticipation {
    counts: Vec<(u8, u32)>,
}

#[derive(Deserialize)]
struct RawCounts {
    counts: Vec<(u8, u32)>,
}

#[derive(Deserialize)]
struct RawCities {
    counts: Vec<(u16, u32, u32)>,
    names: Vec<String>,
}

/// Reads and checks the figures (`text`: the data file). The embedded file is checked by the
/// tests; an error here names what does not fit.
pub fn parse(text: &str) -> Result<National, String> {
    let raw: Raw = toml::from_str(text).map_err(|e| e.to_string())?;
    let known_division = |d: u8| {
        reference::division(d)
            .map(|_| ())
            .ok_or_else(|| format!("division {d} is not in GB/T 4754 13–43"))
    };
    let known_province = |p: u8| {
        reference::province(p)
            .map(|_| ())
            .ok_or_else(|| format!("province {p} is not in GB/T 2260"))
    };
    for i in &raw.industries {
        known_division(i.division)?;
    }
    for &d in &raw.top_industries.divisions {
        known_division(d)?;
    }
    for &(p, _) in raw
        .provinces_ge2
        .counts
        .iter()
        .chain(&raw.participation.counts)
    {
        known_province(p)?;
    }
    if raw.sme_classes.classes.len() != raw.sme_classes.names.len() {
        return Err("sme_classes: one name per class".into());
    }
    for &(class, _) in &raw.sme_classes.classes {
        known_division((class / 100) as u8)?;
    }
    if raw.cities_ge2.counts.len() != raw.cities_ge2.names.len() {
        return Err("cities_ge2: one name per city".into());
    }
    let mut cities_ge2 = Vec::new();
    for (&(rank, code, count), name) in raw.cities_ge2.counts.iter().zip(&raw.cities_ge2.names) {
        let city = reference::city(code).ok_or_else(|| format!("city {code} is not known"))?;
        if city.zh != name {
            return Err(format!(
                "city {code} is {}, the report says {name}",
                city.zh
            ));
        }
        cities_ge2.push(CityCount { rank, city, count });
    }
    Ok(National {
        source: raw.source,
        levels: raw.levels,
        industry_types: raw.industry_types,
        sme: raw.sme,
        industries: raw
            .industries
            .into_iter()
            .map(|i| Industry {
                division: i.division,
                seed_name: i.seed_name,
                y2021: Levels::from_array(i.y2021),
                y2020: Levels::from_array(i.y2020),
            })
            .collect(),
        top_industries: raw.top_industries,
        sme_classes: raw
            .sme_classes
            .classes
            .into_iter()
            .zip(raw.sme_classes.names)
            .map(|((class, count), name)| (class, count, name))
            .collect(),
        participation: raw.participation.counts,
        provinces_ge2: raw.provinces_ge2.counts,
        cities_ge2,
        practices: raw.practices,
    })
}

/// The embedded figures.
pub fn get() -> &'static National {
    static PARSED: OnceLock<National> = OnceLock::new();
    PARSED.get_or_init(|| parse(SOURCE).expect("data/national-2021.toml is checked by the tests"))
}

impl National {
    /// The distribution of an industry the report tables, 2021.
    pub fn industry(&self, division: u8) -> Option<&Industry> {
        self.industries.iter().find(|i| i.division == division)
    }

    /// The share of enterprises at level 1 or below for an industry type.
    pub fn type_le1(&self, industry_type: IndustryType) -> f64 {
        match industry_type {
            IndustryType::Discrete => self.industry_types.discrete_le1,
            IndustryType::Process => self.industry_types.process_le1,
        }
    }

    /// The practices a requirement checks.
    pub fn practices_of<'a>(&'a self, requirement: &'a str) -> impl Iterator<Item = &'a Practice> {
        self.practices
            .iter()
            .filter(move |p| p.requirements.iter().any(|r| r == requirement))
    }

    /// The count at level 2 or above of a province.
    pub fn province_ge2(&self, province: u8) -> Option<u32> {
        self.provinces_ge2
            .iter()
            .find(|(p, _)| *p == province)
            .map(|(_, c)| *c)
    }

    /// The share of a level band nationally (0: ≤L1 … 3: ≥L4), percent.
    pub fn level_share(&self, band: usize) -> f64 {
        self.levels.as_array()[band]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Questionnaire;

    fn sums_to_100(values: [f64; 4], what: &str) {
        let sum: f64 = values.iter().sum();
        // The report rounds each share to 0.01 (or to 1 % for the national line).
        assert!((sum - 100.0).abs() <= 0.03, "{what}: {sum}");
    }

    #[test]
    fn the_embedded_figures_load() {
        let n = get();
        assert_eq!(n.source.year, 2021);
        assert_eq!(n.levels.as_array(), [69.0, 15.0, 7.0, 9.0]);
        assert_eq!(n.sme.share, 88.64);
    }

    #[test]
    fn distributions_sum_to_100() {
        let n = get();
        sums_to_100(n.levels.as_array(), "national");
        for i in &n.industries {
            sums_to_100(i.y2021.as_array(), &format!("{} 2021", i.seed_name));
            sums_to_100(i.y2020.as_array(), &format!("{} 2020", i.seed_name));
        }
        assert_eq!(n.industries.len(), 8);
    }

    #[test]
    fn industry_names_match_the_divisions() {
        let n = get();
        for i in &n.industries {
            let d = i.division();
            // The report's headings are the division names, except its short "金属制造业".
            if i.seed_name != "金属制造业" {
                assert_eq!(i.seed_name, d.zh, "{}", i.division);
            } else {
                assert_eq!(d.zh, "金属制品业");
            }
        }
        let top = &n.top_industries;
        assert_eq!(top.names.len(), top.divisions.len());
    }

    #[test]
    fn provinces_are_all_31_once_in_rank_order() {
        let n = get();
        let mut codes: Vec<u8> = n.provinces_ge2.iter().map(|(p, _)| *p).collect();
        assert!(
            n.provinces_ge2.windows(2).all(|w| w[0].1 >= w[1].1),
            "ranked by count"
        );
        codes.sort_unstable();
        let all: Vec<u8> = reference::PROVINCES.iter().map(|p| p.code).collect();
        let mut all_sorted = all.clone();
        all_sorted.sort_unstable();
        assert_eq!(codes, all_sorted);
    }

    #[test]
    fn cities_fit_within_their_provinces() {
        let n = get();
        assert_eq!(n.cities_ge2.len(), 51, "50 ranks, with ties");
        assert!(n.cities_ge2.windows(2).all(|w| w[0].count >= w[1].count));
        // Ranks follow the counts: a tie shares the rank, the next rank skips. (The report
        // ranks 菏泽 35 and 惠州, 石嘴山 36 with 31 each: a rank never better than the count
        // allows and never worse than the row.)
        for (i, c) in n.cities_ge2.iter().enumerate() {
            let better = n.cities_ge2.iter().filter(|o| o.count > c.count).count();
            let rank = usize::from(c.rank);
            assert!(rank > better && rank <= i + 1, "row {i}");
        }
        for (province, count) in &n.provinces_ge2 {
            let in_cities: u32 = n
                .cities_ge2
                .iter()
                .filter(|c| c.city.province() == *province)
                .map(|c| c.count)
                .sum();
            assert!(in_cities <= *count, "province {province}");
        }
    }

    #[test]
    fn practices_name_real_requirements() {
        let q = Questionnaire::embedded();
        let n = get();
        let mut keys: Vec<&str> = n.practices.iter().map(|p| p.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n.practices.len(), "keys are unique");
        for p in &n.practices {
            assert!(p.share > 0.0 && p.share < 100.0, "{}", p.key);
            for id in &p.requirements {
                assert!(q.requirement_index(id).is_some(), "{}: {id}", p.key);
            }
        }
        let aps: Vec<&str> = n
            .practices_of("planning.4.4")
            .map(|p| p.en.as_str())
            .collect();
        assert_eq!(aps, ["advanced planning and scheduling (APS)"]);
    }

    #[test]
    fn sme_classes_name_manufacturing_classes() {
        let n = get();
        assert_eq!(n.sme_classes.len(), 16);
        assert!(n.sme_classes.iter().all(|(_, count, _)| *count > 100));
        assert!(n.sme.share_of_le1 > n.sme.share);
    }

    #[test]
    fn a_bad_file_is_refused_with_the_reason() {
        let bad = SOURCE.replacen("\"无锡\", \"长沙\"", "\"苏州\", \"长沙\"", 1);
        assert!(parse(&bad).unwrap_err().contains("320200"));
    }
}
