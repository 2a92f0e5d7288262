//! Dates with their precision: a day, a month or a year, as the reporting gives them.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Only the year.
    Year,
    /// The year and month.
    Month,
    /// The exact day.
    Day,
}

/// A calendar date known to a day, a month or a year.
///
/// A `Date` stands for the interval it covers: `2025-11` is every day of November 2025.
/// Ordering compares the first day of each interval, then puts the wider interval first, so
/// `2025 < 2025-01 < 2025-01-01 < 2025-01-02`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
    precision: Precision,
}

/// Why a date text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("`{0}` is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD")]
    Format(String),
    /// The year is 0, which the calendar does not have (1 BC is followed by AD 1).
    #[error("year 0000 does not exist; years start at 0001")]
    YearZero,
    /// The month is not 1 to 12.
    #[error("month {0} does not exist; expected 01 to 12")]
    Month(u32),
    /// The day does not exist in that month.
    #[error("day {day} does not exist in {year}-{month:02}, which has {last} days")]
    Day {
        /// The year.
        year: i32,
        /// The month.
        month: u32,
        /// The day given.
        day: u32,
        /// The last day of that month.
        last: u32,
    },
}

const YEAR_BIAS: i64 = 1 << 20;

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in a month of a year.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// A date known to the day; checks that the day exists.
    pub fn ymd(year: i32, month: u32, day: u32) -> Result<Date, DateError> {
        let month = checked_month(month)?;
        let last = u32::from(days_in_month(year, month));
        if day == 0 || day > last {
            return Err(DateError::Day {
                year,
                month: u32::from(month),
                day,
                last,
            });
        }
        Ok(Date {
            year,
            month,
            day: day as u8,
            precision: Precision::Day,
        })
    }

    /// A date known to the month.
    pub fn ym(year: i32, month: u32) -> Result<Date, DateError> {
        let month = checked_month(month)?;
        Ok(Date {
            year,
            month,
            day: 1,
            precision: Precision::Month,
        })
    }

    /// A date known to the year.
    pub fn year(year: i32) -> Date {
        Date {
            year,
            month: 1,
            day: 1,
            precision: Precision::Year,
        }
    }

    /// How precisely the date is known.
    pub fn precision(self) -> Precision {
        self.precision
    }

    /// The first day the date may stand for.
    pub fn first_day(self) -> (i32, u8, u8) {
        (self.year, self.month, self.day)
    }

    /// The last day the date may stand for.
    pub fn last_day(self) -> (i32, u8, u8) {
        match self.precision {
            Precision::Day => (self.year, self.month, self.day),
            Precision::Month => (self.year, self.month, days_in_month(self.year, self.month)),
            Precision::Year => (self.year, 12, 31),
        }
    }

    /// The four-byte code a compiled graph stores: precision in bits 0-1 (1 year, 2 month,
    /// 3 day), day in bits 2-6, month in bits 7-10, year plus 2^20 in bits 11-31. Years
    /// outside ±2^20 are clamped; no date a file can hold comes near.
    pub fn code(self) -> u32 {
        let precision = match self.precision {
            Precision::Year => 1,
            Precision::Month => 2,
            Precision::Day => 3,
        };
        let year = (i64::from(self.year) + YEAR_BIAS).clamp(0, (1 << 21) - 1) as u32;
        precision | u32::from(self.day) << 2 | u32::from(self.month) << 7 | year << 11
    }

    /// The date a code stands for; `None` for 0 (no date) and for a code no date gives.
    pub fn from_code(code: u32) -> Option<Date> {
        let year = (i64::from(code >> 11) - YEAR_BIAS) as i32;
        let month = (code >> 7) & 0xF;
        let day = (code >> 2) & 0x1F;
        let date = match code & 3 {
            1 => Date::year(year),
            2 => Date::ym(year, month).ok()?,
            3 => Date::ymd(year, month, day).ok()?,
            _ => return None,
        };
        (date.code() == code).then_some(date)
    }

    /// Whether the whole interval lies on or before `day` (a day-precision date is compared
    /// as one day): the event certainly happened by then.
    pub fn certainly_by(self, day: Date) -> bool {
        self.last_day() <= day.first_day()
    }

    /// Whether some of the interval lies on or before `day` but not all of it: whether the
    /// event happened by then is not known.
    pub fn possibly_by(self, day: Date) -> bool {
        self.first_day() <= day.last_day()
    }

    /// Whether the whole interval lies on or after `day`'s: something that lasts until
    /// this date certainly still holds on `day`.
    pub fn certainly_from(self, day: Date) -> bool {
        self.first_day() >= day.last_day()
    }

    /// Whether some of the interval lies on or after `day`'s: something that lasts until
    /// this date may still hold on `day`.
    pub fn possibly_from(self, day: Date) -> bool {
        self.last_day() >= day.first_day()
    }

    /// Whether this interval lies wholly after `other`'s: the two events are in a known
    /// order.
    pub fn certainly_after(self, other: Date) -> bool {
        self.first_day() > other.last_day()
    }
}

