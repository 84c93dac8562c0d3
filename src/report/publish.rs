//! A report as the PM sends it: built with what they typed (narrative, overrides), the
//! kind's template and the earlier published reports, and frozen as a snapshot when
//! published.

use chrono::NaiveDateTime;

use crate::i18n::Language;
use crate::model::Project;
use crate::model::report::{ReportKey, ReportSnapshot};
use crate::report::document::Document;
use crate::report::weekly::{self, Period, WeeklyReport};
use crate::store::{StoreResult, Workspace};

/// A weekly report ready to show, export or publish.
#[derive(Clone, Debug)]
pub struct WeeklyBuild {
    pub key: ReportKey,
    pub report: WeeklyReport,
    pub document: Document,
}

/// The key of a project's weekly report for a period.
pub fn weekly_key(project: &Project, period: Period) -> ReportKey {
    ReportKey {
        kind: "weekly".to_owned(),
        subject: project.fields.name.clone(),
        from: period.from,
        to: period.to,
    }
}

/// The project's weekly report for the period, with the PM's draft, the template and
/// the comparison with published reports.
pub fn weekly(
    ws: &Workspace,
    project: &Project,
    period: Period,
    lang: Language,
) -> StoreResult<WeeklyBuild> {
    let key = weekly_key(project, period);
    let mut report = weekly::weekly(ws, project, period)?;
    report.apply_draft(&ws.report_draft(&key)?);
    report.with_history(&ws.report_snapshots()?);
    let template = ws.report_template("weekly")?;
    let document = weekly::document(&report, lang, &template);
    Ok(WeeklyBuild {
        key,
        report,
        document,
    })
}

/// The snapshot that publishing this report stores: its facts (the JSON of `report
/// --as json`, with the narrative and the reasons for overrides) and its document.
pub fn snapshot(
    build: &WeeklyBuild,
    project: &Project,
    published_at: NaiveDateTime,
    published_by: &str,
) -> ReportSnapshot {
    ReportSnapshot {
        project: Some(project.id),
        ..snapshot_parts(build, published_at, published_by)
    }
}

/// The snapshot of a weekly report, its project left for the caller to set.
pub fn snapshot_parts(
    build: &WeeklyBuild,
    published_at: NaiveDateTime,
    published_by: &str,
) -> ReportSnapshot {
    let r = &build.report;
    let mut facts = weekly::to_json(r);
    facts["narrative"] = serde_json::to_value(&r.narrative).unwrap_or_default();
    facts["reasons"] = r
        .reasons
        .iter()
        .map(|(d, why)| serde_json::json!({"dimension": d.code(), "reason": why}))
        .collect::<Vec<_>>()
        .into();
    ReportSnapshot {
        id: 0,
        key: build.key.clone(),
        project: None,
        published_at,
        published_by: published_by.to_owned(),
        lang: build.document.lang.code().to_owned(),
        status: r
            .status
            .get(weekly::Dimension::Overall)
            .map(|s| s.code().to_owned()),
        facts,
        document: serde_json::to_value(&build.document).unwrap_or_default(),
    }
}

/// A published report's document, exactly as it was sent.
pub fn frozen_document(snapshot: &ReportSnapshot) -> Option<Document> {
    serde_json::from_value(snapshot.document.clone()).ok()
}

/// The language reports and exported files are written in: the workspace's choice,
/// else the language of its own text.
pub fn report_language(ws: &Workspace) -> StoreResult<Language> {
    Ok(
        match ws
            .report_language_code()?
            .as_deref()
            .and_then(Language::parse)
        {
            Some(lang) => lang,
            None => Language::of_text(&ws.text_sample()?),
        },
    )
}

/// Who is publishing: the account's name, as the operating system gives it.
pub fn who() -> String {
    crate::store::account_name()
}

