//! Dates from front matter, read in the site's time zone and shown the
//! Vietnamese way: `05/08/2024`, `Thứ Hai, 05/08/2024`. Editors may write
//! `5/8/2024`, `05/08/2024`, `2024-08-05` (each with ` 08:30`) or RFC 3339.

use crate::messages::Msg;
use crate::msg;
use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use jiff::tz::Offset;

/// A front-matter date: the instant (for ordering and feeds) and the local
/// calendar date in the site's offset (for display).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageDate {
    pub instant: Timestamp,
    pub local: jiff::civil::DateTime,
    pub offset: Offset,
}

impl PartialOrd for PageDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for PageDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.instant.cmp(&other.instant)
    }
}

impl PageDate {
    /// Every form an official writes, read in the site offset: `2024-07-16`,
    /// `16/7/2024` or `16/07/2024` (day first, midnight), either followed by
    /// ` 08:00`, and RFC 3339 `2024-07-16T08:00:00+07:00`. The error is one
    /// Vietnamese sentence saying what is wrong (`31/2/2024`: February 2024
    /// has 29 days).
    pub fn parse(s: &str, offset: Offset) -> Result<PageDate, Msg> {
        let s = s.trim();
        let local = match local_form(s) {
            Some(parts) => civil(s, parts)?,
            None => {
                return match s.parse::<Timestamp>() {
                    Ok(instant) => Ok(Self::from_instant(instant, offset)),
                    Err(_) => Err(msg!("date-invalid", value = s)),
                };
            }
        };
        let instant = offset
            .to_timestamp(local)
            .map_err(|_| msg!("date-out-of-range", value = s))?;
        Ok(PageDate {
            instant,
            local,
            offset,
        })
    }

    pub fn from_instant(instant: Timestamp, offset: Offset) -> PageDate {
        let local = offset.to_datetime(instant);
        PageDate {
            instant,
            local,
            offset,
        }
    }

    /// `2024-07-16`
    pub fn iso_date(&self) -> String {
        self.local.date().to_string()
    }

    /// `2024-07-16T00:00:00+07:00`, as Atom and sitemaps want.
    pub fn rfc3339(&self) -> String {
        let secs = self.offset.seconds();
        let sign = if secs < 0 { '-' } else { '+' };
        let secs = secs.abs();
        format!(
            "{}T{}{}{:02}:{:02}",
            self.local.date(),
            self.local.time().strftime("%H:%M:%S"),
            sign,
            secs / 3600,
            (secs % 3600) / 60
        )
    }

    /// `16/07/2024`
    pub fn short_vi(&self) -> String {
        short_vi(self.local.date())
    }

    /// `Thứ Ba, 16/07/2024`
    pub fn long_vi(&self) -> String {
        format!(
            "{}, {}",
            weekday_vi(self.local.date().weekday()),
            self.short_vi()
        )
    }
}

