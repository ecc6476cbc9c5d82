//! Reference lists the profile is validated against: the 31 manufacturing divisions of
//! GB/T 4754-2017 (section C, 13–43) and the 31 mainland provinces of GB/T 2260.

use super::questionnaire::IndustryType;
use super::text::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Division {
    pub code: u8,
    pub zh: &'static str,
    pub en: &'static str,
}

impl Division {
    pub fn name(&self) -> Text {
        Text::new(self.zh, self.en)
    }

    /// The industry type we suggest for this division (the enterprise decides).
    pub fn suggested_type(&self) -> IndustryType {
        match self.code {
            13..=17 | 22 | 25..=28 | 30..=32 | 42 => IndustryType::Process,
            _ => IndustryType::Discrete,
        }
    }
}

macro_rules! divisions {
    ($($code:literal $zh:literal $en:literal;)*) => {
        pub const DIVISIONS: &[Division] = &[$(Division { code: $code, zh: $zh, en: $en }),*];
    };
}

divisions! {
    13 "农副食品加工业" "Processing of food from agricultural products";
    14 "食品制造业" "Manufacture of foods";
    15 "酒、饮料和精制茶制造业" "Manufacture of liquor, beverages and refined tea";
    16 "烟草制品业" "Manufacture of tobacco products";
    17 "纺织业" "Manufacture of textiles";
    18 "纺织服装、服饰业" "Manufacture of textile apparel and accessories";
    19 "皮革、毛皮、羽毛及其制品和制鞋业" "Leather, fur, feather and related products; footwear";
    20 "木材加工和木、竹、藤、棕、草制品业" "Timber processing; wood, bamboo, rattan, palm and straw products";
    21 "家具制造业" "Manufacture of furniture";
    22 "造纸和纸制品业" "Manufacture of paper and paper products";
    23 "印刷和记录媒介复制业" "Printing and reproduction of recording media";
    24 "文教、工美、体育和娱乐用品制造业" "Articles for culture, education, crafts, sports and entertainment";
    25 "石油、煤炭及其他燃料加工业" "Processing of petroleum, coal and other fuels";
    26 "化学原料和化学制品制造业" "Chemical raw materials and chemical products";
    27 "医药制造业" "Manufacture of medicines";
    28 "化学纤维制造业" "Manufacture of chemical fibres";
    29 "橡胶和塑料制品业" "Rubber and plastic products";
    30 "非金属矿物制品业" "Non-metallic mineral products";
    31 "黑色金属冶炼和压延加工业" "Smelting and pressing of ferrous metals";
    32 "有色金属冶炼和压延加工业" "Smelting and pressing of non-ferrous metals";
    33 "金属制品业" "Metal products";
    34 "通用设备制造业" "General-purpose machinery";
    35 "专用设备制造业" "Special-purpose machinery";
    36 "汽车制造业" "Manufacture of automobiles";
    37 "铁路、船舶、航空航天和其他运输设备制造业" "Railway, ship, aerospace and other transport equipment";
    38 "电气机械和器材制造业" "Electrical machinery and equipment";
    39 "计算机、通信和其他电子设备制造业" "Computers, communication and other electronic equipment";
    40 "仪器仪表制造业" "Measuring instruments and meters";
    41 "其他制造业" "Other manufacturing";
    42 "废弃资源综合利用业" "Comprehensive use of waste resources";
    43 "金属制品、机械和设备修理业" "Repair of metal products, machinery and equipment";
}

/// Words people type for an industry that its official name does not contain (ours, not from
/// GB/T 4754): "机械" finds general- and special-purpose machinery, "化工" chemicals.
const DIVISION_WORDS: &[(&str, &[u8])] = &[
    ("机械", &[34, 35, 38, 43]),
    ("装备", &[34, 35, 37]),
    ("机床", &[34]),
    ("设备", &[34, 35]),
    ("化工", &[26, 28]),
    ("石化", &[25, 26]),
    ("钢铁", &[31]),
    ("冶金", &[31, 32]),
    ("铝", &[32]),
    ("铜", &[32]),
    ("家电", &[38]),
    ("电器", &[38]),
    ("电池", &[38]),
    ("光伏", &[38, 39]),
    ("新能源", &[36, 38]),
    ("汽配", &[36]),
    ("零部件", &[36, 34]),
    ("船舶", &[37]),
    ("造船", &[37]),
    ("航空", &[37]),
    ("轨道交通", &[37]),
    ("芯片", &[39]),
    ("半导体", &[39]),
    ("集成电路", &[39]),
    ("电子", &[39]),
    ("制药", &[27]),
    ("药", &[27]),
    ("塑料", &[29]),
    ("建材", &[30]),
    ("水泥", &[30]),
    ("玻璃", &[30]),
    ("陶瓷", &[30]),
    ("服装", &[18]),
    ("鞋", &[19]),
    ("饮料", &[15]),
    ("酒", &[15]),
    ("machine", &[34, 35, 38, 43]),
    ("equipment", &[34, 35, 37, 38, 39]),
    ("chemical", &[26, 28]),
    ("steel", &[31]),
    ("aluminium", &[32]),
    ("aluminum", &[32]),
    ("car", &[36]),
    ("auto", &[36]),
    ("vehicle", &[36, 37]),
    ("ship", &[37]),
    ("electronic", &[39]),
    ("semiconductor", &[39]),
    ("chip", &[39]),
    ("pharma", &[27]),
    ("drug", &[27]),
    ("plastic", &[29]),
    ("cement", &[30]),
    ("glass", &[30]),
    ("garment", &[18]),
    ("clothing", &[18]),
    ("shoe", &[19]),
    ("battery", &[38]),
    ("solar", &[38, 39]),
];

