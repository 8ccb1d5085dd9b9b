//! Times people type (`1.5`, `150`, `1m30s`), read exactly in fixed point: 0.3 s is exactly
//! 300,000 µs (binary floating point made it 299,999), and the page carries no float parser
//! (core's decimal-to-float tables alone were ≈10 KB of its wasm). Also the calendar date of a
//! day, for the wall-clock times the emulated tools print.

/// A plain non-negative decimal (`12`, `1.5`, `.25`, `3.`) as a whole number of
/// 10^-`scale` units, rounded half up after the last kept digit. None if `text` is anything
/// else (signs, exponents, spaces) or does not fit in a u64.
pub fn parse_decimal(text: &str, scale: u32) -> Option<u64> {
    let units = parse_scaled(text, scale)?;
    u64::try_from(units).ok()
}

/// [`parse_decimal`] into a u128.
fn parse_scaled(text: &str, scale: u32) -> Option<u128> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) {
        return None;
    }
    let mut value: u128 = 0;
    for b in whole.bytes() {
        value = value.checked_mul(10)?.checked_add(u128::from(b - b'0'))?;
    }
    let mut frac = frac.bytes();
    for _ in 0..scale {
        let d = frac.next().map_or(0, |b| b - b'0');
        value = value.checked_mul(10)?.checked_add(u128::from(d))?;
    }
    if frac.next().is_some_and(|b| b >= b'5') {
        value = value.checked_add(1)?;
    }
    Some(value)
}

/// A plain decimal's whole part and its first nine decimals (rounded half up after them, so
/// up to 10^9), as [`parse_scaled`] reads them: `whole * 10^9 + nanos` is its value at scale 9.
fn parse_nanos(text: &str) -> Option<(u128, u64)> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) {
        return None;
    }
    let mut value: u128 = 0;
    for b in whole.bytes() {
        value = value.checked_mul(10)?.checked_add(u128::from(b - b'0'))?;
    }
    let mut nanos: u64 = 0;
    let mut frac = frac.bytes();
    for _ in 0..9 {
        nanos = nanos * 10 + frac.next().map_or(0, |b| u64::from(b - b'0'));
    }
    if frac.next().is_some_and(|b| b >= b'5') {
        nanos += 1;
    }
    Some((value, nanos))
}

/// Why a Go duration does not parse (the callers word it: etcdctl as Go does).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DurationError {
    Invalid,
    MissingUnit,
    UnknownUnit(String),
}

