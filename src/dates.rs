//! Dates from front matter, read in the site's time zone and shown the
//! Vietnamese way: `16/7/2024`, `Thứ Ba, 16/7/2024`.

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
    /// `2024-07-16` (midnight in the site offset) or RFC 3339 `2024-07-16T08:00:00+07:00`.
    pub fn parse(s: &str, offset: Offset) -> Result<PageDate, String> {
        let s = s.trim();
        if s.len() == 10 {
            let date: Date = s
                .parse()
                .map_err(|e| format!("`{s}` is not a valid date ({e})"))?;
            let local = date.to_datetime(jiff::civil::Time::midnight());
            let instant = offset
                .to_timestamp(local)
                .map_err(|e| format!("`{s}` is out of range ({e})"))?;
            return Ok(PageDate {
                instant,
                local,
                offset,
            });
        }
        let instant: Timestamp = s
            .parse()
            .map_err(|e| format!("`{s}` is not a valid RFC 3339 date-time ({e})"))?;
        Ok(Self::from_instant(instant, offset))
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

    /// `16/7/2024`
    pub fn short_vi(&self) -> String {
        short_vi(self.local.date())
    }

    /// `Thứ Ba, 16/7/2024`
    pub fn long_vi(&self) -> String {
        format!(
            "{}, {}",
            weekday_vi(self.local.date().weekday()),
            self.short_vi()
        )
    }
}

pub fn short_vi(d: Date) -> String {
    format!("{}/{}/{}", d.day(), d.month(), d.year())
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
pub fn parse_offset(s: &str) -> Result<Offset, String> {
    let bad = || format!("`{s}` is not a UTC offset like `+07:00`");
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
pub fn format_vi(s: &str, with_weekday: bool, offset: Offset) -> Result<String, String> {
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
        assert_eq!(d.short_vi(), "16/7/2024");
        assert_eq!(d.long_vi(), "Thứ Ba, 16/7/2024");
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
        assert!(PageDate::parse("16/7/2024", vn()).is_err());
        assert!(parse_offset("7").is_err());
    }
}
