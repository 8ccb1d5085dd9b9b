//! Go's formatting of values and errors, so messages match etcdctl's byte for byte.

/// Go's `%q` / `strconv.Quote`.
pub fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `strconv.ParseInt(s, base, 64)` with Go's error text.
pub fn parse_int(s: &str, base: u32) -> Result<i64, String> {
    let syntax = || format!("strconv.ParseInt: parsing {}: invalid syntax", quote(s));
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(base) || c == '_') {
        return Err(syntax());
    }
    if digits.contains('_') {
        return Err(syntax());
    }
    match i128::from_str_radix(digits, base) {
        Ok(v) => {
            let v = if neg { -v } else { v };
            i64::try_from(v)
                .map_err(|_| format!("strconv.ParseInt: parsing {}: value out of range", quote(s)))
        }
        Err(_) => Err(format!(
            "strconv.ParseInt: parsing {}: value out of range",
            quote(s)
        )),
    }
}

/// `strconv.ParseUint(s, 16, 64)`, as member IDs are parsed.
pub fn parse_hex_u64(s: &str) -> Result<u64, String> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!(
            "strconv.ParseUint: parsing {}: invalid syntax",
            quote(s)
        ));
    }
    u64::from_str_radix(s, 16).map_err(|_| {
        format!(
            "strconv.ParseUint: parsing {}: value out of range",
            quote(s)
        )
    })
}

pub fn parse_bool(s: &str) -> Result<bool, String> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Ok(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Ok(false),
        _ => Err(format!(
            "strconv.ParseBool: parsing {}: invalid syntax",
            quote(s)
        )),
    }
}

/// `time.ParseDuration`, in µs (truncated, as a Duration of nanoseconds divided down).
pub fn parse_duration(s: &str) -> Result<i64, String> {
    use quorum_sim::units::{parse_go_duration, DurationError};
    let (negative, ns) = parse_go_duration(s).map_err(|e| match e {
        DurationError::Invalid => format!("time: invalid duration {}", quote(s)),
        DurationError::MissingUnit => format!("time: missing unit in duration {}", quote(s)),
        DurationError::UnknownUnit(unit) => format!(
            "time: unknown unit {} in duration {}",
            quote(&unit),
            quote(s)
        ),
    })?;
    // Go's Duration is an int64 of nanoseconds.
    let ns = i64::try_from(ns).map_err(|_| format!("time: invalid duration {}", quote(s)))?;
    let us = ns / 1000;
    Ok(if negative { -us } else { us })
}

/// Go's `time.Duration.String()` for a duration in µs, in exact integer arithmetic as Go
/// does it (`812µs`, `1.5ms`, `1m30.5s`, `2h0m0s`). Worked in µs (a µs duration has no
/// nanosecond digits to print), so no 128-bit arithmetic.
pub fn duration(us: i64) -> String {
    if us == 0 {
        return "0s".into();
    }
    let us_abs = us.unsigned_abs();
    let sign = if us < 0 { "-" } else { "" };
    if us_abs < 1_000 {
        return format!("{sign}{us_abs}µs");
    }
    if us_abs < 1_000_000 {
        return format!("{sign}{}ms", decimal(us_abs, 1_000, 3));
    }
    let (h, m) = (us_abs / 3_600_000_000, us_abs / 60_000_000 % 60);
    let seconds = decimal(us_abs % 60_000_000, 1_000_000, 6);
    match (h, m) {
        (0, 0) => format!("{sign}{seconds}s"),
        (0, m) => format!("{sign}{m}m{seconds}s"),
        (h, m) => format!("{sign}{h}h{m}m{seconds}s"),
    }
}

