//! The enterprise profile and its field checks. The checks return coded diagnostics without a
//! location, so the answers loader can place them in a file and the TUI can show them inline.

use super::diagnostic::{Code, Diagnostic};
use super::questionnaire::{IndustryType, Questionnaire};
use super::reference::{self, Division, Province};

/// Core business an enterprise may or may not have; what it lacks suggests tailoring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Coverage {
    Design,
    Logistics,
    Sales,
    Service,
}

impl Coverage {
    pub const ALL: [Coverage; 4] = [
        Coverage::Design,
        Coverage::Logistics,
        Coverage::Sales,
        Coverage::Service,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Coverage::Design => "design",
            Coverage::Logistics => "logistics",
            Coverage::Sales => "sales",
            Coverage::Service => "service",
        }
    }

    pub fn parse(key: &str) -> Option<Coverage> {
        Coverage::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The sub-domains that belong to this business.
    pub fn subdomains(self) -> &'static [&'static str] {
        match self {
            Coverage::Design => &["product-design", "process-design"],
            Coverage::Logistics => &["logistics"],
            Coverage::Sales => &["sales"],
            Coverage::Service => &["customer-service", "product-service"],
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    pub name: Option<String>,
    pub credit_code: Option<String>,
    /// GB/T 4754 division ("36") or class ("3670").
    pub industry: Option<String>,
    pub industry_type: Option<IndustryType>,
    /// GB/T 2260 province ("32") or city ("320200").
    pub province: Option<String>,
    pub employees: Option<u64>,
    /// Annual revenue in 10k CNY (万元).
    pub revenue: Option<f64>,
    /// `None`: not said; `Some(list)`: the businesses the enterprise has.
    pub covers: Option<Vec<Coverage>>,
}

impl Profile {
    /// SME (中小微) when employees < 1000 or revenue < 40,000 万元; unknown without either figure.
    pub fn is_sme(&self) -> Option<bool> {
        match (self.employees, self.revenue) {
            (Some(e), _) if e < 1000 => Some(true),
            (_, Some(r)) if r < 40_000.0 => Some(true),
            (Some(_), Some(_)) => Some(false),
            _ => None,
        }
    }

    pub fn division(&self) -> Option<&'static Division> {
        self.industry
            .as_deref()
            .and_then(|i| check_industry(i).ok())
    }

    pub fn province_entry(&self) -> Option<&'static Province> {
        self.province
            .as_deref()
            .and_then(|p| check_province(p).ok())
    }

    /// Sub-domains the coverage suggests tailoring out (those the enterprise says it does not
    /// do), limited to what the questionnaire lets this industry type tailor.
    pub fn suggested_tailoring<'q>(&self, questionnaire: &'q Questionnaire) -> Vec<&'q str> {
        let Some(covers) = &self.covers else {
            return Vec::new();
        };
        Coverage::ALL
            .into_iter()
            .filter(|c| !covers.contains(c))
            .flat_map(|c| c.subdomains().iter())
            .filter_map(|key| questionnaire.subdomain_index(key))
            .map(|s| &questionnaire.subdomains[s])
            .filter(|s| match self.industry_type {
                Some(t) => s.tailorable_for(t),
                None => IndustryType::ALL.iter().all(|&t| s.tailorable_for(t)),
            })
            .map(|s| s.key.as_str())
            .collect()
    }
}