pub fn short_vi(d: Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// A date written without an offset, split into numbers: (year, month, day,
/// hour and minute). `None` when the text has none of the local forms.
#[derive(Debug, Clone, Copy)]
struct Parts {
    year: i64,
    month: i64,
    day: i64,
    time: Option<(i64, i64)>,
}

/// `2024-07-16`, `16/7/2024`, `16/07/2024`, each optionally with ` HH:MM`.
fn local_form(s: &str) -> Option<Parts> {
    let (date, time) = match s.split_once(' ') {
        Some((d, t)) => (d, Some(t.trim())),
        None => (s, None),
    };
    let num = |t: &str, max_len: usize| -> Option<i64> {
        (!t.is_empty() && t.len() <= max_len && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let (year, month, day) = if let Some((y, rest)) = date.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        (num(y, 4)?, num(m, 2)?, num(d, 2)?)
    } else {
        let mut it = date.split('/');
        let (d, m, y) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() || y.len() != 4 {
            return None;
        }
        (num(y, 4)?, num(m, 2)?, num(d, 2)?)
    };
    let time = match time {
        None => None,
        Some(t) => {
            let (h, m) = t.split_once(':')?;
            if m.len() != 2 {
                return None;
            }
            Some((num(h, 2)?, num(m, 2)?))
        }
    };
    Some(Parts {
        year,
        month,
        day,
        time,
    })
}

/// The calendar date and time of `parts`, or why they name no real moment.
fn civil(s: &str, p: Parts) -> Result<jiff::civil::DateTime, Msg> {
    if !(1..=12).contains(&p.month) {
        return Err(msg!(
            "date-no-such-month",
            value = s,
            month = p.month.to_string()
        ));
    }
    let year = i16::try_from(p.year).map_err(|_| msg!("date-bad-year", value = s))?;
    let month = p.month as i8;
    let first = Date::new(year, month, 1).map_err(|_| msg!("date-bad-year", value = s))?;
    let days = i64::from(first.days_in_month());
    if !(1..=days).contains(&p.day) {
        return Err(msg!(
            "date-no-such-day",
            value = s,
            month = p.month.to_string(),
            year = p.year.to_string(),
            days = days.to_string()
        ));
    }
    let date = Date::new(year, month, p.day as i8).map_err(|_| msg!("date-not-real", value = s))?;
    let time = match p.time {
        None => jiff::civil::Time::midnight(),
        Some((h, m)) if h < 24 && m < 60 => jiff::civil::time(h as i8, m as i8, 0, 0),
        Some((h, m)) => {
            return Err(msg!(
                "date-no-such-time",
                time = format!("{h}:{m:02}"),
                value = s
            ));
        }
    };
    Ok(date.to_datetime(time))
}

pub fn weekday_vi(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Thứ Hai",
        Weekday::Tuesday => "Thứ Ba",
        Weekday::Wednesday => "Thứ Tư",
        Weekday::Thursday => "Thứ Năm",
        Weekday::Friday => "Thứ Sáu",
        Weekday::Saturday => "Thứ Bảy",
        Weekday::Sunday => "Chủ Nhật",
    }
}

/// Parse a site offset such as `+07:00`.
pub fn parse_offset(s: &str) -> Result<Offset, Msg> {
    let bad = || msg!("date-bad-offset", value = s);
    let (sign, rest) = match s.as_bytes().first() {
        Some(b'+') => (1, &s[1..]),
        Some(b'-') => (-1, &s[1..]),
        _ => return Err(bad()),
    };
    let (h, m) = rest.split_once(':').ok_or_else(bad)?;
    let h: i32 = h.parse().map_err(|_| bad())?;
    let m: i32 = m.parse().map_err(|_| bad())?;
    if h > 14 || m > 59 {
        return Err(bad());
    }
    Offset::from_seconds(sign * (h * 3600 + m * 60)).map_err(|_| bad())
}

/// Format any date string the templates hand us (`2024-07-16` or RFC 3339).
pub fn format_vi(
    s: &str,
    with_weekday: bool,
    offset: Offset,
) -> Result<String, crate::messages::Msg> {
    let d = PageDate::parse(s, offset)?;
    Ok(if with_weekday {
        d.long_vi()
    } else {
        d.short_vi()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vn() -> Offset {
        parse_offset("+07:00").unwrap()
    }

    #[test]
    fn vietnamese_formats() {
        let d = PageDate::parse("2024-07-16", vn()).unwrap();
        assert_eq!(d.short_vi(), "16/07/2024");
        assert_eq!(d.long_vi(), "Thứ Ba, 16/07/2024");
        assert_eq!(d.rfc3339(), "2024-07-16T00:00:00+07:00");
    }

    #[test]
    fn rfc3339_is_shown_in_site_offset() {
        let d = PageDate::parse("2024-07-15T20:30:00Z", vn()).unwrap();
        assert_eq!(d.iso_date(), "2024-07-16");
        assert_eq!(d.rfc3339(), "2024-07-16T03:30:00+07:00");
    }

    #[test]
    fn bad_dates_are_errors() {
        assert!(PageDate::parse("2024-13-01", vn()).is_err());
        assert!(parse_offset("7").is_err());
        let e = PageDate::parse("31/2/2024", vn()).unwrap_err();
        assert!(e.contains("tháng 2 năm 2024 chỉ có 29 ngày"), "{e}");
        let e = PageDate::parse("5/13/2024", vn()).unwrap_err();
        assert!(e.contains("không có tháng 13"), "{e}");
        let e = PageDate::parse("5/8/2024 25:00", vn()).unwrap_err();
        assert!(e.contains("25:00"), "{e}");
        for bad in [
            "hôm qua",
            "2024/07/16",
            "16-7-2024",
            "16/7/24",
            "1/1/2024 8h",
        ] {
            assert!(PageDate::parse(bad, vn()).is_err(), "{bad}");
        }
    }

    #[test]
    fn vietnamese_day_first_forms() {
        let iso = PageDate::parse("2024-08-05", vn()).unwrap();
        for s in ["5/8/2024", "05/08/2024", " 5/08/2024 "] {
            assert_eq!(PageDate::parse(s, vn()).unwrap(), iso, "{s}");
        }
        assert_eq!(iso.short_vi(), "05/08/2024");
        let timed = PageDate::parse("5/8/2024 08:30", vn()).unwrap();
        assert_eq!(timed.rfc3339(), "2024-08-05T08:30:00+07:00");
        assert_eq!(PageDate::parse("2024-08-05 08:30", vn()).unwrap(), timed);
        assert_eq!(PageDate::parse("2024-08-05 8:30", vn()).unwrap(), timed);
        assert_eq!(
            PageDate::parse("29/2/2024", vn()).unwrap().iso_date(),
            "2024-02-29"
        );
    }
}