/// `value / unit` written with up to `digits` decimals, trailing zeros dropped.
fn decimal(value: u64, unit: u64, digits: usize) -> String {
    let (whole, frac) = (value / unit, value % unit);
    if frac == 0 {
        return whole.to_string();
    }
    let frac = format!("{frac:0digits$}");
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

/// `humanize.Bytes` (SI units), as `endpoint status` prints DB sizes.
pub fn human_bytes(n: u64) -> String {
    if n < 10 {
        return format!("{n} B");
    }
    let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    let e = ((n as f64).ln() / 1000f64.ln()).floor() as usize;
    let e = e.min(units.len() - 1);
    let val = (n as f64 / 1000f64.powi(e as i32) * 10.0 + 0.5).floor() / 10.0;
    if val < 10.0 {
        format!("{val:.1} {}", units[e])
    } else {
        format!("{val:.0} {}", units[e])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first version, in nanoseconds with 128-bit arithmetic: the present one must agree.
    fn reference_duration(us: i64) -> String {
        fn decimal(value: u128, unit: u128, digits: usize) -> String {
            let (whole, frac) = (value / unit, value % unit);
            if frac == 0 {
                return whole.to_string();
            }
            let frac = format!("{frac:0digits$}");
            format!("{whole}.{}", frac.trim_end_matches('0'))
        }
        if us == 0 {
            return "0s".into();
        }
        let ns = u128::from(us.unsigned_abs()) * 1000;
        let sign = if us < 0 { "-" } else { "" };
        if ns < 1_000_000 {
            return format!("{sign}{}µs", decimal(ns, 1_000, 3));
        }
        if ns < 1_000_000_000 {
            return format!("{sign}{}ms", decimal(ns, 1_000_000, 6));
        }
        let (h, m) = (ns / 3_600_000_000_000, ns / 60_000_000_000 % 60);
        let seconds = decimal(ns % 60_000_000_000, 1_000_000_000, 9);
        match (h, m) {
            (0, 0) => format!("{sign}{seconds}s"),
            (0, m) => format!("{sign}{m}m{seconds}s"),
            (h, m) => format!("{sign}{h}h{m}m{seconds}s"),
        }
    }

    #[test]
    fn durations_agree_with_the_reference() {
        let mut values = vec![i64::MIN, i64::MIN + 1, i64::MAX, i64::MAX - 1];
        for base in [
            1i64, 999, 1_000, 1_001, 999_999, 1_000_000, 1_500_000, 59_999_999,
        ] {
            for scale in [1i64, 60, 3_600, 86_400, 1_000_000] {
                let v = base.saturating_mul(scale);
                values.extend([v, v - 1, v + 1, -v, 1 - v]);
            }
        }
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push((x as i64) >> (x % 60));
        }
        for v in values {
            assert_eq!(duration(v), reference_duration(v), "{v}");
        }
    }

    #[test]
    fn go_formats() {
        assert_eq!(duration(1_800), "1.8ms");
        assert_eq!(duration(2_095_242 / 1000), "2.095ms");
        assert_eq!(duration(812), "812µs");
        assert_eq!(duration(5_000_000), "5s");
        assert_eq!(duration(90_500_000), "1m30.5s");
        assert_eq!(duration(7_200_000_000), "2h0m0s");
        assert_eq!(duration(-1_500), "-1.5ms");
        assert_eq!(duration(3_723_000_001), "1h2m3.000001s");
        assert_eq!(duration(60_000_000), "1m0s");
        assert_eq!(human_bytes(20_480), "20 kB");
        assert_eq!(human_bytes(1_234), "1.2 kB");
        assert_eq!(human_bytes(5), "5 B");
        assert_eq!(parse_duration("5s"), Ok(5_000_000));
        assert_eq!(parse_duration("1m30s"), Ok(90_000_000));
        assert_eq!(parse_duration("500ms"), Ok(500_000));
        assert_eq!(
            parse_duration("abc"),
            Err("time: invalid duration \"abc\"".into())
        );
        assert_eq!(parse_int("ff", 16), Ok(255));
        assert_eq!(
            parse_int("99999999999999999999", 10),
            Err("strconv.ParseInt: parsing \"99999999999999999999\": value out of range".into())
        );
        assert_eq!(quote("a\"b\n"), "\"a\\\"b\\n\"");
    }
}
