//! Peer context: the 2021 national figures ([`crate::model::national`]) said where a user
//! decides — next to the level (score panel, `zizhen score`, the reports' first page) and next
//! to a requirement whose practice the national report measured.

use crate::i18n::{Lang, Strings};
use crate::model::national::{self, Levels, National};
use crate::model::profile::Profile;

/// A percentage as the report prints it, to one decimal, without a trailing ".0".
fn percent(value: f64) -> String {
    let tenths = (value * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

/// Share at `level` or below (levels 0–3), or at 4 or above, of a distribution.
fn share_for(levels: &Levels, level: u8) -> f64 {
    let a = levels.as_array();
    match level {
        0 | 1 => a[0],
        2 => a[0] + a[1],
        3 => a[0] + a[1] + a[2],
        _ => a[3],
    }
}

/// One sentence: how many enterprises were, nationally in 2021, at the user's level or below
/// (at 4 or above from level 4), and the same in the enterprise's industry where the report
/// tables it (reports and `zizhen score`).
pub fn level_line(s: &Strings, level: u8, profile: &Profile) -> String {
    level_line_of(national::get(), s, level, profile, Wording::Sentence)
}

/// The same in a few words, for the score panel (two lines of a narrow panel): the industry is
/// "yours" there, its name is beside the panel.
pub fn level_short(s: &Strings, level: u8, profile: &Profile) -> String {
    level_line_of(national::get(), s, level, profile, Wording::Short)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Wording {
    Sentence,
    Short,
}

fn level_line_of(
    n: &National,
    s: &Strings,
    level: u8,
    profile: &Profile,
    wording: Wording,
) -> String {
    let key = match (level >= 4, wording) {
        (true, Wording::Sentence) => "national.level_or_above",
        (false, Wording::Sentence) => "national.level_or_below",
        (true, Wording::Short) => "national.short_or_above",
        (false, Wording::Short) => "national.short_or_below",
    };
    let shown = level.clamp(1, 4).to_string();
    let line = s.fmt(
        key,
        &[
            ("share", &percent(share_for(&n.levels, level))),
            ("n", &shown),
        ],
    );
    let industry = profile
        .division()
        .and_then(|d| n.industry(d.code).map(|i| (d, i)));
    let Some((division, tabled)) = industry else {
        // The report splits level 1 or below by industry type too (67.1 % discrete, 72.2 %
        // process); higher levels only as differences, which we do not turn into shares.
        return match profile.industry_type {
            Some(t) if level <= 1 => s.fmt(
                match wording {
                    Wording::Sentence => "national.in_type",
                    Wording::Short => "national.short_type",
                },
                &[
                    ("line", &line),
                    ("type", s.get(&format!("common.industry_type.{}", t.key()))),
                    ("share", &percent(n.type_le1(t))),
                ],
            ),
            _ => line,
        };
    };
    let share = percent(share_for(&tabled.y2021, level));
    match wording {
        Wording::Sentence => s.fmt(
            "national.in_industry",
            &[
                ("line", &line),
                ("industry", division.name().get(s.lang())),
                ("share", &share),
            ],
        ),
        Wording::Short => s.fmt(
            "national.short_industry",
            &[("line", &line), ("share", &share)],
        ),
    }
}

/// The region's count of enterprises at level 2 or above in 2021 (and its rank), and the
/// city's where it is among the top 50; `None` without a known province.
pub fn region_line(s: &Strings, profile: &Profile) -> Option<String> {
    let n = national::get();
    let province = profile.province_entry()?;
    let (rank, count) = n
        .provinces_ge2
        .iter()
        .enumerate()
        .find(|(_, (p, _))| *p == province.code)
        .map(|(i, (_, c))| (i + 1, *c))?;
    let line = s.fmt(
        "national.region",
        &[
            ("province", province.name().get(s.lang())),
            ("count", &count.to_string()),
            ("rank", &rank.to_string()),
        ],
    );
    let code: Option<u32> = profile
        .province
        .as_deref()
        .and_then(|p| p.trim().parse().ok());
    let city = n
        .cities_ge2
        .iter()
        .find(|c| Some(c.city.code) == code && c.city.code % 10_000 != 0);
    Some(match city {
        Some(c) => s.fmt(
            "national.region_city",
            &[
                ("line", &line),
                ("city", c.city.name().get(s.lang())),
                ("count", &c.count.to_string()),
                ("rank", &c.rank.to_string()),
            ],
        ),
        None => line,
    })
}

/// The national adoption of the practice a requirement checks, when the report measured it.
pub fn practice_note(s: &Strings, requirement: &str) -> Option<String> {
    let practice = national::get().practices_of(requirement).next()?;
    let key = if practice.of_equipment() {
        "national.practice_rate"
    } else {
        "national.practice"
    };
    let name = match s.lang() {
        Lang::ZhCn => practice.zh.as_str(),
        Lang::En => practice.en.as_str(),
    };
    Some(s.fmt(
        key,
        &[("practice", name), ("share", &percent(practice.share))],
    ))
}

/// Where the figures come from, for reports.
pub fn source(s: &Strings) -> String {
    let src = &national::get().source;
    s.fmt(
        "national.source",
        &[
            ("title", src.title().get(s.lang())),
            (
                "publisher",
                match s.lang() {
                    Lang::ZhCn => src.publisher_zh.as_str(),
                    Lang::En => src.publisher_en.as_str(),
                },
            ),
        ],
    )
}

/// Where the enterprise stands in a collection (`--peers STORE`): a sentence for reports and
/// `zizhen score`.
pub fn collection_line(s: &Strings, standing: &crate::collection::peers::Standing) -> String {
    collection_text(s, standing, false)
}

/// The same in a few words, for the score panel.
pub fn collection_short(s: &Strings, standing: &crate::collection::peers::Standing) -> String {
    collection_text(s, standing, true)
}

fn collection_text(
    s: &Strings,
    standing: &crate::collection::peers::Standing,
    short: bool,
) -> String {
    let percent = standing.ahead_percent().to_string();
    let count = standing.enterprises.to_string();
    let division = standing
        .industry
        .as_deref()
        .and_then(|d| d.parse().ok())
        .and_then(crate::model::reference::division);
    let key = match (division.is_some(), short) {
        (true, false) => "peers.collection",
        (false, false) => "peers.collection_all",
        (true, true) => "peers.short",
        (false, true) => "peers.short_all",
    };
    let industry = division
        .map(|d| d.name().get(s.lang()).to_string())
        .unwrap_or_default();
    s.fmt(
        key,
        &[
            ("percent", &percent),
            ("count", &count),
            ("industry", &industry),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_as_printed() {
        assert_eq!(percent(69.0), "69");
        assert_eq!(percent(53.49), "53.5");
        assert_eq!(percent(10.42), "10.4");
        assert_eq!(percent(53.49 + 22.58), "76.1");
    }

    #[test]
    fn the_level_line_names_the_industry_where_tabled() {
        let s = Strings::of(Lang::En);
        let mut p = Profile {
            industry: Some("3670".into()),
            ..Profile::default()
        };
        let line = level_line(s, 1, &p);
        assert!(line.contains("69 %") && line.contains("53.5 %"), "{line}");
        let line = level_line(s, 2, &p);
        // 69 + 15 nationally; 53.49 + 22.58 in automobiles.
        assert!(line.contains("84 %") && line.contains("76.1 %"), "{line}");
        let line = level_line(s, 5, &p);
        assert!(line.contains("9 %") && line.contains("10.5 %"), "{line}");
        p.industry = Some("13".into());
        let line = level_line(s, 0, &p);
        assert!(line.contains("69 %") && !line.contains(';'), "{line}");
        p.industry_type = Some(crate::model::IndustryType::Process);
        let line = level_line(s, 1, &p);
        assert!(line.contains("72.2 %"), "{line}");
        assert!(
            !level_line(s, 2, &p).contains(';'),
            "no type share above level 1"
        );
        let zh = level_line(Strings::of(Lang::ZhCn), 1, &Profile::default());
        assert!(zh.contains("69%"), "{zh}");
        p.industry = Some("34".into());
        let short = level_short(s, 2, &p);
        // 73.65 + 12.85 in general-purpose machinery.
        assert!(
            short.contains("84 %") && short.contains("86.5 %"),
            "{short}"
        );
    }

    #[test]
    fn the_region_line_ranks_province_and_city() {
        let s = Strings::of(Lang::En);
        let mut p = Profile {
            province: Some("320200".into()),
            ..Profile::default()
        };
        let line = region_line(s, &p).unwrap();
        assert!(
            line.contains("1233") && line.contains("rank 1 of 31"),
            "{line}"
        );
        assert!(line.contains("Wuxi") && line.contains("630"), "{line}");
        p.province = Some("320700".into());
        assert!(
            !region_line(s, &p).unwrap().contains("Lianyungang"),
            "not in the top 50"
        );
        p.province = Some("54".into());
        assert!(region_line(s, &p).unwrap().contains("rank 31"));
        p.province = None;
        assert!(region_line(s, &p).is_none());
    }

    #[test]
    fn practice_notes_where_measured() {
        let s = Strings::of(Lang::En);
        let aps = practice_note(s, "planning.4.4").unwrap();
        assert!(aps.contains("10.4 %") && aps.contains("APS"), "{aps}");
        assert!(practice_note(s, "planning.1.1").is_none());
        let rate = practice_note(s, "equipment.2.1").unwrap();
        assert!(rate.contains("58 %"), "{rate}");
    }
}
