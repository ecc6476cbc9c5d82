//! A made-up population of self-diagnoses whose make-up follows the 2021 national report
//! (`zizhen demo --population`): for trainers, to try collection reports on, and for benchmarks.
//!
//! Each enterprise is drawn from its own random stream (PCG, seeded from the seed and its
//! number), so enterprise `i` is the same whatever `N` is and the same seed gives the same
//! population on every machine. What is drawn, and from which figures (data/national-2021.toml):
//!
//! - **Target level**: the national distribution (≤L1 69 %, L2 15 %, L3 7 %, ≥L4 9 %). The
//!   report does not split its outer bands; ours: ≤L1 into level 0 and 1 as 1 : 2 (23 % and
//!   46 %), ≥L4 into level 4 and 5 as 2 : 1 (6 % and 3 %).
//! - **SME**: conditional on the band, so that both report figures come back: SMEs are 88.64 %
//!   of all and 95.09 % of those at ≤L1, hence P(SME | ≤L1) = 95.09 % and
//!   P(SME | ≥L2) = (88.64 − 69 × 0.9509) / 31 %. Employees and revenue are drawn so that the SME
//!   rule (employees < 1000 or revenue < 40,000 万元) gives that answer.
//! - **Province**: weighted by the provinces' counts at level 2 or above (the only complete
//!   provincial table). **City**: within the province, the top-50 cities by their counts; what
//!   the province's count leaves over is spread evenly over its other cities.
//! - **Industry division**: ours, from the report's industry information: every division weighs
//!   100, plus 200 for each division the report tables or names as leading (it says those had
//!   more than 300 self-diagnoses), plus the SME class counts the report lists for it. Where
//!   the report lists a class of the division, that class is given with probability ½.
//! - **Industry type**: the division's suggested type, the other one with probability 10 %.
//! - **Business coverage**: for SMEs the report's shares (design 68.37 %, logistics 51.80 %,
//!   sales 81.08 %, service 70.07 %); for large enterprises (not given) 90 % each. What is not
//!   covered is tailored out where the questionnaire lets it be.
//! - **Ratings**: levels up to the target mostly FI/LI, the next level mostly PI/NI/LI, higher
//!   levels mostly NI; then scored by [`scoring`] and single ratings moved one step until the
//!   score gives exactly the target level.
//! - **Date**: a day in the years asked for (default 2021), uniformly.

use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;

use super::answers::{Answers, Rated};
use super::national::National;
use super::profile::{Coverage, Profile, credit_code_with_check};
use super::questionnaire::{IndustryType, Questionnaire};
use super::rating::Rating;
use super::reference::{self, City};
use super::scoring::{self, Sheet};

/// Share of ≤L1 that is level 0 and share of ≥L4 that is level 5 (ours; see the module text).
pub const LEVEL_0_OF_LE1: f64 = 1.0 / 3.0;
pub const LEVEL_5_OF_GE4: f64 = 1.0 / 3.0;
/// Coverage of each business for large enterprises (ours: the report gives SMEs only).
pub const LARGE_COVERAGE: f64 = 0.90;

/// What to generate.
#[derive(Clone, Debug)]
pub struct Spec {
    pub seed: u64,
    /// Assessment years, inclusive.
    pub years: (i16, i16),
}

/// One generated enterprise: its answers and the level they score to.
#[derive(Clone, Debug)]
pub struct Enterprise {
    pub answers: Answers,
    pub level: u8,
}

