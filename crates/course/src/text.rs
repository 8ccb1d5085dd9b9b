//! Bilingual text: every user-visible string the course returns carries English and
//! Korean side by side, so the page can switch languages at any time without a lookup.

use serde::Serialize;
use std::borrow::Cow;

/// The two languages of the course.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// `"en"` / `"ko"`, as used in lesson files (`title.en`) and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// One string in both languages. Static data borrows, parsed lessons own.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Text {
    pub en: Cow<'static, str>,
    pub ko: Cow<'static, str>,
}

impl Text {
    /// Text known at compile time (the chooser's tables).
    pub const fn new(en: &'static str, ko: &'static str) -> Text {
        Text {
            en: Cow::Borrowed(en),
            ko: Cow::Borrowed(ko),
        }
    }

    /// Text read from a lesson file.
    pub fn owned(en: String, ko: String) -> Text {
        Text {
            en: Cow::Owned(en),
            ko: Cow::Owned(ko),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_get_picks_the_language() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("fr"), None);
        let t = Text::new("node", "노드");
        assert_eq!(t.get(Lang::En), "node");
        assert_eq!(t.get(Lang::Ko), "노드");
        assert_eq!(Text::owned("a".into(), "b".into()).get(Lang::Ko), "b");
    }
}
