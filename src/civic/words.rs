//! Vietnamese numbers and dates in words, as a loudspeaker announcer reads
//! them (Northern usage, as in Hà Nội): `2024` → `hai nghìn không trăm hai
//! mươi tư`, `105` → `một trăm linh năm`, 16/7/2024 → `ngày mười sáu tháng
//! bảy năm hai nghìn không trăm hai mươi tư`.

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// Names of the three-digit groups, from the lowest.
const GROUPS: [&str; 7] = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ", "tỷ tỷ"];

/// `n` in Vietnamese words: `0` → `không`, `15` → `mười lăm`, `21` → `hai mươi mốt`,
/// `24` → `hai mươi tư`, `105` → `một trăm linh năm`, `2024` → `hai nghìn không trăm
/// hai mươi tư`. Groups of zeros are left out: `1000005` → `một triệu không trăm linh năm`.
pub fn number_words(n: u64) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push((rest % 1000) as usize);
        rest /= 1000;
    }
    let mut words: Vec<String> = Vec::new();
    let top = groups.len() - 1;
    for (i, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            continue;
        }
        // The leading group is read as written; later groups always say their hundreds.
        words.push(three_digits(g, i != top));
        if !GROUPS[i].is_empty() {
            words.push(GROUPS[i].to_string());
        }
    }
    words.join(" ")
}

/// A group `0..1000`; `full` reads `5` as `không trăm linh năm`.
fn three_digits(g: usize, full: bool) -> String {
    let (h, t, u) = (g / 100, g / 10 % 10, g % 10);
    let mut out: Vec<&str> = Vec::new();
    if h > 0 || full {
        out.push(DIGITS[h]);
        out.push("trăm");
    }
    let has_hundreds = !out.is_empty();
    match (t, u) {
        (0, 0) => {}
        (0, u) if has_hundreds => {
            out.push("linh");
            out.push(DIGITS[u]);
        }
        (0, u) => out.push(DIGITS[u]),
        (1, u) => {
            out.push("mười");
            match u {
                0 => {}
                5 => out.push("lăm"),
                u => out.push(DIGITS[u]),
            }
        }
        (t, u) => {
            out.push(DIGITS[t]);
            out.push("mươi");
            match u {
                0 => {}
                1 => out.push("mốt"),
                4 => out.push("tư"),
                5 => out.push("lăm"),
                u => out.push(DIGITS[u]),
            }
        }
    }
    out.join(" ")
}

/// Day of the month as spoken: `mồng` before days 1–10 (`mồng năm`), else the number.
pub fn day_words(day: u8) -> String {
    if (1..=10).contains(&day) {
        format!("mồng {}", number_words(day.into()))
    } else {
        number_words(day.into())
    }
}

/// Month as spoken after `tháng`: `tháng tư`, not `tháng bốn`.
pub fn month_words(month: u8) -> String {
    match month {
        4 => "tư".to_string(),
        m => number_words(m.into()),
    }
}

/// `ngày mười sáu tháng bảy năm hai nghìn không trăm hai mươi tư` (without `ngày` when
/// `with_ngay` is false, for text that already says it).
pub fn date_words(year: i16, month: i8, day: i8, with_ngay: bool) -> String {
    let body = format!(
        "{} tháng {} năm {}",
        day_words(day.unsigned_abs()),
        month_words(month.unsigned_abs()),
        number_words(year.unsigned_abs().into())
    );
    if with_ngay {
        format!("ngày {body}")
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers() {
        let cases = [
            (0, "không"),
            (1, "một"),
            (5, "năm"),
            (10, "mười"),
            (11, "mười một"),
            (14, "mười bốn"),
            (15, "mười lăm"),
            (20, "hai mươi"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (25, "hai mươi lăm"),
            (55, "năm mươi lăm"),
            (99, "chín mươi chín"),
        ];
        for (n, w) in cases {
            assert_eq!(number_words(n), w, "{n}");
        }
    }

    #[test]
    fn hundreds_and_thousands() {
        let cases = [
            (100, "một trăm"),
            (101, "một trăm linh một"),
            (104, "một trăm linh bốn"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (115, "một trăm mười lăm"),
            (121, "một trăm hai mươi mốt"),
            (1000, "một nghìn"),
            (1005, "một nghìn không trăm linh năm"),
            (1010, "một nghìn không trăm mười"),
            (1900, "một nghìn chín trăm"),
            (2000, "hai nghìn"),
            (2024, "hai nghìn không trăm hai mươi tư"),
            (2025, "hai nghìn không trăm hai mươi lăm"),
            (10_000, "mười nghìn"),
            (15_300, "mười lăm nghìn ba trăm"),
            (1_000_005, "một triệu không trăm linh năm"),
            (2_500_000_000, "hai tỷ năm trăm triệu"),
        ];
        for (n, w) in cases {
            assert_eq!(number_words(n), w, "{n}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(
            date_words(2024, 7, 16, true),
            "ngày mười sáu tháng bảy năm hai nghìn không trăm hai mươi tư"
        );
        assert_eq!(
            date_words(2025, 4, 5, true),
            "ngày mồng năm tháng tư năm hai nghìn không trăm hai mươi lăm"
        );
        assert_eq!(
            date_words(2024, 12, 31, false),
            "ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi tư"
        );
    }
}