/// `reports --json`: one line per published report.
pub fn list_json(snapshots: &[ReportSnapshot]) -> serde_json::Value {
    snapshots
        .iter()
        .map(|s| {
            serde_json::json!({
                "id": s.id,
                "kind": s.key.kind,
                "subject": s.key.subject,
                "period": {"from": s.key.from.to_string(), "to": s.key.to.to_string()},
                "published_at": s.published_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                "published_by": s.published_by,
                "lang": s.lang,
                "status": s.status,
            })
        })
        .collect::<Vec<_>>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Change;
    use crate::model::report::{Narrative, ReportDraft, StatusOverride};

    #[test]
    fn publishing_freezes_the_report_and_the_next_one_compares_with_it() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let project = ws.projects().unwrap_or_default().remove(0);
        let status = project.fields.status_date.unwrap_or_default();
        let this_week = Period::week_of(status);
        let last_week = Period::week_of(status - chrono::Duration::days(7));
        let before = ws.report_snapshots().unwrap_or_default().len();

        // An amber override without a reason is refused; with one it is kept.
        let key = weekly_key(&project, last_week);
        let mut draft = ReportDraft {
            narrative: Narrative {
                summary: "上周摘要".into(),
                ..Default::default()
            },
            overrides: vec![StatusOverride {
                dimension: "schedule".into(),
                rag: "amber".into(),
                reason: " ".into(),
            }],
        };
        assert!(
            ws.apply(Change::SetReportDraft {
                key: key.clone(),
                draft: draft.clone()
            })
            .is_err()
        );
        draft.overrides[0].reason = "供应商已承诺追回".into();
        // The register's red (a high threat still being analysed) overridden too.
        draft.overrides.push(StatusOverride {
            dimension: "risk".into(),
            rag: "amber".into(),
            reason: "测评机构档期本周确认".into(),
        });
        // And the release's red quality (pass rate under 90 % after the second run).
        draft.overrides.push(StatusOverride {
            dimension: "quality".into(),
            rag: "amber".into(),
            reason: "第三轮回归已排期，S2 缺陷修复中".into(),
        });
        ws.apply(Change::SetReportDraft {
            key: key.clone(),
            draft,
        })
        .unwrap_or_else(|e| panic!("{e}"));
        let last =
            weekly(&ws, &project, last_week, Language::ZhCn).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            last.report.status.get(weekly::Dimension::Schedule),
            Some(weekly::Rag::Amber)
        );
        let at = status.and_hms_opt(9, 0, 0).unwrap_or_default();
        ws.apply(Change::PublishReport(snapshot(&last, &project, at, "pm")))
            .unwrap_or_else(|e| panic!("{e}"));
        let snaps = ws.report_snapshots().unwrap_or_default();
        assert_eq!(snaps.len(), before + 1);
        // The demo published that week already; a second publication is kept beside it.
        let published = snaps
            .iter()
            .filter(|s| s.key == key)
            .max_by_key(|s| s.id)
            .unwrap_or_else(|| panic!("published"));
        assert_eq!(frozen_document(published).as_ref(), Some(&last.document));
        assert_eq!(published.facts["narrative"]["summary"], "上周摘要");

        // Changing the draft later does not change what was sent.
        ws.apply(Change::SetReportDraft {
            key: key.clone(),
            draft: ReportDraft::default(),
        })
        .unwrap_or_else(|e| panic!("{e}"));
        let again = ws.report_snapshots().unwrap_or_default();
        assert_eq!(
            frozen_document(&again[again.len() - 1]),
            frozen_document(published)
        );

        // This week's report compares with it.
        let now =
            weekly(&ws, &project, this_week, Language::ZhCn).unwrap_or_else(|e| panic!("{e}"));
        let previous = now
            .report
            .previous
            .as_ref()
            .unwrap_or_else(|| panic!("previous"));
        assert_eq!(previous.period, last_week);
        let md = crate::report::document::to_markdown(&now.document);
        assert!(md.contains("与上期对比"), "{md}");
        assert!(md.contains("上期预测"), "{md}");

        // Publishing is one undoable edit.
        ws.undo().unwrap_or_else(|e| panic!("{e}")); // the draft cleared
        ws.undo().unwrap_or_else(|e| panic!("{e}")); // the publish
        assert_eq!(ws.report_snapshots().unwrap_or_default().len(), before);
        let list = list_json(&snaps);
        let mine = list
            .as_array()
            .and_then(|l| l.iter().find(|r| r["id"] == published.id))
            .unwrap_or_else(|| panic!("listed"));
        assert_eq!(mine["kind"], "weekly");
        // The overall follows the overridden schedule (the worst of the dimensions).
        assert_eq!(mine["status"], "amber");
    }

    #[test]
    fn the_report_language_is_the_workspace_setting_else_its_text() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(report_language(&ws).ok(), Some(Language::ZhCn));
        ws.apply(Change::SetReportLanguage(Some("en".into())))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(report_language(&ws).ok(), Some(Language::English));
        assert!(
            ws.apply(Change::SetReportLanguage(Some("fr".into())))
                .is_err()
        );
        let project = ws.projects().unwrap_or_default().remove(0);
        let period = Period::week_of(project.fields.status_date.unwrap_or_default());
        let lang = report_language(&ws).unwrap_or(Language::ZhCn);
        let w = weekly(&ws, &project, period, lang).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            w.document.title.starts_with("Weekly status report"),
            "{}",
            w.document.title
        );
        ws.undo().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(report_language(&ws).ok(), Some(Language::ZhCn));
    }
}