/// The characters of a unified social credit code (GB 32100-2015), valued 0..=30 in this order.
const CREDIT_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Checks an 18-character unified social credit code, including its check character.
pub fn check_credit_code(code: &str) -> Result<(), Diagnostic> {
    let code = code.trim();
    let length = code.chars().count();
    if length != 18 {
        return Err(Diagnostic::new(Code::CreditLength).arg("length", length));
    }
    let mut values = Vec::with_capacity(18);
    for (position, ch) in code.chars().enumerate() {
        let upper = ch.to_ascii_uppercase();
        match CREDIT_ALPHABET.iter().position(|&c| char::from(c) == upper) {
            Some(v) => values.push(v as u32),
            None => {
                return Err(Diagnostic::new(Code::CreditChar)
                    .arg("char", ch)
                    .arg("position", position + 1));
            }
        }
    }
    let expected = credit_check_char(&values[..17]);
    let found = code.chars().last().unwrap_or(' ').to_ascii_uppercase();
    if found != expected {
        return Err(Diagnostic::new(Code::CreditCheck)
            .arg("expected", expected)
            .arg("found", found));
    }
    Ok(())
}

/// A credit code made whole: the 17-character `body` with its check character; `None` when the
/// body is not 17 characters of the code's alphabet.
pub fn credit_code_with_check(body: &str) -> Option<String> {
    let values: Option<Vec<u32>> = body
        .bytes()
        .map(|b| {
            CREDIT_ALPHABET
                .iter()
                .position(|&c| c == b)
                .map(|v| v as u32)
        })
        .collect();
    let values = values.filter(|v| v.len() == 17)?;
    Some(format!("{body}{}", credit_check_char(&values)))
}

/// The check character for the first 17 values of a credit code.
fn credit_check_char(values: &[u32]) -> char {
    let sum: u32 = values.iter().zip(CREDIT_WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    char::from(CREDIT_ALPHABET[check as usize])
}

/// Checks a GB/T 4754 division ("36") or class ("3670") code within manufacturing (13–43).
pub fn check_industry(code: &str) -> Result<&'static Division, Diagnostic> {
    let code = code.trim();
    if !(code.len() == 2 || code.len() == 4) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Diagnostic::new(Code::IndustryFormat).arg("value", code));
    }
    let division: u8 = code[..2].parse().unwrap_or(0);
    reference::division(division)
        .ok_or_else(|| Diagnostic::new(Code::IndustryRange).arg("value", code))
}

/// Checks a GB/T 2260 province ("32") or six-digit city code ("320200"): a city code must be a
/// prefecture-level city of the province in the city table.
pub fn check_province(code: &str) -> Result<&'static Province, Diagnostic> {
    let code = code.trim();
    if !(code.len() == 2 || code.len() == 6) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Diagnostic::new(Code::ProvinceFormat).arg("value", code));
    }
    let province_code: u8 = code[..2].parse().unwrap_or(0);
    let province = reference::province(province_code)
        .ok_or_else(|| Diagnostic::new(Code::ProvinceUnknown).arg("value", code))?;
    if code.len() == 6 {
        let known = code.parse().is_ok_and(reference::is_known_place);
        if !known {
            let list = |name: fn(&reference::City) -> &str, sep: &str| {
                reference::cities_of(province_code)
                    .map(|c| format!("{} {}", c.code, name(c)))
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            return Err(Diagnostic::new(Code::CityUnknown)
                .arg("value", code)
                .arg("province", province_code)
                .arg("province_name.zh-CN", province.zh)
                .arg("province_name.en", province.en)
                .arg("cities.zh-CN", list(|c| c.zh, "、"))
                .arg("cities.en", list(|c| c.en, ", ")));
        }
    }
    Ok(province)
}

/// A number as people type it: full-width digits and separators made plain, thousands
/// separators and spaces dropped.
fn plain_number(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' | '。' => Some('.'),
            ',' | '，' | ' ' | '\u{3000}' | '_' => None,
            c => Some(c),
        })
        .collect()
}

/// Employees as typed: "320", "320人", "1,200 名" are all 320 or 1200 people.
pub fn parse_employees(text: &str) -> Result<u64, Diagnostic> {
    let plain = plain_number(text);
    let digits = plain
        .strip_suffix('人')
        .or_else(|| plain.strip_suffix('名'))
        .unwrap_or(&plain);
    digits
        .parse::<u64>()
        .map_err(|_| Diagnostic::new(Code::NotAHeadcount).arg("value", text.trim()))
}

