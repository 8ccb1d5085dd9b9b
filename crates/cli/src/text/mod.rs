//! Every text the CLI writes for people, in English and Korean.
//!
//! The language is chosen once in `main` ([`Lang::choose`]) and passed down to each
//! subcommand. Each subcommand module has its table here (`text::chaos`, `text::lincheck`,
//! …): its Korean clap help, its messages as enums rendered per language, and its text-mode
//! report lines. English clap help stays in the `#[derive(Parser)]` doc comments, so the
//! English output is exactly clap's; [`args::parse`] relabels the same parser in Korean.
//! `--json` output and the emulated etcdctl terminal are not texts: they never pass here.

pub mod args;
pub mod bench;
pub mod chaos;
pub mod etcdctl;
pub mod experiment;
pub mod leader_election;
pub mod lincheck;
pub mod top;

/// The language of everything the CLI writes for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Ko,
}

/// Why `--lang` could not be read (reported in both languages: no language is known yet).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LangError {
    Missing,
    Unknown(String),
}

impl Lang {
    /// The text of this language out of a pair.
    pub fn pick<T>(self, en: T, ko: T) -> T {
        match self {
            Lang::En => en,
            Lang::Ko => ko,
        }
    }

    /// `en` or `ko`; nothing else (no guessing on `english` or `ko_KR`).
    pub fn from_flag(value: &str) -> Option<Lang> {
        match value {
            "en" => Some(Lang::En),
            "ko" => Some(Lang::Ko),
            _ => None,
        }
    }

    /// The locale as gettext orders it: the first non-empty of `LC_ALL`, `LC_MESSAGES`,
    /// `LANG` decides (so `LC_ALL=C` wins over `LANG=ko_KR.UTF-8`); Korean when it starts
    /// with `ko`, else English.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|v| !v.is_empty()))
            .map_or(Lang::En, |v| {
                if v.starts_with("ko") {
                    Lang::Ko
                } else {
                    Lang::En
                }
            })
    }

    /// Takes every `--lang X` / `--lang=X` out of the command line (before or after the
    /// subcommand name, up to a `--`), and returns the language (the last flag wins, else
    /// the locale) and the remaining arguments.
    pub fn choose(
        args: &[String],
        var: impl Fn(&str) -> Option<String>,
    ) -> Result<(Lang, Vec<String>), LangError> {
        let mut chosen = None;
        let mut rest = Vec::with_capacity(args.len());
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let value = if arg == "--" {
                rest.push(arg.clone());
                rest.extend(it.by_ref().cloned());
                break;
            } else if arg == "--lang" {
                it.next().ok_or(LangError::Missing)?.as_str()
            } else if let Some(v) = arg.strip_prefix("--lang=") {
                v
            } else {
                rest.push(arg.clone());
                continue;
            };
            chosen = Some(Lang::from_flag(value).ok_or(LangError::Unknown(value.to_string()))?);
        }
        Ok((chosen.unwrap_or_else(|| Lang::from_locale(var)), rest))
    }
}

impl LangError {
    /// Both languages, English first: the user asked for a language we could not read.
    pub fn render(&self) -> String {
        match self {
            LangError::Missing => "quorum: --lang needs a value: en or ko\n\
                 quorum: --lang 뒤에 언어를 지정하세요: en 또는 ko"
                .to_string(),
            LangError::Unknown(v) => format!(
                "quorum: --lang must be en or ko, not '{v}'\n\
                 quorum: --lang에는 en 또는 ko만 쓸 수 있습니다 (입력: '{v}')"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn locale_follows_gettext_order() {
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[("LANG", "ko_KR.UTF-8")])), Lang::Ko);
        assert_eq!(Lang::from_locale(env(&[("LANG", "ko")])), Lang::Ko);
        let c_over_ko = [("LC_ALL", "C"), ("LANG", "ko_KR.UTF-8")];
        assert_eq!(Lang::from_locale(env(&c_over_ko)), Lang::En);
        let messages = [("LC_MESSAGES", "ko_KR.UTF-8"), ("LANG", "en_US.UTF-8")];
        assert_eq!(Lang::from_locale(env(&messages)), Lang::Ko);
        let empty_skipped = [("LC_ALL", ""), ("LANG", "ko_KR.UTF-8")];
        assert_eq!(Lang::from_locale(env(&empty_skipped)), Lang::Ko);
    }

    #[test]
    fn the_flag_is_taken_out_anywhere_before_a_double_dash() {
        let ko = env(&[("LANG", "ko_KR.UTF-8")]);
        let (lang, rest) =
            Lang::choose(&args(&["--lang", "en", "chaos", "--seeds", "3"]), &ko).expect("valid");
        assert_eq!((lang, rest), (Lang::En, args(&["chaos", "--seeds", "3"])));
        let (lang, rest) =
            Lang::choose(&args(&["chaos", "--lang=ko", "--seeds", "3"]), env(&[])).expect("ok");
        assert_eq!((lang, rest), (Lang::Ko, args(&["chaos", "--seeds", "3"])));
        let (lang, rest) = Lang::choose(&args(&["lincheck", "--", "--lang"]), &ko).expect("ok");
        assert_eq!(
            (lang, rest),
            (Lang::Ko, args(&["lincheck", "--", "--lang"]))
        );
    }

    #[test]
    fn a_bad_flag_is_an_error() {
        let none = env(&[]);
        assert_eq!(
            Lang::choose(&args(&["--lang", "xx"]), &none),
            Err(LangError::Unknown("xx".into()))
        );
        assert_eq!(
            Lang::choose(&args(&["chaos", "--lang"]), &none),
            Err(LangError::Missing)
        );
        assert_eq!(
            Lang::choose(&args(&["--lang=", "chaos"]), &none),
            Err(LangError::Unknown(String::new()))
        );
    }
}