/// The weights every draw uses, computed once from the national figures.
pub struct Mix<'n> {
    national: &'n National,
    provinces: Vec<(u8, f64)>,
    cities: Vec<(u8, Vec<(&'static City, f64)>)>,
    divisions: Vec<(u8, f64)>,
}

impl<'n> Mix<'n> {
    pub fn new(national: &'n National) -> Mix<'n> {
        let provinces: Vec<(u8, f64)> = national
            .provinces_ge2
            .iter()
            .map(|&(p, c)| (p, f64::from(c)))
            .collect();
        let cities = national
            .provinces_ge2
            .iter()
            .map(|&(p, count)| {
                let listed: Vec<(&'static City, f64)> = national
                    .cities_ge2
                    .iter()
                    .filter(|c| c.city.province() == p)
                    .map(|c| (c.city, f64::from(c.count)))
                    .collect();
                let left = f64::from(count) - listed.iter().map(|(_, w)| w).sum::<f64>();
                let others: Vec<&'static City> = reference::cities_of(p)
                    .filter(|c| !listed.iter().any(|(l, _)| l.code == c.code))
                    .collect();
                let mut weights = listed;
                if others.is_empty() {
                    // Every city is listed: what is left goes to them in proportion.
                    if weights.is_empty() {
                        weights = reference::cities_of(p).map(|c| (c, 1.0)).collect();
                    }
                } else {
                    let each = left.max(0.0) / others.len() as f64;
                    weights.extend(others.into_iter().map(|c| (c, each)));
                }
                (p, weights)
            })
            .collect();
        let divisions = reference::DIVISIONS
            .iter()
            .map(|d| {
                let named = national.industry(d.code).is_some()
                    || national.top_industries.divisions.contains(&d.code);
                let classes: u32 = national
                    .sme_classes
                    .iter()
                    .filter(|(class, _, _)| class / 100 == u16::from(d.code))
                    .map(|(_, count, _)| count)
                    .sum();
                let weight = 100.0 + if named { 200.0 } else { 0.0 } + f64::from(classes);
                (d.code, weight)
            })
            .collect();
        Mix {
            national,
            provinces,
            cities,
            divisions,
        }
    }

    /// The probability of each province (for checking a population against its mix).
    pub fn province_shares(&self) -> Vec<(u8, f64)> {
        shares(&self.provinces)
    }

    /// The probability of each division.
    pub fn division_shares(&self) -> Vec<(u8, f64)> {
        shares(&self.divisions)
    }

    /// The probability of each level 0..=5.
    pub fn level_shares(&self) -> [f64; 6] {
        let [le1, l2, l3, ge4] = self.national.levels.as_array().map(|p| p / 100.0);
        [
            le1 * LEVEL_0_OF_LE1,
            le1 * (1.0 - LEVEL_0_OF_LE1),
            l2,
            l3,
            ge4 * (1.0 - LEVEL_5_OF_GE4),
            ge4 * LEVEL_5_OF_GE4,
        ]
    }

    /// P(SME | band ≤L1) and P(SME | band ≥L2).
    pub fn sme_given_band(&self) -> (f64, f64) {
        let sme = &self.national.sme;
        let le1 = self.national.levels.le1 / 100.0;
        let given_le1 = sme.share_of_le1 / 100.0;
        let given_ge2 = (sme.share / 100.0 - le1 * given_le1) / (1.0 - le1);
        (given_le1, given_ge2)
    }

    /// The probability that an enterprise covers a business.
    pub fn coverage_share(&self, coverage: Coverage, sme: bool) -> f64 {
        if !sme {
            return LARGE_COVERAGE;
        }
        let s = &self.national.sme;
        let percent = match coverage {
            Coverage::Design => s.covers_design,
            Coverage::Logistics => s.covers_logistics,
            Coverage::Sales => s.covers_sales,
            Coverage::Service => s.covers_service,
        };
        percent / 100.0
    }

    /// Generates enterprise number `index` of the population `spec` describes.
    pub fn enterprise(&self, q: &Questionnaire, spec: &Spec, index: u64) -> Enterprise {
        let mut rng = Pcg64Mcg::seed_from_u64(stream_seed(spec.seed, index));
        let level = pick(&mut rng, &self.level_shares().map(|p| ((), p))).map_or(0, |i| i as u8);
        let (sme_le1, sme_ge2) = self.sme_given_band();
        let sme = rng.random_bool(if level <= 1 { sme_le1 } else { sme_ge2 });
        let (employees, revenue) = size(&mut rng, sme);

        let province = self.provinces[pick(&mut rng, &self.provinces).unwrap_or(0)].0;
        let cities = &self
            .cities
            .iter()
            .find(|(p, _)| *p == province)
            .expect("every province has its cities")
            .1;
        let city = cities[pick(&mut rng, cities).unwrap_or(0)].0;
        let division = self.divisions[pick(&mut rng, &self.divisions).unwrap_or(0)].0;
        let classes: Vec<u16> = self
            .national
            .sme_classes
            .iter()
            .map(|(class, _, _)| *class)
            .filter(|class| class / 100 == u16::from(division))
            .collect();
        let industry = if !classes.is_empty() && rng.random_bool(0.5) {
            classes[rng.random_range(0..classes.len())].to_string()
        } else {
            division.to_string()
        };
        let suggested = reference::division(division)
            .expect("drawn from the table")
            .suggested_type();
        let industry_type = if rng.random_bool(0.9) {
            suggested
        } else {
            match suggested {
                IndustryType::Discrete => IndustryType::Process,
                IndustryType::Process => IndustryType::Discrete,
            }
        };
        let covers: Vec<Coverage> = Coverage::ALL
            .into_iter()
            .filter(|&c| rng.random_bool(self.coverage_share(c, sme)))
            .collect();

        let mut answers = Answers::new(q);
        answers.profile = Profile {
            name: Some(enterprise_name(&mut rng, city, division)),
            credit_code: Some(credit_code(&mut rng, city)),
            industry: Some(industry),
            industry_type: Some(industry_type),
            province: Some(city.code.to_string()),
            employees: Some(employees),
            revenue: Some(revenue),
            covers: Some(covers),
        };
        for key in answers.profile.suggested_tailoring(q) {
            answers
                .tailoring
                .insert(key.to_string(), TAILORING_REASON.to_string());
        }
        let year = rng.random_range(spec.years.0..=spec.years.1);
        let day = rng.random_range(0..365);
        let stamp = timestamp(year, day, rng.random_range(8..18), rng.random_range(0..60));
        answers.meta.created = Some(stamp.clone());
        answers.meta.updated = Some(stamp);
        rate(&mut rng, q, &mut answers, level);
        Enterprise { answers, level }
    }
}

/// The reason written for tailoring out a business the enterprise does not have.
pub const TAILORING_REASON: &str =
    "企业无此项业务（示例数据）/ the enterprise has no such business (demo data)";

/// A seed per enterprise (splitmix64 of the seed and the number), so streams do not overlap
/// in practice and enterprise `i` does not depend on how many come before it.
fn stream_seed(seed: u64, index: u64) -> u64 {
    let mut z = seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn shares<K: Copy>(weights: &[(K, f64)]) -> Vec<(K, f64)> {
    let total: f64 = weights.iter().map(|(_, w)| w).sum();
    weights.iter().map(|&(k, w)| (k, w / total)).collect()
}

/// Index of a weighted choice.
fn pick<K>(rng: &mut Pcg64Mcg, weights: &[(K, f64)]) -> Option<usize> {
    let total: f64 = weights.iter().map(|(_, w)| w).sum();
    if weights.is_empty() || total <= 0.0 {
        return None;
    }
    let mut x = rng.random_range(0.0..total);
    for (i, (_, w)) in weights.iter().enumerate() {
        if x < *w {
            return Some(i);
        }
        x -= w;
    }
    Some(weights.len() - 1)
}

/// Log-uniform integer in `low..high`.
fn log_uniform(rng: &mut Pcg64Mcg, low: f64, high: f64) -> f64 {
    (rng.random_range(low.ln()..high.ln())).exp()
}

/// Employees and revenue (万元) such that the SME rule gives `sme`.
fn size(rng: &mut Pcg64Mcg, sme: bool) -> (u64, f64) {
    let round = |x: f64| (x * 10.0).round() / 10.0;
    if sme {
        if rng.random_bool(0.95) {
            let employees = log_uniform(rng, 8.0, 1000.0) as u64;
            let revenue = round(log_uniform(rng, 200.0, 60_000.0));
            (employees.min(999), revenue)
        } else {
            // Many staff, small revenue: an SME by revenue.
            let employees = log_uniform(rng, 1000.0, 3000.0) as u64;
            (
                employees.max(1000),
                round(log_uniform(rng, 5_000.0, 39_999.0)),
            )
        }
    } else {
        let employees = log_uniform(rng, 1000.0, 30_000.0) as u64;
        let revenue = round(log_uniform(rng, 40_000.0, 3_000_000.0));
        (employees.max(1000), revenue.max(40_000.0))
    }
}

/// `yyyy-mm-ddThh:mm:00+08:00` for day `day` (0-based, clamped to the year) of `year`.
fn timestamp(year: i16, day: u16, hour: u8, minute: u8) -> String {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let months = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut rest = day;
    let mut month = 0;
    while month < 11 && rest >= months[month] {
        rest -= months[month];
        month += 1;
    }
    let day_of_month = (rest + 1).min(months[month]);
    format!(
        "{year:04}-{:02}-{day_of_month:02}T{hour:02}:{minute:02}:00+08:00",
        month + 1
    )
}

/// Syllables of made-up brand names (ours).
const BRAND: &[&str] = &[
    "恒", "泰", "华", "鑫", "瑞", "宏", "盛", "达", "嘉", "永", "信", "隆", "新", "远", "博", "祥",
    "金", "德", "源", "康", "科", "通", "昌", "兴", "正", "和", "润", "丰", "宇", "航", "立", "晨",
];

/// What a company of a division calls itself (ours).
fn trade(division: u8) -> &'static str {
    match division {
        13 | 14 => "食品",
        15 => "饮品",
        16 => "卷烟",
        17 => "纺织",
        18 => "服饰",
        19 => "鞋业",
        20 => "木业",
        21 => "家具",
        22 => "纸业",
        23 => "印务",
        24 => "文体用品",
        25 => "石化",
        26 => "化工",
        27 => "药业",
        28 => "化纤",
        29 => "塑胶",
        30 => "建材",
        31 => "钢铁",
        32 => "有色金属",
        33 => "金属制品",
        34 => "机械",
        35 => "装备",
        36 => "汽车部件",
        37 => "船舶装备",
        38 => "电气",
        39 => "电子",
        40 => "仪器仪表",
        42 => "再生资源",
        43 => "设备维修",
        _ => "制造",
    }
}

/// A plausible name: city, a two-syllable brand, the trade, the legal form.
fn enterprise_name(rng: &mut Pcg64Mcg, city: &City, division: u8) -> String {
    // An autonomous prefecture's full name is long: companies use its first two characters.
    let place: String = if city.zh.chars().count() > 4 {
        city.zh.chars().take(2).collect()
    } else {
        city.zh.to_string()
    };
    let first = BRAND[rng.random_range(0..BRAND.len())];
    let mut second = BRAND[rng.random_range(0..BRAND.len())];
    while second == first {
        second = BRAND[rng.random_range(0..BRAND.len())];
    }
    let extra = ["", "", "精密", "智能", "科技"][rng.random_range(0..5)];
    let form = if rng.random_bool(0.2) {
        "股份有限公司"
    } else {
        "有限公司"
    };
    format!("{place}{first}{second}{extra}{}{form}", trade(division))
}

/// Characters of the organisation-code body (GB 32100 alphabet without the check-only ones).
const CODE_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A valid unified social credit code: 9 (market regulator), 1 (enterprise), the city's
/// division code, an organisation code with its GB 11714 check character, and the GB 32100
/// check character.
fn credit_code(rng: &mut Pcg64Mcg, city: &City) -> String {
    let mut org: Vec<u8> = b"MA".to_vec();
    for _ in 0..6 {
        org.push(CODE_CHARS[rng.random_range(0..CODE_CHARS.len())]);
    }
    // GB 11714: digits are their value, letters A–Z 10–35; weights 3 7 9 10 5 8 4 2.
    let value = |c: u8| match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        _ => u32::from(c - b'A') + 10,
    };
    let sum: u32 = org
        .iter()
        .zip([3, 7, 9, 10, 5, 8, 4, 2])
        .map(|(&c, w)| value(c) * w)
        .sum();
    let check = match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).unwrap_or('0'),
    };
    let body = format!("91{}{}{check}", city.code, String::from_utf8_lossy(&org));
    credit_code_with_check(&body).expect("the body uses the code's alphabet")
}