impl Division {
    /// Whether what the user typed names this division: a code prefix, part of its name in
    /// either language, or a common word for it.
    pub fn matches(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        query.is_empty()
            || self.code.to_string().starts_with(&query)
            || self.zh.contains(&query)
            || self.en.to_lowercase().contains(&query)
            || DIVISION_WORDS.iter().any(|(word, codes)| {
                codes.contains(&self.code) && (word.starts_with(&query) || query.contains(word))
            })
    }
}

pub fn division(code: u8) -> Option<&'static Division> {
    DIVISIONS.iter().find(|d| d.code == code)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Province {
    pub code: u8,
    pub zh: &'static str,
    pub en: &'static str,
}

impl Province {
    pub fn name(&self) -> Text {
        Text::new(self.zh, self.en)
    }
}

macro_rules! provinces {
    ($($code:literal $zh:literal $en:literal;)*) => {
        pub const PROVINCES: &[Province] = &[$(Province { code: $code, zh: $zh, en: $en }),*];
    };
}

provinces! {
    11 "北京" "Beijing"; 12 "天津" "Tianjin"; 13 "河北" "Hebei"; 14 "山西" "Shanxi";
    15 "内蒙古" "Inner Mongolia"; 21 "辽宁" "Liaoning"; 22 "吉林" "Jilin"; 23 "黑龙江" "Heilongjiang";
    31 "上海" "Shanghai"; 32 "江苏" "Jiangsu"; 33 "浙江" "Zhejiang"; 34 "安徽" "Anhui";
    35 "福建" "Fujian"; 36 "江西" "Jiangxi"; 37 "山东" "Shandong"; 41 "河南" "Henan";
    42 "湖北" "Hubei"; 43 "湖南" "Hunan"; 44 "广东" "Guangdong"; 45 "广西" "Guangxi";
    46 "海南" "Hainan"; 50 "重庆" "Chongqing"; 51 "四川" "Sichuan"; 52 "贵州" "Guizhou";
    53 "云南" "Yunnan"; 54 "西藏" "Xizang (Tibet)"; 61 "陕西" "Shaanxi"; 62 "甘肃" "Gansu";
    63 "青海" "Qinghai"; 64 "宁夏" "Ningxia"; 65 "新疆" "Xinjiang";
}

pub fn province(code: u8) -> Option<&'static Province> {
    PROVINCES.iter().find(|p| p.code == code)
}

/// A prefecture-level division of GB/T 2260 (a city, prefecture or league; the four
/// municipalities under their province code).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct City {
    pub code: u32,
    pub zh: &'static str,
    pub en: &'static str,
}

impl City {
    pub fn name(&self) -> Text {
        Text::new(self.zh, self.en)
    }

    /// The two-digit province code the city belongs to.
    pub fn province(&self) -> u8 {
        (self.code / 10_000) as u8
    }
}

/// The city table (data/gbt2260-cities.tsv, embedded): code, Chinese name, English name.
const CITY_TABLE: &str = include_str!("../../data/gbt2260-cities.tsv");

/// Every prefecture-level division we list, in code order.
pub fn cities() -> &'static [City] {
    static PARSED: std::sync::OnceLock<Vec<City>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        CITY_TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("code\t") && !l.trim().is_empty())
            .filter_map(|l| {
                let mut fields = l.split('\t');
                let code = fields.next()?.parse().ok()?;
                Some(City {
                    code,
                    zh: fields.next()?,
                    en: fields.next()?,
                })
            })
            .collect()
    })
}

pub fn city(code: u32) -> Option<&'static City> {
    cities().iter().find(|c| c.code == code)
}