/// The environment variable that sets today's date for a run (`2026-01-31`), so that an
/// answer "as of today" can be reproduced; without it, today is the system clock's day in
/// UTC.
pub const TODAY_VARIABLE: &str = "SGRAPH_TODAY";

/// Today: the day [`TODAY_VARIABLE`] gives, else the system clock's day in UTC. A value of
/// the variable that is not a day is ignored.
pub fn today() -> Date {
    if let Some(day) = std::env::var(TODAY_VARIABLE)
        .ok()
        .and_then(|text| text.trim().parse::<Date>().ok())
        .filter(|date| date.precision() == Precision::Day)
    {
        return day;
    }
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() / 86_400);
    civil_from_days(days as i64)
}

/// The calendar day `days` after 1970-01-01 (the proleptic Gregorian calendar, counted in
/// 400-year eras of 146 097 days).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Date::ymd(year as i32, month as u32, day as u32).unwrap_or_else(|_| Date::year(year as i32))
}

fn checked_month(month: u32) -> Result<u8, DateError> {
    if (1..=12).contains(&month) {
        Ok(month as u8)
    } else {
        Err(DateError::Month(month))
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then(self.precision.cmp(&other.precision))
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Date, DateError> {
        let format_error = || DateError::Format(text.to_owned());
        let parts: Vec<&str> = text.split('-').collect();
        let number = |part: &str, width: usize| -> Result<u32, DateError> {
            if part.len() == width && part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| format_error())
            } else {
                Err(format_error())
            }
        };
        let year = |part: &str| match number(part, 4)? {
            0 => Err(DateError::YearZero),
            year => Ok(year as i32),
        };
        match parts.as_slice() {
            [y] => Ok(Date::year(year(y)?)),
            [y, m] => Date::ym(year(y)?, number(m, 2)?),
            [y, m, d] => Date::ymd(year(y)?, number(m, 2)?, number(d, 2)?),
            _ => Err(format_error()),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Year => write!(f, "{:04}", self.year),
            Precision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_days_into_calendar_dates() {
        assert_eq!(civil_from_days(0).to_string(), "1970-01-01");
        assert_eq!(civil_from_days(59).to_string(), "1970-03-01");
        assert_eq!(civil_from_days(11_016).to_string(), "2000-02-29");
        assert_eq!(civil_from_days(20_422).to_string(), "2025-11-30");
    }

    fn date(text: &str) -> Date {
        text.parse().expect("valid date")
    }

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for text in ["2025", "2025-11", "2025-12-12"] {
            assert_eq!(date(text).to_string(), text);
        }
        assert_eq!(date("2025-11").precision(), Precision::Month);
    }

    #[test]
    fn refuses_impossible_dates() {
        assert_eq!("2025-13".parse::<Date>(), Err(DateError::Month(13)));
        assert!(matches!(
            "2025-02-29".parse::<Date>(),
            Err(DateError::Day { last: 28, .. })
        ));
        assert!("2024-02-29".parse::<Date>().is_ok());
        for bad in [
            "",
            "25-01-01",
            "2025-1-01",
            "2025/01/01",
            "2025-01-01-01",
            "２０２５",
        ] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::Format(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_month_is_uncertain_inside_itself() {
        let november = date("2025-11");
        assert!(!november.certainly_by(date("2025-11-15")));
        assert!(november.possibly_by(date("2025-11-15")));
        assert!(november.certainly_by(date("2025-11-30")));
        assert!(!november.possibly_by(date("2025-10-31")));
    }

    #[test]
    fn orders_wider_intervals_first() {
        let mut dates = [
            date("2025-01-02"),
            date("2025-01-01"),
            date("2025-01"),
            date("2025"),
        ];
        dates.sort();
        let texts: Vec<String> = dates.iter().map(Date::to_string).collect();
        assert_eq!(texts, ["2025", "2025-01", "2025-01-01", "2025-01-02"]);
    }
}
