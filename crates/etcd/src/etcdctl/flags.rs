//! A pflag-style flag parser: `--name=value`, `--name value`, `-x value`, `-xvalue`,
//! flags interspersed with arguments, `--` ends flags; errors worded as pflag words them.

use litemap::LiteMap;

use super::goerr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Bool,
    Str,
    /// A string slice (`--endpoints`): parsed like a string, shown without quotes.
    List,
    Int,
    Duration,
}

#[derive(Clone, Copy, Debug)]
pub struct FlagSpec {
    pub name: &'static str,
    pub short: Option<char>,
    pub kind: Kind,
    pub default: &'static str,
    pub usage: &'static str,
}

pub const fn flag(
    name: &'static str,
    kind: Kind,
    default: &'static str,
    usage: &'static str,
) -> FlagSpec {
    FlagSpec {
        name,
        short: None,
        kind,
        default,
        usage,
    }
}

pub const fn short(
    name: &'static str,
    s: char,
    kind: Kind,
    default: &'static str,
    usage: &'static str,
) -> FlagSpec {
    FlagSpec {
        name,
        short: Some(s),
        kind,
        default,
        usage,
    }
}

/// Parsed flag values (always valid for their kind).
#[derive(Clone, Debug, Default)]
pub struct Flags {
    vals: LiteMap<&'static str, String>,
    changed: LiteMap<&'static str, bool>,
    /// How many positional arguments came before a `--` (etcdctl's watch looks for it).
    pub dash: Option<usize>,
}

impl Flags {
    pub fn str(&self, n: &str) -> String {
        self.vals.get(n).cloned().unwrap_or_default()
    }
    pub fn bool(&self, n: &str) -> bool {
        self.vals
            .get(n)
            .is_some_and(|v| goerr::parse_bool(v) == Ok(true))
    }
    pub fn int(&self, n: &str) -> i64 {
        self.vals
            .get(n)
            .and_then(|v| goerr::parse_int(v, 10).ok())
            .unwrap_or(0)
    }
    /// Duration flags in µs.
    pub fn duration(&self, n: &str) -> i64 {
        self.vals
            .get(n)
            .and_then(|v| goerr::parse_duration(v).ok())
            .unwrap_or(0)
    }
    pub fn changed(&self, n: &str) -> bool {
        self.changed.get(n).copied().unwrap_or(false)
    }
}

/// Does `arg` take the following argument as its value? (cobra's `stripFlags` logic,
/// used to find subcommand names among flags.)
pub fn takes_value(arg: &str, specs: &[FlagSpec]) -> bool {
    if arg.contains('=') {
        return false;
    }
    if let Some(name) = arg.strip_prefix("--") {
        return specs.iter().any(|s| s.name == name && s.kind != Kind::Bool);
    }
    if let Some(sh) = arg.strip_prefix('-') {
        if sh.chars().count() == 1 {
            let c = sh.chars().next();
            return specs.iter().any(|s| s.short == c && s.kind != Kind::Bool);
        }
    }
    false
}

pub fn parse(args: &[String], specs: &[FlagSpec]) -> Result<(Flags, Vec<String>), String> {
    let mut f = Flags::default();
    for s in specs {
        f.vals.insert(s.name, s.default.to_string());
    }
    let mut pos = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            f.dash = Some(pos.len());
            pos.extend(args[i..].iter().cloned());
            break;
        }
        if let Some(body) = a.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let spec = specs
                .iter()
                .find(|s| s.name == name)
                .ok_or_else(|| format!("unknown flag: --{name}"))?;
            let value = match (inline, spec.kind) {
                (Some(v), _) => v,
                (None, Kind::Bool) => "true".into(),
                (None, _) => {
                    let v = args
                        .get(i)
                        .ok_or_else(|| format!("flag needs an argument: --{name}"))?;
                    i += 1;
                    v.clone()
                }
            };
            set(&mut f, spec, value)?;
        } else if a.len() > 1 && a.starts_with('-') {
            let chars: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                let spec = specs
                    .iter()
                    .find(|s| s.short == Some(c))
                    .ok_or_else(|| format!("unknown shorthand flag: '{c}' in {a}"))?;
                let rest: String = chars[j + 1..].iter().collect();
                if spec.kind == Kind::Bool {
                    if let Some(v) = rest.strip_prefix('=') {
                        set(&mut f, spec, v.to_string())?;
                        break;
                    }
                    set(&mut f, spec, "true".into())?;
                    j += 1;
                    continue;
                }
                let value = if let Some(v) = rest.strip_prefix('=') {
                    v.to_string()
                } else if !rest.is_empty() {
                    rest
                } else {
                    let v = args
                        .get(i)
                        .ok_or_else(|| format!("flag needs an argument: '{c}' in -{c}"))?;
                    i += 1;
                    v.clone()
                };
                set(&mut f, spec, value)?;
                break;
            }
        } else {
            pos.push(a.clone());
        }
    }
    Ok((f, pos))
}

fn set(f: &mut Flags, spec: &FlagSpec, value: String) -> Result<(), String> {
    let check = match spec.kind {
        Kind::Bool => goerr::parse_bool(&value).map(|_| ()),
        Kind::Int => goerr::parse_int(&value, 10).map(|_| ()),
        Kind::Duration => goerr::parse_duration(&value).map(|_| ()),
        Kind::Str | Kind::List => Ok(()),
    };
    if let Err(e) = check {
        let name = match spec.short {
            Some(c) => format!("-{c}, --{}", spec.name),
            None => format!("--{}", spec.name),
        };
        return Err(format!(
            "invalid argument {} for {} flag: {e}",
            goerr::quote(&value),
            goerr::quote(&name)
        ));
    }
    f.vals.insert(spec.name, value);
    f.changed.insert(spec.name, true);
    Ok(())
}
