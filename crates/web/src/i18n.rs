//! Every string the page shows, in English and Korean. Components ask for a `Text` key;
//! nothing user-visible is written inline elsewhere.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Ko,
}

impl Lang {
    /// The language the browser prefers, English unless it asks for Korean.
    pub fn from_browser() -> Lang {
        let preferred = web_sys::window()
            .and_then(|w| w.navigator().language())
            .unwrap_or_default();
        Lang::from_code(&preferred).unwrap_or(Lang::En)
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.to_ascii_lowercase();
        if code.starts_with("ko") {
            Some(Lang::Ko)
        } else if code.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Ko,
            Lang::Ko => Lang::En,
        }
    }
}

/// A string written in both languages at the place it is used: views that own many strings
/// of their own use this instead of adding to `Text`, and a missing translation cannot compile.
pub fn tr(lang: Lang, en: &'static str, ko: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Title,
    Tagline,
    Play,
    Pause,
    Speed,
    SimTime,
    Leader,
    Follower,
    Candidate,
    PreCandidate,
    Learner,
    Stopped,
    Term,
    Commit,
    ClusterLabel,
    LanguageSwitch,
    NoLeader,
    LeaderIs,
}

pub fn t(lang: Lang, text: Text) -> &'static str {
    let (en, ko) = match text {
        Text::Title => ("Quorum", "Quorum"),
        Text::Tagline => (
            "Raft, etcd and highly available Kubernetes, simulated in your browser",
            "브라우저에서 시뮬레이션하는 Raft, etcd, 고가용성 쿠버네티스",
        ),
        Text::Play => ("Play", "재생"),
        Text::Pause => ("Pause", "일시정지"),
        Text::Speed => ("Speed", "속도"),
        Text::SimTime => ("Simulated time", "시뮬레이션 시간"),
        Text::Leader => ("leader", "리더"),
        Text::Follower => ("follower", "팔로워"),
        Text::Candidate => ("candidate", "후보"),
        Text::PreCandidate => ("pre-candidate", "사전 후보"),
        Text::Learner => ("learner", "러너"),
        Text::Stopped => ("stopped", "중지됨"),
        Text::Term => ("term", "임기"),
        Text::Commit => ("commit", "커밋"),
        Text::ClusterLabel => ("A simulated Raft cluster", "시뮬레이션된 Raft 클러스터"),
        Text::LanguageSwitch => ("한국어", "English"),
        Text::NoLeader => ("No leader yet", "아직 리더가 없습니다"),
        Text::LeaderIs => ("Leader", "리더"),
    };
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_parse() {
        assert_eq!(Lang::from_code("ko-KR"), Some(Lang::Ko));
        assert_eq!(Lang::from_code("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
    }
}