/// Draws ratings for the target `level`, then moves single ratings one step until the answers
/// score to exactly that level.
fn rate(rng: &mut Pcg64Mcg, q: &Questionnaire, answers: &mut Answers, level: u8) {
    let mut sheet = Sheet::from_answers(q, answers);
    for (i, r) in q.requirements.iter().enumerate() {
        let weights: [f64; 4] = if r.level <= level {
            [0.0, 0.08, 0.47, 0.45]
        } else if r.level == level + 1 {
            [0.3, 0.4, 0.25, 0.05]
        } else {
            [0.75, 0.2, 0.05, 0.0]
        };
        let choice = pick(rng, &weights.map(|w| ((), w))).unwrap_or(0);
        sheet.ratings[i] = Some(Rating::ALL[choice]);
    }
    let threshold = scoring::threshold();
    loop {
        let score = scoring::score_sheet(q, &sheet);
        if score.level == level {
            break;
        }
        // The first level that should be reached and is not: raise one of its ratings.
        // Else the level after the target is reached and should not be: lower one of its.
        let (at, raise) = match score
            .levels
            .iter()
            .find(|l| l.level <= level && l.score < threshold)
        {
            Some(l) => (l.level, true),
            None => (level + 1, false),
        };
        let movable: Vec<usize> = (0..q.requirements.len())
            .filter(|&i| {
                q.requirements[i].level == at && !sheet.tailored[q.requirements[i].subdomain]
            })
            .filter(|&i| match sheet.ratings[i] {
                Some(Rating::FI) => !raise,
                Some(Rating::NI) => raise,
                _ => true,
            })
            .collect();
        let Some(&i) = movable.get(rng.random_range(0..movable.len().max(1))) else {
            break;
        };
        let step = sheet.ratings[i].map_or(0, Rating::index);
        let next = if raise { step + 1 } else { step - 1 };
        sheet.ratings[i] = Some(Rating::ALL[next]);
    }
    for (i, r) in q.requirements.iter().enumerate() {
        if let Some(rating) = sheet.ratings[i] {
            answers.ratings.insert(r.id.clone(), Rated::given(rating));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::national;
    use crate::model::profile::{check_credit_code, check_province};

    #[test]
    fn every_enterprise_scores_to_its_drawn_level_and_is_valid() {
        let q = Questionnaire::embedded();
        let mix = Mix::new(national::get());
        let spec = Spec {
            seed: 7,
            years: (2021, 2021),
        };
        let mut levels = [0usize; 6];
        for i in 0..300 {
            let e = mix.enterprise(&q, &spec, i);
            assert_eq!(
                scoring::score(&q, &e.answers).level,
                e.level,
                "enterprise {i}"
            );
            levels[usize::from(e.level)] += 1;
            let p = &e.answers.profile;
            check_credit_code(p.credit_code.as_deref().unwrap()).unwrap();
            check_province(p.province.as_deref().unwrap()).unwrap();
            assert!(p.division().is_some());
            assert_eq!(e.answers.ratings.len(), q.requirements.len());
            assert!(
                e.answers
                    .meta
                    .created
                    .as_deref()
                    .unwrap()
                    .starts_with("2021-")
            );
        }
        assert!(
            levels.iter().all(|&n| n > 0),
            "every level occurs: {levels:?}"
        );
    }

    #[test]
    fn the_same_number_gives_the_same_enterprise() {
        let q = Questionnaire::embedded();
        let mix = Mix::new(national::get());
        let spec = |seed| Spec {
            seed,
            years: (2021, 2021),
        };
        let a = mix.enterprise(&q, &spec(1), 5).answers;
        assert_eq!(a, mix.enterprise(&q, &spec(1), 5).answers);
        assert_ne!(a, mix.enterprise(&q, &spec(2), 5).answers);
        assert_ne!(a, mix.enterprise(&q, &spec(1), 6).answers);
    }

    #[test]
    fn the_mix_follows_the_report() {
        let mix = Mix::new(national::get());
        let levels = mix.level_shares();
        assert!((levels.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!((levels[0] + levels[1] - 0.69).abs() < 1e-9);
        let (le1, ge2) = mix.sme_given_band();
        // Independently: 0.69 × P(SME|≤L1) + 0.31 × P(SME|≥L2) = 88.64 %.
        assert!((0.69 * le1 + 0.31 * ge2 - 0.8864).abs() < 1e-9);
        assert!((le1 - 0.9509).abs() < 1e-9);
        let jiangsu = mix
            .province_shares()
            .into_iter()
            .find(|(p, _)| *p == 32)
            .unwrap()
            .1;
        let total: u32 = national::get().provinces_ge2.iter().map(|(_, c)| c).sum();
        assert!((jiangsu - 1233.0 / f64::from(total)).abs() < 1e-12);
    }

    #[test]
    fn dates_are_calendar_days() {
        assert_eq!(timestamp(2021, 0, 9, 5), "2021-01-01T09:05:00+08:00");
        assert_eq!(timestamp(2021, 58, 9, 5), "2021-02-28T09:05:00+08:00");
        assert_eq!(timestamp(2021, 59, 9, 5), "2021-03-01T09:05:00+08:00");
        assert_eq!(timestamp(2020, 59, 9, 5), "2020-02-29T09:05:00+08:00");
        assert_eq!(timestamp(2021, 364, 9, 5), "2021-12-31T09:05:00+08:00");
    }
}
