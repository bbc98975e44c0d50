//! Samples, medians and the one table.

use std::fmt::Write as _;

/// One measurement of one scenario on one server.
#[derive(Debug, Clone, Default)]
pub struct Sample {
    /// The row's headline figure, in the row's unit.
    pub value: f64,
    pub rps: Option<f64>,
    pub p50_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    pub errors: Option<u64>,
    pub rss_mib: Option<f64>,
    pub generator: Option<&'static str>,
}

/// Medians of a row's samples.
#[derive(Debug, Clone, Default)]
pub struct Agg {
    pub n: usize,
    pub value: f64,
    pub rps: Option<f64>,
    pub p50_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    /// The largest error count of any sample (errors are not averaged away).
    pub errors: Option<u64>,
    pub rss_mib: Option<f64>,
    pub generator: Option<&'static str>,
}

pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

fn median_of(samples: &[Sample], f: impl Fn(&Sample) -> Option<f64>) -> Option<f64> {
    let mut v: Vec<f64> = samples.iter().filter_map(f).collect();
    median(&mut v)
}

/// How a row's samples combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    /// Each sample is a run with its own percentiles: medians of every field.
    Runs,
    /// Each sample is one timing: the value is their median and p50/p99 their percentiles.
    Timings,
}

pub fn aggregate(samples: &[Sample], how: Combine) -> Option<Agg> {
    if samples.is_empty() {
        return None;
    }
    let mut agg = Agg {
        n: samples.len(),
        value: median_of(samples, |s| Some(s.value)).unwrap_or_default(),
        rps: median_of(samples, |s| s.rps),
        p50_ms: median_of(samples, |s| s.p50_ms),
        p99_ms: median_of(samples, |s| s.p99_ms),
        errors: samples.iter().filter_map(|s| s.errors).max(),
        rss_mib: median_of(samples, |s| s.rss_mib),
        generator: samples.iter().find_map(|s| s.generator),
    };
    if how == Combine::Timings {
        let mut v: Vec<f64> = samples.iter().map(|s| s.value).collect();
        v.sort_by(f64::total_cmp);
        agg.p50_ms = Some(crate::load::percentile(&v, 0.5));
        agg.p99_ms = Some(crate::load::percentile(&v, 0.99));
    }
    Some(agg)
}

/// A target: its text and whether the figures meet it.
#[derive(Clone, Copy)]
pub struct Target {
    pub text: &'static str,
    pub met: fn(&Agg) -> bool,
}

/// One line of the table.
pub struct Row {
    pub id: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub combine: Combine,
    pub target: Option<Target>,
    pub magemock: Vec<Sample>,
    /// The floor's figure for the same thing, when there is one.
    pub floor: Vec<Sample>,
}

fn fmt(v: f64) -> String {
    if v >= 1000.0 {
        let whole = v.round() as u64;
        let s = whole.to_string();
        let lead = match s.len() % 3 {
            0 => 3,
            n => n,
        };
        let mut out = s[..lead].to_string();
        for group in s.as_bytes()[lead..].chunks(3) {
            out.push(',');
            out.push_str(std::str::from_utf8(group).unwrap_or_default());
        }
        out
    } else if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn opt(v: Option<f64>) -> String {
    v.map(fmt).unwrap_or_else(|| "—".into())
}

/// The table, as Markdown.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| scenario | unit | magemock | floor | ratio | target | met | req/s | p50 ms | p99 ms | errors | RSS MiB | n | generator |"
    );
    let _ = writeln!(
        out,
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    );
    for row in rows {
        let Some(mm) = aggregate(&row.magemock, row.combine) else {
            continue;
        };
        let floor = aggregate(&row.floor, row.combine);
        let ratio = floor
            .as_ref()
            .filter(|f| f.value > 0.0)
            .map(|f| format!("{:.2}×", mm.value / f.value))
            .unwrap_or_else(|| "—".into());
        let (target, met) = match &row.target {
            Some(t) => (
                t.text.to_string(),
                if (t.met)(&mm) { "yes" } else { "**no**" }.to_string(),
            ),
            None => ("—".into(), "—".into()),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.label,
            row.unit,
            fmt(mm.value),
            floor
                .as_ref()
                .map(|f| fmt(f.value))
                .unwrap_or_else(|| "—".into()),
            ratio,
            target,
            met,
            opt(mm.rps),
            opt(mm.p50_ms),
            opt(mm.p99_ms),
            mm.errors
                .map(|e| e.to_string())
                .unwrap_or_else(|| "—".into()),
            opt(mm.rss_mib),
            mm.n,
            mm.generator.unwrap_or("—"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_thousands() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
        assert_eq!(fmt(36_743.2), "36,743");
        assert_eq!(fmt(734_558.0), "734,558");
        assert_eq!(fmt(1_000.0), "1,000");
        assert_eq!(fmt(27.44), "27.4");
        assert_eq!(fmt(4.123), "4.12");
    }
}