/// From an amount in a unit to 万元.
type ToWan = fn(f64) -> f64;

/// Annual revenue in 万元 (10,000 CNY) as typed: "18500", "18500万", "18500万元", "1.85亿"
/// (= 18,500 万元) and "185000000元" are all 18,500 万元.
pub fn parse_revenue(text: &str) -> Result<f64, Diagnostic> {
    let plain = plain_number(text);
    let units: [(&str, ToWan); 5] = [
        ("亿元", |n| n * 10_000.0),
        ("亿", |n| n * 10_000.0),
        ("万元", |n| n),
        ("万", |n| n),
        ("元", |n| n / 10_000.0),
    ];
    let (number, to_wan) = units
        .iter()
        .find_map(|(unit, to_wan)| plain.strip_suffix(unit).map(|n| (n, *to_wan)))
        .unwrap_or((plain.as_str(), |n| n));
    let digits = !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && number.bytes().filter(|&b| b == b'.').count() <= 1;
    match number.parse::<f64>() {
        // To the yuan (4 decimals of 万元), so "1.2345亿" is 12,345 and not 12,345.000000000002.
        Ok(n) if digits && n.is_finite() => Ok((to_wan(n) * 10_000.0).round() / 10_000.0),
        _ => Err(Diagnostic::new(Code::NotAnAmount).arg("value", text.trim())),
    }
}