/// Go's `time.ParseDuration` (`300ms`, `1.5h`, `1m30s`, `-2s`, `0`): the sign and the
/// magnitude in nanoseconds, exact.
pub fn parse_go_duration(text: &str) -> Result<(bool, u128), DurationError> {
    let negative = text.starts_with('-');
    let mut rest = text.strip_prefix(['-', '+']).unwrap_or(text);
    if rest == "0" {
        return Ok((negative, 0));
    }
    if rest.is_empty() {
        return Err(DurationError::Invalid);
    }
    let mut total: u128 = 0;
    while !rest.is_empty() {
        // As Go reads it: digits, optionally `.` and more digits (at least one digit), then
        // a unit that runs to the next digit or `.`.
        let whole = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let mut number_end = whole;
        if rest[whole..].starts_with('.') {
            let frac = rest[whole + 1..].len()
                - rest[whole + 1..]
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .len();
            number_end = whole + 1 + frac;
        }
        let (number, after) = rest.split_at(number_end);
        // The number in units of 10^-9 (nine decimals: exact to the nanosecond for any unit).
        let (whole, nanos) = parse_nanos(number).ok_or(DurationError::Invalid)?;
        let scaled = whole
            .checked_mul(1_000_000_000)
            .and_then(|v| v.checked_add(u128::from(nanos)))
            .ok_or(DurationError::Invalid)?;
        let unit_end = after
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(after.len());
        let (unit, next) = after.split_at(unit_end);
        // Nanoseconds per unit, and for the units of a second or more, seconds per unit.
        let (ns_per_unit, seconds): (u64, u128) = match unit {
            "" => return Err(DurationError::MissingUnit),
            "ns" => (1, 0),
            "us" | "µs" | "μs" => (1_000, 0),
            "ms" => (1_000_000, 0),
            "s" => (1_000_000_000, 1),
            "m" => (60_000_000_000, 60),
            "h" => (3_600_000_000_000, 3_600),
            other => return Err(DurationError::UnknownUnit(other.to_string())),
        };
        // `scaled` times nanoseconds per unit must fit in 128 bits; the result is that
        // product over 10^9, worked out without a 128-bit division (which, with u128
        // formatting, was ≈2 KB of the page's wasm).
        if scaled.checked_mul(u128::from(ns_per_unit)).is_none() {
            return Err(DurationError::Invalid);
        }
        let ns = if seconds > 0 {
            scaled * seconds
        } else {
            whole * u128::from(ns_per_unit) + u128::from(nanos / (1_000_000_000 / ns_per_unit))
        };
        total = total.checked_add(ns).ok_or(DurationError::Invalid)?;
        rest = next;
    }
    Ok((negative, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_exact() {
        assert_eq!(parse_decimal("0.3", 6), Some(300_000));
        assert_eq!(parse_decimal("150", 3), Some(150_000));
        assert_eq!(parse_decimal("1.5", 3), Some(1_500));
        assert_eq!(parse_decimal(".25", 2), Some(25));
        assert_eq!(parse_decimal("3.", 1), Some(30));
        assert_eq!(parse_decimal("0.0005", 3), Some(1), "half rounds up");
        assert_eq!(parse_decimal("0.00049", 3), Some(0));
        assert_eq!(parse_decimal("18446744073709551615", 0), Some(u64::MAX));
        for bad in [
            "", ".", "-1", "+1", "1e3", " 1", "1.2.3", "inf", "NaN", "1_000", "١",
        ] {
            assert_eq!(parse_decimal(bad, 3), None, "{bad:?}");
        }
        assert_eq!(parse_decimal("18446744073709551616", 0), None);
        assert_eq!(parse_decimal(&"9".repeat(60), 3), None);
    }

    /// The first version, with a 128-bit division: the present one must agree with it.
    fn reference_go_duration(text: &str) -> Result<(bool, u128), DurationError> {
        let negative = text.starts_with('-');
        let mut rest = text.strip_prefix(['-', '+']).unwrap_or(text);
        if rest == "0" {
            return Ok((negative, 0));
        }
        if rest.is_empty() {
            return Err(DurationError::Invalid);
        }
        let mut total: u128 = 0;
        while !rest.is_empty() {
            let whole = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let mut number_end = whole;
            if rest[whole..].starts_with('.') {
                let frac = rest[whole + 1..].len()
                    - rest[whole + 1..]
                        .trim_start_matches(|c: char| c.is_ascii_digit())
                        .len();
                number_end = whole + 1 + frac;
            }
            let (number, after) = rest.split_at(number_end);
            let scaled = parse_scaled(number, 9).ok_or(DurationError::Invalid)?;
            let unit_end = after
                .find(|c: char| c.is_ascii_digit() || c == '.')
                .unwrap_or(after.len());
            let (unit, next) = after.split_at(unit_end);
            let ns_per_unit: u128 = match unit {
                "" => return Err(DurationError::MissingUnit),
                "ns" => 1,
                "us" | "µs" | "μs" => 1_000,
                "ms" => 1_000_000,
                "s" => 1_000_000_000,
                "m" => 60_000_000_000,
                "h" => 3_600_000_000_000,
                other => return Err(DurationError::UnknownUnit(other.to_string())),
            };
            let ns = scaled
                .checked_mul(ns_per_unit)
                .map(|v| v / 1_000_000_000)
                .ok_or(DurationError::Invalid)?;
            total = total.checked_add(ns).ok_or(DurationError::Invalid)?;
            rest = next;
        }
        Ok((negative, total))
    }

    #[test]
    fn go_durations_agree_with_the_reference() {
        let units = ["ns", "us", "µs", "ms", "s", "m", "h", "", "x"];
        let numbers = [
            "0",
            "1",
            "5",
            ".5",
            "0.0000000005",
            "0.0000000004",
            "0.9999999995",
            "1.999999999",
            "12.3456789012",
            "3.",
            ".",
            "",
            "18446744073709551615",
            "18446744073709551616",
            "340282366920938463463374607431768211455",
            "340282366920938463463374607",
            "340282366920938463463374608",
            "94522879700260684295381835397713",
            "9.5e3",
        ];
        let mut texts = vec![];
        for n in numbers {
            for u in units {
                texts.push(format!("{n}{u}"));
                texts.push(format!("-{n}{u}1.5s"));
                texts.push(format!("+{n}{u}{n}{u}"));
            }
        }
        texts.push(format!("{}h", "9".repeat(40)));
        texts.push(format!("{}ns", "9".repeat(29)));
        texts.push(format!("{}ns", "9".repeat(30)));
        for t in &texts {
            assert_eq!(parse_go_duration(t), reference_go_duration(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn go_durations_agree_on_any_text(t in "[-+]?([0-9]{0,40}(\\.[0-9]{0,12})?(ns|us|µs|ms|s|m|h|x)?){1,3}") {
            proptest::prop_assert_eq!(parse_go_duration(&t), reference_go_duration(&t));
        }
    }

    #[test]
    fn go_durations() {
        let ns = |t: &str| {
            parse_go_duration(t).map(|(neg, v)| if neg { -(v as i128) } else { v as i128 })
        };
        assert_eq!(ns("0"), Ok(0));
        assert_eq!(ns("300ms"), Ok(300_000_000));
        assert_eq!(ns("1.5h"), Ok(5_400_000_000_000));
        assert_eq!(ns("1m30s"), Ok(90_000_000_000));
        assert_eq!(ns("-2s"), Ok(-2_000_000_000));
        assert_eq!(ns(".5s"), Ok(500_000_000));
        assert_eq!(ns("1µs"), Ok(1_000));
        assert_eq!(ns("0.3s"), Ok(300_000_000));
        assert_eq!(ns("5"), Err(DurationError::MissingUnit));
        assert_eq!(ns("5x"), Err(DurationError::UnknownUnit("x".into())));
        assert_eq!(ns(""), Err(DurationError::Invalid));
        assert_eq!(ns("-"), Err(DurationError::Invalid));
        assert_eq!(ns(".s"), Err(DurationError::Invalid));
        assert_eq!(ns("s"), Err(DurationError::Invalid));
        assert_eq!(ns("abc"), Err(DurationError::Invalid));
        assert_eq!(ns("5.5.5s"), Err(DurationError::MissingUnit));
        assert_eq!(ns("1h2"), Err(DurationError::MissingUnit));
        assert!(ns(&format!("{}h", "9".repeat(40))).is_err());
    }
}

/// The proleptic Gregorian date (year, month 1–12, day 1–31) of `days` after 1970-01-01
/// (Howard Hinnant's `civil_from_days`), for the dates etcdctl and kubectl print.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod civil_tests {
    use super::civil_from_days;

    #[test]
    fn known_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        // 2000-02-29 (a leap day of a century year) and 2018-07-24.
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(1_532_390_400 / 86_400), (2018, 7, 24));
    }
}