/// The prefecture-level city a six-digit GB/T 2260 code lies in: the city itself (320200),
/// the city of a district or county (320206 惠山区 → 320200 无锡), or the municipality of one
/// of its districts (110105 → 110000 北京). `None` for a code in no known city, and for the
/// county-level units a province administers directly (XX90YY: 429004 仙桃), which belong to no
/// prefecture — [`is_known_place`] accepts those.
pub fn city_of(code: u32) -> Option<&'static City> {
    let province = code / 10_000;
    let middle = (code / 100) % 100;
    city(code)
        .or_else(|| city(code / 100 * 100))
        .or_else(|| {
            (matches!(middle, 1 | 2))
                .then(|| city(province * 10_000))
                .flatten()
        })
        .filter(|c| u32::from(c.province()) == province)
}

/// Whether a six-digit code names a place zizhen knows: a city, a district or county of one,
/// or a county-level unit under a province (middle digits 90).
pub fn is_known_place(code: u32) -> bool {
    city_of(code).is_some()
        || ((code / 100) % 100 == 90
            && province((code / 10_000) as u8).is_some()
            && !code.is_multiple_of(100))
}

/// The cities of a province, in code order.
pub fn cities_of(province: u8) -> impl Iterator<Item = &'static City> {
    cities().iter().filter(move |c| c.province() == province)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_one_divisions_13_to_43() {
        assert_eq!(DIVISIONS.len(), 31);
        let codes: Vec<u8> = DIVISIONS.iter().map(|d| d.code).collect();
        assert_eq!(codes, (13..=43).collect::<Vec<u8>>());
    }

    #[test]
    fn industries_are_found_by_the_words_people_type() {
        let found = |q: &str| -> Vec<u8> {
            DIVISIONS
                .iter()
                .filter(|d| d.matches(q))
                .map(|d| d.code)
                .collect()
        };
        assert_eq!(found("机械"), [34, 35, 38, 43]);
        assert_eq!(found("machinery"), [34, 35, 38, 43]);
        assert_eq!(found("化工"), [26, 28]);
        assert_eq!(found("汽车"), [36]);
        assert_eq!(found("34"), [34]);
        assert_eq!(found("3"), (30..=39).collect::<Vec<u8>>());
        assert!(found("无锡").is_empty());
        assert_eq!(found(" ").len(), 31, "nothing typed lists all");
        for (word, codes) in DIVISION_WORDS {
            assert!(codes.iter().all(|c| division(*c).is_some()), "{word}");
        }
    }

    #[test]
    fn thirty_one_provinces() {
        assert_eq!(PROVINCES.len(), 31);
        assert_eq!(province(32).unwrap().zh, "江苏");
        assert!(province(71).is_none(), "only the mainland's 31 are listed");
    }

    #[test]
    fn the_city_table_is_well_formed() {
        let lines = CITY_TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("code\t"))
            .count();
        assert_eq!(cities().len(), lines, "every line is read");
        assert!(
            cities().windows(2).all(|w| w[0].code < w[1].code),
            "sorted, unique"
        );
        for c in cities() {
            assert_eq!(c.code % 100, 0, "{}", c.code);
            assert!(province(c.province()).is_some(), "{}", c.code);
            assert!(!c.zh.is_empty() && !c.en.is_empty(), "{}", c.code);
        }
        for p in PROVINCES {
            assert!(cities_of(p.code).count() >= 1, "{}", p.zh);
        }
        for m in [11, 12, 31, 50] {
            let only: Vec<u32> = cities_of(m).map(|c| c.code).collect();
            assert_eq!(only, [u32::from(m) * 10_000], "municipality {m}");
        }
        assert_eq!(city(320200).unwrap().zh, "无锡");
        assert_eq!(city(320400).unwrap().en, "Changzhou");
        assert_eq!(city(440300).unwrap().zh, "深圳");
        assert_eq!(city(350200).unwrap().en, "Xiamen");
        assert!(city(329999).is_none());
        assert_eq!(cities_of(32).count(), 13, "Jiangsu has 13 cities");
        assert_eq!(cities_of(37).count(), 16, "Shandong has 16 since 2019");
        assert_eq!(cities_of(44).count(), 21, "Guangdong has 21");
    }

    #[test]
    fn suggested_types() {
        assert_eq!(
            division(26).unwrap().suggested_type(),
            IndustryType::Process
        );
        assert_eq!(
            division(36).unwrap().suggested_type(),
            IndustryType::Discrete
        );
        assert_eq!(
            division(42).unwrap().suggested_type(),
            IndustryType::Process
        );
    }
}
