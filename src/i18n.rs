//! The i18n layer: every UI string goes through [`tr`] with a key from
//! `assets/locales/app.yml`, in the language the user chose.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// A UI language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    /// Simplified Chinese, the first language.
    ZhCn,
    English,
}

impl Language {
    /// All UI languages, Chinese first.
    pub const ALL: [Language; 2] = [Language::ZhCn, Language::English];

    /// The locale code used in the locale files.
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::English => "en",
        }
    }

    /// The language's name in itself, for the language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::ZhCn => "简体中文",
            Language::English => "English",
        }
    }

    /// Picks the UI language for an OS locale such as `zh-Hans-CN`, `zh_TW` or `en-US`:
    /// any Chinese locale gets Chinese, anything else English.
    pub fn for_locale(locale: &str) -> Language {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Language::ZhCn
        } else {
            Language::English
        }
    }

    /// The language of the OS's locale; Chinese when the OS does not say.
    pub fn from_os() -> Language {
        sys_locale::get_locale()
            .map(|l| Language::for_locale(&l))
            .unwrap_or(Language::ZhCn)
    }

    /// The language a text is written in: Chinese where it has Han characters, else
    /// English (what a workspace's exports follow when nobody says).
    pub fn of_text(text: &str) -> Language {
        let han = text.chars().any(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
        });
        if han {
            Language::ZhCn
        } else {
            Language::English
        }
    }

    /// A language as the command line names it: `zh`, `zh-CN`, `cn`, `en`, `en-US` ….
    pub fn parse(name: &str) -> Option<Language> {
        let n = name.trim().to_ascii_lowercase();
        if n.starts_with("zh") || n == "cn" || n == "中文" {
            Some(Language::ZhCn)
        } else if n.starts_with("en") {
            Some(Language::English)
        } else {
            None
        }
    }

    /// The other language, for the quick switch command.
    pub fn other(self) -> Language {
        match self {
            Language::ZhCn => Language::English,
            Language::English => Language::ZhCn,
        }
    }
}

/// The text for `key` in `lang`.
pub fn tr(lang: Language, key: &str) -> String {
    translate(lang, key).into_owned()
}

/// What goes between a label and its value: `：` in Chinese, `: ` in English.
pub fn colon(lang: Language) -> &'static str {
    match lang {
        Language::ZhCn => "：",
        Language::English => ": ",
    }
}

/// The text for `key` in `lang`, with each `%{name}` replaced by its value.
pub fn tr_with(lang: Language, key: &str, args: &[(&str, &str)]) -> String {
    let mut text = translate(lang, key).into_owned();
    for (name, value) in args {
        text = text.replace(&format!("%{{{name}}}"), value);
    }
    text
}

fn translate(lang: Language, key: &str) -> Cow<'static, str> {
    crate::_rust_i18n_try_translate(lang.code(), key)
        .map(|c| Cow::Owned(c.into_owned()))
        .unwrap_or_else(|| Cow::Owned(key.to_owned()))
}

/// Whether `key` has a text in `lang` (for tests and checks).
pub fn has_key(lang: Language, key: &str) -> bool {
    crate::_rust_i18n_try_translate(lang.code(), key).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_locales_get_chinese() {
        for l in ["zh-CN", "zh-Hans-CN", "zh_TW", "ZH"] {
            assert_eq!(Language::for_locale(l), Language::ZhCn, "{l}");
        }
        for l in ["en-US", "de-DE", "ja-JP", ""] {
            assert_eq!(Language::for_locale(l), Language::English, "{l}");
        }
    }

    #[test]
    fn texts_differ_by_language_and_take_arguments() {
        assert_eq!(tr(Language::ZhCn, "nav.overview"), "概览");
        assert_eq!(tr(Language::English, "nav.overview"), "Overview");
        assert_eq!(
            tr_with(Language::ZhCn, "overview.starts", &[("date", "2027-01-04")]),
            "2027-01-04 开始"
        );
    }

    /// Every key in the locale file has both languages, and every key the code uses
    /// exists: a missing text would show its key to the user.
    #[test]
    fn every_key_is_translated_and_every_used_key_exists() {
        let yml = include_str!("../assets/locales/app.yml");
        let keys: Vec<&str> = yml
            .lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && !l.starts_with('_'))
            .filter_map(|l| l.strip_suffix(':'))
            .collect();
        assert!(keys.len() > 50);
        for key in &keys {
            for lang in Language::ALL {
                assert!(has_key(lang, key), "{key} has no {} text", lang.code());
            }
        }
        let namespaces: std::collections::BTreeSet<&str> =
            keys.iter().filter_map(|k| k.split('.').next()).collect();
        let mut missing = Vec::new();
        visit_sources(
            // The run-time variable, not the compile-time one: a build cached from
            // another clone of the repository must still read this clone's sources.
            &std::path::PathBuf::from(
                std::env::var("CARGO_MANIFEST_DIR")
                    .unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned()),
            )
            .join("src"),
            &mut |text| {
                for literal in text.split('"').skip(1).step_by(2) {
                    let looks_like_key = literal.contains('.')
                        && !literal.contains(' ')
                        && literal
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
                        && literal
                            .split('.')
                            .next()
                            .is_some_and(|ns| namespaces.contains(ns));
                    if looks_like_key && !keys.contains(&literal) {
                        missing.push(literal.to_owned());
                    }
                }
            },
        );
        assert!(
            missing.is_empty(),
            "keys used in code but not in app.yml: {missing:?}"
        );
    }

    fn visit_sources(dir: &std::path::Path, f: &mut dyn FnMut(&str)) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                visit_sources(&path, f);
            } else if path.extension().is_some_and(|e| e == "rs") {
                f(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
}
