//! 发布说明 / release notes: a release's delivered requirements grouped by type (新功能,
//! 优化, 修复 …) in user-facing words (title and the first sentence of the
//! description), and its known issues (open bugs of the release). Owners, scores and
//! internal notes never appear.

use crate::i18n::{Language, tr, tr_with};
use crate::model::requirement::{Release, Requirement};

/// The groups in the order release notes give them (every type of `KINDS`).
const ORDER: [&str; 6] = [
    "feature",
    "improvement",
    "non_functional",
    "bug",
    "tech_debt",
    "research",
];
use crate::report::document::{Block, Document};
use crate::store::{StoreResult, Workspace};

/// A requirement as release notes say it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub key: String,
    pub title: String,
    pub summary: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReleaseNotes {
    pub release: Release,
    /// Delivered requirements per type code, in the order of `ORDER`.
    pub groups: Vec<(String, Vec<Note>)>,
    /// Open bugs of the release.
    pub known_issues: Vec<Note>,
    /// Requirements of the release not delivered yet (counted, not listed).
    pub not_delivered: usize,
}

/// The first sentence or line of a Markdown description, without its markup, at most
/// 120 characters.
pub fn summary(description: &str) -> String {
    // Headings name parts of the description; the text under them says what it is.
    let line = description
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.trim_start_matches(['-', '*', '>', ' ']).trim())
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    let sentence = line
        .split_inclusive(['。', '！', '？', '.', '!', '?'])
        .next()
        .unwrap_or(line)
        .replace("**", "")
        .replace('`', "");
    match sentence.char_indices().nth(120) {
        Some((at, _)) => format!("{}…", &sentence[..at]),
        None => sentence,
    }
}

fn note(r: &Requirement) -> Note {
    Note {
        key: r.id.key(),
        title: r.fields.title.clone(),
        summary: summary(&r.fields.description),
    }
}

pub fn build(ws: &Workspace, release: &Release) -> StoreResult<ReleaseNotes> {
    let settings = ws.pool_settings()?;
    let mine: Vec<Requirement> = ws
        .requirements()?
        .into_iter()
        .filter(|r| r.fields.release == Some(release.id))
        .filter(|r| r.fields.status != "rejected")
        .collect();
    let closed = |r: &Requirement| settings.is_closed(&r.fields.status);
    let mut groups = Vec::new();
    // What users look for first: new things, then what got better, then fixes.
    for kind in ORDER {
        let notes: Vec<Note> = mine
            .iter()
            .filter(|r| r.fields.kind == kind && closed(r))
            .map(note)
            .collect();
        if !notes.is_empty() {
            groups.push((kind.to_owned(), notes));
        }
    }
    Ok(ReleaseNotes {
        release: release.clone(),
        groups,
        known_issues: mine
            .iter()
            .filter(|r| r.fields.kind == "bug" && !closed(r))
            .map(note)
            .collect(),
        not_delivered: mine.iter().filter(|r| !closed(r)).count(),
    })
}

pub fn to_json(n: &ReleaseNotes) -> serde_json::Value {
    let notes = |v: &[Note]| -> Vec<serde_json::Value> {
        v.iter()
            .map(|n| serde_json::json!({"key": n.key, "title": n.title, "summary": n.summary}))
            .collect()
    };
    serde_json::json!({
        "kind": "release-notes",
        "release": n.release.fields.name,
        "version": n.release.fields.version,
        "target": n.release.fields.target.map(|d| d.to_string()),
        "groups": n.groups.iter().map(|(kind, v)| serde_json::json!({
            "type": kind, "items": notes(v),
        })).collect::<Vec<_>>(),
        "known_issues": notes(&n.known_issues),
        "not_delivered": n.not_delivered,
    })
}

pub fn document(n: &ReleaseNotes, lang: Language, organisation: Option<String>) -> Document {
    let f = &n.release.fields;
    let name = if f.version.is_empty() {
        f.name.clone()
    } else {
        format!("{} {}", f.name, f.version)
    };
    let mut blocks = Vec::new();
    if n.groups.is_empty() {
        blocks.push(Block::Paragraph(tr(lang, "release_notes.nothing_yet")));
    }
    for (kind, notes) in &n.groups {
        blocks.push(Block::Heading(tr(
            lang,
            &format!("release_notes.group.{kind}"),
        )));
        blocks.push(Block::Bullets(
            notes
                .iter()
                .map(|n| {
                    if n.summary.is_empty() || n.summary == n.title {
                        n.title.clone()
                    } else {
                        format!("{}：{}", n.title, n.summary)
                    }
                })
                .collect(),
        ));
    }
    if !n.known_issues.is_empty() {
        blocks.push(Block::Heading(tr(lang, "release_notes.known_issues")));
        blocks.push(Block::Bullets(
            n.known_issues.iter().map(|n| n.title.clone()).collect(),
        ));
    }
    let subtitle = match f.target {
        Some(d) => tr_with(lang, "release_notes.target", &[("date", &d.to_string())]),
        None => String::new(),
    };
    Document {
        lang,
        title: tr_with(lang, "release_notes.title", &[("release", &name)]),
        subtitle: subtitle.clone(),
        organisation,
        running_header: format!("{name} · {subtitle}"),
        blocks,
        logo: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_requirement_type_has_its_group() {
        for kind in crate::model::requirement::KINDS {
            assert!(ORDER.contains(&kind), "{kind}");
        }
    }

    #[test]
    fn a_summary_is_the_first_sentence_without_markup() {
        assert_eq!(
            summary("## 背景\n\n**坐席**可以一键生成摘要。其余内容略。"),
            "坐席可以一键生成摘要。"
        );
        assert_eq!(
            summary("- 会话结束后自动写好摘要。然后"),
            "会话结束后自动写好摘要。"
        );
        assert_eq!(summary(""), "");
        assert!(summary(&"长".repeat(300)).chars().count() <= 121);
    }
}
