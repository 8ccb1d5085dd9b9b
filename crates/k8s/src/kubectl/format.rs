//! kubectl's text conventions: tab-aligned tables, ages, timestamps.

/// Align rows like kubectl's tabwriter (minimum cell width 6, padding 3; the last
/// column is not padded).
pub fn table(rows: &[Vec<String>]) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max((cell.chars().count() + 3).max(6));
        }
    }
    rows.iter()
        .map(|row| {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                line.push_str(cell);
                if i + 1 < row.len() {
                    let pad = widths[i].saturating_sub(cell.chars().count());
                    line.push_str(&" ".repeat(pad));
                }
            }
            line
        })
        .collect()
}

/// `duration.HumanDuration` from k8s.io/apimachinery, as kubectl's AGE column shows it.
pub fn human_duration(us: u64) -> String {
    let seconds = us / 1_000_000;
    if seconds < 120 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    let days = hours / 24;
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{days}d")
        } else {
            format!("{days}d{h}h")
        };
    }
    if days < 365 * 2 {
        return format!("{days}d");
    }
    format!("{}y", days / 365)
}

/// Simulated time 0 on the wall clock: 2024-05-01T09:00:00Z (seconds since the epoch).
pub const EPOCH_UNIX_S: u64 = 1_714_554_000;

/// RFC 3339 with µs, as `MicroTime` is serialised (`2024-05-01T09:00:05.123456Z`).
pub fn micro_time(us: u64) -> String {
    let (date, secs) = civil(us);
    format!("{date}T{}.{:06}Z", clock(secs), us % 1_000_000)
}

/// RFC 3339 to the second, as `metav1.Time` is serialised.
pub fn timestamp(us: u64) -> String {
    let (date, secs) = civil(us);
    format!("{date}T{}Z", clock(secs))
}

fn clock(secs_of_day: u64) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        secs_of_day / 3600,
        secs_of_day / 60 % 60,
        secs_of_day % 60
    )
}

/// The date and the second of the day.
fn civil(us: u64) -> (String, u64) {
    let total = EPOCH_UNIX_S + us / 1_000_000;
    let days = (total / 86_400) as i64;
    let (year, month, day) = quorum_sim::units::civil_from_days(days);
    (format!("{year:04}-{month:02}-{day:02}"), total % 86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_like_kubectl() {
        assert_eq!(human_duration(5_000_000), "5s");
        assert_eq!(human_duration(119_000_000), "119s");
        assert_eq!(human_duration(150_000_000), "2m30s");
        assert_eq!(human_duration(600_000_000), "10m");
        assert_eq!(human_duration(3 * 3600 * 1_000_000 + 60_000_000), "3h1m");
        assert_eq!(human_duration(50 * 3600 * 1_000_000), "2d2h");
    }

    #[test]
    fn timestamps() {
        assert_eq!(timestamp(0), "2024-05-01T09:00:00Z");
        assert_eq!(micro_time(5_123_456), "2024-05-01T09:00:05.123456Z");
        assert_eq!(timestamp(86_400_000_000 * 31), "2024-06-01T09:00:00Z");
    }

    #[test]
    fn tables_align() {
        let rows = vec![
            vec!["NAME".to_string(), "AGE".to_string()],
            vec!["web-1".to_string(), "5s".to_string()],
        ];
        assert_eq!(table(&rows), vec!["NAME    AGE", "web-1   5s"]);
    }
}