pub fn check_industry_type(value: &str) -> Result<IndustryType, Diagnostic> {
    IndustryType::parse(value.trim())
        .ok_or_else(|| Diagnostic::new(Code::IndustryType).arg("value", value))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a valid code from a 17-character body (test helper, exercises the check rule).
    fn with_check(body: &str) -> String {
        let values: Vec<u32> = body
            .bytes()
            .map(|b| CREDIT_ALPHABET.iter().position(|&c| c == b).unwrap() as u32)
            .collect();
        format!("{body}{}", credit_check_char(&values))
    }

    #[test]
    fn published_credit_code_example_is_valid() {
        // A widely published example code.
        assert_eq!(check_credit_code("91350100M000100Y43"), Ok(()));
        assert_eq!(check_credit_code("91350100m000100y43"), Ok(()));
    }

    #[test]
    fn credit_code_errors() {
        let good = with_check("91320200MA1XXXXX0");
        assert_eq!(check_credit_code(&good), Ok(()));
        let mut wrong = good[..17].to_string();
        let last = good.chars().last().unwrap();
        wrong.push(if last == '0' { '1' } else { '0' });
        assert_eq!(
            check_credit_code(&wrong).unwrap_err().code,
            Code::CreditCheck
        );
        assert_eq!(
            check_credit_code("123").unwrap_err().code,
            Code::CreditLength
        );
        let e = check_credit_code("91320200MA1XXXXXI0").unwrap_err();
        assert_eq!(e.code, Code::CreditChar);
        assert_eq!(e.get("position"), Some("17"));
    }

    #[test]
    fn industry_codes() {
        assert_eq!(check_industry("36").unwrap().code, 36);
        assert_eq!(check_industry("3670").unwrap().code, 36);
        assert_eq!(check_industry("12").unwrap_err().code, Code::IndustryRange);
        assert_eq!(check_industry("44").unwrap_err().code, Code::IndustryRange);
        assert_eq!(
            check_industry("367").unwrap_err().code,
            Code::IndustryFormat
        );
        assert_eq!(
            check_industry("c36").unwrap_err().code,
            Code::IndustryFormat
        );
    }

    #[test]
    fn province_codes() {
        assert_eq!(check_province("32").unwrap().code, 32);
        assert_eq!(check_province("320200").unwrap().code, 32);
        assert_eq!(
            check_province("99").unwrap_err().code,
            Code::ProvinceUnknown
        );
        assert_eq!(
            check_province("3202").unwrap_err().code,
            Code::ProvinceFormat
        );
        assert_eq!(check_province("110000").unwrap().code, 11);
        assert_eq!(check_province("440300").unwrap().code, 44);
    }

    /// A district or county counts under its city (an enterprise in 惠山区 gives 320206, a
    /// Beijing district 110105), as does a county-level unit under its province (429004 仙桃).
    #[test]
    fn districts_and_counties_are_places_of_their_city() {
        for (code, city) in [
            ("320206", Some(320200)),
            ("320211", Some(320200)),
            ("110105", Some(110000)),
            ("500101", Some(500000)),
            ("429004", None),
        ] {
            assert!(check_province(code).is_ok(), "{code}");
            let n: u32 = code.parse().unwrap();
            assert_eq!(reference::city_of(n).map(|c| c.code), city, "{code}");
        }
    }

    #[test]
    fn an_unknown_city_is_refused_with_the_province_cities() {
        for bad in ["329999", "329901", "440000", "320000"] {
            let e = check_province(bad).unwrap_err();
            assert_eq!(e.code, Code::CityUnknown, "{bad}");
            assert_eq!(e.get("province"), Some(bad.get(..2).unwrap()));
        }
        let e = check_province("329999").unwrap_err();
        let cities = e.get("cities.zh-CN").unwrap();
        assert!(cities.contains("320200 无锡") && cities.contains("321300 宿迁"));
        assert!(!cities.contains("330100"), "only the province's own cities");
        assert!(e.get("cities.en").unwrap().contains("320400 Changzhou"));
        assert_eq!(e.get("province_name.zh-CN"), Some("江苏"));
    }

    #[test]
    fn figures_are_read_as_people_type_them() {
        assert_eq!(parse_employees("320").unwrap(), 320);
        assert_eq!(parse_employees(" 320人 ").unwrap(), 320);
        assert_eq!(parse_employees("1,200 名").unwrap(), 1200);
        assert_eq!(parse_employees("３２０人").unwrap(), 320);
        for bad in ["many", "-3", "3.5", "320人左右", "", "人"] {
            assert_eq!(
                parse_employees(bad).unwrap_err().code,
                Code::NotAHeadcount,
                "{bad}"
            );
        }
        assert_eq!(parse_revenue("18500").unwrap(), 18500.0);
        assert_eq!(parse_revenue("18500.5").unwrap(), 18500.5);
        assert_eq!(parse_revenue("18,500万元").unwrap(), 18500.0);
        assert_eq!(parse_revenue("18500 万").unwrap(), 18500.0);
        assert_eq!(parse_revenue("1.85亿").unwrap(), 18500.0);
        assert_eq!(parse_revenue("1.85亿元").unwrap(), 18500.0);
        assert_eq!(parse_revenue("1.2345亿").unwrap(), 12345.0);
        assert_eq!(parse_revenue("185000000元").unwrap(), 18500.0);
        assert_eq!(parse_revenue("123456元").unwrap(), 12.3456);
        for bad in [
            "lots",
            "-5",
            "1e5",
            "inf",
            "NaN",
            "1.2.3",
            "亿",
            "",
            "1.85 billion",
        ] {
            assert_eq!(
                parse_revenue(bad).unwrap_err().code,
                Code::NotAnAmount,
                "{bad}"
            );
        }
    }

    #[test]
    fn sme_rule() {
        let p = |e, r| Profile {
            employees: e,
            revenue: r,
            ..Profile::default()
        };
        assert_eq!(p(Some(999), None).is_sme(), Some(true));
        assert_eq!(p(Some(5000), Some(39_999.0)).is_sme(), Some(true));
        assert_eq!(p(Some(5000), Some(50_000.0)).is_sme(), Some(false));
        assert_eq!(p(Some(5000), None).is_sme(), None);
        assert_eq!(p(None, None).is_sme(), None);
    }
}
